from .actors import Actor, ActorAssessment, ActorRelationship, LiaisonContact
from .links import TaskActor

__all__ = [
    "Actor",
    "ActorAssessment",
    "ActorRelationship",
    "LiaisonContact",
    "TaskActor",
]
