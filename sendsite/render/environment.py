"""The one Jinja environment: autoescape on, undefined variables fail the build, the site's own
`templates/` folder first and the theme shipped in the package second, so a site overrides any
theme file by giving its own file the same name. Also where its templates are compiled once a
build, and where a build reuses each service's card.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from sendsite import model
from sendsite.errors import ContentError, Origin
from sendsite.model import labels
from sendsite.render import listings as directory
from sendsite.render import structured_data
from sendsite.render.charts import measure_chart
from sendsite.render.markdown import markdown_to_html
from sendsite.render.routes import inspection_title
from sendsite.render.theme import THEME_DIR, display_template, refuse_outside
from sendsite.render.urls import FEED_PATH, REFERRER_POLICY, Linker, absolute_url
from sendsite.source import phone
from sendsite.source.cache import cache_folder
from sendsite.source.paths import inside
from sendsite.source.sourcefile import MAX_FILE_BYTES
from sendsite.text import age_range_label, count, plural, slugify, uk_date, uk_date_range


def make_environment(
    site_dir: Path,
    linker: Linker,
    environment_class: type[jinja2.Environment] = jinja2.Environment,
    *,
    auto_reload: bool = True,
    markdown: Callable[[str, int, str], str] = markdown_to_html,
    static_files: Mapping[str, str] | None = None,
) -> jinja2.Environment:
    """The one Jinja environment; the live preview passes a subclass that records what pages read.
    A build passes `auto_reload=False`: its templates cannot change while it runs, and checking
    each template file on disk for every page is wasted work. A build also passes the
    fingerprinted names of the static files (`static_files`: 'style.css' -> 'style.HASH.css');
    the preview serves them under their own names."""
    published = static_files or {}
    loaders: list[jinja2.BaseLoader] = []
    site_templates = site_dir / "templates"
    if site_templates.is_dir():
        loaders.append(SiteTemplateLoader(site_templates, site_dir))
    loaders.append(jinja2.FileSystemLoader(THEME_DIR / "templates"))
    env = environment_class(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=auto_reload,
    )
    env.filters.update(
        markdown=lambda text, top=2: (
            Markup(markdown(text, top, linker.base_path)) if text else Markup("")
        ),
        slug=slugify,
        uk_date=uk_date,
        date_range=lambda r: uk_date_range(r.start, r.end),
        iso=lambda d: d.isoformat(),
        label=labels.label,
        plural=plural,
        count=count,
        age_range=lambda a: age_range_label(a.min, a.max),
        tel=phone.tel,
    )
    env.globals.update(
        url=linker.url,
        url_for=linker.url_for,
        absolute_url=absolute_url,
        static=lambda name: linker.url(f"/static/{published.get(name, name)}"),
        LABELS=labels.LABELS,
        FINDING_TYPES=model.FINDING_TYPES,
        FINDING_TYPE_PLURALS=labels.FINDING_TYPE_PLURALS,
        OUTCOME_EXPLANATIONS=labels.OUTCOME_EXPLANATIONS,
        ACTION_STATUSES=model.ACTION_STATUSES,
        AGE_BANDS=model.AGE_BANDS,
        inspection_title=inspection_title,
        measure_chart=lambda measure, chart_id: Markup(measure_chart(measure, chart_id)),
        FEED_PATH=FEED_PATH,
        REFERRER_POLICY=REFERRER_POLICY,
        service_json_ld=lambda service, config: Markup(
            structured_data.script_json(structured_data.service(service, config))
        ),
        **directory.template_globals(),
    )
    return env


class SiteTemplateLoader(jinja2.FileSystemLoader):
    """The site's own templates: a file that is too big or not UTF-8 is the author's mistake,
    reported with its name and line rather than as a crash."""

    def __init__(self, folder: Path, site_dir: Path) -> None:
        super().__init__(folder)
        self.folder = folder
        self.site_dir = site_dir

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        file = self.folder / template
        shown = display_template(str(file), self.site_dir)
        if file.exists():
            refuse_outside(self.site_dir, file, f"templates/{template}")
        if file.is_file() and file.stat().st_size > MAX_FILE_BYTES:
            raise ContentError(
                Origin(shown),
                f"this template is more than {MAX_FILE_BYTES // (1024 * 1024)} MB",
                "A template holds layout only; move large content into content/.",
            )
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            line = file.read_bytes()[: exc.start].count(b"\n") + 1
            raise ContentError(
                Origin(shown, line),
                "this template is not saved as UTF-8 text",
                "Save it again with the encoding set to UTF-8.",
            ) from None


def compile_templates(env: jinja2.Environment, site_dir: Path, keep_cache: bool = True) -> None:
    """Compile every template now, before the workers fork (so each does not compile them
    again), keeping the compiled code in the site's cache folder for the next build. Jinja checks
    each template's source against what was compiled, so an edited template is compiled again.
    A template with a mistake is left for the pages that use it to report.
    Compiled code is loaded with `marshal` and run: it is never kept in a folder inside the site
    (where $SENDSITE_CACHE_DIR may point), which the content's authors control."""
    cache = cache_folder(site_dir) / f"templates-{_compiler_settings(env)}"
    if keep_cache and not inside(cache, site_dir):
        try:
            cache.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
        except OSError:
            pass  # a cache folder that cannot be written to only costs speed
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
        try:
            env.get_template(name)
        except (jinja2.TemplateError, ContentError):
            continue


def _compiler_settings(env: jinja2.Environment) -> str:
    """What, besides a template's source, shapes its compiled code (Jinja only checks the
    source): code compiled under other settings is kept apart."""
    settings = (
        jinja2.__version__,
        env.block_start_string,
        env.variable_start_string,
        env.comment_start_string,
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.newline_sequence,
        env.autoescape,
        env.optimized,
        sorted(env.extensions),
    )
    return hashlib.blake2b(repr(settings).encode(), digest_size=8).hexdigest()


def reuse_service_cards(env: jinja2.Environment) -> None:
    """Render each service's card once per build, not once for every list it is on (a service
    is on a dozen listing pages; its card was a third of the time spent on them). A macro of an
    import without context sees only its arguments and the globals, so its card is the same
    wherever it appears. The live preview does not: it records what each page reads, and keeps
    the pages in memory."""
    try:
        macros = env.get_template("_macros.html").module
    except (jinja2.TemplateError, ContentError):
        return  # the pages that import it will report the mistake
    card = getattr(macros, "service_card", None)
    if card is None:
        return
    made: dict[tuple[int, Any], tuple[object, Markup, Any]] = {}
    # An environment that records what pages read (a build that remembers them) records what
    # the card read on each page that shows it, not only on the first.
    capture = getattr(env, "capture", None)
    replay = getattr(env, "replay", None)

    def reused_card(service: object, *args: Any, **kwargs: Any) -> Markup:
        key = (id(service), (args, tuple(sorted(kwargs.items()))))
        hit = made.get(key)
        if hit is not None and (capture is None or hit[2] is not None):
            if replay is not None:
                replay(hit[2])
            return hit[1]

        def make() -> Markup:
            return Markup(card(service, *args, **kwargs))

        html, reads = capture(make) if capture is not None else (make(), None)
        made[key] = (service, html, reads)  # holds service: ids stay unique
        return html

    macros.service_card = reused_card  # type: ignore[attr-defined]
