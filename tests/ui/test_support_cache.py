"""PySide's embedded support modules are compiled once and kept (``ui.support_cache``); its
``.pyi`` stub writer runs on first use. Each case is a fresh process: PySide imports once."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from support import ROOT

DRIVER = """
import builtins, importlib.util, json, sys
from pathlib import Path

compiled = []  # what reaches the real compile, from PySide's loader
compile_ = builtins.compile


def counting(source, filename, *args, **kwargs):
    if filename == "shibokensupport/signature/loader.py":
        compiled.append(filename)
    return compile_(source, filename, *args, **kwargs)


builtins.compile = counting
spec = importlib.util.spec_from_file_location("support_cache", sys.argv[1])
cache = importlib.util.module_from_spec(spec)
sys.modules["support_cache"] = cache  # the stub writer's stand-in imports it by name
spec.loader.exec_module(cache)
with cache.cached_support_bytecode(Path(sys.argv[2])):
    from PySide6.QtWidgets import QApplication, QWidget
stub_writer_loaded = "argparse" in sys.modules

app = QApplication([])
try:
    QWidget().setWindowTitle(3)
except TypeError as error:
    message = str(error)
from PySide6.support.signature.lib import pyi_generator

written = callable(pyi_generator.generate_pyi)
message += QWidget.setWindowTitle.__doc__
print(json.dumps([len(compiled), stub_writer_loaded, message, written]))
"""


def start(tmp_path, write=True):
    """Import PySide under the cache at ``tmp_path / "support.marshal"``: what was compiled, whether
    the stub writer loaded with PySide, a wrong call's message and a method's ``__doc__``, and
    whether the stub writer works when used."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    module = ROOT / "app" / "agentquill" / "ui" / "support_cache.py"
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(module), str(tmp_path / "support.marshal")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_the_second_start_compiles_nothing(tmp_path):
    first = start(tmp_path)
    stamp = (tmp_path / "support.marshal").stat().st_mtime_ns
    second = start(tmp_path)
    assert (first[0], second[0]) == (1, 0)
    assert (tmp_path / "support.marshal").stat().st_mtime_ns == stamp  # nothing new to write


def test_pyside_works_as_before(tmp_path):
    start(tmp_path)
    _, stub_writer_loaded, message, stub_writer_works = start(tmp_path)
    assert "Supported signatures:" in message and "setWindowTitle(arg__1: str, /)" in message
    assert "setWindowTitle(self, arg__1: str, /) -> None" in message  # its __doc__
    assert not stub_writer_loaded
    assert stub_writer_works


def test_an_unreadable_cache_is_compiled_anew(tmp_path):
    (tmp_path / "support.marshal").write_bytes(b"not marshal data")
    assert start(tmp_path)[0] == 1
    assert start(tmp_path)[0] == 0


def test_no_cache_is_written_when_bytecode_is_not(tmp_path):
    assert start(tmp_path, write=False)[0] == 1
    assert not (tmp_path / "support.marshal").exists()
