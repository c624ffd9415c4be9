"""Sharded NDJSON read by many processes (issue 22): a spawn ProcessPoolExecutor and
dask.bag on Dask's local processes scheduler, with a converter of the user's shipped
to the workers by pickle and cloudpickle. Results equal a single-process read; errors
carry the shard and the line.

Spawned workers take a second or so to start: the module shares one pool of two, which
Dask's scheduler uses too.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import responses
from responses import FlowRunResponse, StateType, ValidationError

from . import parallel_helpers
from .parallel_helpers import (
    canonical,
    custom_converter,
    describe,
    read_shard,
    verdict,
    write_shards,
)

SHARDS = 3


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as executor:
        yield executor


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_shards(tmp_path_factory.mktemp("shards"), SHARDS)


@pytest.fixture(scope="module")
def bad_shards(shards: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The same shards, the second with a bad state type on its line 18 (index 17)."""
    directory = tmp_path_factory.mktemp("bad")
    copies = []
    for path in shards:
        lines = path.read_text().splitlines()
        if path == shards[1]:
            lines[17] = lines[17].replace('"state_type":"', '"state_type":"NOT-', 1)
        copy = directory / path.name
        copy.write_text("\n".join(lines) + "\n")
        copies.append(copy)
    return copies


def _single_process(shards: list[Path], converter: responses.ResponsesConverter) -> list[Any]:
    return [run for path in shards for run in read_shard(path, converter)]


def test_spawned_pool_reads_shards_with_a_custom_converter(
    pool: ProcessPoolExecutor, shards: list[Path]
) -> None:
    custom = custom_converter()
    # the README's recipe: the converter goes to the workers as an argument
    per_shard = list(pool.map(read_shard, shards, [custom] * len(shards)))
    runs = [run for shard in per_shard for run in shard]
    assert runs == _single_process(shards, custom)
    assert len(runs) == 600
    assert runs != _single_process(shards, responses.converter)  # the user's hook ran there
    assert all(run.name == run.name.upper() for run in runs)
    assert pool.submit(describe, custom).result() == describe(custom)


def test_spawned_pool_gives_the_same_verdicts_and_bytes(
    pool: ProcessPoolExecutor, shards: list[Path]
) -> None:
    page = (parallel_helpers.LIVE / parallel_helpers.PAGES[1]).read_bytes()
    extra = page.replace(b'{"id":', b'{"surprise":1,"id":', 1)
    converters = [
        responses.converter,
        custom_converter(),
        responses.make_converter(backend="json", forbid_extra_keys=True),
    ]
    for converter in converters:
        for data in (page, extra):
            assert pool.submit(verdict, converter, data).result() == verdict(converter, data)
    assert verdict(converters[2], extra)[0] == "invalid"
    # the default converter arrives as the worker's own module global
    assert pool.submit(describe, responses.converter).result()["is_default"] is True


def test_errors_carry_the_shard_and_the_line(
    pool: ProcessPoolExecutor, bad_shards: list[Path]
) -> None:
    futures = [pool.submit(read_shard, path, custom_converter()) for path in bad_shards]
    assert len(futures[0].result()) == 200
    with pytest.raises(ValidationError) as info:
        futures[1].result()
    (error,) = info.value.errors
    assert error.path == "$['runs-001.ndjson'][17].state_type"
    assert "NOT-" in error.message
    with pytest.raises(ValidationError) as local:
        read_shard(bad_shards[1], custom_converter())
    assert str(local.value) == str(info.value)


def test_an_unpicklable_hook_is_named_before_it_reaches_a_worker(
    pool: ProcessPoolExecutor, shards: list[Path]
) -> None:
    mine = responses.converter.copy()
    mine.register_structure_hook(str, lambda value, _: str(value))
    with pytest.raises(pickle.PicklingError, match=r"<lambda>, registered by register_struct"):
        pool.submit(read_shard, shards[0], mine).result()


# --- Dask ------------------------------------------------------------------------------


def test_dask_bag_over_the_shards(pool: ProcessPoolExecutor, shards: list[Path]) -> None:
    db = pytest.importorskip("dask.bag")
    custom = custom_converter()
    bag = db.from_sequence(shards, npartitions=len(shards)).map(read_shard, custom).flatten()
    runs = bag.compute(scheduler="processes", pool=pool)
    assert runs == _single_process(shards, custom)
    # cloudpickle ships a converter whose hook is a closure of this test, by value
    suffix = "-seen"
    closure = responses.converter.copy()
    closure.register_structure_hook(str, lambda value, _: f"{value}{suffix}")
    states = (
        db.from_sequence(shards, npartitions=len(shards))
        .map(read_shard, closure)
        .flatten()
        .map(lambda run: (run.name, run.state_type))
        .compute(scheduler="processes", pool=pool)
    )
    assert states == [(run.name, run.state_type) for run in _single_process(shards, closure)]
    assert all(name.endswith("-seen") for name, _ in states)
    assert {state for _, state in states} <= set(StateType) | {None}


def test_dask_errors_carry_the_shard_and_the_line(
    pool: ProcessPoolExecutor, bad_shards: list[Path]
) -> None:
    db = pytest.importorskip("dask.bag")
    bag = db.from_sequence(bad_shards, npartitions=len(bad_shards)).map(read_shard).flatten()
    with pytest.raises(ValidationError, match=r"\$\['runs-001.ndjson'\]\[17\]\.state_type"):
        bag.compute(scheduler="processes", pool=pool)


def test_runs_equal_across_processes(pool: ProcessPoolExecutor, shards: list[Path]) -> None:
    """Values made in a worker and pickled back equal those made here, and write the
    same bytes with both backends."""
    runs = pool.submit(read_shard, shards[2]).result()
    here = read_shard(shards[2])
    assert runs == here
    for backend in ("json", *(["orjson"] if responses.converter.backend == "orjson" else [])):
        mine, theirs = (responses.dumps(r, backend=backend) for r in (runs, here))
        assert canonical(mine) == canonical(theirs)  # pause_keys: a set, in hash order
    assert isinstance(runs[0], FlowRunResponse)
