"""Policy documents: numbered directives and resolutions, and named policy lines.

"ngày 09/9/2021 Ban Thường vụ Tỉnh ủy đã ban hành Chỉ thị số 16-CT/TU về ..." and "Nghị quyết số 02
ngày 29/7/2025 của Thành ủy Đà Nẵng" give a type, a number, an issuer (written before "ban hành"
or after "của") and a date. "chủ trương của X", "X ... có chủ trương", "la politique du Comité
central du Parti" give a policy line (knv:policy-line): an issuer and no number. Later mentions
of the same number ("Nghị quyết số 02 của Thành ủy") are the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.dates import DateMention
from kg.extract.organizations import OrgMention
from kg.extract.spans import WINDOW, ByPosition, sentence_at
from kg.extract.text import Sentence
from kg.extract.unit_types import PROVINCE_TYPES
from kg.vietnamese import slugify

_NUMBERED = re.compile(
    r"(?P<type>Chỉ thị|Nghị quyết|directive|résolution|resolution|Công văn|Quyết định|Kế hoạch|Thông báo"
    r"|official letter|official dispatch|dispatch|decision|décision|lettre officielle|plan)\s+"
    r"(?P<cue>(?:số|n°|no\.?|numéro|number)\s*)?(?P<number>\d+(?:[-/][\wĐđ]+|\s?[-/]\s?[A-ZĐ]{2,}(?![\w]))*)",
    re.I,
)
_TYPES = {
    "chỉ thị": "directive",
    "directive": "directive",
    "nghị quyết": "resolution",
    "résolution": "resolution",
    "resolution": "resolution",
    "công văn": "official-letter",
    "official letter": "official-letter",
    "official dispatch": "official-letter",
    "dispatch": "official-letter",
    "lettre officielle": "official-letter",
    "quyết định": "decision",
    "decision": "decision",
    "décision": "decision",
    "kế hoạch": "plan",
    "plan": "plan",
    "thông báo": "notice",
}
# Words that also name things other than documents ("kế hoạch 2025", "decision 2"): a number
# cue ("số", "No.") or a date right after the number is needed.
_NEEDS_CUE = {"kế hoạch", "thông báo", "decision", "décision", "quyết định", "dispatch", "plan"}
# A document's number with its type and issuer's abbreviations: "145/KH-UBND", "16-CT/TU".
_SIGNED = re.compile(r"\d[-/](?:[A-ZĐ]{1,4}[-/])?[A-ZĐ]{2,}")
# The project's policy types are directive, resolution and policy line: other numbered documents
# are policy lines with their number (as the curators record them).
POLICY_TYPES = {"directive": "directive", "resolution": "resolution"}
_LINE_AFTER = re.compile(r"(?:chủ trương|politique|policy)\s+(?:của|du|de la|of the|of)\s+", re.I)
_LINE_BEFORE = re.compile(r"\s+(?:cũng\s+)?(?:đã\s+)?có chủ trương\b", re.I)
_ISSUE_VERB = re.compile(r"\s+(?:đã\s+|vừa\s+)?(?:ban hành|ra|thông qua|a adopté|a publié|issued|adopted)\s+$", re.I)


@dataclass(eq=False)
class Policy:
    kind: str  # directive, resolution, policy-line
    number: str | None
    issuer: OrgMention | None
    start: int
    end: int
    title: str  # the words the article uses for it
    issued: DateMention | None = None
    evidence: list = field(default_factory=list)
    confidence: float = 0.8
    start_date: DateMention | None = None  # "triển khai ngay từ ngày 1/8"
    content: str = ""  # a policy line's words after its issuer

    @property
    def policy_type(self) -> str:
        return POLICY_TYPES.get(self.kind, "policy-line")

    @property
    def key(self) -> str:
        issuer = self.issuer.key if self.issuer is not None and self.issuer.key else None
        what = slugify(self.number) if self.number else slugify(" ".join(self.content.split()[:6]) or "policy")
        return f"{issuer}-{what}" if issuer else what


def _sentence(sentences: list[Sentence], pos: int) -> Sentence:
    return sentence_at(sentences, pos) or Sentence(pos, pos, "")


def _org_starting(orgs, pos: int, slack: int = 1) -> OrgMention | None:
    return next((o for o in orgs if 0 <= o.start - pos <= slack and o.key), None)


def _org_ending(orgs, pos: int) -> OrgMention | None:
    return next((o for o in orgs if 0 <= pos - o.end <= 1 and o.key), None)


def find_policies(
    text: str, sentences: list[Sentence], orgs: list[OrgMention], dates: list[DateMention]
) -> list[Policy]:
    found: list[Policy] = []
    by_start, by_end = ByPosition(dates, key=lambda d: d.start), ByPosition(dates, key=lambda d: d.end)
    for match in _NUMBERED.finditer(text):
        kind = _TYPES[match["type"].lower()]
        number = re.sub(r"\s+", "", match["number"])  # "57- NQ/TU" is "57-NQ/TU"
        if (
            match["type"].lower() in _NEEDS_CUE
            and not match["cue"]
            and not re.match(r"\s+(?:ngày|du|dated|of)\s+\d", text[match.end() : match.end() + 20], re.I)
            and not _SIGNED.search(number)  # "Kế hoạch 145/KH-UBND": the number says it
        ):
            continue
        sentence = _sentence(sentences, match.start())
        end, issued, issuer = match.end(), None, None
        # "Nghị quyết số 02 ngày 29/7/2025": a date right after the number is the issue date.
        date_after = next(
            (
                d
                for d in by_start.between(end + 1, end + WINDOW)
                if not d.relative and re.fullmatch(r"\s+(?:(?:ngày|du|dated|of)\s+)?", text[end : d.start], re.I)
            ),
            None,
        )
        if date_after:
            issued, end = date_after, date_after.end
        of = re.match(r"\s+(?:của|du|de la|of the|of)\s+", text[end : end + WINDOW], re.I)
        if of:
            issuer = _org_starting(orgs, end + of.end())
        before = _ISSUE_VERB.search(text, sentence.start, match.start())
        if issuer is None and before:
            issuer = _org_ending(orgs, before.start())
        if issued is None and before:
            issued = next(
                (d for d in by_start.between(sentence.start, match.start()) if not d.relative and d.range_role == ""),
                None,
            )
        if issued is None:  # "ngày 5/9/2025, Nghị quyết số 11-NQ/TU ..."
            issued = next(
                (
                    d
                    for d in by_end.between(match.start() - WINDOW, match.start() + 1)
                    if not d.relative and re.fullmatch(r"\s*,?\s*", text[d.end : match.start()])
                ),
                None,
            )
        if issuer is None:  # "Công văn số 389/UBND-VX", "Chỉ thị 16-CT/TU": the number says who
            issuer = issuer_of_number(number, orgs, match.start())
        title = re.match(r"[^.;\n]*", text[match.start() : sentence.end]).group().strip()
        if issuer is not None:
            end = max(end, issuer.end)
        found.append(
            Policy(
                kind,
                number,
                issuer,
                match.start(),
                end,
                title,
                issued,
                [(match.start(), end)],
                0.9 if issuer else 0.6,
            )
        )
    for match in _LINE_AFTER.finditer(text):
        issuer = _org_starting(orgs, match.end())
        if issuer is not None:
            _add_line(found, text, sentences, issuer, match.start(), issuer.end)
    for org in orgs:
        line = _LINE_BEFORE.match(text, org.end)
        if line and org.key:
            _add_line(found, text, sentences, org, org.start, line.end())
    merged = _merge(found)
    for policy in merged:
        sentence = _sentence(sentences, policy.start)
        policy.start_date = next(
            (
                d
                for d in by_start.between(policy.end, sentence.end)
                if not d.relative
                and re.search(
                    r"(?:từ|kể từ|à partir du|from)\s+(?:ngày\s+)?$", text[max(0, d.start - 16) : d.start], re.I
                )
            ),
            None,
        )
    return merged


# The issuer's abbreviation a document number ends with: "16-CT/TU" (Tỉnh ủy or a city's Thành ủy),
# "05-NQ/HU" (Huyện ủy), "389/UBND-VX", "12/KH-UBND", "08/NQ-HĐND" ("-NQ/TW" is not read: the
# Politburo, the Secretariat and the Central Committee share it). Its unit is that of the same
# body the article names, the nearest before the document, else the first after it.
_NUMBER_ISSUERS = [
    (re.compile(r"[-/]TU$"), "party-committee", PROVINCE_TYPES),
    (re.compile(r"[-/]HU$"), "party-committee", frozenset({"huyen"})),
    (re.compile(r"[-/]UBND(?:[-/]|$)"), "peoples-committee", None),
    (re.compile(r"[-/]HĐND(?:[-/]|$)"), "peoples-council", None),
]


def issuer_of_number(number: str, orgs: list[OrgMention], pos: int) -> OrgMention | None:
    for pattern, kind, types in _NUMBER_ISSUERS:
        if not pattern.search(number.upper()):
            continue
        same = [
            o
            for o in orgs
            if o.kind == kind and o.unit is not None and (types is None or getattr(o.unit, "unit_type", "") in types)
        ]
        before = [o for o in same if o.start < pos]
        return before[-1] if before else (same[0] if same else None)
    return None


def _add_line(found, text, sentences, issuer: OrgMention, start: int, end: int) -> None:
    sentence = _sentence(sentences, start)
    content = re.match(r"[^.;\n]*", text[end : sentence.end]).group().strip(" ,:")
    title = text[start:end].strip() + (" " + content if content else "")
    found.append(Policy("policy-line", None, issuer, start, end, title, None, [(start, end)], 0.6, content=content))


def _merge(found: list[Policy]) -> list[Policy]:
    """One policy per (type, number): a mention without issuer joins the one that has it."""
    merged: list[Policy] = []
    for policy in sorted(found, key=lambda p: (p.issuer is None, p.start)):
        same = next(
            (
                m
                for m in merged
                if m.kind == policy.kind
                and policy.number
                and m.number == policy.number
                and (policy.issuer is None or m.issuer is None or m.issuer.key == policy.issuer.key)
            ),
            None,
        )
        if policy.kind == "policy-line":
            same = next((m for m in merged if m.kind == "policy-line" and m.issuer.key == policy.issuer.key), None)
        if same is None:
            merged.append(policy)
            continue
        same.evidence += policy.evidence
        same.issuer = same.issuer or policy.issuer
        same.issued = same.issued or policy.issued
        if policy.start < same.start and len(policy.title) >= len(same.title):
            same.title = policy.title
        same.confidence = max(same.confidence, policy.confidence)
    return sorted(merged, key=lambda p: p.start)
