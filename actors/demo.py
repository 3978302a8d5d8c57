"""Demo missions and actor registry for the six demo operations (DOMAIN.md, "Realistic demo data").

Two functions are registered in :data:`cmcoord.operations.demo.DEMO_EXTENSIONS`:

- :func:`seed_missions` runs first, so each operation's ``has_peace_operation`` flag, derived from the missions
  covering it, is set before the task demo decides which peacekeeping-only activities it may use;
- :func:`seed_actors` runs last, after the task demo, so actors can be linked to the tasks it created.

Missions and their phases are written through :mod:`actors.services` like any officer's. Every armed group and
every person named here is invented; Security Council resolution numbers and mandate periods are demo values.
Running it again creates nothing new: missions are matched by acronym, actors by name within their operation,
and the records that belong to an existing mission or actor are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from cmcoord.operations.choices import CMCoordStrategy, Role, Sensitivity
from cmcoord.operations.demo import DEMO_EXTENSIONS
from cmcoord.operations.models import Membership
from protection_tasks import demo as task_demo  # registers the task demo first, so seed_actors runs after it
from protection_tasks.models import Task

from . import services
from .choices import (
    PRESENT_PHASES,
    ActorCategory,
    ActorType,
    Attitude,
    ComponentKind,
    Confidence,
    MissionKind,
    MissionPhase,
    PreferredChannel,
    RelationshipType,
    Stance,
    TaskActorRole,
)
from .models import (
    Actor,
    ActorAssessment,
    ActorRelationship,
    CoordinationPlatform,
    LiaisonContact,
    Mission,
    MissionComponent,
    MissionLiaisonOfficer,
    MissionPhaseChange,
    TaskActor,
    TaskMission,
)

UNCLASSIFIED, CONFIDENTIAL = Sensitivity.UNCLASSIFIED, Sensitivity.CONFIDENTIAL
STRICTLY_CONFIDENTIAL = Sensitivity.STRICTLY_CONFIDENTIAL

DOMESTIC_CIVILIAN, DOMESTIC_MILITARY = ActorCategory.DOMESTIC_CIVILIAN, ActorCategory.DOMESTIC_MILITARY
INTERNATIONAL_CIVILIAN, FOREIGN_MILITARY = ActorCategory.INTERNATIONAL_CIVILIAN, ActorCategory.FOREIGN_MILITARY
NSAG = ActorCategory.NON_STATE_ARMED_GROUP

SPOILER, INFLUENCER, NEUTRAL, SUPPORTIVE = Stance.SPOILER, Stance.INFLUENCER, Stance.NEUTRAL, Stance.SUPPORTIVE
OBSTRUCTIVE, RESERVED, ACCEPTING = Attitude.OBSTRUCTIVE, Attitude.RESERVED, Attitude.ACCEPTING
FACILITATING, UNKNOWN = Attitude.FACILITATING, Attitude.UNKNOWN
COEXISTENCE, COORDINATION, COOPERATION = (
    CMCoordStrategy.COEXISTENCE,
    CMCoordStrategy.COORDINATION,
    CMCoordStrategy.COOPERATION,
)

PART_OF, ALLIED, OPPOSED = RelationshipType.PART_OF, RelationshipType.ALLIED, RelationshipType.OPPOSED
INFLUENCES, SUPPLIES = RelationshipType.INFLUENCES, RelationshipType.SUPPLIES
NEGOTIATES, COORDINATES = RelationshipType.NEGOTIATES, RelationshipType.COORDINATES
CONFIRMED, PROBABLE, POSSIBLE = Confidence.CONFIRMED, Confidence.PROBABLE, Confidence.POSSIBLE

TARGET, INTERLOCUTOR, PARTNER = TaskActorRole.TARGET, TaskActorRole.INTERLOCUTOR, TaskActorRole.PARTNER
PHONE, MESSAGING, IN_PERSON = PreferredChannel.PHONE, PreferredChannel.MESSAGING, PreferredChannel.IN_PERSON
INTERMEDIARY = PreferredChannel.THROUGH_INTERMEDIARY

ACTIVE, DRAWDOWN = MissionPhase.ACTIVE, MissionPhase.DRAWDOWN
TRANSITION, CLOSED = MissionPhase.TRANSITION, MissionPhase.CLOSED


# --- Missions -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoMission:
    acronym: str
    name: str
    kind: str
    country: str  # ISO 3166-1 alpha-2 of the one demo operation it covers
    poc_mandate: bool
    mandate_text: str
    resolution: str
    mandate_start: date
    mandate_end: date
    phases: tuple[tuple[date, str, str], ...]  # (started on, phase, note), oldest first
    platforms: tuple[tuple[str, str, str, bool, str], ...]  # (name, chair, meets, OCHA attends, notes)
    predecessor: str = ""  # acronym of a mission seeded before this one


MISSIONS = (
    DemoMission(
        "MINUSMA",
        "United Nations Multidimensional Integrated Stabilization Mission in Mali",
        MissionKind.PKO,
        "ML",
        True,
        "Orderly withdrawal and handover of camps to national authorities; protection of civilians around "
        "the remaining bases during the drawdown.",
        "S/RES/2690 (2023)",
        date(2023, 7, 1),
        date(2026, 12, 31),
        (
            (date(2013, 7, 1), ACTIVE, "Authority transferred from the regional support mission."),
            (date(2023, 7, 1), DRAWDOWN, "The Council ended the mandate; camps are handed over in stages."),
        ),
        (
            (
                "Protection of Civilians Working Group (Gao)",
                "Mission PoC adviser and Protection Cluster",
                "monthly",
                True,
                "Tracks early warning gaps in areas the mission has left.",
            ),
            (
                "Civil-Military Coordination Forum (Mopti)",
                "OCHA",
                "every two weeks",
                True,
                "",
            ),
        ),
    ),
    DemoMission(
        "MINUSCA",
        "United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic",
        MissionKind.PKO,
        "CF",
        True,
        "Protection of civilians as first priority; support to the peace process, humanitarian access and the "
        "extension of state authority.",
        "S/RES/2812 (2026)",
        date(2026, 11, 15),
        date(2027, 11, 15),
        ((date(2014, 9, 15), ACTIVE, "Authority transferred from the African-led support mission."),),
        (
            ("PoC Forum (Bangui)", "Mission PoC unit and OCHA", "monthly", True, ""),
            (
                "Protection Working Group (Bambari)",
                "Mission civil affairs and Protection Cluster",
                "every two weeks",
                True,
                "Covers Ouaka and Haute-Kotto.",
            ),
        ),
    ),
    DemoMission(
        "UNAMID",
        "African Union-United Nations Hybrid Operation in Darfur",
        MissionKind.PKO,
        "SD",
        True,
        "Hybrid AU-UN operation: protection of civilians, facilitation of humanitarian assistance, mediation "
        "between the parties in Darfur.",
        "S/RES/2525 (2020)",
        date(2020, 6, 4),
        date(2020, 12, 31),
        (
            (date(2007, 12, 31), ACTIVE, "Hybrid operation took over from the African Union mission."),
            (date(2020, 12, 31), CLOSED, "Mandate ended; uniformed personnel withdrawn in the first half of 2021."),
        ),
        (
            (
                "Darfur Protection Working Group (El Fasher)",
                "UNAMID protection section",
                "monthly",
                True,
                "Handed over to the Protection Cluster's Darfur sub-national cluster when the mission closed.",
            ),
        ),
    ),
    DemoMission(
        "UNITAMS",
        "United Nations Integrated Transition Assistance Mission in Sudan",
        MissionKind.SPM,
        "SD",
        False,
        "Support to the political transition, peace agreements and civilian protection by national authorities; "
        "no Protection of Civilians mandate of its own.",
        "S/RES/2715 (2023)",
        date(2023, 6, 4),
        date(2023, 12, 3),
        (
            (date(2020, 6, 4), ACTIVE, "Special political mission established to accompany the transition."),
            (date(2023, 12, 4), TRANSITION, "Mandate terminated; residual tasks handed to the UN country team."),
        ),
        (
            (
                "Darfur PoC Coordination Group",
                "Resident Coordinator's office and Protection Cluster",
                "monthly",
                True,
                "Keeps the joint protection analysis going during the transition.",
            ),
        ),
        predecessor="UNAMID",
    ),
    DemoMission(
        "UNMISS",
        "United Nations Mission in the Republic of South Sudan",
        MissionKind.PKO,
        "SS",
        True,
        "Protection of civilians, conditions for the delivery of humanitarian assistance, monitoring of human "
        "rights and support to the peace agreement.",
        "S/RES/2791 (2026)",
        date(2026, 5, 1),
        date(2027, 4, 30),
        ((date(2011, 7, 9), ACTIVE, "Established on the day of independence."),),
        (
            ("PoC Working Group (Juba)", "Mission PoC unit and OCHA", "monthly", True, ""),
            (
                "Malakal PoC Site Coordination Forum",
                "Mission field office and camp management agency",
                "weekly",
                True,
                "Follows the change of status of the site and departures.",
            ),
        ),
    ),
    DemoMission(
        "MONUSCO",
        "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
        MissionKind.PKO,
        "CD",
        True,
        "Protection of civilians and support to stabilisation in Ituri and North Kivu; phased disengagement, "
        "South Kivu first.",
        "S/RES/2765 (2025)",
        date(2025, 12, 20),
        date(2026, 12, 20),
        (
            (date(2010, 7, 1), ACTIVE, "Took over from the previous observer mission."),
            (date(2024, 1, 1), DRAWDOWN, "Phased disengagement plan adopted; South Kivu bases closed first."),
        ),
        (
            ("PoC Platform (Goma)", "Mission PoC adviser and OCHA", "monthly", True, ""),
            (
                "Ituri Protection Working Group (Bunia)",
                "Protection Cluster",
                "every two weeks",
                False,
                "OCHA receives the minutes through the Protection Cluster.",
            ),
        ),
    ),
)


# --- Actors -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoAssessment:
    months_ago: int
    stance: str
    influence: int
    interest: int
    access: str
    protection: str
    strategy: str
    notes: str = ""


@dataclass(frozen=True)
class DemoActor:
    key: str
    name: str
    category: str
    actor_type: str
    areas: str  # admin 1 P-codes of the operation's country
    description: str
    assessments: tuple[DemoAssessment, ...]  # oldest first
    acronym: str = ""
    aliases: str = ""
    parent: str = ""  # key of an actor listed before this one
    party: bool = False
    sensitivity: int | None = None  # None: the category's default (services.actor_apply_defaults)
    component: str = ""  # a ComponentKind: the actor is that component of the operation's present mission
    contacts: tuple[tuple[str, str, str, str], ...] = ()  # (name, function, phone, preferred channel)


@dataclass(frozen=True)
class DemoRelationship:
    source: str
    relationship_type: str
    target: str
    confidence: str
    note: str = ""
    since_months: int | None = None
    sensitivity: int | None = None  # None: Confidential, or the stricter level of the two actors


@dataclass(frozen=True)
class DemoCountryActors:
    actors: tuple[DemoActor, ...]
    relationships: tuple[DemoRelationship, ...]
    task_actors: tuple[tuple[str, str, str], ...]  # (activity code of a demo task, actor key, role)
    task_missions: tuple[str, ...] = ()  # activity codes of demo tasks that concern the operation's mission
    liaison_officer: tuple[str, str, str, str] | None = None  # (name, function, e-mail, phone)


A = DemoAssessment
R = DemoRelationship

MALI = DemoCountryActors(
    actors=(
        DemoActor(
            "fdg",
            "Front de Défense du Gourma",
            NSAG,
            ActorType.REBEL_GROUP,
            "ML05, ML07",
            "Armed group active along the Gourma; taxes weekly markets and controls secondary roads east of Douentza.",
            (
                A(14, NEUTRAL, 3, 2, RESERVED, UNKNOWN, COEXISTENCE, "Little contact; presence limited to the Gourma."),
                A(3, SPOILER, 4, 2, OBSTRUCTIVE, OBSTRUCTIVE, COEXISTENCE, "Attacks on the Boni and Douentza markets."),
            ),
            acronym="FDG",
            party=True,
            contacts=(("Hamadou Bocoum-Sidibé", "Sector commanders' messenger", "+223 70 00 00 01", INTERMEDIARY),),
        ),
        DemoActor(
            "acp",
            "Alliance des Chasseurs du Plateau",
            NSAG,
            ActorType.IDENTITY_MILITIA,
            "ML05, ML04",
            "Community hunters' self-defence militia on the Bandiagara plateau; mans checkpoints on village roads.",
            (
                A(10, INFLUENCER, 4, 3, RESERVED, RESERVED, COEXISTENCE),
                A(2, INFLUENCER, 4, 4, ACCEPTING, RESERVED, COORDINATION, "Accepted a notification routine."),
            ),
            acronym="ACP",
            party=True,
            sensitivity=STRICTLY_CONFIDENTIAL,
            contacts=(
                ("Yaya Togo-Kassambara", "Focal point for humanitarian notifications", "+223 70 00 00 02", MESSAGING),
            ),
        ),
        DemoActor(
            "army",
            "Forces Armées Nationales",
            DOMESTIC_MILITARY,
            ActorType.STATE_FORCES,
            "ML04, ML05, ML06, ML07, ML10",
            "National armed forces, taking over the bases handed over by the mission.",
            (
                A(12, NEUTRAL, 5, 3, RESERVED, RESERVED, COEXISTENCE),
                A(4, NEUTRAL, 5, 3, RESERVED, ACCEPTING, COORDINATION, "Open to PoC sessions at command level."),
            ),
            acronym="FAN",
            party=True,
        ),
        DemoActor(
            "sevare",
            "Commandement Opérationnel de Sévaré",
            DOMESTIC_MILITARY,
            ActorType.STATE_FORCES,
            "ML05",
            "Operational command of the national armed forces for central Mali.",
            (A(6, NEUTRAL, 4, 3, RESERVED, ACCEPTING, COORDINATION),),
            acronym="COS",
            parent="army",
            party=True,
            contacts=(("Seydou Konaté-Berthé", "Civil-military cell liaison officer", "+223 70 00 00 03", PHONE),),
        ),
        DemoActor(
            "gendarmerie",
            "Gendarmerie nationale, Légion de Mopti",
            DOMESTIC_MILITARY,
            ActorType.POLICE_GENDARMERIE,
            "ML05",
            "Gendarmerie posts on the Mopti-Douentza road.",
            (A(5, NEUTRAL, 2, 3, RESERVED, RESERVED, COORDINATION, "Slow clearance of convoys at the Boni post."),),
        ),
        DemoActor(
            "force",
            "MINUSMA Force",
            FOREIGN_MILITARY,
            ActorType.UN_PEACEKEEPING_MILITARY,
            "ML06, ML07, ML10",
            "The mission's military component, closing its last bases.",
            (
                A(15, SUPPORTIVE, 4, 4, FACILITATING, ACCEPTING, COORDINATION),
                A(2, SUPPORTIVE, 2, 4, ACCEPTING, ACCEPTING, COORDINATION, "Less reach as the bases close."),
            ),
            component=ComponentKind.MILITARY,
        ),
        DemoActor(
            "unpol",
            "MINUSMA Police",
            FOREIGN_MILITARY,
            ActorType.UNPOL,
            "ML06, ML07",
            "Formed police units and individual police officers of the mission.",
            (A(6, SUPPORTIVE, 2, 4, ACCEPTING, FACILITATING, COORDINATION),),
            acronym="UNPOL",
            component=ComponentKind.POLICE,
        ),
        DemoActor(
            "elders",
            "Conseil des Anciens de Douentza",
            DOMESTIC_CIVILIAN,
            ActorType.LOCAL_LEADER,
            "ML05",
            "Council of elders trusted by several armed groups; intermediary for messages on market attacks.",
            (A(7, INFLUENCER, 3, 5, FACILITATING, FACILITATING, COOPERATION),),
            contacts=(("Boureima Ongoïba-Tall", "Secretary of the council", "+223 70 00 00 04", IN_PERSON),),
        ),
        DemoActor(
            "forum",
            "International NGO Forum Mali",
            INTERNATIONAL_CIVILIAN,
            ActorType.NGO,
            "ML04, ML05, ML06, ML07, ML10",
            "Forum of international NGOs; shares incident and access data.",
            (A(8, SUPPORTIVE, 2, 5, FACILITATING, FACILITATING, COOPERATION),),
            acronym="INGO Forum",
        ),
        DemoActor(
            "agency",
            "UNICEF Mali",
            INTERNATIONAL_CIVILIAN,
            ActorType.UN_AGENCY,
            "ML05, ML06, ML07",
            "Leads the child protection area of responsibility and the monitoring of grave violations.",
            (A(8, SUPPORTIVE, 3, 5, FACILITATING, FACILITATING, COOPERATION),),
        ),
        DemoActor(
            "icrc",
            "ICRC Delegation in Mali",
            INTERNATIONAL_CIVILIAN,
            ActorType.RED_CROSS_MOVEMENT,
            "ML05, ML06, ML07, ML10",
            "Bilateral, confidential dialogue with all parties on IHL.",
            (A(9, NEUTRAL, 4, 5, ACCEPTING, FACILITATING, COORDINATION, "Shares general trends, not specifics."),),
            acronym="ICRC",
        ),
        DemoActor(
            "cluster",
            "Protection Cluster Mali",
            INTERNATIONAL_CIVILIAN,
            ActorType.PROTECTION_CLUSTER,
            "ML04, ML05, ML06, ML07, ML10",
            "National Protection Cluster with sub-national coordination in Mopti and Gao.",
            (A(8, SUPPORTIVE, 3, 5, FACILITATING, FACILITATING, COOPERATION),),
        ),
    ),
    relationships=(
        R("sevare", PART_OF, "army", CONFIRMED),
        R("fdg", OPPOSED, "army", CONFIRMED, since_months=30),
        R("acp", OPPOSED, "fdg", CONFIRMED, since_months=24),
        R("acp", ALLIED, "army", PROBABLE, "Joint patrols reported near Bandiagara.", 18, STRICTLY_CONFIDENTIAL),
        R("army", SUPPLIES, "acp", POSSIBLE, "Alleged by two sources; not verified.", None, STRICTLY_CONFIDENTIAL),
        R("elders", INFLUENCES, "fdg", PROBABLE, "", None, STRICTLY_CONFIDENTIAL),
        R("elders", NEGOTIATES, "acp", PROBABLE),
        R("force", COORDINATES, "army", CONFIRMED, "Handover of camps.", 12),
        R("unpol", COORDINATES, "gendarmerie", CONFIRMED),
        R("icrc", NEGOTIATES, "fdg", PROBABLE),
        R("gendarmerie", COORDINATES, "sevare", PROBABLE),
        R("cluster", COORDINATES, "forum", CONFIRMED, sensitivity=UNCLASSIFIED),
        R("agency", COORDINATES, "cluster", CONFIRMED, sensitivity=UNCLASSIFIED),
    ),
    task_actors=(
        ("DI-1", "fdg", TARGET),
        ("DI-1", "elders", INTERLOCUTOR),
        ("DI-5", "acp", INTERLOCUTOR),
        ("CB-1", "sevare", TARGET),
        ("AN-1", "cluster", PARTNER),
        ("AD-7", "agency", PARTNER),
    ),
    task_missions=("DI-6", "AN-6", "PP-5"),
    liaison_officer=(
        "Mariam Traoré-Cissé",
        "Humanitarian liaison officer with MINUSMA",
        "hlo.mali@example.org",
        "+223 70 00 00 90",
    ),
)

CENTRAL_AFRICAN_REPUBLIC = DemoCountryActors(
    actors=(
        DemoActor(
            "urk",
            "Union pour la Renaissance de la Kotto",
            NSAG,
            ActorType.REBEL_GROUP,
            "CF71, CF72, CF52",
            "Armed coalition from Haute-Kotto; controls mining sites and barriers around Bria and Alindao.",
            (
                A(16, NEUTRAL, 4, 2, RESERVED, RESERVED, COEXISTENCE),
                A(5, SPOILER, 5, 2, OBSTRUCTIVE, OBSTRUCTIVE, COEXISTENCE, "Illegal taxation at two barriers."),
            ),
            acronym="URK",
            party=True,
        ),
        DemoActor(
            "urk_bk",
            "URK Faction de la Basse-Kotto",
            NSAG,
            ActorType.REBEL_GROUP,
            "CF52",
            "Faction that split from the coalition's leadership; its zone commander sits in Alindao.",
            (
                A(9, SPOILER, 3, 2, OBSTRUCTIVE, RESERVED, COEXISTENCE),
                A(1, INFLUENCER, 3, 3, ACCEPTING, RESERVED, COORDINATION, "Accepts notifications by phone."),
            ),
            acronym="URK-BK",
            aliases="URK dissidents",
            parent="urk",
            party=True,
            sensitivity=STRICTLY_CONFIDENTIAL,
            contacts=(("Théodore Ngbangui-Kossi", "Zone commander's liaison", "+236 70 00 00 01", INTERMEDIARY),),
        ),
        DemoActor(
            "men",
            "Mouvement des Éleveurs du Nord",
            NSAG,
            ActorType.POLITICAL_MILITIA,
            "CF32",
            "Armed group claiming to protect herders; escorts cattle along transhumance corridors.",
            (
                A(12, SPOILER, 3, 2, OBSTRUCTIVE, RESERVED, COEXISTENCE),
                A(3, NEUTRAL, 3, 3, RESERVED, RESERVED, COEXISTENCE, "Agreed in principle to a PoC session."),
            ),
            acronym="MEN",
            party=True,
            contacts=(("Adamou Bello-Garba", "Political spokesperson", "+236 70 00 00 02", PHONE),),
        ),
        DemoActor(
            "cgk",
            "Coalition des Gardiens de Kotto",
            NSAG,
            ActorType.IDENTITY_MILITIA,
            "CF72, CF52",
            "Community self-defence militias grouped against the URK.",
            (
                A(8, NEUTRAL, 3, 3, UNKNOWN, UNKNOWN, COEXISTENCE),
                A(2, SPOILER, 3, 2, RESERVED, OBSTRUCTIVE, COEXISTENCE, "Armed presence at the edge of the Bria site."),
            ),
            acronym="CGK",
            party=True,
        ),
        DemoActor(
            "army",
            "Forces Armées Nationales",
            DOMESTIC_MILITARY,
            ActorType.STATE_FORCES,
            "CF32, CF71, CF72",
            "National armed forces redeploying to the prefectures.",
            (A(6, NEUTRAL, 4, 3, RESERVED, ACCEPTING, COORDINATION),),
            acronym="FAN",
            party=True,
        ),
        DemoActor(
            "border",
            "Police des frontières du Haut-Mbomou",
            DOMESTIC_MILITARY,
            ActorType.BORDER_CUSTOMS,
            "CF53",
            "Border and customs posts on the south-eastern border.",
            (A(4, NEUTRAL, 2, 2, RESERVED, UNKNOWN, COEXISTENCE, "Controls movement of displaced people."),),
        ),
        DemoActor(
            "force",
            "MINUSCA Force",
            FOREIGN_MILITARY,
            ActorType.UN_PEACEKEEPING_MILITARY,
            "CF32, CF52, CF53, CF71, CF72",
            "The mission's military component.",
            (A(5, SUPPORTIVE, 5, 4, ACCEPTING, FACILITATING, COORDINATION),),
            component=ComponentKind.MILITARY,
        ),
        DemoActor(
            "unpol",
            "MINUSCA Police",
            FOREIGN_MILITARY,
            ActorType.UNPOL,
            "CF71, CF72",
            "UN police; in charge of screening at site entrances with the national police.",
            (A(4, SUPPORTIVE, 3, 4, ACCEPTING, FACILITATING, COORDINATION),),
            acronym="UNPOL",
            component=ComponentKind.POLICE,
        ),
        DemoActor(
            "leaders",
            "Plateforme des confessions religieuses d'Alindao",
            DOMESTIC_CIVILIAN,
            ActorType.LOCAL_LEADER,
            "CF52",
            "Catholic mission, imams and pastors; trusted intermediary with armed groups in Basse-Kotto.",
            (A(6, INFLUENCER, 4, 5, FACILITATING, FACILITATING, COOPERATION),),
            contacts=(("Abbé Fulbert Yangana-Mbolo", "Coordinator of the platform", "+236 70 00 00 03", IN_PERSON),),
        ),
        DemoActor(
            "icrc",
            "ICRC Delegation in Bangui",
            INTERNATIONAL_CIVILIAN,
            ActorType.RED_CROSS_MOVEMENT,
            "CF32, CF52, CF71, CF72",
            "Confidential dialogue with all armed groups on IHL.",
            (A(7, NEUTRAL, 4, 5, ACCEPTING, FACILITATING, COORDINATION),),
            acronym="ICRC",
        ),
        DemoActor(
            "donor",
            "European Union Humanitarian Aid",
            INTERNATIONAL_CIVILIAN,
            ActorType.DONOR,
            "CF32, CF52, CF71, CF72",
            "Funds protection monitoring and the access working group.",
            (A(10, SUPPORTIVE, 3, 4, FACILITATING, FACILITATING, COOPERATION),),
            acronym="ECHO",
        ),
        DemoActor(
            "cluster",
            "Protection Cluster CAR",
            INTERNATIONAL_CIVILIAN,
            ActorType.PROTECTION_CLUSTER,
            "CF32, CF52, CF53, CF71, CF72",
            "National Protection Cluster; sub-clusters in Bambari and Bria.",
            (A(6, SUPPORTIVE, 3, 5, FACILITATING, FACILITATING, COOPERATION),),
        ),
    ),
    relationships=(
        R("urk_bk", PART_OF, "urk", PROBABLE, "Still claims the coalition's name; takes no orders.", 6),
        R("urk_bk", OPPOSED, "urk", PROBABLE, "Clashes over the Alindao barrier.", 5, STRICTLY_CONFIDENTIAL),
        R("cgk", OPPOSED, "urk", CONFIRMED, since_months=20),
        R("men", ALLIED, "urk", POSSIBLE, "Shared escorts reported once.", None, STRICTLY_CONFIDENTIAL),
        R("army", OPPOSED, "urk", CONFIRMED),
        R("army", SUPPLIES, "cgk", POSSIBLE, "Single-source report from Bria.", None, STRICTLY_CONFIDENTIAL),
        R("leaders", INFLUENCES, "urk_bk", CONFIRMED, "Through the Catholic mission."),
        R("leaders", NEGOTIATES, "cgk", PROBABLE),
        R("force", COORDINATES, "army", CONFIRMED),
        R("unpol", COORDINATES, "border", PROBABLE),
        R("icrc", NEGOTIATES, "men", PROBABLE),
        R("donor", INFLUENCES, "cluster", CONFIRMED, sensitivity=UNCLASSIFIED),
        R("cluster", COORDINATES, "force", CONFIRMED, "PoC Forum and Bambari working group."),
    ),
    task_actors=(
        ("DI-5", "urk_bk", INTERLOCUTOR),
        ("DI-5", "leaders", PARTNER),
        ("CB-1", "men", TARGET),
        ("AN-1", "urk", TARGET),
        ("DI-2", "unpol", INTERLOCUTOR),
        ("AD-7", "cluster", PARTNER),
    ),
    task_missions=("AN-5", "DI-6", "CB-5", "AD-11", "DI-2"),
    liaison_officer=(
        "Chantal Ndakala-Wanzet",
        "Humanitarian liaison officer with MINUSCA",
        "hlo.car@example.org",
        "+236 70 00 00 90",
    ),
)

SUDAN = DemoCountryActors(
    actors=(
        DemoActor(
            "whmb",
            "Wadi Howar Mobile Brigade",
            NSAG,
            ActorType.REBEL_GROUP,
            "SD02, SD05",
            "Mobile armed force fighting the national army around El Fasher and on the roads to the west.",
            (
                A(14, NEUTRAL, 4, 2, RESERVED, RESERVED, COEXISTENCE),
                A(4, SPOILER, 5, 1, OBSTRUCTIVE, OBSTRUCTIVE, COEXISTENCE, "Shelling and looting of markets."),
            ),
            acronym="WHMB",
            party=True,
        ),
        DemoActor(
            "jmlf",
            "Jebel Marra Liberation Front",
            NSAG,
            ActorType.REBEL_GROUP,
            "SD02, SD05",
            "Armed movement from the Jebel Marra massif; holds villages north of Kutum.",
            (
                A(10, NEUTRAL, 3, 3, RESERVED, UNKNOWN, COEXISTENCE),
                A(2, INFLUENCER, 3, 4, ACCEPTING, RESERVED, COORDINATION, "Open to talks on water points."),
            ),
            acronym="JMLF",
            party=True,
            sensitivity=STRICTLY_CONFIDENTIAL,
            contacts=(("Adam Yahya-Abakar", "Humanitarian liaison of the movement", "+249 90 000 0001", MESSAGING),),
        ),
        DemoActor(
            "army",
            "National Armed Forces",
            DOMESTIC_MILITARY,
            ActorType.STATE_FORCES,
            "SD02, SD05, SD07, SD13",
            "National army; besieged in El Fasher, present in Kordofan and Blue Nile.",
            (A(5, NEUTRAL, 5, 2, RESERVED, RESERVED, COEXISTENCE),),
            acronym="NAF",
            party=True,
        ),
        DemoActor(
            "division",
            "North Darfur Infantry Division",
            DOMESTIC_MILITARY,
            ActorType.STATE_FORCES,
            "SD02",
            "Army division holding El Fasher.",
            (
                A(9, NEUTRAL, 4, 2, RESERVED, RESERVED, COEXISTENCE),
                A(1, SPOILER, 4, 2, OBSTRUCTIVE, RESERVED, COEXISTENCE, "Blocks civilian exits on two roads."),
            ),
            parent="army",
            party=True,
            contacts=(("Osman Idris-Bakheit", "Liaison officer for humanitarian affairs", "+249 90 000 0002", PHONE),),
        ),
        DemoActor(
            "police",
            "North Darfur State Police",
            DOMESTIC_MILITARY,
            ActorType.POLICE_GENDARMERIE,
            "SD02",
            "State police; many stations abandoned since the siege.",
            (A(6, NEUTRAL, 2, 3, RESERVED, RESERVED, COEXISTENCE),),
        ),
        DemoActor(
            "border",
            "West Darfur Border and Customs Authority",
            DOMESTIC_MILITARY,
            ActorType.BORDER_CUSTOMS,
            "SD05",
            "Border crossings used by refugees and cross-border convoys.",
            (A(3, INFLUENCER, 3, 2, RESERVED, RESERVED, COORDINATION, "Sexual violence reported at its checkpoints."),),
        ),
        DemoActor(
            "military_section",
            "UNITAMS Ceasefire Support Section",
            FOREIGN_MILITARY,
            ActorType.UN_PEACEKEEPING_MILITARY,
            "SD02",
            "Military advisers of the special political mission; a handful remain during the transition.",
            (A(8, SUPPORTIVE, 1, 3, ACCEPTING, ACCEPTING, COORDINATION),),
            component=ComponentKind.MILITARY,
        ),
        DemoActor(
            "police_unit",
            "UNITAMS Police Advisory Unit",
            FOREIGN_MILITARY,
            ActorType.UNPOL,
            "SD02, SD05",
            "Police advisers of the mission; support to community policing, winding down.",
            (A(8, SUPPORTIVE, 1, 4, ACCEPTING, FACILITATING, COORDINATION),),
            component=ComponentKind.POLICE,
        ),
        DemoActor(
            "elders",
            "Kutum Community Elders' Committee",
            DOMESTIC_CIVILIAN,
            ActorType.LOCAL_LEADER,
            "SD02",
            "Elders respected on both sides; the HC's chosen channel to the mobile brigade.",
            (A(3, INFLUENCER, 4, 5, FACILITATING, FACILITATING, COOPERATION),),
            contacts=(("Ibrahim Haggar-Suleiman", "Chair of the committee", "+249 90 000 0003", IN_PERSON),),
        ),
        DemoActor(
            "agency",
            "UNHCR Sudan",
            INTERNATIONAL_CIVILIAN,
            ActorType.UN_AGENCY,
            "SD02, SD05, SD13",
            "Refugee and IDP protection; co-leads the Protection Cluster.",
            (A(6, SUPPORTIVE, 3, 5, FACILITATING, FACILITATING, COOPERATION),),
        ),
        DemoActor(
            "icrc",
            "ICRC Delegation in Sudan",
            INTERNATIONAL_CIVILIAN,
            ActorType.RED_CROSS_MOVEMENT,
            "SD02, SD05, SD07",
            "Neutral intermediary; facilitates the evacuation of the wounded.",
            (A(6, NEUTRAL, 4, 5, ACCEPTING, FACILITATING, COORDINATION),),
            acronym="ICRC",
        ),
        DemoActor(
            "cluster",
            "Protection Cluster Sudan",
            INTERNATIONAL_CIVILIAN,
            ActorType.PROTECTION_CLUSTER,
            "SD02, SD05, SD07, SD13",
            "National Protection Cluster, with a Darfur sub-national cluster.",
            (A(6, SUPPORTIVE, 3, 5, FACILITATING, FACILITATING, COOPERATION),),
        ),
    ),
    relationships=(
        R("division", PART_OF, "army", CONFIRMED),
        R("whmb", OPPOSED, "army", CONFIRMED, since_months=30),
        R("whmb", OPPOSED, "jmlf", PROBABLE, since_months=12),
        R("jmlf", ALLIED, "army", POSSIBLE, "Local arrangement reported near Kutum.", 6, STRICTLY_CONFIDENTIAL),
        R("army", SUPPLIES, "jmlf", POSSIBLE, "Single-source report.", None, STRICTLY_CONFIDENTIAL),
        R("elders", INFLUENCES, "whmb", PROBABLE, "The HC's channel since November.", 1, STRICTLY_CONFIDENTIAL),
        R("elders", NEGOTIATES, "division", PROBABLE),
        R("police", COORDINATES, "division", CONFIRMED),
        R("border", PART_OF, "army", POSSIBLE, "Border posts staffed by army officers since the war."),
        R("icrc", NEGOTIATES, "whmb", CONFIRMED),
        R("police_unit", COORDINATES, "police", CONFIRMED),
        R("agency", COORDINATES, "cluster", CONFIRMED, sensitivity=UNCLASSIFIED),
    ),
    task_actors=(
        ("AN-2", "whmb", TARGET),
        ("AN-2", "elders", INTERLOCUTOR),
        ("DI-1", "jmlf", INTERLOCUTOR),
        ("AD-3", "division", TARGET),
        ("AD-7", "cluster", PARTNER),
        ("CB-2", "border", TARGET),
    ),
    task_missions=("AN-5", "PP-5"),
    liaison_officer=(
        "Hiba Abdelrahman-Nur",
        "Humanitarian liaison officer with the UN transition team",
        "hlo.sudan@example.org",
        "+249 90 000 0090",
    ),
)

SOUTH_SUDAN = DemoCountryActors(
    actors=(
        DemoActor(
            "nvdf",
            "Nile Valley Defence Forces",
            NSAG,
            ActorType.REBEL_GROUP,
            "SS03, SS07",
            "Armed opposition group holding the Akobo area and islands on the Sobat.",
            (
                A(12, NEUTRAL, 4, 3, RESERVED, RESERVED, COEXISTENCE),
                A(2, INFLUENCER, 4, 3, ACCEPTING, RESERVED, COORDINATION, "Notifications accepted by satellite phone."),
            ),
            acronym="NVDF",
            party=True,
            contacts=(("Gatluak Chuol-Riek", "Commander's focal point", "+211 92 000 0001", PHONE),),
        ),
        DemoActor(
            "sueh",
            "Sueh River Self-Defence Group",
            NSAG,
            ActorType.IDENTITY_MILITIA,
            "SS05",
            "Community militia in Tambura county; attacks on returnees attributed to its units.",
            (
                A(9, NEUTRAL, 3, 3, RESERVED, RESERVED, COEXISTENCE),
                A(1, SPOILER, 3, 2, OBSTRUCTIVE, OBSTRUCTIVE, COEXISTENCE, "Leadership changing after clashes."),
            ),
            acronym="SRSDG",
            party=True,
            sensitivity=STRICTLY_CONFIDENTIAL,
        ),
        DemoActor(
            "youth",
            "Akobo Armed Youth Network",
            NSAG,
            ActorType.IDENTITY_MILITIA,
            "SS03",
            "Armed youth from cattle camps; mobilises during raids and recruits children.",
            (A(5, SPOILER, 3, 2, OBSTRUCTIVE, OBSTRUCTIVE, COEXISTENCE),),
            party=True,
        ),
        DemoActor(
            "army",
            "National Armed Forces",
            DOMESTIC_MILITARY,
            ActorType.STATE_FORCES,
            "SS01, SS03, SS07, SS08",
            "National army.",
            (A(6, NEUTRAL, 4, 3, RESERVED, RESERVED, COORDINATION),),
            acronym="NAF",
            party=True,
        ),
        DemoActor(
            "police",
            "Upper Nile State Police Service",
            DOMESTIC_MILITARY,
            ActorType.POLICE_GENDARMERIE,
            "SS07",
            "State police; expected to take over security around the Malakal site.",
            (A(4, NEUTRAL, 3, 3, RESERVED, ACCEPTING, COORDINATION),),
            contacts=(("Peter Ajak-Deng", "Community policing officer", "+211 92 000 0002", PHONE),),
        ),
        DemoActor(
            "force",
            "UNMISS Force",
            FOREIGN_MILITARY,
            ActorType.UN_PEACEKEEPING_MILITARY,
            "SS01, SS03, SS07, SS08",
            "The mission's military component; patrols around PoC sites and firewood routes.",
            (A(6, SUPPORTIVE, 4, 4, FACILITATING, FACILITATING, COORDINATION),),
            component=ComponentKind.MILITARY,
        ),
        DemoActor(
            "unpol",
            "UNMISS Police",
            FOREIGN_MILITARY,
            ActorType.UNPOL,
            "SS07, SS08",
            "UN police in and around the Malakal and Bentiu sites.",
            (A(6, SUPPORTIVE, 3, 4, ACCEPTING, FACILITATING, COORDINATION),),
            acronym="UNPOL",
            component=ComponentKind.POLICE,
        ),
        DemoActor(
            "chiefs",
            "Tambura Paramount Chief's Council",
            DOMESTIC_CIVILIAN,
            ActorType.LOCAL_LEADER,
            "SS05",
            "Customary authority; arranged the first meeting with the Sueh River group.",
            (A(3, INFLUENCER, 4, 5, FACILITATING, FACILITATING, COOPERATION),),
            contacts=(("Clement Bangbiro-Zande", "Council secretary", "+211 92 000 0003", IN_PERSON),),
        ),
        DemoActor(
            "forum",
            "Juba NGO Forum",
            INTERNATIONAL_CIVILIAN,
            ActorType.NGO,
            "SS01, SS03, SS07, SS08",
            "Forum of national and international NGOs.",
            (A(6, SUPPORTIVE, 2, 5, FACILITATING, FACILITATING, COOPERATION),),
        ),
        DemoActor(
            "agency",
            "IOM South Sudan",
            INTERNATIONAL_CIVILIAN,
            ActorType.UN_AGENCY,
            "SS07, SS08",
            "Camp management agency of the Malakal site.",
            (A(6, SUPPORTIVE, 3, 5, FACILITATING, FACILITATING, COOPERATION),),
        ),
        DemoActor(
            "icrc",
            "ICRC Delegation in South Sudan",
            INTERNATIONAL_CIVILIAN,
            ActorType.RED_CROSS_MOVEMENT,
            "SS03, SS05, SS07",
            "Dialogue with armed groups; family tracing.",
            (A(6, NEUTRAL, 4, 5, ACCEPTING, FACILITATING, COORDINATION),),
            acronym="ICRC",
        ),
        DemoActor(
            "cluster",
            "Protection Cluster South Sudan",
            INTERNATIONAL_CIVILIAN,
            ActorType.PROTECTION_CLUSTER,
            "SS01, SS03, SS05, SS07, SS08",
            "National Protection Cluster.",
            (A(6, SUPPORTIVE, 3, 5, FACILITATING, FACILITATING, COOPERATION),),
        ),
    ),
    relationships=(
        R("nvdf", OPPOSED, "army", CONFIRMED, since_months=36),
        R("youth", ALLIED, "nvdf", PROBABLE, "Mobilised together in the April raids.", 7),
        R("nvdf", SUPPLIES, "youth", POSSIBLE, "Ammunition, per two sources.", None, STRICTLY_CONFIDENTIAL),
        R("sueh", OPPOSED, "army", PROBABLE),
        R("chiefs", INFLUENCES, "sueh", CONFIRMED, "", None, STRICTLY_CONFIDENTIAL),
        R("chiefs", NEGOTIATES, "youth", POSSIBLE),
        R("police", COORDINATES, "unpol", CONFIRMED),
        R("force", COORDINATES, "army", PROBABLE),
        R("icrc", NEGOTIATES, "nvdf", CONFIRMED),
        R("agency", COORDINATES, "unpol", CONFIRMED, "Malakal site security.", sensitivity=UNCLASSIFIED),
        R("forum", COORDINATES, "cluster", CONFIRMED, sensitivity=UNCLASSIFIED),
    ),
    task_actors=(
        ("DI-5", "nvdf", INTERLOCUTOR),
        ("DI-1", "sueh", TARGET),
        ("DI-1", "chiefs", INTERLOCUTOR),
        ("AN-1", "youth", TARGET),
        ("AD-9", "force", TARGET),
        ("DI-2", "agency", PARTNER),
    ),
    task_missions=("AN-6", "DI-6", "CB-5", "AD-9", "PP-6"),
    liaison_officer=(
        "Nyakuoth Gatdet-Lual",
        "Humanitarian liaison officer with UNMISS",
        "hlo.southsudan@example.org",
        "+211 92 000 0090",
    ),
)

DR_CONGO = DemoCountryActors(
    actors=(
        DemoActor(
            "cfd",
            "Coalition des Forces de Djugu",
            NSAG,
            ActorType.IDENTITY_MILITIA,
            "CD54",
            "Coalition of community militias; attacks on displacement sites in Djugu.",
            (
                A(13, NEUTRAL, 4, 2, RESERVED, RESERVED, COEXISTENCE),
                A(3, SPOILER, 4, 1, OBSTRUCTIVE, OBSTRUCTIVE, COEXISTENCE, "Incursions into three sites."),
            ),
            acronym="CFD",
            party=True,
        ),
        DemoActor(
            "cfd_hills",
            "CFD Faction des Collines",
            NSAG,
            ActorType.IDENTITY_MILITIA,
            "CD54",
            "Faction of the coalition in the hills north of the sites; more open to customary leaders.",
            (A(4, INFLUENCER, 3, 3, RESERVED, RESERVED, COEXISTENCE),),
            parent="cfd",
            party=True,
        ),
        DemoActor(
            "mpm",
            "Mouvement Populaire du Masisi",
            NSAG,
            ActorType.REBEL_GROUP,
            "CD61",
            "Armed group controlling roads in Masisi and part of Rutshuru.",
            (
                A(11, SPOILER, 4, 2, OBSTRUCTIVE, RESERVED, COEXISTENCE),
                A(2, INFLUENCER, 4, 3, ACCEPTING, RESERVED, COORDINATION, "Respects most notifications."),
            ),
            acronym="MPM",
            party=True,
            sensitivity=STRICTLY_CONFIDENTIAL,
            contacts=(
                ("Jean-Bosco Habimana-Kitoko", "Liaison for humanitarian movements", "+243 81 000 0001", MESSAGING),
            ),
        ),
        DemoActor(
            "army",
            "Forces Armées Nationales",
            DOMESTIC_MILITARY,
            ActorType.STATE_FORCES,
            "CD54, CD61, CD62",
            "National army.",
            (A(7, NEUTRAL, 5, 3, RESERVED, ACCEPTING, COORDINATION),),
            acronym="FAN",
            party=True,
        ),
        DemoActor(
            "brigade",
            "Brigade opérationnelle de Rutshuru",
            DOMESTIC_MILITARY,
            ActorType.STATE_FORCES,
            "CD61",
            "Army brigade facing the Masisi group.",
            (
                A(8, NEUTRAL, 3, 3, RESERVED, ACCEPTING, COORDINATION),
                A(1, NEUTRAL, 3, 2, RESERVED, RESERVED, COORDINATION, "Has not confirmed training participants."),
            ),
            parent="army",
            party=True,
            contacts=(("Didier Mukendi-Banza", "Brigade civil-military officer", "+243 81 000 0002", PHONE),),
        ),
        DemoActor(
            "police",
            "Police nationale, Commissariat provincial de l'Ituri",
            DOMESTIC_MILITARY,
            ActorType.POLICE_GENDARMERIE,
            "CD54",
            "Police posts near the sites of Djugu and Irumu.",
            (A(5, NEUTRAL, 2, 3, RESERVED, ACCEPTING, COORDINATION),),
        ),
        DemoActor(
            "force",
            "MONUSCO Force",
            FOREIGN_MILITARY,
            ActorType.UN_PEACEKEEPING_MILITARY,
            "CD54, CD61",
            "The mission's military component; night patrols around sites in Djugu.",
            (
                A(14, SUPPORTIVE, 5, 4, FACILITATING, FACILITATING, COORDINATION),
                A(2, SUPPORTIVE, 4, 4, ACCEPTING, FACILITATING, COORDINATION, "Footprint reduced by the drawdown."),
            ),
            component=ComponentKind.MILITARY,
        ),
        DemoActor(
            "unpol",
            "MONUSCO Police",
            FOREIGN_MILITARY,
            ActorType.UNPOL,
            "CD54, CD61",
            "UN police supporting the national police.",
            (A(5, SUPPORTIVE, 2, 4, ACCEPTING, FACILITATING, COORDINATION),),
            acronym="UNPOL",
            component=ComponentKind.POLICE,
        ),
        DemoActor(
            "chiefs",
            "Conseil des chefs coutumiers de Djugu",
            DOMESTIC_CIVILIAN,
            ActorType.LOCAL_LEADER,
            "CD54",
            "Customary chiefs with influence over the coalition's factions.",
            (A(2, INFLUENCER, 4, 5, FACILITATING, FACILITATING, COOPERATION),),
            contacts=(("Mathieu Ngabu-Dhego", "Spokesperson of the council", "+243 81 000 0003", IN_PERSON),),
        ),
        DemoActor(
            "icrc",
            "ICRC Delegation in the DRC",
            INTERNATIONAL_CIVILIAN,
            ActorType.RED_CROSS_MOVEMENT,
            "CD54, CD61, CD62",
            "Confidential dialogue with all parties; detention visits.",
            (A(6, NEUTRAL, 4, 5, ACCEPTING, FACILITATING, COORDINATION),),
            acronym="ICRC",
        ),
        DemoActor(
            "donor",
            "DRC Humanitarian Fund Donors' Group",
            INTERNATIONAL_CIVILIAN,
            ActorType.DONOR,
            "CD54, CD61, CD62",
            "Donors of the country-based pooled fund; fund site protection.",
            (A(9, SUPPORTIVE, 3, 4, FACILITATING, FACILITATING, COOPERATION),),
        ),
        DemoActor(
            "cluster",
            "Protection Cluster DRC",
            INTERNATIONAL_CIVILIAN,
            ActorType.PROTECTION_CLUSTER,
            "CD54, CD61, CD62",
            "National Protection Cluster with sub-clusters in Bunia and Goma.",
            (A(6, SUPPORTIVE, 3, 5, FACILITATING, FACILITATING, COOPERATION),),
        ),
    ),
    relationships=(
        R("cfd_hills", PART_OF, "cfd", CONFIRMED),
        R("brigade", PART_OF, "army", CONFIRMED),
        R("cfd", OPPOSED, "army", CONFIRMED, since_months=40),
        R("mpm", OPPOSED, "brigade", CONFIRMED, since_months=24),
        R("army", ALLIED, "mpm", POSSIBLE, "Local truce in Masisi centre reported.", 3, STRICTLY_CONFIDENTIAL),
        R("mpm", SUPPLIES, "cfd", POSSIBLE, "Unverified.", None, STRICTLY_CONFIDENTIAL),
        R("chiefs", INFLUENCES, "cfd_hills", PROBABLE),
        R("chiefs", INFLUENCES, "cfd", POSSIBLE, "", None, STRICTLY_CONFIDENTIAL),
        R("force", COORDINATES, "army", CONFIRMED),
        R("unpol", COORDINATES, "police", CONFIRMED),
        R("icrc", NEGOTIATES, "mpm", CONFIRMED),
        R("donor", INFLUENCES, "cluster", CONFIRMED, sensitivity=UNCLASSIFIED),
        R("cluster", COORDINATES, "force", CONFIRMED, "PoC platform in Goma."),
    ),
    task_actors=(
        ("DI-5", "mpm", INTERLOCUTOR),
        ("AD-8", "cfd", TARGET),
        ("AD-8", "chiefs", INTERLOCUTOR),
        ("CB-1", "brigade", TARGET),
        ("DI-3", "army", INTERLOCUTOR),
        ("AN-1", "cfd_hills", TARGET),
    ),
    task_missions=("AN-5", "AD-10", "CB-4", "DI-6"),
    liaison_officer=(
        "Aline Kasongo-Mwepu",
        "Humanitarian liaison officer with MONUSCO",
        "hlo.drc@example.org",
        "+243 81 000 0090",
    ),
)

YEMEN = DemoCountryActors(
    actors=(
        DemoActor(
            "cfa",
            "Coastal Front Alliance",
            NSAG,
            ActorType.POLITICAL_MILITIA,
            "YE15, YE18",
            "Alliance of armed formations along the Red Sea coast.",
            (
                A(12, NEUTRAL, 4, 2, RESERVED, RESERVED, COEXISTENCE),
                A(3, SPOILER, 4, 2, OBSTRUCTIVE, OBSTRUCTIVE, COEXISTENCE, "Shelling of villages near Hays."),
            ),
            acronym="CFA",
            party=True,
        ),
        DemoActor(
            "barq",
            "Al-Barq Coastal Brigade",
            NSAG,
            ActorType.POLITICAL_MILITIA,
            "YE18",
            "Formation of the alliance holding the coast road south of Hays.",
            (A(4, SPOILER, 3, 2, OBSTRUCTIVE, RESERVED, COEXISTENCE),),
            parent="cfa",
            party=True,
            contacts=(("Fuad Saleh Al-Maqtari", "Brigade liaison officer", "+967 77 000 0001", INTERMEDIARY),),
        ),
        DemoActor(
            "wadi",
            "Wadi Abidah Tribal Mobilisation",
            NSAG,
            ActorType.IDENTITY_MILITIA,
            "YE26",
            "Tribal fighters mobilised around Marib; present near displacement sites.",
            (
                A(8, NEUTRAL, 3, 3, RESERVED, RESERVED, COEXISTENCE),
                A(2, SPOILER, 3, 2, OBSTRUCTIVE, OBSTRUCTIVE, COEXISTENCE, "Attacks near two sites."),
            ),
            party=True,
            sensitivity=STRICTLY_CONFIDENTIAL,
        ),
        DemoActor(
            "army",
            "Government Armed Forces",
            DOMESTIC_MILITARY,
            ActorType.STATE_FORCES,
            "YE15, YE24, YE26",
            "Government forces on the Marib and Ta'iz fronts.",
            (A(6, NEUTRAL, 4, 3, RESERVED, RESERVED, COEXISTENCE),),
            party=True,
        ),
        DemoActor(
            "coastguard",
            "Red Sea Coast Guard and Customs",
            DOMESTIC_MILITARY,
            ActorType.BORDER_CUSTOMS,
            "YE18",
            "Coastal checkpoints and port customs.",
            (A(5, NEUTRAL, 2, 2, RESERVED, UNKNOWN, COEXISTENCE),),
            contacts=(("Nabil Abdo Al-Sharjabi", "Checkpoint coordinator", "+967 77 000 0002", PHONE),),
        ),
        DemoActor(
            "maritime",
            "Multinational Maritime Task Group",
            FOREIGN_MILITARY,
            ActorType.EXTERNAL_FORCES,
            "YE18",
            "Foreign naval force off the coast; deconfliction of humanitarian shipping.",
            (A(4, NEUTRAL, 3, 2, ACCEPTING, UNKNOWN, COEXISTENCE),),
        ),
        DemoActor(
            "sheikhs",
            "Marib Tribal Sheikhs' Council",
            DOMESTIC_CIVILIAN,
            ActorType.LOCAL_LEADER,
            "YE26",
            "Tribal leaders respected by several sides; intermediary in Marib.",
            (A(3, INFLUENCER, 4, 4, FACILITATING, ACCEPTING, COOPERATION),),
            contacts=(("Sheikh Mabkhout Nasser Al-Abidi", "Council member", "+967 77 000 0003", IN_PERSON),),
        ),
        DemoActor(
            "forum",
            "Yemen INGO Forum",
            INTERNATIONAL_CIVILIAN,
            ActorType.NGO,
            "YE15, YE17, YE18, YE24, YE26",
            "Forum of international NGOs.",
            (A(6, SUPPORTIVE, 2, 5, FACILITATING, FACILITATING, COOPERATION),),
        ),
        DemoActor(
            "agency",
            "UNHCR Yemen",
            INTERNATIONAL_CIVILIAN,
            ActorType.UN_AGENCY,
            "YE24, YE26",
            "Leads the Protection Cluster and displacement site protection.",
            (A(6, SUPPORTIVE, 3, 5, FACILITATING, FACILITATING, COOPERATION),),
        ),
        DemoActor(
            "icrc",
            "ICRC Delegation in Yemen",
            INTERNATIONAL_CIVILIAN,
            ActorType.RED_CROSS_MOVEMENT,
            "YE15, YE17, YE18, YE26",
            "Dialogue with all parties; crossing arrangements in Ta'iz.",
            (A(6, NEUTRAL, 4, 5, ACCEPTING, FACILITATING, COORDINATION),),
            acronym="ICRC",
        ),
        DemoActor(
            "donor",
            "Yemen Humanitarian Fund Donors' Group",
            INTERNATIONAL_CIVILIAN,
            ActorType.DONOR,
            "YE15, YE17, YE18, YE24, YE26",
            "Donors of the country-based pooled fund.",
            (A(9, SUPPORTIVE, 3, 4, FACILITATING, FACILITATING, COOPERATION),),
        ),
        DemoActor(
            "cluster",
            "Protection Cluster Yemen",
            INTERNATIONAL_CIVILIAN,
            ActorType.PROTECTION_CLUSTER,
            "YE15, YE17, YE18, YE24, YE26",
            "National Protection Cluster with hubs in Aden and Sana'a.",
            (A(6, SUPPORTIVE, 3, 5, FACILITATING, FACILITATING, COOPERATION),),
        ),
    ),
    relationships=(
        R("barq", PART_OF, "cfa", CONFIRMED),
        R("cfa", ALLIED, "army", PROBABLE),
        R("wadi", ALLIED, "army", POSSIBLE, "Local arrangement near Marib city.", 6, STRICTLY_CONFIDENTIAL),
        R("army", SUPPLIES, "wadi", POSSIBLE, "Single-source report.", None, STRICTLY_CONFIDENTIAL),
        R("sheikhs", INFLUENCES, "wadi", CONFIRMED, "", None, STRICTLY_CONFIDENTIAL),
        R("sheikhs", NEGOTIATES, "army", PROBABLE),
        R("coastguard", COORDINATES, "barq", PROBABLE, "Shared checkpoints on the coast road."),
        R("maritime", COORDINATES, "coastguard", POSSIBLE),
        R("icrc", NEGOTIATES, "cfa", CONFIRMED),
        R("agency", COORDINATES, "cluster", CONFIRMED, sensitivity=UNCLASSIFIED),
        R("forum", COORDINATES, "cluster", CONFIRMED, sensitivity=UNCLASSIFIED),
        R("donor", INFLUENCES, "forum", PROBABLE, sensitivity=UNCLASSIFIED),
    ),
    task_actors=(
        ("AN-2", "barq", TARGET),
        ("DI-1", "wadi", INTERLOCUTOR),
        ("DI-1", "sheikhs", PARTNER),
        ("CB-2", "coastguard", TARGET),
        ("AN-3", "cluster", PARTNER),
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


# --- Seeding ------------------------------------------------------------------------------------------------


def _staff(operation, users) -> tuple[list, list]:
    """The operation's officers and heads of office, reusing the seed's user objects."""
    officers, heads = [], []
    memberships = Membership.objects.filter(operation=operation, role__in=(Role.OFFICER, Role.HEAD))
    for membership in memberships.select_related("user").order_by("pk"):
        user = users.get(membership.user.username, membership.user)
        (officers if membership.role == Role.OFFICER else heads).append(user)
    return officers, heads


def seed_missions(operations, users) -> None:
    """Demo missions with their phase history and platforms; missions that already exist are left alone.

    Runs before the task demo: afterwards each operation's ``has_peace_operation`` (also on the objects in
    ``operations``) says whether a mission covering it is active, in drawdown or in transition.
    """
    for spec in MISSIONS:
        operation = operations.get(spec.country)
        if operation is None or not operation.is_active or Mission.objects.filter(acronym=spec.acronym).exists():
            continue
        officers, heads = _staff(operation, users)
        _create_mission(spec, operation, (officers or heads)[0])
    services.operations_refresh_peace_flag([operation.pk for operation in operations.values()])
    for operation in operations.values():
        operation.refresh_from_db(fields=["has_peace_operation"])


def _create_mission(spec: DemoMission, operation, user) -> Mission:
    mission = Mission(
        acronym=spec.acronym,
        name=spec.name,
        kind=spec.kind,
        poc_mandate=spec.poc_mandate,
        mandate_text=spec.mandate_text,
        resolution=spec.resolution,
        mandate_start=spec.mandate_start,
        mandate_end=spec.mandate_end,
        predecessor=Mission.objects.filter(acronym=spec.predecessor).first() if spec.predecessor else None,
    )
    mission.full_clean()

    def save():
        mission.save()
        mission.operations.set([operation])

    services.mission_save(user=user, mission=mission, save=save)
    for started_on, phase, note in spec.phases:
        change = MissionPhaseChange(mission=mission, phase=phase, started_on=started_on, note=note)
        change.full_clean()
        services.mission_add_phase(user=user, change=change)
    for name, chair, frequency, ocha_attends, notes in spec.platforms:
        CoordinationPlatform.objects.create(
            mission=mission, name=name, chair=chair, frequency=frequency, ocha_attends=ocha_attends, notes=notes
        )
    return mission


def seed_actors(operations, users) -> None:
    """Demo actors, assessments, relationships, contacts and task links; existing actors are left alone.

    Runs after the task demo, whose tasks it links to actors and missions.
    """
    today = timezone.localdate()
    for country, operation in operations.items():
        demo = COUNTRIES.get(country)
        if demo is not None and operation.is_active:
            _seed_operation(operation, demo, task_demo.COUNTRIES.get(country), users, today)


def _seed_operation(operation, demo: DemoCountryActors, task_country, users, today: date) -> None:
    officers, heads = _staff(operation, users)
    assessors = officers or heads
    mission = operation.missions.filter(phase__in=PRESENT_PHASES).order_by("acronym").first()
    actors: dict[str, Actor] = {}
    for index, spec in enumerate(demo.actors):
        actor = Actor.objects.filter(operation=operation, name=spec.name).first()
        if actor is None:
            actor = _create_actor(operation, spec, actors, assessors[index % len(assessors)], mission, today)
        actors[spec.key] = actor
    for spec in demo.relationships:
        _relate(operation, spec, actors, today)
    _link_tasks(operation, demo, task_country, actors, mission)
    if mission is not None and demo.liaison_officer:
        name, function, email, phone = demo.liaison_officer
        MissionLiaisonOfficer.objects.get_or_create(
            mission=mission,
            operation=operation,
            name=name,
            defaults={"function": function, "email": email, "phone": phone},
        )


def _create_actor(operation, spec: DemoActor, actors, assessor, mission, today: date) -> Actor:
    actor = Actor(
        operation=operation,
        name=spec.name,
        acronym=spec.acronym,
        aliases=spec.aliases,
        category=spec.category,
        actor_type=spec.actor_type,
        parent=actors[spec.parent] if spec.parent else None,
        party_to_conflict=spec.party,
        areas=spec.areas,
        description=spec.description,
        sensitivity=spec.sensitivity,
    )
    services.actor_apply_defaults(actor)
    actor.full_clean()
    actor.save()
    for item in spec.assessments:
        assessment = ActorAssessment(
            operation=operation,
            actor=actor,
            assessed_on=today - relativedelta(months=item.months_ago),
            stance=item.stance,
            influence=item.influence,
            interest=item.interest,
            access_attitude=item.access,
            protection_attitude=item.protection,
            strategy=item.strategy,
            assessor=assessor,
            notes=item.notes,
            sensitivity=max(actor.sensitivity, CONFIDENTIAL),  # as the assessment form proposes
        )
        assessment.full_clean()
        assessment.save()
    for name, function, phone, channel in spec.contacts:
        contact = LiaisonContact(
            operation=operation,
            actor=actor,
            name=name,
            function=function,
            phone=phone,
            preferred_channel=channel,
            sensitivity=STRICTLY_CONFIDENTIAL,
        )
        contact.full_clean()
        contact.save()
    if spec.component and mission is not None:
        component = MissionComponent(mission=mission, kind=spec.component, actor=actor)
        component.full_clean()
        component.save()
    return actor


def _relate(operation, spec: DemoRelationship, actors, today: date) -> None:
    source, target = actors[spec.source], actors[spec.target]
    if ActorRelationship.objects.filter(
        source=source, relationship_type=spec.relationship_type, target=target
    ).exists():
        return
    relationship = ActorRelationship(
        operation=operation,
        source=source,
        relationship_type=spec.relationship_type,
        target=target,
        confidence=spec.confidence,
        source_note=spec.note,
        start_date=today - relativedelta(months=spec.since_months) if spec.since_months is not None else None,
        sensitivity=spec.sensitivity or max(CONFIDENTIAL, source.sensitivity, target.sensitivity),
    )
    relationship.full_clean()
    relationship.save()


def _demo_task(operation, task_country, activity: str):
    """The task the task demo created for this activity code in this operation, if it is still there."""
    titles = [spec.title for spec in task_country.tasks if spec.activity == activity] if task_country else []
    if not titles:
        raise ValueError(f"The task demo has no {activity} task for {operation}.")
    return Task.objects.filter(operation=operation, series__isnull=True, title=titles[0]).first()


def _link_tasks(operation, demo: DemoCountryActors, task_country, actors, mission) -> None:
    for activity, key, role in demo.task_actors:
        task = _demo_task(operation, task_country, activity)
        if task is None or TaskActor.objects.filter(task=task, actor=actors[key], role=role).exists():
            continue
        link = TaskActor(task=task, actor=actors[key], role=role)
        link.full_clean()
        link.save()
    if mission is None:
        return
    for activity in demo.task_missions:
        task = _demo_task(operation, task_country, activity)
        if task is None or TaskMission.objects.filter(task=task).exists():
            continue
        link = TaskMission(task=task, mission=mission)
        link.full_clean()
        link.save()


if seed_missions not in DEMO_EXTENSIONS:
    DEMO_EXTENSIONS.insert(0, seed_missions)
if seed_actors not in DEMO_EXTENSIONS:
    DEMO_EXTENSIONS.append(seed_actors)
