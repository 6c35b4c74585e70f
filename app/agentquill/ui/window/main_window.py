"""The main window: tabs of open files, menus, toolbar, problems dock and status bar.

Every modal question goes through ``self.prompts`` (see :mod:`.prompts`), which tests replace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QTabWidget,
)

from ... import APP_NAME, __version__
from ...core.store import RecoveryStore
from ..editor.document import AgentDocument
from ..editor.problems import ProblemsView
from ..editor.tab import EditorTab
from ..project.dock import ProjectDock
from ..project.problems import ProjectProblemsView
from ..project.session import ProjectSession
from ..settings import Session, Settings
from ..theme import apply_theme
from ..timers import soon
from .agent_actions import AgentActions
from .files import Files
from .prompts import Prompts
from .status import StatusBar


class MainWindow(AgentActions, QMainWindow):
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
        self.prompts = Prompts(self)
        self.files = Files(self, recovery)
        self.index_cache = index_cache  # project index cache folder (None: no cache)
        self.user_agents = Path.home() / ".claude" / "agents"
        self.project: ProjectSession | None = None
        self._first_agent: Path | None = None  # shown once a first visit is indexed
        self.dark = False
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self.files.close_tab)
        self.tabs.currentChanged.connect(self._current_changed)
        self.setCentralWidget(self.tabs)
        self.problems = ProblemsView()
        self.problems.jump.connect(self._jump)
        self._create_actions()
        self._update_undo(None)
        self._create_menus()
        self._create_toolbar()
        self._create_docks()
        self._create_status()
        self._restore_state()

    # --- construction -----------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # every binding of the platform (Ctrl+Shift+Z, Ctrl+Y)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _create_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.act_new = self._action("&New", self.files.new_file, key.New, "Start a new agent file")
        self.act_open = self._action("&Open…", self.files.open_dialog, key.Open, "Open agent files")
        self.act_open_folder = self._action(
            "Open &Folder…", self.open_folder_dialog, "Ctrl+Shift+O", "Open a folder as a project"
        )
        self.act_close_project = self._action("Close Pro&ject", self.close_project)
        self.act_export = self._action(
            "&Export Agents…",
            lambda: self.export_agents(),
            None,
            "Export agents as a Claude Code plugin, zip, marketplace or another dialect",
        )
        self.act_import = self._action(
            "&Import Bundle…",
            self.import_bundle,
            None,
            "Import agents from a zip, a plugin folder or a marketplace",
        )
        self.act_user_agents = self._action(
            "Include ~/.claude/agents",
            self._toggle_user_agents,
            None,
            "Show your user agents folder as a source of the project",
        )
        self.act_user_agents.setCheckable(True)
        self.act_user_agents.setChecked(self.settings.preferences.include_user_agents)
        self.act_save = self._action("&Save", lambda: self.files.save(), key.Save)
        self.act_save_as = self._action("Save &As…", lambda: self.files.save_as(), key.SaveAs)
        self.act_revert = self._action("&Revert", self.files.revert, None, "Reload from disk")
        self.act_close = self._action(
            "&Close", lambda: self.files.close_tab(self.tabs.currentIndex()), key.Close
        )
        self.act_quit = self._action("&Quit", self.close, key.Quit)
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.act_undo = self._action("&Undo", lambda: self._doc_call("undo"), key.Undo)
        self.act_redo = self._action("&Redo", lambda: self._doc_call("redo"), key.Redo)
        self.act_repair = self._action(
            "Repair &Frontmatter",
            self._repair,
            None,
            "Rewrite values YAML cannot read, keeping their meaning",
        )
        self.act_form = self._action("&Form", lambda: self._show_pane("form"), "Ctrl+1")
        self.act_examples = self._action("&Examples", lambda: self._show_pane("examples"), "Ctrl+2")
        self.act_sections = self._action("Sect&ions", lambda: self._show_pane("sections"), "Ctrl+3")
        self.act_source = self._action("&Source", lambda: self._show_pane("source"), "Ctrl+4")
        self.act_preview = self._action("&Preview", self._toggle_preview, "Ctrl+Shift+P")
        self.act_preview.setCheckable(True)
        self.act_preview.setChecked(self.settings.preferences.show_preview)
        self.act_about = self._action("&About AgentQuill", self._about)
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.theme_group = QActionGroup(self)
        self.theme_actions = {}
        for name in ("system", "light", "dark"):
            act = self._action(name.title(), lambda _c=False, n=name: self.set_theme(n))
            act.setCheckable(True)
            act.setChecked(name == self.settings.preferences.theme)
            self.theme_group.addAction(act)
            self.theme_actions[name] = act

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        file.addActions([self.act_new, self.act_open, self.act_open_folder])
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.recent_projects_menu = file.addMenu("Recent &Projects")
        self.recent_projects_menu.aboutToShow.connect(self._fill_recent_projects)
        file.addSeparator()
        file.addActions([self.act_save, self.act_save_as, self.act_revert, self.act_close])
        file.addAction(self.act_close_project)
        file.addSeparator()
        file.addActions([self.act_export, self.act_import])
        file.addSeparator()
        file.addAction(self.act_quit)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.act_undo, self.act_redo])
        edit.addSeparator()
        edit.addAction(self.act_repair)
        self._create_agent_menu(bar)
        view = bar.addMenu("&View")
        view.addActions(
            [self.act_form, self.act_examples, self.act_sections, self.act_source, self.act_preview]
        )
        view.addSeparator()
        view.addAction(self.act_user_agents)
        theme = view.addMenu("&Theme")
        theme.addActions(list(self.theme_actions.values()))
        self.view_menu = view
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.act_about)

    def _create_toolbar(self) -> None:
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("toolbar.main")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        style = self.style()
        icons = {
            self.act_new: style.StandardPixmap.SP_FileIcon,
            self.act_open: style.StandardPixmap.SP_DialogOpenButton,
            self.act_save: style.StandardPixmap.SP_DialogSaveButton,
            self.act_undo: style.StandardPixmap.SP_ArrowBack,
            self.act_redo: style.StandardPixmap.SP_ArrowForward,
        }
        for action, icon in icons.items():
            action.setIcon(style.standardIcon(icon))
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addActions(
            [self.act_form, self.act_examples, self.act_sections, self.act_source, self.act_preview]
        )

    def _create_docks(self) -> None:
        dock = QDockWidget("Problems", self)
        dock.setObjectName("dock.problems")
        dock.setWidget(self.problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.view_menu.addAction(dock.toggleViewAction())
        self.problems_dock = dock
        self.resizeDocks([dock], [150], Qt.Orientation.Vertical)
        self.project_dock = ProjectDock(self)
        self.project_dock.open_requested.connect(self.files.open_file)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.project_dock)
        self.resizeDocks([self.project_dock], [300], Qt.Orientation.Horizontal)
        self.project_problems = ProjectProblemsView()
        self.project_problems.open_at.connect(self.open_at)
        self.project_problems_dock = QDockWidget("Project Problems", self)
        self.project_problems_dock.setObjectName("dock.project_problems")
        self.project_problems_dock.setWidget(self.project_problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.project_problems_dock)
        for project_dock in (self.project_dock, self.project_problems_dock):
            self.view_menu.addAction(project_dock.toggleViewAction())

    def _create_status(self) -> None:
        self.status = StatusBar()
        self.setStatusBar(self.status)

    # --- state ------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        state = self.settings.state
        if state.geometry:
            self.restoreGeometry(QByteArray.fromBase64(state.geometry.encode()))
        else:
            self.resize(1280, 800)
        if state.window_state:
            self.restoreState(QByteArray.fromBase64(state.window_state.encode()))
        self._show_project_docks(self.project is not None)

    def _save_state(self) -> None:
        state = self.settings.state
        state.geometry = bytes(self.saveGeometry().toBase64()).decode()
        state.window_state = bytes(self.saveState().toBase64()).decode()
        tab = self.current()
        if tab is not None:
            state.splitter = bytes(tab.splitter.saveState().toBase64()).decode()
        state.open_files = [str(t.document.path) for t in self.editor_tabs() if t.document.path]
        if self.project is not None:
            self._save_session()
        self.settings.save()

    def set_theme(self, theme: str) -> None:
        self.settings.preferences.theme = theme
        self.dark = apply_theme(QApplication.instance(), theme)
        for tab in self.editor_tabs():
            tab.set_dark(self.dark)

    # --- tabs -------------------------------------------------------------------------------
    def editor_tabs(self) -> list[EditorTab]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def current(self) -> EditorTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, EditorTab) else None

    def add_tab(self, document: AgentDocument) -> EditorTab:
        tab = EditorTab(document, self.dark)
        if self.settings.state.splitter:
            tab.splitter.restoreState(QByteArray.fromBase64(self.settings.state.splitter.encode()))
        tab.preview.setVisible(self.act_preview.isChecked())
        # each sender below dies with the tab (which owns the document), and with it the
        # lambdas that hold the tab: connect none to an object that outlives the tab
        tab.analysed.connect(lambda t=tab: self._tab_analysed(t))
        tab.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        tab.source.cursorPositionChanged.connect(lambda: self.status.show_position(self.current()))
        document.qdoc.modificationChanged.connect(lambda _m, t=tab: self.update_title(t))
        document.qdoc.undoAvailable.connect(lambda _a, t=tab: self._update_undo(t))
        document.qdoc.redoAvailable.connect(lambda _a, t=tab: self._update_undo(t))
        document.path_changed.connect(lambda t=tab: self.files.watch(t))
        index = self.tabs.addTab(tab, document.title)
        self.tabs.setCurrentIndex(index)
        self.files.watch(tab)
        return tab

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._save_state()
        if not self.files.close_all():
            event.ignore()
            return
        if self.project is not None:
            self.project.close()
        event.accept()

    # --- status -----------------------------------------------------------------------------
    def _update_undo(self, tab: EditorTab | None) -> None:
        """Undo and Redo follow the current tab's history."""
        if tab is self.current():
            qdoc = tab.document.qdoc if tab is not None else None
            self.act_undo.setEnabled(qdoc is not None and qdoc.isUndoAvailable())
            self.act_redo.setEnabled(qdoc is not None and qdoc.isRedoAvailable())

    def _current_changed(self, _index: int) -> None:
        tab = self.current()
        self._update_undo(tab)
        if tab is not None:
            self._tab_analysed(tab)
            if tab.document.path is not None:
                self.project_dock.select(tab.document.path)
        else:
            self.problems.show_diagnostics([])
            self.status.show_tab(None)

    def _tab_analysed(self, tab: EditorTab) -> None:
        if tab is self.current():
            self.problems.show_diagnostics(tab.diagnostics)
            self.status.show_tab(tab)

    def update_title(self, tab: EditorTab) -> None:
        index = self.tabs.indexOf(tab)
        if index < 0:
            return
        mark = "●" if tab.document.modified else ""
        self.tabs.setTabText(index, f"{tab.document.title}{' ' + mark if mark else ''}")
        self.tabs.setTabToolTip(index, str(tab.document.path or "Not saved yet"))
        if tab is self.current() or self.tabs.count() == 1:
            self.setWindowTitle(f"{tab.document.title}[*] — {APP_NAME}")
            self.setWindowModified(tab.document.modified)

    def _jump(self, line: int, column: int, key: str) -> None:
        tab = self.current()
        if tab is not None:
            tab.go_to_line(line, column, key)

    def _doc_call(self, name: str) -> None:
        tab = self.current()
        if tab is not None:
            getattr(tab.document.qdoc, name)()

    def _repair(self) -> None:
        tab = self.current()
        if tab is not None:
            tab.repair()

    def _show_pane(self, name: str) -> None:
        tab = self.current()
        if tab is not None:
            tab.panes.setCurrentWidget(getattr(tab, name))

    def _toggle_preview(self, shown: bool) -> None:
        self.settings.preferences.show_preview = shown
        for tab in self.editor_tabs():
            tab.preview.setVisible(shown)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.state.recent_files:
            self.recent_menu.addAction(path, lambda p=path: self.files.open_file(p))
        if not self.settings.state.recent_files:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    # --- projects ---------------------------------------------------------------------------
    def open_folder_dialog(self) -> None:
        folder = self.prompts.ask_folder()
        if folder:
            self.open_project(folder)

    def open_project(self, folder: str | Path) -> bool:
        """Open ``folder`` as the project: index it, show its tree and restore its session.
        False when it is not a folder or the user keeps the current project open."""
        root = Path(folder).resolve()
        if not root.is_dir():
            self.prompts.show_error("Cannot open folder", f"{root}\n\nThis is not a folder.")
            return False
        if not self.close_project():
            return False
        self.settings.add_recent_project(root)
        self.project_problems.root = root
        self.project_dock.setWindowTitle(f"Project · {root.name}")
        self._show_project_docks(True)
        session = self.settings.session(root)
        for path in [*session.files, session.current]:
            if isinstance(path, str) and path and Path(path).is_file():
                self.files.open_file(path)
        if session.layout:
            self.restoreState(QByteArray.fromBase64(session.layout.encode()))
        self._index(root)
        return True

    def _index(self, root: Path) -> None:
        user = self.user_agents if self.settings.preferences.include_user_agents else None
        self.project = project = ProjectSession(
            root, self.files.file_watcher, self.index_cache, user, self
        )
        dock = self.project_dock
        dock.clear()
        project.found.connect(dock.model.add)
        project.progress.connect(dock.show_progress)
        project.scanned.connect(self._project_scanned)
        project.refreshed.connect(self._project_refreshed)
        project.problems.connect(
            lambda found: self.project_problems.show_problems(found, dock.model.entries())
        )
        project.failed.connect(dock.show_failure)
        project.start()

    def close_project(self) -> bool:
        """Keep the project's session, close its tabs (asking about unsaved work) and stop
        indexing; False when the user cancels."""
        if self.project is None:
            return True
        self._save_session()
        if not self.files.close_all():
            return False
        self._stop_indexing()
        self.project_problems.show_problems([], [])
        self._show_project_docks(False)
        return True

    def _stop_indexing(self) -> None:
        self.project.close()
        self.project.deleteLater()
        self.project = None
        self.project_dock.clear()

    def _save_session(self) -> None:
        tab = self.current()
        current = tab.document.path if tab is not None else None
        session = Session(
            [str(t.document.path) for t in self.editor_tabs() if t.document.path],
            str(current) if current else "",
            bytes(self.saveState().toBase64()).decode(),
        )
        self.settings.set_session(self.project.root, session)

    def _project_scanned(self) -> None:
        dock = self.project_dock
        dock.show_progress(0, 0)
        count = len(dock.model.entries())
        self.statusBar().showMessage(f"{self.project.root.name}: {count:,} agents indexed", 6000)
        if not self.tabs.count() and count:  # a first visit: show an agent, not an empty window,
            self._first_agent = dock.model.entries()[0].path  # once the tree has been painted
            soon(self, self._open_first_agent)
        tab = self.current()
        if tab is not None and tab.document.path is not None:
            dock.select(tab.document.path)

    def _open_first_agent(self) -> None:
        if not self.tabs.count() and self.project is not None and self.isVisible():
            self.files.open_file(self._first_agent)

    def _project_refreshed(self, added: list, changed: list, removed: list) -> None:
        model = self.project_dock.model
        model.remove(removed)
        model.update(changed)
        model.add(added)

    def _show_project_docks(self, shown: bool) -> None:
        problems = self.project_problems_dock
        self.project_dock.setVisible(shown)
        problems.setVisible(shown)
        if shown and problems not in self.tabifiedDockWidgets(self.problems_dock):
            self.tabifyDockWidget(self.problems_dock, problems)  # not before: it moves focus
            self.problems_dock.raise_()
        self.act_close_project.setEnabled(shown)

    def _toggle_user_agents(self, include: bool) -> None:
        self.settings.preferences.include_user_agents = include
        if self.project is not None:
            root = self.project.root
            self._stop_indexing()
            self._index(root)

    def open_at(self, path: Path, line: int) -> None:
        tab = self.files.open_file(path)
        if tab is not None:
            tab.go_to_line(line)

    def _fill_recent_projects(self) -> None:
        self.recent_projects_menu.clear()
        for path in self.settings.state.recent_projects:
            self.recent_projects_menu.addAction(path, lambda p=path: self.open_project(p))
        if not self.settings.state.recent_projects:
            self.recent_projects_menu.addAction("No recent projects").setEnabled(False)

    # --- drag and drop ----------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        self.open_paths(paths)
        event.acceptProposedAction()

    # --- bundles ----------------------------------------------------------------------------
    def export_agents(self, paths: list[Path] | None = None) -> None:
        """Open the Export Agents dialog for ``paths``: by default the open project's agents,
        else the files of the open tabs."""
        if paths is None:
            dock = getattr(self, "project_dock", None)
            if self.project is not None and dock is not None:
                paths = sorted(e.path for e in dock.model.entries())
            if not paths:
                paths = [t.document.path for t in self.editor_tabs() if t.document.path]
        if not paths:
            self.prompts.show_error("Export Agents", "Open a project or an agent file to export.")
            return
        from ..dialogs.export import ExportDialog  # loaded when first used: start-up stays short

        dialog = ExportDialog([Path(p) for p in paths], parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def import_bundle(self) -> None:
        """Open the Import Bundle dialog, importing into the project's .claude/agents."""
        into = self.project.root / ".claude" / "agents" if self.project is not None else None
        from ..dialogs.import_bundle import (
            ImportDialog,  # loaded when first used: start-up stays short
        )

        dialog = ImportDialog(into, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.report_files(*dialog.written))
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage(f"Imported {len(dialog.written)} agent(s)", 5000)
        )
        dialog.open()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>A lossless editor for AI agent files.",
        )
