"""The inventory agrees with the real Claude Code (``../shared/tools/claude-load``, skipped
when it or the Claude Code that claude-oracle installs is missing): file by file, on the
generated edge cases in every layout (plugin manifests too), and on every folder of
``../shared/corpus`` laid out as a project, a user folder and a plugin.

A corpus folder is laid out by copying its files into ``agents/`` with their paths relative
to the folder kept (so subfolders, and a plugin's ``sub:`` names, are exercised as they come),
under ``DIR/.claude/`` for a project, ``DIR/`` for a user folder, and ``DIR/`` with a manifest
naming the plugin ``corpus`` for a plugin. Each claude-load call costs 2-3 s; all of them run
once a session, two at a time.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from agentquill.core.inventory import KINDS, Entry, combined, inventory
from inventory_cases import lay_out, manifest_plugins, write, zipped
from support import CORPUS, claude_binary, corpus_files

CLAUDE_LOAD = CORPUS.parent / "tools" / "claude-load"
#: the built-in agents of 2.1.332 (an empty project's init message); claude-load leaves out
#: every name an empty project has, so a file overriding one cannot be seen there
BUILT_IN = {"claude", "Explore", "general-purpose", "Plan", "statusline-setup"}
LAYOUT_FLAG = {"project": [], "user": ["--user"], "plugin": ["--plugin"]}

pytestmark = pytest.mark.skipif(
    not CLAUDE_LOAD.is_file() or claude_binary() is None,
    reason="claude-load or the Claude Code claude-oracle installs is not here",
)


def lay_out_corpus(folder: Path, root: Path, layout: str) -> Path:
    base = root / ".claude" if layout == "project" else root
    for path in corpus_files():
        if folder in path.parents:
            target = base / "agents" / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    if layout == "plugin":
        (root / ".claude-plugin").mkdir()
        (root / ".claude-plugin" / "plugin.json").write_text('{"name": "corpus"}\n')
    return root


def claude_load(path: Path | list[Path], layout: str) -> dict:
    paths = path if isinstance(path, list) else [path]
    run = subprocess.run(
        [str(CLAUDE_LOAD), *LAYOUT_FLAG[layout], *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if run.returncode != 0:
        pytest.skip(f"claude-load could not run: {run.stderr.strip()[-300:]}")
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> dict[str, tuple[Path | list[Path], str, dict]]:
    """Each case by id: its path, its layout and what claude-load printed for it."""
    base = tmp_path_factory.mktemp("agreement")
    cases = {}
    for layout in LAYOUT_FLAG:
        cases[f"edge-{layout}"] = (lay_out(base / f"edge-{layout}", layout), layout)
    cases["edge-bare-plugin"] = (lay_out(base / "bare", "plugin", manifest=False), "plugin")
    folder = lay_out(base / "zipped", "plugin")
    cases["edge-zip"] = (zipped(folder, base / "edge.zip", "edge/"), "plugin")
    cases["edge-manifests"] = (manifest_plugins(base / "manifests"), "plugin")  # one run
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        for layout in LAYOUT_FLAG:
            root = base / layout / folder.name
            cases[f"{folder.name}-{layout}"] = (lay_out_corpus(folder, root, layout), layout)
    with ThreadPoolExecutor(2) as pool:
        runs = pool.map(lambda case: claude_load(*case), cases.values())
        loaded = dict(zip(cases, runs, strict=True))
    return {key: (*cases[key], loaded[key]) for key in cases}


def disagreements(entries: list[Entry], real: dict) -> list[str]:
    """The files whose verdict claude-load contradicts: registered under a name it does not
    list, or skipped under a name it lists that no other file registers; and the names it
    lists that no file registers."""
    wrong = []
    for kind in KINDS:
        listed = set(real[f"{kind}s"])
        ours = {e.name for e in entries if e.kind == kind and e.registered}
        for e in (e for e in entries if e.kind == kind):
            if e.registered and e.name not in listed | BUILT_IN:
                wrong.append(f"{e.file}: {kind} {e.name!r} is not registered by Claude Code")
            if not e.registered and e.name in listed - ours:
                wrong.append(f"{e.file}: Claude Code registers {kind} {e.name!r} ({e.reason})")
        wrong += [f"{kind} {name!r} registered by no file we know" for name in listed - ours]
    return wrong


def test_edge_cases_agree(places):
    edge = {key: place for key, place in places.items() if key.startswith("edge-")}
    assert len(edge) == 6
    for key, (path, layout, real) in edge.items():
        paths = path if isinstance(path, list) else [path]
        entries = combined([(p, layout) for p in paths])
        assert disagreements(entries, real) == [], key
        assert {e.kind for e in entries if e.registered} == set(KINDS), key


def test_every_corpus_folder_agrees_in_every_layout(places):
    corpus = {key: place for key, place in places.items() if not key.startswith("edge-")}
    if not corpus:
        pytest.skip("../shared/corpus is not present")
    for key, (path, layout, real) in corpus.items():
        entries = inventory(path, layout)
        assert disagreements(entries, real) == [], key
        assert sum(e.registered for e in entries) >= len(real["agents"]) > 0, key


def _model_of(agent: str, cwd: Path, home: Path, *extra: str) -> str:
    """The model of the init message when Claude Code runs ``agent``: which file of a clash
    it took, when the files set different models (claude-load lists names only)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_"))}
    env.update(
        HOME=str(home), DISABLE_AUTOUPDATER="1", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1"
    )
    args = [str(claude_binary()), "-p", "hi", "--agent", agent, *extra]
    run = subprocess.run(
        [*args, "--output-format", "stream-json", "--verbose"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    for line in run.stdout.splitlines():
        message = json.loads(line)
        if message.get("subtype") == "init":
            return message["model"]
    pytest.skip(f"Claude Code gave no init message: {run.stderr.strip()[-300:]}")


def test_the_file_that_wins_a_clash_is_the_one_claude_code_runs(tmp_path):
    home, empty, project = tmp_path / "home", tmp_path / "empty", tmp_path / "p"
    plugin, twin = tmp_path / "pl", tmp_path / "pl2"
    models = {  # file → (agent name, the model it sets, which tells the files apart)
        home / ".claude" / "agents" / "u.md": ("scoped", "opus"),
        project / ".claude" / "agents" / "p.md": ("scoped", "haiku"),
        project / ".claude" / "agents" / "a.md": ("pair", "haiku"),
        project / ".claude" / "agents" / "b.md": ("pair", "opus"),
        project / ".claude" / "agents" / "a-b.md": ("paths", "opus"),
        project / ".claude" / "agents" / "a" / "x.md": ("paths", "haiku"),
        plugin / "agents" / "b18-x.md": ("b18", "haiku"),
        plugin / "agents" / "b18.md": ("", "opus"),  # named b18 by its stem
        plugin / "agents" / "twin.md": ("twin", "haiku"),
        twin / "agents" / "twin.md": ("twin", "opus"),  # in a second plugin of the same name
    }
    for path, (name, model) in models.items():
        named = f"name: {name}\n" if name else ""
        write(path.parent, {path.name: f"---\n{named}description: d\nmodel: {model}\n---\n"})
    write(twin, {".claude-plugin/plugin.json": '{"name": "pl"}'})
    empty.mkdir()
    probes = {"pair": (project,), "paths": (project,), "scoped": (project,)}
    probes["pl:b18"] = (empty, "--plugin-dir", str(plugin))
    probes["pl:twin"] = (empty, "--plugin-dir", str(plugin), "--plugin-dir", str(twin))

    def probe(item: tuple[str, tuple]) -> str:
        """One run, in a HOME of its own: runs that share one race on its files."""
        name, (cwd, *extra) = item
        own = shutil.copytree(home, tmp_path / f"home-{name}")
        return _model_of(name, cwd, own, *extra)

    with ThreadPoolExecutor(2) as pool:
        ran = dict(zip(probes, pool.map(probe, probes.items()), strict=True))
    places = [(home / ".claude", "user"), (project, "project")]
    places += [(plugin, "plugin"), (twin, "plugin")]
    winners = {e.name: Path(e.file) for e in combined(places) if e.registered}
    for name, model in ran.items():
        assert models[winners[name]][1] in model, (name, winners[name], model)
