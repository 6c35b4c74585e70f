"""Rename and Duplicate offer to update the agent's name where its description names it: the
lines are shown, the update is one undo step with the new name."""

from __future__ import annotations

from modal import on_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QPlainTextEdit

from agentquill.ui.dialogs.mentions import MentionsDialog

AGENT = (
    "---\nname: api-reviewer\ndescription: |\n"
    "  Use the api-reviewer agent when an API changes.\n"
    "  <example>\n  user: check the orders API\n"
    "  assistant: I'll use the api-reviewer agent (not api-reviewer-v2).\n"
    "  </example>\n---\nYou review APIs.\n"
)


def on_mentions(qtbot, tick: bool) -> list:
    """Answer the mentions dialog with the keyboard and a click; the list gets its checkbox's
    label and state, and its rows."""
    seen: list = []

    def answer(dialog) -> None:
        box = dialog.findChild(QCheckBox, "mentions.update")
        preview = dialog.findChild(QPlainTextEdit, "mentions.preview").toPlainText()
        seen.append((box.text(), box.isChecked(), preview.split("\n\n")))
        if not tick:
            qtbot.keyClick(box, Qt.Key.Key_Space)  # Space toggles the focused box
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    on_modal(answer, kind=MentionsDialog)
    return seen


def renaming(window, tmp_path):
    """The agent opened, and the rename dialog answered "contract-checker"."""
    path = tmp_path / ".claude" / "agents" / "api-reviewer.md"
    path.parent.mkdir(parents=True)
    path.write_text(AGENT)
    window.prompts.ask_rename = lambda path, name, dialect: "contract-checker"
    return path, window.files.open_file(path)


def test_rename_updates_the_mentions_in_one_undo_step(window, qtbot, tmp_path):
    path, tab = renaming(window, tmp_path)
    seen = on_mentions(qtbot, tick=True)
    window.acts["rename_agent"].trigger()
    ((label, ticked, rows),) = seen
    assert label == "Also update 2 mentions of api-reviewer" and ticked
    assert rows[1] == (
        "− assistant: I'll use the api-reviewer agent (not api-reviewer-v2).\n"
        "+ assistant: I'll use the contract-checker agent (not api-reviewer-v2)."
    )
    renamed = path.with_name("contract-checker.md")
    text = tab.document.text()
    assert "name: contract-checker\n" in text and "the contract-checker agent" in text
    assert "api-reviewer-v2" in text and "the api-reviewer agent" not in text
    assert renamed.exists() and tab.document.path == renamed
    tab.document.qdoc.undo()  # one step: name, mentions and the file name
    assert tab.document.text() == AGENT
    qtbot.waitUntil(path.exists)
    assert not renamed.exists()


def test_unticked_mentions_stay_as_they_are(window, qtbot, tmp_path):
    path, tab = renaming(window, tmp_path)
    seen = on_mentions(qtbot, tick=False)
    window.acts["rename_agent"].trigger()
    assert len(seen) == 1
    assert tab.document.text() == AGENT.replace("name: api-reviewer", "name: contract-checker")


def test_duplicate_offers_the_same_for_the_copy(window, qtbot, tmp_path):
    path, _tab = renaming(window, tmp_path)
    seen = on_mentions(qtbot, tick=True)
    window.acts["duplicate_agent"].trigger()
    assert seen and seen[0][0] == "Also update 2 mentions of api-reviewer"
    copy = window.current()
    assert copy.document.path == path.with_name("api-reviewer-copy.md")
    assert "I'll use the api-reviewer-copy agent" in copy.document.text()
    assert path.read_text() == AGENT  # the original is untouched
    copy.document.qdoc.undo()
    assert copy.document.text() == copy.document.path.read_text()
