"""The welcome page, shown in place of the tabs whenever no file is open.

It is where a first run starts and where the user lands after closing the last tab: ways in
(a template, a file, a folder, the example project, the guide) and the recent projects and
files, each one click away and each removable from its list. It draws with the palette's
roles only, so it follows the light and dark themes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeyEvent, QKeySequence, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME, resources_dir

if TYPE_CHECKING:
    from .main_window import MainWindow

#: what the app does, in the words of its first screen
ABOUT = (
    "Edit the agent files of Claude Code, GitHub Copilot, Gemini CLI and OpenCode in a form, "
    "an examples editor, a sections outline or the source, with a live preview and lint "
    "problems as you type. Every view edits the one text of the file and changes only what "
    "you change, so comments, quoting and layout survive."
)
COLUMN_WIDTH = 920  # the page's column at most, so lines stay readable on a wide screen


class RecentRow(QFrame):
    """One recent project or file: its name and full path; a click opens it, the × button
    (or the context menu) removes it from the list."""

    opened = Signal(str)
    forgotten = Signal(str)

    def __init__(self, path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self.setObjectName("welcome.row")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(f"Open {path}")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        name = QLabel(Path(path).name or path)
        name.setObjectName("welcome.row.name")
        self.where = QLabel()
        self.where.setObjectName("welcome.row.path")
        self.where.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        small = self.where.font()
        small.setPointSizeF(small.pointSizeF() * 0.92)
        self.where.setFont(small)
        forget = QToolButton()
        forget.setObjectName("welcome.forget")
        forget.setText("×")
        forget.setAutoRaise(True)
        forget.setToolTip("Remove from this list")
        forget.setAccessibleName(f"Remove {path} from this list")
        forget.clicked.connect(lambda: self.forgotten.emit(self.path))
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(name)
        text.addWidget(self.where)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 5, 4, 5)
        row.addLayout(text, 1)
        row.addWidget(forget, 0, Qt.AlignmentFlag.AlignVCenter)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """The path in full when it fits, else with its middle left out (the tooltip has it)."""
        super().resizeEvent(event)
        metrics = self.where.fontMetrics()
        self.where.setText(
            metrics.elidedText(self.path, Qt.TextElideMode.ElideMiddle, self.where.width())
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.opened.emit(self.path)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.opened.emit(self.path)
        elif event.key() == Qt.Key.Key_Delete:
            self.forgotten.emit(self.path)
        else:
            super().keyPressEvent(event)

    def _menu(self, at) -> None:
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.opened.emit(self.path))
        menu.addAction("Remove from List", lambda: self.forgotten.emit(self.path))
        menu.exec(self.mapToGlobal(at))


class RecentList(QWidget):
    """A titled list of :class:`RecentRow`; ``empty`` says what shows up here when none."""

    def __init__(self, name: str, title: str, empty: str):
        super().__init__()
        self.setObjectName(f"welcome.{name}")
        self.empty = empty
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(2)
        self.rows.addWidget(_heading(title))

    def show_paths(
        self, paths: list[str], open_path: Callable[[str], object], forget: Callable[[str], None]
    ) -> None:
        while self.rows.count() > 1:
            gone = self.rows.takeAt(1).widget()
            gone.setParent(None)
            gone.deleteLater()
        for path in paths:
            row = RecentRow(path)
            row.opened.connect(open_path)
            row.forgotten.connect(forget)
            self.rows.addWidget(row)
        if not paths:
            hint = QLabel(self.empty)
            hint.setObjectName("welcome.hint")
            hint.setWordWrap(True)
            self.rows.addWidget(hint)

    def paths(self) -> list[str]:
        return [row.path for row in self.findChildren(RecentRow) if row.parent() is self]


class WelcomePage(QScrollArea):
    """The page; ``refresh`` re-reads the recent lists from the settings."""

    def __init__(self, window: MainWindow):
        super().__init__()
        self.window = window
        self.setObjectName("welcome")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.projects = RecentList(
            "recent_projects", "Recent Projects", "Folders you open as projects appear here."
        )
        self.files = RecentList("recent_files", "Recent Files", "Files you open appear here.")
        column = QWidget()
        column.setObjectName("welcome.column")
        column.setMaximumWidth(COLUMN_WIDTH)
        body = QVBoxLayout(column)
        body.setSpacing(18)
        body.addLayout(self._header())
        lists = QVBoxLayout()
        lists.setSpacing(18)
        lists.addWidget(self.projects)
        lists.addWidget(self.files)
        lists.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(40)
        columns.addLayout(self._start(), 0)
        columns.addLayout(lists, 1)
        body.addLayout(columns)
        body.insertStretch(0, 1)  # the content a third of the way down a tall window
        body.addStretch(2)
        page = QWidget()
        page.setObjectName("welcome.page")
        outer = QHBoxLayout(page)
        outer.setContentsMargins(32, 40, 32, 32)
        outer.addStretch(1)
        outer.addWidget(column, 100)  # up to its maximum width; the stretches share the rest
        outer.addStretch(1)
        self.setWidget(page)
        self._styled_for = ""
        self._style()
        self.refresh()

    def _header(self) -> QHBoxLayout:
        icon = QLabel()
        icon.setPixmap(QIcon(str(resources_dir() / "icons" / "agentquill.svg")).pixmap(64, 64))
        title = QLabel(APP_NAME)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        about = QLabel(ABOUT)
        about.setObjectName("welcome.about")
        about.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(title)
        text.addWidget(about)
        header = QHBoxLayout()
        header.setSpacing(16)
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(text, 1)
        return header

    def _start(self) -> QVBoxLayout:
        acts = self.window.acts
        start = QVBoxLayout()
        start.setSpacing(6)
        start.addWidget(_heading("Start"))
        for name, text, slot in (
            ("new", "New from a Template…", acts["new"].trigger),
            ("open", "Open File…", acts["open"].trigger),
            ("open_folder", "Open Folder…", acts["open_folder"].trigger),
            ("example", "Open the Example Project", self.open_example),
            ("guide", "Read the User Guide", acts["guide"].trigger),
        ):
            button = QPushButton(text)
            button.setObjectName(f"welcome.{name}")
            if name in acts and not acts[name].shortcut().isEmpty():
                button.setToolTip(acts[name].shortcut().toString(QKeySequence.NativeText))
            button.setMinimumWidth(250)
            button.clicked.connect(slot)
            start.addWidget(button)
        start.addStretch(1)
        return start

    def open_example(self) -> None:
        """Open the user's copy of the example project, made on first use.

        Edits and Replace in Project must never change the installed examples (shared, maybe
        read-only), so the project opened is a copy in the user's data folder; once it exists it
        is the user's work and is opened as it is.
        """
        copy = self.window.settings.data_folder / "examples"
        if not copy.exists():
            try:
                shutil.copytree(resources_dir() / "examples", copy)
            except OSError as exc:
                shutil.rmtree(copy, ignore_errors=True)  # a half copy would pass for the user's
                self.window.prompts.show_error(
                    "Open the Example Project", f"Could not copy the example project: {exc}"
                )
                return
        self.window.projects.open(copy)

    def refresh(self) -> None:
        state = self.window.settings.state
        self.projects.show_paths(
            state.recent_projects, self.window.projects.open, self._forget("recent_projects")
        )
        self.files.show_paths(
            state.recent_files, self.window.files.open_file, self._forget("recent_files")
        )

    def _forget(self, field: str) -> Callable[[str], None]:
        def forget(path: str) -> None:
            state = self.window.settings.state
            setattr(state, field, [p for p in getattr(state, field) if p != path])
            self.refresh()

        return forget

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.refresh()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.PaletteChange:
            self._style()
        super().changeEvent(event)

    def _style(self) -> None:
        """Palette roles by name, resolved now: a theme change re-runs this (and the style
        sheet it sets changes the palette once more, to the same colours)."""
        palette = self.palette()
        if palette.color(QPalette.ColorRole.Base).name() == self._styled_for:
            return
        self._styled_for = palette.color(QPalette.ColorRole.Base).name()

        def role(name: str) -> str:  # with its alpha: light themes draw hints translucent
            return palette.color(getattr(QPalette.ColorRole, name)).name(QColor.NameFormat.HexArgb)

        self.setStyleSheet(
            f"""
            #welcome, #welcome\\.page {{ background: {role("Base")}; }}
            QLabel#welcome\\.about, QLabel#welcome\\.hint, QLabel#welcome\\.row\\.path
                {{ color: {role("PlaceholderText")}; }}
            QLabel#welcome\\.heading {{ color: {role("WindowText")}; font-weight: 600; }}
            QLabel#welcome\\.row\\.name {{ color: {role("Link")}; font-weight: 600; }}
            QFrame#welcome\\.row {{ border-radius: 6px; }}
            QFrame#welcome\\.row:hover, QFrame#welcome\\.row:focus
                {{ background: {role("AlternateBase")}; }}
            QPushButton {{ text-align: left; padding: 7px 12px; }}
            """
        )


def _heading(text: str) -> QLabel:
    label = QLabel(text.upper())
    label.setObjectName("welcome.heading")
    font = label.font()
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label
