"""The historical gazetteer: province-level units since 1954 and the districts sources name.

Read from the curated CSV files in data/history/ (units.csv, changes.csv, counts.csv; columns in
data/history/README.md) and written as N-Quads into the named graph kg:gazetteer-history:
historical units (`id:unit/hist/{slug}`, era knv:historical) with their validity intervals, the
`kn:validFrom` of the 2024 provinces, dated changes (`id:change/hist/{id}`) with their legal basis,
and `kn:succeededBy` down to the pre2025 units, whence the gazetteer's own chains reach 2025.

A bad row stops the build with one line naming file, row, column and the problem, in Vietnamese
and English (HistoryError). This module reads and checks the files; the records are in
kg.graph.history_records, the N-Quads in kg.graph.history_nquads, the coverage page of `kg docs`
in kg.graph.history_coverage.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from pathlib import Path

import kg
from kg import vietnamese as names
from kg.graph import history_nquads, history_records
from kg.graph.history_records import (
    HISTORY_DIR,
    Change,
    HDate,
    History,
    HistoryError,
    HistUnit,
    PublishedCount,
    parse_date,
)

UNIT_COLUMNS = [
    "id",
    "name",
    "type",
    "level",
    "system",
    "valid_from",
    "valid_until",
    "parent",
    "successors_2024",
    "note",
    "reference",
]
CHANGE_COLUMNS = ["id", "date", "type", "predecessors", "successors", "legal_basis", "reference", "note"]
COUNT_COLUMNS = ["date", "published_total", "scope", "source", "note"]

UNIT_TYPES = {
    "tinh",
    "thanh-pho-truc-thuoc-trung-uong",
    "khu",
    "khu-tu-tri",
    "dac-khu-cap-tinh",
    "huyen",
    "quan",
    "thi-xa",
    "thanh-pho-thuoc-tinh",
}
LEVELS = {"province", "district"}
SYSTEMS = {"national", "revolutionary", "rvn"}
CHANGE_TYPES = {
    "establishment",
    "merger",
    "division",
    "renaming",
    "abolition",
    "transfer",
    "change-of-level",
    "reorganisation",
}
# Changes after which a predecessor that is still valid is a donor, not a predecessor in title.
DONOR_CHANGES = {"transfer", "establishment"}

_PRE2025 = re.compile(r"pre2025:(\d{2}|\d{3})")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


# --------------------------------------------------------------------------- reading


def read_rows(path: Path, columns: list[str]):
    """(row number as a spreadsheet shows it, dict) per data row; the header must be exact."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise HistoryError(path, 0, "-", "không có tệp", "file missing") from None
    except UnicodeDecodeError as exc:
        raise HistoryError(path, 0, "-", f"không phải UTF-8 ({exc.reason})", f"not UTF-8 ({exc.reason})") from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header != columns:
        raise HistoryError(
            path, 1, "-", f"tiêu đề phải là {','.join(columns)}", f"the header must be {','.join(columns)}"
        )
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(columns):
            raise HistoryError(
                path,
                number,
                "-",
                f"có {len(values)} cột, cần {len(columns)} (dấu phẩy trong ô phải nằm trong ngoặc kép)",
                f"has {len(values)} columns, needs {len(columns)} (a comma inside a cell needs double quotes)",
            )
        yield number, {c: v.strip() for c, v in zip(columns, values)}


def cell_date(path, number, column, text) -> HDate | None:
    try:
        return parse_date(text)
    except ValueError:
        raise HistoryError(
            path,
            number,
            column,
            f"ngày không hợp lệ {text!r} (YYYY-MM-DD, YYYY-MM hoặc YYYY)",
            f"invalid date {text!r} (YYYY-MM-DD, YYYY-MM or YYYY)",
        ) from None


def _refs(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def read_history(directory: Path | None = None, pre2025: dict[str, str] | None = None) -> History:
    """The three files, checked. `pre2025` maps the gazetteer's pre2025 codes to their full names
    (None: pre2025 references are checked for form only)."""
    directory = Path(directory or HISTORY_DIR)
    history = History()
    path = directory / "units.csv"
    slugs: dict[str, int] = {}  # slug -> row of the unit that has it plain
    for number, row in read_rows(path, UNIT_COLUMNS):

        def fail(column, vi, en, number=number):
            raise HistoryError(path, number, column, vi, en)

        uid = row["id"]
        if uid in history.units:
            fail(
                "id",
                f"trùng mã {uid} (dòng {history.units[uid].row}); đơn vị khác cùng tên thì thêm -năm bắt đầu",
                f"duplicate id {uid} (row {history.units[uid].row}); another unit of "
                "the same name adds -its first year",
            )
        if not row["name"]:
            fail("name", "thiếu tên", "name missing")
        for column, allowed in (("type", UNIT_TYPES), ("level", LEVELS), ("system", SYSTEMS)):
            if row[column] not in allowed:
                fail(
                    column,
                    f"{row[column]!r} không thuộc {sorted(allowed)}",
                    f"{row[column]!r} is not one of {sorted(allowed)}",
                )
        start = cell_date(path, number, "valid_from", row["valid_from"])
        end = cell_date(path, number, "valid_until", row["valid_until"])
        if start and end and start.first_day > end.last_day:
            fail("valid_until", "kết thúc trước khi bắt đầu", "ends before it starts")
        if uid.startswith("pre2025:"):
            match = _PRE2025.fullmatch(uid)
            if not match:
                fail("id", f"mã pre2025 sai dạng {uid!r}", f"malformed pre2025 id {uid!r}")
            if pre2025 is not None:
                known = pre2025.get(match.group(1))
                if known is None:
                    fail("id", f"{uid} không có trong danh mục 2024", f"{uid} is not a 2024 unit")
                elif names.fold(known) != names.fold(row["name"]):
                    fail("name", f"danh mục 2024 gọi {uid} là {known!r}", f"the 2024 gazetteer names {uid} {known!r}")
        else:
            slug = names.slugify(row["name"])
            year = start.text[:4] if start else None
            if uid == slug:
                slugs[slug] = number
            elif year and uid == f"{slug}-{year}":
                if slug not in slugs:
                    fail(
                        "id",
                        f"chỉ thêm năm khi một đơn vị ở dòng trên đã mang {slug!r}",
                        f"add the year only when a unit on an earlier row has {slug!r}",
                    )
            else:
                fail(
                    "id",
                    f"mã phải là {slug!r} (slug của tên có từ chỉ loại)",
                    f"the id must be {slug!r} (the slug of the name with its type word)",
                )
        unit = HistUnit(
            uid,
            row["name"],
            row["type"],
            row["level"],
            row["system"],
            start,
            end,
            row["parent"],
            _refs(row["successors_2024"]),
            row["note"],
            row["reference"],
            number,
        )
        history.units[uid] = unit

    def check_ref(ref, where_path, number, column, allow_pre2025=True):
        if ref in history.units:
            return
        if allow_pre2025 and _PRE2025.fullmatch(ref):
            if pre2025 is None or ref.split(":", 1)[1] in pre2025:
                return
            raise HistoryError(
                where_path, number, column, f"{ref} không có trong danh mục 2024", f"{ref} is not a 2024 unit"
            )
        raise HistoryError(where_path, number, column, f"không biết đơn vị {ref!r}", f"unknown unit {ref!r}")

    for unit in history.units.values():
        if unit.parent:
            check_ref(unit.parent, path, unit.row, "parent")
        for ref in unit.successors_2024:
            if not _PRE2025.fullmatch(ref):
                raise HistoryError(
                    path,
                    unit.row,
                    "successors_2024",
                    f"{ref!r} không phải đơn vị pre2025",
                    f"{ref!r} is not a pre2025 unit",
                )
            check_ref(ref, path, unit.row, "successors_2024")

    path = directory / "changes.csv"
    seen: dict[str, int] = {}
    for number, row in read_rows(path, CHANGE_COLUMNS):

        def fail(column, vi, en, number=number):
            raise HistoryError(path, number, column, vi, en)

        if not _SLUG.fullmatch(row["id"]):
            fail("id", f"mã phải là slug ASCII, có {row['id']!r}", f"the id must be an ASCII slug, got {row['id']!r}")
        if row["id"] in seen:
            fail("id", f"trùng mã (dòng {seen[row['id']]})", f"duplicate id (row {seen[row['id']]})")
        seen[row["id"]] = number
        if row["type"] not in CHANGE_TYPES:
            fail(
                "type",
                f"{row['type']!r} không thuộc {sorted(CHANGE_TYPES)}",
                f"{row['type']!r} is not one of {sorted(CHANGE_TYPES)}",
            )
        date = cell_date(path, number, "date", row["date"])
        if date is None and not row["note"]:
            fail("note", "ngày để trống thì phải ghi chú vì sao", "an empty date needs a note saying why")
        preds, succs = _refs(row["predecessors"]), _refs(row["successors"])
        if not preds:
            fail("predecessors", "cần ít nhất một đơn vị trước", "needs at least one predecessor")
        if not succs and row["type"] != "abolition":
            fail(
                "successors",
                "cần ít nhất một đơn vị sau (trừ giải thể)",
                "needs at least one successor (except an abolition)",
            )
        for column, refs in (("predecessors", preds), ("successors", succs)):
            for ref in refs:
                check_ref(ref, path, number, column)
                found = history.units.get(ref)
                if date is None or found is None:
                    continue
                if column == "predecessors" and found.valid_from and found.valid_from.first_day > date.last_day:
                    fail(
                        column,
                        f"{ref} bắt đầu ({found.valid_from.text}) sau thay đổi",
                        f"{ref} starts ({found.valid_from.text}) after the change",
                    )
                if column == "successors" and found.valid_until and found.valid_until.last_day < date.first_day:
                    fail(
                        column,
                        f"{ref} kết thúc ({found.valid_until.text}) trước thay đổi",
                        f"{ref} ends ({found.valid_until.text}) before the change",
                    )
        history.changes.append(
            Change(
                row["id"], date, row["type"], preds, succs, row["legal_basis"], row["reference"], row["note"], number
            )
        )

    path = directory / "counts.csv"
    for number, row in read_rows(path, COUNT_COLUMNS):
        date = cell_date(path, number, "date", row["date"])
        if date is None:
            raise HistoryError(path, number, "date", "thiếu ngày", "date missing")
        if not row["published_total"].isdigit():
            raise HistoryError(
                path, number, "published_total", "phải là số nguyên dương", "must be a positive whole number"
            )
        history.counts.append(
            PublishedCount(date, int(row["published_total"]), row["scope"], row["source"], row["note"])
        )

    _derive_succession(history)
    for unit in history.units.values():
        reached = _reachable(history, unit.id)
        for ref in unit.successors_2024:
            if ref not in reached:
                raise HistoryError(
                    directory / "units.csv",
                    unit.row,
                    "successors_2024",
                    f"không thay đổi nào (changes.csv) dẫn từ {unit.id} tới {ref}",
                    f"no change in changes.csv leads from {unit.id} to {ref}",
                )
    return history


def _derive_succession(history: History) -> None:
    """A predecessor is succeeded by the change's successors unless it is one of them or, in a
    transfer or an establishment, outlives the change (a donor of territory)."""
    for change in history.changes:
        for ref in change.predecessors:
            if ref in change.successors:
                continue
            unit = history.units.get(ref)
            if change.type in DONOR_CHANGES and (
                unit is None
                or unit.valid_until is None
                or (change.date is not None and unit.valid_until.last_day >= change.date.last_day)
            ):
                continue
            targets = history.succeeded_by.setdefault(ref, [])
            targets.extend(s for s in change.successors if s not in targets)


def _reachable(history: History, start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in history.succeeded_by.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


# --------------------------------------------------------------------------- entry points


def history_files(directory: Path | None = None) -> list[Path]:
    return [Path(directory or HISTORY_DIR) / name for name in ("units.csv", "changes.csv", "counts.csv")]


def history_fingerprint(directory: Path | None = None) -> str:
    digest = hashlib.sha256(f"kg {kg.__version__}\n".encode())
    # the data and the code that shapes the graph: a change to either rebuilds the cached file
    modules = (names, history_records, history_nquads)
    for path in [*history_files(directory), Path(__file__), *(Path(str(m.__file__)) for m in modules)]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def pre2025_names() -> dict[str, str]:
    """The gazetteer's pre2025 province and district codes with their full names, read straight
    from the package's table, much faster than loading the whole package data."""
    import sqlite3

    from kg.graph import gazetteer

    path = gazetteer.package_data_dir() / "dataset.db"
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT DISTINCT provinceCode, province, districtCode, district FROM admin_units_legacy"
        ).fetchall()
    finally:
        con.close()
    found: dict[str, str] = {}
    for province_code, province, district_code, district in rows:
        for code, name in ((province_code, province), (district_code, district)):
            if code:
                found.setdefault(str(code), name or "")
    return found


def write_history(path: Path, directory: Path | None = None) -> str:
    """Write the graph as N-Quads to `path`; return a one-line summary."""
    history = read_history(directory, pre2025_names())
    lines = history_nquads.history_lines(history, history_fingerprint(directory)[:12], directory)
    Path(path).write_text("".join(lines), encoding="utf-8")
    kinds = Counter("pre2025" if u.is_pre2025 else f"{u.level} {u.system}" for u in history.units.values())
    return f"historical gazetteer: {len(lines):,} triples, {len(history.changes)} changes, units: " + ", ".join(
        f"{k} {n}" for k, n in sorted(kinds.items())
    )
