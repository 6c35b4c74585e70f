"""The project lifecycle of the window: open a folder as the project, index it, follow it,
keep its session (open tabs, current tab, layout), close it; and the bundles of its agents.

:class:`ProjectController` lives here, beside :class:`~.files.Files`, not in ``ui/project``:
it drives the window's parts (its tabs through ``files``, the project docks, the settings, the
status bar), while ``ui/project`` holds the parts that know nothing of the window (the
session, the tree, the problems view), so imports go one way, window to project.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, Qt

from ...core.words import plural
from ..settings import Session
from ..timers import soon

if TYPE_CHECKING:
    from ..claude.registration import RegistrationCheck
    from ..project.dock import ProjectTree
    from ..project.session import ProjectSession
    from .main_window import MainWindow


class ProjectController(QObject):
    """Opens and closes ``window``'s project; ``session`` is the open one (None: none)."""

    def __init__(self, window: MainWindow, index_cache: Path | None):
        super().__init__(window)
        self.index_cache = index_cache  # project index cache folder (None: no cache)
        self.user_agents = Path.home() / ".claude" / "agents"
        self.session: ProjectSession | None = None
        self._first_agent: Path | None = None  # shown once a first visit is indexed
        self._fit_docks = False  # size the docks for the project once it is indexed
        self._reveal_problems = False  # show the problems found on a first visit
        self._found: list = []  # the session's last problems
        self._registration: RegistrationCheck | None = None

    @property
    def window(self) -> MainWindow:
        """Our parent (not held, as :attr:`.files.Files.window` says why)."""
        return self.parent()

    def make_tree(self) -> ProjectTree:
        """The Project dock's content, made when the dock first shows (a folder opens): a
        window opened on a file does without it and its module."""
        from ..project.dock import ProjectTree
        from .agent_actions import AgentController

        window = self.window
        agent_actions = [window.acts[f"tree.{name}"] for name in AgentController.FILE_ACTIONS]
        tree = ProjectTree(None, [window.acts["tree.new_agent"]], agent_actions)
        tree.open_requested.connect(window.files.open_file)
        return tree

    def open_folder_dialog(self) -> None:
        folder = self.window.prompts.ask_folder()
        if folder:
            self.open(folder)

    def open(self, folder: str | Path) -> bool:
        """Open ``folder`` as the project: index it, show its tree and restore its session.
        False when it is not a folder or the user keeps the current project open."""
        window = self.window
        root = Path(folder).resolve()
        if not root.is_dir():
            window.prompts.show_error("Cannot open folder", f"{root}\n\nThis is not a folder.")
            return False
        if not self.close():
            return False
        window.settings.add_recent_project(root)
        window.welcome.refresh()  # shown while the project has no tab open
        window.project_problems.root = root
        window.project_dock.setWindowTitle(f"Project · {root.name}")
        self.show_docks(True)
        session = window.settings.session(root)
        for path in [*session.files, session.current]:
            if isinstance(path, str) and path and Path(path).is_file():
                window.files.open_file(path)
        # else the user's layout, as they left it
        self._fit_docks = self._reveal_problems = not session.layout
        if session.layout:
            window.restoreState(QByteArray.fromBase64(session.layout.encode()))
        self._index(root)
        return True

    def _index(self, root: Path) -> None:
        from ..project.session import ProjectSession  # the indexer, once a folder opens

        window, dock = self.window, self.window.project_tree
        user = self.user_agents if window.settings.preferences.include_user_agents else None
        self.session = session = ProjectSession(
            root, window.files.file_watcher, self.index_cache, user, self
        )
        dock.clear()
        session.found.connect(dock.model.add)
        session.progress.connect(dock.show_progress)
        session.scanned.connect(self._scanned)
        session.refreshed.connect(self._refreshed)
        session.problems.connect(self._show_problems)
        session.failed.connect(dock.show_failure)
        self.window.budget.follow(session)
        self.registration.follow(session, user.parent if user is not None else None)
        session.start()

    @property
    def registration(self) -> RegistrationCheck:
        """What Claude Code registers from the project, made when a first project opens."""
        if self._registration is None:
            from ..claude.registration import RegistrationCheck

            cache = self.index_cache.with_name("claude") if self.index_cache else None
            self._registration = RegistrationCheck(self.window, cache)
            self._registration.checked.connect(lambda _: self._list_problems())
        return self._registration

    def close(self) -> bool:
        """Keep the project's session, close its tabs (asking about unsaved work) and stop
        indexing; False when the user cancels."""
        if self.session is None:
            return True
        self.save_session()
        if not self.window.files.close_all():
            return False
        self.stop()
        self.window.project_problems.show_problems([], [])
        self.show_docks(False)
        self.window.problems_dock.hide()  # as empty as the window: back to the badge
        return True

    def stop(self) -> None:
        """End the session's work and watches (the project closes, or the window)."""
        if self.session is not None:
            self.session.close()
            self.session.deleteLater()
            self.session = None
            self.window.project_tree.clear()
            self.window.budget.stop()
            self.registration.stop()
            self._found = []

    def save_session(self) -> None:
        """Remember the project's open files, current file and window layout."""
        if self.session is None:
            return
        window = self.window
        tab = window.current()
        current = tab.document.path if tab is not None else None
        session = Session(
            [str(t.document.path) for t in window.editor_tabs() if t.document.path],
            str(current) if current else "",
            bytes(window.saveState().toBase64()).decode(),
        )
        window.settings.set_session(self.session.root, session)

    def _scanned(self) -> None:
        window, dock = self.window, self.window.project_tree
        dock.show_progress(0, 0)
        if self._fit_docks:  # the names are known now; once, not on each re-index
            self._fit_docks = False
            self.size_docks()
        count = len(dock.model.entries())
        window.statusBar().showMessage(f"{self.session.root.name}: {count:,} files indexed", 6000)
        if not window.tabs.count() and count:  # a first visit: show an agent, not an empty
            self._first_agent = dock.model.entries()[0].path  # window, once the tree is painted
            soon(self, self._open_first_agent)
        tab = window.current()
        if tab is not None and tab.document.path is not None:
            dock.select(tab.document.path)
        from ..evals.scores import show_scores  # with the project, not at start-up

        show_scores(window)

    def _open_first_agent(self) -> None:
        window = self.window
        if not window.tabs.count() and self.session is not None and window.isVisible():
            window.files.open_file(self._first_agent)

    def _show_problems(self, found: list) -> None:
        """List the project's problems; on a first visit, show them if there are any (an
        empty panel stays behind its tab, and it never pops up later while the user types)."""
        window = self.window
        self._found = found
        self._list_problems()
        if self._reveal_problems:
            self._reveal_problems = False
            if window.project_problems.tree.topLevelItemCount():
                window.problems_dock.show()
                window.project_problems_dock.show()
                window.project_problems_dock.raise_()
                self.size_docks()

    def _list_problems(self) -> None:
        """The session's problems and where Claude Code disagrees with our prediction."""
        found = [*self._found, *self.registration.problems]
        self.window.project_problems.show_problems(found, self.window.project_tree.model.entries())

    def _refreshed(self, added: list, changed: list, removed: list) -> None:
        model = self.window.project_tree.model
        model.remove(removed)
        model.update(changed)
        model.add(added)

    def show_docks(self, shown: bool) -> None:
        window = self.window
        problems = window.project_problems_dock
        window.project_dock.setVisible(shown)
        if not shown:  # out of the layout: a hidden tabified dock leaves its tab bar drawn
            window.removeDockWidget(problems)
        else:
            if window.dockWidgetArea(problems) == Qt.DockWidgetArea.NoDockWidgetArea:
                window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, problems)
            if problems not in window.tabifiedDockWidgets(window.problems_dock):
                window.tabifyDockWidget(window.problems_dock, problems)
            problems.hide()  # until the index finds problems (see _show_problems)
            self.size_docks()
        window.acts["close_project"].setEnabled(shown)

    def size_docks(self) -> None:
        """Give the tree the width its names need (up to 30 % of the window) and the
        problems docks room for several rows."""
        from ..editor.problems import preferred_height

        window = self.window
        most = window.width() * 3 // 10
        width = window.project_tree.preferred_width(most)
        window.resizeDocks([window.project_dock], [width], Qt.Orientation.Horizontal)
        height = max(
            preferred_height(window.problems_dock, window.problems, window),
            preferred_height(window.project_problems_dock, window.project_problems.tree, window),
        )
        window.resizeDocks([window.problems_dock], [height], Qt.Orientation.Vertical)

    def include_user_agents(self, include: bool) -> None:
        self.window.settings.preferences.include_user_agents = include
        self.reindex()

    def reindex(self) -> None:
        """Index the open project again (what it includes, or how it is checked, changed)."""
        if self.session is not None:
            root = self.session.root
            self.stop()
            self._index(root)

    def report(self, *paths: Path) -> None:
        """Tell the open project about files the app wrote, moved or removed."""
        if self.session is not None:
            self.session.report(list(paths))

    def open_at(self, path: Path, line: int) -> None:
        tab = self.window.files.open_file(path)
        if tab is not None:
            tab.go_to_line(line)

    # --- bundles ----------------------------------------------------------------------------
    def export_agents(self, paths: list[Path] | None = None) -> None:
        """Open the Export Agents dialog for ``paths``: by default the open project's agents,
        else the files of the open tabs."""
        window = self.window
        if paths is None:
            if self.session is not None:
                paths = sorted(e.path for e in window.project_tree.model.entries())
            if not paths:
                paths = [t.document.path for t in window.editor_tabs() if t.document.path]
        if not paths:
            window.prompts.show_error("Export Agents", "Open a project or an agent file to export.")
            return
        from ..dialogs.export import ExportDialog  # loaded when first used: start-up stays short

        project = self.session.root if self.session is not None else None
        dialog = ExportDialog([Path(p) for p in paths], project, window.settings, parent=window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def import_bundle(self) -> None:
        """Open the Import Bundle dialog, importing into the project's .claude/agents."""
        window = self.window
        into = self.session.root / ".claude" / "agents" if self.session is not None else None
        from ..dialogs.import_bundle import ImportDialog  # loaded when first used

        dialog = ImportDialog(into, parent=window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.report(*dialog.written))
        dialog.accepted.connect(
            lambda: window.statusBar().showMessage(
                f"Imported {plural(len(dialog.written), 'agent')}", 5000
            )
        )
        dialog.open()
