"""The pop follows the database: when the life cycle reads a pop's customer again, and what the answer changes."""

from __future__ import annotations

from datetime import datetime

from agent_desk.services.calls.lifecycle import CallLifecycle, LoadHistory, PopUpdated, WrapUpDraft, WrapUpSaved
from agent_desk.services.customers.records import CustomerMatch, OrderSummary
from tests.services.test_call_lifecycle import ME, _card, _hear, _kinds, _offer, _popped


def _reread(effects: list[object]) -> LoadHistory:
    (effect,) = [e for e in effects if isinstance(e, LoadHistory)]
    return effect


def test_the_pop_on_screen_reads_its_customer_again_when_orders_change_without_a_new_access_log() -> None:
    lc = CallLifecycle(ME)
    call = _popped(lc, _offer(lc), card=_card(7))
    assert lc.orders_changed() == []  # nothing on screen yet
    lc.put_on_screen(call, WrapUpDraft())
    effect = _reread(lc.orders_changed())
    assert (effect.call, effect.customer_id, effect.log_access) == (call, 7, False)
    assert effect.pop is not call.pop  # the worker fills a copy


def test_a_read_that_finds_something_new_repaints_and_one_that_finds_nothing_does_not() -> None:
    lc = CallLifecycle(ME)
    call = _popped(lc, _offer(lc), card=_card(7))
    lc.put_on_screen(call, WrapUpDraft())
    same = _reread(lc.orders_changed()).pop
    assert lc.history_loaded(call, same) == []
    more = _reread(lc.orders_changed()).pop
    more.recent_orders = [
        OrderSummary(1, "AD-1", "pending_review", 19_800, "cod", datetime(2026, 12, 1), "鱼油 × 1", "")
    ]
    assert lc.history_loaded(call, more) == [PopUpdated(call)] and call.pop is more


def test_an_answer_for_a_customer_no_longer_shown_is_dropped() -> None:
    lc = CallLifecycle(ME)
    matches = [CustomerMatch(1, "王芳", False, False, []), CustomerMatch(2, "王强", False, False, [])]
    call = _popped(lc, _offer(lc, ani="13600136000"), matches=matches)
    first = _reread(lc.choose_customer(call, 1)).pop
    lc.choose_customer(call, 2)  # the agent corrects the pick before the first read answers
    first.card = _card(1, "王芳")
    assert lc.history_loaded(call, first) == [] and call.pop is not None and call.pop.card is None


def test_a_saved_wrap_up_reads_the_callers_history_again_when_it_is_on_screen() -> None:
    lc = CallLifecycle(ME)
    call = _popped(lc, _offer(lc), card=_card(7))
    lc.put_on_screen(call, WrapUpDraft())
    _hear(lc, "call.answered")
    saved = lc.wrap_up_saved(call, WrapUpDraft("sale", "两盒"))
    assert _kinds(saved)[-2:] == [WrapUpSaved, LoadHistory] and _reread(saved).log_access is False


def test_nothing_is_read_again_for_a_pop_without_a_customer_or_while_its_lookup_is_retried() -> None:
    lc = CallLifecycle(ME)
    stranger = _popped(lc, _offer(lc, "new", ani="13911112222"))
    assert lc.refresh(stranger) == [] and lc.refresh(None) == []
    failing = _offer(lc, "failing")
    lc.pop_failed(failing, "database is locked")
    failing.customer_id = 7
    assert lc.refresh(failing) == []
    known = _popped(lc, _offer(lc, "known"), card=_card(7))
    assert _kinds(lc.refresh(known)) == [LoadHistory]
