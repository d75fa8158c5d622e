"""The browser editor's configuration is made from the content model, and the model from what the
validator accepts: a field added to one and forgotten in another fails here."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from sendsite.errors import ErrorLog
from sendsite.model import schema
from sendsite.preview.editing import Editing
from sendsite.preview.incremental import Rebuild
from sendsite.publish.cms import script
from sendsite.publish.cms.config import decap_config
from sendsite.publish.pipeline import load_site
from sendsite.source import fields as fields_module
from tests.conftest import TinySite

ROOT = Path(__file__).resolve().parent.parent
# The Dorset example and the illustrative priority-action site: between them they use every field.
EXAMPLES = (ROOT, ROOT / "tests" / "sites" / "exampleshire")
EDITOR = """
editor:
  backend: github
  repo: testshire/local-offer
  branch: live
"""


def _groups(fields: Sequence[schema.Field]) -> Iterator[schema.Field]:
    for f in fields:
        if f.fields:
            yield f
            yield from _groups(f.fields)


def _signature(fields: Sequence[schema.Field]) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(f.name for f in fields), frozenset(f.name for f in fields if f.required)


def _validator_groups(
    monkeypatch: pytest.MonkeyPatch,
) -> set[tuple[str, frozenset[str], frozenset[str]]]:
    """(folder, allowed, required) of every group of fields the validator reads in the example."""
    seen: set[tuple[str, frozenset[str], frozenset[str]]] = set()
    original = fields_module.Fields.__init__

    def spy(self: Any, data: Any, path: str, log: ErrorLog, **kwargs: Any) -> None:
        folder = path.split("/")[1] if path.startswith("content/") else path
        seen.add(
            (
                folder.removesuffix(".yaml"),
                frozenset(kwargs["allowed"]),
                frozenset(kwargs.get("required", ())),
            )
        )
        original(self, data, path, log, **kwargs)

    monkeypatch.setattr(fields_module.Fields, "__init__", spy)
    for example in EXAMPLES:
        load_site(example, dt.date(2026, 11, 23))
    return seen


def test_the_model_describes_exactly_the_fields_the_validator_accepts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read = _validator_groups(monkeypatch)
    described: set[tuple[str, frozenset[str], frozenset[str]]] = set()
    for kind in schema.CONTENT_TYPES:
        folder = kind.path.split("/")[1].removesuffix(".yaml")
        described.add((folder, *_signature(kind.fields)))  # the glossary: each entry's
        for group in _groups(kind.fields):
            described.add((folder, *_signature(group.fields)))
    content = {entry for entry in read if entry[0] != "site"}
    assert content - described == set(), "the validator reads fields the schema does not describe"
    assert described - content == set(), "the schema describes fields no example uses"


def _config_fields(fields: list[dict[str, Any]], prefix: str) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for widget in fields:
        path = f"{prefix}.{widget['name']}"
        found[path] = widget
        found.update(_config_fields(widget.get("fields", []), path))
    return found


@pytest.fixture
def example_config() -> dict[str, Any]:
    site = load_site(ROOT, dt.date(2026, 11, 23))
    return decap_config(site, None, local_api="/dorset-send/admin/api/v1")


def test_every_field_of_the_model_is_in_the_editor_with_its_label_hint_and_marker(
    example_config: dict[str, Any],
) -> None:
    collections = {c["name"]: c for c in example_config["collections"]}
    # Pages in a folder of their own (content/pages/guides/) have a collection of their own.
    assert set(collections) == {kind.name for kind in schema.CONTENT_TYPES} | {"pages-guides"}
    for kind in schema.CONTENT_TYPES:
        collection = collections[kind.name]
        if kind.single_file:
            (entry,) = collection["files"]
            assert entry["file"] == kind.path
            widgets = entry["fields"]
            if kind.list_field:
                (wrapper,) = widgets
                widgets = wrapper["fields"]
        else:
            assert collection["folder"] == kind.path
            assert collection["extension"] == kind.extension
            widgets = collection["fields"]
            body = [w for w in widgets if w["name"] == "body"]
            assert (body[0]["widget"] == "markdown") if kind.body else not body
            widgets = [w for w in widgets if w["name"] != "body"]
        config = _config_fields(widgets, kind.name)
        model = schema.field_paths(kind)
        assert set(config) == set(model), kind.name
        for path, f in model.items():
            widget = config[path]
            assert widget["label"] == f.label
            assert widget["required"] is f.required, path
            if f.hint:
                assert f.hint.rstrip(".").lower() in widget["hint"].lower()
            if f.kind == schema.DATE:
                assert widget["widget"] == "datetime" and widget["format"] == "YYYY-MM-DD"
            if f.kind == schema.MARKDOWN:
                assert widget["widget"] == "markdown"
            if f.minimum is not None:
                assert widget["min"] == f.minimum
            if f.maximum is not None:
                assert widget["max"] == f.maximum


def test_pages_in_folders_under_pages_can_be_edited(example_config: dict[str, Any]) -> None:
    """A Decap folder collection lists only the files directly in its folder: each folder of
    pages gets a collection, with the pages' fields, listing exactly the files in it."""
    collections = {c["name"]: c for c in example_config["collections"]}
    pages, guides = collections["pages"], collections["pages-guides"]
    assert guides["folder"] == "content/pages/guides"
    assert guides["label"] == "Pages in guides/"
    assert guides["fields"] == pages["fields"] and guides["create"] is True
    editing = Editing(ROOT, lambda _: Rebuild([]), lambda: None, list)
    listed = {e["file"]["path"] for e in editing.folder(guides["folder"], "md", 1)}
    on_disk = {f"content/pages/guides/{p.name}" for p in (ROOT / "content/pages/guides").iterdir()}
    assert listed == on_disk and len(listed) == 3
    top = {e["file"]["path"] for e in editing.folder(pages["folder"], "md", 1)}
    assert not top & listed


def test_the_forms_refuse_what_validation_refuses(example_config: dict[str, Any]) -> None:
    services = next(c for c in example_config["collections"] if c["name"] == "services")
    widgets = _config_fields(services["fields"], "services")
    summary = re.compile(widgets["services.summary"]["pattern"][0])
    assert summary.match("x" * 200) and not summary.match("x" * 201)
    opens = re.compile(widgets["services.opening_hours.opens"]["pattern"][0])
    assert opens.match("09:30") and not opens.match("9.30am") and not opens.match("24:00")
    website = re.compile(widgets["services.website"]["pattern"][0])
    assert website.match("https://example.org/") and not website.match("www.example.org")
    ages = widgets["services.ages.min"]
    assert (ages["min"], ages["max"], ages["value_type"]) == (0, 25, "int")
    assert widgets["services.categories"]["min"] == 1


def test_choices_come_from_the_taxonomy_and_the_content_model(
    example_config: dict[str, Any],
) -> None:
    services = next(c for c in example_config["collections"] if c["name"] == "services")
    widgets = _config_fields(services["fields"], "services")
    taxonomy = yaml.safe_load((ROOT / "content" / "taxonomy.yaml").read_text(encoding="utf-8"))
    for key, allow_all in (("categories", False), ("needs", True), ("areas", True)):
        values = [o["value"] for o in widgets[f"services.{key}"]["options"]]
        assert values == (["all"] if allow_all else []) + [t["id"] for t in taxonomy[key]]
    assert widgets["services.organisation"]["widget"] == "relation"
    assert widgets["services.organisation"]["collection"] == "organisations"
    status = widgets["services.status"]["options"]
    assert [o["value"] for o in status] == ["active", "closed"]
    assert [o["label"] for o in status] == ["Available", "No longer available"]
    plans = next(c for c in example_config["collections"] if c["name"] == "plans")
    addresses = _config_fields(plans["fields"], "plans")["plans.actions.addresses"]
    assert "2017-initial-inspection#ehc-plans" in {o["value"] for o in addresses["options"]}
    inspections = next(c for c in example_config["collections"] if c["name"] == "inspections")
    previous = _config_fields(inspections["fields"], "inspections")["inspections.previous"]
    assert (previous["widget"], previous["collection"]) == ("relation", "inspections")


def _doc_sections() -> dict[str, str]:
    text = (ROOT / "docs" / "content-model.md").read_text(encoding="utf-8")
    return {part.split("\n", 1)[0]: part for part in text.split("\n## ")[1:]}


DOC_HEADINGS = {
    "services": "Service",
    "organisations": "Organisation",
    "inspections": "Inspection",
    "plans": "Improvement plan",
    "news": "News",
    "pages": "Page",
    "feedback": "Feedback",
    "journeys": "Journey",
    "glossary": "Glossary",
    "taxonomy": "taxonomy.yaml",
}


def test_every_field_is_one_the_content_model_documents() -> None:
    sections = _doc_sections()
    for kind in schema.CONTENT_TYPES:
        (section,) = [s for h, s in sections.items() if h.startswith(DOC_HEADINGS[kind.name])]
        for path, f in schema.field_paths(kind).items():
            assert f"`{f.name}`" in section or re.search(rf"\b{f.name}\b", section), path


def test_a_site_without_editor_has_no_admin_folder(site: TinySite) -> None:
    assert site.build().code == 0
    assert not (site.output / "admin").exists()


def test_editor_in_site_yaml_writes_the_admin_page_and_its_configuration(site: TinySite) -> None:
    site.write("site.yaml", (site.root / "site.yaml").read_text(encoding="utf-8") + EDITOR)
    run = site.build()
    assert run.code == 0, run.err
    config = yaml.safe_load((site.output / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {
        "name": "github",
        "repo": "testshire/local-offer",
        "branch": "live",
    }
    assert config["publish_mode"] == "editorial_workflow"
    assert "glossary" not in {c["name"] for c in config["collections"]}  # decap-cms#531
    page = (site.output / "admin" / "index.html").read_text(encoding="utf-8")
    src = f"{script.CDN_FOLDER}{script.MAIN}"
    assert f'<script src="{src}" integrity="{script.INTEGRITY}" crossorigin="anonymous">' in page
    assert "<style" not in page and re.search(r"<script(?![^>]*src=)", page) is None
    # No page of the published site loads the editor or links to it.
    for file in site.output.rglob("*.html"):
        if file.parent.name != "admin":
            text = file.read_text(encoding="utf-8")
            assert "decap" not in text.lower() and "/admin/" not in text, file
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/admin/" not in sitemap


def test_simple_workflow_gitlab_and_a_site_in_a_folder(site: TinySite) -> None:
    site.write(
        "site.yaml",
        (site.root / "site.yaml").read_text(encoding="utf-8")
        + "editor:\n  backend: gitlab\n  repo: testshire/web\n  folder: local-offer\n"
        "  workflow: simple\n  app_id: abc123\n",
    )
    assert site.build().code == 0
    config = yaml.safe_load((site.output / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {
        "name": "gitlab",
        "repo": "testshire/web",
        "branch": "main",
        "auth_type": "pkce",
        "app_id": "abc123",
    }
    assert "publish_mode" not in config
    services = next(c for c in config["collections"] if c["name"] == "services")
    assert services["folder"] == "local-offer/content/services"
    assert config["media_folder"] == "local-offer/content/assets"


@pytest.mark.parametrize(
    ("editor", "message"),
    [
        (
            "editor:\n  backend: githib\n  repo: a/b\n",
            "site.yaml:11: 'githib' is not a valid backend. Did you mean 'github'",
        ),
        (
            "editor:\n  backend: github\n  repo: local offer\n",
            "site.yaml:12: 'local offer' is not a repository's name. Write it as owner/name",
        ),
        (
            "editor:\n  backend: azure-devops\n  repo: council/web/local-offer\n  app_id: x\n",
            "site.yaml:11: The Azure DevOps editor needs 'tenant_id'.",
        ),
        (
            "editor:\n  repo: a/b\n",
            "site.yaml:11: 'editor' is missing the required field 'backend'.",
        ),
        (
            "editor:\n  backend: github\n  repo: a/b\n  script: local\n",
            "site.yaml:13: 'local' is not a valid script. Use one of the values: 'cdn', 'self-hosted'.",
        ),
    ],
)
def test_editor_mistakes_are_one_sentence_with_the_line(
    site: TinySite, editor: str, message: str
) -> None:
    site.write("site.yaml", (site.root / "site.yaml").read_text(encoding="utf-8") + editor)
    run = site.build()
    assert run.code == 1
    assert any(line.startswith(message) for line in run.error_lines), run.err


def test_self_hosted_script_is_copied_from_the_pinned_npm_package(site: TinySite) -> None:
    site.write(
        "site.yaml",
        (site.root / "site.yaml").read_text(encoding="utf-8")
        + "editor:\n  backend: github\n  repo: a/b\n  script: self-hosted\n",
    )
    assert site.build().code == 0  # sendsite's checkout has the package from package-lock.json
    admin = site.output / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    src = script.SELF_HOSTED_FOLDER.removeprefix("admin/") + script.MAIN
    assert f'<script src="{src}" integrity="{script.INTEGRITY}"' in page
    copied = admin / src
    assert script.integrity(copied.read_bytes()) == script.INTEGRITY
    assert any(p.suffix == ".wasm" for p in copied.parent.iterdir())


def test_self_hosted_script_missing_is_a_plain_mistake(
    site: TinySite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(script, "_SENDSITE_CHECKOUT", site.root)
    site.write(
        "site.yaml",
        (site.root / "site.yaml").read_text(encoding="utf-8")
        + "editor:\n  backend: github\n  repo: a/b\n  script: self-hosted\n",
    )
    run = site.build()
    assert run.code == 1
    assert run.error_lines == [
        "site.yaml: The editor's script is self-hosted, but Decap CMS "
        f"{script.VERSION} is not installed in the site's folder. Run 'npm install --save-exact "
        f"decap-cms@{script.VERSION}' in the site's folder (or say 'script: cdn' under editor in "
        "site.yaml)."
    ]


def test_the_pinned_script_is_the_one_in_package_lock() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    package = lock["packages"]["node_modules/decap-cms"]
    assert package["version"] == script.VERSION
    package_json = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package_json["devDependencies"]["decap-cms"] == script.VERSION
    main = ROOT / "node_modules" / "decap-cms" / "dist" / script.MAIN
    assert script.integrity(main.read_bytes()) == script.INTEGRITY
