"""Scale generator: the real national gazetteer + synthetic curated-style sources, to a target size.

    python bench/generate.py --triples 1000000 -o bench/out/scale-1m/
    python bench/generate.py --synthetic-triples 20000 --provinces 49,38,48 -o /tmp/small/
    python bench/generate.py --triples 100000 --inject 10 -o bench/out/scale-100k-errors/

What it writes in the output folder:
- sources/{source id}.trig  one TriG file per synthetic source article, one named graph
                            kg:source/{id} each, laid out like data/sources (so `kg build --sources
                            OUT/sources` builds it); about --facts-per-source fact nodes per source;
- all.nq                    the whole dataset as one N-Quads file: gazetteer + ontology + every
                            source graph (what the rdflib alternative loads);
- manifest.json             seed, sizes, counts per class, per-file triples, injected errors;
- injected.json             only with --inject: each injected error, its kind and focus node.

The synthetic facts sit on REAL units of vietnamadminunits (kg.graph.gazetteer), chosen with a seeded
RNG by level and era, with a skewed popularity so that some units (those of the curated articles
and of the saved queries' default parameters) are "hot" as real ones are. Validity is respected:
facts dated before 1 July 2025 name pre2025 units, later facts name 2025 units; the parties of a
twinning are distinct; amounts are positive and carry a currency; end dates follow start dates;
dates come in mixed precision (xsd:date, gYearMonth, gYear, gMonthDay with a note) or as
kn:RelativeTime nodes. IRIs follow docs/iri-scheme.md. Same seed and options, same bytes.

--inject N adds N errors of known kinds (round-robin over ERROR_KINDS, or `--inject kind=n,...`),
each a small extra fact in a synthetic source, listed in injected.json with the node it is about.

This file is the command line; the generator is the package bench/scale/, one module per part
(listed in bench/scale/__init__.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from bench.scale import ERROR_KINDS, generate, parse_inject  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--triples", type=int, help="size of the whole dataset (gazetteer + ontology + synthetic)")
    size.add_argument("--synthetic-triples", type=int, help="size of the synthetic part only")
    parser.add_argument("-o", "--output", required=True, type=Path, help="output folder")
    parser.add_argument("--seed", type=int, default=20261101)
    parser.add_argument(
        "--facts-per-source", type=int, default=200, help="fact nodes per synthetic source (default 200)"
    )
    parser.add_argument("--provinces", help="only units of these province codes (both eras), e.g. 49,38,48")
    parser.add_argument(
        "--inject",
        metavar="N|KIND=N,...",
        help=f"inject errors: N round-robin over {', '.join(ERROR_KINDS)}, or kind=count,...",
    )
    parser.add_argument("--no-nquads", action="store_true", help="do not write all.nq")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    provinces = set(args.provinces.split(",")) if args.provinces else None
    manifest = generate(
        args.output,
        triples=args.triples,
        synthetic_triples=args.synthetic_triples,
        seed=args.seed,
        facts_per_source=args.facts_per_source,
        provinces=provinces,
        inject=parse_inject(args.inject),
        nquads=not args.no_nquads,
        quiet=args.quiet,
    )
    print(
        f"{args.output}: {manifest['total_triples']:,} triples ({manifest['synthetic_triples']:,} synthetic "
        f"in {manifest['sources']:,} sources, {manifest['twinnings']:,} twinnings), "
        f"{manifest['injected']} injected errors, {manifest['seconds']} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
