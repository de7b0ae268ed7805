"""Where the hub's call events come from."""
