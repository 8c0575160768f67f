"""What changed since the previous round, per partner and in the findings."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from samen.interests.analysis.findings import Context, strongest_pair
from samen.interests.analysis.model import Analysis, PartnerDeclaration
from samen.interests.analysis.words import join_names, quote
from samen.interests.catalogue import Catalogue


def _finding_labels(partners: Sequence[PartnerDeclaration], catalogue: Catalogue) -> dict[str, tuple[str, str]]:
    """Key → (kind, label) of the core, tension and red-line findings, without writing their texts.

    What an earlier round needs to compare with: the same keys as ``analyse`` gives its findings.
    """
    context = Context(sorted(partners, key=lambda p: p.name), catalogue)
    labels: dict[str, tuple[str, str]] = {}
    if len(context.partners) >= 2:
        for code, holders in context.holders.items():
            if len(holders) == len(context.partners):
                labels[f"kern:{code}"] = ("kern", context.names[code])
    for rule in catalogue.tensions:
        holders_a = context.holders.get(rule.motive_a) or []
        holders_b = context.holders.get(rule.motive_b) or []
        if holders_a and holders_b and strongest_pair(holders_a, holders_b, rule):
            title = f"{context.names[rule.motive_a]} ↔ {context.lower[rule.motive_b]}"
            labels["spanning:" + "|".join(sorted(rule.key))] = ("spanning", title)
    for owner in context.partners:
        for red_line in owner.red_lines:
            if any(p is not owner for p in context.holders.get(red_line.motive) or []):
                title = context.words.collision_title % {"partner": owner.name}
                key = f"rode_lijn:{owner.partner_id}:{red_line.text.strip().lower()}"
                labels[key] = ("rode_lijn", f"{title} ({quote(red_line.text)})")
    return labels


def changes(current: Analysis, previous: Sequence[PartnerDeclaration], catalogue: Catalogue) -> list[str]:
    """In words: per partner what it changed in its declaration, then which findings came or went."""
    lines: list[str] = []
    before = {p.partner_id: p for p in previous}
    now = {p.partner_id: p for p in current.partners}
    for partner in current.partners:
        old = before.get(partner.partner_id)
        if old is None:
            lines.append(_("%(partner)s deelde in de vorige ronde geen verklaring.") % {"partner": partner.name})
        elif line := _partner_changes(old, partner, catalogue):
            lines.append(line)
    for partner in sorted(previous, key=lambda p: p.name):
        if partner.partner_id not in now:
            lines.append(
                _("%(partner)s deelde in de vorige ronde wel een verklaring, in deze ronde (nog) niet.")
                % {"partner": partner.name}
            )
    old_findings = _finding_labels(previous, catalogue)
    new_findings = {f.key: (f.kind, f.label or f.title) for f in current.findings}
    sentences = {
        "kern": (_("Nieuw in de gedeelde kern: %(title)s."), _("Niet meer in de gedeelde kern: %(title)s.")),
        "spanning": (_("Nieuwe spanning: %(title)s."), _("Spanning verdwenen: %(title)s.")),
        "rode_lijn": (_("Nieuwe botsing: %(title)s."), _("Botsing verdwenen: %(title)s.")),
    }
    for key, (kind, label) in new_findings.items():
        if kind in sentences and key not in old_findings:
            lines.append(sentences[kind][0] % {"title": label})
    for key, (kind, label) in old_findings.items():
        if key not in new_findings:
            lines.append(sentences[kind][1] % {"title": label})
    return lines


def _partner_changes(old: PartnerDeclaration, new: PartnerDeclaration, catalogue: Catalogue) -> str:
    """One sentence for one partner: "Utrecht: nu ook innovatie (4); niet meer kostenbesparing; …"."""
    name = catalogue.lower_name
    added = [f"{name(code)} ({i.weight})" for code, i in new.interests.items() if code not in old.interests]
    removed = [name(code) for code in old.interests if code not in new.interests]
    weighed = [
        _("%(motive)s van %(old)s naar %(new)s")
        % {"motive": name(code), "old": old.interests[code].weight, "new": i.weight}
        for code, i in new.interests.items()
        if code in old.interests and old.interests[code].weight != i.weight
    ]
    old_lines = {r.text.strip() for r in old.red_lines}
    new_lines = {r.text.strip() for r in new.red_lines}
    parts = []
    if added:
        parts.append(_("nu ook %(motives)s") % {"motives": join_names(added)})
    if removed:
        parts.append(_("niet meer %(motives)s") % {"motives": join_names(removed)})
    if weighed:
        parts.append(_("ander gewicht: %(changes)s") % {"changes": join_names(weighed)})
    if new_lines - old_lines:
        lines = join_names([quote(text) for text in sorted(new_lines - old_lines)])
        parts.append(_("nieuwe rode lijn %(lines)s") % {"lines": lines})
    if old_lines - new_lines:
        lines = join_names([quote(text) for text in sorted(old_lines - new_lines)])
        parts.append(_("rode lijn %(lines)s vervallen") % {"lines": lines})
    if old.intentions.strip() != new.intentions.strip():
        parts.append(_("intenties aangepast"))
    if not parts:
        return ""
    return _("%(partner)s: %(changes)s.") % {"partner": new.name, "changes": "; ".join(parts)}
