"""The main window: tabs of open files, docks and status bar, wired to the controllers.

The window lays out its parts and follows the current tab; what the commands do lives in its
controllers: ``files`` (:mod:`.files`), ``projects`` (:mod:`.projects`), ``agents``
(:mod:`.agent_actions`), ``help`` (:mod:`.help`). While no tab is open, the welcome page
(:mod:`.welcome`) stands in for the tabs. Its actions and menus are declared in :mod:`.actions`
(``acts``, ``menus``). Every modal question goes through ``prompts`` (:mod:`.prompts`),
which tests replace.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QTabWidget

from ... import APP_NAME
from ...core.files import RecoveryStore
from ..editor.document import AgentDocument
from ..editor.tab import EditorTab
from ..settings import Settings
from ..theme import apply_theme
from .actions import ON_A_FILE, build, declare
from .files import Files
from .later import Later
from .lazy_dock import LazyDock
from .projects import ProjectController
from .status import StatusBar

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from ..editor.problems import ProblemsView
    from ..find.controller import FindController
    from ..project.dock import ProjectTree
    from ..project.problems import ProjectProblemsView
    from .agent_actions import AgentController
    from .budget import BudgetController
    from .claude import ClaudeCode
    from .help import Help
    from .prompts import Prompts
    from .welcome import WelcomePage


class MainWindow(QMainWindow):
    # made on first use: their modules load after the first paint
    prompts: Prompts = Later(".prompts", "Prompts")  # tests replace it
    budget: BudgetController = Later(".budget", "BudgetController")  # with a project
    agents: AgentController = Later(".agent_actions", "AgentController")
    help: Help = Later(".help", "Help")
    finder: FindController = Later("..find.controller", "FindController")  # Find and Replace
    claude: ClaudeCode = Later(".claude", "ClaudeCode")  # found after the first frame

    def __init__(
        self,
        settings: Settings,
        recovery: RecoveryStore | None = None,
        index_cache: Path | None = None,
    ):
        super().__init__()
        self.setObjectName("MainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.settings = settings
        self.dark = False
        self.files = Files(self, recovery)
        self.projects = ProjectController(self, index_cache)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self.files.close_tab)
        self.tabs.currentChanged.connect(self._current_changed)
        self.acts, self.menus = build(self, declare(self))
        self._welcome: WelcomePage | None = None
        self.central = QStackedWidget()
        self.central.addWidget(self.tabs)
        self.setCentralWidget(self.central)
        self._update_actions(None)
        self._create_docks()
        self.status = StatusBar()
        self.setStatusBar(self.status)
        self.status.problems.clicked.connect(self._toggle_problems)
        self.status.budget.clicked.connect(lambda: self.budget.reveal())
        self._restore_state()

    def _create_docks(self) -> None:
        self.problems_dock = LazyDock("Problems", "dock.problems", self, self._make_problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.project_dock = LazyDock("Project", "dock.project", self, self.projects.make_tree)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.project_dock)
        self.resizeDocks([self.project_dock], [300], Qt.Orientation.Horizontal)
        self.project_problems_dock = LazyDock(
            "Project Problems", "dock.project_problems", self, self._make_project_problems
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.project_problems_dock)
        for dock in (self.problems_dock, self.project_dock, self.project_problems_dock):
            self.menus["view"].addAction(dock.toggleViewAction())

    @property
    def project_tree(self) -> ProjectTree:
        """The open folder's agents, made when the Project dock first shows."""
        return self.project_dock.content()

    @property
    def problems(self) -> ProblemsView:
        """The current file's problems, made when their dock first shows (it starts hidden)."""
        return self.problems_dock.content()

    def _toggle_problems(self) -> None:
        from ..editor.problems import toggle

        toggle(self, self.problems_dock, self.problems)

    def _make_problems(self) -> ProblemsView:
        from ..editor.problems import ProblemsView

        view = ProblemsView()
        view.jump.connect(self._jump)
        tab = self.current()
        view.show_diagnostics(tab.diagnostics if tab is not None else [])
        return view

    @property
    def project_problems(self) -> ProjectProblemsView:
        """The open folder's problems, made when first shown or a folder opens."""
        return self.project_problems_dock.content()

    def _make_project_problems(self) -> ProjectProblemsView:
        from ..project.problems import ProjectProblemsView

        view = ProjectProblemsView()
        view.open_at.connect(self.projects.open_at)
        return view

    @property
    def welcome(self) -> WelcomePage:
        """The page in place of the tabs while no file is open, made when first shown: never
        when the app starts on a file."""
        if self._welcome is None:
            from .welcome import WelcomePage

            self._welcome = WelcomePage(self)
            self.central.insertWidget(0, self._welcome)
        return self._welcome

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt override
        """Shown with no file open, the window shows the welcome page. (Not ``showEvent``:
        the first Python event handler to run makes PySide build every event class.)"""
        if visible and not self.tabs.count():
            self.central.setCurrentWidget(self.welcome)
        super().setVisible(visible)

    # --- state ------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        state = self.settings.state
        if state.geometry:
            self.restoreGeometry(QByteArray.fromBase64(state.geometry.encode()))
        else:
            self.resize(1280, 800)
        if state.window_state:
            self.restoreState(QByteArray.fromBase64(state.window_state.encode()))
        else:  # a first run: the status bar's badge opens Problems when there are some
            self.problems_dock.hide()
        self.projects.show_docks(False)

    def _save_state(self) -> None:
        state = self.settings.state
        state.geometry = bytes(self.saveGeometry().toBase64()).decode()
        state.window_state = bytes(self.saveState().toBase64()).decode()
        tab = self.current()
        if tab is not None:
            state.splitter = bytes(tab.splitter.saveState().toBase64()).decode()
        state.open_files = [str(t.document.path) for t in self.editor_tabs() if t.document.path]
        self.projects.save_session()
        self.settings.save()

    def set_theme(self, theme: str) -> None:
        self.settings.preferences.theme = theme
        self.dark = apply_theme(QApplication.instance(), theme)
        for tab in self.editor_tabs():
            tab.set_dark(self.dark)

    def toggle_preview(self, shown: bool) -> None:
        self.settings.preferences.show_preview = shown
        for tab in self.editor_tabs():
            tab.preview.setVisible(shown)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._save_state()
        if not self.files.close_all():
            event.ignore()
            return
        self.projects.stop()
        event.accept()

    # --- tabs -------------------------------------------------------------------------------
    def editor_tabs(self) -> list[EditorTab]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def current(self) -> EditorTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, EditorTab) else None

    def on_tab(self, call: Callable[[EditorTab], object]) -> None:
        """``call(tab)`` on the current tab, if there is one (the slot of a tab's command)."""
        tab = self.current()
        if tab is not None:
            call(tab)

    def add_tab(self, document: AgentDocument) -> EditorTab:
        tab = EditorTab(document, self.dark)
        if self.settings.state.splitter:
            tab.splitter.restoreState(QByteArray.fromBase64(self.settings.state.splitter.encode()))
        tab.preview.setVisible(self.acts["preview"].isChecked())
        # each sender below dies with the tab (which owns the document), and with it the
        # lambdas that hold the tab: connect none to an object that outlives the tab
        tab.analysed.connect(lambda t=tab: self._tab_analysed(t))
        tab.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        tab.repair_requested.connect(self.acts["repair"].trigger)
        if self.projects.session is not None:
            self.budget.watch_tab(tab)
        tab.source.cursorPositionChanged.connect(lambda: self.status.show_position(self.current()))
        document.qdoc.modificationChanged.connect(lambda _m, t=tab: self.update_title(t))
        document.qdoc.undoAvailable.connect(lambda _a, t=tab: self._update_undo(t))
        document.qdoc.redoAvailable.connect(lambda _a, t=tab: self._update_undo(t))
        document.path_changed.connect(lambda t=tab: self.files.watch(t))
        index = self.tabs.addTab(tab, document.title)
        self.tabs.setCurrentIndex(index)
        self.files.watch(tab)
        return tab

    def update_title(self, tab: EditorTab) -> None:
        index = self.tabs.indexOf(tab)
        if index < 0:
            return
        mark = "●" if tab.document.modified else ""
        self.tabs.setTabText(index, f"{tab.document.title}{' ' + mark if mark else ''}")
        tip = str(tab.document.path or "Not saved yet")
        self.tabs.setTabToolTip(
            index, f"{tip} (deleted on disk)" if tab.document.deleted_on_disk else tip
        )
        if tab is self.current():
            self._show_title(tab)

    def _show_title(self, tab: EditorTab | None) -> None:
        """The window's title names the current tab's file, or only the app with none open."""
        self.setWindowTitle(f"{tab.document.title}[*] — {APP_NAME}" if tab else APP_NAME)
        self.setWindowModified(tab is not None and tab.document.modified)

    def _update_actions(self, tab: EditorTab | None) -> None:
        """The actions on a file work while one is open; Undo and Redo follow its history."""
        for name in ON_A_FILE:
            self.acts[name].setEnabled(tab is not None)
        self._update_undo(tab)

    def _update_undo(self, tab: EditorTab | None) -> None:
        """Undo and Redo follow the current tab's history."""
        if tab is self.current():
            qdoc = tab.document.qdoc if tab is not None else None
            self.acts["undo"].setEnabled(qdoc is not None and qdoc.isUndoAvailable())
            self.acts["redo"].setEnabled(qdoc is not None and qdoc.isRedoAvailable())

    def _current_changed(self, _index: int) -> None:
        tab = self.current()
        self.central.setCurrentWidget(self.tabs if self.tabs.count() else self.welcome)
        self._update_actions(tab)
        self._show_title(tab)
        if tab is not None:
            self._tab_analysed(tab)
            if tab.document.path is not None and self.project_dock.made:
                self.project_tree.select(tab.document.path)
        else:
            if self.problems_dock.made:
                self.problems.show_diagnostics([])
            self.status.show_tab(None)

    def _tab_analysed(self, tab: EditorTab) -> None:
        if tab is self.current():
            if self.problems_dock.made:
                self.problems.show_diagnostics(tab.diagnostics)
            self.status.show_tab(tab)

    def _jump(self, line: int, column: int, key: str) -> None:
        self.on_tab(lambda tab: tab.go_to_line(line, column, key))

    # --- drag and drop ----------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        self.files.open_paths(paths)
        event.acceptProposedAction()
