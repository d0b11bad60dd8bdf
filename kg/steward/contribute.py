"""Merge a validated contribution into the graph as its own named graph, and revert it — atomically.

Every change goes through a private copy of the published store (a RocksDB checkpoint: hard links,
so cheap) that is published with an atomic symlink swap (kg.graph.store.publish). A rejected contribution
never touches the published store; a process killed mid-merge leaves the old store published.

Contributions survive `kg build`: each merged one is kept as N-Quads in $KG_HOME/contributions/,
and the store's metadata lists the ids it contains. Only listed ids are reloaded by a rebuild, so a
file left behind by an interrupted merge or revert is ignored (and reported by `kg contributions`).
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.errors import EXIT_FAILED, KgError
from kg import __version__, config
from kg.graph import derived, search, store
from kg.graph.locks import write_lock
from kg.steward.context_graph import context_graph, referenced_iris
from kg.iris import GRAPH, ID, KN, sparql_prefixes
from kg.sparql_files import sparql
from kg.validation.engines import plain_graph


class ContributionError(KgError):
    """The contribution cannot be merged or reverted; the message says why."""


class ContributionRejected(ContributionError):
    """The contribution does not validate; `outcome` holds the results."""

    exit_code = EXIT_FAILED

    def __init__(self, outcome, graph):
        super().__init__(
            f"{len(outcome.issues)} validation problem(s); nothing was merged",
            vi=f"{len(outcome.issues)} vấn đề kiểm tra; không hợp nhất gì",
        )
        self.outcome, self.graph = outcome, graph


@dataclass
class Contribution:
    id: str
    contributor: str
    merged_at: str
    file_name: str
    sha256: str
    triples: int

    @property
    def graph(self) -> str:
        return str(GRAPH[f"contribution/{self.id}"])


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def validate_in_context(data: rdflib.Graph, engine: str | None = None, oxstore: ox.Store | None = None):
    """Validate new data together with the part of the published graph it refers to.

    The data graph the shapes see: the new data (all its named graphs merged), the descriptions
    of the nodes it refers to (kg.steward.context_graph), and what shapes/context.ttl compares it with -- the
    twinnings and supports already recorded about the same parties, the validity of the units
    behind its organizations (kg.steward.context_checks). Issues about context nodes (already
    in the graph) are not the contribution's: they are dropped. Unresolved references are then
    explained with the closest known matches, and the sh:ValidationReport rebuilt from what is left.
    """
    from kg.steward import closed_world
    from kg.validation import DEFAULT_ENGINE, load_shapes, validate
    from kg.validation.claims import cross_source_issues, within_source_issues
    from kg.steward.context_checks import reference_issues
    from kg.validation.report import ShapesIndex, ValidationIssue, build_report_graph

    data = plain_graph(data)
    oxstore = oxstore if oxstore is not None else store.open_store()
    own_subjects = set(data.subjects())
    outcome = validate(graph_in_context(data, oxstore), engine=engine or DEFAULT_ENGINE)
    issues = reference_issues([i for i in outcome.issues if i.focus in own_subjects], data, oxstore)
    issues += within_source_issues(data) + cross_source_issues(data, oxstore)
    issues = sorted(set(issues) | set(closed_world.issues(data, oxstore)), key=ValidationIssue.sort_key)
    outcome.issues = issues
    outcome.conforms = not any(i.severity.endswith("Violation") for i in issues)
    outcome.report_graph = build_report_graph(issues, outcome.conforms, ShapesIndex(load_shapes()))
    return outcome


def graph_in_context(data: rdflib.Graph, oxstore: ox.Store) -> rdflib.Graph:
    """The graph the shapes see for new data (a plain Graph, `data` merged with its context)."""
    from kg.steward.context_checks import recorded_neighbours, related_facts

    data = plain_graph(data)
    iris = referenced_iris(data)
    iris |= recorded_neighbours(oxstore, {str(s) for s in set(data.subjects()) if isinstance(s, rdflib.URIRef)})
    checked = context_graph(oxstore, iris)
    for triple in data.triples((None, None, None)):
        checked.add(triple)
    checked += related_facts(oxstore, iris)
    return checked


def contribute(path: Path, contributor: str, data: rdflib.Graph, engine: str | None = None) -> Contribution:
    """Validate `data` (read from `path`) and merge it as graph kg:contribution/{id}.

    The named graphs of a TriG, N-Quads or JSON-LD file are merged into that one graph.
    """
    data = plain_graph(data)
    if not contributor.strip():
        raise ContributionError(
            "a contributor name is required (--contributor)", vi="cần tên người đóng góp (--contributor)"
        )
    from kg.steward.closed_world import unsafe_character

    if any(unsafe_character(ch) for ch in contributor):
        raise ContributionError(
            "--contributor holds control characters, ANSI escapes or bidirectional overrides; "
            "type the name again without them / tên người đóng góp chứa ký tự điều khiển "
            "hoặc ký tự đảo chiều, hãy gõ lại",
            vi="tên người đóng góp (--contributor) chứa ký tự điều khiển, mã ANSI hoặc ký tự đảo chiều; "
            "hãy gõ lại tên mà không có chúng",
        )
    digest = file_sha256(path)
    contribution_id = digest[:12]
    with write_lock():
        current = store.published()
        if current is None:
            raise store.missing()
        if contribution_id in current.meta.get("contributions", []):
            raise ContributionError(
                f"{path}: this exact file is already merged as contribution {contribution_id}",
                vi=f"{path}: chính tệp này đã được hợp nhất thành đóng góp {contribution_id}",
            )
        outcome = validate_in_context(data, engine)
        if not outcome.conforms:
            raise ContributionRejected(outcome, data)
        record = Contribution(
            contribution_id, contributor.strip(), time.strftime("%Y-%m-%dT%H:%M:%S%z"), path.name, digest, len(data)
        )
        nquads = _as_nquads(data, record)
        saved = config.contributions_dir() / f"{record.id}.nq"
        saved.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(saved, nquads)
        _publish_change(
            current,
            prefix="contribution",
            change=lambda s: s.load(nquads.encode(), format=ox.RdfFormat.N_QUADS),
            contributions=[*current.meta.get("contributions", []), record.id],
        )
    return record


def revert(contribution_id: str, cascade: bool = False) -> Contribution:
    """Remove a merged contribution. Refused (naming them) when later contributions refer to nodes
    only it describes, unless `cascade`: then they are removed with it, in one publish; the
    returned record's `cascaded` lists their ids."""
    from kg.graph import dependents

    with write_lock():
        current = store.published()
        if current is None:
            raise store.missing()
        if contribution_id not in current.meta.get("contributions", []):
            raise ContributionError(
                f"no merged contribution with id {contribution_id!r} (see `kg contributions`)",
                vi=f"không có đóng góp đã hợp nhất nào mang mã {contribution_id!r} (xem `kg contributions`)",
            )
        record = next(c for c in list_contributions() if c.id == contribution_id)
        oxstore = store.open_store()
        if not cascade:
            direct = dependents.direct_dependents(oxstore, contribution_id)
            if direct:
                raise ContributionError(
                    dependents.refusal(contribution_id, direct), vi=dependents.refusal(contribution_id, direct, "vi")
                )
        removed = (
            [contribution_id, *dependents.all_dependents(oxstore, contribution_id)] if cascade else [contribution_id]
        )
        del oxstore
        graphs = [ox.NamedNode(str(GRAPH[f"contribution/{c}"])) for c in removed]

        def change(s):
            for graph in graphs:
                s.remove_graph(graph)

        _publish_change(
            current,
            prefix="revert",
            change=change,
            contributions=[c for c in current.meta["contributions"] if c not in removed],
        )
        for removed_id in removed:
            (config.contributions_dir() / f"{removed_id}.nq").unlink(missing_ok=True)
    record.cascaded = removed[1:]  # type: ignore[attr-defined]  # not a field: `kg contributions --format json` stays as it was
    return record


def list_contributions() -> list[Contribution]:
    """The contributions the published store contains, oldest first."""
    current = store.published()
    if current is None or not current.meta.get("contributions"):
        return []
    out = []
    listed = set(current.meta["contributions"])
    for row in store.open_store().query(sparql_prefixes() + sparql("steward", "contributions")):
        contribution_id = row["c"].value.rsplit("/", 1)[-1]
        # only the record kg contribute wrote (its node, in its graph): a record a file declared
        # itself, merged before the closed-world rules, made a "Ghost" appear or crashed int()
        if (
            contribution_id not in listed
            or row["c"].value != str(ID[f"contribution/{contribution_id}"])
            or row["g"].value != str(GRAPH[f"contribution/{contribution_id}"])
            or not row["n"].value.isdigit()
        ):
            continue
        out.append(
            Contribution(
                contribution_id,
                row["who"].value,
                row["when"].value,
                row["file"].value,
                row["sha"].value,
                int(row["n"].value),
            )
        )
    return out


def orphan_files() -> list[Path]:
    """Saved contribution files that no published store lists (an interrupted merge or revert)."""
    current = store.published()
    listed = set(current.meta.get("contributions", [])) if current else set()
    return sorted(p for p in config.contributions_dir().glob("*.nq") if p.stem not in listed)


def _as_nquads(data: rdflib.Graph, record: Contribution) -> str:
    """The contribution's triples in its own named graph, with the provenance node."""
    graph_iri = rdflib.URIRef(record.graph)
    node = rdflib.URIRef(str(ID[f"contribution/{record.id}"]))
    dataset = rdflib.Dataset()
    target = dataset.graph(graph_iri)
    for triple in data.triples((None, None, None)):
        target.add(triple)
    target.add((node, RDF.type, rdflib.URIRef(str(KN.Contribution))))
    target.add((node, rdflib.URIRef(str(KN.contributor)), rdflib.Literal(record.contributor)))
    target.add((node, PROV.generatedAtTime, rdflib.Literal(record.merged_at, datatype=XSD.dateTime)))
    target.add((node, rdflib.URIRef(str(KN.sourceFile)), rdflib.Literal(record.file_name)))
    target.add((node, rdflib.URIRef(str(KN.sha256)), rdflib.Literal(record.sha256)))
    target.add((node, rdflib.URIRef(str(KN.toolVersion)), rdflib.Literal(__version__)))
    target.add((node, rdflib.URIRef(str(KN.tripleCount)), rdflib.Literal(record.triples)))
    target.add((graph_iri, PROV.wasDerivedFrom, node))
    target.add((graph_iri, DCTERMS.source, node))
    return dataset.serialize(format="nquads")


def _publish_change(current: store.PublishedStore, prefix: str, change, contributions: list[str]) -> None:
    copy = store.copy_of_published(prefix)
    try:
        writable = ox.Store(str(copy))
        change(writable)
        derived.refresh(writable)
        writable.flush()
        del writable
        meta = dict(current.meta, contributions=contributions, changed_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
        store.write_meta(copy, meta)
        index = search.prepare_index(copy)
        store.publish(copy)
    except BaseException:
        store.discard(copy)
        raise
    search.install_index(index)


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, "utf-8")
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)
