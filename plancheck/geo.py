"""Coordinates and country geometry.

Two halves:

* :func:`parse_coordinates` reads a ``latlng`` value in every form people write (the
  canonical ``lat,lng``, spaces or semicolons, decimal commas, degrees-minutes-seconds and
  hemisphere letters, ``lat: x, lng: y``, a third value, text) and says what is wrong with
  it and, when the meaning is unambiguous, what the canonical text is.
* :func:`locate` says whether a point lies in or near a country, how far from it, and
  which other country (if any) holds it. Boundaries are countryinfo's (Natural Earth at a
  low resolution, MIT licence), tested with shapely. Neither is imported, nor is any data
  read, before the first point is checked; each country's geometry is built once.

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

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shapely import STRtree
    from shapely.geometry.base import BaseGeometry

# --------------------------------------------------------------------------- parsing

NUMBER = r"[+-]?\d+(?:\.\d+)?"
CANONICAL = re.compile(rf"({NUMBER}),({NUMBER})")
_TWO = re.compile(rf"({NUMBER})\s*(,|;|/|\s)\s*({NUMBER})")
_DECIMAL_COMMAS = re.compile(r"([+-]?\d+,\d+)\s*(;|/|\s)\s*([+-]?\d+,\d+)")
_THREE = re.compile(rf"({NUMBER})\s*(,|;|\s)\s*({NUMBER})\s*\2\s*({NUMBER})")
_LABEL = re.compile(
    rf"(?i)(?<![a-z])(?P<label>latitude|lat|longitude|long|lng|lon)\s*[:=]?\s*(?P<num>{NUMBER})"
)
_LABEL_REST = re.compile(r"[\s,;/(){}\[\]]*")
_TOKEN = re.compile(
    r"\s*(?:(?P<hemi>(?<![A-Za-z])[NSEWOnsewo](?![A-Za-z]))"
    rf"|(?P<num>{NUMBER})\s*(?P<mark>°|'|\")?"
    r"|(?P<sep>[,;/]))"
)
_MARKS = str.maketrans(  # other degree, minute and second marks, as ° ' "
    {
        "\u00ba": "°",
        "\u02da": "°",
        "\u2032": "'",
        "\u2019": "'",
        "\u2018": "'",
        "\u2033": '"',
        "\u201d": '"',
    }
)
_SEPARATORS = {",": "a comma", ";": "';'", "/": "'/'"}


@dataclass(frozen=True, slots=True)
class Reading:
    """What a ``latlng`` value says: the point (when it can be read), its canonical text,
    and what is wrong with the form (None when the value is canonical)."""

    lat: float | None = None
    lng: float | None = None
    lat_text: str = ""
    lng_text: str = ""
    problem: str | None = None
    whitespace_only: bool = False  # the canonical text differs only by whitespace

    @property
    def point(self) -> tuple[float, float] | None:
        if self.lat is None or self.lng is None:
            return None
        return self.lat, self.lng

    @property
    def canonical(self) -> str | None:
        return f"{self.lat_text},{self.lng_text}" if self.point else None


def _read(lat: str, lng: str, problem: str | None, whitespace_only: bool = False) -> Reading:
    return Reading(float(lat), float(lng), lat, lng, problem, whitespace_only)


def parse_coordinates(text: str) -> Reading:
    """Read ``text`` as a coordinate pair (see the module docstring for the forms)."""
    value = text.strip()
    found = CANONICAL.fullmatch(value)
    if found:
        return _read(found[1], found[2], None if value == text else "spaces around it", True)
    squeezed = re.sub(r"\s+", "", value)
    found = CANONICAL.fullmatch(squeezed)
    if found and "," in value:
        return _read(found[1], found[2], "spaces around the comma", True)
    for reader in (_plain, _labelled, _hemispheres):
        reading = reader(value.translate(_MARKS))
        if reading is not None:
            return reading
    return Reading(problem="not a coordinate pair")


def _plain(value: str) -> Reading | None:
    found = _TWO.fullmatch(value)
    if found:
        sep = _SEPARATORS.get(found[2], "a space")
        return _read(found[1], found[3], f"separated by {sep} instead of a comma")
    found = _DECIMAL_COMMAS.fullmatch(value)
    if found:
        lat, lng = found[1].replace(",", "."), found[3].replace(",", ".")
        return _read(lat, lng, "decimal commas")
    found = _THREE.fullmatch(value)
    if found:
        return _read(found[1], found[3], f"a third value ({found[4]})")
    if re.fullmatch(r"[+-]?\d+,\d+,[+-]?\d+,\d+", value):
        return Reading(problem="four numbers (decimal commas?); which pair is meant is unclear")
    return None


def _labelled(value: str) -> Reading | None:
    found = list(_LABEL.finditer(value))
    lats = [m["num"] for m in found if m["label"].lower().startswith("lat")]
    lngs = [m["num"] for m in found if not m["label"].lower().startswith("lat")]
    rest = _LABEL.sub("", value)
    if len(lats) != 1 or len(lngs) != 1 or not _LABEL_REST.fullmatch(rest):
        return None
    return _read(lats[0], lngs[0], "labelled values")


@dataclass
class _Part:
    """One coordinate of a degrees-minutes-seconds or hemisphere-letter form."""

    number: str
    degree_sign: bool
    minutes: str | None = None
    seconds: str | None = None
    hemisphere: str | None = None

    def degrees(self) -> float | None:
        minutes = float(self.minutes or 0)
        seconds = float(self.seconds or 0)
        if minutes >= 60 or seconds >= 60:
            return None
        size = abs(float(self.number)) + minutes / 60 + seconds / 3600
        negative = self.number.startswith("-") or self.hemisphere in ("S", "W", "O")
        return -size if negative else size

    def text(self) -> str | None:
        value = self.degrees()
        if value is None or (self.number.startswith("-") and self.hemisphere):
            return None  # a sign and a hemisphere letter: which one is meant?
        if self.minutes is None and self.seconds is None:
            plain = self.number.lstrip("+-")
            return f"-{plain}" if value < 0 else plain
        return f"{value:.6f}".rstrip("0").rstrip(".")


def _parts(value: str) -> list[_Part] | None:
    parts: list[_Part] = []
    open_part: _Part | None = None
    pending: str | None = None
    position = 0
    for token in _TOKEN.finditer(value):
        if token.start() != position:
            return None
        position = token.end()
        if token["sep"]:
            open_part = None
        elif token["hemi"]:
            letter = token["hemi"].upper()
            if open_part is not None and open_part.hemisphere is None:
                open_part.hemisphere, open_part = letter, None
            elif pending is None:
                pending = letter
            else:
                return None
        else:
            mark = token["mark"]
            if open_part and open_part.degree_sign and mark == "'" and open_part.minutes is None:
                open_part.minutes = token["num"]
            elif open_part and open_part.minutes and mark == '"' and open_part.seconds is None:
                open_part.seconds = token["num"]
            elif mark in ("'", '"'):
                return None
            else:
                open_part = _Part(token["num"], mark == "°", hemisphere=pending)
                parts.append(open_part)
                pending = None
    if position != len(value.rstrip()) or pending is not None:
        return None
    return parts


def _hemispheres(value: str) -> Reading | None:
    parts = _parts(value)
    if parts is None or len(parts) != 2:
        return None
    if not any(p.hemisphere or p.degree_sign for p in parts):
        return None
    kinds = [None if p.hemisphere is None else p.hemisphere in "NS" for p in parts]
    if kinds[0] is False or kinds[1] is True:
        parts.reverse()  # the letters say which is the latitude
        kinds.reverse()
    if kinds[0] is False or kinds[1] is True:
        return Reading(problem="two latitudes or two longitudes")
    lat, lng = parts[0].text(), parts[1].text()
    if lat is None or lng is None:
        return Reading(problem="a sign and a hemisphere letter, or minutes over 60")
    dms = any(p.minutes is not None for p in parts)
    return _read(lat, lng, "degrees, minutes and seconds" if dms else "hemisphere letters")


def in_range(lat: float, lng: float) -> bool:
    return -90 <= lat <= 90 and -180 <= lng <= 180


# --------------------------------------------------------------------------- geometry

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


def boundaries() -> dict[str, BaseGeometry]:
    """Every country boundary the data has, by ISO alpha-3 code, in its raw frame
    (longitudes -180..180): what the report's world map draws."""
    _, codes, shapes = _world()
    return dict(zip(codes, shapes, strict=True))


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
        if other != code and other not in codes and _in_boxes(boxes, lat, lng):
            return other, 0.0
    return None


def _in_boxes(boxes: tuple[Box, ...], lat: float, lng: float) -> bool:
    return any(s <= lat <= n and w <= lng <= e for s, w, n, e in boxes)


def _nearest(lat: float, lng: float, code: str) -> tuple[str, float] | None:
    from shapely.geometry import Point

    tree, codes, shapes = _world()
    found = [int(i) for i in tree.query_nearest(Point(lng, lat), all_matches=True)]
    ranked = sorted((_distance_km(shapes[i], lat, lng), codes[i]) for i in found)
    return next(((c, d) for d, c in ranked if c != code), None)


@lru_cache(maxsize=8192)
def locate(lat: float, lng: float, code: str, tolerance_km: float) -> Placement | None:
    """Where (lat, lng) is with respect to country ``code`` (ISO alpha-3); None when there
    is no geometry for the country (Kosovo, a few territories)."""
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


def reference_point(code: str) -> tuple[float, float] | None:
    """Where a new document's `latlng` tag points for a country (ISO alpha-3): countryinfo's
    centroid of the country, or, where that centroid lies outside the country's boundary
    (the Bahamas, Fiji, Kuwait), a point inside its land; None without data."""
    record = _atlas().get(code) or {}
    latlng = record.get("latlng") or []
    country = _country(code)
    has_land = country is not None and country.land is not None
    if len(latlng) == 2:
        lat, lng = float(latlng[0]), float(latlng[1])
        placed = locate(lat, lng, code, 0.0)
        if placed is None or placed.inside or not has_land:
            return lat, lng  # without a boundary, the centroid is all there is
    if country is not None and country.land is not None:
        inside = country.land.representative_point()
        x = inside.x - 360 if inside.x > 180 else inside.x
        return round(inside.y, 4), round(x, 4)
    boxes = EXTENTS.get(code)
    if boxes:
        south, west, north, east = boxes[0]
        return (south + north) / 2, (west + east) / 2
    return None
