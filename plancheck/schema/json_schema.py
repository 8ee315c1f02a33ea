"""The JSON Schemas of the file formats, for editors (committed in ``schemas/``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from plancheck.schema.model import Schema, Vocabulary

if TYPE_CHECKING:
    from pydantic import BaseModel


def format_json_schema(model: type[Any] = Schema, name: str = "schema") -> str:
    """The JSON Schema of schema files, for editors (committed as schemas/schema.schema.json);
    of vocabulary files with ``Vocabulary, "vocabulary"``; of another pydantic model."""
    from plancheck.schema.files import MODELS

    chosen: type[BaseModel] = MODELS[name] if model in (Schema, Vocabulary) else model
    document = chosen.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
