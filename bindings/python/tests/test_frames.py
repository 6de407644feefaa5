"""Columns and DataFrames: built from the verdict rows, equal to the
verdicts one by one; and everything else without pandas."""

import datetime
import sys

import pytest

import mandate

from conftest import AS_OF

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")


def test_the_frame_has_a_row_per_verdict_with_categoricals(result):
    frame = result.to_frame()
    assert list(frame.columns) == ["kind", "rule", "clauses", "subject", "detail", "year",
                                   "period", "outcome", "days", "violation", "missing"]
    assert len(frame) == len(result)
    for name in ("kind", "rule", "clauses", "detail", "period", "outcome"):
        assert frame[name].dtype.name == "category", name
    assert frame["subject"].dtype == object
    assert str(frame["days"].dtype) == "Int32"
    for i, verdict in enumerate(result.verdicts):
        row = frame.iloc[i]
        assert (row.kind, row.rule, row.subject, row.year, row.period, row.outcome) == (
            verdict.kind, verdict.rule, verdict.subject, verdict.year, verdict.period,
            verdict.outcome)
        assert (None if pd.isna(row.detail) else row.detail) == verdict.detail
        assert (None if pd.isna(row.days) else row.days) == verdict.days
        assert row.violation == verdict.violation
        assert row.missing == len(verdict.missing)
        assert row.clauses == "; ".join(str(c) for c in verdict.citations)


def test_names_come_through_and_control_characters_are_refused(plan):
    # Subject names reach Python joined by an ASCII unit separator; a name
    # cannot hold one, since names with control characters are refused.
    facts = mandate.Facts(plan)
    facts.add_units([{"name": "大赵峪街道", "unit_kind": "镇办", "parent": "商州区"}])
    result = mandate.evaluate(facts, as_of=AS_OF, years=2018, explain=False)
    frame = result.to_frame()
    assert "大赵峪街道" in set(frame.subject)
    assert list(frame.subject) == [v.subject for v in result.verdicts]
    with pytest.raises(mandate.FactsError) as refused:
        facts.add_units([{"name": "北宽坪\x1f镇", "unit_kind": "镇办", "parent": "商州区"}])
    assert "control character" in refused.value.rejected[0].message


def test_a_summary_of_violations_by_body_and_rule(result):
    frame = result.to_frame()
    table = frame[frame.violation].groupby(["subject", "rule"], observed=True).size()
    assert table[("商南县", "县区方案备案")] == 1
    assert table.sum() == sum(v.violation for v in result.verdicts)


def test_columns_are_numpy_arrays(result):
    columns = result.columns()
    assert columns["year"].dtype == np.int32 and columns["violation"].dtype == np.bool_
    assert list(columns["subject"][:2]) == [result.verdicts[0].subject, result.verdicts[1].subject]
    detail = [v.detail for v in result.verdicts]
    assert list(columns["detail"]) == detail
    has_days = columns["has_days"]
    assert [int(d) if h else None for d, h in zip(columns["days"], has_days)] == [
        v.days for v in result.verdicts]


def test_facts_from_a_dataframe(plan):
    facts = mandate.Facts(plan)
    frame = pd.DataFrame({
        "date": pd.to_datetime(["2018-05-02", "2018-07-11", None]),
        "event": ["通报", "约谈", "通报"],
        "unit": ["商南县", "商南县", "山阳县"],
        "by": ["市综治委", "市综治委", np.nan],
    })
    with pytest.raises(mandate.FactsError) as raised:
        facts.add_events(frame, source="表格")
    (row,) = raised.value.rejected
    assert (row.file, row.line) == ("表格", 3)
    assert row.message.startswith("date: empty, but required")
    report = facts.add_events(frame.iloc[:2], source="表格")
    assert report.rows_added == 2
    measures = pd.DataFrame({"year": [2018, 2018], "metric": ["公众安全感", "两率一度"],
                             "subject": ["商州区", "商州区"], "value": [91.2, 88.5]})
    assert facts.add_measures(measures).rows_added == 2
    units = pd.DataFrame({"name": ["板桥镇"], "unit_kind": ["镇办"], "parent": ["商州区"],
                          "aliases": [["板桥", "板桥街道"]]})
    assert facts.add_units(units).rows_added == 1
    assert facts.units("镇办", "商州区") == ["板桥镇"]


def test_a_comparison_and_a_matrix_as_frames(facts, plan):
    base = mandate.evaluate(facts, as_of=AS_OF, years=2018, explain=False)
    fewer = mandate.evaluate(facts, as_of=AS_OF, years=2018, explain=False,
                             parameters={"后N位": 5})
    changes = mandate.compare(base, fewer).to_frame()
    assert list(changes["subject"])[0] == "商南县" and len(changes) == 5
    assert str(changes["days_before"].dtype) == "Int32"
    matrix = plan.graph().matrix().to_frame()
    assert matrix.loc["市卫计局", "平安医院"] == "lead"


@pytest.fixture
def without(monkeypatch):
    """Hides installed packages: `import NAME` raises ImportError."""
    def hide(*names):
        for name in names:
            for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
                monkeypatch.delitem(sys.modules, module)
            monkeypatch.setitem(sys.modules, name, None)
    return hide


def test_without_pandas_frames_say_so_and_the_rest_works(plan, without):
    without("pandas")
    facts = mandate.Facts(plan)
    facts.add_events([{"date": datetime.date(2018, 5, 2), "event": "通报", "unit": "商南县",
                       "by": "市综治委"}])
    result = mandate.evaluate(facts, as_of=AS_OF, years=2018, explain=False)
    with pytest.raises(ImportError, match=r"Result.to_frame\(\) needs pandas, which is not "
                                          r"installed \(Debian: apt-get install python3-pandas\)"):
        result.to_frame()
    with pytest.raises(ImportError, match="needs pandas"):
        mandate.compare(result, result).to_frame()
    with pytest.raises(ImportError, match="needs pandas"):
        plan.graph().matrix().to_frame()
    assert result.columns()["year"].dtype == np.int32  # numpy alone is enough
    assert result.verdict("县区方案备案", "商南县", 2018).outcome == "missed"
    assert "商南县" in str(result.explain("县区方案备案", "商南县", 2018))
    assert len(mandate.compare(result, result)) == 0


def test_without_numpy_columns_say_so(result, without):
    without("numpy", "pandas")
    with pytest.raises(ImportError, match=r"Result.columns\(\) needs numpy"):
        result.columns()
    assert len(result.verdicts) == len(result)
