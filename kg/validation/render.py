"""Rendering validation outcomes for people (text, HTML), programs (JSON) and RDF tools (Turtle).

A renderer takes a list of `CheckedFile` (what was read, and what validation found) and returns
a string. Results are grouped by record -- the focus node, named by its label in the requested
language -- in the order the records appear in the file, each with the line (RDF) or row (CSV)
where it starts, so a steward can go straight to it.

Everything that comes from the data (labels, values, messages quoting them) is untrusted: the
HTML report escapes it, the text report shows control characters as escapes, and the JSON is
produced by json.dumps. The HTML report is one self-contained page a steward can send on:
inline CSS, no scripts, nothing loaded, and a Content-Security-Policy that forbids both anyway.
"""

from __future__ import annotations

import html
import json
import re
import time
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal
from rdflib.namespace import DCTERMS, RDFS, SKOS
from rdflib.term import Node

from kg.validation.engines import plain_graph
from kg.validation.report import REPORT_PREFIXES, ValidationIssue, ValidationOutcome, qname, term_text

LABEL_PROPERTIES = (SKOS.prefLabel, RDFS.label, DCTERMS.title)

TEXT = {
    "vi": {
        "ok": "hợp lệ",
        "bad": "KHÔNG HỢP LỆ",
        "problems": "vi phạm",
        "path": "thuộc tính",
        "value": "giá trị",
        "rule": "ràng buộc",
        "of": "của",
        "blank": "nút trống",
        "files": "tệp",
        "valid": "hợp lệ",
        "invalid": "không hợp lệ",
        "note": "ghi chú",
        "Violation": "Vi phạm",
        "Warning": "Cảnh báo",
        "Info": "Thông tin",
        "line": "dòng",
        "row": "hàng",
        "column": "cột",
        "context": "cùng đồ thị đã dựng",
        "standalone": "riêng lẻ",
        "mode": "kiểm tra",
        "title": "Báo cáo kiểm tra dữ liệu Kết nghĩa",
        "record": "bản ghi",
        "generated": "Tạo lúc",
        "engine": "bộ kiểm tra",
        "none": "Không có vi phạm nào.",
        "summary": "Tóm tắt",
        "warnings": "cảnh báo",
    },
    "en": {
        "ok": "conforms",
        "bad": "DOES NOT CONFORM",
        "problems": "violation(s)",
        "path": "property",
        "value": "value",
        "rule": "constraint",
        "of": "of",
        "blank": "blank node",
        "files": "file(s)",
        "valid": "conform",
        "invalid": "do not conform",
        "note": "note",
        "Violation": "Violation",
        "Warning": "Warning",
        "Info": "Info",
        "line": "line",
        "row": "row",
        "column": "column",
        "context": "together with the built graph",
        "standalone": "standalone",
        "mode": "checked",
        "title": "Kết nghĩa data validation report",
        "record": "record",
        "generated": "Generated",
        "engine": "engine",
        "none": "No violations.",
        "summary": "Summary",
        "warnings": "warning(s)",
    },
}


@dataclass
class CheckedFile:
    path: str
    data: Graph
    outcome: ValidationOutcome
    lines: dict[Node, int] = field(default_factory=dict)  # record -> line (RDF) or row (CSV) where it starts
    location: str = "line"  # "line" for RDF files, "row" for CSV
    columns: dict = field(default_factory=dict)  # issue, or (record, value or path text) -> CSV column
    mode: str = "standalone"  # "standalone" or "context" (with the built graph)

    def line_of(self, focus: Node, data: Graph | None = None) -> int | None:
        """Where the record starts; a blank node or an unlisted node (an amount) takes the line
        of the record that points to it."""
        if focus in self.lines:
            return self.lines[focus]
        if data is not None:
            for owner in data.subjects(None, focus):
                if owner in self.lines:
                    return self.lines[owner]
        return None

    def column_of(self, issue: ValidationIssue) -> str | None:
        for key in (issue, (issue.focus, issue.value), (issue.focus, issue.path)):
            if key in self.columns:
                return self.columns[key]
        return None


def label(graph: Graph, node: Node, lang: str) -> str | None:
    """The node's label in `lang`, else in Vietnamese, else any label."""
    labels = [o for p in LABEL_PROPERTIES for o in graph.objects(node, p) if isinstance(o, Literal)]
    for wanted in (lang, "vi", None):
        for literal in labels:
            if wanted is None or (literal.language or "").split("-")[0] == wanted:
                return str(literal)
    return None


def describe_node(graph: Graph, node: Node, lang: str) -> str:
    """`Label <prefixed IRI>`; a node without a label (an amount, a quantity) is described by
    what points to it: `kn:amount của Ngọc Lặc ủng hộ... <id:…/amount>`."""
    words = TEXT[lang]
    name = label(graph, node, lang)
    if name is None:
        for subject, predicate in sorted(graph.subject_predicates(node)):
            owner = label(graph, subject, lang) or f"<{term_text(subject)}>"
            name = f"{qname(predicate)} {words['of']} {owner}"
            break
    if isinstance(node, BNode):
        return f"{words['blank']}: {name}" if name else words["blank"]
    shown = term_text(node)
    shown = shown if shown.startswith("<") else f"<{shown}>"
    return f"{name}  {shown}" if name else shown


def records(checked: CheckedFile, data: Graph) -> list[tuple[Node, int | None, list[ValidationIssue]]]:
    """(focus, line, issues) per record, in file order; records without a known line last."""
    groups = checked.outcome.by_focus()
    located = [(focus, checked.line_of(focus, data), issues) for focus, issues in groups.items()]
    order = {focus: n for n, focus in enumerate(groups)}
    return sorted(located, key=lambda r: (r[1] is None, r[1] or 0, order[r[0]]))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe for a terminal: control characters (ANSI escapes...) shown as \\x.. escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def counts(issues, words: dict) -> str:
    """'2 violation(s), 1 warning(s)': a warning is not a violation (a valid file with one warning
    used to read 'conforms, 1 violation(s)')."""
    violations = sum(i.severity.endswith("Violation") for i in issues)
    others = len(issues) - violations
    return f"{violations} {words['problems']}" + (f", {others} {words['warnings']}" if others else "")


def where(checked: CheckedFile, line: int | None, lang: str) -> str:
    return f"{TEXT[lang][checked.location]} {line}" if line else ""


def render_text(files: list[CheckedFile], lang: str = "vi") -> str:
    words = TEXT[lang]
    lines: list[str] = []
    for checked in files:
        outcome, data = checked.outcome, plain_graph(checked.data)
        status = words["ok"] if outcome.conforms else words["bad"]
        lines.append(
            f"== {checked.path}: {status}, {counts(outcome.issues, words)} "
            f"({outcome.engine}, {outcome.seconds:.2f} s; {words['mode']} {words[checked.mode]})"
        )
        for note in outcome.notes:
            lines.append(f"   {words['note']}: {printable(note)}")
        for focus, line, issues in records(checked, data):
            at = where(checked, line, lang)
            lines.append(f"  {printable(describe_node(data, focus, lang))}" + (f"  ({at})" if at else ""))
            for issue in issues:
                detail = f" | {words['path']}: {issue.path}" if issue.path else ""
                column = checked.column_of(issue)
                if column:
                    detail += f" | {words['column']}: {printable(column)}"
                lines.append(f"    - {words.get(issue.severity, issue.severity)}{detail}")
                lines.append(f"      {printable(issue.message(lang))}")
                if issue.value is not None and issue.value != focus:
                    lines.append(f"      {words['value']}: {printable(term_text(issue.value))}")
                lines.append(f"      ({words['rule']}: {term_text(issue.shape)}, {issue.component})")
        lines.append("")
    if len(files) > 1:
        bad = [f for f in files if not f.outcome.conforms]
        every = [i for f in files for i in f.outcome.issues]
        lines.append(
            f"{len(files)} {words['files']}: {len(files) - len(bad)} {words['valid']}, "
            f"{len(bad)} {words['invalid']} ({counts(every, words)})"
        )
    return "\n".join(lines).rstrip() + "\n"


def render_json(files: list[CheckedFile], lang: str = "vi") -> str:
    entries = []
    for checked in files:
        data = plain_graph(checked.data)
        issues = []
        for _focus, line, group in records(checked, data):
            for issue in group:
                issues.append(
                    {
                        **issue.to_dict(),
                        "focus_label": label(data, issue.focus, lang),
                        "message": issue.message(lang),
                        checked.location: line,
                        "column": checked.column_of(issue),
                    }
                )
        entries.append(
            {
                "file": checked.path,
                "conforms": checked.outcome.conforms,
                "engine": checked.outcome.engine,
                "mode": checked.mode,
                "notes": checked.outcome.notes,
                "issues": issues,
            }
        )
    document = {"conforms": all(f.outcome.conforms for f in files), "files": entries}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_turtle(files: list[CheckedFile], lang: str = "vi") -> str:
    """All reports in one Turtle document (one sh:ValidationReport per file)."""
    merged = Graph()
    for prefix, namespace in REPORT_PREFIXES.items():
        merged.bind(prefix, namespace)
    for checked in files:
        merged += checked.outcome.report_graph
    return merged.serialize(format="turtle")


_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;
  background:#f4f5f7;color:#1d2430}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.5em;margin:0 0 4px} h2{font-size:1.15em;margin:0;word-break:break-all}
.meta{color:#5b6474;font-size:.9em;margin-bottom:18px}
.file{background:#fff;border:1px solid #d9dde3;border-radius:8px;margin:0 0 20px;overflow:hidden}
.file>header{padding:12px 16px;border-bottom:1px solid #d9dde3;display:flex;gap:12px;align-items:center;
  flex-wrap:wrap}
.badge{display:inline-block;border-radius:999px;padding:2px 10px;font-size:.8em;font-weight:600;
  white-space:nowrap}
.ok{background:#e3f5e8;color:#17652f} .bad{background:#fde7e7;color:#9b1c1c}
.Violation{background:#fde7e7;color:#9b1c1c} .Warning{background:#fff4d6;color:#7a5200}
.Info{background:#e6effc;color:#1d4f91}
.notes{margin:0;padding:8px 16px;background:#fffbea;color:#5c4500;font-size:.9em}
.record{padding:12px 16px;border-top:1px solid #eef0f3}
.record h3{font-size:1em;margin:0 0 6px;display:flex;gap:10px;flex-wrap:wrap;align-items:baseline}
.iri{font:12px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#5b6474;
  word-break:break-all}
.where{margin-left:auto;color:#5b6474;font-size:.85em;white-space:nowrap}
table{border-collapse:collapse;width:100%} td,th{text-align:left;vertical-align:top;padding:6px 8px;
  border-top:1px solid #eef0f3;font-size:.92em} th{color:#5b6474;font-weight:600;width:1%;
  white-space:nowrap}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f1f3f6;
  padding:1px 4px;border-radius:4px;word-break:break-all}
.empty{padding:12px 16px;color:#17652f}
tbody.issue{border-top:2px solid #d9dde3} tbody.issue:first-of-type{border-top:0}
.message{font-weight:500}
.total{font-weight:600}
@media print{body{background:#fff} .file{break-inside:avoid-page}}
"""


def _e(text) -> str:
    """Escape anything that came from the data (or anywhere) for HTML text and attributes."""
    return html.escape(printable("" if text is None else str(text)), quote=True)


def render_html(files: list[CheckedFile], lang: str = "vi") -> str:
    """One self-contained page: inline CSS, no scripts, no external resources, all values escaped."""
    words = TEXT[lang]
    bad = [f for f in files if not f.outcome.conforms]
    total = counts([i for f in files for i in f.outcome.issues], words)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(words['title'])}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body><main>",
        f"<h1>{_e(words['title'])}</h1>",
        f'<div class="meta">{_e(words["generated"])} {_e(time.strftime("%Y-%m-%d %H:%M %z"))} &middot; '
        f'<span class="total">{len(files)} {_e(words["files"])}: {len(files) - len(bad)} {_e(words["valid"])}, '
        f"{len(bad)} {_e(words['invalid'])} ({_e(total)})</span></div>",
    ]
    for checked in files:
        out += _html_file(checked, lang)
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


def _html_file(checked: CheckedFile, lang: str) -> list[str]:
    words = TEXT[lang]
    outcome, data = checked.outcome, plain_graph(checked.data)
    status = ("ok", words["ok"]) if outcome.conforms else ("bad", words["bad"])
    out = [
        '<section class="file"><header>',
        f"<h2>{_e(checked.path)}</h2>",
        f'<span class="badge {status[0]}">{_e(status[1])}</span>',
        f'<span class="meta">{_e(counts(outcome.issues, words))} &middot; {_e(words["engine"])} '
        f"{_e(outcome.engine)} &middot; {_e(words['mode'])} {_e(words[checked.mode])}</span>",
        "</header>",
    ]
    for note in outcome.notes:
        out.append(f'<p class="notes">{_e(words["note"])}: {_e(note)}</p>')
    if not outcome.issues:
        out.append(f'<div class="empty">{_e(words["none"])}</div>')
    for focus, line, issues in records(checked, data):
        name = label(data, focus, lang)
        at = where(checked, line, lang)
        out.append('<div class="record"><h3>')
        out.append(f"<span>{_e(name) if name else _e(describe_node(data, focus, lang))}</span>")
        out.append(f'<span class="iri">{_e(term_text(focus))}</span>')
        if at:
            out.append(f'<span class="where">{_e(at)}</span>')
        out.append("</h3><table>")
        for issue in issues:
            rows = [
                (
                    f'<span class="badge {_e(issue.severity)}">{_e(words.get(issue.severity, issue.severity))}</span>',
                    f'<span class="message">{_e(issue.message(lang))}</span>',
                )
            ]
            if issue.path:
                rows.append((words["path"], f"<code>{_e(issue.path)}</code>"))
            column = checked.column_of(issue)
            if column:
                rows.append((words["column"], _e(column)))
            if issue.value is not None and issue.value != focus:
                rows.append((words["value"], f"<code>{_e(term_text(issue.value))}</code>"))
            rows.append(
                (words["rule"], f"<code>{_e(term_text(issue.shape))}</code> <code>{_e(issue.component)}</code>")
            )
            # The first row is markup already (badge, escaped message); the others have escaped values.
            cells = [rows[0]] + [(_e(name), value) for name, value in rows[1:]]
            out.append(
                '<tbody class="issue">' + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in cells) + "</tbody>"
            )
        out.append("</table></div>")
    out.append("</section>")
    return out


RENDERERS = {"text": render_text, "json": render_json, "turtle": render_turtle, "html": render_html}
