"""Export Agents and Import Bundle dialogs, driven through their widgets."""

from __future__ import annotations

import json
import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit

from agentquill.core.files import RecoveryStore
from agentquill.ui.dialogs.export import ExportDialog
from agentquill.ui.dialogs.import_bundle import ImportDialog
from agentquill.ui.settings import Settings
from agentquill.ui.window.main_window import MainWindow

AGENT = (
    "---\nname: {name}\ndescription: Helps with {name}.\ntools: Read, Grep\ncolor: red\n---\n"
    "\nBody.\n"
)


@pytest.fixture
def agents(tmp_path):
    folder = tmp_path / "kit" / ".claude" / "agents"
    folder.mkdir(parents=True)
    for name in ("reviewer", "planner"):
        (folder / f"{name}.md").write_text(AGENT.format(name=name))
    return sorted(folder.iterdir())


def tree_texts(tree):
    found = []

    def walk(item):
        found.append(item.text(0))
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i))
    return found


def field(dialog, name):
    return dialog.findChild(QLineEdit, f"export.{name}")


def keep_the_licence(qtbot, dialog):
    """Choose the first licence, the project's own (none here), from the keyboard."""
    dialog.inputs["license"].setFocus()
    qtbot.keyClick(dialog.inputs["license"], Qt.Key.Key_Down)
    assert dialog.inputs["license"].currentData() == "keep"


def test_export_dialog_validates_live_and_writes_the_plugin(qtbot, agents, tmp_path):
    dialog = ExportDialog(agents)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.objectName() == "dialog.export" and field(dialog, "name").text() == "kit"
    assert not dialog.ok.isEnabled()  # no destination yet: said as a next step, not in red
    assert dialog.status.text() == "Choose where to write the export."
    assert "color" not in dialog.status.styleSheet()
    dest = tmp_path / "out" / "kit"
    field(dialog, "dest").setText(str(dest))
    field(dialog, "version").setText("1.0")
    qtbot.waitUntil(lambda: dialog.findChild(QLabel, "export.error.version").isVisible())
    assert "semver" in dialog.findChild(QLabel, "export.error.version").text()
    assert not dialog.ok.isEnabled()
    field(dialog, "version").setText("1.0.1")
    field(dialog, "author").setText("Ada")
    keep_the_licence(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.ok.isEnabled())
    assert not dialog.findChild(QLabel, "export.error.version").isVisible()
    assert {"plugin.json", "reviewer.md", "planner.md", "README.md"} <= set(tree_texts(dialog.tree))
    assert "LICENSE" not in tree_texts(dialog.tree)  # the project has none: none is invented
    dialog.ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    data = json.loads((dest / ".claude-plugin" / "plugin.json").read_text())
    assert data["version"] == "1.0.1" and data["author"] == {"name": "Ada"}


def test_export_dialog_asks_before_overwriting(qtbot, agents, tmp_path):
    dest = tmp_path / "repo"
    (dest / ".github" / "agents").mkdir(parents=True)
    (dest / ".github" / "agents" / "reviewer.agent.md").write_text("mine")
    dialog = ExportDialog(agents)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("copilot"))
    field(dialog, "dest").setText(str(dest))
    dialog.replan()
    assert not dialog.manifest_box.isVisibleTo(dialog)
    assert dialog.report.topLevelItemCount() > 0  # colour dropped, and why
    asked = []
    dialog.ask_overwrite = lambda conflicts: asked.append(conflicts) or False
    dialog.ok.click()
    assert asked == [[".github/agents/reviewer.agent.md"]]
    assert (dest / ".github" / "agents" / "reviewer.agent.md").read_text() == "mine"
    assert "Nothing written" in dialog.status.text()
    dialog.ask_overwrite = lambda conflicts: True
    dialog.ok.click()
    assert (dest / ".github" / "agents" / "reviewer.agent.md").read_text() != "mine"


def test_export_dialog_unticked_agents_are_left_out(qtbot, agents, tmp_path):
    dialog = ExportDialog(agents)
    qtbot.addWidget(dialog)
    field(dialog, "dest").setText(str(tmp_path / "x"))
    dialog.agents.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.replan()
    assert "planner.md" not in tree_texts(dialog.tree) and "reviewer.md" in tree_texts(dialog.tree)


def test_export_dialog_lists_every_file_it_leaves_out_and_why(qtbot, agents, tmp_path):
    bad = tmp_path / "kit" / "bad.md"
    bad.write_bytes(b"---\nname: caf\xe9\n---\n")
    readme = tmp_path / "kit" / "README.md"
    readme.write_text("# Kit\n")
    twin = tmp_path / "kit" / "sub" / ".claude" / "agents" / "reviewer.md"
    twin.parent.mkdir(parents=True)
    twin.write_text(AGENT.format(name="reviewer"))
    dialog = ExportDialog([*agents, bad, readme, twin])
    qtbot.addWidget(dialog)
    dialog.show()
    dest = tmp_path / "out" / "kit"
    field(dialog, "dest").setText(str(dest))
    keep_the_licence(qtbot, dialog)
    dialog.replan()
    rows = [
        (dialog.left_out.topLevelItem(i).text(0), dialog.left_out.topLevelItem(i).text(1))
        for i in range(dialog.left_out.topLevelItemCount())
    ]
    assert rows == [
        ("bad.md", "not valid UTF-8 (line 2)"),
        ("README.md", "not an agent file: it has no frontmatter"),
        ("reviewer.md", "agents/claude/reviewer.md is already taken by another agent"),
    ]
    assert dialog.left_out.topLevelItem(2).toolTip(0) == str(twin)
    assert dialog.left_out_box.isVisible() and dialog.ok.isEnabled()
    assert dialog.status.text() == "3 files will be left out: see Left out for why."
    dialog.ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert sorted(p.name for p in (dest / "agents").rglob("*.md")) == ["planner.md", "reviewer.md"]
    again = ExportDialog(agents)
    qtbot.addWidget(again)
    again.show()
    assert not again.left_out_box.isVisible() and again.left_out.topLevelItemCount() == 0


def make_zip(path, entries):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return path


def test_import_dialog_lists_agents_and_settles_clashes(qtbot, tmp_path):
    bundle = make_zip(
        tmp_path / "kit.zip",
        [
            (".claude-plugin/plugin.json", json.dumps({"name": "kit"})),
            ("agents/reviewer.md", AGENT.format(name="reviewer")),
            ("agents/planner.md", AGENT.format(name="planner")),
        ],
    )
    into = tmp_path / "project" / ".claude" / "agents"
    into.mkdir(parents=True)
    (into / "reviewer.md").write_text("mine")
    dialog = ImportDialog(into)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ask_bundle_zip = lambda: str(bundle)
    dialog.findChild(type(dialog.ok), "import.browse_zip").click()
    assert [dialog.agents.topLevelItem(i).text(0) for i in range(2)] == [
        "kit:planner",
        "kit:reviewer",
    ]
    assert dialog.agents.topLevelItem(1).text(2).startswith("reviewer-2.md (renamed)")
    assert dialog.clash_combo("kit:reviewer") is not None
    assert dialog.clash_combo("kit:planner") is None
    dialog.clash_combo("kit:reviewer").setCurrentIndex(2)  # Skip
    assert dialog.agents.topLevelItem(1).text(2) == "(skipped)"
    dialog.ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (into / "reviewer.md").read_text() == "mine"
    assert (into / "planner.md").read_text() == AGENT.format(name="planner")


def test_import_dialog_refuses_hostile_bundle_naming_the_entry(qtbot, tmp_path):
    bundle = make_zip(tmp_path / "evil.zip", [("../evil.md", AGENT.format(name="evil"))])
    dialog = ImportDialog(tmp_path / "agents")
    qtbot.addWidget(dialog)
    dialog.load(str(bundle))
    assert "Refused" in dialog.status.text() and "../evil.md" in dialog.status.text()
    assert not dialog.ok.isEnabled() and not (tmp_path / "agents").exists()


def test_file_menu_reaches_both_dialogs(qtbot, tmp_path, agents):
    win = MainWindow(Settings(tmp_path / "config"), RecoveryStore(tmp_path / "recovery"))
    qtbot.addWidget(win)
    file_menu = win.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "&Export Agents…" in texts and "&Import Bundle…" in texts
    win.files.open_file(agents[0])
    win.acts["export"].trigger()
    dialog = win.findChild(ExportDialog, "dialog.export")
    assert dialog is not None and dialog.selected_paths() == [agents[0]]
    dialog.reject()
    win.acts["import"].trigger()
    assert win.findChild(ImportDialog, "dialog.import") is not None
    for tab in win.editor_tabs():
        tab.document.qdoc.setModified(False)
