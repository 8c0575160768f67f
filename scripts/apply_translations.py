"""Fill English translations into samen/locale/en from a Python dict file (msgid → text).

Usage: python scripts/apply_translations.py FILE.py — FILE defines ``T = {msgid: translation}``
(a [singular, plural] list for plural entries). Entries already translated and not fuzzy are kept.
"""

import runpy
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "samen" / "locale" / "en" / "LC_MESSAGES" / "django.po"

translations = runpy.run_path(sys.argv[1])["T"]
catalogue = polib.pofile(str(PO))
applied = 0
for entry in catalogue:
    text = translations.get(entry.msgid)
    if text is None or (entry.translated() and "fuzzy" not in entry.flags):
        continue
    if entry.msgid_plural:
        entry.msgstr_plural = {0: text[0], 1: text[1]}
    else:
        entry.msgstr = text
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    applied += 1
catalogue.save()
missing = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
print(f"applied {applied}; still untranslated {len(missing)}")
for msgid in missing[:20]:
    print("  ", msgid[:100])
