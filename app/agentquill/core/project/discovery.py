"""Finding agent files under folders: plain walks for the CLI, and sources for a project.

``discover(root)`` walks a folder once and sorts every agent file into the :class:`Source`
that a tool would load it from (FORMATS.md §1.5, §2.1, §2.3, §3): nested ``.claude/agents``
folders, plugins (``agents/`` beside ``.claude-plugin/plugin.json``, or the paths its manifest
lists), plugins a marketplace names, ``.github/agents``, ``.github/chatmodes``,
``.opencode/agent(s)``, ``.gemini/agents``; any other folder holding agent files is a
"folder" source. Beside agents, Claude Code's skills (``skills/<name>/SKILL.md``), commands,
output styles and rules in ``.claude/`` folders, the user's ``~/.claude`` and plugin roots are
sources of their own kind (:data:`KINDS`); other tools' non-agent folders (commands, issue
templates) are not read. The eval cases of ``claude plugin eval`` (``evals/`` at a plugin's
root, or beside a project's ``.claude/``) are a source of kind ``eval``: their ``prompt.md``
and ``graders/*.md`` files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..dialects import KINDS
from ..files import SKIP_DIRS

#: Scopes in the order the tree shows them; Claude Code's precedence is project > user > plugin.
SCOPES = ("project", "user", "plugin", "copilot", "opencode", "gemini", "folder")
_TITLES = {
    "project": "Project",
    "user": "User",
    "plugin": "Plugin",
    "copilot": "Copilot",
    "opencode": "OpenCode",
    "gemini": "Gemini",
    "folder": "Folder",
}

# (parent folder, folder) → scope of the agents folder it names
_AGENT_DIRS = {
    (".claude", "agents"): "project",
    (".github", "agents"): "copilot",
    (".github", "chatmodes"): "copilot",
    (".copilot", "agents"): "copilot",
    (".opencode", "agent"): "opencode",
    (".opencode", "agents"): "opencode",
    (".opencode", "mode"): "opencode",
    (".opencode", "modes"): "opencode",
    ("opencode", "agent"): "opencode",  # ~/.config/opencode
    ("opencode", "agents"): "opencode",
    (".gemini", "agents"): "gemini",
    ("gemini-cli", "agents"): "gemini",
}
#: folder → the kind of file Claude Code reads from it in ``.claude/``, ``~/.claude/`` and
#: plugin roots (plugins have no rules)
KIND_DIRS = {folder: kind for kind, (_, folder) in KINDS.items() if kind not in ("agent", "eval")}
_PLUGIN_KINDS = ("skills", "commands", "output-styles")
# folders of the tools' own config dirs that hold markdown with frontmatter but no agents
_NOT_AGENTS = {
    ".claude": frozenset({"hooks"}),
    ".github": frozenset(
        {
            "ISSUE_TEMPLATE",
            "PULL_REQUEST_TEMPLATE",
            "DISCUSSION_TEMPLATE",
            "prompts",
            "instructions",
            "workflows",
        }
    ),
    ".opencode": frozenset({"command", "commands"}),
    ".gemini": frozenset({"commands"}),
}
_PLUGIN_NOT_AGENTS = frozenset({"hooks", "workflows", "monitors", "themes"})
_PLUGIN_PARTS = frozenset({"agents", *_PLUGIN_KINDS})  # what makes plugins/<name> a plugin


@dataclass(frozen=True)
class Source:
    """Where a group of agent files is loaded from.

    ``scope`` is one of :data:`SCOPES`; ``label`` is the group header a tree shows, e.g.
    "Project · .claude/agents", "Plugin · my-plugin" or "Skills · Plugin · my-plugin";
    ``plugin`` names a plugin's agents; ``kind`` is a :data:`KINDS` key.
    """

    root: Path
    scope: str
    label: str
    plugin: str | None = None
    kind: str = "agent"


def looks_like_agent(path: str | Path) -> bool:
    """A markdown file (or an extension-less one) that opens with a ``---`` line."""
    if not may_be_agent(path):
        return False
    try:
        with open(path, "rb") as fh:
            return _opens_frontmatter(fh.read(8))
    except OSError:
        return False


def may_be_agent(path: str | Path) -> bool:
    """The name test of :func:`looks_like_agent` (``.md``, ``.mdc`` or no extension)."""
    return os.path.splitext(path)[1] in (".md", ".mdc", "")


def named_as_agent(source: Source | None, name: str) -> bool:
    """A file the tool of ``source`` would take for an agent by its name and place, with or
    without frontmatter: listed even when empty, so its problem shows and it can be fixed.

    Claude Code skips a README in ``.claude/agents`` but registers one in a plugin (FORMATS.md),
    and Copilot reads only ``*.agent.md`` and ``*.chatmode.md``; loose markdown in a plain
    folder is not an agent. A skill is its ``SKILL.md``; a command, output style or rule needs
    no frontmatter.
    """
    if source is None or source.scope == "folder":
        return False
    if source.kind != "agent":
        return name == "SKILL.md" if source.kind == "skill" else name.endswith(".md")
    if source.scope == "copilot":
        return name.endswith((".agent.md", ".chatmode.md"))
    return name.endswith(".md") and (name.lower() != "readme.md" or source.scope == "plugin")


def _opens_frontmatter(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"---")


class Sniffer:
    """:func:`looks_like_agent` for :func:`discover_paths` that keeps the bytes it read.

    An agent file is read whole while the bytes kept stay under ``budget``, so whoever reads
    the files next takes them with :meth:`take` instead of opening each file twice.
    """

    def __init__(self, budget: int = 16_000_000):
        self.budget = budget
        self.kept: dict[str, bytes] = {}

    def __call__(self, path: str) -> bool:
        if not may_be_agent(path):
            return False
        try:
            with open(path, "rb") as fh:
                head = fh.read(8)
                if not _opens_frontmatter(head):
                    return False
                if self.budget > len(head):
                    data = head + fh.read(self.budget - len(head) + 1)
                    if len(data) <= self.budget:
                        self.kept[path] = data
                        self.budget -= len(data)
        except OSError:
            return False
        return True

    def take(self, path: str) -> bytes | None:
        """The bytes read from ``path`` (once), or None when they were not kept."""
        return self.kept.pop(path, None)


def agent_locations(base: Path) -> list[Path]:
    """The folders under ``base`` that tools load agents from (``.claude/agents``,
    ``.github/agents``, ...), whether they exist or not: a project watches the nearest
    existing ones to see a new one appear."""
    return [base / parent / name for parent, name in _AGENT_DIRS]


def agent_stem(path: Path) -> str:
    """The file name without its agent suffix (``x.agent.md``, ``x.chatmode.md``, ``x.md``);
    for a ``SKILL.md``, its folder's name, under which Claude Code registers the skill."""
    name = path.name
    if name == "SKILL.md":
        return path.parent.name
    for suffix in (".agent.md", ".chatmode.md", ".md", ".mdc"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def discover(root: Path, user_agents: Path | None = None) -> list[tuple[Source, list[Path]]]:
    """Every agent file under ``root`` (and ``user_agents``), grouped by source.

    Sources come by kind (agents first), then in :data:`SCOPES` order, then by folder; files
    in each are sorted absolute paths. With ``user_agents`` (``~/.claude/agents``) come the
    skills, commands, output styles and rules beside it.
    """
    return [(s, [Path(f) for f in files]) for s, files in discover_paths(root, user_agents)]


def discover_paths(
    root: Path,
    user_agents: Path | None = None,
    is_agent: Callable[[str], bool] = looks_like_agent,
) -> list[tuple[Source, list[str]]]:
    """:func:`discover` with the paths as strings, cheaper for ten thousand files.

    ``is_agent`` decides for each candidate file (an index passes one that consults its cache
    before reading the file).
    """
    walk = _Walk(is_agent)
    root = Path(os.path.abspath(root))
    user = Path(os.path.abspath(user_agents)) if user_agents is not None else None
    if user is not None and user.is_dir():
        walk.skip.add(str(user))
        walk.run(str(user), Source(user, "user", f"User · {_home_relative(user)}"))
    for folder, kind in KIND_DIRS.items() if user is not None and user.name == "agents" else ():
        beside = user.parent / folder
        if beside.is_dir():
            walk.skip.add(str(beside))
            walk.run(str(beside), _kind_source(beside, kind, "user", _home_relative(beside)))
    if root.is_dir():
        walk.run(str(root), _context_of(root))
    elif root.is_file() and is_agent(str(root)):
        walk.found.setdefault(_folder_source(root.parent, root.parent), []).append(str(root))
    groups = [(s, sorted(files)) for s, files in walk.found.items() if files]
    kinds = list(KINDS)
    groups.sort(key=lambda g: (kinds.index(g[0].kind), SCOPES.index(g[0].scope), str(g[0].root)))
    return groups


class _Walk:
    """One top-down walk; each folder inherits its parent's source unless it starts a new one."""

    def __init__(self, is_agent: Callable[[str], bool]):
        self.is_agent = is_agent
        self.found: dict[Source, list[str]] = {}
        self.skip: set[str] = set()
        self.plugin_dirs: dict[str, Source] = {}  # folders and files a plugin manifest names
        self.plugin_roots: dict[str, str] = {}  # plugin folder → the plugin's name
        self.pending: dict[str, tuple[str, object]] = {}  # marketplace plugin dir → name, agents

    def run(self, top: str, context: Source | None) -> None:
        self.top = top
        stack = [(top, context)]
        while stack:
            folder, context = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                continue
            names = {e.name for e in entries}
            if ".claude-plugin" in names:
                self._manifests(folder)
            if folder in self.pending or (
                not names.isdisjoint(_PLUGIN_PARTS)
                and os.path.basename(os.path.dirname(folder)) == "plugins"
            ):
                self._plugin(folder, None)
            children = []
            for entry in entries:
                if entry.name in SKIP_DIRS or entry.path in self.skip:
                    continue
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)  # as os.walk: no link loops
                except OSError:
                    continue
                if is_dir:
                    child = self._child(folder, entry.name, entry.path, context)
                    if child is not False:
                        children.append((entry.path, child))
                    continue
                source = self.plugin_dirs.get(entry.path, context)
                if source is not None and source.kind != "agent":
                    if _kind_file(source, folder, entry.name) and entry.is_file():
                        self.is_agent(entry.path)  # stamps the file and keeps its bytes
                        self.found.setdefault(source, []).append(entry.path)
                elif self.is_agent(entry.path) or (
                    named_as_agent(source, entry.name) and entry.is_file()
                ):
                    if source is None:
                        source = context = _folder_source(Path(folder), Path(self.top))
                    self.found.setdefault(source, []).append(entry.path)
            stack.extend(reversed(children))

    def _child(self, folder: str, name: str, path: str, context: Source | None):
        """The source of a subfolder, or False when it holds no agents and is not walked."""
        if path in self.plugin_dirs:
            return self.plugin_dirs[path]
        parent = os.path.basename(folder)
        scope = _AGENT_DIRS.get((parent, name))
        if scope is not None:
            return _tool_source(Path(path), scope, Path(self.top))
        if name in KIND_DIRS and parent == ".claude":
            return _claude_kind_source(Path(path), Path(self.top))
        plugin = self.plugin_roots.get(folder)
        if name == "evals" and (plugin is not None or _holds(folder, ".claude")):
            return _evals_source(Path(path), plugin, Path(self.top))
        if plugin is not None and name in _PLUGIN_KINDS:
            return _kind_source(Path(path), KIND_DIRS[name], "plugin", plugin, plugin)
        if name in _NOT_AGENTS.get(parent, ()) or (
            folder in self.plugin_roots and name in _PLUGIN_NOT_AGENTS
        ):
            return False
        if context is not None and context.scope == "folder":
            return None  # each plain folder is its own group
        return context

    def _manifests(self, folder: str) -> None:
        meta = os.path.join(folder, ".claude-plugin")
        market = _read_json(os.path.join(meta, "marketplace.json"))
        plugins = market.get("plugins") if isinstance(market, dict) else None
        if isinstance(plugins, list):
            base = ""
            metadata = market.get("metadata")
            if isinstance(metadata, dict) and isinstance(metadata.get("pluginRoot"), str):
                base = metadata["pluginRoot"]
            for entry in plugins:
                if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
                    continue
                src = entry["source"]
                rel = src if src.startswith(".") else os.path.join(base, src)
                target = _inside(folder, rel)
                if target is not None:
                    name = entry.get("name")
                    name = name if isinstance(name, str) and name else os.path.basename(target)
                    self.pending[target] = (name, entry.get("agents"))
        manifest_path = os.path.join(meta, "plugin.json")
        if os.path.isfile(manifest_path):  # a broken manifest still marks a plugin
            manifest = _read_json(manifest_path)
            manifest = manifest if isinstance(manifest, dict) else {}
            name = manifest.get("name")
            self._plugin(folder, name if isinstance(name, str) and name else None, manifest)

    def _plugin(self, folder: str, name: str | None, manifest: dict | None = None) -> None:
        """Register a plugin rooted at ``folder``: its agents folders and listed files."""
        if folder in self.plugin_roots and manifest is None:
            return
        market_name, market_agents = self.pending.get(folder, (None, None))
        name = self.plugin_roots[folder] = name or market_name or os.path.basename(folder)
        agents = market_agents
        if agents is None and manifest is not None:
            agents = manifest.get("agents")
        if isinstance(agents, str):
            agents = [agents]
        if not isinstance(agents, list) or not agents:
            agents = ["./agents"]
        for rel in agents:
            target = _inside(folder, rel) if isinstance(rel, str) else None
            if target is None:
                continue
            root = target if not os.path.isfile(target) else folder
            self.plugin_dirs[target] = Source(Path(root), "plugin", f"Plugin · {name}", name)


def _context_of(root: Path) -> Source | None:
    """The source ``root`` itself belongs to when it lies inside an agents folder (or a
    ``.claude/`` folder of skills, commands, output styles or rules)."""
    for folder in (root, *root.parents):
        parent = folder.parent
        scope = _AGENT_DIRS.get((parent.name, folder.name))
        if scope is not None:
            return _tool_source(folder, scope, root)
        if folder.name in KIND_DIRS and parent.name == ".claude":
            return _claude_kind_source(folder, root)
        if folder.name == "agents" and (
            (parent / ".claude-plugin" / "plugin.json").is_file() or parent.parent.name == "plugins"
        ):
            name = _plugin_name(parent)
            return Source(folder, "plugin", f"Plugin · {name}", name)
    return None


def _tool_source(folder: Path, scope: str, top: Path) -> Source:
    if scope == "project" and folder == Path.home() / ".claude" / "agents":
        return Source(folder, "user", f"User · {_home_relative(folder)}")
    return Source(folder, scope, f"{_TITLES[scope]} · {_shown(folder, top)}")


def _kind_source(
    folder: Path, kind: str, scope: str, where: str, plugin: str | None = None
) -> Source:
    """The source of a skills, commands, output-styles or rules folder."""
    label = f"{KINDS[kind][0]} · {_TITLES[scope]} · {where}"
    return Source(folder, scope, label, plugin, kind)


def _claude_kind_source(folder: Path, top: Path) -> Source:
    """The source of a skills, commands, output-styles or rules folder in a ``.claude/``."""
    user = folder.parent == Path.home() / ".claude"
    where = _home_relative(folder) if user else _shown(folder, top)
    return _kind_source(folder, KIND_DIRS[folder.name], "user" if user else "project", where)


def _holds(folder: str, name: str) -> bool:
    return os.path.isdir(os.path.join(folder, name))


def _evals_source(folder: Path, plugin: str | None, top: Path) -> Source:
    """The source of the eval cases of a plugin, or of a project (beside its ``.claude/``)."""
    if plugin is not None:
        return _kind_source(folder, "eval", "plugin", plugin, plugin)
    return _kind_source(folder, "eval", "project", _shown(folder, top))


def _kind_file(source: Source, folder: str, name: str) -> bool:
    """A file Claude Code reads from the ``source`` folder: a skill's ``SKILL.md`` one folder
    down, an output style at the top, any markdown of commands and rules, an eval case's
    ``prompt.md`` and ``graders/*.md``."""
    if not named_as_agent(source, name):
        return False
    root = str(source.root)
    if source.kind == "eval":
        case = os.path.dirname(folder) if os.path.basename(folder) == "graders" else None
        return folder != root and (name == "prompt.md" if case is None else case != root)
    if source.kind == "skill":
        return os.path.dirname(folder) == root
    return folder == root if source.kind == "output-style" else True


def _folder_source(folder: Path, top: Path) -> Source:
    shown = _shown(folder, top) if folder != top else ""
    return Source(folder, "folder", f"Folder · {shown}" if shown else "Folder")


def _shown(folder: Path, top: Path) -> str:
    """``folder`` relative to the opened folder, or its last two parts when above it."""
    try:
        rel = folder.relative_to(top)
    except ValueError:
        return _home_relative(folder)
    if rel == Path("."):
        return "/".join(folder.parts[-2:])
    return rel.as_posix()


def _home_relative(path: Path) -> str:
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return path.as_posix()


def _plugin_name(folder: Path) -> str:
    manifest = _read_json(str(folder / ".claude-plugin" / "plugin.json"))
    name = manifest.get("name") if isinstance(manifest, dict) else None
    return name if isinstance(name, str) and name else folder.name


def _inside(folder: str, rel: str) -> str | None:
    """``rel`` resolved against ``folder``, or None when it is absolute or climbs out."""
    if os.path.isabs(rel):
        return None
    target = os.path.normpath(os.path.join(folder, rel))
    if target != folder and not target.startswith(folder.rstrip(os.sep) + os.sep):
        return None
    return target


def _read_json(path: str) -> object:
    """The parsed JSON file, or None when it is missing or broken."""
    try:
        with open(path, "rb") as fh:
            return json.loads(fh.read())
    except (OSError, ValueError):
        return None
