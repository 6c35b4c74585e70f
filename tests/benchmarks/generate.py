"""Generated agent files for benchmarks and scale tests (our own text, never the corpus)."""

from __future__ import annotations

import random

ROLES = ["api", "database", "frontend", "security", "release", "docs", "data", "infra", "qa"]
TOOLS = ["Read", "Grep", "Glob", "Bash", "Edit", "Write", "WebFetch", "TodoWrite"]
MODELS = ["inherit", "sonnet", "opus", "haiku"]
COLORS = ["red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan"]


def agent_text(i: int, rng: random.Random) -> str:
    """One plausible agent: frontmatter in a random description style, then a sectioned body."""
    role = rng.choice(ROLES)
    name = f"{role}-specialist-{i}"
    examples = "".join(
        f'\n  <example>\n  Context: Case {k} for {role}\n  user: "Help with {role} task {k}"\n'
        f'  assistant: "I\'ll use the {name} agent."\n  <commentary>\n  The {role} agent fits.\n'
        f"  </commentary>\n  </example>\n"
        for k in range(rng.randint(0, 4))
    )
    style = rng.randrange(3)
    if style == 0:
        description = f"|\n  Use this agent for {role} work.\n{examples}"
    elif style == 1:
        description = f"Use this agent for {role} work and reviews of {role} changes.\n"
    else:
        description = f'"Use this agent when {role} work is needed: design, review."\n'
    tools = ", ".join(rng.sample(TOOLS, rng.randint(1, 5)))
    sections = "".join(
        f"\n## Part {s}\n\n"
        + "".join(
            f"{n}. **Step {n}**\n   - Do {role} thing {n}\n" for n in range(1, rng.randint(2, 6))
        )
        for s in range(rng.randint(1, 5))
    )
    return (
        f"---\nname: {name}\ndescription: {description}tools: {tools}\n"
        f"model: {rng.choice(MODELS)}\ncolor: {rng.choice(COLORS)}\n---\n\n"
        f"You are a {role} specialist.\n{sections}"
    )


def generated_agents(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """``count`` (path, text) pairs under a ``.claude/agents`` folder."""
    rng = random.Random(seed)
    texts = [agent_text(i, rng) for i in range(count)]
    return [(f".claude/agents/{text.split(chr(10))[1][6:]}.md", text) for text in texts]


def large_agent(size: int = 200_000, seed: int = 11) -> str:
    """One big agent (about ``size`` characters) in the seed's style: examples in the
    description, then many sections of prose, nested lists, code fences, tables and quotes."""
    rng = random.Random(seed)
    examples = "".join(
        f'\n  <example>\n  Context: The user needs {role} help\n  user: "Fix the {role} setup"\n'
        f'  assistant: "I\'ll use the big-agent agent for the {role} work."\n  <commentary>\n'
        f"  {role.title()} work is what this agent is for.\n  </commentary>\n  </example>\n"
        for role in ROLES[:4]
    )
    parts = [
        f"---\nname: big-agent\ndescription: |\n  Use this agent for any engineering task.\n"
        f"{examples}tools: {', '.join(TOOLS)}\nmodel: sonnet\ncolor: blue\n---\n\n"
        "You are an expert engineer covering every part of the stack.\n"
    ]
    total, s = len(parts[0]), 0
    while total < size:
        s += 1
        role = rng.choice(ROLES)
        steps = "".join(
            f"{n}. **{role.title()} step {n}**\n"
            f"   - Check the `{role}_{n}` settings and [the guide](https://example.com/{s}/{n})\n"
            f"   - Keep *every* change small; review it with the {role} owner\n"
            for n in range(1, rng.randint(3, 7))
        )
        code = "".join(
            f"    if request.kind == {k}:\n        return handle_{role}_{k}(request)\n"
            for k in range(rng.randint(2, 6))
        )
        rows = "".join(f"| {role}-{r} | `{r * s}` | ok |\n" for r in range(rng.randint(2, 5)))
        section = (
            f"\n## {s}. {role.title()} work\n\n"
            f"When the task touches {role}, read the existing code first. Prefer the patterns "
            f"already in use, name things after the domain, and write **tests** before the fix. "
            f"Use `{role}-tool --check` to verify, and see [notes](https://example.com/{s}).\n\n"
            f"**Steps for {role}:**\n\n{steps}\n"
            f"```python\ndef dispatch_{s}(request):\n{code}    raise ValueError(request)\n```\n\n"
            f"| Item | Value | State |\n|------|-------|-------|\n{rows}\n"
            f"> Remember: {role} changes ship behind a flag and are rolled out gradually.\n"
        )
        parts.append(section)
        total += len(section)
    return "".join(parts)


def outlined_agent(sections: int, items: int, examples: int, seed: int = 13) -> str:
    """An agent in the seed's style at a given size: ``examples`` ``<example>`` blocks in the
    description, then a body of ``sections`` headed sections holding ``items`` numbered items
    in all, each with a bold title and nested bullets."""
    rng = random.Random(seed)
    blocks = "".join(
        f"\n  <example>\n  Context: The user needs {role} help, case {k + 1}\n"
        f'  user: "Review the {role} change number {k + 1}"\n'
        f'  assistant: "I\'ll use the outlined-agent agent to review the {role} change."\n'
        f"  <commentary>\n  Reviewing {role} changes is what this agent is for.\n"
        f"  </commentary>\n  </example>\n"
        for k, role in ((k, rng.choice(ROLES)) for k in range(examples))
    )
    parts = [
        f"---\nname: outlined-agent\ndescription: |\n  Use this agent to review and build "
        f"changes across the stack.\n{blocks}\nmodel: inherit\ncolor: green\n---\n\n"
        "You are an expert engineer who reviews and builds changes across the stack.\n"
    ]
    for s in range(sections):
        role = rng.choice(ROLES)
        count = items * (s + 1) // sections - items * s // sections
        steps = "".join(
            f"{n}. **{role.title()} check {s + 1}.{n}**\n"
            f"{pad}- Read the `{role}_{n}` settings before changing them\n"
            f"{pad}- Keep each {role} change small and reviewed\n"
            for n in range(1, count + 1)
            for pad in [" " * len(f"{n}. ")]  # bullets nest under the item's text
        )
        parts.append(
            f"\n## {role.title()} responsibilities {s + 1}\n\n"
            f"When the task touches {role}, follow these steps in order.\n\n{steps}"
        )
    return "".join(parts)


def hostile_agents() -> dict[str, str]:
    """Input a typo or an attacker makes, by what it is: each must stay quick to read."""
    head = "---\nname: big-agent\ndescription: A test agent.\n"
    escapes = "\\t" * 2_500_000
    return {
        "a 5 MB double-quoted value of escapes": f'{head}x: "{escapes}"\n---\nBody.\n',
        "50,000 keys": head + "".join(f"k{i}: v\n" for i in range(50_000)) + "---\nBody.\n",
    }


def seed_agent(seed_text: str, size: int) -> str:
    """The seed agent with its body repeated until the file holds about ``size`` characters:
    what a user makes by pasting a long prompt, log or spec into an agent."""
    head, _, body = seed_text.partition("\n---\n")
    repeats = max(1, (size - len(head)) // max(len(body), 1))
    return f"{head}\n---\n{body * repeats}"
