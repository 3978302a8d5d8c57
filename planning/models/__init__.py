"""Records of planning and preparedness: planning documents, MCDA requests, the operation set-up checklist."""

from .checklist import ChecklistItem
from .documents import PlanningDocument
from .mcda import MCDARequest

__all__ = ["ChecklistItem", "MCDARequest", "PlanningDocument"]
