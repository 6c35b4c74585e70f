"""Runs from the Delegation pane: ``claude plugin eval --json`` started by a click with the
chosen runs, concurrency and cost ceiling; the results of a stand-in that prints the real
schema (passing, mixed), the chart of runs across a description change, Stop, and the real
signed-out binary's auth failure said plainly."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDesktopServices, QTextCursor
from test_delegation_cases import AGENT, AVOID, USE, project, shown

from agentquill.core import claude, evals
from agentquill.ui.evals.former import former_name
from agentquill.ui.evals.pane import DelegationPane
from claude_stand_in import eval_stand_in
from support import claude_binary

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a shell script")


def with_claude(qtbot, window, monkeypatch, program: Path, env: dict[str, str]) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv(claude.ENV, str(program))
    window.claude.find()
    qtbot.waitUntil(lambda: window.claude.located is not None, timeout=10_000)


def with_stand_in(qtbot, window, monkeypatch, tmp_path: Path, verdicts: dict) -> Path:
    """Claude Code as the eval stand-in giving ``verdicts``; the folder it keeps its calls in."""
    stand_in = tmp_path / "stand-in"
    with_claude(qtbot, window, monkeypatch, *eval_stand_in(stand_in, verdicts))
    return stand_in


def seeded(tmp_path: Path) -> Path:
    """The seed agent in a project, with three prompts that should use it and two that
    should not."""
    path = project(tmp_path)
    folder = evals.evals_dir(path)
    for prompt in USE:
        evals.add_case(folder, AGENT, prompt, "use")
    for prompt in AVOID:
        evals.add_case(folder, AGENT, prompt, "avoid")
    return path


def run_then_form(qtbot, window, tmp_path: Path, monkeypatch, verdicts: dict):
    """The seeded agent's cases run once against the stand-in, then its Form shown: the
    stand-in's folder, the project's agent, the Delegation pane and the tab."""
    stand_in = with_stand_in(qtbot, window, monkeypatch, tmp_path, verdicts)
    path = seeded(tmp_path)
    pane = shown(qtbot, window, path)
    run(qtbot, pane)
    tab = window.current()
    tab.panes.setCurrentWidget(tab.form)
    return stand_in, path, pane, tab


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def run(qtbot, pane: DelegationPane, button: str = "all") -> None:
    click(qtbot, getattr(pane.run_box, button))
    qtbot.waitUntil(lambda: pane.runs.run is None and pane.run_box.all.isEnabled(), timeout=20_000)


def figures(pane: DelegationPane, which: str) -> list[tuple[str, str, str]]:
    tree = getattr(pane, which).tree
    return [
        tuple(tree.topLevelItem(i).text(c) for c in (1, 2, 3))
        for i in range(tree.topLevelItemCount())
    ]


def argv(folder: Path) -> list[str]:
    return json.loads((folder / "argv.json").read_text())


def test_a_passing_run_shows_scores_deltas_and_the_chart(qtbot, window, tmp_path, monkeypatch):
    stand_in = with_stand_in(qtbot, window, monkeypatch, tmp_path, {"*": [3, 0]})
    path = seeded(tmp_path)
    pane = shown(qtbot, window, path)
    assert pane.results.chart.points == [] and figures(pane, "use")[0] == ("", "", "")
    run(qtbot, pane)
    said = argv(stand_in)
    assert said[:2] == ["plugin", "eval"] and "--json" not in said
    output = Path(said[said.index("--output-dir") + 1])
    assert not output.is_relative_to(path.parents[2]) and not output.exists()  # read, removed
    assert not (evals.evals_dir(path) / "results").exists()  # nothing added to the project
    assert said[said.index("--max-cost-usd") + 1] == "1"
    assert said[said.index("--runs") + 1] == "3" and said[said.index("--concurrency") + 1] == "1"
    assert said[said.index("--case") + 1] == f"{AGENT}--*"
    assert "100% with the agent" in pane.results.summary.text()
    assert "0% without" in pane.results.summary.text() and "Δ +100%" in pane.results.summary.text()
    assert figures(pane, "use") == [("100%", "0%", "+100%")] * 3
    assert not pane.results.partial.isVisible() and not pane.results.failures.isVisible()
    assert [(p.score, p.baseline, p.changed) for p in pane.results.chart.points] == [(1, 0, False)]
    assert pane.run_box.log.toPlainText().startswith("Ablation: 2 arms × 5 cases (30 runs)")
    assert pane.run_box.bar.value() == pane.run_box.bar.maximum() == 30
    assert window.current().form.findChild(type(pane.where), "note.description").text() == (
        "Delegation score 100%"
    )
    history = evals.History(evals.evals_dir(path)).runs(AGENT)
    assert len(history) == 1 and set(history[0].names.values()) == {c.name for c in pane.mine()}


def test_a_mixed_run_shows_failures_with_trace_links(qtbot, window, tmp_path, monkeypatch):
    first = f"{AGENT}--001-use"
    verdicts = {first: [1, 0], f"{AGENT}--004-avoid": [2, 3], "*": [3, 0]}
    with_stand_in(qtbot, window, monkeypatch, tmp_path, verdicts)
    pane = shown(qtbot, window, seeded(tmp_path))
    run(qtbot, pane)
    assert figures(pane, "use")[0] == ("33%", "0%", "+33%")
    assert figures(pane, "avoid") == [("67%", "100%", "-33%"), ("100%", "0%", "+100%")]
    failures = pane.results.failures
    assert failures.isVisible()
    text = failures.toPlainText()
    assert USE[0] in text and AVOID[0] in text and USE[1] not in text
    assert "Agent called 0x (expected 1..∞)" in text
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    click_link(qtbot, failures, "trace")
    trace = Path(opened[0].toLocalFile())
    assert trace.name == "trace.jsonl" and trace.is_file()
    kept = [Path(folder) for folder in pane.runs._kept]
    assert trace.parents[1] in kept
    run(qtbot, pane)  # the next run discards the last one's sandboxes
    assert not any(folder.exists() for folder in kept)
    kept = [Path(folder) for folder in pane.runs._kept]
    assert kept and all(folder.exists() for folder in kept)
    window.files.close_tab(window.tabs.indexOf(window.current()))  # and so does closing it
    qtbot.waitUntil(lambda: not any(folder.exists() for folder in kept))


def click_link(qtbot, browser, text: str) -> None:
    """Click the first link reading ``text`` in ``browser``."""
    cursor = browser.document().find(text)
    assert cursor.charFormat().isAnchor() or cursor.charFormat().anchorHref()
    cursor.setPosition(cursor.selectionStart() + 1, QTextCursor.MoveMode.MoveAnchor)
    browser.ensureCursorVisible()
    point = browser.cursorRect(cursor).center()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point + QPoint(1, 0))


def test_a_new_description_runs_beside_the_old(qtbot, window, tmp_path, monkeypatch):
    stand_in, path, pane, tab = run_then_form(qtbot, window, tmp_path, monkeypatch, {"*": [2, 0]})
    prose = tab.form.editors["description"].edit
    qtbot.mouseClick(prose.viewport(), Qt.MouseButton.LeftButton)
    prose.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(prose, "Use it for REST APIs. ")
    qtbot.keyClick(prose, Qt.Key.Key_Tab)  # focus leaves: committed
    assert "Use it for REST APIs." in tab.document.text() and tab.document.modified
    note = tab.form.findChild(type(pane.where), "note.description")
    qtbot.waitUntil(lambda: note.text() == "Delegation score 67% · earlier description")
    (stand_in / "verdicts.json").write_text(json.dumps({"*": [3, 0]}))
    tab.panes.setCurrentWidget(pane)
    asked = []
    window.prompts.ask_save_before_run = lambda tab: asked.append(tab.document.title) or True
    run(qtbot, pane)
    assert asked == [f"{AGENT}.md"] and not tab.document.modified  # the run reads the file
    points = pane.results.chart.points
    assert [(round(p.score, 2), p.changed) for p in points] == [(0.67, False), (1.0, True)]
    assert "On the previous description: 67%" in pane.results.chart.toolTip()
    assert note.text() == "Delegation score 100%"
    hashes = [e.description_hash for e in evals.History(evals.evals_dir(path)).runs(AGENT)]
    assert len(set(hashes)) == 2


def test_run_this_one_and_the_remembered_cost_ceiling(qtbot, window, tmp_path, monkeypatch):
    stand_in = with_stand_in(qtbot, window, monkeypatch, tmp_path, {"*": [3, 0]})
    pane = shown(qtbot, window, seeded(tmp_path))
    cost = pane.run_box.cost
    cost.setFocus()
    cost.selectAll()
    qtbot.keyClicks(cost, "2.5")
    qtbot.keyClick(cost, Qt.Key.Key_Tab)
    assert window.settings.state.eval_run["max_cost_usd"] == 2.5
    tree = pane.avoid.tree
    click(qtbot, tree.viewport())  # no row under the click: none chosen yet
    tree.setCurrentItem(tree.topLevelItem(1))
    run(qtbot, pane, "one")
    said = argv(stand_in)
    assert said[said.index("--case") + 1] == f"{AGENT}--005-avoid"
    assert said[said.index("--max-cost-usd") + 1] == "2.5"
    assert figures(pane, "avoid")[1] == ("100%", "0%", "+100%")
    assert figures(pane, "use")[0] == ("", "", "")  # not run
    again = shown(qtbot, window, seeded(tmp_path / "other"))
    assert again.run_box.cost.value() == 2.5  # remembered for every agent


def slow_run(qtbot, window, tmp_path, monkeypatch) -> tuple[DelegationPane, Path]:
    """A run of the seed agent's cases that takes 30 s, started; its pane and stand-in."""
    stand_in = with_stand_in(qtbot, window, monkeypatch, tmp_path, {"*": [3, 0], "sleep": 30})
    pane = shown(qtbot, window, seeded(tmp_path))
    click(qtbot, pane.run_box.all)
    qtbot.waitUntil(lambda: "Ablation" in pane.run_box.log.toPlainText(), timeout=10_000)
    return pane, stand_in


def test_stop_ends_the_run(qtbot, window, tmp_path, monkeypatch):
    pane, _stand_in = slow_run(qtbot, window, tmp_path, monkeypatch)
    assert not pane.run_box.all.isEnabled() and pane.run_box.halt.isEnabled()
    click(qtbot, pane.run_box.halt)
    qtbot.waitUntil(lambda: pane.runs.run is None, timeout=10_000)
    assert pane.run_box.state.text() == "Stopped."
    assert pane.run_box.all.isEnabled() and not pane.run_box.halt.isEnabled()
    assert evals.History(pane.folder).runs(AGENT) == []


def test_closing_the_tab_ends_the_run_at_once(qtbot, window, tmp_path, monkeypatch):
    _pane, stand_in = slow_run(qtbot, window, tmp_path, monkeypatch)
    pid = int((stand_in / "pid").read_text())
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.tabs.count() == 0)
    stat = Path(f"/proc/{pid}/stat")  # gone, or a zombie waiting for its reaper
    assert not stat.exists() or stat.read_text().split(") ")[-1][:1] == "Z"


REAL = claude_binary()


@pytest.mark.skipif(REAL is None, reason="claude-oracle has not installed Claude Code")
def test_the_real_signed_out_binary_says_to_log_in(qtbot, window, tmp_path, monkeypatch):
    with_claude(qtbot, window, monkeypatch, REAL, {})
    path = seeded(tmp_path)
    pane = shown(qtbot, window, path)
    run(qtbot, pane)
    partial = pane.results.partial
    assert partial.isVisible()
    assert "Claude Code is not signed in — run <code>claude /login</code>" in partial.text()
    assert "No prompt was scored" in pane.results.summary.text()
    assert figures(pane, "use")[0] == ("—", "—", "")
    assert "Not logged in" in pane.results.failures.toPlainText()
    assert evals.History(pane.folder).runs(AGENT) == []  # nothing said about the description
    assert not list(Path(shutil.os.sep, "tmp").glob("agentquill-evals-*/plugin"))


def hand_written(folder: Path, name: str, agent: str) -> None:
    graders = folder / name / "graders"
    graders.mkdir(parents=True)
    (graders.parent / "prompt.md").write_text(f"A prompt for {agent}\n")
    (graders / "uses.md").write_text(
        f"---\ntype: tool_used\ntool: Agent\ninput_match: {agent}\n---\nDelegates\n"
    )


def test_run_all_and_hand_written_cases(qtbot, window, tmp_path, monkeypatch):
    stand_in = with_stand_in(qtbot, window, monkeypatch, tmp_path, {"*": [3, 0]})
    path = project(tmp_path)
    folder = evals.evals_dir(path)
    hand_written(folder, "orders", AGENT)
    pane = shown(qtbot, window, path)
    run(qtbot, pane)  # the agent's cases are all there is: no --case
    assert "--case" not in argv(stand_in)
    assert figures(pane, "use") == [("100%", "0%", "+100%")]
    evals.add_case(folder, AGENT, USE[0], "use")
    hand_written(folder, "other", "frontend-developer")
    pane.refresh()
    run(qtbot, pane)
    said = argv(stand_in)
    assert said[said.index("--case") + 1] == f"{AGENT}--*"
    assert "Not in this run: 1 prompt named otherwise" in pane.run_box.log.toPlainText()
    tree = pane.use.tree
    tree.setCurrentItem(tree.topLevelItem(0))
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # renamed: prefixed
    assert [c.name for c in pane.mine()] == [f"{AGENT}--001-orders", f"{AGENT}--002-use"]
    run(qtbot, pane)
    assert "Not in this run" not in pane.run_box.log.toPlainText()
    assert figures(pane, "use") == [("100%", "0%", "+100%")] * 2


def test_run_all_asks_before_saving_and_cancel_starts_nothing(qtbot, window, tmp_path, monkeypatch):
    stand_in = with_stand_in(qtbot, window, monkeypatch, tmp_path, {"*": [3, 0]})
    path = seeded(tmp_path)
    pane = shown(qtbot, window, path)
    tab = window.current()
    tab.panes.setCurrentWidget(tab.source)
    qtbot.keyClicks(tab.source, "x")
    assert tab.document.modified
    on_disk = path.read_bytes()
    asked = []
    window.prompts.ask_save_before_run = lambda tab: asked.append(tab) or False
    tab.panes.setCurrentWidget(pane)
    click(qtbot, pane.run_box.all)
    assert asked == [tab] and pane.runs.run is None and not (stand_in / "argv.json").exists()
    assert tab.document.modified and path.read_bytes() == on_disk
    assert "save it to run" in pane.run_box.state.text()


def test_scores_stay_with_their_prompts_when_prompts_move_or_go(
    qtbot, window, tmp_path, monkeypatch
):
    verdicts = {f"{AGENT}--001-use": [3, 0], "*": [1, 0]}
    with_stand_in(qtbot, window, monkeypatch, tmp_path, verdicts)
    path = seeded(tmp_path)
    pane = shown(qtbot, window, path)
    run(qtbot, pane)
    scored = [("100%", "0%", "+100%"), ("33%", "0%", "+33%"), ("33%", "0%", "+33%")]
    assert figures(pane, "use") == scored
    tree = pane.use.tree
    tree.setCurrentItem(tree.topLevelItem(0))
    click(qtbot, pane.use.buttons["down"])
    assert [c.prompt for c in pane.mine()][:2] == [USE[1], USE[0]]
    assert figures(pane, "use") == [scored[1], scored[0], scored[2]]
    tree.setCurrentItem(tree.topLevelItem(0))
    click(qtbot, pane.use.buttons["remove"])
    assert [c.prompt for c in pane.mine()][:2] == [USE[0], USE[2]]
    assert figures(pane, "use") == [scored[0], scored[2]]
    window.files.close_tab(window.tabs.indexOf(window.current()))
    pane = shown(qtbot, window, path)  # a new pane: the figures come from the History
    assert figures(pane, "use") == [scored[0], scored[2]]
    pane.write(lambda: evals.edit_prompt(pane.mine()[0], "Build a GraphQL API"))
    assert figures(pane, "use") == [("", "", ""), scored[2]]  # no longer what was measured


def test_a_renamed_agent_finds_its_cases_under_its_former_name(
    qtbot, window, tmp_path, monkeypatch
):
    stand_in, path, pane, tab = run_then_form(qtbot, window, tmp_path, monkeypatch, {"*": [3, 0]})
    name = tab.form.editors["name"].edit
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    name.selectAll()
    qtbot.keyClicks(name, "api-backend")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not tab.document.modified)
    tab.panes.setCurrentWidget(pane)
    assert figures(pane, "use") == [] and figures(pane, "avoid") == []
    former = pane.former
    assert former.isVisible()
    assert "5 prompts test this agent under its former name ‘backend-developer’" in (
        former.said.text()
    )
    assert former.button.text() == "Move them to ‘api-backend’"
    click(qtbot, former.button)
    assert not former.isVisible()
    assert [c.prompt for c in pane.mine()] == USE + AVOID
    assert all(c.name.startswith("api-backend--") for c in pane.mine())
    assert figures(pane, "use") == [("100%", "0%", "+100%")] * 3  # the History followed
    assert len(pane.results.chart.points) == 1
    assert evals.History(pane.folder).runs(AGENT) == []
    run(qtbot, pane)
    assert argv(stand_in)[argv(stand_in).index("--case") + 1] == "api-backend--*"


def test_the_former_name_is_the_files_or_the_one_no_agent_beside_it_has(tmp_path):
    path = seeded(tmp_path)
    cases = evals.read_cases(evals.evals_dir(path)).cases
    assert former_name(path, AGENT, cases) is None  # not renamed
    assert former_name(path, "api-backend", cases) == AGENT  # the name field alone
    renamed = path.rename(path.with_name("api-backend.md"))  # the file too
    assert former_name(renamed, "api-backend", cases) == AGENT
    (path.parent / f"{AGENT}.md").write_text(f"---\nname: {AGENT}\n---\n")  # another has it
    assert former_name(renamed, "api-backend", cases) is None
