"""`kg export` selections as a user writes them: province names with or without diacritics,
misspelled (suggestions), a selection with no twinning (a warning), `-o -` and empty values."""

from __future__ import annotations

import json

from kg.graph.store import open_store
from kg.network import exports
from kg.network import model as network


def export_json(run_kg, *args: str):
    result = run_kg("export", "json", "-o", "-", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr


def test_dash_writes_to_standard_output(run_kg, kg_home, tmp_path):
    data, stderr = export_json(run_kg, "--province", "Quảng Nam")
    assert data["edges"] and "wrote standard output:" in stderr
    assert not (tmp_path / "-").exists()
    gexf = run_kg("export", "gexf", "-o", "-", "--province", "Quảng Nam")
    assert gexf.returncode == 0 and gexf.stdout.startswith("<?xml")


def test_a_province_name_with_or_without_diacritics_or_level_word(run_kg, kg_home):
    answers = [export_json(run_kg, "--province", name)[0] for name in ("Quảng Nam", "quang nam", "Tỉnh Quảng Nam")]
    edges = [sorted(e["key"] for e in data["edges"]) for data in answers]
    assert edges[0] and edges[0] == edges[1] == edges[2]


def test_a_misspelled_province_gets_suggestions(run_kg, kg_home, tmp_path):
    result = run_kg("export", "json", "-o", str(tmp_path / "x.json"), "--province", "Quang Nm")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "no province named 'Quang Nm' (either era); closest: Quảng Nam (pre2025/49)" in line
    vi = run_kg("--lang", "vi", "export", "json", "-o", str(tmp_path / "x.json"), "--province", "Quang Nm")
    assert vi.returncode == 2 and "không có tỉnh nào tên 'Quang Nm'" in vi.stderr
    assert 3 <= len(line.split("closest: ", 1)[1].split("; ")) <= 5
    assert not (tmp_path / "x.json").exists()


def test_an_empty_selection_warns(run_kg, kg_home):
    data, stderr = export_json(run_kg, "--province", "Quảng Nam", "--from", "1000", "--to", "1001")
    assert data["edges"] == []
    assert "warning: no twinning in the selection (--province 'Quảng Nam', established 1000–1001)" in stderr
    _full, quiet = export_json(run_kg, "--province", "Quảng Nam")
    assert "warning" not in quiet


def test_missing_values_are_left_empty_not_dashed(kg_home):
    G = network.build_network(open_store())
    flat = exports.flat_graph(G)
    values = [
        attrs.get(k) for *_, attrs in flat.edges(keys=True, data=True) for k in ("source_urls", "source_languages")
    ]
    parts = [part for value in values if value for part in value.split(" | ")]
    assert parts and "-" not in parts and "?" not in " ".join(str(v) for v in values)
    # each list keeps one place per source, empty where the source has no value
    for *_, attrs in flat.edges(keys=True, data=True):
        if attrs.get("sources") and attrs.get("source_urls"):
            assert len(attrs["source_urls"].split(" | ")) == len(attrs["sources"].split(" | "))
