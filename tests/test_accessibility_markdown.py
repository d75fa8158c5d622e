"""Markdown tables get a caption from a "Table: words" paragraph next to them."""

from __future__ import annotations

from bs4 import BeautifulSoup

from sendsite.render.markdown import markdown_to_html

TABLE = "| Weakness | Progress |\n| --- | --- |\n| Planning | Enough |\n"


def test_a_table_paragraph_before_a_table_becomes_its_caption() -> None:
    soup = BeautifulSoup(markdown_to_html("Table: Progress in 2019\n\n" + TABLE), "html.parser")
    assert soup.table is not None and soup.table.caption is not None
    assert soup.table.caption.get_text() == "Progress in 2019"
    assert soup.find("p") is None


def test_a_table_paragraph_after_a_table_becomes_its_caption() -> None:
    html = markdown_to_html(TABLE + "\nTable: Progress in *2019*\n\nAfter.")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.table is not None and soup.table.caption is not None
    assert soup.table.caption.get_text() == "Progress in 2019"
    assert [p.get_text() for p in soup.find_all("p")] == ["After."]


def test_other_paragraphs_and_tables_are_left_alone() -> None:
    html = markdown_to_html("Tables: are useful.\n\n" + TABLE)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.table is not None and soup.table.caption is None
    assert soup.p is not None and soup.p.get_text() == "Tables: are useful."
