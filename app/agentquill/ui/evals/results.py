"""What the latest delegation run found: the agent's pass rate with and without it, the
run-level reason when it stopped early, each failing prompt with the grader's explanation and a
link to its trace, and the chart of the score over the History's runs.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from ...core import evals
from ...core.words import plural
from ..theme import is_dark
from .chart import Point, ScoreChart

#: why a run stopped before every case ran (the binary's ``partialReason``), said plainly
PARTIAL = {
    "auth_failed": "Claude Code is not signed in — run <code>claude /login</code> in a "
    "terminal, then run again.",
    "cost_ceiling": "The cost ceiling was reached before every prompt ran: the figures are of "
    "the runs that finished.",
    "interrupted": "The run was stopped before every prompt ran: the figures are of the runs "
    "that finished.",
}
BANNER = {False: ("#fff4ce", "#4a3b00"), True: ("#4a3b00", "#ffe9a6")}  # by dark


class ResultsView(QWidget):
    """The latest run, its failures and the chart; ``figures(case)`` gives a case's row."""

    problem = Signal(str)

    def __init__(self):
        super().__init__()
        self.result: evals.Result | None = None  # the run of this session
        self._ran: dict[str, evals.Case] = {}  # the cases it ran, by their name then
        self._by_key: dict[str, evals.CaseResult] = {}  # its figures, by prompt key
        self.latest: evals.Entry | None = None  # the History's latest run
        self.partial = _label("evals.partial")
        self.partial.hide()
        self.summary = _label("evals.summary")
        self.summary.setText("Not run yet: Run all scores every prompt above.")
        self.chart = ScoreChart()
        self.caption = QLabel(
            "Pass rate over runs, with the agent (blue) and without it (grey); a dashed line "
            "marks a run after the description changed, and “previous description” the last "
            "run before the latest change."
        )
        self.caption.setWordWrap(True)
        self.caption.setEnabled(False)
        self.failures = QTextBrowser()
        self.failures.setObjectName("evals.failures")
        self.failures.setOpenLinks(False)
        self.failures.anchorClicked.connect(self._open)
        self.failures.setMinimumHeight(140)
        self.failures.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for widget in (self.partial, self.summary, self.chart, self.caption, self.failures):
            layout.addWidget(widget)

    def figures(self, shown: evals.Case) -> tuple[str, str, str]:
        """A case's pass rate with the agent, without it, and the difference in the latest
        run of its prompt ("" when it did not run, or its prompt has changed since; "—" when
        every run of it failed to run)."""
        key = evals.prompt_key(shown)
        case = self._by_key.get(key)
        if case is None:
            rates = self.latest.cases.get(key) if self.latest is not None else None
            if rates is None:
                return "", "", ""
            delta = "" if rates[1] is None else f"{rates[0] - rates[1]:+.0%}"
            return _rate(rates[0]), _rate(rates[1]), delta
        if all(run.error for run in case.runs):
            return "—", "—", ""
        delta = "" if case.delta is None else f"{case.delta:+.0%}"
        return _rate(case.pass_rate), _rate(case.pass_rate_without), delta

    def show_result(self, result: evals.Result, ran: dict[str, evals.Case]) -> None:
        """Show ``result``, of the cases ``ran`` (by their name when the run started)."""
        self.result, self._ran = result, ran
        found = ((result.case(name), case) for name, case in ran.items())
        self._by_key = {evals.prompt_key(case): got for got, case in found if got is not None}
        prompts = {name: case.prompt for name, case in ran.items()}
        if result.partial:
            background, color = BANNER[is_dark(self.palette())]
            self.partial.setStyleSheet(
                f"QLabel {{ background: {background}; color: {color}; padding: 6px 10px; }}"
            )
            said = PARTIAL.get(result.partial_reason or "", result.reason or "")
            self.partial.setText(f"<b>The run stopped early.</b> {said}")
        self.partial.setVisible(result.partial)
        self.summary.setText(summary(result, prompts))
        link = self.palette().color(QPalette.ColorRole.Link).name()
        failed = failures_html(result, prompts, link)
        self.failures.setHtml(failed)
        self.failures.setVisible(bool(failed))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """A new theme: the banner and the links take its colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.result is not None:
            self.show_result(self.result, self._ran)

    def show_history(self, entries: list[evals.Entry]) -> None:
        """The chart of ``entries`` (oldest first)."""
        self.latest = entries[-1] if entries else None
        points, last = [], None
        for entry in entries:
            changed = last is not None and entry.description_hash != last
            points.append(Point(entry.score_with, entry.score_without, changed, _when(entry)))
            last = entry.description_hash
        self.chart.show_points(points)

    def _open(self, url: QUrl) -> None:
        """A trace link opens the trace in the user's viewer for it, while it exists."""
        if Path(url.toLocalFile()).is_file():
            QDesktopServices.openUrl(url)
        else:
            self.problem.emit(
                f"The trace {url.toLocalFile()} is gone: Claude Code removes its traces when "
                "the run ends"
            )


def summary(result: evals.Result, prompts: dict[str, str]) -> str:
    """One line: the pass rate with and without the agent, the difference, cost, version."""
    ran = [c for c in result.cases if c.name in prompts and any(not r.error for r in c.runs)]
    tail = f"${result.cost_usd:.2f} · Claude Code {result.claude_version}"
    if not ran:
        return f"<b>No prompt was scored.</b> {tail}"
    rate = sum(c.pass_rate for c in ran) / len(ran)
    parts = [f"<b>{rate:.0%} with the agent</b>"]
    without = [c.pass_rate_without for c in ran if c.pass_rate_without is not None]
    if len(without) == len(ran):
        baseline = sum(without) / len(ran)
        parts += [f"{baseline:.0%} without", f"Δ {rate - baseline:+.0%}"]
    passed = sum(c.pass_rate == 1 for c in ran)
    parts += [f"{passed} of {plural(len(ran), 'prompt')} pass every run", tail]
    return " · ".join(parts)


def failures_html(result: evals.Result, prompts: dict[str, str], link: str) -> str:
    """Each prompt failing with the agent, with what its graders said and links to the traces
    ("" if none): a run without the agent cannot call it, so its failures say nothing."""
    blocks = []
    for case in result.cases:
        failed = [f for f in case.failures if f.arm == "with"]  # without: the agent is absent
        if case.name not in prompts or not failed:
            continue
        items = []
        for failure in failed:
            grader = f"{_esc(failure.grader)}: " if failure.grader else ""
            trace = (
                f' — <a href="{_esc(QUrl.fromLocalFile(failure.trace_path).toString())}" '
                f'style="color:{link}">trace</a>'
                if failure.trace_path
                else ""
            )
            said = _esc(failure.explanation)
            items.append(f"<li>{grader}{said}{trace}</li>")
        blocks.append(f"<p><b>{_esc(prompts[case.name])}</b></p><ul>{''.join(items)}</ul>")
    return f"<h4>Failures</h4>{''.join(blocks)}" if blocks else ""


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def _when(entry: evals.Entry) -> str:
    try:
        return datetime.fromisoformat(entry.time).astimezone().strftime("%d %b %H:%M")
    except ValueError:
        return entry.time


def _rate(rate: float | None) -> str:
    return "" if rate is None else f"{rate:.0%}"


def _esc(text: str) -> str:
    return html.escape(text)
