"""The frozen app's entry point: the ``agentquill`` command (editor, or a CLI subcommand)."""

import sys

from agentquill.__main__ import main

sys.exit(main())
