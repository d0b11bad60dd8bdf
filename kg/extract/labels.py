"""Vietnamese labels for proposed facts, built from gazetteer names so that they carry full
diacritics even when the article does not (the French article's "Que Son" is "huyện Quế Sơn").
Every named thing in the graph needs a Vietnamese label (shapes/common.ttl)."""

from __future__ import annotations

import re

from kg.extract.lexicon import BelowCommune
from kg.extract.organizations import OrgMention, lower_type

EVENT_WORDS = {
    "ceremony": "Lễ",
    "working-visit": "Chuyến công tác",
    "contest": "Cuộc thi",
    "conference": "Hội nghị",
    "construction-work": "Công trình",
    "survey-trip": "Chuyến khảo sát",
}
PURPOSE_WORDS = {
    "disaster-relief": "khắc phục thiên tai",
    "housing": "nhà ở",
    "livelihood": "sinh kế",
    "education": "giáo dục",
    "infrastructure": "hạ tầng",
    "social-welfare": "an sinh",
    "commemoration": "ghi dấu quan hệ kết nghĩa",
    "youth-women-startup": "khởi nghiệp",
}


def unit_label(unit) -> str:
    if isinstance(unit, BelowCommune):
        return unit.full_name
    return lower_type(unit.full_name)


def party_label(party) -> str:
    org = party if isinstance(party, OrgMention) else getattr(party, "org", None)
    if org is not None:
        return org.label_vi
    return unit_label(party.unit)


def twinning_label(twinning) -> str:
    a, b, *more = (party_label(p) for p in twinning.parties)
    b = " – ".join([b, *more])
    if twinning.kind == "sponsorship":
        label = f"{a[:1].upper()}{a[1:]} kết nghĩa đỡ đầu {b}"
    elif twinning.kind == "cooperation-programme":
        label = f"Chương trình hợp tác {a} – {b}"
    else:
        label = f"Kết nghĩa {a} – {b}"
    return label + (" (theo kế hoạch)" if twinning.status == "planned" else "")


def snippet(text: str, start: int, end: int, limit: int = 140) -> str:
    """The article's words from `start`, cut at a word boundary."""
    words = re.sub(r"\s+", " ", text[start:end]).strip(" ,;:")
    if len(words) > limit:
        words = words[:limit].rsplit(" ", 1)[0] + "…"
    return words[:1].upper() + words[1:]


def event_label(event) -> str:
    word = EVENT_WORDS[event.kind]
    parts = [word]
    if event.place is not None:
        parts.append(f"tại {unit_label(event.place.unit)}")
    if event.date is not None:
        parts.append(f"({event.date.text})")
    return " ".join(parts)


def support_label(support) -> str:
    giver = party_label(support.giver) if support.giver is not None else "không rõ bên hỗ trợ"
    label = f"Hỗ trợ của {giver}"
    if support.recipient is not None:
        label += f" cho {party_label(support.recipient)}"
    if support.purpose:
        label += f" ({PURPOSE_WORDS[support.purpose]})"
    return label
