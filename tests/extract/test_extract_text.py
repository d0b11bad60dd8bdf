"""Reading articles: decoding (UTF-8, Windows-1258, Windows-1252, refusals), normalising,
truncating, sentences with offsets, and language detection. Texts are written for the tests."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kg.extract import language
from kg.extract.text import (
    BINARY,
    EMPTY,
    MISSING,
    UNDECODABLE,
    UnreadableInput,
    article_from_bytes,
    read_article,
    split_sentences,
)

DATA = Path(__file__).parents[1] / "data" / "extract"


def test_utf8_with_bom_and_crlf_is_read_and_normalised():
    data = "\ufeffHuyện A kết nghĩa.\r\nDòng hai.".encode("utf-8")
    article = article_from_bytes(data, "a.txt")
    assert article.encoding == "utf-8-sig"
    assert article.text == "Huyện A kết nghĩa.\nDòng hai."
    assert article.source_id == article.sha256[:16] and len(article.sha256) == 64


def test_decomposed_text_is_nfc_normalised():
    decomposed = unicodedata.normalize("NFD", "Quế Sơn")
    article = article_from_bytes(decomposed.encode("utf-8"), "a.txt")
    assert article.text == "Quế Sơn"


def test_windows_1258_vietnamese_is_detected():
    article = read_article(DATA / "vi_cp1258.txt")
    assert article.encoding == "windows-1258"
    assert "huyện Đô Lương (Nghệ An)" in article.text
    assert any("windows-1258" in note for note in article.notes)


def test_windows_1252_french_is_detected():
    article = read_article(DATA / "fr_cp1252.txt")
    assert article.encoding == "windows-1252"
    assert "la cérémonie de jumelage" in article.text


def test_undecodable_bytes_are_refused_with_their_offset():
    with pytest.raises(UnreadableInput) as caught:
        read_article(DATA / "undecodable.txt")
    assert caught.value.reason == UNDECODABLE
    assert "byte offset 43" in caught.value.detail and "0x81" in caught.value.detail
    assert len(caught.value.sha256) == 64  # a draft saying why can still be written


@pytest.mark.parametrize("name, reason", [("binary.bin", BINARY), ("empty.txt", EMPTY)])
def test_binary_and_empty_files_are_refused(name, reason):
    with pytest.raises(UnreadableInput) as caught:
        read_article(DATA / name)
    assert caught.value.reason == reason


def test_blank_text_counts_as_empty():
    with pytest.raises(UnreadableInput) as caught:
        article_from_bytes(b"  \n\t \n", "blank.txt")
    assert caught.value.reason == EMPTY


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableInput) as caught:
        read_article(tmp_path / "nope.txt")
    assert caught.value.reason == MISSING


def test_long_text_is_truncated_at_a_line_and_says_so():
    text = ("Huyện A kết nghĩa với huyện B.\n" * 100).encode("utf-8")
    article = article_from_bytes(text, "long.txt", max_chars=1000)
    assert article.truncated_at is not None and article.truncated_at <= 1000
    assert article.text.endswith(".")  # cut at a line end, not inside a word
    assert any("only the first" in note for note in article.notes)


def test_sentences_keep_offsets_and_do_not_split_numbers_or_abbreviations():
    text = (
        "Chiều ngày 12.6, tại TP. Vinh diễn ra lễ ký kết. Tổng kinh phí 1,7 tỷ đồng, gồm 7.597 phần quà!\n"
        "Le camarade M. Tran a parlé. Ensuite la délégation est partie."
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Chiều ngày 12.6, tại TP. Vinh diễn ra lễ ký kết.",
        "Tổng kinh phí 1,7 tỷ đồng, gồm 7.597 phần quà!",
        "Le camarade M. Tran a parlé.",
        "Ensuite la délégation est partie.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_clauses_are_cut_at_semicolons():
    sentence = split_sentences("Phường A kết nghĩa với xã B; phường C kết nghĩa với xã D.")[0]
    assert [c.text.strip() for c in sentence.clauses()] == [
        "Phường A kết nghĩa với xã B",
        "phường C kết nghĩa với xã D.",
    ]


@pytest.mark.parametrize(
    "text, code",
    [
        ("Hai huyện đã tổ chức lễ ký kết chương trình kết nghĩa và trao đổi kinh nghiệm với nhau.", "vi"),
        ("La délégation du district a visité la province et les deux districts ont signé un accord.", "fr"),
        ("The delegation of the district visited the province and the two districts signed an agreement.", "en"),
        ("Die Delegation des Bezirks hat die Provinz besucht und die beiden Bezirke haben unterzeichnet.", "de"),
    ],
)
def test_language_detection(text, code):
    guess = language.detect(text)
    assert guess.code == code
    assert guess.supported == (code in ("vi", "fr", "en"))


def test_language_of_other_scripts_is_unknown():
    assert language.detect("两个地区签署了友好合作协议，双方代表出席了仪式。").code == "unknown"


def test_a_full_stop_without_its_space_ends_a_sentence_between_words():
    text = "Les deux districts coopèrent depuis longtemps.Trois villages ont signé. TP.HCM và Tp.Hồ Chí Minh."
    assert [s.text for s in split_sentences(text)] == [
        "Les deux districts coopèrent depuis longtemps.",
        "Trois villages ont signé.",
        "TP.HCM và Tp.Hồ Chí Minh.",
    ]
