"""The Knowledge workspace: search as you type, viewer, editor with preview, review and publish."""

from agent_desk.ui.knowledge.workspace import KnowledgeWorkspace, create

__all__ = ["KnowledgeWorkspace", "create"]
