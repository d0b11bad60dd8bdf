"""The dataset as a publication: compressed dumps, a VoID + DCAT description, counts.

Licence of the data: CC BY 4.0 (the code is MIT, stated in pyproject.toml): the facts are curated from
public articles and the gazetteer, and anyone may reuse them with attribution.
"""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from kg import __version__, config
from kg.iris import BASE
from kg.site.facts import (
    CURATION_GRAPH,
    DERIVED_GRAPH,
    GAZETTEER_GRAPH,
    KN,
    ONTOLOGY_GRAPH,
    RDF_TYPE,
    SOURCE_GRAPH,
    MemoryFacts,
)
from kg.sparql_files import sparql

DATA_LICENCE = "https://creativecommons.org/licenses/by/4.0/"
CODE_LICENCE = "https://opensource.org/licenses/MIT"
DATASET_IRI = BASE + "dataset"
DUMPS = (
    ("dumps/ketnghia.nq.gz", ox.RdfFormat.N_QUADS, "application/n-quads"),
    ("dumps/ketnghia.trig.gz", ox.RdfFormat.TRIG, "application/trig"),
)
GRAPH_ROLES = {
    ONTOLOGY_GRAPH: ("bản thể học OWL và các bộ từ vựng SKOS", "the OWL ontology and its SKOS vocabularies"),
    GAZETTEER_GRAPH: (
        "danh mục đơn vị hành chính (cả hai thời kỳ, kế thừa)",
        "the national gazetteer (both eras, succession)",
    ),
    DERIVED_GRAPH: (
        "trạng thái hiện tại của mỗi quan hệ, do bản dựng suy ra",
        "each relation's current status, derived by the build",
    ),
    CURATION_GRAPH: (
        "suy luận biên tập (liên kết không nguồn nào nêu)",
        "editorial inferences (links no source states)",
    ),
}


def graph_role(graph: str, li: int) -> str:
    if graph in GRAPH_ROLES:
        return GRAPH_ROLES[graph][li]
    if graph.startswith(SOURCE_GRAPH):
        return ("mọi điều một bài viết nêu", "every fact one article states")[li]
    if graph.startswith(BASE + "graph/contribution/"):
        return ("một đóng góp đã gộp", "a merged contribution")[li]
    return ""


def code_version() -> str:
    """The package version, with the git commit when the code runs from a checkout."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(config.PROJECT_ROOT), "rev-parse", "--short=12", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"{__version__}+{commit}" if commit else __version__


def counts(store: ox.Store, facts: MemoryFacts) -> dict:
    def count(query: str) -> int:
        solutions = store.query(query, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        return int(next(iter(solutions))[0].value)

    def typed(cls: str) -> int:
        return sum(1 for s in facts.nodes() if any(p == RDF_TYPE and o == KN + cls for p, o, _ in facts.out(s)))

    return {
        "quads": facts.quads,
        "triples": count(sparql("site", "distinct-triples")),
        "relations": typed("Twinning"),
        "units": typed("AdministrativeUnit"),
        "sources": typed("SourceArticle"),
        "graphs": dict(sorted(facts.graphs.items())),
    }


def write_dumps(store: ox.Store, root: Path) -> dict:
    sizes = {}
    for relative, fmt, _ in DUMPS:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        # mtime 0: the same graph gives the same bytes
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=4, mtime=0) as out:
            store.dump(cast(IO[bytes], out), format=fmt)
        sizes[relative] = path.stat().st_size
    return sizes


def _lit(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"' + (f"@{lang}" if lang else f"^^<{datatype}>" if datatype else "")


def void_turtle(stats: dict, built_at: str, version: str, site_base: str = BASE) -> str:
    """VoID + DCAT in Turtle: the dataset, its licence, counts, dumps and one subset per named graph."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    lines = [
        "@prefix void: <http://rdfs.org/ns/void#> .",
        "@prefix dcat: <http://www.w3.org/ns/dcat#> .",
        "@prefix dct: <http://purl.org/dc/terms/> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .",
        "",
        f"<{DATASET_IRI}> a void:Dataset , dcat:Dataset ;",
        f"    dct:title {_lit('Kết nghĩa knowledge graph', lang='en')} , {_lit('Đồ thị tri thức Kết nghĩa', lang='vi')} ;",
        f"    dct:description {_lit('Twinning (kết nghĩa) between Vietnamese localities: relations, agreements, support, people, with the source of every statement.', lang='en')} ;",
        f"    dct:license <{DATA_LICENCE}> ;",
        f"    dct:issued {_lit(built_at[:10], xsd + 'date')} ;",
        f"    dct:modified {_lit(built_at)} ;",
        f"    dct:hasVersion {_lit(version)} ;",
        f"    void:uriSpace {_lit(BASE + 'id/')} ;",
        f"    void:vocabulary <{BASE}ontology#> , <{BASE}vocab/> ;",
        f"    void:triples {stats['triples']} ;",
        f"    void:entities {stats['relations'] + stats['units'] + stats['sources']} ;",
        f"    void:classPartition [ void:class <{KN}Twinning> ; void:entities {stats['relations']} ] ,",
        f"        [ void:class <{KN}AdministrativeUnit> ; void:entities {stats['units']} ] ,",
        f"        [ void:class <{KN}SourceArticle> ; void:entities {stats['sources']} ] ;",
    ]
    for relative, _, _media in DUMPS:
        lines.append(f"    void:dataDump <{site_base}{relative}> ;")
    dists = " , ".join(
        f"[ a dcat:Distribution ; dcat:downloadURL <{site_base}{r}> ; dcat:mediaType {_lit(m)} ;"
        f" dcat:compressFormat {_lit('application/gzip')} ]"
        for r, _, m in DUMPS
    )
    lines.append(f"    dcat:distribution {dists} ;")
    subsets = []
    for graph, n in stats["graphs"].items():
        if graph:
            subsets.append(
                f"[ a void:Dataset ; sd:name <{graph}> ; void:triples {n} ;"
                f" dct:description {_lit(graph_role(graph, 1), lang='en')} ]"
            )
    lines.append("    void:subset " + " ,\n        ".join(subsets) + " .")
    return "\n".join(lines) + "\n"
