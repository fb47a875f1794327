"""argparse, with its error messages in Dutch: a typing mistake on the command line is told in the same
language as every other message of `erbij` (argparse itself only speaks English)."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from commands.catalogue import t

# argparse's error templates (Python 3.11-3.13) and the catalogue message that says the same in Dutch.
_ERRORS = [
    (re.compile(r"^the following arguments are required: (?P<names>.+)$"), "cli.parse.required"),
    (
        re.compile(
            r"^argument (?P<name>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)$"
        ),
        "cli.parse.choice",
    ),
    (re.compile(r"^argument (?P<name>\S+): invalid (?:int|float) value: (?P<value>.+)$"), "cli.parse.number"),
    (re.compile(r"^argument (?P<name>\S+): expected one argument$"), "cli.parse.one_value"),
    (re.compile(r"^unrecognized arguments: (?P<names>.+)$"), "cli.parse.unknown"),
]


def dutch(message: str) -> str:
    for pattern, key in _ERRORS:
        match = pattern.match(message)
        if match:
            return t(key, **match.groupdict())
    return t("cli.parse.other", message=message)


class DutchArgumentParser(argparse.ArgumentParser):
    """Also the help in Dutch: section titles, the -h line and the usage prefix."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs["add_help"] = False  # our own -h, with Dutch help text
        super().__init__(*args, **kwargs)
        self._positionals.title = t("cli.help.positionals")
        self._optionals.title = t("cli.help.options")
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.help.help")
            )

    def format_usage(self) -> str:
        formatter = self._get_formatter()
        formatter.add_usage(
            self.usage, self._actions, self._mutually_exclusive_groups, prefix=t("cli.help.usage")
        )
        return formatter.format_help()

    def format_help(self) -> str:
        # argparse's own format_help, with the Dutch usage prefix (it has no other way to set it).
        formatter = self._get_formatter()
        formatter.add_usage(
            self.usage, self._actions, self._mutually_exclusive_groups, prefix=t("cli.help.usage")
        )
        formatter.add_text(self.description)
        for group in self._action_groups:
            formatter.start_section(group.title)
            formatter.add_text(group.description)
            formatter.add_arguments(group._group_actions)
            formatter.end_section()
        formatter.add_text(self.epilog)
        return formatter.format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, t("cli.parse.error", prog=self.prog, message=dutch(message)) + "\n")
