"""``python -m agent_desk.cli``: the same command as ``agent-desk``."""

import sys

from agent_desk.cli import main

sys.exit(main())
