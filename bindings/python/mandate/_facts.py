"""Facts: what happened, loaded from files, text, Python rows or a pandas
DataFrame, and checked against the plan (docs/facts.md)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterable, List, Optional, Tuple

from . import _convert
from . import _mandate as _core
from ._errors import FactsError
from ._plan import Plan
from ._types import LoadReport

KINDS = ("unit", "event", "title", "measure", "published", "calendar")


def _is_dataframe(rows: Any) -> bool:
    # Without importing pandas: a DataFrame is recognised by its type.
    return any(t.__module__.startswith("pandas") and t.__name__ == "DataFrame"
               for t in type(rows).__mro__)


def _columns(rows: Any) -> Tuple[List[str], List[list]]:
    """Rows as (column names, a list of values per column); a missing value
    (None, NaN, NaT, a key absent from a row) is None."""
    if _is_dataframe(rows):
        names = list(rows.columns)
        for name in names:
            _convert.expect(name, str, "rows", "column names as str")
        values = []
        for i in range(len(names)):
            column = rows.iloc[:, i].astype(object)
            values.append(column.where(column.notna(), None).tolist())
        return names, values
    if isinstance(rows, (str, bytes, Mapping)) or not isinstance(rows, Iterable):
        raise TypeError("rows: expected an iterable of mappings (dicts of column to value) or a "
                        f"pandas DataFrame, got {_convert.type_name(rows)}")
    records = list(rows)
    names: List[str] = []
    seen = set()
    for index, record in enumerate(records):
        if not isinstance(record, Mapping):
            raise TypeError(f"rows[{index}]: expected a mapping of column to value, "
                            f"got {_convert.type_name(record)}")
        for name in record:
            if name not in seen:
                _convert.expect(name, str, f"rows[{index}]", "column names as str")
                seen.add(name)
                names.append(name)
    return names, [[record.get(name) for record in records] for name in names]


class Facts:
    """The facts of one plan: units, events, titles, measures and published
    figures. Every row is checked against the plan before it is stored; a
    bad row is never stored and never dropped silently.

    With ``errors="raise"`` (the default) a load with any bad row adds
    nothing and raises :class:`FactsError`, which lists every bad row; with
    ``errors="keep"`` the good rows are added and the report lists the bad
    ones. Loading releases the GIL.

    >>> import mandate
    >>> plan = mandate.load_plan("examples/shangluo-2018/shangluo.plan")
    >>> facts = mandate.Facts(plan)
    >>> facts.load("examples/shangluo-2018/facts").rows_read
    1165
    """

    def __init__(self, plan: Plan) -> None:
        _convert.expect(plan, Plan, "plan", "mandate.Plan")
        self._plan = plan
        self._core = _core.FactsCore(plan._core)

    @property
    def plan(self) -> Plan:
        """The plan the facts are checked against."""
        return self._plan

    @property
    def event_count(self) -> int:
        """How many events are stored."""
        return self._core.event_count

    @property
    def memory_bytes(self) -> int:
        """Heap bytes the store holds (the plan not counted)."""
        return self._core.memory_bytes

    def _finish(self, report: LoadReport, keep: bool) -> LoadReport:
        if report.rejected and not keep:
            shown = "\n".join(f"  {row}" for row in report.rejected[:20])
            more = len(report.rejected) - 20
            raise FactsError(
                f"{len(report.rejected)} rejected row{'s' if len(report.rejected) != 1 else ''}; "
                f"nothing was added\n{shown}" + (f"\n  … and {more} more" if more > 0 else ""),
                report)
        return report

    def load(self, *paths: _convert.PathLike, errors: str = "raise") -> LoadReport:
        """Loads fact files or directories: ``units*.csv``, ``events*.csv``,
        ``titles*.csv``, ``measures*.csv``, ``published*.csv`` and ``*.jsonl``
        (a directory's files in name order, units first). Each file is one
        load: with ``errors="raise"`` the files before a bad one stay loaded.
        Returns the merged report.

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> report = facts.load("examples/shangluo-2018/facts/units.csv",
        ...                     "examples/shangluo-2018/facts/events.csv")
        >>> report.ok, facts.event_count > 0
        (True, True)
        """
        keep = _convert.keep_rows(errors)
        if not paths:
            raise TypeError("load: expected at least one path")
        report = LoadReport()
        for path in paths:
            text = _convert.path(path, "paths")
            report = report._merged(LoadReport._from_core(self._core.load_path(text, keep)))
            self._finish(report, keep)
        return report

    def load_text(self, text: str, *, kind: Optional[str] = None, name: str = "<text>",
                  errors: str = "raise") -> LoadReport:
        """Loads facts from text: CSV of one ``kind`` (with a header row), or
        JSON Lines when ``kind`` is None. ``name`` labels the rows in messages
        and explanations.

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> facts.load_text("date,event,unit,by\\n2018-05-02,通报,商南县,市综治委\\n",
        ...                 kind="event", name="notices.csv").rows_added
        1
        """
        _convert.expect(text, str, "text", "the facts as str")
        _convert.expect(name, str, "name", "a str")
        if kind is not None and kind not in KINDS:
            raise ValueError(f"kind: expected one of {', '.join(KINDS)} or None, got {kind!r}")
        keep = _convert.keep_rows(errors)
        report = LoadReport._from_core(self._core.load_text(text, kind or "", name, keep))
        return self._finish(report, keep)

    def add(self, kind: str, rows: Any, *, source: str = "python",
            errors: str = "raise") -> LoadReport:
        """Adds rows of one kind of fact: an iterable of dicts, or a pandas
        DataFrame, whose keys or columns are the fields of docs/facts.md
        (``date``, ``event``, ``unit``, …). Values are str, numbers,
        ``datetime.date`` (or pandas Timestamps at midnight), lists of str
        for ``aliases``, or None (or NaN, NaT) for an absent value; each is
        read as a CSV cell would be, with the same checks and messages. A
        rejected row's line is its 1-based position; ``source`` labels the
        rows in explanations.

        >>> import mandate, datetime
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> facts.add("event", [{"date": datetime.date(2018, 5, 2), "event": "通报",
        ...                      "unit": "商南县", "by": "市综治委"}], source="督查").rows_added
        1
        """
        if kind not in KINDS:
            raise ValueError(f"kind: expected one of {', '.join(KINDS)}, got {kind!r}")
        _convert.expect(source, str, "source", "a str")
        keep = _convert.keep_rows(errors)
        names, values = _columns(rows)
        if not names:
            return LoadReport()
        report = LoadReport._from_core(self._core.add_rows(kind, source, names, values, keep))
        return self._finish(report, keep)

    def add_units(self, rows: Any, *, source: str = "python", errors: str = "raise") -> LoadReport:
        """``add("unit", rows, …)``: units the plan does not declare (fields
        ``name``, ``unit_kind``, ``parent``, ``aliases``).

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> facts.add_units([{"name": "板桥镇", "unit_kind": "镇办", "parent": "商州区",
        ...                   "aliases": ["板桥"]}]).rows_added
        1
        """
        return self.add("unit", rows, source=source, errors=errors)

    def add_events(self, rows: Any, *, source: str = "python", errors: str = "raise") -> LoadReport:
        """``add("event", rows, …)``: dated events (``date``, ``event``,
        ``unit``, ``by``, ``to``, ``programme``, ``candidate``, ``until``).

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> report = facts.add_events(
        ...     [{"date": "2018-05-02", "event": "通报", "unit": "商南县", "by": "市综治委"},
        ...      {"date": "2018-05-02", "event": "通报", "unit": "商南", "by": "市综治委"}],
        ...     errors="keep")
        >>> report.rows_added, [str(r) for r in report.rejected]
        (1, ["python:2:0: error[M0004]: unit: unknown unit '商南'; did you mean '商南县'?"])
        """
        return self.add("event", rows, source=source, errors=errors)

    def add_titles(self, rows: Any, *, source: str = "python", errors: str = "raise") -> LoadReport:
        """``add("title", rows, …)``: titles held (``year``, ``title``,
        ``unit``, ``date``).

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> facts.add_titles([{"year": 2018, "title": "全省平安建设先进县（区）",
        ...                    "unit": "商州区"}]).rows_added
        1
        """
        return self.add("title", rows, source=source, errors=errors)

    def add_measures(self, rows: Any, *, source: str = "python",
                     errors: str = "raise") -> LoadReport:
        """``add("measure", rows, …)``: values of metrics (``year``,
        ``metric``, ``subject``, ``value``; percentages in percent).

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> facts.add_measures([{"year": 2018, "metric": "公众安全感", "subject": "商州区",
        ...                      "value": 91.2}]).rows_added
        1
        """
        return self.add("measure", rows, source=source, errors=errors)

    def add_published(self, rows: Any, *, source: str = "python",
                      errors: str = "raise") -> LoadReport:
        """``add("published", rows, …)``: published averages, ranks and sizes
        (``year``, ``metric``, ``group``, ``statistic``, ``unit``, ``value``,
        ``out_of``).

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> facts.add_published([{"year": 2018, "metric": "两率一度", "group": "全省县区",
        ...                       "statistic": "rank", "unit": "商州区", "value": 98,
        ...                       "out_of": 107}]).rows_added
        1
        """
        return self.add("published", rows, source=source, errors=errors)

    def add_calendar(self, rows: Any, *, source: str = "python",
                     errors: str = "raise") -> LoadReport:
        """``add("calendar", rows, …)``: days of the official holiday calendar
        (``date``, ``day`` = ``holiday`` or ``workday``, ``name``, ``source``),
        which the plan's 节假日顺延 deadline shift follows.

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> facts.add_calendar([{"date": "2018-02-11", "day": "workday", "name": "春节",
        ...                      "source": "国办发明电〔2017〕12号"}]).rows_added
        1
        """
        return self.add("calendar", rows, source=source, errors=errors)

    def units(self, kind: Optional[str] = None, within: Optional[str] = None) -> List[str]:
        """The units of ``kind`` (any kind when None) under ``within``
        (anywhere when None): the plan's bodies in plan order, then the
        facts' units in load order.

        >>> import mandate
        >>> facts = mandate.Facts(mandate.load_plan("examples/shangluo-2018/shangluo.plan"))
        >>> facts.units("县区", within="商洛市")[:3]
        ['商州区', '洛南县', '丹凤县']
        """
        for value, what in ((kind, "kind"), (within, "within")):
            if value is not None:
                _convert.expect(value, str, what, "a str or None")
        if kind is not None and kind not in self._plan.kinds:
            raise ValueError(f"kind: '{kind}' is not a kind of the plan "
                             f"({', '.join(self._plan.kinds)})")
        return self._core.units(kind or "", within or "")

    def __repr__(self) -> str:
        return f"<mandate.Facts for 《{self._plan.title}》: {self.event_count} events>"
