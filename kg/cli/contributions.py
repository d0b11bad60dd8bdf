"""`kg contributions`: list the merged contributions."""

from __future__ import annotations

import json

from kg.cli import EXIT_OK


def register(subparsers) -> None:
    parser = subparsers.add_parser("contributions", help="list the merged contributions (id, contributor, time, file)")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from kg.steward.contribute import list_contributions, orphan_files

    records = list_contributions()
    if args.format == "json":
        print(json.dumps([vars(r) | {"graph": r.graph} for r in records], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not records:
        print("no contributions merged")
    for r in records:
        print(f"{r.id}  {r.merged_at}  {r.contributor}  {r.file_name}  {r.triples} triples  sha256:{r.sha256[:16]}…")
    for orphan in orphan_files():
        print(f"note: {orphan} is not part of the published graph (an interrupted merge or revert); it is ignored")
    return EXIT_OK
