"""The start-up floor for `make bench`: the least a PySide6 program does to show a file.

A bare window titled with the file's name, showing its text as plain text, then the event
loop: what no editor built on PySide6 can start faster than. ``python floor.py FILE``.
"""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QPlainTextEdit

app = QApplication(sys.argv[:1])
path = Path(sys.argv[1])
view = QPlainTextEdit()
view.setPlainText(path.read_text(encoding="utf-8"))
view.setWindowTitle(f"{path.name} — floor")
view.resize(1280, 800)
view.show()
sys.exit(app.exec())
