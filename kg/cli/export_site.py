"""`kg export site -o DIR [--all-units]`: the handler kg/cli/export.py hands over to (not a command of its own)."""

from __future__ import annotations

import sys

from kg.cli import EXIT_OK, EXIT_UNAVAILABLE, UserError
from kg.errors import cannot_write_vi


def run_site(args) -> int:
    from kg.site.build import export_site
    from kg.site.output import OutputError
    from kg.graph.store import StoreMissing, open_store

    unsupported = [
        flag
        for flag, value in (
            ("--province", args.province),
            ("--from", args.start),
            ("--to", args.end),
            ("--with-context", args.with_context),
            ("--title", args.title),
        )
        if value
    ]
    if unsupported:
        raise UserError(
            f"{', '.join(unsupported)}: không dùng được với 'site' / not supported by the 'site' format",
            vi=f"{', '.join(unsupported)}: không dùng được với định dạng 'site'",
        )
    try:
        store = open_store()
    except StoreMissing as exc:
        raise UserError(str(exc), EXIT_UNAVAILABLE, vi=exc.message("vi")) from None
    try:
        result = export_site(store, args.output, all_units=args.all_units)
    except OutputError as exc:
        raise UserError(str(exc), vi=exc.message("vi")) from None
    except OSError as exc:
        raise UserError(
            f"{args.output}: không ghi được / cannot write: {exc.strerror or exc}", vi=cannot_write_vi(args.output, exc)
        ) from None
    size, page = result["largest_page"]
    print(
        f"wrote {args.output}: {result['pages']} pages ({', '.join(f'{n} {k}' for k, n in sorted(result['entities'].items()))}), "
        f"{result['files']} files, {result['bytes'] / 1e6:.1f} MB; largest page {size / 1e3:.1f} KB ({page}); "
        f"seconds {result['seconds']}",
        file=sys.stderr,
    )
    return EXIT_OK
