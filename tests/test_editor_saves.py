"""What the browser editor writes: files sendsite reads, changed only where a value changed; and
the local backend refuses what it must (paths outside content/, pages of other web sites)."""

from __future__ import annotations

import datetime as dt
import difflib
import http.client
import json
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from sendsite.preview.editing import EditError, Editing
from sendsite.preview.incremental import Rebuild
from sendsite.preview.server import PreviewServer
from sendsite.publish.pipeline import load_site
from sendsite.source import roundtrip
from tests.conftest import TINY_SITE

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_FILES = sorted(
    p for p in (ROOT / "content").rglob("*") if p.suffix in (".md", ".yaml") and p.is_file()
)


def _as_the_form_sends(path: Path) -> str:
    """The file as Decap CMS would send it back unchanged: the same values, in its own YAML."""
    text = path.read_text(encoding="utf-8")
    if path.name == "glossary.yaml":
        wrapped = yaml.safe_load(roundtrip.wrapped_list(text, "terms"))
        return yaml.safe_dump(wrapped, sort_keys=False, allow_unicode=True)
    if path.suffix == ".md":
        parts = roundtrip.split_front_matter(text)
        assert parts is not None
        front = yaml.safe_dump(yaml.safe_load(parts[0]), sort_keys=False, allow_unicode=True)
        return f"---\n{front}---\n{parts[1]}"
    return yaml.safe_dump(yaml.safe_load(text), sort_keys=False, allow_unicode=True)


def _new_text(relative: str, raw: str, site_dir: Path = ROOT) -> str:
    editing = Editing(site_dir, lambda _: Rebuild([]), lambda: None, list)
    return editing.new_text(relative, site_dir / relative, raw)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_saving_a_file_unchanged_leaves_every_byte(path: Path) -> None:
    relative = path.relative_to(ROOT).as_posix()
    assert _new_text(relative, _as_the_form_sends(path)) == path.read_text(encoding="utf-8")


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


def test_changing_values_changes_only_their_lines() -> None:
    relative = "content/services/autism-saturday-club.md"
    before = (ROOT / relative).read_text(encoding="utf-8")
    parts = roundtrip.split_front_matter(before)
    assert parts is not None
    data = yaml.safe_load(parts[0])
    data["needs"].append("adhd")  # a flow list stays a flow list
    data["ages"]["max"] = 12  # and a flow group a flow group
    data["eligibility"] = data["eligibility"].replace("North Dorset", "Dorset")  # folded text
    data["cost"] = ""  # emptied: taken out
    data["website"] = ""  # never there, sent empty: stays out
    raw = "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + parts[1]
    after = _new_text(relative, raw)
    assert sorted(_changed_lines(before, after)) == sorted(
        [
            "-needs: [autism]",
            "+needs: [autism, adhd]",
            "-ages: {min: 5, max: 11}",
            "+ages: {min: 5, max: 12}",
            "-cost: £4 a session. Free for brothers and sisters, and for families on a low income.",
            "-  Autistic children aged 5 to 11 who live in North Dorset. Your child does not need a "
            "diagnosis:",
            "+  Autistic children aged 5 to 11 who live in Dorset. Your child does not need a diagnosis:",
        ]
    )


def test_a_new_file_is_written_as_the_content_model_shows(tmp_path: Path) -> None:
    raw = textwrap.dedent(
        """\
        ---
        name: Toy library
        organisation: dorset-council
        summary: Borrow sensory toys.
        categories:
          - early-years
        needs:
          - all
        ages:
          min: 0
          max: 5
        areas: [all]
        last_reviewed: '2026-11-20'
        cost: ''
        contacts: []
        opening_hours:
          - days: Monday
            opens: 09:30
            closes: '17:00'
        website: ''
        ---
        Toys to borrow.
        """
    )
    assert _new_text("content/services/toy-library.md", raw, tmp_path) == textwrap.dedent(
        """\
        ---
        name: Toy library
        organisation: dorset-council
        summary: Borrow sensory toys.
        categories: [early-years]
        needs: [all]
        ages: {min: 0, max: 5}
        areas: [all]
        last_reviewed: 2026-11-20
        opening_hours:
          - {days: Monday, opens: 09:30, closes: "17:00"}
        ---
        Toys to borrow.
        """
    )


def test_the_glossary_is_edited_as_a_group_and_saved_as_its_list() -> None:
    relative = "content/glossary.yaml"
    before = (ROOT / relative).read_text(encoding="utf-8")
    wrapped = yaml.safe_load(roundtrip.wrapped_list(before, "terms"))
    assert wrapped["terms"] == yaml.safe_load(before)
    wrapped["terms"].append({"term": "IPSEA", "meaning": "A charity that gives legal advice."})
    after = _new_text(relative, yaml.safe_dump(wrapped, sort_keys=False, allow_unicode=True))
    assert _changed_lines(before, after) == [
        "+- term: IPSEA",
        "+  meaning: A charity that gives legal advice.",
    ]
    assert yaml.safe_load(after)[-1]["term"] == "IPSEA"


@pytest.mark.parametrize(
    "path",
    [
        "site.yaml",
        "content/../site.yaml",
        "templates/base.html",
        "content/services/../../site.yaml",
        "/etc/passwd",
        "content/services/.hidden.md",
        "content/services/portage.html",
    ],
)
def test_the_editor_can_only_touch_content_files(path: str) -> None:
    editing = Editing(ROOT, lambda _: Rebuild([]), lambda: None, list)
    with pytest.raises(EditError) as raised:
        editing.resolve(path)
    assert raised.value.status == 403


# --- the local backend in a running preview ---------------------------------------------------


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[PreviewServer]:
    root = tmp_path / "site"
    for name, text in TINY_SITE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    server = PreviewServer(
        root, dt.date(2026, 11, 23), "127.0.0.1", 0, say=lambda _: None, run_checks=False, edit=True
    )
    server.open()
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    assert server.ready.wait(30)
    try:
        yield server
    finally:
        server.stop()
        thread.join(timeout=30)
        server.close()


def _post(
    server: PreviewServer, body: dict[str, Any], headers: dict[str, str] | None = None
) -> tuple[int, Any]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    sent = {"Content-Type": "application/json", **(headers or {})}
    connection.request("POST", "/admin/api/v1", json.dumps(body), sent)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    try:
        return response.status, json.loads(data)
    except ValueError:
        return response.status, data.decode("utf-8", "replace")


def test_a_save_with_a_build_mistake_is_undone_and_said_with_the_field(
    preview: PreviewServer,
) -> None:
    file = preview.site_dir / "content" / "services" / "portage.md"
    before = file.read_text(encoding="utf-8")
    status, answer = _post(preview, {"action": "getEntry", "params": {"path": file_path(file)}})
    assert status == 200 and answer["data"] == before
    broken = before.replace("ages: {min: 0, max: 5}", "ages: {min: 9, max: 4}")
    assert broken != before
    status, answer = _post(
        preview,
        {
            "action": "persistEntry",
            "params": {"dataFiles": [{"path": file_path(file), "raw": broken}], "assets": []},
        },
    )
    assert status == 422
    assert answer["error"].startswith(
        "Not saved. Ages: The youngest age (9) is older than the oldest age (4). Swap min and max"
    )
    assert file.read_text(encoding="utf-8") == before
    assert preview.errors == []
    fixed = before.replace("Portage", "Portage home visits", 1)
    status, answer = _post(
        preview,
        {
            "action": "persistEntry",
            "params": {"dataFiles": [{"path": file_path(file), "raw": fixed}], "assets": []},
        },
    )
    assert status == 200, answer
    assert load_site(preview.site_dir, dt.date(2026, 11, 23)).services[0].name.startswith("Portage")


def file_path(file: Path) -> str:
    return file.relative_to(file.parents[2]).as_posix()


@pytest.mark.parametrize(
    "headers",
    [
        {"Content-Type": "text/plain"},  # a form on another web site can send this unasked
        {"Origin": "https://elsewhere.example"},
    ],
)
def test_pages_of_other_web_sites_cannot_use_the_local_backend(
    preview: PreviewServer, headers: dict[str, str]
) -> None:
    status, _ = _post(preview, {"action": "info"}, headers)
    assert status == 403


def test_the_editor_pages_are_served_even_while_the_site_has_a_mistake(
    preview: PreviewServer,
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
    (preview.site_dir / "content" / "services" / "portage.md").write_text("---\nname: [\n---\n")
    preview.rebuild([preview.site_dir / "content" / "services" / "portage.md"])
    assert preview.errors
    for path in ("/admin/", "/admin/config.yml"):
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode("utf-8")
        assert response.status == 200, body
    assert "proxy_url: /admin/api/v1" in body
    connection.close()
