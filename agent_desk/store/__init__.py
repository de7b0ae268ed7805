"""Persistence: SQLAlchemy models, engines and sessions for SQLite and PostgreSQL."""
