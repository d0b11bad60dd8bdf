"""People and their posts: "ông Lê Văn Hường - Bí thư Huyện ủy Nam Giang", "đồng chí Nguyễn Thị
Xuân Thu - Phó Bí thư Tỉnh ủy tỉnh Thanh Hóa", "le camarade Le Dinh Hai, secrétaire du Comité du
Parti du district...", "Bí thư Thành ủy Nguyễn Văn Quảng" (the post before the name).

A post is a role (knv:Role) in an organization. Several posts may follow one name ("Tỉnh ủy viên,
Chánh Văn phòng Tỉnh ủy Quảng Nam"); an organization written there without its unit takes the
unit another post of the same list names ("secrétaire du Comité du Parti du district, président
du Conseil populaire du district de Tho Xuan"). One person per name per article: people are never
merged across articles, and a name without any post is not proposed.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from kg.extract.organizations import OrgMention, OrganizationFinder, HEAD_TYPES
from kg.extract.units import name_run
from kg.extract.lexicon import lexicon
from kg.extract.spans import WINDOW, Coverage
from kg.vietnamese import fold, strip_diacritics

HONORIFIC = re.compile(
    r"(?<![\w])(?:ông|bà|anh|chị|đồng chí|đ/c|cô|thầy|le camarade|la camarade|camarade|M\.|Mme|"
    r"Monsieur|Madame|Mr\.?|Mrs\.?|Ms\.?|Comrade)\s+",
    re.I,
)
# Common Vietnamese family names, with their diacritics: "Đô" (of Đô Lương) is not "Đỗ".
SURNAMES_VI = set(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh mạc lương trương "
    "đào đoàn vương trịnh cao lâm mai tạ tô hà chu kiều thái châu triệu lưu quách phùng lại khúc "
    "tăng nông lò thạch kim âu giang tống la lữ hứa".split()
)
SURNAMES = {fold(name) for name in SURNAMES_VI}  # for names written without diacritics


@functools.lru_cache(maxsize=65536)
def is_surname(word: str) -> bool:
    if word != strip_diacritics(word):
        return word.casefold() in SURNAMES_VI
    return fold(word) in SURNAMES


# Capitalised words that are never part of a personal name.
_NOT_NAME = {
    w.casefold()
    for w in (
        "Đảng Ban UBND HĐND Tỉnh Huyện Xã Phường Quận Comité Conseil Parti District Province "
        "Commune Bí Phó Chủ Chánh Secrétaire Président Văn_phòng Party People's Committee Council"
    ).split()
}

ROLES = [
    (r"Phó Bí thư(?: Thường trực)?", "deputy-secretary"),
    (r"Bí thư", "secretary"),
    (r"Phó Chủ tịch(?: Thường trực)?", "vice-chairman"),
    (r"Chủ tịch", "chairman"),
    (r"Chánh(?= Văn phòng)", "chief-of-office"),
    (r"(?:Tỉnh|Thành|Huyện|Quận|Thị) (?:ủy|uỷ) viên", "committee-member"),
    (r"(?:Ủy|Uỷ) viên(?= Ban Thường vụ| Ban Chấp hành)", "committee-member"),
    # Abbreviations of lists of officials: "PBT TT Huyện ủy", "PCT UBND huyện", "UVBTV Huyện ủy".
    (r"PBT(?:\s*(?:TT|Thường trực))?(?= [A-ZĐÀ-Ỹ])", "deputy-secretary"),
    (r"PCT(?:\s*(?:TT|Thường trực))?(?= [A-ZĐÀ-Ỹ])", "vice-chairman"),
    (r"CT(?= (?:UBND|HĐND|UBMTTQ|MTTQ|Ủy ban|Hội đồng))", "chairman"),
    (r"BT(?= (?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng) ?(?:ủy|uỷ))", "secretary"),
    (r"UV\s?BTV|TUV|HUV", "committee-member"),
    (r"secrétaire adjointe?|vice-secrétaire", "deputy-secretary"),
    (r"secrétaire", "secretary"),
    (r"vice-présidente?", "vice-chairman"),
    (r"présidente?", "chairman"),
    (r"chef(?= du bureau| de cabinet| du cabinet)", "chief-of-office"),
    (r"membre(?= du [Cc]omité)", "committee-member"),
    (r"Deputy Secretary|Vice Secretary", "deputy-secretary"),
    (r"Secretary", "secretary"),
    (r"Vice[- ]Chair(?:man|woman)|Vice[- ]President", "vice-chairman"),
    (r"Chair(?:man|woman)|President", "chairman"),
    (r"Chief(?= of (?:the )?Office)", "chief-of-office"),
    (r"[Mm]ember(?= of the)", "committee-member"),
]
_ROLE_RE = re.compile("|".join(f"(?P<r{i}>(?<![\\w-]){p}(?![\\w]))" for i, (p, _) in enumerate(ROLES)), re.I)
_TO_ORG = re.compile(r"\s*(?:(?:du|de la|de l'|des|of the|of)\s+)?", re.I)
_LIST_GAP = re.compile(r"\s*(?:,|và|et|and)?\s*(?:,\s*)?", re.I)


@dataclass
class NameSpan:
    start: int
    end: int
    text: str
    honorific: bool


@dataclass(eq=False)
class Person:
    name: str
    key: str  # folded name
    spans: list = field(default_factory=list)  # (start, end) of each mention


@dataclass(eq=False)
class Post:
    person: Person
    role: str
    org: OrgMention
    start: int  # evidence: the name and the post
    end: int
    confidence: float


def _name_words(text: str, pos: int) -> list[tuple[int, int]]:
    words = []
    for span in name_run(text, pos, max_words=6):
        if text[span[0] : span[1]].casefold() in _NOT_NAME:
            break
        words.append(span)
    return words


def reserve_names(text: str) -> list[NameSpan]:
    """Personal names, found before units so that "ông Hoàng Sơn Trà" is not read as the ward
    Sơn Trà: after an honorific, or starting with a surname right before or after a post."""
    found = []
    named = Coverage(len(text))
    for match in HONORIFIC.finditer(text):
        words = _name_words(text, match.end())
        if len(words) >= 2:
            found.append(NameSpan(words[0][0], words[-1][1], text[words[0][0] : words[-1][1]], True))
            named.add(words[0][0], words[-1][1])
    for match in re.finditer(r"(?<![\w'’])[^\W\d_][\w'’]*", text):
        if not is_surname(match.group()) or not match.group()[0].isupper():
            continue
        if named.covers(match.start()):
            continue
        words = _name_words(text, match.start())
        if not 2 <= len(words) <= 5:
            continue
        end = words[-1][1]
        after = re.match(r"\s*[-–,]\s*", text[end : end + WINDOW])
        before = text[max(0, match.start() - 60) : match.start()]
        role_after = after and _ROLE_RE.match(text, end + after.end())
        role_before = re.search(r"[^.;:]*$", before) and _ROLE_RE.search(re.search(r"[^.;:]*$", before).group())
        if role_before and not role_after and lexicon().lookup(text[match.start() : end]):
            continue  # "Bí thư Huyện ủy Đô Lương": the place of the committee, not a person
        if role_after or role_before:
            found.append(NameSpan(match.start(), end, text[match.start() : end], False))
            named.add(match.start(), end)
    return sorted(found, key=lambda n: n.start)


class PeopleFinder:
    def __init__(self, text: str, names: list[NameSpan], orgs: list[OrgMention], org_finder: OrganizationFinder):
        self.text, self.names, self.orgs, self.org_finder = text, names, orgs, org_finder
        self.people: dict[str, Person] = {}
        self.posts: list[Post] = []
        self._name_starts = [n.start for n in names]
        self._org_starting: dict[int, OrgMention] = {}
        for org in orgs:
            self._org_starting.setdefault(org.start, org)

    def find(self) -> tuple[list[Person], list[Post]]:
        roles = [(m.start(), m.end(), ROLES[int((m.lastgroup or "r0")[1:])][1]) for m in _ROLE_RE.finditer(self.text)]
        i = 0
        while i < len(roles):
            chain, i = self._post_list(roles, i)
            if chain:
                self._attach(chain)
        return list(self.people.values()), self.posts

    def _org_after(self, role_start: int, role_end: int, role: str) -> OrgMention | None:
        if role == "committee-member" and re.search(r"(?:ủy|uỷ) viên$", self.text[role_start:role_end], re.I):
            head = self.text[role_start:role_end].rsplit(" ", 1)[0].lower()
            org = OrgMention(
                role_start,
                role_end,
                self.text[role_start:role_end],
                "party-committee",
                types=frozenset(HEAD_TYPES.get(head, set())),
                confidence=0.8,
            )
            return org
        pos = _TO_ORG.match(self.text, role_end).end()
        found = self._org_starting.get(pos - 1) or self._org_starting.get(pos)
        if found is None:
            # "Phó Bí thư Thường trực Thành ủy X": the finder read "Thường trực Thành ủy X" (the
            # standing members) across the role; the post is in the committee itself.
            inside = next(
                (
                    o
                    for o in self.orgs
                    if o.kind == "standing-members" and o.unit is not None and role_start < o.start < role_end < o.end
                ),
                None,
            )
            head_match = re.match(r"Thường trực\s+", inside.surface, re.I) if inside else None
            if inside is not None and head_match:
                start = inside.start + head_match.end()
                found = OrgMention(
                    start,
                    inside.end,
                    self.text[start : inside.end],
                    "party-committee",
                    inside.unit,
                    named=inside.named,
                    confidence=inside.confidence,
                )
        return found

    def _post_list(self, roles, i):
        """Consecutive posts of one person: [(role, org, start, end)], and the next role index."""
        chain = []
        while i < len(roles):
            start, end, role = roles[i]
            if chain and not _LIST_GAP.fullmatch(self.text[chain[-1][3] : start]):
                break
            org = self._org_after(start, end, role)
            i += 1
            if org is None:
                if chain:
                    break
                continue
            chain.append((role, org, start, max(end, org.end)))
        return chain, i

    def _attach(self, chain) -> None:
        first_start, last_end = chain[0][2], chain[-1][3]
        person, name_start, honorific = self._person_before(first_start)
        if person is None:
            person, name_end = self._person_after(last_end)
            if person is None:
                return
            span = (first_start, name_end)
        else:
            span = (name_start, last_end)
        named = [org for _, org, _, _ in chain if org.unit is not None and org.named]
        for role, org, _, _ in chain:
            if org.unit is None or not org.named:  # take the unit the list names
                match = next((n for n in named if n.unit.unit_type in org.types), None)
                if match is not None:
                    org.unit, org.confidence = match.unit, round(match.confidence * 0.95, 2)
                elif org.unit is None:
                    self.org_finder.resolve_unnamed(org)
            if org.unit is None and org.kind != "national":
                continue
            if org not in self.orgs:
                self.orgs.append(org)
            confidence = round(min(0.9, org.confidence) * (0.95 if honorific else 0.85), 2)
            post = Post(person, role, org, span[0], span[1], confidence)
            if not any(p.person is person and p.role == role and p.org.key == org.key for p in self.posts):
                self.posts.append(post)

    def _person(self, name: NameSpan | tuple) -> Person:
        start, end = (name.start, name.end) if isinstance(name, NameSpan) else name
        text = self.text[start:end]
        key = fold(text)
        person = self.people.setdefault(key, Person(text, key))
        person.spans.append((start, end))
        return person

    def _person_before(self, pos: int):
        # From the nearest name back: once the gap holds a word, no earlier name can be next to pos.
        index = bisect.bisect_left(self._name_starts, pos)
        for name in reversed(self.names[max(0, index - 8) : index]):
            if name.end > pos:
                continue
            gap = self.text[name.end : pos]
            if re.fullmatch(r"\s*[-–,:]?\s*", gap):
                return self._person(name), name.start, name.honorific
            if re.search(r"\w", gap):
                break
        return None, -1, False

    def _person_after(self, pos: int):
        gap = re.match(r"\s*,?\s*", self.text[pos : pos + WINDOW])
        start = pos + gap.end()
        honorific = HONORIFIC.match(self.text, start)  # "..., M. Pham Van Tuan, a offert"
        start = honorific.end() if honorific else start
        words = _name_words(self.text, start)
        if 2 <= len(words) <= 5 and is_surname(self.text[words[0][0] : words[0][1]]):
            return self._person((start, words[-1][1])), words[-1][1]
        return None, -1


def find_people(
    text: str, names: list[NameSpan], orgs: list[OrgMention], org_finder: OrganizationFinder
) -> tuple[list[Person], list[Post]]:
    return PeopleFinder(text, names, orgs, org_finder).find()
