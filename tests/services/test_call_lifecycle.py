"""The desk's call life cycle, without Qt or a database: what each call event means for this agent."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent_desk.core.protocol import AgentState, CallEvent, HubFrame, encode_event, encode_snapshot, parse_hub_frame
from agent_desk.services.calls.lifecycle import (
    AFTER_CALL_WORK,
    TRANSITIONS,
    ActiveCall,
    AgentStateCommand,
    CallLifecycle,
    CallPhase,
    CallStateChanged,
    ClearPending,
    DraftRestored,
    Effect,
    Heard,
    LoadHistory,
    LoadPop,
    LogAccess,
    MarkMissed,
    MarkUnfinished,
    MissedChanged,
    PopReady,
    PopUpdated,
    RecordEvent,
    RetryPopLater,
    SaveDraft,
    WrapUpDraft,
    WrapUpSaved,
)
from agent_desk.services.calls.pending_work import Cleared, PendingKind, PendingWork
from agent_desk.services.calls.screen_pop import PopResult
from agent_desk.services.customers.records import CustomerCard, CustomerMatch

ME, COLLEAGUE = "SIP/8001", "SIP/8002"
NOW = datetime(2026, 12, 1, 9, 30)
PAUSE = AgentStateCommand(AgentState.PAUSED, AFTER_CALL_WORK)
AVAILABLE = AgentStateCommand(AgentState.AVAILABLE)


def _event(type_: str, call_id: str = "c1", agent: str = ME, **fields: str) -> CallEvent:
    return CallEvent(type=type_, call_id=call_id, agent=agent).with_(**fields)


def _hear(lc: CallLifecycle, type_: str, call_id: str = "c1", agent: str = ME, **fields: str) -> list[Effect]:
    return lc.on_event(_event(type_, call_id, agent, **fields), None, now=NOW)


def _offer(lc: CallLifecycle, call_id: str = "c1", ani: str = "13800138000", **fields: str) -> ActiveCall:
    _hear(lc, "call.offered", call_id, ani=ani, **fields)
    return lc.calls[call_id]


def _talk_and_hang_up(lc: CallLifecycle, call_id: str) -> list[Effect]:
    return _hear(lc, "call.answered", call_id) + _hear(lc, "call.ended", call_id, reason="completed")


def _commands(effects: list[Effect]) -> list[AgentStateCommand]:
    return [e for e in effects if isinstance(e, AgentStateCommand)]


def _kinds(effects: list[Effect]) -> list[type]:
    return [type(e) for e in effects]


def _card(customer_id: int, name: str = "张伟") -> CustomerCard:
    return CustomerCard(customer_id, name, "", "", False, "", False, "", [], [])


def _popped(lc: CallLifecycle, call: ActiveCall, **fields: object) -> ActiveCall:
    lc.pop_loaded(call, PopResult(ani=call.ani, dnis=call.dnis, **fields))  # type: ignore[arg-type]
    return call


@pytest.fixture
def lc() -> CallLifecycle:
    return CallLifecycle(ME)


# --- offers and pops ---------------------------------------------------------------------------


def test_a_call_pops_once_however_often_it_is_offered(lc: CallLifecycle) -> None:
    first = _hear(lc, "call.offered", ani="13800138000", dnis="4008001001", queue="sales")
    call = lc.calls["c1"]
    # The lookup before the call record's write: the pop is what the agent waits for.
    assert _kinds(first) == [LoadPop, RecordEvent] and first[0] == LoadPop(call)
    assert (call.ani, call.dnis, call.queue, call.phase, call.offered_at) == (
        "13800138000", "4008001001", "sales", CallPhase.RINGING, NOW,
    )  # fmt: skip
    for _ in range(3):
        assert _kinds(_hear(lc, "call.offered", ani="13800138000")) == [RecordEvent]  # recorded, not popped again
    assert lc.calls["c1"] is call


def test_a_call_offered_to_a_colleague_is_recorded_but_never_popped(lc: CallLifecycle) -> None:
    assert _kinds(_hear(lc, "call.offered", "theirs", agent=COLLEAGUE)) == [RecordEvent]
    assert _kinds(_hear(lc, "call.answered", "theirs", agent=COLLEAGUE)) == [RecordEvent]
    assert _kinds(_hear(lc, "call.ended", "theirs", agent=COLLEAGUE)) == [RecordEvent]
    assert not lc.calls and not lc.missed


def test_an_offer_without_an_agent_is_for_this_desk(lc: CallLifecycle) -> None:
    _hear(lc, "call.offered", agent="")
    assert "c1" in lc.calls


def test_events_without_a_call_id_are_ignored(lc: CallLifecycle) -> None:
    assert lc.on_event(CallEvent(type="agent.state", agent=ME, state="paused"), None, now=NOW) == []
    assert _hear(lc, "call.offered", call_id="") == []


def test_the_frame_time_dates_the_call_and_its_record(lc: CallLifecycle) -> None:
    text = encode_event(_event("call.offered", "stamped"), epoch="e1", seq=1, ts=1_790_000_000.0)
    effects = lc.on_frame(parse_hub_frame(text), now=NOW, received=12.5)
    stamped = datetime(2026, 9, 21, 14, 13, 20)
    assert lc.calls["stamped"].offered_at == stamped and lc.calls["stamped"].frame_received == 12.5
    assert [e.at for e in effects if isinstance(e, RecordEvent)] == [stamped]
    untimed = encode_event(_event("call.offered", "untimed"), epoch="e1", seq=2, ts=0)
    effects = lc.on_frame(parse_hub_frame(untimed), now=NOW)
    assert lc.calls["untimed"].offered_at == NOW
    assert [e.at for e in effects if isinstance(e, RecordEvent)] == [None]  # the record dates it itself


def test_the_first_answer_of_a_lookup_pops_and_later_ones_update(lc: CallLifecycle) -> None:
    call = _offer(lc)
    effects = lc.pop_loaded(call, PopResult(ani=call.ani, dnis="", card=_card(7)))
    assert effects == [LogAccess(call, 7), PopReady(call)]  # who opened the record is logged
    assert call.customer_id == 7
    assert lc.pop_loaded(call, PopResult(ani=call.ani, dnis="", card=_card(7))) == [
        LogAccess(call, 7),
        PopUpdated(call),
    ]


def test_a_caller_on_no_record_or_several_records_has_no_customer_yet(lc: CallLifecycle) -> None:
    call = _offer(lc)
    assert lc.pop_loaded(call, PopResult(ani=call.ani, dnis="")) == [PopReady(call)]
    assert call.customer_id is None


def test_a_failed_lookup_shows_the_number_and_retries_while_the_call_lasts(lc: CallLifecycle) -> None:
    call = _offer(lc)
    assert lc.pop_failed(call, "database is locked") == [PopReady(call), RetryPopLater(call)]
    assert call.pop is not None and call.pop.lookup_error == "database is locked" and call.pop.ani == call.ani
    assert lc.pop_failed(call, "still locked") == [PopUpdated(call), RetryPopLater(call)]
    _hear(lc, "call.ended", reason="abandoned")
    assert lc.pop_failed(call, "locked") == [PopUpdated(call)]  # the caller has gone: no more retries
    assert lc.pop_loaded(call, PopResult(ani=call.ani, dnis="", card=_card(7)))[-1] == PopUpdated(call)


def test_picking_one_of_several_customers_loads_their_history_into_a_copy(lc: CallLifecycle) -> None:
    call = _offer(lc, ani="13600136000")
    matches = [CustomerMatch(1, "王芳", False, False, []), CustomerMatch(2, "王强", False, False, [])]
    _popped(lc, call, matches=matches)
    shown = call.pop
    (effect,) = lc.choose_customer(call, 2)
    assert isinstance(effect, LoadHistory) and (effect.call, effect.customer_id) == (call, 2)
    assert effect.pop is not shown and effect.pop.matches == matches  # the worker fills a copy
    assert call.customer_id == 2 and call.pop is shown
    effect.pop.card = _card(2, "王强")
    assert lc.history_loaded(call, effect.pop) == [PopUpdated(call)]
    assert call.pop is effect.pop and shown is not None and shown.card is None


def test_a_customer_created_from_the_pop_replaces_the_form(lc: CallLifecycle) -> None:
    call = _popped(lc, _offer(lc, ani="13911112222"))
    (effect,) = lc.customer_created(call, 42)
    assert isinstance(effect, LoadHistory) and effect.customer_id == 42 and effect.pop.matches == []
    assert call.customer_id == 42


def test_choosing_before_the_pop_arrived_only_logs_the_access(lc: CallLifecycle) -> None:
    call = _offer(lc)
    assert lc.choose_customer(call, 5) == [LogAccess(call, 5)]


# --- answered, by us or a colleague ------------------------------------------------------------


def test_answering_here_means_talking_and_nothing_for_the_hub(lc: CallLifecycle) -> None:
    call = _offer(lc)
    effects = _hear(lc, "call.answered")
    owed = PendingWork("c1", PendingKind.WRAP_UP, NOW, ani="13800138000", revision=1)
    # The wrap-up is owed from the answer on, in the database too: a crash mid-call must not forget it.
    assert effects == [RecordEvent(_event("call.answered"), None), MarkUnfinished(owed), CallStateChanged(call)]
    assert call.phase is CallPhase.TALKING and call.answered and not call.ended
    assert lc.busy() and lc.unfinished() == [call]


def test_a_call_a_colleague_answered_is_neither_ours_nor_missed(lc: CallLifecycle) -> None:
    call = _offer(lc, "ring-all")
    effects = _hear(lc, "call.answered", "ring-all", agent=COLLEAGUE)
    assert _kinds(effects) == [RecordEvent, CallStateChanged]
    assert call.phase is CallPhase.ANSWERED_ELSEWHERE and call.end_reason == "answered_elsewhere"
    assert call.ended and not call.answered and not call.can_wrap_up
    ended = _hear(lc, "call.ended", "ring-all", agent=COLLEAGUE, reason="completed")
    assert _kinds(ended) == [RecordEvent]  # over for this desk: the colleague's hang-up changes nothing
    assert not lc.missed and not lc.unfinished() and not lc.busy()
    assert call.events == ["call.answered", "call.ended"]


# --- transfers ---------------------------------------------------------------------------------


def test_after_a_transfer_the_final_end_does_not_pause_the_agent_again(lc: CallLifecycle) -> None:
    call = _offer(lc, "xfer")
    effects = _hear(lc, "call.answered", "xfer")
    effects += _hear(lc, "call.transferred", "xfer", target=COLLEAGUE)
    assert call.phase is CallPhase.TRANSFERRED and call.end_reason == "transferred"
    effects += _hear(lc, "call.ended", "xfer", agent=COLLEAGUE)
    effects += _hear(lc, "call.ended", "xfer", agent=COLLEAGUE)
    assert _commands(effects) == [PAUSE]  # one after-call work, for the agent's own part
    assert call.end_reason == "transferred" and lc.unfinished() == [call] and call.can_wrap_up


def test_a_call_transferred_away_before_it_was_answered_asks_nothing_of_the_agent(lc: CallLifecycle) -> None:
    call = _offer(lc)
    effects = _hear(lc, "call.transferred", target=COLLEAGUE) + _hear(lc, "call.ended", agent=COLLEAGUE)
    assert _commands(effects) == [] and call.phase is CallPhase.TRANSFERRED
    assert not lc.missed and not lc.unfinished() and not lc.busy()


@pytest.mark.parametrize("target", [ME, ""])
def test_a_transfer_to_this_desk_or_nowhere_changes_nothing(lc: CallLifecycle, target: str) -> None:
    call = _offer(lc)
    _hear(lc, "call.answered")
    effects = _hear(lc, "call.transferred", target=target)
    assert _kinds(effects) == [RecordEvent, CallStateChanged] and call.phase is CallPhase.TALKING


@pytest.mark.parametrize(
    ("type_", "agent", "reason"),
    [
        ("call.ringing", ME, "no_answer"),
        ("call.queued", "", ""),  # queued again, nobody named
        ("call.queued", COLLEAGUE, "no_answer"),  # a ring-all queue: a colleague's phone rang out
        ("call.queued", ME, ""),  # back in the queue for another reason than no answer here
    ],
)
def test_ringing_and_queueing_again_keep_the_call_ringing(
    lc: CallLifecycle, type_: str, agent: str, reason: str
) -> None:
    call = _offer(lc)
    assert _kinds(_hear(lc, type_, agent=agent, reason=reason)) == [RecordEvent, CallStateChanged]
    assert call.phase is CallPhase.RINGING and not lc.missed


# --- missed calls ------------------------------------------------------------------------------


def test_an_unanswered_call_that_ends_is_missed(lc: CallLifecycle) -> None:
    call = _offer(lc)
    effects = _hear(lc, "call.ended", reason="no_answer")
    assert effects == [
        RecordEvent(_event("call.ended", reason="no_answer"), None),
        MissedChanged((call,)),
        MarkMissed(PendingWork("c1", PendingKind.MISSED, NOW, ani="13800138000", end_reason="no_answer", revision=1)),
        CallStateChanged(call),
    ]
    assert call.phase is CallPhase.MISSED and call.end_reason == "no_answer" and lc.missed == [call]
    assert _commands(effects) == [] and not lc.busy()
    assert _kinds(_hear(lc, "call.ended", reason="no_answer")) == [RecordEvent]  # listed once


def test_the_missed_list_is_newest_first(lc: CallLifecycle) -> None:
    calls = [_offer(lc, f"m{i}") for i in range(3)]
    for call in (calls[1], calls[0], calls[2]):
        effects = _hear(lc, "call.ended", call.call_id, reason="abandoned")
    assert lc.missed == [calls[2], calls[0], calls[1]]
    assert MissedChanged((calls[2], calls[0], calls[1])) in effects


def test_wrapping_up_a_missed_call_takes_it_off_the_list(lc: CallLifecycle) -> None:
    kept, called_back = _offer(lc, "kept"), _offer(lc, "called-back")
    _hear(lc, "call.ended", "kept", reason="no_answer")
    _hear(lc, "call.ended", "called-back", reason="no_answer")
    effects = lc.wrap_up_saved(called_back, WrapUpDraft("callback", "回电无人接"))
    assert effects[0] == MissedChanged((kept,)) and effects[-1] == WrapUpSaved(called_back)
    assert lc.missed == [kept] and called_back.draft == WrapUpDraft("callback", "回电无人接")


def test_the_missed_list_handed_out_is_a_copy(lc: CallLifecycle) -> None:
    _hear(lc, "call.ended", _offer(lc).call_id, reason="no_answer")
    lc.missed.clear()
    assert len(lc.missed) == 1


# --- after-call work ---------------------------------------------------------------------------


def test_the_end_of_an_answered_call_pauses_the_agent_until_the_wrap_up_is_saved(lc: CallLifecycle) -> None:
    call = _offer(lc)
    effects = _talk_and_hang_up(lc, "c1")
    assert _commands(effects) == [PAUSE] and call.phase is CallPhase.ENDED and call.end_reason == "completed"
    assert lc.busy() and lc.unfinished() == [call]
    assert _commands(_hear(lc, "call.ended", reason="completed")) == []  # a repeated end: one pause per call
    saved = lc.wrap_up_saved(call, WrapUpDraft("sale", "两盒鱼油"))
    assert _kinds(saved) == [ClearPending, AgentStateCommand, WrapUpSaved]
    assert saved[1:] == [AVAILABLE, WrapUpSaved(call)]
    cleared = saved[0]
    assert isinstance(cleared, ClearPending) and cleared.work.cleared == Cleared.WRAPPED_UP
    assert (cleared.work.disposition, cleared.work.notes, cleared.work.kind) == ("sale", "两盒鱼油", "wrap_up")
    assert not lc.busy() and not lc.unfinished() and not call.can_wrap_up


def test_a_wrap_up_saved_while_talking_leaves_the_agent_available_throughout(lc: CallLifecycle) -> None:
    call = _offer(lc, "quick")
    _hear(lc, "call.answered", "quick")
    saved = lc.wrap_up_saved(call, WrapUpDraft("info", ""))
    assert _kinds(saved) == [ClearPending, WrapUpSaved] and saved[-1] == WrapUpSaved(call)  # not free mid-call
    assert lc.busy()
    assert _commands(_hear(lc, "call.ended", "quick", reason="completed")) == []  # never paused
    assert not lc.busy()


def test_a_wrap_up_saved_while_the_call_still_rings_tells_the_hub_nothing(lc: CallLifecycle) -> None:
    call = _offer(lc)
    assert lc.wrap_up_saved(call, WrapUpDraft("info", "")) == [WrapUpSaved(call)]  # the call goes on


def test_saving_one_wrap_up_while_talking_on_another_call_keeps_the_agent_paused(lc: CallLifecycle) -> None:
    first = _offer(lc, "first")
    assert _commands(_talk_and_hang_up(lc, "first")) == [PAUSE]
    _offer(lc, "second", ani="13911112222")
    _hear(lc, "call.answered", "second")
    assert _commands(lc.wrap_up_saved(first, WrapUpDraft("sale", ""))) == []  # still talking on the second


def test_the_agent_stays_paused_until_every_answered_call_is_wrapped_up(lc: CallLifecycle) -> None:
    first, second = _offer(lc, "first"), _offer(lc, "second")
    assert _commands(_talk_and_hang_up(lc, "first") + _talk_and_hang_up(lc, "second")) == [PAUSE, PAUSE]
    assert set(lc.unfinished()) == {first, second}
    assert _commands(lc.wrap_up_saved(first, WrapUpDraft("sale", ""))) == []
    assert _commands(lc.wrap_up_saved(second, WrapUpDraft("info", ""))) == [AVAILABLE]


def test_a_ringing_call_does_not_keep_the_agent_from_being_available(lc: CallLifecycle) -> None:
    first = _offer(lc, "first")
    _talk_and_hang_up(lc, "first")
    _offer(lc, "second")  # rings during the wrap-up
    assert _commands(lc.wrap_up_saved(first, WrapUpDraft("sale", ""))) == [AVAILABLE]


def test_unfinished_wrap_ups_are_newest_first(lc: CallLifecycle) -> None:
    older = lc.on_event(_event("call.offered", "older"), datetime(2026, 12, 1, 9, 0), now=NOW)
    newer = lc.on_event(_event("call.offered", "newer"), datetime(2026, 12, 1, 9, 5), now=NOW)
    assert older and newer
    _talk_and_hang_up(lc, "newer")
    _talk_and_hang_up(lc, "older")
    assert [c.call_id for c in lc.unfinished()] == ["newer", "older"]


# --- the screen and the wrap-up drafts ---------------------------------------------------------


def test_a_pop_during_after_call_work_keeps_the_unsaved_wrap_up(lc: CallLifecycle) -> None:
    first = _popped(lc, _offer(lc, "first"))
    assert lc.put_on_screen(first, WrapUpDraft()) and lc.on_screen is first
    _talk_and_hang_up(lc, "first")
    second = _popped(lc, _offer(lc, "second"))
    assert lc.put_on_screen(second, WrapUpDraft("sale", "两盒鱼油，周五送"))  # what the panel held
    assert first.draft == WrapUpDraft("sale", "两盒鱼油，周五送") and second.draft == WrapUpDraft()
    assert lc.unfinished() == [first]
    assert lc.reopen("first") is first
    assert lc.put_on_screen(first, WrapUpDraft("", "second's notes"))
    assert first.draft == WrapUpDraft("sale", "两盒鱼油，周五送") and second.draft.notes == "second's notes"


def test_reopening_the_call_on_screen_keeps_the_notes_being_typed(lc: CallLifecycle) -> None:
    call = _popped(lc, _offer(lc, "missed"))
    lc.put_on_screen(call, WrapUpDraft())
    _hear(lc, "call.ended", "missed", reason="no_answer")
    assert lc.reopen("missed") is call
    assert not lc.put_on_screen(call, WrapUpDraft("", "回电无人接"))  # already shown: the panel keeps its text
    assert call.draft == WrapUpDraft()


def test_a_saved_wrap_up_is_not_overwritten_by_the_panel(lc: CallLifecycle) -> None:
    first, second = _popped(lc, _offer(lc, "first")), _popped(lc, _offer(lc, "second"))
    lc.put_on_screen(first, WrapUpDraft())
    lc.wrap_up_saved(first, WrapUpDraft("sale", "saved"))
    lc.put_on_screen(second, WrapUpDraft("sale", "saved, then edited"))
    assert first.draft == WrapUpDraft("sale", "saved")


def test_a_late_pop_for_another_call_does_not_replace_the_one_on_screen(lc: CallLifecycle) -> None:
    first, second = _offer(lc, "first"), _offer(lc, "second")
    assert lc.repaints(first) and lc.repaints(second)  # nothing shown yet
    lc.put_on_screen(second, WrapUpDraft())
    assert lc.repaints(second) and not lc.repaints(first)


def test_a_call_without_its_pop_cannot_be_reopened(lc: CallLifecycle) -> None:
    _offer(lc)
    assert lc.reopen("c1") is None and lc.reopen("never-offered") is None


# --- a restarted desk --------------------------------------------------------------------------


def test_a_restarted_desk_pops_its_calls_in_progress_from_the_snapshot(lc: CallLifecycle) -> None:
    known = _offer(lc, "known")
    calls = [
        CallEvent(type="call.answered", call_id="talking", ani="13800138000", agent=ME),
        CallEvent(type="call.offered", call_id="ringing", ani="13900139000", agent=ME),
        CallEvent(type="call.offered", call_id="someone-else", ani="13900139000", agent=COLLEAGUE),
        CallEvent(type="call.answered", call_id="known", agent=ME),
    ]
    snapshot = parse_hub_frame(encode_snapshot(calls, epoch="e2", seq=1, ts=1_790_000_000.0))
    effects = lc.on_snapshot(snapshot, now=NOW)
    assert set(lc.calls) == {"known", "talking", "ringing"}
    assert [e.call.call_id for e in effects if isinstance(e, LoadPop)] == ["talking", "ringing"]
    assert lc.calls["talking"].phase is CallPhase.TALKING and lc.calls["ringing"].phase is CallPhase.RINGING
    assert known.phase is CallPhase.RINGING  # known calls follow their own events, not the snapshot
    assert lc.calls["talking"].offered_at == NOW


def _snapshot(*calls: CallEvent) -> HubFrame:
    return parse_hub_frame(encode_snapshot(list(calls), epoch="e2", seq=9, ts=1_790_000_100.0))


def test_a_talked_call_the_snapshot_no_longer_lists_ended_and_its_wrap_up_is_due(lc: CallLifecycle) -> None:
    talked = _offer(lc, "talked")
    _hear(lc, "call.answered", "talked")
    ringing = _offer(lc, "ringing", ani="13911112222")
    still = _offer(lc, "still", ani="13922223333")
    effects = lc.on_snapshot(_snapshot(CallEvent(type="call.offered", call_id="still", agent=ME)), now=NOW)
    assert (talked.phase, talked.end_reason) == (CallPhase.ENDED, "unknown")
    assert _commands(effects) == [PAUSE] and lc.unfinished() == [talked] and talked.can_wrap_up
    assert ringing.phase is CallPhase.MISSED and lc.missed == [ringing]
    assert still.phase is CallPhase.RINGING  # still in progress: untouched
    assert not any(isinstance(e, RecordEvent) for e in effects)  # the hub recorded the real end
    later = lc.on_snapshot(_snapshot(), now=NOW)
    assert still.phase is CallPhase.MISSED and lc.missed == [still, ringing]  # a later snapshot without it: over too
    assert _commands(later) == []  # the ended ones stay as they were: no second pause


def test_after_call_work_ended_by_its_limit_lets_a_later_wrap_up_free_nobody(lc: CallLifecycle) -> None:
    call = _offer(lc)
    assert _commands(_talk_and_hang_up(lc, "c1")) == [PAUSE]
    lc.after_call_work_over()  # the line's limit ran out: the agent is ready, maybe on a break since
    assert _commands(lc.wrap_up_saved(call, WrapUpDraft("sale", "晚些补记"))) == []


# --- a call heard before the login's list answered ---------------------------------------------


def test_the_login_list_merges_what_was_kept_into_a_live_call_heard_first(lc: CallLifecycle) -> None:
    call = _offer(lc, "c")  # the hub's snapshot after a crash comes before the list
    blind = [e.work for e in _hear(lc, "call.answered", "c") if isinstance(e, MarkUnfinished)]
    assert [w.revision for w in blind] == [1]  # below what the earlier login kept: the database refuses it
    effects = lc.restore([_waiting("c", PendingKind.WRAP_UP, 5, disposition="sale", notes="两盒鱼油，周五送",
                                   customer_id=7, revision=4)])  # fmt: skip
    assert call.draft == WrapUpDraft("sale", "两盒鱼油，周五送") and call.customer_id == 7
    assert effects[0] == DraftRestored(call)
    written = [e.work for e in effects if isinstance(e, SaveDraft)]
    assert [(w.revision, w.kind, w.notes) for w in written] == [(5, "wrap_up", "两盒鱼油，周五送")]
    assert lc.unfinished() == [call] and not lc.missed  # one call, live: not listed twice
    cleared = [e.work for e in lc.wrap_up_saved(call, WrapUpDraft("sale", "again")) if isinstance(e, ClearPending)]
    assert [(w.revision, w.cleared) for w in cleared] == [(6, "wrapped_up")]  # past what was kept: applied


def test_notes_typed_on_the_live_call_win_over_older_kept_ones(lc: CallLifecycle) -> None:
    call = _offer(lc, "c")
    _hear(lc, "call.answered", "c")
    lc.draft_typed(call, WrapUpDraft("sale", "新的备注"))
    effects = lc.restore([_waiting("c", PendingKind.WRAP_UP, 5, notes="旧备注", revision=9)])
    assert call.draft.notes == "新的备注" and not any(isinstance(e, DraftRestored) for e in effects)
    assert [(e.work.revision, e.work.notes) for e in effects if isinstance(e, SaveDraft)] == [(10, "新的备注")]


def test_a_write_refused_for_a_newer_copy_is_merged_and_written_again_past_it(lc: CallLifecycle) -> None:
    call = _offer(lc, "c")
    _hear(lc, "call.answered", "c")
    held = _waiting("c", PendingKind.WRAP_UP, 5, notes="另一台电脑上记的", revision=3)
    effects = lc.kept_elsewhere([held])
    assert call.draft.notes == "另一台电脑上记的" and effects[0] == DraftRestored(call)
    assert [(e.work.revision, e.work.notes) for e in effects if isinstance(e, SaveDraft)] == [(4, "另一台电脑上记的")]
    assert lc.kept_elsewhere([held]) == []  # answered late for a write already past it: nothing more


def test_a_refused_clear_is_sent_again_past_what_the_database_holds(lc: CallLifecycle) -> None:
    call = _offer(lc, "c")
    _talk_and_hang_up(lc, "c")
    lc.wrap_up_saved(call, WrapUpDraft("sale", "done"))
    effects = lc.kept_elsewhere([_waiting("c", PendingKind.WRAP_UP, 5, notes="旧", revision=8)])
    assert call.draft.notes == "done"  # the saved wrap-up is the call's
    assert [(type(e), e.work.revision, e.work.cleared) for e in effects if isinstance(e, ClearPending)] == [
        (ClearPending, 9, "wrapped_up")
    ]


# --- the table ---------------------------------------------------------------------------------


def test_only_live_phases_move_and_every_move_ends_the_ring_or_the_talk() -> None:
    assert {phase for phase, _heard in TRANSITIONS} == {CallPhase.RINGING, CallPhase.RANG_OUT, CallPhase.TALKING}
    assert all(not phase.is_final for phase, _heard in TRANSITIONS)
    assert {to for (phase, _heard), to in TRANSITIONS.items() if phase is CallPhase.RINGING} == {
        CallPhase.TALKING, CallPhase.ANSWERED_ELSEWHERE, CallPhase.TRANSFERRED, CallPhase.MISSED, CallPhase.RANG_OUT,
    }  # fmt: skip
    # A call that rang out here can only be answered here after all, ring here again, or be missed.
    assert {to for (phase, _heard), to in TRANSITIONS.items() if phase is CallPhase.RANG_OUT} == {
        CallPhase.TALKING, CallPhase.RINGING, CallPhase.MISSED,
    }  # fmt: skip
    assert all((phase, Heard.NOTHING_NEW) not in TRANSITIONS for phase in CallPhase)


@pytest.mark.parametrize("final", [p for p in CallPhase if p.is_final])
@pytest.mark.parametrize("type_", ["call.answered", "call.transferred", "call.ended", "call.queued"])
def test_a_final_phase_ignores_every_later_event(lc: CallLifecycle, final: CallPhase, type_: str) -> None:
    call = _offer(lc)
    call.phase = final
    effects = _hear(lc, type_, target=COLLEAGUE, reason="completed")
    assert _kinds(effects) == [RecordEvent] and call.phase is final


# --- ring no answer: missed here, whoever takes the call -------------------------------------------


def _rings_out(lc: CallLifecycle, call_id: str = "c1") -> list[Effect]:
    return _hear(lc, "call.queued", call_id, reason="no_answer")


def test_a_call_that_rang_out_here_is_missed_even_when_a_colleague_takes_it(lc: CallLifecycle) -> None:
    call = _offer(lc)
    effects = _rings_out(lc)
    assert call.phase is CallPhase.RANG_OUT and lc.missed == [call] and call.end_reason == "no_answer"
    assert _kinds(effects) == [RecordEvent, MissedChanged, MarkMissed, CallStateChanged]
    marked = effects[2]
    assert isinstance(marked, MarkMissed) and marked.work.kind == "missed" and marked.work.end_reason == "no_answer"
    effects = _hear(lc, "call.answered", agent=COLLEAGUE)
    assert call.phase is CallPhase.MISSED and call.ended and lc.missed == [call]
    assert MissedChanged not in _kinds(effects)  # listed since the ring-out, once
    assert call.end_reason == "no_answer" and not call.answered and _commands(effects) == []
    assert not lc.busy() and not lc.unfinished()
    assert _kinds(_hear(lc, "call.ended", agent=COLLEAGUE, reason="completed")) == [RecordEvent]


def test_a_call_that_rang_out_and_was_abandoned_in_the_queue_is_missed_with_that_reason(lc: CallLifecycle) -> None:
    call = _offer(lc)
    _rings_out(lc)
    effects = _hear(lc, "call.ended", agent="", reason="abandoned")
    assert call.phase is CallPhase.MISSED and call.end_reason == "abandoned" and lc.missed == [call]
    assert [e.work.end_reason for e in effects if isinstance(e, MarkMissed)] == ["abandoned"]


def test_a_call_that_rang_out_here_and_was_answered_here_after_all_is_not_missed(lc: CallLifecycle) -> None:
    call = _offer(lc)
    _rings_out(lc)
    again = _hear(lc, "call.offered")  # the queue tries this desk again
    assert call.phase is CallPhase.RINGING and _kinds(again) == [RecordEvent, CallStateChanged]
    assert not any(isinstance(e, LoadPop) for e in again)  # still one pop per call
    effects = _hear(lc, "call.answered")
    assert call.phase is CallPhase.TALKING and lc.missed == [] and MissedChanged(()) in effects
    owed = [e.work for e in effects if isinstance(e, MarkUnfinished)]
    assert [w.kind for w in owed] == ["wrap_up"] and owed[0].revision > 1  # newer than the missed mark


def test_an_answer_here_without_the_second_offer_still_takes_it_off_the_missed_list(lc: CallLifecycle) -> None:
    call = _offer(lc)
    _rings_out(lc)
    _hear(lc, "call.answered")
    assert call.phase is CallPhase.TALKING and not lc.missed and lc.unfinished() == [call]


def test_a_colleague_answering_a_call_talked_here_leaves_a_wrap_up_that_can_be_saved(lc: CallLifecycle) -> None:
    call = _offer(lc)
    _hear(lc, "call.answered")
    effects = _hear(lc, "call.answered", agent=COLLEAGUE)  # the source lost the transfer
    assert call.phase is CallPhase.ANSWERED_ELSEWHERE and call.can_wrap_up and lc.unfinished() == [call]
    assert _commands(effects) == [PAUSE]  # after-call work for the agent's part, as after a transfer
    assert [e.work.kind for e in effects if isinstance(e, MarkUnfinished)] == ["wrap_up"]
    assert _commands(lc.wrap_up_saved(call, WrapUpDraft("info", "转给同事"))) == [AVAILABLE]
    assert not lc.busy() and not lc.unfinished()


def test_saving_a_missed_calls_wrap_up_frees_nobody(lc: CallLifecycle) -> None:
    missed = _offer(lc)
    _hear(lc, "call.ended", reason="abandoned")
    # The agent may be not ready on purpose (lunch): a note on a missed call must not make them available.
    assert _commands(lc.wrap_up_saved(missed, WrapUpDraft("callback", "回电无人接"))) == []


def test_saving_a_missed_calls_wrap_up_during_after_call_work_keeps_the_pause(lc: CallLifecycle) -> None:
    talked, missed = _offer(lc, "talked"), _offer(lc, "missed")
    assert _commands(_talk_and_hang_up(lc, "talked")) == [PAUSE]
    _hear(lc, "call.ended", "missed", reason="abandoned")
    assert _commands(lc.wrap_up_saved(missed, WrapUpDraft("callback", ""))) == []  # the talked call still waits
    assert _commands(lc.wrap_up_saved(talked, WrapUpDraft("sale", ""))) == [AVAILABLE]


def test_the_end_of_the_last_busy_call_frees_an_agent_whose_wrap_ups_were_saved_meanwhile(lc: CallLifecycle) -> None:
    first, second = _offer(lc, "first"), _offer(lc, "second")
    assert _commands(_talk_and_hang_up(lc, "first")) == [PAUSE]
    _hear(lc, "call.answered", "second")
    assert _commands(lc.wrap_up_saved(first, WrapUpDraft("sale", ""))) == []  # still talking on the second
    assert _commands(lc.wrap_up_saved(second, WrapUpDraft("info", ""))) == []  # mid-call
    assert _commands(_hear(lc, "call.ended", "second", reason="completed")) == [AVAILABLE]


# --- drafts kept as typed ------------------------------------------------------------------------


def test_what_is_typed_for_a_waiting_call_is_kept_with_a_newer_revision_each_time(lc: CallLifecycle) -> None:
    call = _offer(lc)
    _talk_and_hang_up(lc, "c1")
    first = lc.draft_typed(call, WrapUpDraft("sale", "两盒"))
    second = lc.draft_typed(call, WrapUpDraft("sale", "两盒鱼油"))
    assert _kinds(first) == _kinds(second) == [SaveDraft]
    works = [e.work for e in first + second if isinstance(e, SaveDraft)]
    assert [w.notes for w in works] == ["两盒", "两盒鱼油"] and works[0].revision < works[1].revision
    assert works[1].kind == "wrap_up" and call.draft == WrapUpDraft("sale", "两盒鱼油")
    assert lc.draft_typed(call, WrapUpDraft("sale", "两盒鱼油")) == []  # nothing new: nothing written


def test_notes_typed_while_it_rings_go_with_the_call_when_it_is_missed(lc: CallLifecycle) -> None:
    call = _offer(lc)
    assert lc.draft_typed(call, WrapUpDraft("", "客户说稍后再打")) == []  # not waiting for the agent yet
    effects = _hear(lc, "call.ended", reason="abandoned")
    assert [e.work.notes for e in effects if isinstance(e, MarkMissed)] == ["客户说稍后再打"]


def test_the_customer_picked_for_a_waiting_call_is_kept(lc: CallLifecycle) -> None:
    call = _popped(lc, _offer(lc, ani="13600136000"))
    _talk_and_hang_up(lc, "c1")
    effects = lc.choose_customer(call, 2)
    assert _kinds(effects) == [LoadHistory, SaveDraft]
    assert [e.work.customer_id for e in effects if isinstance(e, SaveDraft)] == [2]


def test_a_saved_wrap_up_is_not_reopened_by_later_typing(lc: CallLifecycle) -> None:
    call = _offer(lc)
    _talk_and_hang_up(lc, "c1")
    lc.wrap_up_saved(call, WrapUpDraft("sale", "saved"))
    assert lc.draft_typed(call, WrapUpDraft("sale", "saved, then edited")) == []


def test_a_missed_call_can_be_dismissed_but_an_unfinished_wrap_up_cannot(lc: CallLifecycle) -> None:
    missed, talked = _offer(lc, "missed"), _offer(lc, "talked")
    _hear(lc, "call.ended", "missed", reason="abandoned")
    _talk_and_hang_up(lc, "talked")
    effects = lc.dismiss("missed")
    assert effects[0] == MissedChanged(()) and not lc.missed
    assert [(e.work.call_id, e.work.cleared) for e in effects if isinstance(e, ClearPending)] == [
        ("missed", "dismissed")
    ]
    assert lc.dismiss("talked") == [] and lc.unfinished() == [talked] and missed.pending_kind == "missed"


# --- restored after a restart --------------------------------------------------------------------


def _waiting(call_id: str, kind: PendingKind, minute: int, **fields: object) -> PendingWork:
    return PendingWork(call_id, kind, datetime(2026, 12, 1, 8, minute), ani="13800138000", **fields)  # type: ignore[arg-type]


def test_a_restarted_desk_lists_again_what_waited_with_what_was_typed(lc: CallLifecycle) -> None:
    effects = lc.restore([
        _waiting("old-missed", PendingKind.MISSED, 1, end_reason="no_answer", revision=2),
        _waiting("wrap", PendingKind.WRAP_UP, 5, disposition="sale", notes="两盒鱼油", customer_id=7, revision=4,
                 customer_name="张伟"),
        _waiting("new-missed", PendingKind.MISSED, 9, end_reason="abandoned", revision=1),
        _waiting("done", PendingKind.MISSED, 3, cleared="dismissed"),
    ])  # fmt: skip
    assert [c.call_id for c in lc.missed] == ["new-missed", "old-missed"]
    assert [c.call_id for c in lc.unfinished()] == ["wrap"]
    assert effects == [MissedChanged(tuple(lc.missed))]
    wrap = lc.unfinished()[0]
    assert wrap.draft == WrapUpDraft("sale", "两盒鱼油") and wrap.customer_id == 7 and wrap.caller_name == "张伟"
    assert wrap.restored and wrap.answered and wrap.ended and wrap.can_wrap_up
    assert not lc.busy() and not lc.calls  # from before: they keep nobody busy and are not live calls
    assert lc.restore([_waiting("wrap", PendingKind.WRAP_UP, 5)]) == []  # listed once


def test_a_restored_call_is_looked_up_once_when_reopened_and_keeps_the_customer_picked(lc: CallLifecycle) -> None:
    lc.restore([_waiting("wrap", PendingKind.WRAP_UP, 5, customer_id=2, notes="王强要退货", revision=3)])
    assert lc.reopen("wrap") is None  # no pop yet
    (load,) = lc.fetch_pop("wrap", received=5.0)
    assert isinstance(load, LoadPop) and load.call.frame_received == 5.0
    assert lc.fetch_pop("wrap") == []  # already being looked up
    call = load.call
    matches = [CustomerMatch(1, "王芳", False, False, []), CustomerMatch(2, "王强", False, False, [])]
    effects = lc.pop_loaded(call, PopResult(ani=call.ani, dnis="", matches=matches))
    assert effects[0] == PopReady(call) and isinstance(effects[1], LoadHistory) and effects[1].customer_id == 2
    assert call.customer_id == 2 and lc.reopen("wrap") is call


def test_saving_a_restored_wrap_up_clears_it_with_a_newer_revision_and_frees_nobody(lc: CallLifecycle) -> None:
    lc.restore([_waiting("wrap", PendingKind.WRAP_UP, 5, revision=6)])
    (call,) = lc.unfinished()
    effects = lc.wrap_up_saved(call, WrapUpDraft("sale", "补录"))
    cleared = [e.work for e in effects if isinstance(e, ClearPending)]
    assert [(w.cleared, w.revision, w.notes) for w in cleared] == [("wrapped_up", 7, "补录")]
    assert _commands(effects) == [] and not lc.unfinished()


def test_a_restored_call_offered_again_becomes_a_live_call_with_its_draft(lc: CallLifecycle) -> None:
    lc.restore([_waiting("back", PendingKind.MISSED, 5, notes="回电", customer_id=7, revision=2)])
    effects = _hear(lc, "call.offered", "back", ani="13800138000")
    call = lc.calls["back"]
    assert _kinds(effects) == [LoadPop, MissedChanged, RecordEvent] and not lc.missed
    assert not call.restored and call.draft.notes == "回电" and call.customer_id == 7
    owed = [e.work for e in _hear(lc, "call.answered", "back") if isinstance(e, MarkUnfinished)]
    assert [(w.kind, w.revision, w.notes) for w in owed] == [("wrap_up", 3, "回电")]


def test_a_restored_call_still_in_progress_comes_back_from_the_snapshot(lc: CallLifecycle) -> None:
    lc.restore([_waiting("talking", PendingKind.WRAP_UP, 5, notes="说到一半", revision=1)])
    calls = [CallEvent(type="call.answered", call_id="talking", ani="13800138000", agent=ME)]
    effects = lc.on_snapshot(parse_hub_frame(encode_snapshot(calls, epoch="e2", seq=1, ts=1.0)), now=NOW)
    call = lc.calls["talking"]
    assert [e.call for e in effects if isinstance(e, LoadPop)] == [call]
    assert call.phase is CallPhase.TALKING and call.draft.notes == "说到一半" and lc.unfinished() == [call]
    assert lc.busy()  # live again: the agent is talking
