"""Every user-facing string is in the catalogues: English complete, Dutch source complete."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "samen" / "locale"


def entries(language: str) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(CATALOGUES / language / "LC_MESSAGES" / "django.po")) if not e.obsolete]


def test_the_english_catalogue_translates_every_string():
    missing = [e.msgid for e in entries("en") if not e.translated() or "fuzzy" in e.flags]
    assert not missing, f"{len(missing)} strings without English translation, e.g. {missing[:5]}"


def test_the_dutch_catalogue_lists_every_string():
    dutch = entries("nl")
    assert {e.msgid for e in dutch} == {e.msgid for e in entries("en")}
    assert all(e.translated() for e in dutch)


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (installed by .ci/run)")
def test_the_catalogues_are_up_to_date_with_the_code(tmp_path):
    copy = tmp_path / "samen-copy"
    shutil.copytree(ROOT / "samen", copy / "samen", ignore=shutil.ignore_patterns("vendor", "__pycache__", "*.mo"))
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-location", "--no-obsolete"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "SAMEN_VAR_DIR": str(tmp_path / "var")},
    )
    assert result.returncode == 0, result.stderr
    fresh = {e.msgid for e in polib.pofile(str(copy / "samen" / "locale" / "en" / "LC_MESSAGES" / "django.po"))}
    committed = {e.msgid for e in entries("en")}
    assert fresh - committed == set(), f"run `make messages`: new strings {sorted(fresh - committed)[:10]}"


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}|\{\w+\}")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_translation_keeps_the_placeholders_of_its_source(language):
    broken = []
    for entry in entries(language):
        if entry.msgid_plural:
            pairs = [
                (entry.msgid, entry.msgstr_plural.get(0, "")),
                (entry.msgid_plural, entry.msgstr_plural.get(1, "")),
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        broken += [src for src, dst in pairs if sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(dst))]
    assert not broken, broken[:5]


def test_the_dutch_catalogue_shows_the_source_text_itself():
    """Dutch is the source language; a fuzzy guess from makemessages must never be shown."""
    for entry in entries("nl"):
        expected = {0: entry.msgid, 1: entry.msgid_plural} if entry.msgid_plural else entry.msgid
        assert (entry.msgstr_plural if entry.msgid_plural else entry.msgstr) == expected, entry.msgid
