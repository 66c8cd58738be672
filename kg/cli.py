"""The ``kg`` command line: a thin dispatcher over ``kg.commands.<name>``.

Each command module defines ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``; its heavy imports live inside ``run`` so that ``kg --help`` is quick.
Errors meant for the user (:class:`kg.errors.KgError`) are printed as one line, never as a
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from kg.errors import KgError

#: command name -> module under kg.commands, in the order ``kg --help`` lists them
COMMANDS = {
    "extract": "extract",
    "evaluate": "evaluate",
    "build": "build",
    "query": "query",
    "serve": "serve",
    "validate": "validate",
    "stats": "stats",
    "network": "network",
}


def _parser() -> argparse.ArgumentParser:
    from kg import __version__

    parser = argparse.ArgumentParser(
        prog="kg",
        description="unkg: knowledge graphs of UN resolutions on crime prevention and criminal justice",
    )
    parser.add_argument("--version", action="version", version=f"unkg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        try:
            module = importlib.import_module(f"kg.commands.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"kg.commands.{module_name}":
                continue  # command not available in this build
            raise
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except KgError as exc:
        print(f"kg {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
