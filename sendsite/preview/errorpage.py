"""The page the live preview shows instead of every page while the site has a mistake.

It stands alone (its own styles, no theme template), so it still works when the mistake is in
site.yaml or in the theme's own templates. Each mistake is shown as the terminal prints it: the
file and line, what is wrong, and how to fix it.
"""

from __future__ import annotations

from collections.abc import Sequence

import jinja2

from sendsite.errors import ContentError, _sentence

_TEMPLATE = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """\
<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ heading }} – sendsite preview</title>
<style>
  body { margin: 0; font: 1.1875rem/1.5 system-ui, -apple-system, "Segoe UI", Arial, sans-serif;
         color: #0b0c0c; background: #fff; }
  main { max-width: 46rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
  h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1rem; }
  .summary { border: 5px solid #d4351c; padding: 1rem 1.25rem; margin: 1.5rem 0; }
  .summary h2 { font-size: 1.5rem; margin: 0 0 .75rem; }
  ol { padding-left: 1.25rem; margin: 0; }
  li { margin-bottom: 1.25rem; }
  .where { display: block; font-family: ui-monospace, Menlo, Consolas, monospace;
           font-weight: 700; color: #942514; overflow-wrap: anywhere; }
  .fix { display: block; margin-top: .25rem; }
  .fix strong { font-weight: 700; }
  a { color: #1d70b8; }
  a:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
</style>
</head>
<body>
<main id="main">
<h1>{{ heading }}</h1>
<p>The preview shows this page in place of every page until the {{ "mistake is" if errors|length == 1 else "mistakes are" }} fixed.
Fix it in your editor and save: this page changes back to the site by itself.
Nothing has been published, and the last working version of every page is kept.</p>
<div class="summary" role="alert" aria-labelledby="problems-heading">
<h2 id="problems-heading">{{ errors|length }} {{ "problem" if errors|length == 1 else "problems" }} to fix</h2>
<ol>
{% for error in errors %}
<li><span class="where">{{ error.origin }}</span>
{{ sentence(error.message) }}
{% if error.hint %}<span class="fix"><strong>How to fix it:</strong> {{ sentence(error.hint) }}</span>{% endif %}
</li>
{% endfor %}
</ol>
</div>
</main>
</body>
</html>
"""
)


def error_page(errors: Sequence[ContentError]) -> bytes:
    """An accessible HTML page listing every mistake with its file, line and fix."""
    heading = (
        "The site has a mistake to fix" if len(errors) == 1 else "The site has mistakes to fix"
    )
    html = _TEMPLATE.render(heading=heading, errors=errors, sentence=_sentence)
    return html.encode("utf-8")
