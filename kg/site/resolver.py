"""`kg serve`'s front: dereferenceable identifiers (W3C "Cool URIs": content negotiation, `Vary`).

    /id/…                   text/html -> the entity's page; text/turtle, application/ld+json,
                            application/n-triples -> its description (its triples, the triples that
                            point at it, the labels of its neighbours); unknown -> 404; Vary: Accept
    /id/….html, ….en.html   the page in Vietnamese / English
    /assets/…               the pages' stylesheet and search script
    /.well-known/void, and every other file of a site written by `kg export site` (--site DIR)
    anything else           passed unchanged to the Oxigraph server (query editor, /query, /update,
                            /store), which stays read-only: this front adds no write path

Pages are rendered on demand from the read-only store (kg.site.pages with StoreFacts), so every unit
of every era has one, not only those of an exported site.
"""

from __future__ import annotations

import http.client
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox

from kg.errors import os_reason_vi
from kg.iris import ID_BASE, PREFIX_IRIS
from kg.site.facts import LABEL, PREF_LABEL, TITLE, StoreFacts, to_ox
from kg.site.page_parts import kind_of
from kg.site.pages import Renderer

TEMPLATES = Path(__file__).resolve().parent / "templates"
RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
OFFERED = ("text/html", "application/xhtml+xml", *RDF_TYPES)
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailers",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
}
LABEL_PROPS = (PREF_LABEL, LABEL, TITLE)
MAX_BODY = 64 * 1024 * 1024


def negotiate(accept: str | None) -> str | None:
    """The media type to answer with (Accept's q-values, then our order), None if nothing fits."""
    if not accept or not accept.strip():
        return "text/html"
    best, best_q = None, 0.0
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    q = float(field[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        if media in ("*/*", "text/*"):
            candidate = "text/html"
            q -= 0.0001  # an explicit type wins over a wildcard of the same q
        elif media == "application/*":
            candidate = "application/ld+json"
            q -= 0.0001
        elif media in OFFERED:
            candidate = "text/html" if media == "application/xhtml+xml" else media
        else:
            continue
        if q > best_q:
            best, best_q = candidate, q
    return best


def describe(store: ox.Store, iri: str) -> list:
    """The entity's description as triples: what it says, what points at it, its neighbours' labels."""
    node = ox.NamedNode(iri)
    triples: dict = {}
    neighbours: set = set()
    for q in store.quads_for_pattern(node, None, None, None):
        triples[ox.Triple(q.subject, q.predicate, q.object)] = None
        if isinstance(q.object, ox.NamedNode):
            neighbours.add(q.object)
    for q in store.quads_for_pattern(None, None, node, None):
        triples[ox.Triple(q.subject, q.predicate, q.object)] = None
        if isinstance(q.subject, ox.NamedNode):
            neighbours.add(q.subject)
    labels = [ox.NamedNode(p) for p in LABEL_PROPS]
    for other in neighbours:
        for predicate in labels:
            for q in store.quads_for_pattern(other, predicate, None, None):
                triples[ox.Triple(q.subject, q.predicate, q.object)] = None
    return list(triples)


class Resolver:
    def __init__(self, store: ox.Store, upstream: tuple[str, int] | None, site: Path | None = None):
        self.store, self.upstream, self.site = store, upstream, Path(site) if site else None

    def known(self, iri: str) -> bool:
        return next(iter(self.store.quads_for_pattern(to_ox(iri), None, None, None)), None) is not None

    def page(self, iri: str, lang: str) -> bytes:
        if self.site is not None:
            from kg.site.page_parts import page_path

            stored = self.site / page_path(iri, lang)
            if stored.is_file():
                return stored.read_bytes()
        facts = StoreFacts(self.store)
        kinds: dict = {}

        def has_page(other) -> bool:
            if not isinstance(other, str) or not other.startswith(ID_BASE):
                return False
            if other not in kinds:
                kinds[other] = kind_of(facts, other) is not None
            return kinds[other]

        renderer = Renderer(
            facts,
            has_page,
            lang,
            "explorer.html" if self._site_file("explorer.html") else None,
            site_nav=self.site is not None,
        )
        return renderer.render(iri).encode("utf-8")

    def description(self, iri: str, media: str) -> bytes:
        prefixes = {p: PREFIX_IRIS[p] for p in ("kn", "knv", "kg", "skos", "rdfs", "dct", "xsd", "schema", "prov")}
        fmt = RDF_TYPES[media]
        triples = describe(self.store, iri)
        if fmt is ox.RdfFormat.TURTLE:
            return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""
        return ox.serialize(triples, format=fmt) or b""

    def _site_file(self, relative: str) -> Path | None:
        if self.site is None:
            return None
        path = (self.site / relative).resolve()
        root = self.site.resolve()
        if root != path and root not in path.parents:
            return None
        return path if path.is_file() else None


def _lang(accept_language: str | None) -> str:
    first = (accept_language or "").split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "vi"


class Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    resolver: Resolver

    def log_message(self, format, *args):  # quiet: Oxigraph logs the queries
        pass

    def _send(self, status: int, body: bytes, media: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _local(self) -> bool:
        """Answer from here if the path is ours; False: pass it on to Oxigraph."""
        path = unquote(urlsplit(self.path).path)
        if path.startswith("/id/"):
            self._identifier(path)
            return True
        if path.startswith("/assets/"):
            name = path[len("/assets/") :]
            if name in ("site.css", "search.js"):
                media = "text/css" if name.endswith(".css") else "text/javascript"
                self._send(200, (TEMPLATES / name).read_bytes(), media + "; charset=utf-8")
                return True
        if path == "/.well-known/void" and self.resolver._site_file(".well-known/void") is None:
            from kg.graph import store as kgstore
            from kg.site import dataset
            from kg.site.facts import MemoryFacts

            facts = MemoryFacts(self.resolver.store)
            built_at = ((kgstore.published() or kgstore.PublishedStore(Path(), {})).meta or {}).get("built_at", "")
            body = dataset.void_turtle(dataset.counts(self.resolver.store, facts), built_at, dataset.code_version())
            self._send(200, body.encode("utf-8"), "text/turtle; charset=utf-8")
            return True
        if path != "/":
            found = self.resolver._site_file(path.lstrip("/"))
            if found is not None:
                media = (
                    "text/turtle"
                    if found.name == "void"
                    else mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                )
                if media.startswith("text/") or media.endswith("javascript"):
                    media += "; charset=utf-8"
                self._send(200, found.read_bytes(), media)
                return True
        return False

    def _identifier(self, path: str) -> None:
        vary = {"Vary": "Accept, Accept-Language"}
        name, lang, explicit = path[len("/id/") :], None, False
        if name.endswith(".en.html"):
            name, lang, explicit = name[: -len(".en.html")], "en", True
        elif name.endswith(".html"):
            name, lang, explicit = name[: -len(".html")], "vi", True
        iri = ID_BASE + name
        if not name or not self.resolver.known(iri):
            self._send(
                404, f"Không có định danh này / unknown identifier: {iri}\n".encode(), "text/plain; charset=utf-8", vary
            )
            return
        media = "text/html" if explicit else negotiate(self.headers.get("Accept"))
        if media is None:
            self._send(
                406,
                ("Chỉ có / available: " + ", ".join(OFFERED) + "\n").encode("utf-8"),
                "text/plain; charset=utf-8",
                vary,
            )
            return
        if media == "text/html":
            body = self.resolver.page(iri, lang or _lang(self.headers.get("Accept-Language")))
            self._send(
                200,
                body,
                "text/html; charset=utf-8",
                {**vary, "Content-Language": lang or _lang(self.headers.get("Accept-Language"))},
            )
        else:
            self._send(
                200,
                self.resolver.description(iri, media),
                media + ("; charset=utf-8" if media != "application/ld+json" else ""),
                {**vary, "Link": f'<{iri}>; rel="describes"'},
            )

    def _proxy(self) -> None:
        if self.resolver.upstream is None:
            self._send(404, b"not found\n", "text/plain; charset=utf-8")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(413, b"request too large\n", "text/plain; charset=utf-8")
            return
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        connection = http.client.HTTPConnection(*self.resolver.upstream, timeout=None)
        try:
            try:
                connection.request(self.command, self.path, body=body, headers=headers)
                answer = connection.getresponse()
            except OSError as exc:
                self._send(502, f"the SPARQL server did not answer: {exc}\n".encode(), "text/plain; charset=utf-8")
                return
            # streamed, not held: a query's results or a /store read can be the whole graph
            size = answer.getheader("Content-Length")
            self.send_response(answer.status, answer.reason)
            for key, value in answer.getheaders():
                if key.lower() not in HOP_BY_HOP:
                    self.send_header(key, value)
            if size is not None:
                self.send_header("Content-Length", size)
            elif self.command != "HEAD":
                self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            if self.command == "HEAD":
                return
            while chunk := answer.read1(65536):
                self.wfile.write(chunk if size is not None else b"%x\r\n%s\r\n" % (len(chunk), chunk))
            if size is None:
                self.wfile.write(b"0\r\n\r\n")
        finally:
            connection.close()

    def _dispatch(self) -> None:
        try:
            if self.command in ("GET", "HEAD") and self._local():
                return
            self._proxy()
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _dispatch


class Front:
    """The front server on the public address, in a background thread."""

    def __init__(self, host: str, port: int, resolver: Resolver):
        handler = type("BoundHandler", (Handler,), {"resolver": resolver})
        import socket

        server_class = type(
            "Server",
            (ThreadingHTTPServer,),
            {
                "daemon_threads": True,
                "allow_reuse_address": False,
                "address_family": socket.AF_INET6 if ":" in host else socket.AF_INET,
            },
        )
        self.httpd = server_class((host, port), handler)
        self.resolver = resolver
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="kg-serve-front", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        if self.thread.is_alive():  # shutdown() waits for a loop that was never started otherwise
            self.httpd.shutdown()
        self.httpd.server_close()


def open_front(listen, location: Path, site: Path | None, upstream):
    """Bind `listen` (a kg.server.Endpoint: a private loopback port behind kg.serve_guard) for the
    resolver, which answers /id/… and passes the rest to Oxigraph at `upstream`. A taken port is a
    ServerError."""
    from kg.query import server

    public = listen
    if site is not None and not (Path(site) / "index.html").is_file():
        raise server.ServerError(
            f"--site {site}: không phải một site do `kg export site` ghi / "
            "not a site written by `kg export site` (no index.html)",
            vi=f"--site {site}: không phải một site do `kg export site` ghi (không có index.html)",
        )
    try:
        front = Front(
            public.host, public.port, Resolver(ox.Store.read_only(str(location)), (upstream.host, upstream.port), site)
        )
    except OSError as exc:
        raise server.ServerError(
            f"{public.host}:{public.port} is already in use; choose another --bind"
            if exc.errno == 98
            else f"cannot listen on {public.host}:{public.port}: {exc.strerror}",
            vi=f"{public.host}:{public.port} đang được dùng; hãy chọn --bind khác"
            if exc.errno == 98
            else f"không lắng nghe được trên {public.host}:{public.port}: {os_reason_vi(exc)}",
        ) from None
    return front
