"""Scenarios: files of facts and the verdicts they must produce
(docs/scenarios.md), run as ``mandate test`` runs them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from . import _convert
from . import _mandate as _core


@dataclass(frozen=True)
class Expectation:
    """An ``expect`` line of a scenario: the verdict it names and the outcome
    (and detail, days, missing facts, withholding sanctions, escalation,
    notices and consequences) it requires."""

    kind: str
    rule: str
    subject: str
    year: int
    outcome: str
    detail: Optional[str]
    days: Optional[int]
    missing: Tuple[str, ...]
    withheld_by: Tuple[str, ...]
    escalates_to: Tuple[str, ...]
    notice_by: Tuple[str, ...]
    consequences: Tuple[str, ...]
    line: int


@dataclass(frozen=True)
class ExpectationResult:
    """Whether an expectation held; ``difference`` says what was found instead."""

    expectation: Expectation
    passed: bool
    difference: str


@dataclass(frozen=True)
class ScenarioProblem:
    """Why a scenario could not run as written, with file and line."""

    file: str
    line: int
    message: str
    #: ``M0020`` a file that cannot be read, ``M0023`` facts that gave
    #: nothing, a plan's or a fact row's code; None for a line of the
    #: scenario that does not read.
    code: Optional[str] = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: error{f'[{self.code}]' if self.code else ''}: {self.message}"


@dataclass(frozen=True)
class ScenarioResult:
    """One scenario file: its problems and the result of each expectation."""

    file: str
    name: str
    problems: Tuple[ScenarioProblem, ...]
    results: Tuple[ExpectationResult, ...]

    @property
    def passed(self) -> bool:
        """Whether it ran and every expectation held."""
        return not self.problems and all(r.passed for r in self.results)

    @classmethod
    def _from_core(cls, d: Dict[str, Any]) -> "ScenarioResult":
        results = []
        for r in d["results"]:
            e = r["expectation"]
            lists = ("missing", "withheld_by", "escalates_to", "notice_by", "consequences")
            expectation = Expectation(**{**e, **{name: tuple(e[name]) for name in lists}})
            results.append(ExpectationResult(expectation, r["passed"], r["difference"]))
        return cls(d["file"], d["name"], tuple(ScenarioProblem(**p) for p in d["errors"]),
                   tuple(results))


@dataclass(frozen=True)
class ScenarioRun:
    """The scenarios run, in file-name order; ``str()`` is the report
    ``mandate test`` prints."""

    results: Tuple[ScenarioResult, ...]
    text: str

    @property
    def passed(self) -> bool:
        """Whether every scenario passed."""
        return all(r.passed for r in self.results)

    @property
    def failed(self) -> List[ScenarioResult]:
        """The scenarios that did not pass."""
        return [r for r in self.results if not r.passed]

    def __str__(self) -> str:
        return self.text


def run_scenarios(*paths: _convert.PathLike) -> ScenarioRun:
    """Runs scenario files (``*.scenario``, or every one under a directory):
    each loads its plan and facts, evaluates and compares the verdicts with
    its expectations. The GIL is released while they run.

    >>> import mandate
    >>> run = mandate.run_scenarios("examples/shangluo-2018/scenarios")
    >>> run.passed, run.results[0].name
    (True, 'a1-a3-action-targets')
    """
    if not paths:
        raise TypeError("run_scenarios: expected at least one path")
    files: List[str] = []
    for path in paths:
        text = _convert.path(path, "paths")
        if os.path.isdir(text):
            for folder, _, names in os.walk(text):
                files += [os.path.join(folder, n) for n in names if n.endswith(".scenario")]
        else:
            files.append(text)
    if not files:
        raise ValueError(f"no *.scenario file found in {', '.join(map(str, paths))}")
    results, text = _core.run_scenarios(sorted(files))
    return ScenarioRun(tuple(ScenarioResult._from_core(r) for r in results), text)
