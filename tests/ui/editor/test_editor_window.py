"""The editor window: one buffer behind form, source and preview; safe files."""

from __future__ import annotations

import shutil

import pytest
from events import field
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QComboBox

from agentquill.core.files import RecoveryStore
from agentquill.core.text import Edit
from agentquill.ui.editor.document import AgentDocument
from agentquill.ui.settings import Settings
from agentquill.ui.window.main_window import MainWindow
from support import FIXTURES


@pytest.fixture
def agent(tmp_path):
    path = tmp_path / "release-manager.md"
    shutil.copy(FIXTURES / "release-manager.md", path)
    return path


def settle(qtbot, tab):
    """Wait for the coalesced re-parse and the preview render."""

    def settled() -> bool:
        analysed = not tab._analyse_timer.isActive() and not tab._catching_up
        return analysed and not tab.renderer._busy and tab.renderer._latest is None

    qtbot.waitUntil(settled, timeout=3000)


def test_object_names(window, agent, qtbot):
    tab = window.files.open_file(agent)
    window.problems_dock.show()  # the Problems list is made when its dock first shows
    names = {
        "MainWindow",
        "source",
        "preview",
        "problems",
        "field.name",
        "field.description",
        "field.model",
        "field.color",
        "field.tools",
        "form.more",
    }
    found = {w.objectName() for w in window.findChildren(object)} | {window.objectName()}
    assert names <= found
    assert field(qtbot, tab.form, "maxTurns").objectName() == "field.maxTurns"


def test_form_edit_is_one_line_diff_and_one_undo_step(window, agent, qtbot):
    tab = window.files.open_file(agent)
    original = tab.document.text()
    combo = window.findChild(QComboBox, None, Qt.FindChildOption.FindChildrenRecursively)
    model = tab.form.editors["model"].combo
    assert combo is not None
    model.setFocus()
    model.lineEdit().selectAll()
    qtbot.keyClicks(model, "opus")
    qtbot.keyClick(model, Qt.Key.Key_Return)
    text = tab.document.text()
    changed = [
        (a, b) for a, b in zip(original.splitlines(), text.splitlines(), strict=True) if a != b
    ]
    assert changed == [("model: sonnet", "model: opus")]
    settle(qtbot, tab)
    assert "opus" in tab.preview.toPlainText()
    tab.document.qdoc.undo()
    assert tab.document.text() == original
    tab.document.qdoc.redo()
    assert "model: opus" in tab.document.text()


def test_source_edit_updates_form_and_preview(window, agent, qtbot):
    tab = window.files.open_file(agent)
    tab.panes.setCurrentWidget(tab.source)
    cursor = tab.source.textCursor()
    cursor.setPosition(tab.document.text().index("release-manager") + len("release-manager"))
    tab.source.setTextCursor(cursor)
    qtbot.keyClicks(tab.source, "-2")
    settle(qtbot, tab)
    assert tab.form.editors["name"].edit.text() == "release-manager-2"
    assert "release-manager-2" in tab.preview.toPlainText()


def test_typing_in_a_field_is_not_clobbered(window, agent, qtbot):
    tab = window.files.open_file(agent)
    name = tab.form.editors["name"].edit
    name.setFocus()
    qtbot.waitUntil(name.hasFocus, timeout=1000)
    name.selectAll()
    qtbot.keyClicks(name, "half-typ")
    tab.document.apply([])  # nothing
    tab.analyse()
    assert name.text() == "half-typ"


def test_tools_and_color_widgets_write_the_dialect_form(window, agent):
    tab = window.files.open_file(agent)
    tab.form.commit("tools", "Read, Grep")
    assert "tools: Read, Grep\n" in tab.document.text()
    tab.form.editors["color"].buttons["red"].click()
    assert "color: red\n" in tab.document.text()


def test_save_unchanged_is_byte_identical(window, tmp_path):
    for name in ("crlf-helper.md", "bom-agent.md", "no-final-newline.md", "colon-description.md"):
        path = tmp_path / name
        shutil.copy(FIXTURES / name, path)
        before = path.read_bytes()
        tab = window.files.open_file(path)
        assert window.files.save(tab)
        assert path.read_bytes() == before, name


def test_crlf_file_keeps_crlf_after_a_form_edit(window, tmp_path):
    path = tmp_path / "crlf-helper.md"
    shutil.copy(FIXTURES / "crlf-helper.md", path)
    tab = window.files.open_file(path)
    tab.form.commit("model", "opus")
    window.files.save(tab)
    assert path.read_bytes() == (FIXTURES / "crlf-helper.md").read_bytes().replace(
        b"model: haiku", b"model: opus"
    )


def test_dirty_marker_and_title(window, agent):
    tab = window.files.open_file(agent)
    tab.form.commit("model", "opus")
    assert window.tabs.tabText(0).endswith("●") and window.isWindowModified()
    window.files.save(tab)
    assert not window.tabs.tabText(0).endswith("●")


def test_external_change_reloads_a_clean_buffer(window, agent, qtbot):
    tab = window.files.open_file(agent)
    agent.write_text(agent.read_text().replace("sonnet", "haiku"))
    window.files._changed_on_disk(str(agent))
    assert "model: haiku" in tab.document.text() and not tab.document.modified


def test_external_change_with_unsaved_edits_asks(window, agent):
    tab = window.files.open_file(agent)
    tab.form.commit("color", "red")
    agent.write_text(agent.read_text().replace("sonnet", "haiku"))
    asked = []
    window.prompts.ask_external_change = lambda t: asked.append(t) or "keep"
    window.files._changed_on_disk(str(agent))
    assert asked and "color: red" in tab.document.text()
    window.prompts.ask_overwrite = lambda t: "cancel"
    assert not window.files.save(tab)
    assert "haiku" in agent.read_text()  # never overwritten unseen


def test_recovery_autosave_and_restore(window, agent, tmp_path):
    tab = window.files.open_file(agent)
    tab.form.commit("model", "opus")
    window.files.autosave()
    pending = window.files.recovery.pending()
    assert len(pending) == 1 and "model: opus" in pending[0].text
    other = MainWindow(Settings(tmp_path / "c2"), RecoveryStore(tmp_path / "recovery"))
    other.files.restore(pending)
    restored = other.current()
    assert "model: opus" in restored.document.text() and restored.document.modified
    restored.document.qdoc.setModified(False)
    other.close()


def test_invalid_yaml_opens_with_fields_banner_and_repair(window, tmp_path):
    path = tmp_path / "unindented-description.md"
    shutil.copy(FIXTURES / "unindented-description.md", path)
    tab = window.files.open_file(path)
    assert tab.banner.isVisibleTo(window) and "Repair" in tab.banner.text()
    assert tab.form.editors["model"].combo.currentText() == "opus"
    assert any(d.code == "AQ100" for d in tab.diagnostics)
    assert tab.repair(lambda before, after: True)
    tab.analyse()
    assert not tab.banner.isVisibleTo(window)


def test_non_utf8_opens_read_only_with_place(window, tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes(b"---\nname: caf\xe9\n---\nBody\n")
    tab = window.files.open_file(path)
    assert tab.source.isReadOnly() and "line 2, column 10" in tab.banner.text()
    errors = []
    window.prompts.show_error = lambda title, text: errors.append(text)
    assert not window.files.save(tab)
    assert path.read_bytes() == b"---\nname: caf\xe9\n---\nBody\n"


def test_missing_file_gives_a_clear_error(window, tmp_path):
    errors = []
    window.prompts.show_error = lambda title, text: errors.append((title, text))
    assert window.files.open_file(tmp_path / "nope.md") is None
    assert errors and errors[0][0] == "Cannot open file"


def test_dropped_files_open_as_tabs(window, agent):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(agent))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert window.current().document.path == agent and drop.isAccepted()


def test_unwritable_target_keeps_the_buffer(window, agent, tmp_path):
    tab = window.files.open_file(agent)
    tab.form.commit("model", "opus")
    errors = []
    window.prompts.show_error = lambda title, text: errors.append(text)
    window.prompts.ask_save_path = lambda t: str(tmp_path / "no-such-dir" / "x.md")
    assert not window.files.save_as(tab)
    assert errors and "still in the editor" in errors[0]
    assert "model: opus" in tab.document.text() and tab.document.modified


def test_problems_click_jumps_to_source(window, tmp_path):
    path = tmp_path / "x.md"
    path.write_text("---\nname: x\ndescription: d\nallowed-tools: Read\n---\n\nShort.\n")
    tab = window.files.open_file(path)
    tab.panes.setCurrentWidget(tab.source)
    items = [window.problems.topLevelItem(i) for i in range(window.problems.topLevelItemCount())]
    item = next(i for i in items if i.text(1) == "AQ210")
    window.problems._activated(item)
    assert tab.cursor_position()[0] == 4


def test_settings_persist_geometry_and_recent(tmp_path, qtbot, agent):
    settings = Settings(tmp_path / "cfg")
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.files.open_file(agent)
    win.close()
    again = Settings(tmp_path / "cfg")
    assert again.state.geometry and str(agent.resolve()) in again.state.recent_files


def test_no_break_spaces_and_emoji_survive_edits(window, tmp_path):
    path = tmp_path / "nbsp.md"
    original = (
        "---\nname: nbsp\ndescription: Uses\u00a0no-break spaces 😀 and more\n---\nBody 😀\u00a0x\n"
    )
    path.write_text(original, encoding="utf-8")
    tab = window.files.open_file(path)
    assert tab.document.text() == original
    tab.form.commit("model", "opus")
    assert tab.document.text() == original.replace("more\n---", "more\nmodel: opus\n---")
    window.files.save(tab)
    assert path.read_text(encoding="utf-8") == tab.document.text()


def test_name_is_validated_while_typing(window, agent, qtbot):
    tab = window.files.open_file(agent)
    name = tab.form.editors["name"].edit
    error = tab.form.errors["name"]
    qtbot.keyClicks(name, "_X")
    assert error.isVisibleTo(window) and "lowercase" in error.text()
    assert "release-manager\n" in tab.document.text()  # nothing committed yet
    name.setText("release-manager-two")
    name.textEdited.emit(name.text())
    assert not error.isVisibleTo(window)


def test_save_writes_what_is_still_being_typed(window, agent, qtbot):
    tab = window.files.open_file(agent)
    editor = tab.form.editors["model"]
    editor.combo.setFocus()
    qtbot.waitUntil(editor.has_focus)
    editor.combo.lineEdit().selectAll()
    qtbot.keyClicks(editor.combo, "opus")  # typed, not yet committed
    assert "model: opus" not in tab.document.text()
    assert window.files.save(tab)
    assert "model: opus\n" in agent.read_text(encoding="utf-8")


def test_apply_of_several_edits_is_one_undo_step(window, agent):
    tab = window.files.open_file(agent)
    original = tab.document.text()
    end = len(original)
    tab.document.apply([Edit(0, 3, "---"), Edit(end - 1, end, ".\n"), Edit(5, 9, "NAME")])
    assert tab.document.text() == "---\nnNAME" + original[9:-1] + ".\n"
    tab.document.qdoc.undo()
    assert tab.document.text() == original and not tab.document.qdoc.isUndoAvailable()


#: text for edits: plain, astral, and what Qt stores as a block break (or we read as one)
_CHARS = "ab \n\t\xa0é😀\r\u2028\u2029\ufdd0\ufdd1"
_EDIT_TEXT = st.text(alphabet=st.sampled_from(_CHARS), max_size=6)


@settings(max_examples=60)
@given(
    st.text(alphabet=st.sampled_from("ab\n😀\xa0"), max_size=30),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 4), _EDIT_TEXT), max_size=4),
)
def test_text_after_apply_is_what_qt_holds(qapp, start, spots):
    """``apply`` keeps the text it computed when Qt stores the edits as given: it must be what
    reading the buffer gives, whatever the edits hold."""
    document = AgentDocument(start)
    text, edits, taken = document.text(), [], set()
    for at, size, insert in spots:
        at = at % (len(text) + 1)
        end = min(at + size, len(text))
        if taken & set(range(at, end + 1)):
            continue  # edits must not overlap or touch
        taken |= set(range(at, end + 1))
        edits.append(Edit(at, end, insert))
    document.apply(edits)
    kept = document.text()
    document._text = (-1, "")  # forget it: read the buffer again
    assert kept == document.text()


def reloaded_with_lf_lines(tmp_path) -> tuple[AgentDocument, bytes]:
    """A CRLF file into which another program wrote LF lines, reloaded; and its first bytes."""
    path = tmp_path / "crlf-helper.md"
    shutil.copy(FIXTURES / "crlf-helper.md", path)
    original = path.read_bytes()
    document = AgentDocument.open(path)
    at = original.index(b"\r\n", original.index(b"You review"))
    path.write_bytes(original[:at] + b"\nchanged outside\n" + original[at:])
    document.reload()
    assert document.file_bytes() == path.read_bytes()
    return document, original


def test_undoing_a_reload_gives_back_the_line_breaks_too(qapp, tmp_path):
    """Undoing the reload is the file as it was, bytes and all (found by the model-based
    test)."""
    document, original = reloaded_with_lf_lines(tmp_path)
    document.qdoc.undo()
    assert document.file_bytes() == original


def test_undoing_many_saves_and_a_reload_gives_back_the_first_bytes(qapp, tmp_path):
    document, original = reloaded_with_lf_lines(tmp_path)
    for i in range(12):
        document.apply([Edit(0, 0, f"line {i}\n")])
        document.save()
    while document.qdoc.isUndoAvailable():
        document.qdoc.undo()
    assert document.file_bytes() == original


def test_closing_the_window_asks_about_unsaved_work_and_can_be_cancelled(window, agent):
    tab = window.files.open_file(agent)
    tab.document.apply([Edit(0, 0, "x")])
    asked = []
    window.prompts.ask_save_changes = lambda t: asked.append(t) or "cancel"
    assert window.close() is False and window.isVisible() and window.tabs.count() == 1
    assert asked == [tab]
    window.prompts.ask_save_changes = lambda t: "discard"
    assert window.close() is True and window.tabs.count() == 0
    assert agent.read_text(encoding="utf-8") == (FIXTURES / "release-manager.md").read_text(
        encoding="utf-8"
    )
