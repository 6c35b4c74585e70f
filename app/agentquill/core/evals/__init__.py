"""Eval cases for ``claude plugin eval``: the delegation tests of an agent (does Claude hand
it the prompts it should, and not the others?), read and written as plain case files.

The face other packages use:

- :class:`Case`, :class:`Grader`, :class:`Suite`, :class:`CaseError`, :class:`CaseRefused`;
  :func:`evals_dir` (the ``evals/`` of an agent's plugin or project), :func:`read_cases` (cases
  in run order + one error per broken case, naming the file and why; never raises),
  :func:`read_case`, :func:`cases_for` (one agent's cases, in the user's order),
  :func:`add_case`, :func:`edit_prompt` (or :func:`prompt_edits` for an open buffer),
  :func:`remove_case`, :func:`reorder`, :func:`move_cases` (a renamed agent's, with its
  History); :func:`input_match` (the grader's regex for an agent),
  :func:`slug` (an agent's folder prefix: ``--case '<slug>--*'`` runs its cases),
  :func:`file_label` (a case file's name in the project tree), :func:`case_folder`,
  :func:`is_grader`, :func:`plugin_root`,
  :func:`plugin_name`.
- Running: :func:`eval_arguments` (the ``claude plugin eval`` command, always with a cost
  ceiling; with an output folder it reports progress and writes :data:`RESULT_FILE` there,
  else ``--json`` on stdout), :func:`project_plugin` (the temporary plugin a plain project's
  agents run from), :func:`parse_progress` (a stderr line → :class:`Planned`,
  :class:`RunDone`, :class:`CaseDone`, :class:`LoadError` or :class:`KeptSandbox`;
  :func:`discard_sandbox` removes a kept one), :func:`parse_result` →
  :class:`Result` (:class:`CaseResult`, :class:`Run`, :class:`Verdict`, :class:`Failure`;
  :class:`ResultError` for a wrong shape), :func:`load_errors` (the cases the binary refused,
  with its own messages).
- History: :func:`description_hash`, :func:`prompt_key` (what a case's figures are kept
  under), :class:`History` (``record``, ``runs`` → :class:`Entry`), kept in
  ``evals/delegation-history.jsonl``.
- :mod:`.schema`: the keys case files take (``PROMPT_KEYS``, ``GRADER_KEYS``, ``REQUIRED``)
  and their checks (``prompt_problems``, ``grader_problems``, ``regex_problem``: JavaScript's
  regex syntax, as the binary compiles it), shared with lint, the case reader and the form.

The files and what Claude Code makes of them are described in :mod:`.cases`, :mod:`.schema`,
:mod:`.command`, :mod:`.results` and :mod:`.history`.
"""

from importlib import import_module
from typing import Any

from . import schema

#: the face's names by the module that holds them, loaded when one is first asked for: lint and
#: the form read :mod:`.schema` at start-up; cases, runs and history only once a pane needs them
_FROM = {
    "cases": (
        *("Case", "CaseError", "CaseRefused", "Grader", "Suite", "add_case", "case_folder"),
        *("cases_for", "edit_prompt", "evals_dir", "file_label", "input_match", "is_grader"),
        *("move_cases", "plugin_name"),
        *("plugin_root", "prompt_edits", "read_case", "read_cases", "remove_case"),
        *("reorder", "slug"),
    ),
    "command": ("RESULT_FILE", "discard_sandbox", "eval_arguments", "project_plugin"),
    "history": ("Entry", "History", "description_hash", "prompt_key"),
    "results": (
        *("CaseDone", "CaseResult", "Failure", "KeptSandbox", "LoadError", "Planned"),
        *("Progress", "Result", "ResultError", "Run", "RunDone", "Verdict", "load_errors"),
        *("parse_progress", "parse_result"),
    ),
}
_MODULE_OF = {name: module for module, names in _FROM.items() for name in names}


def __getattr__(name: str) -> Any:
    """A name of the face, from its module on first use (then kept here)."""
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(import_module(f".{_MODULE_OF[name]}", __name__), name)
    return value


__all__ = [
    "RESULT_FILE",
    "Case",
    "CaseDone",
    "CaseError",
    "CaseRefused",
    "CaseResult",
    "Entry",
    "Failure",
    "Grader",
    "History",
    "KeptSandbox",
    "LoadError",
    "Planned",
    "Progress",
    "Result",
    "ResultError",
    "Run",
    "RunDone",
    "Suite",
    "Verdict",
    "add_case",
    "cases_for",
    "description_hash",
    "discard_sandbox",
    "edit_prompt",
    "eval_arguments",
    "evals_dir",
    "case_folder",
    "file_label",
    "is_grader",
    "input_match",
    "load_errors",
    "move_cases",
    "parse_progress",
    "parse_result",
    "plugin_name",
    "plugin_root",
    "project_plugin",
    "prompt_key",
    "prompt_edits",
    "read_case",
    "read_cases",
    "remove_case",
    "reorder",
    "schema",
    "slug",
]
