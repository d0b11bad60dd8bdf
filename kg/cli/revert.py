"""`kg revert ID`: remove a merged contribution atomically."""

from __future__ import annotations

from kg.cli import EXIT_OK, say


def register(subparsers) -> None:
    parser = subparsers.add_parser("revert", help="remove a merged contribution (atomically)")
    parser.add_argument("id", metavar="ID", help="the contribution id shown by `kg contributions`")
    parser.add_argument(
        "--cascade",
        action="store_true",
        help="also revert the later contributions that refer to what this one describes",
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    from kg.steward.contribute import revert

    record = revert(args.id, cascade=args.cascade)
    say(
        f"reverted contribution {record.id} by {record.contributor} ({record.triples} triples removed)",
        f"đã hoàn tác đóng góp {record.id} của {record.contributor} (gỡ {record.triples} bộ ba)",
    )
    for other in getattr(record, "cascaded", []):  # set by revert(cascade=True), not a field
        say(
            f"reverted contribution {other} too (it depended on {record.id})",
            f"cũng đã hoàn tác đóng góp {other} (nó dựa vào {record.id})",
        )
    return EXIT_OK
