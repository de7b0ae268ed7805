"""Calls waiting for an agent, kept in the database (both engines) and on this computer."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import event, select

from agent_desk.core.protocol import CallEvent, EventType
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.calls import pending_work as pending
from agent_desk.services.calls.lifecycle import CallLifecycle, ClearPending, MarkUnfinished, SaveDraft, WrapUpDraft
from agent_desk.services.calls.pending_local import LocalCopy, copy_path, read_copies, write_copies
from agent_desk.services.calls.pending_work import PendingKind, PendingWork, PendingWorkError
from agent_desk.store.database import Database
from agent_desk.store.models import User
from agent_desk.store.pending_calls import PendingCall


def _user(db: Database, username: str) -> CurrentUser:
    with db.factory() as s:
        u = s.scalars(select(User).where(User.username == username)).one()
        return CurrentUser(u.id, u.username, u.display_name, u.role, u.telephony_id)


def _work(call_id: str, kind: PendingKind = PendingKind.WRAP_UP, minute: int = 0, **fields: object) -> PendingWork:
    return PendingWork(call_id, kind, datetime(2026, 12, 1, 9, minute), ani="13800138000", **fields)  # type: ignore[arg-type]


def _keep(db: Database, user: CurrentUser, *works: PendingWork) -> list[bool]:
    with db.factory() as s, s.begin():
        return pending.keep_all(s, user, works)


def _list(db: Database, user: CurrentUser, agent_user_id: int | None = None) -> list[PendingWork]:
    with db.factory() as s:
        return pending.list_for(s, user, agent_user_id)


def test_an_agent_lists_unfinished_wrap_ups_with_their_drafts_and_missed_calls_newest_first(
    ref_db: Database, people: dict[str, int]
) -> None:
    agent = _user(ref_db, "agent1")
    _keep(
        ref_db,
        agent,
        _work("older-missed", PendingKind.MISSED, 1, end_reason="no_answer", revision=1),
        _work("wrap", PendingKind.WRAP_UP, 5, disposition="sale", notes="两盒鱼油，周五送", customer_id=people["vip"],
              end_reason="completed", revision=3),
        _work("newer-missed", PendingKind.MISSED, 9, end_reason="abandoned", revision=1),
    )  # fmt: skip
    listed = _list(ref_db, agent)
    assert [w.call_id for w in listed] == ["newer-missed", "wrap", "older-missed"]
    wrap = listed[1]
    assert (wrap.kind, wrap.disposition, wrap.notes, wrap.customer_id, wrap.customer_name) == (
        "wrap_up", "sale", "两盒鱼油，周五送", people["vip"], "张伟",
    )  # fmt: skip
    assert (listed[0].kind, listed[0].end_reason, listed[0].customer_name) == ("missed", "abandoned", "")


def test_the_login_list_is_one_query(ref_db: Database) -> None:
    agent = _user(ref_db, "agent1")
    _keep(ref_db, agent, *(_work(f"c{i}", PendingKind.MISSED, i, revision=1) for i in range(5)))
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(ref_db.engine, "before_cursor_execute", seen)
    try:
        assert len(_list(ref_db, agent)) == 5
    finally:
        event.remove(ref_db.engine, "before_cursor_execute", seen)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1
    if ref_db.dialect == "sqlite":  # and it walks the agent's index, not the table
        with ref_db.engine.connect() as conn:
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {selects[0]}", (agent.id, pending.LIST_LIMIT, 0)).all()
        assert any("ix_pending_calls_user_open" in str(row) for row in plan), plan


def test_keeping_the_same_draft_twice_or_an_older_copy_changes_nothing(ref_db: Database) -> None:
    agent = _user(ref_db, "agent1")
    assert _keep(ref_db, agent, _work("c1", notes="两盒", revision=2)) == [True]
    assert _keep(ref_db, agent, _work("c1", notes="两盒", revision=2)) == [False]  # the debounce fired twice
    assert _keep(ref_db, agent, _work("c1", notes="一", revision=1)) == [False]  # a stale copy from offline
    assert [w.notes for w in _list(ref_db, agent)] == ["两盒"]
    assert _keep(ref_db, agent, _work("c1", notes="两盒鱼油", revision=3)) == [True]
    assert [(w.notes, w.revision) for w in _list(ref_db, agent)] == [("两盒鱼油", 3)]
    with ref_db.factory() as s:
        assert len(s.scalars(select(PendingCall)).all()) == 1


def test_a_cleared_call_is_not_listed_and_an_older_copy_does_not_bring_it_back(ref_db: Database) -> None:
    agent = _user(ref_db, "agent1")
    _keep(ref_db, agent, _work("wrapped", revision=1), _work("dismissed", PendingKind.MISSED, revision=1))
    _keep(
        ref_db,
        agent,
        _work("wrapped", notes="done", revision=2, cleared="wrapped_up"),
        _work("dismissed", PendingKind.MISSED, revision=2, cleared="dismissed"),
    )
    assert _list(ref_db, agent) == []
    assert _keep(ref_db, agent, _work("wrapped", notes="typed offline before the save", revision=1)) == [False]
    assert _list(ref_db, agent) == []
    with ref_db.factory() as s:
        rows = {r.platform_call_id: r for r in s.scalars(select(PendingCall))}
    assert rows["wrapped"].cleared_how == "wrapped_up" and rows["wrapped"].cleared_at is not None
    assert rows["dismissed"].cleared_how == "dismissed"
    # Missed again later (rang here once more): it waits again.
    _keep(ref_db, agent, _work("dismissed", PendingKind.MISSED, revision=3))
    assert [w.call_id for w in _list(ref_db, agent)] == ["dismissed"]


def test_one_call_missed_by_two_agents_waits_for_each_of_them(ref_db: Database) -> None:
    first, second = _user(ref_db, "agent1"), _user(ref_db, "agent2")
    _keep(ref_db, first, _work("rna-twice", PendingKind.MISSED, revision=1, end_reason="no_answer"))
    _keep(ref_db, second, _work("rna-twice", PendingKind.MISSED, revision=1, end_reason="no_answer"))
    _keep(ref_db, first, _work("rna-twice", PendingKind.MISSED, revision=2, cleared="dismissed"))
    assert _list(ref_db, first) == [] and [w.call_id for w in _list(ref_db, second)] == ["rna-twice"]


def test_an_agent_sees_only_their_own_and_a_supervisor_may_look(ref_db: Database) -> None:
    first, second = _user(ref_db, "agent1"), _user(ref_db, "agent2")
    _keep(ref_db, second, _work("theirs", PendingKind.MISSED, revision=1))
    with pytest.raises(PendingWorkError) as refused:
        _list(ref_db, first, second.id)
    assert refused.value.code == "pending.not_yours"
    assert _list(ref_db, first) == []
    assert [w.call_id for w in _list(ref_db, _user(ref_db, "supervisor1"), second.id)] == ["theirs"]


def test_a_role_that_takes_no_calls_keeps_nothing(ref_db: Database) -> None:
    auditor = _user(ref_db, "auditor1")
    with pytest.raises(PendingWorkError) as refused:
        _keep(ref_db, auditor, _work("c1", revision=1))
    assert refused.value.code == "pending.not_allowed" and refused.value.params["role"] == "auditor"
    with ref_db.factory() as s:
        assert s.scalars(select(PendingCall)).all() == []


def test_at_login_what_was_kept_offline_is_pushed_before_the_list_is_read(ref_db: Database) -> None:
    agent = _user(ref_db, "agent1")
    _keep(ref_db, agent, _work("online", notes="from before", revision=2), _work("gone", revision=1))
    offline = [
        _work("online", notes="typed while the database was away", revision=3),
        _work("new", PendingKind.MISSED, 7, revision=1),
        _work("gone", revision=2, cleared="wrapped_up"),
    ]
    with ref_db.factory() as s, s.begin():
        listed = pending.sync_and_list(s, agent, offline)
    assert {w.call_id: w.notes for w in listed} == {"new": "", "online": "typed while the database was away"}
    assert [w.call_id for w in _list(ref_db, agent)] == ["new", "online"]


# --- the copy on this computer -------------------------------------------------------------------


def test_the_local_copy_keeps_drafts_as_typed_and_whether_the_database_has_them(tmp_path: Path) -> None:
    path = copy_path(1, "sqlite:///desk.sqlite3", tmp_path)
    copies = [
        LocalCopy(_work("c1", notes="两盒鱼油", disposition="sale", customer_id=7, revision=4), synced=False),
        LocalCopy(_work("c2", PendingKind.MISSED, 3, revision=1, cleared="dismissed"), synced=False),
        LocalCopy(_work("c3", PendingKind.MISSED, 5, revision=2), synced=True),
    ]
    write_copies(path, 1, copies)
    assert read_copies(path) == copies
    assert [w.call_id for w in pending.newest_first(c.work for c in copies)] == ["c3", "c1"]  # not the cleared one
    assert not list(tmp_path.glob(".pending-*"))  # written through a temporary file, replaced atomically
    write_copies(path, 1, [])
    assert not path.exists() and read_copies(path) == []


def test_each_agent_and_database_has_its_own_local_copy(tmp_path: Path) -> None:
    paths = {copy_path(1, "db-a", tmp_path), copy_path(2, "db-a", tmp_path), copy_path(1, "db-b", tmp_path)}
    assert len(paths) == 3


def test_a_damaged_local_copy_is_set_aside_not_lost(tmp_path: Path) -> None:
    path = copy_path(1, "db", tmp_path)
    path.write_text('{"format": 1, "items": [{"work": ', encoding="utf-8")
    assert read_copies(path) == []
    (aside,) = tmp_path.glob(f"{path.name}.damaged-*")
    assert aside.read_text(encoding="utf-8").startswith('{"format": 1')
    path.write_text(json.dumps({"format": 99, "items": []}), encoding="utf-8")
    assert read_copies(path) == [] and not path.exists()


def test_a_refused_write_says_what_the_database_holds_instead(ref_db: Database) -> None:
    agent = _user(ref_db, "agent1")
    with ref_db.factory() as s, s.begin():
        assert pending.keep_each(s, agent, [_work("c1", notes="两盒鱼油，周五送", revision=4)]) == [None]
        assert pending.keep_each(s, agent, [_work("c1", notes="两盒鱼油，周五送", revision=4)]) == [None]  # sent again
        (held,) = pending.keep_each(s, agent, [_work("c1", notes="", revision=1)])  # a login that did not know it
    assert held is not None and (held.revision, held.notes) == (4, "两盒鱼油，周五送")
    assert [w.notes for w in _list(ref_db, agent)] == ["两盒鱼油，周五送"]  # nothing lost
    with ref_db.factory() as s, s.begin():
        pending.keep_each(s, agent, [_work("c1", notes="两盒鱼油，周五送", revision=5, cleared="wrapped_up")])
        (cleared,) = pending.keep_each(s, agent, [_work("c1", revision=2)])
    assert cleared is not None and (cleared.revision, cleared.cleared) == (5, "wrapped_up")


def test_a_call_heard_before_the_login_list_keeps_the_older_notes_and_is_cleared_when_wrapped_up(
    ref_db: Database,
) -> None:
    """The desk crashed mid-call with notes kept; at the next login the hub's snapshot came first."""
    agent = _user(ref_db, "agent1")
    _keep(ref_db, agent, _work("c", notes="两盒鱼油，周五送", revision=4))
    lc = CallLifecycle("SIP/8001")
    now = datetime(2026, 12, 1, 9, 5)
    effects = lc.on_event(
        CallEvent(EventType.CALL_OFFERED, call_id="c", agent="SIP/8001", ani="13800138000"), None, now=now
    )
    effects += lc.on_event(CallEvent(EventType.CALL_ANSWERED, call_id="c", agent="SIP/8001"), None, now=now)
    with ref_db.factory() as s, s.begin():
        refused = pending.keep_each(s, agent, [e.work for e in effects if isinstance(e, MarkUnfinished)])
        listed = pending.list_for(s, agent)
    assert [w.notes if w else None for w in refused] == ["两盒鱼油，周五送"]  # not counted as kept
    merged = lc.restore(listed)
    call = lc.calls["c"]
    assert call.draft.notes == "两盒鱼油，周五送"  # what the agent typed before the crash, on the live call
    with ref_db.factory() as s, s.begin():
        assert pending.keep_each(s, agent, [e.work for e in merged if isinstance(e, SaveDraft)]) == [None]
    done = lc.wrap_up_saved(call, WrapUpDraft("sale", "两盒鱼油，周五送；已确认地址"))
    with ref_db.factory() as s, s.begin():
        assert pending.keep_each(s, agent, [e.work for e in done if isinstance(e, ClearPending)]) == [None]
    assert _list(ref_db, agent) == []  # it does not come back at the next login
