"""Places where a worker of the fault tests stops and waits to be killed, when ``CMCOORD_TEST_STALL`` names them:
``mail`` (sending a digest's mail, before the message is written) and ``export`` (saving an export's file, half
of it written). The marker file ``CMCOORD_TEST_STALL_MARK`` tells the test that the worker is there."""

import os
import time
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.core.mail.backends.filebased import EmailBackend

STALL_SECONDS = 60  # far longer than any test waits: the test kills the worker first


def stall_here(place: str) -> None:
    if os.environ.get("CMCOORD_TEST_STALL") != place:
        return
    Path(os.environ["CMCOORD_TEST_STALL_MARK"]).write_text(place)
    time.sleep(STALL_SECONDS)


class StallingMailBackend(EmailBackend):
    def send_messages(self, email_messages):
        stall_here("mail")
        return super().send_messages(email_messages)


class StallingStorage(FileSystemStorage):
    def _save(self, name, content):
        if os.environ.get("CMCOORD_TEST_STALL") == "export":
            partial = Path(self.path(name))
            partial.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(content.read(100))  # a half-written file, as a killed worker leaves it
            stall_here("export")
        return super()._save(name, content)
