"""Write a roadmap file (format 1) from its pydantic model: plain YAML a person can review."""

from __future__ import annotations

from typing import Any

import yaml

from planner.fileformat.schema import RoadmapFile

SCHEMA_COMMENT = "# yaml-language-server: $schema={}\n"


def _plain_numbers(value: Any) -> Any:
    """40.0 is written 40: hand-written files say hours: 40, and both read back equal."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _plain_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_numbers(v) for v in value]
    return value


def _drop_empty(value: Any) -> Any:
    # Empty lists and absent optionals are left out, as a person writing the file would.
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


def dump_roadmap(roadmap: RoadmapFile, schema: str = "./schema.json") -> str:
    """The text of a roadmap file; keys keep the order of the format (the models' field order)."""
    data = _plain_numbers(_drop_empty(roadmap.model_dump(mode="python")))
    body = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    return SCHEMA_COMMENT.format(schema) + body
