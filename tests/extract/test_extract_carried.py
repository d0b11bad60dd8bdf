"""Days a sentence takes from the sentences before it (kg/extract/carried_dates.py), and other
wordings of the 2025 commune twinnings. Every sentence here is invented."""

from __future__ import annotations

import datetime as dt

from kg.extract import extract_text

PUBLISHED = dt.date(2025, 9, 20)


def _dates(text):
    draft = extract_text(text, published=PUBLISHED)
    return {t.key: t.established for t in draft.twinnings}, draft


def test_a_detailing_sentence_takes_the_day_of_the_sentence_before():
    found, draft = _dates(
        "Ngày 12-9, nhiều địa phương trong thành phố đã tổ chức kết nghĩa. "
        "Cụ thể, Đảng ủy phường Hòa Khánh và Đảng ủy xã Hòa Vang tổ chức lễ kết nghĩa."
    )
    [(parties, established)] = found.items()
    assert established is not None and established.lexical == "2025-09-12"
    assert any(e.date is not None and e.date.lexical == "2025-09-12" for e in draft.events)


def test_the_same_day_is_the_last_day_stated_before():
    found, _ = _dates(
        "Sáng 12/9, xã Hòa Tiến tổ chức hội nghị sơ kết. "
        "Cùng ngày, phường Hòa Khánh và xã Hòa Vang tổ chức lễ ký kết chương trình kết nghĩa."
    )
    [(parties, established)] = found.items()
    assert established is not None and established.lexical == "2025-09-12"


def test_a_detailing_sentence_after_two_days_takes_none():
    found, _ = _dates(
        "Ngày 10/9 và ngày 12/9, nhiều địa phương đã tổ chức kết nghĩa. "
        "Cụ thể, phường Hòa Khánh và xã Hòa Vang tổ chức lễ kết nghĩa."
    )
    [(parties, established)] = found.items()
    assert established is None


def _bodies(text):
    draft = extract_text(text, published=PUBLISHED)
    return [sorted(p.org.name for p in t.parties if p.org is not None) for t in draft.twinnings]


def test_an_army_company_is_a_body_of_its_own_after_a_border_post():
    # "Đồn ... và Đại đội ...": two bodies, not one name running over "và".
    assert _bodies(
        "Ngày 4/9, tại xã Hướng Phùng diễn ra lễ ký kết nghĩa giữa Đồn Biên phòng Cù Bai và "
        "Đại đội Biên phòng 317 của nước bạn Lào."
    ) == [["Đại đội Biên phòng 317", "Đồn Biên phòng Cù Bai"]]


def test_a_defence_zone_is_named_with_its_number_and_name():
    assert _bodies(
        "Chiều 3/10, phường Hải Châu và Ban Chỉ huy Phòng thủ khu vực 2 – Sơn Trà tổ chức lễ ký kết "
        "chương trình kết nghĩa."
    ) == [["Ban Chỉ huy Phòng thủ khu vực 2 – Sơn Trà"]]


def test_a_command_in_brackets_after_a_post_is_not_a_party():
    assert _bodies(
        "Đồn Biên phòng Cù Bai (Bộ đội Biên phòng tỉnh Quảng Trị) tổ chức lễ kết nghĩa với "
        "Đại đội Biên phòng 317 (nước bạn Lào)."
    ) == [["Đại đội Biên phòng 317", "Đồn Biên phòng Cù Bai"]]


def test_a_command_after_a_comma_is_where_the_company_belongs():
    assert _bodies(
        "Ngày 4/9, tại xã Hướng Phùng diễn ra lễ ký kết nghĩa giữa Đồn Biên phòng Cù Bai và "
        "Đại đội Biên phòng 317, Bộ Chỉ huy Quân sự tỉnh Xa Van, nước bạn Lào."
    ) == [["Đại đội Biên phòng 317", "Đồn Biên phòng Cù Bai"]]


def _posts(text):
    draft = extract_text(text, published=PUBLISHED)
    return {(p.person.name, p.role, p.org.kind, p.org.unit.short_name if p.org.unit else None) for p in draft.posts}


def test_a_bare_party_committee_takes_the_commune_its_list_resolved():
    posts = _posts(
        "Phường Hải Châu và xã Hòa Vang ký kết chương trình kết nghĩa.\n"
        "Dự lễ có:\n"
        "Lê Văn Bình – Ủy viên Thành ủy, Bí thư Đảng ủy, Chủ tịch HĐND phường;\n"
        "Phạm Văn Nam – Phó Bí thư, Chủ tịch UBND phường;\n"
    )
    assert ("Lê Văn Bình", "secretary", "party-committee", "Hải Châu") in posts
    assert ("Phạm Văn Nam", "deputy-secretary", "party-committee", "Hải Châu") in posts
    assert ("Phạm Văn Nam", "chairman", "peoples-committee", "Hải Châu") in posts


def test_a_bare_deputy_secretary_before_a_provincial_chair_stays_unread():
    posts = _posts("Ông Lê Văn Bình, Phó Bí thư, Chủ tịch UBND tỉnh Quảng Nam dự lễ.")
    assert {role for _, role, _, _ in posts} == {"chairman"}


def test_an_age_after_the_relation_it_is_of_is_its_age():
    draft = extract_text(
        "Được biết, Ngân hàng Agribank chi nhánh Quảng Nam đã kết nghĩa với xã Trà Cang được 17 năm.",
        published=dt.date(2024, 3, 1),
    )
    [twinning] = draft.twinnings
    assert twinning.established_relative is not None and twinning.established_relative.offset == "P17Y"


def test_a_duration_of_something_else_is_no_age():
    draft = extract_text("Nhà văn hóa xã Trà Cang đã hoạt động được 10 năm.", published=dt.date(2024, 3, 1))
    assert not [d for d in draft.dates if d.relative]


def test_days_from_one_to_another_of_one_month_are_the_ceremony_s_span():
    draft = extract_text(
        "Từ ngày 12 đến 15/10, các đồn biên phòng tổ chức lễ kết nghĩa với Đại đội Biên phòng 317.",
        published=dt.date(2025, 10, 20),
    )
    [event] = [e for e in draft.events if e.kind == "ceremony"]
    assert (event.date.lexical, event.end_date.lexical) == ("2025-10-12", "2025-10-15")


def test_a_first_day_after_the_last_is_of_another_month():
    draft = extract_text("Từ ngày 28 đến 3/11, đoàn công tác làm việc tại xã Trà Cang.", published=PUBLISHED)
    assert not [d for d in draft.dates if d.lexical.endswith("11-28")]


def _kinds(text):
    return {t.kind for t in extract_text(text, published=PUBLISHED).twinnings}


def test_commune_pairs_of_a_lowland_mountain_programme_are_of_that_kind():
    assert _kinds(
        "Chiều 12/9, phường Hải Châu và xã Hòa Vang ký kết chương trình kết nghĩa. Thành phố đã phân công "
        "40 xã, phường đồng bằng hỗ trợ 20 xã miền núi."
    ) == {"lowland-mountain"}


def test_commune_pairs_without_such_a_programme_stay_sister_localities():
    assert _kinds("Chiều 12/9, phường Hải Châu và xã Hòa Vang ký kết chương trình kết nghĩa.") == {"sister-localities"}


def test_districts_of_before_the_reform_are_no_lowland_mountain_pair():
    draft = extract_text(
        "Huyện Đô Lương kết nghĩa với huyện Hòa Vang, giúp đỡ các xã miền núi.", published=dt.date(2020, 1, 1)
    )
    assert {t.kind for t in draft.twinnings} == {"sister-localities"}


def test_a_plural_head_names_each_body_of_its_list():
    bodies = _bodies(
        "Ngày 5/9, các Đồn Biên phòng Cù Bai, Hướng Lập và La Lay (Bộ đội Biên phòng tỉnh Quảng Trị) "
        "tổ chức lễ kết nghĩa với Đại đội Biên phòng 317."
    )
    assert sorted(bodies) == [
        ["Đại đội Biên phòng 317", "Đồn Biên phòng Cù Bai"],
        ["Đại đội Biên phòng 317", "Đồn Biên phòng Hướng Lập"],
        ["Đại đội Biên phòng 317", "Đồn Biên phòng La Lay"],
    ]


def test_a_singular_head_before_a_comma_names_one_body():
    bodies = _bodies("Đồn Biên phòng Cù Bai, Quảng Trị tổ chức lễ kết nghĩa với Đại đội Biên phòng 317.")
    assert all(len(b) <= 2 for b in bodies) and not any("Quảng Trị" in n for b in bodies for n in b)


def test_two_objects_of_with_whose_subject_was_not_read_are_no_pair():
    draft = extract_text("Phường 99 kết nghĩa với xã Trạm Hành và xã Tam Bố.", published=dt.date(2024, 11, 1))
    assert draft.twinnings == []


def test_the_units_above_a_commune_written_after_it_do_not_break_its_list():
    draft = extract_text(
        "Đảng ủy phường Bến Nghé kết nghĩa với xã Trạm Hành, thành phố Đà Lạt và xã Tam Bố, huyện Di Linh, "
        "tỉnh Lâm Đồng.",
        published=dt.date(2024, 11, 1),
    )
    assert len(draft.twinnings) == 2
    assert all(len(t.parties) == 2 for t in draft.twinnings)


def test_family_names_of_mountain_commune_officials_after_their_title():
    posts = _posts(
        "Chủ tịch UBND xã Hùng Sơn Alăng Thị Hoa và Bí thư Đảng ủy xã Ia Dom Ksor Tuấn ký biên bản kết nghĩa."
    )
    assert ("Alăng Thị Hoa", "chairman", "peoples-committee", "Hùng Sơn") in posts
    assert ("Ksor Tuấn", "secretary", "party-committee", "Ia Dom") in posts


def test_a_helping_verb_after_the_twinning_word_keeps_its_object():
    draft = extract_text(
        "Theo phân công, phường Hải Châu kết nghĩa, hỗ trợ xã Hùng Sơn; phường Hòa Cường hỗ trợ xã Trà Tân.",
        published=PUBLISHED,
    )
    assert [{p.unit.short_name for p in t.parties} for t in draft.twinnings] == [{"Hải Châu", "Hùng Sơn"}]


def test_a_passive_twinning_names_its_agent_as_the_other_side():
    draft = extract_text(
        "Xã Hùng Sơn được phường Hải Châu nhận kết nghĩa, giúp đỡ. Xã Trà Tân do Ngân hàng Agribank chi nhánh "
        "Quảng Nam đỡ đầu.",
        published=PUBLISHED,
    )
    found = [{p.unit.short_name if p.unit else p.org.name for p in t.parties} for t in draft.twinnings]
    assert {"Hải Châu", "Hùng Sơn"} in found and {"Agribank Quảng Nam", "Trà Tân"} in found


def test_help_given_by_a_ward_is_no_passive_twinning():
    draft = extract_text(
        "Xã Hùng Sơn được phường Hải Châu hỗ trợ 100 triệu đồng trong lễ kết nghĩa.", published=PUBLISHED
    )
    assert draft.twinnings == []
