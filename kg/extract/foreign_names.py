"""Countries abroad and their places as articles name them: the countries and neighbouring
provinces by their Vietnamese, French and English names, the foreign locality that stands
where a gazetteer unit stands in a twinning (ForeignPlace), and the friendship words that
relate a Vietnamese unit to one.

Apart from kg.extract.foreign (which finds the foreign names in an article) because the
twinning reader and the draft writer need these names and this class without the finder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.iris import ID
from kg.vietnamese import slugify

_C = r"(?<![\w])"  # a country word starts a word
COUNTRIES = {
    "CN": r"Trung Quốc|Trung Hoa|China|Chine|[Cc]hinese|[Cc]hinois(?:e|es)?",
    "LA": r"(?:CHDCND )?Lào(?! Cai)|Laos|Lao PDR|Laotian|[Ll]aotien(?:ne)?s?|Lao(?= (?:side|delegation|province|district))",
    "KH": r"Campuchia|Cam-pu-chia|Cambodge|Cambodia|Cambodian|[Cc]ambodgien(?:ne)?s?",
    "KR": r"Hàn Quốc|South Korea|Korea|Korean|Corée(?: du Sud)?|[Cc]oréen(?:ne)?s?",
    "JP": r"Nhật Bản|Japan|Japanese|Japon|[Jj]aponais(?:e)?",
    "TH": r"Thái Lan|Thailand|Thaïlande|Thai(?! Binh| Nguyen| Hoa)|[Tt]haïlandais(?:e)?",
    "FR": r"France|[Ff]rançais(?:e|es)?|French|Cộng hòa Pháp|nước Pháp"
    r"|Pháp(?! luật| lý| chế| nhân| danh| sư| môn| lệnh| y| định| trị| quyền| thuộc)",
    "US": r"Hoa Kỳ|United States|USA|États-Unis",
    "RU": r"Liên bang Nga|Russia|Russie",
    # Other countries whose localities twin with Vietnamese ones ("Đức", "Anh", "Ý", "Mỹ" alone
    # are Vietnamese name words or the wars' "chống Mỹ": only their longer forms).
    "DE": r"Germany|Allemagne|CHLB Đức|nước Đức|Cộng hòa Liên bang Đức",
    "BE": r"Belgium|Belgique|Vương quốc Bỉ|Bỉ",
    "IT": r"Italy|Italie|Italia|I-ta-li-a|nước Ý",
    "GB": r"United Kingdom|Royaume-Uni|Vương quốc Anh|nước Anh",
    "NL": r"Netherlands|Pays-Bas|Hà Lan",
    "AU": r"Australia|Australie|Ô-xtrây-li-a|Úc",
    "CA": r"Canada",
    "CU": r"Cuba",
    "MN": r"Mông Cổ|Mongolia|Mongolie",
    "SG": r"Singapore|Singapour|Xin-ga-po",
    "MY": r"Malaysia|Malaisie|Ma-lai-xi-a",
    "ID": r"Indonesia|Indonésie|In-đô-nê-xi-a",
    "PH": r"Philippines|Phi-líp-pin",
    "MM": r"Myanmar|Mi-an-ma",
    "IN": r"India|Inde|Ấn Độ",
    "HU": r"Hungary|Hongrie|Hung-ga-ri",
    "PL": r"Poland|Pologne|Ba Lan",
    "CZ": r"Czech Republic|Czechia|République tchèque|Cộng hòa Séc|Séc",
    "BG": r"Bulgaria|Bulgarie|Bun-ga-ri",
    "TW": r"Taiwan|Taïwan|Đài Loan",
    "DZ": r"Algeria|Algérie|An-giê-ri",
    "MA": r"Morocco|Maroc|Ma-rốc",
    "ES": r"Spain|Espagne|Tây Ban Nha",
    "SE": r"Sweden|Suède|Thụy Điển",
    "NZ": r"New Zealand|Nouvelle-Zélande|Niu Di-lân",
}
# Provinces of the neighbouring countries, as Vietnamese and international spellings write them.
PROVINCES = {
    "CN": r"Vân Nam|Yunnan|Quảng Tây|Guangxi|Quảng Đông|Guangdong|Hải Nam|Hainan|Quý Châu|Guizhou",
    "LA": r"Hủa Phăn|Hua Phan|Houaphanh|Houaphan|Luông Pha Băng|Luang Prabang|Phông Sa Lỳ|Phongsaly|Phongsali"
    r"|Luông Nậm Thà|Luang Namtha|Xiêng Khoảng|Xieng Khouang|Bò Kẹo|Bokeo|U Đôm Xay|Oudomxay|Viêng Chăn"
    r"|Vientiane|Bolikhamxay|Bô Ly Khăm Xay|Khăm Muộn|Khammouane|Savannakhet|Xa Văn Na Khệt|Salavan|Sả La Văn"
    r"|Sê Kông|Sekong|Attapeu|Át Tạ Pư|Chăm Pa Sắc|Champasak|Champassak|Xay Nha Bu Ly|Sayaboury|Xaysomboun",
    "KH": r"Ratanakiri|Rattanakiri|Mondulkiri|Stung Treng|Kratie|Kratié|Svay Rieng|Xvây Riêng|Prey Veng|Prây Veng"
    r"|Kampot|Takeo|Kandal|Tbong Khmum|Kampong Cham|Công Pông Chàm|Siem Reap|Xiêm Riệp|Battambang|Phnom Penh"
    r"|Phnôm Pênh",
}
COUNTRY_PATTERNS = [(cc, re.compile(rf"{_C}(?:{p})(?![\w])")) for cc, p in COUNTRIES.items()]
PROVINCE_PATTERNS = [(cc, re.compile(rf"{_C}(?:{p})(?![\w])")) for cc, p in PROVINCES.items()]
# Also cooperation with a place ("hợp tác với", "cooperation with", "coopération avec").
_FRIENDSHIP = re.compile(
    r"hữu nghị|relations? (?:d'amitié|amicales?)|friendly (?:and cooperative )?(?:cooperation|relations?|ties)"
    r"|cooperative (?:ties|relations?)|friendship|sister[- ]cit"
    # "A and B have cooperated since 1999", "A et la ville de B coopèrent"
    r"|\b(?:cooperated?|coopèrent|ont coopéré)\b"
    r"|(?:hợp tác|cooperation|coopération)(?:\s+\w+){0,2}?\s+(?:với|with|avec|giữa|between|entre)\b",
    re.I,
)


@dataclass(frozen=True)
class ForeignPlace:
    """A locality outside Vietnam, standing where a gazetteer Unit stands in a twinning."""

    country: str  # ISO 3166-1 alpha-2, upper case
    name: str  # as the article first writes it, without its type word
    type_word: str = ""
    canonical: str = ""  # a tabled city's spelling for its IRI ("Bangkok" for "Băng Cốc")

    era = "place"  # Party.key: place-{cc}-{slug}, as the IRI
    level = None
    parent = None
    unit_type = None

    @property
    def code(self) -> str:
        return f"{self.country.lower()}-{slugify(self.canonical or self.name)}"

    @property
    def iri(self) -> str:
        return str(ID[f"place/{self.code}"])

    @property
    def short_name(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        return f"{self.type_word} {self.name}".strip()


def is_foreign(candidate) -> bool:
    return isinstance(getattr(candidate, "unit", None), ForeignPlace)


def friendship(text: str) -> bool:
    """A friendship word: how a relation with a foreign locality is written without "kết nghĩa"."""
    return bool(_FRIENDSHIP.search(text))


def foreign_kind(sentence_text: str) -> str:
    return "border-cluster" if re.search(r"biên giới|frontali|border", sentence_text, re.I) else "sister-city"


def country_in(text: str, provinces: bool = True) -> str | None:
    """The country a text names first (a foreign province names its country)."""
    found = [(m.start(), cc) for cc, rx in COUNTRY_PATTERNS for m in [rx.search(text)] if m]
    if provinces:
        found += [(m.start(), cc) for cc, rx in PROVINCE_PATTERNS for m in [rx.search(text)] if m]
    return min(found)[1] if found else None


def country_of_whole(text: str, table) -> str | None:
    """The country when `text` is a country or foreign province name and nothing else."""
    for cc, rx in table:
        match = rx.match(text)
        if match and match.end() == len(text):
            return cc
    return None
