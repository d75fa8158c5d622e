"""Decap CMS's configuration (admin/config.yml), written from the content model.

Each content type of sendsite.model.schema becomes a collection and each of its fields a widget
with the field's label, hint, required marker and limits, so the forms can never drift from what
a build accepts. The taxonomy's values and the inspections' findings are the site's own, as of
the build: a new category or finding appears in the forms after the next build.
"""

from __future__ import annotations

from typing import Any

import yaml

from sendsite import model
from sendsite.model import schema
from sendsite.model.editor import BACKENDS
from sendsite.model.labels import label as value_label

Config = dict[str, Any]
LOCAL_API = "api/v1"  # under admin/: the preview's local backend (`sendsite serve --edit`)
GLOSSARY_KEY = schema.GLOSSARY.list_field  # the local backend wraps the glossary's list in it


def decap_config(
    site: model.Site, settings: model.EditorSettings | None, *, local_api: str | None = None
) -> Config:
    """The whole configuration. `local_api` (an address) makes it the preview's: saved by the
    local backend into the site's folder, with no git host."""
    base = site.config.base_path
    folder = settings.folder + "/" if settings is not None and settings.folder else ""
    config: Config = {}
    if local_api is not None:
        config["backend"] = {"name": "proxy", "proxy_url": local_api, "branch": "main"}
    elif settings is not None:
        config["backend"] = _backend(settings)
        if settings.workflow == "editorial":
            config["publish_mode"] = "editorial_workflow"
    config.update(
        {
            "site_url": site.config.base_url,
            "display_url": site.config.base_url,
            "locale": "en",
            "media_folder": folder + "content/assets",
            "public_folder": base + "assets",
            # Ids are file names: lowercase letters, digits and hyphens only.
            "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
            "collections": [
                collection
                for kind in schema.CONTENT_TYPES
                # A file whose top level is a list cannot be edited by Decap CMS with a git host
                # (decaporg/decap-cms#531); the local backend presents it inside a group.
                if not kind.list_field or local_api is not None
                for collection in _collections(kind, site, folder)
            ],
        }
    )
    return config


def config_yaml(config: Config) -> bytes:
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)
    return (
        "# Made by sendsite from the content model; the next build replaces it.\n" + text
    ).encode("utf-8")


def _backend(settings: model.EditorSettings) -> Config:
    backend: Config = {
        "name": BACKENDS[settings.backend],
        "repo": settings.repo,
        "branch": settings.branch,
    }
    if settings.backend in ("gitlab", "gitea") and settings.app_id:
        backend["auth_type"] = "pkce"
    for key in ("base_url", "auth_endpoint", "app_id", "api_root", "tenant_id"):
        value = getattr(settings, key)
        if value:
            backend[key] = value
    return backend


def _collections(kind: schema.ContentType, site: model.Site, folder: str) -> list[Config]:
    """A content type's collection; for pages, also one for each folder of pages under
    content/pages/ (guides/, guides/send/): a folder collection of Decap CMS lists only the
    files directly in its folder, and its nested collections need an index file in every
    folder, which sendsite's pages do not have."""
    main = _collection(kind, site, folder)
    if kind.name != "pages":
        return [main]
    below = sorted({p.id.rpartition("/")[0] for p in site.pages if "/" in p.id})
    return [main] + [
        {
            **main,
            "name": "pages-" + sub.replace("/", "-"),
            "label": f"{kind.label} in {sub}/",
            "label_singular": f"{kind.singular} in {sub}/",
            "description": f"The pages under /{sub}/: pages/{sub}/NAME.md is /{sub}/NAME/.",
            "folder": main["folder"] + "/" + sub,
        }
        for sub in below
    ]


def _collection(kind: schema.ContentType, site: model.Site, folder: str) -> Config:
    fields = [_widget(f, site) for f in kind.fields]
    if kind.single_file:
        if kind.list_field:
            fields = [
                {
                    "name": kind.list_field,
                    "label": kind.label,
                    "widget": "list",
                    "summary": _template("fields." + kind.summary_field),
                    "fields": fields,
                }
            ]
        return {
            "name": kind.name,
            "label": kind.label,
            "description": kind.description,
            "files": [
                {
                    "name": kind.name,
                    "label": kind.label,
                    "file": folder + kind.path,
                    "fields": fields,
                }
            ],
        }
    if kind.body:
        fields.append(
            {
                "name": "body",
                "label": "Text",
                "widget": "markdown",
                "hint": kind.body[:1].upper() + kind.body[1:] + ", in Markdown.",
                "required": False,
            }
        )
    return {
        "name": kind.name,
        "label": kind.label,
        "label_singular": kind.singular,
        "description": kind.description,
        "folder": folder + kind.path,
        "extension": kind.extension,
        "format": "frontmatter" if kind.extension == "md" else "yaml",
        "create": True,
        "identifier_field": kind.summary_field,
        "slug": "{{slug}}",
        "summary": _template(kind.summary_field),
        "sortable_fields": [kind.summary_field],
        "fields": fields,
    }


def _hint(f: schema.Field) -> str:
    hint = f.hint
    if not hint:
        return ""
    return hint[:1].upper() + hint[1:] + "."


def _options(values: tuple[str, ...]) -> list[Config]:
    return [{"label": value_label(v), "value": v} for v in values]


def _widget(f: schema.Field, site: model.Site) -> Config:
    widget: Config = {"name": f.name, "label": f.label}
    hint = _hint(f)
    if hint:
        widget["hint"] = hint
    widget["required"] = f.required
    widget.update(_kind(f, site))
    if f.pattern:
        widget["pattern"] = [f.pattern, f.pattern_hint]
    elif f.max_length is not None:
        widget["pattern"] = [
            "^[\\s\\S]{0," + str(f.max_length) + "}$",
            f"Keep it to {f.max_length} characters or fewer.",
        ]
    return widget


def _kind(f: schema.Field, site: model.Site) -> Config:
    match f.kind:
        case schema.TEXT | schema.URL | schema.EMAIL | schema.TIME:
            return {"widget": "string"}
        case schema.LONG_TEXT:
            return {"widget": "text"}
        case schema.MARKDOWN:
            return {"widget": "markdown", "sanitize_preview": True}
        case schema.CHOICE:
            choice: Config = {"widget": "select", "options": _options(f.options)}
            return {**choice, "multiple": True} if f.multiple else choice
        case schema.TERMS:
            terms = getattr(site.taxonomy, f.vocabulary)
            options = [{"label": t.label, "value": t.id} for t in terms.values()]
            if f.allow_all:
                options.insert(0, {"label": f"All {f.vocabulary}", "value": "all"})
            extra: Config = {"min": 1} if f.required else {}
            return {"widget": "select", "multiple": True, "options": options, **extra}
        case schema.REFERENCE:
            target = schema.content_type(f.target)
            return {
                "widget": "relation",
                "collection": target.name,
                "value_field": "{{slug}}",
                "search_fields": [target.summary_field, "{{slug}}"],
                "display_fields": ["{{slug}}"]
                if target.summary_field == "area"
                else [target.summary_field],
                "multiple": f.multiple,
            }
        case schema.FINDING_REFERENCES:
            options = [
                {
                    "label": f"{i.id}: {value_label(finding.type)}: {_short(finding.text)}",
                    "value": f"{i.id}#{finding.id}",
                }
                for i in site.inspections
                for finding in i.findings
            ]
            return {"widget": "select", "multiple": True, "options": options}
        case schema.DATE:
            return {
                "widget": "datetime",
                "format": "YYYY-MM-DD",
                "date_format": "YYYY-MM-DD",
                "time_format": False,
                "picker_utc": True,
            }
        case schema.INTEGER | schema.NUMBER:
            number: Config = {
                "widget": "number",
                "value_type": "int" if f.kind == schema.INTEGER else "float",
            }
            if f.minimum is not None:
                number["min"] = f.minimum
            if f.maximum is not None:
                number["max"] = f.maximum
            return number
        case schema.BOOLEAN:
            return {"widget": "boolean"}
        case schema.TEXT_LIST:
            item = {"name": "item", "label": f.label, "widget": "text" if f.long else "string"}
            extra = {"min": 1} if f.required else {}
            return {"widget": "list", "field": item, **extra}
        case schema.GROUP:
            return {
                "widget": "object",
                "collapsed": False,
                "fields": [_widget(sub, site) for sub in f.fields],
            }
        case schema.GROUP_LIST:
            first = f.fields[0]
            return {
                "widget": "list",
                "collapsed": True,
                "summary": _template("fields." + first.name),
                "fields": [_widget(sub, site) for sub in f.fields],
                **({"min": 1} if f.required else {}),
            }
    raise AssertionError(f"no widget for the field kind {f.kind!r}")


def _template(name: str) -> str:
    """Decap CMS's placeholder for a field's value in summaries: {{name}}."""
    return "{{" + name + "}}"


def _short(text: str, words: int = 12) -> str:
    split = " ".join(text.split()).split(" ")
    return " ".join(split[:words]) + ("…" if len(split) > words else "")
