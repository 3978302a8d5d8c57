from .actors import Actor, ActorAssessment, ActorRelationship, LiaisonContact
from .links import TaskActor, TaskMission
from .missions import CoordinationPlatform, Mission, MissionComponent, MissionLiaisonOfficer, MissionPhaseChange

__all__ = [
    "Actor",
    "ActorAssessment",
    "ActorRelationship",
    "CoordinationPlatform",
    "LiaisonContact",
    "Mission",
    "MissionComponent",
    "MissionLiaisonOfficer",
    "MissionPhaseChange",
    "TaskActor",
    "TaskMission",
]
