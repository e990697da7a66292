"""What text irkg accepts from any input: no character that breaks an export or a terminal."""

from __future__ import annotations

import re

__all__ = ["BAD_TEXT", "TEXT_RULE", "one_line"]

#: Characters that break an export or a terminal: C0 controls but tab, newline and
#: carriage return, DEL, C1 controls, line and paragraph separators (N-Triples and
#: N-Quads end a line there), surrogates and noncharacters (invalid in XML).
BAD_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
#: Why such a character is refused, as error messages say it.
TEXT_RULE = "not allowed in text (it breaks N-Triples, XML exports or terminals)"


def one_line(text: str) -> str:
    r"""``text`` as one line: runs of white space as one space, and each character
    :data:`BAD_TEXT` names (a control, a terminal escape) as a space.

    Example:
        >>> one_line(" Talks\x1b[2J in\n  Moscow ")
        'Talks [2J in Moscow'
    """
    return " ".join(BAD_TEXT.sub(" ", text).split())
