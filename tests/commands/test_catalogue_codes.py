"""Every case code the catalogue shows as an example passes Erbij's own check: an admin or professional who
copies an example must never be told it has a typo."""

from __future__ import annotations

import re

from commands.cases.codes import parse_code
from commands.catalogue import catalogue

# Anything shaped like a code (prefix, dash, group, dash, group), also malformed ones, so a bad example
# cannot hide by being the wrong length.
CODE_SHAPED = re.compile(r"\b[A-Z0-9]{2,5}-[A-Z0-9]{3,5}-[A-Z0-9]{1,3}\b")


def test_every_example_code_in_the_catalogue_is_valid() -> None:
    examples = {
        (key, code) for key, template in catalogue().items() for code in CODE_SHAPED.findall(template)
    }
    assert len(examples) >= 5  # the usage texts of /kaart, /overleg and /erbij all show one
    for key, code in sorted(examples):
        assert parse_code(code) == code, f"{key}: example {code} fails the check character"


def test_the_pattern_finds_the_malformed_examples_this_test_was_written_for() -> None:
    assert CODE_SHAPED.findall("bijv. WB-7K3Q-M of WBW-7K3Q-2M") == ["WB-7K3Q-M", "WBW-7K3Q-2M"]
