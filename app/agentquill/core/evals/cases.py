"""Eval cases on disk: read them (ours and hand-written), and add, edit, remove and reorder the
delegation tests of an agent.

A case is a folder below ``evals/`` holding ``prompt.md`` (the prompt, in the body) and
``graders/*.md``, or a ``case.yaml``; Claude Code finds them at any depth and runs them in the
order of their folder paths. Ours are named ``<agent>--<NNN>-<use|avoid>`` (the agent's name
made safe for a folder name): the number is the user's order, the agent prefix lets
``--case '<agent>--*'`` pick one agent's cases. They hold

- ``prompt.md``: ``tags: [delegation]`` and the prompt as the body;
- ``graders/delegation.md``: a ``tool_used`` grader on the ``Agent`` tool whose ``input_match``
  finds the agent's ``subagent_type`` in the call's input (the JSON of the input, as the
  binary tests it), with ``min: 1`` ("use") or ``min: 0`` and ``max: 0`` ("avoid": the binary's
  ``min`` defaults to 1, so ``max: 0`` alone never passes).

A plugin's agents are called ``<plugin>:<name>`` (``<plugin>:<folder>:<name>`` in a subfolder of
its ``agents/``, seen with ``claude-load``); a project's agents are matched with any prefix,
because they run from a temporary plugin (``claude plugin eval`` takes only a plugin as its
target).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from .. import frontmatter
from ..files import SKIP_DIRS, atomic_write
from ..frontmatter import emit
from ..text import DecodeError, Edit, apply_edits, decode, detect_newline
from .history import History
from .schema import grader_problems, prompt_problems

#: Claude Code reads case files up to this size (1 MiB)
MAX_BYTES = 1 << 20
PROMPT = "prompt.md"
CASE_YAML = "case.yaml"
GRADERS = "graders"
#: the grader file we write in a case
GRADER = "delegation.md"
TAG = "delegation"
EXPECTS = ("use", "avoid")

_OURS = re.compile(r"(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)--(?P<number>\d+)-(?P<rest>.*)", re.DOTALL)
_SUBAGENT = '"subagent_type":\\s*"'
_ANY_PREFIX = '(?:[^"]*:)?'
_REGEX_SPECIAL = frozenset("\\^$.|?*+()[]{}/")
_YAML_BREAKS = frozenset("\x85\u2028\u2029")
_ESCAPE = re.compile(r"\\(?:u([0-9a-f]{4})|(.))", re.DOTALL)
_REGEX_TOKENS = re.compile(r"\\[sSdDwWb][*+?]?|\.[*+?]|\(\?(?::|<[^>=!]*>)|[()^$|?]")
_ON_AGENT = ("tool_used", "Agent")
_NAME = r"[\w.@-]+(?::[\w.@-]+)?"


class CaseError(NamedTuple):
    """A case Claude Code would not load: the file at fault and why."""

    folder: Path
    file: Path
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


@dataclass(frozen=True)
class Grader:
    """One grader of a case: its name (the file's stem), its keys, the file's body."""

    name: str
    values: dict[str, Any]
    body: str = ""
    file: Path | None = None


@dataclass(frozen=True)
class Case:
    """One eval case. ``agent`` and ``expect`` come from its delegation grader (None for a case
    of another shape); ``plugin`` is the plugin its grader names, if any."""

    folder: Path
    name: str
    prompt: str
    agent: str | None
    expect: str | None
    meta: dict[str, Any] = field(default_factory=dict)
    graders: tuple[Grader, ...] = ()
    plugin: str | None = None

    @property
    def file(self) -> Path:
        """The file holding the prompt: ``prompt.md``, or ``case.yaml`` for a case without it."""
        md, yml = self.folder / PROMPT, self.folder / CASE_YAML
        return yml if yml.exists() and not md.exists() else md


class Suite(NamedTuple):
    """What :func:`read_cases` found: the cases in run order, and the ones that are broken."""

    cases: list[Case]
    errors: list[CaseError]


class CaseRefused(ValueError):
    """A case that does not load, or an edit of the case files we will not make: why, and the
    file at fault when there is one."""

    def __init__(self, message: str, file: Path | None = None):
        super().__init__(message)
        self.message, self.file = message, file


# -- where the cases live ---------------------------------------------------------------------


def plugin_root(path: Path) -> Path | None:
    """The plugin folder holding ``path``: the nearest folder with ``.claude-plugin/``."""
    for folder in Path(path).resolve().parents:
        if (folder / ".claude-plugin" / "plugin.json").is_file():
            return folder
    return None


def _manifest(root: Path) -> dict[str, Any]:
    try:
        data = json.loads((root / ".claude-plugin" / "plugin.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def plugin_name(root: Path) -> str:
    """A plugin's name: its manifest's ``name``, else its folder's."""
    name = _manifest(root).get("name")
    return name if isinstance(name, str) and name else root.name


def evals_dir(agent_path: str | Path) -> Path:
    """The ``evals/`` folder for an agent's cases: its plugin's (or the folder the manifest's
    ``experimental.evals`` names inside it), else the project's, beside ``.claude/``; a user
    agent's (``~/.claude/agents``) in ``~/.claude/evals``, not loose in the home folder."""
    path = Path(agent_path).resolve()
    root = plugin_root(path)
    if root is not None:
        named = (_manifest(root).get("experimental") or {}).get("evals")
        if isinstance(named, str) and named.strip():
            folder = (root / named).resolve()
            if folder.is_relative_to(root) and folder != root:
                return folder
        return root / "evals"
    for folder in path.parents:
        if folder.name in (".claude", ".github"):
            user = folder == Path.home().resolve() / ".claude"
            return folder / "evals" if user else folder.parent / "evals"
    parent = path.parent
    return (parent.parent if parent.name == "agents" else parent) / "evals"


# -- reading ----------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    """The file's text; raises ValueError with the reason it cannot be read."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ValueError("larger than 1 MiB, which Claude Code does not read")
        return decode(path.read_bytes()).text
    except DecodeError as exc:
        raise ValueError(str(exc)) from None
    except OSError as exc:
        raise ValueError(exc.strerror or str(exc)) from None


def _split(text: str) -> tuple[dict[str, Any], str, bool]:
    """(frontmatter values, body, had frontmatter) as Claude Code reads a case markdown file;
    raises ValueError when it would refuse the frontmatter."""
    parsed = frontmatter.parse(text)
    fm = parsed.frontmatter
    if fm is None:
        if parsed.unterminated:
            raise ValueError('unterminated frontmatter (opening "---" with no closing "---")')
        return {}, text, False
    if fm.error is not None:
        raise ValueError(f"invalid YAML frontmatter: {fm.error}")
    if fm.not_mapping:
        raise ValueError("frontmatter must be a YAML mapping")
    return fm.values(), parsed.body, True


def _problem_text(problems: list[tuple[str, str]]) -> str:
    return "; ".join(message for _key, message in problems)


def _read_grader(path: Path) -> Grader | None:
    values, body, had = _split(_read_text(path))
    if not had:
        return None  # Claude Code skips a grader file without frontmatter
    if problems := grader_problems(values, body):
        raise ValueError(_problem_text(problems))
    return Grader(path.stem, values, body.strip(), path)


def _read_yaml_case(path: Path) -> tuple[dict[str, Any], str, list[Grader]]:
    """A ``case.yaml``, read within the bounds frontmatter YAML is read in (no alias bombs)."""
    import yaml

    try:
        node = frontmatter.compose(_read_text(path))
        data = None if node is None else frontmatter.construct(node)
    except yaml.YAMLError as exc:
        raise ValueError(f"invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError("must be a YAML mapping")
    execution = data.get("execution") if isinstance(data.get("execution"), dict) else {}
    graders = []
    for i, item in enumerate(data.get("graders") or []):
        if not isinstance(item, dict):
            raise ValueError(f"grader {i + 1} must be a mapping")
        values = {k: v for k, v in item.items() if k != "name"}
        if problems := grader_problems(values):
            raise ValueError(f"grader {i + 1}: {_problem_text(problems)}")
        graders.append(Grader(str(item.get("name", i + 1)), values, "", path))
    meta = {k: v for k, v in data.items() if k not in ("execution", "graders")}
    meta.update((k, v) for k, v in execution.items() if k != "prompt")
    prompt = execution.get("prompt")
    return meta, prompt.strip() if isinstance(prompt, str) else "", graders


def read_case(folder: Path) -> Case:
    """The case in ``folder``; raises :class:`CaseRefused` naming the file at fault."""
    md, yml = folder / PROMPT, folder / CASE_YAML
    meta: dict[str, Any] = {}
    prompt = ""
    graders: list[Grader] = []
    current = yml
    try:
        if yml.exists():
            meta, prompt, graders = _read_yaml_case(yml)
        if md.exists():
            current = md
            values, body, _had = _split(_read_text(md))
            if problems := prompt_problems(values):
                raise ValueError(_problem_text(problems))
            meta.update(values)
            prompt = body.strip() or prompt
        folder_graders = folder / GRADERS
        if folder_graders.is_dir():
            for path in sorted(folder_graders.glob("*.md")):
                current = path
                if (grader := _read_grader(path)) is not None:
                    graders.append(grader)
    except ValueError as exc:
        raise CaseRefused(str(exc), current) from None
    if not prompt:
        raise CaseRefused(f"no prompt (the body of {PROMPT} is empty)", md if md.exists() else yml)
    if not graders:
        raise CaseRefused(f"no graders ({GRADERS}/*.md with a frontmatter)", folder / GRADERS)
    agent, plugin, expect = _delegation(graders)
    name = meta.get("name") if isinstance(meta.get("name"), str) else folder.name
    return Case(folder, name, prompt, agent, expect, meta, tuple(graders), plugin)


def _case_folders(root: Path) -> Iterable[Path]:
    """Folders below ``root`` holding a case, in Claude Code's run order (by path)."""
    found = []
    for folder, dirs, files in os.walk(root):
        if PROMPT in files or CASE_YAML in files:
            found.append(Path(folder))
            dirs.clear()
        else:
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def read_cases(evals: str | Path) -> Suite:
    """Every case below ``evals``: the ones that load, and an error for each that would not
    (never raises; a missing folder has no cases)."""
    root = Path(evals)
    suite = Suite([], [])
    if not root.is_dir():
        return suite
    for folder in _case_folders(root):
        try:
            suite.cases.append(read_case(folder))
        except CaseRefused as exc:
            suite.errors.append(CaseError(folder, exc.file or folder, exc.message))
    return suite


# -- delegation graders -----------------------------------------------------------------------


def _literal_char(c: str) -> str:
    if c in _REGEX_SPECIAL:
        return "\\" + c
    return f"\\u{ord(c):04x}" if c in _YAML_BREAKS else c


def regex_literal(text: str) -> str:
    """``text`` as a regular expression matching itself, in JavaScript and Python alike: syntax
    characters escaped, and the line breaks YAML folds even inside quotes as ``\\uXXXX``."""
    return "".join(map(_literal_char, text))


def _unescape(literal: str) -> str:
    """The text a :func:`regex_literal` matches."""
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else m[2], literal)


def _json_literal(text: str) -> str:
    return regex_literal(json.dumps(text, ensure_ascii=False)[1:-1])


def input_match(agent: str, plugin: str | None = None) -> str:
    """The ``input_match`` that finds the agent in an ``Agent`` call's input (its JSON text):
    ``<plugin>:<agent>``, or ``<plugin>:<folder>:<agent>`` for one in a subfolder of the
    plugin's ``agents/`` (as Claude Code registers it); any prefix for a project's agent."""
    head = _json_literal(f"{plugin}:") if plugin else ""
    return _SUBAGENT + head + _ANY_PREFIX + _json_literal(agent) + '"'


def _ours(pattern: str) -> tuple[str | None, str] | None:
    """(plugin, agent) of an ``input_match`` that :func:`input_match` wrote, else None."""
    if not (pattern.startswith(_SUBAGENT) and pattern.endswith('"')):
        return None
    head, any_prefix, tail = pattern[len(_SUBAGENT) : -1].partition(_ANY_PREFIX)
    try:
        plugin, agent = (json.loads(f'"{_unescape(x)}"') for x in (head, tail))
    except ValueError:
        return None
    if not any_prefix or (head and not plugin.endswith(":")):
        return None
    plugin = plugin[:-1] or None
    return (plugin, agent) if input_match(agent, plugin) == pattern else None


def _agent_in(pattern: str) -> tuple[str | None, str] | None:
    """(plugin, agent) an ``input_match`` looks for: ours exactly; in a hand-written one, the
    name after ``subagent_type``, or the whole pattern when it is just a name."""
    if (found := _ours(pattern)) is not None:
        return found
    cleaned = re.sub(r"\\(.)", r"\1", _REGEX_TOKENS.sub(" ", pattern))
    m = re.search(r"subagent_type\W*(" + _NAME + ")", cleaned)
    if m is None and "subagent_type" not in cleaned:
        m = re.fullmatch(r"\W*(" + _NAME + r")\W*", cleaned)
    if m is None:
        return None
    plugin, _, agent = m.group(1).rpartition(":")
    return plugin or None, agent


def _on_agent(graders: Iterable[Grader]) -> list[Grader]:
    """The ``tool_used`` graders on the ``Agent`` tool."""
    return [g for g in graders if (g.values.get("type"), g.values.get("tool")) == _ON_AGENT]


def _delegation(graders: list[Grader]) -> tuple[str | None, str | None, str | None]:
    """(agent, plugin, expect) from the one ``tool_used`` grader on ``Agent``, if there is one."""
    on_agent = _on_agent(graders)
    if len(on_agent) != 1:
        return None, None, None
    values = on_agent[0].values
    pattern = values.get("input_match")
    found = _agent_in(pattern) if isinstance(pattern, str) else None
    if found is None:
        return None, None, None
    plugin, agent = found
    low, high = values.get("min", 1), values.get("max")
    expect = "avoid" if high == 0 else "use" if high is None and low >= 1 else None
    return agent, plugin, expect


def case_folder(path: str | Path) -> Path:
    """The folder of the case an eval file (``prompt.md``, ``case.yaml``, a grader) belongs to."""
    p = Path(path)
    return p.parent.parent if p.parent.name == GRADERS else p.parent


def is_grader(path: str | Path) -> bool:
    return Path(path).parent.name == GRADERS


def file_label(path: str | Path) -> str:
    """A case file as the project tree lists it: ``prompt.md`` as its case, a grader as
    ``case › grader``."""
    p = Path(path)
    if p.parent.name == GRADERS:
        return f"{p.parent.parent.name} › {p.stem}"
    return p.parent.name if p.name == PROMPT else p.stem


def cases_for(cases: Iterable[Case], agent: str) -> list[Case]:
    """The cases testing ``agent``, in the order Claude Code runs them (the user's order)."""
    return [c for c in cases if c.agent == agent]


# -- writing ----------------------------------------------------------------------------------


def slug(agent: str) -> str:
    """The agent's name as a folder name: lowercase letters, digits and single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", agent.lower()).strip("-")[:60].strip("-") or "agent"


def _numbers(evals: Path, prefix: str) -> list[int]:
    if not evals.is_dir():
        return []
    found = (_OURS.fullmatch(p.name) for p in evals.iterdir())
    return [int(m["number"]) for m in found if m and m["slug"] == prefix]


def _prompt_text(prompt: str) -> str:
    return f"---\ntags: [{TAG}]\n---\n\n{prompt.strip()}\n"


def _grader_said(agent: str, plugin: str | None, expect: str | None) -> str:
    """The body of the grader we write: what it checks, in words."""
    called = json.dumps(f"{plugin}:{agent}" if plugin else agent, ensure_ascii=False)
    verb = "hands this prompt to" if expect == "use" else "does not hand this prompt to"
    return f"Claude {verb} the {called} agent."


def _grader_text(agent: str, plugin: str | None, expect: str) -> str:
    limits = "min: 1\n" if expect == "use" else "min: 0\nmax: 0\n"
    return (
        f"---\ntype: tool_used\ntool: Agent\n"
        f"input_match: {emit.inline_str(input_match(agent, plugin))}\n{limits}---\n\n"
        f"{_grader_said(agent, plugin, expect)}\n"
    )


def _check_prompt(prompt: str) -> None:
    if not prompt.strip():
        raise CaseRefused("the prompt is empty")
    if len(_prompt_text(prompt).encode("utf-8")) > MAX_BYTES:
        raise CaseRefused("the prompt is larger than 1 MiB, which Claude Code does not read")


def add_case(evals: str | Path, agent: str, prompt: str, expect: str) -> Case:
    """Write a new delegation test of ``agent`` after its others; the case as read back.

    ``expect`` is ``"use"`` or ``"avoid"``. The plugin holding ``evals`` (if any) qualifies
    the agent's name in the grader.
    """
    if expect not in EXPECTS:
        raise CaseRefused(f"expect must be one of {', '.join(EXPECTS)}, not {expect!r}")
    if not agent.strip():
        raise CaseRefused("the agent has no name")
    _check_prompt(prompt)
    root = Path(evals)
    owner = plugin_root(root / PROMPT)
    plugin = plugin_name(owner) if owner else None
    prefix = slug(agent)
    number = max(_numbers(root, prefix), default=0) + 1
    while (folder := root / f"{prefix}--{number:03d}-{expect}").exists():
        number += 1
    (folder / GRADERS).mkdir(parents=True)
    atomic_write(folder / PROMPT, _prompt_text(prompt).encode("utf-8"))
    atomic_write(folder / GRADERS / GRADER, _grader_text(agent, plugin, expect).encode("utf-8"))
    return read_case(folder)


def prompt_edits(text: str, prompt: str) -> list[Edit]:
    """Edits of a ``prompt.md`` text that make its body ``prompt``, leaving the frontmatter
    and the blank lines around the prompt as they are (for an open buffer, or the file)."""
    _check_prompt(prompt)
    parsed = frontmatter.parse(text)
    start = parsed.body_start
    body = text[start:]
    lead = len(body) - len(body.lstrip())
    tail = len(body.rstrip())
    nl = detect_newline(text).preferred
    new = prompt.strip().replace("\r\n", "\n").replace("\n", nl)
    if tail <= lead:  # an empty body
        new = (nl if start else "") + new + nl
        return [Edit(start, len(text), new).trimmed(text)]
    return [Edit(start + lead, start + tail, new).trimmed(text)]


def edit_prompt(case: Case, prompt: str) -> Case:
    """Give ``case`` a new prompt on disk (a minimal edit of ``prompt.md``); the case read back."""
    path = case.folder / PROMPT
    if not path.is_file():
        raise CaseRefused(f"{case.name} keeps its prompt in {CASE_YAML}: edit that file by hand")
    try:
        data = decode(path.read_bytes())
    except (OSError, DecodeError) as exc:
        raise CaseRefused(f"{path}: {exc}") from None
    new = apply_edits(data.text, prompt_edits(data.text, prompt))
    atomic_write(path, replace(data, text=new).encode())
    return read_case(case.folder)


def remove_case(case: Case) -> None:
    """Delete the case's folder (refused for anything but a real case folder)."""
    folder = case.folder
    if folder.is_symlink() or not ((folder / PROMPT).is_file() or (folder / CASE_YAML).is_file()):
        raise CaseRefused(f"{folder} is not a case folder")
    shutil.rmtree(folder)


def reorder(cases: list[Case]) -> list[Case]:
    """Renumber the cases' folders so Claude Code (and the pane) list them in this order.

    Ours keep their agent prefix and tail; a hand-written case of a known agent takes the
    agent prefix before its own name. Renames go through temporary names, so no folder is
    overwritten; the cases are returned read back.
    """
    targets = []
    for i, case in enumerate(cases, 1):
        m = _OURS.fullmatch(case.folder.name)
        rest = m["rest"] if m else case.folder.name
        prefix = m["slug"] if m else slug(case.agent) if case.agent else None
        name = f"{prefix}--{i:03d}-{rest}" if prefix else f"{i:03d}-{rest}"
        targets.append(case.folder.with_name(name))
    moving = [(c.folder, t) for c, t in zip(cases, targets, strict=True) if c.folder != t]
    taken = {t for _, t in moving} - {f for f, _ in moving}
    if clash := [t for t in taken if t.exists()]:
        raise CaseRefused(f"{clash[0].name} already exists")
    parked = []
    for i, (old, new) in enumerate(moving):
        temp = old.with_name(f".reorder-{os.getpid()}-{i}")
        old.rename(temp)
        parked.append((temp, new))
    for temp, new in parked:
        temp.rename(new)
    return [read_case(t) for t in targets]


def _renamed_grader(case: Case, agent: str) -> tuple[Path, bytes]:
    """The delegation grader file of ``case`` and its bytes naming ``agent`` instead: its
    ``input_match`` value replaced (and our body sentence with it), the rest as it is."""
    old = case.agent or ""
    (grader,) = _on_agent(case.graders)
    path = grader.file
    if path is None or path.name == CASE_YAML:
        raise CaseRefused(f"{case.name} keeps its graders in {CASE_YAML}: edit it by hand", path)
    pattern = grader.values["input_match"]
    if _ours(pattern) is not None:
        new = input_match(agent, case.plugin)
    else:
        new = pattern.replace(_json_literal(old), _json_literal(agent))
        if _agent_in(new) != (case.plugin, agent):
            raise CaseRefused(f"{pattern!r} does not name {old} plainly: edit it by hand", path)
    try:
        data = decode(path.read_bytes())
    except (OSError, DecodeError) as exc:
        raise CaseRefused(f"{path}: {exc}") from None
    start, end = frontmatter.parse(data.text).frontmatter.get("input_match").value_span
    text = data.text[:start] + emit.inline_str(new) + data.text[end:]
    said = _grader_said(old, case.plugin, case.expect)
    if grader.body == said:
        text = text.replace(said, _grader_said(agent, case.plugin, case.expect), 1)
    return path, replace(data, text=text).encode()


def move_cases(evals: str | Path, old: str, new: str) -> list[Case]:
    """Make ``old``'s cases test ``new`` (the agent was renamed): each folder's agent prefix
    and its grader's ``input_match``, all or none (every new text is made and every new
    folder name checked before anything is written), and the History's runs with them."""
    if not new.strip():
        raise CaseRefused("the agent has no name")
    root = Path(evals)
    cases = cases_for(read_cases(root).cases, old)
    graders, targets = [], []
    for case in cases:
        graders.append(_renamed_grader(case, new))
        m = _OURS.fullmatch(case.folder.name)
        name = f"{slug(new)}--{m['number']}-{m['rest']}" if m and m["slug"] == slug(old) else None
        targets.append(case.folder.with_name(name) if name else case.folder)
    if clash := [t for c, t in zip(cases, targets, strict=True) if t != c.folder and t.exists()]:
        raise CaseRefused(f"{clash[0].name} already exists")
    for (path, data), case, target in zip(graders, cases, targets, strict=True):
        atomic_write(path, data)
        case.folder.rename(target)
    History(root).rename(old, new)
    return [read_case(t) for t in targets]
