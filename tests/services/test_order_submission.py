"""One order form's way from typing to a submitted order, the odd paths included: nothing typed is
lost, nothing is submitted twice, a closed window goes only when nothing is left to do."""

from __future__ import annotations

from agent_desk.services.orders.submission import Answer, Close, Op, Submission


def _typed() -> Submission:
    state = Submission()
    assert state.change()
    return state


def test_a_change_is_saved_once_and_what_is_typed_meanwhile_waits_for_the_next_save() -> None:
    state = Submission()
    assert not state.start_save()  # nothing typed, nothing to save
    assert state.change() and state.dirty and state.autosave_allowed
    assert state.start_save() and state.saving and not state.dirty
    assert not state.autosave_allowed and not state.start_save()  # one save at a time
    assert state.change()  # the agent types on while it runs
    assert state.saved() == Answer(autosave=True)
    assert state.start_save()
    assert state.saved() == Answer(autosave=False)
    assert not state.dirty and not state.start_save()


def test_ctrl_s_saves_even_when_nothing_changed() -> None:
    state = Submission()
    state.ask_save()
    assert state.start_save()


def test_a_second_submit_while_one_is_under_way_does_nothing() -> None:
    state = _typed()
    assert state.start_submit() and state.submitting
    assert not state.start_submit()
    # The submit saves the form too: no save or autosave beside it.
    assert not state.autosave_allowed and not state.start_save()


def test_submit_may_be_pressed_while_a_save_is_out() -> None:
    state = _typed()
    assert state.start_save()
    assert state.start_submit()
    state.send_submit()
    assert state.saved().autosave is False
    assert state.submitted() == Answer() and state.done


def test_after_the_order_went_through_nothing_is_saved_submitted_or_retried() -> None:
    state = _typed()
    state.lost_link(Op.SAVE)  # an autosave had failed on the link, its retry is pending
    assert state.start_submit()
    state.send_submit()
    assert state.submitted() == Answer(link_changed=True)  # the link is back with the answer
    assert not state.change() and not state.dirty
    state.ask_save()
    assert not state.start_save() and not state.start_submit()
    assert state.take_retry() is None and state.retry is None


def test_a_save_failing_on_the_link_after_the_submit_went_through_leaves_nothing_to_retry() -> None:
    state = _typed()
    assert state.start_save() and state.start_submit()
    state.send_submit()
    state.submitted()
    assert state.save_failed(link_error=True) == Answer()
    assert not state.link_down and state.retry is None and not state.dirty
    assert state.close() is Close.SAVE and state.finish(0)


def test_a_save_failing_on_the_link_then_submit_pressed_retries_the_submit_not_the_save() -> None:
    state = _typed()
    assert state.start_save()
    assert state.save_failed(link_error=True) == Answer(link_changed=True, retry=Op.SAVE)
    assert state.link_down and state.dirty  # what was typed is still unsaved
    assert state.start_submit()  # allowed while the link is down: it is retried
    assert state.submit_failed(link_error=True) == Answer(link_changed=False, retry=Op.SUBMIT)
    # A save failing on the link later does not demote the pending submit: the submit saves too.
    assert state.lost_link(Op.SAVE).retry is Op.SUBMIT
    assert state.take_retry() is Op.SUBMIT
    assert state.take_retry() is None  # taken once
    assert state.start_submit()


def test_a_retried_save_saves_what_is_typed() -> None:
    state = _typed()
    assert state.start_save()
    state.save_failed(link_error=True)
    assert state.take_retry() is Op.SAVE
    assert state.start_save()
    assert state.saved() == Answer(link_changed=True)
    assert not state.link_down


def test_a_save_retry_due_while_a_submit_is_under_way_waits_for_the_submit() -> None:
    state = _typed()
    state.lost_link(Op.SAVE)
    assert state.start_submit()
    assert state.take_retry() is Op.SAVE
    assert not state.start_save()  # the submit under way saves the form itself
    state.send_submit()
    state.submitted()
    assert state.close() is Close.SAVE and state.finish(0)


def test_a_refused_save_or_submit_is_not_retried() -> None:
    state = _typed()
    assert state.start_save()
    assert state.save_failed(link_error=False) == Answer()
    assert state.retry is None and not state.link_down
    assert state.start_submit()
    state.send_submit()
    assert state.submit_failed(link_error=False) == Answer()
    assert not state.submitting and not state.done and state.start_submit()  # fix and submit again


def test_no_retry_is_due_when_nothing_failed() -> None:
    assert Submission().take_retry() is None


def test_likely_duplicates_hold_the_submit_until_the_agent_confirms_and_a_change_asks_again() -> None:
    state = _typed()
    assert state.start_submit()
    state.hold_for_duplicates()
    assert not state.submitting and state.submit_allowed and not state.duplicates_confirmed
    state.confirm_duplicates()
    assert state.duplicates_confirmed
    assert state.change() and not state.duplicates_confirmed


def test_a_close_while_a_save_is_in_flight_finishes_once_the_answer_is_in() -> None:
    state = _typed()
    assert state.start_save()
    assert state.close() is Close.SAVE and state.closing
    assert not state.finish(1)  # the save is still out
    state.saved()
    assert not state.finish(1)  # another task (a catalogue search) is still out
    assert state.finish(0)
    assert not state.finish(0)  # once


def test_a_close_with_unsaved_changes_waits_for_their_save() -> None:
    state = _typed()
    assert state.close() is Close.SAVE
    assert not state.finish(0)
    assert state.start_save()
    state.saved()
    assert state.finish(0)


def test_a_window_closed_while_the_link_is_down_stays_until_the_retry_saved_it() -> None:
    state = _typed()
    assert state.start_save()
    state.save_failed(link_error=True)
    assert state.close() is Close.KEEP  # no save now: the retry does it when the link is back
    assert not state.finish(0)
    assert state.take_retry() is Op.SAVE and state.start_save()
    assert not state.finish(1)
    state.saved()
    assert state.finish(0)


def test_closing_twice_does_nothing_more_and_a_window_brought_back_may_close_again() -> None:
    state = Submission()
    assert state.close() is Close.SAVE
    assert state.close() is Close.AGAIN
    state.reopen()
    assert not state.closing and not state.finish(0)  # on screen again: it does not go
    assert state.close() is Close.SAVE and state.finish(0)


def test_a_restored_form_whose_order_went_through_after_all_is_done() -> None:
    state = Submission()
    state.ask_save()
    state.already_submitted()
    assert state.done and not state.start_save() and not state.start_submit()
    assert state.close() is Close.SAVE and state.finish(0)
