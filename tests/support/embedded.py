"""Running a saved query straight on a pyoxigraph store, for tests that read plain string values."""

from __future__ import annotations

import pyoxigraph as ox

from kg.query import catalog


def saved_query_rows(store: ox.Store, name: str, params: dict[str, str] | None = None):
    """(variables, rows): each row a dict of the terms' lexical values, None when unbound."""
    results = store.query(catalog.get_query(name).bound_text(params), use_default_graph_as_union=True)
    variables = [v.value for v in results.variables]
    rows = [{v: None if s[v] is None else s[v].value for v in variables} for s in results]
    return variables, rows
