"""Plans: load or parse a plan, and what a checked plan declares."""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union

from . import _convert
from . import _mandate as _core
from ._errors import PlanError
from ._types import Diagnostic, Parameter

if TYPE_CHECKING:  # pragma: no cover
    from ._facts import Facts
    from ._graph import Graph


class Plan:
    """A checked plan: immutable, shared by the facts, results and graphs
    made from it, and safe to use from many threads. Made by
    :func:`load_plan` or :func:`parse_plan`.

    >>> import mandate
    >>> plan = mandate.load_plan("examples/shangluo-2018/shangluo.plan")
    >>> plan.first_year, plan.last_year
    (2018, 2020)
    >>> "商南县" in plan.bodies
    True
    """

    def __init__(self, core: Any, warnings: List[Diagnostic]) -> None:
        if not isinstance(core, _core.PlanCore):
            raise TypeError("Plan objects are made by mandate.load_plan or mandate.parse_plan")
        self._core = core
        self._warnings = warnings

    @property
    def title(self) -> str:
        """The plan's title."""
        return self._core.title

    @property
    def source_name(self) -> str:
        """The file name (or the name given to :func:`parse_plan`)."""
        return self._core.source_name

    @property
    def first_year(self) -> int:
        """The first year the plan is in effect."""
        return self._core.first_year

    @property
    def last_year(self) -> int:
        """The last year the plan is in effect."""
        return self._core.last_year

    @property
    def warnings(self) -> List[Diagnostic]:
        """The checker's warnings (a plan with errors raises PlanError instead)."""
        return list(self._warnings)

    def _names(self, sort: str) -> Tuple[str, ...]:
        return tuple(self._core.names(sort))

    @property
    def kinds(self) -> Tuple[str, ...]:
        """The kinds of body, in plan order."""
        return self._names("kind")

    @property
    def bodies(self) -> Tuple[str, ...]:
        """The bodies the plan declares, in plan order."""
        return self._names("body")

    @property
    def groups(self) -> Tuple[str, ...]:
        """The named groups, in plan order."""
        return self._names("group")

    @property
    def programmes(self) -> Tuple[str, ...]:
        """The programmes, in plan order."""
        return self._names("programme")

    @property
    def stages(self) -> Tuple[str, ...]:
        """The stages (deadlines, campaigns), in plan order."""
        return self._names("stage")

    @property
    def rules(self) -> Tuple[str, ...]:
        """The targets, goals, sanctions and awards, in plan order."""
        return self._names("rule")

    @property
    def quotas(self) -> Tuple[str, ...]:
        """The quota tables, in plan order."""
        return self._names("quota")

    @property
    def events(self) -> Tuple[str, ...]:
        """The kinds of event facts may record (``创建方案``, ``通报``, …)."""
        return self._names("event")

    @property
    def metrics(self) -> Tuple[str, ...]:
        """The metrics measures may give."""
        return self._names("metric")

    @property
    def titles(self) -> Tuple[str, ...]:
        """The titles units may hold."""
        return self._names("title")

    @property
    def parameters(self) -> Dict[str, Parameter]:
        """The points the plan leaves open, by name, with type and default.

        >>> import mandate
        >>> plan = mandate.load_plan("examples/shangluo-2018/shangluo.plan")
        >>> p = plan.parameters["后N位"]
        >>> p.type, p.default
        ('count', '10')
        """
        return {p["name"]: Parameter._from_core(p) for p in self._core.parameters()}

    def summary(self) -> str:
        """A readable overview, as ``mandate summary`` prints it: bodies by
        kind, programmes and their leads, stages by date, sanctions, quotas,
        parameters.

        >>> import mandate
        >>> text = mandate.load_plan("examples/shangluo-2018/shangluo.plan").summary()
        >>> "商南县" in text
        True
        """
        return self._core.summary()

    def graph(self, facts: Optional["Facts"] = None) -> "Graph":
        """The responsibility graph: who leads, helps and answers. With
        ``facts``, the units the facts declare (towns, villages) join the
        plan's bodies.

        >>> import mandate
        >>> plan = mandate.load_plan("examples/shangluo-2018/shangluo.plan")
        >>> plan.graph().holders("平安医院", "cooperate")[:2]
        ['市公安局', '市物价局']
        """
        from ._facts import Facts
        from ._graph import Graph

        if facts is not None:
            _convert.expect(facts, Facts, "facts", "mandate.Facts or None")
            if facts.plan is not self:
                raise ValueError("facts: these facts were loaded for another plan")
        return Graph(_core.build_graph(self._core, facts._core if facts is not None else None))

    def __repr__(self) -> str:
        return (f"<mandate.Plan 《{self.title}》 {self.first_year}–{self.last_year}, "
                f"{len(self.bodies)} bodies, {len(self.stages)} stages, {len(self.rules)} rules>")


def parse_plan(text: Union[str, bytes], name: str = "<string>") -> Plan:
    """Parses and checks a plan's text. Raises :class:`PlanError` listing
    every error (with code, file, line and column) when the plan has any.

    >>> import mandate
    >>> plan = mandate.parse_plan(open("tests/plans/good/minimal.plan", encoding="utf-8").read(),
    ...                           name="minimal.plan")
    >>> plan.source_name
    'minimal.plan'
    """
    if isinstance(text, str):
        data = text.encode("utf-8", "surrogatepass")
    elif isinstance(text, (bytes, bytearray, memoryview)):
        data = bytes(text)
    else:
        raise TypeError(f"text: expected the plan as str or bytes, got {_convert.type_name(text)}")
    _convert.expect(name, str, "name", "a str")
    core, diagnostics = _core.parse_plan(data, name)
    found = [Diagnostic._from_core(d) for d in diagnostics]
    if core is None:
        errors = [d for d in found if d.severity == "error"]
        shown = "\n".join(str(d) for d in found)
        raise PlanError(f"{name}: {len(errors)} error{'s' if len(errors) != 1 else ''}\n{shown}",
                        found)
    return Plan(core, found)


def load_plan(path: _convert.PathLike) -> Plan:
    """Reads, parses and checks a plan file (UTF-8). Raises
    :class:`PlanError` when the plan has errors or the file is over the
    limit of 256 MiB (``M0003``, refused unread), and ``OSError`` when the
    file cannot be read.

    >>> import mandate
    >>> plan = mandate.load_plan("examples/shangluo-2018/shangluo.plan")
    >>> plan.title
    '深化“平安商洛”创建活动实施方案'
    """
    text = _convert.path(path, "path")
    with open(text, "rb") as file:
        # Measured before it is read, as the command line does: a file over
        # the limit costs nothing (docs/reliability.md, "Limits").
        info = os.fstat(file.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_size > _core.max_plan_bytes:
            message = (f"the file is {info.st_size} bytes; plans are limited to "
                       f"{_core.max_plan_bytes} bytes (docs/reliability.md)")
            found = Diagnostic("M0003", "error", text, 0, 0, message,
                               rendered=f"{text}: error[M0003]: {message}")
            raise PlanError(f"{text}: 1 error\n{found}", [found])
        data = file.read()
    return parse_plan(data, name=text)
