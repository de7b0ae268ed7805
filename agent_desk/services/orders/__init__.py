"""Orders, from the agent's form to the courier's label.

Owns: the inputs, views and errors (``types``), input checks (``checks``), entry and idempotent
submit (``entry``), the form's drafts and local crash copy (``drafts``), where one form stands
between typing and a submitted order (``submission``), moving orders through the life cycle
(``transitions``), who had a hand in each audit stage (``hands``), reading orders
and their queues (``queries``), the hash-chained audit trail (``audit_trail``), the auditor's
review (``review``), the logistics check (``logistics``) and waybills (``waybills``).

The rules themselves (legal moves, roles, separation of duties) are :mod:`agent_desk.core.orders`.
"""
