"""Twinning statements: parties, kind, status and dates, in Vietnamese, French and English."""

from __future__ import annotations

import datetime as dt

from kg.extract import extract_text


def _twinnings(text, **kw):
    return {t.key: t for t in extract_text(text, **kw).twinnings}


def test_signed_between_two_districts_with_date():
    found = _twinnings(
        "Ngày 15/3/2023, huyện Đô Lương (Nghệ An) và huyện Hòa Vang (Đà Nẵng) đã tổ chức lễ ký kết "
        "chương trình kết nghĩa."
    )
    assert list(found) == ["sister-localities-pre2025-427--pre2025-497"]
    twinning = found["sister-localities-pre2025-427--pre2025-497"]
    assert twinning.status == "active"
    assert (twinning.established.lexical, twinning.established.datatype) == ("2023-03-15", "date")
    assert twinning.agreement_type == "cooperation-programme-document"


def test_place_of_the_ceremony_is_not_a_party():
    found = _twinnings("Tại huyện Đô Lương, huyện Đô Lương và huyện Hòa Vang ký kết kết nghĩa.")
    assert list(found) == ["sister-localities-pre2025-427--pre2025-497"]


def test_with_objects_give_one_twinning_each_and_lower_levels_are_sponsored():
    text = (
        "UBND thành phố Vinh ký kết chương trình kết nghĩa với UBND huyện Hòa Vang và với các xã biên giới "
        "La Êê và La Dê huyện Nam Giang."
    )
    found = _twinnings(text)
    assert set(found) == {
        "sister-localities-pre2025-412--pre2025-497",
        "sponsorship-pre2025-20698--pre2025-412",
        "sponsorship-pre2025-20704--pre2025-412",
    }
    sponsorship = found["sponsorship-pre2025-20698--pre2025-412"]
    assert [p.key for p in sponsorship.parties] == ["pre2025-412", "pre2025-20698"]  # sponsor first


def test_respectively():
    text = (
        "Phường Thanh Khê và phường Hải Vân lần lượt ký kết kết nghĩa với xã Tây Giang và xã Hùng Sơn "
        "vào ngày 20/8/2025."
    )
    assert set(_twinnings(text)) == {
        "sister-localities-2025-20209--2025-20455",
        "sister-localities-2025-20194--2025-20443",
    }


def test_planned_status_covers_both_clauses_and_keeps_the_relative_time():
    text = (
        "Theo kế hoạch cuối tuần này, phường Thanh Khê tổ chức kết nghĩa với xã Tây Giang; "
        "phường Hải Vân tổ chức kết nghĩa với xã Hùng Sơn."
    )
    found = _twinnings(text, published=dt.date(2025, 8, 20))  # the date puts the wards in the 2025 era
    assert {t.status for t in found.values()} == {"planned"} and len(found) == 2
    assert {t.established_relative.text for t in found.values()} == {"cuối tuần này"}


def test_se_and_du_kien_are_planned():
    for text in (
        "Phường Thanh Khê sẽ kết nghĩa với xã Tây Giang vào ngày 1/9/2025.",
        "Phường Thanh Khê dự kiến kết nghĩa với xã Tây Giang trong tháng 9/2025.",
    ):
        assert [t.status for t in _twinnings(text).values()] == ["planned"]


def test_relative_establishment():
    found = _twinnings("Qua hơn 5 năm kết nghĩa, huyện Đô Lương và huyện Hòa Vang đã hỗ trợ nhau nhiều mặt.")
    relative = found["sister-localities-pre2025-427--pre2025-497"].established_relative
    assert (relative.offset, relative.qualifier) == ("P5Y", "lower-bound")


def test_cooperation_programme_between_two_offices_keeps_the_organizations():
    found = _twinnings(
        "Lễ ký kết chương trình hợp tác giữa Văn phòng Tỉnh ủy Nghệ An và Văn phòng Tỉnh ủy "
        "Quảng Ngãi diễn ra sáng nay."
    )
    assert list(found) == ["cooperation-programme-org-party-office-pre2025-40--org-party-office-pre2025-51"]


def test_cooperation_activities_alone_are_not_a_twinning():
    assert _twinnings("Hai tỉnh Nghệ An và Quảng Ngãi tăng cường các hoạt động hợp tác, hỗ trợ.") == {}


def test_party_committees_signing_make_their_units_twinned():
    found = _twinnings(
        "Đảng ủy phường Thanh Khê và Đảng ủy xã Tây Giang vừa ký kết chương trình kết nghĩa "
        "giữa 2 địa phương vào ngày 12/8/2025."
    )
    assert list(found) == ["sister-localities-2025-20209--2025-20455"]
    assert found["sister-localities-2025-20209--2025-20455"].established.lexical == "2025-08-12"


def test_generic_between_is_not_a_pair():
    text = "Quảng Nam và Đà Nẵng đã triển khai chương trình kết nghĩa giữa các địa phương đồng bằng với miền núi."
    assert _twinnings(text) == {}


def test_the_two_provinces_are_the_two_the_article_names_most():
    text = (
        "Đoàn công tác tỉnh Nghệ An thăm tỉnh Quảng Ngãi. Nghệ An và Quảng Ngãi cùng phát triển. "
        "Hai tỉnh kết nghĩa từ năm 1965."
    )
    found = _twinnings(text)
    # 1965: the provinces of then (both re-established later; see data/history/units.csv)
    twinning = found["sister-localities-hist-tinh-nghe-an--hist-tinh-quang-ngai"]
    assert twinning.established.lexical == "1965" and twinning.confidence < 0.7


def test_french_jumelage_with_its_ceremony_date():
    text = (
        "Afin de renforcer le jumelage entre le district de Do Luong (Nghe An) et le district de Hoa Vang, "
        "une délégation a visité. Le 20 novembre 1968, la cérémonie de jumelage a eu lieu entre le district "
        "de Hoa Vang et le district de Do Luong."
    )
    found = _twinnings(text, lang="fr")
    twinning = found["sister-localities-pre2025-427--pre2025-497"]
    assert len(found) == 1 and twinning.established.lexical == "1968-11-20"


def test_french_depuis():
    found = _twinnings("Le district de Do Luong est jumelé avec le district de Hoa Vang depuis 2010.", lang="fr")
    assert found["sister-localities-pre2025-427--pre2025-497"].established.lexical == "2010"


def test_english_twinning_and_planned():
    text = (
        "Do Luong district and Hoa Vang district signed a twinning agreement on 20 May 2022. "
        "Nghe An province will sign a twinning programme with Quang Ngai province next month."
    )
    found = _twinnings(text, lang="en")
    assert found["sister-localities-pre2025-427--pre2025-497"].status == "active"
    assert found["sister-localities-pre2025-40--pre2025-51"].status == "planned"


def test_sponsorship_by_an_enterprise():
    found = _twinnings("Công ty Điện lực Nghệ An nhận kết nghĩa đỡ đầu xã Lăng, huyện Tây Giang.")
    assert list(found) == ["sponsorship-org-cong-ty-dien-luc-nghe-an--pre2025-20449"]


def test_support_by_a_bank_in_a_twinning_article_is_a_low_confidence_sponsorship():
    text = (
        "Công tác kết nghĩa được quan tâm. Các đơn vị kết nghĩa hỗ trợ nhiều mô hình. "
        "Agribank Nghệ An hỗ trợ mô hình trồng cam cho 50 hộ gia đình tại xã Lăng, Tây Giang."
    )
    found = _twinnings(text)
    twinning = found["sponsorship-org-agribank-nghe-an--pre2025-20449"]
    assert twinning.inferred and twinning.confidence < 0.5


def test_no_twinning_word_no_twinning():
    result = extract_text("Huyện Đô Lương và huyện Hòa Vang cùng tổ chức hội nghị ngày 3/3/2023.")
    assert result.twinnings == [] and result.status == "no-twinning"


def test_a_district_of_1962_is_named_as_it_was_then():
    # thị xã Điện Bàn (pre2025:507) was huyện Điện Bàn until 2015 (data/history/units.csv)
    found = _twinnings("Năm 1962, huyện Hoằng Hóa (Thanh Hóa) kết nghĩa với thị xã Điện Bàn (Quảng Nam).")
    assert list(found) == ["sister-localities-hist-huyen-dien-ban--pre2025-399"]
    # the same pair written in 2020 keeps the units of 2020
    found = _twinnings("Năm 2020, huyện Hoằng Hóa (Thanh Hóa) kết nghĩa với thị xã Điện Bàn (Quảng Nam).")
    assert list(found) == ["sister-localities-pre2025-399--pre2025-507"]


def test_bare_districts_paired_by_dashes_in_a_twinning_list():
    # invented: districts of the two provinces the sentence names, one (Tĩnh Gia) only historical
    text = (
        "Năm 1961, tỉnh Thanh Hóa và tỉnh Quảng Nam cho các huyện kết nghĩa: Nga Sơn - Đại Lộc; "
        "Tĩnh Gia – Tiên Phước, Hoằng Hóa - Duy Xuyên."
    )
    assert set(_twinnings(text)) == {
        "sister-localities-hist-tinh-quang-nam--pre2025-38",
        "sister-localities-pre2025-401--pre2025-506",
        "sister-localities-hist-huyen-tinh-gia--pre2025-514",
        "sister-localities-pre2025-399--pre2025-508",
    }


def test_a_dashed_chain_or_names_outside_the_article_provinces_give_no_pair():
    text = "Tỉnh Thanh Hóa kết nghĩa: Nga Sơn - Đại Lộc - Tiên Phước; Hoằng Hóa - Điện Biên Đông."
    assert _twinnings(text) == {}


def test_the_age_of_a_relation_dates_its_units():
    # invented: 2019 - 60 = 1959, when Hải Dương and Phú Yên were the provinces of then
    found = _twinnings("Năm 2019 đánh dấu tròn 60 năm kết nghĩa giữa hai tỉnh Hải Dương và Phú Yên.")
    twinning = found["sister-localities-hist-tinh-hai-duong--hist-tinh-phu-yen"]
    assert twinning.established_relative.offset == "P60Y"
    # the same relation said to be 10 years old keeps the 2024 provinces
    found = _twinnings("Năm 2019 đánh dấu tròn 10 năm kết nghĩa giữa hai tỉnh Hải Dương và Phú Yên.")
    assert list(found) == ["sister-localities-pre2025-30--pre2025-54"]


def test_wartime_relation_names_the_units_of_the_war():
    found = _twinnings("Hải Dương và Phú Yên là hai tỉnh kết nghĩa trong thời kỳ kháng chiến chống Mỹ.")
    assert list(found) == ["sister-localities-hist-tinh-hai-duong--hist-tinh-phu-yen"]


def test_an_anniversary_range_starts_at_the_founding():
    text = "Tối 5/6/2022, hai huyện tổ chức lễ kỷ niệm kết nghĩa Hoằng Hóa – Quảng Xương (4/6/1962 – 4/6/2022)."
    (twinning,) = _twinnings(text, published=dt.date(2022, 6, 6)).values()
    assert twinning.established.lexical == "1962-06-04"


def test_three_cities_in_a_dashed_chain_or_counted_are_one_relation():
    # invented; Huế and Sài Gòn as the cities of 1960 (data/history/units.csv), Hà Nội unchanged
    three = "sister-localities-hist-thanh-pho-hue--hist-thanh-pho-sai-gon--pre2025-01"
    chain = _twinnings("Năm 1960, phong trào kết nghĩa có Hà Nội - Huế - Sài Gòn và Hà Đông - Cần Thơ.")
    assert set(chain) == {three, "sister-localities-hist-tinh-can-tho--hist-tinh-ha-dong"}
    counted = _twinnings("Năm 1960, ba thành phố tổ chức kết nghĩa sau cùng là Hà Nội, Huế và Sài Gòn.")
    assert list(counted) == [three]


def test_a_province_name_with_a_dash_is_one_party():
    found = _twinnings("Năm 1960, tỉnh Thừa Thiên - Huế kết nghĩa với Hà Nội.")
    assert list(found) == ["sister-localities-hist-tinh-thua-thien--pre2025-01"]


def test_a_party_of_the_past_dates_the_other():
    # Biên Hòa, a province only until 1976, makes the relation one of Hà Nam of then
    found = _twinnings("Phong trào có từ 1960 (không ghi ngày). Tỉnh Hà Nam kết nghĩa với Biên Hòa.")
    assert list(found) == ["sister-localities-hist-tinh-bien-hoa--hist-tinh-ha-nam"]


def test_a_verb_kết_nghĩa_takes_its_object_and_never_pairs_a_place_with_its_province():
    found = _twinnings("Năm 2019, đoàn thị xã Điện Bàn đã thăm đơn vị kết nghĩa huyện Hoằng Hóa.")
    assert list(found) == ["sister-localities-pre2025-399--pre2025-507"]
    found = _twinnings("Thành phố Vinh có biểu tượng kết nghĩa Nghệ An - Quảng Bình.")
    assert list(found) == ["sister-localities-pre2025-40--pre2025-44"]


def test_one_relation_named_in_wartime_and_today_is_proposed_once_with_its_founding_units():
    text = (
        "Năm 2019, tỉnh Bình Thuận và tỉnh Tuyên Quang tổ chức lễ kỷ niệm tình kết nghĩa. "
        "Bình Thuận và Tuyên Quang kết nghĩa trong thời kỳ kháng chiến chống Mỹ."
    )
    found = _twinnings(text, published=dt.date(2020, 5, 1))
    assert list(found) == ["sister-localities-hist-tinh-binh-thuan--hist-tinh-tuyen-quang"]
    assert len(found["sister-localities-hist-tinh-binh-thuan--hist-tinh-tuyen-quang"].evidence) == 2


def test_a_dash_pair_after_kết_nghĩa_takes_no_subject_before_it():
    text = "Năm 2019, huyện Quế Sơn dựng công viên mang tên quan hệ kết nghĩa Nam Giang - Ngọc Lặc."
    assert list(_twinnings(text)) == ["sister-localities-pre2025-389--pre2025-510"]


def test_a_town_of_then_and_its_name_of_today_in_brackets():
    # invented; thị xã Thanh Hóa and thị xã Hội An are only in the historical gazetteer
    text = "Năm 1961, thị xã Thanh Hóa (nay là thành phố Thanh Hóa) kết nghĩa với thị xã Hội An (nay là TP. Hội An)."
    assert list(_twinnings(text)) == ["sister-localities-hist-thi-xa-hoi-an--hist-thi-xa-thanh-hoa"]


def test_an_official_twinning_oath_dates_the_relation():
    # invented: "chính thức" and a word or two before "kết nghĩa" still report the act itself
    found = _twinnings("Ngày 2/5/1982, hai huyện Đô Lương và Hòa Vang chính thức tuyên thệ kết nghĩa anh em.")
    twinning = found["sister-localities-pre2025-427--pre2025-497"]
    assert twinning.established.lexical == "1982-05-02"


def test_establishing_relations_is_a_cooperation_in_three_languages():
    for text in (
        "Năm 2018, tỉnh Quảng Nam và tỉnh Bình Dương thiết lập quan hệ hợp tác toàn diện.",
        "In 2016, Quang Nam province and Binh Duong province established cooperative ties.",
        "La coopération décentralisée entre la province de Quang Nam et la province de Binh Duong date de 2010.",
        "In 2019, Quang Nam province and Binh Duong province signed a partnership agreement.",
    ):
        assert list(_twinnings(text)) == ["cooperation-programme-pre2025-49--pre2025-74"], text


def test_representatives_of_a_place_are_coordinated_with_the_other_party():
    # Invented: "A và đại diện B", "lãnh đạo A và lãnh đạo B" act for the two places.
    for text in (
        "Ngày 20/5/1960, tỉnh Thái Bình và đại diện tỉnh Trà Vinh đã tổ chức lễ kết nghĩa.",
        "Lãnh đạo tỉnh Thái Bình và lãnh đạo của tỉnh Trà Vinh ký kết nghĩa.",
    ):
        found = _twinnings(text)
        assert [sorted(p.unit.short_name for p in t.parties) for t in found.values()] == [["Thái Bình", "Trà Vinh"]]


def test_a_clause_reporting_the_act_dates_the_relation():
    # Invented: "đã kết nghĩa với", "đã chính thức trở thành hai tỉnh kết nghĩa" with a date.
    found = _twinnings("Hưởng ứng phong trào đó, ngày 14/2/1961, tỉnh Yên Bái cũng đã kết nghĩa với tỉnh Phú Yên.")
    (twinning,) = found.values()
    assert (twinning.established.lexical, twinning.established.datatype) == ("1961-02-14", "date")
    found = _twinnings("Cuối năm 1962, Lạng Sơn và Bình Dương đã chính thức trở thành hai tỉnh kết nghĩa.")
    (twinning,) = found.values()
    assert twinning.established.lexical == "1962"
    # an age, not the act: the year is the present one
    found = _twinnings("Năm 2021, hai tỉnh Lạng Sơn và Bình Dương đã kết nghĩa được 59 năm.")
    assert all(t.established is None or t.established.lexical != "2021" for t in found.values())


def test_a_place_name_inside_a_longer_proper_name_is_no_party():
    # Invented caption: three newspapers twinned, one named after a province ("Sóc Trăng Điện Tử").
    text = "Lãnh đạo các báo tại tọa đàm kỷ niệm kết nghĩa Thanh Niên Mới - Bắc Giang - Sóc Trăng Điện Tử năm 2019."
    assert _twinnings(text) == {}
    # a place's name right after another's still names it
    units = extract_text("Tại buổi lễ, Bắc Giang Sóc Trăng kết nghĩa.").units
    assert {m.unit.short_name for m in units if m.unit is not None} == {"Bắc Giang", "Sóc Trăng"}


def test_pairs_listed_after_a_twinning_clause_go_on_past_semicolons():
    # Invented: a twinning clause ending "A với B", then items "C với D" cut by semicolons.
    text = (
        "Năm 1960, mở đầu phong trào kết nghĩa là tỉnh Hưng Yên với tỉnh Long An, sau đến các tỉnh Yên Bái "
        "với Phú Yên; Lạng Sơn với Bình Dương; và Quảng Ninh với Bà Rịa."
    )
    pairs = {tuple(sorted(p.unit.short_name for p in t.parties)) for t in _twinnings(text).values()}
    assert {("Phú Yên", "Yên Bái"), ("Bình Dương", "Lạng Sơn")} <= pairs
    # a clause that is more than a pair is not an item
    text = "Huyện Đô Lương kết nghĩa với huyện Hòa Vang; xã Bồi Sơn phối hợp với xã Hòa Bắc trồng rừng."
    assert len(_twinnings(text)) == 1


def test_a_date_opening_the_sentence_dates_the_twinning_verb():
    # Invented: "Năm YYYY, A kết nghĩa với B" tells when the act took place.
    (twinning,) = _twinnings("Năm 1961, tỉnh Hưng Yên kết nghĩa với tỉnh Long An.").values()
    assert twinning.established.lexical == "1961"
    # "tỉnh kết nghĩa với" qualifies a noun: the clause reports a visit, not the act
    text = "Năm 2024, đoàn công tác tỉnh Hưng Yên, tỉnh kết nghĩa với tỉnh Long An, đã trao 50 suất quà."
    assert all(t.established is None for t in _twinnings(text).values())
    (twinning,) = _twinnings("Ngày 5/11/1962, thành phố Việt Trì kết nghĩa với thành phố Mỹ Tho.").values()
    assert twinning.established.lexical == "1962-11-05"


def test_ket_nghia_cung_names_the_object_as_ket_nghia_voi_does():
    # Invented: "A (được) kết nghĩa cùng B".
    found = _twinnings("Sau đó, huyện Kim Sơn của tỉnh Ninh Bình được kết nghĩa cùng huyện Hồng Dân của tỉnh Bạc Liêu.")
    assert [sorted(p.unit.short_name for p in t.parties) for t in found.values()] == [["Hồng Dân", "Kim Sơn"]]


def test_a_relation_that_came_into_being_is_dated_by_its_clause():
    # Invented: "the twinning between A and B materialized", "quan hệ kết nghĩa được xác lập".
    (twinning,) = _twinnings("On June 2, 1961, the twinning between Haiphong and Nghe An materialized.").values()
    assert twinning.established.lexical == "1961-06-02"
    (twinning,) = _twinnings("Năm 1962, quan hệ kết nghĩa giữa tỉnh Yên Bái và tỉnh Phú Yên được xác lập.").values()
    assert twinning.established.lexical == "1962"


def test_a_date_right_after_the_verb_and_its_object_dates_the_relation():
    # Invented: "A kết nghĩa với B vào năm 1961", "A và B kết nghĩa ngày 2/9/1961".
    (twinning,) = _twinnings("Tỉnh Yên Bái kết nghĩa với tỉnh Phú Yên vào năm 1961.").values()
    assert twinning.established.lexical == "1961"
    (twinning,) = _twinnings("Yên Bái và Phú Yên kết nghĩa ngày 2/9/1961.").values()
    assert twinning.established.lexical == "1961-09-02"
    # a later act of the clause is no founding
    (twinning,) = _twinnings("Yên Bái và Phú Yên kết nghĩa, đã trao quà ngày 2/9/2024.").values()
    assert twinning.established is None


def test_an_age_before_the_opening_date_names_the_same_moment():
    # Invented: "Cách đây 64 năm, ngày 2/9/1961, A kết nghĩa với B": dated 1961, units of 1961.
    (twinning,) = _twinnings("Cách đây 64 năm, ngày 2/9/1961, tỉnh Hưng Yên kết nghĩa với tỉnh Long An.").values()
    assert twinning.established.lexical == "1961-09-02"
    assert sorted(p.key for p in twinning.parties) == ["hist-tinh-hung-yen", "hist-tinh-long-an"]


def test_the_day_of_an_anniversary_ceremony_is_not_the_founding():
    # Invented: the evening of the 64th anniversary; the age, not the day, dates the relation.
    found = _twinnings(
        "Tối 2/4, tỉnh Hưng Yên tổ chức lễ kỷ niệm 64 năm ngày kết nghĩa với tỉnh Long An.",
        published=dt.date(2025, 4, 3),
    )
    (twinning,) = found.values()
    assert twinning.established is None or twinning.established.lexical == "1961"
    assert twinning.established_relative.offset == "P64Y"
    assert sorted(p.key for p in twinning.parties) == ["hist-tinh-hung-yen", "hist-tinh-long-an"]


def test_the_province_after_the_place_of_the_event_is_the_subject_before_its_verb():
    # Invented lede: "tại TP X, tỉnh X tổ chức ...": the province organises, it is no address.
    found = _twinnings(
        "Sáng 5/6, tại thành phố Hưng Yên, tỉnh Hưng Yên long trọng tổ chức lễ kỷ niệm 64 năm ngày kết "
        "nghĩa với tỉnh Long An.",
        published=dt.date(2024, 6, 6),
    )
    assert [sorted(p.unit.short_name for p in t.parties) for t in found.values()] == [["Hưng Yên", "Long An"]]
    # an address followed by a comma stays an address
    found = _twinnings("Sáng 5/3, tại thành phố Vinh, tỉnh Nghệ An, huyện Đô Lương và huyện Hòa Vang ký kết kết nghĩa.")
    assert list(found) == ["sister-localities-pre2025-427--pre2025-497"]


def test_an_age_in_a_2025_article_makes_the_relation_one_of_the_past():
    # Invented, after the 2025 reform: Long An is gone, Hưng Yên renamed a merged province; the age
    # says the relation was made before the reform, so its parties are the units of then.
    found = _twinnings(
        "Tối 2/9, tỉnh Hưng Yên tổ chức lễ kỷ niệm 64 năm ngày kết nghĩa với tỉnh Long An.",
        published=dt.date(2025, 9, 3),
    )
    assert [sorted(p.key for p in t.parties) for t in found.values()] == [["hist-tinh-hung-yen", "hist-tinh-long-an"]]


def test_a_date_named_the_day_of_the_twinning_dates_it():
    # Invented: "Ngày X là ngày hai tỉnh A và B kết nghĩa".
    (twinning,) = _twinnings("Ngày 2/9/1961 là ngày hai tỉnh Hưng Yên và Long An kết nghĩa.").values()
    assert twinning.established.lexical == "1961-09-02"
