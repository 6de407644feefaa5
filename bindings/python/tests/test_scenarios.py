"""Scenarios from Python: the Shangluo scenarios pass; a failing
expectation says what was found."""

import pytest

import mandate

from conftest import EXAMPLE


def test_the_shangluo_scenarios_pass():
    run = mandate.run_scenarios(EXAMPLE / "scenarios")
    files = sorted(str(p) for p in (EXAMPLE / "scenarios").glob("*.scenario"))
    assert [r.file for r in run.results] == files
    assert run.passed and run.failed == []
    assert str(run).rstrip().endswith("0 failed")
    checks = [c for r in run.results for c in r.results]
    assert checks and all(c.passed for c in checks)


def test_a_failing_expectation_says_what_was_found(tmp_path):
    original = (EXAMPLE / "scenarios" / "b3a-county-filing.scenario").read_text(encoding="utf-8")
    line = "洛南县 2018 late days 1 escalates_to 市综治委"
    assert line in original
    broken = tmp_path / "broken.scenario"
    broken.write_text(original.replace(line, "洛南县 2018 late days 2")
                      .replace("plan ../shangluo.plan", f"plan {EXAMPLE / 'shangluo.plan'}"),
                      encoding="utf-8")
    run = mandate.run_scenarios(broken)
    assert not run.passed
    (result,) = run.failed
    failed = [c for c in result.results if not c.passed]
    assert len(failed) == 1
    assert (failed[0].expectation.subject, failed[0].expectation.days) == ("洛南县", 2)
    assert failed[0].difference == "expected late days 2, found late days 1"


def test_paths_are_checked(tmp_path):
    with pytest.raises(FileNotFoundError):
        mandate.run_scenarios(tmp_path / "missing")
    with pytest.raises(ValueError, match="no \\*.scenario file found"):
        mandate.run_scenarios(tmp_path)


def test_a_scenario_problem_has_a_code(tmp_path):
    missing = tmp_path / "missing.scenario"
    missing.write_text("plan no-such.plan\nyears 2018\nas_of 2019-03-31\n"
                       "expect deadline 县区方案备案 山阳县 2018 missed\n", encoding="utf-8")
    [result] = mandate.run_scenarios(missing).results
    [problem] = result.problems
    assert (problem.code, problem.line) == ("M0020", 0)
    assert str(problem) == (f"{tmp_path / 'no-such.plan'}: error[M0020]: cannot read the file: "
                            "No such file or directory")


def test_an_expectation_names_escalation_notices_and_consequences():
    run = mandate.run_scenarios(EXAMPLE / "scenarios" / "b3a-county-filing.scenario")
    (result,) = run.results
    (check,) = [c for c in result.results if c.expectation.escalates_to]
    assert check.passed
    assert check.expectation.escalates_to == ("市综治委",)
    assert check.expectation.notice_by == () and check.expectation.consequences == ()
