"""The study file: study.toml (written by us, edited by hand) or study.json (eval studies).

TOML is the format we write because a PM edits it by hand: comments are allowed, strings
need no trailing commas or brace matching, and one `[[objectives]]` table per objective
reads like a list. No TOML writer ships with Python, so `dumps_toml` writes the small
subset this schema needs (strings, numbers, booleans, arrays, tables, arrays of tables);
tomllib reads it back, and the tests check the round trip.

Parse errors become StudyError(message, path, line): the TOML or JSON syntax error's own
line, or, for a value that fails validation, the line of the key that holds it.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from guideagent.errors import StudyError, did_you_mean
from guideagent.schemas import Study

HEADER = (
    "# guideagent study. Edit freely: the app reads this file each time it opens the study.\n"
    "# kind is one of: discover_needs, validate_idea, improve_feature, other.\n"
)
EMPTY = "the file is empty (or holds only comments): a study needs at least a title"
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_TOML_LINE = re.compile(r"at line (\d+)")


def dumps_study(study: Study) -> str:
    """study.toml text for a study; `loads_study(dumps_study(s)) == s`."""
    return HEADER + "\n" + dumps_toml(study.model_dump(mode="json", exclude_none=True))


def loads_study(text: str, path: Path, fmt: str | None = None) -> Study:
    """Parse study.toml or study.json text (`fmt` "toml" or "json"; default: by suffix);
    errors name the file and the line."""
    as_json = (fmt or path.suffix.lstrip(".")) == "json"
    if as_json:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise StudyError(
                f"not valid JSON: {exc.msg} (column {exc.colno})", path, exc.lineno
            ) from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            found = _TOML_LINE.search(str(exc))
            line = int(found.group(1)) if found else None
            raise StudyError(f"not valid TOML: {exc}", path, line) from None
    if not isinstance(data, dict):
        raise StudyError("expected an object with title, objectives and session_minutes", path, 1)
    if not data:
        raise StudyError(EMPTY, path, 1)
    try:
        return Study.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "study"
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        line = locate(text, first["loc"], json_format=as_json)
        problem = first["msg"]
        if first["type"] == "extra_forbidden":
            problem = "unknown key; " + did_you_mean(
                str(first["loc"][-1]), _fields_at(first["loc"][:-1])
            )
        raise StudyError(f"{where}: {problem}{more}", path, line) from None


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    """The field names of the schema model at `loc` inside a Study."""
    model: Any = Study
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[str(part)].annotation
        inner = [a for a in (annotation, *get_args(annotation)) if isinstance(a, type)]
        model = next(a for a in inner if issubclass(a, BaseModel))
    return list(model.model_fields)


def locate(text: str, loc: tuple[Any, ...], *, json_format: bool = False) -> int | None:
    """Best-effort line of the value at `loc` (e.g. ('objectives', 1, 'kind')).

    Walks the path: a key moves to the next line that names it; an index n moves to the
    (n+1)th `[[table]]` header in TOML, or to the (n+1)th match of the next key in JSON."""
    lines = text.splitlines()
    start, found, skip = 0, None, 0
    parents: list[str] = []
    for part in loc:
        if isinstance(part, int):
            if json_format:
                skip = part
                continue
            header = re.compile(rf"^\s*\[\[\s*{re.escape('.'.join(parents))}\s*\]\]")
            hits = [n for n in range(start, len(lines)) if header.match(lines[n])]
            if part < len(hits):
                start = found = hits[part]
            continue
        key = str(part)
        if json_format:
            pattern = re.compile(rf'"{re.escape(key)}"\s*:')
        else:
            table = re.escape(".".join([*parents, key]))
            pattern = re.compile(rf'^\s*(\[\[?\s*{table}\s*\]\]?|"?{re.escape(key)}"?\s*=)')
        hits = [n for n in range(start, len(lines)) if pattern.search(lines[n])]
        if len(hits) <= skip:
            break
        start = found = hits[skip]
        skip = 0
        parents.append(key)
    return found + 1 if found is not None else None


# -- a TOML writer for plain data ---------------------------------------------------------


def dumps_toml(data: dict[str, Any]) -> str:
    """TOML for a dict of scalars, arrays, nested dicts and arrays of dicts."""
    out: list[str] = []
    _table(data, [], out)
    return "\n".join(out).strip("\n") + "\n"


def _table(data: dict[str, Any], path: list[str], out: list[str]) -> None:
    nested = {k: v for k, v in data.items() if isinstance(v, dict) or _is_table_array(v)}
    for key, value in data.items():
        if key not in nested:
            out.append(f"{_key(key)} = {_value(value)}")
    for key, value in nested.items():
        full = ".".join(_key(p) for p in [*path, key])
        if isinstance(value, dict):
            out.extend(["", f"[{full}]"])
            _table(value, [*path, key], out)
        else:
            for item in value:
                out.extend(["", f"[[{full}]]"])
                _table(item, [*path, key], out)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)


def _string(text: str) -> str:
    # A JSON string is a TOML basic string, except that TOML also forbids a raw DEL.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
