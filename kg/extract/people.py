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
import dataclasses
import re
from dataclasses import dataclass, field

from kg.extract.organizations import OrgMention, OrganizationFinder, HEAD_TYPES
from kg.extract.person_names import HONORIFIC, NameSpan, after_place, is_surname, name_words
from kg.extract.unit_mentions import UnitMention
from kg.extract.unit_types import COMMUNE_TYPES
from kg.extract.lexicon import Lexicon, lexicon
from kg.extract.spans import WINDOW, Coverage
from kg.vietnamese import fold


ROLES = [
    (r"Phó Bí thư(?: Thường trực| Thường(?= (?:Tỉnh|Thành|Huyện|Quận|Thị) (?:ủy|uỷ)))?", "deputy-secretary"),
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
    (r"vice-présidente?(?: permanente?)?", "vice-chairman"),
    (r"présidente?", "chairman"),
    (r"chef(?= du bureau| de cabinet| du cabinet)", "chief-of-office"),
    (r"membre(?= du [Cc]omité)", "committee-member"),
    (r"Deputy Secretary|Vice Secretary", "deputy-secretary"),
    (r"Secretary", "secretary"),
    (r"Vice[- ]Chair(?:man|woman|person)|Vice[- ]President", "vice-chairman"),
    (r"Chair(?:man|woman|person)|President", "chairman"),
    (r"(?<=Party )[Cc]hief", "secretary"),  # "Nghe An Provincial Party chief NAME"
    (r"Chief(?= of (?:the )?Office)", "chief-of-office"),
    (r"[Mm]ember(?= of the)", "committee-member"),
]
_ROLE_RE = re.compile("|".join(f"(?P<r{i}>(?<![\\w-]){p}(?![\\w]))" for i, (p, _) in enumerate(ROLES)), re.I)
# The same roles without the word boundary before them, which every alternative repeated and
# which kept the engine from skipping ahead: the boundary is tested once per match (_roles_in).
_ROLE_BODY_RE = re.compile("|".join(f"(?P<r{i}>{p}(?![\\w]))" for i, (p, _) in enumerate(ROLES)), re.I)
_WORD_CHAR = re.compile(r"[\w-]")


def _roles_in(text: str):
    """The matches _ROLE_RE.finditer would give, found faster (docs/performance-history.md)."""
    pos = 0
    while (match := _ROLE_BODY_RE.search(text, pos)) is not None:
        if match.start() > 0 and _WORD_CHAR.match(text, match.start() - 1):
            pos = match.start() + 1  # not a word's start: the next position may begin a role
            continue
        yield match
        pos = match.end()


# "nguyên Bí thư Tỉnh ủy", "cựu Chủ tịch", "former Chairman", "l'ancien président": a post the
# person no longer holds (the curators note it, they do not record it as a post).
_FORMER = re.compile(r"(?<![\w])(?:nguyên|cựu|former|ex-|ancien(?:ne)?|l'ancien(?:ne)?)\s*$", re.I)
_MEMBER = re.compile(r"(?:(?:Ủy|Uỷ) viên(?: dự khuyết)?|UV|[Mm]ember of(?: the)?|membre du)\s+$")
_COMMUNE_CHAIR = re.compile(r",\s*(?:Phó )?Chủ tịch (?:UBND|HĐND) (?:xã|phường|đặc khu|thị trấn)\b")
_SPOKEN = {
    "secretary": "party-committee",
    "deputy-secretary": "party-committee",
    "chairman": "peoples-committee",
    "vice-chairman": "peoples-committee",
}
_EN_ROLE = re.compile(r"(?:Deputy |Vice[- ])?(?:Secretary|Chair(?:man|woman|person)|President|[Cc]hief)")
_TO_ORG = re.compile(r"\s*(?:(?:du|de la|de l'|des|of the|of)\s+)?", re.I)
# Titles the extractor has no role or body for ("Ủy viên Trung ương Đảng", "Trưởng Ban Tuyên giáo
# Tỉnh ủy", "Tổng Biên tập báo X", "Trưởng đoàn ĐBQH tỉnh"): skipped inside a list of posts, so
# that the posts after them still belong to the name before them.
_TITLE = (
    r"(?:nguyên |Nguyên )?(?:Phó |Vice[- ]|Deputy )?(?:Ủy viên|Uỷ viên|Trưởng|Chủ nhiệm|Tổng Biên tập|Giám đốc|"
    r"Đại biểu|Bộ trưởng|Thứ trưởng|Tổng Thư ký|Chánh|Chủ tịch|Bí thư|Head|Director|Editor|Member|Minister|"
    r"membre|chef|directeur|rédacteur|député)"
)
_TITLE_RE = re.compile(rf"{_TITLE}(?![\w])")
_SKIPPED = rf"(?:{_TITLE})(?![\w])[^,;.:()\n–]{{0,80}}?"
_SEP = r"\s*(?:[,–]|-(?!\w)|và|et|and|kiêm|cum)?\s*(?:,\s*)?"
_LIST_GAP = re.compile(rf"{_SEP}(?:{_SKIPPED}\s*,\s*)*", re.I)
_TAIL = re.compile(rf"(?:\s*[,–-]\s*{_TITLE}(?![\w])[^,;.:()\n–]{{0,80}})+", re.I)
# Between a name and its first post: "NAME, ", "NAME - ", "NAME (thứ hai từ trái sang), ",
# then any titles the extractor skips.
_NAME_GAP = re.compile(rf"\s*(?:\([^()\n]{{0,60}}\)\s*)?[-–,:(]?\s*(?:{_SKIPPED}\s*[,–-]\s*)*", re.I)

# A heading of a list: "• Phường X:", "- Xã Y (huyện Z):" at the start of a line.
_BULLET = re.compile(r"[ \t]*(?:[•·+*▪●◦-]|–|\d{1,2}[.)])?[ \t]*")
_BULLETED = re.compile(r"[ \t]*(?:[•·+*▪●◦-]|–)[ \t]*\S")
_HEADING_FROM = re.compile(r"(?:Về phía|Phía|Đại diện|Đoàn)\s+", re.I)
_HEADING_END = re.compile(
    r"[ \t]*(?:\([^()\n]{0,60}\)[ \t]*)?(?:(?:gồm|có)(?:[ \t]+(?:các[ \t]+)?(?:đồng chí|ông,? bà|ông|bà))?[ \t]*)?:"
)


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


def reserve_names(text: str) -> list[NameSpan]:
    """Personal names, found before units so that "ông Hoàng Sơn Trà" is not read as the ward
    Sơn Trà: after an honorific, or starting with a surname right before or after a post."""
    found = []
    named = Coverage(len(text))
    for match in HONORIFIC.finditer(text):
        words = name_words(text, match.end())
        if len(words) >= 2:
            found.append(NameSpan(words[0][0], words[-1][1], text[words[0][0] : words[-1][1]], True))
            named.add(words[0][0], words[-1][1])
    for match in re.finditer(r"(?<![\w'’])[^\W\d_][\w'’]*", text):
        if not is_surname(match.group()) or not match.group()[0].isupper():
            continue
        if named.covers(match.start()):
            continue
        words = name_words(text, match.start())
        before = text[max(0, match.start() - 60) : match.start()]
        clause = re.search(r"[^.;:]*$", before)
        role_before = clause and _ROLE_RE.search(clause.group())
        if role_before:
            words = after_place(text, words)
        if not 2 <= len(words) <= 5:
            continue
        start, end = words[0][0], words[-1][1]
        after = re.match(
            r"\s*(?:\([^()\n]{0,60}\)\s*)?[-–,(]\s*(?:(?:nguyên|cựu|former|ancien(?:ne)?)\s+)?",
            text[end : end + WINDOW],
            re.I,
        )
        if _alone_on_its_line(text, start, end):  # a signature: the name, then its posts on the next line
            after = re.match(r"[ \t]*\n\s*", text[end : end + WINDOW]) or after
        role_after = after and (_ROLE_RE.match(text, end + after.end()) or _TITLE_RE.match(text, end + after.end()))
        if role_before and not role_after and lexicon().lookup(text[start:end]):
            continue  # "Bí thư Huyện ủy Đô Lương": the place of the committee, not a person
        if role_after or role_before:
            found.append(NameSpan(start, end, text[start:end], False))
            named.add(match.start(), end)
    return sorted(found, key=lambda n: n.start)


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    """ "Võ Văn A⏎Bí thư Tỉnh ủy X": an author's signature names the author alone on a line."""
    return (start == 0 or text[start - 1] == "\n") and bool(re.match(r"[ \t]*\n", text[end : end + 3]))


class PeopleFinder:
    def __init__(self, text: str, names: list[NameSpan], orgs: list[OrgMention], org_finder: OrganizationFinder):
        self.text, self.names, self.orgs, self.org_finder = text, names, orgs, org_finder
        self.people: dict[str, Person] = {}
        self.posts: list[Post] = []
        self._name_starts = [n.start for n in names]
        self._org_starting: dict[int, OrgMention] = {}
        self._list_only: set[int] = set()  # bodies whose unit only another post of the list may give
        self._linked_at: dict[int, UnitMention] | None = None  # linked unit mentions by their start
        for org in orgs:
            self._org_starting.setdefault(org.start, org)

    def find(self) -> tuple[list[Person], list[Post]]:
        roles = []
        for m in _roles_in(self.text):
            former = _FORMER.search(self.text, max(0, m.start() - 12), m.start())
            # A former post starts at its "nguyên": the gap to the name before it stays a list's.
            start = former.start() if former else m.start()
            roles.append((start, m.end(), ROLES[int((m.lastgroup or "r0")[1:])][1], former is not None))
        i = 0
        while i < len(roles):
            chain, i = self._post_list(roles, i)
            if chain:
                self._attach(chain)
        return list(self.people.values()), self.posts

    def _org_after(self, role_start: int, role_end: int, role: str) -> OrgMention | None:
        found = self._body_after(role_start, role_end, role)
        if (
            found is not None
            and found.kind == "party-committee"
            and re.fullmatch(r"UV\s?BTV", self.text[role_start:role_end], re.I)
        ):
            found = dataclasses.replace(found, kind="standing-board")  # "UVBTV Tỉnh ủy": its Standing Board
        return found

    def _standing_board(self, pos: int) -> OrgMention | None:
        """ "Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy": a Standing Board written
        without its committee is that of the committee the rest of the list names."""
        board = re.match(r"(?:Ban Thường vụ|BTV)(?![\w])", self.text[pos : pos + WINDOW], re.I)
        if board is None:
            return None
        end = pos + board.end()
        rest = re.match(r"[^;.\n]{0,120}", self.text[end : end + WINDOW]).group()
        committee = next(
            (o for o in self.orgs if o.kind == "party-committee" and end < o.start <= end + len(rest)), None
        )
        if committee is None:
            return None
        org = OrgMention(
            pos, end, self.text[pos:end], "standing-board", committee.unit, types=committee.types, confidence=0.7
        )
        if org.unit is None:
            self.org_finder.resolve_unnamed(org)
        return org

    def _body_before(self, pos: int) -> OrgMention | None:
        """English order: "Nghe An Provincial People's Committee Chairman NAME", "Da Nang Party
        Committee Secretary NAME", "Nghe An Provincial Party Secretary NAME"."""
        if self.text[pos - 1 : pos] != " ":
            return None
        org = next((o for o in self.orgs if o.end == pos - 1), None)
        if org is not None:
            return org
        party = re.search(r"(?:(?:Provincial|City|Municipal|District|Commune|Ward) )?Party $", self.text[:pos][-40:])
        if party is None:
            return None
        start = pos - len(self.text[:pos][-40:]) + party.start()
        unit = next((m for m in self.org_finder.linked if 0 <= start - m.end <= 1), None)
        if unit is None:
            return None
        org = OrgMention(unit.evidence_start, pos - 1, self.text[unit.evidence_start : pos - 1], "party-committee")
        org.unit, org.named, org.confidence = unit.unit, True, min(0.9, unit.confidence)
        return org

    def _spoken_body(self, pos: int, role: str) -> OrgMention | None:
        """ "Bí thư tỉnh X", "Chủ tịch xã Y": a secretary of the unit is in its Party Committee, a
        chairman in its People's Committee (how people speak of them)."""
        english = self.text[pos - 3 : pos] == "of " and re.match(r"[A-Z]", self.text[pos : pos + 1])
        if not english and not re.match(
            r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn) [A-ZĐÀ-Ỹ]", self.text[pos : pos + 12]
        ):
            return None  # "Chủ tịch xã Y", "chairman of HCM City NAME"
        unit = next(
            (m for m in self.org_finder.linked if m.evidence_start == pos and (english or m.type_start >= 0)), None
        )
        if unit is None:
            return None
        org = OrgMention(pos, unit.end, self.text[pos : unit.end], _SPOKEN[role], unit.unit, named=True)
        org.confidence = min(0.8, unit.confidence)
        return org

    def _body_after(self, role_start: int, role_end: int, role: str) -> OrgMention | None:
        if role == "committee-member" and re.search(
            r"(?:Tỉnh|Thành|Huyện|Quận|Thị) (?:ủy|uỷ) viên$", self.text[role_start:role_end], re.I
        ):
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
        adjective = re.match(r"(?:provincial|municipal|city|district) (?=People)", self.text[pos : pos + 20], re.I)
        if found is None and adjective:  # "Chairman of the provincial People's Committee of X"
            found = self._org_starting.get(pos + adjective.end())
        if found is None and _EN_ROLE.fullmatch(self.text[role_start:role_end]):
            found = self._body_before(role_start)
        if found is None and role == "committee-member":
            found = self._standing_board(pos)
        if found is None and role in _SPOKEN:
            found = self._spoken_body(pos, role)
        bare = re.match(r"Đảng (?:ủy|uỷ)(?=\s*(?:[,;.]|và\b|$)|[ \t]*\n)", self.text[pos : pos + 12])
        named_after = re.match(r"Đảng (?:ủy|uỷ)(?= )", self.text[pos : pos + 12])
        if bare is None and named_after and self._name_at(pos + named_after.end() + 1):
            bare = named_after  # "Bí thư Đảng ủy NAME": the name right after the bare body
        if found is None and bare and role != "committee-member":
            # "Bí thư Đảng ủy, Chủ tịch UBND xã X": the committee of the commune the list names
            found = OrgMention(pos, pos + bare.end(), bare.group(), "party-committee", types=COMMUNE_TYPES)
            found.confidence = 0.8
            self._list_only.add(id(found))
        elif found is None and role in ("secretary", "deputy-secretary") and _COMMUNE_CHAIR.match(self.text, role_end):
            # "Phó Bí thư, Chủ tịch UBND phường": the Party Committee of the commune of the chair
            found = OrgMention(role_start, role_end, "Đảng ủy", "party-committee", types=COMMUNE_TYPES)
            found.confidence = 0.8
            self._list_only.add(id(found))
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
                self.orgs.remove(inside)  # not a body of its own: the standing members are not named
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

    def _name_at(self, pos: int) -> bool:
        index = bisect.bisect_left(self._name_starts, pos)
        return index < len(self.names) and self.names[index].start == pos

    def _post_list(self, roles, i):
        """Consecutive posts of one person: [(role, org, start, end)], and the next role index."""
        chain = []
        while i < len(roles):
            start, end, role, former = roles[i]
            if chain and not _LIST_GAP.fullmatch(self.text[chain[-1][3] : start]):
                break
            org = self._org_after(start, end, role)
            i += 1
            if org is None:  # a title of no known body: the list may go on after it
                continue
            chain.append((role, org, start, max(end, org.end), former))
        return chain, i

    def _attach(self, chain) -> None:
        first_start, last_end = chain[0][2], chain[-1][3]
        person, name_start, honorific = self._person_before(first_start)
        if person is None:
            person, name_end = self._person_after(last_end, foreign=chain[-1][1].kind == "foreign-council")
            if person is None:
                return
            span = (first_start, name_end)
        else:
            span = (name_start, last_end)
        named = [(org.unit, org.confidence) for _, org, _, _, _ in chain if org.unit is not None and org.named]
        named += [(unit, 0.8) for unit in self._units_in_tail(last_end)]
        named += [(unit, 0.8) for unit in self._heading_units(first_start)]
        # "Tỉnh ủy viên, Bí thư Huyện ủy X, tỉnh Y": a province's body of the list is that of its district
        named += [
            (p, round(c * 0.9, 2)) for u, c in named if u.level != "province" for p in [Lexicon.province_of(u)] if p
        ]
        # Bodies the list names without a unit last: "Bí thư Đảng ủy, Chủ tịch HĐND phường" takes
        # the commune the article's "HĐND phường" was resolved to.
        for role, org, _, _, former in sorted(chain, key=lambda c: id(c[1]) in self._list_only):
            if id(org) in self._list_only:
                named += [
                    (o.unit, o.confidence) for _, o, *_ in chain if o.unit is not None and id(o) not in self._list_only
                ]
            if former:
                continue  # "nguyên Bí thư Tỉnh ủy": no longer the person's post
            if org.kind == "national" and role == "committee-member":
                continue  # membership of the Central Committee: not a post the curators record
            if org.unit is None or not org.named:  # take the unit the list names
                match = next(((unit, c) for unit, c in named if unit.unit_type in org.types), None)
                if match is not None:
                    org.unit, org.confidence = match[0], round(match[1] * 0.95, 2)
                elif org.unit is None and id(org) not in self._list_only:
                    self.org_finder.resolve_unnamed(org)
            if org.unit is None and org.kind not in ("national", "national-assembly", "foreign-council"):
                continue
            if org not in self.orgs:
                self.orgs.append(org)
            confidence = round(min(0.9, org.confidence) * (0.95 if honorific else 0.85), 2)
            post = Post(person, role, org, span[0], span[1], confidence)
            if not any(p.person is person and p.role == role and p.org.key == org.key for p in self.posts):
                self.posts.append(post)

    def _units_in_tail(self, pos: int) -> list:
        """The units named by the titles that end a list of posts: "Phó Bí thư Tỉnh ủy, Chủ tịch
        UBND tỉnh, Trưởng Đoàn ĐBQH tỉnh X" names the province of the posts before it."""
        tail = _TAIL.match(self.text, pos)
        if tail is None or tail.end() == pos:
            return []
        return [m.unit for m in self.org_finder.linked if pos <= m.start < tail.end()]

    def _heading_units(self, pos: int) -> list:
        """ "• Phường X: ông A – Phó Bí thư Đảng ủy; bà B – Chủ tịch UBND": the bodies of posts
        listed under a heading that names a unit (on their line, or alone on a line above the
        bulleted lines of the list) are that unit's."""
        line_start = self.text.rfind("\n", 0, pos) + 1
        found = self._heading_at(line_start, pos)
        # Up over the bulleted lines of the list (a few: a heading names the posts right under it).
        for _ in range(12):
            if found is not None or line_start == 0 or not _BULLETED.match(self.text, line_start):
                break
            line_start = self.text.rfind("\n", 0, line_start - 1) + 1
            line_end = self.text.find("\n", line_start)
            found = self._heading_at(line_start, line_end, alone=True)
        return [found.unit] if found is not None else []

    def _heading_at(self, line_start: int, end: int, alone: bool = False):
        bullet = _BULLET.match(self.text, line_start)
        start = bullet.end() if bullet else line_start
        side = _HEADING_FROM.match(self.text, start)  # "• Về phía phường X:"
        start = side.end() if side else start
        if self._linked_at is None:
            self._linked_at = {}
            for m in self.org_finder.linked:
                self._linked_at.setdefault(m.evidence_start, m)
        unit = self._linked_at.get(start)
        if unit is None or unit.end > end:
            return None
        colon = _HEADING_END.match(self.text, unit.evidence_end)
        if colon is None or (alone and colon.end() < end and self.text[colon.end() : end].strip()):
            return None
        return unit

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
            if _NAME_GAP.fullmatch(gap):
                return self._person(name), name.start, name.honorific
            if re.search(r"\w", gap):
                break
        return None, -1, False

    def _person_after(self, pos: int, foreign: bool = False):
        # "Secretary of the Party Committee of Quang Nam province NAME": the unit's type word
        typed = re.match(
            r"\s+(?i:province|city|district|commune|ward|town|provincial|municipal)\b", self.text[pos : pos + 12]
        )
        pos += typed.end() if typed else 0
        parent = re.match(r"\s*,\s*(?=(?:tỉnh|thành phố|huyện|quận|thị xã) )", self.text[pos : pos + 16])
        unit = parent and next((m for m in self.org_finder.linked if m.evidence_start == pos + parent.end()), None)
        if unit is not None:  # "UBND thành phố X, tỉnh Y NAME": the parent written before the name
            pos = unit.end
        # "..., NAME", "... - NAME", "UBND xã X (huyện Y) NAME": a bracket or a dash before the name
        gap = re.match(r"\s*(?:\([^()\n]{0,60}\)\s*)?(?P<sep>[,:–]|-(?!\w))?\s*", self.text[pos : pos + WINDOW])
        start = pos + gap.end()
        honorific = HONORIFIC.match(self.text, start)  # "..., M. Pham Van Tuan, a offert"
        start = honorific.end() if honorific else start
        words = name_words(self.text, start)
        if foreign and 2 <= len(words) <= 3:  # a name abroad: no Vietnamese surname to expect
            return self._person((start, words[-1][1])), words[-1][1]
        if 2 <= len(words) <= 5 and is_surname(self.text[words[0][0] : words[0][1]]):
            loose = gap.group("sep") not in (None, ",") or "(" in gap.group()
            if loose and not honorific and lexicon().lookup(self.text[start : words[-1][1]]):
                return None, -1  # "Bí thư Tỉnh ủy Nghệ An - Hà Tĩnh": a place, not a person
            return self._person((start, words[-1][1])), words[-1][1]
        return None, -1


def find_people(
    text: str, names: list[NameSpan], orgs: list[OrgMention], org_finder: OrganizationFinder
) -> tuple[list[Person], list[Post]]:
    found = PeopleFinder(text, names, orgs, org_finder).find()
    # "Ủy viên Trung ương Đảng": membership of the Central Committee is not a post the curators
    # record, nor is the committee, when only that membership names it.
    orgs[:] = [o for o in orgs if not (o.kind == "national" and _MEMBER.search(text, max(0, o.start - 30), o.start))]
    return found
