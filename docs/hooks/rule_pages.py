"""MkDocs hook: the rule reference (rules.md, with the table of every rule) and one page per
rule, made from the rules' documentation when the site is built (plancheck.rules.docs
writes them); the pages are listed under "Rules" in the navigation. The site never shows a
stale rule: the committed docs/rules.md (which GitHub shows, and editors link to) is
replaced by the one the code makes, and a test keeps the committed copy the same."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from plancheck.rules.docs import markdown, pages

SECTION = "Rules"
REFERENCE = "rules.md"


def on_files(files: Files, config: Any) -> Files:
    committed = files.get_file_from_path(REFERENCE)
    if committed is not None:
        files.remove(committed)
    files.append(File.generated(config, REFERENCE, content=markdown()))
    for path, text in pages().items():
        files.append(File.generated(config, path, content=text))
    return files


def on_nav(nav: Navigation, config: Any, files: Files) -> Navigation:
    section = next(
        (item for item in nav.items if isinstance(item, Section) and item.title == SECTION),
        None,
    )
    if section is None:
        raise ValueError(f"mkdocs.yml's nav has no {SECTION!r} section for the rule pages")
    for path in pages():
        file = files.get_file_from_path(path)
        assert file is not None
        page = file.page if isinstance(file.page, Page) else Page(None, file, config)
        page.parent = section
        section.children.append(page)
        nav.pages.append(page)
    return nav
