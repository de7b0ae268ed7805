"""The logistics workspace (second-stage check, labels, hand-over): ``create(ctx)``."""

from agent_desk.ui.logistics.workspace import LogisticsWorkspace, create

__all__ = ["LogisticsWorkspace", "create"]
