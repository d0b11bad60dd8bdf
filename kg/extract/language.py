"""Which language an article is in: Vietnamese, French and English are handled.

Function words decide (they make up a third of any running text), helped by the letters only
Vietnamese uses. Other languages we can recognise (German, Spanish, Italian, Portuguese...) are
named so that the message can say what was found; anything else is "unknown".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SUPPORTED = ("vi", "fr", "en")
NAMES = {
    "vi": "Vietnamese",
    "fr": "French",
    "en": "English",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "unknown": "an unrecognised language",
}
NAMES_VI = {
    "vi": "tiếng Việt",
    "fr": "tiếng Pháp",
    "en": "tiếng Anh",
    "de": "tiếng Đức",
    "es": "tiếng Tây Ban Nha",
    "it": "tiếng Ý",
    "pt": "tiếng Bồ Đào Nha",
    "nl": "tiếng Hà Lan",
    "unknown": "một ngôn ngữ không nhận ra",
}

_FUNCTION_WORDS = {
    "vi": "và của các được những với cho trong đã là không này có một người năm ngày huyện tỉnh xã "
    "thành phố hai đến từ về theo tại nhân dân đồng chí cùng sẽ nhau như",
    "fr": "le la les de des du et en un une pour dans est au aux avec sur par qui que ont été "
    "il elle ce cette son ses leur ne pas plus a",
    "en": "the of and to in a is was for with on by that from were has have at an as are this it its be which their",
    "de": "der die das und ist nicht mit den dem des ein eine zu auf für von sich auch wurde",
    "es": "el los las y en del por con para una es se que su al lo como más fue",
    "it": "il lo gli della delle degli con per una sono che non nel alla dei è anche",
    "pt": "os as do da dos das em para com uma não que por ao mais foi são",
    "nl": "de het een en van in is op te dat die met voor niet zijn er",
}
_WORDS = {lang: set(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


@dataclass
class LanguageGuess:
    code: str  # vi, fr, en, de... or "unknown"
    score: float  # share of function words of that language
    supported: bool

    @property
    def name(self) -> str:
        return NAMES.get(self.code, self.code)


def detect(text: str, sample_chars: int = 20_000) -> LanguageGuess:
    sample = text[:sample_chars]
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < 3:
        return LanguageGuess("unknown", 0.0, False)
    letters = sum(1 for ch in sample if ch.isalpha())
    latin = sum(1 for ch in sample if ch.isalpha() and ord(ch) < 0x2000)
    if letters and latin < 0.5 * letters:  # CJK, Cyrillic, Arabic... scripts we do not read
        return LanguageGuess("unknown", 0.0, False)
    scores = {lang: sum(1 for w in words if w in vocab) / len(words) for lang, vocab in _WORDS.items()}
    # Not in capitalised words: an English text naming "Đô Lương district (Nghệ An province)"
    # has Vietnamese letters in its names, a Vietnamese text in every clause (or all in capitals).
    running = " ".join(w for w in re.findall(r"[^\W\d_]+", sample) if w[0].islower() or w.isupper())
    vietnamese_letters = len(_VIETNAMESE_LETTERS.findall(running))
    if vietnamese_letters > 0.03 * max(letters, 1):
        scores["vi"] += 0.3
    best = max(scores, key=scores.get)
    if scores[best] < 0.08:
        return LanguageGuess("unknown", scores[best], False)
    return LanguageGuess(best, round(scores[best], 3), best in SUPPORTED)
