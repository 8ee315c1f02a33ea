"""Country geometry: whether a point lies in or near a country, and how far from it.

:func:`locate` says whether a point lies in or near a country, how far from it, and
which other country (if any) holds it, in pure Python: boundaries are countryinfo's
(Natural Earth at a low resolution, MIT licence), prepared once with shapely by
:mod:`plancheck.atlas` into ``plancheck/data/atlas.json`` (about 10,000 points). That
file is read when the first point is checked; each country's shape is built once. The
answers are shapely's: the same tests (inside, nearest point in the plane, then the
great-circle distance to it), checked against it on every point of the corpus. Reading
the ``latlng`` text that gives the point is :mod:`plancheck.coords`'s job.

Low-resolution boundaries miss small islands and outlying parts, and the platform's
centroids of archipelagos and split countries lie at sea. So a point is "in" its country
when it is inside the boundary, within the tolerance of it, at sea inside the convex hull
of the country's parts, inside one of the hand-kept boxes of :data:`EXTENTS` (islands the
data lacks), or, for a country the data has no boundary for, within its area's radius of
its centroid; never when another country's land holds it deeper than the tolerance.
Countries that cross the antimeridian (Fiji, Russia, Kiribati) are unwrapped to 0..360
degrees of longitude before the hull and distances are computed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

EARTH_RADIUS_KM = 6371.0088

Box = tuple[float, float, float, float]  # south, west, north, east (degrees)

# Islands and outlying parts that countryinfo's low-resolution boundaries lack, and the
# spread island states it has no boundary for (a centroid alone would not cover them).
# Rough boxes, a little generous; a box never claims a point that another country's land
# holds. Boxes across the antimeridian are split in two.
EXTENTS: dict[str, tuple[Box, ...]] = {
    "ESP": ((27.5, -18.3, 29.5, -13.3),),  # Canary Islands
    "PRT": ((36.8, -31.4, 39.8, -24.9), (32.3, -17.4, 33.2, -16.2)),  # Azores, Madeira
    "ECU": ((-1.6, -92.1, 1.8, -89.1),),  # Galápagos
    "TLS": ((-9.55, 124.0, -9.1, 124.5),),  # Oecusse (Pante Makassar)
    "SOM": ((7.9, 42.6, 11.6, 49.0),),  # Somaliland, a boundary of its own in the data
    "YEM": ((12.0, 52.0, 12.8, 54.6),),  # Socotra
    "CHL": ((-27.3, -109.5, -27.0, -109.2), (-33.9, -80.9, -33.5, -78.7)),
    "COL": ((12.4, -81.8, 13.5, -81.3),),  # San Andrés and Providencia
    "IND": ((6.7, 92.2, 13.7, 94.0), (8.2, 71.7, 12.4, 74.0)),  # Andamans, Lakshadweep
    "JPN": ((24.0, 122.9, 28.5, 131.4), (24.0, 141.0, 27.8, 142.3)),  # Ryukyu, Ogasawara
    "GNQ": ((3.2, 8.4, 3.8, 9.0), (-1.5, 5.5, -1.3, 5.7)),  # Bioko, Annobón
    "FJI": ((-21.2, -180.0, -16.1, -178.2), (-12.6, 176.9, -12.2, 177.4)),  # Lau, Rotuma
    "KIR": (
        (-3.0, 172.5, 3.5, 177.2),  # Gilbert Islands
        (-5.0, -172.5, -2.5, -170.5),  # Phoenix Islands
        (-12.0, -162.5, 5.5, -150.0),  # Line Islands
    ),
    "TUV": ((-11.0, 175.8, -5.4, 180.0),),
    "MHL": ((4.3, 160.5, 14.9, 172.3),),
    "FSM": ((0.8, 137.2, 10.2, 163.4),),
    "PLW": ((2.8, 131.0, 8.2, 134.8),),
    "COK": ((-22.1, -166.0, -8.8, -157.2),),
    "PYF": ((-27.8, -154.8, -7.8, -134.3),),
    "TON": ((-22.5, -176.3, -15.4, -173.6),),
    "WSM": ((-14.2, -172.9, -13.3, -171.3),),
    "MDV": ((-0.9, 72.5, 7.3, 73.9),),
    "SYC": ((-10.5, 45.9, -3.5, 56.4),),
    "MUS": ((-20.7, 56.4, -10.2, 63.6),),  # with Rodrigues, Agaléga, Cargados Carajos
    "CPV": ((14.7, -25.5, 17.3, -22.5),),
    "COM": ((-12.5, 43.1, -11.3, 44.6),),
    "STP": ((-0.1, 6.4, 1.8, 7.5),),
    "ATG": ((16.9, -62.4, 17.8, -61.6),),
    "VCT": ((12.5, -61.5, 13.4, -61.1),),
    "VGB": ((18.3, -64.9, 18.8, -64.2),),  # no boundary and no centroid in the data
    # Countries the data has no boundary for and too large for a centroid's radius.
    "SRB": ((42.2, 18.8, 46.2, 23.0),),
    "MNE": ((41.8, 18.4, 43.6, 20.4),),
    "HUN": ((45.7, 16.1, 48.6, 22.9),),
    "MMR": ((9.5, 92.1, 28.6, 101.2),),
}


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a point is with respect to a country."""

    inside: bool  # in the country, or near enough (see the module docstring)
    distance_km: float  # from the country's land (0 when inside its boundary)
    container: str | None  # alpha-3 code of another country whose land holds the point
    nearest: str | None = None  # at sea: alpha-3 code of the nearest country, if known
    nearest_km: float = 0.0


def haversine_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lng2 - lng1) * p / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# The prepared boundaries (see plancheck.atlas, which writes this file with shapely).
ATLAS = Path(__file__).with_name("data") / "atlas.json"

Ring = tuple[float, ...]  # x0, y0, x1, y1, ... closed: the last point is the first
Bounds = tuple[float, float, float, float]  # min x, min y, max x, max y


def _ring_bounds(ring: Ring) -> Bounds:
    xs, ys = ring[0::2], ring[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    """Even-odd ray casting: whether (x, y) is inside the ring."""
    inside = False
    x1, y1 = ring[-2], ring[-1]
    for i in range(0, len(ring), 2):
        x2, y2 = ring[i], ring[i + 1]
        if (y2 > y) != (y1 > y) and x < (x1 - x2) * (y - y2) / (y1 - y2) + x2:
            inside = not inside
        x1, y1 = x2, y2
    return inside


def _box_gap(bounds: Bounds, x: float, y: float) -> float:
    """Squared plane distance from (x, y) to a bounding box: a lower bound for its shape."""
    dx = max(bounds[0] - x, 0.0, x - bounds[2])
    dy = max(bounds[1] - y, 0.0, y - bounds[3])
    return dx * dx + dy * dy


@dataclass(frozen=True, slots=True)
class _Shape:
    """Polygons (each the exterior ring, then its holes) in degrees, x the longitude,
    with the bounding box of each: what shapely answered "contains" and "nearest point"
    on, in the plane, as plain numbers."""

    polygons: tuple[tuple[Ring, ...], ...]
    bounds: tuple[Bounds, ...]

    @classmethod
    def of(cls, polygons: list[list[list[float]]]) -> _Shape:
        rings = tuple(tuple(tuple(ring) for ring in polygon) for polygon in polygons)
        return cls(rings, tuple(_ring_bounds(polygon[0]) for polygon in rings))

    @classmethod
    def of_boxes(cls, boxes: tuple[Box, ...]) -> _Shape:
        return cls.of([[[w, s, e, s, e, n, w, n, w, s]] for s, w, n, e in boxes])

    def covers(self, x: float, y: float) -> bool:
        for polygon, (x0, y0, x1, y1) in zip(self.polygons, self.bounds, strict=True):
            inside = x0 <= x <= x1 and y0 <= y <= y1 and _in_ring(polygon[0], x, y)
            if inside and not any(_in_ring(hole, x, y) for hole in polygon[1:]):
                return True
        return False

    def nearest(self, x: float, y: float, *, edge: bool = False) -> tuple[float, float, float]:
        """The nearest point (x, y) of the shape, or of its edges only with ``edge``, and
        its squared plane distance; the point itself when the shape covers it."""
        if not edge and self.covers(x, y):
            return x, y, 0.0
        best = (x, y, math.inf)
        for polygon, bounds in zip(self.polygons, self.bounds, strict=True):
            if _box_gap(bounds, x, y) >= best[2]:
                continue  # the exterior lies in its box, and so do the holes
            for ring in polygon:
                best = _nearest_on_ring(ring, x, y, best)
        return best


def _nearest_on_ring(
    ring: Ring, x: float, y: float, best: tuple[float, float, float]
) -> tuple[float, float, float]:
    bx, by, bd = best
    ax, ay = ring[0], ring[1]
    for i in range(2, len(ring), 2):
        cx, cy = ring[i], ring[i + 1]
        dx, dy = cx - ax, cy - ay
        length = dx * dx + dy * dy
        t = ((x - ax) * dx + (y - ay) * dy) / length if length else 0.0
        t = 0.0 if t < 0 else 1.0 if t > 1 else t
        px, py = ax + t * dx, ay + t * dy
        d = (px - x) ** 2 + (py - y) ** 2
        if d < bd:
            bx, by, bd = px, py, d
        ax, ay = cx, cy
    return bx, by, bd


@dataclass(frozen=True, slots=True)
class _Country:
    code: str
    land: _Shape | None  # in its own longitude frame
    shifted: bool  # the frame is 0..360
    hull: _Shape | None
    boxes: _Shape | None
    centroid: tuple[float, float] | None
    radius_km: float
    world: _Shape | None  # the land in -180..180, for "which country holds this point"
    inside: tuple[float, float] | None  # a point of its land

    def x(self, lng: float) -> float:
        return lng + 360 if self.shifted and lng < 0 else lng


@cache
def _atlas() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ATLAS.read_text(encoding="utf-8"))
    return data


def _pair(value: list[float] | None) -> tuple[float, float] | None:
    return (float(value[0]), float(value[1])) if value else None


@cache
def _country(code: str) -> _Country | None:
    entry = _atlas()["countries"].get(code)
    if entry is None:
        return None
    land = _Shape.of(entry["land"]) if entry["land"] else None
    world = _Shape.of(entry["world"]) if entry.get("world") else land
    boxes = _Shape.of_boxes(EXTENTS[code]) if code in EXTENTS else None
    hull = _Shape.of([[entry["hull"]]]) if entry["hull"] else None
    return _Country(
        code,
        land,
        entry["shifted"],
        hull,
        boxes,
        _pair(entry["centroid"]),
        entry["radius_km"],
        world,
        _pair(entry["inside"]),
    )


@cache
def _world() -> tuple[tuple[str, _Shape], ...]:
    """Every country's land in -180..180, in the order the reference indexed them."""
    out = []
    for code in _atlas()["world"]:
        country = _country(code)
        assert country is not None and country.world is not None
        out.append((code, country.world))
    return tuple(out)


def boundaries() -> dict[str, list[list[tuple[float, float]]]]:
    """Every country's land (longitudes -180..180) as its polygons' exterior rings of
    (longitude, latitude) points, by ISO alpha-3 code: what the report's world map draws."""
    return {
        code: [list(zip(p[0][0::2], p[0][1::2], strict=True)) for p in shape.polygons]
        for code, shape in _world()
    }


def _distance_km(shape: _Shape, lat: float, lng: float, *, edge: bool = False) -> float:
    """Great-circle distance from the point to the nearest point of ``shape`` (found
    in the plane, which is close enough at the distances that matter here)."""
    best = math.inf
    for x in (lng, lng + 360, lng - 360):
        near_x, near_y, _ = shape.nearest(x, lat, edge=edge)
        best = min(best, haversine_km(lat, x, near_y, near_x))
    return best


def _holder(lat: float, lng: float, code: str) -> tuple[str, float] | None:
    """Another country whose land holds the point, and how deep inside it (km)."""
    world = _world()
    for other, shape in world:
        if other != code and shape.covers(lng, lat):
            return other, _distance_km(shape, lat, lng, edge=True)
    known = {other for other, _ in world}
    for other, boxes in EXTENTS.items():  # a country known by its box only: named, not deep
        if other != code and other not in known and in_boxes(boxes, lat, lng):
            return other, 0.0
    return None


def in_boxes(boxes: tuple[Box, ...], lat: float, lng: float) -> bool:
    return any(s <= lat <= n and w <= lng <= e for s, w, n, e in boxes)


def _nearest(lat: float, lng: float, code: str) -> tuple[str, float] | None:
    """The country nearest in the plane (all of them on a tie), unless it is ``code``."""
    ranked = sorted((_box_gap(b, lng, lat), c, s) for c, s in _world() for b in s.bounds)
    closest = math.inf
    found: dict[str, _Shape] = {}
    for gap, other, shape in ranked:
        if gap > closest:
            break
        if other in found:
            continue
        distance = shape.nearest(lng, lat)[2]
        if distance < closest:
            closest, found = distance, {other: shape}
        elif distance == closest:
            found[other] = shape
    by_km = sorted((_distance_km(shape, lat, lng), other) for other, shape in found.items())
    return next(((c, d) for d, c in by_km if c != code), None)


@lru_cache(maxsize=8192)
def locate(lat: float, lng: float, code: str, tolerance_km: float) -> Placement | None:
    """Where (lat, lng) is with respect to country ``code`` (ISO alpha-3); None when there
    is no geometry for the country (Kosovo, a few territories)."""
    country = _country(code)
    if country is None:
        return None
    x = country.x(lng)
    if country.land is not None and country.land.covers(x, lat):
        return Placement(True, 0.0, None)
    land = _distance_km(country.land, lat, x) if country.land else math.inf
    rough = math.inf  # from the boxes or the centroid's circle, which never claim a point
    if country.boxes is not None:
        rough = _distance_km(country.boxes, lat, lng)
    if country.centroid is not None and country.land is None:
        far = haversine_km(lat, lng, *country.centroid) - country.radius_km
        rough = min(rough, max(far, 0.0))
    distance = min(land, rough)
    if land <= tolerance_km:
        return Placement(True, distance, None)
    holder = _holder(lat, lng, code)
    if holder is None or holder[1] <= tolerance_km:
        if rough <= tolerance_km:
            return Placement(True, distance, None)
        if country.hull is not None and country.hull.covers(x, lat):
            return Placement(True, distance, None)  # at sea among the country's own parts
    if holder is not None:
        if country.land is None:  # a box or circle says little: the depth is a lower bound
            distance = max(distance, holder[1])
        return Placement(False, distance, holder[0])
    nearest = _nearest(lat, lng, code)
    if nearest is None:
        return Placement(False, distance, None)
    if nearest[1] <= tolerance_km:  # on a coast the low-resolution boundary cuts off
        return Placement(False, distance, nearest[0])
    return Placement(False, distance, None, nearest[0], nearest[1])


def reference_point(code: str) -> tuple[float, float] | None:
    """Where a new document's `latlng` tag points for a country (ISO alpha-3): countryinfo's
    centroid of the country, or, where that centroid lies outside the country's boundary
    (the Bahamas, Fiji, Kuwait), a point inside its land; None without data."""
    country = _country(code)
    if country is None:
        return None
    has_land = country.land is not None
    if country.centroid is not None:
        lat, lng = country.centroid
        placed = locate(lat, lng, code, 0.0)
        if placed is None or placed.inside or not has_land:
            return lat, lng  # without a boundary, the centroid is all there is
    if country.inside is not None:
        return country.inside
    boxes = EXTENTS.get(code)
    if boxes:
        south, west, north, east = boxes[0]
        return (south + north) / 2, (west + east) / 2
    return None
