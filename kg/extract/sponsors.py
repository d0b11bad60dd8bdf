"""Agencies, units and companies as parties of a twinning (issue 25): "Ban Dân tộc tỉnh X ... công
tác kết nghĩa tại xã Y", "Sở X nhận đỡ đầu xã Y", "Đồn Biên phòng X kết nghĩa với bản Y", "Công ty
X ... tại xã kết nghĩa Y".

- A place after "tại" is where something happened, not a party, except right after a twinning
  word ("kết nghĩa tại xã Y") when a body that may sponsor (an agency, a company) comes before it
  in the clause: then it is the sponsored side.
- A village ("bản Y", "thôn Z") is a party only after such a body (the side it sponsors); the
  commune written after the village ("bản Y, xã Z") is where the village is, not a party.
- A body after "của", "theo", "phối hợp với/cùng", "cùng với" ("theo chỉ đạo của Sở X", "phối hợp
  cùng đơn vị Viettel X") directs or helps; it is not a party.
- A unit or body that witnesses the twinning ("với sự chứng kiến của lãnh đạo tỉnh X", "in the
  presence of", "en présence de"), and one joined to it by "và", is not a party.
- A body written in brackets right after another name ("Đồn Biên phòng X (Bộ đội Biên phòng
  tỉnh Y)"), or after a comma right after a unit of the armed forces ("Đại đội Biên phòng 224, Bộ
  Chỉ huy Quân sự tỉnh Z"), is the command it belongs to, not a party.
"""

from __future__ import annotations

import re

from kg.extract import agencies
from kg.extract.organizations import NAMED_KINDS, OrgMention
from kg.extract.unit_mentions import UnitMention

SPONSOR_KINDS = NAMED_KINDS
_TWIN_WORD = re.compile(r"kết nghĩa|đỡ đầu", re.I)
_TWINNED_AT = re.compile(r"(?:kết nghĩa|đỡ đầu)\s+tại\s+$", re.I)
_NOT_A_PARTY = re.compile(
    r"(?:\bcủa|\btheo|\bphối hợp (?:với|cùng)|\bcùng với|\bgiao|\bđề nghị)\s+(?:(?:các\s+)?(?:đơn vị|cơ quan)\s+)?$",
    re.I,
)


# "Với sự chứng kiến của đại biểu Ban X, huyện A và huyện B ký kết": Ban X witnesses the signing.
_WITNESS = re.compile(
    r"(?:\bchứng kiến(?:\s+của)?|\bin the presence of|\bwitnessed by|\ben présence d(?:e(?: la)?|u|es|')"
    r"|\bsous les yeux d(?:e|u|es))\s*"
    r"(?:(?:các\s+)?(?:đồng chí\s+)?(?:đại diện|đại biểu|lãnh đạo|representatives?|leaders|représentants?)"
    r"(?:\s+(?:của|of|de|du|des))?\s+)?(?:(?:the|le|la|les|l')\s*)?$",
    re.I,
)
_WITNESS_AND = re.compile(
    r"\s*(?:và|cùng|and|et)\s+(?:(?:đại diện|đại biểu|lãnh đạo)\s+(?:của\s+)?)?(?:(?:the|le|la|les|l')\s*)?", re.I
)


def witnesses(text: str, clause_start: int, candidates: list) -> set[int]:
    """ids of the candidates that witness the twinning (in text order), not parties of it."""
    found: set[int] = set()
    previous = None
    for c in candidates:
        start = c.evidence_start if isinstance(c, UnitMention) else c.start
        if _WITNESS.search(text[max(clause_start, start - 60) : start]) or (
            previous is not None and id(previous) in found and _WITNESS_AND.fullmatch(text[_end(previous) : start])
        ):
            found.add(id(c))
        previous = c
    return found


def _end(candidate) -> int:
    return candidate.evidence_end if isinstance(candidate, UnitMention) else candidate.end


def may_sponsor(candidate) -> bool:
    return isinstance(candidate, OrgMention) and candidate.kind in SPONSOR_KINDS


def twinned_at(text: str, clause_start: int, candidate, candidates) -> bool:
    """ "kết nghĩa tại xã Y", "tại xã kết nghĩa Y" after a body that may sponsor: the sponsored
    commune."""
    start = candidate.evidence_start if isinstance(candidate, UnitMention) else candidate.start
    if not (_TWINNED_AT.search(text[max(clause_start, start - 24) : start]) or twinned_unit(text, candidate)):
        return False
    return any(may_sponsor(c) and c.end <= start for c in candidates)


def twinned_unit(text: str, candidate) -> bool:
    """ "xã kết nghĩa Phước Chánh": the twinning word between the type word and the name."""
    return (
        isinstance(candidate, UnitMention)
        and candidate.type_start >= 0
        and bool(_TWIN_WORD.search(text[candidate.type_start : candidate.start]))
    )


def not_a_party(text: str, clause_start: int, candidate) -> bool:
    """An agency or company that directs or helps ("theo chỉ đạo của Sở X")."""
    return may_sponsor(candidate) and bool(
        _NOT_A_PARTY.search(text[max(clause_start, candidate.start - 40) : candidate.start])
    )


# Between a village and its commune: ", ", " of ", " in ", " in X district's ".
_WHERE = re.compile(r"\s*(?:,|\bof\b|\bin\b)?\s*(?:[^,.;()]{1,60}['’]s\s+)?")


def sponsored_villages(text: str, candidates: list, across: bool = False) -> list:
    """Villages after a body that may sponsor, or in a clause that names a locality abroad (a
    village twinned across the border), without the commune written after them; no village
    otherwise."""
    kept: list = []
    sponsor = across
    for i, c in enumerate(candidates):
        if may_sponsor(c):
            sponsor = True
        below = isinstance(c, UnitMention) and c.level == "below-commune"
        previous = kept[-1] if kept else None
        if (
            below
            and not sponsor
            and not _paired_with_commune(text, previous, c)
            and not _commune_after(text, c, candidates[i + 1 : i + 3])
        ):
            continue
        if (
            isinstance(previous, UnitMention)
            and previous.level == "below-commune"
            and c.unit is getattr(previous.unit, "parent", None)
            and re.fullmatch(_WHERE, text[previous.evidence_end : c.evidence_start])
        ):
            continue  # "bản Y, xã Z", "Y village in X district's Z commune": where the village is
        kept.append(c)
    return kept


# "phường A và thôn B (xã C)", "UBND xã A kết nghĩa với thôn B, xã C": a commune and a village of
# another commune joined by "và" / "với".
_JOINED = re.compile(r"\s*(?:,\s*)?(?:và|với|cùng|kết nghĩa với|and|with|et|avec)\s+", re.I)
# "Đảng ủy phường A và Chi bộ thôn B (xã C)": the village's own body, the village as its party.
VILLAGE_BODY = re.compile(r"(?:Chi bộ|Ban nhân dân|Ban [Cc]ông tác [Mm]ặt trận|nhân dân)\s+$")
_JOINED_BODY = re.compile(rf"\s*(?:,\s*)?(?:và|với|cùng|kết nghĩa với)\s+{VILLAGE_BODY.pattern}")


def _paired_with_commune(text: str, previous, village: UnitMention) -> bool:
    """ "phường A và thôn B (xã C)": a village joined to a commune or ward (or its body) that is
    not its own commune is a party; its commune written with it is only where it is."""
    unit = getattr(previous, "unit", None)
    if getattr(unit, "level", None) != "commune" or unit is getattr(village.unit, "parent", None):
        return False
    end = previous.evidence_end if isinstance(previous, UnitMention) else previous.end
    gap = text[end : village.evidence_start]
    return bool(_JOINED.fullmatch(gap) or _JOINED_BODY.fullmatch(gap))


def _commune_after(text: str, village: UnitMention, following: list) -> bool:
    """ "thôn B (xã C) và phường A", "thôn B, xã C và phường A": the same, the village first."""
    parent = getattr(village.unit, "parent", None)
    end = village.evidence_end
    if village.parent_hint_start >= end:  # its commune, written after it: where it is
        end = village.parent_hint_start + len(village.parent_hint)
    for c in following:
        start = c.evidence_start if isinstance(c, UnitMention) else c.start
        gap = _ADDRESS_IN_BRACKETS.sub("", text[end:start], count=1)
        if c.unit is parent and re.fullmatch(r"\s*,?\s*", gap):
            end = c.evidence_end if isinstance(c, UnitMention) else c.end  # "thôn B, xã C": where it is
            continue
        unit = getattr(c, "unit", None)
        return getattr(unit, "level", None) == "commune" and unit is not parent and bool(_JOINED.fullmatch(gap))
    return False


_ADDRESS_IN_BRACKETS = re.compile(r"^\s*(?:\([^()\n]{0,80})?\)")
_BRACKET_AFTER_NAME = re.compile(r"\w[\w'’.]*\s*\(\s*$")


def parent_bodies(text: str, clause_start: int, candidates: list) -> set[int]:
    """The ids of the bodies among `candidates` (sorted by position) that are the command of the
    body or name written just before them."""
    found: set[int] = set()
    previous = None
    for c in candidates:
        if isinstance(c, OrgMention):
            if _BRACKET_AFTER_NAME.search(text[max(clause_start, c.start - 40) : c.start]):
                found.add(id(c))  # "Đồn Biên phòng X (Bộ đội Biên phòng tỉnh Y)"
            elif isinstance(previous, OrgMention) and re.fullmatch(r"\s*,\s*", text[previous.end : c.start]):
                head, before = agencies.head_at(text, c.start), agencies.head_at(text, previous.start)
                if (
                    head is not None
                    and before is not None
                    and head.kind == before.kind == "armed-unit"
                    and head.level is not None
                    and before.level is None
                ):
                    found.add(id(c))  # "Đại đội Biên phòng 224, Bộ Chỉ huy Quân sự tỉnh Z"
        previous = c
    return found
