"""Hand-built corpus rows for the chart and page tests: no model, no parse."""

from __future__ import annotations

from attribution import corpus

OUTLETS = ("AP", "Reuters", "An Extraordinarily Long Name of a Regional Daily Newspaper", "BBC", "Guardian",
           "NYT", "WaPo", "Fox", "CNN", "NPR", "Bloomberg", "Politico")


def article(outlet: str, i: int) -> corpus.ArticleSummary:
    """An article whose source types add up to its attributions, as summarise() makes them."""
    kinds = (1 + i % 3, i % 4, 1, i % 2, i % 3 == 0)
    total = sum(kinds)
    anonymous = i % 3
    named = total - anonymous - 1
    return corpus.ArticleSummary(
        path=f"{outlet}/{i}.txt", name=f"{outlet}-{i}", outlet=outlet, words=400 + 37 * i,
        kinds=tuple(int(k) for k in kinds), voices=(named, 0, 0, anonymous, 0, 1),
        sources=2 + i % 5, named_sources=2, anonymous_sources=min(anonymous, 1), score=(20 + 17 * i) % 101,
        rating="weak", reading_grade=8 + (i * 1.3) % 6, reading_ease=60.0)


def rows(outlets: int) -> list[corpus.ArticleSummary]:
    """`outlets` outlets with articles, one ("Silent Gazette") whose article has no attributions
    and no score, and one failed article ("Broken Times") (so outlets + 2 groups in all)."""
    out = [article(OUTLETS[o % len(OUTLETS)] + ("" if o < len(OUTLETS) else f" {o}"), i)
           for o in range(outlets) for i in range(1 + (o * 5) % 7)]
    out.append(corpus.ArticleSummary(path="silent/1.txt", name="silent-1", outlet="Silent Gazette", words=300))
    out.append(corpus.failed("broken/1.txt", "broken-1", "ParseError: <boom> & \"more\"", outlet="Broken Times"))
    return out
