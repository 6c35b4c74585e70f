"""AgentQuill: a lossless editor for AI agent files."""

from pathlib import Path

__version__ = "0.1.0"  # the one place the version is written (pyproject reads it from here)

APP_NAME = "AgentQuill"
APP_ID = "io.github.agentquill.AgentQuill"
LICENSE = "MIT"
ISSUES_URL = "https://github.com/agentquill/agentquill/issues"  # Help ▸ Report a Problem


def resources_dir() -> Path:
    """``resources/`` inside an installed package, else at the repository root."""
    package = Path(__file__).parent
    inside = package / "resources"
    return inside if inside.is_dir() else package.parents[1] / "resources"
