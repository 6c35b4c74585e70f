"""Crash restore names the kept work and restores what the user ticks; the rest is kept for
next time, or discarded only after a second question."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from agentquill.core.files import RecoveryStore
from agentquill.ui.dialogs.restore import RestoreDialog

AGENT = "---\nname: {0}\ndescription: Edited, not saved.\n---\nBody\n"


def on_modal(qtbot, *acts) -> list:
    """Run each act on the next modal dialog in turn (an act may open the next and carry on
    once it is answered); the list gets each dialog and its texts."""
    seen: list = []
    queue = list(acts)

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or modal in [s[0] for s in seen]:
            QTimer.singleShot(10, poll)
            return
        texts = (
            [modal.list.item(i).text() for i in range(modal.list.count())]
            if isinstance(modal, RestoreDialog)
            else [modal.text()]
        )
        seen.append((modal, texts))
        act = queue.pop(0)
        if queue:
            QTimer.singleShot(0, poll)
        act(modal)

    QTimer.singleShot(0, poll)
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
    seen = on_modal(qtbot, lambda d: (untick(qtbot, d, 1), click(qtbot, d, "Restore Ticked")))
    window.files.offer_restore()
    rows = seen[0][1]
    assert len(rows) == 2 and all("saved " in r and " bytes" in r for r in rows)
    names = {p.key: r for p, r in zip(pending, rows, strict=True)}
    assert names["aaa"].startswith(f"reviewer.md — {tmp_path}")
    assert names["bbb"].startswith("Untitled (never saved)")
    restored = [t.document.text() for t in window.editor_tabs()]
    ticked = pending[0]
    assert restored == [ticked.text]
    assert [p.key for p in window.files.recovery.pending()] == [pending[1].key]  # kept


def test_discarding_the_unticked_asks_first(window, qtbot, tmp_path):
    pending = kept(tmp_path, window)

    def no(box):
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        qtbot.keyClick(box, Qt.Key.Key_Return)

    seen = on_modal(
        qtbot,
        lambda d: (
            untick(qtbot, d, 0),
            untick(qtbot, d, 1),
            click(qtbot, d, "Discard Unticked…"),  # answered No: the list is still there
            click(qtbot, d, "Later"),
        ),
        no,
    )
    window.files.offer_restore()
    assert "Discard 2 unsaved file(s) for good?" in seen[1][1][0]
    assert window.editor_tabs() == [] and len(window.files.recovery.pending()) == 2
    seen = on_modal(
        qtbot,
        lambda d: (untick(qtbot, d, 0), click(qtbot, d, "Discard Unticked…")),
        lambda box: click(qtbot, box, "Discard"),
    )
    window.files.offer_restore()
    assert [t.document.text() for t in window.editor_tabs()] == [pending[1].text]
    assert window.files.recovery.pending() == []
