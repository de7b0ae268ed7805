"""Staffing: the call forecast, the shift plan and adherence, on the contact-centre record."""
