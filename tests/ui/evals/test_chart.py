"""The score chart labels the latest run and the last run on the previous description, and its
tooltip compares the same two runs."""

from __future__ import annotations

from agentquill.ui.evals.chart import Point, ScoreChart


def test_before_is_the_last_run_on_the_previous_description(qtbot):
    chart = ScoreChart()
    qtbot.addWidget(chart)
    chart.show_points(
        [
            Point(0.4, 0.0, False, "1 Dec"),
            Point(0.6, 0.0, False, "2 Dec"),  # the last run on the first description
            Point(0.67, 0.0, True, "3 Dec"),  # the description changed
            Point(1.0, 0.0, False, "4 Dec"),
        ]
    )
    assert chart.labels() == [(3, "latest 100%"), (1, "previous description 60%")]
    assert "On the previous description: 60% (2 Dec)" in chart.toolTip()


def test_runs_on_one_description_have_no_before(qtbot):
    chart = ScoreChart()
    qtbot.addWidget(chart)
    chart.show_points([Point(0.6, None, False, "1 Dec"), Point(0.8, None, False, "2 Dec")])
    assert chart.labels() == [(1, "latest 80%")]
    assert "previous" not in chart.toolTip()
    chart.show_points([])
    assert chart.labels() == [] and chart.toolTip() == "No run yet"
