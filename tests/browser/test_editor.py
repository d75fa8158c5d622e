"""The browser editor, for real: `sendsite serve --edit` on a copy of the Dorset example, driven
in headless Chromium through Decap CMS's own forms."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sendsite.publish.build import warnings
from sendsite.publish.pipeline import load_site
from tests.browser.a11y_support import BUILD_DATE, REPO, SUB_PATH

WAIT = 60  # seconds: a guard against hanging, never a measure of speed
SHOTS = Path(os.environ.get("SENDSITE_SHOTS", "/tmp/sendsite-editor-shots"))


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A copy of the example in a git repository (to see what each save changed), served by
    `sendsite serve --edit` on a free port."""
    root = tmp_path_factory.mktemp("editor") / "dorset"
    root.mkdir()
    for name in ("site.yaml", "content", "templates"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "example")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sendsite",
            "serve",
            str(root),
            "--edit",
            "--port",
            "0",
            "--date",
            BUILD_DATE,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        url = ""
        for line in process.stdout:
            found = re.search(r"at (http://127\.0\.0\.1:\d+/\S*/)$", line.strip())
            if line.startswith("Serving") and found:
                url = found.group(1)
                break
        assert url.endswith(SUB_PATH), url
        # Keep reading what it says, so that it never waits for room to say more.
        said = threading.Thread(target=lambda: [None for _ in process.stdout or ()], daemon=True)
        said.start()
        yield root, url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=WAIT)
        if process.stdout is not None:
            process.stdout.close()


@pytest.fixture
def editor(browser: Browser, edited_site: tuple[Path, str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(WAIT * 1000)
    try:
        page.goto(edited_site[1] + "admin/")
        page.get_by_role("button", name="Login").click()
        expect(page.get_by_role("heading", name="Services", exact=True)).to_be_visible()
        yield page
    finally:
        context.close()


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _choose(page: Page, label: str, option: str) -> None:
    """Pick an option of a drop-down (a select or a relation picker) by typing and choosing it."""
    field = page.get_by_label(label, exact=True)
    field.click()
    field.fill(option)
    page.get_by_role("option", name=option, exact=True).click()


def _publish(page: Page) -> None:
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()


def test_create_a_service_through_the_form(editor: Page, edited_site: tuple[Path, str]) -> None:
    root, url = edited_site
    editor.goto(url + "admin/#/collections/services/new")
    editor.get_by_label("Name", exact=True).fill("Weymouth sensory garden")
    _choose(editor, "Organisation", "Wessex Family Link")
    editor.get_by_label("Summary", exact=True).fill(
        "A quiet garden in Weymouth where children with sensory needs can play outdoors."
    )
    _choose(editor, "Categories", "Short breaks and leisure")
    _choose(editor, "Needs", "Autism")
    _choose(editor, "Needs", "Multi-sensory impairment")
    editor.get_by_label("Youngest age", exact=True).fill("2")
    editor.get_by_label("Oldest age", exact=True).fill("11")
    _choose(editor, "Areas", "Chesil")
    editor.get_by_label("Last reviewed", exact=True).fill("2026-11-20")
    editor.get_by_role("button", name="Add contacts").click()
    # Decap CMS marks the fields that are not required.
    editor.get_by_label("Name (optional)", exact=True).fill("Garden team")
    editor.get_by_label("Email (optional)", exact=True).fill("garden@example.org")
    _shot(editor, "new-service-form")
    _publish(editor)
    expect(editor.get_by_text("Entry saved")).to_be_visible()
    _shot(editor, "new-service-saved")
    file = root / "content" / "services" / "weymouth-sensory-garden.md"
    assert file.is_file()
    text = file.read_text(encoding="utf-8")
    assert "organisation: wessex-family-link\n" in text
    assert "ages: {min: 2, max: 11}\n" in text
    assert "last_reviewed: 2026-11-20\n" in text
    # The new file builds with --strict's checks of its own: the preview shows its page.
    with urllib.request.urlopen(url + "services/weymouth-sensory-garden/") as answer:
        page = answer.read().decode("utf-8")
    assert "Weymouth sensory garden" in page and "garden@example.org" in page
    # Nothing --strict would refuse is about the new file either.
    found = warnings(load_site(root, dt.date.fromisoformat(BUILD_DATE)))
    assert [w for w in found if w.path == "content/services/weymouth-sensory-garden.md"] == []


def test_edit_a_summary_changes_only_that_line(editor: Page, edited_site: tuple[Path, str]) -> None:
    root, url = edited_site
    editor.goto(url + "admin/#/collections/services/entries/autism-saturday-club")
    summary = editor.get_by_label("Summary", exact=True)
    expect(summary).to_have_value(re.compile("^A calm Saturday morning club"))
    summary.fill("A calm Saturday morning club in Sturminster Newton for autistic children.")
    _publish(editor)
    expect(editor.get_by_text("Entry saved")).to_be_visible()
    diff = _git(root, "diff", "--unified=0", "--", "content/services/autism-saturday-club.md")
    changed = [
        line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed == [
        "-summary: A calm Saturday morning club in Sturminster Newton where autistic children "
        "aged 5 to 11 can play, make friends and try new activities.",
        "+summary: A calm Saturday morning club in Sturminster Newton for autistic children.",
    ]


def test_a_missing_required_field_stops_the_save(
    editor: Page, edited_site: tuple[Path, str]
) -> None:
    root, url = edited_site
    before = sorted(p.name for p in (root / "content" / "services").iterdir())
    editor.goto(url + "admin/#/collections/services/new")
    editor.get_by_label("Name", exact=True).fill("A service with no summary")
    _publish(editor)
    expect(editor.get_by_text(re.compile("missed a required field", re.I))).to_be_visible()
    _shot(editor, "required-field")
    assert sorted(p.name for p in (root / "content" / "services").iterdir()) == before


def test_a_build_mistake_is_told_in_plain_words_and_nothing_is_saved(
    editor: Page, edited_site: tuple[Path, str]
) -> None:
    root, url = edited_site
    file = root / "content" / "services" / "portage.md"
    before = file.read_bytes()
    editor.goto(url + "admin/#/collections/services/entries/portage")
    editor.get_by_label("Youngest age", exact=True).fill("9")
    editor.get_by_label("Oldest age", exact=True).fill("4")
    _publish(editor)
    message = editor.get_by_text(re.compile("Not saved"))
    expect(message).to_be_visible()
    expect(message).to_contain_text("Ages: The youngest age (9) is older than the oldest age (4)")
    # Decap's notice slides away after a few seconds; the mistake stays at its field, just
    # above the field's label, until the next save.
    at_field = editor.locator(".sendsite-field-mistake")
    expect(at_field).to_have_text(
        "Ages: The youngest age (9) is older than the oldest age (4). Swap min and max, so that "
        "min is the youngest age."
    )
    expect(message).to_be_hidden(timeout=30_000)
    expect(at_field).to_be_visible()
    label = editor.locator("label", has_text=re.compile("^Ages$", re.I)).first
    gap = (label.bounding_box() or {"y": 0.0})["y"] - (at_field.bounding_box() or {"y": -1e9})["y"]
    assert 0 < gap < 120  # right at the Ages field
    at_field.scroll_into_view_if_needed()
    _shot(editor, "build-mistake")
    assert file.read_bytes() == before
