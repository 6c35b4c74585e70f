"""New Agent ▸ Describe It: a one-paragraph brief, the dialect, the scope and the tools to
allow; Claude Code writes the agent through ``--json-schema``, the answer streams in, and the
agent it becomes (through our templates and field edits: :mod:`core.claude.generate`) opens
as a new unsaved tab, editable like any other."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core import dialects
from ...core.claude import generate
from ..editor.document import AgentDocument
from .ask import AskDialog, sized, titled

if TYPE_CHECKING:
    from ..editor.tab import EditorTab
    from ..window.main_window import MainWindow

#: the tools ticked when a dialect is picked: enough to read a project, nothing that writes
FIRST_TOOLS = {"Read", "Grep", "Glob", "read", "search", "read_file", "grep_search", "glob"}


class DescribeDialog(AskDialog):
    """The brief on the left, the prompt sent and the answer as it streams on the right; once
    Claude Code has answered, Open in Editor opens the new agent."""

    def __init__(self, window: MainWindow):
        super().__init__(window, "New Agent from a Description", "Generate")
        self.setObjectName("dialog.describe_agent")
        self.text = self.name = ""  # the new agent's file and name, once generated
        self.brief = QPlainTextEdit(objectName="describe.brief")
        self.brief.setPlaceholderText(
            "In one paragraph: what the agent does, when Claude should hand it a task, "
            "and what it reports back."
        )
        self.brief.setTabChangesFocus(True)
        self.dialect = QComboBox(objectName="describe.dialect")
        for dialect_id in generate.TEMPLATE_FOR:
            self.dialect.addItem(dialects.get(dialect_id).label, dialect_id)
        self.scope = QComboBox(objectName="describe.scope")
        self.scope.addItem("Project (shared in the repository)", "project")
        self.scope.addItem("User (all your projects)", "user")
        self.tools = QListWidget(objectName="describe.tools")
        self.tools.setFlow(QListWidget.Flow.LeftToRight)
        self.tools.setWrapping(True)
        self.tools.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.tools.setSpacing(2)
        self.open_button = self._button("Open in Editor", "describe.open", self.open_agent)
        self.open_button.setEnabled(False)
        self._lay_out()
        self.brief.textChanged.connect(self._changed)
        self.dialect.currentIndexChanged.connect(self._dialect_changed)
        self.scope.currentIndexChanged.connect(self._changed)
        self.tools.itemChanged.connect(self._changed)
        self._dialect_changed()
        self.resize(sized(window).expandedTo(self.minimumSizeHint()))
        self.brief.setFocus()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Format:", self.dialect)
        form.addRow("&Scope:", self.scope)
        tools_label = QLabel("&Tools it may use:")
        tools_label.setBuddy(self.tools)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        brief_label = QLabel("&Describe the agent:")
        brief_label.setBuddy(self.brief)
        box.addWidget(brief_label)
        box.addWidget(self.brief, 2)
        box.addLayout(form)
        box.addWidget(tools_label)
        box.addWidget(self.tools, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(titled("Prompt sent to Claude Code", self.sent))
        right.addWidget(titled("Answer", self.stream))
        right.setSizes([180, 320])
        split = QSplitter(Qt.Orientation.Horizontal, objectName="describe.splitter")
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([380, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    # --- what is asked ----------------------------------------------------------------------
    def request(self) -> generate.Brief:
        allowed = [self.tools.item(i) for i in range(self.tools.count())]
        return generate.Brief(
            self.brief.toPlainText(),
            self.dialect.currentData(),
            self.scope.currentData(),
            tuple(i.text() for i in allowed if i.checkState() == Qt.CheckState.Checked),
        )

    def prompt(self) -> str:
        return generate.prompt(self.request())

    def extra(self) -> list[str]:
        return generate.run_arguments(generate.schema(self.request()))

    def can_run(self) -> bool:
        return bool(self.brief.toPlainText().strip())

    def _dialect_changed(self) -> None:
        self.tools.blockSignals(True)
        self.tools.clear()
        for name in generate.offered_tools(self.dialect.currentData()):
            item = QListWidgetItem(name, self.tools)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = name in FIRST_TOOLS
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.tools.blockSignals(False)
        self.tools.setEnabled(self.tools.count() > 0)
        self.tools.setToolTip(
            ""
            if self.tools.count()
            else "This format sets what the agent may do in its "
            "permission field; edit it once the agent is open."
        )
        self._changed()

    def _changed(self) -> None:
        self.show_prompt()
        self.show_ready()

    # --- the answer -------------------------------------------------------------------------
    def answered(self, value: Any) -> str:
        brief = self.request()
        draft = generate.read_draft(value, brief)
        self.text, self.name = generate.build(draft, brief), draft.name
        self._append(f"The new agent's file:\n\n{self.text}")
        self.open_button.setEnabled(True)
        self.open_button.setDefault(True)
        return "Claude Code wrote the agent: open it in the editor, or generate again"

    def open_agent(self) -> None:
        """The generated agent as a new unsaved tab, to be saved where the brief's dialect
        and scope put it; the dialog closes."""
        session = self.main.projects.session
        where = generate.save_path(self.request(), self.name, session.root if session else None)
        opened(self.main, self.text, where)
        self.accept()


def opened(window: MainWindow, text: str, suggested: Path) -> EditorTab:
    """A new unsaved tab holding ``text``: undo goes back to it, not to an empty buffer."""
    document = AgentDocument(text)
    document.suggested = suggested
    document.qdoc.setModified(True)
    return window.add_tab(document)


def describe_agent(window: MainWindow) -> DescribeDialog:
    """Open the Describe It dialog (one at a time)."""
    if window.claude.located is None:
        window.claude.find()
    dialog = window.findChild(DescribeDialog)
    if dialog is None:
        dialog = DescribeDialog(window)
        dialog.finished.connect(dialog.deleteLater)
    dialog.show_ready()
    dialog.open()
    return dialog
