"""Facts: files, text, Python rows; every bad row reported; errors="raise"
adds nothing, errors="keep" the good rows."""

import datetime
import math

import pytest

import mandate

from conftest import FACTS, ROOT

NOTICE = {"date": "2018-05-02", "event": "通报", "unit": "商南县", "by": "市综治委"}


def test_a_directory_loads_every_kind(plan):
    facts = mandate.Facts(plan)
    report = facts.load(FACTS)
    assert report.ok and report.rows_read == report.rows_added > 0
    assert facts.event_count > 0
    assert facts.plan is plan
    assert facts.units("县区", within="商洛市")[:2] == ["商州区", "洛南县"]


def test_a_bad_file_raises_with_file_line_column_and_adds_nothing(plan, tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("date,event,unit,by\n2018-05-02,通报,商南县,市综治委\n"
                      "2018-02-30,通报,商南县,市综治委\n2018-05-03,通知,商南县,市综治委\n",
                      encoding="utf-8")
    facts = mandate.Facts(plan)
    with pytest.raises(mandate.FactsError) as raised:
        facts.load(events)
    rejected = raised.value.rejected
    assert [(r.file, r.line, r.column) for r in rejected] == [(str(events), 3, 1),
                                                              (str(events), 4, 12)]
    assert rejected[0].message == "date: 2018-02-30 does not exist (2018-02 has 28 days)"
    assert rejected[1].message == "event: unknown event '通知'; did you mean '通报'?"
    assert facts.event_count == 0
    assert "2 rejected rows; nothing was added" in str(raised.value)

    report = facts.load(events, errors="keep")
    assert (report.rows_read, report.rows_added, len(report.rejected)) == (3, 1, 2)
    assert facts.event_count == 1


def test_text_loads_as_csv_of_a_kind_or_as_json_lines(plan):
    facts = mandate.Facts(plan)
    csv = "year,metric,subject,value\n2018,公众安全感,商州区,91.2\n"
    assert facts.load_text(csv, kind="measure", name="survey.csv").rows_added == 1
    jsonl = ('{"kind": "unit", "name": "蓝田县", "unit_kind": "县区", "parent": "陕西省"}\n'
             '{"kind": "event", "date": "2018-03-18", "event": "创建方案", "unit": "蓝田县"}\n')
    assert facts.load_text(jsonl).rows_added == 2
    assert "蓝田县" in facts.units("县区")
    with pytest.raises(ValueError, match="kind: expected one of unit, event"):
        facts.load_text(csv, kind="measures")


def test_rows_from_python_are_checked_like_csv_cells(plan):
    facts = mandate.Facts(plan)
    rows = [NOTICE,
            {"date": datetime.date(2018, 6, 1), "event": "通报", "unit": "商南", "by": "市综治委"},
            {"date": "2018/7/11", "event": "约谈", "unit": "商南县", "by": "市综治委"},
            {"date": datetime.datetime(2018, 7, 12, 9, 30), "event": "约谈", "unit": "商南县"}]
    with pytest.raises(mandate.FactsError) as raised:
        facts.add_events(rows, source="督查 2018")
    assert [(r.file, r.line, r.column) for r in raised.value.rejected] == [
        ("督查 2018", 2, 0), ("督查 2018", 3, 0), ("督查 2018", 4, 0)]
    messages = [r.message for r in raised.value.rejected]
    assert messages[0] == "unit: unknown unit '商南'; did you mean '商南县'?"
    assert messages[1] == "date: '2018/7/11' is not a date: write YYYY-MM-DD"
    assert messages[2].startswith("date: '2018-07-12T09:30:00' is not a date")
    assert facts.event_count == 0

    report = facts.add_events(rows, source="督查 2018", errors="keep")
    assert (report.rows_read, report.rows_added) == (4, 1)
    # The label given is where the facts came from, in explanations too.
    result = mandate.evaluate(facts, as_of="2019-03-31", years=2018)
    sources = [f.source for v in result.verdicts if v.explanation
               for f in _facts_of(v.explanation)]
    assert any("督查 2018" in s for s in sources)


def _facts_of(explanation):
    yield from explanation.facts
    for child in explanation.children:
        yield from _facts_of(child)


def test_every_kind_of_row_from_python(plan):
    facts = mandate.Facts(plan)
    assert facts.add_units([{"name": "板桥镇", "unit_kind": "镇办", "parent": "商州区",
                             "aliases": ["板桥", "板桥街道"]}]).rows_added == 1
    assert facts.units("镇办", within="商州区") == ["板桥镇"]
    assert facts.add_titles([{"year": 2018, "title": "全省平安建设先进县（区）",
                              "unit": "商州区", "date": datetime.date(2019, 1, 15)}]).ok
    # Numbers as int or float, NaN as absent, whole floats as integers.
    assert facts.add_measures([{"year": 2018.0, "metric": "公众安全感", "subject": "板桥",
                                "value": 95.5}]).ok
    assert facts.add_published([{"year": 2018, "metric": "两率一度", "group": "全省县区",
                                 "statistic": "rank", "unit": "商州区", "value": 98,
                                 "out_of": 107},
                                {"year": 2018, "metric": "两率一度", "group": "全省县区",
                                 "statistic": "average", "unit": None, "value": 89.7,
                                 "out_of": math.nan}]).rows_added == 2
    rejected = facts.add_measures([{"year": 2018, "metric": "两率一度", "subject": "商州区",
                                    "value": "88.5%"}], errors="keep").rejected
    assert rejected[0].message.startswith("value: '88.5%'")
    # The holiday calendar: a make-up working day, and a day that is neither.
    assert facts.add_calendar([{"date": datetime.date(2018, 2, 11), "day": "workday",
                                "name": "春节", "source": "国办发明电〔2017〕12号"}]).rows_added == 1
    refused = facts.add_calendar([{"date": "2018-02-12", "day": "rest", "name": "春节",
                                   "source": "x"}], errors="keep").rejected
    assert len(refused) == 1


def test_wrong_columns_reject_the_whole_call(plan):
    facts = mandate.Facts(plan)
    rows = [{"dat": "2018-05-02", "event": "通报", "unit": "商南县"}]
    with pytest.raises(mandate.FactsError) as raised:
        facts.add_events(rows)
    unknown, missing = raised.value.rejected
    assert (unknown.line, missing.line) == (0, 0)
    assert unknown.message.startswith("unknown column 'dat' for event facts; did you mean 'date'?")
    assert missing.message.startswith("missing required column 'date'")
    assert raised.value.report.rows_read == 0
    # Even when good rows are kept: no row can be read against wrong columns.
    report = facts.add_events(rows, errors="keep")
    assert (report.rows_read, report.rows_added, len(report.rejected)) == (0, 0, 2)


def test_bad_argument_types_are_type_errors(plan):
    facts = mandate.Facts(plan)
    with pytest.raises(TypeError, match="plan: expected mandate.Plan"):
        mandate.Facts("shangluo.plan")
    with pytest.raises(TypeError, match="rows: expected an iterable of mappings"):
        facts.add_events(NOTICE)
    with pytest.raises(TypeError, match=r"rows\[1\]: expected a mapping"):
        facts.add_events([NOTICE, ["2018-05-02", "通报"]])
    with pytest.raises(TypeError, match=r"unit, row 1: expected str, a number, a date or None, "
                                        r"not object"):
        facts.add_events([{**NOTICE, "unit": object()}])
    with pytest.raises(ValueError, match="errors: expected 'raise' or 'keep'"):
        facts.add_events([NOTICE], errors="ignore")
    with pytest.raises(ValueError, match="kind: expected one of"):
        facts.add("events", [NOTICE])
    with pytest.raises(FileNotFoundError):
        facts.load(ROOT / "no-such-facts")
    with pytest.raises(ValueError, match="kind: '乡镇' is not a kind of the plan"):
        facts.units("乡镇")
    assert facts.add_events([]).rows_read == 0
    assert facts.event_count == 0


def test_names_and_text_pass_through_unchanged(plan):
    facts = mandate.Facts(plan)
    name = "杨峪河村\"一组\",二队"  # quotes and a comma: no CSV escaping needed from Python
    facts.add_units([{"name": name, "unit_kind": "创建对象", "parent": "商州区"}])
    assert name in facts.units("创建对象")
    facts.add_events([{"date": "2018-11-28", "event": "推荐申报", "unit": "商州区",
                       "to": "市综治办", "programme": "平安村（社区）", "candidate": name}],
                     source="推荐 · 2018")
    result = mandate.evaluate(facts, as_of="2019-03-31", years=2018)
    assert any(v.detail == name for v in result.verdicts)


def test_rejected_rows_have_a_code_and_a_field(plan):
    report = mandate.Facts(plan).load_text(
        "date,event,unit\n2018/3/1,创建方案,商州区\n2018-03-01,创建方案,商州去\n2018-03-02,,商州区\n",
        kind="event", name="e.csv", errors="keep")
    assert [(r.line, r.code, r.field) for r in report.rejected] == [
        (2, "M0019", "date"), (3, "M0004", "unit"), (4, "M0022", "event")]
    assert str(report.rejected[0]).startswith("e.csv:2:1: error[M0019]: date: ")


def test_a_load_reports_its_warnings_and_each_file(plan, tmp_path):
    (tmp_path / "units.csv").write_text("name,unit_kind,parent\n", encoding="utf-8")
    (tmp_path / "events.csv").write_text(
        "date,event,unit\n2018-03-01,创建方案,商州区\n", encoding="utf-8")
    report = mandate.Facts(plan).load(tmp_path)
    assert [(w.file, w.code, w.message) for w in report.warnings] == [
        (str(tmp_path / "units.csv"), "M0023", "no facts: the file has a header and no rows")]
    assert [(f.file, f.rows_read, f.rows_added) for f in report.files] == [
        (str(tmp_path / "units.csv"), 0, 0), (str(tmp_path / "events.csv"), 1, 1)]
    assert "warning: " in str(report)


def test_an_unreadable_fact_file_is_an_os_error(plan, tmp_path):
    with pytest.raises(FileNotFoundError):
        mandate.Facts(plan).load(tmp_path / "no-such.csv")
