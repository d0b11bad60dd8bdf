"""`kg extract` as a subprocess: drafts, options, and every kind of bad input gets a clear
message, the documented exit code and, when the file could be read, a draft that says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

DATA = Path(__file__).parents[1] / "data" / "extract"
KNE = "https://w3id.org/ketnghia/extraction#"


def _draft(path: Path) -> Dataset:
    ds = Dataset()
    ds.parse(str(path), format="trig")
    return ds


def _todos(ds: Dataset) -> list[str]:
    return [str(o) for _s, p, o, _g in ds.quads((None, None, None, None)) if str(p) == KNE + "todo"]


def _no_traceback(proc):
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


def test_draft_written_with_options(run_kg, tmp_path):
    out = tmp_path / "draft.trig"
    proc = run_kg(
        "extract",
        str(DATA / "vi_signed.txt"),
        "--published",
        "2023-03-16",
        "--url",
        "https://example.org/bai-viet",
        "-o",
        str(out),
    )
    _no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert "1 twinning(s) proposed" in proc.stderr and str(out) in proc.stderr
    text = out.read_text("utf-8")
    assert "tw:sister-localities-pre2025-427--pre2025-497" in text
    assert '"2023-03-16"^^xsd:date' in text and "https://example.org/bai-viet" in text
    assert len(_draft(out)) > 50


def test_draft_to_standard_output(run_kg):
    proc = run_kg("extract", str(DATA / "fr_ceremony.txt"), "--no-validate")
    assert proc.returncode == 0, proc.stderr
    ds = Dataset()
    ds.parse(data=proc.stdout, format="trig")
    assert "jumelage" in proc.stdout and len(ds) > 10


def test_forced_language(run_kg, tmp_path):
    proc = run_kg("extract", str(DATA / "en_cooperation.txt"), "--lang", "en", "-o", str(tmp_path / "d.trig"))
    assert proc.returncode == 0 and '"en"' in (tmp_path / "d.trig").read_text("utf-8")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--published", "8/8/2025"], "--published"),
        (["--url", "not a url"], "--url"),
        (["--source-id", "XYZ"], "--source-id"),
    ],
)
def test_bad_options_exit_2(run_kg, args, message):
    proc = run_kg("extract", str(DATA / "vi_signed.txt"), *args)
    _no_traceback(proc)
    assert proc.returncode == 2 and message in proc.stderr


def test_missing_file_exit_2_without_draft(run_kg, tmp_path):
    out = tmp_path / "d.trig"
    proc = run_kg("extract", str(tmp_path / "nope.txt"), "-o", str(out))
    _no_traceback(proc)
    assert proc.returncode == 2 and "no such file" in proc.stderr and not out.exists()


@pytest.mark.parametrize(
    "name, message",
    [
        ("empty.txt", "the file is empty"),
        ("binary.bin", "binary file"),
        ("undecodable.txt", "byte offset 43"),
        ("de_article.txt", "German"),
    ],
)
def test_unusable_input_exit_2_with_a_draft_that_says_why(run_kg, tmp_path, name, message):
    out = tmp_path / "d.trig"
    proc = run_kg("extract", str(DATA / name), "-o", str(out))
    _no_traceback(proc)
    assert proc.returncode == 2 and message in proc.stderr
    ds = _draft(out)
    todos = _todos(ds)
    assert any(message in t for t in todos)
    facts = {
        str(o)
        for _s, p, o, _g in ds.quads((None, None, None, None))
        if str(p).endswith("#type") and "SourceArticle" not in str(o)
    }
    assert facts == set()  # nothing invented


def test_legacy_encodings_are_read_and_recorded(run_kg, tmp_path):
    for name, encoding in (("vi_cp1258.txt", "windows-1258"), ("fr_cp1252.txt", "windows-1252")):
        out = tmp_path / f"{name}.trig"
        proc = run_kg("extract", str(DATA / name), "-o", str(out), "--no-validate")
        assert proc.returncode == 0, proc.stderr
        assert encoding in proc.stderr and f'kne:inputEncoding "{encoding}"' in out.read_text("utf-8")


def test_article_without_twinning_exit_0_and_says_so(run_kg, tmp_path):
    out = tmp_path / "d.trig"
    proc = run_kg("extract", str(DATA / "vi_no_twinning.txt"), "-o", str(out))
    assert proc.returncode == 0 and "no twinning statement found" in proc.stderr
    assert any("No twinning statement was found" in t for t in _todos(_draft(out)))
    assert "kn:Twinning" not in out.read_text("utf-8")


def test_enormous_file_is_processed_in_part_and_the_draft_says_so(run_kg, tmp_path):
    article = tmp_path / "huge.txt"
    paragraph = (DATA / "vi_signed.txt").read_text("utf-8")
    with open(article, "w", encoding="utf-8") as handle:
        while handle.tell() < 6 * 1024 * 1024:
            handle.write(paragraph)
    out = tmp_path / "d.trig"
    proc = run_kg("extract", str(article), "-o", str(out), "--no-validate", timeout=120)
    _no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert "only the first" in proc.stderr
    text = out.read_text("utf-8")
    assert "kne:processedCharacters" in text
    assert any("Only the first" in t for t in _todos(_draft(out)))


@pytest.mark.slow
def test_a_complete_draft_is_accepted_by_kg_contribute(run_kg, private_kg_home, tmp_path):
    out = tmp_path / "draft.trig"
    assert run_kg("extract", str(DATA / "vi_signed.txt"), "-o", str(out)).returncode == 0
    proc = run_kg("contribute", "--contributor", "extract test", str(out), env={"KG_HOME": str(private_kg_home)})
    _no_traceback(proc)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "merged contribution" in proc.stdout


def test_review_page_for_a_draft(run_kg, tmp_path):
    draft, page = tmp_path / "draft.trig", tmp_path / "review.html"
    made = run_kg("extract", str(DATA / "vi_signed.txt"), "--published", "2023-03-16", "-o", str(draft))
    assert made.returncode == 0, made.stderr
    reviewed = run_kg("review", str(draft), "--article", str(DATA / "vi_signed.txt"), "-o", str(page))
    assert reviewed.returncode == 0, reviewed.stderr
    html = page.read_text("utf-8")
    assert "Content-Security-Policy" in html and "<mark" in html
    missing = run_kg("review", str(tmp_path / "none.trig"), "--article", str(DATA / "vi_signed.txt"), "-o", str(page))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1 and "no such file" in missing.stderr


def test_notes_and_summary_follow_the_interface_language(run_kg, tmp_path):
    """`kg --lang vi extract … --lang en`: the first --lang is the interface's, the second the article's."""
    article = str(DATA / "en_cooperation.txt")
    english = run_kg("--lang", "en", "extract", article, "--lang", "vi", "-o", str(tmp_path / "en.trig"))
    vietnamese = run_kg("--lang", "vi", "extract", article, "--lang", "vi", "-o", str(tmp_path / "vi.trig"))
    assert english.returncode == vietnamese.returncode == 0
    assert "note: --lang vi was given; the text looks English" in english.stderr
    assert "lưu ý: đã cho --lang vi; văn bản có vẻ viết bằng tiếng Anh" in vietnamese.stderr
    assert "không có ngày nào từ 1/7/2025 trở đi" in vietnamese.stderr and "đã ghi bản nháp vào" in vietnamese.stderr
    assert not {"note:", "was", "given;", "draft", "units", "era"} & set(vietnamese.stderr.split())
    # the draft itself is English whichever the interface (a file for stewards of any language)
    for draft in ("en.trig", "vi.trig"):
        text = (tmp_path / draft).read_text("utf-8")
        assert 'skos:note "--lang vi was given; the text looks English"@en' in text and "lưu ý" not in text


def test_the_same_article_gives_the_same_draft_byte_for_byte(run_kg, tmp_path):
    # blank nodes (evidence, mentions) are named by their place in the draft, not at random, and
    # nothing depends on Python's string hashing: two runs can be compared with diff
    drafts = []
    for seed in ("1", "2"):
        out = tmp_path / f"draft-{seed}.trig"
        proc = run_kg("extract", str(DATA / "vi_signed.txt"), "-o", str(out), env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr
        drafts.append(out.read_bytes())
    assert b"kne:evidence _:evidence" in drafts[0]
    assert drafts[0] == drafts[1]
