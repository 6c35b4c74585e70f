"""Eval case files in the window: the tree lists a plugin's cases under it, a grader opens
with its own form (an edit changes one line, one undo step) and its lint, and the preview
names the case. Real key and mouse events throughout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from agentquill.core import evals
from agentquill.core.frontmatter import parse
from agentquill.core.render import render_html
from agentquill.ui.project.dock import mark_kind
from agentquill.ui.project.model import ENTRY_ROLE, GROUP_ROLE, ProjectModel
from agentquill.ui.window.main_window import MainWindow

WAIT = 15_000
GROUP = "Evals · Plugin · seed"


@pytest.fixture
def plugin(tmp_path) -> Path:
    root = tmp_path / "seed"
    (root / ".claude-plugin").mkdir(parents=True)
    (root / ".claude-plugin" / "plugin.json").write_text(json.dumps({"name": "seed"}))
    (root / "agents").mkdir()
    (root / "agents" / "api.md").write_text("---\nname: api\ndescription: Builds APIs.\n---\nHi\n")
    evals.add_case(root / "evals", "api", "Create an API endpoint for sign-up", "use")
    evals.add_case(root / "evals", "api", "Write a haiku", "avoid")
    return root


def open_indexed(qtbot, window: MainWindow, root: Path) -> ProjectModel:
    assert window.projects.open(root)
    qtbot.waitUntil(lambda: window.projects.session and window.projects.session.done, timeout=WAIT)
    return window.project_tree.model


def below(model: ProjectModel, index) -> list:
    return [model.index(r, 0, index) for r in range(model.rowCount(index))]


def tree_of(model: ProjectModel, index) -> list:
    """The labels under ``index``, each with the labels under it."""
    return [(child.data(), tree_of(model, child)) for child in below(model, index)]


def group(model: ProjectModel, title: str):
    return next((g for g in below(model, QModelIndex()) if g.data() == title), None)


def caught_up(qtbot, tab) -> None:
    qtbot.waitUntil(lambda: not tab._analyse_timer.isActive() and not tab._catching_up)
    QApplication.processEvents()


def open_row(qtbot, window: MainWindow, model: ProjectModel, agent: Path, prompt: str):
    """Open the delegation grader of ``agent``'s case of ``prompt`` with Return."""
    case = next(c for c in below(model, model.index_of(agent)) if c.data() == prompt)
    tree = window.project_tree.tree
    tree.setCurrentIndex(below(model, case)[0])
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current() is not None)
    return window.current()


def test_the_tree_lists_each_agent_s_cases_under_it(qtbot, window, plugin):
    evals.add_case(plugin / "evals", "someone-else", "Summarise the changelog", "use")
    model = open_indexed(qtbot, window, plugin)
    assert tree_of(model, model.index_of(plugin / "agents" / "api.md")) == [
        ("Create an API endpoint for sign-up", [("delegation", [])]),
        ("Write a haiku", [("delegation", [])]),
    ]
    assert tree_of(model, group(model, GROUP)) == [
        ("Summarise the changelog", [("delegation", [])])
    ]
    assert model.index(0, 0).data(GROUP_ROLE).count == 1  # the plugin's agents: one
    cases = [e for e in model.entries() if e.source.kind == "eval"]
    kinds = {e.path.name: e.dialect for e in cases}
    assert kinds == {"prompt.md": "claude-eval-prompt", "delegation.md": "claude-eval-grader"}
    assert all(e.errors == e.warnings == 0 for e in cases)


def test_a_grader_opens_with_its_form_and_an_edit_changes_one_line(qtbot, window, plugin):
    model = open_indexed(qtbot, window, plugin)
    tab = open_row(qtbot, window, model, plugin / "agents" / "api.md", "Write a haiku")
    assert tab.document.path == plugin / "evals/api--002-avoid/graders/delegation.md"
    form = tab.form
    assert {"type", "tool", "input_match", "min", "max"} <= set(form.editors)
    assert "description" not in form.editors and "color" not in form.editors
    assert form.more is None  # every grader row is built: its type shows the rows it takes
    shown = {k for k, editor in form.editors.items() if editor.isVisibleTo(form)}
    assert shown == {"type", "name", "weight", "arm", "tool", "input_match", "min", "max"}
    before = tab.document.text()
    spin = form.editors["max"].spin
    form.ensureWidgetVisible(spin)
    qtbot.mouseClick(spin, Qt.MouseButton.LeftButton)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: parse(tab.document.text()).value("max") == 2)
    assert tab.document.text() == before.replace("max: 0\n", "max: 2\n")
    caught_up(qtbot, tab)
    tab.document.qdoc.undo()
    assert tab.document.text() == before


def test_the_form_shows_the_keys_of_the_graders_type(qtbot, window, plugin):
    path = plugin / "evals/api--001-use/graders/judge.md"
    path.write_text("---\ntype: tool_used\npattern: x\n---\n")
    tab = window.files.open_file(path)
    caught_up(qtbot, tab)
    form = tab.form
    combo = form.editors["type"].combo
    assert form.editors["pattern"].isVisibleTo(form)  # set, though a tool_used grader has none
    assert not form.editors["criteria"].isVisibleTo(form)
    form.ensureWidgetVisible(combo)
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    qtbot.keyClick(combo.view(), Qt.Key.Key_End)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Up)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: parse(tab.document.text()).value("type") == "llm")
    caught_up(qtbot, tab)
    assert form.editors["criteria"].isVisibleTo(form)
    assert not form.editors["tool"].isVisibleTo(form)


def test_a_broken_grader_shows_why_claude_code_refuses_it(qtbot, window, plugin):
    path = plugin / "evals/api--001-use/graders/delegation.md"
    text = path.read_text().replace("tool: Agent\n", "").replace("min: 1", "min: 3\nmax: 1")
    path.write_text(text)
    tab = window.files.open_file(path)
    caught_up(qtbot, tab)
    assert sorted(d.code for d in tab.diagnostics) == ["AQ511", "AQ513"]
    assert window.status.problems.text() == "2 errors"


def test_a_broken_grader_row_shows_a_cross_and_its_case_leaves_its_agent(qtbot, window, plugin):
    path = plugin / "evals/api--001-use/graders/delegation.md"
    path.write_text(path.read_text().replace("tool: Agent\n", ""))
    model = open_indexed(qtbot, window, plugin)
    (case,) = below(model, group(model, GROUP))  # no longer a delegation test of api
    assert case.data() == "Create an API endpoint for sign-up"  # read though it does not load
    (grader,) = below(model, case)
    entry = grader.data(ENTRY_ROLE)
    assert entry.errors and mark_kind(entry) == "broken"
    assert mark_kind(case.data(ENTRY_ROLE)) == "eval"
    assert [c.data() for c in below(model, model.index_of(plugin / "agents/api.md"))] == [
        "Write a haiku"
    ]


def test_cases_follow_their_grader_and_their_agent(qtbot, window, plugin):
    model = open_indexed(qtbot, window, plugin)
    agent = plugin / "agents" / "api.md"
    grader = plugin / "evals/api--002-avoid/graders/delegation.md"
    grader.write_text(grader.read_text().replace("api", "web"))
    qtbot.waitUntil(lambda: group(model, GROUP) is not None, timeout=WAIT)
    assert tree_of(model, group(model, GROUP)) == [("Write a haiku", [("delegation", [])])]
    (plugin / "agents" / "web.md").write_text("---\nname: web\ndescription: Web.\n---\nHi\n")
    qtbot.waitUntil(lambda: group(model, GROUP) is None, timeout=WAIT)
    web = [c.data() for c in below(model, model.index_of(plugin / "agents/web.md"))]
    assert web == ["Write a haiku"]
    agent.unlink()  # its cases go to the Evals group
    qtbot.waitUntil(lambda: group(model, GROUP) is not None, timeout=WAIT)
    assert [c.data() for c in below(model, group(model, GROUP))] == [
        "Create an API endpoint for sign-up"
    ]


def test_the_tab_and_the_preview_name_the_case(qtbot, window, plugin):
    prompt = window.files.open_file(plugin / "evals/api--001-use/prompt.md")
    grader = window.files.open_file(plugin / "evals/api--001-use/graders/delegation.md")
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["api--001-use/prompt.md", "api--001-use/delegation.md"]
    caught_up(qtbot, prompt)
    renderer = prompt.renderer
    assert (renderer.kind, renderer.called) == ("eval", "api--001-use")
    page = render_html(prompt.document.text(), kind=renderer.kind, called=renderer.called)
    assert "api--001-use" in page and ">PROMPT</p>" in page
    page = render_html(grader.document.text(), kind="eval", called="delegation")
    assert ">CRITERIA</p>" in page


@pytest.mark.parametrize("layout", ["plugin", "project"])
def test_cases_written_after_the_project_opened_join_the_tree(qtbot, window, tmp_path, layout):
    root = tmp_path / layout
    agents = root / ("agents" if layout == "plugin" else ".claude/agents")
    agents.mkdir(parents=True)
    (agents / "api.md").write_text("---\nname: api\ndescription: Builds APIs.\n---\nHi\n")
    if layout == "plugin":
        (root / ".claude-plugin").mkdir()
        (root / ".claude-plugin" / "plugin.json").write_text(json.dumps({"name": "seed"}))
    model = open_indexed(qtbot, window, root)
    evals.add_case(root / "evals", "api", "Create an API endpoint for sign-up", "use")
    qtbot.waitUntil(
        lambda: (
            {e.path.name for e in model.entries() if e.source.kind == "eval"}
            == {"prompt.md", "delegation.md"}
        ),
        timeout=WAIT,
    )


def test_the_status_bar_counts_an_eval_file_s_tokens_without_a_description(qtbot, window, plugin):
    sizes = window.status.sizes
    for name in ("prompt.md", "graders/delegation.md"):
        tab = window.files.open_file(plugin / "evals/api--001-use" / name)
        caught_up(qtbot, tab)
        assert sizes.text().startswith("≈") and sizes.text().endswith(" tokens"), sizes.text()
        assert sizes.text() != "≈0 tokens" and "Description" not in sizes.toolTip()
    tab = window.files.open_file(plugin / "agents/api.md")
    caught_up(qtbot, tab)
    assert sizes.text() == "Description 12 · ≈4 tokens"  # "Builds APIs."


def test_the_filter_keeps_cases_under_their_agent(qtbot, window, plugin):
    model = open_indexed(qtbot, window, plugin)
    agent = plugin / "agents" / "api.md"
    box = window.project_tree.filter
    box.setFocus()
    qtbot.keyClicks(box, "api")  # the agent, a prompt, and the graders that name it
    qtbot.waitUntil(lambda: model.query == "api")
    assert tree_of(model, model.index_of(agent)) == [
        ("Create an API endpoint for sign-up", [("delegation", [])]),
        ("api--002-avoid › delegation", []),  # its case's prompt does not match
    ]
    box.selectAll()
    qtbot.keyClicks(box, "haiku")  # only the case: no agent row to go under
    qtbot.waitUntil(lambda: model.query == "haiku")
    assert tree_of(model, QModelIndex()) == [(GROUP, [("Write a haiku", [])])]
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: model.query == "")
    assert len(below(model, model.index_of(agent))) == 2 and group(model, GROUP) is None
