"""Running an agent's delegation tests from its pane: ``claude plugin eval`` with the user's
runs, concurrency and cost ceiling, started only by Run all or Run this one.

The run writes its result and report to a temporary folder (``--output-dir``), read and removed
when the run ends (by itself Claude Code would add one to the project's ``evals/results/`` each
run; the History keeps what the pane shows), and says on stderr how far it is, which feeds the
progress view. It keeps the sandbox of each failed
run, whose trace the failures link to, until the next run or until the pane closes.

The run reads files, not the buffer, so Run offers to save an agent with unsaved changes
first, and starts nothing unless it is saved. A
plugin's agent runs in its plugin; a project's agents run from a temporary plugin made of the
project's agents and cases (``core.evals.project_plugin``), removed when the run ends. The
result goes to the History with the hash of the description it ran against, and to the pane,
the form and the project tree.
"""

from __future__ import annotations

import shutil
import tempfile
from functools import partial
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ...core import claude, evals
from ...core.words import plural
from .runner import Ended, EvalRun
from .scores import ScoreNote

if TYPE_CHECKING:
    from .pane import DelegationPane


class Runs(QObject):
    """The runs of one pane: at most one at a time."""

    def __init__(self, pane: DelegationPane):
        super().__init__(pane)
        self.pane = pane
        self.run: EvalRun | None = None
        self._hash = ""  # the description the running run reads
        self._ran: dict[str, evals.Case] = {}  # the cases it runs, by folder name
        self._scratch: Path | None = None  # the temporary plugin of a project's run
        self._output: Path | None = None  # the temporary folder the run writes its result to
        self._kept: list[str] = []  # the sandboxes of failed runs, with their traces
        self._refused: list[evals.LoadError] = []  # the cases the binary did not load
        pane.destroyed.connect(partial(_discard, self._kept))
        box = pane.run_box
        box.run_all.connect(lambda: self.start(None))
        box.run_one.connect(self._start_one)
        box.stop.connect(self.stop)

    def _start_one(self) -> None:
        pane = self.pane
        case = pane.selected()
        if case is None:
            pane.run_box.say("Select the prompt to run, then click Run this one.")
        else:
            self.start(case)

    def start(self, case: evals.Case | None) -> None:
        """Run every case of the agent, or ``case`` alone."""
        pane, box = self.pane, self.pane.run_box
        host = pane.host
        if self.run is not None or pane.folder is None or host is None:
            return
        chosen = [case] if case is not None else pane.mine()
        if not chosen:
            box.say("Add a prompt first: there is nothing to run.")
            return
        program = host.claude.located.path if host.claude.located is not None else None
        if not program:
            box.say(escape(host.claude.reason or "Claude Code was not found."))
            return
        if pane.document.modified and not self._saved(host):
            box.say("The run reads the saved agent: save it to run.")
            return
        _discard(self._kept)
        self._refused.clear()
        runs, jobs, cost = box.values()
        target = self._target()
        glob, left = self._glob(case, chosen)
        chosen = [c for c in chosen if c not in left]
        self._output = Path(tempfile.mkdtemp(prefix="agentquill-eval-result-"))
        args = evals.eval_arguments(program, target, runs, jobs, cost, glob, self._output)
        self._hash = evals.description_hash(_description(pane))
        self._ran = {c.name: c for c in chosen}
        self.run = run = EvalRun(self)
        run.progress.connect(self._progress)
        run.finished.connect(self._finished)
        what = f"“{_short(case.prompt)}”" if case is not None else plural(len(chosen), "prompt")
        box.started(f"{what}, {runs} runs each with and without the agent, at most ${cost:.2f}")
        if left:
            box.progress(
                f"Not in this run: {plural(len(left), 'prompt')} named otherwise than {glob} "
                "(written by hand): Up or Down renames them so; Run this one runs one.",
                None,
            )
        run.start(args[0], args[1:], target, claude.environment())

    def _saved(self, host) -> bool:
        """The agent saved, once the user says so: the run reads the file on disk."""
        tab = self.pane.tab()
        return host.prompts.ask_save_before_run(tab) and host.files.save(tab)

    def _glob(
        self, case: evals.Case | None, chosen: list[evals.Case]
    ) -> tuple[str | None, list[evals.Case]]:
        """The ``--case`` glob and the chosen cases it leaves out: the one case; else the
        agent's prefix, which hand-written cases may lack (all cases when they are all the
        agent's)."""
        if case is not None:
            return case.name, []
        prefix = f"{evals.slug(self.pane.agent_name)}--"
        left = [c for c in chosen if not c.name.startswith(prefix)]
        if left and len(chosen) == len(self.pane.cases):
            return None, []
        return prefix + "*", left

    def _target(self) -> Path:
        """The plugin the run takes: the agent's own, or a temporary one of its project."""
        path = self.pane.document.path
        root = evals.plugin_root(path)
        if root is not None:
            return root
        self._scratch = Path(tempfile.mkdtemp(prefix="agentquill-evals-"))
        return evals.project_plugin(self.pane.folder.parent, self._scratch / "plugin")

    def stop(self) -> None:
        if self.run is not None:
            self.run.stop()

    def close_down(self) -> None:
        """The tab closes: end the run at once and discard the sandboxes it kept."""
        if self.run is not None:
            self.run.stop(wait=True)
        _discard(self._kept)

    def _progress(self, line: str) -> None:
        said = evals.parse_progress(line)
        if isinstance(said, evals.KeptSandbox):
            self._kept.append(said.folder)
        elif isinstance(said, evals.LoadError):
            self._refused.append(said)
        self.pane.run_box.progress(line, said)

    def _finished(self, ended: Ended) -> None:
        run, self.run = self.run, None
        run.deleteLater()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None
        pane, box = self.pane, self.pane.run_box
        output, self._output = self._output, None
        try:
            if ended.problem:
                box.ended(escape(ended.problem))
                return
            result = evals.parse_result((output / evals.RESULT_FILE).read_text("utf-8"))
        except (OSError, UnicodeError, evals.ResultError) as exc:  # none, or not one we read
            said = ended.stderr.strip().splitlines()[-1:] or [str(exc)]
            box.ended(
                "Stopped." if ended.stopped else f"<b>The run gave no result</b>: {escape(said[0])}"
            )
            return
        finally:
            shutil.rmtree(output, ignore_errors=True)
        refused = [f"{Path(e.folder).name}: {e.message}" for e in self._refused]
        box.ended(
            "Stopped: the figures are of the runs that finished."
            if ended.stopped
            else escape(f"Claude Code did not load {'; '.join(refused)}")
            if refused
            else ""
        )
        evals.History(pane.folder).record(pane.agent_name, self._hash, result, self._ran)
        pane.results.show_result(result, self._ran)
        pane.refresh()  # the figures, the chart, the score in the form and the tree

    def show_history(self) -> None:
        """The History's runs of this agent in the chart; the latest score in the form and the
        project tree."""
        pane = self.pane
        entries = evals.History(pane.folder).runs(pane.agent_name) if pane.folder else []
        pane.results.show_history(entries)
        tab, host = pane.tab(), pane.host
        if entries and tab is not None:
            ScoreNote.of(host, tab).show(entries[-1])


def _discard(sandboxes: list[str]) -> None:
    """Remove the sandboxes the binary kept for failed runs, as it advises."""
    while sandboxes:
        evals.discard_sandbox(sandboxes.pop())


def _description(pane: DelegationPane) -> str:
    value = pane.document.parsed().value("description")
    return value if isinstance(value, str) else ""


def _short(text: str, size: int = 48) -> str:
    line = " ".join(text.split())
    return line if len(line) <= size else line[: size - 1] + "…"
