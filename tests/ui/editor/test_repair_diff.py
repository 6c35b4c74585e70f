"""Repair Frontmatter shows its diff first: Apply makes it one undoable edit, Cancel nothing."""

from __future__ import annotations

from modal import on_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from agentquill.ui.dialogs.repair_diff import RepairDiffDialog

BROKEN = (
    "---\nname: api-reviewer\ndescription: Use it: when an API changes\n"
    "  and 'breaking' changes need a name.\n\n  <example>\n  user: review it\n  </example>\n"
    "model: opus\n---\nBody\n"
)


def on_dialog(act) -> list:
    """``act(dialog)`` on the repair diff once it shows; the list gets the diff it showed."""
    seen: list = []

    def look(dialog) -> None:
        seen.append(dialog.findChild(QPlainTextEdit, "repair.view").toPlainText())
        act(dialog)

    on_modal(look, kind=RepairDiffDialog)
    return seen


def open_broken(window, tmp_path):
    path = tmp_path / "api-reviewer.md"
    path.write_text(BROKEN)
    return window.files.open_file(path)


def test_repair_shows_the_diff_and_applies_on_apply(window, qtbot, tmp_path):
    tab = open_broken(window, tmp_path)
    seen = on_dialog(
        lambda d: qtbot.mouseClick(
            d.findChild(QPushButton, "repair.apply"), Qt.MouseButton.LeftButton
        ),
    )
    window.acts["repair"].trigger()
    (diff,) = seen
    assert "-description: Use it: when an API changes" in diff
    assert "+description: >-\n+  Use it: when an API changes\n" in diff
    assert "\n   and 'breaking' changes need a name.\n" in diff  # the lines kept are not touched
    text = tab.document.text()
    assert "description: >-\n  Use it: when an API changes\n" in text and "''" not in text
    assert tab.document.parsed().frontmatter.tier == "yaml"
    tab.document.qdoc.undo()  # one undo step takes it all back
    assert tab.document.text() == BROKEN


def test_cancel_changes_nothing_and_the_banner_link_asks_too(window, qtbot, tmp_path):
    tab = open_broken(window, tmp_path)
    seen = on_dialog(lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    tab.banner.linkActivated.emit("repair")  # the banner's Repair link
    assert len(seen) == 1 and tab.document.text() == BROKEN and not tab.document.modified
