"""Counted nouns in the app's messages: the core's, which the command line shares."""

from ..core.words import plural

__all__ = ["plural"]
