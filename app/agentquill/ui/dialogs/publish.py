"""The Export dialog's publishing parts: the icon chooser and Claude Code's own verdict.

:class:`IconChooser` picks a PNG or JPEG, or a generated monogram, and previews it; the export
plan checks it. :class:`VerdictPanel` writes the planned plugin to a temporary folder and runs
``claude plugin validate --strict --profile directory --json`` on it in a QProcess, so the form
never waits; a newer plan stops the run of an older one. Without Claude Code it says so.
"""

from __future__ import annotations

import html
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QProcess, QProcessEnvironment, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core import claude
from ...core.bundle import exporter as be
from ...core.bundle import staging, validator
from ...core.words import plural

ERROR_COLOR = "#d9534f"
WARN_COLOR = "#e0a030"
OK_COLOR = "#3a9a5c"
PREVIEW = 72  # px: the icon as a listing shows it, small
#: the verdict's groups: (attribute of Verdict, heading, one of them, colour)
GROUPS = (
    ("errors", "Errors", "error", ERROR_COLOR),
    ("warnings", "Warnings", "warning", WARN_COLOR),
    ("findings", "Plugin directory", "directory finding", WARN_COLOR),
    ("advice", "Advice", "suggestion", ""),
)


class IconChooser(QWidget):
    """No icon, a picked image, or a generated monogram; ``value`` is the export option."""

    changed = Signal()

    def __init__(self, ask_file, parent: QWidget | None = None):
        super().__init__(parent)
        self._ask_file = ask_file  # the dialog's question, which tests replace
        self.value = ""
        self.preview = QLabel(objectName="export.icon.preview")
        self.preview.setFixedSize(PREVIEW, PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px dashed palette(mid); border-radius: 8px;")
        self.about = QLabel(objectName="export.icon.about")
        self.about.setWordWrap(True)
        pick = QPushButton("Choose Image…", objectName="export.icon.pick")
        pick.clicked.connect(self._pick)
        generate = QPushButton("Generate", objectName="export.icon.generate")
        generate.setToolTip("A monogram of the plugin's name, 512 px square")
        generate.clicked.connect(lambda: self.set_value(be.GENERATE))
        clear = QPushButton("None", objectName="export.icon.none")
        clear.clicked.connect(lambda: self.set_value(""))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (pick, generate, clear):
            buttons.addWidget(button)
        buttons.addStretch(1)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addLayout(buttons)
        side.addWidget(self.about, 1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        row.addLayout(side, 1)
        self.show_plan(None)

    def _pick(self) -> None:
        chosen = self._ask_file()
        if chosen:
            self.set_value(chosen)

    def set_value(self, value: str) -> None:
        if value != self.value:
            self.value = value
            self.changed.emit()

    def show_plan(self, plan: be.ExportPlan | None) -> None:
        """Preview the icon the plan writes (the picked file's own problem is said beside the
        field by the dialog)."""
        data = next((plan.files[r] for r in plan.files if "/icon." in r), None) if plan else None
        pixmap = QPixmap()
        if data is not None:
            pixmap.loadFromData(data)
        if pixmap.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText("No icon")
        else:
            scaled = pixmap.scaled(
                PREVIEW - 4,
                PREVIEW - 4,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.preview.setPixmap(scaled)
        if self.value == be.GENERATE:
            text = "A monogram of the name, 512 × 512 px PNG."
        elif self.value:
            size = f"{pixmap.width()} × {pixmap.height()} px: " if not pixmap.isNull() else ""
            text = f"{size}{Path(self.value).name}"
        else:
            text = "The plugin directory asks for a square PNG or JPEG of 512 to 2048 px."
        self.about.setText(text)
        self.about.setToolTip(self.value if self.value not in ("", be.GENERATE) else "")


class VerdictPanel(QGroupBox):
    """Claude Code's verdict on the plugin the form would export, kept current."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Claude Code's verdict (plugin directory checks)", parent)
        self.setObjectName("export.verdict")
        self.claude = claude.find_claude()
        self.verdict: validator.Verdict | None = None
        self.process: QProcess | None = None
        self._folder: Path | None = None  # made when first asked: most exports never are
        self._runs = 0
        self._pending: be.ExportPlan | None = None
        self._timer = QTimer(self, singleShot=True, interval=500, timeout=self._start)
        self._env = QProcessEnvironment.systemEnvironment()
        for key, value in claude.QUIET_ENV.items():
            self._env.insert(key, value)
        self.summary = QLabel(objectName="export.verdict.summary")
        self.summary.setWordWrap(True)
        self.lines = QTextBrowser(objectName="export.verdict.lines")  # wraps; can be copied
        self.lines.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)  # a finding, whole
        self.lines.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.lines, 1)
        if self.claude is None:
            self._say(
                f"Claude Code not found: install it (the claude command) or set "
                f"{claude.ENV} to its path to see its verdict here."
            )

    def check(self, plan: be.ExportPlan) -> None:
        """Ask for a verdict on ``plan`` soon (the last plan of a burst of typing wins)."""
        if self.claude is None:
            return
        self._pending = None if plan.errors else plan
        if plan.errors:
            self._timer.stop()
            self._kill()
            self._show_lines(None)
            self._say("Claude Code's verdict follows once the problems above are fixed.")
            return
        self._say("Asking Claude Code…")
        self._timer.start()

    def _start(self) -> None:
        plan, self._pending = self._pending, None
        if plan is None:
            return
        self._kill()
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="agentquill-verdict-"))
        shutil.rmtree(self._folder / str(self._runs), ignore_errors=True)  # the last copy
        self._runs += 1
        folder = self._folder / str(self._runs) / (plan.options.name or "plugin")
        try:
            staging.install(folder, plan.files)
        except (staging.StagingError, OSError) as exc:
            self._say(f"The verdict could not be asked for: {exc}", ERROR_COLOR)
            return
        process = self.process = QProcess(self)
        process.setProcessEnvironment(self._env)
        process.finished.connect(lambda *_: self._finished(process))
        process.errorOccurred.connect(lambda error: self._failed(process, error))
        process.start(self.claude, validator.arguments(folder))

    def _kill(self) -> None:
        """Stop the run of an older plan: its answer is out of date."""
        process, self.process = self.process, None
        if process is not None and process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(2000)

    def _finished(self, process: QProcess) -> None:
        if process is not self.process:
            return
        output = bytes(process.readAllStandardOutput()).decode("utf-8", "replace")
        if not output.strip():
            output = bytes(process.readAllStandardError()).decode("utf-8", "replace")
        self.process = None
        self.show_verdict(validator.read(output))

    def _failed(self, process: QProcess, error: QProcess.ProcessError) -> None:
        if process is self.process and error == QProcess.ProcessError.FailedToStart:
            self.process = None
            self._say(f"Claude Code could not be started: {self.claude}", ERROR_COLOR)

    def show_verdict(self, verdict: validator.Verdict) -> None:
        self.verdict = verdict
        said = [(len(getattr(verdict, key)), noun) for key, _h, noun, _c in GROUPS]
        counts = [plural(n, noun) for n, noun in said if n]
        self._show_lines(verdict)
        v = verdict
        kinds = [(v.agents, "agent"), (v.skills, "skill"), (v.commands, "command")]
        kinds.append((v.output_styles, "output style"))
        holds = ", ".join(plural(n, noun) for n, noun in kinds if n)
        if verdict.clean:
            self._say(f"Passes, nothing reported. It registers {holds or 'nothing'}.", OK_COLOR)
        elif verdict.success:
            self._say(f"Passes, with {', '.join(counts)}.", WARN_COLOR)
        else:
            self._say(f"Would be refused: {', '.join(counts) or 'see below'}.", ERROR_COLOR)

    def _show_lines(self, verdict: validator.Verdict | None) -> None:
        """Each group's lines under a bold heading, coloured by how much they matter."""
        parts = []
        for key, heading, _noun, colour in GROUPS if verdict is not None else ():
            said = getattr(verdict, key)
            if said:
                style = f' style="color: {colour}"' if colour else ""
                items = "".join(f"<li{style}>{html.escape(line)}</li>" for line in said)
                parts.append(f"<b>{heading} ({len(said)})</b><ul>{items}</ul>")
        self.lines.setHtml("".join(parts))
        self.lines.setVisible(bool(parts))

    def _say(self, text: str, colour: str = "") -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {colour};" if colour else "")

    def stop(self) -> None:
        """End a run still going and remove the temporary copies."""
        self._timer.stop()
        self._kill()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
