"""The type words of unit names: the unit types each allows and states ("huyện", "TP.", "P.",
"le district de", "Que Son district"), the sets of types by level, and the patterns that find
them before or after a name (kg.extract.units reads names with them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

PROVINCE_TYPES = frozenset({"tinh", "thanh-pho-truc-thuoc-trung-uong"})
DISTRICT_TYPES = frozenset({"huyen", "quan", "thi-xa", "thanh-pho-thuoc-tinh"})
COMMUNE_TYPES = frozenset({"xa", "phuong", "thi-tran", "dac-khu"})
# Adjectives French writes between a type word and "de": "la province centrale de X".
_FR_ADJ = (
    r"(?:(?:centrale|septentrionale|méridionale|orientale|occidentale|côtière|montagneuse|frontalière"
    r"|historique|ancienne|touristique|portuaire|vietnamienne)s? )*"
)
CITY_TYPES = frozenset({"thanh-pho-truc-thuoc-trung-uong", "thanh-pho-thuoc-tinh"})
BELOW = frozenset({"to-dan-pho", "thon"})
LEVEL_OF_TYPES = {PROVINCE_TYPES: "province", DISTRICT_TYPES: "district", COMMUNE_TYPES: "commune"}


@dataclass(frozen=True)
class TypeWord:
    pattern: str
    types: frozenset  # unit types the word allows
    stated: str | None  # the knv:UnitType the word states, when it states one
    implied: bool = False  # an organization head ("Huyện ủy") that implies the unit type


def _t(pattern, types, stated=None, implied=False):
    return TypeWord(pattern, frozenset(types), stated, implied)


# Before the name (Vietnamese, French, English "district of"). Longest first.
PREFIX_TYPES = [
    _t(r"thành phố trực thuộc trung ương", {"thanh-pho-truc-thuoc-trung-uong"}, "thanh-pho-truc-thuoc-trung-uong"),
    _t(r"tổ dân phố|TDP", {"to-dan-pho"}, "to-dan-pho"),
    _t(r"thành phố|TP\.\s?|TP\b|Tp\.\s?", CITY_TYPES),
    _t(r"thị trấn|TT\.", {"thi-tran"}, "thi-tran"),
    _t(r"thị xã|TX\.", {"thi-xa"}, "thi-xa"),
    _t(r"đặc khu", {"dac-khu"}, "dac-khu"),
    _t(r"huyện ủy|huyện uỷ", {"huyen"}, None, True),
    _t(r"tỉnh ủy|tỉnh uỷ", PROVINCE_TYPES, None, True),
    _t(r"thành ủy|thành uỷ", CITY_TYPES, None, True),
    _t(r"quận ủy|quận uỷ", {"quan"}, None, True),
    _t(r"thị ủy|thị uỷ", {"thi-xa"}, None, True),
    _t(r"tỉnh", {"tinh"}, "tinh"),
    _t(r"huyện", {"huyen"}, "huyen"),
    _t(r"quận", {"quan"}, "quan"),
    _t(r"phường", {"phuong"}, "phuong"),
    _t(r"xã", {"xa"}, "xa"),
    _t(r"thôn|bản|làng|ấp|khối|khóm", {"thon"}, "thon"),
    # "khu Hòa Bình (phường Trà Cổ)": a ward's residential area; not "khu vực", "khu công nghiệp",
    # "Quân khu 2", "khu tự trị Quảng Tây" (a name is settled only with its commune after it)
    _t(
        r"(?<!quân )(?<!liên )khu(?![ \u00a0]+(?:vực|công nghiệp|kinh tế|dân cư|đô thị|du lịch|tự trị|di tích|phố)\b)",
        {"thon"},
        "thon",
    ),
    # the newspapers' abbreviations, a capital and a full stop glued to the name: "P.Hải Châu",
    # "X. Hùng Sơn", "H.Tây Giang", "Q.Liên Chiểu" (case-sensitive: "h." ends no unit type)
    _t(r"(?-i:P\.)\s?", {"phuong"}, "phuong"),
    _t(r"(?-i:X\.)\s?", {"xa"}, "xa"),
    _t(r"(?-i:H\.)\s?", {"huyen"}, "huyen"),
    _t(r"(?-i:Q\.)\s?", {"quan"}, "quan"),
    _t(rf"(?:la )?provinces? {_FR_ADJ}(?:de |d')", {"tinh"}, "tinh"),
    _t(rf"(?:la )?(?:villes?|cités?) {_FR_ADJ}(?:de |d')", CITY_TYPES),
    _t(r"districts? (?:de |d')|arrondissements? (?:de |d')", DISTRICT_TYPES),
    _t(r"communes? (?:de |d')", {"xa", "thi-tran"}),
    _t(r"quartiers? (?:de |d')", {"phuong"}, "phuong"),
    _t(r"province of", {"tinh"}, "tinh"),
    _t(r"city of", CITY_TYPES),
    _t(r"district of", DISTRICT_TYPES),
    _t(r"commune of", COMMUNE_TYPES),
    _t(r"ward of", {"phuong"}, "phuong"),
]
# After the name (English): "Que Son district", "Thanh Hoa province"; plural after coordinated
# names ("Tan Lap and Tan Hoa communes").
SUFFIX_TYPES = [
    _t(r"provinces?", {"tinh"}, "tinh"),
    _t(r"city|cities", CITY_TYPES),
    _t(r"districts?", DISTRICT_TYPES),
    _t(r"towns?", {"thi-xa", "thi-tran"}),
    _t(r"townships?", {"thi-tran"}, "thi-tran"),
    _t(r"communes?", COMMUNE_TYPES),  # English writers call wards communes too ("An Thang Commune")
    _t(r"wards?", {"phuong"}, "phuong"),
]
PREFIX_RE = re.compile(
    r"(?<![\w])(" + "|".join(f"(?:{t.pattern})" for t in PREFIX_TYPES) + r")(?=\s|\b|[A-ZÀ-ỸĐ])", re.I
)
SUFFIX_RE = re.compile(r"\s(" + "|".join(t.pattern for t in SUFFIX_TYPES) + r")\b", re.I)


def type_word(text: str, table: list[TypeWord]) -> TypeWord:
    # As matched ("TP. " keeps its space, which the pattern expects) or stripped ("huyện").
    for word in table:
        if re.fullmatch(word.pattern, text.strip(), re.I) or re.fullmatch(word.pattern, text, re.I):
            return word
    raise LookupError(text)
