"""The shape of a deployment the full-scale benchmark loads: how many of each record, in which operations.

The figures come from the deployment the product must hold: 1,000,001 tasks over 40 operations (50,000 in the
largest), 3 M timeline entries, 12 k actors and 24 k relationships, 17 k links from tasks to protection
priorities, missions covering operations with ~2,500 linked tasks on the largest one. A demo-size deployment is
built the same way from fewer tasks, so that a page's time at both sizes compares like with like.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

# Per task, on average: timeline entries (1 to 5), and the share of tasks with a collaborator, a protection
# priority, an actor, or a mission (the largest operation's mission gets the most).
TIMELINE_ENTRIES_MAX = 5
COLLABORATOR_PERCENT = 20
PRIORITY_LINK_PER_MILLE = 17
ACTOR_LINK_PERCENT = 2
MISSION_LINK_PER_MILLE_LARGEST = 50
MISSION_LINK_PER_MILLE = 10
LARGEST_SHARE = 0.05  # of tasks and of actors, in the largest operation

OFFICERS = 10  # per operation, besides one head of office and two HCT members
# A busy officer of the largest operation, besides those: owner of half its open tasks, up to this many (10,000 at
# full size, a few at demo size), so that My tasks is measured for someone who owns thousands of open tasks.
BUSY_OPEN_TASKS = 10_000
PRIORITIES = 6  # per operation
RECORDS_PER_LARGEST_TASK = 2  # rows of each record type per task of the largest operation (Scale.records_per_type)
RELATIONSHIPS_PER_ACTOR = 2

HQ_USERNAME = "hq.bench"

# (ISO 3166-1 alpha-2, name, time zone). The first is the largest operation.
OPERATIONS = [
    ("CD", "Democratic Republic of the Congo", "Africa/Lubumbashi"),
    ("CF", "Central African Republic", "Africa/Bangui"),
    ("SS", "South Sudan", "Africa/Juba"),
    ("SD", "Sudan", "Africa/Khartoum"),
    ("ML", "Mali", "Africa/Bamako"),
    ("SO", "Somalia", "Africa/Mogadishu"),
    ("AF", "Afghanistan", "Asia/Kabul"),
    ("YE", "Yemen", "Asia/Aden"),
    ("LB", "Lebanon", "Asia/Beirut"),
    ("HT", "Haiti", "America/Port-au-Prince"),
    ("LY", "Libya", "Africa/Tripoli"),
    ("SY", "Syria", "Asia/Damascus"),
    ("MZ", "Mozambique", "Africa/Maputo"),
    ("NE", "Niger", "Africa/Niamey"),
    ("BF", "Burkina Faso", "Africa/Ouagadougou"),
    ("NG", "Nigeria", "Africa/Lagos"),
    ("CM", "Cameroon", "Africa/Douala"),
    ("TD", "Chad", "Africa/Ndjamena"),
    ("ET", "Ethiopia", "Africa/Addis_Ababa"),
    ("MM", "Myanmar", "Asia/Yangon"),
    ("IQ", "Iraq", "Asia/Baghdad"),
    ("PS", "Occupied Palestinian Territory", "Asia/Gaza"),
    ("UA", "Ukraine", "Europe/Kyiv"),
    ("CO", "Colombia", "America/Bogota"),
    ("VE", "Venezuela", "America/Caracas"),
    ("KE", "Kenya", "Africa/Nairobi"),
    ("UG", "Uganda", "Africa/Kampala"),
    ("BI", "Burundi", "Africa/Bujumbura"),
    ("ER", "Eritrea", "Africa/Asmara"),
    ("DJ", "Djibouti", "Africa/Djibouti"),
    ("MR", "Mauritania", "Africa/Nouakchott"),
    ("PK", "Pakistan", "Asia/Karachi"),
    ("BD", "Bangladesh", "Asia/Dhaka"),
    ("PH", "Philippines", "Asia/Manila"),
    ("LK", "Sri Lanka", "Asia/Colombo"),
    ("NP", "Nepal", "Asia/Kathmandu"),
    ("GT", "Guatemala", "America/Guatemala"),
    ("HN", "Honduras", "America/Tegucigalpa"),
    ("TL", "Timor-Leste", "Asia/Dili"),
    ("LR", "Liberia", "Africa/Monrovia"),
    ("SL", "Sierra Leone", "Africa/Freetown"),
    ("GN", "Guinea", "Africa/Conakry"),
]

# (acronym, name, kind, countries covered, phase history, PoC mandate, predecessor). A mission is created when
# the deployment has every operation it covers; the first one covering an operation gets its tasks' links.
MISSIONS = [
    ("MONUSCO", "UN Organization Stabilization Mission in the DR Congo", "pko", ["CD"], ["active"], True, None),
    ("SAMIDRC", "SADC Mission in the Democratic Republic of the Congo", "regional", ["CD"], ["active", "closed"],
     False, None),
    ("MINUSCA", "UN Multidimensional Integrated Stabilization Mission in the CAR", "pko", ["CF"], ["active"], True,
     None),
    ("UNMISS", "UN Mission in South Sudan", "pko", ["SS"], ["active"], True, None),
    ("UNISFA", "UN Interim Security Force for Abyei", "pko", ["SD", "SS"], ["active"], True, None),
    ("UNAMID", "AU-UN Hybrid Operation in Darfur", "pko", ["SD"], ["active", "drawdown", "closed"], True, None),
    ("UNITAMS", "UN Integrated Transition Assistance Mission in Sudan", "spm", ["SD"], ["active", "closed"], False,
     "UNAMID"),
    ("MINUSMA", "UN Multidimensional Integrated Stabilization Mission in Mali", "pko", ["ML"],
     ["active", "drawdown", "closed"], True, None),
    ("UNTMIS", "UN Transitional Assistance Mission in Somalia", "spm", ["SO"], ["active", "transition"], False,
     None),
    ("AUSSOM", "AU Support and Stabilization Mission in Somalia", "regional", ["SO"], ["active"], True, None),
    ("UNAMA", "UN Assistance Mission in Afghanistan", "spm", ["AF"], ["active"], False, None),
    ("UNMHA", "UN Mission to support the Hudaydah Agreement", "spm", ["YE"], ["active"], False, None),
    ("UNIFIL", "UN Interim Force in Lebanon", "pko", ["LB"], ["active"], False, None),
    ("BINUH", "UN Integrated Office in Haiti", "spm", ["HT"], ["active"], False, None),
    ("UNSMIL", "UN Support Mission in Libya", "spm", ["LY"], ["active"], False, None),
    ("UNDOF", "UN Disengagement Observer Force", "pko", ["SY"], ["active"], False, None),
    ("SAMIM", "SADC Mission in Mozambique", "regional", ["MZ"], ["active", "closed"], False, None),
    ("UNAMI", "UN Assistance Mission for Iraq", "spm", ["IQ"], ["active", "transition"], False, None),
    ("UNVMC", "UN Verification Mission in Colombia", "spm", ["CO"], ["active"], False, None),
]  # fmt: skip

PEACE_PHASES = {"active", "drawdown", "transition"}


@dataclass(frozen=True)
class Scale:
    """How many records a deployment holds; everything else follows from these."""

    operations: int
    tasks: int
    actors: int

    @classmethod
    def of(cls, *, tasks: int, operations: int = 40, actors: int | None = None) -> Scale:
        """A deployment of ``tasks`` over ``operations``; actors default to 12 per thousand tasks (5 per operation
        at least), as in the deployment the product must hold."""
        if not 1 <= operations <= len(OPERATIONS):
            raise ValueError(f"operations must be between 1 and {len(OPERATIONS)}")
        if tasks < operations:
            raise ValueError("at least one task per operation")
        if actors is None:
            actors = max(5 * operations, round(tasks * 0.012))
        if actors < 2 * operations:
            raise ValueError("at least two actors per operation")
        return cls(operations=operations, tasks=tasks, actors=actors)

    @staticmethod
    def _split(total: int, parts: int) -> list[int]:
        """``total`` over ``parts``: the first gets its share of the largest operation, the rest share evenly."""
        if parts == 1:
            return [total]
        largest = max(math.ceil(total / parts), round(total * LARGEST_SHARE))
        rest, extra = divmod(total - largest, parts - 1)
        return [largest] + [rest + (1 if n < extra else 0) for n in range(parts - 1)]

    @property
    def tasks_per_operation(self) -> list[int]:
        return self._split(self.tasks, self.operations)

    @property
    def actors_per_operation(self) -> list[int]:
        return self._split(self.actors, self.operations)

    @property
    def records_per_type(self) -> int:
        """Rows of each record type (engagements, notifications, incidents, …) in the largest operation: twice its
        tasks, 100,000 at full size, so that each type's pages are measured at that size."""
        return RECORDS_PER_LARGEST_TASK * self.tasks_per_operation[0]

    @property
    def countries(self) -> list[str]:
        return [country for country, _name, _tz in OPERATIONS[: self.operations]]

    @property
    def missions(self) -> list[tuple]:
        """The missions whose covered operations are all in the deployment."""
        return [mission for mission in MISSIONS if set(mission[3]) <= set(self.countries)]

    def as_dict(self) -> dict:
        return asdict(self)

    def describe(self) -> str:
        per = self.tasks_per_operation
        return (
            f"{self.tasks:,} tasks over {self.operations} operations ({per[0]:,} in the largest), "
            f"{self.actors:,} actors, {self.records_per_type:,} of each record type in the largest"
        )


def busy_username(alpha3: str) -> str:
    """Username of the busy officer of the largest operation (``BUSY_OPEN_TASKS``)."""
    return f"busy.{alpha3.lower()}"


def officer_username(alpha3: str, number: int = 0) -> str:
    """Username of an operation's officer; officer 0 of the largest operation is the benchmark's officer."""
    return f"officer{number}.{alpha3.lower()}"
