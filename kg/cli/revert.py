"""`kg revert ID`: remove a merged contribution atomically."""

from __future__ import annotations

from kg.cli import EXIT_OK


def register(subparsers) -> None:
    parser = subparsers.add_parser("revert", help="remove a merged contribution (atomically)")
    parser.add_argument("id", metavar="ID", help="the contribution id shown by `kg contributions`")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from kg.steward.contribute import revert

    record = revert(args.id)
    print(f"reverted contribution {record.id} by {record.contributor} ({record.triples} triples removed)")
    return EXIT_OK
