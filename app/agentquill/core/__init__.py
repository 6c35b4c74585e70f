"""The Qt-free core: text, frontmatter, examples, outline, dialects, lint."""
