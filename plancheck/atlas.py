"""Country boundaries prepared with shapely: the builder of the compact atlas that
:mod:`plancheck.geo` answers from, and the reference answers that atlas is tested against.

plancheck does not import this module when it checks files. It is run once, when
countryinfo's data, :data:`plancheck.geo.EXTENTS` or the way boundaries are prepared
change::

    python -m plancheck.atlas        # rewrites plancheck/data/atlas.json

A test builds the atlas again and compares it with the shipped file, and another compares
:func:`plancheck.geo.locate` with :func:`locate` here on every point of the corpus.

Boundaries are countryinfo's (Natural Earth at a low resolution, MIT licence); each part
is made valid, the parts joined, and a country across the antimeridian unwrapped to
0..360 degrees of longitude (Fiji, Russia) before its convex hull is taken.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from shapely import STRtree
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from plancheck.geo import ATLAS, EXTENTS, Placement, haversine_km, in_boxes


@cache
def _atlas() -> dict[str, dict[str, Any]]:
    """countryinfo's records by ISO alpha-3 code (a record with a boundary wins)."""
    from countryinfo import CountryInfo

    out: dict[str, dict[str, Any]] = {}
    for record in CountryInfo.all().values():
        code = (record.get("ISO") or {}).get("alpha3")
        if code and (code not in out or (record.get("geoJSON") and not out[code].get("geoJSON"))):
            out[code] = dict(record)
    return out


def _geometry(record: dict[str, Any]) -> BaseGeometry | None:
    from shapely import make_valid, union_all
    from shapely.geometry import shape

    features = (record.get("geoJSON") or {}).get("features") or []
    shapes = [make_valid(shape(f["geometry"])) for f in features if f.get("geometry")]
    return union_all(shapes) if shapes else None


def _unwrap(geometry: BaseGeometry) -> tuple[BaseGeometry, bool]:
    """The geometry in the longitude frame where it is narrowest: parts west of the
    antimeridian moved by +360 degrees when that brings them next to the others."""
    from shapely import affinity, union_all
    from shapely.geometry import MultiPolygon

    minx, _, maxx, _ = geometry.bounds
    if maxx - minx <= 180 or not isinstance(geometry, MultiPolygon):
        return geometry, False
    moved = [affinity.translate(g, 360) if g.centroid.x < 0 else g for g in geometry.geoms]
    shifted = union_all(moved)
    if shifted.bounds[2] - shifted.bounds[0] < maxx - minx:
        return shifted, True
    return geometry, False


@dataclass(frozen=True)
class _Country:
    code: str
    land: BaseGeometry | None  # in its own longitude frame
    shifted: bool  # the frame is 0..360
    hull: BaseGeometry | None
    boxes: BaseGeometry | None
    centroid: tuple[float, float] | None
    radius_km: float

    def x(self, lng: float) -> float:
        return lng + 360 if self.shifted and lng < 0 else lng


@cache
def _country(code: str) -> _Country | None:
    from shapely import box, prepare, union_all

    record = _atlas().get(code)
    boxes = EXTENTS.get(code, ())
    if record is None and not boxes:
        return None
    land = _geometry(record) if record else None
    shifted = False
    hull = None
    if land is not None:
        land, shifted = _unwrap(land)
        hull = land.convex_hull
        prepare(land)
        prepare(hull)
    extent = union_all([box(w, s, e, n) for s, w, n, e in boxes]) if boxes else None
    latlng = (record or {}).get("latlng") or []
    centroid = (float(latlng[0]), float(latlng[1])) if len(latlng) == 2 else None
    if land is None and extent is None and centroid is None:
        return None  # nothing to measure with (a few territories)
    area = float((record or {}).get("area") or 0)
    radius = max(math.sqrt(area / math.pi), 10.0)
    return _Country(code, land, shifted, hull, extent, centroid, radius)


@cache
def _world() -> tuple[STRtree, list[str], list[BaseGeometry]]:
    """Every country boundary in its raw frame, indexed for "which country holds this"."""
    from shapely import STRtree

    codes, shapes = [], []
    for code, record in _atlas().items():
        geometry = _geometry(record)
        if geometry is not None:
            codes.append(code)
            shapes.append(geometry)
    return STRtree(shapes), codes, shapes


def _distance_km(geometry: BaseGeometry, lat: float, lng: float) -> float:
    """Great-circle distance from the point to the nearest point of ``geometry`` (found
    in the plane, which is close enough at the distances that matter here)."""
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    best = math.inf
    for x in (lng, lng + 360, lng - 360):
        near = nearest_points(geometry, Point(x, lat))[0]
        best = min(best, haversine_km(lat, x, near.y, near.x))
    return best


def _holder(lat: float, lng: float, code: str) -> tuple[str, float] | None:
    """Another country whose land holds the point, and how deep inside it (km)."""
    from shapely.geometry import Point

    tree, codes, shapes = _world()
    for index in tree.query(Point(lng, lat), predicate="intersects"):
        if codes[index] != code:
            return codes[index], _distance_km(shapes[index].boundary, lat, lng)
    for other, boxes in EXTENTS.items():  # a country known by its box only: named, not deep
        if other != code and other not in codes and in_boxes(boxes, lat, lng):
            return other, 0.0
    return None


def _nearest(lat: float, lng: float, code: str) -> tuple[str, float] | None:
    from shapely.geometry import Point

    tree, codes, shapes = _world()
    found = [int(i) for i in tree.query_nearest(Point(lng, lat), all_matches=True)]
    ranked = sorted((_distance_km(shapes[i], lat, lng), codes[i]) for i in found)
    return next(((c, d) for d, c in ranked if c != code), None)


@lru_cache(maxsize=8192)
def locate(lat: float, lng: float, code: str, tolerance_km: float) -> Placement | None:
    """The reference answer of :func:`plancheck.geo.locate`, computed with shapely on the
    prepared boundaries."""
    from shapely.geometry import Point

    country = _country(code)
    if country is None:
        return None
    point = Point(country.x(lng), lat)
    if country.land is not None and country.land.contains(point):
        return Placement(True, 0.0, None)
    land = _distance_km(country.land, lat, country.x(lng)) if country.land else math.inf
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
        if country.hull is not None and country.hull.contains(point):
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


# --------------------------------------------------------------------------- building


def _ring(coords: Any) -> list[float]:
    """A ring as a flat list x0, y0, x1, y1, ... (closed: the last point is the first)."""
    return [value for point in coords for value in (float(point[0]), float(point[1]))]


def _polygons(geometry: BaseGeometry | None) -> list[list[list[float]]] | None:
    """Polygons as lists of rings, the exterior first, then the holes."""
    if geometry is None:
        return None
    parts = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    out = []
    for part in parts:
        if not isinstance(part, Polygon):
            raise ValueError(f"not a polygon: {part.geom_type}")
        out.append([_ring(part.exterior.coords), *(_ring(h.coords) for h in part.interiors)])
    return out


def _representative(country: _Country) -> list[float] | None:
    """A point inside the country's land, in -180..180, rounded as `plancheck new` writes it."""
    if country.land is None:
        return None
    inside = country.land.representative_point()
    x = inside.x - 360 if inside.x > 180 else inside.x
    return [round(inside.y, 4), round(x, 4)]


def build() -> dict[str, Any]:
    """The atlas: every country :func:`locate` can answer for, as plain numbers."""
    _, world_codes, world_shapes = _world()
    raw = dict(zip(world_codes, world_shapes, strict=True))
    countries: dict[str, Any] = {}
    for code in sorted({*_atlas(), *EXTENTS}):
        country = _country(code)
        if country is None:
            continue
        hull = country.hull
        entry: dict[str, Any] = {
            "land": _polygons(country.land),
            "shifted": country.shifted,
            "hull": _ring(hull.exterior.coords) if isinstance(hull, Polygon) else None,
            "centroid": list(country.centroid) if country.centroid else None,
            "radius_km": country.radius_km,
            "inside": _representative(country),
        }
        if country.shifted:  # "which country holds this point" looks in the raw frame
            entry["world"] = _polygons(raw[code])
        countries[code] = entry
    return {"world": world_codes, "countries": countries}


def dumps(atlas: dict[str, Any]) -> str:
    """The file's text: compact JSON, one country a line (readable diffs)."""
    lines = [
        f"{json.dumps(code)}:{json.dumps(entry, separators=(',', ':'))}"
        for code, entry in atlas["countries"].items()
    ]
    world = json.dumps(atlas["world"], separators=(",", ":"))
    return '{"world":' + world + ',"countries":{\n' + ",\n".join(lines) + "\n}}\n"


def main() -> int:
    ATLAS.write_text(dumps(build()), encoding="utf-8")
    print(f"wrote {ATLAS} ({ATLAS.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
