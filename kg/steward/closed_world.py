"""Closed-world rules for contributions (kg validate, kg contribute): what the shapes cannot say.

The shapes check the facts they know about; anything else validated with 0 violations and was
merged: a foreign vocabulary (`ex:a ex:b ex:c`), an ill-typed literal ("2025-02-31"^^xsd:date),
owl:sameAs, statements about ontology terms (`kn:party rdfs:subPropertyOf owl:sameAs`), new facts
about gazetteer units (a new name or successor for Nam Giang), a second title on a curated
article, a hand-made contribution record, control characters in labels. Each rule here refuses
one of them with a Violation naming the term and what to do instead (vi + en); the report adds the
file and the line (or CSV row).

Several sources may state different statuses, dates or labels for the same relation: nothing here
compares a contribution's facts with recorded ones (kg.validation.context_checks does that).
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from functools import lru_cache

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.iris import (
    BASE,
    GAZETTEER_GRAPH_IRI,
    GRAPH_BASE,
    ID_BASE,
    ONTOLOGY_GRAPH_IRI,
    PREFIX_IRIS,
)
from kg.sparql_files import sparql
from kg.validation.report import ValidationIssue, qname

KN = PREFIX_IRIS["kn"]
KNV = PREFIX_IRIS["knv"]
KNSH = BASE + "shapes#"
COMPONENT = "knsh:ClosedWorldComponent"
DCT, SKOS, PROV = PREFIX_IRIS["dct"], PREFIX_IRIS["skos"], PREFIX_IRIS["prov"]

# Terms of other vocabularies the project's data uses (data/sources, kg template's CSV import):
# declared by use, as the ontology's own terms are by the ontology.
EXTERNAL_PREDICATES = frozenset(
    {
        str(RDF.type),
        str(RDFS.label),
        str(RDFS.comment),
        SKOS + "prefLabel",
        SKOS + "altLabel",
        SKOS + "hiddenLabel",
        SKOS + "note",
        SKOS + "definition",
        DCT + "source",
        DCT + "title",
        DCT + "creator",
        DCT + "publisher",
        DCT + "language",
        DCT + "date",
        DCT + "issued",
        DCT + "description",
        "http://www.w3.org/ns/org#unitOf",
        PROV + "wasDerivedFrom",
        "https://schema.org/url",
    }
)
LABEL_PREDICATES = frozenset(
    {
        str(RDFS.label),
        SKOS + "prefLabel",
        SKOS + "altLabel",
        SKOS + "hiddenLabel",
        DCT + "title",
        KN + "statedAs",
        "https://schema.org/name",
        "http://xmlns.com/foaf/0.1/name",
    }
)
# what kg contribute writes about a contribution, and no one else (kn:toolVersion is not among
# them: kg extract records its version on a new article's description)
RECORD_TERMS = frozenset({KN + "Contribution", KN + "contributor", KN + "tripleCount", PROV + "generatedAtTime"})
SOURCE_PREFIX = ID_BASE + "source/"
# bidi embeddings, overrides and isolates, and the Arabic letter mark: they reorder what a reader sees
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200e\u200f")


class Rule:
    """One refusal: its shape IRI and its two messages (format fields: term, fix)."""

    def __init__(self, name: str, vi: str, en: str):
        self.shape, self.vi, self.en = URIRef(KNSH + f"ClosedWorld-{name}"), vi, en

    def issue(self, focus, path, value, **fields) -> ValidationIssue:
        return ValidationIssue(
            focus=focus,
            path=path,
            value=value,
            severity="Violation",
            shape=self.shape,
            component=COMPONENT,
            message_vi=self.vi.format(**fields),
            message_en=self.en.format(**fields),
            node_shape=self.shape,
        )


UNDECLARED_PREDICATE = Rule(
    "declared-property",
    "Thuộc tính {term} không được khai báo trong ontology (ontology/ketnghia.ttl) hay các từ vựng của dự án. "
    "Hãy dùng một thuộc tính của ontology (xem docs/ontology.md) hoặc ghi điều đó bằng skos:note.",
    "The property {term} is not declared in the ontology (ontology/ketnghia.ttl) or the project's vocabularies. "
    "Use a property of the ontology (see docs/ontology.md), or say it in a skos:note.",
)
UNDECLARED_CLASS = Rule(
    "declared-class",
    "Lớp {term} không được khai báo trong ontology. Hãy dùng một lớp của ontology (xem docs/ontology.md).",
    "The class {term} is not declared in the ontology. Use a class of the ontology (see docs/ontology.md).",
)
UNDECLARED_CONCEPT = Rule(
    "declared-concept",
    "Khái niệm {term} không có trong các từ vựng (ontology/vocab/). Hãy dùng một khái niệm đã có "
    "(xem docs/ontology.md) hoặc đề nghị thêm nó vào từ vựng.",
    "The concept {term} is not in the vocabularies (ontology/vocab/). Use an existing concept "
    "(see docs/ontology.md) or ask for it to be added to the vocabulary.",
)
ONTOLOGY_TERM = Rule(
    "ontology-term",
    "Đóng góp không được nói về thuật ngữ của ontology ({term}). Ontology chỉ được sửa trong ontology/ "
    "qua một thay đổi được xem xét.",
    "A contribution cannot make statements about an ontology term ({term}). The ontology is changed only "
    "in ontology/, through a reviewed change.",
)
SAME_AS = Rule(
    "no-same-as",
    "owl:sameAs không được dùng trong đóng góp ({term}): nó trộn hai nút làm một. Nếu hai mục có thể là "
    "một, hãy dùng kn:possiblySameAs.",
    "owl:sameAs is not accepted in a contribution ({term}): it merges two nodes into one. If two records "
    "may be the same, use kn:possiblySameAs.",
)
GAZETTEER_FACT = Rule(
    "gazetteer-unit",
    "{term} thuộc danh mục hành chính (gói vietnamadminunits): đóng góp không được thêm tên, kế thừa hay "
    "dữ kiện nào về nó. Hãy nêu đơn vị này làm đối tượng (bên kết nghĩa, nơi chốn...) của một dữ kiện mới.",
    "{term} belongs to the gazetteer (package vietnamadminunits): a contribution cannot add names, "
    "succession or other facts about it. Refer to the unit as the object (party, place...) of a new fact.",
)
ARTICLE_NODE = Rule(
    "curated-article",
    "{term} là mô tả của một bài báo đã được biên tập (data/sources/): đóng góp không được thêm dữ kiện "
    "về nó. Hãy mô tả một bài báo mới bằng một IRI nguồn mới.",
    "{term} is the description of a curated article (data/sources/): a contribution cannot add facts "
    "about it. Describe a new article with a new source IRI.",
)
CONTRIBUTION_NODE = Rule(
    "other-contribution",
    "{term} thuộc một đóng góp khác hoặc một đồ thị có tên: đóng góp chỉ nói về dữ kiện của chính nó. "
    "Hãy gỡ đóng góp kia (kg revert) rồi gửi lại nếu cần sửa.",
    "{term} belongs to another contribution or a named graph: a contribution speaks only of its own facts. "
    "Revert the other contribution (kg revert) and send it again to change it.",
)
RECORD = Rule(
    "contribution-record",
    "{term} là phần hồ sơ đóng góp do công cụ tự ghi (người gửi, thời gian, số bộ ba). Hãy bỏ nó; "
    "người gửi được ghi bằng --contributor.",
    "{term} is part of the contribution record the tool writes itself (contributor, time, triple count). "
    "Remove it; the contributor is given with --contributor.",
)
ILL_TYPED = Rule(
    "well-typed-literal",
    "Giá trị {term} không đúng kiểu dữ liệu của nó. {fix}",
    "The value {term} is not a valid value of its datatype. {fix_en}",
)
UNKNOWN_DATATYPE = Rule(
    "known-datatype",
    "Kiểu dữ liệu {term} không được hỗ trợ. Hãy dùng xsd:date, xsd:gYear, xsd:decimal, xsd:integer, "
    "xsd:string hoặc một chuỗi có thẻ ngôn ngữ.",
    "The datatype {term} is not supported. Use xsd:date, xsd:gYear, xsd:decimal, xsd:integer, "
    "xsd:string or a language-tagged string.",
)
CONTROL_CHARACTERS = Rule(
    "printable-text",
    "Văn bản chứa ký tự điều khiển, mã ANSI hoặc ký tự đảo chiều hiển thị ({term}). Hãy gõ lại văn bản "
    "không có các ký tự đó.",
    "The text holds control characters, ANSI escapes or bidirectional overrides ({term}). Type the text "
    "again without them.",
)
NO_SOURCE = Rule(
    "fact-has-source",
    "Dữ kiện mới {term} không có nguồn (dct:source). Hãy thêm dct:source trỏ tới mô tả bài báo, hoặc "
    "tới lời xác nhận của người đóng góp.",
    "The new fact {term} has no source (dct:source). Add dct:source pointing to an article's description "
    "or to the contributor's statement.",
)

_DATE = r"-?\d{4,}"
LEXICAL = {
    str(XSD.date): re.compile(rf"{_DATE}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?"),
    str(XSD.dateTime): re.compile(rf"{_DATE}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?"),
    str(XSD.gYear): re.compile(rf"{_DATE}(Z|[+-]\d\d:\d\d)?"),
    str(XSD.gYearMonth): re.compile(rf"{_DATE}-\d\d(Z|[+-]\d\d:\d\d)?"),
    str(XSD.decimal): re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    str(XSD.integer): re.compile(r"[+-]?\d+"),
    str(XSD.nonNegativeInteger): re.compile(r"\+?\d+|-0+"),
    str(XSD.positiveInteger): re.compile(r"\+?0*[1-9]\d*"),
    str(XSD.double): re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"),
    str(XSD.float): re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"),
    str(XSD.boolean): re.compile(r"true|false|1|0"),
    str(XSD.duration): re.compile(r"-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?"),
    str(XSD.gMonthDay): re.compile(r"--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d\d:\d\d)?"),
    str(XSD.gMonth): re.compile(r"--(0[1-9]|1[0-2])(Z|[+-]\d\d:\d\d)?"),
    str(XSD.gDay): re.compile(r"---(0[1-9]|[12]\d|3[01])(Z|[+-]\d\d:\d\d)?"),
}
FREE_TEXT = {str(XSD.string), str(RDF.langString), str(XSD.anyURI)}
FIXES = {
    "date": (
        "Ngày phải có dạng YYYY-MM-DD và tồn tại (ví dụ 2025-02-28).",
        "A date is YYYY-MM-DD and must exist (e.g. 2025-02-28).",
    ),
    "number": (
        "Số phải là số hữu hạn viết bằng chữ số (ví dụ 100000000).",
        "A number is a finite number in digits (e.g. 100000000).",
    ),
    "other": (
        "Hãy sửa giá trị theo kiểu dữ liệu, hoặc bỏ kiểu dữ liệu nếu đó là văn bản.",
        "Correct the value for its datatype, or drop the datatype if it is text.",
    ),
}


def issues(data: rdflib.Graph, oxstore=None) -> list[ValidationIssue]:
    """The closed-world violations of `data` (named graphs merged); `oxstore`: the built graph, for
    the rules about gazetteer units, curated articles and other contributions (skipped without it)."""
    ontology = declared_terms()
    subjects = {s for s in data.subjects() if isinstance(s, URIRef)}
    known = (
        _recorded(oxstore, subjects | {o for o in data.objects() if isinstance(o, URIRef)})
        if oxstore is not None
        else {}
    )
    out: dict[tuple, ValidationIssue] = {}

    def add(rule: Rule, focus, predicate, value, **fields):
        key = (rule.shape, focus, predicate, value)
        if key not in out:
            out[key] = rule.issue(focus, qname(predicate) if predicate is not None else None, value, **fields)

    for s, p, o in data:
        p_text = str(p)
        if str(s) in ontology.all_terms or str(s).startswith((KN, KNV)):
            add(ONTOLOGY_TERM, s, p, None, term=qname(s))
            continue
        if p == OWL.sameAs:
            add(SAME_AS, s, p, o, term=f"{qname(s)} owl:sameAs {_show(o)}")
            continue
        if (
            p_text in RECORD_TERMS
            or (p == RDF.type and str(o) in RECORD_TERMS)
            or str(s).startswith(ID_BASE + "contribution/")
        ):
            add(RECORD, s, p, o, term=qname(p) if p_text in RECORD_TERMS else qname(o if p == RDF.type else s))
            continue
        if p_text not in ontology.properties and p_text not in EXTERNAL_PREDICATES:
            add(UNDECLARED_PREDICATE, s, p, None, term=qname(p))
        if p == RDF.type and isinstance(o, URIRef) and str(o) not in ontology.classes:
            add(UNDECLARED_CLASS, s, p, o, term=qname(o))
        if isinstance(o, URIRef) and str(o).startswith(KNV) and str(o) not in ontology.concepts:
            add(UNDECLARED_CONCEPT, s, p, o, term=qname(o))
        if isinstance(o, URIRef) and str(o).startswith(KN) and p != RDF.type and str(o) not in ontology.all_terms:
            add(UNDECLARED_CONCEPT, s, p, o, term=qname(o))
        if isinstance(o, URIRef) and _existing_graph(str(o), oxstore):
            add(CONTRIBUTION_NODE, s, p, o, term=qname(o))
        if isinstance(o, Literal):
            _check_literal(s, p, o, add)
        where = known.get(str(s))
        if where == "gazetteer":
            add(GAZETTEER_FACT, s, p, None, term=qname(s))
        elif where == "article" or (where == "source" and str(s).startswith(SOURCE_PREFIX)):
            add(ARTICLE_NODE, s, p, None, term=qname(s))
        elif where == "contribution":
            add(CONTRIBUTION_NODE, s, p, None, term=qname(s))
        if _existing_graph(str(s), oxstore):
            add(CONTRIBUTION_NODE, s, p, None, term=qname(s))
    if oxstore is not None:  # standalone files describe their context themselves: "new" is unknown
        _check_sources(data, known, add)
    return sorted(out.values(), key=ValidationIssue.sort_key)


def _show(term) -> str:
    return qname(term) if isinstance(term, URIRef) else term.n3() if isinstance(term, Literal) else "[]"


def _check_literal(s, p, o: Literal, add) -> None:
    bad = sorted({ch for ch in str(o) if unsafe_character(ch, label=str(p) in LABEL_PREDICATES)})
    if bad:
        add(CONTROL_CHARACTERS, s, p, None, term=", ".join(f"U+{ord(ch):04X}" for ch in bad))
    datatype = str(o.datatype) if o.datatype is not None else None
    if datatype is None or datatype in FREE_TEXT:
        return
    if datatype not in LEXICAL:
        add(UNKNOWN_DATATYPE, s, p, o, term=qname(URIRef(datatype)))
        return
    problem = lexical_problem(str(o), datatype)
    if problem:
        vi, en = FIXES[problem]
        add(ILL_TYPED, s, p, o, term=o.n3(), fix=vi, fix_en=en)


def lexical_problem(text: str, datatype: str) -> str | None:
    """None when `text` is a valid lexical form of `datatype` (an XSD IRI in LEXICAL), else the
    kind of fix to suggest ("date", "number", "other")."""
    kind = (
        "date"
        if datatype.endswith(("date", "dateTime", "gYear", "gYearMonth", "gMonthDay", "gMonth", "gDay"))
        else "number"
        if not datatype.endswith(("boolean", "duration"))
        else "other"
    )
    if not LEXICAL[datatype].fullmatch(text):
        return kind
    if datatype in (str(XSD.date), str(XSD.dateTime)):
        try:
            datetime.date(int(text[:4]) if not text.startswith("-") else 1, int(text[5:7]), int(text[8:10]))
        except ValueError:
            return "date"
        if datatype == str(XSD.dateTime) and (int(text[11:13]) > 24 or int(text[14:16]) > 59 or int(text[17:19]) > 60):
            return "date"
    if (
        datatype == str(XSD.gYearMonth)
        and not 1 <= int(text.split("-")[-1][:2] if not text.startswith("-") else "1") <= 12
    ):
        return "date"
    if datatype in (str(XSD.double), str(XSD.float)) and not math.isfinite(float(text)):
        return "number"
    return None


def unsafe_character(ch: str, label: bool = True) -> bool:
    """Control characters (C0, DEL, C1: ANSI escapes start with ESC), bidi controls; in labels and
    names also tabs and line breaks. Free text (notes, comments) may keep its tabs and newlines."""
    if ch in BIDI_CONTROLS:
        return True
    if ch in "\t\n\r":
        return label
    return unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029"


def _check_sources(data: rdflib.Graph, known: dict, add) -> None:
    """Every new subject (an IRI neither in the graph nor a source description) carries dct:source
    (or prov:wasDerivedFrom), itself or through a sourced node that refers to it (an amount, a
    figure: the parts of a sourced fact). Units are left to the gazetteer checks."""
    source, derived = URIRef(DCT + "source"), URIRef(PROV + "wasDerivedFrom")
    exempt = (SOURCE_PREFIX, KN, KNV, GRAPH_BASE, ID_BASE + "contribution/", ID_BASE + "unit/")
    subjects = {s for s in data.subjects() if isinstance(s, URIRef)}
    sourced = {
        s
        for s in subjects
        if str(s) in known
        or str(s).startswith(exempt)
        or (s, source, None) in data
        or (s, derived, None) in data
        or {str(t) for t in data.objects(s, RDF.type)}
        & {KN + "SourceArticle", KN + "EditorialInference", KN + "Dataset"}
    }
    frontier = set(sourced)
    while frontier:  # a sourced node's parts are sourced by it
        frontier = {
            o for s in frontier for o in data.objects(s) if isinstance(o, URIRef) and o in subjects and o not in sourced
        }
        sourced |= frontier
    for s in sorted(subjects - sourced):
        add(NO_SOURCE, s, source, None, term=qname(s))


def _existing_graph(iri: str, oxstore) -> bool:
    """A named graph already in the graph (ontology, gazetteer, a curated source, a contribution):
    a new article's graph IRI (an extracted draft describes it) is not one."""
    if not iri.startswith(GRAPH_BASE):
        return False
    if not iri.startswith(GRAPH_BASE + "source/"):
        return True
    if oxstore is None:
        from kg import config

        return (config.SOURCES_DIR / f"{iri.rsplit('/', 1)[-1]}.trig").exists()
    import pyoxigraph as ox

    try:
        graph = ox.NamedNode(iri)
    except ValueError:
        return True
    return next(oxstore.quads_for_pattern(None, None, None, graph), None) is not None


class Declared:
    def __init__(self, graph: rdflib.Graph):
        self.properties = {
            str(s)
            for s in graph.subjects(RDF.type, None)
            if any(
                t in (RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
                for t in graph.objects(s, RDF.type)
            )
        }
        self.classes = {str(s) for s in graph.subjects(RDF.type, OWL.Class)} | {
            str(s) for s in graph.subjects(RDF.type, RDFS.Class)
        }
        self.concepts = {str(s) for s in graph.subjects(RDF.type, URIRef(SKOS + "Concept"))}
        self.all_terms = {str(s) for s in graph.subjects() if isinstance(s, URIRef)}


@lru_cache(maxsize=1)
def declared_terms() -> Declared:
    """The ontology and its vocabularies, read from ontology/ (what kg build loads into kg:ontology)."""
    from kg.graph.build import ontology_files

    graph = rdflib.Graph()
    for path in ontology_files():
        graph.parse(path, format="turtle")
    return Declared(graph)


def _recorded(oxstore, iris: set) -> dict[str, str]:
    """For each IRI the built graph describes: 'gazetteer', 'article' (a curated source's
    description), 'source' (described by a curated source) or 'contribution'."""
    from kg.steward.context_checks import sparql_values

    iris = {str(i) for i in iris if not isinstance(i, BNode)}
    if not iris:
        return {}
    query = sparql("steward", "graphs-describing", iris=sparql_values(iris))
    found: dict[str, str] = {}
    rank = {"gazetteer": 4, "article": 3, "contribution": 2, "source": 1, "ontology": 5}
    for row in oxstore.query(query):
        s, g = row["s"].value, row["g"].value
        if g == GAZETTEER_GRAPH_IRI:
            kind = "gazetteer"
        elif g == ONTOLOGY_GRAPH_IRI:
            kind = "ontology"
        elif g.startswith(GRAPH_BASE + "contribution/"):
            kind = "contribution"
        elif g.startswith(GRAPH_BASE + "source/"):
            kind = (
                "article" if g.rsplit("/", 1)[-1] == s.rsplit("/", 1)[-1] and s.startswith(SOURCE_PREFIX) else "source"
            )
        else:
            continue
        if rank[kind] > rank.get(found.get(s, ""), 0):
            found[s] = kind
    return {s: k for s, k in found.items() if k != "ontology"}
