"""The Export dialog protects the user: no invented licence, the project's name, values kept
per project, agents Claude Code cannot load listed to repair or skip, and a confirmation that
shows the result. Driven through its widgets with real keys and clicks."""

from __future__ import annotations

import json

import pytest
from events import typed
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QMessageBox, QPushButton

from agentquill.ui.dialogs import export
from agentquill.ui.dialogs.export import ExportDialog
from agentquill.ui.settings import Settings

AGENT = "---\nname: {0}\ndescription: Helps with {0}.\n---\nBody.\n"
BROKEN = "---\nname: broken\ndescription: Use it: for\n  everything: really\n---\nBody\n"


@pytest.fixture
def project(tmp_path):
    """A project whose agents lie in subfolders, "bonus" first, as in the examples."""
    root = tmp_path / "Team Kit"
    for folder, name in (("bonus/.claude/agents", "extra"), ("main/.claude/agents", "reviewer")):
        (root / folder).mkdir(parents=True)
        (root / folder / f"{name}.md").write_text(AGENT.format(name))
    return root


def agents_of(root):
    return sorted(root.rglob("*.md"))


def opened(qtbot, paths, project=None, settings=None) -> ExportDialog:
    dialog = ExportDialog(paths, project, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def pick(qtbot, combo: QComboBox, label: str) -> None:
    """Choose ``label`` with the keyboard, as a user would."""
    combo.setFocus()
    while combo.currentText() != label:
        step = Qt.Key.Key_Down if combo.findText(label) > combo.currentIndex() else Qt.Key.Key_Up
        qtbot.keyClick(combo, step)


def test_no_licence_is_chosen_until_the_user_chooses_one(qtbot, project, tmp_path):
    dialog = opened(qtbot, agents_of(project), project)
    licence = dialog.findChild(QComboBox, "export.license")
    assert licence.currentIndex() == -1 and licence.placeholderText() == "Choose a licence…"
    typed(qtbot, dialog.dest, str(tmp_path / "out"))
    dialog.replan()
    error = dialog.findChild(QLabel, "export.error.license")
    assert error.isVisible() and error.text() == "choose a licence, keep the project's, or none"
    assert not dialog.ok.isEnabled()
    pick(qtbot, licence, "Keep the project's (it has none)")
    dialog.replan()
    assert dialog.ok.isEnabled() and not error.isVisible()
    assert not [rel for rel in dialog.plan.files if "LICENSE" in rel]
    (project / "LICENSE.md").write_text("Ours.\n")
    dialog = opened(qtbot, agents_of(project), project)
    pick(qtbot, dialog.findChild(QComboBox, "export.license"), "Keep the project's (LICENSE.md)")
    typed(qtbot, dialog.dest, str(tmp_path / "out"))
    dialog.replan()
    assert dialog.plan.files["LICENSE.md"] == b"Ours.\n"
    pick(qtbot, dialog.findChild(QComboBox, "export.license"), "MIT (writes a new LICENSE)")
    dialog.replan()
    assert dialog.plan.files["LICENSE"].startswith(b"MIT License")  # only when chosen


def test_the_name_is_the_open_projects_not_its_first_subfolders(qtbot, window, project):
    assert window.projects.open(project)
    qtbot.waitUntil(lambda: window.projects.session.done, timeout=15_000)
    window.acts["export"].trigger()
    dialog = window.findChild(ExportDialog, "dialog.export")
    assert dialog.selected_paths()[0].parts[-4] == "bonus"
    assert dialog.inputs["name"].text() == "team-kit"
    dialog.reject()


def test_values_are_remembered_per_project_however_the_dialog_closes(qtbot, project, tmp_path):
    settings = Settings(tmp_path / "config")
    dialog = opened(qtbot, agents_of(project), project, settings)
    typed(qtbot, dialog.inputs["author"], "Ada")
    typed(qtbot, dialog.inputs["description"], "Our review agents")
    typed(qtbot, dialog.dest, str(tmp_path / "out"))
    pick(qtbot, dialog.format, export.FORMAT_LABELS["zip"])
    dialog.agents.item(0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    again = opened(qtbot, agents_of(project), project, Settings(tmp_path / "config"))
    assert again.inputs["author"].text() == "Ada"
    assert again.inputs["description"].text() == "Our review agents"
    assert again.format.currentData() == "zip" and again.dest.text().endswith(".zip")
    assert again.selected_paths() == agents_of(project)[1:]  # bonus's agent unticked
    other = tmp_path / "other"
    (other / ".claude" / "agents").mkdir(parents=True)
    (other / ".claude" / "agents" / "x.md").write_text(AGENT.format("x"))
    fresh = opened(qtbot, agents_of(other), other, Settings(tmp_path / "config"))
    assert fresh.inputs["author"].text() == "" and fresh.inputs["name"].text() == "other"


def test_agents_claude_code_cannot_load_are_listed_to_repair_skip_or_keep(qtbot, project, tmp_path):
    broken = project / "main" / ".claude" / "agents" / "broken.md"
    broken.write_text(BROKEN)
    dialog = opened(qtbot, agents_of(project), project)
    typed(qtbot, dialog.dest, str(tmp_path / "out"))
    dialog.replan()
    assert dialog.attention_box.isVisible() and dialog.attention.topLevelItemCount() == 1
    row = dialog.attention.topLevelItem(0)
    assert row.text(0) == "broken.md" and "Claude Code cannot parse" in row.text(1)
    choice = dialog.findChild(QComboBox, "export.choice.broken.md")
    assert choice.currentText() == "Repair in the export"
    assert "description: >-" in dialog.plan.files["agents/broken.md"].decode()
    pick(qtbot, choice, "Skip")
    qtbot.waitUntil(lambda: "agents/broken.md" not in dialog.plan.files)
    assert dialog.attention.topLevelItemCount() == 1  # still there, to take it back
    choice = dialog.findChild(QComboBox, "export.choice.broken.md")
    pick(qtbot, choice, "Export as is")
    qtbot.waitUntil(lambda: "agents/broken.md" in dialog.plan.files)
    assert dialog.plan.files["agents/broken.md"] == BROKEN.encode()
    assert broken.read_text() == BROKEN  # the source is never touched


def test_after_export_a_confirmation_shows_the_folder(qtbot, project, tmp_path, monkeypatch):
    opened_urls = []
    monkeypatch.setattr(export.QDesktopServices, "openUrl", opened_urls.append)
    dialog = opened(qtbot, agents_of(project), project)
    dest = tmp_path / "out" / "team-kit"
    typed(qtbot, dialog.dest, str(dest))
    pick(qtbot, dialog.findChild(QComboBox, "export.license"), "No licence")
    qtbot.waitUntil(dialog.ok.isEnabled)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert json.loads((dest / ".claude-plugin" / "plugin.json").read_text())["name"] == "team-kit"
    box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "export.done")
    assert isinstance(box, QMessageBox) and str(dest) in box.text()
    show = next(b for b in box.findChildren(QPushButton) if b.text() == "Show in Folder")
    qtbot.mouseClick(show, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened_urls] == [str(dest)]
