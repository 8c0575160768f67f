"""Daily (cron): remind the councils whose zienswijze period ends within two weeks and who have not adopted one."""

from typing import Any

from django.core.management.base import BaseCommand

from samen.collaborations.models import Collaboration
from samen.council.models import Document
from samen.council.services import remind_open_zienswijzen


class Command(BaseCommand):
    help = "Herinner de raden aan termijnen voor zienswijzen die binnen twee weken eindigen."

    def handle(self, *args: Any, **options: Any) -> None:
        ids = Document.objects.filter(asks_zienswijze=True, reminded_on__isnull=True).values("collaboration_id")
        sent = sum(
            remind_open_zienswijzen(collaboration=collaboration)
            for collaboration in Collaboration.objects.filter(pk__in=ids, workspace_active=True)
        )
        self.stdout.write(f"herinneringen: {sent}")
