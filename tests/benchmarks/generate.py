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
