"""Claude Code plugin and marketplace manifests: building and validating (FORMATS §2.2, §2.3).

``validate_plugin`` and ``validate_marketplace`` return a list of :class:`Problem`, each naming
the field (``author.name``, ``plugins[2].source``) so a form can show it beside the input.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

PLUGIN_JSON = ".claude-plugin/plugin.json"
MARKETPLACE_JSON = ".claude-plugin/marketplace.json"
MARKETPLACE_SCHEMA = "https://json.schemastore.org/claude-code-marketplace.json"

KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
)
RESERVED_MARKETPLACE_NAMES = frozenset(
    {
        "claude-code-marketplace",
        "claude-code-plugins",
        "claude-plugins-official",
        "anthropic-plugins",
        "agent-skills",
    }
)
_STRINGS = ("$schema", "displayName", "description", "homepage", "repository", "license", "icon")
_PATHS = ("skills", "commands", "agents", "workflows", "outputStyles")
_PATHS_OR_CONFIG = ("hooks", "mcpServers", "lspServers")
PLUGIN_KEYS = frozenset(
    {"name", "version", "author", "keywords", "metadata", "defaultEnabled", "userConfig"}
    | {"channels", "dependencies", "experimental", *_STRINGS, *_PATHS, *_PATHS_OR_CONFIG}
)
_SOURCE_KEYS = {
    "github": ("repo",),
    "url": ("url",),
    "git-subdir": ("url", "path"),
    "npm": ("package",),
    "archive": ("url",),
    "command": ("command",),
}


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def load_json(text: str, what: str) -> tuple[Any, list[Problem]]:
    """Parsed JSON, or None and a problem naming the line and column."""
    try:
        return json.loads(text), []
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        return None, [Problem(what, f"not valid JSON at {where}: {exc.msg}")]
    except RecursionError:  # hostile input: arrays or objects nested thousands deep
        return None, [Problem(what, "not valid JSON: nested too deep")]


def plugin_json(
    name: str,
    version: str = "",
    description: str = "",
    author: dict[str, str] | None = None,
    license: str = "",
    keywords: list[str] | None = None,
    homepage: str = "",
    icon: str = "",
) -> dict[str, Any]:
    """A plugin.json object with the given fields, empty ones left out."""
    data: dict[str, Any] = {"name": name}
    optional = {"version": version, "description": description, "homepage": homepage}
    optional["icon"] = icon
    data.update({k: v for k, v in optional.items() if v})
    if author and author.get("name"):
        data["author"] = {k: v for k, v in author.items() if v}
    if license:
        data["license"] = license
    if keywords:
        data["keywords"] = list(keywords)
    return data


def marketplace_json(
    name: str, owner: dict[str, str], plugins: list[dict[str, Any]], description: str = ""
) -> dict[str, Any]:
    """A marketplace.json object listing ``plugins`` (entries with ``name`` and ``source``)."""
    data: dict[str, Any] = {"$schema": MARKETPLACE_SCHEMA, "name": name}
    if description:
        data["description"] = description
    data["owner"] = {k: v for k, v in owner.items() if v}
    data["plugins"] = plugins
    return data


def _check_person(value: Any, where: str, out: list[Problem]) -> None:
    if not isinstance(value, dict):
        out.append(Problem(where, 'must be an object like {"name": "…", "email": "…"}'))
        return
    name = value.get("name")
    if not isinstance(name, str) or not name.strip():
        out.append(Problem(f"{where}.name", "is required and must be text"))
    for key in ("email", "url"):
        if key in value and not isinstance(value[key], str):
            out.append(Problem(f"{where}.{key}", "must be text"))
    email = value.get("email")
    if isinstance(email, str) and email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        out.append(Problem(f"{where}.email", f"{email!r} is not an email address"))


def _check_path(value: Any, where: str, out: list[Problem], allow_dot: bool = False) -> None:
    items = value if isinstance(value, list) else [value]
    for i, item in enumerate(items):
        at = f"{where}[{i}]" if isinstance(value, list) else where
        if not isinstance(item, str):
            out.append(Problem(at, "must be a path (text)"))
        elif not (item.startswith("./") or (allow_dot and item == ".")):
            out.append(Problem(at, f"{item!r} must be a relative path starting with './'"))
        elif ".." in item.split("/"):
            out.append(Problem(at, f"{item!r} contains '..'"))


def _check_name(value: Any, where: str, out: list[Problem], severity: str = "error") -> None:
    if not isinstance(value, str) or not value:
        out.append(Problem(where, "is required and must be text"))
    elif not KEBAB.fullmatch(value):
        out.append(
            Problem(where, f"{value!r} is not kebab-case (lowercase words and hyphens)", severity)
        )


def _check_plugin_fields(data: dict[str, Any], where: str, out: list[Problem]) -> None:
    """The plugin.json fields present in ``data`` (a manifest or a marketplace entry)."""
    p = f"{where}." if where else ""
    if "version" in data and (
        not isinstance(data["version"], str) or not SEMVER.fullmatch(data["version"])
    ):
        out.append(Problem(f"{p}version", f"{data['version']!r} is not a semver like 1.0.0"))
    for key in _STRINGS:
        if key in data and not isinstance(data[key], str):
            out.append(Problem(f"{p}{key}", "must be text"))
    if "author" in data:
        _check_person(data["author"], f"{p}author", out)
    if "keywords" in data:
        kw = data["keywords"]
        if not isinstance(kw, list) or not all(isinstance(k, str) for k in kw):
            out.append(Problem(f"{p}keywords", "must be an array of strings"))
    if "metadata" in data and not isinstance(data["metadata"], dict):
        out.append(Problem(f"{p}metadata", "should be an object", "warning"))
    if "defaultEnabled" in data and not isinstance(data["defaultEnabled"], bool):
        out.append(Problem(f"{p}defaultEnabled", "must be true or false"))
    for key in _PATHS:
        if key in data:
            _check_path(data[key], f"{p}{key}", out, allow_dot=key == "skills")
    for key in _PATHS_OR_CONFIG:
        if key in data and not isinstance(data[key], dict):
            _check_path(data[key], f"{p}{key}", out)


def validate_plugin(data: Any) -> list[Problem]:
    """Problems with a plugin.json object, each naming its field."""
    if not isinstance(data, dict):
        return [Problem("plugin.json", "must be a JSON object")]
    out: list[Problem] = []
    _check_name(data.get("name"), "name", out)
    _check_plugin_fields(data, "", out)
    for key in data:
        if key not in PLUGIN_KEYS:
            out.append(Problem(key, "is not a plugin.json field (ignored)", "warning"))
    return out


def validate_marketplace(data: Any) -> list[Problem]:
    """Problems with a marketplace.json object, each naming its field."""
    if not isinstance(data, dict):
        return [Problem("marketplace.json", "must be a JSON object")]
    out: list[Problem] = []
    name = data.get("name")
    _check_name(name, "name", out)
    if isinstance(name, str) and name in RESERVED_MARKETPLACE_NAMES:
        out.append(Problem("name", f"{name!r} is reserved for official marketplaces"))
    if "owner" not in data:
        out.append(Problem("owner", "is required"))
    else:
        _check_person(data["owner"], "owner", out)
    for key in ("$schema", "description", "version"):
        if key in data and not isinstance(data[key], str):
            out.append(Problem(key, "must be text"))
    plugins = data.get("plugins")
    if not isinstance(plugins, list):
        out.append(Problem("plugins", "is required and must be an array"))
        return out
    seen: set[str] = set()
    for i, entry in enumerate(plugins):
        where = f"plugins[{i}]"
        if not isinstance(entry, dict):
            out.append(Problem(where, "must be an object"))
            continue
        entry_name = entry.get("name")
        _check_name(entry_name, f"{where}.name", out, "warning")
        if isinstance(entry_name, str):
            if entry_name in seen:
                out.append(Problem(f"{where}.name", f'Duplicate plugin name "{entry_name}"'))
            seen.add(entry_name)
        _check_source(entry.get("source"), f"{where}.source", out)
        _check_plugin_fields(entry, where, out)
    return out


def _check_source(source: Any, where: str, out: list[Problem]) -> None:
    if source is None:
        out.append(Problem(where, "is required"))
    elif isinstance(source, str):
        if ".." in source.replace("\\", "/").split("/"):
            out.append(Problem(where, 'Path contains ".."'))
        elif not source.startswith("./"):
            out.append(Problem(where, f"{source!r} must be a relative path starting with './'"))
    elif isinstance(source, dict):
        kind = source.get("source")
        if kind not in _SOURCE_KEYS:
            out.append(Problem(f"{where}.source", f"{kind!r} is not one of {sorted(_SOURCE_KEYS)}"))
            return
        for key in _SOURCE_KEYS[kind]:
            if not isinstance(source.get(key), str):
                out.append(Problem(f"{where}.{key}", f"is required for a {kind} source"))
        path = source.get("path")
        if isinstance(path, str) and ".." in path.split("/"):
            out.append(Problem(f"{where}.path", 'Path contains ".."'))
    else:
        out.append(Problem(where, "must be a './path' or a source object"))
