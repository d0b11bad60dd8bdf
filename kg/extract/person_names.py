"""Personal names in Vietnamese, French and English articles: honorifics, family names (with
and without diacritics, as the French press writes them, and those of the mountain peoples),
the capitalised words that never belong to a name, and a name's words after a post's place."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.extract.lexicon import lexicon
from kg.extract.units import name_run
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
# Surnames read only with their diacritics: without them they are the first word of places
# ("Hau Loc", "Doan Ket"). Common among officials of the northern mountain provinces.
SURNAMES_VI |= set("bế doãn diệp khổng nghiêm giàng sùng hầu điểu".split())
# Family names of the Cơ Tu, Gia Rai, Ê Đê and Ba Na officials of mountain communes ("Chủ tịch
# UBND xã X Alăng Thị A", "Bí thư Đảng ủy xã Y Ksor B"); those written in ASCII are no place's.
SURNAMES_VI |= set("alăng zơ clâu hốih pơloong rơ niê mlô êban byă kpă ksơr".split())
SURNAMES |= set("briu bhling coor ksor siu rcom puih rmah".split())
SURNAMES_VI |= set("briu bhling coor ksor siu rcom puih rmah".split())


# The French press keeps only the accents French has: "Nguyên", "Dô" for Nguyễn, Đỗ.
_FRENCH_LETTERS = re.compile(r"[A-Za-zàâçéèêëîïôùûüÀÂÇÉÈÊËÎÏÔÙÛÜ]+")


@functools.lru_cache(maxsize=65536)
def is_surname(word: str) -> bool:
    if word != strip_diacritics(word):
        return word.casefold() in SURNAMES_VI or bool(_FRENCH_LETTERS.fullmatch(word) and fold(word) in SURNAMES)
    return fold(word) in SURNAMES


# Capitalised words that are never part of a personal name.
_NOT_NAME = {
    w.casefold()
    for w in (
        "Đảng Ban UBND HĐND Tỉnh Huyện Xã Phường Quận Comité Conseil Parti District Province "
        "Commune Bí Phó Chủ Chánh Secrétaire Président Văn_phòng Party People's Committee Council"
        # "Nam Dinh People's Committee": the name ends before "'s", so "People" is the word seen
        " People Provincial Municipal Fatherland"
    ).split()
}


@dataclass
class NameSpan:
    start: int
    end: int
    text: str
    honorific: bool


def name_words(text: str, pos: int) -> list[tuple[int, int]]:
    words = []
    for span in name_run(text, pos, max_words=6):
        if text[span[0] : span[1]].casefold() in _NOT_NAME:
            break
        words.append(span)
    return words


def after_place(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The name without the place written before it: "Bí thư Tỉnh ủy Hải Dương Nguyễn Văn A" reads
    "Dương Nguyễn Văn A" from the surname Dương; "Hải Dương" is the committee's province."""
    previous = (
        re.search(r"(?<![\w])([^\W\d_][\w'’]*) $", text[max(0, words[0][0] - 20) : words[0][0]]) if words else None
    )
    lead = [previous.group(1)] if previous and previous.group(1)[0].isupper() else []
    for take in (1, 2):
        rest = words[take:]
        if len(rest) < 2 or not is_surname(text[rest[0][0] : rest[0][1]]):
            continue
        place = text[words[0][0] : words[take - 1][1]]
        for tried in ([*lead, place], [place]):
            if len(" ".join(tried).split()) >= 2 and lexicon().lookup(" ".join(tried)):
                return rest
    return words
