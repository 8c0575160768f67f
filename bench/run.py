"""Run every benchmark in bench/ and write the figures to var/bench.json.

Each ``bench/bench_<area>.py`` exposes ``run() -> dict``. The runner gives them a fresh,
migrated database (a throwaway SQLite file, or the server named by DATABASE_URL), runs the
register benchmark first (it imports the national register itself), and imports the register
for the others if that benchmark is absent. Figures are printed and saved; nothing here is a
pass/fail test.
"""

import argparse
import importlib
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", default="sqlite", help="name of this run in var/bench.json")
    parser.add_argument("--only", nargs="*", default=None, help="areas to run, e.g. register goals")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        os.environ["SAMEN_VAR_DIR"] = tempfile.mkdtemp(prefix="samen-bench-")
    os.environ.setdefault("SAMEN_DEBUG", "false")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)

    areas = sorted(p.stem.removeprefix("bench_") for p in (ROOT / "bench").glob("bench_*.py"))
    if "register" in areas:
        areas.remove("register")
        areas.insert(0, "register")
    else:
        call_command("import_register", verbosity=0)
    if args.only:
        areas = [a for a in areas if a in args.only]

    results: dict[str, object] = {}
    for area in areas:
        print(f"\n=== bench {area} ({args.label}, {connection.vendor})", flush=True)
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.bench_{area}")
            figures = module.run()
        except Exception:  # noqa: BLE001 - a failing benchmark is reported, the others still run
            traceback.print_exc()
            figures = {"error": traceback.format_exc(limit=3)}
        figures["wall_seconds"] = round(time.perf_counter() - started, 2)
        results[area] = figures
        for key, value in figures.items():
            if key != "error":
                print(f"  {key}: {value}")

    out = ROOT / "var" / "bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(out.read_text()) if out.exists() else {}
    existing[args.label] = {"database": connection.vendor, "results": results}
    out.write_text(json.dumps(existing, indent=2, sort_keys=True, default=str))
    print(f"\nwritten {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
