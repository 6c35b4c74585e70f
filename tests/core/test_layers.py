"""The core and the CLI never import Qt."""

import subprocess
import sys


def test_core_and_cli_import_without_qt():
    code = (
        "import sys, agentquill.cli, agentquill.core.lint, agentquill.core.roundtrip\n"
        "import agentquill.core.project.discovery, agentquill.core.files\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PyQt'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    subprocess.run([sys.executable, "-m", "agentquill", "--help"], check=True, capture_output=True)
