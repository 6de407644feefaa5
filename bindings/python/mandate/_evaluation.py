"""Evaluation: a plan's facts → verdicts, one at a time, as columns or a
DataFrame, explained on request, and compared between two runs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import (Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union,
                    overload)

from . import _convert
from . import _mandate as _core
from ._errors import EvaluationError
from ._facts import Facts
from ._plan import Plan
from ._types import Diagnostic, Explanation, Verdict


def evaluate(facts: Facts, *, as_of: _convert.DateLike,
             years: Union[int, Sequence[int], None] = None,
             parameters: Optional[Mapping[str, Any]] = None, threads: int = 1,
             explain: bool = True, subjects: Union[str, Sequence[str], None] = None) -> "Result":
    """Evaluates every stage, target, goal, sanction, award and quota of the
    facts' plan.

    - ``as_of``: the date of the evaluation (``"2019-03-31"`` or a
      ``datetime.date``); deadlines after it are pending.
    - ``years``: the assessment years (an int or several); None means every
      year of the plan begun by ``as_of``.
    - ``parameters``: overrides of the plan's parameters, ``{"后N位": 5}``;
      a str is taken in plan syntax (``"95%"``, ``"rolling(365 days)"``).
    - ``threads``: worker threads, 1 to 256; the result is the same for any count.
    - ``explain``: False leaves the explanations out, for bulk runs;
      ``Result.explain`` computes one afterwards.
    - ``subjects``: only the verdicts about these bodies or units.

    The GIL is released while it runs, so several Python threads can
    evaluate at once. Raises :class:`EvaluationError` for a parameter or
    year the plan does not accept.

    >>> import mandate
    >>> plan = mandate.load_plan("examples/shangluo-2018/shangluo.plan")
    >>> facts = mandate.Facts(plan)
    >>> _ = facts.load("examples/shangluo-2018/facts")
    >>> result = mandate.evaluate(facts, as_of="2019-03-31", years=2018)
    >>> print(result.verdict("县区方案备案", "商南县", 2018))
    [missed] 县区方案备案 · 商南县 · 2018 [B3a 三(一)3]
    """
    _convert.expect(facts, Facts, "facts", "mandate.Facts")
    date = _convert.date(as_of, "as_of")
    threads = _convert.threads(threads)
    _convert.expect(explain, bool, "explain", "a bool")
    core, errors = _core.evaluate(facts._core, date, _convert.years(years),
                                  _convert.parameters(parameters), threads, explain,
                                  _convert.names(subjects, "subjects"))
    diagnostics = [Diagnostic._from_core(d) for d in errors]
    if core is None:
        shown = "\n".join(str(d) for d in diagnostics)
        raise EvaluationError(f"the evaluation did not run:\n{shown}", diagnostics)
    return Result(core, facts)


class VerdictList(Sequence[Verdict]):
    """The verdicts of a result, in the report's order (by kind, rule in plan
    order, year, subject, detail). A :class:`Verdict` is built when it is
    read, so a bulk result costs nothing here until it is used.

    >>> import mandate
    >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
    >>> _ = facts.load("examples/shangluo-2018/facts")
    >>> verdicts = mandate.evaluate(facts, as_of="2019-03-31", years=2018).verdicts
    >>> verdicts[0].kind
    'deadline'
    """

    def __init__(self, core: Any) -> None:
        self._core = core

    def __len__(self) -> int:
        return len(self._core)

    @overload
    def __getitem__(self, index: int) -> Verdict: ...

    @overload
    def __getitem__(self, index: slice) -> List[Verdict]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[Verdict, List[Verdict]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        _convert.expect(index, int, "index", "an int or a slice")
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("verdict index out of range")
        return Verdict._from_core(self._core.verdict(index))

    def __iter__(self) -> Iterator[Verdict]:
        for i in range(len(self)):
            yield self[i]

    def __repr__(self) -> str:
        return f"<mandate.VerdictList of {len(self)} verdicts>"


class Result:
    """The verdicts of one evaluation. It keeps its facts and plan alive, and
    stays valid when more facts are loaded later (it shows the facts it
    saw). Read it one verdict at a time (``verdicts``), as columns
    (``columns()``, numpy) or as a DataFrame (``to_frame()``, pandas).

    >>> import mandate
    >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
    >>> _ = facts.load("examples/shangluo-2018/facts")
    >>> result = mandate.evaluate(facts, as_of="2019-03-31", years=2018, explain=False)
    >>> len(result) == len(result.verdicts), result.explained
    (True, False)
    """

    def __init__(self, core: Any, facts: Facts) -> None:
        self._core = core
        self._facts = facts

    @property
    def facts(self) -> Facts:
        """The facts evaluated."""
        return self._facts

    @property
    def plan(self) -> Plan:
        """The plan evaluated."""
        return self._facts.plan

    @property
    def as_of(self) -> datetime.date:
        """The date of the evaluation."""
        return datetime.date(*self._core.as_of)

    @property
    def years(self) -> List[int]:
        """The assessment years."""
        return self._core.years

    @property
    def parameters(self) -> Dict[str, str]:
        """Every parameter's value in this evaluation, in plan syntax."""
        return {name: value for name, value, _ in self._core.parameters}

    @property
    def overrides(self) -> Dict[str, str]:
        """The parameters this evaluation overrode, with their values."""
        return {name: value for name, value, overridden in self._core.parameters if overridden}

    @property
    def explained(self) -> bool:
        """Whether the verdicts carry their explanations (``explain=True``)."""
        return self._core.explained

    @property
    def verdicts(self) -> VerdictList:
        """Every verdict, built as it is read."""
        return VerdictList(self._core)

    def __len__(self) -> int:
        return len(self._core)

    def _rows(self, rule: str, subject: str, year: int, detail: Optional[str],
              period: Optional[str]) -> List[int]:
        _convert.expect(rule, str, "rule", "a str")
        _convert.expect(subject, str, "subject", "a str")
        _convert.expect(year, int, "year", "an int")
        for value, what in ((detail, "detail"), (period, "period")):
            if value is not None:
                _convert.expect(value, str, what, "a str or None")
        return self._core.find(rule, subject, year, detail, period)

    def verdict(self, rule: str, subject: str, year: int, detail: Optional[str] = None,
                period: Optional[str] = None) -> Verdict:
        """The verdict about ``rule`` (a stage, rule or quota), ``subject`` (a
        name or alias) and ``year``; ``detail`` and ``period`` (``2019-Q2``)
        pick one when there are several (deliverables, candidates, the
        periods of a recurring stage). ``LookupError`` when there is none or
        more than one.

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> _ = facts.load("examples/shangluo-2018/facts")
        >>> result = mandate.evaluate(facts, as_of="2019-03-31", years=2018)
        >>> result.verdict("县区方案备案", "商南县", 2018).outcome
        'missed'
        """
        rows = self._rows(rule, subject, year, detail, period)
        if len(rows) == 1:
            return self.verdicts[rows[0]]
        asked = " · ".join([rule, subject, str(year)] + [v for v in (period, detail) if v])
        if not rows:
            raise LookupError(f"no verdict about {asked}")
        choices = ", ".join(f"detail={row[3]!r} period={row[7]!r}"
                            for row in (self._core.row(i) for i in rows))
        raise LookupError(f"{len(rows)} verdicts about {asked}: give one of {choices}")

    def explain(self, rule: str, subject: str, year: int, detail: Optional[str] = None,
                period: Optional[str] = None) -> Explanation:
        """The explanation of one verdict (see :meth:`verdict`). When the
        evaluation left explanations out, the subject is evaluated again
        alone, with the same date, years and parameters, which gives the same
        verdict with its tree.

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> _ = facts.load("examples/shangluo-2018/facts")
        >>> result = mandate.evaluate(facts, as_of="2019-03-31", years=2018, explain=False)
        >>> tree = result.explain("县区方案备案", "商南县", 2018)
        >>> "商南县" in str(tree)
        True
        """
        if self.explained:
            found = self.verdict(rule, subject, year, detail, period)
        else:
            if self._facts._core.generation != self._core.generation:
                raise RuntimeError("the facts changed after this evaluation: evaluate again "
                                   "(with explain=True) to explain its verdicts")
            self.verdict(rule, subject, year, detail, period)  # it exists, and only once
            alone = evaluate(self._facts, as_of=self.as_of, years=[year],
                             parameters=self.overrides, explain=True, subjects=[subject])
            found = alone.verdict(rule, subject, year, detail, period)
        assert found.explanation is not None
        return found.explanation

    def _arrays(self, np: Any) -> Tuple[Dict[str, Any], Dict[str, List[str]]]:
        """The core's columns as numpy arrays of codes and values (no copy),
        with ``clauses`` (codes) and ``violation`` spread over the rows, and
        the texts of the codes."""
        raw = self._core.columns()
        arrays = {name: np.asarray(column) for name, column in raw["values"].items()}
        arrays["clauses"] = np.asarray(raw["rule_clauses"], dtype=np.int32)[arrays["rule"]]
        arrays["violation"] = np.asarray(raw["violation_outcomes"], dtype=bool)[arrays["outcome"]]
        return arrays, raw["categories"]

    def columns(self) -> Dict[str, Any]:
        """The verdicts as numpy arrays, one per field, built in C++ from the
        verdict rows: ``kind``, ``rule``, ``clauses``, ``subject``, ``detail``,
        ``period``, ``outcome`` (object arrays of shared str, None where
        there is none),
        ``year``, ``days`` and ``missing`` (int32: how many facts an
        ``unknown`` verdict lacks; ``verdicts[i].missing`` names them),
        ``has_days`` and ``violation`` (bool). Needs numpy.

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> _ = facts.load("examples/shangluo-2018/facts")
        >>> cols = mandate.evaluate(facts, as_of="2019-03-31", years=2018).columns()
        >>> cols["year"].dtype.name, bool(cols["violation"].any())
        ('int32', True)
        """
        np = _convert.optional_module("numpy", "Result.columns()")
        arrays, categories = self._arrays(np)
        for name, labels in categories.items():
            # Code -1 (none) picks the None at the end.
            arrays[name] = np.array(list(labels) + [None], dtype=object)[arrays[name]]
        return arrays

    def to_frame(self) -> Any:
        """The verdicts as a pandas DataFrame, one row per verdict in the
        report's order (the index matches ``verdicts``): categorical
        ``kind``, ``rule``, ``clauses``, ``detail``, ``period`` and
        ``outcome``, str
        ``subject`` (mostly distinct), int ``year``, nullable int ``days``,
        bool ``violation`` and int ``missing`` (how many facts an ``unknown``
        verdict lacks). Built from columns, not from Verdict objects. Needs
        pandas.

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> _ = facts.load("examples/shangluo-2018/facts")
        >>> frame = mandate.evaluate(facts, as_of="2019-03-31", years=2018).to_frame()
        >>> frame.loc[frame.subject == "商南县", "rule"].iloc[0]
        '县区方案备案'
        """
        pd = _convert.optional_module("pandas", "Result.to_frame()")
        np = _convert.optional_module("numpy", "Result.to_frame()")
        arrays, categories = self._arrays(np)
        data: Dict[str, Any] = {}
        for name in ("kind", "rule", "clauses", "subject", "detail", "year", "period", "outcome",
                     "days", "violation", "missing"):
            if name == "subject":
                # Mostly distinct (41,607 subjects in 70,351 verdicts at national
                # scale): plain str, as a categorical costs more than it saves.
                data[name] = np.array(categories[name], dtype=object)[arrays[name]]
            elif name in categories:
                data[name] = pd.Categorical.from_codes(arrays[name], categories=categories[name])
            elif name == "days":
                data[name] = pd.arrays.IntegerArray(arrays["days"], ~arrays["has_days"])
            else:
                data[name] = arrays[name]
        return pd.DataFrame(data, copy=False)

    def to_text(self, explanations: bool = True) -> str:
        """The text report, as ``mandate eval`` prints it.

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> _ = facts.load("examples/shangluo-2018/facts")
        >>> text = mandate.evaluate(facts, as_of="2019-03-31", years=2018).to_text(False)
        >>> "[missed] 县区方案备案 · 商南县 · 2018 [B3a 三(一)3]" in text
        True
        """
        _convert.expect(explanations, bool, "explanations", "a bool")
        return self._core.text(explanations)

    def to_json(self) -> str:
        """The JSON report, as ``mandate eval --json`` writes it.

        >>> import mandate, json
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> report = json.loads(mandate.evaluate(facts, as_of="2019-03-31", years=2018).to_json())
        >>> report["years"]
        [2018]
        """
        return self._core.json()

    def __repr__(self) -> str:
        years = ", ".join(str(y) for y in self.years)
        return (f"<mandate.Result: {len(self)} verdicts for 《{self._core.plan_title}》, "
                f"years {years}, as of {self.as_of.isoformat()}>")


@dataclass(frozen=True)
class Change:
    """A verdict that differs between two results: its outcome and days
    ``before`` and ``after`` (None on the side where there is no such
    verdict)."""

    kind: str
    rule: str
    subject: str
    detail: Optional[str]
    year: int
    period: str
    before: Optional[str]
    after: Optional[str]
    days_before: Optional[int] = None
    days_after: Optional[int] = None

    def __str__(self) -> str:
        def side(outcome: Optional[str], days: Optional[int]) -> str:
            if outcome is None:
                return "—"
            return outcome + (f" ({days} days)" if days is not None else "")
        parts = [self.rule, self.subject, self.period] + ([self.detail] if self.detail else [])
        return (f"{' · '.join(parts)}: {side(self.before, self.days_before)} → "
                f"{side(self.after, self.days_after)}")


class Comparison(Sequence[Change]):
    """What changed between two results (a what-if): every verdict whose
    outcome or days differ, or that only one side has, in the order of the
    second result and then the verdicts the second result no longer has."""

    def __init__(self, before: Result, after: Result, changes: List[Change]) -> None:
        self.before = before
        self.after = after
        self._changes = changes

    def __len__(self) -> int:
        return len(self._changes)

    @overload
    def __getitem__(self, index: int) -> Change: ...

    @overload
    def __getitem__(self, index: slice) -> List[Change]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[Change, List[Change]]:
        return self._changes[index]

    def to_frame(self) -> Any:
        """The changes as a pandas DataFrame, one row per change. Needs pandas.

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> _ = facts.load("examples/shangluo-2018/facts")
        >>> base = mandate.evaluate(facts, as_of="2019-03-31", years=2018, explain=False)
        >>> fewer = mandate.evaluate(facts, as_of="2019-03-31", years=2018, explain=False,
        ...                          parameters={"后N位": 5})
        >>> mandate.compare(base, fewer).to_frame()[["subject", "before", "after"]].iloc[0].tolist()
        ['商南县', 'applies', 'does_not_apply']
        """
        pd = _convert.optional_module("pandas", "Comparison.to_frame()")
        frame = pd.DataFrame([vars(c) for c in self._changes], columns=list(Change.__annotations__))
        for name in ("days_before", "days_after"):
            frame[name] = frame[name].astype("Int32")
        return frame

    def __str__(self) -> str:
        return "\n".join(str(c) for c in self._changes) or "no verdict changed"

    def __repr__(self) -> str:
        return f"<mandate.Comparison: {len(self)} changed verdicts>"


def compare(before: Result, after: Result) -> Comparison:
    """The verdicts that differ between two results, matched by kind, rule,
    subject, detail and period: a what-if on parameters or facts.

    >>> import mandate
    >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
    >>> _ = facts.load("examples/shangluo-2018/facts")
    >>> base = mandate.evaluate(facts, as_of="2019-03-31", years=2018, explain=False)
    >>> lenient = mandate.evaluate(facts, as_of="2019-03-31", years=2018, explain=False,
    ...                            parameters={"截止日含当日": True, "节假日顺延": True})
    >>> isinstance(mandate.compare(base, lenient), mandate.Comparison)
    True
    """
    _convert.expect(before, Result, "before", "mandate.Result")
    _convert.expect(after, Result, "after", "mandate.Result")
    changes = []
    for i, j in before._core.compare(after._core):
        old = before._core.row(i) if i >= 0 else None
        new = after._core.row(j) if j >= 0 else None
        kind, rule, subject, detail, year = (new or old)[:5]
        changes.append(Change(kind, rule, subject, detail, year, (new or old)[7],
                              old[5] if old else None, new[5] if new else None,
                              old[6] if old else None, new[6] if new else None))
    return Comparison(before, after, changes)
