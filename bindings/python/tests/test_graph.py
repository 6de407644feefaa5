"""The responsibility graph from Python."""

import datetime

import pytest

import mandate


def test_who_leads_helps_and_answers(plan):
    graph = plan.graph()
    assert graph.holders("平安医院") == ["市卫计局"]
    assert graph.holders("平安医院", "cooperate") == ["市公安局", "市物价局", "市药监局",
                                                    "市信访局", "商洛消防支队"]
    assert "平安医院" in graph and "平安医" not in graph and graph.sort("商州区") == "body"
    escalation = graph.escalate("县区方案备案", "商州区")
    assert str(escalation.steps[0]) == "商州区 → 市综治办 (files_with) [B3a 三(一)3]"
    # The instruments of 四(四): 市综治委's 通报 and 约谈, which S5 counts.
    committee = [s for s in escalation.steps if s.to == "市综治委" and s.via == "hears_reports"]
    assert committee[0].instruments == ("通报", "约谈")
    assert committee[0].feeds == ("县区两次通报约谈",)
    assert str(committee[0]).startswith("商州区 → 市综治委 (hears_reports using 通报、约谈)")
    assert escalation.deciders
    agenda = graph.agenda("商南县", 2018)
    assert agenda[0].first == datetime.date(2018, 3, 20) and agenda[0].stage == "县区方案备案"
    assert graph.roles_in("平安医院")[0].body == "市卫计局"
    assert graph.lead_ranking()[0].rank == 1
    path = graph.path("商南县", "市综治委")
    assert path[0].from_ == "商南县" and path[-1].to == "市综治委"
    assert graph.to_dot(focus="平安医院", kinds=["lead"]).startswith("digraph")


def test_units_of_the_facts_join_the_graph(plan):
    facts = mandate.Facts(plan)
    facts.add_units([{"name": "板桥镇", "unit_kind": "镇办", "parent": "商州区"}])
    graph = plan.graph(facts)
    assert "板桥镇" in graph and "板桥镇" not in plan.graph()
    assert graph.escalate("县区方案备案", "板桥镇").answerable == "商州区"
    other = mandate.Facts(mandate.load_plan(plan.source_name))
    with pytest.raises(ValueError, match="loaded for another plan"):
        plan.graph(other)


def test_unknown_names_raise_graph_lookup_errors(plan):
    graph = plan.graph()
    with pytest.raises(mandate.GraphLookupError, match="平安医院") as raised:
        graph.holders("平安医")
    assert isinstance(raised.value, LookupError) and isinstance(raised.value, mandate.MandateError)
    with pytest.raises(mandate.GraphLookupError):
        graph.escalate("县区方案备案", "市委")
    with pytest.raises(ValueError, match="role: expected one of lead, cooperate"):
        graph.holders("平安医院", "leads")
    with pytest.raises(TypeError, match="year: expected an int"):
        graph.agenda("商南县", "2018")
