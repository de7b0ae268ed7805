"""The desk's agent session: the agent's presses and the calls, one state, one hub command per change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from agent_desk.core.agent_states import LOGGED_IN_REASON, AgentStatus, IllegalAgentMove, ReasonRequired
from agent_desk.core.protocol import AgentState as Hub
from agent_desk.core.protocol import CallEvent
from agent_desk.services.calls.agent_session import AgentSession, HubState, SessionUpdate
from agent_desk.services.calls.lifecycle import CallLifecycle, Effect, WrapUpDraft

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


class Desk:
    """A session and every hub command it asked to send, in order."""

    def __init__(self) -> None:
        self.session = AgentSession()
        self.sent: list[HubState] = []
        self.armed: list[int | None] = []

    def __call__(self, update: SessionUpdate) -> SessionUpdate:
        if update.send is not None:
            self.sent.append(update.send)
        if update.arm_acw_seconds is not None or update.cancel_acw:
            self.armed.append(update.arm_acw_seconds)
        return update

    @property
    def status(self) -> AgentStatus:
        return self.session.state.status

    def ready_agent(self) -> Desk:
        self(self.session.log_in(at(0)))
        self(self.session.ready(at(1)))
        return self

    def talk(self, call_id: str, start: float) -> None:
        self(self.session.call_offered(call_id, at(start)))
        self(self.session.call_answered(call_id, at(start + 2)))

    def hang_up(self, call_id: str, when: float, limit: int | None = None) -> None:
        """The life cycle's order: the pause for after-call work, then the call's new phase."""
        self(self.session.after_call_work(call_id, at(when), limit))
        self(self.session.call_left(call_id, at(when), wrap_up_due=True))


class GluedDesk(Desk):
    """A session fed by a real call life cycle, the way the desk's glue feeds it: every effect, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = CallLifecycle("SIP/8001")

    def hear(self, type_: str, call_id: str, when: float, **fields: str) -> list[Effect]:
        event = CallEvent(type=type_, call_id=call_id, agent=fields.pop("agent", "SIP/8001"), **fields)
        return self.feed(self.calls.on_event(event, None, now=datetime(2026, 12, 2, 9)), when)

    def feed(self, effects: list[Effect], when: float) -> list[Effect]:
        for effect in effects:
            update = self.session.on_call_effect(effect, at(when))
            if update is not None:
                self(update)
        return effects


PAUSED_LOGGED_IN = HubState(Hub.PAUSED, LOGGED_IN_REASON)
AVAILABLE = HubState(Hub.AVAILABLE)
ACW = HubState(Hub.PAUSED, "acw")


def test_login_is_not_ready_until_the_agent_chooses_ready_and_the_hub_hears_each_change_once() -> None:
    desk = Desk()
    desk(desk.session.log_in(at(0)))
    assert (desk.status, desk.session.state.reason) == (AgentStatus.NOT_READY, LOGGED_IN_REASON)
    desk(desk.session.ready(at(5)))
    desk(desk.session.not_ready("lunch", at(9)))
    desk(desk.session.not_ready("lunch", at(10)))  # the same reason again: nothing new for the hub
    desk(desk.session.log_out(at(20)))
    assert desk.sent == [PAUSED_LOGGED_IN, AVAILABLE, HubState(Hub.PAUSED, "lunch"), HubState(Hub.OFFLINE)]
    assert HubState(Hub.PAUSED, "lunch").command() == {"op": "agent.state", "state": "paused", "reason": "lunch"}


def test_a_whole_call_pauses_for_after_call_work_then_the_saved_wrap_up_makes_the_agent_ready() -> None:
    desk = Desk().ready_agent()
    desk(desk.session.call_offered("c1", at(10)))
    assert desk.status is AgentStatus.RINGING
    desk(desk.session.call_answered("c1", at(12)))
    assert desk.status is AgentStatus.TALKING
    desk.hang_up("c1", 50, limit=None)
    assert desk.status is AgentStatus.AFTER_CALL_WORK
    assert desk.session.acw_seconds_left(at(70)) == 40  # the default: 60 s
    desk(desk.session.wrap_ups_done(at(80)))
    assert desk.status is AgentStatus.READY
    assert desk.sent == [PAUSED_LOGGED_IN, AVAILABLE, ACW, AVAILABLE]
    assert desk.armed == [60, None]  # armed at the end of the call, cancelled by the saved wrap-up


def test_a_break_chosen_mid_call_follows_the_wrap_up_instead_of_available() -> None:
    desk = Desk().ready_agent()
    desk.talk("c1", 10)
    desk(desk.session.not_ready("break", at(20)))
    assert desk.status is AgentStatus.TALKING and desk.session.state.pending_reason == "break"
    desk.hang_up("c1", 40)
    desk(desk.session.wrap_ups_done(at(45)))  # the life cycle says "available"...
    assert (desk.status, desk.session.state.reason) == (AgentStatus.NOT_READY, "break")
    assert desk.sent[-2:] == [ACW, HubState(Hub.PAUSED, "break")]  # ...the hub hears the break


def test_the_line_limit_ends_after_call_work_and_zero_waits_for_the_wrap_up() -> None:
    desk = Desk().ready_agent()
    desk.talk("c1", 10)
    desk.hang_up("c1", 30, limit=20)
    assert desk.armed[-1] == 20
    desk(desk.session.acw_deadline_reached(at(40)))  # an early timer changes nothing
    assert desk.status is AgentStatus.AFTER_CALL_WORK
    desk(desk.session.acw_deadline_reached(at(50)))
    assert desk.status is AgentStatus.READY and desk.sent[-1] == AVAILABLE
    desk(desk.session.wrap_ups_done(at(90)))  # saved later: the agent is ready already, nothing new
    assert desk.sent[-1] == AVAILABLE and desk.sent.count(AVAILABLE) == 2

    desk.talk("c2", 100)
    desk.hang_up("c2", 120, limit=0)
    assert desk.armed[-1] is None and desk.session.acw_seconds_left(at(500)) is None
    desk(desk.session.acw_deadline_reached(at(10_000)))
    assert desk.status is AgentStatus.AFTER_CALL_WORK


def test_a_wrap_up_saved_after_the_limit_does_not_end_a_break_taken_since() -> None:
    desk = Desk().ready_agent()
    desk.talk("c1", 10)
    desk.hang_up("c1", 30, limit=5)
    desk(desk.session.acw_deadline_reached(at(35)))
    desk(desk.session.not_ready("lunch", at(40)))
    desk(desk.session.wrap_ups_done(at(60)))
    assert (desk.status, desk.sent[-1]) == (AgentStatus.NOT_READY, HubState(Hub.PAUSED, "lunch"))


def test_ready_in_after_call_work_ends_it_now() -> None:
    desk = Desk().ready_agent()
    desk.talk("c1", 10)
    desk.hang_up("c1", 30)
    desk(desk.session.ready(at(33)))
    assert desk.status is AgentStatus.READY and desk.armed[-1] is None and desk.sent[-1] == AVAILABLE


def test_impossible_moves_are_refused_with_a_message_and_change_nothing() -> None:
    desk = Desk()
    with pytest.raises(IllegalAgentMove, match="logged_out cannot ready"):
        desk.session.ready(at(0))
    desk.ready_agent()
    before = desk.session.state
    with pytest.raises(IllegalAgentMove, match="an agent who is ready cannot ready"):
        desk.session.ready(at(5))
    with pytest.raises(ReasonRequired, match="needs a reason"):
        desk.session.not_ready("  ", at(5))
    desk.talk("c1", 10)
    talking = desk.session.state
    with pytest.raises(IllegalAgentMove, match="talking cannot log out"):
        desk.session.log_out(at(20))
    assert desk.session.state == talking and before.status is AgentStatus.READY
    assert desk.sent == [PAUSED_LOGGED_IN, AVAILABLE]


def test_quitting_mid_call_goes_offline_all_the_same_and_only_once() -> None:
    desk = Desk().ready_agent()
    desk.talk("c1", 10)
    desk(desk.session.log_out(at(20), leaving=True))
    desk(desk.session.log_out(at(21), leaving=True))
    assert desk.status is AgentStatus.LOGGED_OUT and desk.sent[-1] == HubState(Hub.OFFLINE)
    assert desk.sent.count(HubState(Hub.OFFLINE)) == 1


def test_a_call_that_rings_while_not_ready_leaves_the_agent_on_their_reason() -> None:
    desk = Desk()
    desk(desk.session.log_in(at(0)))
    desk(desk.session.not_ready("outbound", at(1)))
    desk(desk.session.call_offered("direct", at(5)))
    assert desk.status is AgentStatus.RINGING and desk.session.state.pending_reason == "outbound"
    desk(desk.session.call_left("direct", at(9), wrap_up_due=False))  # rang unanswered
    assert (desk.status, desk.session.state.reason) == (AgentStatus.NOT_READY, "outbound")
    desk.talk("direct-2", 20)
    desk.hang_up("direct-2", 40)
    desk(desk.session.wrap_ups_done(at(50)))
    assert (desk.status, desk.session.state.reason) == (AgentStatus.NOT_READY, "outbound")
    assert desk.sent == [PAUSED_LOGGED_IN, HubState(Hub.PAUSED, "outbound"), ACW, HubState(Hub.PAUSED, "outbound")]


def test_a_ring_no_answer_returns_a_ready_agent_to_ready_without_a_command() -> None:
    desk = GluedDesk().ready_agent()
    desk.hear("call.offered", "c1", 10)
    desk.hear("call.offered", "c1", 11)  # offered again (a replay)
    assert desk.status is AgentStatus.RINGING
    desk.hear("call.queued", "c1", 20, reason="no_answer")  # RINGNOANSWER: back in the queue
    assert desk.status is AgentStatus.READY and desk.sent == [PAUSED_LOGGED_IN, AVAILABLE]
    desk(desk.session.not_ready("lunch", at(25)))  # nothing rings: the reason is the agent's at once
    assert desk.status is AgentStatus.NOT_READY and desk.sent[-1] == HubState(Hub.PAUSED, "lunch")
    desk(desk.session.ready(at(30)))
    desk.hear("call.offered", "c1", 40)  # the queue offers it here again: it rings again
    assert desk.status is AgentStatus.RINGING
    desk.hear("call.answered", "c1", 42)
    assert desk.status is AgentStatus.TALKING


def test_a_ring_no_answer_lets_the_agent_log_out() -> None:
    desk = GluedDesk().ready_agent()
    desk.hear("call.offered", "c1", 10)
    desk.hear("call.queued", "c1", 20, reason="no_answer")
    desk(desk.session.log_out(at(21)))
    assert desk.status is AgentStatus.LOGGED_OUT and desk.sent[-1] == HubState(Hub.OFFLINE)


def test_a_wrap_up_saved_mid_call_means_no_pause_though_an_older_call_was_never_wrapped_up() -> None:
    desk = GluedDesk().ready_agent()
    desk.hear("call.offered", "a", 10)
    desk.hear("call.answered", "a", 12)
    desk.hear("call.ended", "a", 40, reason="completed")
    assert desk.status is AgentStatus.AFTER_CALL_WORK
    desk(desk.session.acw_deadline_reached(at(100)))  # the limit runs out; call a is not wrapped up
    desk.calls.after_call_work_over()  # as the glue says when after-call work ends by its limit
    assert desk.status is AgentStatus.READY
    desk.hear("call.offered", "b", 110)
    desk.hear("call.answered", "b", 112)
    desk.feed(desk.calls.wrap_up_saved(desk.calls.calls["b"], WrapUpDraft("sale", "ok")), 120)
    desk.hear("call.ended", "b", 130, reason="completed")
    assert desk.status is AgentStatus.READY
    assert desk.sent == [PAUSED_LOGGED_IN, AVAILABLE, ACW, AVAILABLE, AVAILABLE]  # no second pause


def test_a_wrap_up_saved_while_talking_means_no_after_call_work() -> None:
    desk = Desk().ready_agent()
    desk.talk("c1", 10)
    desk(desk.session.call_left("c1", at(40), wrap_up_due=False))  # no pause came from the life cycle
    # Available again, said again: the queue (a simulator, a PBX wrap-up time) holds back a
    # talked agent until the desk speaks, so silence here would keep the agent off the queue.
    assert desk.status is AgentStatus.READY and desk.sent == [PAUSED_LOGGED_IN, AVAILABLE, AVAILABLE]


def test_a_call_offered_in_after_call_work_waits_and_the_screen_stays_with_the_wrap_up() -> None:
    desk = Desk().ready_agent()
    desk.talk("c1", 10)
    desk.hang_up("c1", 30)
    desk(desk.session.call_offered("c2", at(35)))
    assert desk.status is AgentStatus.AFTER_CALL_WORK and desk.session.keeps_screen_from("c2")
    desk(desk.session.call_answered("c2", at(38)))
    assert desk.status is AgentStatus.TALKING and not desk.session.keeps_screen_from("c2")
    assert desk.armed[-1] is None  # the first call's deadline no longer runs while talking
    desk.hang_up("c2", 60, limit=30)
    desk(desk.session.wrap_ups_done(at(70)))
    assert desk.status is AgentStatus.READY
    assert desk.sent == [PAUSED_LOGGED_IN, AVAILABLE, ACW, AVAILABLE]  # one pause for both calls


def test_talking_keeps_the_screen_from_another_call_but_not_from_its_own() -> None:
    desk = Desk().ready_agent()
    desk.talk("c1", 10)
    desk(desk.session.call_offered("c2", at(15)))
    assert desk.status is AgentStatus.TALKING
    assert desk.session.keeps_screen_from("c2") and not desk.session.keeps_screen_from("c1")
    desk(desk.session.call_left("c2", at(20), wrap_up_due=True))  # c2 rang out: still talking on c1
    assert desk.status is AgentStatus.TALKING


def test_after_the_wrap_up_a_call_still_ringing_shows_as_ringing_and_the_hub_hears_available() -> None:
    desk = Desk().ready_agent()
    desk.talk("c1", 10)
    desk.hang_up("c1", 30)
    desk(desk.session.call_offered("c2", at(35)))
    desk(desk.session.wrap_ups_done(at(40)))
    assert desk.status is AgentStatus.RINGING and desk.sent[-1] == AVAILABLE


def test_announce_repeats_what_the_hub_should_know_after_a_reconnect() -> None:
    desk = Desk().ready_agent()
    assert desk.session.announce() == AVAILABLE
    desk.talk("c1", 10)
    assert desk.session.announce() == AVAILABLE  # on a call: what it was told last


# --- the not-ready reasons and the line's limit, read from the database ----------------------------


def test_the_not_ready_menu_lists_active_reasons_in_order_with_both_labels(db) -> None:  # type: ignore[no-untyped-def]
    from agent_desk.services.calls.not_ready_reasons import not_ready_reasons
    from agent_desk.store.contact_record import NotReadyReason

    with db.factory() as session, session.begin():
        session.get(NotReadyReason, "coaching").active = False
        session.get(NotReadyReason, "training").label_zh = ""
    with db.factory() as session:
        reasons = not_ready_reasons(session)
        everything = not_ready_reasons(session, include_retired=True)
    codes = [r.code for r in reasons]
    assert codes[:3] == ["break", "lunch", "training"] and "coaching" not in codes
    assert "coaching" in [r.code for r in everything]
    lunch = reasons[1]
    assert (lunch.label_for("zh"), lunch.label_for("en")) == ("午餐", "Lunch")
    assert reasons[2].label_for("zh") == "Training"  # no Chinese label: the English one


def test_the_pop_carries_the_business_lines_after_call_work_limit(ref_db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from agent_desk.services.calls.screen_pop import line_cache, screen_pop
    from agent_desk.store.models import BusinessLine, BusinessLineNumber

    with ref_db.factory() as session, session.begin():
        number = session.scalars(select(BusinessLineNumber).order_by(BusinessLineNumber.dnis)).first()
        assert number is not None
        dnis = number.dnis
        session.get(BusinessLine, number.business_line_id).acw_limit_seconds = 25
    line_cache.clear()
    with ref_db.engine.connect() as conn:
        pop = screen_pop(conn, "13800138000", dnis)
    assert pop.business_line is not None and pop.business_line.acw_limit_seconds == 25
