"""Load the built graph into another triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph is sent to `GSP?graph=IRI` as N-Triples (or as Turtle, of which N-Triples is a
subset): the first request is a PUT, which replaces whatever the graph held, and a large graph
continues with POSTs, which add to it, so that no single request is huge. A graph with blank
nodes goes in one request, because a blank node label only means the same node within one
document. Afterwards the triples of each graph are counted through the query endpoint, so a
partial load does not pass for a complete one.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from collections.abc import Callable, Iterator

import pyoxigraph as ox

from kg import progress as kg_progress
from kg.errors import KgError
from kg.query import remote
from kg.graph import store
from kg.sparql_files import sparql

# the charset is said out loud: Virtuoso reads a body without one as Latin-1 and garbles Vietnamese
CONTENT_TYPES = {"ntriples": "application/n-triples; charset=utf-8", "turtle": "text/turtle; charset=utf-8"}
DEFAULT_CHUNK = 50_000


class PushError(KgError):
    """The push cannot start (e.g. no Graph Store address can be worked out)."""


@dataclass
class GraphPushed:
    graph: str
    triples: int
    requests: int
    remote_count: int | None = None

    @property
    def verified(self) -> bool:
        return self.remote_count == self.triples


def graph_store_url(query_endpoint: str, authenticated: bool) -> str:
    """The Graph Store address beside a query endpoint, for the stores whose layout is documented.

    Oxigraph: /query → /store. Virtuoso: /sparql → /sparql-graph-crud (or -auth with a user).
    """
    parts = urllib.parse.urlsplit(query_endpoint)
    path = parts.path.rstrip("/")
    if path.endswith("/query"):
        new_path = path[: -len("query")] + "store"
    elif path.endswith("/sparql"):
        new_path = path + ("-graph-crud-auth" if authenticated else "-graph-crud")
    else:
        raise PushError(
            f"cannot tell where the Graph Store of {query_endpoint} is; give it with --gsp URL",
            vi=f"không xác định được Graph Store của {query_endpoint} ở đâu; hãy chỉ ra bằng --gsp URL",
        )
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new_path, "", ""))


def local_graphs(oxstore: ox.Store, only: list[str] | None = None) -> list[str]:
    graphs = sorted(g.value for g in oxstore.named_graphs() if isinstance(g, ox.NamedNode))
    if only:
        unknown = sorted(set(only) - set(graphs))
        if unknown:
            raise PushError(
                f"the built graph has no named graph <{unknown[0]}>",
                vi=f"đồ thị đã xây dựng không có đồ thị có tên <{unknown[0]}>",
            )
        graphs = [g for g in graphs if g in only]
    return graphs


def chunks(ntriples: bytes, size: int) -> Iterator[bytes]:
    """N-Triples is one triple per line, so whole lines make valid documents."""
    lines = ntriples.splitlines(keepends=True)
    if any(line.startswith(b"_:") or b" _:" in line for line in lines):
        size = len(lines) or 1  # blank nodes: one document, or their identity is lost
    for start in range(0, len(lines), size):
        yield b"".join(lines[start : start + size])


def push(
    gsp_url: str,
    query_endpoint: str,
    graphs: list[str] | None = None,
    fmt: str = "ntriples",
    chunk: int = DEFAULT_CHUNK,
    timeout: float | None = remote.DEFAULT_TIMEOUT,
    credentials: remote.Credentials | None = None,
    verify: bool = True,
    progress: Callable[[GraphPushed], None] = lambda _: None,
) -> list[GraphPushed]:
    """Send every named graph (or those listed); raises remote.RemoteError on the first failure.
    `progress` is called with each graph's result as soon as it is sent."""
    if fmt not in CONTENT_TYPES:
        raise PushError(
            f"unknown format {fmt!r} (ntriples or turtle)", vi=f"định dạng không rõ {fmt!r} (ntriples hoặc turtle)"
        )
    oxstore = store.open_store()
    done = []
    with kg_progress.bar(None, "pushing", unit="triple") as advance:
        for graph in local_graphs(oxstore, graphs):
            done.append(
                _push_graph(oxstore, graph, gsp_url, query_endpoint, fmt, chunk, timeout, credentials, verify, advance)
            )
            progress(done[-1])
    return done


def _push_graph(oxstore, graph, gsp_url, query_endpoint, fmt, chunk, timeout, credentials, verify, advance):
    data = oxstore.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
    triples = data.count(b"\n")
    requests = 0
    for requests, body in enumerate(chunks(data, chunk), start=1):
        remote.put_graph(
            gsp_url,
            graph,
            body,
            CONTENT_TYPES[fmt],
            method="PUT" if requests == 1 else "POST",
            timeout=timeout,
            credentials=credentials,
        )
        advance(body.count(b"\n"))
    if requests == 0:  # an empty graph: PUT an empty document so that it exists and is empty
        remote.put_graph(gsp_url, graph, b"", CONTENT_TYPES[fmt], timeout=timeout, credentials=credentials)
        requests = 1
    result = GraphPushed(graph, triples, requests)
    if verify:
        result.remote_count = remote_count(query_endpoint, graph, timeout)
    return result


def remote_count(query_endpoint: str, graph: str, timeout: float | None) -> int:
    answer = remote.run_query(query_endpoint, sparql("query", "graph-size", graph=f"<{graph}>"), timeout=timeout)
    try:
        return int(float(answer.rows[0][0].value))
    except (IndexError, AttributeError, ValueError):
        raise remote.EndpointFailed(
            f"{query_endpoint} did not count the triples of <{graph}>",
            vi=f"{query_endpoint} không đếm được các bộ ba của <{graph}>",
        ) from None
