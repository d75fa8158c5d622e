"""`sendsite check`: what a careful reviewer would tell an editor before they publish.

None of these is a mistake that stops a build; each is a warning with the file, the line and
what to do. The checks read the validated model and the rendered pages (for links and anchors).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urlsplit

from sendsite import model
from sendsite.check.addresses import built_file, check_field_addresses, own_path
from sendsite.check.coverage import check_coverage
from sendsite.check.levels import DEFAULT_STRICT, LEVEL_NAMES, level_of, rank
from sendsite.check.plain_english import check_plain_english
from sendsite.errors import Origin
from sendsite.render.glossary import make_matcher, spellings
from sendsite.render.markdown import markdown_to_html
from sendsite.text import months_between, plural, uk_date

if TYPE_CHECKING:
    from sendsite.publish.pipeline import RenderedSite

# Abbreviations every reader knows; anything else in capitals belongs in the glossary.
COMMON_ACRONYMS = frozenset({"UK", "NHS", "GP", "OK", "PDF", "TV", "AM", "PM", "BBC"})
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z](?:s)?\b")
_ROMAN = re.compile(r"^[IVXLC]+$")
_IDS = re.compile(r'\sid="([^"]+)"')


@dataclass(frozen=True)
class Advice:
    """One warning: where, which check, what is wrong and what to do."""

    origin: Origin
    check: str
    message: str
    hint: str = ""

    @property
    def level(self) -> str:
        return level_of(self.check)

    def __str__(self) -> str:
        text = f"{self.origin}: {LEVEL_NAMES[self.level]}: {self.message}."
        return f"{text} {self.hint}" if self.hint else text

    def sort_key(self) -> tuple[int, str, int, str, str]:
        """Most important first; then by file and line, as an editor works through them."""
        return (rank(self.level), self.origin.path, self.origin.line or 0, self.check, self.message)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.origin.path,
            "line": self.origin.line,
            "level": self.level,
            "check": self.check,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class CheckSettings:
    reading_age: int = 12
    sentence_words: int = 30
    known_acronyms: frozenset[str] = field(default_factory=frozenset)
    strict: frozenset[str] = frozenset(DEFAULT_STRICT)

    @classmethod
    def from_config(cls, options: model.CheckOptions) -> CheckSettings:
        return cls(
            options.reading_age,
            options.sentence_words,
            frozenset(options.known_acronyms),
            frozenset(options.strict),
        )


@dataclass(frozen=True)
class CheckReport:
    """Every warning, most important first, and the levels `--strict` fails on for this site."""

    advice: list[Advice]
    settings: CheckSettings

    def fails_strict(self) -> bool:
        return any(a.level in self.settings.strict for a in self.advice)


@dataclass(frozen=True)
class Text:
    """A piece of prose from a content file: where it is, which field, and whether it is Markdown."""

    path: str
    field: str
    text: str
    markdown: bool
    line: int | None


class SourceLines:
    """Finds the line where a piece of text is written, reading each file once."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.cache: dict[str, list[str]] = {}

    def lines(self, path: str) -> list[str]:
        if path not in self.cache:
            try:
                text = (self.site_dir / path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = ""
            self.cache[path] = text.replace("\r\n", "\n").split("\n")
        return self.cache[path]

    def find(self, path: str, needle: str, default: int | None = None) -> int | None:
        needle = needle.strip()
        for probe in (needle, needle[:40], needle.split(" ")[0] if needle else ""):
            if not probe:
                continue
            for index, line in enumerate(self.lines(path)):
                if probe in line:
                    return index + 1
        return default

    def field(self, path: str, name: str) -> int | None:
        for index, line in enumerate(self.lines(path)):
            if line.lstrip().startswith(f"{name}:") or line.lstrip().startswith(f"- {name}:"):
                return index + 1
        return None

    def body(self, path: str) -> int | None:
        lines = self.lines(path)
        if not lines or lines[0].strip() != "---":
            return None
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                return index + 2
        return None


def check_site(site_dir: Path, build_date: dt.date) -> list[Advice]:
    """Load and render the site in memory (nothing is written) and run every check.

    Content mistakes raise ContentErrors, exactly as a build would.
    """
    return check_report(site_dir, build_date).advice


def check_report(site_dir: Path, build_date: dt.date) -> CheckReport:
    """`check_site`, with the site's settings (which levels `--strict` fails on)."""
    from sendsite.publish.pipeline import load_site, render_site

    site = load_site(site_dir, build_date)
    rendered = render_site(site, site_dir, keep_cache=False)  # check writes nothing
    settings = CheckSettings.from_config(site.config.checks)
    return CheckReport(run_checks(site, rendered, site_dir, settings), settings)


def run_checks(
    site: model.Site, rendered: RenderedSite, site_dir: Path, settings: CheckSettings
) -> list[Advice]:
    source = SourceLines(site_dir)
    texts = list(site_texts(site, source))
    found = [
        *check_links(texts, site, rendered, source),
        *(
            Advice(origin, "link", message, hint)
            for origin, message, hint in check_field_addresses(site, rendered, source.find)
        ),
        *check_reviews(site, source),
        *check_contact_routes(site, source),
        *check_coverage(site, source),
        *check_unanswered_findings(site),
        *check_stale_actions(site, source),
        *check_reading(texts, site, settings, source),
        *check_acronyms(texts, site, settings, source),
        *check_jargon_in_summaries(site, settings, source),
    ]
    return sorted(found, key=Advice.sort_key)


# --- what prose the site holds --------------------------------------------------------------


def site_texts(site: model.Site, source: SourceLines) -> Iterator[Text]:
    def field_text(
        path: str, name: str, value: str | None, markdown: bool = True
    ) -> Iterator[Text]:
        if value:
            yield Text(path, name, value, markdown, source.find(path, value.split("\n")[0]))

    def body(item_path: str, text: str) -> Iterator[Text]:
        if text.strip():
            yield Text(item_path, "body", text, True, source.body(item_path))

    for s in site.services:
        yield from field_text(s.origin.path, "summary", s.summary, markdown=False)
        yield from field_text(s.origin.path, "eligibility", s.eligibility)
        if s.referral is not None:
            yield from field_text(s.origin.path, "referral", s.referral.how)
        yield from field_text(s.origin.path, "easy_read", s.easy_read)
        yield from body(s.origin.path, s.body)
    for o in site.organisations:
        yield from field_text(o.origin.path, "description", o.description, markdown=False)
    for i in site.inspections:
        yield from body(i.origin.path, i.body)
        for f in i.findings:
            yield from field_text(i.origin.path, "finding", f.summary)
    for p in site.plans:
        yield from body(p.origin.path, p.body)
        for a in p.actions:
            for u in a.updates:
                yield from field_text(p.origin.path, "updates", u.text)
    for n in site.news:
        yield from field_text(n.origin.path, "summary", n.summary, markdown=False)
        yield from body(n.origin.path, n.body)
    for page in site.pages:
        yield from field_text(page.origin.path, "summary", page.summary, markdown=False)
        yield from body(page.origin.path, page.body)
    for fb in site.feedback:
        yield from field_text(fb.origin.path, "you_said", fb.you_said)
        yield from field_text(fb.origin.path, "we_did", fb.we_did)


_BLOCK_END = re.compile(
    r"</(?:p|li|h[1-6]|td|th|dt|dd|blockquote|pre)>|<br\s*/?>|<(?:ul|ol|table)\b[^>]*>"
)


def plain_text(text: Text, quotations: bool = True) -> str:
    """The words a reader sees; each paragraph, list item and heading ends with a blank line.

    Without `quotations`, block quotes are left out (the words of a report, not the editor's)."""
    if not text.markdown:
        return text.text
    html = markdown_to_html(text.text)
    if not quotations:
        html = re.sub(r"<blockquote>.*?</blockquote>", "\n\n", html, flags=re.S)
    html = _BLOCK_END.sub("\n\n", html)
    blocks = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", b)).strip() for b in html.split("\n\n")]
    return "\n\n".join(re.sub(r" ([,.;:!?])", r"\1", b) for b in blocks if b)


# --- links and images -----------------------------------------------------------------------


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href") is not None:
            self.links.append(values["href"] or "")
        if tag == "img":
            self.images.append((values.get("src") or "", values.get("alt")))


def check_links(
    texts: list[Text], site: model.Site, rendered: RenderedSite, source: SourceLines
) -> Iterator[Advice]:
    anchors: dict[str, set[str]] = {}

    def ids_of(target: str) -> set[str]:
        if target not in anchors:
            page = rendered.pages.get(target, b"").decode("utf-8", "replace")
            anchors[target] = set(_IDS.findall(page))
        return anchors[target]

    base_path = site.config.base_path
    for text in texts:
        if not text.markdown:
            continue
        collector = _LinkCollector()
        collector.feed(markdown_to_html(text.text))
        for src, alt in collector.images:
            if not (alt or "").strip():
                yield Advice(
                    Origin(text.path, source.find(text.path, src, text.line)),
                    "image-alt",
                    f"the image '{src}' has no alt text",
                    "Describe what the image shows inside the square brackets: ![A family at a "
                    "Portage session](photo.jpg). Use empty brackets only for decoration.",
                )
        for href in collector.links:
            problem = link_problem(href, base_path, rendered, ids_of, site.config.base_url)
            if problem is not None:
                message, hint = problem
                yield Advice(
                    Origin(text.path, source.find(text.path, href, text.line)),
                    "link",
                    message,
                    hint,
                )


def link_problem(
    href: str,
    base_path: str,
    rendered: RenderedSite,
    ids_of: Callable[[str], set[str]],
    base_url: str = "",
) -> tuple[str, str] | None:
    parts = urlsplit(href)
    if parts.scheme in ("http", "https"):
        host = parts.hostname or ""
        if not host or "." not in host or " " in href:
            return (
                f"the link '{href}' is not a valid web address",
                "Check it in a browser and copy it again.",
            )
        inside = own_path(href, base_url) if base_url else None
        if inside is None:
            return None
        # A full address into this site's own base URL: it must lead to a page, as /paths do.
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return page_problem(
            href, base_path + inside.lstrip("/") + fragment, base_path, rendered, ids_of
        )
    if parts.scheme == "mailto":
        if "@" not in parts.path:
            return (
                f"the email link '{href}' has no email address",
                "Write it as mailto:name@example.org.",
            )
        return None
    if parts.scheme == "tel":
        if not re.fullmatch(r"\+?[0-9 ]{6,}", parts.path):
            return (
                f"the phone link '{href}' is not a phone number",
                "Write it as tel:01632960000.",
            )
        return None
    if parts.scheme:
        return (
            f"the link '{href}' uses '{parts.scheme}:', which browsers will not open",
            "Use an https:// address.",
        )
    if href.startswith("www."):
        return (f"the link '{href}' has no https:// at the start", f"Write it as https://{href}.")
    path = urldefrag(href)[0]
    if not path:
        return None  # a link to a place on the same page: checked with the page
    if not path.startswith("/"):
        return (
            f"the link '{href}' is relative to the page it is on",
            "Start links to this site's pages with /, e.g. /services/portage/.",
        )
    return page_problem(href, href, base_path, rendered, ids_of)


def page_problem(
    href: str,
    link: str,
    base_path: str,
    rendered: RenderedSite,
    ids_of: Callable[[str], set[str]],
) -> tuple[str, str] | None:
    """What is wrong with `link`, a /path[#fragment] on this site written as `href`, if anything."""
    path, fragment = urldefrag(link)
    if path.startswith(base_path) and base_path != "/":
        path = "/" + path[len(base_path) :]
    target = built_file(path, rendered)
    if target is None:
        return (f"the link '{href}' points at a page that does not exist", "Check the address.")
    if fragment and target in rendered.pages and fragment not in ids_of(target):
        return (
            f"the link '{href}' points at '#{fragment}', which is not on that page",
            "Check the heading or item it should go to.",
        )
    return None


# --- directory ------------------------------------------------------------------------------


def check_reviews(site: model.Site, source: SourceLines) -> Iterator[Advice]:
    for s in site.active_services:
        if s.due_for_review:
            months = months_between(s.review_due, site.build_date)
            late = "" if months == 0 else f", {plural(months, 'month')} ago"
            yield Advice(
                s.origin.at(source.field(s.origin.path, "last_reviewed")),
                "review",
                f"'{s.name}' was last reviewed on {uk_date(s.last_reviewed)}, so it was due for "
                f"review on {uk_date(s.review_due)}{late}",
                "Check the record with the provider, then update last_reviewed.",
            )


def check_contact_routes(site: model.Site, source: SourceLines) -> Iterator[Advice]:
    for s in site.active_services:
        routes = [c for c in s.contacts if c.phone or c.email]
        if not routes and not s.website:
            yield Advice(
                s.origin.at(
                    source.field(s.origin.path, "contacts") or source.field(s.origin.path, "name")
                ),
                "contact",
                f"'{s.name}' has no phone number, email address or website",
                "Add a contact with a phone or email, or a website, so families can get in touch.",
            )


# --- inspections and plans ------------------------------------------------------------------


def check_unanswered_findings(site: model.Site) -> Iterator[Advice]:
    for inspection in site.inspections:
        for finding in inspection.findings:
            if finding.progress in model.POSITIVE_JUDGEMENTS or finding.all_actions:
                continue
            yield Advice(
                finding.origin,
                "unanswered-finding",
                f"no plan action addresses the finding '{finding.id}' of {inspection.id}",
                f"Add '{finding.ref}' to the addresses of an action in a plan.",
            )


def check_stale_actions(site: model.Site, source: SourceLines) -> Iterator[Advice]:
    for plan in site.plans:
        for action in plan.overdue_actions:
            assert action.due is not None
            latest = action.latest_update
            if latest is not None and latest.date > action.due:
                continue
            yield Advice(
                action.origin,
                "stale-action",
                f"the action '{action.id}' was due on {uk_date(action.due)}, is not complete and has "
                "had no update since",
                "Add an update saying where it stands and when it will be done.",
            )


# --- plain English --------------------------------------------------------------------------


def check_reading(
    texts: list[Text], site: model.Site, settings: CheckSettings, source: SourceLines
) -> Iterator[Advice]:
    """Hard and long sentences (sendsite/check/plain_english.py); glossary acronyms are jargon."""
    allowed = COMMON_ACRONYMS | settings.known_acronyms
    acronyms = [
        form
        for entry in site.glossary
        for form in spellings(entry)
        if form[:2].isupper() and form.rstrip("s") not in allowed and form not in allowed
    ]
    pattern = (
        re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(f) for f in sorted(acronyms, key=len, reverse=True))
            + r")(?![\w-])"
        )
        if acronyms
        else None
    )

    def jargon(sentence: str) -> list[str]:
        return pattern.findall(sentence) if pattern is not None else []

    return check_plain_english(
        texts, settings, source, jargon, lambda text: plain_text(text, quotations=False)
    )


def check_acronyms(
    texts: list[Text], site: model.Site, settings: CheckSettings, source: SourceLines
) -> Iterator[Advice]:
    glossary = make_matcher(site.glossary)
    allowed = COMMON_ACRONYMS | settings.known_acronyms
    reported: set[tuple[str, str]] = set()
    for text in texts:
        words = plain_text(text)
        if glossary.pattern is not None:
            # Glossary terms are explained on the page, including those with capitals ("EHC plan").
            words = glossary.pattern.sub(" ", words)
        for acronym in _ACRONYM.findall(words):
            singular = acronym[:-1] if acronym.endswith("s") else acronym
            # "education, health and care (EHC) plans" explains the acronym where it is used.
            explained_here = f"({singular})" in words
            if singular in allowed or explained_here or _ROMAN.match(singular):
                continue
            if (text.path, singular) in reported:
                continue
            reported.add((text.path, singular))
            yield Advice(
                Origin(text.path, source.find(text.path, acronym, text.line)),
                "acronym",
                f"'{singular}' is not in the glossary",
                "Add it to content/glossary.yaml with a plain-English meaning, or write it out in full.",
            )


def check_jargon_in_summaries(
    site: model.Site, settings: CheckSettings, source: SourceLines
) -> Iterator[Advice]:
    """Summaries appear in lists, search results and link previews, where terms are not explained."""
    spelled = [
        (form, entry)
        for entry in site.glossary
        for form in spellings(entry)
        if form[:2].isupper() and form not in settings.known_acronyms
    ]
    items: Iterable[tuple[str, str]] = [
        *((s.origin.path, s.summary) for s in site.services),
        *((n.origin.path, n.summary) for n in site.news),
    ]
    for path, summary in items:
        for form, entry in spelled:
            if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", summary):
                yield Advice(
                    Origin(path, source.field(path, "summary")),
                    "jargon",
                    f"the summary uses '{form}' without explaining it",
                    "Summaries are shown in lists, where the glossary does not explain it: "
                    f"say it in plain words ({_first_sentence(entry.meaning)}), or leave it for the "
                    "full description.",
                )
                break


def _clip(sentence: str, words: int = 8) -> str:
    parts = sentence.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".")
