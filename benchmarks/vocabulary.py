"""Words the benchmark deployment is written from: names, task titles, notes, actor profiles (all invented).

Each list is passed to the loader's SQL as an array parameter of the same name; choice values match the models'
choices so that every page renders them as it would real records.
"""

from actors.choices import Attitude, Confidence, RelationshipType, Stance, TaskActorRole
from cmcoord.operations.choices import CMCoordStrategy

FIRST_NAMES = [
    "Amina", "Jean", "Esther", "Patrice", "Claudine", "Moussa", "Fatima", "Omar", "Grace", "Joseph", "Aisha",
    "Didier", "Mariam", "Ibrahim", "Sarah", "Emmanuel", "Leila", "Samuel", "Nadia", "Youssef", "Chantal", "Abdi",
    "Rose", "Hassan", "Ines", "Peter", "Halima", "Ali", "Josephine", "Karim", "Ruth", "Daniel", "Salma", "Olivier",
    "Zainab", "Pierre", "Hawa", "Tomas", "Lina", "Marc",
]  # fmt: skip

LAST_NAMES = [
    "Mbuyi", "Lumu", "Mwamba", "Diallo", "Traore", "Ahmed", "Okello", "Nkurunziza", "Haddad", "Mensah", "Banda",
    "Kamara", "Yakite", "Osman", "Musa", "Ndiaye", "Kabila", "Tshimanga", "Abdullahi", "Farah", "Nasser", "Keita",
    "Sesay", "Mutua", "Habimana", "Achieng", "Dembele", "Sow", "Bah", "Juma", "Warsame", "Aziz", "Karimi", "Rahman",
    "Silva", "Moreno", "Petrenko", "Haidari", "Ouedraogo", "Ngono",
]  # fmt: skip

REGIONS = [
    "Northern", "Southern", "Eastern", "Western", "Central", "Upper Valley", "Lower River", "Lakes", "Highlands",
    "Coastal", "Border", "Plateau",
]  # fmt: skip
DISTRICTS = ["Kalamba", "Mbeni", "Tora", "Asuka", "Ngolo", "Serem", "Diwa", "Lumo"]

TITLE_PHRASES = [
    "Negotiate humanitarian access for the convoy to",
    "Map armed actors around displacement sites in",
    "Brief the brigade commander on civilian harm in",
    "Humanitarian notification for movements to",
    "Follow up checkpoint incidents near",
    "Advocate for the civilian character of the site in",
    "Training on protection of civilians for troops in",
    "Joint protection analysis with the mission for",
    "Deconfliction of humanitarian premises in",
    "Raise reports of sexual violence with commanders in",
    "Monitor access impediments on the main road to",
    "Promote alternatives to armed escorts for the vaccination campaign in",
    "Influence evacuation and screening arrangements for",
    "Community liaison meeting on security in",
    "Convey protection concerns into military operation plans for",
    "Monitor attacks on schools and health centres in",
    "Engage local leaders on freedom of movement in",
    "Follow up arrests of displaced people at the checkpoint near",
    "Convoy security assessment for",
    "Early warning on cross-border raids into",
]

DESCRIPTIONS = [
    "Partners report repeated obstruction at checkpoints on the road and ask for a joint approach.",
    "The protection cluster flagged a rise in incidents against displaced people since the last rotation.",
    "Commanders agreed in principle at the last meeting; written confirmation is still awaited.",
    "Follow the humanitarian notification system and keep the deconfliction cell informed.",
    "Coordinate with the protection cluster lead and the gender-based violence area of responsibility.",
    "The HCT asked for an analysis before the next quarterly review of its protection priorities.",
    "Local authorities are open to dialogue but the armed group's chain of command is unclear.",
    "Keep the exchange at the level of principles; never share the identity of people at risk.",
]

OUTCOMES = [
    "Access restored for humanitarian convoys with prior notification only.",
    "Commanders issued an instruction on the conduct of troops at checkpoints.",
    "The site's civilian character was confirmed and armed elements withdrew.",
    "Training delivered to officers; a follow-up session is planned with the protection cluster.",
    "Notification system adopted by the main parties; incidents dropped in the following month.",
]

NOTES = [
    "Met the sector commander; he will relay the request to headquarters.",
    "Partners confirm movements resumed along the road this week.",
    "Shared the incident summary with the protection cluster, without names.",
    "Meeting postponed by the authorities; a new date is being set.",
    "Convoy passed with notification only; no escort was requested.",
    "Raised the issue at the civil-military coordination forum.",
    "Awaiting the mission's written reply on the joint analysis.",
    "Local leaders agreed to host a community meeting next month.",
]

PRIORITY_TITLES = [
    "Protection of civilians in displacement sites",
    "Humanitarian access and notification across front lines",
    "Prevention of sexual violence by armed actors",
    "Protection-sensitive transition as the mission draws down",
    "Freedom of movement for displaced people and returnees",
    "Protection of schools and health facilities from attack",
    "Civilian character of camps and settlements",
    "Accountability for violations against civilians",
]

# Actor profiles: name, category, type, party to the conflict (parallel lists).
ACTOR_PROFILES = [
    ("Armed group", "nsag", "rebel_group", True),
    ("Self-defence militia", "nsag", "identity_militia", True),
    ("Political militia", "nsag", "political_militia", True),
    ("Army brigade", "domestic_military", "state_forces", True),
    ("Police commissariat", "domestic_military", "police", False),
    ("Border post", "domestic_military", "border_customs", False),
    ("Foreign contingent", "foreign_military", "external_forces", True),
    ("Peacekeeping battalion", "foreign_military", "un_military", False),
    ("Provincial authority", "domestic_civilian", "government", False),
    ("Traditional chief", "domestic_civilian", "local_leader", False),
    ("National NGO", "domestic_civilian", "ngo", False),
    ("UN agency office", "international_civilian", "un_agency", False),
    ("Red Cross branch", "international_civilian", "red_cross", False),
    ("Donor office", "international_civilian", "donor", False),
    ("Protection cluster", "international_civilian", "protection_cluster", False),
]

VOCABULARY = {
    "first_names": FIRST_NAMES,
    "last_names": LAST_NAMES,
    "regions": [f"{name} Province" for name in REGIONS],
    "districts": DISTRICTS,
    "title_phrases": TITLE_PHRASES,
    "descriptions": DESCRIPTIONS,
    "outcomes": OUTCOMES,
    "notes": NOTES,
    "priority_titles": PRIORITY_TITLES,
    "actor_names": [profile[0] for profile in ACTOR_PROFILES],
    "actor_categories": [profile[1] for profile in ACTOR_PROFILES],
    "actor_types": [profile[2] for profile in ACTOR_PROFILES],
    "actor_parties": [profile[3] for profile in ACTOR_PROFILES],
    "stances": list(Stance.values),
    "attitudes": list(Attitude.values),
    "strategies": list(CMCoordStrategy.values),
    "relationship_types": list(RelationshipType.values),
    "confidences": list(Confidence.values),
    "task_actor_roles": list(TaskActorRole.values),
}
