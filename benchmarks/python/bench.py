#!/usr/bin/env python3
"""Timings of the Python package against the C++ library (docs/benchmarks.md,
"Python"), on the synthetic facts of the C++ benchmarks
(benchmarks/facts_generator.hpp) for the Shangluo plan, 2018, as of
2019-03-31:

1. province scale: ``mandate.evaluate`` from Python against the same
   evaluation (``evaluate_table``, same store, same options) timed inside
   C++ with no Python around it; target within 10 %.
2. national scale: ``evaluate(explain=False)``, then ``to_frame()``; target:
   the frame adds less than 20 % to the evaluation's time.

Run from the root of a checkout, after a Release build of the package and
the generator:

    cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release
    cmake --build build-release --target mandate_python mandate_generate_facts
    PYTHONPATH=build-release/python /usr/bin/python3 benchmarks/python/bench.py

The facts are written once into build-release/bench-data/<scale>/ (the C++
benchmarks' place, MANDATE_BENCH_DATA elsewhere) and reused.
"""

import argparse
import gc
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import mandate
from mandate import _mandate

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build-release"
AS_OF = "2019-03-31"


def facts_directory(scale: str) -> Path:
    data = Path(os.environ.get("MANDATE_BENCH_DATA", BUILD / "bench-data"))
    directory = data / scale
    if not (directory / "generator.txt").exists():
        generator = BUILD / "benchmarks" / "mandate_generate_facts"
        print(f"generating the {scale} facts into {directory} ...", file=sys.stderr)
        subprocess.run([str(generator), "--scale", scale, str(directory)], check=True)
    return directory


def timed(call, repeat: int):
    """Median and all of `repeat` wall-clock timings of call(), in seconds;
    each result is dropped, untimed, before the next call."""
    seconds = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        value = call()
        seconds.append(time.perf_counter() - start)
        del value
    return statistics.median(seconds), seconds


def load(plan, scale: str):
    facts = mandate.Facts(plan)
    start = time.perf_counter()
    report = facts.load(facts_directory(scale))
    print(f"{scale}: {report.rows_added:,} facts loaded in {time.perf_counter() - start:.2f} s "
          f"through Python ({facts.event_count:,} events)")
    return facts


def province(plan, repeat: int, threads: int) -> None:
    facts = load(plan, "province")
    for explain in (True, False):
        options = dict(as_of=AS_OF, years=2018, explain=explain, threads=threads)
        mandate.evaluate(facts, **options)  # warm-up: helper threads, arenas
        # Alternating, so that both see the same load on the machine.
        python, cxx = [], []
        for _ in range(repeat):
            python.append(timed(lambda: mandate.evaluate(facts, **options), 1)[0])
            gc.collect()
            cxx += _mandate._time_evaluate(facts._core, (2019, 3, 31), [2018], threads, explain, 1)
        python_median, cxx_median = statistics.median(python), statistics.median(cxx)
        verdicts = len(mandate.evaluate(facts, **options))
        print(f"  province, explain={explain!s:5}, {threads} thread(s): {verdicts:,} verdicts; "
              f"Python {python_median * 1e3:.2f} ms (best {min(python) * 1e3:.2f}), "
              f"C++ {cxx_median * 1e3:.2f} ms (best {min(cxx) * 1e3:.2f}): "
              f"{(python_median / cxx_median - 1) * 100:+.1f} % (target within 10 %)")


def national(plan, repeat: int, threads: int) -> None:
    facts = load(plan, "national")
    options = dict(as_of=AS_OF, years=2018, explain=False, threads=threads)
    mandate.evaluate(facts, **options).to_frame()  # warm-up: pandas' first use
    # Each repetition evaluates, then makes the frame of that result, so that
    # both see the same load on the machine.
    evaluation, frame, ratio = [], [], []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = mandate.evaluate(facts, **options)
        middle = time.perf_counter()
        table = result.to_frame()
        end = time.perf_counter()
        evaluation.append(middle - start)
        frame.append(end - middle)
        ratio.append((end - middle) / (middle - start))
        del table
    columns, _ = timed(result.columns, repeat)
    one_by_one, _ = timed(lambda: result.verdicts[:1000], repeat)
    print(f"  national, explain=False, {threads} thread(s): {len(result):,} verdicts; "
          f"evaluate {statistics.median(evaluation) * 1e3:.1f} ms (best {min(evaluation) * 1e3:.1f}), "
          f"to_frame {statistics.median(frame) * 1e3:.1f} ms (best {min(frame) * 1e3:.1f}): "
          f"{statistics.median(ratio) * 100:.1f} % of the evaluation (median of the ratios; "
          f"target under 20 %); columns() {columns * 1e3:.1f} ms; 1,000 Verdicts one by one "
          f"{one_by_one * 1e3:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["province", "national", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    plan = mandate.load_plan(ROOT / "examples" / "shangluo-2018" / "shangluo.plan")
    print(f"mandate {mandate.__version__} ({Path(_mandate.__file__).name}), Python "
          f"{sys.version.split()[0]} ({sys.executable}), median of {args.repeat}")
    if args.scale in ("province", "both"):
        province(plan, args.repeat, args.threads)
    if args.scale in ("national", "both"):
        national(plan, args.repeat, args.threads)


if __name__ == "__main__":
    main()
