"""Analysis on several cores: one model per worker process, results in input order.

Documents stream through in batches with a bounded number in flight, so memory
stays constant in the corpus size; one process gives identical results.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from ..model import AnalyzedArticle, Article
from .pipeline import AnalysisFailure, analyze_many

IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: enough to keep it busy, little memory
BATCH_SIZE = 16  # articles sent to a worker at once: few round trips, small messages


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _work(batch: list[dict]) -> list[dict]:
    articles = [Article.model_validate(a) for a in batch]
    return [r.model_dump(mode="python", by_alias=True) if isinstance(r, AnalyzedArticle)
            else {"failure": r.reason, "article": r.article.model_dump(mode="python")} for r in analyze_many(articles)]


def _load(result: dict) -> AnalyzedArticle | AnalysisFailure:
    if "failure" in result:
        return AnalysisFailure(Article.model_validate(result["article"]), result["failure"])
    return AnalyzedArticle.model_validate(result)


def _watch_parent(parent: int) -> None:
    """A worker whose parent was killed (kill -9) exits instead of waiting forever."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _warm(parent: int | None = None) -> None:
    import signal

    from .pipeline import warm_up

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, in one line

    if parent is not None:
        _watch_parent(parent)
    warm_up()  # every lexicon loaded before the first article


def analyze_parallel(articles: Iterable[Article], workers: int,
                     batch_size: int = BATCH_SIZE) -> Iterator[AnalyzedArticle | AnalysisFailure]:
    """Analyse ``articles`` on ``workers`` processes (in this process when 1, or for a single batch)."""
    stream = iter(articles)
    first = list(itertools.islice(stream, batch_size))
    rest = list(itertools.islice(stream, 1))
    if workers <= 1 or not rest:
        yield from analyze_many(itertools.chain(first, rest, stream))
        return
    batches = (list(b) for b in _chunks(itertools.chain(first, rest, stream), batch_size))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm,
                             initargs=(os.getpid(),)) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.submit(_work, [a.model_dump(mode="python") for a in batch]))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from (_load(r) for r in pending.popleft().result())
        while pending:
            yield from (_load(r) for r in pending.popleft().result())


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class ParallelAnalyser:
    """A pool kept for a whole run: ``analyser(articles)`` returns their analyses in order."""

    def __init__(self, workers: int, batch_size: int = BATCH_SIZE):
        self.workers = workers
        self.batch_size = batch_size
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ParallelAnalyser:
        if self.workers > 1:
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("fork"),
                                            initializer=_warm, initargs=(os.getpid(),))
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def submit(self, articles: list[Article]) -> Callable[[], list[AnalyzedArticle | AnalysisFailure]]:
        """Start analysing ``articles``; the returned function waits for their results, in order.

        With a pool the caller can do other work (store the previous batch) meanwhile.
        """
        if self.pool is None or len(articles) < 2:
            results = list(analyze_many(articles))
            return lambda: results
        size = max(1, min(self.batch_size, -(-len(articles) // self.workers)))
        futures = [self.pool.submit(_work, [a.model_dump(mode="python") for a in chunk])
                   for chunk in _chunks(articles, size)]
        return lambda: [_load(r) for future in futures for r in future.result()]

    def __call__(self, articles: list[Article]) -> list[AnalyzedArticle | AnalysisFailure]:
        return self.submit(articles)()
