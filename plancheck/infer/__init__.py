"""`plancheck schema infer`: a template's schema written from documents of that template.

The documents are read with plancheck's own parser, then each part of the schema is
inferred by a module of its own, with the counts behind every decision kept as evidence
for the YAML comments:

* :mod:`~plancheck.infer.collect`: reading the paths into parsed documents;
* :mod:`~plancheck.infer.tags`: tag keys, their share, repetition and value format;
* :mod:`~plancheck.infer.sections`: sections, localized headings aligned as aliases by
  their position and their prompts, and the consensus order;
* :mod:`~plancheck.infer.prompts`: the prompts of each section, their canonical text and
  variants, and groups;
* :mod:`~plancheck.infer.constraints`: answer constraints read from a prompt's words;
* :mod:`~plancheck.infer.clusters`: a warning when the documents look like two templates;
* :mod:`~plancheck.infer.writer`: the schema as YAML with the evidence as comments.

:func:`infer` returns the inferred schema as data, :func:`~plancheck.infer.writer.render`
writes it; the command is in :mod:`~plancheck.infer.command`.
"""

from __future__ import annotations

from plancheck.infer.model import InferredSchema, infer

__all__ = ["InferredSchema", "infer"]
