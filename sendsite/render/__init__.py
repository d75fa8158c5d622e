"""Render stage: routes, the Jinja environment, pages, listings, Markdown, glossary links, charts and structured data."""
