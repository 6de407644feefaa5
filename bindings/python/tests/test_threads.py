"""Threads: the GIL is released while loading and evaluating, several
Python threads evaluate at once, and loads never race with readers."""

import sys
import threading
import time

import pytest

import mandate

from conftest import AS_OF, FACTS


@pytest.fixture(scope="module")
def larger(plan):
    """The bundled facts and 3,000 more counties with a filing each."""
    facts = mandate.Facts(plan)
    facts.load(FACTS)
    facts.add_units([{"name": f"县{i}", "unit_kind": "县区", "parent": "商洛市"}
                     for i in range(3000)])
    facts.add_events([{"date": f"2018-03-{1 + i % 28:02d}", "event": "创建方案", "unit": f"县{i}",
                       "to": "市综治办", "programme": "九大品牌"} for i in range(3000)])
    return facts


def test_other_threads_run_while_one_evaluates(larger):
    # With the GIL held for the whole call, no other Python thread could
    # take a step inside an evaluation (a margin at each end leaves out the
    # Python around the call). One thread evaluates for at least 0.3 s in
    # all; the main thread counts its own steps meanwhile.
    margin = 0.005
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-4)
    try:
        windows = []
        done = threading.Event()

        def evaluate():
            while sum(end - start for start, end in windows) < 0.3:
                start = time.perf_counter()
                mandate.evaluate(larger, as_of=AS_OF, years=2018)
                windows.append((start + margin, time.perf_counter() - margin))
            done.set()

        ticks = []
        worker = threading.Thread(target=evaluate)
        worker.start()
        while not done.is_set():
            ticks.append(time.perf_counter())
        worker.join()
    finally:
        sys.setswitchinterval(interval)
    inside = [t for t in ticks if any(start < t < end for start, end in windows)]
    assert len(inside) > 100, (len(inside), len(ticks), len(windows))


def test_several_threads_evaluate_at_once_with_the_same_results(larger):
    alone = {explain: mandate.evaluate(larger, as_of=AS_OF, years=2018, explain=explain)
             for explain in (True, False)}
    expected = {explain: (result.to_text(False), len(result)) for explain, result in alone.items()}
    barrier = threading.Barrier(4)
    texts = {}
    errors = []

    def evaluate(index):
        try:
            barrier.wait()
            result = mandate.evaluate(larger, as_of=AS_OF, years=2018, explain=index % 2 == 0,
                                      threads=1 + index % 2)
            texts[index] = (index % 2 == 0, result.to_text(False), len(result.to_frame()))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=evaluate, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(texts) == 4
    for explain, text, rows in texts.values():
        assert (text, rows) == expected[explain]


def test_loads_and_reads_from_several_threads_never_race(plan):
    facts = mandate.Facts(plan)
    facts.load(FACTS)
    first = mandate.evaluate(facts, as_of=AS_OF, years=2018, explain=False)
    expected = first.to_text(False)
    stop = threading.Event()
    errors = []

    def load():
        try:
            for batch in range(20):
                facts.add_units([{"name": f"村{batch}-{i}", "unit_kind": "创建对象",
                                  "parent": "商州区"} for i in range(500)])
                facts.add_events([{"date": "2018-11-28", "event": "推荐申报", "unit": "商州区",
                                   "to": "市综治办", "programme": "平安村（社区）",
                                   "candidate": f"村{batch}-{i}"} for i in range(50)])
        except Exception as error:  # pragma: no cover
            errors.append(error)
        finally:
            stop.set()

    def read():
        try:
            while not stop.is_set():
                assert first.to_text(False) == expected
                first.columns()
                mandate.evaluate(facts, as_of=AS_OF, years=2018, explain=False)
        except Exception as error:  # pragma: no cover
            errors.append(error)

    threads = [threading.Thread(target=load)] + [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(facts.units("创建对象", within="商州区")) >= 10_000
