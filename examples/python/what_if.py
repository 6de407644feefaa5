#!/usr/bin/env python3
"""A what-if on a parameter of the Shangluo plan: S1 sanctions the counties
and towns ranked in the bottom 后N位 (10) of the province's 两率一度 score.
What if the plan said 5? Evaluates both and prints the verdicts that change.

    PYTHONPATH=build/python python3 examples/python/what_if.py [N]
"""

import sys
from pathlib import Path

import mandate

EXAMPLE = Path(__file__).resolve().parents[1] / "shangluo-2018"
n = int(sys.argv[1]) if len(sys.argv) > 1 else 5

plan = mandate.load_plan(EXAMPLE / "shangluo.plan")
facts = mandate.Facts(plan)
facts.load(EXAMPLE / "facts")
print(f"后N位: {plan.parameters['后N位'].doc or 'the bottom N of a ranking'}")
print(f"the plan says {plan.parameters['后N位'].default}; what if it said {n}?\n")

as_written = mandate.evaluate(facts, as_of="2019-03-31", years=2018, explain=False)
what_if = mandate.evaluate(facts, as_of="2019-03-31", years=2018, explain=False,
                           parameters={"后N位": n})
changes = mandate.compare(as_written, what_if)
print(f"{len(changes)} verdicts change:")
for change in changes:
    print(f"  {change}")

try:
    frame = changes.to_frame()
except ImportError as missing:  # pandas is optional
    print(f"\n({missing})")
else:
    print("\nby rule and new outcome:")
    print(frame.groupby(["rule", "after"]).size().to_string())
