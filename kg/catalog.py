"""Saved queries: one SPARQL file per question in queries/, metadata in a `#+` YAML header.

    #+ title:
    #+   vi: Các quan hệ kết nghĩa của một đơn vị
    #+   en: Twinnings of a unit
    #+ description:
    #+   vi: …
    #+   en: …
    #+ tags: [competency, twinning]
    #+ params:
    #+   unit: {type: unit, default: "pre2025/510", example: "pre2025/509", description: "the unit"}
    SELECT … WHERE { … ?unit … }

A query's name is its file name without `.rq`. Parameters are typed (iri, unit, date, year, text,
number) and are *bound* as RDF terms (SPARQL substitution), never pasted into the query text.
Files named `*-violation.rq` are quality checks: they must return no rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import yaml

from kg import config
from kg.namespaces import ID

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = ("iri", "unit", "date", "year", "text", "number")
_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|\\^`]')


class CatalogError(Exception):
    """A query file is malformed, unknown, or a parameter value is wrong; the message says which."""


@dataclass
class Param:
    name: str
    type: str
    default: str
    example: str | None = None
    description: str = ""

    def to_term(self, raw: str) -> ox.NamedNode | ox.Literal:
        """Check a value against the declared type and turn it into an RDF term."""
        value = raw.strip()
        if self.type in ("iri", "unit"):
            if self.type == "unit" and re.fullmatch(r"(pre2025|2025)[/:][0-9A-Za-z-]+", value):
                value = str(ID[f"unit/{value.replace(':', '/')}"])
            if not re.match(r"^[a-z][a-z0-9+.-]*:", value) or _IRI_FORBIDDEN.search(value):
                hint = " (or a unit key such as pre2025/510)" if self.type == "unit" else ""
                raise CatalogError(f"parameter '{self.name}': {raw!r} is not an absolute IRI{hint}")
            return ox.NamedNode(value)
        if self.type == "date":
            try:
                date.fromisoformat(value)
            except ValueError:
                raise CatalogError(f"parameter '{self.name}': {raw!r} is not a date (YYYY-MM-DD)") from None
            return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))
        if self.type == "year":
            if not re.fullmatch(r"-?[0-9]{4}", value):
                raise CatalogError(f"parameter '{self.name}': {raw!r} is not a year (YYYY)")
            return ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
        if self.type == "number":
            try:
                Decimal(value)
            except InvalidOperation:
                raise CatalogError(f"parameter '{self.name}': {raw!r} is not a number") from None
            return ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
        return ox.Literal(raw)  # text: a plain string, whatever it contains


@dataclass
class SavedQuery:
    name: str
    path: Path
    text: str
    title: dict[str, str]
    description: dict[str, str]
    tags: list[str] = field(default_factory=list)
    params: dict[str, Param] = field(default_factory=dict)

    @property
    def is_quality_check(self) -> bool:
        return self.name.endswith("-violation")

    def bindings(self, values: dict[str, str] | None = None) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
        """Typed RDF terms for every parameter: the given value, else the default."""
        values = dict(values or {})
        unknown = sorted(set(values) - set(self.params))
        if unknown:
            known = ", ".join(self.params) or "none"
            raise CatalogError(f"query '{self.name}' has no parameter '{unknown[0]}' (parameters: {known})")
        return {ox.Variable(name): param.to_term(values.get(name, param.default))
                for name, param in self.params.items()}


def parse_query_file(path: Path) -> SavedQuery:
    text = path.read_text("utf-8")
    header = "\n".join(line[3:] if line.startswith("#+ ") else line[2:]
                       for line in text.splitlines() if line.startswith("#+"))
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: the #+ header is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise CatalogError(f"{path}: the #+ header must be a YAML mapping")
    params = {}
    for name, spec in (meta.get("params") or {}).items():
        spec = spec or {}
        ptype = spec.get("type", "text")
        if ptype not in PARAM_TYPES:
            raise CatalogError(f"{path}: parameter '{name}' has unknown type '{ptype}' (one of {', '.join(PARAM_TYPES)})")
        if "default" not in spec:
            raise CatalogError(f"{path}: parameter '{name}' has no default")
        params[name] = Param(name, ptype, str(spec["default"]), spec.get("example"), spec.get("description", ""))
    title = meta.get("title") or {}
    description = meta.get("description") or {}
    if not (isinstance(title, dict) and title.get("vi") and title.get("en")):
        raise CatalogError(f"{path}: the header needs a title in vi and en")
    return SavedQuery(path.stem, path, text, title, description if isinstance(description, dict) else {},
                      list(meta.get("tags") or []), params)


def load_catalog(directory: Path | None = None) -> dict[str, SavedQuery]:
    directory = directory or config.QUERIES_DIR
    return {q.name: q for q in map(parse_query_file, sorted(directory.glob("*.rq")))}


def get_query(name: str, directory: Path | None = None) -> SavedQuery:
    path = (directory or config.QUERIES_DIR) / f"{name}.rq"
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", name) or not path.exists():
        raise CatalogError(f"no saved query named '{name}' (see `kg query --list`)")
    return parse_query_file(path)


def run_embedded(oxstore: ox.Store, query: SavedQuery, values: dict[str, str] | None = None):
    """Run a saved query on a pyoxigraph store; named graphs are visible and also unioned by default."""
    return oxstore.query(query.text, substitutions=query.bindings(values), use_default_graph_as_union=True)


def rows(results) -> tuple[list[str], list[dict[str, object]]]:
    """SELECT results as (variables, rows of Python values); unbound values are None."""
    variables = [v.value for v in results.variables]
    out = []
    for solution in results:
        out.append({name: _python_value(solution[name]) for name in variables})
    return variables, out


def _python_value(term):
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return term.value
    return term.value
