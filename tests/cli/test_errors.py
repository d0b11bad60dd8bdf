"""kg.errors: one base error with its exit code, reported once by kg.cli.main; one exit-code table."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import kg
from kg.cli import main
from kg.errors import EXIT_CODES, EXIT_UNAVAILABLE, KgError

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_exit_code_table_is_the_one_in_kg_errors():
    rows = re.findall(r"^\| (\d+) \| (.+?) \| (.+?) \| (.+?) \|$", README.read_text("utf-8"), re.M)
    assert [(int(code), vi, en, commands) for code, en, vi, commands in rows] == EXIT_CODES


def test_help_lists_every_exit_code(capsys):
    try:
        main(["--help"])
    except SystemExit:
        pass
    out = capsys.readouterr().out
    for code, vi, en, _ in EXIT_CODES:
        assert re.search(rf"^ +{code}  {re.escape(en)} / {re.escape(vi)}", out, re.M), code


def test_every_error_class_of_the_package_is_a_kg_error():
    """So kg.cli.main reports each as one line with its exit code, whatever raises it."""
    classes = {}
    for info in pkgutil.walk_packages(kg.__path__, "kg."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, Exception) and value.__module__ == info.name:
                classes[f"{info.name}.{name}"] = value
    assert len(classes) >= 20
    assert [name for name, cls in classes.items() if not issubclass(cls, KgError)] == []


def test_a_library_error_exits_with_its_code_in_one_line(run_kg, tmp_path):
    result = run_kg("dump", env={"KG_HOME": str(tmp_path / "empty")})
    assert result.returncode == EXIT_UNAVAILABLE
    assert result.stderr.startswith("kg dump: error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_vietnamese_text_comes_first_when_given():
    error = KgError("no built graph", vi="chưa có đồ thị")
    assert error.user_message() == "chưa có đồ thị / no built graph" and error.exit_code == 2
