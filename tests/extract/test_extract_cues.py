"""Twinnings stated beyond a clause with a twinning word (invented sentences)."""

from __future__ import annotations

from kg.extract import extract_text


def _keys(text, **kw) -> list[str]:
    return [t.key for t in extract_text(text, **kw).twinnings]


def test_names_glued_by_a_lost_separator_are_two_parties():
    keys = _keys("Mùa xuân năm 1962, hai tỉnh Nam ĐịnhBình Định tổ chức lễ kết nghĩa.")
    assert keys == ["sister-localities-hist-tinh-binh-dinh--hist-tinh-nam-dinh"]


def test_a_name_written_glued_on_its_own_stays_one_name():
    # "ĐắkLắk", "KrôngPắc": the Central Highlands' names are often written glued, alone.
    keys = _keys("Năm 2020, tỉnh ĐắkLắk kết nghĩa với tỉnh Hà Tĩnh; huyện KrôngPắc kết nghĩa với huyện Hòa Vang.")
    assert keys == ["sister-localities-pre2025-42--pre2025-66", "sister-localities-pre2025-497--pre2025-654"]


def test_the_two_provinces_are_those_named_since_the_last_pair():
    text = (
        "Năm 1960, tỉnh Nghệ An kết nghĩa với tỉnh Quảng Ngãi; Nghệ An gửi quà, Nghệ An gửi gạo. Năm 1961, "
        "tỉnh Thanh Hóa kết nghĩa với tỉnh Quảng Nam; Thanh Hóa gửi quà, Thanh Hóa gửi gạo. Việc kết nghĩa "
        "giữa hai tỉnh đã cổ vũ nhân dân."
    )
    # Not Nghệ An with Thanh Hóa, the two provinces named most.
    assert _keys(text) == [
        "sister-localities-hist-tinh-nghe-an--hist-tinh-quang-ngai",
        "sister-localities-hist-tinh-quang-nam--pre2025-38",
    ]


def test_the_age_in_an_undated_article_counts_from_the_last_day_it_states():
    text = "Ngày 5/3/2021, lãnh đạo Hưng Yên và Quảng Trị gặp mặt. Hưng Yên và Quảng Trị đã tròn 60 năm kết nghĩa."
    # 2021 - 60: the provinces of 1961, not those refounded in 1989 and 1997.
    assert _keys(text) == ["sister-localities-hist-tinh-hung-yen--hist-tinh-quang-tri"]


def test_section_headings_of_dashed_names_state_twinnings():
    text = "Hà Đông - Cần Thơ\n\nNăm 1960 hai nơi kết nghĩa anh em.\n\nQuảng Bình - Hà Nội\n\nNăm 1962 hai nơi cùng làm lễ."
    assert _keys(text) == [
        "sister-localities-hist-tinh-can-tho--hist-tinh-ha-dong",
        "sister-localities-hist-tinh-quang-binh--pre2025-01",
    ]


def test_a_dashed_title_states_a_twinning_and_its_age():
    text = (
        "Hưng Yên - Quảng Trị: tròn 60 năm gắn bó, thủy chung\n\n"
        "Ngày 5/3/2021, lãnh đạo hai tỉnh anh em gặp mặt tại Hưng Yên."
    )
    assert _keys(text) == ["sister-localities-hist-tinh-hung-yen--hist-tinh-quang-tri"]


def test_a_heading_is_read_only_as_a_title_or_one_of_several_and_with_kinship():
    # No word of kinship in the article.
    assert _keys("Quảng Trị - Hưng Yên, vui buổi gặp mặt\n\nNgày 2/9/2021, đoàn công tác đến thăm bà con.") == []
    # A line ending with a full stop is a sentence, not a heading.
    assert _keys("Quảng Trị - Hưng Yên gặp mặt.\n\nHai tỉnh anh em.") == []
    # One section heading inside the article, not its title.
    assert _keys("Hai tỉnh anh em gặp mặt.\n\nQUẢNG TRỊ - HƯNG YÊN: NHỮNG KỶ NIỆM\n\nĐoàn đến thăm bà con.") == []


def test_one_relation_per_set_of_parties_whatever_each_clause_calls_it():
    text = (
        "Năm 2019, huyện Đô Lương và huyện Hòa Vang ký kết hợp tác. Tình kết nghĩa giữa huyện Đô Lương "
        "và huyện Hòa Vang ngày càng bền chặt."
    )
    (twinning,) = extract_text(text).twinnings
    assert twinning.key == "sister-localities-pre2025-427--pre2025-497"
    assert twinning.established is not None and twinning.established.lexical == "2019"


def test_the_two_provinces_count_from_the_last_time_a_relation_was_stated_again():
    text = (
        "Năm 1960, tỉnh Nghệ An kết nghĩa với tỉnh Quảng Ngãi. Năm 1961, tỉnh Thanh Hóa kết nghĩa với "
        "tỉnh Quảng Nam; Thanh Hóa gửi quà. Tình kết nghĩa của Nghệ An với Quảng Ngãi còn mãi; Nghệ An gửi "
        "gạo. Việc kết nghĩa giữa hai tỉnh đã cổ vũ nhân dân."
    )
    # Nghệ An and Quảng Ngãi, just named again, not Nghệ An with Thanh Hóa.
    assert _keys(text) == [
        "sister-localities-hist-tinh-nghe-an--hist-tinh-quang-ngai",
        "sister-localities-hist-tinh-quang-nam--pre2025-38",
    ]


def test_a_list_of_dashed_pairs_states_twinnings_without_a_twinning_word():
    text = "Nhiều tỉnh gắn bó anh em, như Hưng Yên - Quảng Trị, Nam Định - Bình Định và Thái Bình - Phú Yên."
    assert _keys(text) == [
        "sister-localities-pre2025-33--pre2025-45",
        "sister-localities-pre2025-36--pre2025-52",
        "sister-localities-pre2025-34--pre2025-54",
    ]
    # A chain is a route, not a list of pairs.
    assert _keys("Tỉnh anh em. Đoàn xe đi tuyến Hà Nội - Hải Phòng - Quảng Ninh rồi về.") == []


def test_a_twinning_sentence_cut_by_a_line_break_goes_on_in_lower_case():
    text = (
        "Năm 1960, nhiều tỉnh miền Bắc kết nghĩa với các tỉnh miền Nam, như Nam Định - Bình Định,\n"
        "trong đó có tỉnh Hưng Yên – Quảng Trị. Nhân dân vui mừng."
    )
    assert _keys(text) == [
        "sister-localities-hist-tinh-binh-dinh--hist-tinh-nam-dinh",
        "sister-localities-hist-tinh-hung-yen--hist-tinh-quang-tri",
    ]
    # After a full stop the next line is a sentence of its own.
    assert _keys(text.replace("Bình Định,\n", "Bình Định.\n")) == [
        "sister-localities-hist-tinh-binh-dinh--hist-tinh-nam-dinh"
    ]
