"""The Export Agents dialog: format, manifest form with live checks, file tree and report.

Every change re-plans the export through :mod:`core.bundle.exporter` (nothing is written until
Export is pressed); manifest problems appear beside their field, the tree marks files that
already exist, and writing over them needs a yes from ``ask_overwrite``. Every ticked file the
export leaves out is listed with why, so no agent goes missing from a bundle unsaid.

It asks what the plugin directory needs to publish a plugin (description, author, licence, an
icon picked or generated, the marketplace for the README's install line) and shows Claude
Code's own verdict on the result as the form changes (:mod:`.publish`). The project's skills,
commands and output styles are listed beside its agents, to export with them.

It protects the user's work and rights: no licence is chosen until the user chooses one (the
project's own, none, or an SPDX id); agents Claude Code cannot load, or that conversion
changes, are listed, each to repair (in the export's copy only), skip or export as it is. What
was typed is remembered per project however the dialog closes, so closing it loses nothing and
needs no question; after writing, a confirmation offers to show the result in its folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import dialects
from ...core.bundle import components, publish
from ...core.bundle import exporter as be
from ...core.words import plural
from ..settings import Settings
from .publish import IconChooser, VerdictPanel

FORMAT_LABELS = {
    "plugin": "Claude Code plugin (folder)",
    "zip": "Claude Code plugin (.zip)",
    "marketplace": "Claude Code marketplace (folder)",
    "copilot": "GitHub Copilot (.github/agents)",
    "opencode": "OpenCode (.opencode/agent)",
    "gemini": "Gemini CLI (.gemini/agents)",
    "agents-json": "Claude Code --agents JSON (file)",
}
_MANIFEST_FORMATS = ("plugin", "zip", "marketplace")
_FIELD_OF = {  # problem field → form field
    "name": "name",
    "version": "version",
    "description": "description",
    "author": "author",
    "author.name": "author",
    "owner": "author",
    "owner.name": "author",
    "author.email": "email",
    "owner.email": "email",
    "author.url": "author_url",
    "owner.url": "author_url",
    "icon": "icon",
    "marketplace": "marketplace",
    "keywords": "keywords",
    "license": "license",
}
ERROR_COLOR = "#d9534f"
WARN_COLOR = "#e0a030"
#: what to do with an agent that needs attention: (choice, label)
CHOICES = {
    "repair": "Repair in the export",
    "skip": "Skip",
    "as-is": "Export as is",
}
_TEXT_KEYS = ("name", "version", "description", "author", "email", "author_url", "keywords")
_TEXT_KEYS += ("marketplace",)
_VERDICT_FORMATS = ("plugin", "zip")  # the formats whose result is one plugin to validate


def _error_label(key: str) -> QLabel:
    label = QLabel()
    label.setObjectName(f"export.error.{key}")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    label.hide()
    return label


class ExportDialog(QDialog):
    """Choose what to export and how; shows exactly what will be written."""

    def __init__(
        self,
        paths: list[Path],
        project: Path | None = None,
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("dialog.export")
        self.setWindowTitle("Export Agents")
        self.resize(_fitted(parent))
        self.plan: be.ExportPlan | None = None
        self.project = project or be.project_of(paths)
        self.settings = settings
        self.choices: dict[Path, str] = {}  # what to do with each agent needing attention
        self._flagged: dict[Path, be.Attention] = {}  # kept while an agent is skipped
        self._timer = QTimer(self, singleShot=True, interval=200, timeout=self.replan)
        name = be.default_name(self.project, paths)
        found = components.find(self.project) if self.project is not None else []
        self._build([*paths, *(p for p in found if p not in paths)], name)
        self._recall()
        self.finished.connect(self._remember)
        self.finished.connect(self.verdict.stop)
        self.replan()

    # --- construction -----------------------------------------------------------------------
    def _build(self, paths: list[Path], name: str) -> None:
        self.agents = QListWidget(objectName="export.agents")
        skills = {p.parent.name for p in paths if components.kind_of(p) == components.SKILL}
        for path in paths:
            hidden = _hidden_by(path, skills)
            item = QListWidgetItem(_list_label(path, hidden))
            item.setToolTip(str(path))
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if hidden else Qt.CheckState.Checked)
            self.agents.addItem(item)
        self.agents.itemChanged.connect(self._changed)
        self.format = QComboBox(objectName="export.format")
        for fmt in be.FORMATS:
            self.format.addItem(FORMAT_LABELS[fmt], fmt)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.dest = QLineEdit(objectName="export.dest")
        self.dest.setPlaceholderText("Folder or file to write")
        self.dest.textChanged.connect(self._changed)
        browse = QPushButton("Browse…", objectName="export.browse")
        browse.clicked.connect(self._browse)
        dest_row = QHBoxLayout()
        dest_row.addWidget(self.dest, 1)
        dest_row.addWidget(browse)

        self.inputs: dict[str, QLineEdit | QComboBox] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        defaults = {"name": name, "version": "1.0.0"}
        labels = {
            "name": "Name",
            "version": "Version",
            "description": "Description",
            "author": "Author",
            "email": "Email",
            "author_url": "Web page",
            "license": "License",
            "keywords": "Keywords",
            "icon": "Icon",
            "marketplace": "Marketplace",
        }
        self.icon = IconChooser(lambda: self.ask_icon())  # looked up when asked: tests replace it
        self.icon.setObjectName("export.icon")
        self.icon.changed.connect(self.replan)
        for key, label in labels.items():
            if key == "license":
                widget: QWidget = _license_box(self.project)
                widget.currentIndexChanged.connect(self._changed)
            elif key == "icon":
                widget = self.icon
            else:
                widget = QLineEdit(defaults.get(key, ""))
                widget.textChanged.connect(self._changed)
            widget.setObjectName(f"export.{key}")
            if isinstance(widget, QLineEdit | QComboBox):
                self.inputs[key] = widget
            self.errors[key] = _error_label(key)
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(widget)
            cell.addWidget(self.errors[key])
            form.addRow(label, cell)
        self.inputs["keywords"].setPlaceholderText("comma-separated")
        self.inputs["email"].setPlaceholderText("optional")
        self.inputs["author_url"].setPlaceholderText("optional: https://…")
        self.inputs["marketplace"].setPlaceholderText("OWNER/REPO, for the README's install line")
        self.manifest_box = QGroupBox("Manifest (plugin.json)", objectName="export.manifest")
        self.manifest_box.setLayout(form)

        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 6, 0)
        top = QFormLayout()
        top.addRow("Format", self.format)
        top.addRow("Write to", dest_row)
        lay.addLayout(top)
        lay.addWidget(QLabel("Agents, skills, commands and output styles"))
        lay.addWidget(self.agents, 1)
        lay.addWidget(self.manifest_box)

        self.tree = QTreeWidget(objectName="export.tree")
        self.tree.setHeaderLabels(["Files that will be written", ""])
        self.tree.setColumnWidth(0, 360)
        self.report = QTreeWidget(objectName="export.report")
        self.report.setHeaderLabels(["Agent · field", "Change", "Why"])
        self.report.setColumnWidth(0, 260)
        self.report.setColumnWidth(1, 80)
        self.left_out = QTreeWidget(objectName="export.left_out")
        self.left_out.setHeaderLabels(["File", "Why it is not exported"])
        self.left_out.setRootIsDecorated(False)
        self.left_out.setWordWrap(True)  # the reason is what matters: never cut it short
        self.left_out.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.left_out_box = _titled("Left out", self.left_out)
        self.attention = QTreeWidget(objectName="export.attention")
        self.attention.setHeaderLabels(["Agent", "Needs a look", "Export"])
        self.attention.setRootIsDecorated(False)
        self.attention.setWordWrap(True)
        header = self.attention.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.attention_box = _titled("Agents that need a look", self.attention)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.attention_box)
        right.addWidget(_titled("Files", self.tree))
        self.verdict = VerdictPanel()
        right.addWidget(self.verdict)
        right.addWidget(_titled("Conversion report", self.report))
        right.addWidget(self.left_out_box)
        for i, stretch in enumerate((1, 3, 2, 2, 1)):  # the files and the report get the room
            right.setStretchFactor(i, stretch)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([430, 670])

        self.status = QLabel(objectName="export.status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("export.ok")
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(split, 1)
        outer.addWidget(self.status)
        outer.addWidget(self.buttons)

    # --- reading the form -------------------------------------------------------------------
    def ticked_paths(self) -> list[Path]:
        items = (self.agents.item(i) for i in range(self.agents.count()))
        return [
            i.data(Qt.ItemDataRole.UserRole)
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        ]

    def selected_paths(self) -> list[Path]:
        """The ticked agents, but those chosen to be skipped."""
        return [p for p in self.ticked_paths() if self.choices.get(p) != "skip"]

    def options(self) -> be.ExportOptions:
        text = {k: w.text().strip() for k, w in self.inputs.items() if isinstance(w, QLineEdit)}
        license_box = self.inputs["license"]
        assert isinstance(license_box, QComboBox)
        return be.ExportOptions(
            format=self.format.currentData(),
            name=text["name"],
            version=text["version"],
            description=text["description"],
            author=text["author"],
            email=text["email"],
            author_url=text["author_url"],
            license=license_box.currentData() or "",
            icon=self.icon.value,
            marketplace=text["marketplace"],
            keywords=[k.strip() for k in text["keywords"].split(",") if k.strip()],
            project=self.project,
            repair=frozenset(p for p, choice in self.choices.items() if choice == "repair"),
        )

    # --- reacting ---------------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        self._timer.start()

    def _format_changed(self) -> None:
        fmt = self.format.currentData()
        self.manifest_box.setVisible(fmt in _MANIFEST_FORMATS)
        self.manifest_box.setTitle(
            "Manifest (marketplace.json)" if fmt == "marketplace" else "Manifest (plugin.json)"
        )
        current = self.dest.text().strip()
        if current:
            self.dest.setText(str(_switched(Path(current), fmt, self.options().name)))
        self.replan()

    def _browse(self) -> None:
        chosen = self.ask_destination()
        if chosen:
            fmt = self.format.currentData()
            if fmt not in be.FILE_FORMATS:
                chosen = str(_suggested(Path(chosen), fmt, self.options().name))
            self.dest.setText(chosen)

    def replan(self) -> None:
        """Plan the export for the current form and show its tree, report and problems."""
        self._timer.stop()
        dest = self.dest.text().strip()
        plan = be.plan_export(self.selected_paths(), self.options(), dest or ".")
        self.plan = plan if dest else None
        self._show_problems(plan)
        self._show_tree(plan, bool(dest))
        self._show_report(plan)
        self._show_left_out(plan)
        self._show_attention(plan)
        self.icon.show_plan(plan)
        self.verdict.setVisible(plan.options.format in _VERDICT_FORMATS)
        if plan.options.format in _VERDICT_FORMATS:
            self.verdict.check(plan)
        self.ok.setEnabled(bool(dest) and not plan.errors)

    def _show_problems(self, plan: be.ExportPlan) -> None:
        by_field: dict[str, list[str]] = {}
        general = []
        for problem in plan.problems:
            key = _FIELD_OF.get(problem.field.rpartition(": ")[2])  # "plugins/x: version" too
            if key is None:
                general.append(str(problem))
            else:
                message = problem.message
                if message.startswith(("is ", "must ", "should ")):
                    message = f"{problem.field.rpartition(': ')[2]} {message}"
                by_field.setdefault(key, []).append(message)
        for key, label in self.errors.items():
            messages = list(dict.fromkeys(by_field.get(key, [])))
            label.setText("; ".join(messages))
            label.setVisible(bool(messages) and plan.options.format in _MANIFEST_FORMATS)
        bad = bool(general)  # a field's own problem is said in red beside it
        if not self.dest.text().strip():  # a next step, not an error: in the normal colour
            general.insert(0, "Choose where to write the export.")
            bad = False
        count = len(plan.left_out)
        note = f"{plural(count, 'file')} will be left out: see Left out for why." if count else ""
        self._set_status(general[0] if general else note, bad)

    def _set_status(self, text: str, bad: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {ERROR_COLOR};" if bad else "")

    def _show_tree(self, plan: be.ExportPlan, have_dest: bool) -> None:
        self.tree.clear()
        conflicts = set(plan.conflicts()) if have_dest else set()
        root = QTreeWidgetItem([str(plan.dest) if have_dest else "(destination)", ""])
        self.tree.addTopLevelItem(root)
        folders: dict[str, QTreeWidgetItem] = {"": root}
        file_format = plan.options.format in be.FILE_FORMATS
        warn = QBrush(QColor("#e0a030"))
        for rel in sorted(plan.files):
            parent_key = rel.rpartition("/")[0]
            parent = _folder(folders, parent_key)
            item = QTreeWidgetItem([rel.rpartition("/")[2], f"{len(plan.files[rel]):,} bytes"])
            item.setToolTip(0, rel)
            if rel in conflicts or (file_format and conflicts):
                item.setText(1, "exists: will be overwritten")
                item.setForeground(1, warn)
            parent.addChild(item)
        self.tree.expandAll()
        if conflicts:
            root.setText(1, plural(len(conflicts), "existing file"))
            root.setForeground(1, warn)

    def _show_report(self, plan: be.ExportPlan) -> None:
        """The report grouped by agent: one row per agent, its entries below it."""
        self.report.clear()
        agents: dict[str, QTreeWidgetItem] = {}
        for entry in plan.report:
            agent, dot, key = entry.field.partition(".")
            if not dot:
                agent, key = entry.field, ""
            parent = agents.get(agent)
            if parent is None:
                parent = agents[agent] = QTreeWidgetItem([agent, "", ""])
                self.report.addTopLevelItem(parent)
            row = QTreeWidgetItem([key or "(file)", entry.kind, entry.detail])
            row.setToolTip(2, entry.detail)
            parent.addChild(row)
        for agent, parent in agents.items():
            parent.setText(1, f"{parent.childCount()}")
            parent.setToolTip(0, agent)
        self.report.expandAll()
        if not plan.report:
            item = QTreeWidgetItem(["", "", "Nothing to convert: files are written as they are."])
            self.report.addTopLevelItem(item)

    def _show_left_out(self, plan: be.ExportPlan) -> None:
        self.left_out.clear()
        for item in plan.left_out:
            row = QTreeWidgetItem([item.path.name, item.reason])
            row.setToolTip(0, str(item.path))
            row.setToolTip(1, item.reason)
            self.left_out.addTopLevelItem(row)
        self.left_out_box.setVisible(bool(plan.left_out))

    def _show_attention(self, plan: be.ExportPlan) -> None:
        """One row per agent to look at, with its choice; a skipped agent keeps its row (with
        what was last found) so it can be taken back."""
        ticked = set(self.ticked_paths())
        found = {a.path: a for a in plan.attention}
        self._flagged = {
            p: found.get(p, a)
            for p, a in {**self._flagged, **found}.items()
            if p in ticked and (p in found or self.choices.get(p) == "skip")
        }
        self.attention.clear()
        for path, item in self._flagged.items():
            row = QTreeWidgetItem([path.name, item.problem, ""])
            row.setToolTip(0, str(path))
            row.setToolTip(1, item.detail or item.problem)
            row.setForeground(1, QBrush(QColor(WARN_COLOR)))
            self.attention.addTopLevelItem(row)
            self.attention.setItemWidget(row, 2, self._choice_box(path, item))
        self.attention_box.setVisible(bool(self._flagged))
        shown = min(len(self._flagged), 5)  # whole rows, never squeezed out of sight
        if shown:
            rows = self.attention.sizeHintForRow(0) * shown
            frame = self.attention.header().sizeHint().height() + 2 * self.attention.frameWidth()
            self.attention.setMinimumHeight(rows + frame + 2)

    def _choice_box(self, path: Path, item: be.Attention) -> QComboBox:
        box = QComboBox(objectName=f"export.choice.{path.name}")
        for choice, label in CHOICES.items():
            if choice != "repair" or item.repairable:
                box.addItem(label, choice)
        default = "repair" if item.repairable else "as-is"
        box.setCurrentIndex(max(0, box.findData(self.choices.setdefault(path, default))))
        box.currentIndexChanged.connect(lambda _i: self._choose(path, box.currentData()))
        return box

    def _choose(self, path: Path, choice: str) -> None:
        self.choices[path] = choice
        QTimer.singleShot(0, self.replan)  # not under the combo box's own signal: it is rebuilt

    # --- remembering ------------------------------------------------------------------------
    def _values(self) -> dict:
        values: dict = {k: self.inputs[k].text() for k in _TEXT_KEYS}
        values["format"] = self.format.currentData()
        values["dest"] = self.dest.text()
        values["license"] = self.inputs["license"].currentData()
        values["icon"] = self.icon.value
        values["unticked"] = sorted(
            str(p) for p in self._all_paths() if p not in set(self.ticked_paths())
        )
        values["choices"] = {str(p): c for p, c in self.choices.items()}
        return values

    def _all_paths(self) -> list[Path]:
        return [
            self.agents.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.agents.count())
        ]

    def _remember(self) -> None:
        if self.settings is not None:
            self.settings.set_export_values(self.project, self._values())
            self.settings.save()

    def _recall(self) -> None:
        """The values last typed for this project, where they still apply."""
        if self.settings is None:
            return
        values = self.settings.export_values(self.project)
        if not values:
            return
        self.format.setCurrentIndex(max(0, self.format.findData(values.get("format"))))
        license_box = self.inputs["license"]
        license_box.setCurrentIndex(license_box.findData(values.get("license")))  # or none
        if isinstance(values.get("icon"), str):
            self.icon.value = values["icon"]
        for key in _TEXT_KEYS:
            if isinstance(values.get(key), str):
                self.inputs[key].setText(values[key])
        self.dest.setText(values.get("dest") or "")
        unticked = set(values.get("unticked") or [])
        for i in range(self.agents.count()):
            item = self.agents.item(i)
            if str(item.data(Qt.ItemDataRole.UserRole)) in unticked:
                item.setCheckState(Qt.CheckState.Unchecked)
        choices = values.get("choices") or {}
        paths = {str(p): p for p in self._all_paths()}
        self.choices = {paths[k]: c for k, c in choices.items() if k in paths and c in CHOICES}

    # --- writing ----------------------------------------------------------------------------
    def export(self) -> None:
        self.replan()
        plan = self.plan
        if plan is None or plan.errors:
            return
        conflicts = plan.conflicts()
        if conflicts and not self.ask_overwrite(conflicts):
            self._set_status("Nothing written: the export would overwrite existing files.", True)
            return
        try:
            be.write_export(plan, overwrite=bool(conflicts))
        except (be.ExportError, OSError) as exc:
            self._set_status(f"Nothing written: {exc}", True)
            return
        self.accept()
        self._confirm(plan)

    def _confirm(self, plan: be.ExportPlan) -> None:
        """Say what was written and where, with a way to see it (not modal: work goes on)."""
        folder = plan.dest.parent if plan.options.format in be.FILE_FORMATS else plan.dest
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Export finished",
            f"Wrote {plural(len(plan.files), 'file')} to:\n{plan.dest}",
            parent=self.parentWidget() or self,
        )
        box.setObjectName("export.done")
        show = box.addButton("Show in Folder", QMessageBox.ButtonRole.ActionRole)
        show.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        box.addButton(QMessageBox.StandardButton.Close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # --- questions (tests replace these) -----------------------------------------------------
    def ask_destination(self) -> str:
        fmt = self.format.currentData()
        if fmt == "zip":
            return QFileDialog.getSaveFileName(self, "Export as", "", "Zip files (*.zip)")[0]
        if fmt == "agents-json":
            return QFileDialog.getSaveFileName(self, "Export as", "", "JSON (*.json)")[0]
        return QFileDialog.getExistingDirectory(self, "Export into folder")

    def ask_icon(self) -> str:
        caption = "Choose an icon: a square PNG or JPEG, 512 to 2048 px"
        return QFileDialog.getOpenFileName(self, caption, "", "Images (*.png *.jpg *.jpeg)")[0]

    def ask_overwrite(self, conflicts: list[str]) -> bool:
        shown = "\n".join(conflicts[:8]) + ("\n…" if len(conflicts) > 8 else "")
        answer = QMessageBox.question(
            self,
            "Overwrite files?",
            f"{plural(len(conflicts), 'file')} already exist and would be replaced:\n\n{shown}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(QLabel(title))
    lay.addWidget(widget)
    return box


def _folder(folders: dict[str, QTreeWidgetItem], key: str) -> QTreeWidgetItem:
    if key in folders:
        return folders[key]
    parent_key, _, name = key.rpartition("/")
    item = QTreeWidgetItem([name + "/", ""])
    _folder(folders, parent_key).addChild(item)
    folders[key] = item
    return item


def _license_box(project: Path | None) -> QComboBox:
    """The licence choices, none of them chosen: the project's own, none, the SPDX ids whose
    text an export writes, then the others (named in plugin.json only)."""
    kept = be.project_license(project)
    box = QComboBox()
    box.setPlaceholderText("Choose a licence…")
    box.addItem(f"Keep the project's ({kept.name if kept else 'it has none'})", "keep")
    box.addItem("No licence", "none")
    for spdx in be.LICENSES[2:]:
        box.addItem(f"{spdx} (writes a new LICENSE)", spdx)
    for spdx in sorted(publish.SPDX_IDS - set(be.LICENSES), key=str.lower):
        box.addItem(f"{spdx} (named in plugin.json)", spdx)
    box.setCurrentIndex(-1)
    box.setMaxVisibleItems(16)
    box.setToolTip(
        "An export copies the project's LICENSE file, if it has one. Choose another licence "
        "only for work that is yours to license."
    )
    return box


def _list_label(path: Path, hidden_by: str = "") -> str:
    """A file and its kind (a skill by its folder's name, its name in Claude Code), and the
    skill that hides it."""
    kind = components.kind_of(path) or dialects.detect(path).kind
    label = path.parent.name if kind == components.SKILL else path.name
    hidden = f"   ·   hidden by the skill {hidden_by}" if hidden_by else ""
    return f"{label}   ·   {kind.replace('-', ' ')}{hidden}"


def _hidden_by(path: Path, skills: set[str]) -> str:
    """The skill whose slash command hides the command at ``path`` (a command and a skill of
    one name give the skill's, in Claude Code), or ""."""
    if components.kind_of(path) != components.COMMAND:
        return ""
    name = components.place(path).removeprefix("commands/").removesuffix(".md")
    return name if name in skills else ""


def _fitted(parent: QWidget | None) -> QSize:
    """1100×720, or less inside a smaller window."""
    if parent is None:
        return QSize(1100, 720)
    return QSize(min(1100, parent.width() - 40), min(720, parent.height() - 40))


def _suggested(folder: Path, fmt: str, name: str) -> Path:
    """The destination for ``fmt`` inside a chosen ``folder``."""
    name = name or "agents"
    if fmt in ("plugin", "marketplace"):
        return folder if folder.name == name else folder / name
    return folder


def _switched(current: Path, fmt: str, name: str) -> Path:
    """``current`` turned into a file or a folder as the new format ``fmt`` needs."""
    is_file = current.suffix in (".zip", ".json")
    if fmt == "zip":
        return current.with_suffix(".zip") if is_file else current.parent / f"{current.name}.zip"
    if fmt == "agents-json":
        return current.parent / "agents.json"
    if not is_file:
        return current
    stem = current.stem if current.suffix == ".zip" else (name or "agents")
    return current.parent / stem if fmt in ("plugin", "marketplace") else current.parent
