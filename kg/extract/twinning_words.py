"""The words of twinning clauses, as regular expressions: what makes a clause a twinning
statement (TRIGGER), a plan, the lead of its object, coordination, "between", dashed pairs,
lists, counted parties, addresses and the other wordings kg.extract.twinnings reads."""

from __future__ import annotations

import re

from kg.extract.twinning_records import COOPERATION

TRIGGER = re.compile(r"kết nghĩa|đỡ đầu|jumel|parrain|twinn|\btwins?\b|sister|sponsor|" + COOPERATION.pattern, re.I)
GENERIC_BETWEEN = re.compile(r"\b(?:giữa|entre|between)\s+(?:các|những|les|des|all)\b", re.I)
PLANNED = re.compile(
    r"\b(?:theo kế hoạch|kế hoạch|sẽ|dự kiến|chuẩn bị|sắp|prévu|prévoit|sera|seront|projette"
    r"|plans? to|will|is expected|planned|is to)\b",
    re.I,
)
# An object group comes right after "với"/"avec"/"with", a sponsoring verb ("đỡ đầu xã B") or
# "kết nghĩa" used as a verb ("A kết nghĩa B", "A kết nghĩa cùng B"; not "lễ kết nghĩa A – B").
# "với 2 xã B và xã C": a count before the object group is part of the lead (else B and C read
# as a pair of their own, as photo captions write it).
OBJECT_LEAD = re.compile(
    r"\b(?:với|avec|with|đỡ đầu(?: tại)?|parraine|parrainer|sponsors?|sponsored|(?<!lễ )(?<!ký )kết nghĩa(?: tại| cùng)?"
    # "phường A kết nghĩa, hỗ trợ xã B", "kết nghĩa và giúp đỡ xã B": B is the one twinned and helped
    r"|(?<!lễ )(?<!ký )kết nghĩa(?:,|\s+và)\s+(?:hỗ trợ|giúp đỡ|đỡ đầu)"
    # "a sister city of B" (or "a sister city of" read as B's type words: "sister" is left)
    r"|(?:sister|twin)(?:[- ](?:city|cities|town|towns|province|provinces) of)?"
    # "X's twin province Y", "its sister district, Y": the possessor's twin is the object
    r"|(?:sister|twin|twinned)[- ](?:cit(?:y|ies)|towns?|provinces?|districts?|communes?|wards?|localit(?:y|ies)),?)\s+"
    r"(?:(?:các|le|la|les|l'|the)\s+)?(?:(?:\d+|hai|ba|bốn|năm|deux|trois|two|three|four)\s+"
    r"(?:(?:xã|phường|huyện|tỉnh|địa phương|communes|districts|wards|localities)\s+)?)?$",
    re.I,
)
ADDRESS = re.compile(
    r"^(?:\s*,\s*(?:(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\s+)?[A-ZÀ-ỸĐ][\w'’]*"
    r"(?:\s+[A-ZÀ-ỸĐ0-9][\w'’]*)*)+"
)
TYPED_ADDRESS = re.compile(
    r"^(?:\s*,\s*(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\s+[A-ZÀ-ỸĐ][\w'’]*(?:\s+[A-ZÀ-ỸĐ][\w'’]*)*)+"
)
# The two subjects had places of theirs twinned, not themselves: "A and B twinned their border
# villages", "A et B ont jumelé leurs hameaux", "hai tỉnh kết nghĩa cho các cụm dân cư".
THEIR_PLACES = re.compile(
    r"\b(?:twinn\w*|jumel\w*|kết nghĩa)\s+(?:their|leurs|cho các)\s+(?:\w+\s+)?"
    r"(?:villages|communes|hamlets|clusters|residential|districts|hameaux|cụm|thôn|bản|xã)",
    re.I,
)
SIGNING_AFTER = re.compile(r"^(?:The|La|Lễ)\s+(?:signing ceremony|cérémonie de signature|ký kết)\b", re.I)
OF_VIETNAM = re.compile(r"^\s*(?:,|of|in|du|au)\s+(?:Vietnam|Viet Nam|Việt Nam)\b")
RESPECTIVELY = re.compile(r"lần lượt|respectivement|respectively", re.I)
WITH = re.compile(r"\b(?:với|avec|with)\b", re.I)
BETWEEN = re.compile(
    r"\b(?:giữa|entre|between)\b(?:\s+(?:hai|2|deux|the two)\s+\w+)?\s*(?:le |la |les |l'|the )?$", re.I
)
AND = r"(?:và|et|and|cùng)"
COORDINATION = re.compile(
    rf"\s*(?:,|{AND})\s*(?:(?:với|avec|with)\s+)?(?:(?:các|le|la|les|l'|the)\s+)?"
    r"(?:(?:celles?|celui|ceux)\s+d(?:e\s+|')|(?:that|those)\s+of\s+)?"  # "A et celle de B"
    # "tỉnh A và đại diện tỉnh B": the representatives of a place act for it
    r"(?:(?:(?:các\s+)?(?:đại diện|đại biểu|lãnh đạo)(?:\s+của)?|representatives?\s+of|représentants?\s+d(?:e|u|es))\s+)?",
    re.I,
)
DASH = re.compile(r"\s*[-–]\s*")
WITH_ONLY = re.compile(r"\s+(?:với|avec|with)\s+", re.I)
# what may open an item of a list of pairs: "; Ninh Bình với Bạc Liêu", "; và tỉnh A với tỉnh B"
ITEM_LEAD = re.compile(r"[\s;,]*(?:(?:và|hay|hoặc|et|and)\s+)?(?:(?:các|hai|2)\s+(?:tỉnh|huyện|thành phố)\s+)?", re.I)
PLACE_BEFORE = re.compile(r"(?:\btại|\bở|\bà|\bdans|\bin|\bat)\s+(?:(?:le|la|l'|the)\s+)?$", re.I)
LIST_INTRO = re.compile(r"(?:kết nghĩa|đỡ đầu|jumel|parrain|twinn|sister|sponsor)[^:]{0,80}:", re.I)
THE_TWO = re.compile(
    r"\b(?:hai|2|les deux|the two|both)\s+(tỉnh|huyện|xã|phường|địa phương|districts|provinces"
    r"|communes|localités|localities)\b",
    re.I,
)
TWO_LEVELS = {
    "tỉnh": {"province"},
    "provinces": {"province"},
    "huyện": {"district"},
    "districts": {"district"},
    "xã": {"commune"},
    "phường": {"commune"},
    "communes": {"commune"},
}
NOW = re.compile(r"\(\s*(?:nay là|nay thuộc|nay|now|today|now part of|aujourd'hui)\s+(?:\w+\s+){0,2}$", re.I)
# "phường A, xã B và xã C ký kết kết nghĩa": a group right before the twinning verb, with no
# object after it, is every party of one relation.
TOGETHER = re.compile(
    r"\s*(?:(?:đã|vừa|cùng|chính thức|cùng nhau)\s+)*(?:tổ chức\s+)?(?:lễ\s+)?(?:ký kết\s+)?"
    r"(?:chương trình\s+)?kết nghĩa\b(?!\s+(?:với|cùng)\b)"
    r"|\s*(?:have\s+|has\s+)?signed\s+(?:a|the)\s+twinning\b(?![^.;]*\bwith\b)",
    re.I,
)
COUNT_WORDS = {"ba": 3, "3": 3, "bốn": 4, "4": 4, "năm": 5, "5": 5, "three": 3, "four": 4, "trois": 3}
COUNTED = re.compile(
    r"\b(ba|3|bốn|4|năm|5|three|four|trois)\s+(?:địa phương|thành phố|tỉnh|huyện|xã|phường|localities|cities"
    r"|provinces|districts|communes|villes)\b[^.;:]{0,70}?\b(?:là|gồm|are|were|sont)\s*:?\s*$",
    re.I,
)
