"""YAML mistakes come back in sendsite's words, whatever the PyYAML release says about them."""

from __future__ import annotations

import pytest
import yaml

from sendsite.errors import ContentError
from sendsite.source.yamldoc import parse_yaml

NESTED = "the data is nested more than 40 levels deep"

# Slips an editor makes, each with the start of the sentence they must get back.
SLIPS = {
    "flow brackets nested 5,000 deep": ("name: " + "[" * 5000 + "]" * 5000 + "\n", NESTED),
    "block fields nested 200 deep": (
        "name: A\n" + "".join("  " * i + f"k{i}:\n" for i in range(200)),
        NESTED,
    ),
    "a list item on the field's line": ("needs: - autism\n", "a list item ('- ') starts"),
    "a backslash in double quotes": ('name: "C:\\q folder"\n', "this double-quoted text"),
    "an anchor with no name": ("name: &\n", "a value on this line starts with & or *"),
    "a question mark key": ("a: ? b\n", "this line is not written the way YAML needs"),
    "a directive": ("%foo\n", "this line is not written the way YAML needs"),
    "a zero block indent": ("a: |0\n  x\n", "this line is not written the way YAML needs"),
    "an unclosed bracket": ("a: {b: 1\nc: 2\n", "the { } brackets"),
    "a slipped list item": ("needs:\n  - autism\n - adhd\n", "the indentation of this line"),
}
# Words of the parser's own vocabulary that mean nothing to a communications officer.
JARGON = (
    "expected",
    "indicator",
    "token",
    "scalar",
    "node",
    "stream",
    "<",
    "mapping",
    "ScannerError",
)


def message_for(text: str) -> str:
    with pytest.raises(ContentError) as caught:
        parse_yaml(text, "content/x.yaml")
    return str(caught.value)


@pytest.mark.parametrize("name", SLIPS)
def test_each_slip_gets_a_plain_sentence(name: str) -> None:
    text, start = SLIPS[name]
    message = message_for(text)
    assert start[0].upper() + start[1:] in message
    for word in JARGON:
        assert word not in message


def test_libyaml_refusing_the_nesting_itself_gets_sendsites_sentence() -> None:
    # PyYAML 6.0.4's libyaml stops at its own depth limit while scanning ahead, before the
    # builder's limit of 40; PyYAML 6.0.3 lets the builder see it. Both must read the same.
    mark = yaml.Mark("x", 0, 2, 1006, None, None)  # type: ignore[arg-type]  # a Mark without its text, as libyaml makes
    error = yaml.scanner.ScannerError(
        "while increasing flow level", mark, "exceeded maximum nesting depth", mark
    )
    from sendsite.source import yamlerrors

    message = str(yamlerrors.yaml_error(error, "a:\n  b\n  c\n", "content/x.yaml", 0))
    assert message.startswith("content/x.yaml:3: The data is nested more than 40 levels deep.")
