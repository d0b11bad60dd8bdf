"""People with posts, organizations and policies: wordings added in the fourth round (invented
sentences)."""

from __future__ import annotations

import datetime

import pytest

from kg.extract import extract_text


def _posts(text, **kw):
    return {(p.person.name, p.role, p.org.key) for p in extract_text(text, **kw).posts}


def test_former_posts_are_not_proposed_and_keep_to_their_name():
    text = (
        "Đón đoàn có ông Trần Văn Sớm, nguyên Bí thư Tỉnh ủy Nghệ An, Lê Văn Đài, nguyên Phó Bí thư "
        "Tỉnh ủy Nghệ An, và bà Hà Thị Lan, Chủ tịch HĐND tỉnh Nghệ An."
    )
    assert _posts(text) == {("Hà Thị Lan", "chairman", "peoples-council-pre2025-40")}
    assert _posts("Mr. Le Van Dai, former Chairman of the Nghe An Provincial People's Committee, spoke.") == set()


def _orgs(text, **kw):
    return {o.key for o in extract_text(text, **kw).orgs if o.key}


def test_bodies_named_only_by_a_membership_or_a_standing_role_are_not_proposed():
    text = (
        "Dự buổi lễ có ông Lê Văn Nam, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Nghệ An, và ông Hồ Văn Bảy, "
        "Phó Bí thư Thường trực Tỉnh ủy Nghệ An."
    )
    orgs = _orgs(text)
    assert "party-central-committee" not in orgs
    assert not any(key.startswith("thuong-truc") for key in orgs)
    assert ("Hồ Văn Bảy", "deputy-secretary", "party-committee-pre2025-40") in _posts(text)
    assert "party-central-committee" in _orgs("Thực hiện chủ trương của Trung ương Đảng, hai tỉnh kết nghĩa.")


@pytest.mark.parametrize(
    "text, lang, post",
    [
        (
            "Nghe An Provincial Party Secretary Tran Van Nam opened the fair.",
            "en",
            ("Tran Van Nam", "secretary", "party-committee-pre2025-40"),
        ),
        (
            "Da Nang Party Committee Secretary Le Van Tam cut the ribbon.",
            "en",
            ("Le Van Tam", "secretary", "party-committee-pre2025-48"),
        ),
        (
            "Nghe An People's Committee Chairman Le Van Tam cut the ribbon.",
            "en",
            ("Le Van Tam", "chairman", "peoples-committee-pre2025-40"),
        ),
        (
            "Vice Chairman of the Nghe An provincial People's Committee Le Van Tam said.",
            "en",
            ("Le Van Tam", "vice-chairman", "peoples-committee-pre2025-40"),
        ),
        (
            "Le Van Tam, Chairman of the provincial People's Committee of Nghe An, said.",
            "en",
            ("Le Van Tam", "chairman", "peoples-committee-pre2025-40"),
        ),
        (
            "Le président du comité populaire de la province de Nghe An, M. Le Van Tam, a parlé.",
            "fr",
            ("Le Van Tam", "chairman", "peoples-committee-pre2025-40"),
        ),
        (
            "Le vice-président du comité populaire provincial de Nghe An, Le Van Tam, a parlé.",
            "fr",
            ("Le Van Tam", "vice-chairman", "peoples-committee-pre2025-40"),
        ),
        (
            "Bí thư Tỉnh ủy Nghệ An - Lê Văn Tâm trao quà cho các hộ.",
            "vi",
            ("Lê Văn Tâm", "secretary", "party-committee-pre2025-40"),
        ),
        (
            "Chủ tịch UBND xã Lăng (huyện Đô Lương) Lê Văn Tâm cho biết như vậy.",
            "vi",
            ("Lê Văn Tâm", "chairman", "peoples-committee-pre2025-20449"),
        ),
        (
            "Lê Văn Tâm (Chủ tịch UBND tỉnh Nghệ An) trao quà cho các hộ.",
            "vi",
            ("Lê Văn Tâm", "chairman", "peoples-committee-pre2025-40"),
        ),
        (
            "Bí thư Đảng ủy, Chủ tịch UBND xã Lăng Lê Văn Tâm cho biết như vậy.",
            "vi",
            ("Lê Văn Tâm", "secretary", "party-committee-pre2025-20449"),
        ),
    ],
)
def test_posts_in_more_word_orders(text, lang, post):
    assert post in _posts(text, lang=lang)


def test_a_place_after_a_dash_is_no_person():
    assert _posts("Đoàn của Bí thư Tỉnh ủy Nghệ An - Hà Tĩnh đã đến thăm.", lang="vi") == set()
    assert _posts("Ông Lê Văn Tâm, Bí thư Đảng ủy, cho biết như vậy.", lang="vi") == set()


def test_a_city_body_without_its_city_is_that_of_the_article_s_wards():
    text = (
        "Hai Chau ward and Thanh Khe ward follow Resolution No. 07 dated May 4, 2025 of the City Party "
        "Executive Committee. The Standing Committee of the City Party Committee met on Monday."
    )
    result = extract_text(text, lang="en", published=datetime.date(2025, 9, 1))
    keys = {o.key for o in result.orgs if o.key}
    assert {"party-committee-2025-48", "standing-board-2025-48"} <= keys
    assert [(p.number, p.issuer.key) for p in result.policies] == [("07", "party-committee-2025-48")]


def test_a_list_of_bodies_shares_the_unit_of_its_last_one():
    text = (
        "Hai tỉnh Nghệ An và Hà Tĩnh đã kết nghĩa. Buổi gặp do Tỉnh ủy, HĐND, UBND, Ủy ban MTTQ tỉnh Nghệ An tổ chức."
    )
    keys = _orgs(text)
    assert {"party-committee-pre2025-40", "peoples-council-pre2025-40", "peoples-committee-pre2025-40"} <= keys
    assert not any(key.endswith("-42") for key in keys)


def test_a_provincial_body_of_a_list_is_the_province_of_its_district():
    text = "Đoàn tỉnh Hà Tĩnh đến thăm. Đồng chí Lê Văn Tâm, Tỉnh ủy viên, Bí thư Huyện ủy Đô Lương phát biểu."
    assert ("Lê Văn Tâm", "committee-member", "party-committee-pre2025-40") in _posts(text)


def test_the_issuer_of_a_document_is_read_from_its_number():
    text = (
        "Tỉnh ủy Nghệ An và UBND tỉnh Nghệ An họp bàn. Các xã thực hiện Công văn số 389/UBND-VX ngày 25/8/2024 "
        "và Chỉ thị số 16-CT/TU ngày 9/9/2021 về công tác kết nghĩa."
    )
    policies = {(p.number, p.issuer.key if p.issuer else None) for p in extract_text(text, lang="vi").policies}
    assert policies == {("389/UBND-VX", "peoples-committee-pre2025-40"), ("16-CT/TU", "party-committee-pre2025-40")}


@pytest.mark.parametrize(
    "text, lang, posts",
    [
        (
            "Phó Bí thư Tỉnh ủy kiêm Chủ tịch UBND tỉnh Nghệ An Lê Văn Tâm trao quà cho các hộ.",
            "vi",
            {
                ("Lê Văn Tâm", "deputy-secretary", "party-committee-pre2025-40"),
                ("Lê Văn Tâm", "chairman", "peoples-committee-pre2025-40"),
            },
        ),
        (
            "Deputy Secretary of the Provincial Party Committee cum Chairman of the Nghe An Provincial People's "
            "Committee Le Van Tam opened the fair.",
            "en",
            {
                ("Le Van Tam", "deputy-secretary", "party-committee-pre2025-40"),
                ("Le Van Tam", "chairman", "peoples-committee-pre2025-40"),
            },
        ),
        (
            "Chủ tịch UBND thành phố Vinh, tỉnh Nghệ An Lê Văn Tâm trao quà cho các hộ.",
            "vi",
            {("Lê Văn Tâm", "chairman", "peoples-committee-pre2025-412")},
        ),
    ],
)
def test_posts_joined_by_kiem_and_a_parent_before_the_name(text, lang, posts):
    assert _posts(text, lang=lang) == posts


def test_the_administrative_committee_of_a_province_before_1976():
    text = "Ngày 23/1/1960, Tỉnh ủy, ủy ban hành chính tỉnh Ninh Bình đã tổ chức lễ mít tinh."
    assert "uy-ban-hanh-chinh-tinh-ninh-binh" in _orgs(text)
    text = "Chủ tịch Ủy ban Hành chính tỉnh Ninh Bình Lê Văn Tâm phát biểu năm 1960."
    assert ("Lê Văn Tâm", "chairman", "uy-ban-hanh-chinh-tinh-ninh-binh") in _posts(text)


def test_party_chief_and_chairperson_in_english():
    text = "Nghe An Provincial Party chief Le Van Tam visited the school."
    assert _posts(text, lang="en") == {("Le Van Tam", "secretary", "party-committee-pre2025-40")}
    text = "Vice Chairperson of the Nghe An Provincial People's Council Tran Thi Hoa spoke."
    assert _posts(text, lang="en") == {("Tran Thi Hoa", "vice-chairman", "peoples-council-pre2025-40")}


def test_posts_named_by_their_unit_alone():
    assert _posts("Bí thư tỉnh Nghệ An Lê Văn Tâm thăm trường học.") == {
        ("Lê Văn Tâm", "secretary", "party-committee-pre2025-40")
    }
    assert _posts("Ông Lê Văn Tâm, Chủ tịch xã Lăng, huyện Đô Lương cho biết như vậy.") == {
        ("Lê Văn Tâm", "chairman", "peoples-committee-pre2025-20449")
    }


def test_more_surnames_with_their_diacritics_only():
    assert _posts("Giàng A Páo, Chủ tịch UBND huyện Đô Lương trao quà cho các hộ.") == {
        ("Giàng A Páo", "chairman", "peoples-committee-pre2025-427")
    }
    text = "Chairman of the Hau Loc District People's Committee Le Van Tam said."
    assert _posts(text, lang="en") == {("Le Van Tam", "chairman", "peoples-committee-pre2025-400")}


def test_plans_in_english_and_french():
    text = "The districts follow Plan No. 12/KH-UBND dated May 4, 2024 of the Nghe An Provincial People's Committee."
    policies = extract_text(text, lang="en").policies
    assert [(p.kind, p.number, p.issuer.key) for p in policies] == [
        ("plan", "12/KH-UBND", "peoples-committee-pre2025-40")
    ]
    assert extract_text("The plan 2025 was a good one for the district.", lang="en").policies == []


def test_a_signed_number_is_cue_enough():
    text = "UBND tỉnh Nghệ An họp bàn. Các xã triển khai Kế hoạch 145/KH-UBND về công tác kết nghĩa."
    policies = extract_text(text, lang="vi").policies
    assert [(p.kind, p.number, p.issuer.key) for p in policies] == [
        ("plan", "145/KH-UBND", "peoples-committee-pre2025-40")
    ]
    assert extract_text("Kế hoạch 2025 của xã đã rõ ràng.", lang="vi").policies == []


def test_a_number_split_by_a_space_is_one_number():
    text = "Tỉnh ủy Nghệ An ban hành Nghị quyết số 57- NQ/TU về chiến dịch mùa khô."
    assert [(p.number, p.issuer.key) for p in extract_text(text, lang="vi").policies] == [
        ("57-NQ/TU", "party-committee-pre2025-40")
    ]
    assert [p.number for p in extract_text("Chỉ thị 05 - Thái Bình làm tốt việc này.", lang="vi").policies] == ["05"]


def test_posts_listed_under_a_heading_are_in_the_bodies_of_its_unit():
    published = datetime.date(2025, 8, 10)
    inline = (
        "Phường Tân Lập và xã Phú Sơn ký kết kết nghĩa. Tham dự có:\n"
        "• Phường Tân Lập: ông Lê Văn Tám – Phó Bí thư Thường trực Đảng ủy; bà Trần Thị Mơ – Chủ tịch UBND;\n"
        "• Xã Phú Sơn: ông Nguyễn Văn Bình – Bí thư Đảng ủy.\n"
    )
    posts = _posts(inline, published=published)
    assert ("Lê Văn Tám", "deputy-secretary", "party-committee-2025-24121") in posts
    assert ("Trần Thị Mơ", "chairman", "peoples-committee-2025-24121") in posts
    assert ("Nguyễn Văn Bình", "secretary", "party-committee-2025-14407") in posts
    above = (
        "Tham dự có:\n\nXã Phú Sơn:\n- Ông Nguyễn Văn Bình, Bí thư Đảng ủy;\n- Ông Lê Văn Tám, Phó Bí thư Đảng ủy.\n"
    )
    assert _posts(above, published=published) == {
        ("Nguyễn Văn Bình", "secretary", "party-committee-2025-14407"),
        ("Lê Văn Tám", "deputy-secretary", "party-committee-2025-14407"),
    }
    # A line that only begins with a unit is no heading of the posts after it.
    assert _posts("Xã Phú Sơn đón ông Nguyễn Văn Bình, Bí thư Đảng ủy.", published=published) == set()


def test_a_heading_may_say_whose_side_it_lists():
    text = (
        "Phường Tân Lập và xã Phú Sơn ký kết kết nghĩa. Tham dự có:\n"
        "• Về phía phường Tân Lập: ông Lê Văn Tám – Phó Bí thư Thường trực Đảng ủy;\n"
    )
    posts = _posts(text, published=datetime.date(2025, 8, 10))
    assert posts == {("Lê Văn Tám", "deputy-secretary", "party-committee-2025-24121")}


def test_a_bare_party_committee_before_its_holder_s_name():
    published = datetime.date(2025, 8, 10)
    text = "Tham dự có:\n• Phường Tân Lập: Bí thư Đảng ủy Lê Văn Tám; Chủ tịch UBND Trần Thị Mơ.\n"
    assert ("Lê Văn Tám", "secretary", "party-committee-2025-24121") in _posts(text, published=published)
    # No heading nor other post to give its unit: nothing is proposed.
    assert _posts("Phường Tân Lập đón khách. Bí thư Đảng ủy Lê Văn Tám phát biểu.", published=published) == set()


def test_a_heading_may_end_with_the_word_that_opens_its_list():
    published = datetime.date(2025, 8, 10)
    above = "Tham dự có:\nXã Phú Sơn có các đồng chí:\n- Lê Văn Tám, Bí thư Đảng ủy;\n"
    assert _posts(above, published=published) == {("Lê Văn Tám", "secretary", "party-committee-2025-14407")}
    inline = "Tham dự có:\n- Đoàn phường Tân Lập gồm: ông Lê Văn Tám – Phó Bí thư Đảng ủy.\n"
    assert _posts(inline, published=published) == {("Lê Văn Tám", "deputy-secretary", "party-committee-2025-24121")}
    # Without its colon, a sentence that opens with a unit is no heading.
    assert _posts("Xã Phú Sơn có ông Lê Văn Tám, Bí thư Đảng ủy.\n", published=published) == set()
