"""The Import Bundle dialog: pick a zip, plugin or marketplace, tick agents, settle clashes.

The bundle is read through :mod:`core.bundle.importer` (hostile input refused with the entry
named); each ticked agent shows the file it becomes, and an agent whose name is taken gets a
Rename / Replace / Skip choice. A plugin's skills, commands and output styles are listed
after its agents and go beside a ``.claude/agents`` folder (else inside the folder chosen,
never outside it), renamed where their place is taken. Import writes everything or nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.bundle import importer as bi
from ...core.bundle.zipsafe import BundleError
from ...core.words import plural

ERROR_COLOR = "#d9534f"
_CLASH_LABELS = {"rename": "Rename", "replace": "Replace", "skip": "Skip"}
_ACTION_NOTES = {"rename": " (renamed)", "replace": " (replaces the existing file)"}
_COLUMNS = ["Name", "Dialect", "Becomes", "If the name is taken"]
_KINDS = {"skill": "skill", "command": "command", "output-style": "output style"}


class ImportDialog(QDialog):
    """Import agents from a bundle into a folder."""

    def __init__(self, into: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dialog.import")
        self.setWindowTitle("Import Bundle")
        self.resize(900, 560)
        self.bundle: bi.Bundle | None = None
        self.plan: list[bi.Placement] = []
        self.extra: list[bi.ComponentPlacement] = []  # skills, commands, output styles
        self.written: list[Path] = []
        self._filling = False
        self._choices: dict[str, str] = {}  # agent key → clash choice the user made
        self._build(into)

    def _build(self, into: Path | None) -> None:
        self.source = QLineEdit(objectName="import.bundle")
        self.source.setPlaceholderText("A .zip, a plugin folder or a marketplace folder")
        self.source.editingFinished.connect(lambda: self.load(self.source.text()))
        zip_button = QPushButton("Zip…", objectName="import.browse_zip")
        zip_button.clicked.connect(lambda: self._pick(self.ask_bundle_zip()))
        folder_button = QPushButton("Folder…", objectName="import.browse_folder")
        folder_button.clicked.connect(lambda: self._pick(self.ask_bundle_folder()))
        source_row = QHBoxLayout()
        source_row.addWidget(self.source, 1)
        source_row.addWidget(zip_button)
        source_row.addWidget(folder_button)
        self.into = QLineEdit(str(into) if into else "", objectName="import.into")
        self.into.setPlaceholderText("Agents folder to import into, e.g. .claude/agents")
        self.into.editingFinished.connect(self.replan)
        into_button = QPushButton("Browse…", objectName="import.browse_into")
        into_button.clicked.connect(self._pick_into)
        into_row = QHBoxLayout()
        into_row.addWidget(self.into, 1)
        into_row.addWidget(into_button)
        form = QFormLayout()
        form.addRow("Bundle", source_row)
        form.addRow("Import into", into_row)

        self.agents = QTreeWidget(objectName="import.agents")
        self.agents.setHeaderLabels(_COLUMNS)
        self.agents.setRootIsDecorated(False)
        header = self.agents.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.agents.setColumnWidth(1, 110)
        self.agents.setColumnWidth(3, 170)
        self.agents.itemChanged.connect(self._item_changed)
        self.notes = QLabel(objectName="import.notes")
        self.notes.setWordWrap(True)
        self.status = QLabel(objectName="import.status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("import.ok")
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.agents, 1)
        lay.addWidget(self.notes)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)

    # --- loading ----------------------------------------------------------------------------
    def _pick(self, chosen: str) -> None:
        if chosen:
            self.source.setText(chosen)
            self.load(chosen)

    def _pick_into(self) -> None:
        chosen = self.ask_into()
        if chosen:
            self.into.setText(chosen)
            self.replan()

    def load(self, path: str) -> None:
        """Read the bundle at ``path`` and list its agents (all ticked)."""
        self.bundle = None
        self.agents.clear()
        self.notes.clear()
        if not path.strip():
            self.replan()
            return
        try:
            self.bundle = bi.open_bundle(Path(path.strip()))
        except BundleError as exc:
            self._set_status(f"Refused: {exc}", True)
            self.ok.setEnabled(False)
            return
        self._filling = True
        row = QSize(0, QComboBox().sizeHint().height() + 2)  # room for a clash choice in any row
        for agent in self.bundle.agents:
            item = QTreeWidgetItem([agent.key, agent.dialect, "", ""])
            item.setToolTip(0, agent.source)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setSizeHint(0, row)
            self.agents.addTopLevelItem(item)
        for found in self.bundle.components:
            item = QTreeWidgetItem([found.key, _KINDS[found.kind], "", ""])
            item.setToolTip(0, found.where)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            self.agents.addTopLevelItem(item)
        self._filling = False
        self.notes.setText("\n".join(self.bundle.notes))
        self.notes.setVisible(bool(self.bundle.notes))
        self.replan()

    # --- planning ---------------------------------------------------------------------------
    def _items(self) -> list[tuple[QTreeWidgetItem, bi.FoundAgent]]:
        if self.bundle is None:
            return []
        return [(self.agents.topLevelItem(i), a) for i, a in enumerate(self.bundle.agents)]

    def _component_items(self) -> list[tuple[QTreeWidgetItem, bi.FoundComponent]]:
        if self.bundle is None:
            return []
        rows = enumerate(self.bundle.components, start=len(self.bundle.agents))
        return [(self.agents.topLevelItem(i), c) for i, c in rows]

    def clash_combo(self, key: str) -> QComboBox | None:
        """The Rename / Replace / Skip choice of an agent whose name is taken (else None)."""
        return self.findChild(QComboBox, f"import.clash.{key}")

    def _set_clash_combo(self, item: QTreeWidgetItem, key: str, clash: bool) -> None:
        combo = self.clash_combo(key)
        if clash and combo is None:
            combo = QComboBox(objectName=f"import.clash.{key}")
            for choice, label in _CLASH_LABELS.items():
                combo.addItem(label, choice)
            combo.setCurrentIndex(combo.findData(self._choices.get(key, "rename")))
            combo.currentIndexChanged.connect(lambda: self._choose(key, combo.currentData()))
            self.agents.setItemWidget(item, 3, combo)
        elif not clash and combo is not None:
            self.agents.removeItemWidget(item, 3)
            combo.setParent(None)
            combo.deleteLater()

    def _choose(self, key: str, choice: str) -> None:
        self._choices[key] = choice
        self.replan()

    def _item_changed(self, *_args) -> None:
        if not self._filling:
            self.replan()

    def replan(self) -> None:
        """Work out where each ticked agent goes and show it."""
        self.plan, self.extra = [], []
        into = self.into.text().strip()
        ticked = Qt.CheckState.Checked
        chosen = [(item, a) for item, a in self._items() if item.checkState(0) == ticked]
        others = [c for item, c in self._component_items() if item.checkState(0) == ticked]
        if self.bundle is None or not into or not (chosen or others):
            hint = "Choose a bundle." if self.bundle is None else "Choose agents and a folder."
            self._set_status(hint, False)
            self.ok.setEnabled(False)
            return
        try:
            self.plan = bi.plan_import([a for _, a in chosen], Path(into), "rename", self._choices)
            self.extra = bi.plan_components(others, Path(into))
        except BundleError as exc:
            self._set_status(f"Refused: {exc}", True)
            self.ok.setEnabled(False)
            return
        placed = {p.agent.key: p for p in self.plan}
        self._filling = True
        for item, agent in self._items():
            p = placed.get(agent.key)
            clash = p is not None and p.action != "new"
            text = "" if p is None else ("(skipped)" if p.action == "skip" else p.dest)
            if p is not None and p.action in _ACTION_NOTES:
                text += _ACTION_NOTES[p.action]
            if p is not None and p.report and p.action != "skip":
                text += f" · {plural(len(p.report), 'change')}"
            item.setToolTip(2, "\n".join(str(e) for e in p.report) if p else "")
            item.setText(2, text)
            self._set_clash_combo(item, agent.key, clash)
        placed_extra = {id(p.component): p for p in self.extra}
        home = bi.home(Path(into))
        for item, found in self._component_items():
            p = placed_extra.get(id(found))
            text = "" if p is None else p.where + _ACTION_NOTES.get(p.action, "")
            item.setText(2, "(skipped)" if p is not None and p.action == "skip" else text)
            item.setToolTip(2, str(home / p.where) if p is not None else "")
            item.setText(3, "Rename" if p is not None and p.action == "rename" else "")
        self._filling = False
        count = sum(p.action != "skip" for p in self.plan)
        clashes = sum(p.action != "new" for p in self.plan)
        more = sum(p.action != "skip" for p in self.extra)
        tail = f"; {plural(clashes, 'name')} already taken" if clashes else ""
        if more:
            tail += f"; {plural(more, 'component')} (skills, commands, styles) to {home}"
        self._set_status(f"{plural(count, 'agent')} will be written to {into}{tail}.", False)
        self.ok.setEnabled(count + more > 0)

    def _set_status(self, text: str, bad: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {ERROR_COLOR};" if bad else "")

    def run_import(self) -> None:
        self.replan()
        if not self.plan and not self.extra:
            return
        try:
            self.written = bi.apply_import(self.plan, Path(self.into.text().strip()), self.extra)
        except (BundleError, OSError) as exc:
            self._set_status(f"Nothing imported: {exc}", True)
            return
        self.accept()

    # --- questions (tests replace these) -----------------------------------------------------
    def ask_bundle_zip(self) -> str:
        return QFileDialog.getOpenFileName(self, "Import bundle", "", "Zip files (*.zip)")[0]

    def ask_bundle_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, "Import plugin or marketplace folder")

    def ask_into(self) -> str:
        return QFileDialog.getExistingDirectory(self, "Import into folder")
