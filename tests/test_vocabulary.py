"""Vocabularies: term folding, matching, loading, the built-in files, mining, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plancheck.cli import main
from plancheck.mining import cluster, propose
from plancheck.schema import (
    Policy,
    SchemaError,
    Vocabulary,
    format_json_schema,
    load_schemas,
    load_vocabularies,
    parse_schema,
    parse_vocabulary,
)
from plancheck.vocabulary import (
    Entry,
    Level,
    TermIndex,
    TermMatch,
    clean_value,
    closest,
    near_miss,
    normalize,
    spelling_key,
    term_key,
)
from tests.conftest import CORPUS, ROOT, needs_corpus

# -- folding ---------------------------------------------------------------------------


def test_normalize_and_closest_are_unchanged() -> None:
    assert normalize("  Money&nbsp;&amp; rent\u00a0 ") == "money & rent"
    assert closest("Challenge statment", ["challenge statement", "partners"]) == (
        "challenge statement",
        pytest.approx(97.3, abs=0.1),
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Solutions Mapping", "solutions  mapping"),
        ("in-depth interviews", "in depth interviews"),
        ("Co-creation", "co creation"),
        ("Galápagos Province", "Galapagos province"),
        ("tracking data,", "tracking data"),
        ("Drone & Satellite data", "drone and satellite data"),
        ("Between 10,000- and 20,000 USD", "Between 10,000 and 20,000 USD"),
    ],
)
def test_term_key_folds_case_spacing_punctuation_hyphens_accents(a: str, b: str) -> None:
    assert term_key(a) == term_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Behavioural Insights", "Behavioral Insights"),  # -our/-or
        ("Data Visualisation", "data visualization"),  # -ise/-ize
        ("defence", "defense"),  # -ce/-se
        ("Human Centred Design", "Human Centered Design"),  # -tred/-tered
        ("city centre", "City Center"),  # -tre/-ter
        ("economic modelling", "economic modeling"),
        ("solution mapping", "Solutions Mapping"),  # plural
        ("technology hubs reports", "technology hub report"),
        ("city", "cities"),
        ("programme", "program"),
    ],
)
def test_spelling_key_folds_british_american_and_plurals(a: str, b: str) -> None:
    assert term_key(a) != term_key(b)
    assert spelling_key(a) == spelling_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("qualitative data", "quantitative data"),
        ("analysis", "analyse"),
        ("Iran", "Iraq"),
        ("Niger", "Nigeria"),
    ],
)
def test_spelling_key_keeps_different_terms_apart(a: str, b: str) -> None:
    assert spelling_key(a) != spelling_key(b)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("green transition,", "green transition"),
        ("Climate Innovation.", "Climate Innovation"),
        ("transparency and accountability\\", "transparency and accountability"),
        ("community  involment", "community involment"),
        ("-\tresources of the data platform", "resources of the data platform"),
        ("Experimental (RCTs, etc.)", "Experimental (RCTs, etc.)"),
        ("Fully Randomised (RCTs, etc.)", "Fully Randomised (RCTs, etc.)"),
        ("made in the U.S.", "made in the U.S."),
        ("a/b testing", "a/b testing"),
    ],
)
def test_clean_value(raw: str, clean: str) -> None:
    assert clean_value(raw) == clean


def test_near_miss_allows_typos_not_other_words() -> None:
    known = {"qualitative", "quantitative", "data", "interview"}
    assert near_miss("quanlitative interview", "qualitative interview", known)
    assert not near_miss("quantitative interview", "qualitative interview", known)
    assert near_miss("zamiba", "zambia", set())  # a transposition is one edit
    assert not near_miss("iran", "iraq", set())  # too short for any edit
    assert not near_miss("spatial data", "geospatial data", set())  # three edits


# -- the index -------------------------------------------------------------------------


def index() -> TermIndex:
    return TermIndex(
        [
            Entry("Solutions Mapping"),
            Entry("Data Ethnography", ("Data Ethography",)),
            Entry("Prototyping"),
            Entry("qualitative data"),
            Entry("quantitative and qualitative data"),
        ],
        [("England", "United Kingdom")],
    )


@pytest.mark.parametrize(
    ("value", "canonical", "level"),
    [
        ("Solutions Mapping", "Solutions Mapping", Level.EXACT),
        ("Data Ethography", "Data Ethnography", Level.ALIAS),
        ("data ethography", "Data Ethnography", Level.ALIAS),
        ("solutions mapping", "Solutions Mapping", Level.FOLDED),
        ("solution mapping", "Solutions Mapping", Level.SPELLING),
        ("Prototying", "Prototyping", Level.NEAR),
        ("England", "United Kingdom", Level.REGION),
    ],
)
def test_match_levels(value: str, canonical: str, level: Level) -> None:
    found = index().match(value)
    assert found is not None and (found.canonical, found.level) == (canonical, level)
    assert found.level.safe is (level not in (Level.NEAR, Level.REGION))


def test_a_typo_as_close_to_two_terms_matches_neither() -> None:
    idx = TermIndex([Entry("qualitative interviews"), Entry("quantitative interview")])
    assert idx.match("quanlitative interview") is None
    found = idx.match("qualitativ interviews")
    assert found is not None and found.canonical == "qualitative interviews"


def test_match_misses_other_terms() -> None:
    assert index().match("quantitative data") is None
    assert index().match("tactical urbanism") is None


def test_match_without_near_or_spelling_for_free_tags() -> None:
    idx = index()
    assert idx.match("solution mapping", near=False, spelling=False) is None
    assert idx.match("Prototying", near=False) is None
    found = idx.match("SOLUTIONS MAPPING", near=False, spelling=False)
    assert found is not None and found.level is Level.FOLDED


def test_a_key_two_terms_share_belongs_to_neither() -> None:
    idx = TermIndex([Entry("Centre"), Entry("Centers")])
    assert idx.match("centre", near=False) == TermMatch("Centre", Level.FOLDED)
    assert idx.match("Center", near=False) is None  # the spelling key of both


# -- vocabulary files ----------------------------------------------------------------


def test_vocabulary_model_refuses_a_form_in_two_terms() -> None:
    with pytest.raises(SchemaError) as info:
        parse_vocabulary("id: m\ntitle: M\nterms:\n  - term: Pilots\n  - term: pilot\n", "m.yaml")
    assert info.value.line == 1 and "the same term as 'Pilots'" in str(info.value)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("id: m\ntitle: M\nterms:\n  - {term: A, colour: red}\n", 4, "Extra inputs"),
        ("id: m\ntitle: M\nterms:\n  - aliases: [x]\n", 4, "terms.0.term: Field required"),
        ("id: m\ntitle: M\nsource: geonames\n", 3, "source"),
        ("id: M!\ntitle: M\n", 1, "id"),
        ("id: m\ntitle: M\nregions:\n  - {name: X, country: Y}\n", 1, "'Y' is not a term"),
    ],
)
def test_broken_vocabulary_names_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(SchemaError) as info:
        parse_vocabulary(text, "m.yaml")
    assert str(info.value).startswith(f"m.yaml:{line}: ") and words in str(info.value)


def test_schema_naming_a_missing_vocabulary_is_a_schema_error() -> None:
    text = "id: x\ntitle: X\ntype: t\ntags:\n  - key: sdgs\n    format: vocabulary\n    vocabulary: sdg\n"
    with pytest.raises(SchemaError) as info:
        parse_schema(text, "x.yaml")
    assert info.value.path == "x.yaml" and info.value.line == 7
    assert "no vocabulary 'sdg' (vocabularies/sdg.yaml)" in str(info.value)


@pytest.mark.parametrize(
    ("tag", "words"),
    [
        ("{key: m, policy: open}", "policy open needs a vocabulary"),
        ("{key: m, vocabulary: methods}", "'vocabulary' needs format vocabulary"),
        ("{key: m, format: year, policy: free}", "a policy applies to text or vocabulary"),
    ],
)
def test_policy_needs_what_it_checks(tag: str, words: str) -> None:
    with pytest.raises(SchemaError, match=words):
        parse_schema(f"id: x\ntitle: X\ntype: t\ntags:\n  - {tag}\n", "x.yaml")


def test_schema_path_folder_brings_its_vocabularies(tmp_path: Path) -> None:
    (tmp_path / "vocabularies").mkdir()
    (tmp_path / "vocabularies" / "colours.yaml").write_text(
        "id: colours\ntitle: Colours\nterms:\n  - term: red\n", encoding="utf-8"
    )
    (tmp_path / "x.yaml").write_text(
        "id: x\ntitle: X\ntype: t\ntags:\n"
        "  - {key: colour, format: vocabulary, vocabulary: colours}\n",
        encoding="utf-8",
    )
    schema = load_schemas([tmp_path])["x"]
    vocabulary = schema.vocabulary("colour")
    assert vocabulary is not None and vocabulary.index.terms == ["red"]
    assert schema.tag("colour").effective_policy is Policy.CLOSED  # type: ignore[union-attr]


def test_vocabulary_id_must_be_its_file_name(tmp_path: Path) -> None:
    (tmp_path / "vocabularies").mkdir()
    (tmp_path / "vocabularies" / "a.yaml").write_text("id: b\ntitle: B\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="must be the file name 'a'"):
        load_vocabularies([tmp_path])


# -- the built-in vocabularies ---------------------------------------------------------


def test_builtin_schemas_use_vocabularies_with_the_issue_policies() -> None:
    schemas = load_schemas()
    policies = {
        (t.key, t.effective_policy) for s in schemas.values() for t in s.tags if t.effective_policy
    }
    closed = {k for k, p in policies if p is Policy.CLOSED}
    assert {"sdgs", "country", "gender", "experiment_status", "total_cost"} <= closed
    assert {k for k, p in policies if p is Policy.OPEN} == {"methods", "datasources"}
    assert {k for k, p in policies if p is Policy.FREE} == {"thematic_areas"}
    for schema in schemas.values():
        for tag in schema.tags:
            assert (schema.vocabulary(tag.key) is not None) is bool(tag.vocabulary)


def test_builtin_sdgs_are_the_17_goals() -> None:
    sdgs = load_vocabularies()["sdgs"]
    assert [t.term.split(".")[0] for t in sdgs.terms] == [str(n) for n in range(1, 18)]
    found = sdgs.index.match("10. Reduced innequalities")
    assert found is not None and found.canonical == "10. Reduced inequalities"
    assert found.level is Level.ALIAS


@pytest.mark.parametrize(
    ("value", "canonical", "level"),
    [
        ("Turkey", "Turkey", Level.EXACT),  # the archive's names are the terms
        ("East Timor", "East Timor", Level.EXACT),
        ("Ivory Coast", "Ivory Coast", Level.EXACT),
        ("People's Republic of China", "People's Republic of China", Level.EXACT),
        ("Timor-Leste", "East Timor", Level.ALIAS),  # ISO's names are aliases
        ("Côte d'Ivoire", "Ivory Coast", Level.ALIAS),
        ("Swaziland", "Eswatini", Level.ALIAS),
        ("Kosovo", "Kosovo", Level.EXACT),  # not in ISO 3166-1
        ("Kurdistan Region", "Iraq", Level.REGION),
        ("Galápagos Province", "Ecuador", Level.REGION),
        ("Honshu", "Japan", Level.REGION),
        ("Somaliland", "Somalia", Level.REGION),
        ("Republika Srpska", "Bosnia and Herzegovina", Level.REGION),
        ("Tokyo", "Japan", Level.REGION),  # an ISO 3166-2 subdivision
    ],
)
def test_builtin_countries(value: str, canonical: str, level: Level) -> None:
    found = load_vocabularies()["country"].index.match(value)
    assert found is not None and (found.canonical, found.level) == (canonical, level)


def test_builtin_vocabularies_validate_against_the_json_schema() -> None:
    import jsonschema
    import yaml

    document = json.loads(format_json_schema(Vocabulary, "vocabulary"))
    for path in sorted((ROOT / "schemas" / "vocabularies").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), document)


def test_committed_vocabulary_json_schema_is_current() -> None:
    committed = (ROOT / "schemas" / "vocabulary.schema.json").read_text(encoding="utf-8")
    assert committed == format_json_schema(Vocabulary, "vocabulary"), (
        "run: plancheck vocab json-schema > schemas/vocabulary.schema.json"
    )


# -- mining ----------------------------------------------------------------------------


def test_cluster_groups_variants_and_keeps_other_terms_apart() -> None:
    values = (
        ["surveys"] * 5
        + ["focus groups"] * 3
        + ["focus grup"]
        + ["survey"] * 2
        + ["qualitative interviews"] * 4
        + ["quanlitative interview"]
        + ["quantitative interview"] * 2
        + ["quantitative data"] * 2
    )
    got = {c.canonical: c.forms for c in cluster(values)}
    assert got["surveys"] == (("surveys", 5), ("survey", 2))
    assert got["qualitative interviews"] == (("qualitative interviews", 4),)
    # one slip from "qualitative interviews" and from "quantitative interview": neither
    assert got["quanlitative interview"] == (("quanlitative interview", 1),)
    assert got["quantitative interview"] == (("quantitative interview", 2),)
    assert got["focus groups"] == (("focus groups", 3), ("focus grup", 1))


def test_propose_writes_a_vocabulary_file_with_counts() -> None:
    text = propose("datasources", ["surveys", "surveys", "survey", "radio"], 3)
    assert "- term: surveys  # 3 = surveys 2 + survey 1\n  aliases:\n  - survey\n" in text
    assert "#   radio" in text  # seen once: listed apart
    vocabulary = parse_vocabulary(text)
    assert [t.term for t in vocabulary.terms] == ["surveys"]


# -- the CLI ---------------------------------------------------------------------------


def test_vocab_show_by_id_and_by_tag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vocab", "show", "sdgs"]) == 0
    out = capsys.readouterr().out
    assert "10. Reduced inequalities  (aliases: 10. Reduced innequalities" in out
    assert "solution [[sdgs]] (closed)" in out
    assert main(["vocab", "show", "country"]) == 0
    out = capsys.readouterr().out
    assert "  Turkey  (Türkiye, Republic of Türkiye)" in out
    assert "  England -> United Kingdom" in out
    assert main(["vocab", "show", "nothing"]) == 2


def test_vocab_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in (ROOT / "schemas" / "vocabularies").glob("*.yaml"))
    assert main(["vocab", "check", *files]) == 0
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\ntitle: B\nterms:\n  - {term: A, colour: red}\n")
    assert main(["vocab", "check", str(broken)]) == 2
    assert f"{broken}:4: terms.0.colour" in capsys.readouterr().err
    bad_code = tmp_path / "places.yaml"
    bad_code.write_text(
        "id: places\ntitle: P\nsource: iso-3166-1\nterms:\n  - {term: X, code: XXX}\n"
    )
    assert main(["vocab", "check", str(bad_code)]) == 2
    assert "not ISO 3166-1 alpha-3 codes: XXX" in capsys.readouterr().err


def test_vocab_mine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for n, value in enumerate(
        ["Solutions Mapping", "solution mapping", "Solutions Mapping", "Foo"]
    ):
        (tmp_path / f"{n}.md").write_text(f"# T\n\n[[methods:{value}]]\n", encoding="utf-8")
    assert main(["vocab", "mine", str(tmp_path), "--tag", "methods"]) == 0
    out = capsys.readouterr().out
    assert "from 4 documents" in out
    assert (
        "- term: Solutions Mapping  # 3 = Solutions Mapping 2 + solution mapping 1; known: Solutions Mapping"
        in out
    )
    assert "#   Foo" in out


@needs_corpus
def test_vocab_mine_on_the_corpus_proposes_the_known_variants(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["vocab", "mine", str(CORPUS / "experiment"), "--tag", "experiment_type"]) == 0
    out = capsys.readouterr().out
    assert "- term: Quasi Experimental (Analytical, observations, etc)  # 66" in out
