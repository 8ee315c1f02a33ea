"""Coordinates as people write them: reading a ``latlng`` value and its canonical text.

:func:`parse_coordinates` reads a ``latlng`` value in every form people write (the
canonical ``lat,lng``, spaces or semicolons, decimal commas, degrees-minutes-seconds and
hemisphere letters, ``lat: x, lng: y``, a third value, text) and says what is wrong with
it and, when the meaning is unambiguous, what the canonical text is. Where a point lies
(in which country, how far from it) is :mod:`plancheck.geo`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
