"""Take the README and AppStream screenshot: the app at 1280x800 on the example project.

Run from the repository root: ``QT_QPA_PLATFORM=offscreen python packaging/screenshot.py``.
It writes ``resources/screenshots/agentquill.png`` with fresh settings (light theme), the
example project open, ``api-reviewer.md`` shown in the Examples pane, and Find in Project
listing where the agents mention "review".
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QElapsedTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "app"))

from agentquill.core.files import RecoveryStore  # noqa: E402
from agentquill.ui.app import create_app  # noqa: E402
from agentquill.ui.settings import Settings  # noqa: E402
from agentquill.ui.theme import apply_theme  # noqa: E402
from agentquill.ui.window.main_window import MainWindow  # noqa: E402

OUTPUT = ROOT / "resources" / "screenshots" / "agentquill.png"
EXAMPLES = ROOT / "resources" / "examples"
SHOWN = EXAMPLES / ".claude" / "agents" / "api-reviewer.md"
SIZE = (1280, 800)


def settle(ms: int) -> None:
    clock = QElapsedTimer()
    clock.start()
    while clock.elapsed() < ms:
        QApplication.processEvents()


def main() -> int:
    app = create_app()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(Path(folder) / "config")
        window = MainWindow(settings, RecoveryStore(Path(folder) / "recovery"))
        window.dark = apply_theme(app, "light")
        window.resize(*SIZE)
        window.show()
        window.files.open_paths([str(EXAMPLES)])
        window.files.open_file(SHOWN)  # switches to its tab
        window.acts["examples"].trigger()
        settle(1500)  # indexing, analysis, preview render and layout
        window.finder.find_in_project()
        window.finder.panel.field.setText("review")
        window.finder.search()
        settle(500)
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(OUTPUT))
        window.close()
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
