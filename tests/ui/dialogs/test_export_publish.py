"""The Export dialog asks what the plugin directory needs and shows Claude Code's own verdict:
driven with real keys and clicks; the verdict comes from the pinned Claude Code when the oracle
has it, and the dialog says when there is none."""

from __future__ import annotations

import json
import subprocess

import pytest
from events import typed
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from agentquill.core import claude
from agentquill.core.bundle import exporter as be
from agentquill.core.bundle import icon
from agentquill.ui.dialogs.export import ExportDialog
from agentquill.ui.dialogs.import_bundle import ImportDialog
from agentquill.ui.settings import Settings
from support import CORPUS

ORACLE = CORPUS.parent / "tools" / "claude-oracle"
AGENT = "---\nname: {0}\ndescription: Reviews {0} changes before they ship.\n---\n\nBody.\n"


@pytest.fixture
def project(tmp_path):
    """Two agents, a skill, a command and an output style, as a project lays them out."""
    root = tmp_path / "ship-kit"
    claude = root / ".claude"
    (claude / "agents").mkdir(parents=True)
    for name in ("code-reviewer", "release-manager"):
        (claude / "agents" / f"{name}.md").write_text(AGENT.format(name))
    (claude / "skills" / "pdf-forms").mkdir(parents=True)
    (claude / "skills" / "pdf-forms" / "SKILL.md").write_text(
        "---\nname: pdf-forms\ndescription: Fills PDF forms when asked to.\n---\n\nSteps.\n"
    )
    (claude / "commands").mkdir()
    (claude / "commands" / "review.md").write_text("---\ndescription: Review\n---\n\nGo.\n")
    (claude / "output-styles").mkdir()
    (claude / "output-styles" / "terse.md").write_text("---\nname: Terse\n---\n\nBrief.\n")
    return root


@pytest.fixture
def claude_code(monkeypatch):
    """The pinned Claude Code, named for the dialog by AGENTQUILL_CLAUDE, or skip."""
    if not ORACLE.is_file():
        pytest.skip("../shared/tools/claude-oracle is not present")
    run = subprocess.run([str(ORACLE), "--binary"], capture_output=True, text=True, timeout=600)
    if run.returncode != 0 or not run.stdout.strip():
        pytest.skip("claude-oracle could not install Claude Code")
    monkeypatch.setenv(claude.ENV, run.stdout.strip())


def opened(qtbot, project, settings=None) -> ExportDialog:
    agents = sorted((project / ".claude" / "agents").iterdir())
    dialog = ExportDialog(agents, project, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def pick(qtbot, combo: QComboBox, data: str) -> None:
    """Choose the item holding ``data`` with the keyboard, as a user would."""
    combo.setFocus()
    while combo.currentData() != data:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def click(qtbot, dialog, name: str) -> None:
    qtbot.mouseClick(dialog.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def fill(qtbot, dialog, tmp_path, marketplace="acme/agent-plugins") -> None:
    typed(qtbot, dialog.dest, str(tmp_path / "out" / "ship-kit"))
    typed(qtbot, dialog.inputs["description"], "Agents and skills for shipping code.")
    typed(qtbot, dialog.inputs["author"], "Ada Lovelace")
    typed(qtbot, dialog.inputs["marketplace"], marketplace)
    pick(qtbot, dialog.inputs["license"], "MIT")
    click(qtbot, dialog, "export.icon.generate")


def test_the_projects_skills_commands_and_styles_are_listed_to_export(qtbot, project, tmp_path):
    dialog = opened(qtbot, project)
    typed(qtbot, dialog.dest, str(tmp_path / "out"))
    rows = [dialog.agents.item(i).text() for i in range(dialog.agents.count())]
    assert rows[2:] == [
        "review.md   ·   command",
        "terse.md   ·   output style",
        "pdf-forms   ·   skill",
    ]
    dialog.replan()
    assert {"skills/pdf-forms/SKILL.md", "commands/review.md"} <= set(dialog.plan.files)
    skill = dialog.agents.item(4)
    rect = dialog.agents.visualItemRect(skill)
    qtbot.mouseClick(  # its check box, at the row's left
        dialog.agents.viewport(), Qt.MouseButton.LeftButton, pos=rect.topLeft() + QPoint(10, 8)
    )
    assert skill.checkState() == Qt.CheckState.Unchecked
    dialog.replan()
    assert "skills/pdf-forms/SKILL.md" not in dialog.plan.files
    assert "output-styles/terse.md" in dialog.plan.files


def test_icon_generated_or_picked_with_a_preview_and_checked(qtbot, project, tmp_path):
    dialog = opened(qtbot, project)
    fill(qtbot, dialog, tmp_path)
    preview = dialog.findChild(QLabel, "export.icon.preview")
    assert not preview.pixmap().isNull()
    image = QImage.fromData(dialog.plan.files[be.ICON_PNG])  # Qt decodes the PNG we drew
    assert (image.width(), image.height()) == (512, 512) and image.hasAlphaChannel()
    small = tmp_path / "small.png"
    small.write_bytes(icon.monogram("small", size=100))
    dialog.ask_icon = lambda: str(small)
    click(qtbot, dialog, "export.icon.pick")
    error = dialog.findChild(QLabel, "export.error.icon")
    said = "small.png: 100×100 px: an icon is 512 to 2048 px a side"
    assert error.isVisible() and error.text() == said
    assert not dialog.ok.isEnabled() and preview.text() == "No icon"
    good = tmp_path / "logo.png"
    good.write_bytes(icon.monogram("logo", size=600))
    dialog.ask_icon = lambda: str(good)
    click(qtbot, dialog, "export.icon.pick")
    assert not error.isVisible() and dialog.ok.isEnabled()
    about = dialog.findChild(QLabel, "export.icon.about")
    assert about.text() == "600 × 600 px: logo.png" and not preview.pixmap().isNull()
    click(qtbot, dialog, "export.icon.none")
    assert be.ICON_PNG not in dialog.plan.files and preview.text() == "No icon"


def test_a_bad_marketplace_is_said_beside_its_field(qtbot, project, tmp_path):
    dialog = opened(qtbot, project)
    fill(qtbot, dialog, tmp_path, marketplace="acme")
    error = dialog.findChild(QLabel, "export.error.marketplace")
    qtbot.waitUntil(error.isVisible)
    assert error.text() == "'acme' is not OWNER/REPO (like acme/agent-plugins)"


def test_the_choices_are_remembered_per_project(qtbot, project, tmp_path):
    settings = Settings(tmp_path / "config")
    dialog = opened(qtbot, project, settings)
    fill(qtbot, dialog, tmp_path)
    typed(qtbot, dialog.findChild(QLineEdit, "export.author_url"), "https://ada.example")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    again = opened(qtbot, project, Settings(tmp_path / "config"))
    assert again.inputs["license"].currentData() == "MIT"
    assert again.icon.value == be.GENERATE
    assert again.inputs["marketplace"].text() == "acme/agent-plugins"
    assert again.options().author_url == "https://ada.example"
    other = tmp_path / "other"
    (other / ".claude" / "agents").mkdir(parents=True)
    (other / ".claude" / "agents" / "x.md").write_text(AGENT.format("x"))
    fresh = opened(qtbot, other, Settings(tmp_path / "config"))
    assert fresh.inputs["license"].currentIndex() == -1 and fresh.icon.value == ""


def test_without_claude_code_the_dialog_says_so(qtbot, project, monkeypatch):
    monkeypatch.setenv(claude.ENV, "")
    dialog = opened(qtbot, project)
    summary = dialog.findChild(QLabel, "export.verdict.summary")
    assert summary.text().startswith("Claude Code not found: install it (the claude command)")
    assert claude.ENV in summary.text()


def test_claude_codes_verdict_is_shown_and_kept_current(qtbot, project, tmp_path, claude_code):
    dialog = opened(qtbot, project)
    summary = dialog.findChild(QLabel, "export.verdict.summary")
    assert summary.text() == "Claude Code's verdict follows once the problems above are fixed."
    fill(qtbot, dialog, tmp_path, marketplace="")
    qtbot.waitUntil(lambda: summary.text().startswith("Passes, with"), timeout=60_000)
    assert summary.text() == "Passes, with 1 suggestion."
    lines = dialog.findChild(type(dialog.verdict.lines), "export.verdict.lines")
    assert lines.isVisible() and "Advice (1)" in lines.toPlainText()
    assert "/plugin install ship-kit --marketplace <owner>/<repo>" in lines.toPlainText()
    typed(qtbot, dialog.inputs["marketplace"], "acme/agent-plugins")
    qtbot.waitUntil(lambda: summary.text().startswith("Passes, nothing"), timeout=60_000)
    assert summary.text() == (
        "Passes, nothing reported. It registers 2 agents, 1 skill, 1 command, 1 output style."
    )
    assert dialog.verdict.verdict.clean and not lines.isVisible()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    written = tmp_path / "out" / "ship-kit"
    assert json.loads((written / ".claude-plugin" / "plugin.json").read_text())["license"] == "MIT"
    assert (written / "skills" / "pdf-forms" / "SKILL.md").is_file()
    assert dialog.verdict.process is None  # nothing left running


def test_import_lists_and_brings_back_skills_commands_and_styles(qtbot, project, tmp_path):
    exported = tmp_path / "ship-kit.zip"
    dialog = opened(qtbot, project)
    typed(qtbot, dialog.dest, str(exported))
    pick(qtbot, dialog.format, "zip")
    pick(qtbot, dialog.inputs["license"], "none")
    qtbot.waitUntil(dialog.ok.isEnabled)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert exported.is_file()
    into = tmp_path / "elsewhere" / ".claude" / "agents"
    (into.parent / "commands").mkdir(parents=True)
    (into.parent / "commands" / "review.md").write_text("ours\n")
    importing = ImportDialog(into)
    qtbot.addWidget(importing)
    importing.show()
    importing.ask_bundle_zip = lambda: str(exported)
    click(qtbot, importing, "import.browse_zip")
    rows = {
        importing.agents.topLevelItem(i).text(0): importing.agents.topLevelItem(i)
        for i in range(importing.agents.topLevelItemCount())
    }
    assert rows["ship-kit:pdf-forms"].text(1) == "skill"
    assert rows["ship-kit:pdf-forms"].text(2) == "skills/pdf-forms"
    assert rows["ship-kit:pdf-forms"].toolTip(2) == str(into.parent / "skills" / "pdf-forms")
    kept = into.parent / "commands" / "review.md"
    renamed = into.parent / "commands" / "review-2.md"
    assert rows["ship-kit:review"].text(2) == "commands/review-2.md (renamed)"
    assert rows["ship-kit:review"].text(3) == "Rename"
    assert importing.agents.headerItem().text(0) == "Name"
    assert importing.status.text() == (
        f"2 agents will be written to {into}; "
        f"3 components (skills, commands, styles) to {into.parent}."
    )
    qtbot.mouseClick(importing.ok, Qt.MouseButton.LeftButton)
    assert (into.parent / "skills" / "pdf-forms" / "SKILL.md").is_file()
    assert (into.parent / "output-styles" / "terse.md").is_file()
    assert kept.read_text() == "ours\n" and renamed.read_text() != "ours\n"
    assert len(list(into.iterdir())) == 2


def test_rows_name_their_kind_a_hidden_command_is_unticked_and_a_rule_is_left_out(
    qtbot, project, tmp_path
):
    claude = project / ".claude"
    (claude / "commands" / "pdf-forms.md").write_text("---\ndescription: Old\n---\n\nGo.\n")
    (claude / "rules").mkdir()
    (claude / "rules" / "python.md").write_text("---\npaths: ['*.py']\n---\n\nHints.\n")
    paths = [*sorted((claude / "agents").iterdir()), claude / "rules" / "python.md"]
    dialog = ExportDialog(paths, project)
    qtbot.addWidget(dialog)
    items = [dialog.agents.item(i) for i in range(dialog.agents.count())]
    rows = {item.text(): item for item in items}
    assert {"code-reviewer.md   ·   agent", "python.md   ·   rule"} <= set(rows)
    hidden = rows["pdf-forms.md   ·   command   ·   hidden by the skill pdf-forms"]
    assert hidden.checkState() == Qt.CheckState.Unchecked
    assert rows["pdf-forms   ·   skill"].checkState() == Qt.CheckState.Checked
    typed(qtbot, dialog.dest, str(tmp_path / "out"))
    qtbot.waitUntil(lambda: dialog.plan is not None)
    left_out = dialog.left_out
    said = {left_out.topLevelItem(i).text(1) for i in range(left_out.topLevelItemCount())}
    assert "plugins hold no rules" in said
    assert "commands/pdf-forms.md" not in dialog.plan.files
