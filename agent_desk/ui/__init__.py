"""PySide6 widgets and Qt models. No SQL and no business rules here: call agent_desk.services."""
