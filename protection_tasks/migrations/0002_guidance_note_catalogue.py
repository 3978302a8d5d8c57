"""Ships the five task areas and the Guidance Note's specific tasks as reference data.

Texts are our own summaries of OCHA's Guidance Note on CMCoord Support to Protection Outcomes, section III;
``source`` cites the section each comes from. The data lives here, not in an importable module, so this
migration keeps meaning what it meant when it was written.
"""

from django.db import migrations

AREAS = [
    ("AN", 1, "Analysis",
     "Understand how armed actors shape the protection environment, so that protection actors and "
     "humanitarian leadership see the problem in depth and CMCoord finds its points of entry."),
    ("DI", 2, "Dialogue",
     "Open and keep direct channels with armed actors, to prevent or soften the effects of violations and to "
     "build an environment that favours protection."),
    ("AD", 3, "Advocacy",
     "Use direct contact with armed actors to make the environment more protective for civilians and to keep "
     "protection at the centre of humanitarian action."),
    ("CB", 4, "Capacity Building",
     "Build shared knowledge of humanitarian standards, protection frameworks and UN-CMCoord guidance among "
     "armed actors and humanitarians, through training and exercises."),
    ("PP", 5, "Planning and Preparedness",
     "Bring protection concerns into joint planning and information sharing between humanitarians and armed "
     "actors, where the context allows it."),
]

# (code, name, description, peacekeeping only)
ACTIVITIES = {
    "AN": [
        ("AN-1", "Stakeholder analysis and mapping",
         "Map the stakeholders that matter for protection and access, including spoilers and influencers, to "
         "inform how OCHA, the HC and the HCT engage with parties to the conflict.", False),
        ("AN-2", "Advise leadership on approaching armed actors",
         "Advise on how best to raise the protection issues that humanitarian leadership prioritised with armed "
         "actors, drawing on the context and on relationships within and between armed groups.", False),
        ("AN-3", "Share protection-relevant information",
         "Share operationally relevant protection-of-civilians information with the Protection Cluster and other "
         "protection actors, within existing guidelines and formal data-protection agreements.", False),
        ("AN-4", "Monitor civilian harm and access impediments",
         "Follow civilian casualty and harm tracking systems and reports of access impediments by armed actors, "
         "and analyse them to support advocacy on harm mitigation, humanitarian access and space.", False),
        ("AN-5", "Encourage a joint PoC analysis",
         "Encourage a joint protection-of-civilians analysis with the mission under the Integrated Assessment "
         "and Planning policy.", True),
        ("AN-6", "Input to changes of the mission footprint",
         "Give input when a peacekeeping mission proposes to change its footprint, as it bears on its "
         "protection-of-civilians mandate.", True),
    ],
    "DI": [
        ("DI-1", "Dialogue with armed actors on protection risks",
         "Establish and sustain dialogue with armed actors and their allies to address protection risks and "
         "threats.", False),
        ("DI-2", "Influence camp closure, evacuation and screening arrangements",
         "With protection actors, influence the arrangements for camp closures, civilian evacuations and "
         "security screening of civilians, on the basis of minimum standards, Security Council resolutions and "
         "legal frameworks.", False),
        ("DI-3", "Link protection actors to armed actors",
         "Help the Protection Cluster or other designated interlocutors establish links with military forces and "
         "other armed actors, where humanitarian leadership judges it appropriate.", False),
        ("DI-4", "Share access arrangements with protection partners",
         "Share technical and operational information on access arrangements (humanitarian pauses, corridors, "
         "days of tranquillity, shifting frontlines, local ceasefires) with protection partners.", False),
        ("DI-5", "Establish a humanitarian notification system",
         "Set up humanitarian notification (deconfliction) systems where needed, to support protection and other "
         "humanitarian activities.", False),
        ("DI-6", "Take part in the mission's PoC coordination platforms",
         "Engage with and take part in the mission's protection-of-civilians coordination platforms, such as a "
         "Protection Working Group.", True),
    ],
    "AD": [
        ("AD-1", "Identify advocacy targets for sensitive issues",
         "Help humanitarian leadership and protection actors find the most appropriate advocacy targets for "
         "sensitive protection issues and violations.", False),
        ("AD-2", "Echo HC/HCT advocacy with armed actors",
         "Carry the Humanitarian Coordinator's and HCT's advocacy on the protection of civilians and humanitarian "
         "space to armed actors.", False),
        ("AD-3", "Promote compliance with IHL (conduct of hostilities)",
         "Promote respect for international humanitarian law on the conduct of hostilities, through principled "
         "and coordinated engagement with parties to the conflict.", False),
        ("AD-4", "Promote safe and equitable access and acceptance",
         "Promote initiatives that safeguard protection principles, including safe and equitable access to "
         "assistance, to reduce protection risks and build acceptance of humanitarian action.", False),
        ("AD-5", "Promote alternatives to armed escorts and last resort",
         "Encourage alternatives to armed escorts, discourage direct assistance by the military and uphold the "
         "principle of last resort, so that any military assistance keeps a humanitarian character.", False),
        ("AD-6", "Do no harm and a protection lens in access negotiations",
         "Apply a do-no-harm approach and a protection lens when facilitating negotiations for humanitarian "
         "access.", False),
        ("AD-7", "Contribute to Protection Cluster advocacy strategies",
         "Help the Protection Cluster develop advocacy strategies on existing concerns such as armed escorts or "
         "child recruitment.", False),
        ("AD-8", "Identify who can best influence combatants",
         "Identify the actors best placed to influence combatant behaviour, including other militaries "
         "(military-to-military engagement) or humanitarian organisations.", False),
        ("AD-9", "Foster respect for IHL, IHRL and humanitarian action with the mission",
         "Through engagement with the peace operation, foster an environment that secures respect for IHL, "
         "human rights law and humanitarian action.", True),
        ("AD-10", "Input to mission protection strategies",
         "Contribute to the mission's protection strategies so they stay consistent with humanitarian protection "
         "and global humanitarian policies.", True),
        ("AD-11", "A coherent approach among humanitarians and mission components",
         "Encourage a coherent, strategic and coordinated approach to protection among humanitarians and the "
         "mission's components.", True),
    ],
    "CB": [
        ("CB-1", "Influence armed actors' respect for PoC through training",
         "Seek to influence military forces' and other armed actors' respect for the protection of civilians, "
         "for example by making sure they are trained in IHL, human rights law and humanitarian principles.",
         False),
        ("CB-2", "Raise awareness of context-specific protection guidelines",
         "Make armed actors aware of protection guidelines for the context, such as civilian evacuation, the "
         "treatment of unaccompanied minors or the military's role in civil unrest.", False),
        ("CB-3", "Workshops on protection, access and UN-CMCoord",
         "Run workshops for armed actors on protection, access and the norms of UN-CMCoord and humanitarian "
         "action, with protection partners; and on access negotiation for protection stakeholders.", False),
        ("CB-4", "Bring humanitarians into key training exercises",
         "Make sure OCHA and other humanitarian actors, including local NGOs, take part in key training "
         "exercises, for cohesion and understanding across sectors.", False),
        ("CB-5", "Support peacekeeper training",
         "Support training programmes for peacekeepers on humanitarian and human rights norms and the principles "
         "of humanitarian action.", True),
    ],
    "PP": [
        ("PP-1", "Advise on policy frameworks and joint modalities",
         "Advise the HC and HCT on the applicable policy frameworks and support the development of rules of "
         "engagement, codes of conduct and joint operating modalities.", False),
        ("PP-2", "Convey protection concerns into armed actors' planning",
         "Make sure protection concerns reach military forces and other armed actors while they plan operations, "
         "by linking protection actors into planning or acting as interlocutor.", False),
        ("PP-3", "Influence evacuation and screening arrangements",
         "Where appropriate, influence the arrangements for civilian evacuation and the security screening of "
         "civilians.", False),
        ("PP-4", "Keep a current CMCoord assessment",
         "Keep an up-to-date CMCoord assessment of the roles armed actors might be forced to take in a "
         "humanitarian response.", False),
        ("PP-5", "Promote IAP and the Directive on UN Transitions",
         "Promote adherence to the Integrated Assessment and Planning policy and the Secretary-General's "
         "Directive on UN Transitions.", True),
        ("PP-6", "Identify protection risks in military scenario planning",
         "Identify risks to civilians and to humanitarian organisations during scenario planning of military "
         "operations.", True),
    ],
}


def load(apps, schema_editor):
    TaskArea = apps.get_model("protection_tasks", "TaskArea")
    Activity = apps.get_model("protection_tasks", "Activity")
    for code, number, name, description in AREAS:
        area, _ = TaskArea.objects.update_or_create(
            code=code, defaults={"number": number, "name": name, "description": description}
        )
        for order, (activity_code, title, text, peacekeeping_only) in enumerate(ACTIVITIES[code], start=1):
            Activity.objects.update_or_create(
                operation=None,
                code=activity_code,
                defaults={
                    "area": area,
                    "name": title,
                    "description": text,
                    "source": f"Guidance Note III.{number}",
                    "peacekeeping_only": peacekeeping_only,
                    "order": order,
                },
            )


def unload(apps, schema_editor):
    apps.get_model("protection_tasks", "Activity").objects.filter(operation=None).delete()
    apps.get_model("protection_tasks", "TaskArea").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("protection_tasks", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
