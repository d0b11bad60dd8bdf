"""bench/extraction_eval.py on a small corpus laid out like ../shared/corpus: index.tsv, a split
file and curated graphs; test articles are scored but never detailed; era accuracy of parties."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from kg.extract.evaluate import era_accuracy, load_graph

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "tests" / "data" / "extract" / "vi_signed.txt"
PREFIXES = """
@prefix kn: <https://w3id.org/ketnghia/ontology#> . @prefix knv: <https://w3id.org/ketnghia/vocab/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix pre: <https://w3id.org/ketnghia/id/unit/pre2025/> . @prefix new: <https://w3id.org/ketnghia/id/unit/2025/> .
@prefix id: <https://w3id.org/ketnghia/id/> . @prefix g: <https://w3id.org/ketnghia/graph/source/> .
"""
# What vi_signed.txt states, as a curator would write it, plus one relation it does not state.
GOLD = (
    PREFIXES
    + """
g:corpus-{id} {{
  id:t1 a kn:Twinning ; kn:party pre:427 , pre:497 ; kn:establishedOn "2023-03-15"^^xsd:date .
  id:t2 a kn:Twinning ; kn:party pre:427 , pre:497 , pre:40 .
  id:a1 a kn:MonetaryAmount ; kn:value 500000000 ; kn:currency "VND" ; kn:amountQualifier knv:exact .
}}
"""
)


def _corpus(tmp_path: Path, splits: dict[str, str]) -> list[str]:
    corpus, sources = tmp_path / "corpus", tmp_path / "sources"
    corpus.mkdir()
    sources.mkdir()
    index = ["id\tfile\turl\tlang\ttitle\tpublished\tcomplete\ttopics\tnotes"]
    for id_ in splits:
        shutil.copy(ARTICLE, corpus / f"{id_}.txt")
        index.append(f"{id_}\t{id_}.txt\texample.org/{id_}\tvi\tT\t2023-03-20\tcomplete\tx\t")
        (sources / f"corpus-{id_}.trig").write_text(GOLD.format(id=id_), encoding="utf-8")
    (corpus / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    (tmp_path / "split.tsv").write_text(
        "# comment\nid\tsplit\tlanguage\ttopics\n" + "".join(f"{i}\t{s}\tvi\tx\n" for i, s in splits.items()),
        encoding="utf-8",
    )
    return [
        "--corpus",
        str(corpus),
        "--sources",
        str(sources),
        "--split-file",
        str(tmp_path / "split.tsv"),
        "--seeds",
        str(tmp_path / "no-seeds"),
    ]


def _run(args):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "extraction_eval.py"), "--print", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _section(text: str, title: str) -> str:
    return text.split(f"### {title}")[1].split("### ")[0]


def test_corpus_scores_each_split_apart_and_details_only_dev(tmp_path):
    out = _run([*_corpus(tmp_path, {"901": "dev", "902": "test", "903": "test"}), "--details"])
    dev, test = _section(out, "Corpus, dev split"), _section(out, "Corpus, test split")
    assert "1 articles (1 vi)" in dev and "2 articles (2 vi)" in test
    # The pair is found; the three-party relation is not (it needs all its parties).
    assert re.search(r"^\| twinning pairs \| 1\.00 \| 0\.50 \| 1 / 1 \| 1 / 2 \|", dev, re.MULTILINE)
    assert re.search(r"^\| twinning pairs \| 1\.00 \| 0\.50 \| 2 / 2 \| 2 / 4 \|", test, re.MULTILINE)
    assert re.search(r"^\| amounts \| 0\.50 \| 1\.00 \| 1 / 2 \| 1 / 1 \|", dev, re.MULTILINE)
    assert "--- 901" in out and "--- 902" not in out and "--- 903" not in out
    assert "Relation parties (units) in the curator's era: 2 of 2" in dev


def test_results_replace_only_the_generated_section(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "bench"))
    import extraction_eval

    report = tmp_path / "extraction.md"
    report.write_text(
        f"# Title\n\nHand-written.\n\n{extraction_eval.BEGIN}\nold\n{extraction_eval.END}\n\nAfter.\n", encoding="utf-8"
    )
    extraction_eval.write_results(f"{extraction_eval.BEGIN}\nnew\n{extraction_eval.END}", report)
    assert report.read_text(encoding="utf-8") == (
        f"# Title\n\nHand-written.\n\n{extraction_eval.BEGIN}\nnew\n{extraction_eval.END}\n\nAfter.\n"
    )


def test_era_accuracy_compares_parties_of_the_same_name_and_level():
    gold = load_graph(PREFIXES + "g:x { id:t a kn:Twinning ; kn:party new:48 , new:20242 . }", is_text=True)
    right = load_graph(PREFIXES + "g:y { id:t a kn:Twinning ; kn:party new:48 , pre:46 . }", is_text=True)
    wrong = load_graph(PREFIXES + "g:y { id:t a kn:Twinning ; kn:party pre:48 . }", is_text=True)
    assert era_accuracy(right, gold) == (1, 1)  # Huế (pre2025:46) has no counterpart in the gold
    assert era_accuracy(wrong, gold) == (0, 1)  # Đà Nẵng of the wrong era
