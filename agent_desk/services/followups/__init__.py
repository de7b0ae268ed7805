"""Follow-ups (回访): the tasks created after delivery, the agent's open list and the satisfaction
recorded on them (``tasks``)."""
