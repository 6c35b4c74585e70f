"""A model-based driver of the whole window: seeded random user actions as real Qt events.

After every step it checks that every view tells the truth about the one buffer: each of the
form, Examples and Sections panes shows what a view built afresh from the buffer shows (but
for the one focused widget holding typed text not yet committed), the problems are the lint
of the buffer, the preview shows its render, the tab title marks unsaved work, and a save
writes the buffer's bytes. At the end, undoing everything gives back each file's first bytes.

``run(window, qtbot, files, folder, steps, seed)`` serves the CI test (a fixed seed and step
count) and longer runs on demand (``AGENTQUILL_STATEFUL_STEPS``, ``AGENTQUILL_STATEFUL_SEED``);
``AGENTQUILL_STATEFUL_TRACE=1`` prints each step as it goes, for a crash that takes the process
down with the log. A failure names the seed and the last 40 steps.
"""

from __future__ import annotations

import gc
import os
import random
import re
import shutil
import sys
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from events import wheel
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from agentquill.core.examples import parse as parse_examples
from agentquill.core.lint import lint
from agentquill.core.render import render_parts
from agentquill.ui.editor.preview import PreviewView
from agentquill.ui.find.bar import FindBar
from agentquill.ui.form.view import FormView
from agentquill.ui.sections.pane import SectionsEditor

TRACE = bool(os.environ.get("AGENTQUILL_STATEFUL_TRACE"))
KEY = Qt.Key
MOD = Qt.KeyboardModifier
#: what the driver types: words, YAML and markdown punctuation, quotes, non-ASCII
PIECES = ["word ", "x", " ", ": ", "# ", "- ", "'", '"', "é", "😀", "\\n", "<example>", "1. "]


class Failure(AssertionError):
    pass


class Driver:
    def __init__(self, window, qtbot, files: list[Path], rng: random.Random):
        self.window, self.qtbot, self.files, self.rng = window, qtbot, files, rng
        self.log: list[str] = []
        self.first: dict[str, bytes] = {}  # document key → its bytes when opened
        window.prompts.ask_save_changes = lambda tab: "discard"
        window.prompts.ask_external_change = self.answer_external_change
        self.asked = False
        window.prompts.ask_overwrite = lambda tab: "overwrite"
        window.prompts.ask_revert = lambda tab: "revert"
        window.prompts.ask_repair = lambda tab, before, after: True
        window.prompts.show_error = self.error_shown

    def error_shown(self, title: str, text: str) -> None:
        self.asked = True
        self.note(f"  error shown: {title}: {text}")

    def answer_external_change(self, _tab) -> str:
        self.asked = True
        return self.rng.choice(["reload", "keep"])

    # --- running ----------------------------------------------------------------------------
    def note(self, text: str) -> None:
        self.log.append(text)
        if TRACE:  # a crash of the process loses the log: print it as it goes
            print(text, file=sys.stderr, flush=True)

    def run(self, steps: int) -> None:
        for path in self.files[:3]:
            self.open(path)
        actions = self.actions()
        weights = [w for w, _ in actions]
        for step in range(steps):
            _, action = self.rng.choices(actions, weights)[0]
            self.note(f"{step}: {action.__name__}")
            action()
            self.settle()
            self.check(full=step % 10 == 9)
        self.undo_everything()

    def actions(self) -> list[tuple[int, Callable[[], None]]]:
        return [
            (8, self.type_in_form),
            (3, self.combo_keys),
            (4, self.wheel_over_field),
            (2, self.tick_tool),
            (2, self.other_field),
            (8, self.type_in_source),
            (6, self.type_in_pane),
            (4, self.examples_keys),
            (4, self.sections_keys),
            (5, self.undo_redo),
            (4, self.switch),
            (1, self.repair),
            (2, self.find_replace),
            (3, self.save),
            (2, self.change_on_disk),
            (1, self.revert),
            (1, self.close_and_open),
        ]

    def tab(self):
        return self.window.current()

    def open(self, path: Path) -> None:
        tab = self.window.files.open_file(path)
        assert tab is not None
        doc = tab.document
        self.first.setdefault(doc.key, doc.file_bytes())

    def settle(self) -> None:
        """Let the views catch up: the coalesced analysis, the preview render, the watcher."""

        def quiet() -> bool:
            for tab in self.window.editor_tabs():
                renderer = tab.renderer
                if tab._analyse_timer.isActive() or tab._catching_up:
                    return False
                if renderer._busy or renderer._latest is not None:
                    return False
            return QApplication.activeModalWidget() is None

        QApplication.processEvents()  # what the last action left for the next turn
        self.qtbot.waitUntil(quiet, timeout=5000)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    # --- actions ----------------------------------------------------------------------------
    def key(self, key, modifier=MOD.NoModifier) -> None:
        """A key press, which goes where keys go: to the focused widget."""
        self.qtbot.keyClick(self.focused(), key, modifier)

    def keys(self, text: str) -> None:
        """Type ``text`` into the focused widget: ASCII key by key, anything else as an input
        method commits it (QTest has keys for ASCII only)."""
        widget = self.focused()
        for run in re.split(r"([^\x00-\x7f]+)", text):
            if run and ord(run[0]) > 0x7F:
                event = QInputMethodEvent()
                event.setCommitString(run)
                QApplication.sendEvent(widget, event)
            elif run:
                self.qtbot.keyClicks(widget, run)

    def focused(self) -> QWidget:
        return QApplication.focusWidget() or self.window

    def pane(self, name: str) -> None:
        number = {"form": KEY.Key_1, "examples": KEY.Key_2, "sections": KEY.Key_3}
        self.key(number.get(name, KEY.Key_4), MOD.ControlModifier)

    def text(self) -> str:
        pieces = self.rng.choices(PIECES, k=self.rng.randint(1, 4))
        return "".join(pieces).replace("\\n", "\n" if self.rng.random() < 0.3 else " ")

    def type_into(self, widget: QWidget, multiline: bool) -> None:
        """Click ``widget``, move to a random end, type; then leave with Tab, or stay."""
        target = widget.viewport() if isinstance(widget, QPlainTextEdit | QTextEdit) else widget
        self.qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(4, 6))
        self.key(self.rng.choice([KEY.Key_End, KEY.Key_Home]))
        text = self.text()
        if not multiline:
            text = text.replace("\n", " ")
        lines = text.split("\n")
        for i, line in enumerate(lines):
            self.keys(line)
            if i < len(lines) - 1:
                self.key(KEY.Key_Return)
        if self.rng.random() < 0.4:
            self.key(KEY.Key_Backspace)
        if self.rng.random() < 0.5:
            self.key(KEY.Key_Tab)
        self.note(f"  typed {text!r} into {describe(widget)} (focus: {describe(self.focused())})")

    def type_in_form(self) -> None:
        self.pane("form")
        tab = self.tab()
        if tab is None:
            return
        editors = [
            w
            for e in tab.form.editors.values()
            for w in e.findChildren(QLineEdit) + e.findChildren(QPlainTextEdit)
            if w.isVisible()
            and w.isEnabled()
            and not isinstance(w.parent(), QAbstractSpinBox)
            and not isinstance(w.parent(), QComboBox)
            and w is not getattr(e, "add", None)  # a checklist's entry line (tools, observer)
        ]
        if editors:
            widget = self.rng.choice(editors)
            tab.form.ensureWidgetVisible(widget)
            self.type_into(widget, isinstance(widget, QPlainTextEdit))

    def combo_keys(self) -> None:
        self.pane("form")
        tab = self.tab()
        combos = [c for c in tab.form.findChildren(QComboBox) if c.isVisible()] if tab else []
        if combos:
            combo = self.rng.choice(combos)
            tab.form.ensureWidgetVisible(combo)
            combo.setFocus(Qt.FocusReason.TabFocusReason)
            for _ in range(self.rng.randint(1, 2)):
                self.key(self.rng.choice([KEY.Key_Up, KEY.Key_Down]))
            self.note(f"  keys on {combo.parent().objectName()}")

    def wheel_over_field(self) -> None:
        tab = self.tab()
        if tab is None:
            return
        kinds = QComboBox | QSpinBox | QLineEdit | QPlainTextEdit | QListWidget | QTableWidget
        widgets = [
            w
            for w in tab.panes.currentWidget().findChildren(QWidget)
            if isinstance(w, kinds) and w.isVisible()
        ]
        if widgets:
            widget = self.rng.choice(widgets)
            steps = self.rng.choice([-2, -1, 1, 2])
            wheel(widget, steps)
            self.note(f"  wheel {steps} over {widget.parent().objectName()}")

    def tick_tool(self) -> None:
        self.pane("form")
        tab = self.tab()
        lists = [w for w in tab.form.findChildren(QListWidget) if w.isVisible()] if tab else []
        if lists and lists[0].count():
            tools = lists[0]
            tab.form.ensureWidgetVisible(tools)
            tools.setFocus(Qt.FocusReason.TabFocusReason)
            row = self.rng.randrange(tools.count())
            tools.setCurrentRow(row)
            self.key(KEY.Key_Space)
            self.note(f"  ticked {tools.item(row).text()}")

    def other_field(self) -> None:
        """Type a key or a YAML value into the "Other fields" table, or add or remove a row."""
        self.pane("form")
        tab = self.tab()
        table = tab.form.other if tab else None
        if table is None or not table.isVisible():
            return
        tab.form.ensureWidgetVisible(table)
        if table.rowCount() and self.rng.random() < 0.7:
            table.setFocus(Qt.FocusReason.TabFocusReason)
            row, column = self.rng.randrange(table.rowCount()), self.rng.randrange(2)
            table.setCurrentCell(row, column)
            self.key(KEY.Key_F2)
            self.key(KEY.Key_End)
            self.keys(self.text().replace("\n", " "))
            self.key(self.rng.choice([KEY.Key_Return, KEY.Key_Tab, KEY.Key_Escape]))
            self.note(f"  cell {row},{column} of {table.rowCount()}")
        else:
            label = self.rng.choice(["Add field", "Remove field"])
            if label == "Remove field" and table.rowCount():
                table.selectRow(self.rng.randrange(table.rowCount()))
            button = next(b for b in tab.form.findChildren(QPushButton) if b.text() == label)
            self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            self.note(f"  {label}")

    def type_in_source(self) -> None:
        self.pane("source")
        tab = self.tab()
        if tab is None or tab.source.isReadOnly():
            return
        source = tab.source
        source.setFocus()
        cursor = source.textCursor()
        cursor.setPosition(self.rng.randint(0, tab.document.qdoc.characterCount() - 1))
        source.setTextCursor(cursor)
        choice = self.rng.random()
        if choice < 0.6:
            for line in self.text().split("\n"):
                self.keys(line)
                if self.rng.random() < 0.2:
                    self.key(KEY.Key_Return)
        else:
            for _ in range(self.rng.randint(1, 5)):
                self.key(self.rng.choice([KEY.Key_Backspace, KEY.Key_Delete]))
        self.note(f"  source at {cursor.position()}")

    def type_in_pane(self) -> None:
        name = self.rng.choice(["examples", "sections"])
        self.pane(name)
        tab = self.tab()
        if tab is None:
            return
        pane = getattr(tab, name)
        widgets = [
            w
            for w in pane.findChildren(QLineEdit) + pane.findChildren(QPlainTextEdit)
            if w.isVisible()
            and w.isEnabled()
            and not w.isReadOnly()
            and not isinstance(w.parent(), QComboBox | QAbstractSpinBox)
        ]
        if widgets:
            widget = self.rng.choice(widgets)
            scroll = pane.findChild(QWidget, "examples.scroll")
            if scroll is not None and hasattr(scroll, "ensureWidgetVisible"):
                scroll.ensureWidgetVisible(widget)
            self.type_into(widget, isinstance(widget, QPlainTextEdit))

    def examples_keys(self) -> None:
        self.pane("examples")
        tab = self.tab()
        if tab is None or not tab.examples.cards:
            return
        card = self.rng.choice(tab.examples.cards)
        fields = [w for w in card.findChildren(QPlainTextEdit) if w.isVisible()]
        if not fields:
            return
        field = self.rng.choice(fields)
        self.qtbot.mouseClick(field.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(4, 6))
        keys = [
            (KEY.Key_Up, MOD.AltModifier),
            (KEY.Key_Down, MOD.AltModifier),
            (KEY.Key_Down, MOD.ShiftModifier | MOD.AltModifier),
            (KEY.Key_Return, MOD.ControlModifier),
            (KEY.Key_Delete, MOD.ControlModifier | MOD.ShiftModifier),
            (KEY.Key_Return, MOD.ControlModifier | MOD.ShiftModifier),
        ]
        key, modifier = self.rng.choice(keys)
        self.key(key, modifier)
        self.note(f"  {key.name} {modifier} on card {card.index if hasattr(card, 'index') else ''}")

    def sections_keys(self) -> None:
        self.pane("sections")
        tab = self.tab()
        if tab is None or tab.sections.tree.topLevelItemCount() == 0:
            return
        tree = tab.sections.tree
        tree.setFocus()
        for _ in range(self.rng.randint(0, 6)):
            self.key(KEY.Key_Down)
        keys = [
            (KEY.Key_Up, MOD.AltModifier),
            (KEY.Key_Down, MOD.AltModifier),
            (KEY.Key_Right, MOD.AltModifier),
            (KEY.Key_Left, MOD.AltModifier),
            (KEY.Key_Delete, MOD.NoModifier),
        ]
        key, modifier = self.rng.choice(keys)
        self.key(key, modifier)
        self.note(
            f"  {key.name} {modifier} on row {tree.currentItem() and tree.currentItem().text(0)!r}"
        )

    def undo_redo(self) -> None:
        window, redo = self.window, self.rng.random() < 0.35
        if self.rng.random() < 0.5:
            (window.acts["redo"] if redo else window.acts["undo"]).trigger()
            self.note(f"  menu {'redo' if redo else 'undo'}")
        else:
            modifier = MOD.ControlModifier | (MOD.ShiftModifier if redo else MOD.NoModifier)
            widget = self.focused()
            self.key(KEY.Key_Z, modifier)
            self.note(f"  ctrl{'+shift' if redo else ''}+z in {type(widget).__name__}")

    def switch(self) -> None:
        if self.rng.random() < 0.5 or self.window.tabs.count() < 2:
            self.pane(self.rng.choice(["form", "examples", "sections", "source"]))
        else:
            bar = self.window.tabs.tabBar()
            index = self.rng.randrange(bar.count())
            self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
            self.note(f"  tab {index}")

    def repair(self) -> None:
        self.window.acts["repair"].trigger()

    def find_replace(self) -> None:
        """Ctrl+H, a word of the buffer to find, a piece to put instead; then Replace All
        (checked against Python's own replace) or Enter in the replace field (one match)."""
        tab = self.tab()
        words = re.findall(r"[A-Za-z]{3,}", tab.document.text()) if tab is not None else []
        if not words or tab.document.read_only_reason:
            return
        word, new = self.rng.choice(words), self.rng.choice(PIECES)
        self.key(KEY.Key_H, MOD.ControlModifier)
        bar = tab.findChild(FindBar)
        for button in bar.toggles.buttons.values():
            if button.isChecked():
                self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        bar.field.setFocus()
        bar.field.selectAll()
        self.keys(word)
        bar.replacement.setFocus()
        bar.replacement.selectAll()
        self.keys(new)
        if self.rng.random() < 0.5:
            before = tab.document.text()
            self.qtbot.mouseClick(bar.replace_all, Qt.MouseButton.LeftButton)
            expected = re.sub(re.escape(word), lambda _m: new, before, flags=re.I)
            if tab.document.text() != expected:
                raise Failure(f"Replace All of {word!r} with {new!r} is not Python's replace")
            self.note(f"  replace all {word!r} with {new!r}")
        else:
            self.key(KEY.Key_Return)
            self.note(f"  replace one {word!r} with {new!r}")
        if self.rng.random() < 0.5:
            self.key(KEY.Key_Escape)

    def save(self) -> None:
        tab = self.tab()
        if tab is None or tab.document.read_only_reason:
            return
        self.key(KEY.Key_S, MOD.ControlModifier)
        self.settle()
        if tab.document.path.read_bytes() != tab.document.file_bytes():
            raise Failure("the file on disk is not the buffer after a save")
        if tab.document.modified:
            raise Failure("the buffer is still marked modified after a save")

    def change_on_disk(self) -> None:
        tab = self.tab()
        if tab is None or tab.document.read_only_reason:
            return
        path = tab.document.path
        data = path.read_bytes()
        at = self.rng.randint(0, len(data))
        path.write_bytes(data[:at] + b"\nchanged outside\n" + data[at:])
        self.asked = False
        self.qtbot.waitUntil(lambda: self.asked or not tab.document.changed_on_disk(), timeout=3000)
        self.note(f"  wrote {path.name} at {at}")

    def revert(self) -> None:
        tab = self.tab()
        if tab is not None and not tab.document.read_only_reason:
            self.window.acts["revert"].trigger()

    def close_and_open(self) -> None:
        window = self.window
        if window.tabs.count() > 1 and self.rng.random() < 0.5:
            tab = self.tab()
            self.undo_all(tab)
            document = weakref.ref(tab.document)
            window.files.close_tab(window.tabs.currentIndex())
            del tab
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            gc.collect()
            if document() is not None:
                raise Failure("a closed tab's document is still alive")
        else:
            self.open(self.rng.choice(self.files))

    # --- checks -----------------------------------------------------------------------------
    def check(self, full: bool) -> None:
        tabs = self.window.editor_tabs() if full else [t for t in [self.tab()] if t]
        for tab in tabs:
            self.check_tab(tab, full)

    def check_tab(self, tab, full: bool) -> None:
        document = tab.document
        pending = pending_widget(tab)
        fresh_form = FormView(document)
        agent = document.agent()
        found = lint(agent)
        fresh_form.refresh(document.parsed(), agent.dialect, found)
        compare("form", tab.form, fresh_form, pending)
        if [d.message for d in tab.diagnostics] != [d.message for d in found]:
            raise Failure("the problems are not the lint of the buffer")
        if tab.examples.isVisible():
            check_examples(tab, document.parsed())
        if tab.sections.isVisible():
            fresh = SectionsEditor(document)
            fresh.refresh(document.parsed())
            compare("sections", tab.sections, fresh, pending)
        if full and tab.preview.isVisible():
            view = PreviewView()
            view.show_parts(
                *render_parts(document.text(), dark=tab.renderer.dark, kind=tab.renderer.kind)
            )
            if view.toPlainText() != tab.preview.toPlainText():
                raise Failure("the preview is not the render of the buffer")
            view.deleteLater()
        title = self.window.tabs.tabText(self.window.tabs.indexOf(tab))
        if ("●" in title) != document.modified:
            raise Failure(f"tab title {title!r} for modified={document.modified}")

    def undo_all(self, tab) -> None:
        qdoc = tab.document.qdoc
        while qdoc.isUndoAvailable():
            qdoc.undo()
        self.settle()
        if tab.document.file_bytes() != self.first[tab.document.key]:
            raise Failure(f"undoing everything in {tab.document.title} did not give its bytes")

    def undo_everything(self) -> None:
        QApplication.focusWidget() and QApplication.focusWidget().clearFocus()
        for tab in self.window.editor_tabs():
            tab.flush()
            self.undo_all(tab)


def describe(widget: QWidget) -> str:
    """A widget by its nearest object name, for the log."""
    names = []
    while widget is not None and len(names) < 2:
        if widget.objectName():
            names.append(widget.objectName())
        widget = widget.parentWidget()
    return "/".join(reversed(names))


def pending_widget(tab) -> QWidget | None:
    """The focused widget when it holds typed text its view has not committed yet."""
    focused = QApplication.focusWidget()
    if focused is None or not tab.isAncestorOf(focused):
        return None
    table = tab.form.other
    if table is not None and table.isAncestorOf(focused):  # a cell being edited
        return table if table.state() == QAbstractItemView.State.EditingState else None
    for editor in tab.form.editors.values():  # a field is one widget: colour swatches too
        if editor.isAncestorOf(focused):
            return editor if editor.pending() else None
    for card in tab.examples.cards:
        if card.isAncestorOf(focused):
            return focused if card.dirty else None
    if tab.examples.isAncestorOf(focused) and tab.examples._intro_dirty:
        return focused
    if tab.sections.isAncestorOf(focused) and isinstance(focused, QLineEdit):
        return focused  # a row being renamed: the tree takes it when the editor closes
    return None


def shown(view: QWidget, pending: QWidget | None) -> list[tuple[str, Any]]:
    """What ``view`` shows of the buffer, widget by widget in creation order (the pending
    widget's text as "<pending>")."""
    state = []
    for w in view.findChildren(QWidget):
        entry = _state(w)
        if entry is not None:
            held = pending is not None and (
                w is pending or w.isAncestorOf(pending) or pending.isAncestorOf(w)
            )
            state.append((entry[0], "<pending>") if held else entry)
    return state


def _state(w: QWidget) -> tuple[str, Any] | None:
    if isinstance(w.parentWidget() and w.parentWidget().parentWidget(), QAbstractItemView):
        return None  # an item view's cell editor: the view itself is compared
    if isinstance(w, QComboBox):
        return "combo", w.currentText()
    if isinstance(w, QSpinBox):
        return "spin", w.value()
    if isinstance(w, QLineEdit) and not isinstance(w.parent(), QComboBox | QSpinBox):
        return "line", w.text()
    if isinstance(w, QPlainTextEdit):
        return "text", w.toPlainText()
    if isinstance(w, QListWidget):
        items = [w.item(i) for i in range(w.count())]
        return "list", [(i.text(), i.checkState().value) for i in items]
    if isinstance(w, QTableWidget):
        cells = [
            [w.item(r, c).text() if w.item(r, c) else "" for c in range(w.columnCount())]
            for r in range(w.rowCount())
        ]
        return "table", cells
    if isinstance(w, QTreeWidget):
        return "tree", _tree(w.invisibleRootItem())
    if isinstance(w, QAbstractButton) and w.objectName().startswith("color."):
        return w.objectName(), w.isChecked()
    return None


def _tree(item: QTreeWidgetItem) -> list:
    return [(item.child(i).text(0), _tree(item.child(i))) for i in range(item.childCount())]


def check_examples(tab, parsed) -> None:
    """The intro and the cards show the description's examples, but for a card being typed in
    (its text not yet committed, or kept as typed where the buffer cannot hold it: a trailing
    space)."""
    description = parsed.value("description") if parsed.frontmatter is not None else None
    pane = tab.examples
    if not isinstance(description, str) or pane.stack.currentWidget() is pane.empty:
        return
    doc = parse_examples(description)
    focused = QApplication.focusWidget()
    typing = focused is not None and pane.isAncestorOf(focused)
    if not (typing and pane.intro.isAncestorOf(focused)) and pane.intro.text() != doc.intro:
        raise Failure(f"the Examples intro shows {pane.intro.text()!r}, not {doc.intro!r}")
    if len(pane.cards) != len(doc.examples):
        raise Failure(f"the Examples pane shows {len(pane.cards)} cards for {len(doc.examples)}")
    for i, (card, found) in enumerate(zip(pane.cards, doc.examples, strict=True)):
        if typing and card.isAncestorOf(focused):
            continue
        if card.example() != found.example:
            raise Failure(f"card {i} shows {card.example()!r}, the buffer {found.example!r}")


def compare(name: str, live: QWidget, fresh: QWidget, pending: QWidget | None) -> None:
    try:
        have, want = shown(live, pending), shown(fresh, None)
        if len(have) != len(want):
            kinds = [k for k, _ in have], [k for k, _ in want]
            raise Failure(f"the {name} view has widgets {kinds[0]}, a fresh one {kinds[1]}")
        for (kind, value), (_, expected) in zip(have, want, strict=True):
            if value != "<pending>" and value != expected:
                raise Failure(f"the {name} view shows {kind} {value!r}, the buffer {expected!r}")
    finally:
        fresh.setParent(None)
        fresh.deleteLater()


def run(window, qtbot, sources: list[Path], folder: Path, steps: int, seed: int) -> Driver:
    """Copy ``sources`` into ``folder`` and play ``steps`` seeded actions on them."""
    files = []
    for i, source in enumerate(sources):
        copy = folder / f"{i:02d}-{source.name}"
        shutil.copyfile(source, copy)
        files.append(copy)
    driver = Driver(window, qtbot, files, random.Random(seed))
    try:
        driver.run(steps)
    except BaseException as exc:
        tail = "\n".join(driver.log[-40:])
        raise Failure(f"seed {seed}, after:\n{tail}\n{exc}") from exc
    return driver
