"""The front of `kg serve`: a small HTTP proxy before the Oxigraph server, which listens on loopback.

Oxigraph's server evaluates SERVICE itself, so the read-only endpoint could be made to send
requests to any address it can reach (its own loopback included) and return the answers. The
proxy reads each query or update (GET ?query= / ?update=, a form POST, or a sparql-query/update
body) and refuses SERVICE with 403 unless `kg serve --allow-service`; everything else is passed
on unchanged. It answers `/` itself with the query editor (kg.query.editor). It also resolves
the --bind host (IPv6 `[::1]:port`, unknown names: a one-line error) and says when the address
reaches beyond this machine.
"""

from __future__ import annotations

from kg.errors import KgError, os_reason_vi

import errno
import http.client
import ipaddress
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kg.query.query_guard import MESSAGE, uses_service

MAX_BODY = 10_000_000  # bytes of a request body (a query or an update)
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


class BindError(KgError):
    """The --bind address cannot be used; the message is one line."""


class PortInUse(BindError):
    exit_code = 3  # kg.errors.EXIT_UNAVAILABLE: another server has the port
    """Another process listens there (kg serve: exit 3, as before the proxy)."""


def resolve(host: str, port: int) -> tuple[int, tuple]:
    """(address family, socket address) for host:port, or BindError for an unknown host."""
    try:
        family, _type, _proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise BindError(
            f"unknown host {host!r} in --bind ({exc.strerror if hasattr(exc, 'strerror') else exc}); "
            "use an address such as 127.0.0.1, [::1] or 0.0.0.0",
            vi=f"máy chủ không rõ {host!r} trong --bind (hệ thống báo: «{getattr(exc, 'strerror', None) or exc}»); "
            "hãy dùng địa chỉ như 127.0.0.1, [::1] hoặc 0.0.0.0",
        ) from None
    return family, address


def beyond_loopback(host: str, port: int) -> bool:
    """Whether listening on `host` accepts connections from other machines."""
    if host in ("", "0.0.0.0", "::"):
        return True
    _family, address = resolve(host, port)
    try:
        return not ipaddress.ip_address(address[0].split("%")[0]).is_loopback
    except ValueError:
        return True


def query_text(method: str, path: str, headers, body: bytes) -> str | None:
    """The SPARQL query or update a request carries, if any."""
    parsed = urllib.parse.urlsplit(path)
    texts = []
    for key, values in urllib.parse.parse_qs(parsed.query, keep_blank_values=True).items():
        if key in ("query", "update"):
            texts += values
    if method == "POST" and body:
        kind = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            texts += form.get("query", []) + form.get("update", [])
        elif kind in ("application/sparql-query", "application/sparql-update"):
            texts.append(body.decode("utf-8", "replace"))
        elif parsed.path.rstrip("/").endswith(("/query", "/update")):
            texts.append(body.decode("utf-8", "replace"))  # an unusual type: still checked
    return "\n".join(texts) if texts else None


def make_handler(upstream: tuple[str, int], allow_service: bool, timeout: float | None):
    from kg.query import editor

    own = editor.files()  # the query editor's page and files (kg.query.editor), read once

    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-serve"

        def log_message(self, *_):  # Oxigraph's own log says what was asked
            pass

        def _body(self) -> bytes | None:
            length = self.headers.get("Content-Length")
            if length is None:
                if self.headers.get("Transfer-Encoding"):
                    self.send_error(411, "Content-Length required")
                    return None
                return b""
            if not length.isdigit() or int(length) > MAX_BODY:
                self.send_error(413, f"request body larger than {MAX_BODY} bytes")
                return None
            return self.rfile.read(int(length))

        def _editor(self) -> bool:
            """Answer for the query editor's files; False for everything else."""
            found = own.get(urllib.parse.urlsplit(self.path).path)
            if found is None or self.command not in ("GET", "HEAD"):
                return False
            media, payload = found
            self.send_response(200)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(payload)))
            if media.startswith("text/html"):
                self.send_header("Content-Security-Policy", editor.POLICY)
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(payload)
            return True

        def _forward(self) -> None:
            if self._editor():
                return
            body = self._body()
            if body is None:
                return
            text = query_text(self.command, self.path, self.headers, body)
            if text is not None and not allow_service and uses_service(text):
                payload = (MESSAGE + "\n").encode("utf-8")
                self.send_response(403)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
            connection = http.client.HTTPConnection(*upstream, timeout=(timeout or 600) + 30)
            try:
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                connection.request(self.command, self.path, body=body or None, headers=headers)
                answer = connection.getresponse()
                self.send_response(answer.status, answer.reason)
                for key, value in answer.getheaders():
                    if key.lower() not in HOP_BY_HOP:
                        self.send_header(key, value)
                self.send_header("Connection", "close")
                self.end_headers()
                while chunk := answer.read(65536):
                    self.wfile.write(chunk)
            except OSError:
                self.close_connection = True
            finally:
                connection.close()

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = _forward

    return Handler


def start(
    host: str, port: int, upstream: tuple[str, int], allow_service: bool = False, timeout: float | None = None
) -> ThreadingHTTPServer:
    """Listen on host:port in a background thread; stop with .shutdown()."""
    family, _address = resolve(host, port)

    class Server(ThreadingHTTPServer):
        address_family = family
        daemon_threads = True

    try:
        front = Server((host, port), make_handler(upstream, allow_service, timeout))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(
                f"{host}:{port} is already in use; choose another --bind",
                vi=f"{host}:{port} đang được dùng; hãy chọn --bind khác",
            ) from None
        raise BindError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}",
            vi=f"không lắng nghe được trên {host}:{port}: {os_reason_vi(exc)}",
        ) from None
    threading.Thread(target=front.serve_forever, name="kg-serve-front", daemon=True).start()
    return front
