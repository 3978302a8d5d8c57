"""``manage.py copy_setup_checklists``: copy the shipped set-up key points into every active operation."""

from django.core.management.base import BaseCommand

from planning.services import checklist_copy_everywhere


class Command(BaseCommand):
    help = "Copy the operation set-up checklist's key points into every active operation that lacks them."

    def handle(self, *args, **options):
        added = checklist_copy_everywhere()
        self.stdout.write(f"{added} key points copied.")
