"""Where each node of a YAML text starts and ends, for editing a file a person wrote in place.

Reading a ledger (:mod:`.compose`) keeps only where each node starts; an edit also needs where a
value ends, so that it can replace exactly the lines of one field and leave every other byte as it
is. This composes the text with the same libyaml parser into PyYAML's nodes, which carry both marks;
only the layout is used, never the values' types. Call it on a file that validates (no anchors,
tags or duplicate keys: :mod:`.compose` has said so).
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = ["MappingNode", "Node", "ScalarNode", "SequenceNode", "compose", "last_line"]


def compose(text: str) -> Node | None:
    """The root node of ``text``, with start and end marks (0-based lines and columns); None if empty.
    Raises yaml.YAMLError on text that is not YAML."""
    from factledger.parse.compose import require_parser

    require_parser()
    loader = yaml.CSafeLoader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def last_line(node: Node) -> int:
    """The 0-based line holding the last character of ``node``'s own text (a block collection's end mark
    is where the next token starts, which may be lines later, past comments)."""
    if isinstance(node, ScalarNode):
        end = node.end_mark
        if node.style in ("|", ">") and end.column == 0 and end.line > node.start_mark.line:
            return int(end.line) - 1  # a block scalar ends with its last line break
        return int(end.line)
    if getattr(node, "flow_style", False) or not node.value:
        return int(node.end_mark.line)
    last = node.value[-1]
    return last_line(last[1] if isinstance(node, MappingNode) else last)
