"""How the taxonomy and the glossary are described, field by field."""

from __future__ import annotations

from sendsite.model.schema.field import (
    GROUP_LIST,
    ID_HINT,
    LONG_TEXT,
    TEXT,
    TEXT_LIST,
    ContentType,
    Field,
    id_field,
)


def _vocabulary(name: str, label: str, hint: str) -> Field:
    return Field(
        name,
        label,
        GROUP_LIST,
        hint,
        fields=(
            id_field(ID_HINT),
            Field("label", "Label", TEXT, "the name families see", required=True),
            Field("description", "Description", LONG_TEXT),
            Field(
                "also",
                "Other words families use",
                TEXT_LIST,
                "words typed into the search that mean this, such as respite for short breaks",
            ),
        ),
    )


TAXONOMY = ContentType(
    "taxonomy",
    "Taxonomy",
    "Taxonomy",
    "content/taxonomy.yaml",
    extension="yaml",
    single_file=True,
    description="Controlled vocabularies: categories, needs and areas.",
    fields=(
        _vocabulary("categories", "Categories", "what kind of help"),
        _vocabulary("needs", "Needs", "which needs a service is for"),
        _vocabulary("areas", "Areas", "localities of the area"),
    ),
)

GLOSSARY = ContentType(
    "glossary",
    "Glossary",
    "Glossary term",
    "content/glossary.yaml",
    extension="yaml",
    single_file=True,
    summary_field="term",
    list_field="terms",
    description="Terms and abbreviations explained to families.",
    fields=(
        Field("term", "Term", TEXT, required=True),
        Field("meaning", "Meaning", LONG_TEXT, required=True),
        Field("also", "Other spellings", TEXT_LIST),
    ),
)
