"""Dialogs that name an agent: New Agent (template, name, folder) and Rename.

Both check the name as it is typed, with the dialect's name rules and the file system's, and
keep their OK button disabled while the name has a problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core import dialects
from ...core.lint import name_problems
from ...core.project import manage
from ...core.project.templates import TEMPLATES, Template


@dataclass(frozen=True)
class NewAgentRequest:
    """What the New Agent dialog asks for."""

    template: Template
    name: str
    description: str
    folder: Path

    @property
    def path(self) -> Path:
        return self.folder / self.template.file_name(self.name)


def name_issues(name: str, dialect: dialects.Dialect, target: Path, current: Path | None) -> str:
    """Why ``name`` cannot be used for a file at ``target`` ("" when it can)."""
    problem = manage.file_name_problem(name)
    if problem:
        return problem
    found = [message for _, message in name_problems(name, dialect)]
    if found:
        return "; ".join(found)
    if target.exists() and target != current:
        return f"{target.name} already exists in {target.parent}"
    return ""


def _problem_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def _show_problem(label: QLabel, problem: str, fine: str) -> None:
    """``problem`` in the error colour, else ``fine`` in the theme's own text colour (no
    colour of its own, which would outlive a problem or a change of theme)."""
    label.setText(problem or fine)
    label.setStyleSheet("color: #d9534f;" if problem else "")


class NewAgentDialog(QDialog):
    """Pick a template, see its text, name the agent and choose its folder."""

    def __init__(self, folder: Path | None, project: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dialog.new_agent")
        self.setWindowTitle("New from a Template")
        self._fixed_folder = folder  # a folder the caller chose stays, whatever the template
        self._project = project
        self._name_typed = self._folder_typed = False

        self.templates = QListWidget()
        self.templates.setObjectName("new_agent.templates")
        for template in TEMPLATES.values():
            item = QListWidgetItem(template.title)
            item.setData(Qt.ItemDataRole.UserRole, template.id)
            item.setToolTip(template.summary)
            self.templates.addItem(item)
        self.templates.setSpacing(3)
        self.summary = QLabel()
        self.summary.setObjectName("new_agent.summary")
        self.summary.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("new_agent.preview")
        self.preview.setReadOnly(True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        self.name = QLineEdit()
        self.name.setObjectName("new_agent.name")
        self.name.textEdited.connect(self._name_edited)
        self.name.textChanged.connect(self._update)
        self.problems = _problem_label("new_agent.problems")
        self.description = QLineEdit()
        self.description.setObjectName("new_agent.description")
        self.description.setPlaceholderText("When should this agent be used? (optional)")
        self.description.textChanged.connect(self._update)
        self.folder = QLineEdit()
        self.folder.setObjectName("new_agent.folder")
        self.folder.textEdited.connect(self._folder_edited)
        self.folder.textChanged.connect(self._update)
        browse = QPushButton("Browse…")
        browse.setObjectName("new_agent.browse")
        browse.clicked.connect(self._browse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout(browse)

        self.templates.currentRowChanged.connect(self._template_changed)
        self.templates.setCurrentRow(list(TEMPLATES).index("specialist"))
        self.name.setFocus()
        self.resize(980, 640)

    def _layout(self, browse: QPushButton) -> None:
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(QLabel("Template"))
        left_box.addWidget(self.templates, 1)
        left_box.addWidget(self.summary)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(QLabel("Preview"))
        right_box.addWidget(self.preview, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("new_agent.splitter")
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([300, 680])
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Name:", self.name)
        form.addRow("", self.problems)
        form.addRow("&Description:", self.description)
        folder_label = QLabel("&Folder:")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    # --- state ------------------------------------------------------------------------------
    @property
    def template(self) -> Template:
        item = self.templates.currentItem()
        return TEMPLATES[item.data(Qt.ItemDataRole.UserRole)]

    def request(self) -> NewAgentRequest:
        return NewAgentRequest(
            self.template,
            self.name.text().strip(),
            self.description.text().strip(),
            Path(self.folder.text().strip()).expanduser(),
        )

    def _template_changed(self) -> None:
        template = self.template
        self.summary.setText(f"<b>{dialects.get(template.dialect).label}</b><br>{template.summary}")
        if not self._folder_typed:
            folder = self._fixed_folder or manage.default_folder(template, self._project)
            self.folder.setText(str(folder))
        if not self._name_typed:
            suffix = dialects.get(template.dialect).file_suffix
            folder = Path(self.folder.text()).expanduser()
            self.name.setText(manage.free_name(folder, template.default_name, suffix))
        self._update()

    def _name_edited(self) -> None:
        self._name_typed = True

    def _folder_edited(self) -> None:
        self._folder_typed = True

    def _browse(self) -> None:
        folder = self.ask_folder(self.folder.text())
        if folder:
            self.folder.setText(folder)
            self._folder_edited()

    def ask_folder(self, start: str) -> str:
        return QFileDialog.getExistingDirectory(self, "Folder for the new agent", start)

    def _update(self) -> None:
        request = self.request()
        dialect = dialects.get(request.template.dialect)
        problem = name_issues(request.name, dialect, request.path, None)
        if not problem and not self.folder.text().strip():
            problem = "Choose a folder"
        done = f"Creates {request.path}"
        read_as = dialects.dialect_for_path(request.path)
        if read_as is not None and read_as.id != dialect.id:
            done += f"\nNote: files in this folder are read as {read_as.label}"
        _show_problem(self.problems, problem, done)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        shown = request.name if not manage.file_name_problem(request.name) else "new-agent"
        self.preview.setPlainText(request.template.text(shown, request.description))


class RenameDialog(QDialog):
    """A new name for an agent: its file name and ``name`` field change together."""

    def __init__(self, path: Path, name: str, dialect: dialects.Dialect, parent=None):
        super().__init__(parent)
        self.setObjectName("dialog.rename_agent")
        self.setWindowTitle("Rename Agent")
        self._path, self._dialect, self._old = path, dialect, name
        self.name = QLineEdit(name)
        self.name.setObjectName("rename.name")
        self.name.selectAll()
        self.name.textChanged.connect(self._update)
        self.problems = _problem_label("rename.problems")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Rename")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        intro = QLabel(f"New name for <b>{path.name}</b> (file name and name field):")
        intro.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.name)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._update()

    def _update(self) -> None:
        name = self.name.text().strip()
        problem = manage.file_name_problem(name) or ""
        target = self._path if problem else manage.rename_target(self._path, name)
        problem = problem or name_issues(name, self._dialect, target, self._path)
        if not problem and name == self._old and target == self._path:
            problem = "That is the current name"
        _show_problem(self.problems, problem, f"Renames the file to {target.name}")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
