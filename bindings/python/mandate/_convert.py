"""Arguments from Python to the core: each check says what was expected,
with a TypeError for a wrong type and a ValueError for a wrong value."""

from __future__ import annotations

import datetime
import os
from typing import Any, Iterable, List, Mapping, Optional, Tuple, Union

from . import _mandate as _core

DateLike = Union[str, datetime.date]
PathLike = Union[str, "os.PathLike[str]"]


def type_name(value: Any) -> str:
    return type(value).__name__


def expect(value: Any, types: Any, what: str, expected: str) -> None:
    """TypeError unless `value` is one of `types` (bool never counts as int)."""
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in _tuple(types)):
        raise TypeError(f"{what}: expected {expected}, got {type_name(value)} {value!r:.60}")


def _tuple(types: Any) -> Tuple[Any, ...]:
    return types if isinstance(types, tuple) else (types,)


def date(value: Any, what: str) -> Tuple[int, int, int]:
    """(year, month, day) of a datetime.date (or datetime at midnight) or 'YYYY-MM-DD'."""
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time(0):
            raise ValueError(f"{what}: {value.isoformat()} has a time of day; give a date")
        return (value.year, value.month, value.day)
    if isinstance(value, datetime.date):
        return (value.year, value.month, value.day)
    expect(value, str, what, "a date as 'YYYY-MM-DD' or a datetime.date")
    try:
        return _core.parse_date(value)
    except ValueError as error:
        raise ValueError(f"{what}: {error}") from None


def years(value: Any) -> List[int]:
    """An int or an iterable of ints; None is every year begun by as_of."""
    if value is None:
        return []
    if isinstance(value, int) and not isinstance(value, bool):
        return [_year(value)]
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"years: expected an int or an iterable of ints, got {type_name(value)}")
    out = []
    for year in value:
        expect(year, int, "years", "ints")
        out.append(_year(int(year)))
    return out


def _year(year: int) -> int:
    """A year the core can hold (a C int); the plan says which it evaluates."""
    if not -2**31 <= year < 2**31:
        raise ValueError(f"years: {year} is not a year (expected a year such as 2018)")
    return year


def threads(value: Any) -> int:
    """A worker count from 1 to the core's max_threads, as ``--threads``."""
    expect(value, int, "threads", "an int")
    if not 1 <= value <= _core.max_threads:
        raise ValueError(f"threads: expected a whole number from 1 to {_core.max_threads} "
                         f"(the limit: docs/reliability.md), got {value}")
    return int(value)


def names(value: Any, what: str) -> List[str]:
    """A str or an iterable of str; None is none."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Iterable):
        raise TypeError(f"{what}: expected a str or an iterable of str, got {type_name(value)}")
    out = list(value)
    for name in out:
        expect(name, str, what, "names as str")
    return out


def parameter_value(value: Any, name: str) -> str:
    """A parameter's value in plan syntax. A str is taken as written
    (``"95%"``, ``"rolling(365 days)"``); bool, int, float, datetime.date and
    lists of them are written for the plan."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(parameter_value(item, name) for item in value)
    raise TypeError(f"parameters[{name!r}]: expected a value in plan syntax (str), a bool, int, "
                    f"float, datetime.date or a list of them, got {type_name(value)}")


def parameters(value: Optional[Mapping[str, Any]]) -> List[Tuple[str, str]]:
    if value is None:
        return []
    if not isinstance(value, Mapping):
        raise TypeError(f"parameters: expected a mapping of name to value, got {type_name(value)}")
    out = []
    for name, item in value.items():
        expect(name, str, "parameters", "names as str")
        out.append((name, parameter_value(item, name)))
    return out


def path(value: Any, what: str) -> str:
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{what}: expected a path (str or os.PathLike), got {type_name(value)}")
    text = os.fspath(value)
    if not isinstance(text, str):
        raise TypeError(f"{what}: expected a text path, got {type_name(text)}")
    if not os.path.exists(text):
        raise FileNotFoundError(2, "No such file or directory", text)
    return text


def keep_rows(errors: Any) -> bool:
    """errors="raise" (all or nothing) or errors="keep" (keep the good rows)."""
    if errors not in ("raise", "keep"):
        raise ValueError(f"errors: expected 'raise' or 'keep', got {errors!r}")
    return errors == "keep"


def optional_module(name: str, what: str) -> Any:
    """Imports an optional package, or says plainly what needs it."""
    import importlib
    try:
        return importlib.import_module(name)
    except ImportError:
        package = {"pandas": "python3-pandas", "numpy": "python3-numpy"}.get(name, name)
        raise ImportError(f"{what} needs {name}, which is not installed "
                          f"(Debian: apt-get install {package})") from None
