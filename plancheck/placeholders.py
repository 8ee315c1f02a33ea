"""What `plancheck new` writes for the author to replace: one home for these facts, so
that the scaffold writes them and the placeholder rule finds them left in a document."""

from __future__ import annotations

import re

PLACEHOLDER_EMAIL = "focal.point@undp.org"
UNTITLED = "Untitled "  # the scaffold's title without --title: "Untitled <schema title>"
# The comments the scaffold writes under each prompt and after the tag block.
ANSWER_COMMENT = "<!-- Answer ("
TAGS_COMMENT = "<!-- Optional tags"
GUIDANCE = re.compile(rf"\s*(?:{re.escape(ANSWER_COMMENT)}|{re.escape(TAGS_COMMENT)})")
