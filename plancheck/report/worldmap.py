"""The world map: each country's boundary (countryinfo's, the ones the coordinates rules
use) shaded by the share of its documents with errors. No tiles and no network: the
polygons are drawn into the SVG, simplified to what a page-wide map can show."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from functools import cache

from plancheck.report.aggregate import CountryRow
from plancheck.report.charts import _percent, figure, svg

TOLERANCE = 0.25  # degrees: finer detail is below a pixel at page width
NO_DATA = "#e4e4e4"


def _rings(rings: list[list[tuple[float, float]]]) -> Iterator[list[tuple[float, float]]]:
    """Outer rings thinned to points at least TOLERANCE apart (the map is page-wide: a
    finer detail is below a pixel); rings that shrink below a triangle are dropped."""
    for ring in rings:
        kept = [ring[0]]
        for x, y in ring[1:]:
            if abs(x - kept[-1][0]) >= TOLERANCE or abs(y - kept[-1][1]) >= TOLERANCE:
                kept.append((x, y))
        if len(kept) >= 3:
            yield [(round(x, 2), round(y, 2)) for x, y in kept]


@cache
def outlines() -> list[tuple[str, list[tuple[float, float]]]]:
    """Every country's outer rings, simplified, by ISO alpha-3 code."""
    from plancheck.geo import boundaries

    return [(code, ring) for code, shape in sorted(boundaries().items()) for ring in _rings(shape)]


def world(countries: Sequence[CountryRow]) -> str:
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import Normalize

    title = "Share of each country's documents with errors (grey: no documents)"
    share = {c.code: c.error_share for c in countries if c.code and c.documents}
    # Errors are usually rare: a scale up to the highest share keeps countries apart.
    top = max(share.values(), default=0.0)
    cmap, norm = colormaps["OrRd"], Normalize(0, max(0.1, math.ceil(top * 10) / 10))
    polygons, colors = [], []
    for code, ring in outlines():
        polygons.append(ring)
        colors.append(cmap(norm(share[code])) if code in share else NO_DATA)
    fig = figure(9, 4.6)
    ax = fig.subplots()
    ax.add_collection(
        PolyCollection(polygons, facecolors=colors, edgecolors="white", linewidths=0.3)
    )
    ax.set_xlim(-180, 180)
    ax.set_ylim(-58, 84)
    ax.set_aspect("equal")
    ax.set_axis_off()
    fig.colorbar(
        ScalarMappable(norm, cmap), ax=ax, shrink=0.6, format=_percent(), label="with errors"
    )
    ax.set_title(title, loc="left", fontsize=10)
    return svg(fig, title)
