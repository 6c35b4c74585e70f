"""The open project's context budget, kept current as files change and as descriptions are
edited: the agents and skills Claude Code registers (found by the project's worker after each
scan or refresh), with the text of open tabs in place of what is saved, shown in the status
bar and in the project dock's Budget section.

Recounting is cheap (a sum over what the worker found) but runs :data:`BUDGET_DELAY_MS` after
the last change, so typing never waits for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from ...core.project import budget

if TYPE_CHECKING:
    from ..editor.tab import EditorTab
    from ..project.session import ProjectSession
    from .main_window import MainWindow

BUDGET_DELAY_MS = 300


class BudgetController(QObject):
    """Follows the open project (:meth:`follow`, :meth:`stop`) and the open tabs."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.agents: list[budget.Agent] = []  # as the worker last found them
        self.skills: list[budget.Skill] = []
        self.budget: budget.Budget | None = None  # None: no project open
        self._timer = QTimer(self, singleShot=True, interval=BUDGET_DELAY_MS)
        self._timer.timeout.connect(self.update)

    @property
    def window(self) -> MainWindow:
        return self.parent()

    def follow(self, session: ProjectSession) -> None:
        self.agents, self.skills = [], []
        self.window.status.installEventFilter(self)  # once: Qt keeps one copy of a filter
        session.registered.connect(self._registered)
        for tab in self.window.editor_tabs():
            self.watch_tab(tab)

    def watch_tab(self, tab: EditorTab) -> None:
        """Recount after each analysis of ``tab`` (an edit) and once it closes."""
        tab.analysed.connect(self.schedule, Qt.ConnectionType.UniqueConnection)
        tab.destroyed.connect(self.schedule, Qt.ConnectionType.UniqueConnection)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        """A new theme: recount, so the warning colour is the theme's."""
        if event.type() == QEvent.Type.PaletteChange:
            self.schedule()
        return False

    def schedule(self, *_args) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.budget = None
        self.window.status.show_budget(None)

    def reveal(self) -> None:
        """Show the project dock with its Budget section open."""
        dock = self.window.project_dock
        dock.show()
        dock.raise_()
        self.window.project_tree.budget.set_expanded(True)

    def _registered(self, agents: list, skills: list) -> None:
        self.agents, self.skills = agents, skills
        self.schedule()

    def update(self) -> None:
        window = self.window
        if window.projects.session is None:
            return
        editing = {t.document.path: t.agent for t in window.editor_tabs() if t.document.path}
        agents, skills = budget.edited(self.agents, self.skills, editing)
        self.budget = b = budget.budget(agents, skills)
        window.status.show_budget(b)
        window.project_tree.budget.show_budget(b)
