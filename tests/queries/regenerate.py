"""Write the expected answer files of the saved queries from the built graph.

    kg build && python tests/queries/regenerate.py                  # every case
    python tests/queries/regenerate.py units-without-twinning       # the cases of one query

An expected file is a claim about the articles, not a snapshot: after running this, read every
changed file (`git diff tests/queries/expected`) against /work/shared/seeds/ before committing.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/support

from expected_results import cases, write

from kg import api
from kg.query import catalog


def main(names: list[str]) -> int:
    chosen = [c for c in cases() if not names or c.name in names]
    if names and not chosen:
        print(f"no saved query named {', '.join(names)}", file=sys.stderr)
        return 2
    for case in chosen:
        query = catalog.get_query(case.name)
        before = case.path.read_text("utf-8") if case.path.exists() else None
        after = write(case, api.execute(query, case.values), query.text)
        state = "new" if before is None else "unchanged" if before == after else "CHANGED"
        print(f"{state:9}  {case.path.name}  ({after.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
