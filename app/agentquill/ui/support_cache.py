"""A bytecode cache for the Python modules PySide6 carries inside its shiboken library.

``import PySide6`` starts shiboken's signature support (``signature_bootstrap`` and the
``shibokensupport`` package: signatures, error messages, ``__feature__``), kept as source text
in a zip embedded in the library and compiled with ``compile()`` on every launch: ~25 ms of the
app's start-up, which Python's own ``__pycache__`` never sees. While PySide imports, ``compile``
answers those files from a marshal file beside this module's ``.pyc`` files, keyed by the file's
name, its text and the Python version, and writes the file again when any text was new. The
modules run as PySide wrote them, all but the stub writer (``pyside6-genpyi``; ~10 ms with the
``argparse`` and ``logging`` it imports) when PySide imports them: PySide loads that only to
publish it under ``PySide6.support``, so it runs on its first use instead.

Like ``.pyc`` files, nothing is written under ``PYTHONDONTWRITEBYTECODE`` or where the package
is read-only, and a missing, stale or unreadable cache only means compiling as before. Should
PySide stop compiling these files, nothing is asked of the cache.
"""

import builtins
import marshal
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import CodeType

#: the file names PySide compiles its embedded modules under
_EMBEDDED = ("signature_bootstrap.py", "shibokensupport/")
CACHE = Path(__file__).with_name("__pycache__") / (
    f"pyside-support.{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal"
)

#: PySide's stub writer: run when one of its names is first looked up. (Not the modules that
#: build signatures and messages: shiboken's C code takes names from them as they load.)
_ON_FIRST_USE = (
    "shibokensupport/signature/lib/pyi_generator.py",
    "shibokensupport/signature/lib/enum_sig.py",
)
_waiting: dict[str, CodeType] = {}
_STAND_IN = """
from {module} import run_on_first_use
__getattr__ = run_on_first_use(globals(), {filename!r})
"""

#: file name -> (its text, its code)
_Codes = dict[str, tuple[bytes, CodeType]]


@contextmanager
def cached_support_bytecode(cache: Path = CACHE) -> Iterator[None]:
    """Within, ``compile`` answers PySide's embedded modules from ``cache``; on leaving, the
    cache is written if a module was compiled anew."""
    codes, fresh = _read(cache), False
    compile_ = builtins.compile

    def compile_support(source, filename, mode, *args, **kwargs):
        """``dont_inherit``: the call comes from here now, and PySide's caller selects no
        ``__future__`` feature, so none is to be inherited."""
        nonlocal fresh
        if args or kwargs or mode != "exec" or not str(filename).startswith(_EMBEDDED):
            return compile_(source, filename, mode, *args, **kwargs)
        text = source.encode() if isinstance(source, str) else bytes(source)
        known = codes.get(filename)
        if known is None or known[0] != text:
            known = codes[filename] = (text, compile_(source, filename, mode, dont_inherit=True))
            fresh = True
        if filename not in _ON_FIRST_USE:
            return known[1]
        _waiting[filename] = known[1]
        stub = _STAND_IN.format(module=__name__, filename=filename)
        return compile_(stub, filename, mode, dont_inherit=True)

    builtins.compile = compile_support
    try:
        yield
    finally:
        builtins.compile = compile_
        if fresh and not sys.dont_write_bytecode:
            _write(cache, codes)


def run_on_first_use(namespace: dict, filename: str):
    """A module's ``__getattr__`` that runs the module's code when a name is first missing
    from it, then answers from what the code defined."""

    def run(name: str):
        del namespace["__getattr__"]
        exec(_waiting.pop(filename), namespace)
        try:
            return namespace[name]
        except KeyError:
            module = namespace["__name__"]
            raise AttributeError(f"module {module!r} has no attribute {name!r}") from None

    return run


def _read(cache: Path) -> _Codes:
    try:
        codes = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return codes if isinstance(codes, dict) else {}


def _write(cache: Path, codes: _Codes) -> None:
    """Whole or not at all: another process may be starting from the same cache."""
    part = cache.with_name(f"{cache.name}.{os.getpid()}")
    try:
        cache.parent.mkdir(exist_ok=True)
        part.write_bytes(marshal.dumps(codes))
        os.replace(part, cache)
    except OSError:
        part.unlink(missing_ok=True)
