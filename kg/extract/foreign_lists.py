"""Bare Vietnamese names in the lists of border twinnings, linked beside the foreign ones.

Names in a comma list before a bracketed parent ("Na Khê, Bạch Đích (Yên Minh)": communes of
that district) and the bare name dashed to a foreign one ("Mèo Vạc - Phú Ninh (Vân Nam)").
Apart from kg.extract.foreign, which finds the foreign names these lists pair them with.
"""

from __future__ import annotations

import re

from kg.extract.foreign import run_before
from kg.extract.lexicon import Lexicon
from kg.extract.spans import Coverage
from kg.extract.unit_mentions import UnitMention
from kg.iris import ERA_2025, ERA_PRE2025
from kg.vietnamese import fold


def link_bare_lists(text: str, units: list[UnitMention], foreign: list[UnitMention], lex: Lexicon, era: str) -> list:
    """Bare names in "A, B, C (Parent)" that are all units of that parent, and the bare name
    dashed to a foreign one; returns the unit mentions, with those added."""
    eras = [ERA_PRE2025] if era == ERA_PRE2025 else [ERA_2025, ERA_PRE2025]
    units = list(units)
    taken = Coverage(len(text), [(m.start, m.end) for m in units + foreign])
    by_span = {(m.start, m.end): m for m in units if m.unit is not None}
    by_start = {m.start: m for m in units}

    def free(a: int, b: int) -> bool:
        return not taken.overlaps(a, b)

    def add(a, b, unit, kind, hint="", hint_start=-1) -> UnitMention:
        mention = UnitMention(a, b, text[a:b], kind, candidates=[unit], unit=unit, confidence=0.85)
        mention.parent_hint, mention.parent_hint_start, mention.hint_is_parent = hint, hint_start, bool(hint)
        units.append(mention)
        taken.add(a, b)
        by_span[(a, b)] = by_start[a] = mention
        return mention

    for bracket in re.finditer(r" \(([^()\n]{2,30})\)", text):
        hint = bracket.group(1).strip()
        hint_start = bracket.start(1)
        at = by_start.get(hint_start)
        if not free(hint_start, bracket.end(1)) and (at is None or at.unit is None):
            continue
        pos, parent_unit = bracket.start(), None
        while True:
            words = run_before(text, pos)
            if not words:
                break
            a, b = words[0][0], words[-1][1]
            here = by_span.get((a, b))
            unit = here.unit if here is not None else _child_of(lex, text[a:b], hint, eras)
            if unit is None or (here is None and not free(a, b)):
                break
            parent = next((p for p in lex.ancestors(unit) if fold(p.short_name) == fold(hint)), None)
            if parent is None:
                break
            parent_unit = parent
            if here is None:
                add(a, b, unit, "list", hint, hint_start)
            gap = re.search(r",\s*$", text[max(0, a - 3) : a])
            if not gap:
                break
            pos = a - len(gap.group())
        if parent_unit is not None:
            at = by_start.get(hint_start)
            if at is not None:
                at.unit, at.kind, at.candidates = parent_unit, "parent", [parent_unit]
            else:
                add(hint_start, hint_start + len(hint), parent_unit, "parent")
    known = {fold(m.surface): m.unit for m in units if m.unit is not None and m.kind != "below"}
    for mention in foreign:
        dash = re.search(r"\s[-–]\s*$", text[max(0, mention.evidence_start - 4) : mention.evidence_start])
        if not dash:
            continue
        words = run_before(text, mention.evidence_start - len(dash.group()))
        if words and free(words[0][0], words[-1][1]):
            unit = known.get(fold(text[words[0][0] : words[-1][1]]))
            if unit is not None:
                add(words[0][0], words[-1][1], unit, "bare")
    units.sort(key=lambda m: m.start)
    return units


def _child_of(lex: Lexicon, name: str, parent: str, eras) -> object:
    """The one unit of that name under a unit of the parent's name: its child first ("Xín Mần
    (Hà Giang)" is the district, not the commune of the district), then any descendant."""
    for era in eras:
        units = lex.lookup(name, era)
        for found in (
            [u for u in units if u.parent is not None and fold(u.parent.short_name) == fold(parent)],
            [u for u in units if any(fold(p.short_name) == fold(parent) for p in lex.ancestors(u))],
        ):
            if len(found) == 1:
                return found[0]
            if found:
                break
    return None
