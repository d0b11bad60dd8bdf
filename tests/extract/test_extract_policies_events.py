"""Policy documents, events with their figures, and support with its purpose."""

from __future__ import annotations

from decimal import Decimal

from kg.extract import extract_text


def test_directive_with_issuer_before_the_verb_and_date():
    result = extract_text(
        "Ngày 10/1/2023, Ban Thường vụ Tỉnh ủy Nghệ An đã ban hành Chỉ thị số 07-CT/TU về công tác kết nghĩa."
    )
    [policy] = result.policies
    assert (policy.kind, policy.number, policy.issuer.key) == ("directive", "07-CT/TU", "standing-board-pre2025-40")
    assert policy.issued.lexical == "2023-01-10"
    assert policy.key == "standing-board-pre2025-40-07-ct-tu"


def test_resolution_with_date_and_issuer_after_and_a_later_mention_is_the_same():
    text = (
        "Nghị quyết số 11 ngày 5/9/2025 của Thành ủy Đà Nẵng yêu cầu các phường kết nghĩa. "
        "Sau khi Nghị quyết số 11 ban hành, các phường đã triển khai."
    )
    [policy] = extract_text(text).policies
    assert (policy.kind, policy.number, policy.issuer.key) == ("resolution", "11", "party-committee-2025-48")
    assert policy.issued.lexical == "2025-09-05" and len(policy.evidence) == 2


def test_date_right_before_a_policy_is_its_issue_date_and_not_an_event_date():
    result = extract_text("Ngày 5/9/2025, Nghị quyết số 11-NQ/TU của Thành ủy Đà Nẵng được ban hành.")
    assert result.policies[0].issued.lexical == "2025-09-05"
    assert all(d.lexical != "2025-09-05" for d in result.free_dates)


def test_policy_lines_in_vietnamese_and_french():
    vi = extract_text(
        "Thường trực Thành ủy Đà Nẵng đã có chủ trương giao mỗi phường kết nghĩa với một xã, "
        "triển khai từ ngày 1/9/2025."
    )
    [line] = vi.policies
    assert line.kind == "policy-line" and line.number is None
    assert line.issuer.key == "thuong-truc-thanh-uy-da-nang-2025" and line.start_date.lexical == "2025-09-01"
    fr = extract_text(
        "En application de la politique du Comité central du Parti demandant aux provinces du Nord "
        "de se jumeler avec le Sud, les deux districts ont signé.",
        lang="fr",
    )
    assert [(p.kind, p.issuer.key) for p in fr.policies] == [("policy-line", "party-central-committee")]


def test_ceremony_with_date_place_and_an_anaphoric_mention():
    text = (
        "Chiều ngày 12/6/2024, tại thành phố Vinh diễn ra lễ ký kết chương trình hợp tác giữa Văn phòng "
        "Tỉnh ủy Nghệ An và Văn phòng Tỉnh ủy Quảng Ngãi. Tham dự lễ ký kết có ông Lê Văn An - Chánh "
        "Văn phòng Tỉnh ủy Nghệ An."
    )
    result = extract_text(text)
    [ceremony] = [e for e in result.events if e.kind == "ceremony"]
    assert ceremony.date.lexical == "2024-06-12" and ceremony.place.unit.code == "412"
    assert len(ceremony.evidence) == 2 and ceremony.participants[0].name == "Lê Văn An"


def test_two_contests_introduced_separately_stay_two_with_their_figures():
    text = (
        "Hai huyện phối hợp tổ chức cuộc thi tìm hiểu lịch sử, thu hút 3.000 bài dự thi. "
        "Huyện Đô Lương tổ chức thi vẽ tranh cho học sinh, thu hút 40 em tham gia."
    )
    contests = [e for e in extract_text(text).events if e.kind == "contest"]
    assert [[(f.value, f.unit) for f in c.figures] for c in contests] == [
        [(Decimal(3000), "bài dự thi")],
        [(Decimal(40), "em")],
    ]


def test_working_visit_led_by_a_person():
    text = (
        "Ngày 2/8/2024, đoàn công tác huyện Hòa Vang do ông Trần Văn Sơn, Bí thư Huyện ủy Hòa Vang "
        "dẫn đầu đã thăm và làm việc tại huyện Đô Lương."
    )
    [visit] = [e for e in extract_text(text).events if e.kind == "working-visit"]
    assert visit.led_by.name == "Trần Văn Sơn" and visit.place.unit.code == "427"


def test_support_package_with_its_parts_and_purpose():
    text = (
        "Năm 2020, huyện Hòa Vang ủng hộ nhân dân huyện Đô Lương 300 triệu đồng, cùng nhiều quần áo, "
        "giúp khắc phục thiệt hại của bão lụt, với tổng trị giá khoảng 1,5 tỷ đồng."
    )
    [package] = extract_text(text).supports
    assert package.types == ["package"] and package.purpose == "disaster-relief"
    assert (package.amount.value, package.amount.qualifier) == (Decimal(1500000000), "approximate")
    assert [(p.types, p.amount and p.amount.value) for p in package.parts] == [
        (["money"], Decimal(300000000)),
        (["in-kind"], None),
    ]
    assert package.giver.unit.code == "497" and package.recipient.unit.code == "427"
    assert package.date.lexical == "2020"


def test_french_gift_with_beneficiaries():
    text = (
        "Le district de Hoa Vang a fait don de 120 millions de VND pour soutenir la construction de "
        "logements pour les ménages pauvres dans le district de Do Luong."
    )
    [support] = extract_text(text, lang="fr").supports
    assert support.purpose == "housing" and support.giver.unit.code == "497" and support.recipient.unit.code == "427"
    assert support.amount.value == Decimal(120000000)


def test_two_sums_without_a_total_are_two_supports():
    text = (
        "Huyện Hòa Vang trao tặng huyện Đô Lương 500 triệu đồng để xây nhà đại đoàn kết, cùng "
        "200 triệu đồng cho học sinh nghèo vượt khó đến trường."
    )
    supports = extract_text(text).supports
    assert [(s.amount.value, s.purpose) for s in supports] == [
        (Decimal(500000000), "housing"),
        (Decimal(200000000), "education"),
    ]


def test_income_per_head_is_a_statistic_of_the_unit_just_named():
    text = "Huyện Đô Lương có 20 xã đạt chuẩn. Thu nhập bình quân đạt hơn 50 triệu đồng/người/năm."
    result = extract_text(text)
    [statistic] = result.statistics
    assert statistic.amount.qualifier == "lower-bound" and statistic.subject.unit.code == "427"
    assert result.supports == []


def test_the_second_side_of_a_pair_is_not_the_place_of_the_ceremony():
    text = "Lễ ký kết kết nghĩa giữa huyện Đô Lương và huyện Hòa Vang vào ngày 8/8/2023."
    [ceremony] = extract_text(text).events
    assert ceremony.place is None and ceremony.date.lexical == "2023-08-08"


def test_an_anniversary_ceremony_is_a_ceremony_on_its_day():
    # invented: the range dates the relation, the evening the ceremony
    text = (
        "Tối 4/6/2022, huyện Đô Lương long trọng tổ chức lễ kỷ niệm 40 năm kết nghĩa Đô Lương – "
        "Hòa Vang (4/6/1982 – 4/6/2022)."
    )
    [ceremony] = [e for e in extract_text(text).events if e.kind == "ceremony"]
    assert ceremony.date.lexical == "2022-06-04"


def test_days_of_one_month_written_once_are_the_first_and_last_day_of_a_visit():
    # invented: "ngày 4, 5/6" is the 4th and 5th of June, not the ratio 5/6
    text = "Trong 2 ngày 4, 5/6, đoàn công tác huyện Đô Lương đã thăm và làm việc tại huyện Hòa Vang."
    [visit] = [e for e in extract_text(text).events if e.kind == "working-visit"]
    assert (visit.date.lexical, visit.end_date.lexical) == ("--06-04", "--06-05")
    trig = extract_text(text).draft_trig(validate=False)
    assert "kn:startDate" in trig and "kn:endDate" in trig
