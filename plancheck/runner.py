"""Run a check or fix over paths: find the files, answer unchanged ones from the cache,
and hand the others to :func:`plancheck.checker.run_one`, in this process or across
worker processes. Calls go one way: the command line calls this module, this module calls
the checker, and the checker never imports it.

Files go to workers in small batches and come back in the order they were found, so the
output of a run does not depend on ``--jobs``. Workers ignore Ctrl-C: the main process
takes it, cancels what has not started and waits for the batches under way, so a file
being fixed is either written whole (the write is atomic) or not at all. A worker that
dies takes only its batch with it: those files get an ``internal-error`` diagnostic.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from plancheck.results import FileResult, Job

if TYPE_CHECKING:
    from concurrent.futures import Future

    from plancheck.cache import ResultCache
    from plancheck.options import Resolver

# Below this many files a pool costs more to start than it saves.
MIN_FILES_FOR_POOL = 40
BATCH = 16  # files per task: small enough to balance, large enough to amortize pickling
AHEAD = 4  # batches queued per worker, so results stream and memory stays flat

_resolver: Resolver | None = None
_job: Job | None = None


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _start_worker(resolver: Resolver, job: Job) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _resolver, _job
    _resolver, _job = resolver, job


def _run_batch(paths: list[str]) -> list[FileResult]:
    from plancheck.checker import run_one

    assert _resolver is not None and _job is not None
    return [run_one(path, _resolver, _job) for path in paths]


def _batches(paths: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(paths), BATCH):
        yield list(paths[start : start + BATCH])


def _in_pool(paths: Sequence[str], resolver: Resolver, job: Job, jobs: int) -> Iterator[FileResult]:
    # fork: workers inherit the loaded schemas instead of loading them again. Imported
    # here: a run of a few files has no pool and need not load multiprocessing.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    executor = ProcessPoolExecutor(jobs, context, _start_worker, (resolver, job))
    pending: list[tuple[list[str], Future[list[FileResult]]]] = []
    batches = _batches(paths)
    try:
        for batch in batches:
            pending.append((batch, executor.submit(_run_batch, batch)))
            if len(pending) >= jobs * AHEAD:
                yield from _collect(*pending.pop(0))
        while pending:
            yield from _collect(*pending.pop(0))
    finally:
        # On Ctrl-C (or a consumer that stops early): start nothing new, let batches
        # under way finish so that no write is cut short.
        executor.shutdown(wait=True, cancel_futures=True)


def _collect(batch: list[str], future: Future[list[FileResult]]) -> list[FileResult]:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool as exc:
        from plancheck.checker import crashed

        return [crashed(path, exc) for path in batch]


def run_all(
    paths: Sequence[str],
    resolve: Callable[[], Resolver],
    job: Job,
    *,
    jobs: int = 1,
    cache: ResultCache | None = None,
) -> Iterator[FileResult]:
    """Each file's result, in the order of ``paths``; from ``cache`` when it has one.
    The resolver (configuration, schemas, rules) is asked for only if a file needs
    checking."""
    cached = {path for path in paths if cache and cache.lookup(path)}
    todo = [path for path in paths if path not in cached]
    fresh: Iterator[FileResult] = iter(())
    if todo:
        from plancheck.checker import run_one

        resolver = resolve()
        workers = min(jobs, max(1, len(todo) // BATCH))
        if workers > 1 and len(todo) >= MIN_FILES_FOR_POOL:
            fresh = _in_pool(todo, resolver, job, workers)
        else:
            fresh = (run_one(path, resolver, job) for path in todo)
    for path in paths:
        if cache is not None and path in cached:
            yield cache.result(path)
            continue
        result = next(fresh)
        if cache is not None:
            cache.store(result)
        yield result


def _found(
    paths: Sequence[str], resolve: Callable[[], Resolver], force_exclude: bool = False
) -> list[str]:
    """The files to check. Files named one by one need no configuration to be found,
    so a run answered from the cache does not load it, unless ``force_exclude`` asks
    that `exclude` apply to them too (pre-commit names every changed file)."""
    if force_exclude:
        resolver = resolve()
        paths = [p for p in paths if p == "-" or not resolver.excluded(p)]
    if all(p != "-" and os.path.isfile(p) for p in paths):
        return list(paths)
    from plancheck.files import discover

    return list(discover(paths, resolve().excluded))


def run_paths(
    paths: Sequence[str],
    resolve: Callable[[], Resolver],
    job: Job,
    *,
    jobs: int = 1,
    cache: ResultCache | None = None,
    on_start: Callable[[int], None] | None = None,
    force_exclude: bool = False,
) -> Iterator[FileResult]:
    """Every file found under ``paths``, checked or fixed, in the order found;
    ``resolve`` gives the resolver, called only when a file needs it, and ``on_start``
    hears how many files there are before the first is done."""
    found = _found(paths, resolve, force_exclude)
    if on_start is not None:
        on_start(len(found))
    use_cache = cache if not job.fix else None
    yield from run_all(found, resolve, job, jobs=jobs, cache=use_cache)
