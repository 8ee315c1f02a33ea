"""The archive's house format, the facts of it that code reads: the tag order, the location
tags and how a `country` pairs with the coordinates after it.

The tag-order rule checks the order, the scaffold writes it, the renderer lays it out, and
the coordinate rules and missing-tag read the pairs: all from here. The format itself is
described in docs/format.md.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from plancheck.document import Document, MalformedTag, Tag

# The tags every document opens with, in this order, each followed by a blank line.
FIRST_TAGS = ("focal_point", "year", "type")
# A location: a `country` tag and the coordinates tag after it (the pair repeats for a
# document with several locations). Then come the tags the template lists after `latlng`.
COUNTRY = "country"
LATLNG = "latlng"
LOCATION = (COUNTRY, LATLNG)


def after_location(keys: Sequence[str]) -> list[str]:
    """Of a template's tag keys (in its order), those written after the location pairs:
    the keys it lists after `latlng` (an experiment's metadata, a solution's gender and
    consent)."""
    return list(keys[keys.index(LATLNG) + 1 :]) if LATLNG in keys else []


@dataclass(frozen=True, slots=True)
class Location:
    """A `country` tag and the coordinates tag after it (either may be missing)."""

    country: Tag | MalformedTag | None
    point: Tag | MalformedTag | None


def locations(doc: Document, keys: Collection[str]) -> list[Location]:
    """Pair each `country` tag with the coordinates tag (a key of ``keys``) that follows it,
    in file order; malformed tags count by the key the parser read."""
    tags: list[Tag | MalformedTag] = [t for t in doc.tags if t.key == COUNTRY or t.key in keys]
    tags += [m for m in doc.malformed_tags if m.key == COUNTRY or m.key in keys]
    out: list[Location] = []
    country: Tag | MalformedTag | None = None
    for tag in sorted(tags, key=lambda t: t.span):
        if tag.key == COUNTRY:
            if country is not None:
                out.append(Location(country, None))
            country = tag
        else:
            out.append(Location(country, tag))
            country = None
    if country is not None:
        out.append(Location(country, None))
    return out
