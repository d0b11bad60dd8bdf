"""The `kg` command: one entry point, one module per subcommand.

Each module in COMMANDS defines `register(subparsers)`, which adds its parser and sets
`handler=` to a function taking the parsed arguments and returning an exit code. Handlers are
thin: they parse, call library functions in `kg.*`, and print. Errors are kg.errors.KgError,
reported here once: one line, no traceback, the error's exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from kg import __version__, config
from kg.errors import (  # noqa: F401  (re-exported: the handlers' exit codes)
    EXIT_BAD_INPUT,
    EXIT_ENDPOINT_ERROR,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TIMEOUT,
    EXIT_UNAVAILABLE,
    KgError,
    exit_code_help,
)

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

# A handler's own argument checks raise it: UserError(message, exit_code=EXIT_BAD_INPUT).
UserError = KgError


def say(english: str, vietnamese: str, *, file=None, flush: bool = False) -> None:
    """Print a handler's status line in the language of messages (--lang, else the locale)."""
    print(vietnamese if config.language() == "vi" else english, file=file, flush=flush)


ERROR_WORD = {"vi": "lỗi", "en": "error"}


class OneLineParser(argparse.ArgumentParser):
    """A bad option or value is one line (usage is one --help away), like every other error;
    in Vietnamese when that is the language (argparse's formats translated by kg.cli.argparse_vi)."""

    def error(self, message: str):
        if config.language() == "vi":
            from kg.cli.argparse_vi import translate

            self.exit(
                EXIT_BAD_INPUT, f"{self.prog}: {ERROR_WORD['vi']}: {translate(message)} (xem {self.prog} --help)\n"
            )
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _lang_option(argv: list[str]) -> str | None:
    """`--lang X` wherever it is (before or after the subcommand), the last one winning, so that
    errors raised while parsing are already in that language."""
    chosen = None
    if "extract" in argv:  # there --lang is the article's language; the interface's comes before it
        argv = argv[: argv.index("extract")]
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
    return chosen if chosen in config.LANGUAGES else None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or with `only` that one: each subcommand module imports
    what its handler needs, and `kg search` should not pay for rdflib (~60 ms) or the catalogue."""
    parser = OneLineParser(
        prog="kg",
        description="Kết nghĩa knowledge graph: build, query, validate and export the twinning graph.",
        epilog=exit_code_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    parser.add_argument(
        "--lang",
        choices=config.LANGUAGES,
        help="language of messages, labels and reports (default: from LC_ALL/LC_MESSAGES/LANG, vi… → vi, else en)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [only] if only in COMMANDS else COMMANDS:
        importlib.import_module(f"kg.cli.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    config.set_language(_lang_option(argv))
    command = next((a for i, a in enumerate(argv) if not a.startswith("-") and argv[i - 1 : i] != ["--lang"]), None)
    parser = build_parser(command)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return int(args.handler(args) or 0)
    except KgError as exc:
        language = config.language()
        print(f"kg {args.command}: {ERROR_WORD[language]}: {exc.message(language)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: {'đã ngắt' if config.language() == 'vi' else 'interrupted'}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
