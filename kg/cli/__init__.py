"""The `kg` command: one entry point, one module per subcommand.

Each module in COMMANDS defines `register(subparsers)`, which adds its parser and sets
`handler=` to a function taking the parsed arguments and returning an exit code. Handlers are
thin: they parse, call library functions in `kg.*`, and print.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from kg import __version__
from kg.locks import LockUnavailable
from kg.safe_output import OutputError

COMMANDS = [
    "build",
    "dump",
    "query",
    "serve",
    "push",
    "search",
    "validate",
    "template",
    "contribute",
    "contributions",
    "revert",
    "export",
    "extract",
    "review",
    "docs",
]

EXIT_OK = 0
EXIT_FAILED = 1      # the command ran and found a problem (invalid graph, violations)
EXIT_BAD_INPUT = 2   # unreadable input, unknown name, bad parameter
EXIT_UNAVAILABLE = 3 # a store or endpoint that cannot be reached


class UserError(Exception):
    """An error the user can fix; printed as one line, never as a traceback."""

    def __init__(self, message: str, exit_code: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.exit_code = exit_code


class OneLineParser(argparse.ArgumentParser):
    """A bad option or value is one line (usage is one --help away), like every other error."""

    def error(self, message: str):
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or with `only` that one: each subcommand module imports
    what its handler needs, and `kg search` should not pay for rdflib (~60 ms) or the catalogue."""
    parser = OneLineParser(
        prog="kg",
        description="Kết nghĩa knowledge graph: build, query, validate and export the twinning graph.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in ([only] if only in COMMANDS else COMMANDS):
        try:
            module = importlib.import_module(f"kg.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"kg.cli.{name}":
                continue  # a subcommand not written yet
            raise
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(command)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return int(args.handler(args) or 0)
    except UserError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except LockUnavailable as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except OutputError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
