"""Plans: loading, what a plan declares, and errors as PlanError."""

import pytest

import mandate

from conftest import PLAN, ROOT


def test_a_plan_loads_with_its_declarations_in_chinese(plan):
    assert plan.title == "深化“平安商洛”创建活动实施方案"
    assert (plan.first_year, plan.last_year) == (2018, 2020)
    assert plan.source_name == str(PLAN)
    assert "商洛高新区（商丹园区）" in plan.bodies
    assert "县区方案备案" in plan.stages
    assert "平安医院" in plan.programmes
    assert plan.bodies.index("商州区") < plan.bodies.index("商南县")  # plan order
    parameter = plan.parameters["后N位"]
    assert (parameter.type, parameter.default) == ("count", "10")
    assert plan.parameters["金秋起始窗口"].type == "window"
    assert plan.parameters["金秋起始窗口"].default == "09-11..09-30"
    assert plan.parameters["并列名次"].type == "choice(min, max, dense)"
    assert "商南县" in plan.summary()
    assert plan.warnings == []


def test_a_plan_with_errors_raises_with_every_diagnostic():
    text = (ROOT / "tests/plans/bad/names.plan").read_text(encoding="utf-8")
    with pytest.raises(mandate.PlanError) as raised:
        mandate.parse_plan(text, name="names.plan")
    error = raised.value
    assert isinstance(error, ValueError)
    assert len(error.errors) >= 2
    first = error.errors[0]
    assert first.code.startswith("M00") and first.severity == "error"
    assert first.file == "names.plan" and first.line >= 1 and first.column >= 1
    # The message shows each diagnostic as the command line does: the
    # source line and a caret.
    assert "names.plan:" in str(error) and "^" in str(error)
    assert str(first) in str(error)


def test_syntax_errors_and_invalid_utf8_have_their_codes():
    with pytest.raises(mandate.PlanError) as raised:
        mandate.parse_plan("plan 商洛 {\n", name="broken.plan")
    assert raised.value.diagnostics[0].code == "M0001"
    with pytest.raises(mandate.PlanError) as raised:
        mandate.parse_plan((ROOT / "tests/plans/bad/invalid_utf8.plan").read_bytes())
    assert "M0002" in [d.code for d in raised.value.diagnostics]


def test_bad_arguments_say_what_was_expected(tmp_path):
    with pytest.raises(TypeError, match="path: expected a path"):
        mandate.load_plan(42)
    with pytest.raises(FileNotFoundError):
        mandate.load_plan(tmp_path / "missing.plan")
    with pytest.raises(TypeError, match="text: expected the plan as str or bytes"):
        mandate.parse_plan(["plan"])
    with pytest.raises(TypeError, match="name: expected a str"):
        mandate.parse_plan("", name=3)
    with pytest.raises(TypeError, match="made by mandate.load_plan"):
        mandate.Plan(None, [])


def test_a_plan_parses_from_text_and_path_objects_alike(plan):
    again = mandate.load_plan(PLAN)  # a pathlib.Path
    assert again.bodies == plan.bodies
    from_text = mandate.parse_plan(PLAN.read_text(encoding="utf-8"), name="商洛.plan")
    assert from_text.source_name == "商洛.plan"
    assert from_text.rules == plan.rules


def test_a_plan_over_the_limit_is_refused_unread(tmp_path):
    huge = tmp_path / "huge.plan"
    with open(huge, "wb") as file:
        file.truncate(mandate._mandate.max_plan_bytes + 1)  # sparse: no disk, no read
    with pytest.raises(mandate.PlanError) as error:
        mandate.load_plan(huge)
    [found] = error.value.diagnostics
    assert found.code == "M0003"
    assert str(found) == (f"{huge}: error[M0003]: the file is 268435457 bytes; plans are "
                          "limited to 268435456 bytes (docs/reliability.md)")
