"""Schemas and vocabularies: what a template asks of a document, as data.

A schema is data (YAML in ``schemas/``): adding a template version needs no code. The
package has one module a job:

* :mod:`~plancheck.schema.model`: the plain, immutable objects rules read;
* :mod:`~plancheck.schema.files`: the files validated (PyYAML, then strict pydantic
  models; a broken file named with its line), imported only when a file is validated;
* :mod:`~plancheck.schema.compiled`: a run's folders of files, validated once and kept as
  plain data in the user's cache folder, so that a check whose schemas have not changed
  loads neither PyYAML nor pydantic;
* :mod:`~plancheck.schema.load`: the loaders, of one file or of a run's set;
* :mod:`~plancheck.schema.json_schema`: the JSON Schemas of the file formats;
* :class:`SchemaError` (defined in :mod:`plancheck.errors`, with the other input errors).

The common names are imported here (``from plancheck.schema import Schema``); none of
these modules imports PyYAML or pydantic when it is imported.
"""

from plancheck.errors import SchemaError
from plancheck.schema.compiled import VOCABULARY_FOLDER
from plancheck.schema.json_schema import format_json_schema
from plancheck.schema.load import (
    builtin_vocabularies,
    load_schema,
    load_schemas,
    load_vocabularies,
    load_vocabulary,
    parse_schema,
    parse_vocabulary,
)
from plancheck.schema.model import (
    AnswerSpec,
    Chosen,
    Policy,
    PromptSpec,
    Region,
    Schema,
    SectionSpec,
    SharesSpec,
    TagFormat,
    TagSpec,
    Term,
    Vocabulary,
)

__all__ = [
    "VOCABULARY_FOLDER",
    "AnswerSpec",
    "Chosen",
    "Policy",
    "PromptSpec",
    "Region",
    "Schema",
    "SchemaError",
    "SectionSpec",
    "SharesSpec",
    "TagFormat",
    "TagSpec",
    "Term",
    "Vocabulary",
    "builtin_vocabularies",
    "format_json_schema",
    "load_schema",
    "load_schemas",
    "load_vocabularies",
    "load_vocabulary",
    "parse_schema",
    "parse_vocabulary",
]
