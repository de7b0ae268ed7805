"""The Supervision workspace (班组长, admin): KPI reports over a date range, charts, drill-down to the
calls behind a figure, exports, and the agent league. Figures come from services.supervision."""
