"""General mechanisms of issue 25, each on short texts written for the tests (not article text):
lists of pairs, dates after time-of-day words, three-party relations, eras, per-person sums,
official letters, people with unlisted roles, English towns, captions, joined English clauses,
the summary line."""

from __future__ import annotations

import datetime as dt

from kg.extract import extract_text
from kg.extract.draft import KNE
from kg.iris import KN

AUG_2025 = dt.date(2025, 8, 28)


def _pairs(result) -> set[frozenset]:
    return {frozenset(p.unit.full_name if p.unit else p.org.surface for p in t.parties) for t in result.twinnings}


def test_a_twinning_word_and_a_colon_introduce_a_list_of_pairs():
    text = (
        "Trước đó, nhiều địa phương đã tổ chức kết nghĩa, gồm: phường Hải Châu với xã Hùng Sơn; "
        "phường Sơn Trà với xã Trà Leng; phường An Hải - xã Trà Linh. Năm nay có nhiều hoạt động khác."
    )
    pairs = _pairs(extract_text(text, published=AUG_2025))
    assert pairs == {
        frozenset({"Phường Hải Châu", "Xã Hùng Sơn"}),
        frozenset({"Phường Sơn Trà", "Xã Trà Leng"}),
        frozenset({"Phường An Hải", "Xã Trà Linh"}),
    }


def test_english_list_of_pairs_joined_by_with():
    text = (
        "Previously, many localities in the city have organized twinning, including: Hai Chau Ward with "
        "Hung Son Commune; Son Tra Ward with Tra Leng Commune."
    )
    pairs = _pairs(extract_text(text, published=AUG_2025))
    assert pairs == {frozenset({"Phường Hải Châu", "Xã Hùng Sơn"}), frozenset({"Phường Sơn Trà", "Xã Trà Leng"})}


def test_a_list_ends_with_the_first_item_that_is_not_a_pair():
    text = (
        "Các địa phương đã kết nghĩa gồm: phường Hải Châu với xã Hùng Sơn; "
        "phường Sơn Trà tổ chức hội nghị với xã Trà Leng vào cuối tháng.\nPhường An Hải và xã Trà Linh tổ chức hội thao."
    )
    pairs = _pairs(extract_text(text, published=AUG_2025))
    assert frozenset({"Phường An Hải", "Xã Trà Linh"}) not in pairs


def _dates(text, **kw):
    return [(d.lexical, d.datatype) for d in extract_text(text, **kw).dates if not d.relative]


def test_day_month_after_a_time_of_day_word_takes_the_publication_year():
    assert _dates("Chiều 16/8, tại xã Hùng Sơn, hai địa phương gặp mặt.", published=AUG_2025) == [
        ("2025-08-16", "date")
    ]
    assert _dates("Sáng nay (3/9), đoàn công tác đến thăm xã.", published=AUG_2025) == [("2025-09-03", "date")]
    assert _dates("Ngày 26-12, hai xã ký kết.", published=AUG_2025) == [("2025-12-26", "date")]
    assert _dates("Một ngày giữa tháng 8.2025, hai xã gặp nhau.") == [("2025-08", "gYearMonth")]
    # Without a cue word a day/month is a ratio ("9/11 xã").
    assert _dates("Có 9/11 xã đã hoàn thành.", published=AUG_2025) == []


def test_a_time_of_day_date_is_the_date_of_the_signing_it_opens():
    text = "Chiều 12/8, Đảng ủy phường Hải Châu và Đảng ủy xã Hùng Sơn tổ chức lễ ký kết kết nghĩa."
    twinning = extract_text(text, published=AUG_2025).twinnings[0]
    assert (twinning.established.lexical, twinning.established.datatype) == ("2025-08-12", "date")


def test_an_official_letter_is_a_policy_document_with_its_issuer_and_date():
    text = (
        "Thành ủy Đà Nẵng vừa ban hành Công văn số 389 ngày 25/8/2025 về triển khai chương trình kết nghĩa "
        "giữa các xã miền núi với các xã, phường đồng bằng."
    )
    policies = extract_text(text, published=AUG_2025).policies
    assert [(p.policy_type, p.number, p.issuer.key, p.issued.lexical) for p in policies] == [
        ("policy-line", "389", "party-committee-2025-48", "2025-08-25")
    ]


def test_a_decision_needs_its_number_cue_and_plans_without_one_are_not_documents():
    text = "Thực hiện Quyết định số 1100/QĐ-UBND ngày 16.4.2020 của UBND tỉnh Quảng Nam về kế hoạch 2020 của tỉnh."
    policies = extract_text(text).policies
    assert [(p.kind, p.number, p.issued.lexical) for p in policies] == [("decision", "1100/QĐ-UBND", "2020-04-16")]


def test_sums_per_person_or_per_gift_are_rates_not_totals():
    text = (
        "Dịp này, huyện Hòa Vang trao 50 suất quà cho huyện Đô Lương, mỗi suất trị giá 500.000 đồng, "
        "hỗ trợ 2 hộ bị tốc mái (80 triệu đồng/hộ) và tặng 300 triệu đồng cho quỹ."
    )
    result = extract_text(text)
    assert [(a.value, a.currency) for a in result.amounts] == [(300_000_000, "VND")]
    rates = {(q.value, q.unit) for q in result.quantities if "/" in q.unit}
    assert rates == {(500_000, "VND/suất"), (80_000_000, "VND/hộ")}
    todos = [str(t) for _, _, t, _ in result.draft(validate=True).quads((None, KNE.todo, None, None))]
    assert not [t for t in todos if t.startswith("Shapes:")], todos


def test_a_standing_deputy_secretary_holds_a_post_in_the_committee():
    text = "Ông Nguyễn Văn An, Phó Bí thư Thường trực Thành ủy Đà Nẵng, cho biết chương trình kết nghĩa sẽ tiếp tục."
    posts = extract_text(text, published=AUG_2025).posts
    assert [(p.person.name, p.role, p.org.key) for p in posts] == [
        ("Nguyễn Văn An", "deputy-secretary", "party-committee-2025-48")
    ]


def test_an_undated_article_naming_post_reform_communes_is_read_in_2025():
    result = extract_text("Xã Thượng Đức và xã Avương ký kết chương trình kết nghĩa.")
    assert result.era == "2025" and "nothing dates the article" in result.era_reason
    assert _pairs(result) == {frozenset({"Xã Thượng Đức", "Xã Avương"})}


def test_units_of_two_eras_are_never_paired():
    text = "Hai địa phương tổ chức kết nghĩa, góp thêm ý nghĩa sau 28 năm Quảng Nam (cũ) và Đà Nẵng về chung một nhà."
    result = extract_text(text, published=AUG_2025)
    assert all(len({p.unit.era for p in t.parties if p.unit is not None}) == 1 for t in result.twinnings)


def test_joined_clauses_pair_each_subject_with_its_own_object():
    expected = {frozenset({"Phường Hải Châu", "Xã Hùng Sơn"}), frozenset({"Phường Sơn Trà", "Xã Trà Leng"})}
    en = "Hai Chau Ward has twinned with Hung Son Commune, and Son Tra Ward with Tra Leng Commune."
    vi = "Các địa phương kết nghĩa như phường Hải Châu với xã Hùng Sơn hay phường Sơn Trà với xã Trà Leng."
    assert _pairs(extract_text(en, published=AUG_2025)) == expected
    assert _pairs(extract_text(vi, published=AUG_2025)) == expected


def test_a_relation_between_three_communes_is_one_relation_of_three_parties():
    text = "Ngày 20/8/2025, lễ ký kết kết nghĩa giữa phường Hải Châu, phường Sơn Trà và xã Hùng Sơn đã diễn ra."
    result = extract_text(text, published=AUG_2025)
    assert _pairs(result) == {frozenset({"Phường Hải Châu", "Phường Sơn Trà", "Xã Hùng Sơn"})}
    [twinning] = result.twinnings
    assert twinning.established.lexical == "2025-08-20"
    draft = result.draft(validate=True)
    parties = {str(o) for _, _, o, _ in draft.quads((None, KN.party, None, None))}
    assert len(parties) == 3
    todos = [str(t) for _, _, t, _ in draft.quads((None, KNE.todo, None, None))]
    assert not [t for t in todos if t.startswith("Shapes:")], todos


def test_between_all_the_communes_is_not_a_relation_of_them_all():
    text = "Kết nghĩa giữa các xã, phường: phường Hải Châu, phường Sơn Trà và xã Hùng Sơn là chủ trương lớn."
    assert not [t for t in extract_text(text, published=AUG_2025).twinnings if len(t.parties) > 2]


def test_the_summary_counts_the_dates_written_to_the_draft(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    article = tmp_path / "a.txt"
    article.write_text(
        "Năm 1990 và năm 2001 là những năm khó khăn. Ngày 15/3/2023, huyện Đô Lương và huyện "
        "Hòa Vang đã tổ chức lễ ký kết kết nghĩa.",
        encoding="utf-8",
    )
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, "-m", "kg", "extract", str(article), "-o", str(tmp_path / "d.trig"), "--no-validate"],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result = extract_text(article.read_text(encoding="utf-8"))
    assert len([d for d in result.dates if not d.relative]) == 3
    result.draft(validate=False)
    written = result.counts()["dates"]
    assert 1 <= written < 3 and f" {written} dates)" in run.stderr.splitlines()[-1]


def test_a_count_before_the_objects_does_not_make_them_a_pair():
    text = "Nghi thức ký kết kết nghĩa giữa phường Hải Châu với 2 xã Hùng Sơn và xã Trà Leng."
    assert _pairs(extract_text(text, published=AUG_2025)) == {
        frozenset({"Phường Hải Châu", "Xã Hùng Sơn"}),
        frozenset({"Phường Hải Châu", "Xã Trà Leng"}),
    }


def test_a_1960_twinning_names_the_provinces_of_1960():
    text = "Năm 1960, tỉnh Hải Dương kết nghĩa với tỉnh Phú Yên; thành phố Hải Phòng kết nghĩa với Đà Nẵng."
    result = extract_text(text)
    keys = {t.key for t in result.twinnings}
    assert "sister-localities-hist-tinh-hai-duong--hist-tinh-phu-yen" in keys  # re-established in 1997, 1989
    assert "sister-localities-hist-thanh-pho-da-nang--pre2025-31" in keys  # Hải Phòng existed in 1960
    draft = result.draft(validate=True)
    todos = [str(t) for _, _, t, _ in draft.quads((None, KNE.todo, None, None))]
    assert not [t for t in todos if t.startswith("Shapes:")], todos


def test_a_relation_of_today_keeps_the_units_of_today():
    text = "Năm 2023, tỉnh Hải Dương và tỉnh Phú Yên ký kết chương trình hợp tác."
    assert {t.key for t in extract_text(text).twinnings} == {"cooperation-programme-pre2025-30--pre2025-54"}


def test_pairs_listed_between_commas_are_each_a_pair():
    text = (
        "Năm 2024, nhiều tỉnh kết nghĩa, như Nghệ An kết nghĩa với Quảng Ngãi, Hải Phòng với Đà Nẵng, "
        "Hà Tĩnh và Bình Định, Thái Nguyên với Khánh Hòa, Xyz với Cần Thơ và Sơn Tây với Tây Ninh."
    )
    pairs = {frozenset(k.split("-", 2)[2].split("--")) for k in (t.key for t in extract_text(text).twinnings)}
    assert pairs == {
        frozenset({"pre2025-40", "pre2025-51"}),
        frozenset({"pre2025-31", "pre2025-48"}),
        frozenset({"pre2025-42", "pre2025-52"}),
        frozenset({"pre2025-19", "pre2025-56"}),
    }


def test_the_year_of_a_relation_may_come_from_a_directive_or_a_relative_time():
    text = "Ngày 16/3/1960, Tỉnh ủy Hà Tĩnh ban hành Chỉ thị 06 về việc Hà Tĩnh kết nghĩa với Bình Định."
    assert {t.key for t in extract_text(text).twinnings} == {"sister-localities-hist-tinh-binh-dinh--hist-tinh-ha-tinh"}
    text = "Cách đây 60 năm, tỉnh Hải Dương kết nghĩa với tỉnh Phú Yên."
    keys = {t.key for t in extract_text(text, published=dt.date(2020, 1, 1)).twinnings}
    assert keys == {"sister-localities-hist-tinh-hai-duong--hist-tinh-phu-yen"}


def test_a_province_in_brackets_beside_its_town_is_not_a_party():
    text = "The twinning between Dien Ban town (Quang Nam province) and Thanh Hoa city (Thanh Hoa province) was signed."
    assert {t.key for t in extract_text(text, published=dt.date(2019, 5, 1)).twinnings} == {
        "sister-localities-pre2025-380--pre2025-507"
    }
    text = "Hoi An city (Quang Nam province) signed a twinning agreement with Thanh Hoa city."
    assert {t.key for t in extract_text(text, published=dt.date(2019, 5, 1)).twinnings} == {
        "sister-localities-pre2025-380--pre2025-503"
    }
