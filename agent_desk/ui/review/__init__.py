"""The auditor's workspace (first-stage audit): ``create(ctx)``."""

from agent_desk.ui.review.workspace import ReviewWorkspace, create

__all__ = ["ReviewWorkspace", "create"]
