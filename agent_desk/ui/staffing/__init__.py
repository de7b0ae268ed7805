"""The Staffing workspace: forecast and needs, the shift plan, the day as it goes, my shifts."""
