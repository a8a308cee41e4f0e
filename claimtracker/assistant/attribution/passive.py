"""A passive reporting verb with its agent: "The ban was first reported by X.", "the plan, as
described by the director, ...".
"""

from __future__ import annotations

import re

from claimtracker.assistant.attribution.phrases import looks_like_subject
from claimtracker.assistant.attribution.results import Attribution
from claimtracker.assistant.attribution.tokens import strip_span
from claimtracker.assistant.attribution.verbs import Verb

#: "was first reported by BuzzFeed", "as described by the director": the agent speaks.
_BY_AGENT = re.compile(
    r"\s+by\s+(?P<agent>(?:the\s+)?[A-Z][^,;:.!?()_\"“”]{0,60}?)(?=\s*(?:[,;:.!?()]|$|\s+(?:on|in|at|that|who|which|to|for|as|and|but)\b))"
)


def passive_by(text: str, base: int, masked: str, verbs: list[Verb]) -> Attribution | None:
    """A passive reporting verb with its agent: "The ban was first reported by BuzzFeed.",
    "the plan, as described by the director, ..."."""
    for verb in verbs:
        if verb.lower.endswith("ing") or not verb.lower.endswith(("ed", "en", "wn", "ld", "id")):
            continue
        if (
            not _BE_BEFORE.search(masked, max(0, verb.start - 40), verb.start)
            and verb.previous != "as"
        ):
            continue
        agent = _BY_AGENT.match(masked, verb.end)
        if agent is None:
            continue
        a_start, a_end = strip_span(masked, agent.start("agent"), agent.end("agent"))
        if not looks_like_subject(masked, a_start, a_end):
            continue
        c_start, c_end = strip_span(masked, 0, len(masked), " \t\n.!?")
        return Attribution(
            speaker_start=base + a_start,
            speaker_end=base + a_end,
            descriptor_start=base + verb.start,
            descriptor_end=base + a_end,
            cue=verb.text,
            pattern="passive",
            content_start=base + c_start,
            content_end=base + c_end,
        )
    return None


_BE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|been|being|be)\s+(?:(?:first|also|widely|later|originally|"
    r"initially|previously|recently|publicly|[a-z]+ly)\s+)*$"
)
