"""Remote SPARQL 1.1 endpoints: run a query (SPARQLWrapper) and load graphs (Graph Store Protocol).

Every failure becomes one of three exceptions with a one-line message, so the CLI can give each
its own exit code and never a traceback:

    EndpointUnreachable   nothing answers at that address (refused, unknown host, bad URL)
    EndpointFailed        something answered, with an HTTP error or with something that is not results
    EndpointTimeout       no complete answer within the time limit (ours, or the server's own)
"""

from __future__ import annotations

import ast
import base64
import socket
import urllib.error
import urllib.parse
import urllib.request
import warnings

from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper import SPARQLExceptions

from kg import __version__
from kg.query.endpoints import (  # re-exported: kg.query.remote is where callers look
    DEFAULT_TIMEOUT,
    Credentials,
    EndpointFailed,
    EndpointTimeout,
    EndpointUnreachable,
    RemoteError,
)
from kg.query.sparql_syntax import query_form, without_comments
from kg.query.results import QueryResult, ResultsError, from_sparql_json

import pyoxigraph as ox

USER_AGENT = f"kg/{__version__} (ketnghia knowledge graph)"

_HTTP_STATUS = {  # SPARQLWrapper turns these statuses into its own exception classes
    SPARQLExceptions.QueryBadFormed: 400,
    SPARQLExceptions.Unauthorized: 401,
    SPARQLExceptions.EndPointNotFound: 404,
    SPARQLExceptions.URITooLong: 414,
    SPARQLExceptions.EndPointInternalError: 500,
}
_TIMEOUT_WORDS = ("timeout", "timed out", "time out", "cancelled", "canceled")


def check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointUnreachable(f"{url!r} is not an http(s) URL", vi=f"{url!r} không phải URL http(s)")
    return url


def run_query(
    endpoint: str, query_text: str, timeout: float | None = DEFAULT_TIMEOUT, credentials: Credentials | None = None
) -> QueryResult:
    """POST the query (form-encoded, as the SPARQL 1.1 protocol allows) and read JSON results."""
    check_url(endpoint)
    form = query_form(query_text)
    if form == "UPDATE":
        raise EndpointFailed(
            "refused to send a SPARQL update: this only runs queries",
            vi="không gửi lệnh cập nhật SPARQL: lệnh này chỉ chạy truy vấn",
        )
    # comments carry no meaning for the endpoint, and SPARQLWrapper guesses the query form from
    # words anywhere in the text (a header saying "add" made it an update): send neither
    wrapper = _wrapper(endpoint, without_comments(query_text))
    if form:
        wrapper.queryType = form
    is_graph = form in ("CONSTRUCT", "DESCRIBE")
    wrapper.setReturnFormat(TURTLE if is_graph else JSON)
    if timeout:
        wrapper.setTimeout(max(1, round(timeout)))  # SPARQLWrapper wants whole seconds
    if credentials:  # SPARQLWrapper sends one scheme up front; "any" means basic there
        wrapper.setHTTPAuth("DIGEST" if credentials.scheme == "digest" else "BASIC")
        wrapper.setCredentials(credentials.user, credentials.password)
    with _translated_errors(endpoint, timeout):
        response = wrapper.query().response
        body = response.read()
    if is_graph:
        try:
            return QueryResult("graph", triples=[q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)])
        except SyntaxError as exc:
            detail = _one_line(str(exc))
            raise EndpointFailed(
                f"{endpoint} answered with something that is not Turtle: {detail}",
                vi=f"{endpoint} trả lời bằng nội dung không phải Turtle (trình đọc báo: «{detail}»)",
            ) from None
    try:
        return from_sparql_json(body)
    except ResultsError as exc:
        # Oxigraph cancels a query at its --timeout-s while already streaming a 200 answer: the body
        # then ends with the reason instead of the closing brackets
        tail = body[-200:].decode("utf-8", "replace")
        if any(word in tail.lower() for word in _TIMEOUT_WORDS):
            said = _one_line(tail[-80:])
            raise EndpointTimeout(
                f"{endpoint} gave up on the query (its own time limit): {said}",
                vi=f"{endpoint} bỏ dở truy vấn (hết thời gian cho phép của chính nó): «{said}»",
            ) from None
        raise EndpointFailed(
            f"{endpoint} answered with something else than SPARQL results: {exc}",
            vi=f"{endpoint} trả lời bằng nội dung không phải kết quả SPARQL: {exc.message('vi')}",
        ) from None


def _wrapper(endpoint: str, query_text: str) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(endpoint, agent=USER_AGENT)
    wrapper.setMethod(POST)
    wrapper.setRequestMethod(URLENCODED)
    with warnings.catch_warnings():  # it warns on text it cannot classify; the endpoint will say why
        warnings.simplefilter("ignore")
        wrapper.setQuery(query_text)
    return wrapper


def put_graph(
    url: str,
    graph_iri: str,
    body: bytes,
    content_type: str,
    method: str = "PUT",
    timeout: float | None = DEFAULT_TIMEOUT,
    credentials: Credentials | None = None,
) -> int:
    """One Graph Store Protocol request on `url?graph=IRI`; returns the HTTP status (2xx)."""
    check_url(url)
    separator = "&" if urllib.parse.urlsplit(url).query else "?"
    target = f"{url}{separator}{urllib.parse.urlencode({'graph': graph_iri})}"
    headers = {"Content-Type": content_type, "User-Agent": USER_AGENT}
    with _translated_errors(url, timeout):
        if credentials:
            headers["Authorization"] = _authorization(target, method, credentials, timeout)
        request = urllib.request.Request(target, data=body, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status


def _authorization(target: str, method: str, credentials: Credentials, timeout: float | None) -> str:
    """The Authorization header, worked out before the body is sent.

    urllib answers a 401 challenge by sending the request again, but a server that challenges
    closes the connection while a large body is still on its way (a broken pipe). So the
    challenge is fetched first with a bodiless GET, and the real request goes out authorised.
    """
    basic = "Basic " + base64.b64encode(f"{credentials.user}:{credentials.password}".encode()).decode()
    if credentials.scheme == "basic":
        return basic
    probe = urllib.request.Request(target, method="GET", headers={"User-Agent": USER_AGENT})
    challenge = ""
    try:
        with urllib.request.urlopen(probe, timeout=timeout) as answer:
            answer.read()
    except urllib.error.HTTPError as exc:
        if exc.code == 401:
            challenge = exc.headers.get("WWW-Authenticate", "")
        exc.read()
    scheme, _, params = challenge.partition(" ")
    if scheme.lower() != "digest":
        if credentials.scheme == "digest":
            raise EndpointFailed(
                f"{target} does not ask for digest authentication (use basic)",
                vi=f"{target} không yêu cầu xác thực digest (hãy dùng basic)",
            )
        return basic
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, target, credentials.user, credentials.password)
    handler = urllib.request.HTTPDigestAuthHandler(manager)
    fields = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(params)))
    authorization = handler.get_authorization(urllib.request.Request(target, method=method), fields)
    if not authorization:
        raise EndpointFailed(
            f"{target}: cannot answer its digest challenge ({_one_line(challenge)})",
            vi=f"{target}: không trả lời được yêu cầu xác thực digest của nó («{_one_line(challenge)}»)",
        )
    return "Digest " + authorization


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
            isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, (socket.timeout, TimeoutError))
        ):
            return EndpointTimeout(
                f"{url} did not answer within {self.timeout:g} s (use --timeout to wait longer)",
                vi=f"{url} không trả lời trong {self.timeout:g} giây (dùng --timeout để chờ lâu hơn)",
            )
        if isinstance(exc, (urllib.error.URLError, ConnectionError, socket.gaierror, ValueError)):
            reason = _one_line(str(exc.reason if isinstance(exc, urllib.error.URLError) else exc))
            return EndpointUnreachable(
                f"cannot reach {url}: {reason}", vi=f"không kết nối được {url} (hệ thống báo: «{reason}»)"
            )
        if isinstance(exc, OSError):  # e.g. http.client.RemoteDisconnected, IncompleteRead
            reason = _one_line(str(exc)) or type(exc).__name__
            return EndpointFailed(
                f"{url} broke off the answer: {reason}", vi=f"{url} ngắt giữa chừng câu trả lời («{reason}»)"
            )
        return None

    def _answered(self, status: int, body: bytes) -> RemoteError:
        text = _one_line(body.decode("utf-8", "replace")) or "(no message)"
        if any(word in text.lower() for word in _TIMEOUT_WORDS):
            return EndpointTimeout(
                f"{self.url} gave up on the query (its own time limit): HTTP {status}: {text}",
                vi=f"{self.url} bỏ dở truy vấn (hết thời gian cho phép của chính nó): HTTP {status}: «{text}»",
            )
        return EndpointFailed(
            f"{self.url} answered HTTP {status or 'error'}: {text}",
            vi=f"{self.url} trả lời HTTP {status or 'lỗi'}: «{text}»",
        )


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
