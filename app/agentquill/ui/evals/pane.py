"""The Delegation pane of an agent: prompts that should make Claude delegate to it and prompts
that should not, each an eval case in the project's (or plugin's) ``evals/`` folder, and the
runs of ``claude plugin eval`` that score them.

Every change is written at once through ``core.evals`` and the lists show the cases read back
from disk, so cases written by hand appear beside ours; the ones of another shape go to
"Other cases", and a case that does not load shows why on its row. The runs are in
:mod:`.runs`, their results in :mod:`.results`.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core import evals
from ..editor.document import AgentDocument
from .former import FormerName, former_name
from .lists import CASE_ROLE, CaseList, CaseTree
from .results import ResultsView
from .running import RunBox
from .runs import Runs
from .suggest import Suggestions

if TYPE_CHECKING:
    from ..editor.tab import EditorTab
    from ..window.main_window import MainWindow

USE_TIP = "Prompts for which Claude should hand the work to this agent (its Agent tool)"
AVOID_TIP = "Prompts for which Claude should not call this agent"
OTHER_TIP = "Cases in evals/ for this agent that are not a delegation test, or that do not load"
_SHARE = 1_000  # of the splitter's height: sizes are scaled to the height there is


class DelegationPane(QScrollArea):
    """The case lists, the Run box and the results of one agent's delegation tests."""

    problem = Signal(str)

    def __init__(self, document: AgentDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("evals.pane")
        self.setWidgetResizable(True)
        self.document = document
        self.folder: Path | None = None  # the evals/ folder, None while the agent has none
        self.cases: list[evals.Case] = []
        self.where = QLabel()
        self.where.setObjectName("evals.where")
        self.where.setWordWrap(True)
        self.where.setTextFormat(Qt.TextFormat.RichText)
        self.suggest = QPushButton("Suggest prompts…")
        self.suggest.setObjectName("evals.suggest")
        self.former = FormerName()
        self.former.move.connect(self._move_former)
        self.suggestions = Suggestions(self)
        self.suggest.clicked.connect(self.suggestions.open_box)
        self.use = CaseList("Should use this agent", "evals.use", USE_TIP)
        self.avoid = CaseList("Should not", "evals.avoid", AVOID_TIP)
        self.other = CaseList("Other cases", "evals.other", OTHER_TIP, editable=False)
        for expect, cases in (("use", self.use), ("avoid", self.avoid)):
            tree = cases.tree
            tree.added.connect(lambda text, e=expect: self._add(text, e))
            tree.edited.connect(self._edit)
            tree.removed.connect(self._remove)
            tree.moved.connect(lambda a, b, t=tree: self._move(t, a, b))
            tree.currentItemChanged.connect(lambda *_, t=tree: setattr(self, "_chosen", t))
        self._chosen = self.use.tree  # the list whose row Run this one runs
        self._listening = False  # to the window's Claude Code status
        self.run_box = RunBox()
        self.results = ResultsView()
        self.results.problem.connect(self.problem)
        self.runs = Runs(self)
        self.split = _split(_column(self.use, self.avoid, self.other), self._results_part())
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(8)
        head = QHBoxLayout()
        head.addWidget(self.where, 1)
        head.addWidget(self.suggest, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        layout.addWidget(self.former)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.split, 1)
        self.setWidget(page)
        document.path_changed.connect(self.refresh)
        document.saved.connect(self.refresh)

    def _results_part(self) -> QScrollArea:
        """The Run box, the latest run and the chart, scrolled on their own below the lists."""
        area = QScrollArea()
        area.setObjectName("evals.results")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(_column(self.run_box, self.results, stretch=True))
        return area

    # --- the window's parts ------------------------------------------------------------------
    @property
    def host(self) -> MainWindow | None:
        """The main window the pane is shown in (None in a bare tab)."""
        from ..window.main_window import MainWindow

        window = self.window()
        return window if isinstance(window, MainWindow) else None

    def tab(self) -> EditorTab | None:
        """The editor tab of this pane's document."""
        host = self.host
        tabs = host.editor_tabs() if host is not None else []
        return next((t for t in tabs if t.document is self.document), None)

    def selected(self) -> evals.Case | None:
        """The prompt selected in the list where one was selected last."""
        return self._chosen.current_case()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Read the cases each time the pane shows: they may have been edited by hand."""
        host = self.host
        if host is not None:
            self.run_box.bind(host.settings)
            if not self._listening:
                host.claude.changed.connect(self._claude_changed)
                self._listening = True
        self.refresh()
        super().showEvent(event)

    def _claude_changed(self) -> None:
        """Suggest prompts asks Claude Code: it waits for one that is ready."""
        host = self.host
        ready = host is not None and host.claude.ready
        self.suggest.setEnabled(ready and self.folder is not None)
        reason = host.claude.reason if host is not None else "Claude Code is not available"
        self.suggest.setToolTip(
            "Claude Code proposes prompts from the description, for you to accept or not"
            if ready
            else reason
        )

    # --- reading ------------------------------------------------------------------------------
    @property
    def agent_name(self) -> str:
        """The name Claude delegates by: the frontmatter's ``name``, else the file's stem."""
        from ...core.project import agent_stem

        name = self.document.parsed().value("name")
        if isinstance(name, str) and name.strip():
            return name.strip()
        return agent_stem(self.document.path) if self.document.path is not None else ""

    def refresh(self) -> None:
        """Show the cases on disk, the latest run's figures and the score chart."""
        path = self.document.path
        self.folder = evals.evals_dir(path) if path is not None else None
        for part in (self.use, self.avoid, self.run_box):
            part.setEnabled(self.folder is not None)
        self._claude_changed()
        if self.folder is None:
            self.where.setText(
                "<b>This agent is not saved in a folder</b>, so its delegation prompts have "
                "nowhere to go: they are eval cases in the <code>evals/</code> folder of its "
                "project or plugin. Save the agent first."
            )
            suite = evals.Suite([], [])
        else:
            self.where.setText(
                f"Prompts that should — and should not — make Claude hand the work to "
                f"<b>{escape(self.agent_name)}</b>, one eval case each in "
                f"<code>{escape(self.folder.parent.name)}/{escape(self.folder.name)}/</code>."
            )
            self.where.setToolTip(str(self.folder))
            suite = evals.read_cases(self.folder)
        self.cases = suite.cases
        old = former_name(path, self.agent_name, self.cases)
        self.former.show_for(old, len(evals.cases_for(self.cases, old or "")), self.agent_name)
        self.runs.show_history()  # first: the rows take their figures from its latest run
        self._show_cases(suite.errors)

    def _show_cases(self, errors: list[evals.CaseError]) -> None:
        """Ours in the two lists; the agent's other cases, the cases of no agent and the
        broken ones under "Other cases", a broken one with the reason it does not load."""
        figures = self.results.figures
        mine = self.mine()
        for expect, part in (("use", self.use), ("avoid", self.avoid)):
            part.tree.show_rows([(c, c.prompt, figures(c), "") for c in mine if c.expect == expect])
        others = [c for c in self.cases if c.agent is None or (c in mine and c.expect is None)]
        rows = [(c, c.prompt, figures(c), "") for c in others]
        rows += [(None, e.folder.name, ("", "", ""), _error(e)) for e in errors]
        self.other.tree.show_rows(rows)
        self.other.setVisible(bool(rows))

    def mine(self) -> list[evals.Case]:
        """This agent's cases, in the lists' order."""
        return evals.cases_for(self.cases, self.agent_name)

    # --- changes ------------------------------------------------------------------------------
    def _add(self, prompt: str, expect: str) -> None:
        self.write(lambda: evals.add_case(self.folder, self.agent_name, prompt, expect))

    def _edit(self, case: evals.Case, prompt: str) -> None:
        self.write(lambda: evals.edit_prompt(case, prompt))

    def _remove(self, case: evals.Case) -> None:
        self.write(lambda: evals.remove_case(case))

    def _move_former(self, old: str) -> None:
        """The cases of the agent's former name, and their History, become its own."""
        self.write(lambda: evals.move_cases(self.folder, old, self.agent_name))

    def _move(self, tree: CaseTree, row: int, to: int) -> None:
        """Move a row within its list: the new order of all this agent's cases is stored."""
        listed = [tree.topLevelItem(i).data(0, CASE_ROLE) for i in range(tree.topLevelItemCount())]
        listed.insert(to, listed.pop(row))
        order = iter(listed)
        shown = set(map(id, listed))
        cases = [next(order) if id(c) in shown else c for c in self.mine()]
        self.write(lambda: evals.reorder(cases))
        tree.setCurrentItem(tree.topLevelItem(to))

    def write(self, change) -> None:
        """Make ``change`` on disk, then show what is there; a refusal is said, not raised."""
        if self.folder is None:
            return
        try:
            change()
        except (OSError, evals.CaseRefused) as exc:
            self.problem.emit(f"The case was not written: {exc}")
        self.refresh()


def _column(*parts: QWidget, stretch: bool = False) -> QWidget:
    """``parts`` one above the other; the lists share the height they are given."""
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 4)
    layout.setSpacing(8)
    for part in parts:
        layout.addWidget(part, 0 if stretch else 1)
    if stretch:
        layout.addStretch(1)
    return column


class _Split(QSplitter):
    """A splitter that asks for no more than its least height: the pane's scroll area sizes
    the page by its wrapped text's height-for-width, which would count the lists' full
    height and scroll the pane when the window has room for all."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSizeHint()


def _split(cases: QWidget, results: QWidget) -> QSplitter:
    """The case lists above, the run and its results below, the user moving the line between:
    at first the results take three fifths, as they need to show the chart."""
    split = _Split(Qt.Orientation.Vertical)
    split.setObjectName("evals.split")
    split.setChildrenCollapsible(False)
    split.addWidget(cases)
    split.addWidget(results)
    split.setSizes([2 * _SHARE, 3 * _SHARE])
    return split


def _error(error: evals.CaseError) -> str:
    """Why a case does not load, naming its file from the case's folder."""
    try:
        where = error.file.relative_to(error.folder).as_posix()
    except ValueError:
        where = error.file.name
    return f"{where}: {error.message}"
