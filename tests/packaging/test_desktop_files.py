"""Linux desktop integration: one app id everywhere, valid files, `make install-desktop`."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from agentquill import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
SCREENSHOT = ROOT / "resources" / "screenshots" / "agentquill.png"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def validator(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (.ci/run installs it)")
    return path


def test_desktop_file_validates():
    tool = validator("desktop-file-validate")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout


def test_metainfo_validates():
    tool = validator("appstreamcli")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_app_id_everywhere():
    entry = desktop_entry(DESKTOP)
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "agentquill %F"
    assert "text/markdown" in entry["MimeType"].split(";")
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert component.find("releases/release").get("version") == __version__


def test_metainfo_screenshot_is_in_the_repository():
    image = ET.parse(METAINFO).getroot().find("screenshots/screenshot/image")
    assert image.text.endswith("/" + SCREENSHOT.relative_to(ROOT).as_posix())
    assert SCREENSHOT.is_file()
    header = SCREENSHOT.read_bytes()[16:24]
    assert (int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")) == (
        int(image.get("width")),
        int(image.get("height")),
    )


def make(target: str, data_home: Path, program: str) -> None:
    subprocess.run(
        ["make", "--no-print-directory", target, f"XDG_DATA_HOME={data_home}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env=dict(os.environ, AGENTQUILL=program, HOME=str(data_home)),
    )


def test_install_and_uninstall_desktop(tmp_path):
    data = tmp_path / "share"
    program = str(tmp_path / "my apps" / "agentquill")
    make("install-desktop", data, program)
    installed = data / "applications" / DESKTOP.name
    assert desktop_entry(installed)["Exec"] == f'"{program}" %F'
    assert (data / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    icons = data / "icons" / "hicolor"
    for size in ICON_SIZES:
        assert (icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (icons / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True)
        assert result.returncode == 0, result.stdout
    make("uninstall-desktop", data, program)
    left = {p.name for p in data.rglob("*") if p.is_file()}
    assert left <= {"mimeinfo.cache", "icon-theme.cache"}  # the caches the tools rebuilt
