"""site.yaml: the site's settings, read and checked like any other content."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from sendsite.errors import ContentError, ErrorLog, Origin
from sendsite.model import (
    HOSTS,
    ROOT_HOSTS,
    CheckOptions,
    ContactDetails,
    Link,
    SiteConfig,
    brand,
    editor,
    identity,
    statement,
)
from sendsite.model.local_offer_items import ITEM_IDS
from sendsite.source.fields import Fields
from sendsite.source.sourcefile import read_text
from sendsite.source.wording import did_you_mean
from sendsite.source.yamldoc import parse_yaml

CONFIG_FILE = "site.yaml"
_FIELDS = (
    "title",
    "base_url",
    "area",
    "language",
    "partnership",
    "contact",
    "feedback",
    "review_after_months",
    "output",
    "checks",
    "brand",
    "accessibility",
    "host",
    "editor",
    "id_namespace",
)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def load_config(site_dir: Path, log: ErrorLog) -> SiteConfig | None:
    """Read site.yaml; None (with the mistakes logged) when it is missing or wrong."""
    file = site_dir / CONFIG_FILE
    if not file.is_file():
        log.add(
            Origin(CONFIG_FILE),
            f"there is no {CONFIG_FILE} in {site_dir}",
            "Run sendsite in the folder that holds site.yaml, or give that folder: "
            "sendsite build path/to/site (sendsite new makes a starter site).",
        )
        return None
    try:
        data = parse_yaml(read_text(file, CONFIG_FILE), CONFIG_FILE)
    except ContentError as exc:
        log.extend([exc])
        return None
    errors_before = len(log.errors)
    fields = Fields(
        data,
        CONFIG_FILE,
        log,
        allowed=_FIELDS,
        required=("title", "base_url", "area"),
        what=f"the file {CONFIG_FILE}",
    )
    title = fields.text("title")
    base_url = fields.url("base_url")
    area = fields.text("area")
    language = fields.text("language") or "en-GB"
    if not _LANGUAGE.match(language):
        fields.error(
            "language", f"'{language}' is not a language tag", "Use a tag such as en-GB or cy-GB."
        )
    partnership = []
    for member in fields.group_list(
        "partnership", allowed=("name", "url"), required=("name",), what="a partnership member"
    ):
        name, url = member.text("name"), member.url("url")
        if name is not None:
            partnership.append(Link(name, url))
    contact = _contact(fields.group("contact", allowed=("email", "phone", "address")))
    feedback = _contact(fields.group("feedback", allowed=("email", "url")))
    months = fields.integer("review_after_months")
    if months is not None and not 1 <= months <= 120:
        fields.error(
            "review_after_months",
            f"review_after_months is {months}",
            "Use a number of months from 1 to 120 (the default is 12).",
        )
        months = None
    output = fields.text("output") or "_site"
    checks = _check_options(fields.group("checks", allowed=_CHECK_FIELDS))
    site_brand = brand.load_brand(fields.group("brand", allowed=brand.FIELDS), site_dir)
    accessibility = statement.load_statement(
        fields.group("accessibility", allowed=statement.FIELDS, required=("compliance", "prepared"))
    )
    hosts = _hosts(fields, base_url)
    editor_settings = editor.load_editor(
        fields.group("editor", allowed=editor.FIELDS, required=("backend", "repo"))
    )
    id_namespace = _id_namespace(fields, base_url)
    if len(log.errors) > errors_before or title is None or base_url is None or area is None:
        return None
    return SiteConfig(
        title=title,
        base_url=base_url,
        area=area,
        language=language,
        partnership=partnership,
        contact=contact,
        feedback=feedback,
        review_after_months=months or 12,
        output=output,
        output_line=fields.data.line_of("output") if "output" in fields.data else None,
        checks=checks,
        brand=site_brand,
        accessibility=accessibility,
        hosts=hosts,
        editor=editor_settings,
        id_namespace=id_namespace,
        lines=fields.field_lines(),
    )


def _contact(group: Fields | None) -> ContactDetails | None:
    if group is None:
        return None
    return ContactDetails(
        email=group.email("email") if "email" in group.data else None,
        phone=group.phone("phone") if "phone" in group.data else None,
        address=group.text("address") if "address" in group.data else None,
        url=group.url("url") if "url" in group.data else None,
    )


_CHECK_FIELDS = ("reading_age", "sentence_words", "known_acronyms", "strict", "not_yet_covered")
# The levels of `sendsite check` (sendsite/check/levels.py, a layer above, says what each means).
_CHECK_LEVELS = ("must-fix", "should-fix", "style")


def _check_options(group: Fields | None) -> CheckOptions:
    options = CheckOptions()
    if group is None:
        return options
    for key, low, high in (("reading_age", 5, 25), ("sentence_words", 5, 100)):
        value = group.integer(key)
        if value is None:
            continue
        if not low <= value <= high:
            group.error(key, f"{key} is {value}", f"Use a whole number from {low} to {high}.")
            continue
        setattr(options, key, value)
    options.known_acronyms = group.text_list("known_acronyms")
    if "strict" in group.data:
        levels = []
        for name in group.text_list("strict"):
            level = name.strip().lower().replace(" ", "-")
            if level in _CHECK_LEVELS:
                levels.append(level)
            else:
                group.error(
                    "strict",
                    f"'{name}' is not a level of sendsite check",
                    did_you_mean(level, list(_CHECK_LEVELS), "levels"),
                )
        options.strict = levels
    for name in group.text_list("not_yet_covered"):
        if name in ITEM_IDS:
            options.not_yet_covered.append(name)
        else:
            group.error(
                "not_yet_covered",
                f"'{name}' is not one of the things a Local Offer must include",
                did_you_mean(name, list(ITEM_IDS), "items"),
            )
    return options


def _hosts(fields: Fields, base_url: str | None) -> list[str]:
    """site.yaml `host`: one host's name, or a list of them."""
    hosts: list[str] = []
    for name in fields.text_list("host"):
        if name not in HOSTS:
            fields.error(
                "host",
                f"'{name}' is not a host sendsite knows",
                did_you_mean(name, list(HOSTS), "hosts"),
            )
        elif name not in hosts:
            hosts.append(name)
    if base_url is None:
        return hosts
    path = urlsplit(base_url).path or "/"
    for name in hosts:
        if name in ROOT_HOSTS and path not in ("", "/"):
            fields.error(
                "host",
                f"{HOSTS[name]} serves the site at the root of its address, but base_url puts "
                f"the site under {path}",
                "Give base_url a path of / (for example https://localoffer.example.gov.uk/), "
                "or choose a host that can serve a site under a path: apache, nginx, iis, "
                "s3-cloudfront, github-pages or gitlab-pages.",
            )
    return hosts


def _id_namespace(fields: Fields, base_url: str | None) -> str | None:
    """site.yaml `id_namespace`: the UUID the Open Referral UK ids are made from."""
    text = fields.text("id_namespace")
    if text is None:
        return None
    found = identity.parse_uuid(text)
    if found is None:
        keeps = ""
        if base_url is not None:
            today = uuid.uuid5(uuid.NAMESPACE_URL, base_url)
            keeps = f" {today} keeps the ids this site publishes today."
        fields.error(
            "id_namespace",
            f"'{text}' is not a UUID",
            "Write 32 hexadecimal digits in the groups 8-4-4-4-12, and never change it once "
            f"the site is published.{keeps}",
        )
    return found
