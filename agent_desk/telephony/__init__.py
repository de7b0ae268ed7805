"""Call events: the hub, its sources (simulator, Asterisk AMI) and the desk client."""
