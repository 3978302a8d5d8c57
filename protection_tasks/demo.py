"""Demo protection priorities and tasks for the six demo operations (DOMAIN.md, "Realistic demo data").

:func:`seed_tasks` is registered in :data:`cmcoord.operations.demo.DEMO_EXTENSIONS`, so ``seed_demo`` runs it.
Every person and armed group named here is invented. Tasks are written through :mod:`protection_tasks.services`
like any officer's, so references, timelines and history look as they would in a real deployment.
Running it again creates nothing new: priorities are matched by title and tasks by title within their operation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from cmcoord.operations.choices import Role, Sensitivity
from cmcoord.operations.demo import DEMO_EXTENSIONS
from cmcoord.operations.models import Membership

from . import services
from .choices import PriorityStatus, TaskPriority, TaskStatus
from .models import Activity, ProtectionPriority, Task
from .models.tasks import operation_today
from .recurrence import build_rule

PLANNED, IN_PROGRESS, ON_HOLD = TaskStatus.PLANNED, TaskStatus.IN_PROGRESS, TaskStatus.ON_HOLD
COMPLETED, CANCELLED = TaskStatus.COMPLETED, TaskStatus.CANCELLED
LOW, MEDIUM, HIGH, CRITICAL = TaskPriority.LOW, TaskPriority.MEDIUM, TaskPriority.HIGH, TaskPriority.CRITICAL
UNCLASSIFIED, CONFIDENTIAL = Sensitivity.UNCLASSIFIED, Sensitivity.CONFIDENTIAL
STRICTLY_CONFIDENTIAL = Sensitivity.STRICTLY_CONFIDENTIAL

# The workflow steps (choices.TRANSITIONS) that bring a new, planned task to each status.
STATUS_PATHS = {
    PLANNED: (),
    IN_PROGRESS: (IN_PROGRESS,),
    ON_HOLD: (IN_PROGRESS, ON_HOLD),
    COMPLETED: (IN_PROGRESS, COMPLETED),
    CANCELLED: (CANCELLED,),
}

YEAR_START, YEAR_END = date(2026, 1, 1), date(2026, 12, 31)


@dataclass(frozen=True)
class DemoPriority:
    title: str
    description: str
    period_start: date = YEAR_START
    period_end: date = YEAR_END
    status: str = PriorityStatus.AGREED


@dataclass(frozen=True)
class DemoTask:
    activity: str  # code in the Guidance Note catalogue
    title: str
    status: str
    owner: str  # "officer", "officer2" or "head" of the operation
    start: int | None  # days from today
    due: int | None  # days from today; a negative due date on an open task makes it overdue
    place: int | None = None  # index into the country's places
    priorities: tuple[int, ...] = ()  # indexes into the country's priorities
    priority: int = MEDIUM
    sensitivity: int = CONFIDENTIAL
    description: str = ""
    collaborators: tuple[str, ...] = ()  # "officer", "officer2", "head" or "hct"
    notes: tuple[str, ...] = ()  # progress notes in the order they were written
    outcome: str = ""
    assigned: bool = False  # created by the head of office for its owner
    recurring: bool = False  # monthly, on the first Monday; due on the next one


@dataclass(frozen=True)
class DemoCountry:
    places: tuple[tuple[str, str, str, str], ...]  # (admin 1 name, admin 1 P-code, admin 2 name, admin 2 P-code)
    priorities: tuple[DemoPriority, ...]
    tasks: tuple[DemoTask, ...] = field(default=())


MALI = DemoCountry(
    places=(
        ("Mopti", "ML05", "Bandiagara", "ML0502"),
        ("Mopti", "ML05", "Douentza", "ML0504"),
        ("Gao", "ML07", "Ansongo", "ML0702"),
        ("Tombouctou", "ML06", "Goundam", "ML0604"),
        ("Ménaka", "ML10", "Ménaka", "ML1001"),
        ("Ségou", "ML04", "Niono", "ML0405"),
    ),
    priorities=(
        DemoPriority(
            "Protection of civilians in areas vacated by the peacekeeping mission",
            "Keep protection risks in view as the mission hands over its bases, and make sure communities near "
            "former camps are not left without early warning or access to services.",
        ),
        DemoPriority(
            "Safe and unimpeded humanitarian access to blockaded communities in central Mali",
            "Negotiated access for assessments and assistance to villages under blockade in Mopti and Ségou.",
        ),
        DemoPriority(
            "Prevention of child recruitment and use by armed groups",
            "Joint advocacy with the Protection Cluster and the child protection area of responsibility.",
            period_start=date(2026, 3, 1),
        ),
        DemoPriority(
            "Reduced civilian harm from explosive ordnance on main supply routes",
            "Risk education and route information for humanitarian convoys and civilian transport.",
            period_start=date(2026, 7, 1),
            status=PriorityStatus.DRAFT,
        ),
    ),
    tasks=(
        DemoTask(
            "AN-1",
            "Update the armed actor map for Mopti and Ségou regions",
            COMPLETED,
            "officer",
            -70,
            -25,
            place=0,
            priorities=(1,),
            priority=HIGH,
            description="Refresh the stakeholder map used by the access working group: zones of influence, "
            "chains of command and known influencers of each armed actor.",
            collaborators=("head",),
            notes=(
                "Interviews held with six NGO field coordinators and two community leaders from Bandiagara.",
                "Draft map reviewed with the Protection Cluster; two self-defence groups merged into one entry.",
            ),
            outcome="Map shared with the HCT access working group: 14 armed actors and their areas of influence, "
            "3 of them new since June. Used to plan the October Bandiagara access mission.",
        ),
        DemoTask(
            "AN-6",
            "Input to the mission's handover plan for the Ansongo camp",
            COMPLETED,
            "head",
            -45,
            -10,
            place=2,
            priorities=(0,),
            priority=HIGH,
            description="Protection concerns for the handover of the Ansongo camp to national authorities.",
            notes=(
                "Met the mission's civil affairs section; handover scheduled before the end of the rainy season.",
                "Written input sent: early warning for the three villages east of the camp, and mine action "
                "clearance of the perimeter before handover.",
            ),
            outcome="Both recommendations included in the final handover plan; the perimeter was cleared.",
        ),
        DemoTask(
            "AN-4",
            "Monthly analysis of access impediments on the Mopti-Douentza road",
            IN_PROGRESS,
            "officer",
            -20,
            -3,
            place=1,
            priorities=(1, 3),
            sensitivity=UNCLASSIFIED,
            description="Compile the incidents reported by partners and the logistics cluster into the monthly "
            "access snapshot.",
            notes=("Nine incidents logged so far, four of them at the same checkpoint near Boni.",),
        ),
        DemoTask(
            "DI-1",
            "Dialogue with Front de Défense du Gourma commanders on attacks against weekly markets",
            IN_PROGRESS,
            "head",
            -30,
            15,
            place=1,
            priorities=(1,),
            priority=CRITICAL,
            sensitivity=STRICTLY_CONFIDENTIAL,
            description="Raise the attacks on the Douentza and Boni weekly markets with the group's sector "
            "commanders through the community intermediary agreed with the HC.",
            collaborators=("officer",),
            notes=(
                "First contact made through the intermediary; the group agreed to a meeting outside Douentza.",
                "Meeting held. The group denies involvement but accepted to pass messages to its units.",
            ),
        ),
        DemoTask(
            "DI-5",
            "Notification channel with Alliance des Chasseurs du Plateau for Bandiagara convoys",
            IN_PROGRESS,
            "officer",
            -14,
            10,
            place=0,
            priorities=(1,),
            priority=HIGH,
            sensitivity=STRICTLY_CONFIDENTIAL,
            description="Set up a notification routine for humanitarian movements on the Bandiagara plateau.",
            notes=("Focal point of the group identified; notification template translated into Fulfulde.",),
        ),
        DemoTask(
            "AD-7",
            "Contribute to the Protection Cluster advocacy note on child recruitment",
            ON_HOLD,
            "officer",
            -40,
            -5,
            place=None,
            priorities=(2,),
            notes=(
                "CMCoord section of the note drafted: patterns of recruitment near former mission bases.",
                "On hold: the Cluster is waiting for the verified figures of the monitoring and reporting "
                "mechanism before circulating the note.",
            ),
        ),
        DemoTask(
            "AD-5",
            "Promote alternatives to armed escorts for the Ménaka food distribution",
            CANCELLED,
            "officer",
            -25,
            -12,
            place=4,
            priorities=(1,),
            priority=LOW,
            notes=(
                "Distribution postponed indefinitely by the food security partners; advocacy folded into the "
                "regional access strategy.",
            ),
        ),
        DemoTask(
            "CB-3",
            "Access negotiation workshop for protection partners in Mopti",
            PLANNED,
            "officer",
            12,
            20,
            place=0,
            priorities=(1, 2),
            sensitivity=UNCLASSIFIED,
            collaborators=("hct",),
            description="Two-day workshop for protection partners on frontline negotiation and UN-CMCoord.",
            notes=("Venue booked at the Sévaré hub; invitations to go out with the Cluster's next bulletin.",),
        ),
        DemoTask(
            "CB-1",
            "Protection of civilians session for the national armed forces' Sévaré command",
            PLANNED,
            "head",
            -15,
            -4,
            place=0,
            priorities=(0, 2),
            priority=HIGH,
            notes=("Still waiting for the command's agreement on the date; the session is now overdue.",),
        ),
        DemoTask(
            "PP-5",
            "Promote protection benchmarks in the UN transition plan",
            IN_PROGRESS,
            "head",
            -60,
            40,
            place=None,
            priorities=(0,),
            priority=HIGH,
            sensitivity=UNCLASSIFIED,
            notes=(
                "Three benchmarks proposed to the integrated transition team.",
                "Benchmarks on early warning and on civilian character of sites accepted in the draft.",
            ),
        ),
        DemoTask(
            "PP-4",
            "Update the CMCoord assessment after the withdrawal from Goundam",
            ON_HOLD,
            "officer",
            -35,
            -8,
            place=3,
            priorities=(0,),
            notes=("Field visit postponed twice for security reasons; assessment on hold until the road reopens.",),
        ),
        DemoTask(
            "DI-6",
            "Monthly protection of civilians working group with the mission",
            IN_PROGRESS,
            "officer",
            None,
            None,
            place=None,
            priorities=(0,),
            sensitivity=UNCLASSIFIED,
            recurring=True,
            collaborators=("head",),
            notes=("November meeting held: handover calendar and early warning gaps in Tombouctou discussed.",),
        ),
    ),
)

CENTRAL_AFRICAN_REPUBLIC = DemoCountry(
    places=(
        ("Ouaka", "CF71", "Bambari", "CF7101"),
        ("Ouaka", "CF71", "Ippy", "CF7102"),
        ("Haute-Kotto", "CF72", "Bria", "CF7201"),
        ("Basse-Kotto", "CF52", "Alindao", "CF5201"),
        ("Ouham-Pendé", "CF32", "Paoua", "CF3202"),
        ("Haut-Mbomou", "CF53", "Zémio", "CF5302"),
    ),
    priorities=(
        DemoPriority(
            "Safe and unimpeded access to displaced people in Ouaka",
            "Regular, negotiated access to the sites and host communities of Bambari and Ippy.",
        ),
        DemoPriority(
            "Prevention of child recruitment by armed groups",
            "Engagement and advocacy with armed groups and communities, with the child protection partners.",
        ),
        DemoPriority(
            "Protection of civilians along transhumance corridors",
            "Reduce clashes between herders, farmers and armed escorts during the seasonal movement of cattle.",
            period_start=date(2026, 2, 1),
            period_end=date(2026, 11, 30),
        ),
        DemoPriority(
            "Civilian character of displacement sites in Bria and Alindao",
            "No weapons or armed presence inside the sites; screening arrangements that respect standards.",
        ),
    ),
    tasks=(
        DemoTask(
            "AN-1",
            "Stakeholder mapping of armed groups around Bambari",
            COMPLETED,
            "officer",
            -80,
            -30,
            place=0,
            priorities=(0,),
            priority=HIGH,
            collaborators=("officer2",),
            notes=(
                "Mapping session held with the Protection Cluster and two INGOs present in Ippy.",
                "Union pour la Renaissance de la Kotto split in two factions; both added to the map.",
            ),
            outcome="Map adopted by the access working group and used for the December access plan.",
        ),
        DemoTask(
            "AN-5",
            "Joint protection of civilians analysis with MINUSCA for Haute-Kotto",
            IN_PROGRESS,
            "head",
            -21,
            9,
            place=2,
            priorities=(3,),
            priority=HIGH,
            notes=("Terms of reference agreed with the mission's PoC unit; first joint session next week.",),
        ),
        DemoTask(
            "AN-4",
            "Track access impediments on the Bambari-Ippy axis",
            IN_PROGRESS,
            "officer2",
            -30,
            -6,
            place=1,
            priorities=(0,),
            sensitivity=UNCLASSIFIED,
            notes=(
                "Eleven impediments recorded in October, mostly illegal taxation at two barriers.",
                "Snapshot drafted; waiting for the logistics cluster's convoy data to close it.",
            ),
        ),
        DemoTask(
            "DI-5",
            "Notification channel with Union pour la Renaissance de la Kotto commander in Alindao",
            IN_PROGRESS,
            "officer",
            -18,
            12,
            place=3,
            priorities=(0, 3),
            priority=CRITICAL,
            sensitivity=STRICTLY_CONFIDENTIAL,
            description="Agree on a notification routine for humanitarian movements with the group's zone "
            "commander, through the Catholic mission's intermediary.",
            notes=(
                "Intermediary met the zone commander; he accepts notifications by phone 24 hours ahead.",
                "First two movements notified and passed without incident.",
            ),
        ),
        DemoTask(
            "DI-2",
            "Influence screening arrangements at the entrance of the Bria site",
            ON_HOLD,
            "head",
            -40,
            -2,
            place=2,
            priorities=(3,),
            priority=HIGH,
            collaborators=("officer",),
            notes=(
                "Site management and MINUSCA agreed that screening is done by police, not by troops.",
                "On hold: the site committee is being re-elected; discussion to resume with the new committee.",
            ),
        ),
        DemoTask(
            "AD-4",
            "Advocate for safe access of Peuhl herders to health services in Paoua",
            PLANNED,
            "officer2",
            5,
            30,
            place=4,
            priorities=(2,),
            sensitivity=UNCLASSIFIED,
            assigned=True,
            notes=("Health cluster to share the list of facilities refusing patients from the herder community.",),
        ),
        DemoTask(
            "AD-7",
            "Contribute to the Protection Cluster campaign against child recruitment",
            COMPLETED,
            "officer2",
            -60,
            -15,
            place=None,
            priorities=(1,),
            sensitivity=UNCLASSIFIED,
            notes=("Key messages for armed actors drafted and validated by the child protection partners.",),
            outcome="Messages used by the HC in her meetings with three armed groups in October.",
        ),
        DemoTask(
            "AD-11",
            "Common messages of humanitarians and MINUSCA on the Zémio displacement",
            CANCELLED,
            "head",
            -20,
            -5,
            place=5,
            priorities=(0,),
            priority=LOW,
            notes=("Cancelled: the mission's civil affairs section will lead the messaging, with our input.",),
        ),
        DemoTask(
            "CB-5",
            "Humanitarian principles module in the induction of the new MINUSCA battalion",
            PLANNED,
            "officer",
            8,
            22,
            place=0,
            priorities=(0, 1),
            sensitivity=UNCLASSIFIED,
            notes=("Module updated with recent examples from Ouaka; slides sent to the mission's training cell.",),
        ),
        DemoTask(
            "CB-1",
            "Protection of civilians training for Mouvement des Éleveurs du Nord fighters",
            PLANNED,
            "officer2",
            -10,
            -1,
            place=4,
            priorities=(1, 2),
            priority=HIGH,
            assigned=True,
            notes=("Overdue: the group postponed the session twice; the ICRC delegation is kept informed.",),
        ),
        DemoTask(
            "PP-2",
            "Bring transhumance protection risks into the Ouham-Pendé security plan",
            IN_PROGRESS,
            "officer",
            -25,
            20,
            place=4,
            priorities=(2,),
            notes=("Seasonal corridor map shared with the prefecture's security committee.",),
        ),
        DemoTask(
            "PP-4",
            "Update the CMCoord assessment for the south-east",
            ON_HOLD,
            "head",
            -50,
            10,
            place=5,
            priorities=(0,),
            priority=LOW,
            notes=("On hold until the Zémio access mission gives a clearer picture of the armed presence.",),
        ),
        DemoTask(
            "DI-6",
            "Monthly PoC coordination forum with MINUSCA and the Protection Cluster",
            IN_PROGRESS,
            "officer",
            None,
            None,
            place=None,
            priorities=(0, 3),
            sensitivity=UNCLASSIFIED,
            recurring=True,
            collaborators=("officer2", "hct"),
            notes=("November forum held in Bangui; action points circulated.",),
        ),
    ),
)

SUDAN = DemoCountry(
    places=(
        ("North Darfur", "SD02", "El Fasher", "SD0201"),
        ("North Darfur", "SD02", "Kutum", "SD0203"),
        ("West Darfur", "SD05", "El Geneina", "SD0501"),
        ("South Kordofan", "SD07", "Kadugli", "SD0701"),
        ("Blue Nile", "SD13", "Ed Damazin", "SD1301"),
    ),
    priorities=(
        DemoPriority(
            "Protection of civilians in and around El Fasher",
            "Civilian harm mitigation, safe passage and access for the besieged population of El Fasher.",
        ),
        DemoPriority(
            "Safe passage for civilians leaving besieged areas",
            "Negotiated routes and timing for civilians who choose to leave, with protection monitoring.",
        ),
        DemoPriority(
            "Prevention of sexual violence at checkpoints",
            "Advocacy and monitoring on the conduct of armed actors at checkpoints on displacement routes.",
        ),
    ),
    tasks=(
        DemoTask(
            "AN-4",
            "Weekly civilian harm snapshot for North Darfur",
            IN_PROGRESS,
            "officer",
            -45,
            -2,
            place=0,
            priorities=(0,),
            priority=HIGH,
            notes=(
                "Snapshot format agreed with the Protection Cluster; shelling of markets flagged separately.",
                "Last two snapshots delayed by the communications blackout in El Fasher.",
            ),
        ),
        DemoTask(
            "AN-2",
            "Advise the HC on approaching Wadi Howar Mobile Brigade about safe passage",
            COMPLETED,
            "head",
            -40,
            -20,
            place=1,
            priorities=(1,),
            priority=CRITICAL,
            sensitivity=STRICTLY_CONFIDENTIAL,
            notes=("Options paper on channels and messengers prepared for the HC.",),
            outcome="The HC chose the community elders' channel; a first message was passed in early November.",
        ),
        DemoTask(
            "AN-5",
            "Joint PoC analysis with the residual UN presence during the transition",
            ON_HOLD,
            "head",
            -60,
            -10,
            place=None,
            priorities=(0,),
            notes=(
                "Analysis framework agreed with the transition team.",
                "On hold: staff relocation from Port Sudan delays the joint sessions.",
            ),
        ),
        DemoTask(
            "DI-1",
            "Dialogue with Jebel Marra Liberation Front on the safety of water points",
            IN_PROGRESS,
            "officer",
            -15,
            25,
            place=1,
            priorities=(0, 1),
            priority=HIGH,
            sensitivity=STRICTLY_CONFIDENTIAL,
            notes=("Group's humanitarian liaison agreed to discuss two water points near Kutum.",),
        ),
        DemoTask(
            "DI-4",
            "Share access arrangements for the El Geneina road with protection partners",
            COMPLETED,
            "officer",
            -30,
            -14,
            place=2,
            priorities=(1,),
            sensitivity=UNCLASSIFIED,
            notes=("Arrangements summarised in a one-page note for partners.",),
            outcome="Note shared with 23 protection partners; two mobile protection teams used the road safely.",
        ),
        DemoTask(
            "AD-3",
            "Promote IHL compliance on shelling of residential areas in El Fasher",
            IN_PROGRESS,
            "head",
            -25,
            5,
            place=0,
            priorities=(0,),
            priority=CRITICAL,
            notes=("Key messages prepared for the HC's statement and bilateral meetings.",),
        ),
        DemoTask(
            "AD-7",
            "Contribute to the Protection Cluster advocacy on sexual violence at checkpoints",
            PLANNED,
            "officer",
            3,
            28,
            place=2,
            priorities=(2,),
            sensitivity=UNCLASSIFIED,
            collaborators=("hct",),
            notes=("Cluster coordinator asked for a CMCoord paragraph on checkpoint conduct.",),
        ),
        DemoTask(
            "AD-5",
            "Advocate against armed escorts for the Kadugli convoy",
            CANCELLED,
            "officer",
            -20,
            -7,
            place=3,
            priorities=(1,),
            priority=LOW,
            notes=("Convoy cancelled by the logistics cluster after fighting on the road.",),
        ),
        DemoTask(
            "CB-3",
            "Workshop on humanitarian negotiation for national NGOs in Ed Damazin",
            PLANNED,
            "officer",
            20,
            22,
            place=4,
            priorities=(1, 2),
            sensitivity=UNCLASSIFIED,
            notes=("Co-facilitators confirmed from two national NGOs.",),
        ),
        DemoTask(
            "CB-2",
            "Awareness sessions on the treatment of unaccompanied children at checkpoints",
            PLANNED,
            "head",
            -12,
            -3,
            place=2,
            priorities=(2,),
            priority=HIGH,
            notes=("Overdue: materials are ready but no date agreed with the local authorities yet.",),
        ),
        DemoTask(
            "PP-5",
            "Promote protection in the transition plan of the UN presence",
            COMPLETED,
            "head",
            -90,
            -30,
            place=None,
            priorities=(0,),
            sensitivity=UNCLASSIFIED,
            notes=("Transition directive guidance shared with the resident coordinator's office.",),
            outcome="The transition plan keeps a civilian protection monitoring capacity in Darfur.",
        ),
        DemoTask(
            "PP-3",
            "Influence evacuation arrangements for civilians leaving El Fasher",
            ON_HOLD,
            "officer",
            -10,
            15,
            place=0,
            priorities=(1,),
            priority=CRITICAL,
            notes=(
                "Minimum standards for evacuation shared with the parties' liaison officers.",
                "On hold while the local truce talks are suspended.",
            ),
        ),
        DemoTask(
            "AN-3",
            "Monthly protection information exchange with the Protection Cluster",
            IN_PROGRESS,
            "officer",
            None,
            None,
            place=None,
            priorities=(0, 2),
            sensitivity=UNCLASSIFIED,
            recurring=True,
            collaborators=("head",),
            notes=("November exchange held online; checkpoint incidents mapped together.",),
        ),
    ),
)

SOUTH_SUDAN = DemoCountry(
    places=(
        ("Upper Nile", "SS07", "Malakal", "SS0701"),
        ("Unity", "SS08", "Rubkona", "SS0801"),
        ("Jonglei", "SS03", "Akobo", "SS0302"),
        ("Jonglei", "SS03", "Bor South", "SS0301"),
        ("Western Equatoria", "SS05", "Tambura", "SS0502"),
        ("Central Equatoria", "SS01", "Juba", "SS0101"),
    ),
    priorities=(
        DemoPriority(
            "Protection of civilians during evacuation of Malakal PoC site",
            "Voluntary, safe and dignified departures from the site as its status changes, with the mission.",
        ),
        DemoPriority(
            "Reduced sexual violence against women collecting firewood in Unity",
            "Safer firewood collection through patrols, alternatives and community arrangements.",
        ),
        DemoPriority(
            "Safe access to communities displaced by fighting in Jonglei",
            "Negotiated access for protection partners to Akobo and the surrounding islands.",
            period_start=date(2026, 4, 1),
        ),
        DemoPriority(
            "Prevention of child recruitment by armed youth groups",
            "Engagement with community leaders and armed youth to stop the recruitment of children.",
            status=PriorityStatus.ACHIEVED,
            period_end=date(2026, 9, 30),
        ),
    ),
    tasks=(
        DemoTask(
            "AN-6",
            "Input to UNMISS on the change of status of the Malakal PoC site",
            IN_PROGRESS,
            "head",
            -50,
            14,
            place=0,
            priorities=(0,),
            priority=CRITICAL,
            notes=(
                "Concerns of site residents collected with the camp management agency.",
                "Input discussed with the mission's leadership; a phased approach is being considered.",
            ),
        ),
        DemoTask(
            "AN-1",
            "Stakeholder mapping of armed youth groups in Jonglei",
            COMPLETED,
            "officer",
            -70,
            -35,
            place=2,
            priorities=(2, 3),
            notes=("Mapping done with the Protection Cluster and church leaders in Bor.",),
            outcome="Map informed the HCT's engagement plan with Akobo youth leaders.",
        ),
        DemoTask(
            "DI-2",
            "Influence the arrangements for departures from the Malakal PoC site",
            IN_PROGRESS,
            "officer",
            -30,
            -4,
            place=0,
            priorities=(0,),
            priority=HIGH,
            collaborators=("officer2",),
            notes=(
                "Minimum standards for relocation shared with UNMISS and the state authorities.",
                "Departure schedule still not agreed; the task is overdue.",
            ),
        ),
        DemoTask(
            "DI-5",
            "Notification channel with Nile Valley Defence Forces commander in Akobo",
            IN_PROGRESS,
            "officer2",
            -20,
            10,
            place=2,
            priorities=(2,),
            priority=HIGH,
            sensitivity=STRICTLY_CONFIDENTIAL,
            notes=("Commander's focal point accepts notifications by satellite phone.",),
        ),
        DemoTask(
            "DI-1",
            "Dialogue with Sueh River Self-Defence Group on attacks against returnees",
            ON_HOLD,
            "officer2",
            -35,
            -9,
            place=4,
            priorities=(2,),
            priority=HIGH,
            sensitivity=STRICTLY_CONFIDENTIAL,
            notes=(
                "First meeting held in Tambura through the paramount chief.",
                "On hold: the group's leadership is changing after internal clashes.",
            ),
        ),
        DemoTask(
            "AD-9",
            "Foster respect for humanitarian principles in UNMISS patrols near Rubkona",
            COMPLETED,
            "officer",
            -40,
            -12,
            place=1,
            priorities=(1,),
            sensitivity=UNCLASSIFIED,
            notes=("Briefing held with the Rubkona field office and the patrol commanders.",),
            outcome="Firewood patrols now coordinated with women's groups; no incident reported in November.",
        ),
        DemoTask(
            "AD-6",
            "Protection lens in the access negotiations for Akobo islands",
            PLANNED,
            "officer2",
            2,
            18,
            place=2,
            priorities=(2,),
            assigned=True,
            notes=("Checklist adapted from the Guidance Note; to be discussed with negotiators.",),
        ),
        DemoTask(
            "AD-2",
            "Echo HCT advocacy on child recruitment with county commissioners",
            CANCELLED,
            "head",
            -60,
            -30,
            place=3,
            priorities=(3,),
            priority=LOW,
            notes=("Cancelled: the priority was achieved and the Protection Cluster continues the follow-up.",),
        ),
        DemoTask(
            "CB-5",
            "Support pre-deployment training of the incoming UNMISS battalion",
            PLANNED,
            "officer",
            15,
            25,
            place=5,
            priorities=(0, 1),
            sensitivity=UNCLASSIFIED,
            notes=("Training cell asked for a module on civil-military coordination in PoC sites.",),
        ),
        DemoTask(
            "CB-2",
            "Awareness sessions on firewood collection risks for Rubkona community watch",
            PLANNED,
            "officer",
            -8,
            -2,
            place=1,
            priorities=(1,),
            sensitivity=UNCLASSIFIED,
            notes=("Overdue: the community watch coordinator was away; new date to be agreed.",),
        ),
        DemoTask(
            "PP-6",
            "Identify protection risks in the mission's flood contingency planning",
            ON_HOLD,
            "head",
            -25,
            20,
            place=1,
            priorities=(1,),
            priority=LOW,
            notes=("On hold until the mission shares its revised contingency plan.",),
        ),
        DemoTask(
            "PP-4",
            "Update the CMCoord assessment for Upper Nile",
            COMPLETED,
            "officer2",
            -45,
            -15,
            place=0,
            priorities=(0,),
            sensitivity=UNCLASSIFIED,
            notes=("Assessment revised after the October clashes.",),
            outcome="Assessment endorsed by the head of office and shared with the Inter-Cluster Coordination Group.",
        ),
        DemoTask(
            "DI-6",
            "Monthly PoC working group with UNMISS in Juba",
            IN_PROGRESS,
            "officer",
            None,
            None,
            place=5,
            priorities=(0,),
            sensitivity=UNCLASSIFIED,
            recurring=True,
            collaborators=("head", "hct"),
            notes=("November meeting focused on the Malakal site; minutes shared.",),
        ),
    ),
)

DR_CONGO = DemoCountry(
    places=(
        ("Ituri", "CD54", "Djugu", "CD5402"),
        ("Ituri", "CD54", "Irumu", "CD5403"),
        ("Nord-Kivu", "CD61", "Rutshuru", "CD6103"),
        ("Nord-Kivu", "CD61", "Masisi", "CD6104"),
        ("Nord-Kivu", "CD61", "Beni", "CD6101"),
        ("Sud-Kivu", "CD62", "Uvira", "CD6205"),
    ),
    priorities=(
        DemoPriority(
            "Protection of civilians in displacement sites of Djugu and Irumu",
            "Civilian character of sites, early warning and response to attacks on sites.",
        ),
        DemoPriority(
            "Humanitarian access and notification in Rutshuru and Masisi",
            "Reliable notification and deconfliction for humanitarian movements across front lines.",
        ),
        DemoPriority(
            "Prevention of sexual violence by armed actors",
            "Advocacy, training and referral pathways with the gender-based violence area of responsibility.",
        ),
        DemoPriority(
            "Protection-sensitive handover as MONUSCO withdraws from South Kivu",
            "Keep protection gaps in view as the mission leaves its bases in South Kivu.",
            period_end=date(2026, 6, 30),
            status=PriorityStatus.ACHIEVED,
        ),
    ),
    tasks=(
        DemoTask(
            "AN-1",
            "Map armed actors around displacement sites in Djugu",
            COMPLETED,
            "officer",
            -75,
            -40,
            place=0,
            priorities=(0,),
            priority=HIGH,
            notes=(
                "Site managers and the Protection Cluster contributed incident data.",
                "Map cross-checked with the mission's civil affairs section.",
            ),
            outcome="Early warning focal points named in six sites most exposed to Coalition des Forces de "
            "Djugu incursions.",
        ),
        DemoTask(
            "AN-5",
            "Joint PoC analysis with MONUSCO for Irumu",
            IN_PROGRESS,
            "head",
            -20,
            10,
            place=1,
            priorities=(0,),
            priority=HIGH,
            notes=("First joint session held; the mission shares its threat assessment in two weeks.",),
        ),
        DemoTask(
            "AN-4",
            "Monitor access impediments on the Goma-Rutshuru road",
            IN_PROGRESS,
            "officer",
            -30,
            -5,
            place=2,
            priorities=(1,),
            sensitivity=UNCLASSIFIED,
            notes=("Checkpoint incidents up by a third since September; snapshot overdue.",),
        ),
        DemoTask(
            "DI-5",
            "Notification channel with Mouvement Populaire du Masisi commanders",
            IN_PROGRESS,
            "officer",
            -25,
            20,
            place=3,
            priorities=(1,),
            priority=CRITICAL,
            sensitivity=STRICTLY_CONFIDENTIAL,
            notes=(
                "The group's liaison accepted a written notification template.",
                "Twelve movements notified in November; one convoy held for three hours and then released.",
            ),
        ),
        DemoTask(
            "DI-3",
            "Link the GBV area of responsibility to the national army's legal advisers in Beni",
            ON_HOLD,
            "head",
            -40,
            -6,
            place=4,
            priorities=(2,),
            priority=HIGH,
            notes=(
                "Introductory meeting held in Beni.",
                "On hold: the legal advisers were redeployed; waiting for the new focal point.",
            ),
        ),
        DemoTask(
            "AD-8",
            "Identify who can best influence Coalition des Forces de Djugu on attacks against sites",
            PLANNED,
            "head",
            0,
            14,
            place=0,
            priorities=(0,),
            priority=CRITICAL,
            sensitivity=STRICTLY_CONFIDENTIAL,
            notes=("Church and customary leaders to be consulted first.",),
        ),
        DemoTask(
            "AD-10",
            "Input to MONUSCO's protection strategy for Ituri",
            COMPLETED,
            "head",
            -50,
            -20,
            place=1,
            priorities=(0, 2),
            notes=("Written input agreed by the HCT protection group.",),
            outcome="Mission strategy now includes site perimeter patrols at night in Djugu.",
        ),
        DemoTask(
            "AD-5",
            "Promote alternatives to armed escorts for the Masisi vaccination campaign",
            CANCELLED,
            "officer",
            -15,
            -5,
            place=3,
            priorities=(1,),
            priority=LOW,
            notes=("Campaign reorganised by the health cluster without movements through Masisi centre.",),
        ),
        DemoTask(
            "CB-1",
            "Training on sexual violence prevention for national army officers in Rutshuru",
            PLANNED,
            "officer",
            -10,
            -2,
            place=2,
            priorities=(2,),
            priority=HIGH,
            assigned=True,
            notes=("Overdue: the brigade command has not yet confirmed the participants.",),
        ),
        DemoTask(
            "CB-4",
            "Humanitarian participation in the MONUSCO protection exercise in Beni",
            PLANNED,
            "officer",
            10,
            12,
            place=4,
            priorities=(0,),
            sensitivity=UNCLASSIFIED,
            notes=("Three NGOs and two agencies confirmed for the exercise.",),
        ),
        DemoTask(
            "PP-5",
            "Protection benchmarks for the mission's withdrawal from South Kivu",
            COMPLETED,
            "head",
            -150,
            -90,
            place=5,
            priorities=(3,),
            sensitivity=UNCLASSIFIED,
            notes=("Benchmarks agreed with the integrated transition team.",),
            outcome="Handover of Uvira base completed with community early warning networks in place.",
        ),
        DemoTask(
            "PP-2",
            "Convey protection concerns into the army's planning for Beni operations",
            ON_HOLD,
            "officer",
            -20,
            15,
            place=4,
            priorities=(0, 2),
            notes=("On hold pending the arrival of the new operational commander.",),
        ),
        DemoTask(
            "DI-6",
            "Monthly PoC platform with MONUSCO in Goma",
            IN_PROGRESS,
            "officer",
            None,
            None,
            place=2,
            priorities=(0, 1),
            sensitivity=UNCLASSIFIED,
            recurring=True,
            collaborators=("head", "hct"),
            notes=("November platform discussed the Rutshuru access impediments.",),
        ),
    ),
)

YEMEN = DemoCountry(
    places=(
        ("Al Hudaydah", "YE18", "Hays", "YE1817"),
        ("Al Hudaydah", "YE18", "Al Khawkhah", "YE1815"),
        ("Ta'iz", "YE15", "Al Mudhaffar", "YE1519"),
        ("Marib", "YE26", "Marib City", "YE2612"),
        ("Hajjah", "YE17", "Abs", "YE1705"),
        ("Aden", "YE24", "Dar Sa'd", "YE2404"),
    ),
    priorities=(
        DemoPriority(
            "Civilian harm mitigation along the Red Sea coast frontlines",
            "Reduce civilian casualties from shelling and explosive ordnance near frontline villages.",
        ),
        DemoPriority(
            "Safe and equitable access to displacement sites in Marib",
            "Access for all displaced people, whatever their origin, to services and assistance in Marib.",
        ),
        DemoPriority(
            "Freedom of movement for civilians across Ta'iz frontlines",
            "Crossing points that are safe for civilians, including the sick and women travelling alone.",
        ),
    ),
    tasks=(
        DemoTask(
            "AN-4",
            "Civilian harm tracking for Hays and Al Khawkhah",
            IN_PROGRESS,
            "officer",
            -40,
            -3,
            place=0,
            priorities=(0,),
            priority=HIGH,
            notes=(
                "Harm tracking sheet agreed with the Protection Cluster and the mine action area of responsibility.",
                "October figures compiled; overdue because of missing data from Al Khawkhah.",
            ),
        ),
        DemoTask(
            "AN-2",
            "Advise the HC on approaching Al-Barq Coastal Brigade about shelling of villages",
            COMPLETED,
            "head",
            -35,
            -15,
            place=1,
            priorities=(0,),
            priority=CRITICAL,
            sensitivity=STRICTLY_CONFIDENTIAL,
            notes=("Options presented to the HC: direct contact through the brigade's liaison or via tribal elders.",),
            outcome="The HC met the brigade's liaison officer on 4 November; two villages agreed as no-fire areas.",
        ),
        DemoTask(
            "DI-1",
            "Dialogue with Wadi Abidah Tribal Mobilisation on attacks near displacement sites",
            ON_HOLD,
            "officer",
            -30,
            -8,
            place=3,
            priorities=(1,),
            priority=HIGH,
            sensitivity=STRICTLY_CONFIDENTIAL,
            notes=(
                "Contact established through a sheikh respected by both sides.",
                "On hold after the sheikh's travel restrictions; alternative intermediary being sought.",
            ),
        ),
        DemoTask(
            "DI-4",
            "Share crossing arrangements in Ta'iz with protection partners",
            COMPLETED,
            "officer",
            -25,
            -10,
            place=2,
            priorities=(2,),
            sensitivity=UNCLASSIFIED,
            notes=("Crossing hours and procedures summarised in Arabic and English.",),
            outcome="Note used by four mobile protection teams; no team turned back in November.",
        ),
        DemoTask(
            "DI-5",
            "Humanitarian notification system for Hajjah movements",
            IN_PROGRESS,
            "head",
            -60,
            30,
            place=4,
            priorities=(0,),
            priority=HIGH,
            notes=("Notification form and timelines agreed with the de facto authorities' coordination body.",),
        ),
        DemoTask(
            "AD-1",
            "Identify advocacy targets on denial of access to Marib sites",
            PLANNED,
            "officer",
            3,
            20,
            place=3,
            priorities=(1,),
            notes=("List of decision makers to be drafted with the Camp Coordination cluster.",),
        ),
        DemoTask(
            "AD-4",
            "Promote equitable access for marginalised groups in Dar Sa'd sites",
            IN_PROGRESS,
            "officer",
            -15,
            25,
            place=5,
            priorities=(1,),
            sensitivity=UNCLASSIFIED,
            notes=("Muhamasheen community representatives met; exclusion from distributions documented.",),
        ),
        DemoTask(
            "AD-6",
            "Protection lens in the negotiation for the Ta'iz road opening",
            CANCELLED,
            "head",
            -45,
            -20,
            place=2,
            priorities=(2,),
            priority=LOW,
            notes=("Cancelled: the road talks moved to the political track led by the Special Envoy's office.",),
        ),
        DemoTask(
            "CB-3",
            "Workshop on access and UN-CMCoord for protection partners in Aden",
            PLANNED,
            "officer",
            25,
            26,
            place=5,
            priorities=(1, 2),
            sensitivity=UNCLASSIFIED,
            collaborators=("hct",),
            notes=("Agenda drafted with the Protection Cluster coordinator.",),
        ),
        DemoTask(
            "CB-2",
            "Awareness sessions on explosive ordnance risks for coastal checkpoint staff",
            ON_HOLD,
            "officer",
            -20,
            10,
            place=0,
            priorities=(0,),
            notes=("On hold until the mine action partner's risk education team is redeployed to Hays.",),
        ),
        DemoTask(
            "PP-1",
            "Advise on joint operating principles for humanitarian movements",
            COMPLETED,
            "head",
            -90,
            -45,
            place=None,
            priorities=(0, 1),
            sensitivity=UNCLASSIFIED,
            notes=("Draft principles discussed in the HCT.",),
            outcome="Joint operating principles endorsed by the HCT in September.",
        ),
        DemoTask(
            "PP-4",
            "Update the CMCoord assessment after the coastal escalation",
            PLANNED,
            "head",
            -14,
            -1,
            place=None,
            priorities=(0,),
            priority=HIGH,
            notes=("Overdue: waiting for the security risk assessment of the coast.",),
        ),
        DemoTask(
            "AN-3",
            "Monthly protection information exchange with the Protection Cluster",
            IN_PROGRESS,
            "officer",
            None,
            None,
            place=None,
            priorities=(0, 1, 2),
            sensitivity=UNCLASSIFIED,
            recurring=True,
            collaborators=("head",),
            notes=("November exchange held in Aden; harm tracking figures reconciled.",),
        ),
    ),
)

COUNTRIES = {
    "ML": MALI,
    "CF": CENTRAL_AFRICAN_REPUBLIC,
    "SD": SUDAN,
    "SS": SOUTH_SUDAN,
    "CD": DR_CONGO,
    "YE": YEMEN,
}


def seed_tasks(operations, users) -> None:
    """Demo priorities and tasks for each demo operation; records that already exist are left alone.

    Peacekeeping-only activities are used only where ``operation.has_peace_operation`` is set: the flag is derived
    from the missions covering the operation, which the actors app's demo seeds before this runs.
    """
    for country, operation in operations.items():
        demo = COUNTRIES.get(country)
        if demo is not None and operation.is_active:
            _seed_operation(operation, demo, users)


def _people(operation, users) -> dict:
    """The operation's people by the keys the demo tasks use, from their memberships."""
    by_role: dict[str, list] = {}
    for membership in Membership.objects.filter(operation=operation).select_related("user").order_by("pk"):
        # Reuse the seed's user objects, so each one's access profile is computed once.
        by_role.setdefault(membership.role, []).append(users.get(membership.user.username, membership.user))
    officers, heads, hct = by_role.get(Role.OFFICER, []), by_role.get(Role.HEAD, []), by_role.get(Role.HCT, [])
    head = heads[0] if heads else officers[0]
    officer = officers[0] if officers else head
    return {
        "officer": officer,
        "officer2": officers[1] if len(officers) > 1 else head,
        "head": head,
        "hct": hct[0] if hct else None,
    }


def _seed_operation(operation, demo: DemoCountry, users) -> None:
    priorities = []
    for order, spec in enumerate(demo.priorities, start=1):
        priority, _ = ProtectionPriority.objects.get_or_create(
            operation=operation,
            title=spec.title,
            defaults={
                "description": spec.description,
                "period_start": spec.period_start,
                "period_end": spec.period_end,
                "status": spec.status,
                "order": order * 10,
            },
        )
        priorities.append(priority)
    people = _people(operation, users)
    today = operation_today(operation)
    for spec in demo.tasks:
        if not Task.objects.filter(operation=operation, series__isnull=True, title=spec.title).exists():
            _create_task(operation, spec, people, priorities, demo.places, today)


def _first_monday_of_next_month(today: date) -> date:
    first = today.replace(day=1) + relativedelta(months=1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _create_task(operation, spec: DemoTask, people, priorities, places, today: date) -> Task:
    activity = Activity.objects.get(operation__isnull=True, code=spec.activity)
    if activity.peacekeeping_only and not operation.has_peace_operation:
        raise ValueError(f"Demo task {spec.title!r} uses a peacekeeping-only activity in {operation}.")
    owner = people[spec.owner]
    author = people["head"] if spec.assigned else owner
    admin1_name, admin1_pcode, admin2_name, admin2_pcode = places[spec.place] if spec.place is not None else [""] * 4
    start = today + timedelta(days=spec.start) if spec.start is not None else None
    due = today + timedelta(days=spec.due) if spec.due is not None else None
    rule = ""
    if spec.recurring:
        due = _first_monday_of_next_month(today)
        start = due - timedelta(days=3)
        rule = build_rule(frequency="MONTHLY", monthly_mode="weekday", ordinal="1", weekday="MO")
    task = Task(
        operation=operation,
        activity=activity,
        title=spec.title,
        description=spec.description,
        priority=spec.priority,
        owner=owner,
        sensitivity=spec.sensitivity,
        start_date=start,
        due_date=due,
        admin1_name=admin1_name,
        admin1_pcode=admin1_pcode,
        admin2_name=admin2_name,
        admin2_pcode=admin2_pcode,
        recurrence_rule=rule,
    )
    collaborators = [people[key] for key in spec.collaborators if people.get(key) and people[key] != owner]
    linked = [priorities[index] for index in spec.priorities]

    def save_m2m():
        task.collaborators.set(collaborators)
        task.protection_priorities.set(linked)

    task = services.task_create(user=author, task=task, save_m2m=save_m2m)

    # The last note tells how the task came to its present status, so it follows the last status change.
    path, notes = STATUS_PATHS[spec.status], list(spec.notes)
    earlier_notes, last_notes = (notes[:-1], notes[-1:]) if path else (notes, [])
    for new_status in path[:-1]:
        task = services.task_change_status(user=owner, task=task, new_status=new_status, expected_version=task.version)
    for text in earlier_notes:
        services.task_add_note(user=owner, task=task, text=text)
    if spec.outcome:
        task.outcome = spec.outcome
    if path:
        task = services.task_change_status(user=owner, task=task, new_status=path[-1], expected_version=task.version)
    elif spec.outcome:
        task = services.task_update(user=owner, task=task, expected_version=task.version)
    for text in last_notes:
        services.task_add_note(user=owner, task=task, text=text)
    return task


if seed_tasks not in DEMO_EXTENSIONS:
    DEMO_EXTENSIONS.append(seed_tasks)
