"""ArticleReport: everything the analysis found in one article, ready to render."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .assessment import Readability, SourceProfile, SourcingScore
from .results import SCHEMA_VERSION, Article, Attribution, Clutter, ParsedDocument


@dataclass(frozen=True)
class ArticleReport:
    """One analysed article.

    Attributes:
        article: the input, its text exactly as read.
        document: the dependency parse, with character offsets into ``article.text``.
        attributions: who says what, in text order.
        clutter: the lines taken for site clutter (menus, captions...), left unparsed.
        profiles: one per distinct source (see :mod:`attribution.sources`).
        score: the sourcing strength score (see :mod:`attribution.score`); None if not computed.
        readability: readability formulas on the body (see :mod:`attribution.readability`).
    """

    article: Article
    document: ParsedDocument
    attributions: tuple[Attribution, ...]
    clutter: tuple[Clutter, ...] = ()
    profiles: tuple[SourceProfile, ...] = ()
    score: SourcingScore | None = None
    readability: Readability | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``attribution analyze`` (versioned by ``results.SCHEMA_VERSION``).

        The text itself is left out (reports may be shared where the article may not);
        ``article.chars`` lets a reader check they hold the same text the offsets index.  An
        article read from a web page also keeps the page's url, title, date and site.
        """
        return {
            "schema": SCHEMA_VERSION,
            "article": {"name": self.article.name, "path": self.article.path, "chars": len(self.article.text),
                        **dict(self.article.metadata)},
            **self.document.to_dict(),
            "attributions": [a.to_dict() for a in self.attributions],
            "clutter": [c.to_dict() for c in self.clutter],
            "profiles": [p.to_dict() for p in self.profiles],
            "score": self.score.to_dict() if self.score else None,
            "readability": self.readability.to_dict() if self.readability else None,
        }
