"""Check a draft with the project's shapes, the way `kg build` checks curated sources: the draft
plus the gazetteer's description of the units it names (and their parents), plus the ontology.
Each problem becomes one line for the steward (a kne:todo)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.extract.lexicon import BelowCommune, unit_iri
from kg.iris import KN, KNV, LAST_DAY_PRE2025, REFORM_DATE

MAX_ISSUES = 40


def gazetteer_description(units) -> Graph:
    """The kg:gazetteer triples the shapes need for these units: type, era, level, type, code,
    labels, parent chain, validity."""
    graph, seen = Graph(), set()
    todo = [u.parent if isinstance(u, BelowCommune) else u for u in units]
    while todo:
        unit = todo.pop()
        if unit is None or unit_iri(unit) in seen:
            continue
        iri = URIRef(unit_iri(unit))
        seen.add(str(iri))
        graph.add((iri, RDF.type, KN.AdministrativeUnit))
        graph.add((iri, KN.code, Literal(unit.code)))
        graph.add((iri, KN.era, KNV["historical" if unit.era == "hist" else unit.era]))
        graph.add((iri, KN.level, KNV[unit.level]))
        graph.add((iri, KN.unitType, KNV[unit.unit_type]))
        graph.add((iri, SKOS.prefLabel, Literal(unit.full_name, lang="vi")))
        graph.add((iri, RDFS.label, Literal(unit.short_name, lang="vi")))
        if unit.era == "hist":  # its own validity, when the historical gazetteer knows the day
            for prop, value in ((KN.validFrom, unit.valid_from), (KN.validUntil, unit.valid_until)):
                if len(value) == 10:
                    graph.add((iri, prop, Literal(value, datatype=XSD.date)))
        elif unit.era == "pre2025":
            graph.add((iri, KN.validUntil, Literal(LAST_DAY_PRE2025, datatype=XSD.date)))
        else:
            graph.add((iri, KN.validFrom, Literal(REFORM_DATE, datatype=XSD.date)))
        if unit.parent is not None:
            graph.add((iri, KN.partOf, URIRef(unit_iri(unit.parent))))
            todo.append(unit.parent)
    return graph


def _short(node, graph) -> str:
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except Exception:  # any IRI rdflib cannot shorten is shown in full
            return f"<{node}>"
    return "a node"


def check(builder) -> list[str]:
    """The shapes' complaints about the draft, one line each; [] when it conforms."""
    try:
        from kg.validation import validate
    except ImportError:
        return [
            "The shapes could not be run (kg.validation is not available); validate the draft "
            "with `kg validate` before contributing it."
        ]
    data = Graph()
    for prefix, namespace in builder.ds.namespaces():
        data.bind(prefix, namespace, override=False)
    for triple in builder.g:
        data.add(triple)
    data += gazetteer_description(builder.units_used.values())
    try:
        outcome = validate(data)
    except Exception as exc:  # a broken shapes file must not lose the draft
        return [f"The shapes could not be run ({type(exc).__name__}: {exc}); validate the draft later."]
    if outcome.conforms:
        return []
    lines = []
    for issue in outcome.issues:
        line = f"Shapes: {_short(issue.focus, builder.ds)}: {issue.message_en}"
        if line not in lines:
            lines.append(line)
    if len(lines) > MAX_ISSUES:
        lines = lines[:MAX_ISSUES] + [f"… and {len(lines) - MAX_ISSUES} more problems reported by the shapes."]
    return lines
