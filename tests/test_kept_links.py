"""The build's links check keeps each text's links between builds (check/kept_links.py): after
an edit it reads again only the texts that changed, and still reports every broken link,
including one whose text is unchanged but whose page is gone."""

from __future__ import annotations

import pytest

from sendsite.check import kept_links
from sendsite.check.links import Links, links_in
from tests.conftest import TinySite

SERVICE = "content/services/portage.md"
BROKEN = "points at a page that does not exist"


def link_to(site: TinySite, path: str, target: str) -> None:
    text = (site.root / path).read_text(encoding="utf-8")
    site.write(
        path, text.replace("every two weeks**.", f"every two weeks**. See [it]({target}).", 1)
    )


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts whose links the build reads from their conversion."""
    texts: list[str] = []

    def counting(text: str, *args: object) -> Links:
        texts.append(text)
        return links_in(text, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(kept_links, "links_in", counting)
    return texts


def test_a_build_after_an_edit_reads_only_the_changed_texts_links(
    site: TinySite, read: list[str]
) -> None:
    link_to(site, SERVICE, "/about/")
    assert site.build().code == 0
    assert any("/about/" in text for text in read)
    read.clear()
    news = "content/news/revisit-outcome.md"
    site.write(
        news, (site.root / news).read_text(encoding="utf-8") + "\nSee [the plan](/plans/wsoa/).\n"
    )
    assert site.build().code == 0
    assert len(read) == 1 and "/plans/wsoa/" in read[0]


def test_an_unchanged_link_to_a_page_now_gone_is_still_reported(
    site: TinySite, read: list[str]
) -> None:
    link_to(site, SERVICE, "/about/")
    assert site.build().code == 0
    site.remove("content/pages/about.md")
    read.clear()
    run = site.build()
    assert BROKEN in run.err and "/about/" in run.err
    assert not any("/about/" in text for text in read)  # from the record, checked again


def test_a_broken_link_is_reported_on_every_build_not_only_the_first(site: TinySite) -> None:
    link_to(site, SERVICE, "/guides/missing/")
    first = site.build()
    assert BROKEN in first.err
    site.write(
        "content/pages/about.md", (site.root / "content/pages/about.md").read_text() + "\nMore.\n"
    )
    again = site.build()
    assert BROKEN in again.err and "portage.md" in again.err
