"""Vietnamese text of the scale generator: names of people, bodies and organizations, roles, content
areas, purposes of support, events, statistics and figures, the words of amount qualifiers."""

from __future__ import annotations

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Mai",
    "Trịnh",
    "Đinh",
    "Lương",
]
MIDDLES = [
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Thanh",
    "Quốc",
    "Ngọc",
    "Xuân",
    "Hồng",
    "Đình",
    "Công",
    "Duy",
    "Như",
    "Kim",
    "Anh",
    "Bá",
    "Quang",
]
GIVENS = [
    "Hải",
    "Hùng",
    "Lan",
    "Hương",
    "Dũng",
    "Sang",
    "Thu",
    "Lai",
    "Quảng",
    "Phương",
    "Trà",
    "Vũ",
    "Tuấn",
    "Nam",
    "Bình",
    "An",
    "Hà",
    "Hoa",
    "Long",
    "Sơn",
    "Thắng",
    "Tâm",
    "Nga",
    "Yến",
    "Khánh",
    "Linh",
    "Trung",
    "Cường",
    "Hiếu",
    "Phúc",
    "Hường",
    "Lộc",
    "Thành",
    "Vinh",
]

ROLES_BY_BODY = {
    "party-committee": ["secretary", "deputy-secretary", "committee-member"],
    "standing-board": ["committee-member"],
    "peoples-committee": ["chairman", "vice-chairman"],
    "peoples-council": ["chairman", "vice-chairman"],
    "party-office": ["chief-of-office"],
}
BODY_CLASS = {
    "party-committee": "PartyCommittee",
    "standing-board": "StandingBoard",
    "peoples-committee": "PeoplesCommittee",
    "peoples-council": "PeoplesCouncil",
    "party-office": "PartyOffice",
}
PARTY_COMMITTEE_WORD = {
    "tinh": "Tỉnh ủy",
    "thanh-pho-truc-thuoc-trung-uong": "Thành ủy",
    "huyen": "Huyện ủy",
    "quan": "Quận ủy",
    "thi-xa": "Thị ủy",
    "thanh-pho-thuoc-tinh": "Thành ủy",
}
# Other organizations of a province: (name pattern, class)
PROVINCE_ORGS = [
    ("Agribank {p}", "BankBranch"),
    ("Vietcombank {p}", "BankBranch"),
    ("Viettel {p}", "Enterprise"),
    ("Công ty Điện lực {p}", "Enterprise"),
    ("Hội Liên hiệp Phụ nữ tỉnh {p}", "MassOrganization"),
    ("Tỉnh đoàn {p}", "MassOrganization"),
    ("Sở Y tế {p}", "GovernmentAgency"),
    ("Bộ Chỉ huy Quân sự tỉnh {p}", "GovernmentAgency"),
    ("Sở Giáo dục và Đào tạo {p}", "GovernmentAgency"),
]

CONTENT_AREAS = [
    "area-party-building",
    "area-admin-reform-digital",
    "area-culture-society",
    "area-economy-budget",
    "area-construction-environment",
    "area-infrastructure",
    "area-private-economy",
    "area-health",
    "area-education",
    "area-housing",
    "area-heritage",
    "area-tourism",
    "area-vocational-training",
    "area-advisory-service",
    "area-experience-exchange",
    "area-social-welfare",
    "area-promotion",
]
# purpose -> (support types, Vietnamese phrase, quantity unit or None)
PURPOSES = {
    "disaster-relief": (["money", "in-kind", "package"], "khắc phục hậu quả bão lụt", "suất quà"),
    "housing": (["house", "money"], "xây nhà đại đoàn kết cho hộ nghèo", "nhà"),
    "livelihood": (["livelihood-model", "in-kind"], "mô hình sinh kế nuôi bò sinh sản", "con bò"),
    "education": (["money", "in-kind", "investment"], "học bổng và thiết bị cho học sinh", "suất học bổng"),
    "infrastructure": (["investment", "money"], "làm đường giao thông nông thôn", "km đường"),
    "social-welfare": (["in-kind", "money"], "quà Tết cho gia đình chính sách", "suất quà"),
    "commemoration": (["money", "investment"], "tu bổ nghĩa trang liệt sĩ", "công trình"),
    "youth-women-startup": (["livelihood-model", "money"], "hỗ trợ khởi nghiệp cho thanh niên, phụ nữ", "hộ gia đình"),
}
EVENT_TEXT = {
    "working-visit": "Đoàn công tác {a} thăm, làm việc tại {b}",
    "ceremony": "Lễ ký kết kết nghĩa giữa {a} và {b}",
    "contest": "Hội thi tìm hiểu truyền thống kết nghĩa {a} – {b}",
    "construction-work": "Khởi công nhà văn hóa do {a} tài trợ tại {b}",
    "conference": "Hội nghị tổng kết quan hệ kết nghĩa {a} – {b}",
    "survey-trip": "Chuyến khảo sát của {a} tại {b}",
}
STATISTICS = [  # (slug, measure, unit of measure or None for money, low, high)
    ("poor-households-housed", "hộ nghèo được hỗ trợ nhà ở", "hộ", 5, 2000),
    ("ntm-communes", "xã đạt chuẩn nông thôn mới", "xã", 1, 120),
    ("agencies-twinned", "cơ quan, đơn vị kết nghĩa với xã miền núi", "cơ quan, đơn vị", 3, 150),
    ("communes-twinned", "xã miền núi được kết nghĩa", "xã", 2, 90),
    ("support-value", "tổng giá trị hỗ trợ cho các địa phương kết nghĩa", None, 500, 90_000),
    ("income-per-capita", "thu nhập bình quân đầu người mỗi năm", None, 20, 120),
]
FIGURES = {  # event type -> (unit of measure, measure, low, high)
    "contest": [
        ("bài dự thi", "số bài dự thi", 10, 9000),
        ("em", "số học sinh tham gia", 10, 500),
        ("giải", "số giải thưởng", 3, 40),
    ],
    "construction-work": [
        ("m2", "diện tích công trình", 100, 5000),
        ("ngày công", "số ngày công", 50, 3000),
        ("hộ gia đình", "số hộ hưởng lợi", 10, 900),
    ],
    "conference": [
        ("đại biểu", "số đại biểu tham dự", 20, 800),
        ("tập thể", "số tập thể được khen thưởng", 1, 60),
        ("cá nhân", "số cá nhân được khen thưởng", 1, 120),
    ],
}
QUALIFIER_WORD = {"exact": "", "lower-bound": "hơn ", "approximate": "khoảng "}
WAR_YEARS = range(1960, 1976)


def cap(text: str) -> str:
    """The text with its first letter upper-cased (a unit's display name at the start of a label)."""
    return text[:1].upper() + text[1:]
