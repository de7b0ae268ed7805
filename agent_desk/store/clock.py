from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC: the one time convention of the database (SQLite keeps no zone)."""
    return datetime.now(UTC).replace(tzinfo=None)
