"""The reason an article gives for keeping a source anonymous.

"..., speaking on condition of anonymity due to the sensitive nature of the issue, ..." ->
"due to the sensitive nature of the issue"; "who was not authorized to discuss the talks" ->
"not authorized to discuss the talks".  Only stated reasons: a bare "on condition of
anonymity" gives none.
"""

from __future__ import annotations

import re

_ANONYMITY = re.compile(
    r"\b(?:on|under)\s+(?:the\s+)?condition\s+(?:of|that)\s+(?:anonymity|(?:he|she|they|it)\s+not\s+be\s+"
    r"(?:named|identified))|\b(?:requested|asked\s+for|granted|demanded)\s+anonymity|\basked\s+not\s+to\s+be\s+"
    r"(?:named|identified)|\bspoke\s+anonymously|\bspeaking\s+anonymously|\bdeclined\s+to\s+be\s+(?:named|identified)",
    re.I)
_REASON = re.compile(
    r"[\s,]*(?:because|due\s+to|since|as|in\s+order\s+to|to|citing|for\s+fear\s+of|owing\s+to)\b[^.,;\u2014()\n]*",
    re.I)
_NOT_AUTHORIZED = re.compile(
    r"\b(?:(?:was|were|is|are)\s+)?not\s+(?:authorized|allowed|permitted|cleared)\s+to\s+[^.,;\u2014()\n]*", re.I)


def reason(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of the stated reason for anonymity in ``text[start:end]``, or None."""
    for match in _ANONYMITY.finditer(text, start, end):
        after = _REASON.match(text, match.end(), end)
        if after and len(after.group().split()) >= 3:
            s = match.end() + len(after.group()) - len(after.group().lstrip(" ,"))
            return s, match.end() + len(after.group().rstrip(" ,"))
    found = _NOT_AUTHORIZED.search(text, start, end)
    if found:
        return found.start(), found.end()
    return None


def mentions_anonymity(text: str, start: int, end: int) -> bool:
    return bool(_ANONYMITY.search(text, start, end) or _NOT_AUTHORIZED.search(text, start, end))
