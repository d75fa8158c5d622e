"""Render stage: the validated model and the theme's Jinja templates become the site's pages.

One Jinja environment: autoescape on, undefined variables fail the build, the site's own
`templates/` folder first and the theme shipped in the package second, so a site overrides any
theme file by giving its own file the same name.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from sendsite import model
from sendsite.errors import ContentError, Origin
from sendsite.model import labels
from sendsite.model.brand import brand_stylesheet
from sendsite.model.datafiles import catalogue
from sendsite.model.local_offer_items import local_offer_coverage
from sendsite.model.statement import (
    STATEMENT_PATH,
    accessibility_statement_path,
    statement_page_written,
)
from sendsite.render import listings as directory
from sendsite.render import structured_data
from sendsite.render.charts import measure_chart
from sendsite.render.glossary import link_terms, make_matcher
from sendsite.render.markdown import markdown_to_html
from sendsite.render.template_errors import undefined_message
from sendsite.render.urls import FEED_PATH, REFERRER_POLICY, Linker, path_for
from sendsite.source import phone
from sendsite.source.cache import cache_folder, inside_site
from sendsite.source.sourcefile import MAX_FILE_BYTES
from sendsite.text import age_range_label, count, plural, slugify, uk_date, uk_date_range

THEME_DIR = Path(__file__).parent.parent / "theme"
BUILT_IN = Origin("(the built-in pages)")
# The glossary explains itself, and the 404 page should be nothing but a way back.
_NO_GLOSSARY_LINKS = frozenset({"/glossary/", "/404.html"})
LATEST_NEWS_ON_HOME = 3


@dataclass
class Route:
    """One page to render: its URL path, its template, its variables and the source it comes from."""

    path: str
    template: str
    title: str
    origin: Origin
    context: dict[str, Any] = field(default_factory=dict)


LOCAL_OFFER_INCLUDES_PATH = "/local-offer-includes/"


def build_routes(site: model.Site, data_page: Mapping[str, Any] | None = None) -> list[Route]:
    """Every page of the site. Two routes with the same path are an error naming both sources.
    `data_page` is what the publish stage tells the data page about its feeds (the pipeline's
    plan_site gives it)."""
    theme = BUILT_IN
    routes = [
        Route("/", "home.html", site.config.title, _origin(site.home_page, theme)),
        Route("/organisations/", "organisations.html", "Organisations", theme),
        Route("/inspections/", "inspections.html", "Inspections over time", theme),
        Route("/plans/", "plans.html", "Improvement plans", theme),
        Route("/news/", "news_list.html", "News", theme),
        Route("/you-said-we-did/", "feedback.html", "You said, we did", theme),
        Route(
            LOCAL_OFFER_INCLUDES_PATH,
            "local_offer_includes.html",
            "What our Local Offer includes",
            theme,
            {"coverage": local_offer_coverage(site)},
        ),
        Route("/glossary/", "glossary.html", "Glossary", theme),
        Route(
            "/data/",
            "data.html",
            "Open data",
            theme,
            {"data_files": catalogue(site), **(data_page or {})},
        ),
        Route("/404.html", "404.html", "Page not found", theme),
    ]
    routes += [
        Route(p.path, p.template, p.title, p.origin or theme, p.context)
        for p in directory.pages(site)
    ]
    routes += [service_route(s) for s in site.services]
    routes += [
        Route(path_for(i), "inspection.html", inspection_title(i), i.origin, {"inspection": i})
        for i in site.inspections
    ]
    routes += [Route(path_for(p), "plan.html", p.title, p.origin, {"plan": p}) for p in site.plans]
    routes += [
        Route(path_for(n), "news_item.html", n.title, n.origin, {"item": n}) for n in site.news
    ]
    routes += [
        Route(path_for(p), "page.html", p.title, p.origin, {"page": p})
        for p in site.pages
        if p.id != "index"
    ]
    if site.config.accessibility is not None and not statement_page_written(site):
        routes.append(
            Route(
                STATEMENT_PATH,
                "accessibility_statement.html",
                "Accessibility statement",
                Origin("site.yaml"),
                {"statement": site.config.accessibility},
            )
        )
    return routes


def service_route(service: model.Service) -> Route:
    return Route(
        path_for(service), "service.html", service.name, service.origin, {"service": service}
    )


def _origin(page: model.Page | None, default: Origin) -> Origin:
    return page.origin if page is not None else default


def inspection_title(inspection: model.Inspection) -> str:
    return f"{labels.label(inspection.kind)}, {uk_date_range(inspection.dates.start, inspection.dates.end)}"


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
        shown = _display_template(str(file), self.site_dir)
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


def shared_context(site: model.Site) -> dict[str, Any]:
    """Variables every template can use."""
    feedback_by_topic = [
        (topic, list(items))
        for topic, items in groupby(
            sorted(site.feedback, key=lambda f: (f.topic.lower(), -f.date.toordinal(), f.id)),
            key=lambda f: f.topic,
        )
    ]
    feedback_by_topic.sort(key=lambda pair: -max(f.date for f in pair[1]).toordinal())
    return {
        "site": site,
        "config": site.config,
        "build_date": site.build_date,
        "nav": navigation(site),
        "latest_news": site.news[:LATEST_NEWS_ON_HOME],
        "feedback_by_topic": feedback_by_topic,
        "glossary_letters": _glossary_letters(site.glossary),
        "accessibility_statement_path": accessibility_statement_path(site),
        "brand_stylesheet": brand_stylesheet(site.config.brand) is not None,
        "csp_meta": None,  # a build for a host that cannot send headers sets it
    }


def navigation(site: model.Site) -> list[tuple[str, str]]:
    """Main navigation: (label, site-relative path)."""
    items = [
        ("Home", "/"),
        ("Find a service", "/services/"),
        ("Inspections", "/inspections/"),
        ("Improvement plans", "/plans/"),
        ("News", "/news/"),
    ]
    items += [(p.title, p.url_path) for p in site.nav_pages]
    return items


def _glossary_letters(
    entries: list[model.GlossaryEntry],
) -> list[tuple[str, list[model.GlossaryEntry]]]:
    def letter(entry: model.GlossaryEntry) -> str:
        first = entry.term[:1].upper()
        return first if first.isalpha() else "#"

    return [(key, list(group)) for key, group in groupby(entries, key=letter)]


def compile_templates(env: jinja2.Environment, site_dir: Path, keep_cache: bool = True) -> None:
    """Compile every template now, before the workers fork (so each does not compile them
    again), keeping the compiled code in the site's cache folder for the next build. Jinja checks
    each template's source against what was compiled, so an edited template is compiled again.
    A template with a mistake is left for the pages that use it to report.
    Compiled code is loaded with `marshal` and run: it is never kept in a folder inside the site
    (where $SENDSITE_CACHE_DIR may point), which the content's authors control."""
    cache = cache_folder(site_dir) / f"templates-{_compiler_settings(env)}"
    if keep_cache and not inside_site(cache, site_dir):
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
    wherever it appears. Only builds do this: the live preview records what each page reads,
    which a reused card would hide."""
    try:
        macros = env.get_template("_macros.html").module
    except (jinja2.TemplateError, ContentError):
        return  # the pages that import it will report the mistake
    card = getattr(macros, "service_card", None)
    if card is None:
        return
    made: dict[tuple[int, Any], tuple[object, Markup]] = {}

    def reused_card(service: object, *args: Any, **kwargs: Any) -> Markup:
        key = (id(service), (args, tuple(sorted(kwargs.items()))))
        if key not in made:
            made[key] = (service, card(service, *args, **kwargs))  # holds service: ids stay unique
        return made[key][1]

    macros.service_card = reused_card  # type: ignore[attr-defined]


Finisher = Callable[[Route, str], str]


def page_finisher(site: model.Site, linker: Linker) -> Finisher:
    """What happens to a page's HTML after its template: glossary terms linked on first use."""
    glossary = make_matcher(site.glossary)

    def finish(route: Route, html: str) -> str:
        if route.path in _NO_GLOSSARY_LINKS:
            return html
        return link_terms(html, glossary, linker.url_for)

    return finish


def render_route(
    env: jinja2.Environment,
    shared: dict[str, Any],
    route: Route,
    site_dir: Path,
    finish: Finisher,
) -> bytes:
    """One page's bytes (the build and the live preview both make pages here); a template
    mistake becomes a ContentError naming the template's line."""
    context = {**shared, **route.context, "page_path": route.path, "title": route.title}
    try:
        html = env.get_template(route.template).render(context)
    except jinja2.TemplateError as exc:
        raise template_error(exc, site_dir, route, [*context, *env.globals]) from None
    except ContentError:
        raise
    except Exception as exc:
        # A calculation in a site's own template that fails (dividing text by a number, say)
        # is the author's mistake; one in the theme is sendsite's bug and must stay loud.
        error = site_template_failure(exc, site_dir, route)
        if error is None:
            raise
        raise error from None
    return finish(route, html).encode("utf-8")


def template_error(
    exc: jinja2.TemplateError, site_dir: Path, route: Route, names: Iterable[str] = ()
) -> ContentError:
    """Point at the template file and line, as the author sees it."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = _display_template(exc.filename or exc.name or "?", site_dir)
        return ContentError(
            Origin(where, exc.lineno),
            f"this template has a syntax error: {exc.message}",
            "Check that every {% ... %} and {{ ... }} is closed and spelled as Jinja expects.",
        )
    filename, line = _template_frame(exc)
    where = _display_template(filename, site_dir) if filename else "(template)"
    if isinstance(exc, jinja2.UndefinedError):
        # No page in the message: a mistake in a template many pages use is reported once.
        message, hint = undefined_message(exc.message or "", filename, line, names)
        return ContentError(Origin(where, line), message, hint)
    if isinstance(exc, jinja2.TemplateNotFound):
        return ContentError(
            Origin(where, line) if filename else Origin(f"templates/{exc.name}"),
            f"the template '{exc.name}' does not exist",
            "Check the name in the {% extends %} or {% include %} line.",
        )
    return ContentError(
        Origin(where, line), f"this template failed while making the page {route.path}: {exc}"
    )


def site_template_failure(exc: Exception, site_dir: Path, route: Route) -> ContentError | None:
    filename, line = _template_frame(exc)
    if filename is None:
        return None
    try:
        Path(filename).resolve().relative_to((site_dir / "templates").resolve())
    except ValueError:
        return None
    return ContentError(
        Origin(_display_template(filename, site_dir), line),
        f"this template failed while making the page {route.path} ({exc})",
        "Check the calculation or filter on this line.",
    )


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    # Jinja rewrites tracebacks so that template frames carry the template's file and line.
    frames = [
        f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml"))
    ]
    if not frames:
        return None, None
    return frames[-1].filename, frames[-1].lineno


def _display_template(filename: str, site_dir: Path) -> str:
    path = Path(filename)
    for root, shown in ((site_dir, ""), (THEME_DIR, "sendsite/theme/")):
        try:
            return shown + path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return filename


def static_files(site_dir: Path) -> Iterator[tuple[str, Path]]:
    """Theme static files, each replaced by templates/static/NAME when the site has one."""
    theme_static = THEME_DIR / "static"
    site_static = site_dir / "templates" / "static"
    names: dict[str, Path] = {}
    for root in (theme_static, site_static):
        if root.is_dir():
            for file in sorted(root.rglob("*")):
                if root == site_static:
                    refuse_outside(
                        site_dir, file, f"templates/static/{file.relative_to(root).as_posix()}"
                    )
                if file.is_file():
                    names[file.relative_to(root).as_posix()] = file
    for name, file in sorted(names.items()):
        yield f"static/{name}", file


def refuse_outside(site_dir: Path, file: Path, shown: str) -> None:
    """A link from the site's templates to a file elsewhere would publish that file."""
    if not file.resolve().is_relative_to(site_dir.resolve()):
        raise ContentError(
            Origin(shown),
            "this is a link to a file or folder outside the site folder",
            "Copy the file into the site folder instead of linking to it.",
        )


def asset_files(site_dir: Path, assets: list[str]) -> Iterator[tuple[str, Path]]:
    for relative in assets:
        yield f"assets/{relative}", site_dir / "content" / "assets" / relative
