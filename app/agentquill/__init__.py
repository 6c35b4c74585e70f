"""AgentQuill: a lossless editor for AI agent files."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("agentquill")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

APP_NAME = "AgentQuill"
APP_ID = "io.github.agentquill.AgentQuill"
