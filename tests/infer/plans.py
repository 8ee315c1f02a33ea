"""A small hand-made template ("testplan") and documents of it, with the defects and
variations the corpus has: a French document, a prompt typo, entities, no-break spaces,
a repeated section, an optional section, groups, checklists and shares."""

from __future__ import annotations

from pathlib import Path

CHALLENGE = (
    "Challenge statement: What is your challenge? (Please answer in specific terms: "
    '"Our challenge is that...".)'
)
TWEET = "Short “tweet” summary: can you summarize your challenge in a maximum of 280 characters?"
TOP = "Who are your top 5 partners for this challenge?"
PARTNER = "Please state the name of the partner:"
STAGES = "To what stage(s) does your learning question relate? (Please select all that apply)"
METHODS = "How will you use your methods & tools?"
INSIGHTS = "Please list a maximum of 3 key insights"
SHARES = (
    "How much of your time went to each stage? Please make sure that your answers adds up to 100%."
)
LINKS = "Please paste the link(s) to the blog(s)"
ANYTHING = "Is there anything else?"

EN = (
    "Challenge statement",
    "Challenge classification",
    "Partners",
    "Learning questions",
    "Learnings",
    "Closing",
)
FR = (
    "Énoncé du défi",
    "Classement du défi",
    "Les partenaires",
    "Questions d'apprentissage",
    "Enseignements",
    "Fermeture",
)


def plan(
    n: int,
    *,
    headings: tuple[str, ...] = EN,
    questions: int = 1,
    closing: bool = True,
    partner: str = PARTNER,
    methods_prompt: str = METHODS,
    tweet_prompt: str = TWEET,
    topic: str | None = None,
    stages: tuple[str, ...] = ("Sense", "Explore", "Test"),
) -> str:
    """Document number ``n`` of the testplan template."""
    tags = [
        f"[[focal_point:lab{n}@undp.org]]",
        "",
        "[[year:2024]]",
        "",
        "[[type:testplan]]",
        "",
        "[[methods:Pilots]]",
        f"[[methods:{'Prototyping' if n % 2 else 'Surveys'}]]",
    ]
    if topic:
        tags.append(f"[[topic:{topic}]]")
    tags += ["[[country:Panama]]", "[[latlng:8.5,-80.1]]"]
    out = [f"# Plan {n}", "", *tags]
    out += [
        f"## {headings[0]}",
        "",
        f"> {CHALLENGE}",
        "",
        f"Our challenge is that {n} things.",
        "",
        f"> {tweet_prompt}",
        "",
        "Waste piles up; we test collection.",
        "",
    ]
    out += [f"## {headings[1]}", "****", ""]
    out += [f"## {headings[2]}", "", f"> {TOP}", ""]
    for name in ("Tomato Traders", "City Council"):
        out += ['<div class="group">', "", f"> {partner}", "", name, "", "</div>", ""]
    for _ in range(questions):
        out += [
            f"## {headings[3]}",
            "",
            f"> {STAGES}",
            "",
            *(f"- {s}" for s in stages),
            "",
            f"> {methods_prompt}",
            "",
            "With interviews.",
            "",
            f"> {INSIGHTS}",
            "",
            f"1. Bins within {n} metres help.",
            f"2. Day {n} matters.",
            "",
        ]
    out += [f"## {headings[4]}", "", f"> {SHARES}", ""]
    for stage, share in (("Sense", 40), ("Explore", 60)):
        out += ['<div class="group">', "", f"> {stage}", "", str(share), "", "</div>", ""]
    out += [f"> {LINKS}", "", "[Our blog](https://example.org/blog)", ""]
    if closing:
        out += [f"## {headings[5]}", "", f"> {ANYTHING}", "", "No.", ""]
    return "\n".join(out)


def testplans() -> list[str]:
    """Ten documents: doc 0 in French, docs 1 and 2 with two learning questions, docs 3
    to 6 without Closing (6 of 10 have it), doc 4 with the template's typo, docs 5 and 6
    with `&amp;`, doc 7 with no-break spaces, docs 0 to 4 with a topic tag."""
    docs = []
    for n in range(10):
        docs.append(
            plan(
                n,
                headings=FR if n == 0 else EN,
                questions=2 if n in (1, 2) else 1,
                closing=n not in (3, 4, 5, 6),
                partner="Please state the name of the Parter:" if n == 4 else PARTNER,
                methods_prompt=METHODS.replace("&", "&amp;") if n in (5, 6) else METHODS,
                tweet_prompt=TWEET.replace(" ", "\u00a0", 3) if n == 7 else TWEET,
                topic=("waste" if n % 2 else "water") if n < 5 else None,
                stages=("Sense", "Explore", "Test") if n % 3 else ("Explore", "Test", "Grow"),
            )
        )
    return docs


OTHER = """\
# Report {n}

[[focal_point:lab{n}@undp.org]]

[[year:2023]]

[[type:testplan]]

[[country:Chile]]
[[latlng:-33.4,-70.6]]
## Results

> What did the experiment show?

It showed {n} things.

> What would you change?

Nothing.
## Budget

> How much did it cost?

100 USD
"""


def others(count: int) -> list[str]:
    """Documents of another template with the same type."""
    return [OTHER.format(n=n) for n in range(count)]


def write(folder: Path, texts: list[str], prefix: str = "plan") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"{prefix}{i:02}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
