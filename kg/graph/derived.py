"""Facts the build derives from the claims of all sources, in their own named graph.

`kn:currentStatus`: the status of a relation's latest claim (the rule of queries/current-status.rq:
the date a source gives for its status, else its publication date; claims with neither count as
oldest). Two claims at the same latest time with different statuses give both values. Saved
queries that ask for "active" or "planned" relations read it, so that a pair planned in one article
and signed in a later one counts once, as signed.

The graph `kg:derived` is recomputed whenever the published graph changes (kg build, kg contribute,
kg revert); it says what it was derived from (`prov:wasDerivedFrom` each source graph is implied by
the rule; the graph itself is described as `prov:wasGeneratedBy` the build).
"""

from __future__ import annotations

import pyoxigraph as ox

DERIVED_GRAPH = "https://w3id.org/ketnghia/graph/derived"

# The latest claim per relation (the "1"/"0" prefix puts dated claims after undated ones), then
# every status stated at that time.
_CURRENT_STATUS = """
PREFIX kn: <https://w3id.org/ketnghia/ontology#>
PREFIX knv: <https://w3id.org/ketnghia/vocab/>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT DISTINCT ?twinning ?status WHERE {
  {
    SELECT ?twinning (MAX(?key) AS ?latest) WHERE {
      GRAPH ?graph {
        ?twinning kn:status ?status .
        OPTIONAL { ?twinning dct:source ?stated }
        OPTIONAL { ?twinning kn:plannedOn ?planned } OPTIONAL { ?twinning kn:establishedOn ?established }
        OPTIONAL { ?twinning kn:endedOn ?ended }
      }
      BIND(COALESCE(?stated, ?graph) AS ?source)
      OPTIONAL { ?source dct:issued ?published }
      BIND(COALESCE(IF(?status = knv:planned, ?planned, IF(?status = knv:ended, ?ended, ?established)), ?published) AS ?time)
      BIND(IF(BOUND(?time), CONCAT("1", STR(?time)), "0") AS ?key)
    } GROUP BY ?twinning
  }
  GRAPH ?graph {
    ?twinning kn:status ?status .
    OPTIONAL { ?twinning dct:source ?stated }
    OPTIONAL { ?twinning kn:plannedOn ?planned } OPTIONAL { ?twinning kn:establishedOn ?established }
    OPTIONAL { ?twinning kn:endedOn ?ended }
  }
  BIND(COALESCE(?stated, ?graph) AS ?source)
  OPTIONAL { ?source dct:issued ?published }
  BIND(COALESCE(IF(?status = knv:planned, ?planned, IF(?status = knv:ended, ?ended, ?established)), ?published) AS ?time)
  FILTER(IF(BOUND(?time), CONCAT("1", STR(?time)), "0") = ?latest)
}"""

_GRAPH = ox.NamedNode(DERIVED_GRAPH)
_CURRENT = ox.NamedNode("https://w3id.org/ketnghia/ontology#currentStatus")
_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
_DESCRIPTION = (
    ox.Literal(
        "Derived by the build from the status claims of every source: the status of each "
        "relation's latest claim (queries/current-status.rq).",
        language="en",
    ),
    ox.Literal(
        "Do bản dựng suy ra từ trạng thái mà mọi nguồn nêu: trạng thái của lời nêu muộn nhất "
        "về mỗi quan hệ (queries/current-status.rq).",
        language="vi",
    ),
)


def current_status_quads(store: ox.Store) -> list[ox.Quad]:
    quads = [ox.Quad(_GRAPH, _COMMENT, text, _GRAPH) for text in _DESCRIPTION]
    for row in store.query(_CURRENT_STATUS, use_default_graph_as_union=True):
        quads.append(ox.Quad(row["twinning"], _CURRENT, row["status"], _GRAPH))
    return quads


def refresh(store: ox.Store) -> int:
    """Recompute kg:derived from the claims in `store` (a writable store); the number of relations."""
    quads = current_status_quads(store)
    store.clear_graph(_GRAPH)
    store.extend(quads)
    return len(quads) - len(_DESCRIPTION)
