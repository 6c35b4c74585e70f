"""Rename and Duplicate offer to update the agent's name where its description names it: the
whole lines are shown, the update is one undo step with the new name and in the same write of
the file, and Cancel (Escape) drops the whole action."""

from __future__ import annotations

from modal import on_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QPushButton, QTextBrowser

from agentquill.ui.dialogs.mentions import MentionsDialog

AGENT = (
    "---\nname: api-reviewer\ndescription: |\n"
    "  Use the api-reviewer agent when an API changes.\n"
    "  <example>\n  user: check the orders API\n"
    "  assistant: I'll use the api-reviewer agent (not api-reviewer-v2).\n"
    "  </example>\n---\nYou review APIs.\n"
)
LONG = (  # the mention past the 60th character
    "  user: please check the endpoint design, status codes and pagination of the api-reviewer"
    " agent's own API\n"
)


def on_mentions(qtbot, tick: bool) -> list:
    """Answer the mentions dialog with the keyboard and a click; the list gets its checkbox's
    label and state, and its rows."""
    seen: list = []

    def answer(dialog) -> None:
        box = dialog.findChild(QCheckBox, "mentions.update")
        preview = dialog.findChild(QTextBrowser, "mentions.preview").toPlainText()
        lines = [line for line in preview.splitlines() if line.strip()]
        rows = ["\n".join(lines[i : i + 2]) for i in range(0, len(lines), 2)]  # − now, + after
        seen.append((box.text(), box.isChecked(), rows))
        if not tick:
            qtbot.keyClick(box, Qt.Key.Key_Space)  # Space toggles the focused box
        go = dialog.findChild(QPushButton, "mentions.go")
        qtbot.mouseClick(go, Qt.MouseButton.LeftButton)

    on_modal(answer, kind=MentionsDialog)
    return seen


def pair(now: str, after: str) -> str:
    """A line of the preview as it reads now and as it will."""
    return f"− {now}\n+ {after}"


def renaming(window, tmp_path, text: str = AGENT):
    """The agent opened, and the rename dialog answered "contract-checker"."""
    path = tmp_path / ".claude" / "agents" / "api-reviewer.md"
    path.parent.mkdir(parents=True)
    path.write_text(text)
    window.prompts.ask_rename = lambda path, name, dialect: "contract-checker"
    return path, window.files.open_file(path)


def test_rename_updates_the_mentions_in_one_undo_step(window, qtbot, tmp_path):
    path, tab = renaming(window, tmp_path)
    seen = on_mentions(qtbot, tick=True)
    window.acts["rename_agent"].trigger()
    ((label, ticked, rows),) = seen
    assert label == "Also update 2 mentions of api-reviewer" and ticked
    assert rows[1] == pair(
        "assistant: I'll use the api-reviewer agent (not api-reviewer-v2).",
        "assistant: I'll use the contract-checker agent (not api-reviewer-v2).",
    )
    renamed = path.with_name("contract-checker.md")
    text = tab.document.text()
    assert "name: contract-checker\n" in text and "the contract-checker agent" in text
    assert "api-reviewer-v2" in text and "the api-reviewer agent" not in text
    assert renamed.exists() and tab.document.path == renamed
    assert renamed.read_text() == text and not tab.document.modified  # one write: both
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
    assert copy.document.path.read_text() == copy.document.text()  # written so
    assert not copy.document.modified


def test_the_whole_line_is_shown_however_long(window, qtbot, tmp_path):
    text = AGENT.replace("  user: check the orders API\n", LONG)
    renaming(window, tmp_path, text)
    seen = on_mentions(qtbot, tick=True)
    window.acts["rename_agent"].trigger()
    rows = seen[0][2]
    line = LONG.strip()
    assert rows[1] == pair(line, line.replace("the api-reviewer", "the contract-checker"))


def test_escape_cancels_the_rename_and_changes_nothing(window, qtbot, tmp_path):
    path, tab = renaming(window, tmp_path)
    shown = on_modal(lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape), kind=MentionsDialog)
    window.acts["rename_agent"].trigger()
    assert shown
    assert path.read_text() == AGENT and not path.with_name("contract-checker.md").exists()
    assert tab.document.text() == AGENT and not tab.document.modified
    assert not tab.document.qdoc.isUndoAvailable()
    shown = on_modal(lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape), kind=MentionsDialog)
    window.acts["duplicate_agent"].trigger()
    assert shown and sorted(path.parent.iterdir()) == [path]
