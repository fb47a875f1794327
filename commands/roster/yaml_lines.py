"""Parsing YAML once while keeping where things are: line numbers per path, and duplicate keys that PyYAML
would otherwise silently merge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

# libyaml's C parser is some twenty times faster; fall back to the pure-Python one where it is missing.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple[str | int, ...]


@dataclass
class YamlMap:
    lines: dict[Path, int] = field(default_factory=dict)  # 1-based line of each key or list item
    duplicates: list[tuple[Path, int]] = field(default_factory=list)

    def line(self, path: Path) -> int | None:
        """The line of `path`, or of its nearest parent that is in the file (for a missing field)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def parse(text: str) -> tuple[Any, YamlMap]:
    """The data and its line map from one parse (raises yaml.YAMLError on a syntax error)."""
    found = YamlMap()
    loader = Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, found
        _walk(root, (), found)
        return loader.construct_document(root), found
    finally:
        loader.dispose()


def _walk(node: yaml.Node, path: Path, found: YamlMap) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*path, key)
            line = key_node.start_mark.line + 1
            if key in seen:
                found.duplicates.append((child, line))
            seen.add(key)
            found.lines.setdefault(child, line)
            _walk(value_node, child, found)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            found.lines[child] = item.start_mark.line + 1
            _walk(item, child, found)
