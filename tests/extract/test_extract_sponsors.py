"""Agencies, armed units, schools and companies that sponsor a commune or a village (issue 25).
Invented sentences."""

from __future__ import annotations

import datetime

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from kg.extract import extract_text
from kg.extract.draft import KNE
from kg.iris import KN


def _orgs(text):
    return {o.key: o for o in extract_text(text).orgs if o.key}


def _twinnings(text):
    return {t.key: t for t in extract_text(text).twinnings}


def test_agency_name_stops_before_the_verb_and_takes_its_unit():
    orgs = _orgs(
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Nam và Hội Chữ thập đỏ huyện Nam Giang tiếp tục "
        "trao quà; Giám đốc Sở Nội vụ Phan Văn Bình dự."
    )
    agency = orgs["so-van-hoa-the-thao-va-du-lich-tinh-quang-nam"]
    assert (agency.kind, agency.unit.code, agency.label_vi) == (
        "agency",
        "49",
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Nam",
    )
    assert orgs["hoi-chu-thap-do-huyen-nam-giang"].kind == "association"
    assert not any("phan-van-binh" in key for key in orgs)  # a person's name is not part of it


def test_agency_written_without_its_unit_is_the_one_named_before():
    orgs = extract_text("Ban Dân tộc tỉnh Quảng Nam họp. Sau đó, Ban Dân tộc tổ chức hội nghị.").orgs
    assert {o.key for o in orgs} == {"ban-dan-toc-tinh-quang-nam"}


def test_twinned_at_a_commune_makes_it_the_sponsored_side():
    found = _twinnings("Ban Dân tộc tỉnh Quảng Nam đổi mới công tác kết nghĩa tại xã Phước Chánh, huyện Phước Sơn.")
    twinning = found["sponsorship-org-ban-dan-toc-tinh-quang-nam--pre2025-20740"]
    assert [p.key for p in twinning.parties] == ["org-ban-dan-toc-tinh-quang-nam", "pre2025-20740"]


def test_place_after_tai_stays_a_place_without_a_twinning_word_before_it():
    assert _twinnings("Ban Dân tộc tỉnh Quảng Nam tổ chức hội nghị kết nghĩa năm nay tại xã Phước Chánh.") == {}


def test_agency_takes_a_commune_under_its_sponsorship():
    found = _twinnings("Sở Lao động - Thương binh và Xã hội tỉnh Quảng Nam nhận đỡ đầu xã Tà Bhing, huyện Nam Giang.")
    assert list(found) == ["sponsorship-org-so-lao-dong-thuong-binh-va-xa-hoi-tinh-quang-nam--pre2025-20710"]


def test_twinned_commune_of_the_sentence_subject_not_of_its_helper():
    found = _twinnings(
        "Trường THCS Nguyễn Du phối hợp cùng đơn vị Viettel Quảng Nam trao quà tại xã kết nghĩa Phước Chánh, "
        "huyện Phước Sơn."
    )
    assert list(found) == ["sponsorship-org-truong-thcs-nguyen-du--pre2025-20740"]


def test_border_post_sponsors_a_village_not_its_commune():
    found = _twinnings("Đồn Biên phòng Tà Vàng kết nghĩa với bản Pa Xia, xã Ga Ri, huyện Tây Giang.")
    assert list(found) == ["sponsorship-org-don-bien-phong-ta-vang--pre2025-20440-ban-pa-xia"]


def test_agency_that_directs_is_not_a_party():
    found = _twinnings("Theo chỉ đạo của Sở Nội vụ tỉnh Quảng Nam, xã Điện Hồng kết nghĩa với xã Ba, huyện Đông Giang.")
    assert all("org-" not in key for key in found)
    assert found  # the communes' own relation stays


def test_sponsorship_by_an_agency_passes_the_shapes():
    result = extract_text(
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Nam kết nghĩa với xã Ga Ri, huyện Tây Giang.",
        url="https://example.org/b",
    )
    ds = Dataset()
    ds.parse(data=result.draft_trig(), format="trig")
    iri = URIRef("https://w3id.org/ketnghia/id/org/bo-chi-huy-bo-doi-bien-phong-tinh-quang-nam")
    assert any(ds.quads((iri, RDF.type, KN.Organization, None)))
    assert any(ds.quads((None, KN.sponsor, iri, None)))
    todos = [str(t) for t in ds.objects(None, KNE.todo)]
    assert not [t for t in todos if t.startswith("Shapes:")]


def test_a_witness_of_the_twinning_is_not_a_party():
    # Invented: the province (or a central board) witnessing the signing is no third party.
    found = _twinnings(
        "Dưới sự chứng kiến của lãnh đạo tỉnh Nghệ An, huyện Đô Lương và huyện Nam Đàn ký kết kết nghĩa."
    )
    assert len(found) == 1 and all(len(t.parties) == 2 for t in found.values())
    assert {p.unit.short_name for t in found.values() for p in t.parties} == {"Đô Lương", "Nam Đàn"}
    found = _twinnings(
        "Ngày 5/6/1961, với sự chứng kiến của đại biểu Ban Thống nhất Trung ương, tỉnh Hưng Yên và tỉnh "
        "Long An đã tổ chức lễ kết nghĩa."
    )
    assert [sorted(p.unit.short_name for p in t.parties) for t in found.values()] == [["Hưng Yên", "Long An"]]


def test_a_ward_twinned_with_a_village_of_another_commune():
    published = datetime.date(2025, 8, 10)
    for text in (
        "UBND phường Tân Lập và thôn Khe Ro (xã Phú Sơn) tổ chức lễ ký kết kết nghĩa.",
        "Phường Tân Lập kết nghĩa với thôn Khe Ro, xã Phú Sơn.",
        "Thôn Khe Ro (xã Phú Sơn) và phường Tân Lập ký kết kết nghĩa.",
        "Thôn Khe Ro, xã Phú Sơn kết nghĩa với Đảng ủy phường Tân Lập.",
    ):
        found = {t.key for t in extract_text(text, published=published).twinnings}
        assert found == {"sponsorship-2025-14407-thon-khe-ro--2025-24121"}, text
    # The village's own commune is where it is, not its partner.
    for own in (
        "Xã Phú Sơn và thôn Khe Ro (xã Phú Sơn) ký kết kết nghĩa.",
        "Thôn Khe Ro (xã Phú Sơn) và xã Phú Sơn ký kết kết nghĩa.",
    ):
        assert not extract_text(own, published=published).twinnings, own


def test_a_village_named_by_its_own_body_is_the_party():
    published = datetime.date(2025, 8, 10)
    for text in (
        "Đảng ủy phường Tân Lập và Chi bộ thôn Khe Ro (xã Phú Sơn) ký kết kết nghĩa.",
        "UBND phường Tân Lập và Ban nhân dân thôn Khe Ro (xã Phú Sơn) ký kết kết nghĩa.",
    ):
        found = {t.key for t in extract_text(text, published=published).twinnings}
        assert found == {"sponsorship-2025-14407-thon-khe-ro--2025-24121"}, text
    own = "Xã Phú Sơn và Chi bộ thôn Khe Ro (xã Phú Sơn) ký kết kết nghĩa."
    assert not extract_text(own, published=published).twinnings
