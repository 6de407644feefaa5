#!/usr/bin/env python3
"""Loads the Shangluo plan and its bundled 2018 facts, evaluates them as of
2019-03-31 and prints the violations by body and rule (pandas).

    PYTHONPATH=build/python python3 examples/python/violations_summary.py

(or, with the package installed, python3 examples/python/violations_summary.py).
"""

from pathlib import Path

import pandas as pd

import mandate

EXAMPLE = Path(__file__).resolve().parents[1] / "shangluo-2018"

plan = mandate.load_plan(EXAMPLE / "shangluo.plan")
facts = mandate.Facts(plan)
report = facts.load(EXAMPLE / "facts")
print(f"《{plan.title}》: {report.rows_added} facts loaded")

result = mandate.evaluate(facts, as_of="2019-03-31", years=2018, explain=False)
frame = result.to_frame()
violations = frame[frame.violation]
print(f"{len(frame)} verdicts, {len(violations)} violations or sanctions that apply\n")

# Violations by body (rows) and rule (columns), bodies with the most first.
table = pd.crosstab(violations.subject.astype(str), violations.rule.astype(str))
table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
with pd.option_context("display.max_columns", None, "display.width", 250,
                       "display.unicode.east_asian_width", True):
    print(table.to_string())

print("\nby outcome:")
print(violations.outcome.value_counts().loc[lambda counts: counts > 0].to_string())

# Why is the first one a violation? Explanations are computed on request.
first = violations.iloc[0]
print(f"\nwhy {first.rule} · {first.subject} · {first.period} is {first.outcome}:")
detail = None if pd.isna(first.detail) else first.detail
print(result.explain(first.rule, first.subject, int(first.year), detail, first.period))
