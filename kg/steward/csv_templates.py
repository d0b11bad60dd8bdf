"""CSV templates for data stewards who do not write RDF: `kg template NAME`.

One file per template, readable by any spreadsheet, and readable back by `kg validate` and
`kg contribute` (kg.steward.csv_import). Its layout -- documented in docs/steward-guide.md:

    # kg-template: twinnings v1                      <- which template (kept on a round trip)
    # ... leading comment lines: what each column takes, in Vietnamese and English ...
    Bên 1 / Party 1 [party_1],Bên 2 / Party 2 [party_2],...    <- header row
    2025/20257,2025/20923,...                        <- one example row (a real, recorded fact)

Header convention: "Vietnamese name / English name [machine_key]". The reader matches a column
by the key in brackets, or, if a steward retyped the header, by the bare key or either name
(case- and diacritic-insensitively); so columns can be reordered, renamed within reason, and
extra columns are only warned about. Lines whose first cell starts with "#" are comments, empty
rows are skipped. The file is written as UTF-8 with a byte-order mark so that spreadsheets open
the diacritics correctly; the reader also takes UTF-8 without BOM and UTF-16 with BOM, and `,`,
`;` or tab as separator.

The example rows restate facts already in the graph under the IRIs they already have, so an
untouched template validates and nothing is invented.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from kg.vietnamese import search_key

TEMPLATE_VERSION = 1


@dataclass(frozen=True)
class Column:
    key: str  # stable machine key, e.g. "party_1"
    vi: str  # Vietnamese name, e.g. "Bên 1"
    en: str  # English name, e.g. "Party 1"
    help_vi: str
    help_en: str
    required: bool = False

    @property
    def header(self) -> str:
        return f"{self.vi} / {self.en} [{self.key}]"

    def names(self) -> set[str]:
        """Every spelling of this column's header the reader accepts, as search keys."""
        return {
            search_key(n)
            for n in (self.key, self.key.replace("_", " "), self.vi, self.en, self.header, f"{self.vi} / {self.en}")
        }


@dataclass(frozen=True)
class Template:
    name: str
    title_vi: str
    title_en: str
    columns: tuple[Column, ...]
    example: dict[str, str]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


# --------------------------------------------------------------------------- shared columns

UNIT_HELP_VI = (
    "mã đơn vị kèm thời kỳ: pre2025/510 (trước 1/7/2025) hoặc 2025/20923 (từ 1/7/2025); "
    "hoặc tên đơn vị nếu tên chỉ ứng với một đơn vị (Huyện Nam Giang)"
)
UNIT_HELP_EN = (
    "unit code with its era: pre2025/510 (before 1 July 2025) or 2025/20923 (from 1 July "
    "2025); or the unit's name if it names one unit only (Huyện Nam Giang)"
)
AGENT_HELP_VI = UNIT_HELP_VI + "; hoặc một tổ chức: org/agribank-quang-nam hay tên của nó"
AGENT_HELP_EN = UNIT_HELP_EN + "; or an organization: org/agribank-quang-nam or its name"
DATE_HELP_VI = "ngày theo độ chính xác của nguồn: 2025, 08/2025, 08/08/2025 hoặc 2025-08-08"
DATE_HELP_EN = "date with the source's precision: 2025, 08/2025, 08/08/2025 or 2025-08-08"
LIST_VI, LIST_EN = " (nhiều giá trị: ngăn cách bằng dấu ;)", " (several values: separate with ;)"

SOURCE_COLUMNS = (
    Column(
        "source",
        "Nguồn",
        "Source",
        "mã bài báo đã có trong đồ thị, ví dụ f4c2d38e3c23b740 (xem kg search / kg query); để trống "
        "nếu là bài mới và điền tiêu đề, đường dẫn",
        "id of an article already in the graph, e.g. f4c2d38e3c23b740; leave empty for a new article "
        "and fill in its title and URL",
    ),
    Column(
        "source_title",
        "Tiêu đề bài (tiếng Việt)",
        "Article title (in Vietnamese)",
        "chỉ cho bài mới: tiêu đề, viết bằng tiếng Việt",
        "new article only: its title, in Vietnamese",
    ),
    Column(
        "source_url",
        "Đường dẫn bài",
        "Article URL",
        "chỉ cho bài mới: địa chỉ https://... của bài",
        "new article only: its https://... address",
    ),
    Column(
        "source_language",
        "Ngôn ngữ bài",
        "Article language",
        "chỉ cho bài mới: vi, en, fr... (mặc định vi)",
        "new article only: vi, en, fr... (default vi)",
    ),
    Column(
        "source_date",
        "Ngày đăng bài",
        "Publication date",
        "chỉ cho bài mới, nếu biết: " + DATE_HELP_VI,
        "new article only, if known: " + DATE_HELP_EN,
    ),
)
NOTE = Column("note", "Ghi chú", "Note", "ghi chú tự do (tiếng Việt)", "free note (in Vietnamese)")
LABEL = Column(
    "label_vi",
    "Tên (tiếng Việt)",
    "Name (Vietnamese)",
    "tên đầy đủ, có dấu; để trống thì được tạo từ các bên",
    "full name with diacritics; left empty, it is made from the parties",
)
RECORD_ID = Column(
    "id",
    "Mã bản ghi",
    "Record id",
    "tùy chọn: đoạn cuối IRI (chữ thường, không dấu, nối bằng -); để trống thì tạo từ tên",
    "optional: last part of the IRI (lower case, ASCII, joined with -); left empty, made from the name",
)


def _c(key, vi, en, help_vi, help_en, required=False) -> Column:
    return Column(key, vi, en, help_vi, help_en, required)


TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        Template(
            "twinnings",
            "Quan hệ kết nghĩa",
            "Twinnings",
            (
                _c(
                    "kind",
                    "Hình thức",
                    "Kind",
                    "kết nghĩa | kết nghĩa bắc – nam | kết nghĩa đồng bằng – miền núi | "
                    "kết nghĩa bản, cụm dân cư biên giới | kết nghĩa hữu nghị quốc tế | kết nghĩa đỡ đầu | chương trình hợp tác",
                    "sister localities | north–south | lowland–mountain | cross-border residential cluster | "
                    "international friendship / sister city | sponsorship | cooperation programme",
                    True,
                ),
                _c(
                    "party_1",
                    "Bên 1",
                    "Party 1",
                    AGENT_HELP_VI + "; với kết nghĩa đỡ đầu: bên đỡ đầu",
                    AGENT_HELP_EN + "; for a sponsorship: the sponsor",
                    True,
                ),
                _c(
                    "party_2",
                    "Bên 2",
                    "Party 2",
                    AGENT_HELP_VI + "; với kết nghĩa đỡ đầu: bên được đỡ đầu",
                    AGENT_HELP_EN + "; for a sponsorship: the sponsored side",
                    True,
                ),
                _c(
                    "other_parties",
                    "Các bên khác",
                    "Other parties",
                    "khi quan hệ có ba bên trở lên: các bên còn lại, cách nhau bởi dấu ;",
                    "for a relation of three or more parties: the other parties, separated by ;",
                ),
                _c(
                    "status",
                    "Trạng thái",
                    "Status",
                    "theo kế hoạch | đang hoạt động (đã ký) | đã ký lại, gia hạn | "
                    "ký lại theo đơn vị mới | đã chấm dứt",
                    "planned | signed / active | renewed | re-signed under new units | ended",
                    True,
                ),
                _c(
                    "planned_on",
                    "Ngày dự kiến / phân công",
                    "Planned on",
                    DATE_HELP_VI + " (ngày công bố hay phân công, chưa ký)",
                    DATE_HELP_EN + " (announced or assigned, not yet signed)",
                ),
                _c("established_on", "Ngày thiết lập", "Established on", DATE_HELP_VI, DATE_HELP_EN),
                _c("ended_on", "Ngày chấm dứt", "Ended on", DATE_HELP_VI, DATE_HELP_EN),
                LABEL,
                _c(
                    "policy",
                    "Theo chủ trương",
                    "Under policy",
                    "IRI văn bản chủ trương đã có, ví dụ policy/party-committee-2025-48-02",
                    "IRI of a recorded policy, e.g. policy/party-committee-2025-48-02",
                ),
                *SOURCE_COLUMNS,
                NOTE,
            ),
            {
                "kind": "kết nghĩa",
                "party_1": "2025/20257",
                "party_2": "2025/20923",
                "status": "đang hoạt động",
                "established_on": "08/08/2025",
                "label_vi": "Kết nghĩa phường Hòa Cường – xã Trà Tân",
                "source": "bd355db52bd04147",
            },
        ),
        Template(
            "support",
            "Hỗ trợ",
            "Support",
            (
                RECORD_ID,
                _c("giver", "Bên hỗ trợ", "Giver", AGENT_HELP_VI, AGENT_HELP_EN, True),
                _c("recipient", "Bên nhận", "Recipient", AGENT_HELP_VI, AGENT_HELP_EN),
                _c(
                    "recipient_description",
                    "Mô tả người nhận",
                    "Recipient description",
                    "người nhận theo lời nguồn, ví dụ các hộ gia đình khó khăn (khi không có bên nhận)",
                    "the beneficiaries in the source's words (when there is no recipient unit)",
                ),
                _c(
                    "support_type",
                    "Hình thức hỗ trợ",
                    "Support type",
                    "tiền | hiện vật | nhà | mô hình sinh kế | đầu tư | gói hỗ trợ" + LIST_VI,
                    "money | goods in kind | houses | livelihood model | investment | support package" + LIST_EN,
                    True,
                ),
                _c(
                    "purpose",
                    "Mục đích",
                    "Purpose",
                    "khắc phục thiên tai | nhà ở | sinh kế | giáo dục ...",
                    "disaster relief | housing | livelihood | education ...",
                ),
                _c("date", "Ngày hỗ trợ", "Date", DATE_HELP_VI, DATE_HELP_EN),
                _c(
                    "amount",
                    "Số tiền",
                    "Amount",
                    "300000000, 300 triệu, 1,7 tỷ (dấu phẩy là dấu thập phân)",
                    "300000000, 300 triệu, 1,7 tỷ (the comma is the decimal mark)",
                ),
                _c(
                    "amount_qualifier",
                    "Mức chính xác",
                    "Qualifier",
                    "chính xác | hơn | khoảng (mặc định: chính xác)",
                    "exact | more than | about (default: exact)",
                ),
                _c("currency", "Đơn vị tiền", "Currency", "mã ISO 4217, mặc định VND", "ISO 4217 code, default VND"),
                _c(
                    "related_twinning",
                    "Thuộc quan hệ kết nghĩa",
                    "Related twinning",
                    "IRI quan hệ kết nghĩa đã có, ví dụ twinning/sister-localities-pre2025-389--pre2025-510",
                    "IRI of a recorded twinning, e.g. twinning/sister-localities-pre2025-389--pre2025-510",
                ),
                _c(
                    "label_vi",
                    "Tên (tiếng Việt)",
                    "Name (Vietnamese)",
                    "mô tả ngắn khoản hỗ trợ",
                    "short description of the support",
                ),
                *SOURCE_COLUMNS,
                NOTE,
            ),
            {
                "id": "flood-relief-2020-cash",
                "giver": "pre2025/389",
                "recipient": "pre2025/510",
                "support_type": "tiền",
                "purpose": "khắc phục thiên tai",
                "date": "2020",
                "amount": "300 triệu đồng",
                "amount_qualifier": "chính xác",
                "related_twinning": "twinning/sister-localities-pre2025-389--pre2025-510",
                "label_vi": "Tiền mặt ủng hộ khắc phục bão lụt",
                "source": "f4c2d38e3c23b740",
            },
        ),
        Template(
            "agreements",
            "Văn bản ký kết",
            "Agreements",
            (
                _c(
                    "twinning",
                    "Quan hệ kết nghĩa",
                    "Twinning",
                    "IRI quan hệ kết nghĩa đã có, ví dụ twinning/sister-localities-2025-20257--2025-20923",
                    "IRI of a recorded twinning, e.g. twinning/sister-localities-2025-20257--2025-20923",
                    True,
                ),
                _c(
                    "agreement_type",
                    "Loại văn bản",
                    "Agreement type",
                    "chương trình hợp tác | biên bản ký kết | biên bản ghi nhớ",
                    "cooperation programme | signed minutes | memorandum of understanding",
                    True,
                ),
                _c("signed_on", "Ngày ký", "Signed on", DATE_HELP_VI, DATE_HELP_EN),
                _c("signed_at", "Nơi ký", "Signed at", UNIT_HELP_VI, UNIT_HELP_EN),
                _c("parties", "Các bên", "Parties", AGENT_HELP_VI + LIST_VI, AGENT_HELP_EN + LIST_EN),
                _c(
                    "content_areas",
                    "Lĩnh vực",
                    "Content areas",
                    "ví dụ y tế; giáo dục; du lịch" + LIST_VI,
                    "e.g. health; education; tourism" + LIST_EN,
                ),
                _c(
                    "label_vi",
                    "Tên (tiếng Việt)",
                    "Name (Vietnamese)",
                    "tên văn bản, có dấu",
                    "the document's name, with diacritics",
                    True,
                ),
                *SOURCE_COLUMNS,
                NOTE,
            ),
            {
                "twinning": "twinning/sister-localities-2025-20257--2025-20923",
                "agreement_type": "biên bản ký kết",
                "signed_on": "08/08/2025",
                "parties": "2025/20257; 2025/20923",
                "label_vi": "Biên bản kết nghĩa giữa phường Hòa Cường và xã Trà Tân",
                "source": "bd355db52bd04147",
            },
        ),
        Template(
            "people",
            "Người và chức vụ",
            "People and posts",
            (
                _c("name", "Họ tên", "Name", "họ tên đầy đủ, có dấu", "full name, with diacritics", True),
                _c(
                    "role",
                    "Chức danh",
                    "Role",
                    "bí thư | phó bí thư | chủ tịch | phó chủ tịch | chánh văn phòng | ủy viên cấp ủy",
                    "secretary | deputy secretary | chairman | vice chairman | chief of office | committee member",
                    True,
                ),
                _c(
                    "organization",
                    "Tổ chức",
                    "Organization",
                    "tổ chức đã có: org/party-committee-pre2025-510 hoặc tên của nó (Huyện ủy Nam Giang)",
                    "a recorded organization: org/party-committee-pre2025-510 or its name",
                    True,
                ),
                _c("as_of", "Thời điểm nguồn ghi nhận", "As of", DATE_HELP_VI, DATE_HELP_EN),
                _c("start_date", "Bắt đầu giữ chức", "Start of the post", DATE_HELP_VI, DATE_HELP_EN),
                _c("end_date", "Thôi giữ chức", "End of the post", DATE_HELP_VI, DATE_HELP_EN),
                *SOURCE_COLUMNS,
                NOTE,
            ),
            {
                "name": "Nguyễn Văn Quảng",
                "role": "bí thư",
                "organization": "org/party-committee-2025-48",
                "as_of": "24/07/2025",
                "source": "bd355db52bd04147",
            },
        ),
        Template(
            "events",
            "Sự kiện",
            "Events",
            (
                RECORD_ID,
                _c(
                    "label_vi",
                    "Tên sự kiện (tiếng Việt)",
                    "Event name (Vietnamese)",
                    "tên đầy đủ, có dấu",
                    "full name, with diacritics",
                    True,
                ),
                _c(
                    "event_type",
                    "Loại sự kiện",
                    "Event type",
                    "lễ | chuyến công tác | cuộc thi | công trình | hội nghị | khảo sát",
                    "ceremony | working visit | contest | construction work | conference | survey trip",
                    True,
                ),
                _c("date", "Ngày diễn ra", "Date", DATE_HELP_VI, DATE_HELP_EN),
                _c("start_date", "Ngày bắt đầu", "Start date", DATE_HELP_VI, DATE_HELP_EN),
                _c("end_date", "Ngày kết thúc", "End date", DATE_HELP_VI, DATE_HELP_EN),
                _c(
                    "date_note",
                    "Ghi chú về ngày",
                    "Date note",
                    "ví dụ: nguồn không ghi ngày",
                    "e.g. the source gives no date",
                ),
                _c("place", "Địa điểm", "Place", UNIT_HELP_VI, UNIT_HELP_EN),
                _c("participants", "Các bên tham dự", "Participants", AGENT_HELP_VI + LIST_VI, AGENT_HELP_EN + LIST_EN),
                _c("organizer", "Đơn vị tổ chức", "Organizer", AGENT_HELP_VI, AGENT_HELP_EN),
                _c(
                    "related_twinning",
                    "Thuộc quan hệ kết nghĩa",
                    "Related twinning",
                    "IRI quan hệ kết nghĩa đã có",
                    "IRI of a recorded twinning",
                ),
                *SOURCE_COLUMNS,
                NOTE,
            ),
            {
                "id": "twinning-ceremony-1968",
                "label_vi": "Lễ kết nghĩa giữa huyện Thọ Xuân và huyện Quế Sơn",
                "event_type": "lễ",
                "date": "20/11/1968",
                "participants": "pre2025/395; pre2025/509",
                "related_twinning": "twinning/sister-localities-pre2025-395--pre2025-509",
                "source": "927db9d923d64231",
            },
        ),
    )
}


def template_marker(template: Template) -> str:
    return f"# kg-template: {template.name} v{TEMPLATE_VERSION}"


def template_text(name: str) -> str:
    """The template as CSV text (without the BOM, which `write_template` adds). Comment lines are
    one-cell rows (quoted when they hold a comma), so a spreadsheet shows each in column A."""
    template = TEMPLATES[name]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    comments = [
        template_marker(template),
        f"# Mẫu nhập: {template.title_vi}. Mỗi hàng sau hàng tiêu đề là một bản ghi; hàng bắt đầu bằng # là "
        "ghi chú. Thay hàng ví dụ bằng dữ liệu của bạn, lưu dạng CSV UTF-8, rồi chạy: kg validate TỆP.csv",
        f"# Template: {template.title_en}. Each row after the header row is one record; rows starting with # "
        "are comments. Replace the example row with your data, save as CSV UTF-8, then run: kg validate FILE.csv",
        "# Cột (* = bắt buộc) / Columns (* = required):",
    ]
    for column in template.columns:
        star = "*" if column.required else "-"
        comments.append(f"# {star} [{column.key}] {column.vi}: {column.help_vi} / {column.en}: {column.help_en}")
    for line in comments:
        writer.writerow([line])
    writer.writerow([c.header for c in template.columns])
    writer.writerow([template.example.get(c.key, "") for c in template.columns])
    return out.getvalue()


def write_template(name: str, path) -> None:
    """Write the template to `path` as UTF-8 with a BOM (so spreadsheets show the diacritics)."""
    from kg.safe_output import write_output

    write_output(path, template_text(name), encoding="utf-8-sig")
