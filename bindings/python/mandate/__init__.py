"""mandate: an engine for Chinese government implementation plans (实施方案).

Load a plan, load its facts, evaluate, and read the verdicts with their
explanations::

    import mandate as md
    plan = md.load_plan("examples/shangluo-2018/shangluo.plan")
    facts = md.Facts(plan)
    facts.load("examples/shangluo-2018/facts")
    result = md.evaluate(facts, as_of="2019-03-31", years=2018)
    result.to_frame()                                  # pandas, one row per verdict
    print(result.explain("县区方案备案", "商南县", 2018))

docs/python.md is the guide. pandas and numpy are optional: only
``Result.to_frame``, ``Result.columns`` and the other ``to_frame`` methods
need them.
"""

from ._errors import (EvaluationError, FactsError, GraphLookupError, InternalError, MandateError,
                      PlanError)
from ._evaluation import Change, Comparison, Result, VerdictList, compare, evaluate
from ._facts import Facts
from ._graph import (AgendaItem, Escalation, EscalationStep, Graph, LeadCount, Matrix, PathStep,
                     Role, UnboundObligation)
from ._plan import Plan, load_plan, parse_plan
from ._scenarios import (Expectation, ExpectationResult, ScenarioProblem, ScenarioResult,
                         ScenarioRun, run_scenarios)
from ._types import (Clause, Consequence, Diagnostic, EscalationLink, Explanation, FactCitation,
                     FileLoad, LoadReport, Parameter, RejectedRow, Verdict)

__version__ = "0.1.0"

__all__ = [
    "AgendaItem", "Change", "Clause", "Comparison", "Consequence", "Diagnostic", "Escalation",
    "EscalationLink", "EscalationStep", "EvaluationError", "Expectation", "ExpectationResult",
    "Explanation", "FactCitation", "Facts", "FactsError", "FileLoad", "Graph", "GraphLookupError",
    "InternalError", "LeadCount", "LoadReport", "MandateError", "Matrix", "Parameter", "PathStep",
    "Plan", "PlanError", "RejectedRow", "Result", "Role", "ScenarioProblem", "ScenarioResult",
    "ScenarioRun", "UnboundObligation", "Verdict", "VerdictList", "compare", "evaluate",
    "load_plan", "parse_plan", "run_scenarios",
]
