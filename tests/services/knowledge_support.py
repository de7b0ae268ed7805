"""Helpers for the knowledge tests: the demo users as signed-in users, a search kept in step."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.knowledge.search import KnowledgeSearch
from agent_desk.store.models import User


def user(factory: sessionmaker[Session], username: str) -> CurrentUser:
    with factory() as s:
        row = s.scalars(select(User).where(User.username == username)).one()
        return CurrentUser(row.id, row.username, row.display_name, row.role, row.telephony_id)


def found(search: KnowledgeSearch, query: str, **kw: object) -> list[str]:
    return [h.title for h in search.search(query, **kw)]  # type: ignore[arg-type]
