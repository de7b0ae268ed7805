"""Who is at the desk: users, passwords and logging in (``auth``), and the hub tokens a desk is
given at login and the hub checks (``hub_tokens``)."""
