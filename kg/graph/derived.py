"""Facts the build derives from the claims of all sources, in their own named graph.

This module and kg/graph/sparql/current-status.rq are the one definition of the current-status rule; saved queries (current-status,
twinnings-of-unit, planned-twinnings...) read its output and never restate it.

`kn:currentStatus`: the status of a relation's latest claim (the claim's time is the date a source
gives for that status, else the source's publication date; claims with neither count as oldest).
Two claims at the same latest time with different statuses give both values (a tie).
`kn:currentStatusAsOf`: that latest time, when the claim has one. A pair planned in one article
and signed in a later one thus counts once, as signed.
`kn:supersededBy`: a relation still planned, and another relation, not planned, that has all its
parties (the signing reported under another IRI). Derived here so that planned-twinnings reads it
instead of testing every relation of both parties (figures: docs/performance-history.md).

The graph `kg:derived` is recomputed whenever the published graph changes (kg build, kg contribute,
kg revert); it says what it was derived from (`prov:wasDerivedFrom` each source graph is implied by
the rule; the graph itself is described as `prov:wasGeneratedBy` the build).
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.iris import sparql_prefixes
from kg.sparql_files import sparql

DERIVED_GRAPH = "https://w3id.org/ketnghia/graph/derived"

_GRAPH = ox.NamedNode(DERIVED_GRAPH)
_CURRENT = ox.NamedNode("https://w3id.org/ketnghia/ontology#currentStatus")
_AS_OF = ox.NamedNode("https://w3id.org/ketnghia/ontology#currentStatusAsOf")
_SUPERSEDED_BY = ox.NamedNode("https://w3id.org/ketnghia/ontology#supersededBy")
_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
_DESCRIPTION = (
    ox.Literal(
        "Derived by the build from the status claims of every source: the status of each "
        "relation's latest claim, its time, and the plans another relation carried out "
        "(kg/graph/derived.py).",
        language="en",
    ),
    ox.Literal(
        "Do bản dựng suy ra từ trạng thái mà mọi nguồn nêu: trạng thái của lời nêu muộn nhất "
        "về mỗi quan hệ, thời điểm của nó, và các kế hoạch đã được một quan hệ khác thực hiện "
        "(kg/graph/derived.py).",
        language="vi",
    ),
)


def current_status_quads(store: ox.Store) -> list[ox.Quad]:
    quads = [ox.Quad(_GRAPH, _COMMENT, text, _GRAPH) for text in _DESCRIPTION]
    dated = set()
    for row in store.query(sparql_prefixes() + sparql("graph", "current-status"), use_default_graph_as_union=True):
        quads.append(ox.Quad(row["twinning"], _CURRENT, row["status"], _GRAPH))
        if row["time"] is not None:
            dated.add(ox.Quad(row["twinning"], _AS_OF, row["time"], _GRAPH))
    return quads + sorted(dated, key=str)


def superseded_plan_quads(store: ox.Store) -> list[ox.Quad]:
    """kn:supersededBy, read from the current statuses already in kg:derived."""
    rows = store.query(sparql_prefixes() + sparql("graph", "superseded-plans"), use_default_graph_as_union=True)
    return sorted((ox.Quad(row["planned"], _SUPERSEDED_BY, row["by"], _GRAPH) for row in rows), key=str)


def refresh(store: ox.Store) -> int:
    """Recompute kg:derived from the claims in `store` (a writable store); the number of relations."""
    quads = current_status_quads(store)
    store.clear_graph(_GRAPH)
    store.extend(quads)
    store.extend(superseded_plan_quads(store))
    return len({q.subject for q in quads if q.predicate == _CURRENT})
