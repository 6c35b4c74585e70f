"""Find and replace: a query and its matches in one text (:mod:`.query`), and across the
files of a project or the open tabs (:mod:`.across`)."""

from .across import (
    LIMIT,
    FileMatches,
    Found,
    Skipped,
    Written,
    read_text,
    refusal,
    replace_in_file,
    restore,
    search_files,
    search_texts,
)
from .query import Match, PatternError, Query, find_all, replace_edits, replacements

__all__ = [
    "LIMIT",
    "FileMatches",
    "Found",
    "Match",
    "PatternError",
    "Query",
    "Skipped",
    "Written",
    "find_all",
    "read_text",
    "refusal",
    "replace_edits",
    "replace_in_file",
    "replacements",
    "restore",
    "search_files",
    "search_texts",
]
