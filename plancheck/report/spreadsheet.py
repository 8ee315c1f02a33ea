"""`--csv`: one row per document, for spreadsheets.

Columns: path, template, year, country, errors, warnings, fixable, then one column per
rule (its code) that found anything in the run, holding that document's count.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from plancheck.report.collect import Document

COLUMNS = ("path", "template", "year", "country", "errors", "warnings", "fixable")


def write(documents: Sequence[Document], rule_codes: Sequence[str], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*COLUMNS, *rule_codes])
    for doc in documents:
        writer.writerow(
            [
                doc.path,
                doc.template or "",
                doc.year or "",
                doc.country,
                doc.errors,
                doc.warnings,
                doc.fixable,
                *(doc.by_rule[code] for code in rule_codes),
            ]
        )
