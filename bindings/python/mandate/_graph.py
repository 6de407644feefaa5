"""The responsibility graph (docs/graph.md): who leads, helps and answers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from . import _convert
from . import _mandate as _core
from ._types import Clause, _clauses, _date


@dataclass(frozen=True)
class Role:
    """An edge from a body: its ``role`` (``lead``, ``cooperate``,
    ``obligated``, ``files_with``, …) in ``target`` (a programme, stage, rule
    or body), through the group or parameter ``via`` names, and the plan
    statement that creates it."""

    body: str
    role: str
    target: str
    target_sort: str
    via: str
    for_programme: str
    stage: str
    citations: Tuple[Clause, ...]
    statement: str


@dataclass(frozen=True)
class AgendaItem:
    """A duty that falls in a year: the stage, when (``first`` and ``last``
    day, None when the stage gives no date), the body's role in it."""

    first: Optional[datetime.date]
    last: Optional[datetime.date]
    when: str
    stage: str
    role: str
    programme: str
    citations: Tuple[Clause, ...]


@dataclass(frozen=True)
class EscalationStep:
    """One step of an escalation: ``to`` oversees or decides what ``from_``
    failed; steps of one level are alternatives."""

    level: int
    from_: str
    to: str
    via: str
    citations: Tuple[Clause, ...]
    statement: str
    #: A role held ``using`` instruments (四(四): 通报, 约谈, 督办): those ``to``
    #: may use against ``from_``, and the sanctions about ``from_`` that count them.
    instruments: Tuple[str, ...] = ()
    feeds: Tuple[str, ...] = ()
    #: A line the facts give (a unit's ``reports_to``), not the plan.
    from_facts: bool = False

    def __str__(self) -> str:
        cited = "; ".join(str(c) for c in self.citations)
        used = f" using {'、'.join(self.instruments)}" if self.instruments else ""
        return f"{self.from_} → {self.to} ({self.via}{used})" + (f" [{cited}]" if cited else "")


@dataclass(frozen=True)
class Escalation:
    """Who must be chased when ``body`` fails ``stage``: the body the stage
    obliges, the one that answers at the plan's level, the steps up to the
    bodies that decide sanctions.

    >>> import mandate
    >>> graph = mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph()
    >>> print(graph.escalate("县区方案备案", "商州区").steps[0])
    商州区 → 市综治办 (files_with) [B3a 三(一)3]
    """

    stage: str
    body: str
    obligated: str
    obligated_via: str
    for_programmes: Tuple[str, ...]
    answerable: str
    steps: Tuple[EscalationStep, ...]
    deciders: Tuple[str, ...]


@dataclass(frozen=True)
class PathStep:
    """One edge of a path; ``forward`` is False when it runs from ``to`` to ``from_``."""

    from_: str
    to: str
    kind: str
    forward: bool
    citations: Tuple[Clause, ...]
    statement: str


@dataclass(frozen=True)
class LeadCount:
    """A body with lead roles: how many programmes and stages it leads, and
    its rank (1 = most; ties share the better rank)."""

    body: str
    leads: int
    rank: int


@dataclass(frozen=True)
class UnboundObligation:
    """An obligation that binds no body, and why."""

    stage: str
    names: str
    reason: str
    citations: Tuple[Clause, ...]


@dataclass(frozen=True)
class Matrix:
    """Bodies × programmes: which body leads, cooperates or is responsible
    (cells ``lead``, ``cooperate``, ``responsible``, joined by ``+``, or ``""``)."""

    programmes: Tuple[str, ...]
    rows: Tuple[Tuple[str, Tuple[str, ...]], ...]

    def to_frame(self) -> Any:
        """The matrix as a pandas DataFrame indexed by body. Needs pandas.

        >>> import mandate
        >>> m = mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph().matrix()
        >>> m.to_frame().loc["市卫计局", "平安医院"]
        'lead'
        """
        pd = _convert.optional_module("pandas", "Matrix.to_frame()")
        return pd.DataFrame([list(cells) for _, cells in self.rows],
                            index=pd.Index([body for body, _ in self.rows], name="body"),
                            columns=list(self.programmes))


def _with_citations(d: Dict[str, Any]) -> Dict[str, Any]:
    return {**d, "citations": _clauses(d["citations"])}


def _step(d: Dict[str, Any]) -> "EscalationStep":
    return EscalationStep(**{**_with_citations(d), "instruments": tuple(d["instruments"]),
                             "feeds": tuple(d["feeds"])})


class Graph:
    """The responsibility graph of a plan (and the units of its facts), from
    :meth:`Plan.graph`. Immutable; queries are safe from many threads. A
    name the graph does not know raises :class:`GraphLookupError` with a
    suggestion.

    >>> import mandate
    >>> graph = mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph()
    >>> graph.holders("平安医院")
    ['市卫计局']
    """

    def __init__(self, core: Any) -> None:
        self._core = core

    @property
    def vertex_count(self) -> int:
        """Bodies, units, programmes, stages and rules."""
        return self._core.vertex_count

    @property
    def edge_count(self) -> int:
        """Roles, obligations, reporting lines, …"""
        return self._core.edge_count

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._core.sort(name) is not None

    def sort(self, name: str) -> Optional[str]:
        """``body``, ``programme``, ``stage`` or ``rule``; None when unknown.

        >>> import mandate
        >>> mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph().sort("平安医院")
        'programme'
        """
        _convert.expect(name, str, "name", "a str")
        return self._core.sort(name)

    def holders(self, target: str, role: str = "lead") -> List[str]:
        """The bodies holding ``role`` (``lead``, ``cooperate``,
        ``responsible``, ``approves``, …) in a programme or stage, in plan
        order; a stage that names nobody inherits from its programmes.

        >>> import mandate
        >>> graph = mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph()
        >>> graph.holders("平安医院", "cooperate")[:2]
        ['市公安局', '市物价局']
        """
        _convert.expect(target, str, "target", "a str")
        self._check_role(role)
        return self._core.holders(target, role)

    def roles_in(self, target: str) -> List[Role]:
        """Every edge into a programme, stage or rule.

        >>> import mandate
        >>> graph = mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph()
        >>> graph.roles_in("平安医院")[0].role
        'lead'
        """
        _convert.expect(target, str, "target", "a str")
        return [Role(**_with_citations(d)) for d in self._core.roles_in(target)]

    def roles_of(self, body: str) -> List[Role]:
        """Every edge out of a body.

        >>> import mandate
        >>> graph = mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph()
        >>> any(r.target == "平安医院" for r in graph.roles_of("市卫计局"))
        True
        """
        _convert.expect(body, str, "body", "a str")
        return [Role(**_with_citations(d)) for d in self._core.roles_of(body)]

    def agenda(self, body: str, year: int) -> List[AgendaItem]:
        """The body's duties in ``year``, in date order (undated ones last).

        >>> import mandate
        >>> graph = mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph()
        >>> graph.agenda("商南县", 2018)[0].first
        datetime.date(2018, 3, 20)
        """
        _convert.expect(body, str, "body", "a str")
        _convert.expect(year, int, "year", "an int")
        return [AgendaItem(**{**_with_citations(d), "first": _date(d["first"]),
                              "last": _date(d["last"])})
                for d in self._core.agenda(body, year)]

    def escalate(self, stage: str, body: str) -> Escalation:
        """Who must be chased when ``body`` fails ``stage``, up to the bodies
        that decide sanctions.

        >>> import mandate
        >>> graph = mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph()
        >>> graph.escalate("县区方案备案", "商南县").answerable
        '商南县'
        """
        _convert.expect(stage, str, "stage", "a str")
        _convert.expect(body, str, "body", "a str")
        d = self._core.escalate(stage, body)
        steps = tuple(_step(s) for s in d["steps"])
        return Escalation(**{**d, "for_programmes": tuple(d["for_programmes"]), "steps": steps,
                             "deciders": tuple(d["deciders"])})

    def path(self, source: str, target: str, *, directed: bool = True) -> List[PathStep]:
        """A shortest path between two vertices (empty when there is none);
        ``directed=False`` ignores the edges' directions.

        >>> import mandate
        >>> graph = mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph()
        >>> [s.to for s in graph.path("商南县", "市综治委")][-1]
        '市综治委'
        """
        _convert.expect(source, str, "source", "a str")
        _convert.expect(target, str, "target", "a str")
        _convert.expect(directed, bool, "directed", "a bool")
        return [PathStep(**_with_citations(d)) for d in self._core.path(source, target, not directed)]

    def idle_bodies(self) -> List[str]:
        """Bodies with no duty at all, in plan order.

        >>> import mandate
        >>> isinstance(mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph().idle_bodies(), list)
        True
        """
        return self._core.idle_bodies()

    def lead_ranking(self) -> List[LeadCount]:
        """Bodies with lead roles, most first.

        >>> import mandate
        >>> ranking = mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph().lead_ranking()
        >>> ranking[0].rank
        1
        """
        return [LeadCount(**d) for d in self._core.lead_ranking()]

    def unbound_obligations(self) -> List[UnboundObligation]:
        """Obligations that bind no body.

        >>> import mandate
        >>> mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph().unbound_obligations()
        []
        """
        return [UnboundObligation(**_with_citations(d)) for d in self._core.unbound_obligations()]

    def matrix(self) -> Matrix:
        """Bodies × programmes with lead, cooperate and responsible roles.

        >>> import mandate
        >>> m = mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph().matrix()
        >>> "平安医院" in m.programmes
        True
        """
        programmes, rows = self._core.matrix()
        return Matrix(tuple(programmes), tuple((body, tuple(cells)) for body, cells in rows))

    def to_dot(self, focus: Optional[str] = None, kinds: Optional[Sequence[str]] = None) -> str:
        """Graphviz DOT text: the whole graph, or ``focus`` and its
        neighbours; only the edge ``kinds`` given (all when None).

        >>> import mandate
        >>> dot = mandate.load_plan("examples/shangluo-2018/shangluo.plan").graph().to_dot("平安医院")
        >>> dot.startswith("digraph")
        True
        """
        if focus is not None:
            _convert.expect(focus, str, "focus", "a str or None")
        names = _convert.names(kinds, "kinds")
        for kind in names:
            self._check_role(kind)
        return self._core.to_dot(focus or "", names)

    @staticmethod
    def _check_role(role: Any) -> None:
        _convert.expect(role, str, "role", "a str")
        if role not in _EDGE_KINDS:
            raise ValueError(f"role: expected one of {', '.join(_EDGE_KINDS)}, got {role!r}")

    def __repr__(self) -> str:
        return f"<mandate.Graph: {self.vertex_count} vertices, {self.edge_count} edges>"


_EDGE_KINDS: Tuple[str, ...] = tuple(_core.edge_kinds())
