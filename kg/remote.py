"""Remote SPARQL 1.1 endpoints: run a query (SPARQLWrapper) and load graphs (Graph Store Protocol).

Every failure becomes one of three exceptions with a one-line message, so the CLI can give each
its own exit code and never a traceback:

    EndpointUnreachable   nothing answers at that address (refused, unknown host, bad URL)
    EndpointFailed        something answered, with an HTTP error or with something that is not results
    EndpointTimeout       no complete answer within the time limit (ours, or the server's own)
"""

from __future__ import annotations

import ast
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper import SPARQLExceptions

from kg import __version__
from kg.results import QueryResult, ResultsError, from_sparql_json

import pyoxigraph as ox

DEFAULT_TIMEOUT = 60.0
USER_AGENT = f"kg/{__version__} (ketnghia knowledge graph)"

_HTTP_STATUS = {  # SPARQLWrapper turns these statuses into its own exception classes
    SPARQLExceptions.QueryBadFormed: 400, SPARQLExceptions.Unauthorized: 401,
    SPARQLExceptions.EndPointNotFound: 404, SPARQLExceptions.URITooLong: 414,
    SPARQLExceptions.EndPointInternalError: 500,
}
_TIMEOUT_WORDS = ("timeout", "timed out", "time out")


class RemoteError(Exception):
    """Base of the endpoint errors; the message is one line."""


class EndpointUnreachable(RemoteError):
    pass


class EndpointFailed(RemoteError):
    pass


class EndpointTimeout(RemoteError):
    pass


@dataclass
class Credentials:
    user: str
    password: str
    scheme: str = "digest"   # Virtuoso's /sparql-graph-crud-auth wants digest; others basic

    def __post_init__(self):
        if self.scheme not in ("digest", "basic"):
            raise ValueError(f"unknown authentication scheme {self.scheme!r} (digest or basic)")


def check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointUnreachable(f"{url!r} is not an http(s) URL")
    return url


def run_query(endpoint: str, query_text: str, timeout: float | None = DEFAULT_TIMEOUT,
              credentials: Credentials | None = None) -> QueryResult:
    """POST the query (form-encoded, as the SPARQL 1.1 protocol allows) and read JSON results."""
    check_url(endpoint)
    wrapper = SPARQLWrapper(endpoint, agent=USER_AGENT)
    wrapper.setMethod(POST)
    wrapper.setRequestMethod(URLENCODED)
    wrapper.setQuery(query_text)
    if wrapper.isSparqlUpdateRequest():
        raise EndpointFailed("this is a SPARQL update, not a query; kg query only reads")
    is_graph = wrapper.queryType in ("CONSTRUCT", "DESCRIBE")
    wrapper.setReturnFormat(TURTLE if is_graph else JSON)
    if timeout:
        wrapper.setTimeout(max(1, round(timeout)))  # SPARQLWrapper wants whole seconds
    if credentials:
        wrapper.setHTTPAuth(credentials.scheme.upper())
        wrapper.setCredentials(credentials.user, credentials.password)
    with _translated_errors(endpoint, timeout):
        response = wrapper.query().response
        body = response.read()
    if is_graph:
        try:
            return QueryResult("graph", triples=[q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)])
        except SyntaxError as exc:
            raise EndpointFailed(f"{endpoint} answered with something that is not Turtle: {_one_line(str(exc))}") from None
    try:
        return from_sparql_json(body)
    except ResultsError as exc:
        raise EndpointFailed(f"{endpoint} answered with something else than SPARQL results: {exc}") from None


def put_graph(url: str, graph_iri: str, body: bytes, content_type: str, method: str = "PUT",
              timeout: float | None = DEFAULT_TIMEOUT, credentials: Credentials | None = None) -> int:
    """One Graph Store Protocol request on `url?graph=IRI`; returns the HTTP status (2xx)."""
    check_url(url)
    separator = "&" if urllib.parse.urlsplit(url).query else "?"
    target = f"{url}{separator}{urllib.parse.urlencode({'graph': graph_iri})}"
    request = urllib.request.Request(target, data=body, method=method,
                                     headers={"Content-Type": content_type, "User-Agent": USER_AGENT})
    opener = urllib.request.build_opener(*_auth_handlers(url, credentials))
    with _translated_errors(url, timeout):
        with opener.open(request, timeout=timeout) as response:
            response.read()
            return response.status


def _auth_handlers(url: str, credentials: Credentials | None) -> list:
    if credentials is None:
        return []
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, url, credentials.user, credentials.password)
    handler = urllib.request.HTTPDigestAuthHandler if credentials.scheme == "digest" else urllib.request.HTTPBasicAuthHandler
    return [handler(manager)]


class _translated_errors:
    """Context manager: urllib / SPARQLWrapper / socket errors → the three RemoteError kinds."""

    def __init__(self, url: str, timeout: float | None):
        self.url, self.timeout = url, timeout

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, _tb):
        if exc is None or isinstance(exc, RemoteError):
            return False
        error = self._translate(exc)
        if error is None:
            return False
        raise error from None

    def _translate(self, exc: BaseException) -> RemoteError | None:
        url = self.url
        if isinstance(exc, SPARQLExceptions.SPARQLWrapperException):
            return self._answered(_HTTP_STATUS.get(type(exc), 0), _wrapper_response(exc))
        if isinstance(exc, urllib.error.HTTPError):
            try:
                body = exc.read()
            except OSError:
                body = b""
            return self._answered(exc.code, body)
        if isinstance(exc, (socket.timeout, TimeoutError)) or (
                isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, (socket.timeout, TimeoutError))):
            return EndpointTimeout(f"{url} did not answer within {self.timeout:g} s (use --timeout to wait longer)")
        if isinstance(exc, urllib.error.URLError):
            return EndpointUnreachable(f"cannot reach {url}: {_one_line(str(exc.reason))}")
        if isinstance(exc, (ConnectionError, socket.gaierror, ValueError)):
            return EndpointUnreachable(f"cannot reach {url}: {_one_line(str(exc))}")
        if isinstance(exc, OSError):  # e.g. http.client.RemoteDisconnected, IncompleteRead
            return EndpointFailed(f"{url} broke off the answer: {_one_line(str(exc)) or type(exc).__name__}")
        return None

    def _answered(self, status: int, body: bytes) -> RemoteError:
        text = _one_line(body.decode("utf-8", "replace")) or "(no message)"
        if any(word in text.lower() for word in _TIMEOUT_WORDS):
            return EndpointTimeout(f"{self.url} gave up on the query (its own time limit): HTTP {status}: {text}")
        return EndpointFailed(f"{self.url} answered HTTP {status or 'error'}: {text}")


def _wrapper_response(exc: Exception) -> bytes:
    """SPARQLWrapper keeps the server's answer only inside its message, as a bytes repr."""
    message = str(exc)
    marker = "Response:\n"
    if marker not in message:
        return b""
    try:
        value = ast.literal_eval(message.split(marker, 1)[1])
    except (ValueError, SyntaxError):
        return message.split(marker, 1)[1].encode()
    return value if isinstance(value, bytes) else str(value).encode()


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
