"""`kg revert ID`: remove a merged contribution atomically."""

from __future__ import annotations

from kg.cli import EXIT_OK, EXIT_UNAVAILABLE, UserError


def register(subparsers) -> None:
    parser = subparsers.add_parser("revert", help="remove a merged contribution (atomically)")
    parser.add_argument("id", metavar="ID", help="the contribution id shown by `kg contributions`")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from kg.steward.contribute import ContributionError, revert
    from kg.graph.store import StoreMissing

    try:
        record = revert(args.id)
    except StoreMissing as exc:
        raise UserError(str(exc), EXIT_UNAVAILABLE) from None
    except ContributionError as exc:
        raise UserError(str(exc), 2) from None
    print(f"reverted contribution {record.id} by {record.contributor} ({record.triples} triples removed)")
    return EXIT_OK
