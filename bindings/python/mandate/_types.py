"""Value types: what a plan, a load and an evaluation report. Each is a
frozen dataclass, so ``dataclasses.asdict`` works and
``pandas.DataFrame(list_of_them)`` makes a table.
"""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from . import _mandate as _core


@dataclass(frozen=True)
class Clause:
    """A clause of the plan's source document that a statement implements:
    its id and section (``B3a``, ``三(一)3``).

    >>> str(Clause("B3a", "三(一)3"))
    'B3a 三(一)3'
    """

    id: str
    section: str = ""

    def __str__(self) -> str:
        return f"{self.id} {self.section}" if self.section else self.id


def _clauses(pairs: Any) -> Tuple[Clause, ...]:
    return tuple(Clause(id, section) for id, section in pairs)


def _clauses_text(clauses: Tuple[Clause, ...]) -> str:
    return "; ".join(str(c) for c in clauses)


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in a plan or in an evaluation's options: a stable code
    (docs/diagnostics.md), a severity (``error``, ``warning``, ``note``),
    where it is (file, 1-based line and column in characters) and what is
    wrong. ``str()`` gives the rendered form, with the source line and a
    caret.

    >>> d = Diagnostic("M0004", "error", "x.plan", 3, 9, "unknown name '商州去'")
    >>> d.code, d.line, d.column
    ('M0004', 3, 9)
    """

    code: str
    severity: str
    file: str
    line: int
    column: int
    message: str
    notes: Tuple[str, ...] = ()
    rendered: str = ""

    def __str__(self) -> str:
        if self.rendered:
            return self.rendered.rstrip("\n")
        return f"{self.file}:{self.line}:{self.column}: {self.severity}[{self.code}]: {self.message}"

    @classmethod
    def _from_core(cls, d: Dict[str, Any]) -> "Diagnostic":
        return cls(**{**d, "notes": tuple(d["notes"])})


@dataclass(frozen=True)
class RejectedRow:
    """A fact row that was not taken: the file (or the ``source`` label of
    rows from Python), the line (for rows from Python, the row's 1-based
    index; 0 for the columns or the file as a whole), the column in
    characters (0 when the row as a whole is wrong or the row came from
    Python), a message that starts with the field at fault, the code
    (docs/diagnostics.md: ``M0019`` a bad value, ``M0004`` an unknown name,
    ``M0022`` a missing field, ``M0020`` a file that cannot be read,
    ``M0023`` an input that gave no facts, …) and the column or member at
    fault (``""`` when the row or the file as a whole is).

    >>> row = RejectedRow("events.csv", 3, 1, "date: '2018/3/1' is not a date: write YYYY-MM-DD",
    ...                   code="M0019", field="date")
    >>> str(row)
    "events.csv:3:1: error[M0019]: date: '2018/3/1' is not a date: write YYYY-MM-DD"
    """

    file: str
    line: int
    column: int
    message: str
    code: str = "M0019"
    field: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: error[{self.code}]: {self.message}"


@dataclass(frozen=True)
class FileLoad:
    """What one file (or call) of a load gave: rows read and added, rows
    rejected (listed or not) and duplicates."""

    file: str
    rows_read: int = 0
    rows_added: int = 0
    rejected: int = 0
    duplicates: int = 0

    def __str__(self) -> str:
        return f"{self.file}: {self.rows_added} facts from {self.rows_read} rows"


@dataclass(frozen=True)
class LoadReport:
    """What a load did: rows read and added, rows rejected (with why), rows
    that were already there (``duplicates``, stored once), ``warnings``
    about inputs that gave no facts (code ``M0023``: a header without rows,
    an empty file, a skipped entry of a folder) and what each file gave
    (``files``).

    >>> LoadReport(rows_read=2, rows_added=2).ok
    True
    """

    rows_read: int = 0
    rows_added: int = 0
    rejected: Tuple[RejectedRow, ...] = ()
    duplicates: Tuple[RejectedRow, ...] = ()
    warnings: Tuple[RejectedRow, ...] = ()
    files: Tuple[FileLoad, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether no row was rejected."""
        return not self.rejected

    def __str__(self) -> str:
        lines = [f"{self.rows_read} rows read, {self.rows_added} added, "
                 f"{len(self.rejected)} rejected, {len(self.duplicates)} duplicates"]
        lines += [f"  error: {row}" for row in self.rejected]
        lines += [f"  warning: {row}" for row in self.warnings]
        return "\n".join(lines)

    @classmethod
    def _from_core(cls, d: Dict[str, Any]) -> "LoadReport":
        return cls(d["rows_read"], d["rows_added"],
                   tuple(RejectedRow(**r) for r in d["rejected"]),
                   tuple(RejectedRow(**r) for r in d["duplicates"]),
                   tuple(RejectedRow(**r) for r in d["warnings"]),
                   tuple(FileLoad(**f) for f in d["files"]))

    def _merged(self, other: "LoadReport") -> "LoadReport":
        return LoadReport(self.rows_read + other.rows_read, self.rows_added + other.rows_added,
                          self.rejected + other.rejected, self.duplicates + other.duplicates,
                          self.warnings + other.warnings, self.files + other.files)


@dataclass(frozen=True)
class FactCitation:
    """A fact an explanation rests on, and where it came from
    (``facts/events.csv:12``, or the label of rows added from Python)."""

    fact: str
    source: str


@dataclass(frozen=True)
class Explanation:
    """One step of the reasoning behind a verdict: a rule, a condition with
    the value found, an aggregate, and the facts used; ``children`` are the
    steps it rests on. ``str()`` is an indented tree, ``to_dict()`` nested
    dicts, and Jupyter shows it as nested lists (``_repr_html_``).

    >>> e = Explanation("县区方案备案: missed", (), (Explanation("no 创建方案 filed"),))
    >>> print(e)
    - 县区方案备案: missed
      - no 创建方案 filed
    """

    text: str
    facts: Tuple[FactCitation, ...] = ()
    children: Tuple["Explanation", ...] = ()

    def to_dict(self) -> Dict[str, Any]:
        """Nested dicts: ``text``, ``facts`` (``fact``, ``source``) and ``children``.

        >>> Explanation("a", (FactCitation("通报 商南县", "events.csv:2"),)).to_dict()
        {'text': 'a', 'facts': [{'fact': '通报 商南县', 'source': 'events.csv:2'}], 'children': []}
        """
        return {"text": self.text,
                "facts": [{"fact": f.fact, "source": f.source} for f in self.facts],
                "children": [c.to_dict() for c in self.children]}

    def _lines(self, depth: int) -> List[str]:
        # A step without text groups its children at its own depth, as the
        # text report does.
        indent = "  " * depth
        lines = [f"{indent}- {self.text}"] if self.text else []
        lines += [f"{indent}    fact: {f.fact} ({f.source})" for f in self.facts]
        for child in self.children:
            lines += child._lines(depth + 1 if self.text else depth)
        return lines

    def __str__(self) -> str:
        return "\n".join(self._lines(0))

    def _repr_html_(self) -> str:
        def item(node: Explanation) -> str:
            facts = "".join(f"<li><i>fact:</i> {html.escape(f.fact)} "
                            f"<small>({html.escape(f.source)})</small></li>" for f in node.facts)
            children = "".join(item(c) for c in node.children)
            inner = f"<ul>{facts}{children}</ul>" if facts or children else ""
            if not node.text:
                return inner
            return f"<li>{html.escape(node.text)}{inner}</li>"
        return f"<ul class=\"mandate-explanation\">{item(self)}</ul>"

    @classmethod
    def _from_core(cls, d: Dict[str, Any]) -> "Explanation":
        return cls(d["text"], tuple(FactCitation(**f) for f in d["facts"]),
                   tuple(cls._from_core(c) for c in d["children"]))


@dataclass(frozen=True)
class Consequence:
    """A consequence of a sanction that applies: ``kind`` is ``disqualify``,
    ``deduct`` or ``refer``; ``detail`` says how much or to whom."""

    kind: str
    detail: str


@dataclass(frozen=True)
class EscalationLink:
    """One step of the escalation of a violation: ``to`` oversees or decides
    what ``from_`` failed, ``via`` a reporting line, an inspection, …"""

    level: int
    from_: str
    to: str
    via: str
    citations: Tuple[Clause, ...] = ()
    #: The instruments the plan gives ``to`` in that role (通报, 约谈, 督办), and
    #: the sanctions about ``from_`` that count them.
    instruments: Tuple[str, ...] = ()
    feeds: Tuple[str, ...] = ()
    #: A line the facts give (a unit's ``reports_to``), not the plan.
    from_facts: bool = False


@dataclass(frozen=True)
class Verdict:
    """One verdict: what the plan requires (``kind``, ``rule`` and its
    ``citations``) of whom (``subject``; ``detail`` names the deliverable,
    candidate or quota cell), in which ``year`` and ``period`` (the year,
    or for a recurring stage its half, quarter, month or week: ``2019-Q2``),
    and the ``outcome``
    (``met``, ``late``, ``missed``, ``pending``, …, ``unknown``) with
    ``days`` late or left. ``missing`` names the facts an ``unknown`` verdict
    needed; ``explanation`` is the reasoning (None when the evaluation left
    it out: see ``Result.explain``).

    >>> v = Verdict("deadline", "县区方案备案", (Clause("B3a", "三(一)3"),), "商南县", None, 2018,
    ...             "missed", period="2018")
    >>> str(v), v.violation
    ('[missed] 县区方案备案 · 商南县 · 2018 [B3a 三(一)3]', True)
    """

    kind: str
    rule: str
    citations: Tuple[Clause, ...]
    subject: str
    detail: Optional[str]
    year: int
    outcome: str
    days: Optional[int] = None
    period: str = ""
    missing: Tuple[str, ...] = ()
    consequences: Tuple[Consequence, ...] = ()
    withheld_by: Tuple[str, ...] = ()
    escalation: Tuple[EscalationLink, ...] = ()
    explanation: Optional[Explanation] = field(default=None, repr=False, compare=False)

    @property
    def violation(self) -> bool:
        """Whether the outcome is a failure of duty (late, missed, not met, …)
        or a sanction that applies."""
        return self.outcome in _VIOLATIONS

    def __str__(self) -> str:
        """As the text report writes it."""
        status = self.outcome
        if self.days is not None:
            left = " left" if self.outcome == "pending" else ""
            status += f" ({self.days} day{'' if self.days == 1 else 's'}{left})"
        parts = [self.rule, self.subject, self.period or str(self.year)]
        parts += [self.detail] if self.detail else []
        return f"[{status}] {' · '.join(parts)} [{_clauses_text(self.citations)}]"

    @classmethod
    def _from_core(cls, d: Dict[str, Any]) -> "Verdict":
        explanation = d["explanation"]
        return cls(
            kind=d["kind"], rule=d["rule"], citations=_clauses(d["citations"]),
            subject=d["subject"], detail=d["detail"], year=d["year"], outcome=d["outcome"],
            days=d["days"], period=d["period"], missing=tuple(d["missing"]),
            consequences=tuple(Consequence(k, v) for k, v in d["consequences"]),
            withheld_by=tuple(d["withheld_by"]),
            escalation=tuple(EscalationLink(e["level"], e["from_"], e["to"], e["via"],
                                            _clauses(e["citations"]), tuple(e["instruments"]),
                                            tuple(e["feeds"]), e["from_facts"])
                              for e in d["escalation"]),
            explanation=Explanation._from_core(explanation) if explanation is not None else None)


# The outcomes that are failures of duty (mandate::is_violation).
_VIOLATIONS = frozenset(_core.violation_outcomes())


@dataclass(frozen=True)
class Parameter:
    """A point the plan leaves open, overridable in ``evaluate(parameters=…)``:
    its type (``count``, ``bool``, ``list(annual_date)``, …), its default in
    plan syntax, its documentation and citations."""

    name: str
    type: str
    default: str
    doc: str
    citations: Tuple[Clause, ...] = ()

    @classmethod
    def _from_core(cls, d: Dict[str, Any]) -> "Parameter":
        return cls(d["name"], d["type"], d["default"], d["doc"], _clauses(d["citations"]))


def _date(value: Optional[Tuple[int, int, int]]) -> Optional[datetime.date]:
    return datetime.date(*value) if value is not None else None
