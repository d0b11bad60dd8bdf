"""Reading an article file: decoding (honestly), normalising, and sentences with offsets.

Offsets everywhere in the extractor are character offsets into `Article.text`: the file decoded,
line ends turned into "\\n" and Unicode NFC-normalised. For a UTF-8 file already in NFC with
"\\n" line ends (the usual case), they are the file's own character offsets.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError, os_reason_vi

MAX_BYTES = 5 * 1024 * 1024  # larger files: only this many bytes are read
MAX_CHARS = 1_200_000  # a news article is ~5-20k characters; cost is linear, so 1 MB is read whole

# Why a file could not be used at all (the CLI exits with 2 and the draft says why).
EMPTY, BINARY, UNDECODABLE, MISSING = "empty", "binary", "undecodable", "missing"


class UnreadableInput(KgError):
    def __init__(self, reason: str, message: str, *, vi: str, sha256: str = "", size: int = 0):
        super().__init__(message, vi=vi)
        self.reason, self.detail, self.sha256, self.size = reason, message, sha256, size


@dataclass
class Article:
    text: str
    file_name: str
    sha256: str
    size: int  # bytes of the whole file
    encoding: str
    notes: list[str] = field(default_factory=list)  # what the draft must say about the reading
    truncated_at: int | None = None  # characters kept, when truncated

    @property
    def source_id(self) -> str:
        return self.sha256[:16]


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str

    def clauses(self) -> list[Sentence]:
        """The sentence cut at semicolons: each side of ';' has its own subject."""
        parts, start = [], 0
        for match in re.finditer(r";", self.text):
            parts.append((start, match.start()))
            start = match.end()
        parts.append((start, len(self.text)))
        return [Sentence(self.start + a, self.start + b, self.text[a:b]) for a, b in parts if self.text[a:b].strip()]


def file_sha256(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def read_article(path: Path, max_chars: int = MAX_CHARS) -> Article:
    path = Path(path)
    if not path.is_file():
        raise UnreadableInput(MISSING, f"{path}: no such file", vi=f"{path}: không có tệp này")
    try:
        sha, size = file_sha256(path)
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES)
    except OSError as exc:
        raise UnreadableInput(
            MISSING, f"{path}: cannot read ({exc.strerror})", vi=f"{path}: không đọc được ({os_reason_vi(exc)})"
        ) from None
    return article_from_bytes(data, path.name, sha, size, max_chars)


class Note(str):
    """A note on how an article was read: the English text (written into the draft, which is
    English throughout) with its Vietnamese `vi`, which `kg --lang vi extract` prints."""

    vi: str

    def __new__(cls, english: str, vietnamese: str) -> Note:
        note = super().__new__(cls, english)
        note.vi = vietnamese
        return note

    def __getnewargs__(self):  # type: ignore[override]  # pickled both texts (worker processes)
        return (str(self), self.vi)


def note_text(note: str, lang: str) -> str:
    return note.vi if lang == "vi" and isinstance(note, Note) else str(note)


def article_from_bytes(
    data: bytes, file_name: str, sha: str | None = None, size: int | None = None, max_chars: int = MAX_CHARS
) -> Article:
    sha = sha or hashlib.sha256(data).hexdigest()
    size = len(data) if size is None else size
    notes = []
    if size > len(data):
        notes.append(
            Note(
                f"the file has {size:,} bytes; only the first {len(data):,} were read",
                f"tệp có {size:,} byte; chỉ đọc {len(data):,} byte đầu",
            )
        )
    if not data.strip():
        raise UnreadableInput(
            EMPTY, f"{file_name}: the file is empty", vi=f"{file_name}: tệp rỗng", sha256=sha, size=size
        )
    text, encoding = decode(data, file_name, sha, size, partial=size > len(data))
    if encoding not in ("utf-8", "utf-8-sig"):
        notes.append(
            Note(f"the file is not UTF-8; it was read as {encoding}", f"tệp không phải UTF-8; đã đọc theo {encoding}")
        )
    text = normalise(text)
    if not text.strip():
        raise UnreadableInput(
            EMPTY,
            f"{file_name}: the file holds only blank characters",
            vi=f"{file_name}: tệp chỉ chứa ký tự trắng",
            sha256=sha,
            size=size,
        )
    article = Article(text, file_name, sha, size, encoding, notes)
    if len(text) > max_chars:
        cut = text.rfind("\n", 0, max_chars)
        cut = cut if cut > max_chars // 2 else max_chars
        article.text, article.truncated_at = text[:cut], cut
        notes.append(
            Note(
                f"the text has {len(text):,} characters; only the first {cut:,} were processed",
                f"văn bản có {len(text):,} ký tự; chỉ xử lý {cut:,} ký tự đầu",
            )
        )
    return article


def decode(data: bytes, file_name: str, sha: str, size: int, partial: bool = False) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        data, bom = data[len(codecs.BOM_UTF8) :], "utf-8-sig"
    else:
        bom = ""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise UnreadableInput(
            BINARY,
            f"{file_name}: this looks like a binary file, not text",
            vi=f"{file_name}: tệp này có vẻ là tệp nhị phân, không phải văn bản",
            sha256=sha,
            size=size,
        )
    try:
        return data.decode("utf-8"), bom or "utf-8"
    except UnicodeDecodeError as exc:
        # A cut in the middle of a character at the read limit is not an encoding problem.
        if partial and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8"), bom or "utf-8"
        first_bad = exc.start
    guess = _guess_legacy(data)
    if guess:
        return guess
    raise UnreadableInput(
        UNDECODABLE,
        f"{file_name}: not UTF-8 (invalid byte 0x{data[first_bad]:02x} at byte offset "
        f"{first_bad}) and not recognisably Vietnamese Windows-1258 or Western Windows-1252 text; "
        "convert it to UTF-8",
        vi=f"{file_name}: không phải UTF-8 (byte sai 0x{data[first_bad]:02x} ở vị trí byte {first_bad}) "
        "và không nhận ra là văn bản tiếng Việt Windows-1258 hay Tây Âu Windows-1252; hãy chuyển tệp sang UTF-8",
        sha256=sha,
        size=size,
    )


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


# Letters only Vietnamese uses (ă, ơ, ư, đ and the combining tone marks of Windows-1258).
_VIETNAMESE_ONLY = set("ăđơưĂĐƠƯ") | {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_LATIN_LETTERS = set("àâäçéèêëîïôöûùüÿœæÀÂÄÇÉÈÊËÎÏÔÖÛÙÜŸŒÆáíóúñÁÍÓÚÑ")


def _guess_legacy(data: bytes) -> tuple[str, str] | None:
    """Windows-1258 (Vietnamese) or Windows-1252 (French, English), decided by the letters each
    reading produces: Vietnamese needs ă/ơ/ư/đ or combining tone marks, French its accented
    letters and nothing else. None when neither reading is convincing."""
    try:
        vietnamese = data.decode("cp1258")
        non_ascii = [ch for ch in vietnamese if ord(ch) > 127]
        signal = sum(1 for ch in non_ascii if ch in _VIETNAMESE_ONLY)
        if signal >= 3 and signal >= 0.2 * len(non_ascii):
            return vietnamese, "windows-1258"
    except UnicodeDecodeError:
        pass
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = [ch for ch in western if ord(ch) > 127 and not ch.isspace()]
    letters = sum(1 for ch in non_ascii if ch in _LATIN_LETTERS or ch in "«»’‘“”–—…€")
    if non_ascii and letters >= 0.9 * len(non_ascii):
        return western, "windows-1252"
    return None


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


# A full stop after these is not the end of a sentence ("TP. Đà Nẵng", "M. Dupont").
_ABBREVIATIONS = {
    "tp",
    "tx",
    "ths",
    "ts",
    "pgs",
    "gs",
    "bs",
    "mr",
    "mrs",
    "ms",
    "dr",
    "m",
    "mme",
    "st",
    "no",
    "n°",
    "v.v",
    "etc",
    "đ/c",
    "q",
    "p",
    "h",
    "x",
    "tt",
}
_LOWER = "".join(c for c in map(chr, range(0x61, 0x2000)) if c.isalpha() and c.islower())
_UPPER = "".join(c for c in map(chr, range(0x41, 0x2000)) if c.isalpha() and c.isupper())
# A full stop and a capital; also without the space a copied text lost ("accord.Lors de"), after
# a word in lower case and before a capitalised one ("TP.HCM", "Tp.Hồ Chí Minh" stay one).
_BOUNDARY = re.compile(
    r"[.!?…]+[\"”’»)]*(?=\s+[\"“«(\[]?[A-ZÀ-ỸĐ0-9])"
    rf"|(?<=[{_LOWER}][{_LOWER}])\.(?=[{_UPPER}][{_LOWER}])"
)


def split_sentences(text: str) -> list[Sentence]:
    sentences = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for boundary in _BOUNDARY.finditer(line.group()):
            word = re.search(r"([\w/°]+)\W*$", line.group()[: boundary.start()])
            if word and word.group(1).lower() in _ABBREVIATIONS:
                continue
            end = line.start() + boundary.end()
            _add(sentences, text, start, end)
            start = end
        _add(sentences, text, start, line.end())
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end]))
