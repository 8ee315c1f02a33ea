"""Rules about coordinates: the form of a `latlng` value, and whether it lies in its country.

A document names its location as a `[[country:...]]` tag followed by a `[[latlng:...]]`
tag; a document with several locations repeats the pair, and each `latlng` belongs to the
`country` before it (:func:`plancheck.house.locations`, read once per document through
``Context.locations``). Reading a value is :mod:`plancheck.coords`, country geometry
:mod:`plancheck.geo`; nothing geometric is loaded for a document without coordinates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from plancheck.codes import COORDINATE_TOLERANCE
from plancheck.coords import Reading, in_range, parse_coordinates
from plancheck.diagnostics import Applicability, Edit, Finding, Fix
from plancheck.document import Tag
from plancheck.geo import Placement, locate
from plancheck.house import COUNTRY
from plancheck.rules.base import Context, rule

if TYPE_CHECKING:
    from plancheck.schema import Vocabulary

# The platform's own wrong centroids, by ISO code: it wrote these coordinates into every
# document of the country (every Fiji document in the archive, 14 degrees west of the
# islands: an antimeridian bug). The author chose the country, not the point.
PLATFORM_CENTROIDS = {"FJI": (-17.44756195212767, 163.40786559316325)}


def _codes(vocabulary: Vocabulary) -> tuple[dict[str, str], dict[str, str]]:
    """The vocabulary's country names -> ISO alpha-3 codes, and back (built once)."""
    return vocabulary.codes, vocabulary.names


def _country_vocabulary(ctx: Context) -> Vocabulary | None:
    assert ctx.schema is not None
    found = ctx.schema.vocabulary(COUNTRY)
    if found is None or found.source != "iso-3166-1":
        from plancheck.schema import builtin_vocabularies

        found = builtin_vocabularies().get(COUNTRY)
    return found


@dataclass
class Point:
    """One coordinates tag, read, with its country resolved and the point placed."""

    ctx: Context
    tag: Tag
    country: Tag | None

    @cached_property
    def reading(self) -> Reading:
        return parse_coordinates(self.tag.value)

    @cached_property
    def code(self) -> tuple[str, str] | None:
        """The declared country's ISO code and archive name (regions resolve to theirs)."""
        vocabulary = _country_vocabulary(self.ctx)
        if self.country is None or vocabulary is None:
            return None
        found = vocabulary.index.match(self.country.value)
        code = _codes(vocabulary)[0].get(found.canonical) if found else None
        return (code, found.canonical) if code and found else None

    def name(self, code: str | None) -> str:
        vocabulary = _country_vocabulary(self.ctx)
        names = _codes(vocabulary)[1] if vocabulary else {}
        return names.get(code or "", code or "")

    def place(self, lat: float, lng: float) -> Placement | None:
        if self.code is None:
            return None
        # coordinates-outside-country's option; the other rules read it to tell a swap
        tolerance = self.ctx.settings.option(coordinates_outside_country.info, COORDINATE_TOLERANCE)
        return locate(lat, lng, self.code[0], tolerance)

    @cached_property
    def placement(self) -> Placement | None:
        point = self.reading.point
        if point is None or not in_range(*point) or point == (0.0, 0.0):
            return None
        return self.place(*point)

    @cached_property
    def swapped(self) -> bool:
        """Outside its country (or off the globe), and inside it with lat and lng swapped."""
        point = self.reading.point
        if point is None or point == (0.0, 0.0) or self.code is None:
            return False
        lat, lng = point
        if in_range(lat, lng) and (self.placement is None or self.placement.inside):
            return False
        back = self.place(lng, lat) if in_range(lng, lat) else None
        return back is not None and back.inside and back.distance_km == 0.0


def _points(ctx: Context) -> Iterator[Point]:
    for location in ctx.locations:
        tag, country = location.point, location.country
        if isinstance(tag, Tag) and tag.value.strip():  # empty: invalid-tag-value says so
            yield Point(ctx, tag, country if isinstance(country, Tag) else None)


@rule("PC501")
def malformed_coordinates(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A coordinates value that is not `latitude,longitude` in decimal degrees. The archive
    writes `lat,lng`: two decimal numbers, latitude first, a comma between them and no
    spaces. What authors write instead is read well enough to say what is wrong: spaces
    around the comma, a space, `;` or `/` between the numbers, decimal commas
    (`8,5;-80,1`), degrees-minutes-seconds or hemisphere letters (`8°30'N 80°6'W`,
    `8.5N 80.1W`, in either order: the letters say which is the latitude), labels
    (`lat: 8.5, lng: -80.1`), a third value (an altitude), or text.

    ## Why it matters

    Tools that map the archive read `lat,lng` and nothing else: any other form puts the
    plan nowhere.

    ## Example

    `[[latlng:8.5, -80.1]]`, `[[latlng:15.98;-24.01]]`, `[[latlng:8°30'N 80°6'W]]`,
    `[[latlng:Panama City]]`.

    ## Fixed example

    `[[latlng:8.5,-80.1]]`, `[[latlng:15.98,-24.01]]`, `[[latlng:8.5,-80.1]]` (no fix for
    `Panama City`).

    ## Fix safety

    The fix rewrites the value as `lat,lng` when its meaning is unambiguous: safe when only
    whitespace changes, unsafe for every conversion (the numbers as written are kept;
    degrees-minutes-seconds become decimal degrees to 6 places). Text, four numbers
    (`8,5,-80,1`), two latitudes, or a sign together with a hemisphere letter have no fix.

    ## Options

    None.
    """
    for point in _points(ctx):
        reading, tag = point.reading, point.tag
        if reading.problem is None:
            continue
        message = f"[[{tag.key}]]: {tag.value!r} is not 'lat,lng' in decimal degrees"
        message += f" ({reading.problem})"
        fix = None
        if reading.canonical is not None:
            message += f"; write {reading.canonical!r}"
            safe = Applicability.SAFE if reading.whitespace_only else Applicability.UNSAFE
            edit = Edit(tag.value_span, reading.canonical)
            fix = Fix(safe, f"Rewrite as {reading.canonical!r}", (edit,))
        yield Finding(tag.value_span, message, fix, subject=tag.key)


@rule("PC502")
def coordinates_out_of_range(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A latitude outside -90..90 or a longitude outside -180..180. When the two values swapped
    lie in the declared country, swapped-coordinates reports it instead (with its fix).

    ## Why it matters

    No place has such coordinates; usually a typo, or projected metres pasted as degrees.

    ## Example

    `[[latlng:95.2,-80.1]]`, `[[latlng:8.5,-280.1]]`. Instead: `[[latlng:8.5,-80.1]]`.

    ## Fix safety

    No fix: only the author knows the place.

    ## Options

    None of its own; to tell a swapped pair it reads coordinates-outside-country's
    tolerance.
    """
    for point in _points(ctx):
        found = point.reading.point
        if found is None or in_range(*found) or point.swapped:
            continue
        reading = point.reading
        what = (
            f"latitude {reading.lat_text} is outside -90..90"
            if not -90 <= found[0] <= 90
            else f"longitude {reading.lng_text} is outside -180..180"
        )
        yield Finding(point.tag.value_span, f"[[{point.tag.key}]]: {what}", subject=point.tag.key)


@rule("PC503")
def null_island(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    Coordinates `0,0`: a default value left in place, not a location.

    ## Why it matters

    0,0 lies in the Gulf of Guinea, 600 km off the coast of Ghana; forms and exports write it
    when no location was given.

    ## Example

    `[[latlng:0,0]]`, `[[latlng:0.0,0.0]]`. Instead: `[[latlng:7.95,-1.03]]` (Ghana): the
    location of the work (the platform uses the country's centroid).

    ## Fix safety

    No fix: only the author knows the place.

    ## Options

    None.
    """
    for point in _points(ctx):
        if point.reading.point == (0.0, 0.0):
            message = f'[[{point.tag.key}]]: 0,0 is a default value ("null island"), not a place'
            yield Finding(point.tag.value_span, message, subject=point.tag.key)


def _where(point: Point, placement: Placement) -> str:
    if placement.container:
        return f"; it lies in {point.name(placement.container)}"
    if placement.nearest:
        near = point.name(placement.nearest)
        return f"; it lies in no country (at sea?), {placement.nearest_km:,.0f} km from {near}"
    return "; it lies in no country"


@rule("PC504")
def coordinates_outside_country(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    Coordinates that do not lie in or near the country named before them. Each `latlng` is
    compared with the boundary of the `country` tag before it (a region such as
    `Republika Srpska` counts as its country). A point counts as in its country when it is
    inside the boundary or within the tolerance of it, at sea among the country's own parts
    (the platform's centroids of archipelagos and split countries, such as Malaysia, lie at
    sea), or, for small island states and outlying islands the boundaries lack, inside the
    islands' box or near the country's centroid. The message says how far the point is from
    the country and which country, if any, holds it. The platform's own wrong centroid of a
    country (Fiji's, in every Fiji document) is the export's: reported at info and counted
    apart in the summary.

    ## Why it matters

    A plan placed in the wrong country shows up on the wrong map and in the wrong country's
    counts.

    ## Example

    `[[country:Fiji]]` `[[latlng:-17.45,163.41]]` (1,471 km west of Fiji, at sea: the
    platform's centroid bug); `[[country:Kenya]]` `[[latlng:-6.37,34.89]]` (in Tanzania).
    Instead: `[[country:Fiji]]` `[[latlng:-17.71,178.07]]`.

    ## Fix safety

    No fix: only the author knows the place.

    ## Options

    `tolerance-km` (default 50): how far a point may lie outside its country's boundary
    and still count as in it. The boundaries are low-resolution, and coasts and small islands
    move by tens of kilometres. coordinates-out-of-range and swapped-coordinates read it too,
    to tell a swapped pair. The top-level key `coordinate-tolerance-km` still sets it, with a
    deprecation warning.
    """
    for point in _points(ctx):
        placement = point.placement
        if placement is None or placement.inside or point.swapped or point.code is None:
            continue
        message = (
            f"[[{point.tag.key}]]: {point.reading.canonical} is "
            f"{placement.distance_km:,.0f} km from {point.code[1]}" + _where(point, placement)
        )
        export = PLATFORM_CENTROIDS.get(point.code[0]) == point.reading.point
        if export:
            message += f" (the platform's wrong centroid of {point.code[1]})"
        yield Finding(point.tag.value_span, message, subject=point.tag.key, export=export)


@rule("PC505")
def swapped_coordinates(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    Latitude and longitude swapped: the point is outside its country (or off the globe), and
    the values the other way round lie inside it.

    ## Why it matters

    GeoJSON, KML and many GIS tools write longitude first; the archive writes latitude
    first, so the swapped point lands in another place altogether.

    ## Example

    `[[country:Ghana]]` `[[latlng:-1.03,7.95]]`.

    ## Fixed example

    `[[country:Ghana]]` `[[latlng:7.95,-1.03]]`.

    ## Fix safety

    Unsafe: the fix swaps the two values.

    ## Options

    None of its own; it reads coordinates-outside-country's tolerance to tell whether a
    point lies in its country.
    """
    for point in _points(ctx):
        if not point.swapped or point.code is None:
            continue
        reading = point.reading
        swapped = f"{reading.lng_text},{reading.lat_text}"
        message = (
            f"[[{point.tag.key}]]: latitude and longitude are swapped: "
            f"{swapped} lies in {point.code[1]}"
        )
        fix = Fix(
            Applicability.UNSAFE, f"Swap to {swapped!r}", (Edit(point.tag.value_span, swapped),)
        )
        yield Finding(point.tag.value_span, message, fix, subject=point.tag.key)
