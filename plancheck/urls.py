"""Is a link a link? The ways the archive's URLs are broken, each with its repair.

Seen in the corpus: the platform's consent links with one slash after the scheme
(`https:/acclabplatforms...`, 174 solutions), a file on the author's computer
(`file:///C:/Users/...`), a scheme without its colon (`https//...`). Parsing is the
standard library's (:func:`urllib.parse.urlsplit`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# The platform's own storage: a broken link there is the export's, not the author's.
PLATFORM_HOSTS = ("acclabplatforms.blob.core.windows.net",)
NO_COLON = re.compile(r"(?i)(https?)//(?=[\w.-])")
ONE_SLASH = re.compile(r"(?i)(https?):/(?=[^/\s])")


@dataclass(frozen=True, slots=True)
class Broken:
    problem: str
    repaired: str | None  # the URL as it was meant, when that is certain
    platform: bool = False  # the link points at the platform's own storage


def broken(url: str) -> Broken | None:
    """What is wrong with ``url``, or None when it is a well-formed web link."""
    text = url.strip()
    if ONE_SLASH.match(text):
        repaired = ONE_SLASH.sub(r"\1://", text, count=1)
        host = urlsplit(repaired).netloc.lower()
        return Broken(
            f"one slash after '{text.split(':', 1)[0]}:'", repaired, host in PLATFORM_HOSTS
        )
    if NO_COLON.match(text):
        return Broken("no colon after the scheme", NO_COLON.sub(r"\1://", text, count=1))
    parts = urlsplit(text)
    if parts.scheme.lower() == "file":
        return Broken("a file on the author's computer, not a link anyone else can open", None)
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        return Broken("no host name", None)
    return None
