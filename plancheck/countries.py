"""Countries: ISO 3166-1 through pycountry, named the way the archive names them.

The country vocabulary (``schemas/vocabularies/country.yaml``) has ``source: iso-3166-1``:
every country and territory pycountry knows is a term. A term of the file with a ``code``
renames that country (the archive writes ``Turkey``, ``Cape Verde``, ``East Timor``) and
adds aliases; pycountry's own names (``Türkiye``, ``Cabo Verde``, ``Timor-Leste``) become
aliases of it. A country the file does not rename is called by pycountry's common name, or
its official name when the short one is inverted (``Korea, Democratic People's Republic
of``), or its name. ``regions`` map the sub-national places authors put in a country tag to
their country; a place the file does not list is looked up among the ISO 3166-2
subdivisions (by their local names), and kept only when the name points at one country.

pycountry is imported when the first country is checked, not when plancheck starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from plancheck.vocabulary import Entry, Level, TermIndex, TermMatch, spelling_key

if TYPE_CHECKING:
    from plancheck.schema import Vocabulary

_BRACKETED = re.compile(r"\s*\[.*?\]|\s*\(.*?\)")  # "Wales [Cymru GB-CYM]"


def default_name(country: Any) -> str:
    """pycountry's most readable name for a country."""
    common = getattr(country, "common_name", None)
    official = getattr(country, "official_name", None)
    name: str = country.name
    return str(common or (official if "," in name and official else name))


def _names(country: Any) -> list[str]:
    found = (getattr(country, a, None) for a in ("name", "common_name", "official_name"))
    return [n for n in found if n]


def entries(vocabulary: Vocabulary) -> list[Entry]:
    """Every country: the file's terms (renamed ISO countries, and places ISO lacks)
    and the rest of ISO 3166-1 under pycountry's names."""
    import pycountry

    by_code = {t.code: t for t in vocabulary.terms if t.code}
    out = []
    for country in pycountry.countries:
        term = by_code.pop(country.alpha_3, None)
        canonical = term.term if term else default_name(country)
        forms = [*_names(country), *((*term.aliases, *term.export_forms) if term else ())]
        out.append(Entry(canonical, tuple(dict.fromkeys(f for f in forms if f != canonical))))
    if by_code:
        raise ValueError(f"{vocabulary.id}: not ISO 3166-1 alpha-3 codes: {', '.join(by_code)}")
    out += [Entry(t.term, (*t.aliases, *t.export_forms)) for t in vocabulary.terms if not t.code]
    return out


class CountryIndex(TermIndex):
    """A term index that also knows ISO 3166-2 subdivisions, loaded only when a value is
    neither a country nor a listed region."""

    def region(self, value: str) -> TermMatch | None:
        listed = super().region(value)
        if listed is not None:
            return listed
        hit = self._subdivisions.get(spelling_key(value))
        return TermMatch(hit[1], Level.REGION, via=hit[0]) if hit and hit[1] else None

    @cached_property
    def _subdivisions(self) -> dict[str, tuple[str, str]]:
        import pycountry

        names = {c.alpha_2: self.canonical[default_name(c)] for c in pycountry.countries}
        table: dict[str, tuple[str, str]] = {}
        for sub in pycountry.subdivisions:
            name = _BRACKETED.sub("", sub.name).strip()
            key, country = spelling_key(name), names.get(sub.country_code, "")
            held = table.setdefault(key, (name, country))
            if held[1] != country:
                table[key] = (name, "")  # the same name in two countries: not a hint
        return table


def country_codes(vocabulary: Vocabulary) -> dict[str, str]:
    """Country names -> ISO alpha-3 codes: pycountry's readable names and the terms the
    vocabulary renames."""
    import pycountry

    by_name = {default_name(c): c.alpha_3 for c in pycountry.countries}
    return by_name | {t.term: t.code for t in vocabulary.terms if t.code}


def country_index(vocabulary: Vocabulary) -> CountryIndex:
    found = entries(vocabulary)
    names = {e.canonical for e in found}
    regions: Iterable[tuple[str, str]] = [
        (n, r.country) for r in vocabulary.regions for n in (r.name, *r.aliases)
    ]
    unknown = sorted({c for _, c in regions if c not in names})
    if unknown:
        raise ValueError(f"{vocabulary.id}: regions of unknown countries: {', '.join(unknown)}")
    return CountryIndex(found, regions)
