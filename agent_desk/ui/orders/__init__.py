"""Order entry and the agent's returned orders (issue 5): ``install(window, ctx)`` wires both in."""
