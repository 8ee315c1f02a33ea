"""The documentation of the rules without a check: the diagnostics the core reports
itself (the file reader: unreadable-file, invalid-encoding, file-too-large; the linter:
unused-suppression; the engine: internal-error), in the sections every rule's
documentation has. Their entries in :mod:`plancheck.codes` carry it."""

from __future__ import annotations

UNREADABLE_FILE = """\
## What it reports

A path named on the command line (or met while walking a folder) that cannot be read: it
does not exist, it is a broken link or a link loop, it is a directory, or the operating
system refuses to open it. The file reader reports it before parsing, with the operating
system's reason.

## Why it matters

A file that was not read was not checked: the run goes on with the other files and exits
with status 2, so that a run that missed a file never looks clean.

## Example

`plancheck check plans/missing.md`, where `plans/missing.md` does not exist.

## Fix safety

No fix: name a file that exists, or give plancheck permission to read it.

## Options

None.
"""

INVALID_ENCODING = """\
## What it reports

A file in another encoding (Latin-1, UTF-16, UTF-32) or a binary file. The file reader
reports it before parsing, with the line, column and byte offset of the first byte that is
not UTF-8 (or of the first NUL byte, for binary data).

## Why it matters

Plan documents are UTF-8; text in another encoding cannot be parsed as the archive reads
it. The run exits with status 2.

## Example

A plan saved as UTF-16 by a word processor.

## Fix safety

No fix: re-save the file as UTF-8.

## Options

None.
"""

UNUSED_SUPPRESSION = """\
## What it reports

A markdownlint-style suppression comment that suppresses nothing, or that names no rule.
plancheck reads `<!-- plancheck-disable RULE... -->` and `<!-- plancheck-enable RULE... -->`
around a passage, `<!-- plancheck-disable-next-line RULE... -->` for the next line and
`<!-- plancheck-disable-file RULE... -->` for the whole file; rules by code, code prefix
or name, all rules when none is named. Reported by the linter after the other rules ran
(it needs their findings).

## Why it matters

A suppression left behind after the problem was fixed hides the next real one.

## Example

`<!-- plancheck-disable-next-line empty-answer -->` above an answered prompt.

## Fix safety

No fix: remove the comment.

## Options

None.
"""

FILE_TOO_LARGE = """\
## What it reports

A file above `max-file-size` bytes (default 10485760, 10 MiB), reported from its size
alone, without reading it; a stream is read only until it passes the limit. The message
gives the file's size and the limit. The run exits with status 2.

## Why it matters

A plan document is a few kilobytes (the largest in the archive is 46 KB). A file this
large is most likely an export, a log or a binary file named `.md`, and reading it whole
would cost memory and time.

## Example

A 40 MB database dump saved as `notes.md` beside the plans.

## Fix safety

No fix. To check larger files, raise the limit in the configuration:
`max-file-size = 52428800` in `.plancheck.toml` or `[tool.plancheck]`.

## Options

None of its own: the limit is the top-level `max-file-size` setting, as the reader
applies it before any rule runs.
"""

INTERNAL_ERROR = """\
## What it reports

A rule or the parser that raised an unexpected error on a file, or a worker process that
died on it. plancheck reports it here, naming the rule and the error, instead of stopping
with a traceback. It is reported even when not selected.

## Why it matters

A file plancheck failed on was not fully checked: the other files are still checked and
the run exits with status 2, so that it never looks clean. Please report it with the file
(or the smallest part of it that still fails).

## Example

`rule tag-order (PC607) failed: KeyError: 'latlng'; please report it`.

## Fix safety

No fix: the bug is plancheck's.

## Options

None.
"""
