"""Code blocks for the preview: pygments tokens as ``hl-`` CSS classes in a padded table.

The HTML of a block does not depend on the theme; :func:`code_stylesheet` gives the token
colours for the light or the dark pygments style. Pygments is imported on first use.
"""

from __future__ import annotations

import html
from functools import lru_cache

PYGMENTS_STYLES = {False: "default", True: "one-dark"}
CODE_CLASS_PREFIX = "hl-"


@lru_cache(maxsize=128)
def _lexer(lang: str):
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(lang, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


@lru_cache(maxsize=1)
def _formatter():
    # from its own module: the package ``pygments.formatters`` gives its formatters' names
    # lazily, and two threads (the preview renders on the UI thread and on its worker) that
    # first ask it at once can get ImportError
    from pygments.formatters.html import HtmlFormatter

    return HtmlFormatter(nowrap=True, classprefix=CODE_CLASS_PREFIX)


def code_block(code: str, info: str = "") -> str:
    """A code block as a padded one-cell table; tokens carry ``hl-`` classes."""
    lang = info.strip().strip("{}").lstrip(".").split(" ")[0].lower()
    lexer = _lexer(lang) if lang else None
    if lexer is None:
        body = html.escape(code, quote=False)
    else:
        from pygments import highlight

        body = highlight(code, lexer, _formatter())
        body = body[:-1] if body.endswith("\n") else body
    return (
        '<table class="code" width="100%" border="0" cellspacing="0" cellpadding="10">'
        f"<tr><td><pre>{body}</pre></td></tr></table>"
    )


@lru_cache(maxsize=2)
def code_stylesheet(dark: bool) -> str:
    """CSS for the ``hl-`` token classes in the light or dark pygments style.

    The selectors name the element (``span.hl-k``, the only tag pygments writes): Qt then
    tries them on spans only, not on every element, which makes parsing a page with code
    about a third faster."""
    from pygments.formatters.html import HtmlFormatter

    fmt = HtmlFormatter(style=PYGMENTS_STYLES[dark], classprefix=CODE_CLASS_PREFIX)
    rules = (r.split(" /*")[0] for r in fmt.get_token_style_defs(""))
    return "\n".join(
        f"span{r}" if r.startswith(f".{CODE_CLASS_PREFIX}") else r
        for r in rules
        if "{  }" not in r and "border" not in r
    )


def code_background(dark: bool) -> str:
    from pygments.styles import get_style_by_name

    return get_style_by_name(PYGMENTS_STYLES[dark]).background_color
