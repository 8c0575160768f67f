"""A refusal is worded once, beside its rule: a view and its service never carry two copies of the text."""

import ast
from collections import defaultdict
from pathlib import Path

import samen

SAMEN = Path(samen.__file__).parent


def refusal_texts() -> dict[str, set[str]]:
    """Every literal text given to ``require(...)`` or ``PermissionDenied(...)``, with the modules that write it."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in SAMEN.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            arguments = node.args[1:] if name == "require" else node.args if name == "PermissionDenied" else []
            for argument in arguments[:1]:
                for part in ast.walk(argument):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        found[part.value].add(str(path.relative_to(SAMEN)))
                        break
    return found


def test_no_refusal_text_is_written_in_two_modules():
    copied = {text: sorted(modules) for text, modules in refusal_texts().items() if len(modules) > 1}
    assert copied == {}


def test_the_rules_that_views_and_services_share_carry_their_text_in_permissions():
    from samen import permissions

    texts = refusal_texts()
    shared = ("ADD_RESULT_REFUSED", "SCHEDULE_CHECKINS_REFUSED", "IMPORT_COLLABORATION_REFUSED", "WRITE_FOR_REFUSED")
    for name in shared:
        text = str(getattr(permissions, name))
        assert text.startswith(("Alleen", "U ")), name
        assert text not in texts, f"{name} is written again at a call site"
