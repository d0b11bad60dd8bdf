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

A query's name is its file name without `.rq`. Parameters are typed (iri, unit, organization,
person, date, year, text, number) and are *bound* as RDF terms, never pasted into the query text
as the user wrote them. Names given for the unit, organization and person types are made IRIs
before binding by kg.query.names, which also expands a unit declared `follow: reform` into a
tuple of units (one VALUES row each).
Files named `*-violation.rq` are quality checks: they must return no rows.

Embedded and remote runs bind parameters the same way: `SavedQuery.bound_text()` puts a `VALUES`
block, built from each term's N-Triples form (pyoxigraph escapes quotes, backslashes and line
breaks, so a value can never close the string or the block), first in the outermost WHERE group.
That has the join semantics of a SEP-0007 substitution (tests/query/test_query_catalogue.py compares the
two on every saved query). Unlike pyoxigraph's `substitutions=`, which binds after planning,
Oxigraph's planner sees a VALUES block and starts from it: twinnings-of-unit on a 1M-triple graph
took over 60 s substituted and 0.5 s bound this way.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg import config
from kg.iris import ID_BASE
from kg.query.sparql_syntax import (
    query_form,
    select_projection,
    significant_tokens,
    subselect_groups,
    where_group_open,
)

# `kg query NAME` is a few tens of milliseconds with a bare pyoxigraph script; PyYAML, dataclasses
# and the tokenizer's regex would add a third on top (docs/performance-history.md). So: plain
# classes, parsed headers kept in the cache directory
# (see _header_cache), and yaml, decimal, datetime and the tokenizer only when needed.

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = ("iri", "unit", "organization", "person", "date", "year", "text", "number")
# types whose value may be a name (kg.query.names resolves it first)
NAMED_TYPES = ("unit", "organization", "person")
_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|\\^`]')


class CatalogError(KgError):
    """A query file is malformed, unknown, or a parameter value is wrong; the message says which."""


class Param:
    __slots__ = ("name", "type", "default", "example", "description", "follow")

    def __init__(
        self,
        name: str,
        type: str,
        default: str,
        example: str | None = None,
        description: str = "",
        follow: str | None = None,
    ):
        self.name, self.type, self.default = name, type, default
        self.example, self.description = example, description
        self.follow = follow  # "reform": kg.query.names adds the unit's predecessors and heirs

    def __repr__(self) -> str:
        return f"Param({self.name!r}, {self.type!r}, default={self.default!r})"

    def to_term(self, raw: str) -> ox.NamedNode | ox.Literal:
        """Check a value against the declared type and turn it into an RDF term."""
        from kg.query import strict_values

        strict_values.check_encodable(self.name, raw)
        value = raw.strip()
        if self.type in ("iri", *NAMED_TYPES):
            if self.type == "unit" and re.fullmatch(r"(pre2025|2025|hist)[/:][0-9A-Za-z-]+", value):
                value = f"{ID_BASE}unit/{value.replace(':', '/')}"
            elif self.type in ("organization", "person") and re.fullmatch(r"(org|person)/[0-9A-Za-z-]+", value):
                value = ID_BASE + value
            if not re.match(r"^[a-z][a-z0-9+.-]*:", value) or _IRI_FORBIDDEN.search(value):
                unit = self.type == "unit"
                hint = " (or a unit key such as pre2025/510 or hist/tinh-vinh-tra)" if unit else ""
                hint_vi = " (hoặc mã đơn vị như pre2025/510 hay hist/tinh-vinh-tra)" if unit else ""
                raise CatalogError(
                    f"parameter '{self.name}': {raw!r} is not an absolute IRI{hint}",
                    vi=f"tham số '{self.name}': {raw!r} không phải IRI tuyệt đối{hint_vi}",
                )
            return strict_values.iri_term(self.name, raw, value)
        if self.type == "date":
            from datetime import date

            strict_values.check_date(self.name, raw, value)
            try:
                date.fromisoformat(value)
            except ValueError:
                raise CatalogError(
                    f"parameter '{self.name}': {raw!r} is not a date (YYYY-MM-DD)",
                    vi=f"tham số '{self.name}': {raw!r} không phải ngày (YYYY-MM-DD)",
                ) from None
            return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))
        if self.type == "year":
            if not re.fullmatch(r"-?[0-9]{4}", value):
                raise CatalogError(
                    f"parameter '{self.name}': {raw!r} is not a year (YYYY)",
                    vi=f"tham số '{self.name}': {raw!r} không phải năm (YYYY)",
                )
            return ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
        if self.type == "number":
            from decimal import Decimal, InvalidOperation

            strict_values.check_number(self.name, raw, value)
            try:
                Decimal(value)
            except InvalidOperation:
                raise CatalogError(
                    f"parameter '{self.name}': {raw!r} is not a number",
                    vi=f"tham số '{self.name}': {raw!r} không phải số",
                ) from None
            return ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
        return ox.Literal(raw)  # text: a plain string, whatever it contains


_UNKNOWN = object()


class SavedQuery:
    __slots__ = ("name", "path", "text", "title", "description", "tags", "params", "_form", "_where", "_bound")

    def __init__(
        self,
        name: str,
        path: Path | None,
        text: str,
        title: dict[str, str],
        description: dict[str, str],
        tags: list[str] | None = None,
        params: dict[str, Param] | None = None,
        *,
        form=_UNKNOWN,
        where=_UNKNOWN,
    ):
        self.name, self.path, self.text = name, path, text
        self.title, self.description = title, description
        self.tags, self.params = list(tags or []), dict(params or {})
        self._form, self._where = form, where  # known from the header cache, else worked out once
        self._bound: dict[tuple, str] = {}  # bound texts by parameter values (see bound_text)

    def __repr__(self) -> str:
        return f"SavedQuery({self.name!r}, params={list(self.params)})"

    @property
    def form(self) -> str | None:
        """SELECT, ASK, CONSTRUCT, DESCRIBE, "UPDATE", or None (see query_form)."""
        if self._form is _UNKNOWN:
            self._form = query_form(self.text)
        return self._form

    @property
    def where_offset(self) -> int | None:
        """Where the parameters' VALUES block goes (see _outer_group_start)."""
        if self._where is _UNKNOWN:
            self._where = _outer_group_start(self.text)
        return self._where

    @property
    def is_quality_check(self) -> bool:
        return self.name.endswith("-violation")

    def bindings(self, values: dict[str, str] | None = None) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
        """Typed RDF terms for every parameter: the given value, else the default."""
        values = dict(values or {})
        unknown = sorted(set(values) - set(self.params))
        if unknown:
            known = ", ".join(self.params) or "none"
            close = did_you_mean(unknown[0], self.params)
            raise CatalogError(
                f"query '{self.name}' has no parameter '{unknown[0]}'{close} (parameters: {known})",
                vi=f"truy vấn '{self.name}' không có tham số '{unknown[0]}'{did_you_mean(unknown[0], self.params, 'vi')}",
            )
        bound: dict[ox.Variable, ox.NamedNode | ox.Literal | tuple] = {}
        for name, param in self.params.items():
            value = values.get(name, param.default)
            # a tuple: several values (a unit and its predecessors), one VALUES row each
            bound[ox.Variable(name)] = (
                tuple(param.to_term(v) for v in value) if isinstance(value, tuple) else param.to_term(value)
            )
        return bound  # type: ignore[return-value]

    def bound_text(self, values: dict[str, str] | None = None) -> str:
        """The query text with its parameters as a VALUES block (see the module docstring).
        Kept per set of values: checking and binding them again cost ~15 µs a run."""
        key = tuple(sorted(values.items())) if values else ()
        text = self._bound.get(key)
        if text is None:
            text = inject_values(self.text, self.bindings(values), self.where_offset)
            if len(self._bound) >= 64:
                self._bound.clear()
            self._bound[key] = text
        return text

    def problems(self) -> list[str]:
        """What keeps this file from being a good catalogue entry (the catalogue test wants none)."""
        found = [f"no description in {lang}" for lang in ("vi", "en") if not self.description.get(lang)]
        if not self.tags:
            found.append("no tags")
        projection = select_projection(self.text)
        for name, param in self.params.items():
            if not param.description:
                found.append(f"parameter '{name}' has no description")
            if param.example is None:
                found.append(f"parameter '{name}' has no example")
            for value in (param.default, param.example):
                try:
                    if value is not None:
                        param.to_term(value)
                except CatalogError as exc:
                    found.append(str(exc))
            if projection is not None and name not in projection:
                found.append(f"parameter '{name}' is not in the SELECT projection (a substitution would need it)")
            if re.search(rf"\bAS\s+\?{re.escape(name)}\b", self.text, re.IGNORECASE):
                found.append(f"parameter '{name}' is also assigned with AS ?{name}")
        return found


def parse_query_text(text: str, name: str, path: Path | None = None, require_title: bool = True) -> SavedQuery:
    """A query and its `#+` header; ad-hoc queries (`kg query --file/--sparql`) may have no title."""
    import yaml

    where = path or name
    header = "\n".join(
        line[3:] if line.startswith("#+ ") else line[2:] for line in text.splitlines() if line.startswith("#+")
    )
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        detail = " ".join(str(exc).split())
        raise CatalogError(
            f"{where}: the #+ header is not valid YAML: {detail}",
            vi=f"{where}: phần đầu #+ không phải YAML hợp lệ (trình đọc báo: «{detail}»)",
        ) from None
    if not isinstance(meta, dict):
        raise CatalogError(
            f"{where}: the #+ header must be a YAML mapping", vi=f"{where}: phần đầu #+ phải là một ánh xạ YAML"
        )
    params = {}
    if not isinstance(meta.get("params") or {}, dict):
        raise CatalogError(
            f"{where}: '#+ params:' must map each parameter name to its type and default",
            vi=f"{where}: '#+ params:' phải gán cho mỗi tên tham số kiểu và giá trị mặc định của nó",
        )
    for pname, spec in (meta.get("params") or {}).items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise CatalogError(
                f"{where}: parameter '{pname}' must be a mapping such as {{type: date, default: \"2025-07-01\"}}",
                vi=f"{where}: tham số '{pname}' phải là một ánh xạ, ví dụ {{type: date, default: \"2025-07-01\"}}",
            )
        ptype = spec.get("type", "text")
        if ptype not in PARAM_TYPES:
            raise CatalogError(
                f"{where}: parameter '{pname}' has unknown type '{ptype}' (one of {', '.join(PARAM_TYPES)})",
                vi=f"{where}: tham số '{pname}' có kiểu không rõ '{ptype}' (chọn một trong {', '.join(PARAM_TYPES)})",
            )
        if "default" not in spec:
            raise CatalogError(
                f"{where}: parameter '{pname}' has no default",
                vi=f"{where}: tham số '{pname}' không có giá trị mặc định",
            )
        example = spec.get("example")
        follow = spec.get("follow")
        if follow not in (None, "reform") or (follow and ptype != "unit"):
            raise CatalogError(
                f"{where}: parameter '{pname}': 'follow: reform' is the only choice, for a unit",
                vi=f"{where}: tham số '{pname}': chỉ có thể ghi 'follow: reform', và chỉ cho tham số đơn vị hành chính",
            )
        params[pname] = Param(
            pname,
            ptype,
            str(spec["default"]),
            None if example is None else str(example),
            spec.get("description", ""),
            follow,
        )
    title = meta.get("title") or {}
    description = meta.get("description") or {}
    if require_title and not (isinstance(title, dict) and title.get("vi") and title.get("en")):
        raise CatalogError(
            f"{where}: the header needs a title in vi and en", vi=f"{where}: phần đầu cần tiêu đề bằng cả vi và en"
        )
    return SavedQuery(
        name,
        path,
        text,
        title if isinstance(title, dict) else {},
        description if isinstance(description, dict) else {},
        list(meta.get("tags") or []),
        params,
    )


def parse_query_file(path: Path, require_title: bool = True) -> SavedQuery:
    return _parsed_query_file(str(path), _version(path.stat()), require_title)


def _version(stat) -> tuple:
    return stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_size


# (file, require_title) -> (version of the file, its query): the last version parsed, on plain
# strings (this lookup runs before every query)
_parsed: dict[tuple[str, bool], tuple[tuple, SavedQuery]] = {}


def _parsed_query_file(file: str, version: tuple, require_title: bool) -> SavedQuery:
    # Parsed once per version of the file: reading the YAML header took longer than many
    # queries take to run (the stat in the key picks up an edited or replaced file).
    known = _parsed.get((file, require_title))
    if known is None or known[0] != version:
        known = _parsed[(file, require_title)] = (version, _parse_query_file(Path(file), version, require_title))
    return known[1]


def _parse_query_file(path: Path, version: tuple, require_title: bool) -> SavedQuery:
    text = path.read_text("utf-8")
    if require_title:
        kept = _header_cache().get(path, version)
        if kept is not None:
            try:
                return _query_from_entry(path, text, kept)
            except (KeyError, TypeError, ValueError, AttributeError):
                pass  # a damaged entry: parsed again below, and replaced
    query = parse_query_text(text, path.stem, path, require_title)
    if require_title:
        _header_cache().put(path, version, _entry_of(query))
    return query


# --------------------------------------------------------------------------- parsed headers kept


def _entry_of(query: SavedQuery) -> dict:
    return {
        "title": query.title,
        "description": query.description,
        "tags": query.tags,
        "params": [[p.name, p.type, p.default, p.example, p.description, p.follow] for p in query.params.values()],
        "form": query.form,
        "where": query.where_offset,
    }


def _query_from_entry(path: Path, text: str, entry: dict) -> SavedQuery:
    params = {spec[0]: Param(*spec) for spec in entry["params"]}
    return SavedQuery(
        path.stem,
        path,
        text,
        entry["title"],
        entry["description"],
        entry["tags"],
        params,
        form=entry["form"],
        where=entry["where"],
    )


class _HeaderCache:
    """Each query file's parsed header, keyed by its path and stat (an edited file misses), in
    one JSON file of the cache directory. A cache that cannot be read or written is ignored:
    the header is parsed again, as it would be without one. The file is only trusted if this
    module is the one that wrote it (its stat is part of `format`): a changed parser starts over."""

    def __init__(self, file: Path):
        self.file = file
        module = os.stat(__file__)
        self.format = [3, module.st_mtime_ns, module.st_size]
        try:
            data = json.loads(file.read_text("utf-8"))
            entries = data["entries"] if data.get("format") == self.format else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            entries = {}
        self.entries = entries if isinstance(entries, dict) else {}

    def get(self, path: Path, version: tuple) -> dict | None:
        entry = self.entries.get(str(path))
        return entry if isinstance(entry, dict) and entry.get("version") == list(version) else None

    def put(self, path: Path, version: tuple, entry: dict) -> None:
        self.entries[str(path)] = {**entry, "version": list(version)}
        tmp = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(
                json.dumps({"format": self.format, "entries": self.entries}, ensure_ascii=False, default=str), "utf-8"
            )
            os.replace(tmp, self.file)  # readers see the old file or the new one
        except OSError:
            tmp.unlink(missing_ok=True)


_header_caches: dict[Path, _HeaderCache] = {}


def _header_cache() -> _HeaderCache:
    file = config.cache_dir() / "query-headers.json"
    if file not in _header_caches:
        _header_caches[file] = _HeaderCache(file)
    return _header_caches[file]


def load_catalog(directory: Path | None = None) -> dict[str, SavedQuery]:
    directory = directory or config.QUERIES_DIR
    return {q.name: q for q in map(parse_query_file, sorted(directory.glob("*.rq")))}


def get_query(name: str, directory: Path | None = None) -> SavedQuery:
    # Strings and one stat, not Path objects: this runs before every query.
    file = os.path.join(directory or config.QUERIES_DIR, f"{name}.rq")
    try:
        if not _QUERY_NAME.fullmatch(name):
            raise FileNotFoundError(name)
        version = _version(os.stat(file))
    except FileNotFoundError:
        names = [file[:-3] for file in os.listdir(directory or config.QUERIES_DIR) if file.endswith(".rq")]
        raise CatalogError(
            f"no saved query named '{name}'{did_you_mean(name, names)} (see `kg query --list`)",
            vi=f"không có truy vấn lưu sẵn nào tên '{name}'{did_you_mean(name, names, 'vi')} (xem `kg query --list`)",
        ) from None
    return _parsed_query_file(file, version, True)


_QUERY_NAME = re.compile(r"[A-Za-z0-9_.-]+")


def did_you_mean(name: str, known, lang: str = "en") -> str:
    """' (did you mean: twinnings-of-unit?)' for the closest known names, else ''."""
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    ask = "có phải" if lang == "vi" else "did you mean"
    return f" ({ask}: {', '.join(close)}?)" if close else ""


# --------------------------------------------------------------------------- query text


@functools.lru_cache(maxsize=256)
def _outer_group_start(text: str) -> int | None:
    """Offset just after the `{` that opens the outermost WHERE group (else the first group).
    Cached: tokenising a saved query took ~50 µs a run, a tenth of a fast query's time."""
    tokens = significant_tokens(text)
    index = where_group_open(tokens)
    if index is None:
        index = next((i for i, (kind, _v, _e, depth) in enumerate(tokens) if kind == "open" and depth == 0), None)
    return None if index is None else tokens[index][2]


def inject_values(text: str, bindings: dict[ox.Variable, ox.NamedNode | ox.Literal], position=_UNKNOWN) -> str:
    """The query with `VALUES ?name { term }` first in its outermost WHERE group (at `position`
    when the caller already knows it), and again first in each sub-select there that projects
    the variable and may take it (kg.query.sparql_syntax.subselect_groups).

    Terms are written by pyoxigraph in N-Triples syntax (quotes, backslashes and line breaks
    escaped), so a value can never close the string, the block or the query around it.
    """
    if not bindings:
        return text
    if position is _UNKNOWN:
        position = _outer_group_start(text)
    if position is None:
        raise CatalogError(
            "cannot bind parameters: the query has no WHERE group",
            vi="không gắn được tham số: truy vấn không có khối WHERE",
        )
    inserts = [(position, bindings)]
    for offset, names in subselect_groups(text):
        inside = {variable: term for variable, term in bindings.items() if variable.value in names}
        if inside:
            inserts.append((offset, inside))
    for offset, terms in sorted(inserts, key=lambda insert: insert[0], reverse=True):
        block = "".join(
            f"\n  VALUES {variable} {{ {' '.join(map(str, term)) if isinstance(term, tuple) else term} }}"
            for variable, term in terms.items()
        )
        text = text[:offset] + block + text[offset:]
    return text
