"""Entry point of the frozen application: the desktop app, or a subcommand when one is given."""

import sys

if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        from agent_desk.cli import main
    else:
        from agent_desk.app import main
    sys.exit(main())
