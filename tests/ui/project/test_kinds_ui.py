"""Skills, commands, output styles and rules in the window: the tree groups them by kind, a
skill opens with its own form (whose edits change only their line, one undo step each), and
File ▸ New creates a skill folder from its template. Real key and mouse events throughout."""

from __future__ import annotations

from pathlib import Path

import pytest
from events import field
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from agentquill.core.frontmatter import parse
from agentquill.core.project.templates import TEMPLATES
from agentquill.ui.dialogs.new_agent import NewAgentDialog
from agentquill.ui.project.model import ProjectModel
from agentquill.ui.window.main_window import MainWindow

WAIT = 15_000
BODY = "Follow these steps with care, then report what you did.\n"
SKILL = "---\nname: pdf-report\ndescription: Builds a PDF report.\nallowed-tools: Read\n---\n\n"


@pytest.fixture
def mixed(tmp_path) -> Path:
    root = tmp_path / "proj"
    files = {
        ".claude/agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews.\n"
        "skills:\n  - pdf-report\n---\n\n" + BODY,
        ".claude/skills/pdf-report/SKILL.md": SKILL + BODY,
        ".claude/skills/pdf-report/reference.md": "Notes the skill links to.\n",
        ".claude/commands/deploy.md": "---\ndescription: Deploys.\n---\n\n" + BODY,
        ".claude/commands/git/squash.md": BODY,
        ".claude/output-styles/terse.md": "---\nname: Terse\ndescription: Short.\n---\n\n" + BODY,
        ".claude/rules/python.md": "---\npaths:\n  - '**/*.py'\n---\n\n" + BODY,
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def open_indexed(qtbot, window: MainWindow, root: Path) -> ProjectModel:
    assert window.projects.open(root)
    qtbot.waitUntil(lambda: window.projects.session and window.projects.session.done, timeout=WAIT)
    return window.project_tree.model


def rows(model: ProjectModel) -> dict[str, list[str]]:
    shown = {}
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        shown[group.data()] = [
            model.index(r, 0, group).data() for r in range(model.rowCount(group))
        ]
    return shown


def caught_up(qtbot, tab) -> None:
    qtbot.waitUntil(lambda: not tab._analyse_timer.isActive() and not tab._catching_up)
    QApplication.processEvents()


def test_the_tree_groups_files_by_kind(qtbot, window, mixed):
    model = open_indexed(qtbot, window, mixed)
    assert rows(model) == {
        "Project · .claude/agents": ["reviewer"],
        "Skills · Project · .claude/skills": ["pdf-report"],
        "Commands · Project · .claude/commands": ["deploy", "git:squash"],
        "Output styles · Project · .claude/output-styles": ["Terse"],
        "Rules · Project · .claude/rules": ["python"],
    }
    entries = {e.path.name: e for e in model.entries()}
    assert entries["SKILL.md"].dialect == "claude-skill" and entries["SKILL.md"].errors == 0
    assert entries["squash.md"].errors == 0  # a command needs no frontmatter


def test_a_skill_named_unlike_its_folder_shows_its_folder_and_its_warning(qtbot, window, mixed):
    path = mixed / ".claude/skills/pdf-report/SKILL.md"
    path.write_text(SKILL.replace("name: pdf-report", "name: report") + BODY)
    model = open_indexed(qtbot, window, mixed)
    assert rows(model)["Skills · Project · .claude/skills"] == ["pdf-report"]
    (entry,) = [e for e in model.entries() if e.path == path]
    assert entry.warnings == 1  # the tree's badge
    tab = window.files.open_file(path)
    caught_up(qtbot, tab)
    assert [d.code for d in tab.diagnostics] == ["AQ505"]
    assert window.status.problems.text() == "1 warning"


def test_a_skill_opens_with_its_form_and_edits_change_one_line(qtbot, window, mixed):
    model = open_indexed(qtbot, window, mixed)
    tree = window.project_tree.tree
    group = next(
        model.index(g, 0) for g in range(model.rowCount()) if "Skills" in model.index(g, 0).data()
    )
    tree.setCurrentIndex(model.index(0, 0, group))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    path = mixed / ".claude/skills/pdf-report/SKILL.md"
    qtbot.waitUntil(lambda: window.current() is not None and window.current().document.path == path)
    tab = window.current()
    assert window.tabs.tabText(window.tabs.currentIndex()).startswith("pdf-report/SKILL.md")
    form = tab.form
    assert {"name", "description", "allowed-tools", "model"} <= set(form.editors)
    assert "context" not in form.editors  # under "More fields" until it opens
    combo = field(qtbot, form, "context").combo
    assert {"when_to_use", "context", "allowed-tools", "disable-model-invocation"} <= set(
        form.editors
    )
    assert "tools" not in form.editors and "color" not in form.editors  # agent fields
    before = tab.document.text()
    form.ensureWidgetVisible(combo)
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    qtbot.keyClick(combo.view(), Qt.Key.Key_End)
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: parse(tab.document.text()).value("context") == "fork")
    after = tab.document.text()
    assert after.replace("context: fork\n", "", 1) == before  # one added line, nothing else
    line = form.editors["when_to_use"].edit
    form.ensureWidgetVisible(line)
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(line, "Before a release.")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: parse(tab.document.text()).value("when_to_use") == "Before a release.")
    caught_up(qtbot, tab)
    tab.document.qdoc.undo()
    assert tab.document.text() == after  # each form edit is one undo step
    tab.document.qdoc.undo()
    assert tab.document.text() == before


def test_new_skill_from_the_template_creates_its_folder(qtbot, window, mixed):
    open_indexed(qtbot, window, mixed)
    requests = []

    def ask(folder, project):
        dialog = NewAgentDialog(folder, project, window)
        qtbot.addWidget(dialog)
        titles = [dialog.templates.item(i).text() for i in range(dialog.templates.count())]
        item = dialog.templates.item(titles.index("Claude Code skill"))
        rect = dialog.templates.visualItemRect(item)
        qtbot.mouseClick(dialog.templates.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        dialog.name.selectAll()
        qtbot.keyClicks(dialog.name, "changelog")
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        requests.append(dialog.request())
        return requests[-1]

    window.prompts.ask_new_agent = ask
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    (request,) = requests
    assert request.template is TEMPLATES["skill"]
    path = mixed / ".claude/skills/changelog/SKILL.md"
    assert request.path == path
    qtbot.waitUntil(lambda: path.is_file() and window.current().document.path == path)
    assert parse(path.read_text()).value("name") == "changelog"
    model = window.project_tree.model
    qtbot.waitUntil(
        lambda: "changelog" in rows(model)["Skills · Project · .claude/skills"], timeout=WAIT
    )


def test_renaming_a_skill_file_is_refused_with_a_reason(qtbot, window, mixed):
    errors = []
    window.prompts.show_error = lambda title, text: errors.append((title, text))
    window.prompts.ask_rename = lambda *a: pytest.fail("no name is asked for")
    skill = mixed / ".claude/skills/pdf-report/SKILL.md"
    assert window.agents.rename_agent(skill) is None
    ((title, text),) = errors
    assert title == "Cannot rename the skill" and "pdf-report/" in text
    assert skill.read_text() == SKILL + BODY


def test_only_an_agent_offers_the_examples_pane(qtbot, window, mixed):
    agent_tab = window.files.open_file(mixed / ".claude/agents/reviewer.md")
    window.show()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert agent_tab.offers_examples and agent_tab.panes.currentWidget() is agent_tab.examples
    skill_tab = window.files.open_file(mixed / ".claude/skills/pdf-report/SKILL.md")
    assert (
        skill_tab is window.current()
        and skill_tab is not agent_tab
        and not skill_tab.offers_examples
    )
    titles = [skill_tab.panes.tabText(i) for i in range(skill_tab.panes.count())]
    shown = [t for i, t in enumerate(titles) if skill_tab.panes.isTabVisible(i)]
    assert shown == ["Form", "Sections", "Source"]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # does nothing
    assert skill_tab.panes.currentWidget() is skill_tab.form
