"""Crash restore names the kept work and restores what the user ticks; the rest is kept for
next time, or discarded only after a second question."""

from __future__ import annotations

from modal import on_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from agentquill.core.files import RecoveryStore
from agentquill.ui.dialogs.restore import RestoreDialog

AGENT = "---\nname: {0}\ndescription: Edited, not saved.\n---\nBody\n"


def texts(dialog) -> list[str]:
    """A restore dialog's rows, or a message box's text."""
    if isinstance(dialog, RestoreDialog):
        return [dialog.list.item(i).text() for i in range(dialog.list.count())]
    return [dialog.text()]


def answering(*acts) -> list:
    """``on_modal`` with each dialog's texts kept as it is met (a message box is gone after)."""
    seen: list = []

    def looking(act):
        return lambda dialog: (seen.append(texts(dialog)), act(dialog))

    on_modal(*map(looking, acts))
    return seen


def click(qtbot, dialog, text: str) -> None:
    button = next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def untick(qtbot, dialog, row: int) -> None:
    """Space on the row toggles its box, as a user does with the keyboard."""
    dialog.list.setCurrentRow(row)
    qtbot.keyClick(dialog.list.viewport(), Qt.Key.Key_Space)
    assert dialog.list.item(row).checkState() == Qt.CheckState.Unchecked


def kept(tmp_path, window) -> list:
    store: RecoveryStore = window.files.recovery
    first = tmp_path / "reviewer.md"
    first.write_text(AGENT.format("old"))
    store.save("aaa", str(first), AGENT.format("reviewer"))
    store.save("bbb", None, AGENT.format("draft"))
    return store.pending()


def test_the_prompt_names_each_file_and_restores_the_ticked(window, qtbot, tmp_path):
    pending = kept(tmp_path, window)
    seen = answering(lambda d: (untick(qtbot, d, 1), click(qtbot, d, "Restore Ticked")))
    window.files.offer_restore()
    rows = seen[0]
    assert len(rows) == 2 and all("saved " in r and " bytes" in r for r in rows)
    names = {p.key: r for p, r in zip(pending, rows, strict=True)}
    assert names["aaa"].startswith(f"reviewer.md — {tmp_path}")
    assert names["bbb"].startswith("Untitled — draft (never saved)")
    restored = [t.document.text() for t in window.editor_tabs()]
    ticked = pending[0]
    assert restored == [ticked.text]
    assert [p.key for p in window.files.recovery.pending()] == [pending[1].key]  # kept


def test_discarding_the_unticked_asks_first(window, qtbot, tmp_path):
    pending = kept(tmp_path, window)

    def no(box):
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        qtbot.keyClick(box, Qt.Key.Key_Return)

    seen = answering(
        lambda d: (
            untick(qtbot, d, 0),
            untick(qtbot, d, 1),
            click(qtbot, d, "Discard Unticked…"),  # answered No: the list is still there
            click(qtbot, d, "Later"),
        ),
        no,
    )
    window.files.offer_restore()
    assert "Discard 2 unsaved files for good?" in seen[1][0]
    assert window.editor_tabs() == [] and len(window.files.recovery.pending()) == 2
    seen = answering(
        lambda d: (untick(qtbot, d, 0), click(qtbot, d, "Discard Unticked…")),
        lambda box: click(qtbot, box, "Discard"),
    )
    window.files.offer_restore()
    assert [t.document.text() for t in window.editor_tabs()] == [pending[1].text]
    assert window.files.recovery.pending() == []


def test_a_file_deleted_since_keeps_its_path_and_drafts_are_named(window, qtbot, tmp_path):
    store: RecoveryStore = window.files.recovery
    gone = tmp_path / "sub" / "gone.md"
    store.save("aaa", str(gone), AGENT.format("gone"))
    store.save("bbb", None, AGENT.format("api-reviewer"))
    store.save("ccc", None, "no frontmatter\n")
    pending = store.pending()
    seen = answering(lambda d: click(qtbot, d, "Restore Ticked"))
    window.files.offer_restore()
    rows = dict(zip((p.key for p in pending), seen[0], strict=True))
    assert rows["aaa"].startswith(f"gone.md — {gone.parent} (deleted on disk)")
    assert rows["bbb"].startswith("Untitled — api-reviewer (never saved)")
    assert rows["ccc"].startswith("Untitled (never saved)")
    tabs = window.editor_tabs()
    by_text = {t.document.text(): window.tabs.indexOf(t) for t in tabs}
    index = by_text[AGENT.format("gone")]
    assert window.tabs.tabText(index) == "gone.md ●"
    assert window.tabs.tabToolTip(index) == f"{gone} (deleted on disk)"
    assert window.tabs.tabText(by_text[AGENT.format("api-reviewer")]) == "Untitled — api-reviewer ●"
    window.tabs.setCurrentIndex(index)
    source = window.current().source
    window.activateWindow()  # again, after the dialog
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # View → Source
    qtbot.waitUntil(source.isVisible)
    qtbot.mouseClick(source.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(source, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert gone.read_text() == AGENT.format("gone")  # written where it was, folder and all
    assert window.tabs.tabText(index) == "gone.md"
    assert window.tabs.tabToolTip(index) == str(gone)
