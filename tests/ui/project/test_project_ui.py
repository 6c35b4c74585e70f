"""Projects in the window: the tree, its filter and sort, the watcher, project problems,
recent projects and sessions."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QFileSystemWatcher, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit

from agentquill.core.project import Entry, Source
from agentquill.core.project.templates import TEMPLATES
from agentquill.ui.dialogs.export import ExportDialog
from agentquill.ui.dialogs.import_bundle import ImportDialog
from agentquill.ui.dialogs.new_agent import NewAgentRequest
from agentquill.ui.project.dock import EntryDelegate
from agentquill.ui.project.model import ENTRY_ROLE, ProjectModel
from agentquill.ui.settings import Settings
from agentquill.ui.window.main_window import MainWindow
from support import CORPUS

WAIT = 15_000
MOD = Qt.KeyboardModifier


BODY = (
    "You are a careful specialist. Read the task, do the work step by step, then report\n"
    "what you changed, why, and what is left to do."
)


def agent(name: str, body: str = BODY, **fields: str) -> str:
    extra = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return (
        f"---\nname: {name}\ndescription: Use this agent for {name} work.\n{extra}---\n\n{body}\n"
    )


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "proj"
    agents = root / ".claude" / "agents"
    (agents / "old").mkdir(parents=True)
    (agents / "alpha.md").write_text(agent("alpha", color="blue", tools="Read, Grep"))
    (agents / "beta.md").write_text(agent("beta", BODY + " Mind the zebra.", color="mauve"))
    (agents / "old" / "alpha.md").write_text(agent("alpha", model="haiku"))
    plugin = root / "plugins" / "kit"
    (plugin / ".claude-plugin").mkdir(parents=True)
    (plugin / ".claude-plugin" / "plugin.json").write_text(json.dumps({"name": "kit"}))
    (plugin / "agents").mkdir()
    (plugin / "agents" / "gamma.md").write_text(agent("gamma", color="green"))
    (root / ".github" / "agents").mkdir(parents=True)
    (root / ".github" / "agents" / "delta.agent.md").write_text(agent("delta"))
    return root


def make_window(qtbot, tmp_path) -> MainWindow:
    settings = Settings(tmp_path / "config")
    win = MainWindow(settings, None, tmp_path / "cache")
    win.projects.user_agents = tmp_path / "home" / ".claude" / "agents"
    win.prompts.ask_save_changes = lambda tab: "discard"
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def window(qtbot, tmp_path):
    win = make_window(qtbot, tmp_path)
    yield win
    win.close()


def open_indexed(qtbot, window: MainWindow, root: Path, timeout: int = WAIT) -> ProjectModel:
    assert window.projects.open(root)
    qtbot.waitUntil(
        lambda: window.projects.session is not None and window.projects.session.done,
        timeout=timeout,
    )
    return window.project_tree.model


def rows(model: ProjectModel) -> dict[str, list[str]]:
    """Group label -> the names shown under it, in order."""
    shown = {}
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        names = [model.index(r, 0, group).data() for r in range(model.rowCount(group))]
        shown[group.data()] = names
    return shown


def entry_named(model: ProjectModel, name: str, nth: int = 0) -> QModelIndex:
    found = []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for r in range(model.rowCount(group)):
            if model.index(r, 0, group).data() == name:
                found.append(model.index(r, 0, group))
    return found[nth]


# --- the tree -------------------------------------------------------------------------------
def test_open_folder_shows_groups_rows_and_counts(qtbot, window, project):
    model = open_indexed(qtbot, window, project)
    tree = window.findChild(object, "project.tree")
    assert tree is not None and tree.isVisible() and tree.model() is model
    assert isinstance(tree.itemDelegate(), EntryDelegate)  # Qt's plain rows only while indexing
    shown = rows(model)
    assert shown["Project · .claude/agents"] == ["alpha", "alpha", "beta"]
    assert [n for label, names in shown.items() if "kit" in label for n in names] == ["gamma"]
    assert any(names == ["delta"] for names in shown.values())
    beta = entry_named(model, "beta").data(ENTRY_ROLE)
    assert beta.warnings >= 1 and beta.color == "mauve"
    assert entry_named(model, "gamma").data(ENTRY_ROLE).dialect == "claude-plugin"
    # a first visit shows the first agent found, not an empty window
    qtbot.waitUntil(lambda: window.tabs.count() == 1, timeout=WAIT)
    assert window.current().document.path == model.entries()[0].path
    assert str(project) in window.settings.state.recent_projects[0]


def test_filter_searches_names_and_body_text(qtbot, window, project):
    model = open_indexed(qtbot, window, project)
    box = window.findChild(object, "project.filter")
    qtbot.keyClicks(box, "gam")
    qtbot.waitUntil(lambda: model.visible_count() == 1)
    assert list(rows(model).values()) == [["gamma"]]
    box.setText("zebra")  # only in beta's body
    qtbot.waitUntil(lambda: list(rows(model).values()) == [["beta"]])
    box.clear()
    qtbot.waitUntil(lambda: model.visible_count() == 5)


def test_sort_by_problems_and_path(qtbot, window, project):
    model = open_indexed(qtbot, window, project)
    pane = window.project_tree
    pane.sort_actions["problems"].trigger()
    assert rows(model)["Project · .claude/agents"][0] == "beta"
    assert pane.sort_button.text().startswith("Sort: Problems")
    pane.sort_actions["path"].trigger()
    group = model.index(0, 0)
    paths = [model.index(r, 0, group).data(ENTRY_ROLE).path for r in range(model.rowCount(group))]
    assert paths == sorted(paths, key=str)
    pane.sort_actions["name"].trigger()
    assert rows(model)["Project · .claude/agents"] == ["alpha", "alpha", "beta"]


def test_activating_an_agent_opens_its_tab(qtbot, window, project):
    model = open_indexed(qtbot, window, project)
    tree = window.project_tree.tree
    index = entry_named(model, "gamma")
    tree.setCurrentIndex(index)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current() is not None)
    assert window.current().document.path == index.data(ENTRY_ROLE).path


def test_context_menu_open_copy_and_manage_actions(qtbot, window, project):
    model = open_indexed(qtbot, window, project)
    pane = window.project_tree
    index = entry_named(model, "delta")
    path = index.data(ENTRY_ROLE).path
    actions = {a.text(): a for a in pane.context_menu(index).actions() if a.text()}
    assert list(actions) == [
        *("Open", "Reveal in File Manager", "Copy Path"),
        *("New Agent…", "Duplicate…", "Rename…", "Move to…", "Delete…"),  # the window's
    ]
    assert [a.text() for a in pane.context_menu(QModelIndex()).actions()] == ["New Agent…"]
    actions["Copy Path"].trigger()
    assert QGuiApplication.clipboard().text() == str(path)
    window.prompts.ask_update_mentions = lambda found, verb: False  # its description names it
    actions["Duplicate…"].trigger()  # on the row's agent, not the current tab's
    copy = path.with_name("delta-copy.agent.md")
    assert copy.is_file() and window.current().document.path == copy
    revealed = []
    pane.reveal = revealed.append
    pane.context_menu(index).actions()[1].trigger()
    assert revealed == [path]
    actions = {a.text(): a for a in pane.context_menu(index).actions()}
    actions["Open"].trigger()
    assert window.current().document.path == path


# --- watching and the cache -------------------------------------------------------------------
def test_watcher_sees_add_change_delete_and_rename(qtbot, window, project):
    model = open_indexed(qtbot, window, project)
    agents = project / ".claude" / "agents"

    def names() -> list[str]:
        return rows(model).get("Project · .claude/agents", [])

    (agents / "epsilon.md").write_text(agent("epsilon"))
    qtbot.waitUntil(lambda: "epsilon" in names(), timeout=WAIT)
    (agents / "epsilon.md").write_text(agent("zeta"))  # in place
    qtbot.waitUntil(lambda: "zeta" in names() and "epsilon" not in names(), timeout=WAIT)
    os.rename(agents / "epsilon.md", agents / "eta.md")
    qtbot.waitUntil(lambda: model.index_of(agents / "eta.md").isValid(), timeout=WAIT)
    assert not model.index_of(agents / "epsilon.md").isValid()
    (agents / "eta.md").unlink()
    qtbot.waitUntil(lambda: "zeta" not in names(), timeout=WAIT)
    (agents / "beta.md").write_text(agent("beta", color="blue"))  # its warning is fixed
    qtbot.waitUntil(lambda: entry_named(model, "beta").data(ENTRY_ROLE).warnings == 0, timeout=WAIT)


def test_tabs_and_project_share_one_watcher(qtbot, window, project):
    open_indexed(qtbot, window, project)
    assert len(window.findChildren(QFileSystemWatcher)) == 1
    beta = str(project / ".claude" / "agents" / "beta.md")
    qtbot.waitUntil(lambda: beta in window.projects.session.watcher.files(), timeout=WAIT)
    window.files.open_file(beta)
    assert beta in window.files.watcher.files()
    assert window.files.close_tab(window.tabs.currentIndex())
    assert beta not in window.files.watcher.files()
    assert beta in window.projects.session.watcher.files()  # a closed tab ends its own watch only
    window.files.open_file(beta)
    assert window.projects.close() and window.tabs.count() == 0
    shared = window.files.file_watcher.qt
    assert shared.files() == [] and shared.directories() == []
    window.files.open_file(beta)
    assert shared.files() == [beta] and window.files.watcher.files() == [beta]


def test_index_cache_is_written_and_reused(qtbot, tmp_path, project):
    first = make_window(qtbot, tmp_path)
    before = rows(open_indexed(qtbot, first, project))
    first.close()
    cached = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert cached
    second = make_window(qtbot, tmp_path)
    assert rows(open_indexed(qtbot, second, project)) == before
    second.close()


def test_user_agents_toggle_adds_a_source_and_persists(qtbot, window, project, tmp_path):
    window.projects.user_agents.mkdir(parents=True)
    (window.projects.user_agents / "mine.md").write_text(agent("mine"))
    model = open_indexed(qtbot, window, project)
    assert not any(label.startswith("User") for label in rows(model))
    window.acts["user_agents"].trigger()
    qtbot.waitUntil(lambda: window.projects.session.done, timeout=WAIT)
    assert [names for label, names in rows(model).items() if label.startswith("User")] == [["mine"]]
    assert window.settings.preferences.include_user_agents


def test_closing_the_project_cancels_indexing(qtbot, window, tmp_path):
    agents = tmp_path / "big" / ".claude" / "agents"
    agents.mkdir(parents=True)
    for i in range(500):
        (agents / f"a{i}.md").write_text(agent(f"a{i}"))
    window.projects.open(tmp_path / "big")
    project = window.projects.session
    thread = project._thread
    assert window.projects.close()
    assert thread.isFinished() and window.projects.session is None
    assert window.project_tree.model.visible_count() == 0


def test_agent_files_without_frontmatter_are_listed_and_searched(qtbot, window, tmp_path):
    """Claude Code does not load them: the tree lists them with their error, Find in Project
    searches them and opening one offers to add frontmatter. A README there is no agent."""
    agents = tmp_path / "bare" / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "ok.md").write_text(agent("ok"))
    (agents / "nofm.md").write_text("just a widget body\n")
    (agents / "empty.md").write_text("")
    (agents / "README.md").write_text("What these agents do, widget by widget.\n")
    model = open_indexed(qtbot, window, tmp_path / "bare")
    assert claude_names(model) == ["empty", "nofm", "ok"]
    assert [entry_named(model, n).data(ENTRY_ROLE).errors for n in ("empty", "nofm")] == [1, 1]
    assert {"empty: 1 error", "nofm: 1 error"} <= set(problem_texts(window))
    qtbot.keyClick(window, Qt.Key.Key_F, MOD.ControlModifier | MOD.ShiftModifier)
    field = window.findChild(QLineEdit, "find.project.text")
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "widget")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    status = window.findChild(QLabel, "find.project.status")
    qtbot.waitUntil(lambda: status.text().startswith("1 match in 1 file · searched 3 agents"))
    tree = window.project_tree.tree
    tree.setCurrentIndex(entry_named(model, "nofm"))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current().document.path == agents / "nofm.md")
    banner = window.current().banner
    assert banner.isVisibleTo(window) and "Add frontmatter" in banner.text()


# --- agents the app writes, and new agents folders -------------------------------------------
@pytest.fixture
def copilot_only(tmp_path) -> Path:
    """A project with no .claude folder yet."""
    root = tmp_path / "fresh"
    (root / ".github" / "agents").mkdir(parents=True)
    (root / ".github" / "agents" / "delta.agent.md").write_text(agent("delta"))
    return root


def claude_names(model: ProjectModel) -> list[str]:
    return rows(model).get("Project · .claude/agents", [])


def problem_texts(window: MainWindow) -> list[str]:
    return [i.text(0) for i in window.project_problems.visible_items()]


def test_an_agents_folder_made_by_another_program_is_watched(qtbot, window, copilot_only):
    sub = copilot_only / "sub"
    (sub / ".claude" / "agents").mkdir(parents=True)
    (sub / ".claude" / "agents" / "one.md").write_text(agent("one"))
    model = open_indexed(qtbot, window, copilot_only)
    claude = copilot_only / ".claude"
    claude.mkdir()  # the config folder first, its agents folder later, in separate steps
    qtbot.waitUntil(
        lambda: str(claude) in window.projects.session.watcher.directories(), timeout=WAIT
    )
    (claude / "agents").mkdir()
    qtbot.waitUntil(
        lambda: str(claude / "agents") in window.projects.session.watcher.directories(),
        timeout=WAIT,
    )
    (claude / "agents" / "api-reviewer.md").write_text(agent("api-reviewer"))
    qtbot.waitUntil(lambda: claude_names(model) == ["api-reviewer"], timeout=WAIT)
    # a second agent of the same name shows in the project problems
    (claude / "agents" / "reviewer.md").write_text(agent("api-reviewer"))
    qtbot.waitUntil(lambda: any("api-reviewer" in t for t in problem_texts(window)), timeout=WAIT)
    # a folder made and filled in one go by a tool (mkdir -p, then the file)
    nested = copilot_only / ".opencode" / "agent"
    nested.mkdir(parents=True)
    (nested / "docs.md").write_text(agent("docs"))
    qtbot.waitUntil(lambda: model.index_of(nested / "docs.md").isValid(), timeout=WAIT)
    # a subproject with a tool's agents folder is watched for the other tools' folders too
    assert str(sub) in window.projects.session.watcher.directories()
    (sub / ".github" / "agents").mkdir(parents=True)
    (sub / ".github" / "agents" / "two.agent.md").write_text(agent("two"))
    qtbot.waitUntil(
        lambda: model.index_of(sub / ".github" / "agents" / "two.agent.md").isValid(),
        timeout=WAIT,
    )


def test_a_user_agents_folder_made_later_is_watched(qtbot, window, copilot_only):
    window.projects.user_agents.parent.mkdir(
        parents=True
    )  # ~/.claude exists, its agents folder not yet
    window.settings.preferences.include_user_agents = True
    model = open_indexed(qtbot, window, copilot_only)
    window.projects.user_agents.mkdir()
    (window.projects.user_agents / "mine.md").write_text(agent("mine"))
    qtbot.waitUntil(
        lambda: model.index_of(window.projects.user_agents / "mine.md").isValid(), timeout=WAIT
    )
    assert any(label.startswith("User") for label in rows(model))


def test_a_readme_saved_in_the_root_is_not_refreshed(qtbot, window, copilot_only, tmp_path):
    open_indexed(qtbot, window, copilot_only)
    project = window.projects.session
    seen, sent = [], []
    project.watcher.directoryChanged.connect(seen.append)
    project._refresh.connect(sent.append)
    (copilot_only / "README.md").write_text("# notes\n")
    qtbot.waitUntil(lambda: str(copilot_only) in seen, timeout=WAIT)
    qtbot.waitUntil(lambda: not project._debounce.isActive(), timeout=WAIT)
    assert sent == []  # the root is watched for new agents folders, not rescanned per change
    outside = tmp_path / "elsewhere" / "mine.md"
    outside.parent.mkdir()
    outside.write_text(agent("mine"))
    window.files.open_file(outside)
    window.files.save()  # a file saved outside the project is not the project's business
    assert sent == [] and str(outside) not in project.watcher.files()


def test_new_agent_in_a_new_folder_reaches_tree_problems_and_export(qtbot, window, copilot_only):
    model = open_indexed(qtbot, window, copilot_only)
    window.projects.session.watcher.blockSignals(True)  # the app's own files do not wait for the OS
    folder = copilot_only / ".claude" / "agents"
    window.prompts.ask_new_agent = lambda given, project: NewAgentRequest(
        TEMPLATES["specialist"], "api-reviewer", "Reviews API changes.", given or folder
    )
    window.acts["new_agent"].trigger()
    path = folder / "api-reviewer.md"
    assert window.current().document.path == path
    qtbot.waitUntil(lambda: claude_names(model) == ["api-reviewer"], timeout=WAIT)
    assert problem_texts(window) == []
    window.agents.new_agent(folder / "team")  # the same name again, in another new folder
    qtbot.waitUntil(lambda: claude_names(model) == ["api-reviewer"] * 2, timeout=WAIT)
    qtbot.waitUntil(lambda: any("api-reviewer" in t for t in problem_texts(window)), timeout=WAIT)
    window.projects.export_agents()
    dialog = window.findChild(ExportDialog, "dialog.export")
    twin = folder / "team" / "api-reviewer.md"
    assert {path, twin} <= set(dialog.selected_paths())
    dialog.dest.setText(str(copilot_only.parent / "out"))
    dialog.replan()
    assert "agents/claude/api-reviewer.md" in dialog.plan.files
    # the second agent of that name cannot go in the same plugin, and the dialog says so
    assert [(x.path, x.reason) for x in dialog.plan.left_out] == [
        (twin, "agents/claude/api-reviewer.md is already taken by another agent")
    ]
    assert dialog.left_out.topLevelItemCount() == 1 and dialog.left_out_box.isVisible()
    dialog.reject()


def test_duplicate_rename_move_delete_and_import_show_without_the_watcher(
    qtbot, window, project, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    model = open_indexed(qtbot, window, project)
    window.projects.session.watcher.blockSignals(True)
    agents = project / ".claude" / "agents"
    beta = agents / "beta.md"

    def shown(path: Path) -> bool:
        return model.index_of(path).isValid()

    window.prompts.ask_update_mentions = lambda found, verb: False  # its description names it
    copy = window.agents.duplicate_agent(beta)
    qtbot.waitUntil(lambda: shown(copy), timeout=WAIT)
    window.prompts.ask_rename = lambda path, name, dialect: "theta"
    renamed = window.agents.rename_agent(copy)
    qtbot.waitUntil(lambda: shown(renamed) and not shown(copy), timeout=WAIT)
    window.current().document.qdoc.undo()  # the rename's undo puts the file back
    qtbot.waitUntil(lambda: shown(copy) and not shown(renamed), timeout=WAIT)
    target = project / ".gemini" / "agents"
    target.mkdir(parents=True)
    window.prompts.ask_move_folder = lambda path, targets: target
    moved = window.agents.move_agent(copy)
    qtbot.waitUntil(lambda: shown(moved) and not shown(copy), timeout=WAIT)
    window.prompts.ask_delete = lambda path, unsaved: True
    assert window.agents.delete_agent(moved)
    qtbot.waitUntil(lambda: not shown(moved), timeout=WAIT)
    bundle = tmp_path / "kit.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.writestr(".claude-plugin/plugin.json", json.dumps({"name": "kit"}))
        zf.writestr("agents/iota.md", agent("iota"))
    window.acts["import"].trigger()
    dialog = window.findChild(ImportDialog, "dialog.import")
    dialog.load(str(bundle))
    dialog.ok.click()
    qtbot.waitUntil(lambda: shown(agents / "iota.md"), timeout=WAIT)


# --- project problems -------------------------------------------------------------------------
def test_problems_panel_lists_duplicate_names_and_opens_the_file(qtbot, window, project):
    open_indexed(qtbot, window, project)
    panel = window.project_problems
    assert window.project_problems_dock.isVisible() or window.project_problems_dock.isHidden()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() > 0, timeout=WAIT)
    duplicate = next(
        i for i in panel.visible_items() if "alpha" in i.text(0) and i.text(1) != "lint"
    )
    assert duplicate.text(1).startswith("AQ4")
    panel.tree.itemActivated.emit(duplicate, 0)
    tab = window.current()
    assert tab is not None and tab.document.path.name == "alpha.md"
    assert tab.cursor_position()[0] == 2  # the name line
    panel.filter.setText("no such text")
    assert panel.visible_items() == []
    panel.filter.clear()
    lint_rows = [i for i in panel.visible_items() if i.text(1) == "lint"]
    assert any("beta" in i.text(0) for i in lint_rows)
    panel.toggles["warning"].setChecked(False)
    assert not any("beta" in i.text(0) for i in panel.visible_items() if i.text(1) == "lint")


# --- sessions ---------------------------------------------------------------------------------
def test_recent_projects_reopen_tabs_current_and_layout(qtbot, tmp_path, project):
    first = make_window(qtbot, tmp_path)
    open_indexed(qtbot, first, project)
    agents = project / ".claude" / "agents"
    first.files.open_file(agents / "alpha.md")
    first.files.open_file(agents / "beta.md")
    first.files.open_file(agents / "alpha.md")  # current
    first.project_problems_dock.hide()
    first.close()
    first.settings.save()
    second = make_window(qtbot, tmp_path)
    recent = second.menus["recent_projects"]
    recent.aboutToShow.emit()
    entries = [a for a in recent.actions() if a.text() == str(project)]
    entries[0].trigger()
    qtbot.waitUntil(
        lambda: second.projects.session is not None and second.projects.session.done, timeout=WAIT
    )
    assert [t.document.path.name for t in second.editor_tabs()] == ["alpha.md", "beta.md"]
    assert second.current().document.path == agents / "alpha.md"
    assert second.project_dock.isVisible() and not second.project_problems_dock.isVisible()
    second.close()


def test_dropped_folder_and_open_folder_action_open_a_project(qtbot, window, project, tmp_path):
    window.files.open_paths([str(project)])
    qtbot.waitUntil(
        lambda: window.projects.session is not None and window.projects.session.done, timeout=WAIT
    )
    qtbot.waitUntil(lambda: window.tabs.count() == 1, timeout=WAIT)
    assert window.projects.session.root == project
    other = tmp_path / "other"
    (other / ".claude" / "agents").mkdir(parents=True)
    (other / ".claude" / "agents" / "solo.md").write_text(agent("solo"))
    window.prompts.ask_folder = lambda: str(other)
    assert window.acts["open_folder"].shortcut().toString() == "Ctrl+Shift+O"
    window.acts["open_folder"].trigger()
    qtbot.waitUntil(
        lambda: window.projects.session.root == other and window.projects.session.done, timeout=WAIT
    )
    assert list(rows(window.project_tree.model).values()) == [["solo"]]
    window.acts["close_project"].trigger()
    assert window.projects.session is None and not window.project_dock.isVisible()


# --- the model on its own ---------------------------------------------------------------------
def make_entry(path: str, name: str, source: Source, errors: int = 0) -> Entry:
    return Entry(Path(path), source, "claude-code", name, "", "", "", "", errors, 0, 0, 1, 1)


def test_model_batches_sort_and_keep_the_selection(qtbot, qtmodeltester):
    a = Source(Path("/p/.claude/agents"), "project", "Project · .claude/agents")
    b = Source(Path("/p/plug/agents"), "plugin", "Plugin · plug", "plug")
    model = ProjectModel()
    qtmodeltester.check(model)
    model.add(
        [make_entry("/p/.claude/agents/m.md", "m", a), make_entry("/p/plug/agents/z.md", "z", b)]
    )
    selected = model.index(0, 0, model.index(0, 0))
    from PySide6.QtCore import QPersistentModelIndex

    kept = QPersistentModelIndex(selected)
    model.add([make_entry("/p/.claude/agents/a.md", "a", a, errors=3)])
    assert rows(model) == {a.label: ["a", "m"], b.label: ["z"]}
    assert kept.data() == "m" and kept.row() == 1
    model.set_sort("problems")
    assert rows(model)[a.label] == ["a", "m"]
    model.update([make_entry("/p/.claude/agents/m.md", "m", a, errors=5)])
    assert rows(model)[a.label] == ["m", "a"] and kept.row() == 0
    model.set_query("z")
    assert rows(model) == {b.label: ["z"]}
    model.set_query("")
    assert rows(model) == {a.label: ["m", "a"], b.label: ["z"]}
    model.remove([Path("/p/plug/agents/z.md")])
    assert list(rows(model)) == [a.label]
    qtmodeltester.check(model)


# --- the shared corpus ------------------------------------------------------------------------
def test_corpus_opens_with_every_agent(qtbot, window):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    model = open_indexed(qtbot, window, CORPUS, timeout=180_000)
    entries = model.entries()
    assert len(entries) == 1171
    assert model.visible_count() == 1171
    assert {e.dialect for e in entries} >= {"claude-code", "claude-plugin", "copilot"}
    assert sum(e.errors + e.warnings for e in entries) > 0


def test_a_first_visit_shows_project_problems_only_when_there_are_some(qtbot, tmp_path, project):
    """An empty Problems panel takes no room; found problems show, their tab in front."""
    window = make_window(qtbot, tmp_path)
    clean = tmp_path / "clean"
    (clean / ".claude" / "agents").mkdir(parents=True)
    (clean / ".claude" / "agents" / "solo.md").write_text(agent("solo"))
    open_indexed(qtbot, window, clean)
    qtbot.waitUntil(lambda: not window.projects._reveal_problems, timeout=WAIT)
    assert not window.problems_dock.isVisible()
    assert not window.project_problems_dock.isVisible()
    open_indexed(qtbot, window, project)  # a duplicate name and an unknown colour
    qtbot.waitUntil(window.project_problems_dock.isVisible, timeout=WAIT)
    assert window.project_problems.tree.topLevelItemCount()
    assert not window.project_problems_dock.visibleRegion().isEmpty()  # its tab in front
    window.close()
