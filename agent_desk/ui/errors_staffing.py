"""The desk's words for the staffing services' errors and notes (forecast, required agents, plans).

Kept apart from :mod:`agent_desk.ui.errors`, which merges them into ``ERROR_TEXTS``; lupdate finds
each ``translate("ServiceError", "literal")`` here as there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

STAFFING_TEXTS: Mapping[str, Callable[[], str]] = {
    # --- staffing: forecast -----------------------------------------------------------------------
    "staffing.forecast.interval": lambda: translate(
        "ServiceError", "An interval is 15, 30 or 60 minutes, not {minutes}."
    ),
    "staffing.forecast.days": lambda: translate("ServiceError", "A forecast covers 1 to {limit} days, not {days}."),
    "staffing.forecast.too_far": lambda: translate(
        "ServiceError", "A forecast starts at most {limit} days after today, not on {day}."
    ),
    "staffing.forecast.line_unknown": lambda: translate("ServiceError", "No business line has the code '{line}'."),
    "staffing.forecast.no_history": lambda: translate(
        "ServiceError", "No calls were offered in the {weeks} weeks before {day}: there is nothing to forecast from."
    ),
    "staffing.forecast.not_allowed": lambda: translate(
        "ServiceError", "The forecast is for supervisors and administrators, not the {role} role."
    ),
    "staffing.backtest.short_history": lambda: translate(
        "ServiceError",
        "The backtest of the week from {first} needs the record to start by {needed} (a week before it, "
        "for the naive baseline); its first call is on {start}.",
    ),
    "staffing.backtest.no_calls": lambda: translate(
        "ServiceError",
        "No calls were offered in the week from {first} to {last}: there is nothing to score the forecast on.",
    ),
    "staffing.special_day.not_allowed": lambda: translate(
        "ServiceError", "Special days are marked by supervisors and administrators, not the {role} role."
    ),
    "staffing.special_day.kind": lambda: translate(
        "ServiceError", "A special day is a holiday or a campaign, not '{kind}'."
    ),
    "staffing.special_day.exists": lambda: translate(
        "ServiceError", "{day} is already marked so; remove that mark first to change it."
    ),
    "staffing.special_day.not_found": lambda: translate("ServiceError", "{day} has no such mark to remove."),
    "staffing.special_day.note_too_long": lambda: translate(
        "ServiceError", "The note is {length} characters long; at most {limit} fit."
    ),
    "staffing.forecast.short_history": lambda: translate(
        "ServiceError",
        "Only {days} days of history (fewer than 14): each day is forecast as the mean of the past days of its "
        "weekday (of all past days where its weekday was not seen), without trend.",
    ),
    "staffing.forecast.fit_failed": lambda: translate(
        "ServiceError",
        "The Holt-Winters fit failed on this history: each day is forecast as the mean of the past days of its "
        "weekday, without trend.",
    ),
    "staffing.forecast.special_excluded": lambda: translate(
        "ServiceError", "{count} marked days in the history were left out of the ordinary pattern."
    ),
    "staffing.forecast.holiday_factor": lambda: translate(
        "ServiceError",
        "{day} is a holiday: forecast at {factor} × an ordinary day, the mean of {examples} past holidays.",
    ),
    "staffing.forecast.holiday_default": lambda: translate(
        "ServiceError",
        "{day} is a holiday and the history has none to learn from: forecast at the default {factor} × an "
        "ordinary day.",
    ),
    "staffing.forecast.campaign_factor": lambda: translate(
        "ServiceError",
        "{day} is a campaign day: forecast at {factor} × an ordinary day, the mean of {examples} past campaign days.",
    ),
    "staffing.forecast.campaign_default": lambda: translate(
        "ServiceError",
        "{day} is a campaign day and the history has none to learn from: forecast at the default {factor} × an "
        "ordinary day.",
    ),
    "staffing.forecast.no_aht": lambda: translate(
        "ServiceError", "No call in the history was answered: the handling time is unknown and given as 0 s."
    ),
    # --- staffing: required agents (core/erlang.py) ----------------------------------------------
    "staffing.no_traffic": lambda: translate(
        "ServiceError", "The calls offered must be a number above 0; given {calls}."
    ),
    "staffing.bad_interval": lambda: translate(
        "ServiceError", "The interval must be longer than 0 seconds; given {interval_s}."
    ),
    "staffing.bad_aht": lambda: translate(
        "ServiceError", "The average handling time must be above 0 seconds; given {aht_s}."
    ),
    "staffing.bad_target": lambda: translate(
        "ServiceError",
        "Give one target: a service level (a share of calls answered within some seconds) "
        "or an average speed of answer, not both and not neither.",
    ),
    "staffing.bad_service_level": lambda: translate(
        "ServiceError", "The service level must be above 0 and below 1 (0.8 for 80 %); given {sl}."
    ),
    "staffing.bad_sl_seconds": lambda: translate(
        "ServiceError", "The service level's answer time must be 0 seconds or more; given {seconds}."
    ),
    "staffing.bad_asa": lambda: translate(
        "ServiceError", "The average speed of answer must be 0 seconds or more; given {asa_s}."
    ),
    "staffing.asa_zero": lambda: translate(
        "ServiceError",
        "An average speed of answer of 0 s means no caller ever waits, which no number of agents "
        "can promise; give a target above 0 s.",
    ),
    "staffing.bad_patience": lambda: translate(
        "ServiceError", "The callers' average patience must be above 0 seconds; given {patience_s}."
    ),
    "staffing.bad_occupancy": lambda: translate(
        "ServiceError", "The occupancy cap must be above 0 and at most 1 (0.85 for 85 %); given {cap}."
    ),
    "staffing.bad_shrinkage": lambda: translate(
        "ServiceError", "The shrinkage must be 0 or more and below 1 (0.3 for 30 %); given {shrinkage}."
    ),
    "staffing.too_large": lambda: translate(
        "ServiceError", "{erlangs} Erlangs of traffic is more than this calculation handles (at most {limit})."
    ),
    "staffing.patience_too_long": lambda: translate(
        "ServiceError",
        "A patience of {patience_s} s is too long beside the handling time to model abandons; "
        "leave the patience out (Erlang C).",
    ),
    "staffing.unreachable": lambda: translate(
        "ServiceError", "Even {agents} agents do not meet this target for {erlangs} Erlangs; ease the target."
    ),
    # --- staffing: plans (core/shift_times.py, core/shift_solver.py, services/staffing/plan_codes.py) ---
    "shift.start_minute": lambda: translate(
        "ServiceError", "A shift starts between 00:00 and 23:59 (minute 0 to 1439), not at minute {minute}."
    ),
    "shift.length": lambda: translate(
        "ServiceError", "A shift lasts 1 to 960 minutes (16 hours), not {minutes} minutes."
    ),
    "shift.break_outside": lambda: translate(
        "ServiceError",
        "Break {number} (+{offset} min for {minutes} min) must last at least a minute "
        "and lie inside the shift, which starts at +0 and ends at +{length} min.",
    ),
    "shift.breaks_overlap": lambda: translate(
        "ServiceError", "Breaks {first} and {second} overlap; put them one after the other."
    ),
    "shift.overlap": lambda: translate("ServiceError", "{agent}'s shifts starting {first} and {second} would overlap."),
    "shift.rest_too_short": lambda: translate(
        "ServiceError",
        "{agent} would rest only {hours} h between the shift ending {ended} "
        "and the one starting {starts}; the rule is at least {minimum} h.",
    ),
    "shift.week_too_long": lambda: translate(
        "ServiceError", "{agent} would work {hours} h in the week of {week}; the limit is {limit} h."
    ),
    "shift_solver.required_count": lambda: translate(
        "ServiceError", "The requirement gives {given} intervals; the plan's days have {expected}."
    ),
    "shift_solver.required_negative": lambda: translate(
        "ServiceError", "Interval {number} requires {positions} positions; it must be a whole number, 0 or more."
    ),
    "shift_solver.intervals_unordered": lambda: translate(
        "ServiceError", "Interval {number} does not start after the one before it."
    ),
    "shift_solver.time_limit": lambda: translate(
        "ServiceError", "The time limit is {seconds} s; give more than 0 and at most 3600 seconds."
    ),
    "shift_solver.no_solution": lambda: translate(
        "ServiceError", "The solver found no plan within {seconds} s ({solver_status}); allow it more time."
    ),
    "staffing.plan.not_allowed": lambda: translate(
        "ServiceError", "The {role} role does not plan shifts; supervisors and administrators do."
    ),
    "staffing.template.name_invalid": lambda: translate(
        "ServiceError", "A shift template's name is 1 to 60 characters, not '{name}'."
    ),
    "staffing.template.exists": lambda: translate("ServiceError", "A shift template named '{name}' already exists."),
    "staffing.template.unknown": lambda: translate("ServiceError", "There is no shift template {template}."),
    "staffing.template.retired": lambda: translate(
        "ServiceError", "The shift template '{name}' is retired; plan with an active one."
    ),
    "staffing.agent.unknown": lambda: translate(
        "ServiceError", "There is no agent {agent} to plan (an active user with the agent role)."
    ),
    "staffing.agent.limits_invalid": lambda: translate(
        "ServiceError",
        "An agent works 1 to 168 hours a week and rests 0 to 24 hours between shifts; given {hours} h and {rest} h.",
    ),
    "staffing.agent.unavailable": lambda: translate(
        "ServiceError", "{agent} is marked unavailable; mark them available before giving them a shift."
    ),
    "staffing.plan.range_backwards": lambda: translate(
        "ServiceError", "The plan's last day {last} is before its first day {first}."
    ),
    "staffing.plan.too_long": lambda: translate("ServiceError", "A plan covers at most {limit} days, not {days}."),
    "staffing.plan.interval": lambda: translate("ServiceError", "An interval is 15, 30 or 60 minutes, not {minutes}."),
    "staffing.plan.no_templates": lambda: translate(
        "ServiceError", "There is no active shift template to plan with; add one first."
    ),
    "staffing.plan.no_agents": lambda: translate("ServiceError", "There is no available agent to plan."),
    "staffing.plan.unknown": lambda: translate("ServiceError", "There is no shift plan {plan_id}."),
    "staffing.plan.already_published": lambda: translate(
        "ServiceError",
        "Plan {plan_id} was published on {published}; it cannot be published again (edit its shifts instead).",
    ),
    "staffing.plan.overlaps_published": lambda: translate(
        "ServiceError", "Plan {other} is already published for {first} to {last}, which overlaps these days."
    ),
    "staffing.plan.day_outside": lambda: translate(
        "ServiceError", "{day} is not a day of plan {plan_id} ({first} to {last})."
    ),
    "staffing.plan.no_published_plan": lambda: translate("ServiceError", "No published shift plan covers {day}."),
    "staffing.plan.required_count": lambda: translate(
        "ServiceError", "The requirement gives {given} intervals; {day} has {expected}."
    ),
}

__all__ = ["STAFFING_TEXTS"]
