"""`plancheck rules` and `plancheck rule`: the rules and their documentation."""

from __future__ import annotations

import click

from plancheck.cli.common import EXIT_OK, Failure, finish


@click.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    help="markdown: the full documentation of every rule (docs/rules.md).",
)
def rules_command(fmt: str) -> None:
    """List every rule: code, name, default severity, fix, summary.

    [fix]: every finding of the rule carries a fix; [fix?]: some do."""
    from plancheck.codes import RULES, FixAvailability

    if fmt == "markdown":
        from plancheck.rules.docs import markdown

        click.echo(markdown(), nl=False)
        finish(EXIT_OK)
    marks = {FixAvailability.ALWAYS: " [fix]", FixAvailability.SOMETIMES: " [fix?]"}
    for r in RULES:  # the table alone: listing the rules loads none of them
        fix = marks.get(r.fix, "")
        click.echo(f"{r.code}  {r.name:20} {r.severity.value:8}{fix} {r.summary}")
    finish(EXIT_OK)


@click.command("rule")
@click.argument("selector", required=False)
@click.option("--all", "show_all", is_flag=True, help="Every rule.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
def rule_command(selector: str | None, show_all: bool, output_format: str) -> None:
    """Show a rule's documentation (by code or name), or every rule's with --all."""
    import json

    from plancheck.codes import FixAvailability
    from plancheck.rules import ALL_RULES, lookup
    from plancheck.rules.docs import as_json

    if show_all == (selector is not None):
        raise Failure("name one rule, or pass --all")
    found = list(ALL_RULES) if show_all else lookup(selector or "")
    if not show_all and not found:
        from plancheck.rules import BY_CODE, BY_NAME
        from plancheck.suggest import unknown

        raise Failure(unknown("no rule matches", selector or "", [*BY_NAME, *BY_CODE]))
    if not show_all and len(found) != 1:
        raise Failure(f"no single rule matches {selector!r}")
    if output_format == "json":
        chosen = {r.code for r in found}
        data = [entry for entry in as_json() if entry["code"] in chosen]
        click.echo(json.dumps(data if show_all else data[0], indent=2, ensure_ascii=False))
        finish(EXIT_OK)
    fixes = {FixAvailability.ALWAYS: ", fixable", FixAvailability.SOMETIMES: ", sometimes fixable"}
    for r in found:
        click.echo(f"{r.code} {r.name} ({r.severity.value}{fixes.get(r.fix, '')})\n")
        click.echo(r.doc + ("\n" if show_all else ""))
    finish(EXIT_OK)
