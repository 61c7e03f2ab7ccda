"""Stand-ins for batch.summarise_item that worker processes can import (spawned workers find
functions by module name, so these cannot live inside a test)."""

from __future__ import annotations

import os
from pathlib import Path

from attribution import corpus
from attribution.batch import Item


def die_on_poison(item: Item, models: str = "bundled", cache_dir: str | None = None,
                  max_bytes: int = 0) -> corpus.ArticleSummary:
    """Kill the worker process on a file named poison*, as an out-of-memory kill would."""
    if Path(item.path).name.startswith("poison"):
        os._exit(1)
    return corpus.ArticleSummary(item.path, Path(item.path).stem, outlet=item.outlet or "unknown",
                                 outlet_from="manifest" if item.outlet else "none", words=os.getpid())
