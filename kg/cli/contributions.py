"""`kg contributions`: list the merged contributions."""

from __future__ import annotations

import json

from kg import config
from kg.cli import EXIT_OK, say


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
        say("no contributions merged", "chưa có đóng góp nào được hợp nhất")
    for r in records:
        triples = f"{r.triples} bộ ba" if config.language() == "vi" else f"{r.triples} triples"
        print(f"{r.id}  {r.merged_at}  {r.contributor}  {r.file_name}  {triples}  sha256:{r.sha256[:16]}…")
    for orphan in orphan_files():
        say(
            f"note: {orphan} is not part of the published graph (an interrupted merge or revert); it is ignored",
            f"lưu ý: {orphan} không thuộc đồ thị đã công bố (một lần hợp nhất hay hoàn tác bị ngắt); bỏ qua",
        )
    return EXIT_OK
