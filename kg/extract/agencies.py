"""Names of agencies, armed units, schools, hospitals and associations (issue 25): "Ban Dân tộc
tỉnh Quảng Nam", "Sở Lao động - Thương binh và Xã hội", "Đồn Biên phòng Ia Mơ", "Trường THCS
Nguyễn Du", "Hội Cựu chiến binh huyện X".

A name is a head word from HEADS, then name words: a capitalised word and at most one lower-case
word after it (two or three for the compounds in _LONG: "Chữ thập đỏ", "Phát triển nông thôn"),
joined by "và", a dash or a comma list closed by "và" ("Văn hóa, Thể thao và Du lịch"). It stops
at a function word or a verb (_STOP), punctuation, a unit type word and anything the caller says
starts something else (a unit, another body). The unit written after it ("tỉnh Quảng Nam") is
read by the organization finder.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from kg.extract.person_names import is_surname

# kind -> ontology class (only classes the ontology declares; it has no class for armed units,
# schools or hospitals, which stay kn:Organization).
CLASSES = {
    "agency": "GovernmentAgency",
    "armed-unit": "Organization",
    "public-service": "Organization",
    "association": "MassOrganization",
}
AGENCY_KINDS = frozenset(CLASSES)


@dataclass(frozen=True)
class Head:
    pattern: str
    kind: str
    level: str | None = None  # the level the body belongs to when no unit is written
    complete: bool = False  # a name by itself once a unit follows ("Thanh tra tỉnh")
    commune: bool = False  # may be the body of a commune ("Hội Nông dân xã X")


# Longer heads first: the alternation takes the first that matches.
HEADS = [
    Head("Bộ Chỉ huy Bộ đội Biên phòng", "armed-unit", "province", True),
    Head("Bộ Chỉ huy Quân sự", "armed-unit", "province", True),
    Head("Bộ đội Biên phòng", "armed-unit", "province", True),
    Head("Ban Chỉ huy Quân sự", "armed-unit", "district", True),
    Head("Đồn Biên phòng|Đồn BP", "armed-unit"),
    # Units of the army and of the border guard, named by a number or a name: "Đại đội Biên phòng
    # 224", "Trung đoàn 143"; the defence zones that replaced the district commands in 2025.
    Head("Ban Chỉ huy Phòng thủ khu vực|BCH Phòng thủ khu vực", "armed-unit"),
    Head("Đại đội|Tiểu đoàn|Trung đoàn|Lữ đoàn|Sư đoàn", "armed-unit"),
    Head("Liên đoàn Lao động", "association", None, True),
    Head("Tỉnh đoàn", "association", "province", True),
    Head("Huyện đoàn", "association", "district", True),
    Head("Thành đoàn", "association", "city", True),
    Head("Hội", "association", commune=True),
    Head("Kho bạc Nhà nước", "agency", None, True),
    Head("Thanh tra", "agency", None, True),
    Head("Công an", "agency", None, True),
    Head("Chi cục|Tổng cục|Cục", "agency"),
    # The people's committee of a province before 1976: "Ủy ban Hành chính tỉnh Ninh Bình".
    Head("(?:[ỦủUu]ỷ|[ỦủUu]y|Uỷ) ban [Hh]ành chính", "agency", "province", True),
    Head("Ban Dân tộc", "agency", "province", True),
    Head("Ban", "agency"),
    Head("Sở", "agency", "province"),
    # A school needs its type ("Trường Xuân", "Trường Sơn" are places; "Trường" a given name).
    Head(
        r"Trường(?= (?:Tiểu học|Trung học|THCS|THPT|TH|PTDTNT|PTDTBT|PT|Phổ thông|Mầm non|Mẫu giáo|Đại học"
        r"|Cao đẳng|Trung cấp|Dân tộc|Chính trị|Quân sự|Sĩ quan)\b)",
        "public-service",
        commune=True,
    ),
    Head("Bệnh viện|Trung tâm Y tế", "public-service"),
]
HEAD_PATTERN = "|".join(f"(?:{h.pattern})" for h in HEADS)
_HEADS = [(re.compile(rf"(?:{h.pattern})(?![\w])"), h) for h in HEADS]
# Boards of a party committee or of an event, not agencies: "Ban Thường vụ", "Ban Tổ chức giải".
_NOT_AGENCY = re.compile(
    r"Ban (?:Thường vụ|Thường trực|Chấp hành|Bí thư|Chỉ đạo|Tổ chức|Giám đốc|Giám hiệu|Giám khảo|Biên tập"
    r"|Quản trị|Công tác|Điều hành|Vận động)(?![\w])|Hội (?:nghị|đồng|Đồng|thảo|thi|diễn|trường|An)(?![\w])"
)


def head_at(text: str, pos: int) -> Head | None:
    if _NOT_AGENCY.match(text, pos):
        return None
    return next((h for pattern, h in _HEADS if pattern.match(text, pos)), None)


_TOKEN = re.compile(r"[ \t]*([^\s,;:()\[\]\"“”!?.…]+|,)")
# ", Thể thao và Du lịch": a comma inside a name only in a list that "và" closes.
_LIST_JOIN = re.compile(r",(?=(?:[ \t]+[^\W\d_][^\s,;:.]*){1,3}(?:,(?:[ \t]+[^\W\d_][^\s,;:.]*){1,3})*[ \t]+và[ \t])")
# Lower-case words that end a name: function words, the verbs that follow a subject, unit words.
_STOP = set(
    (
        "và với tại của cho cùng đã đang sẽ được bị là có không về theo trong ở từ đến các những một hai ba "
        "này đó vừa luôn thường vẫn cũng đều mà thì như để nhằm hay hoặc gồm nhận trao tặng thăm ký đi vào "
        "làm giúp năm ngày tháng khi sau trước nên rất tiếp phối tổ hỗ kết đỡ tham chỉ xây đầu đẩy tích "
        "thực tỉnh huyện xã phường thị thành quận thôn bản làng ấp đặc khu"
    ).split()
)
# Lower-case compounds of more than one word after a capitalised one ("Chữ thập đỏ").
_LONG = {
    ("thập", "đỏ"),
    ("chiến", "binh"),
    ("triển", "nông", "thôn"),
    ("học", "phổ", "thông"),
    ("học", "cơ", "sở"),
    ("tộc", "nội", "trú"),
    ("tộc", "bán", "trú"),
    ("tộc", "thiểu", "số"),
    ("hiệp", "phụ", "nữ"),
}
_PREFIX = {w[:n] for w in _LONG for n in range(1, len(w) + 1)}
_JOINERS = ("và", "-", "–", ",")


def _upper(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _tokens(text: str, pos: int, limit: int) -> list[tuple[str, int, int]]:
    found, i = [], pos
    while i - pos < limit:
        token = _TOKEN.match(text, i)
        if token is None or token.end() == i:
            break
        found.append((token.group(1), token.start(1), token.end()))
        i = token.end()
    return found


def read_name(text: str, pos: int, stops_at, people: bool = True, limit: int = 160) -> int:
    """The end of the name words from `pos` (right after the head); `pos` when there are none.
    `stops_at(i)` says that something else (a unit with its type word, a body) starts at i; with
    `people`, so does a person's name ("Giám đốc Sở Nội vụ Phan Văn B"; schools are named after
    people, agencies are not)."""
    tokens = _tokens(text, pos, limit)
    lower: list[str] = []
    end, lead, k = pos, 0, 0
    while k < len(tokens):
        word, start, stop = tokens[k]
        if stops_at(start) or head_at(text, start) is not None and end > pos:
            break
        if word in _JOINERS:
            after = tokens[k + 1] if k + 1 < len(tokens) else None
            if (
                end == pos
                or end != tokens[k - 1][2]
                or after is None
                or not _upper(after[0])
                or stops_at(after[1])
                or head_at(text, after[1]) is not None
                or (word == "," and not _LIST_JOIN.match(text, start))
            ):
                break
            k += 1
            continue
        if _upper(word):
            following = tokens[k + 1][0] if k + 1 < len(tokens) else ""
            if people and end > pos and is_surname(word) and _upper(following):
                break
            end, lower = stop, []
            k += 1
            continue
        if word.lower() in _STOP:
            break
        if end == pos:  # "Đồn Biên phòng cửa khẩu Lao Bảo": lower-case words before the name
            lead += 1
            if lead > 3:
                break
            k += 1
            continue
        lower.append(word.lower())
        if len(lower) == 1 or tuple(lower) in _LONG:
            end = stop
        if len(lower) > 1 and tuple(lower) not in _PREFIX:
            break
        if len(lower) == 1 and not any(w[0] == lower[0] for w in _LONG):
            k += 1
            if k < len(tokens) and not _upper(tokens[k][0]) and tokens[k][0] not in _JOINERS:
                break  # one lower-case word after a capitalised one, unless a compound goes on
            continue
        k += 1
    return end


# "các Đồn Biên phòng A, B, C", "3 đồn biên phòng A, B và C": one head for several bodies.
_PLURAL_BEFORE = re.compile(r"(?:các|những|\d+|hai|ba|bốn|năm)\s+$", re.I)
_NEXT_ITEM = re.compile(r"[ \t]*(?:,|và)[ \t]*(?=[^\W\d_])")


def with_listed(text: str, match, mentions: list, stops_at) -> list:
    """The body read at `match` and the bodies its plural head names after it: "các Đồn Biên
    phòng A, B và C" is three posts ("Đồn Biên phòng B", "Đồn Biên phòng C"), each of the first's
    kind and unit."""
    head = head_at(text, match.start())
    if len(mentions) != 1 or head is None or head.kind != "armed-unit":
        return mentions  # a school's or an agency's type words are not all in its head
    if not _PLURAL_BEFORE.search(text[max(0, match.start() - 8) : match.start()]):
        return mentions
    first = mentions[0]
    if first.unit is not None or first.name != text[first.start : first.end]:
        return mentions  # a body with its unit written after it: no list of names follows
    # The name words read may hold the list already ("A, B và C" reads like "Văn hóa, Thể thao và
    # Du lịch"): each item is a body.
    spans, pos = [], match.end()
    for part in re.finditer(r"(?:(?!\s*,|\s+và\s).)+", text[match.end() : first.end]):
        if part.group().strip():
            lead = len(part.group()) - len(re.sub(r"^\s*(?:và\s+)?", "", part.group()))
            spans.append((match.end() + part.start() + lead, match.end() + part.end()))
            pos = match.end() + part.end()
    while (item := _NEXT_ITEM.match(text, pos)) is not None and not stops_at(item.end()):
        end = read_name(text, item.end(), stops_at)
        if end == item.end() or not _upper(text[item.end()]):
            break
        spans.append((item.end(), end))
        pos = end
    if len(spans) < 2:
        return mentions
    found = [dataclasses.replace(first, end=spans[0][1], surface=text[first.start : spans[0][1]])]
    found[0].name = found[0].surface
    for start, end in spans[1:]:
        name = f"{match.group()} {text[start:end]}"
        found.append(dataclasses.replace(first, start=start, end=end, surface=text[start:end], name=name))
    return found
