"""What the shift lead sees: KPI reports over the contact-centre record (the formulas live in core.kpi*)."""
