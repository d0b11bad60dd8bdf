"""Reading stewards' CSV files: cells (dates, amounts, choices, references) and tables."""

from __future__ import annotations

import codecs
from decimal import Decimal

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.steward.csv_import import read_csv_contribution, read_table
from kg.steward.csv_records import vocabulary
from kg.steward.csv_values import CellError, Resolver, parse_amount, parse_date
from kg.iris import KNV
from kg.validation.parsing import InputError

UNIT = "https://w3id.org/ketnghia/id/unit/"


# --------------------------------------------------------------------------- dates keep their precision


@pytest.mark.parametrize(
    "text, value, datatype",
    [
        ("2025", "2025", XSD.gYear),
        ("08/2025", "2025-08", XSD.gYearMonth),
        ("8/2025", "2025-08", XSD.gYearMonth),
        ("2025-8", "2025-08", XSD.gYearMonth),
        ("8/8/2025", "2025-08-08", XSD.date),
        ("08.08.2025", "2025-08-08", XSD.date),
        ("2025-08-08", "2025-08-08", XSD.date),
        ("29/02/2024", "2024-02-29", XSD.date),
        ("12/06", "--06-12", XSD.gMonthDay),
        (" 2025 ", "2025", XSD.gYear),
    ],
)
def test_dates(text, value, datatype):
    assert parse_date(text) == Literal(value, datatype=datatype)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("31/02/2025", "not a real date"),
        ("2025-02-31", "not a real date"),
        ("29/02/2025", "not a real date"),
        ("13/2025", "no month 13"),
        ("30/02", "not a real date"),
        ("45877", "turned the date into a number"),
        ("tháng 8", "Cannot read the date"),
        ("8/8/25", "Cannot read the date"),
    ],
)
def test_impossible_or_unreadable_dates(text, fragment):
    with pytest.raises(CellError) as caught:
        parse_date(text)
    assert fragment in caught.value.en and caught.value.vi


# --------------------------------------------------------------------------- amounts as Vietnamese write them


@pytest.mark.parametrize(
    "text, value, qualifier, currency",
    [
        ("300000000", 300_000_000, None, None),
        ("300 triệu đồng", 300_000_000, None, "VND"),
        ("1,7 tỷ", 1_700_000_000, None, None),
        ("hơn 20 tỷ đồng", 20_000_000_000, "lower-bound", "VND"),
        ("khoảng 1,7 tỷ", 1_700_000_000, "approximate", None),
        ("300.000.000 VNĐ", 300_000_000, None, "VND"),
        ("300,000,000", 300_000_000, None, None),
        ("1.700", 1_700, None, None),
        ("550 triệu", 550_000_000, None, None),
        ("120 millions", 120_000_000, None, None),
        ("1.5 tỷ", 1_500_000_000, None, None),
        ("2,5", Decimal("2.5"), None, None),
        ("300000000đ", 300_000_000, None, "VND"),
        ("-5", -5, None, None),
    ],
)
def test_amounts(text, value, qualifier, currency):
    assert parse_amount(text) == (Decimal(value), qualifier, currency)


@pytest.mark.parametrize("text", ["ba trăm triệu", "nhiều tiền", "300 triệu rưỡi", "1,2,3,4 tỷ"])
def test_amounts_in_words_are_refused(text):
    with pytest.raises(CellError) as caught:
        parse_amount(text)
    assert "digits" in caught.value.en or "number" in caught.value.en


# --------------------------------------------------------------------------- choices


@pytest.mark.parametrize(
    "column, text, concept",
    [
        ("kind", "kết nghĩa", "sister-localities"),
        ("kind", "KET NGHIA DO DAU", "sponsorship"),
        ("kind", "Cooperation programme", "cooperation-programme"),
        ("status", "đang hoạt động", "active"),
        ("status", "planned", "planned"),
        ("amount_qualifier", "hơn", "lower-bound"),
        ("amount_qualifier", "khoảng", "approximate"),
        ("role", "Tỉnh ủy viên", "committee-member"),
        ("agreement_type", "biên bản ghi nhớ", "memorandum"),
        ("support_type", "mô hình sinh kế", "livelihood-model"),
        ("event_type", "lễ", "ceremony"),
        ("content_areas", "area-health", "area-health"),
    ],
)
def test_choices_by_any_of_their_names(column, text, concept):
    assert vocabulary().concept(column, text) == KNV[concept]


def test_an_unknown_choice_lists_the_accepted_names():
    with pytest.raises(CellError) as caught:
        vocabulary().concept("status", "tạm dừng")
    assert "theo kế hoạch" in caught.value.vi and "đã chấm dứt" in caught.value.vi


# --------------------------------------------------------------------------- references, against the built graph


@pytest.mark.parametrize(
    "text",
    [
        "pre2025/510",
        "pre2025:510",
        "id:unit/pre2025/510",
        f"{UNIT}pre2025/510",
        "510 (pre2025)",
        "pre2025 510",
        "Huyện Nam Giang",
        "huyen nam giang",
    ],
)
def test_unit_forms(built_store, text):
    assert Resolver(built_store).unit(text) == URIRef(f"{UNIT}pre2025/510")


def test_a_bare_code_takes_the_era_of_the_date(built_store):
    resolver = Resolver(built_store)
    assert resolver.unit("20923", parse_date("08/08/2025")) == URIRef(f"{UNIT}2025/20923")
    assert resolver.unit("20923", parse_date("07/2025")) == URIRef(f"{UNIT}2025/20923")
    assert resolver.unit("510", parse_date("2023")) == URIRef(f"{UNIT}pre2025/510")
    with pytest.raises(CellError, match="lacks its era"):
        resolver.unit("510")
    with pytest.raises(CellError, match="does not settle the era"):  # 2025: before or after 1 July?
        resolver.unit("510", parse_date("2025"))


def test_a_name_is_narrowed_by_the_date_then_must_be_unique(built_store):
    resolver = Resolver(built_store)
    with pytest.raises(CellError) as caught:
        resolver.unit("Nam Giang", parse_date("2023"))
    assert "matches 4 places" in caught.value.en and "pre2025/510" in caught.value.en
    assert resolver.unit("Nam Giang", parse_date("09/2025")) == URIRef(f"{UNIT}2025/20707")
    assert resolver.unit("Nam Giang (2025)") == URIRef(f"{UNIT}2025/20707")


def test_unknown_references_come_with_suggestions(built_store):
    resolver = Resolver(built_store)
    with pytest.raises(CellError) as caught:
        resolver.unit("Huyện Nam Gang")
    assert caught.value.en.startswith(
        "'Huyện Nam Gang' was not found. Did you mean: Huyện Nam Giang (id:unit/pre2025/510"
    )
    with pytest.raises(CellError) as caught:
        resolver.agent("pre2025/5100")
    assert "pre2025/510" in caught.value.en
    with pytest.raises(CellError) as caught:
        resolver.node("f4c2d38e3c23b741", "source")
    assert "id:source/f4c2d38e3c23b740" in caught.value.en


def test_organizations_by_iri_or_name(built_store):
    resolver = Resolver(built_store)
    agribank = URIRef("https://w3id.org/ketnghia/id/org/agribank-quang-nam")
    assert resolver.agent("org/agribank-quang-nam") == agribank == resolver.agent("Agribank Quảng Nam")
    with pytest.raises(CellError):
        resolver.agent("Agribank Quảng Nam", kinds=("unit",))


def test_without_a_graph_codes_are_taken_and_names_refused():
    resolver = Resolver(None)
    assert resolver.unit("pre2025/99999") == URIRef(f"{UNIT}pre2025/99999")
    with pytest.raises(CellError, match="needs the built graph"):
        resolver.unit("Huyện Nam Giang")


# --------------------------------------------------------------------------- tables

HEADER = "Hình thức / Kind [kind],Bên 1 / Party 1 [party_1],Bên 2 / Party 2 [party_2],Trạng thái / Status [status],Nguồn / Source [source]"
ROW = "kết nghĩa,pre2025/395,pre2025/510,đang hoạt động,f4c2d38e3c23b740"


def write(tmp_path, text: str, encoding: str = "utf-8", name: str = "t.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_separators(tmp_path, encoding, bom, delimiter):
    text = f"{HEADER}\n{ROW}\n".replace(",", delimiter)
    path = tmp_path / "t.csv"
    path.write_bytes(bom + text.encode(encoding))
    table = read_table(path)
    assert table.delimiter == delimiter and table.template.name == "twinnings"
    assert table.rows == [
        (
            2,
            {
                "kind": "kết nghĩa",
                "party_1": "pre2025/395",
                "party_2": "pre2025/510",
                "status": "đang hoạt động",
                "source": "f4c2d38e3c23b740",
            },
        )
    ]


def test_columns_by_key_or_name_in_any_order_and_empty_rows_skipped(tmp_path):
    header = "source,Trạng thái,Party 2,ben 1,Hình thức / Kind"
    row = "f4c2d38e3c23b740,đang hoạt động,pre2025/510,pre2025/395,kết nghĩa"
    table = read_table(write(tmp_path, f"# a comment\n\n{header}\n,,,,\n{row}\n\n# kết thúc\n"))
    assert table.header_row == 3
    assert table.rows == [
        (
            5,
            {
                "source": "f4c2d38e3c23b740",
                "status": "đang hoạt động",
                "party_2": "pre2025/510",
                "party_1": "pre2025/395",
                "kind": "kết nghĩa",
            },
        )
    ]


def test_extra_columns_are_warned_about_and_ignored(tmp_path):
    table = read_table(write(tmp_path, f"{HEADER},Người nhập\n{ROW},Lan\n"))
    [(row, header, _, _, en)] = table.warnings
    assert (row, header) == (1, "Người nhập") and "ignored" in en
    assert "Người nhập" not in table.rows[0][1]


@pytest.mark.parametrize(
    "text, message",
    [
        (
            f"{HEADER.replace('Bên 2 / Party 2 [party_2],', '')}\n",
            "missing required column(s) of the twinnings template: party_2",
        ),
        (f"{HEADER},Bên 1 [party_1]\n{ROW},x\n", "column 'party_1' appears twice"),
        (f"{HEADER.replace(',', '|')}\n", "it seems to use '|'"),
        ("a,b\n1,2\n", "not a kg CSV template"),
        ("# kg-template: twinnings v1\n\n", "no header row"),
    ],
)
def test_files_that_are_not_templates_are_refused_with_one_line(tmp_path, text, message):
    with pytest.raises(InputError) as caught:
        read_table(write(tmp_path, text))
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_cell_problems_are_reported_at_their_row_and_column_and_the_row_left_out(tmp_path, built_store):
    text = f"{HEADER},Ngày thiết lập / Established on [established_on]\n{ROW},2023\n{ROW.replace('395', '389')},31/02/2025\n"
    read = read_csv_contribution(write(tmp_path, text), Resolver(built_store))
    [issue] = read.issues
    assert read.rows[issue.focus] == 3 and read.columns[issue] == "Ngày thiết lập / Established on [established_on]"
    assert issue.value == Literal("31/02/2025") and "not a real date" in issue.message_en
    twinnings = {str(s) for s in read.graph.subjects() if "/twinning/" in str(s)}
    assert twinnings == {"https://w3id.org/ketnghia/id/twinning/sister-localities-pre2025-395--pre2025-510"}


def test_a_name_keeps_its_marks_and_takes_the_era_forms_of_kg_query(built_store):
    # Phú Ninh (Quảng Nam) and Phù Ninh (Phú Thọ) fold alike: the marks written choose
    resolver = Resolver(built_store)
    assert resolver.unit("Huyện Phú Ninh (pre2025)") == URIRef(f"{UNIT}pre2025/518")
    assert resolver.unit("Huyện Phù Ninh (trước 2025)") == URIRef(f"{UNIT}pre2025/233")
    with pytest.raises(CellError, match="matches 2 places"):
        resolver.unit("Huyện Phu Ninh (pre-2025)")  # without marks, both
