"""The open project's context budget, kept current as files change and as descriptions are
edited: the index's agents and skills, with the text of open tabs in place of what is saved,
shown in the status bar and in the project dock's Budget section.

Recounting is cheap (a sum over the index's entries, which keep each description's length) but
runs :data:`BUDGET_DELAY_MS` after the last change, so typing never waits for it.
"""

from __future__ import annotations

from pathlib import Path
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
        self.skills: list[budget.Skill] = []  # as the index last read them
        self.budget: budget.Budget | None = None  # None: no project open
        self._timer = QTimer(self, singleShot=True, interval=BUDGET_DELAY_MS)
        self._timer.timeout.connect(self.update)

    @property
    def window(self) -> MainWindow:
        return self.parent()

    def follow(self, session: ProjectSession) -> None:
        self.skills = []
        self.window.status.installEventFilter(self)  # once: Qt keeps one copy of a filter
        for signal in (session.found, session.scanned, session.refreshed):
            signal.connect(self.schedule)
        session.skills.connect(self._skills_read)
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

    def _skills_read(self, skills: list) -> None:
        self.skills = skills
        self.schedule()

    def update(self) -> None:
        window = self.window
        if window.projects.session is None:
            return
        editing = {t.document.path: t.agent for t in window.editor_tabs() if t.document.path}
        lengths: dict[Path, int] = {}
        for path, agent in editing.items():
            description = agent.parsed.value("description")
            lengths[path] = budget.js_length(description) if isinstance(description, str) else 0
        skills = [
            budget.skill_of(s.path, editing[s.path]) if s.path in editing else s
            for s in self.skills
        ]
        agents = budget.registered_agents(window.project_tree.model.entries(), lengths)
        self.budget = b = budget.budget(agents, [s for s in skills if s is not None])
        window.status.show_budget(b)
        window.project_tree.budget.show_budget(b)
