"""The form: typed widgets for the frontmatter fields of the file's dialect.

It shows the one buffer (``refresh``) in every widget after every change, and writes through
core edits. The one widget a refresh leaves alone is the focused one holding typed text not
yet committed (see :class:`FieldEditor`).

It builds the rows it shows: the dialect's essential fields and those the file sets. The rest
wait under "More fields" (:class:`~.disclosure.Disclosure`), built when it first opens.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import dialects
from ...core.dialects import FieldType
from ...core.frontmatter import Field, Parsed, fields
from ...core.lint import Diagnostic, name_problems
from ..editor.document import AgentDocument
from ..intent import keep_key
from ..timers import after_first_frame, soon
from .disclosure import Disclosure
from .field_editors import (
    AgentsEditor,
    BoolEditor,
    ChecklistEditor,
    ChoiceEditor,
    ColorEditor,
    DecimalEditor,
    FieldEditor,
    LineEditor,
    ListEditor,
    NumberEditor,
    ProseEditor,
    SkillsEditor,
    ToolsEditor,
    parse_yaml_value,
    yaml_inline,
)


def has_widget(spec: dialects.FieldSpec) -> bool:
    """Whether the form has a widget for the field (else the "Other fields" table shows it)."""
    return spec.key in ("description", "model", "color") or spec.type not in _AS_YAML


#: the field types the "Other fields" table shows as YAML
_AS_YAML = (FieldType.MAP, FieldType.ANY)


def editor_for(
    spec: dialects.FieldSpec,
    dialect: dialects.Dialect,
    agent_names: Callable[[], list[str]] = list,
    skill_names: Callable[[], list[str]] = list,
) -> FieldEditor:
    """The widget for a field that has one (``has_widget``). ``agent_names`` and
    ``skill_names`` offer the names a field that names agents or skills lists."""
    key, kind = spec.key, spec.type
    if key == "description":
        return ProseEditor(_ASKS.get(dialect.kind, _ASKS["agent"]))
    if key == "model":
        return ChoiceEditor(dialect.models, editable=True)
    if key == "color":
        return ColorEditor(dialect.colors)
    if kind == FieldType.TOOLS:
        return ToolsEditor(dialect, spec.list_style)
    if key == "observer" and dialect.id.startswith("claude"):
        return AgentsEditor(agent_names, dialects.MAX_OBSERVERS)
    if key == "skills" and dialect.id.startswith("claude"):
        return SkillsEditor(skill_names)
    if kind == FieldType.ENUM and spec.allowed:  # a number for `effort` shows as its own item
        return ChoiceEditor(spec.allowed, editable=bool(spec.pattern) and not spec.also_int)
    if kind == FieldType.BOOL:
        return BoolEditor()
    if kind == FieldType.INT:
        low = int(spec.minimum or 0)
        step = 10_000 if low >= 100_000 else 1  # token counts (autoCompactWindow)
        return NumberEditor(low, step)
    if kind == FieldType.NUMBER:
        return DecimalEditor(required=spec.required)
    if kind == FieldType.STRING_LIST:
        return ListEditor(required=spec.required)
    return LineEditor(required=spec.required)  # a string, an enum of any value


#: The rows a form shows first, by dialect: the required fields and the few every such file
#: should consider (for agents, those the corpus's files set most), beside the fields the file
#: sets. A dialect not listed shows every row: it has few, or shows them by another field's
#: value (an eval grader's, by its type).
ESSENTIAL: dict[str, tuple[str, ...]] = {
    dialects.CLAUDE_CODE: ("name", "description", "tools", "model", "color"),
    dialects.CLAUDE_PLUGIN: ("name", "description", "tools", "model", "color"),
    dialects.COPILOT: ("name", "description", "tools", "model"),
    dialects.OPENCODE: ("description", "mode", "model", "temperature"),
    dialects.GEMINI: ("name", "description", "tools", "model"),
    dialects.SKILL: ("name", "description", "allowed-tools", "model"),
    dialects.COMMAND: ("description", "argument-hint", "allowed-tools", "model"),
    dialects.EVAL_PROMPT: ("name", "description", "runs", "model", "allowed_tools"),
}

#: the window's property that says whether "More fields" was last left open: the next form
#: shown in the window opens it too
MORE_OPEN = "agentquillFormMoreOpen"


#: the description's placeholder, by kind of file
_ASKS = {
    "agent": "When should Claude delegate to this agent?",
    "skill": "What does the skill do, and when should Claude use it?",
    "command": "What does this command do? Shown in the / menu.",
    "output-style": "How does this style change Claude's answers?",
    "eval": "What does this case check? Shown to people reading the report.",
}

#: A value longer than this in the file is shown cut short and edited in Source: a cell is no
#: place for it, and YAML takes seconds to write a megabyte value as one line.
CELL_LIMIT = 2_000


def _cell(f: Field, source: str) -> tuple[str, bool]:
    """What the Other fields table shows for ``f``, and whether it can be edited there."""
    start, end = f.value_span
    if end - start <= CELL_LIMIT:
        return yaml_inline(f.value), True
    return f"{' '.join(source[start : start + 120].split())}… ({end - start:,} characters)", False


def _tab_stops(cell: QWidget) -> list[QWidget]:
    """The widgets Tab stops at in a row's cell: the cell, or those inside it that are not
    inside another (a combo box's line edit is the combo box's)."""
    if cell.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return [cell]
    stops = []
    for widget in cell.findChildren(QWidget):
        outer = widget.parentWidget()
        while outer is not cell and not outer.focusPolicy() & Qt.FocusPolicy.TabFocus:
            outer = outer.parentWidget()
        if outer is cell and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            stops.append(widget)
    return stops


class FormView(QScrollArea):
    """All fields of one file; edits go to the document as one undo step each."""

    problem = Signal(str)  # an edit the core refused, for the status bar

    def __init__(self, document: AgentDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("form")
        self.setWidgetResizable(True)
        self.document = document
        self.dialect: dialects.Dialect | None = None
        self.editors: dict[str, FieldEditor] = {}
        self.errors: dict[str, QLabel] = {}
        self.other: QTableWidget | None = None
        self.more: Disclosure | None = None
        self._later: list[str] = []  # the fields under "More fields", in the dialect's order
        self._label_width = 0  # every label's, with "More fields": opening it moves no row
        self._found: list[Diagnostic] = []  # the problems last shown
        self._other_keys: list[str] = []
        self._refreshing = False

    # --- building ---------------------------------------------------------------------------
    def _build(self, dialect: dialects.Dialect, values: dict[str, Any]) -> None:
        """The rows of the essential fields and of those set; "More fields" for the others."""
        self.dialect = dialect
        self.editors.clear()
        self.errors.clear()
        first = ESSENTIAL.get(dialect.id)
        specs = [spec for spec in dialect.fields.values() if has_widget(spec)]
        self._later = [
            s.key
            for s in specs
            if first is not None and s.key not in first and s.key not in values and not s.required
        ]
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(self._label_text(s)) for s in specs), default=0)
        self._label_width = widest if self._later else 0
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(16, 12, 16, 16)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(6)
        self.rows = form
        for spec in specs:
            if spec.key not in self._later:
                form.addRow(*self._row(spec))
        self.more = None
        if self._later:
            self.more = Disclosure()
            self.more.set_names(self._later)
            self.more.opened.connect(self._open_more)
            form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, self.more)
        outer.addLayout(form)
        outer.addSpacing(10)
        outer.addWidget(QLabel("<b>Other fields</b> — keys this form has no widget for, as YAML"))
        self.other = self._other_table()
        outer.addWidget(self.other)
        outer.addLayout(self._other_buttons())
        outer.addStretch(1)
        self.setWidget(page)
        self._follow_window()

    def _row(self, spec: dialects.FieldSpec) -> tuple[QLabel, QWidget]:
        editor = editor_for(spec, self.dialect, self.agent_names, self.skill_names)
        return self._label(spec), self._cell(spec, editor)

    @staticmethod
    def _label_text(spec: dialects.FieldSpec) -> str:
        return spec.key + ("*" if spec.required else "")

    def _label(self, spec: dialects.FieldSpec) -> QLabel:
        label = QLabel(self._label_text(spec))
        label.setToolTip(spec.help)
        if self._label_width:
            label.setMinimumWidth(self._label_width)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return label

    def _cell(self, spec: dialects.FieldSpec, editor: FieldEditor) -> QWidget:
        editor.setObjectName(f"field.{spec.key}")
        editor.setToolTip(spec.help)
        editor.committed.connect(lambda value, k=spec.key: self.commit(k, value))
        if spec.key == "name" and isinstance(editor, LineEditor):
            editor.edited.connect(self._check_name)
        if isinstance(editor, ChecklistEditor | ListEditor):
            editor.refused.connect(lambda message, k=spec.key: self._say(k, message))
        self.editors[spec.key] = editor
        error = QLabel()
        error.setObjectName(f"error.{spec.key}")
        error.setWordWrap(True)
        red = error.palette()  # not a style sheet: each costs ~1 ms to set, 14 before start-up
        red.setColor(QPalette.ColorRole.WindowText, QColor("#d9534f"))
        error.setPalette(red)
        error.hide()
        self.errors[spec.key] = error
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(editor)
        box.addWidget(error)
        return cell

    def _other_table(self) -> QTableWidget:
        table = QTableWidget(0, 2)
        table.setObjectName("field.other")
        table.setHorizontalHeaderLabels(["Key", "Value (YAML)"])
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setMinimumHeight(110)
        keep_key(table, Qt.Key.Key_F2)  # edits the cell; the window's F2 renames the agent
        table.itemChanged.connect(self._other_changed)
        after_first_frame(table, lambda: self._watch_cell_editor(table))  # no cell edited before
        return table

    def _watch_cell_editor(self, table: QTableWidget) -> None:
        """Wrapping the delegate makes PySide build its item-delegate classes: ~3 ms."""
        table.itemDelegate().closeEditor.connect(lambda *_: soon(self, self._editor_closed))

    def _other_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        add = QPushButton("Add field")
        add.clicked.connect(self._add_other)
        remove = QPushButton("Remove field")
        remove.clicked.connect(self._remove_other)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        return row

    # --- reading ----------------------------------------------------------------------------
    def refresh(self, parsed: Parsed, dialect: dialects.Dialect, found: list[Diagnostic]) -> None:
        """Show the buffer's values; leave alone the widget the user is typing in."""
        values: dict[str, Any] = {}
        for f in parsed.fields:  # a duplicate key: the first, which edits change
            values.setdefault(f.key, f.value)
        self._found = found
        if dialect is not self.dialect:
            self._build(dialect, values)
        self._refreshing = True
        try:
            self._bring_up(values)
            for key, editor in self.editors.items():
                if not editor.pending():
                    editor.show_value(values.get(key))
            self._show_rows(values)
            self._show_other(parsed)
            self._show_errors(found)
        finally:
            self._refreshing = False

    def _show_rows(self, values: dict[str, Any]) -> None:
        """The rows under "More fields" show while it is open. A field that applies only to
        some values of another (``FieldSpec.when``: an eval grader's keys, by its type) shows
        while it does, or while the file sets it."""
        opened = self.more is not None and self.more.is_open
        for key, editor in self.editors.items():
            when = self.dialect.fields[key].when
            if when is None and key not in self._later:
                continue
            shown = opened or key not in self._later
            if when is not None:
                shown = shown and (key in values or values.get(when[0]) in when[1])
            self.rows.setRowVisible(editor.parentWidget(), shown)

    def _bring_up(self, values: dict[str, Any]) -> None:
        """Give each field the file now sets that waits under a closed "More fields" a row
        above it, in the dialect's order. (A field the file stops setting keeps its row until
        the form is built again: no row goes from under the user's cursor.)"""
        if self.more is None or self.more.is_open:
            return
        raised = [key for key in self._later if key in values]
        if not raised:
            return
        for key in raised:
            self._later.remove(key)
            editor = self.editors.get(key)
            if editor is None:
                label, cell = self._row(self.dialect.fields[key])
            else:
                taken = self.rows.takeRow(editor.parentWidget())
                label, cell = taken.labelItem.widget(), taken.fieldItem.widget()
            self.rows.insertRow(self._place_of(key), label, cell)
            self.rows.setRowVisible(cell, True)
        self.more.set_names(self._later)
        self.rows.setRowVisible(self.more, bool(self._later))
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab goes through the rows in their order: one made after the form would come last."""
        stops = [
            stop
            for row in range(self.rows.rowCount())
            for stop in _tab_stops(self.rows.itemAt(row, QFormLayout.ItemRole.FieldRole).widget())
        ]
        for before, after in zip(stops, stops[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _place_of(self, key: str) -> int:
        """The row a field takes above "More fields": after the fields before it."""
        order = list(self.dialect.fields)
        above = [k for k in self.editors if k not in self._later and k != key]
        return sum(order.index(k) < order.index(key) for k in above)

    def _open_more(self, opened: bool) -> None:
        """Show or hide the rows under "More fields", building them the first time; the
        window keeps the choice for the forms it shows next."""
        if opened and any(key not in self.editors for key in self._later):
            for key in self._later:
                if key not in self.editors:
                    self.rows.addRow(*self._row(self.dialect.fields[key]))
            self._order_tabs()
        self.window().setProperty(MORE_OPEN, opened)
        self.refresh(self.document.parsed(), self.dialect, self._found)

    def _follow_window(self) -> None:
        """Open or close "More fields" as the user last left it in this window."""
        opened = self.window().property(MORE_OPEN)
        if self.more is not None and opened is not None:
            self.more.set_open(opened)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._follow_window()
        super().showEvent(event)

    def _show_other(self, parsed: Parsed) -> None:
        """The keys no widget shows, as YAML. A cell being edited keeps its editor, and the
        other cells show the buffer while the rows are the same keys (else they are shown
        when the editor closes)."""
        table = self.other
        assert table is not None
        rows = [f for f in parsed.fields if f.key not in self.editors]
        keys = [f.key for f in rows]
        editing = table.state() == QAbstractItemView.State.EditingState
        if editing and keys != self._other_keys:
            return
        self._other_keys = keys
        table.setRowCount(len(rows))
        edited = (table.currentRow(), table.currentColumn()) if editing else None
        source = self.document.text()
        for r, f in enumerate(rows):
            value, editable = _cell(f, source)
            for c, text in enumerate((f.key, value)):
                item = table.item(r, c)
                if item is None:
                    table.setItem(r, c, item := QTableWidgetItem(text))
                elif item.text() != text and (r, c) != edited:
                    item.setText(text)
            item = table.item(r, 1)
            flags = item.flags() | Qt.ItemFlag.ItemIsEditable
            item.setFlags(flags if editable else flags & ~Qt.ItemFlag.ItemIsEditable)
            item.setToolTip("" if editable else "Too long to edit here: edit it in Source")

    def _editor_closed(self) -> None:
        """Show the buffer in the cell just left (a refused or cancelled edit, rows held)."""
        self._refreshing = True
        try:
            self._show_other(self.document.parsed())
        finally:
            self._refreshing = False

    def _show_errors(self, found: list[Diagnostic]) -> None:
        by_key: dict[str, list[str]] = {}
        for d in found:
            if d.key and d.severity.value != "info":
                by_key.setdefault(d.key, []).append(d.message)
        for key, label in self.errors.items():
            messages = by_key.get(key)
            label.setVisible(bool(messages))
            if messages:
                label.setText("\n".join(messages))

    def show_note(self, key: str, text: str, tip: str = "") -> None:
        """A quiet line under ``key``'s widget (the delegation score under the description),
        kept until replaced; "" hides it."""
        editor = self.editors.get(key)
        if editor is None:
            return
        note = editor.parentWidget().findChild(QLabel, f"note.{key}")
        if note is None:
            note = QLabel()
            note.setObjectName(f"note.{key}")
            note.setEnabled(False)  # drawn in the palette's muted text
            editor.parentWidget().layout().addWidget(note)
        note.setText(text)
        note.setToolTip(tip)
        note.setVisible(bool(text))

    def _say(self, key: str, message: str) -> None:
        """Show ``message`` under ``key``'s widget until the next refresh."""
        self.errors[key].setText(message)
        self.errors[key].show()

    def agent_names(self) -> list[str]:
        """The agents beside this file (their file names, which are their names when the file
        follows the convention AQ205 checks), offered where a field names agents."""
        path = self.document.path
        if path is None:
            return []
        try:
            files = sorted(os.listdir(path.parent))
        except OSError:
            return []
        return [f[:-3] for f in files if f.endswith(".md") and f != path.name]

    def skill_names(self) -> list[str]:
        """The skills this agent can preload: its project's or plugin's (the folders of
        ``skills`` beside its ``agents`` folder that hold a SKILL.md), then the user's own
        (``~/.claude/skills``), which Claude Code offers every agent too."""
        path = self.document.path
        if path is None:
            return []
        names: list[str] = []
        for folder in (path.parent.parent / "skills", Path.home() / ".claude" / "skills"):
            try:
                found = sorted(os.listdir(folder))
            except OSError:
                continue
            names += [n for n in found if n not in names and (folder / n / "SKILL.md").is_file()]
        return names

    def _check_name(self, name: str) -> None:
        """Say what is wrong with a name while it is typed, before it is committed."""
        label, dialect = self.errors["name"], self.dialect
        if dialect is None:
            return
        problems = [
            message
            for code, message in name_problems(name, dialect)
            if dialect.kind == "agent" or code != "AQ202"  # only agents are named by it
        ]
        if not name and "name" in dialect.required_keys:
            problems.append("A name is required.")
        label.setVisible(bool(problems))
        label.setText("\n".join(problems))

    # --- writing ----------------------------------------------------------------------------
    def flush(self) -> None:
        """Commit text typed in a field and not yet committed (before a save)."""
        for editor in self.editors.values():
            editor.flush()

    def commit(self, key: str, value: Any) -> None:
        """Write one field's new value (None removes it) through the core."""
        if self._refreshing:
            return
        text, parsed = self.document.text(), self.document.parsed()
        try:
            if value is None:
                absent = parsed.get(key) is None
                edits = [] if absent else fields.remove_key(text, key, parsed)
            else:
                edits = fields.set_value(text, key, value, parsed)
        except fields.EditRefused as exc:
            self._refused(key, value, exc)
            return
        if edits:
            self.document.apply(edits)
        elif key in self.editors:  # the same value (typed spaces trimmed): show it as it is
            self.editors[key].show_value(self.document.parsed().value(key))

    def _refused(self, key: str, value: Any, exc: Exception) -> None:
        """Say why, with the value, so nothing typed is lost unseen; a text field keeps the text
        while the user is in it, and shows the buffer again once they have left."""
        self.problem.emit(f"Could not set {key} to {yaml_inline(value) or '(nothing)'}: {exc}")
        editor = self.editors.get(key)
        if editor is None:
            return
        focused = QApplication.focusWidget()
        if isinstance(focused, QLineEdit | QPlainTextEdit) and editor.isAncestorOf(focused):
            editor.dirty = True
        else:
            editor.show_value(self.document.parsed().value(key))

    def _other_changed(self, item: QTableWidgetItem) -> None:
        if self._refreshing or self.other is None or item.row() >= len(self._other_keys):
            return
        key = self._other_keys[item.row()]
        text, parsed = self.document.text(), self.document.parsed()
        try:
            if item.column() == 0:
                new_key = item.text().strip()
                edits = fields.rename_key(text, key, new_key, parsed) if new_key else []
            else:
                edits = fields.set_value(text, key, parse_yaml_value(item.text()), parsed)
        except (ValueError, fields.EditRefused) as exc:
            self.problem.emit(f"Could not change {key}: {exc}")
            return
        self.document.apply(edits)

    def _add_other(self) -> None:
        existing = {f.key for f in self.document.parsed().fields}
        key = next(f"new-field-{i}" for i in range(1, 1000) if f"new-field-{i}" not in existing)
        try:
            text, parsed = self.document.text(), self.document.parsed()
            self.document.apply(fields.add_key(text, key, "value", parsed=parsed))
        except fields.EditRefused as exc:
            self.problem.emit(str(exc))

    def _remove_other(self) -> None:
        if self.other is None:
            return
        for row in sorted({i.row() for i in self.other.selectedItems()}, reverse=True):
            if row < len(self._other_keys):
                self.commit(self._other_keys[row], None)
