"""Samen's source strings are Dutch: the Dutch catalogue translates each string to itself.

Run by `make messages` after makemessages, so that the nl catalogue is complete too and a
translator can still refine a Dutch wording there without touching the code.
"""

from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "samen" / "locale" / "nl" / "LC_MESSAGES" / "django.po"

catalogue = polib.pofile(str(PO))
for entry in catalogue:
    # Always the source itself: a fuzzy guess by makemessages would show another sentence.
    if entry.msgid_plural:
        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
    else:
        entry.msgstr = entry.msgid
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
catalogue.save()
