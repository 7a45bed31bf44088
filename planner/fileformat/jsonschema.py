"""Print the editors' JSON Schema: python -m planner.fileformat.jsonschema > roadmaps/schema.json"""

from __future__ import annotations

import json
import sys

from planner.fileformat.schema import RoadmapFile


def schema_text() -> str:
    """The JSON Schema of a roadmap file, as written to roadmaps/schema.json."""
    schema = RoadmapFile.model_json_schema()
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    sys.stdout.write(schema_text())
