"""`kg dump`: write the whole graph, named graphs included."""

from __future__ import annotations

import sys

import pyoxigraph as ox

from kg.cli import EXIT_OK

FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


def register(subparsers) -> None:
    parser = subparsers.add_parser("dump", help="write the whole graph (named graphs kept) to standard output")
    parser.add_argument("--format", choices=sorted(FORMATS), default="nquads")
    parser.add_argument("-o", "--output", help="write to this file instead of standard output")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from kg.graph.store import open_store

    oxstore = open_store()
    fmt = FORMATS[args.format]
    if args.output:
        from kg.safe_output import open_output

        with open_output(args.output, binary=True) as out:
            oxstore.dump(out, format=fmt)
    else:
        oxstore.dump(sys.stdout.buffer, format=fmt)
        sys.stdout.buffer.flush()
    return EXIT_OK
