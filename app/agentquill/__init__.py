"""AgentQuill: a lossless editor for AI agent files."""

__version__ = "0.1.0"  # the one place the version is written (pyproject reads it from here)

APP_NAME = "AgentQuill"
APP_ID = "io.github.agentquill.AgentQuill"
