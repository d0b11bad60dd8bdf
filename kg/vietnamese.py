"""Vietnamese text: diacritic folding, slugs and unit-type words. The only module that folds."""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Lower-case and strip diacritics: 'Quế Sơn' -> 'que son', 'ĐÀ NẴNG' -> 'da nang'."""
    text = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return re.sub(r"\s+", " ", text).strip().lower()


def strip_diacritics(text: str) -> str:
    """Like fold() but keeps the case: 'Quế Sơn' -> 'Que Son'."""
    text = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    return unicodedata.normalize("NFC", "".join(ch for ch in text if unicodedata.category(ch) != "Mn"))


def slugify(text: str) -> str:
    """ASCII slug for IRIs: 'Tổ dân phố Dung' -> 'to-dan-pho-dung'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# Unit-type words as they prefix names, longest first so "thành phố" is not read as "thành".
UNIT_TYPE_WORDS = {
    "thanh pho truc thuoc trung uong": "thanh-pho-truc-thuoc-trung-uong",
    "to dan pho": "to-dan-pho",
    "thanh pho": "thanh-pho",
    "thi tran": "thi-tran",
    "dac khu": "dac-khu",
    "thi xa": "thi-xa",
    "phuong": "phuong",
    "huyen": "huyen",
    "quan": "quan",
    "tinh": "tinh",
    "thon": "thon",
    "ban": "thon",
    "xa": "xa",
}


def split_unit_type(name: str) -> tuple[str | None, str]:
    """'Huyện Nam Giang' -> ('huyen', 'Nam Giang'); a name without a type word -> (None, name)."""
    folded = fold(name)
    for word in UNIT_TYPE_WORDS:
        if folded.startswith(word + " "):
            n_words = len(word.split())
            return UNIT_TYPE_WORDS[word], " ".join(name.split()[n_words:])
    return None, name.strip()


_COMBINING_MARKS = re.compile("[\u0300-\u036f]")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def search_key(text: str) -> str:
    """Key for diacritic- and case-insensitive name search: fold, then keep only letters and
    digits so 'Bà Rịa - Vũng Tàu' and 'ba ria vung tau' meet: -> 'ba ria vung tau'."""
    # Fast path for the usual case (Vietnamese marks are all in U+0300-036F); anything else
    # goes through fold() so the two always agree. The search index folds ~25,000 names.
    quick = _COMBINING_MARKS.sub("", unicodedata.normalize("NFD", text.translate(_SPECIAL))).lower()
    if not quick.isascii():
        quick = fold(text)
    return _NOT_ALNUM.sub(" ", quick).strip()


def loose_key(text: str) -> str:
    """A looser key for names whose spelling varies between sources: search_key without spaces
    and with doubled letters collapsed, so 'La Dê' meets 'La Dêê' and 'A Vương' meets 'Avương'."""
    return re.sub(r"(.)\1+", r"\1", search_key(text).replace(" ", ""))
