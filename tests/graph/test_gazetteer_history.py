"""The historical gazetteer (data/history/*.csv): one test per CSV rule, each on a copy of the real
files with one row broken, and the real data against the published totals and the 2024 units."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kg.graph import gazetteer_history as gh
from kg.graph import history_coverage, history_nquads
from kg.graph import history_records as records
from kg import vietnamese as names

REAL = records.HISTORY_DIR


@pytest.fixture(scope="module")
def pre2025() -> dict[str, str]:
    return gh.pre2025_names()


@pytest.fixture(scope="module")
def real(pre2025) -> records.History:
    return gh.read_history(REAL, pre2025)


def broken(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of data/history with `old` replaced once by `new` in `file`."""
    copy = tmp_path / "history"
    shutil.copytree(REAL, copy)
    text = (copy / file).read_text("utf-8")
    assert old in text, f"{old!r} not in {file}: the test no longer matches the data"
    (copy / file).write_text(text.replace(old, new, 1), "utf-8")
    return copy


def error_of(directory: Path, pre2025) -> records.HistoryError:
    with pytest.raises(records.HistoryError) as caught:
        gh.read_history(directory, pre2025)
    message = str(caught.value)
    assert "\n" not in message and " / " in message  # one line, Vietnamese / English
    return caught.value


def row_of(directory: Path, file: str, needle: str) -> int:
    for number, line in enumerate((directory / file).read_text("utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


# --------------------------------------------------------------------------- units.csv rules


def test_header_must_be_exact(tmp_path, pre2025):
    d = broken(tmp_path, "units.csv", "id,name,type", "id,ten,type")
    e = error_of(d, pre2025)
    assert (e.path.name, e.row) == ("units.csv", 1)


def test_row_needs_all_columns(tmp_path, pre2025):
    d = broken(tmp_path, "units.csv", "tinh-kien-an,Tỉnh Kiến An,tinh,", "tinh-kien-an,Tỉnh Kiến An,")
    e = error_of(d, pre2025)
    assert e.row == row_of(d, "units.csv", "tinh-kien-an,") and "columns" in str(e)


def test_duplicate_id(tmp_path, pre2025):
    d = broken(tmp_path, "units.csv", "tinh-hai-ninh,Tỉnh Hải Ninh", "tinh-kien-an,Tỉnh Kiến An")
    e = error_of(d, pre2025)
    assert e.column == "id" and "duplicate" in str(e)


@pytest.mark.parametrize(
    "column, old, new",
    [
        ("type", "tinh-kien-an,Tỉnh Kiến An,tinh,", "tinh-kien-an,Tỉnh Kiến An,province,"),
        ("level", "Tỉnh Kiến An,tinh,province,", "Tỉnh Kiến An,tinh,tinh,"),
        ("system", "Tỉnh Kiến An,tinh,province,national", "Tỉnh Kiến An,tinh,province,drv"),
    ],
)
def test_controlled_values(tmp_path, pre2025, column, old, new):
    e = error_of(broken(tmp_path, "units.csv", old, new), pre2025)
    assert e.column == column and "is not one of" in str(e)


@pytest.mark.parametrize(
    "old, new, column",
    [
        (",1968-03-01,1996-12-31,,pre2025:25", ",1968-02-30,1996-12-31,,pre2025:25", "valid_from"),
        (",1968-03-01,1996-12-31,,pre2025:25", ",1/3/1968,1996-12-31,,pre2025:25", "valid_from"),
        (",1968-03-01,1996-12-31,,pre2025:25", ",1968-03-01,1960,,pre2025:25", "valid_until"),
    ],
)
def test_dates(tmp_path, pre2025, old, new, column):
    e = error_of(broken(tmp_path, "units.csv", old, new), pre2025)
    assert e.column == column


def test_id_is_the_slug_of_the_name(tmp_path, pre2025):
    # Without diacritics folded the same way, "Vĩnh Trà" is vinh-tra, nothing else.
    e = error_of(broken(tmp_path, "units.csv", "tinh-vinh-tra,", "vinh-tra,"), pre2025)
    assert e.column == "id" and "tinh-vinh-tra" in str(e)


def test_year_suffix_only_for_a_shared_slug(tmp_path, pre2025):
    e = error_of(broken(tmp_path, "units.csv", "tinh-nghia-lo,", "tinh-nghia-lo-1962,"), pre2025)
    assert e.column == "id" and "earlier row" in str(e)


def test_second_unit_with_a_slug_takes_its_year(tmp_path, pre2025):
    e = error_of(broken(tmp_path, "units.csv", "tinh-ha-tay-1991,", "tinh-ha-tay,"), pre2025)
    assert e.column == "id" and "adds -its first year" in str(e)


def test_pre2025_row_must_name_the_gazetteer_unit(tmp_path, pre2025):
    e = error_of(broken(tmp_path, "units.csv", "pre2025:34,Tỉnh Thái Bình", "pre2025:34,Tỉnh Nam Định"), pre2025)
    assert e.column == "name" and "Thái Bình" in str(e)
    e = error_of(broken(tmp_path / "b", "units.csv", "pre2025:34,", "pre2025:39,"), pre2025)
    assert e.column == "id" and "not a 2024 unit" in str(e)


def test_parent_must_exist(tmp_path, pre2025):
    e = error_of(
        broken(
            tmp_path,
            "units.csv",
            "district,national,,2020-04-30,pre2025:38",
            "district,national,,2020-04-30,tinh-thanh-hoa",
        ),
        pre2025,
    )
    assert e.column == "parent" and "unknown unit" in str(e)


def test_successors_2024_must_be_reached_by_the_changes(tmp_path, pre2025):
    e = error_of(broken(tmp_path, "units.csv", "1991-08-11,,pre2025:17,", "1991-08-11,,pre2025:22,"), pre2025)
    # no change leads from Hà Sơn Bình to Quảng Ninh
    assert e.column == "successors_2024" and "pre2025:22" in str(e)


# --------------------------------------------------------------------------- changes.csv rules


def test_change_type_is_controlled(tmp_path, pre2025):
    e = error_of(broken(tmp_path, "changes.csv", "1965-07-01,merger,", "1965-07-01,fusion,"), pre2025)
    assert (e.path.name, e.column) == ("changes.csv", "type")


def test_empty_change_date_needs_a_note(tmp_path, pre2025):
    e = error_of(
        broken(
            tmp_path,
            "changes.csv",
            "corpus 055,the former district is now Hà Trung and Nga Sơn; dates not verified",
            "corpus 055,",
        ),
        pre2025,
    )
    assert e.column == "note"


def test_change_needs_predecessors_and_successors(tmp_path, pre2025):
    e = error_of(
        broken(
            tmp_path, "changes.csv", "merger,tinh-bac-kan;tinh-thai-nguyen,tinh-bac-thai,", "merger,,tinh-bac-thai,"
        ),
        pre2025,
    )
    assert e.column == "predecessors"
    e = error_of(
        broken(
            tmp_path / "b",
            "changes.csv",
            "merger,tinh-bac-kan;tinh-thai-nguyen,tinh-bac-thai,",
            "merger,tinh-bac-kan;tinh-thai-nguyen,,",
        ),
        pre2025,
    )
    assert e.column == "successors"


def test_change_refers_to_known_units(tmp_path, pre2025):
    e = error_of(
        broken(tmp_path, "changes.csv", "tinh-bac-kan;tinh-thai-nguyen", "tinh-bac-can;tinh-thai-nguyen"), pre2025
    )
    assert e.column == "predecessors" and "bac-can" in str(e)


def test_change_dates_agree_with_the_units(tmp_path, pre2025):
    # Bắc Thái starts on 1/7/1965: it cannot be the predecessor in a change of 1960.
    e = error_of(
        broken(tmp_path, "changes.csv", "1997-01-01-bac-thai,1997-01-01,", "1997-01-01-bac-thai,1960,"), pre2025
    )
    assert e.column == "predecessors" and "after the change" in str(e)
    e = error_of(
        broken(tmp_path / "b", "changes.csv", "1965-07-01-bac-thai,1965-07-01,", "1965-07-01-bac-thai,1998,"), pre2025
    )
    assert e.column == "successors" and "before the change" in str(e)


def test_duplicate_change_id(tmp_path, pre2025):
    e = error_of(broken(tmp_path, "changes.csv", "1965-07-01-ha-tay,", "1965-07-01-bac-thai,"), pre2025)
    assert e.column == "id" and "duplicate" in str(e)


# --------------------------------------------------------------------------- counts.csv and legal bases


def test_published_total_is_a_number(tmp_path, pre2025):
    e = error_of(broken(tmp_path, "counts.csv", "1976-07-02,38,", "1976-07-02,ba mươi tám,"), pre2025)
    assert (e.path.name, e.column) == ("counts.csv", "published_total")


def test_legal_basis_needs_a_known_issuer(tmp_path, pre2025):
    d = broken(tmp_path, "changes.csv", "Nghị quyết 933/NQ-UBTVQH14 (16/4/2020)", "Quyết định số 5 (2020)")
    history = gh.read_history(d, pre2025)
    with pytest.raises(records.HistoryError) as caught:
        history_nquads.history_lines(history, "test", d)
    assert caught.value.column == "legal_basis"


def test_legal_documents_are_parsed():
    doc = history_nquads.legal_document("Nghị quyết 22/2003/QH11 (26/11/2003)")
    assert (doc.number, doc.issued_on, doc.issuer[0]) == ("22/2003/QH11", "2003-11-26", "quoc-hoi")
    doc = history_nquads.legal_document("Nghị định 03/NĐ-76 (24/2/1976)")
    assert doc.issuer[0] == "chinh-phu-cach-mang-lam-thoi"
    doc = history_nquads.legal_document("Nghị quyết Quốc hội (27/10/1962)")
    assert doc.number is None and doc.issued_on == "1962-10-27"


# --------------------------------------------------------------------------- the real data


def test_province_counts_match_the_published_totals(real):
    assert real.counts, "counts.csv lists no published totals"
    for count in real.counts:
        units = real.province_units_on(count.date.first_day)
        assert len(units) == count.total, (count.date.text, sorted(u.id for u in units))


def test_every_historical_unit_reaches_a_2024_unit(real):
    for unit in real.units.values():
        if unit.is_pre2025:
            continue
        reached = gh._reachable(real, unit.id)
        assert any(ref.startswith("pre2025:") for ref in reached), unit.id


def test_validity_intervals_do_not_overlap_across_a_succession(real):
    for ref, targets in real.succeeded_by.items():
        old = real.units.get(ref)
        for target in targets:
            new = real.units.get(target)
            if old and new and old.valid_until and new.valid_from:
                assert old.valid_until.first_day < new.valid_from.last_day, (ref, target)


@pytest.mark.parametrize(
    "text, year, expected",
    [
        ("Vĩnh Trà", 1960, "tinh-vinh-tra"),
        ("Vinh Tra", 1960, "tinh-vinh-tra"),
        ("Mỹ Tho", 1960, "tinh-my-tho"),
        ("Tân An", 1960, "tinh-tan-an"),
        ("Hà Đông", 1960, "tinh-ha-dong"),
        ("ha dong", 1960, "tinh-ha-dong"),
        ("Sơn Tây", 1960, "tinh-son-tay"),
        ("Kiến An", 1960, "tinh-kien-an"),
        ("Hồng Quảng", 1960, "khu-hong-quang"),
        ("Bạc Liêu", 1960, "tinh-bac-lieu"),
        ("Hà Tây", 1970, "tinh-ha-tay"),
        ("Ha Tay", 2000, "tinh-ha-tay-1991"),
        ("Nam Hà", 1993, "tinh-nam-ha-1991"),
        ("Tĩnh Gia", 1960, "huyen-tinh-gia"),
    ],
)
def test_historical_names_resolve_by_date(real, text, year, expected):
    day = dt.date(year, 6, 1)
    level = "district" if expected.startswith(("huyen-", "thi-xa-")) else "province"
    found = [
        u.id
        for u in real.units.values()
        if not u.is_pre2025 and u.level == level and u.valid_on(day) and names.fold(u.short_name) == names.fold(text)
    ]
    assert found == [expected]


def test_a_name_that_starts_like_a_type_word_keeps_it():
    assert records.short_name("Huyện Tĩnh Gia") == "Tĩnh Gia" and records.short_name("Tĩnh Gia") == "Tĩnh Gia"
    assert records.short_name("Khu tự trị Thái Mèo") == "Thái Mèo"


def test_every_dated_corpus_name_resolves(real, pre2025):
    """corpus-names.csv: the unit names of the articles; a name with the date of its fact must
    resolve to a unit valid then (the report lists the others as unresolved)."""
    path = REAL / "corpus-names.csv"
    rows = list(gh.read_rows(path, history_coverage.CORPUS_COLUMNS))
    assert len(rows) >= 50
    for number, row in rows:
        if not row["date"]:
            continue
        day = records.parse_date(row["date"]).first_day
        found = history_coverage.resolve_name(real, pre2025, row["name"], row["level"], day)
        assert len(found) == 1, (number, row["name"], found)
