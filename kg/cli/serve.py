"""`kg serve`: the built graph as a SPARQL 1.1 endpoint, with a query editor, via the Oxigraph server."""

from __future__ import annotations

import shutil
import signal
import sys

from kg.query import server
from kg.graph import store
from kg.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_UNAVAILABLE, UserError, say

# Three cartesian queries kept two cores busy for over a minute after their clients had left.
DEFAULT_TIMEOUT = 60


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the graph as a SPARQL 1.1 endpoint (read-only) with a query editor",
        description="Serve the built graph with the Oxigraph server (`oxigraph serve-read-only`): the "
        "query editor at http://HOST:PORT/, SPARQL queries at /query, the Graph Store Protocol at "
        "/store (reads). The default graph is the union of the named graphs, as for `kg query`. "
        "Read-only unless --writable: updates are refused with 403. Stop with Ctrl-C. After `kg build`, "
        "restart the server to serve the new graph.",
    )
    parser.add_argument(
        "--bind",
        default="127.0.0.1:7878",
        metavar="HOST:PORT",
        help="address to listen on (default 127.0.0.1:7878; 0.0.0.0:7878 for other machines)",
    )
    parser.add_argument(
        "--timeout",
        type=int,
        metavar="SECONDS",
        default=DEFAULT_TIMEOUT,
        help=f"cancel queries that run longer (oxigraph --timeout-s; whole seconds; default {DEFAULT_TIMEOUT})",
    )
    parser.add_argument(
        "--site",
        metavar="DIR",
        help="also serve this site (from `kg export site -o DIR`): index "
        "pages, search, dumps; /id/… pages are rendered from the graph either way (not with --writable)",
    )
    parser.add_argument(
        "--allow-service",
        action="store_true",
        help="let queries use SERVICE (the server then sends requests wherever a query says)",
    )
    parser.add_argument(
        "--writable",
        action="store_true",
        help="accept SPARQL updates and Graph Store writes, on a private copy of the graph",
    )
    parser.add_argument("--keep", action="store_true", help="with --writable: keep the copy when the server stops")
    parser.set_defaults(handler=run)


def run(args) -> int:
    endpoint = server.parse_bind(args.bind)
    if args.timeout is not None and args.timeout < 1:
        raise UserError("--timeout must be at least 1 second", vi="--timeout phải ít nhất là 1 giây")
    from kg.query import serve_guard

    # the last two listen on private loopback ports only
    inner = server.Endpoint("127.0.0.1", server.free_port())
    behind_guard = inner if args.writable else server.Endpoint("127.0.0.1", server.free_port())
    try:
        public = serve_guard.beyond_loopback(endpoint.host, endpoint.port)
        front = serve_guard.start(
            endpoint.host, endpoint.port, (behind_guard.host, behind_guard.port), args.allow_service, args.timeout
        )
    except serve_guard.PortInUse as exc:
        raise UserError(str(exc), EXIT_UNAVAILABLE, vi=exc.message("vi")) from None
    except serve_guard.BindError as exc:
        raise UserError(str(exc), EXIT_BAD_INPUT, vi=exc.message("vi")) from None
    if public:
        print(
            f"kg serve: warning: {args.bind} accepts connections from other machines: anyone who reaches it "
            "can query the whole graph. For public use, keep kg serve on 127.0.0.1 behind a reverse proxy "
            "(docs/analyst-guide.md)",
            file=sys.stderr,
        )
    # The handler is installed before the server starts and only records and signals: a SIGTERM
    # that came while Oxigraph started used to kill this process alone (default action), leaving
    # the server running with nobody to stop it; an exception raised from the handler could land
    # inside Popen, after the fork, with the same result. Waiting stays out of the handler too.
    stopping: dict = {"requested": False, "process": None}

    def on_sigterm(*_):
        stopping["requested"] = True
        if stopping["process"] is not None:
            stopping["process"].terminate()

    signal.signal(signal.SIGTERM, on_sigterm)
    location = server.writable_copy() if args.writable else _published_location()
    process = resolver = None
    try:
        if not args.writable:
            from kg.site.resolver import open_front

            resolver = open_front(behind_guard, location, args.site, upstream=inner)
        process = server.start(
            location, inner, writable=args.writable, timeout=args.timeout, cancelled=lambda: stopping["requested"]
        )
        stopping["process"] = process
        if resolver is not None:
            resolver.start()
        if stopping["requested"]:
            process.terminate()
        else:
            _announce(endpoint, location, args)
        code = process.wait()
    except server.StartCancelled:
        code = 0
    except KeyboardInterrupt:  # a terminal's Ctrl-C reaches both processes
        code = 0
    finally:
        if resolver is not None:
            resolver.stop()
        if process is not None:
            server.stop(process)
        front.shutdown()
        front.server_close()
        _discard(location, args)
    say("kg serve: stopped", "kg serve: đã dừng", file=sys.stderr)
    return EXIT_OK if code in (0, -signal.SIGTERM, -signal.SIGINT) else EXIT_UNAVAILABLE


def _published_location():
    current = store.published()
    if current is None:
        raise store.StoreMissing(
            "no built graph; run `kg build` first", vi="chưa có đồ thị đã xây dựng; hãy chạy `kg build` trước"
        )
    return current.path


def _announce(endpoint: server.Endpoint, location, args) -> None:
    say(f"query editor:    {endpoint.base}/", f"trình soạn truy vấn: {endpoint.base}/")
    say(
        f"SPARQL endpoint: {endpoint.query_url}   (e.g. kg query NAME --endpoint {endpoint.query_url})",
        f"endpoint SPARQL:    {endpoint.query_url}   (vd. kg query TÊN --endpoint {endpoint.query_url})",
    )
    say(f"graph store:     {endpoint.store_url}", f"kho đồ thị:         {endpoint.store_url}")
    if not args.writable:
        say(
            f"identifiers:     {endpoint.base}/id/…   (HTML page or RDF description, by Accept)",
            f"định danh:          {endpoint.base}/id/…   (trang HTML hay mô tả RDF, theo Accept)",
        )
    limit = f", queries cancelled after {args.timeout} s" if args.timeout else ""
    limit_vi = f", truy vấn bị hủy sau {args.timeout} s" if args.timeout else ""
    say(f"serving {location}{limit}", f"đang phục vụ {location}{limit_vi}")
    if args.writable:
        print(
            "\n*** WRITABLE: SPARQL updates (/update) and Graph Store writes (/store) are ACCEPTED. ***\n"
            f"*** They change a private copy ({location}), never the published graph; ***\n"
            f"*** the copy is {'kept' if args.keep else 'deleted'} when the server stops. ***",
            file=sys.stderr,
        )
    else:
        say("read-only: updates are refused (403)", "chỉ đọc: mọi lệnh cập nhật bị từ chối (403)")
    sys.stdout.flush()


def _discard(location, args) -> None:
    if args.writable and not args.keep:
        shutil.rmtree(location, ignore_errors=True)
