"""The committed JSON Schema of ``dateline.article/1``, generated from the models."""

import json
from importlib import resources
from pathlib import Path

from ..model import AnalyzedArticle

SCHEMA_FILE = "dateline.article-1.json"


def generate() -> dict:
    schema = AnalyzedArticle.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "urn:dateline:schema:dateline.article:1"  # a name, not a placeholder address
    schema["title"] = "dateline.article/1"
    return schema


def committed() -> dict:
    with resources.files(__package__).joinpath(SCHEMA_FILE).open(encoding="utf-8") as fh:
        return json.load(fh)


def write() -> Path:
    """Regenerate the committed schema file (run after changing the models)."""
    path = Path(__file__).with_name(SCHEMA_FILE)
    path.write_text(json.dumps(generate(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


