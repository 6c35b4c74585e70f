"""Starter sections for an agent's system prompt, offered by the sections editor.

Each template is a title and the text under it. The text holds no headings or bold-label
lines, so inserting it adds exactly one section; the heading's style (``##``, ``**Label:**``…)
comes from the file, through ``outline.add_section``.
"""

from __future__ import annotations

from typing import NamedTuple


class SectionTemplate(NamedTuple):
    """A menu label, the section title and the text under the heading."""

    label: str
    title: str
    content: str


TEMPLATES: tuple[SectionTemplate, ...] = (
    SectionTemplate(
        "Role",
        "Role",
        "You are a senior specialist in this domain. You work inside the user's project, "
        "follow its conventions, and say plainly when a request is outside your expertise.",
    ),
    SectionTemplate(
        "Core responsibilities",
        "Core Responsibilities",
        "1. **Understand the request**: restate the goal and the constraints before acting\n"
        "2. **Do the work**: make focused changes that solve the stated problem\n"
        "3. **Verify**: run the checks that prove the change works\n"
        "4. **Report**: summarise what changed and what is left open",
    ),
    SectionTemplate(
        "Process",
        "Process",
        "1. Read the relevant files and gather context\n"
        "2. Outline a plan and name the risky steps\n"
        "3. Carry out the plan in small, reviewable steps\n"
        "4. Test each step before moving to the next\n"
        "5. Review the result against the original request",
    ),
    SectionTemplate(
        "Quality standards",
        "Quality Standards",
        "- Match the style and patterns already used in the project\n"
        "- Prefer the simplest solution that fully meets the need\n"
        "- Never leave placeholders, dead code or unexplained workarounds\n"
        "- Back every claim about behaviour with a test or a command's output",
    ),
    SectionTemplate(
        "Output format",
        "Output Format",
        "Reply with:\n"
        "\n"
        "- A one-paragraph summary of the outcome\n"
        "- The files changed, each with a one-line reason\n"
        "- Commands run and their results\n"
        "- Open questions or follow-up work, if any",
    ),
    SectionTemplate(
        "Edge cases",
        "Edge Cases",
        "- The request is ambiguous: ask one precise question before acting\n"
        "- Required information is missing: say what is missing and where to find it\n"
        "- A change would break existing behaviour: stop and explain the trade-off\n"
        "- The task is outside this agent's scope: recommend a better-suited agent",
    ),
)
