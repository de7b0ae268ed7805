"""Use cases shared by the desktop UI and the CLI. Roles are enforced here, never only in widgets."""
