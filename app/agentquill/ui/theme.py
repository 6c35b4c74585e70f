"""Light, dark and system palettes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from .. import resources_dir

_DARK = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#dfe1e5",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#26282b",
    QPalette.ColorRole.ToolTipBase: "#3c3f41",
    QPalette.ColorRole.ToolTipText: "#dfe1e5",
    QPalette.ColorRole.PlaceholderText: "#8c8f94",
    QPalette.ColorRole.Text: "#dcdcdc",
    QPalette.ColorRole.Button: "#34363a",
    QPalette.ColorRole.ButtonText: "#dfe1e5",
    QPalette.ColorRole.BrightText: "#ff6b68",
    QPalette.ColorRole.Highlight: "#2f65ca",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6ea6ff",
    QPalette.ColorRole.Mid: "#45484d",
    QPalette.ColorRole.Dark: "#1a1b1e",
    QPalette.ColorRole.Light: "#4a4d52",
    QPalette.ColorRole.Midlight: "#3c3f44",
    QPalette.ColorRole.Shadow: "#111214",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f737a"))
    return palette


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return scheme is not None and scheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str) -> bool:
    """Apply ``light``, ``dark`` or ``system``; returns whether the result is dark."""
    dark = theme == "dark" or (theme == "system" and system_is_dark())
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    app.setStyleSheet(_dark_sheet() if dark else "")
    return dark


def _dark_sheet() -> str:
    """Fusion draws item-view check boxes in colours too close to a dark base, so they are
    spelt out; a sheet that styles an indicator draws all of it, so the tick (and the dash of
    a partly checked box) is an image: the state never shows by colour alone."""
    icons = resources_dir() / "icons"
    return f"""
QAbstractItemView::indicator {{ width: 13px; height: 13px; border-radius: 2px; }}
QAbstractItemView::indicator:unchecked {{ border: 1px solid #8c8f94; background: #1e1f22; }}
QAbstractItemView::indicator:checked, QAbstractItemView::indicator:indeterminate {{
    border: 1px solid #6ea6ff; background: #3574f0; }}
QAbstractItemView::indicator:checked {{ image: url("{(icons / "check.svg").as_posix()}"); }}
QAbstractItemView::indicator:indeterminate {{
    image: url("{(icons / "check-partial.svg").as_posix()}"); }}
QAbstractItemView::indicator:disabled {{ border-color: #5a5d63; background: #2b2d30; }}
QAbstractItemView::indicator:checked:disabled {{ background: #3d4a63; }}
QAbstractItemView::indicator:indeterminate:disabled {{ background: #3d4a63; }}
"""


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128
