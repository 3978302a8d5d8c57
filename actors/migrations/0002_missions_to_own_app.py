"""Mission contexts move to their own app (``missions``): they are not actors.

The tables are renamed to the new app's names here, while the models still belong to ``actors``; then the
models leave ``actors``'s state without touching the database, and ``missions.0001_initial`` takes them over,
again without touching it. Existing rows, history and links are kept as they are.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("actors", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="mission", table="missions_mission"),
        migrations.AlterModelTable(name="missionphasechange", table="missions_missionphasechange"),
        migrations.AlterModelTable(name="coordinationplatform", table="missions_coordinationplatform"),
        migrations.AlterModelTable(name="missioncomponent", table="missions_missioncomponent"),
        migrations.AlterModelTable(name="missionliaisonofficer", table="missions_missionliaisonofficer"),
        migrations.AlterModelTable(name="taskmission", table="missions_taskmission"),
        migrations.AlterModelTable(name="historicalmission", table="missions_historicalmission"),
        migrations.AlterModelTable(name="historicalmission_operations", table="missions_historicalmission_operations"),
        migrations.AlterModelTable(name="historicalmissionphasechange", table="missions_historicalmissionphasechange"),
        migrations.AlterModelTable(name="historicalcoordinationplatform", table="missions_historicalcoordinationplatform"),
        migrations.AlterModelTable(name="historicalmissioncomponent", table="missions_historicalmissioncomponent"),
        migrations.AlterModelTable(name="historicalmissionliaisonofficer", table="missions_historicalmissionliaisonofficer"),
        migrations.AlterModelTable(name="historicaltaskmission", table="missions_historicaltaskmission"),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
            migrations.RemoveField(
                model_name='coordinationplatform',
                name='mission',
            ),
            migrations.RemoveField(
                model_name='historicalcoordinationplatform',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalcoordinationplatform',
                name='mission',
            ),
            migrations.RemoveField(
                model_name='historicalmission',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalmission',
                name='predecessor',
            ),
            migrations.RemoveField(
                model_name='historicalmission_operations',
                name='history',
            ),
            migrations.RemoveField(
                model_name='historicalmission_operations',
                name='countryoperation',
            ),
            migrations.RemoveField(
                model_name='historicalmission_operations',
                name='mission',
            ),
            migrations.RemoveField(
                model_name='historicalmissioncomponent',
                name='actor',
            ),
            migrations.RemoveField(
                model_name='historicalmissioncomponent',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalmissioncomponent',
                name='mission',
            ),
            migrations.RemoveField(
                model_name='historicalmissionliaisonofficer',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalmissionliaisonofficer',
                name='mission',
            ),
            migrations.RemoveField(
                model_name='historicalmissionliaisonofficer',
                name='operation',
            ),
            migrations.RemoveField(
                model_name='historicalmissionphasechange',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicalmissionphasechange',
                name='mission',
            ),
            migrations.RemoveField(
                model_name='historicaltaskmission',
                name='history_user',
            ),
            migrations.RemoveField(
                model_name='historicaltaskmission',
                name='mission',
            ),
            migrations.RemoveField(
                model_name='historicaltaskmission',
                name='task',
            ),
            migrations.RemoveConstraint(
                model_name='mission',
                name='mission_mandate_ordered',
            ),
            migrations.RemoveConstraint(
                model_name='mission',
                name='mission_not_own_predecessor',
            ),
            migrations.RemoveField(
                model_name='missionliaisonofficer',
                name='mission',
            ),
            migrations.RemoveField(
                model_name='taskmission',
                name='mission',
            ),
            migrations.RemoveConstraint(
                model_name='missioncomponent',
                name='component_actor_once_per_mission',
            ),
            migrations.RemoveField(
                model_name='missionliaisonofficer',
                name='operation',
            ),
            migrations.RemoveConstraint(
                model_name='missionphasechange',
                name='mission_one_phase_change_per_day',
            ),
            migrations.RemoveField(
                model_name='taskmission',
                name='task',
            ),
            migrations.DeleteModel(
                name='CoordinationPlatform',
            ),
            migrations.DeleteModel(
                name='HistoricalCoordinationPlatform',
            ),
            migrations.DeleteModel(
                name='HistoricalMission',
            ),
            migrations.DeleteModel(
                name='HistoricalMission_operations',
            ),
            migrations.DeleteModel(
                name='HistoricalMissionComponent',
            ),
            migrations.DeleteModel(
                name='HistoricalMissionLiaisonOfficer',
            ),
            migrations.DeleteModel(
                name='HistoricalMissionPhaseChange',
            ),
            migrations.DeleteModel(
                name='HistoricalTaskMission',
            ),
            migrations.RemoveField(
                model_name='mission',
                name='operations',
            ),
            migrations.RemoveField(
                model_name='mission',
                name='predecessor',
            ),
            migrations.RemoveField(
                model_name='missioncomponent',
                name='actor',
            ),
            migrations.RemoveField(
                model_name='missioncomponent',
                name='mission',
            ),
            migrations.DeleteModel(
                name='MissionLiaisonOfficer',
            ),
            migrations.RemoveField(
                model_name='missionphasechange',
                name='mission',
            ),
            migrations.DeleteModel(
                name='TaskMission',
            ),
            migrations.DeleteModel(
                name='MissionComponent',
            ),
            migrations.DeleteModel(
                name='Mission',
            ),
            migrations.DeleteModel(
                name='MissionPhaseChange',
            ),
            ],
        ),
    ]
