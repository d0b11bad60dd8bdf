"""Name search over units, organizations and people, diacritic- and case-insensitive.

`kg build` calls build_search_index() once with the published store; it runs a few SPARQL queries
and writes a compact JSON index of every searchable entity with its folded name keys. search()
then answers from that file alone, within the 100 ms target on the national graph, without opening the
store (this module imports neither rdflib nor pyoxigraph at import time, for the same reason).
"""

from __future__ import annotations

import heapq
import json
import os
from collections import namedtuple
from pathlib import Path

from kg.errors import Unavailable, os_reason_vi
from kg import config
from kg.sparql_files import sparql
from kg.vietnamese import search_key

INDEX_FORMAT = 1
KINDS = ("unit", "organization", "person")
ERAS = ("pre2025", "2025", "historical")  # historical: units that ceased before 2024

_KN = "https://w3id.org/ketnghia/ontology#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"

# Subclasses of kn:Organization, most specific first; used when the ontology is not in the store,
# and to pick one type for an organization typed with several.
ORGANIZATION_CLASSES = (
    "BankBranch",
    "PartyOffice",
    "StandingBoard",
    "PartyCommittee",
    "PeoplesCommittee",
    "PeoplesCouncil",
    "MassOrganization",
    "GovernmentAgency",
    "Enterprise",
    "Organization",
)
LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2, "below-commune": 3}
KIND_ORDER = {"unit": 0, "organization": 1, "person": 2}
MATCH_NAMES = ("exact", "prefix", "word", "substring")


def index_path() -> Path:
    """Where `kg build` leaves the index, beside the published store."""
    return config.home() / "search-index.json"


# --------------------------------------------------------------------------- building

_LABEL_PROPS = ("prefLabel", "label", "altLabel")

_OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"
_SKOS_CONCEPT = _SKOS + "Concept"

# The triples the index needs, one query per predicate, joined in Python. Most of the cost is
# decoding the terms of each row out of the store (~4 us a term on disk), not finding the rows,
# so the queries return as few terms as they can: no ?p, rdf:type only for the classes indexed,
# and labels only of typed subjects that an entry can name. A scan is also faster than a query
# with one OPTIONAL per attribute (a lookup per subject). Figures: docs/performance-history.md.
_SCANNED = (
    ("subClassOf", _RDFS + "subClassOf"),
    *(
        (name, _KN + name)
        for name in (
            "era",
            "level",
            "unitType",
            "partOf",
            "validFrom",
            "validUntil",
            "ofUnit",
            "holder",
            "inOrganization",
        )
    ),
)
_LABELS = (("prefLabel", _SKOS + "prefLabel"), ("label", _RDFS + "label"), ("altLabel", _SKOS + "altLabel"))


def _rows(store, name: str, **slots: str):
    """?s ?o rows of kg/graph/sparql/NAME.rq."""
    return store.query(sparql("graph", name, **slots), use_default_graph_as_union=True)


def _values(iris) -> str:
    return " ".join(f"<{iri}>" for iri in sorted(iris))


def _scan(store) -> tuple[_Facts, set[str]]:
    """The facts the index needs, and the organization classes (read from them)."""
    facts = _Facts()
    for prop, iri in _SCANNED:
        facts.add(prop, _rows(store, "index-predicate", predicate=f"<{iri}>"))
    org_classes = facts.organization_classes()
    indexed = {_KN + "AdministrativeUnit", _KN + "Person", *org_classes}
    facts.add("type", _rows(store, "index-typed", classes=_values(indexed)))
    # named in an entry: the entities, their unit types (concepts) and organization classes
    named = _values(indexed | {_SKOS_CONCEPT, _OWL_CLASS})
    for prop, iri in _LABELS:
        facts.add(prop, _rows(store, "index-labels", classes=named, predicate=f"<{iri}>"))
    return facts, org_classes


def _local(iri: str | None) -> str:
    if not iri:
        return ""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _language_rank(language: str) -> int:
    if language == "vi" or language.startswith("vi-"):
        return 0
    return 1 if language == "" else 2


def _split_camel(name: str) -> str:
    return "".join(" " + ch.lower() if ch.isupper() and i else ch for i, ch in enumerate(name)).strip()


class _Facts:
    """The scanned triples, by subject: {subject: {property local name: [values]}}.
    Labels are kept as (text, language) pairs."""

    def __init__(self):
        self.by_subject: dict[str, dict[str, list]] = {}

    def add(self, prop: str, solutions) -> None:
        """The (?s, ?o) solutions of one property."""
        label = prop in _LABEL_PROPS
        for s, o in solutions:
            value = (o.value, (o.language or "").lower()) if label else o.value
            props = self.by_subject.get(s.value)
            if props is None:
                props = self.by_subject[s.value] = {}
            values = props.get(prop)
            if values is None:
                props[prop] = [value]
            elif value not in values:  # the same triple can sit in several graphs
                values.append(value)

    def get(self, subject: str | None, prop: str) -> list:
        return self.by_subject.get(subject, {}).get(prop, []) if subject else []

    def first(self, subject: str | None, prop: str) -> str:
        values = self.get(subject, prop)
        return values[0] if values else ""

    def label(self, subject: str | None, props=("prefLabel", "label", "altLabel")) -> str:
        """The subject's name: the first property in `props` that has one, Vietnamese first."""
        for prop in props:
            labels = self.get(subject, prop)
            if len(labels) == 1:
                return labels[0][0]
            if labels:
                return min(labels, key=lambda pair: (_language_rank(pair[1]), labels.index(pair)))[0]
        return ""

    def organization_classes(self) -> set[str]:
        """kn:Organization and its subclasses: the known list plus the ontology's, if loaded."""
        classes = {_KN + name for name in ORGANIZATION_CLASSES}
        subclass_of = [(s, sup) for s, props in self.by_subject.items() for sup in props.get("subClassOf", ())]
        grew = True
        while grew:
            new = {s for s, sup in subclass_of if sup in classes and s not in classes}
            classes |= new
            grew = bool(new)
        return classes


def _unit_entry(facts: _Facts, iri: str) -> list:
    short = facts.label(iri, ("label", "prefLabel", "altLabel"))
    level = _local(facts.first(iri, "level"))
    word = facts.label(facts.first(iri, "unitType"), ("prefLabel",)).lower()
    if not word:  # no vocabulary in the store: the type word that prefixes the full name
        full = facts.label(iri, ("prefLabel",))
        word = full[: -len(short)].strip().lower() if short and full.endswith(short) and full != short else ""
    type_text = f"{level or 'unit'} ({word})" if word else (level or "unit")
    parent = facts.first(iri, "partOf")
    grand = facts.first(parent, "partOf")
    parents = [facts.label(p, ("label", "prefLabel")) for p in (parent, grand) if p]
    return [
        iri,
        "unit",
        short or iri,
        type_text,
        _local(facts.first(iri, "era")),
        level,
        ", ".join(p for p in parents if p),
        facts.first(iri, "validFrom"),
        facts.first(iri, "validUntil"),
    ]


def _organization_entry(facts: _Facts, iri: str, classes: list[str]) -> list:
    names = [_local(c) for c in classes]
    # The most specific class: one from the ontology we do not list, else the first we list.
    chosen = next((c for c, n in zip(classes, names) if n not in ORGANIZATION_CLASSES), None)
    if chosen is None:
        chosen = _KN + next(n for n in ORGANIZATION_CLASSES if n in names)
    class_label = next((text for text, lang in facts.get(chosen, "label") if lang.startswith("en")), "")
    class_label = class_label or _split_camel(_local(chosen))
    type_text = "organization" if chosen == _KN + "Organization" else f"organization ({class_label.lower()})"
    units = facts.get(iri, "ofUnit")
    parent = "; ".join(facts.label(u, ("label", "prefLabel")) for u in units)
    era = _local(facts.first(units[0], "era")) if units else ""
    if parent and era:
        parent = f"{parent} ({era})"
    return [iri, "organization", facts.label(iri) or iri, type_text, era, "", parent, "", ""]


def _person_entry(facts: _Facts, iri: str, posts: list[str]) -> list:
    organizations = []
    for post in posts:
        for org in facts.get(post, "inOrganization"):
            name = facts.label(org, ("prefLabel", "label"))
            if name and name not in organizations:
                organizations.append(name)
    return [iri, "person", facts.label(iri) or iri, "person", "", "", "; ".join(organizations), "", ""]


def collect_entities(store) -> list[list]:
    """A few SPARQL queries over all named graphs; one index entry per unit, organization, person:
    [iri, kind, label, type, era, level, parent, validFrom, validUntil, [search keys]]."""
    facts, org_classes = _scan(store)
    posts_of: dict[str, list[str]] = {}
    for subject, props in facts.by_subject.items():
        for holder in props.get("holder", ()):
            posts_of.setdefault(holder, []).append(subject)
    folded: dict[str, str] = {}  # labels repeat a lot ("Nam Giang", "Phường 1"): fold each once
    entries = []
    for iri, props in facts.by_subject.items():
        types = props.get("type")
        if not types:
            continue
        if _KN + "AdministrativeUnit" in types:
            entry = _unit_entry(facts, iri)
        elif any(t in org_classes for t in types):
            entry = _organization_entry(facts, iri, [t for t in types if t in org_classes])
        elif _KN + "Person" in types:
            entry = _person_entry(facts, iri, posts_of.get(iri, []))
        else:
            continue
        keys = set()
        for prop in _LABEL_PROPS:
            for text, _lang in props.get(prop, ()):
                key = folded.get(text)
                if key is None:
                    key = folded[text] = search_key(text)
                if key:
                    keys.add(key)
        entries.append(entry + [sorted(keys)])
    return entries


def build_search_index(store, path: Path | None = None) -> int:
    """Write the search index of `store` (a pyoxigraph.Store) to `path`; returns its size."""
    path = Path(path) if path is not None else index_path()
    entries = collect_entities(store)
    entries.sort(key=lambda e: e[0])  # the same graph always gives the same file
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8") as out:
        json.dump({"format": INDEX_FORMAT, "entries": entries}, out, ensure_ascii=False, separators=(",", ":"))
    os.replace(partial, path)
    return len(entries)


# --------------------------------------------------------------------------- searching


# A named tuple, not a dataclass: importing dataclasses (it imports inspect) is a visible part
# of `kg search`'s time (docs/performance-history.md).
TYPE_VI = {"unit": "đơn vị", "organization": "tổ chức", "person": "người"}


class Hit(namedtuple("Hit", "iri label kind type era level parent valid_from valid_until match")):
    """One search result. kind: unit, organization or person; type: "district (huyện)",
    "organization (party committee)", "person"; era: pre2025, 2025 or "" (people, organizations
    of no unit); parent: "Nam Giang, Quảng Nam"; match: exact, prefix, word or substring."""

    __slots__ = ()

    def validity(self, lang: str = "en") -> str:
        since, until, to = ("từ", "đến", "đến") if lang == "vi" else ("since", "until", "to")
        if self.valid_from and self.valid_until:
            return f"{self.valid_from} {to} {self.valid_until}"
        if self.valid_until:
            return f"{until} {self.valid_until}"
        if self.valid_from:
            return f"{since} {self.valid_from}"
        return ""

    def type_text(self, lang: str = "en") -> str:
        """The type as `kg search` shows it; in Vietnamese a unit's own word (huyện, xã, ...) and
        for others only "tổ chức" or "người": the index keeps an organization's class in English,
        and its name (Huyện ủy ..., HĐND ...) already says it."""
        if lang != "vi":
            return self.type
        word = self.type.partition(" (")[2].rstrip(")")
        if self.kind == "unit" and word:
            return word
        return TYPE_VI.get(self.kind, self.type)

    def describe(self, lang: str = "en") -> str:
        """'Nam Giang — district (huyện), Quảng Nam, until 2025-06-30' (vi: 'Nam Giang — huyện,
        Quảng Nam, đến 2025-06-30')."""
        details = [part for part in (self.type_text(lang), self.parent, self.validity(lang)) if part]
        return f"{self.label} — {', '.join(details)}"

    def as_dict(self) -> dict:
        return {**self._asdict(), "description": self.describe()}


class IndexUnavailable(Unavailable):
    """No index at the path, or one this version cannot read."""


_loaded: dict[Path, tuple[tuple[int, int], list, list[str]]] = {}


def load_index(path: Path) -> list:
    """The index's entries; kept in memory while the file is unchanged."""
    return _read_index(Path(path))[0]


def _read_index(path: Path) -> tuple[list, list[str]]:
    """The entries, and per entry its search keys as one text, "\0key\0key\0", so that a
    search asks `in` of one string per entry instead of looping over its keys (the loop was a
    sixth of `kg search xa` on the national graph)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise IndexUnavailable(f"no search index at {path}", vi=f"không có chỉ mục tìm kiếm tại {path}") from None
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _loaded.get(path)
    if cached and cached[0] == stamp:
        return cached[1], cached[2]
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as exc:
        raise IndexUnavailable(
            f"unreadable search index at {path}: {exc}",
            vi=f"không đọc được chỉ mục tìm kiếm tại {path}: "
            + (os_reason_vi(exc) if isinstance(exc, OSError) else f"JSON hỏng («{exc}»)"),
        ) from None
    if not isinstance(data, dict) or data.get("format") != INDEX_FORMAT:
        raise IndexUnavailable(
            f"search index at {path} has an unknown format",
            vi=f"chỉ mục tìm kiếm tại {path} có định dạng không rõ",
        )
    entries = data["entries"]
    keys = ["\0" + "\0".join(entry[9]) + "\0" for entry in entries]
    _loaded[path] = (stamp, entries, keys)
    return entries, keys


def search(index_path: Path, text: str, limit: int = 20, kind: str | None = None, era: str | None = None) -> list[Hit]:
    """Entities whose names contain `text`, ignoring case and diacritics, best first: a whole
    name (exact), then the start of a name (prefix), of a later word (word), anywhere (substring)."""
    query = search_key(text)
    if not query:
        return []
    exact, prefix, word = f"\0{query}\0", f"\0{query}", f" {query}"
    found = []
    entries, keys = _read_index(Path(index_path))
    for entry, entry_keys in zip(entries, keys):
        if query not in entry_keys:
            continue
        iri, entry_kind, label, _type, entry_era, level = entry[:6]
        if (kind and entry_kind != kind) or (era and entry_era != era):
            continue
        rank = 0 if exact in entry_keys else 1 if prefix in entry_keys else 2 if word in entry_keys else 3
        order = (rank, KIND_ORDER.get(entry_kind, 9), LEVEL_ORDER.get(level, 9), len(label), label, iri)
        found.append((order, entry))
    best = heapq.nsmallest(max(limit, 0), found, key=lambda pair: pair[0])
    return [_hit(entry, MATCH_NAMES[order[0]]) for order, entry in best]


def _hit(entry: list, match: str) -> Hit:
    iri, kind, label, type_text, era, level, parent, valid_from, valid_until = entry[:9]
    return Hit(
        iri=iri,
        label=label,
        kind=kind,
        type=type_text,
        era=era,
        level=level,
        parent=parent,
        valid_from=valid_from,
        valid_until=valid_until,
        match=match,
    )


def prepare_index(store_dir: Path, store=None) -> Path:
    """Build the index of a store about to be published, beside the current one; install it with
    install_index() once the store is published (a failure here leaves everything as it was).
    `store`: the store of `store_dir` already open (kg build passes the one it loaded)."""
    import pyoxigraph as ox

    tmp = index_path().with_name(f".search-index-{store_dir.name}.tmp")
    build_search_index(store if store is not None else ox.Store.read_only(str(store_dir)), tmp)
    return tmp


def install_index(prepared: Path) -> None:
    prepared.replace(index_path())
