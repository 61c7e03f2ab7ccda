"""The Dask path: the same per-article function on a local cluster of two worker processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from attribution import batch, distributed

distributed_dask = pytest.importorskip("dask.distributed", reason="the dask extra is not installed")

TEXTS = {
    "a": '"We are concerned," John Kirby told reporters on Monday.\n',
    "b": "The talks failed, according to spokesman Sean Savett.\n",
    "c": "",
}


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    cluster = distributed_dask.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                            dashboard_address=None)
    with distributed_dask.Client(cluster) as connected:
        yield connected
    cluster.close()


def test_rows_match_a_local_run(client: object, tmp_path: Path) -> None:
    for name, text in TEXTS.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    items = batch.collect([tmp_path])
    seen: list[str] = []
    on_cluster = distributed.run(items, client, cache_dir=str(tmp_path / "cache"),
                                 on_row=lambda row, resumed: seen.append(row.name))
    assert sorted(seen) == ["a", "b", "c"]
    assert [r.name for r in on_cluster] == ["a", "b", "c"]
    assert [r.ok for r in on_cluster] == [True, True, False]
    assert on_cluster == batch.run(items, cache=None)


def test_a_missing_scheduler_is_an_error_not_a_hang() -> None:
    with pytest.raises(OSError):
        distributed.client_for("tcp://127.0.0.1:9")
