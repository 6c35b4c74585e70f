"""The start-up import budget: what the window's first frame does not show is not loaded
before it is painted (issue 17). Each module below costs start-up time on every launch; one
imported at the top of a module the window needs would quietly bring it back.

The app starts as a user starts it (``agentquill FILE``: ``__main__`` and ``ui.app.run``) in a
fresh process with fresh settings; when the window first paints, the driver prints the names of
the loaded modules and ends the process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import ROOT, start_app

#: loaded after the first frame: on first use, or by the preview's first render
NOT_BEFORE_FIRST_PAINT = (
    "agentquill.ui.examples.pane",  # the Examples pane, made when first shown
    "agentquill.ui.sections.pane",  # the Sections pane, made when first shown
    "agentquill.ui.window.welcome",  # the page shown while no file is open
    "agentquill.ui.editor.highlighter",  # the source's colours: the Source tab is behind the Form
    "agentquill.ui.find",  # Find and Find in Project, on first use
    "agentquill.core.search",
    "agentquill.ui.project.session",  # the project indexer, when a folder opens
    "agentquill.ui.project.dock",  # the Project dock's tree, when it first shows
    "agentquill.core.project",  # folders of agents, and managing them (the Agent menu)
    "agentquill.core.inventory",  # what Claude Code registers: lint rules on demand, projects
    "agentquill.ui.window.agent_actions",
    "agentquill.ui.window.prompts",  # every modal question, when one is asked
    "agentquill.ui.editor.problems",  # the Problems list, when its dock first shows
    "agentquill.ui.project.problems",  # the Project Problems list, when a folder opens
    "agentquill.ui.dialogs",  # every dialog, when it opens
    "agentquill.ui.window.help",  # the Help menu's windows, on first use
    "agentquill.core.examples",  # the examples and the outline: their panes, ``show``
    "agentquill.core.outline",
    "agentquill.core.evals.cases",  # eval cases, runs and history: the Delegation pane's
    "agentquill.core.evals.command",
    "agentquill.core.evals.history",
    "agentquill.core.evals.results",
    "agentquill.core.evals.jsregex",  # a grader's regex, checked when an eval file is linted
    "agentquill.core.bundle",  # Export and Import
    "agentquill.core.claude",  # the status item's Claude Code, found after the first frame
    "agentquill.ui.window.claude",
    "agentquill.core.convert",
    "agentquill.cli.checks",  # the command line's commands, when one runs
    "agentquill.cli.bundles",
    "agentquill.core.roundtrip",
    "agentquill.core.render",  # the preview's first render, after the first frame
    "markdown",
    "pygments",
    "yaml",  # PyYAML: a simple frontmatter is read, shown and linted without it
    "agentquill.core.frontmatter.nodes",
    "platform",  # Help ▸ About (uuid loads it too: recovery keys are os.urandom's)
    "hashlib",  # OpenSSL, ~3 ms: a file's stamp and held texts are told apart by ``hash``
    "_hashlib",  # OpenSSL itself, which ``hmac`` loads too
    "secrets",  # (and ``hmac``): temp names and recovery keys are os.urandom's
    "argparse",  # the command line's; and PySide's .pyi stub writer (``ui.code_cache``)
    "logging",
    "difflib",  # what an edit changed: on the first edit
)

#: PySide classes not built before the first frame: PySide builds a class (and every enum it
#: holds, ~0.2 ms each) when a module first looks its name up
QT_NOT_BEFORE_FIRST_PAINT = (
    "QImage",  # the preview's blank image, for the first image a page asks for
    "QUrl",  # the preview's links
    "QMetaMethod",  # what QTimer.singleShot with a context builds
    "QThread",  # the preview's worker, started for its first render there (typing, a long text)
    "QStyleOption",  # a None option (the form's checklists ask the indicator's width without)
    "QFont",  # the source's fixed-pitch font and colours: after the first frame, or when it shows
    "QFontDatabase",
    "QSyntaxHighlighter",
    "QWindow",  # the first frame is seen from the window's mapped flag (ui.timers), not its QWindow
)

DRIVER = """
import gc, json, linecache, os, sys
from agentquill import __main__ as entry
from agentquill.ui import app

class FirstPaint(app.MainWindow):
    def paintEvent(self, event):
        super().paintEvent(event)
        if self.windowTitle().startswith(os.path.basename(sys.argv[1])):
            from PySide6 import QtCore, QtGui, QtWidgets  # loaded by now: the app's

            built = [name for m in (QtCore, QtGui, QtWidgets) for name in vars(m)]
            state = [sorted(sys.modules), gc.isenabled(), sorted(linecache.cache), built]
            print(json.dumps(state), flush=True)
            os._exit(0)

app.MainWindow = FirstPaint
entry.main([sys.argv[1]])
os._exit(1)
"""


def first_paint(tmp_path) -> tuple[set[str], bool, list[str], set[str]]:
    """The modules loaded when the window first paints, whether the collector runs then, the
    source files read (``inspect.getsource`` caches them in ``linecache``), and the PySide
    classes built."""
    modules, collecting, sources, built = start_app(DRIVER, tmp_path)
    return set(modules), collecting, sources, set(built)


def test_the_first_frame_loads_only_what_it_shows(tmp_path):
    loaded, collecting, _, built = first_paint(tmp_path)
    assert collecting  # off only while the app's modules load (``__main__``)
    assert "agentquill.ui.editor.tab" in loaded  # the driver saw the file's tab painted
    early = sorted(
        name
        for name in loaded
        if any(name == m or name.startswith(m + ".") for m in NOT_BEFORE_FIRST_PAINT)
    )
    assert early == []
    assert "QTextDocument" in built  # the driver sees the classes built
    assert sorted(built.intersection(QT_NOT_BEFORE_FIRST_PAINT)) == []


def test_no_source_is_read_before_the_first_frame(tmp_path):
    """PySide reads each module imported after it (ours, ``typing``, ``re``...) unless
    ``agentquill.ui`` answers for it; what ``import PySide6`` reads itself is left out."""
    read = [Path(path) for path in first_paint(tmp_path)[2]]
    ours = ROOT / "app"  # not ROOT: a .venv inside the checkout holds PySide itself
    assert [path for path in read if path.is_relative_to(ours) or path.name == "typing.py"] == []


FEATURES = """
import agentquill.ui
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication([])
import snake

print(snake.probe(), hasattr(QWidget(), "setWindowTitle"))
"""


def test_a_feature_selected_by_one_module_leaves_the_others_alone(tmp_path):
    """Answering PySide's scan without reading keeps its rule: a module gets the names it
    selects (``snake_case``), every other module Qt's own."""
    (tmp_path / "snake.py").write_text(
        "from __feature__ import snake_case  # noqa: F401\n"
        "from PySide6.QtWidgets import QWidget\n\n"
        "def probe():\n"
        "    return hasattr(QWidget(), 'set_window_title')\n",
        encoding="utf-8",
    )
    (tmp_path / "main.py").write_text(FEATURES, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "app"), str(tmp_path)])
    done = subprocess.run(
        [sys.executable, str(tmp_path / "main.py")], env=env, capture_output=True, text=True
    )
    assert done.stdout.split() == ["True", "True"], done.stderr
