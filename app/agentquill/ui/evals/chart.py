"""The score over runs: one point per run with the plugin (and a paler one without), a mark
where the description changed between two runs, the latest run labelled beside the last run on
the previous description (what the edit changed; the tooltip says the same).

Painted with QPainter from :class:`Point` values, so it needs nothing but the History's
entries turned into points by the pane.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..theme import is_dark

#: the line of runs with the plugin, and of the baseline without it (light, dark)
WITH = ("#2f6fd6", "#6ea6ff")
WITHOUT = ("#9aa0a6", "#80868b")
CHANGED = ("#c77c00", "#f0b64a")


@dataclass(frozen=True)
class Point:
    """One run: its score with the plugin and without it (0..1, None when not run), whether the
    description differs from the run before, and a short label (its date)."""

    score: float
    baseline: float | None
    changed: bool
    label: str


class ScoreChart(QWidget):
    """A small line chart of :class:`Point` values, newest on the right."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("evals.chart")
        self.points: list[Point] = []
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(360, 170)

    def show_points(self, points: list[Point]) -> None:
        self.points = list(points)
        self.setToolTip(self._summary())
        self.update()

    def _summary(self) -> str:
        if not self.points:
            return "No run yet"
        latest = self.points[-1]
        said = f"Latest: {latest.score:.0%} with the agent"
        if latest.baseline is not None:
            said += f", {latest.baseline:.0%} without"
        if (index := self.previous()) is not None:
            point = self.points[index]
            said += f"\nOn the previous description: {point.score:.0%} ({point.label})"
        return said

    def previous(self) -> int | None:
        """The index of the last run on a description other than the latest run's (None when
        every run was on the latest description): what "before" compares with."""
        for index in range(len(self.points) - 1, 0, -1):
            if self.points[index].changed:
                return index - 1
        return None

    def labels(self) -> list[tuple[int, str]]:
        """(point index, text) of the labelled points: the latest run, and the last run on the
        previous description."""
        if not self.points:
            return []
        found = [(len(self.points) - 1, f"latest {self.points[-1].score:.0%}")]
        if (index := self.previous()) is not None:
            found.append((index, f"previous description {self.points[index].score:.0%}"))
        return found

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dark = is_dark(self.palette())
        text = self.palette().color(self.foregroundRole())
        muted = QColor(text)
        muted.setAlphaF(0.55)
        metrics = QFontMetrics(self.font())
        left = metrics.horizontalAdvance("100%") + 8
        line = metrics.height()
        plot = QRectF(left, line + 8, self.width() - left - 12, self.height() - 2 * line - 16)
        painter.setPen(QPen(muted, 1))
        for level in (0.0, 0.5, 1.0):
            y = plot.bottom() - level * plot.height()
            painter.drawText(QRectF(0, y - 8, left - 6, 16), _RIGHT, f"{level:.0%}")
            painter.setPen(QPen(muted, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QPen(muted, 1))
        if not self.points:
            upper = plot.adjusted(0, 0, 0, -plot.height() / 2)  # between the grid lines
            painter.drawText(upper, Qt.AlignmentFlag.AlignCenter, "No run yet")
            return
        inner = plot.adjusted(12, 0, -12, 0)
        step = inner.width() / max(len(self.points) - 1, 1)
        xs = [inner.left() + i * step if len(self.points) > 1 else inner.center().x()
              for i in range(len(self.points))]  # fmt: skip

        def y(score: float) -> float:
            return plot.bottom() - max(0.0, min(score, 1.0)) * plot.height()

        changed = QColor(CHANGED[dark])
        for x, point in zip(xs, self.points, strict=True):
            if point.changed:
                painter.setPen(QPen(changed, 1, Qt.PenStyle.DashLine))
                painter.drawLine(
                    QPointF(x - step / 2, plot.top()), QPointF(x - step / 2, plot.bottom())
                )
        baseline = [
            (x, p.baseline) for x, p in zip(xs, self.points, strict=True) if p.baseline is not None
        ]
        self._line(painter, [(x, y(s)) for x, s in baseline], QColor(WITHOUT[dark]), 3)
        self._line(painter, [(x, y(p.score)) for x, p in zip(xs, self.points, strict=True)],
                   QColor(WITH[dark]), 4)  # fmt: skip
        painter.setPen(muted)
        dates = QRectF(plot.left(), plot.bottom() + 4, plot.width(), line)
        painter.drawText(dates, _LEFT, self.points[0].label)
        if len(self.points) > 1:
            painter.drawText(dates, _RIGHT, self.points[-1].label)
        painter.setPen(text)
        self._labels(painter, metrics, xs, [y(p.score) for p in self.points], plot)

    def _labels(self, painter: QPainter, metrics: QFontMetrics, xs, ys, plot: QRectF) -> None:
        """The :meth:`labels` over their points, kept inside the plot and apart."""
        placed: list[QRectF] = []
        for index, label in self.labels():
            width, height = metrics.horizontalAdvance(label) + 4, metrics.height()
            x = min(max(xs[index] - width / 2, plot.left()), plot.right() - width)
            box = QRectF(x, ys[index] - height - 6, width, height)
            if any(box.intersects(other) for other in placed):
                continue
            placed.append(box)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    @staticmethod
    def _line(painter: QPainter, points: list[tuple[float, float]], color: QColor, r: float):
        if not points:
            return
        path = QPainterPath(QPointF(*points[0]))
        for point in points[1:]:
            path.lineTo(QPointF(*point))
        painter.setPen(QPen(color, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setBrush(color)
        painter.setPen(Qt.PenStyle.NoPen)
        for point in points:
            painter.drawEllipse(QPointF(*point), r, r)


_RIGHT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
_LEFT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
