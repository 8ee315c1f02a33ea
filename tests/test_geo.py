"""plancheck.coords and plancheck.geo: reading coordinates in every form, and placing points in countries."""

from __future__ import annotations

import json
import random
import re

import pytest

from plancheck.coords import in_range, parse_coordinates
from plancheck.geo import ATLAS, EXTENTS, Placement, haversine_km, locate
from tests.conftest import CORPUS, needs_corpus

TOLERANCE = 50.0


@pytest.mark.parametrize(
    ("text", "canonical", "problem", "whitespace_only"),
    [
        ("8.5,-80.1", "8.5,-80.1", None, True),
        (
            "-17.44756195212767,163.40786559316325",
            "-17.44756195212767,163.40786559316325",
            None,
            True,
        ),
        ("+8.5,-80.1", "+8.5,-80.1", None, True),
        ("8.5, -80.1", "8.5,-80.1", "spaces around the comma", True),
        ("8.5 ,  -80.1", "8.5,-80.1", "spaces around the comma", True),
        ("8.5 -80.1", "8.5,-80.1", "separated by a space", False),
        ("8.5;-80.1", "8.5,-80.1", "separated by ';'", False),
        ("8.5 ; -80.1", "8.5,-80.1", "separated by ';'", False),
        ("8.5/-80.1", "8.5,-80.1", "separated by '/'", False),
        ("8,5;-80,1", "8.5,-80.1", "decimal commas", False),
        ("8,5 -80,1", "8.5,-80.1", "decimal commas", False),
        ("8.5,-80.1,0", "8.5,-80.1", "a third value (0)", False),
        ("8.5 -80.1 120", "8.5,-80.1", "a third value (120)", False),
        ("lat: 8.5, lng: -80.1", "8.5,-80.1", "labelled values", False),
        ("lng=-80.1; lat=8.5", "8.5,-80.1", "labelled values", False),
        ("latitude 8.5 longitude -80.1", "8.5,-80.1", "labelled values", False),
        ("{lat: 8.5, lon: -80.1}", "8.5,-80.1", "labelled values", False),
        ("8°30'N, 80°6'W", "8.5,-80.1", "degrees, minutes and seconds", False),
        (
            "8°30\u203200\u2033N 80°06\u203200\u2033W",
            "8.5,-80.1",
            "degrees, minutes and seconds",
            False,
        ),
        ("N 8°30' W 80°6'", "8.5,-80.1", "degrees, minutes and seconds", False),
        ("17°26'51\"S 178°25'30\"E", "-17.4475,178.425", "degrees, minutes and seconds", False),
        ("8.5N 80.1W", "8.5,-80.1", "hemisphere letters", False),
        ("8.5° N, 80.1° W", "8.5,-80.1", "hemisphere letters", False),
        ("80.1W 8.5N", "8.5,-80.1", "hemisphere letters", False),  # the letters give the order
        ("N8.5 W80.1", "8.5,-80.1", "hemisphere letters", False),
        ("8.5°, -80.1°", "8.5,-80.1", "hemisphere letters", False),
        ("13.5 N 2.1 O", "13.5,-2.1", "hemisphere letters", False),  # Ouest / Oeste
    ],
)
def test_parse_readable_forms(
    text: str, canonical: str, problem: str | None, whitespace_only: bool
) -> None:
    reading = parse_coordinates(text)
    assert reading.canonical == canonical
    if problem is None:
        assert reading.problem is None
    else:
        assert reading.problem is not None and problem in reading.problem
    assert reading.whitespace_only is whitespace_only


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Panama City", "not a coordinate pair"),
        ("N/A", "not a coordinate pair"),
        ("8.5", "not a coordinate pair"),
        ("8,5,-80,1", "four numbers"),
        ("8.5N 80.1N", "two latitudes"),
        ("-8.5S 80.1E", "a sign and a hemisphere letter"),
        ("8°75'N 80°6'W", "minutes over 60"),
        ("8.5,-80.1 (approx.)", "not a coordinate pair"),
        ("lat 8.5", "not a coordinate pair"),
    ],
)
def test_parse_unreadable_forms(text: str, problem: str) -> None:
    reading = parse_coordinates(text)
    assert reading.point is None and reading.canonical is None
    assert reading.problem is not None and problem in reading.problem


def test_range_and_distance() -> None:
    assert in_range(90, 180) and in_range(-90, -180)
    assert not in_range(90.1, 0) and not in_range(0, -180.1)
    assert haversine_km(0, 179.5, 0, -179.5) == pytest.approx(111.2, abs=0.5)


# Real centroids (the platform's, from the corpus) and capitals, country by country.
CENTROIDS = [
    ("ZMB", -13.460110018365599, 27.7742123347968),
    ("GTM", 15.696016409029419, -90.36015683588494),
    ("PAN", 8.51455696645501, -80.12129495069988),
    ("ARG", -35.37867944030587, -65.17307736953525),
    ("BGD", 23.845677724414227, 90.24199983947693),
    ("MKD", 41.59500492551307, 21.683830410347362),
    ("USA", 39.52590755470624, -99.12703746320666),
    ("IND", 22.91300071248592, 79.57888726082322),
    ("TUR", 39.06108059786125, 35.167239386750786),
    ("BIH", 44.10007443169884, 17.526503398660115),
    ("MEX", 23.949171200328962, -102.53030787352746),
    ("SRB", 44.2221476173515, 20.789252443775897),  # no boundary in the data: a box
    ("BRB", 13.18105382678023, -59.56121774811805),  # no boundary: the centroid's circle
    ("MDV", 3.8277979287102446, 73.30227072154369),
    ("SGP", 1.358921020243696, 103.81346765801736),
    ("WSM", -13.754595654027641, -172.16124929903555),
    ("MUS", -20.185543869694726, 57.849700164766794),
    ("CPV", 15.94515192693099, -23.975655808018544),
    ("VUT", -16.20126791969478, 167.70084414094188),
    ("SLB", -8.909583205357334, 159.6380944628723),
    ("RUS", 62.70052037673217, 110.55456319236396),
    ("CAN", 61.376351016442136, -98.2937133921212),
    ("AUS", -25.55757910133457, 134.36049393894305),
    ("CHN", 36.612507314567445, 103.81447875641574),
    ("BRA", -10.780858826773859, -53.09248236961036),
    ("NOR", 64.45483666010873, 14.130027639401408),
    ("PSE", 31.91751322612234, 35.20065025911275),
    ("MMR", 21.167669946541114, 96.48928954076267),
    ("TON", -20.066559736563335, -174.86851227248385),
    ("JPN", 35.68, 139.69),  # Tokyo
    ("KEN", -1.29, 36.82),  # Nairobi
    ("FJI", -18.14, 178.44),  # Suva
]


@pytest.mark.parametrize(("code", "lat", "lng"), CENTROIDS, ids=[c[0] for c in CENTROIDS])
def test_real_centroids_are_inside(code: str, lat: float, lng: float) -> None:
    placement = locate(lat, lng, code, TOLERANCE)
    assert placement is not None and placement.inside


@pytest.mark.parametrize(
    ("code", "lat", "lng"),
    [
        ("MYS", 3.7923928509530205, 109.6988684421668),  # between the peninsula and Borneo
        ("IDN", -2.222961002517387, 117.2704333391668),  # Makassar Strait
        ("PHL", 11.762749810031604, 122.87468238473394),
    ],
)
def test_archipelago_centroids_at_sea_are_inside(code: str, lat: float, lng: float) -> None:
    placement = locate(lat, lng, code, TOLERANCE)
    assert placement is not None and placement.inside
    assert placement.distance_km > 0


def test_fiji_centroid_bug_is_outside() -> None:
    placement = locate(-17.44756195212767, 163.40786559316325, "FJI", TOLERANCE)
    assert placement is not None and not placement.inside
    assert 1400 < placement.distance_km < 1550
    assert placement.container is None and placement.nearest == "NCL"


@pytest.mark.parametrize(
    ("code", "lat", "lng"),
    [
        ("FJI", -16.5, -179.95),  # Vanua Levu's east end, across the antimeridian
        ("FJI", -18.2, -178.8),  # the Lau group (a box)
        ("FJI", -12.5, 177.07),  # Rotuma
        ("RUS", 66.0, -175.0),  # Chukotka, west of the antimeridian
        ("RUS", 65.0, 179.5),
        ("KIR", 1.87, -157.4),  # Kiritimati, Line Islands
        ("KIR", 1.45, 172.98),  # Tarawa, Gilbert Islands
        ("KIR", -2.8, -171.7),  # Kanton, Phoenix Islands
        ("TUV", -8.52, 179.2),  # Funafuti
        ("MHL", 7.1, 171.38),  # Majuro
        ("ESP", 28.12, -15.43),  # Las Palmas, Canary Islands
        ("ECU", -0.74, -90.31),  # Galápagos
        ("TLS", -9.33, 124.27),  # Oecusse
        ("SOM", 9.56, 44.06),  # Hargeisa, Somaliland
        ("MUS", -19.7, 63.42),  # Rodrigues
        ("CPV", 16.89, -25.0),  # Mindelo
        ("GRD", 12.05, -61.75),  # St George's
        ("LCA", 14.01, -60.99),  # Castries
    ],
)
def test_antimeridian_and_islands(code: str, lat: float, lng: float) -> None:
    placement = locate(lat, lng, code, TOLERANCE)
    assert placement is not None and placement.inside


@pytest.mark.parametrize(
    ("code", "lat", "lng", "container"),
    [
        ("KEN", -6.37, 34.89, "TZA"),
        ("SRB", 47.5, 19.05, "HUN"),  # Budapest: a box-only country is still named
        ("PAN", 4.6, -74.08, "COL"),  # Bogotá
        ("FJI", -21.2, 175.2, None),  # Tonga's longitude, wrong side: at sea
        ("MDV", 6.93, 79.85, "LKA"),  # Colombo, on a coast the boundary cuts off
        ("MMR", 18.79, 98.98, "THA"),  # Chiang Mai: a box never claims another's land
    ],
)
def test_outside_names_the_container(
    code: str, lat: float, lng: float, container: str | None
) -> None:
    placement = locate(lat, lng, code, TOLERANCE)
    assert placement is not None and not placement.inside
    assert placement.container == container
    assert placement.distance_km > TOLERANCE


def test_tolerance_decides_near_misses() -> None:
    # Colón, Panama, from Costa Rica's boundary: about 160 km
    assert not locate(9.36, -79.9, "CRI", 50.0).inside  # type: ignore[union-attr]
    assert locate(9.36, -79.9, "CRI", 300.0).inside  # type: ignore[union-attr]


def test_no_geometry_means_no_answer() -> None:
    assert locate(42.66, 21.17, "XKX", TOLERANCE) is None  # Kosovo: no data
    assert locate(18.0, -63.05, "MAF", TOLERANCE) is None


def test_boxes_are_well_formed() -> None:
    for code, boxes in EXTENTS.items():
        for south, west, north, east in boxes:
            assert -90 <= south < north <= 90, code
            assert -180 <= west < east <= 180, code


# --- the compact atlas against shapely ----------------------------------------------


def same_placement(ours: Placement | None, reference: Placement | None) -> bool:
    """Equal answers; distances equal to a millimetre (the arithmetic differs in order)."""
    if ours is None or reference is None:
        return ours is reference
    return (
        (ours.inside, ours.container, ours.nearest)
        == (reference.inside, reference.container, reference.nearest)
        and ours.distance_km == pytest.approx(reference.distance_km, abs=1e-6)
        and ours.nearest_km == pytest.approx(reference.nearest_km, abs=1e-6)
    )


def test_the_shipped_atlas_is_what_shapely_prepares() -> None:
    """plancheck/data/atlas.json is current: `python -m plancheck.atlas` writes the same."""
    from plancheck import atlas

    assert ATLAS.read_text(encoding="utf-8") == atlas.dumps(atlas.build()), (
        "run `python -m plancheck.atlas`"
    )


def corpus_points() -> set[tuple[float, float, str]]:
    """Every point of the corpus with its country's code, and the point with its values
    swapped (what swapped-coordinates asks), where both are on the globe."""
    from plancheck.rules.coordinates import _codes
    from plancheck.schema import builtin_vocabularies

    countries = builtin_vocabularies()["country"]
    codes = _codes(countries)[0]
    found: set[tuple[float, float, str]] = set()
    for path in sorted(CORPUS.rglob("*.md")):
        country = None
        for key, value in TAG.findall(path.read_text(encoding="utf-8", errors="replace")):
            if key == "country":
                country = countries.index.match(value)
                continue
            point = parse_coordinates(value).point
            code = codes.get(country.canonical) if country else None
            if point is None or code is None:
                continue
            lat, lng = point
            found |= {(a, b, code) for a, b in ((lat, lng), (lng, lat)) if in_range(a, b)}
    return found


TAG = re.compile(r"\[\[(country|latlng):([^\]\n]*)\]\]")


@needs_corpus
@pytest.mark.corpus
@pytest.mark.parametrize("tolerance", [0.0, TOLERANCE])
def test_every_corpus_point_is_placed_as_shapely_places_it(tolerance: float) -> None:
    from plancheck import atlas

    points = sorted(corpus_points())
    assert len(points) > 300  # the archive's centroids repeat: 324 distinct in 2026
    differ = [
        (lat, lng, code)
        for lat, lng, code in points
        if not same_placement(
            locate(lat, lng, code, tolerance), atlas.locate(lat, lng, code, tolerance)
        )
    ]
    assert differ == []


def test_points_around_every_country_are_placed_as_shapely_places_them() -> None:
    """Beyond the corpus: points scattered 15 degrees around each country's centroid
    (inside, on coasts, at sea, in neighbours, across the antimeridian)."""
    from plancheck import atlas

    rng = random.Random(15)
    codes = sorted(json.loads(ATLAS.read_text(encoding="utf-8"))["countries"])
    differ = []
    for code in codes:
        reference = atlas._country(code)
        assert reference is not None
        lat0, lng0 = reference.centroid or (0.0, 0.0)
        for _ in range(8):
            lat = max(-90.0, min(90.0, lat0 + rng.uniform(-15, 15)))
            lng = (lng0 + rng.uniform(-15, 15) + 180) % 360 - 180
            if not same_placement(
                locate(lat, lng, code, TOLERANCE), atlas.locate(lat, lng, code, TOLERANCE)
            ):
                differ.append((lat, lng, code))
    assert differ == []
