"""The Run box of the Delegation pane: the user's runs, concurrency and cost ceiling, Run all,
Run this one and Stop, and the run's progress as it prints it.

A run starts only from a click, always with the cost ceiling (``--max-cost-usd``), and the
three values are remembered in the settings (``UiState.eval_run``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core import evals
from ..settings import Settings

#: the values a first run offers: the binary's default of 3 runs, one at a time, at most $1
DEFAULTS = {"runs": 3, "jobs": 1, "max_cost_usd": 1.0}
MAX_JOBS = 8  # the binary's limit for -j


class RunBox(QWidget):
    """Chooses how to run and shows the run going; ``run_all``/``run_one`` ask for one."""

    run_all = Signal()
    run_one = Signal()
    stop = Signal()

    def __init__(self):
        super().__init__()
        self.settings: Settings | None = None
        self.runs = _spin(QSpinBox(), "evals.runs", 1, 20, DEFAULTS["runs"])
        self.runs.setToolTip("How many times each prompt runs (--runs)")
        self.jobs = _spin(QSpinBox(), "evals.jobs", 1, MAX_JOBS, DEFAULTS["jobs"])
        self.jobs.setToolTip("How many runs go at once (-j); they share one rate limit")
        self.cost = _spin(QDoubleSpinBox(), "evals.cost", 0.01, 1000.0, DEFAULTS["max_cost_usd"])
        self.cost.setPrefix("$")
        self.cost.setSingleStep(0.5)
        self.cost.setToolTip(
            "The run stops once it has cost this much (--max-cost-usd): each prompt runs with "
            "and without the agent's plugin, so a run costs two runs a prompt at least"
        )
        for box in (self.runs, self.jobs, self.cost):
            box.valueChanged.connect(self._remember)
        self.all = _button("Run all", "evals.run_all", self.run_all)
        self.one = _button("Run this one", "evals.run_one", self.run_one)
        self.one.setToolTip("Run the selected prompt only")
        self.halt = _button("Stop", "evals.stop", self.stop)
        self.halt.setEnabled(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for label, box in (
            ("Runs", self.runs),
            ("At once", self.jobs),
            ("Cost ceiling", self.cost),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(box)
            row.addSpacing(6)
        row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.all, self.one, self.halt):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.state = QLabel()
        self.state.setObjectName("evals.state")
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.RichText)
        self.state.hide()
        self.bar = QProgressBar()
        self.bar.setObjectName("evals.bar")
        self.bar.setFormat("%v of %m runs")
        self.bar.hide()
        self.log = QPlainTextEdit()
        self.log.setObjectName("evals.progress")
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(500)
        self.log.setFixedHeight(84)
        self.log.setPlaceholderText("What the run prints shows here.")
        self.log.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(_bold("Run"))
        layout.addLayout(row)
        layout.addLayout(buttons)
        for part in (self.state, self.bar, self.log):
            layout.addWidget(part)

    def bind(self, settings: Settings) -> None:
        """Show the values ``settings`` remember, and remember the user's changes there."""
        if settings is self.settings:
            return
        self.settings = None
        saved = _saved(settings.state.eval_run)
        self.runs.setValue(int(saved["runs"]))
        self.jobs.setValue(int(saved["jobs"]))
        self.cost.setValue(float(saved["max_cost_usd"]))
        self.settings = settings

    def values(self) -> tuple[int, int, float]:
        """Runs, concurrency and cost ceiling in USD, as chosen."""
        return self.runs.value(), self.jobs.value(), round(self.cost.value(), 2)

    def _remember(self) -> None:
        if self.settings is not None:
            runs, jobs, cost = self.values()
            self.settings.state.eval_run = {"runs": runs, "jobs": jobs, "max_cost_usd": cost}

    def started(self, what: str) -> None:
        self.bar.hide()
        self.log.clear()
        self.log.show()
        self.say(f"<b>Running</b> {what}…")
        self._running(True)

    def progress(self, line: str, said: evals.Progress | None) -> None:
        """A line the run printed, and what it says of how far the run is."""
        self.log.appendPlainText(line)
        if isinstance(said, evals.Planned):
            self.bar.setRange(0, said.runs)
            self.bar.setValue(0)
            self.bar.show()
        elif isinstance(said, evals.RunDone):
            self.bar.setValue(min(self.bar.value() + 1, self.bar.maximum()))

    def ended(self, text: str) -> None:
        self._running(False)
        self.say(text)

    def say(self, text: str) -> None:
        self.state.setText(text)
        self.state.setVisible(bool(text))

    def _running(self, running: bool) -> None:
        self.halt.setEnabled(running)
        for widget in (self.all, self.one, self.runs, self.jobs, self.cost):
            widget.setEnabled(not running)


def _saved(values: dict) -> dict[str, float]:
    """The remembered values, each the default's when it is missing or not a number."""
    return {
        key: value if isinstance(value, int | float) and not isinstance(value, bool) else default
        for key, default in DEFAULTS.items()
        for value in [values.get(key)]
    }


def _bold(text: str) -> QLabel:
    return QLabel(f"<b>{text}</b>")


def _spin(box, name: str, low, high, value):
    box.setObjectName(name)
    box.setRange(low, high)
    box.setValue(min(max(value, low), high))
    return box


def _button(text: str, name: str, signal) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(signal)
    return button
