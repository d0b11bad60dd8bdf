"""`kg push`: load the built graph, named graphs kept, into another store (SPARQL 1.1 Graph Store Protocol)."""

from __future__ import annotations

import os
import sys

from kg.cli import EXIT_FAILED, EXIT_OK, UserError, say
from kg.query import push, remote


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "push",
        help="load the built graph, named graphs kept, into another SPARQL store",
        description="Send every named graph of the built graph to another store with the SPARQL 1.1 Graph "
        "Store HTTP Protocol (PUT, then POST for the rest of a large graph, ?graph=IRI), then count each "
        "graph's triples there through the query endpoint. The same saved queries then run there with "
        "`kg query NAME --endpoint URL`. The Graph Store address is worked out for Oxigraph (/query → /store) "
        "and Virtuoso (/sparql → /sparql-graph-crud[-auth]); give --gsp for other stores. Exit codes: 0 ok, "
        "1 counts differ after loading, 2 bad input, 3 unreachable, 4 the store answered an error, 5 time limit.",
    )
    parser.add_argument("--endpoint", required=True, metavar="URL", help="the store's SPARQL query endpoint")
    parser.add_argument("--gsp", metavar="URL", help="its Graph Store Protocol endpoint, if it cannot be worked out")
    parser.add_argument("--user", help="user name, for stores that need authentication (e.g. Virtuoso: dba)")
    parser.add_argument("--password", help="password for --user (default: $KG_ENDPOINT_PASSWORD)")
    parser.add_argument("--graph", action="append", metavar="IRI", help="push only this named graph (repeatable)")
    parser.add_argument(
        "--format",
        choices=sorted(push.CONTENT_TYPES),
        default="ntriples",
        help="what to send: ntriples (default) or turtle",
    )
    parser.add_argument(
        "--chunk",
        type=int,
        default=push.DEFAULT_CHUNK,
        metavar="N",
        help=f"at most N triples per request (default {push.DEFAULT_CHUNK:,})",
    )
    parser.add_argument(
        "--timeout", type=float, default=300.0, metavar="SECONDS", help="time limit per request (default 300)"
    )
    parser.add_argument("--no-verify", action="store_true", help="do not count the triples afterwards")
    parser.set_defaults(handler=run)


def run(args) -> int:
    if args.chunk < 1:
        raise UserError("--chunk must be at least 1", vi="--chunk phải ít nhất là 1")
    credentials = None
    if args.user:
        password = args.password if args.password is not None else os.environ.get("KG_ENDPOINT_PASSWORD", "")
        # both schemes are offered; the store's challenge picks one (Virtuoso's -auth wants digest)
        credentials = remote.Credentials(args.user, password, "any")
    gsp = args.gsp or push.graph_store_url(args.endpoint, authenticated=credentials is not None)
    remote.check_url(gsp)
    remote.check_url(args.endpoint)
    say(f"pushing to {gsp}", f"đang đẩy lên {gsp}", file=sys.stderr)
    results = push.push(
        gsp,
        args.endpoint,
        graphs=args.graph,
        fmt=args.format,
        chunk=args.chunk,
        timeout=args.timeout,
        credentials=credentials,
        verify=not args.no_verify,
        progress=_said_pushed,
    )
    total = sum(r.triples for r in results)
    wrong = [r for r in results if not args.no_verify and not r.verified]
    for r in wrong:
        say(
            f"kg push: <{r.graph}> has {r.remote_count:,} triples there, {r.triples:,} sent",
            f"kg push: <{r.graph}> ở đó có {r.remote_count:,} bộ ba, đã gửi {r.triples:,}",
            file=sys.stderr,
        )
    say(
        f"pushed {len(results)} named graphs, {total:,} triples, to {gsp}",
        f"đã đẩy {len(results)} đồ thị có tên, {total:,} bộ ba, lên {gsp}",
    )
    return EXIT_FAILED if wrong else EXIT_OK


def _said_pushed(result: push.GraphPushed) -> None:
    there = "" if result.remote_count is None else f", {result.remote_count:,} there"
    there_vi = "" if result.remote_count is None else f", ở đó có {result.remote_count:,}"
    say(
        f"  {result.graph}: {result.triples:,} triples in {result.requests} request(s){there}",
        f"  {result.graph}: {result.triples:,} bộ ba trong {result.requests} yêu cầu{there_vi}",
        file=sys.stderr,
        flush=True,
    )
