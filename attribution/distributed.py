"""Corpora larger than one machine: the same per-article work on a Dask cluster.

Install the extra (``pip install "attribution[dask]"``), start a cluster the usual Dask way
(``dask scheduler`` on one machine, ``dask worker tcp://SCHEDULER:8786 --nthreads 1`` on each
of the others, every one with attribution installed), then either

    attribution compare corpus/ -o comparison/ --dask tcp://SCHEDULER:8786

or, from Python,

    from dask.distributed import Client
    from attribution import batch, distributed
    rows = distributed.run(batch.collect(["corpus/"]), Client("tcp://SCHEDULER:8786"))

Each worker runs :func:`attribution.batch.summarise_item` on one article at a time and sends
back only its summary row; the files must be readable at the same path on every worker (a
shared disk), and ``cache_dir`` should be a folder every worker can write (or None).  Dask does
the scheduling, retries and spreading of work; nothing here replaces it.  Workers started with
``--nthreads 1`` parse fastest (one model copy per process; stanza is not faster with threads
on small batches).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from . import corpus
from .batch import Item, summarise_item
from .ingest import DEFAULT_MAX_BYTES
from .models import BUNDLED


class DaskMissing(ImportError):
    """dask.distributed is not installed; the message says how to install it."""


def client_for(address: str) -> Any:
    """A Dask client connected to a running scheduler ("tcp://host:8786").

    Raises:
        DaskMissing: the optional extra is not installed.
        OSError: the scheduler cannot be reached (Dask's own message).
    """
    try:
        from dask.distributed import Client
    except ImportError as err:
        raise DaskMissing('--dask needs Dask: pip install "attribution[dask]"') from err
    return Client(address, timeout="20s")  # type: ignore[no-untyped-call]


def run(items: Sequence[Item], client: Any, models: str = BUNDLED, cache_dir: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        on_row: Callable[[corpus.ArticleSummary, bool], None] | None = None) -> list[corpus.ArticleSummary]:
    """Analyse the items on a Dask cluster and return their rows in input order."""
    from dask.distributed import as_completed

    futures = client.map(summarise_item, list(items), models=models, cache_dir=cache_dir, max_bytes=max_bytes,
                         pure=False)
    index = {future.key: item for future, item in zip(futures, items)}
    rows: dict[int, corpus.ArticleSummary] = {}
    for future, row in as_completed(futures, with_results=True):  # type: ignore[no-untyped-call]
        rows[index[future.key].index] = row
        if on_row:
            on_row(row, False)
    return [rows[item.index] for item in items]
