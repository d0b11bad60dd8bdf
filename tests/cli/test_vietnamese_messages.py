"""Every error in either language (issue 26 item 2): with --lang vi no English sentence, no
English word inside a Vietnamese one, argparse's own errors included; --lang en unchanged.

The first test reads kg/ with ast: each call constructing a KgError (or a subclass, or an alias
such as kg.cli.UserError) must pass `vi=`, so that an English-only raise added later fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kg.cli.argparse_vi import translate
from support.errors import assert_translated_error, english_prose

KG = Path(__file__).resolve().parents[2] / "kg"

# Classes whose constructor takes or writes the Vietnamese text itself, so a call needs no `vi=`
# (checked below: their __init__ has a `vi` parameter or passes `vi=` to KgError)
BILINGUAL_CONSTRUCTORS = {
    "CellError": "kg.steward.csv_values: CellError(vi, en)",
    "HistoryError": "kg.graph.history_records: HistoryError(path, row, column, vi, en)",
    "ContributionRejected": "kg.steward.contribute: counts the outcome's problems in both languages",
}

# (file, class) raising without `vi=` on purpose, each with why
ALLOWED = {
    # the RDF parser's own wording (rdflib, pyoxigraph, json, xml.sax) as the problem:
    # RdfSyntaxError.vi_default quotes it inside a Vietnamese sentence ("sai cú pháp RDF …")
    ("kg/validation/parsing.py", "RdfSyntaxError"),
}


def error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """KgError and every class or alias of kg/ derived from it, by name."""
    names = {"KgError"}
    grown = True
    while grown:
        grown = False
        for tree in trees.values():
            for node in ast.walk(tree):
                found: list[str] = []
                if isinstance(node, ast.ClassDef) and any(_name(base) in names for base in node.bases):
                    found = [node.name]
                elif isinstance(node, ast.Assign) and _name(node.value) in names:
                    found = [t.id for t in node.targets if isinstance(t, ast.Name)]
                for name in found:
                    if name not in names:
                        names.add(name)
                        grown = True
    return names


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def english_only_errors(trees: dict[Path, ast.Module], root: Path) -> tuple[int, list[str]]:
    """(calls constructing a kg error, 'file:line: Class' for those without `vi=`)."""
    classes = error_classes(trees)
    total, missing = 0, []
    for path, tree in sorted(trees.items()):
        relative = path.relative_to(root.parent).as_posix()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node.func) not in classes:
                continue
            total += 1
            cls = _name(node.func)
            if any(k.arg in ("vi", None) for k in node.keywords):  # vi=… or **kwargs
                continue
            if cls in BILINGUAL_CONSTRUCTORS or (relative, cls) in ALLOWED:
                continue
            missing.append(f"{relative}:{node.lineno}: {cls}")
    return total, missing


def parse_tree(root: Path) -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text("utf-8"), str(path)) for path in sorted(root.rglob("*.py"))}


def test_every_kg_error_raised_in_kg_has_a_vietnamese_text():
    total, missing = english_only_errors(parse_tree(KG), KG)
    assert total > 150  # the scan sees the raise sites (about 200)
    assert missing == []


def test_the_scan_catches_an_english_only_raise(tmp_path):
    package = tmp_path / "kg"
    package.mkdir()
    (package / "errors.py").write_text("class KgError(Exception): ...\nclass Other(KgError): ...\nAlias = Other\n")
    (package / "use.py").write_text(
        "from kg.errors import Alias, KgError, Other\n"
        "def f():\n"
        "    raise Other('english only')\n"
        "def g():\n"
        "    raise KgError('both', vi='cả hai')\n"
        "def h():\n"
        "    return Alias('alias, english only', 3)\n"
    )
    total, missing = english_only_errors(parse_tree(package), package)
    assert total == 3 and missing == ["kg/use.py:3: Other", "kg/use.py:7: Alias"]


def test_bilingual_constructors_do_take_the_vietnamese_text():
    trees = parse_tree(KG)
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in BILINGUAL_CONSTRUCTORS:
                [init] = [f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"]
                takes = "vi" in [a.arg for a in init.args.args + init.args.kwonlyargs]
                passes = any(
                    isinstance(call, ast.Call) and any(k.arg == "vi" for k in call.keywords) for call in ast.walk(init)
                )
                assert takes or passes, node.name


# --------------------------------------------------------------------------- argparse's messages


@pytest.mark.parametrize(
    "english, vietnamese",
    [
        ("unrecognized arguments: -q --x", "không nhận ra đối số: -q --x"),
        ("argument -p/--param: expected one argument", "đối số -p/--param: cần một giá trị"),
        ("argument TEXT: expected at least one argument", "đối số TEXT: cần ít nhất một giá trị"),
        (
            "argument COMMAND: invalid choice: 'bogus' (choose from 'build', 'dump')",
            "đối số COMMAND: lựa chọn không hợp lệ: 'bogus' (chọn một trong: 'build', 'dump')",
        ),
        (
            "the following arguments are required: TEXT, --article",
            "thiếu đối số bắt buộc: TEXT, --article",
        ),
        (
            "argument --sparql: not allowed with argument --file",
            "đối số --sparql: không dùng được cùng với đối số --file",
        ),
        ("argument --chunk: invalid int value: 'x'", "đối số --chunk: 'x' không phải số nguyên"),
        ("argument --timeout: invalid float value: 'y'", "đối số --timeout: 'y' không phải số"),
        (
            "ambiguous option: --ex could match --exact-unit, --explain",
            "tùy chọn mơ hồ: --ex có thể là --exact-unit, --explain",
        ),
        ("argument --from: not a year: '19x'", "đối số --from: '19x' không phải năm"),
    ],
)
def test_argparse_formats_in_vietnamese(english, vietnamese):
    assert translate(english) == vietnamese
    assert not english_prose(vietnamese)


def test_an_unknown_argparse_format_stays_english():
    assert translate("something argparse may say one day") == "something argparse may say one day"
    assert translate("argument -x: a detail not known here") == "argument -x: a detail not known here"


# --------------------------------------------------------------------------- real error paths


@pytest.mark.parametrize(
    "args, prog, english, vietnamese",
    [
        (("-q",), "kg", "unrecognized arguments: -q (see kg --help)", "không nhận ra đối số: -q (xem kg --help)"),
        (
            ("query", "-p"),
            "kg query",
            "argument -p/--param: expected one argument",
            "đối số -p/--param: cần một giá trị",
        ),
        (("bogus",), "kg", "argument COMMAND: invalid choice: 'bogus'", "lựa chọn không hợp lệ: 'bogus'"),
        (("search",), "kg search", "the following arguments are required: TEXT", "thiếu đối số bắt buộc: TEXT"),
        (("push", "--chunk", "x"), "kg push", "invalid int value: 'x'", "'x' không phải số nguyên"),
        (
            ("query",),
            "kg query",
            "name one saved query, or give --file or --sparql (see kg query --list)",
            "hãy nêu tên một truy vấn lưu sẵn, hoặc dùng --file hay --sparql",
        ),
        (
            ("query", "no-such-query"),
            "kg query",
            "no saved query named 'no-such-query'",
            "không có truy vấn lưu sẵn nào tên 'no-such-query'",
        ),
        (("query", "--list", "x"), "kg query", "--list takes no query name", "--list không nhận tên truy vấn"),
    ],
)
def test_errors_in_both_languages(run_kg, args, prog, english, vietnamese):
    assert_translated_error(run_kg, args, english, vietnamese, prog=prog)


def test_a_bad_parameter_value_in_both_languages(run_kg, kg_home):
    args = ("query", "unit-at-date", "-p", "unit=2025/20641", "-p", "date=20250701")
    assert_translated_error(
        run_kg,
        args,
        "parameter 'date': '20250701' is not a date (YYYY-MM-DD, e.g. 2025-07-01)",
        "tham số 'date': '20250701' không phải ngày (YYYY-MM-DD, ví dụ 2025-07-01)",
        prog="kg query",
    )


def test_validate_on_a_missing_file_in_both_languages(run_kg, tmp_path):
    missing = tmp_path / "missing.ttl"
    assert_translated_error(
        run_kg,
        ("validate", str(missing)),
        f"{missing}: cannot read: No such file or directory",
        f"{missing}: không đọc được: không có tệp hay thư mục này",
        prog="kg validate",
    )


def test_an_ambiguous_name_lists_the_candidates_in_either_language(run_kg, kg_home):
    args = ("query", "twinnings-of-unit", "-p", "unit=Tân Thành")
    assert_translated_error(
        run_kg,
        args,
        "parameter 'unit': 'Tân Thành' names 9 units",
        "tham số 'unit': tên 'Tân Thành' ứng với 9 đơn vị",
        prog="kg query",
    )
    vietnamese = run_kg("--lang", "vi", *args).stderr
    assert "2025/32025 Phường Tân Thành (cấp xã, Cà Mau, từ 2025-07-01)" in vietnamese
    assert not {"commune", "since", "parameter"} & set(vietnamese.replace(",", " ").split())


def test_an_unknown_key_in_either_language(run_kg, kg_home):
    assert_translated_error(
        run_kg,
        ("query", "twinnings-of-unit", "-p", "unit=pre2025/99999"),
        "parameter 'unit': no such unit 'pre2025/99999' in the graph",
        "tham số 'unit': không có đơn vị 'pre2025/99999' trong đồ thị",
        prog="kg query",
    )


def test_the_notes_on_names_and_followed_units_follow_the_language(run_kg, kg_home):
    args = ("query", "twinnings-of-unit", "-p", "unit=Quế Sơn", "--format", "csv")
    english = run_kg("--lang", "en", *args)
    vietnamese = run_kg("--lang", "vi", *args)
    assert english.returncode == vietnamese.returncode == 0
    assert len(english.stdout.splitlines()) == len(vietnamese.stdout.splitlines())  # labels differ
    assert "predecessor(s)" in english.stderr and "(also: Huyện Quế Sơn" in english.stderr
    assert "đơn vị tiền thân" in vietnamese.stderr and "(còn: Huyện Quế Sơn" in vietnamese.stderr
    assert not {"with", "also:", "predecessor(s)", "heir(s)"} & set(vietnamese.stderr.split())


def test_kg_build_reports_its_steps_in_vietnamese(private_kg_home):
    from support.homes import kg

    built = kg(private_kg_home, "--lang", "vi", "build", "--force")
    assert built.returncode == 0, built.stderr
    assert "[1/6] đọc các nguồn đã biên tập…" in built.stderr and "xong trong" in built.stderr
    assert "done in" not in built.stderr
    assert built.stdout.startswith("đã công bố ") and "đồ thị có tên" in built.stdout
    assert "huyện không có xã:" in built.stdout and " đã nhập, " in built.stdout
    again = kg(private_kg_home, "--lang", "vi", "build")
    assert again.returncode == 0 and again.stdout.startswith("đã mới nhất: ")
    english = kg(private_kg_home, "--lang", "en", "build")
    assert english.returncode == 0 and english.stdout.startswith("up to date: ")


def test_kg_search_describes_hits_in_either_language(run_kg, kg_home):
    english = run_kg("--lang", "en", "search", "Quế Sơn").stdout.splitlines()
    vietnamese = run_kg("--lang", "vi", "search", "Quế Sơn").stdout.splitlines()
    assert english[0].startswith("Quế Sơn — district (huyện), Quảng Nam, until 2025-06-30")
    assert vietnamese[0].startswith("Quế Sơn — huyện, Quảng Nam, đến 2025-06-30")
    assert [line.split()[-1] for line in english] == [line.split()[-1] for line in vietnamese]  # same IRIs
    assert not {"district", "commune", "organization", "until", "since"} & set(" ".join(vietnamese).split())
    assert run_kg("--lang", "vi", "search", "zzzzqq").stdout.strip() == "không tìm thấy 'zzzzqq'"


def test_status_lines_of_handlers_follow_the_language(private_kg_home, tmp_path):
    from support.homes import kg

    listing = kg(private_kg_home, "--lang", "vi", "contributions")
    assert listing.returncode == 0 and listing.stdout.strip() == "chưa có đóng góp nào được hợp nhất"
    template = kg(private_kg_home, "--lang", "vi", "template", "twinnings", "-o", str(tmp_path / "t.csv"))
    assert template.returncode == 0 and template.stderr.startswith("đã ghi mẫu twinnings vào ")
    exported = kg(private_kg_home, "--lang", "vi", "export", "json", "-o", str(tmp_path / "g.json"))
    assert exported.returncode == 0 and exported.stderr.startswith(f"đã ghi {tmp_path / 'g.json'}: ")
    assert " nút, " in exported.stderr and "nodes" not in exported.stderr
