"""Organizations and people with their posts, in Vietnamese, French and English."""

from __future__ import annotations

import pytest

from kg.extract import extract_text


def _orgs(text, **kw):
    return {o.key for o in extract_text(text, **kw).orgs if o.key}


def _posts(text, **kw):
    return {(p.person.name, p.role, p.org.key) for p in extract_text(text, **kw).posts}


@pytest.mark.parametrize(
    "text, key",
    [
        ("Huyện ủy Đô Lương họp.", "party-committee-pre2025-427"),
        ("Đảng bộ huyện Hòa Vang tròn 75 năm.", "party-committee-pre2025-497"),
        ("Ban Thường vụ Tỉnh ủy Nghệ An chỉ đạo.", "standing-board-pre2025-40"),
        ("UBND thành phố Vinh làm việc.", "peoples-committee-pre2025-412"),
        ("HĐND huyện Hòa Vang họp.", "peoples-council-pre2025-497"),
        ("Văn phòng Tỉnh ủy Nghệ An tiếp đoàn.", "party-office-pre2025-40"),
        ("Agribank Nghệ An tặng quà.", "agribank-nghe-an"),
        ("Agribank chi nhánh tỉnh Nghệ An tặng quà.", "agribank-nghe-an"),
        ("Đảng ủy xã Lăng họp.", "party-committee-pre2025-20449"),
    ],
)
def test_vietnamese_organizations(text, key):
    assert key in _orgs(text)


@pytest.mark.parametrize(
    "text, key",
    [
        ("Le Comité du Parti du district de Do Luong se réunit.", "party-committee-pre2025-427"),
        ("Le Conseil populaire du district de Hoa Vang se réunit.", "peoples-council-pre2025-497"),
        ("Le Comité populaire de la province de Nghe An a décidé.", "peoples-committee-pre2025-40"),
        ("La politique du Comité central du Parti est claire.", "party-central-committee"),
    ],
)
def test_french_organizations(text, key):
    assert key in _orgs(text)


def test_organization_without_its_unit_takes_the_one_the_sentence_named():
    text = "Đoàn công tác huyện Đô Lương gặp lãnh đạo UBND huyện tại trụ sở."
    assert "peoples-committee-pre2025-427" in _orgs(text)


def test_two_bodies_for_hai_dia_phuong():
    text = (
        "Huyện Đô Lương và huyện Hòa Vang kết nghĩa. Ban Thường vụ Huyện ủy hai địa phương phối hợp tổ chức cuộc thi."
    )
    assert {"standing-board-pre2025-427", "standing-board-pre2025-497"} <= _orgs(text)


def test_standing_board_and_office_bring_their_committee_into_the_draft():
    result = extract_text("Văn phòng Tỉnh ủy Nghệ An tiếp đoàn.")
    trig = result.draft_trig(validate=False)
    assert "o:party-office-pre2025-40" in trig and "org:unitOf o:party-committee-pre2025-40" in trig


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ông Trần Văn Minh - Bí thư Huyện ủy Đô Lương cho biết.",
            {("Trần Văn Minh", "secretary", "party-committee-pre2025-427")},
        ),
        (
            "đồng chí Phạm Thị Lan - Phó Bí thư Tỉnh ủy tỉnh Nghệ An phát biểu.",
            {("Phạm Thị Lan", "deputy-secretary", "party-committee-pre2025-40")},
        ),
        (
            "Tham dự có Võ Văn Tâm - Tỉnh ủy viên, Chánh Văn phòng Tỉnh ủy Nghệ An.",
            {
                ("Võ Văn Tâm", "committee-member", "party-committee-pre2025-40"),
                ("Võ Văn Tâm", "chief-of-office", "party-office-pre2025-40"),
            },
        ),
        (
            "Đoàn của UBND thành phố Vinh do ông Lê Quốc Bảo, Phó Chủ tịch UBND thành phố dẫn đầu.",
            {("Lê Quốc Bảo", "vice-chairman", "peoples-committee-pre2025-412")},
        ),
        (
            "Tại hội nghị, Bí thư Huyện ủy Hòa Vang Nguyễn Văn Hùng phát biểu.",
            {("Nguyễn Văn Hùng", "secretary", "party-committee-pre2025-497")},
        ),
    ],
)
def test_vietnamese_posts(text, expected):
    assert _posts(text) == expected


def test_french_posts_take_the_district_the_list_names():
    text = (
        "Le camarade Tran Van Son, secrétaire du Comité du Parti du district, président du Conseil "
        "populaire du district de Hoa Vang, a pris la parole."
    )
    assert _posts(text, lang="fr") == {
        ("Tran Van Son", "secretary", "party-committee-pre2025-497"),
        ("Tran Van Son", "chairman", "peoples-council-pre2025-497"),
    }


def test_french_post_before_the_name():
    text = "Le secrétaire du Parti du district de Do Luong, Ho Van Nam, a remercié la délégation."
    assert _posts(text, lang="fr") == {("Ho Van Nam", "secretary", "party-committee-pre2025-427")}


def test_english_post():
    text = "Mr. Tran Quoc Huy, Secretary of the Hoa Vang District Party Committee, welcomed them."
    assert _posts(text, lang="en") == {("Tran Quoc Huy", "secretary", "party-committee-pre2025-497")}


def test_a_name_without_a_post_is_not_proposed():
    result = extract_text("Ông Trần Văn Minh cho biết huyện Đô Lương đã chuẩn bị chu đáo.")
    assert result.posts == [] and result.people == []


def test_the_same_name_twice_is_one_person_per_article():
    text = (
        "Ông Trần Văn Minh - Bí thư Huyện ủy Đô Lương phát biểu. Sau đó ông Trần Văn Minh - Bí thư "
        "Huyện ủy Đô Lương tặng quà."
    )
    result = extract_text(text)
    assert len(result.people) == 1 and len(result.posts) == 1


def test_abbreviated_posts_in_a_list_of_officials():
    text = (
        "Dự lễ có Đ/c Phạm Văn Khoa, PBT TT Huyện ủy Nông Cống; Đ/c Đỗ Thị Lan, UVBTV Huyện ủy, "
        "PCT UBND huyện Nông Cống; Đ/c Vũ Đức Hạnh, CT HĐND huyện Nông Cống; "
        "Đ/c Lò Văn Tú, PCT Thường trực HĐND huyện Nông Cống."
    )
    roles = {(p.person.name, p.role) for p in extract_text(text).posts}
    assert {
        ("Phạm Văn Khoa", "deputy-secretary"),
        ("Đỗ Thị Lan", "committee-member"),
        ("Đỗ Thị Lan", "vice-chairman"),
        ("Vũ Đức Hạnh", "chairman"),
        ("Lò Văn Tú", "vice-chairman"),
    } <= roles


def test_fatherland_front_committee_is_a_body_of_its_unit():
    text = "Ông Hồ Minh Tâm, Chủ tịch Ủy ban MTTQ Việt Nam huyện Đô Lương, trao quà."
    assert _posts(text) == {("Hồ Minh Tâm", "chairman", "uy-ban-mat-tran-to-quoc-viet-nam-huyen-do-luong")}
    assert _orgs("Mặt trận Tổ quốc Việt Nam phát động phong trào.") == set()  # the front in general


def test_national_assembly_post_but_not_its_deputies():
    assert _posts("Chủ tịch Quốc hội Phạm Đức Long thăm tỉnh Nghệ An.") == {("Phạm Đức Long", "chairman", "quoc-hoi")}
    assert _posts("Đại biểu Quốc hội Phạm Đức Long thăm tỉnh Nghệ An.") == set()


def test_titles_without_a_known_body_do_not_break_a_list_of_posts():
    text = (
        "Các đồng chí: Phạm Văn Khôi, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Nghệ An; "
        "Đinh Thị Mai, Phó Trưởng Ban Tổ chức Trung ương, Tổng Biên tập báo Nhân Dân, Phó Bí thư Huyện ủy Đô Lương."
    )
    assert _posts(text) == {
        ("Phạm Văn Khôi", "secretary", "party-committee-pre2025-40"),
        ("Phạm Văn Khôi", "chairman", "peoples-council-pre2025-40"),
        ("Đinh Thị Mai", "deputy-secretary", "party-committee-pre2025-427"),
    }


def test_posts_take_the_unit_the_last_title_of_the_list_names():
    text = (
        "Tỉnh Hải Dương đón đoàn. Ông Lê Văn An (đứng giữa), Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh, "
        "Trưởng Đoàn ĐBQH tỉnh Nghệ An phát biểu."
    )
    assert _posts(text) == {
        ("Lê Văn An", "deputy-secretary", "party-committee-pre2025-40"),
        ("Lê Văn An", "chairman", "peoples-committee-pre2025-40"),
    }


def test_the_committee_place_written_before_the_name_is_not_part_of_it():
    assert _posts("Bí thư Tỉnh ủy Hải Dương Nguyễn Văn Khánh phát biểu.") == {
        ("Nguyễn Văn Khánh", "secretary", "party-committee-pre2025-30")
    }


def test_member_of_a_standing_board_the_list_names_later():
    text = "Dự lễ có bà Vũ Thị Hoa, Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Huyện ủy Đô Lương."
    assert _posts(text) == {("Vũ Thị Hoa", "committee-member", "standing-board-pre2025-427")}


def test_english_council_abroad_and_its_chairman():
    text = "They met the Chairman of the Vientiane Metropolitan Council Somphone Keola and his team."
    assert _posts(text, lang="en") == {("Somphone Keola", "chairman", "vientiane-metropolitan-council")}


def test_an_authors_signature_gives_the_posts_of_the_line_after_the_name():
    # Invented op-ed by a province leader: the name alone on a line, the posts on the next.
    text = (
        "Yên Bái - Phú Yên, nghĩa tình son sắt\n\nNguyễn Văn Bình\n\nPhó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh "
        "Yên Bái\n\nNăm 1961, Yên Bái và Phú Yên kết nghĩa."
    )
    posts = _posts(text)
    assert ("Nguyễn Văn Bình", "chairman", "peoples-committee-pre2025-15") in posts
    assert ("Nguyễn Văn Bình", "deputy-secretary", "party-committee-pre2025-15") in posts
