"""The package as a product: every public name documented with an example
that runs, type stubs that match the extension, py.typed shipped."""

import ast
import doctest
import inspect
from pathlib import Path

import pytest

import mandate
from mandate import _mandate

PACKAGE = Path(mandate.__file__).parent
MODULES = ["_errors", "_types", "_plan", "_facts", "_evaluation", "_graph", "_scenarios"]


def public_callables():
    for name in mandate.__all__:
        item = getattr(mandate, name)
        yield name, item
        if inspect.isclass(item):
            for member, value in vars(item).items():
                if member.startswith("_") or not callable(value):
                    continue
                if inspect.isclass(item) and issubclass(item, BaseException):
                    continue
                yield f"{name}.{member}", value


@pytest.mark.parametrize("name, item", list(public_callables()), ids=lambda v: str(v)[:40])
def test_every_public_function_has_a_docstring(name, item):
    assert inspect.getdoc(item), f"{name} has no docstring"


def test_every_public_function_and_class_has_an_example():
    missing = [name for name, item in public_callables()
               if (inspect.isfunction(item) or inspect.isclass(item) and name in (
                   "Plan", "Facts", "Result", "Graph", "VerdictList"))
               and ">>>" not in (inspect.getdoc(item) or "")]
    assert missing == []


@pytest.mark.parametrize("module", MODULES)
def test_the_examples_in_the_docstrings_run(module, in_root):
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = finder.find(getattr(mandate, module), module)
    examples = sum(len(t.examples) for t in tests)
    for test in tests:
        runner.run(test)
    assert examples > 0
    assert runner.failures == 0, f"{runner.failures} examples failed in {module} (see above)"


def test_help_is_useful():
    text = inspect.getdoc(mandate.evaluate)
    for word in ("as_of", "years", "parameters", "threads", "explain", "GIL", ">>>"):
        assert word in text


def test_the_stubs_describe_the_extension_and_py_typed_ships():
    assert (PACKAGE / "py.typed").exists()
    stub = ast.parse((PACKAGE / "_mandate.pyi").read_text(encoding="utf-8"))
    described = {node.name for node in stub.body
                 if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    described |= {node.target.id for node in stub.body if isinstance(node, ast.AnnAssign)}
    actual = {name for name in dir(_mandate) if not name.startswith("__")}
    assert described == actual
    for node in stub.body:
        if isinstance(node, ast.ClassDef):
            cls = getattr(_mandate, node.name)
            real = {n for n in vars(cls) if not n.startswith("_") or n == "__len__"}
            stubbed = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
            assert stubbed - {"__init__"} == real, node.name


def test_the_public_names_are_listed():
    assert sorted(mandate.__all__) == sorted(
        name for name in vars(mandate) if not name.startswith("_") and name not in (
            "annotations",))
