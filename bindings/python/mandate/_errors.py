"""The exceptions mandate raises. Each carries the structured data behind
its message: diagnostics with code, file, line and column, rejected rows.

A bad argument type is a plain ``TypeError`` and a bad argument value a
plain ``ValueError``; a file that cannot be read is an ``OSError``
(``FileNotFoundError``, …).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List

if TYPE_CHECKING:  # pragma: no cover
    from ._types import Diagnostic, LoadReport, RejectedRow


class MandateError(Exception):
    """Base class of the errors that mandate raises about plans, facts and
    evaluations.

    >>> import mandate
    >>> issubclass(mandate.PlanError, mandate.MandateError)
    True
    """


class PlanError(MandateError, ValueError):
    """A plan with errors. ``diagnostics`` lists every error and warning,
    each with its code, file, line, column and message; ``str()`` shows them
    as the command line does, with the source line and a caret.

    >>> import mandate
    >>> try:
    ...     mandate.parse_plan('plan "x" { years 2018..2020 }', name="x.plan")
    ... except mandate.PlanError as error:
    ...     print(error.diagnostics[0].code, error.diagnostics[0].line)
    M0001 1
    """

    def __init__(self, message: str, diagnostics: List["Diagnostic"]) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics

    @property
    def errors(self) -> List["Diagnostic"]:
        """The diagnostics of severity ``error``."""
        return [d for d in self.diagnostics if d.severity == "error"]


class FactsError(MandateError, ValueError):
    """Facts that were rejected. With ``errors="raise"`` (the default) a load
    with any bad row adds nothing, and this lists every bad row.

    >>> import mandate
    >>> plan = mandate.load_plan("examples/shangluo-2018/shangluo.plan")
    >>> facts = mandate.Facts(plan)
    >>> try:
    ...     facts.add_events([{"date": "2018-02-30", "event": "通报", "unit": "商南县"}])
    ... except mandate.FactsError as error:
    ...     print(error.rejected[0].line, error.rejected[0].message)
    1 date: 2018-02-30 does not exist (2018-02 has 28 days)
    """

    def __init__(self, message: str, report: "LoadReport") -> None:
        super().__init__(message)
        self.report = report

    @property
    def rejected(self) -> List["RejectedRow"]:
        """The rows that were not taken, each with file, line, column and message."""
        return list(self.report.rejected)


class EvaluationError(MandateError, ValueError):
    """An evaluation that could not run: a parameter override the plan does
    not accept, a year outside the plan. ``diagnostics`` says why. (Missing
    facts never raise: they make verdicts ``unknown``.)

    >>> import mandate
    >>> plan = mandate.load_plan("examples/shangluo-2018/shangluo.plan")
    >>> try:
    ...     mandate.evaluate(mandate.Facts(plan), as_of="2019-03-31", years=2030)
    ... except mandate.EvaluationError as error:
    ...     print(error.diagnostics[0].code)
    M0019
    """

    def __init__(self, message: str, diagnostics: List["Diagnostic"]) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


class GraphLookupError(MandateError, LookupError):
    """A responsibility-graph query about a name the graph does not know, or
    of the wrong sort; the message suggests a close name.

    >>> import mandate
    >>> graph = mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph()
    >>> try:
    ...     graph.holders("平安医")
    ... except mandate.GraphLookupError as error:
    ...     print("平安医院" in str(error))
    True
    """


class InternalError(MandateError, RuntimeError):
    """A fault inside mandate itself (never the caller's input). Please
    report it with the message.

    >>> import mandate
    >>> issubclass(mandate.InternalError, RuntimeError)
    True
    """
