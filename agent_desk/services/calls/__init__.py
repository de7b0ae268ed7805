"""Calls: the screen pop, the call records and the desk's call life cycle.

Owns: what the pop shows for a caller (``screen_pop``, built on the customer record of
:mod:`agent_desk.services.customers`), call records and wrap-ups from call events (``records``),
the hub's recorder that writes them off its event loop (``recorder``), and which calls are this
agent's, missed, or waiting for a wrap-up (``lifecycle``, with ``active_call`` and ``call_effects``);
those waiting for an agent kept across restarts, in the database (``pending_work``) and on this
computer while the database is away (``pending_local``).
"""
