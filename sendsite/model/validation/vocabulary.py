"""Checks for the site's shared words: the taxonomy (categories, needs, areas) and the glossary."""

from __future__ import annotations

from sendsite import model
from sendsite.errors import ErrorLog, Origin
from sendsite.model.validation.context import Checks, check_id
from sendsite.source.fields import Fields
from sendsite.source.sourcefile import SourceFile
from sendsite.source.wording import nearest
from sendsite.source.yamldoc import YamlList


def taxonomy(checks: Checks, source: SourceFile | None) -> model.Taxonomy:
    if source is None:
        checks.log.add(
            Origin("content/taxonomy.yaml"),
            "the site has no taxonomy file",
            "Create content/taxonomy.yaml with lists of categories, needs and areas.",
        )
        return model.Taxonomy({}, {}, {})
    # An empty list is fine (a new site starts with none); a missing one is a mistake.
    fields = checks.fields(source, ("categories", "needs", "areas"), (), "the taxonomy")
    for key in ("categories", "needs", "areas"):
        misspelt = any(key in nearest(k, ("categories", "needs", "areas")) for k in fields.data)
        if fields.valid and key not in fields.data and not misspelt:
            checks.log.add(
                fields.origin(),
                f"the taxonomy has no '{key}' list",
                f"Add '{key}:' followed by its entries, or '{key}: []' for none yet.",
            )
    vocabularies: dict[str, dict[str, model.Term]] = {}
    for key in ("categories", "needs", "areas"):
        terms: dict[str, model.Term] = {}
        for entry in fields.group_list(
            key,
            allowed=("id", "label", "description", "also"),
            required=("id", "label"),
            what=f"an entry of '{key}'",
        ):
            term_id, label = entry.text("id"), entry.text("label")
            if term_id is None or label is None:
                continue
            if not check_id(term_id, entry.origin("id"), checks.log):
                continue
            if term_id == "all":
                entry.error(
                    "id",
                    "'all' cannot be used as an id",
                    "It already means every need or area.",
                )
                continue
            if term_id in terms:
                entry.error(
                    "id", f"the id '{term_id}' is listed twice in {key}", "Remove one of them."
                )
                continue
            terms[term_id] = model.Term(
                term_id,
                label,
                entry.text("description"),
                entry.origin("id"),
                also=entry.text_list("also"),
            )
        vocabularies[key] = terms
    _check_search_words(vocabularies, checks.log)
    return model.Taxonomy(vocabularies["categories"], vocabularies["needs"], vocabularies["areas"])


def glossary(checks: Checks, source: SourceFile | None) -> list[model.GlossaryEntry]:
    if source is None:
        return []
    if not isinstance(source.data, YamlList):
        checks.log.add(
            Origin(source.path, getattr(source.data, "line", 1)),
            "the glossary should be a list of terms",
            "Start each term with '- term: ...' and give it a 'meaning: ...'.",
        )
        return []
    entries: list[model.GlossaryEntry] = []
    seen: dict[str, model.GlossaryEntry] = {}
    for index, raw in enumerate(source.data):
        entry = Fields(
            raw,
            source.path,
            checks.log,
            allowed=("term", "meaning", "also"),
            required=("term", "meaning"),
            what="a glossary entry",
            line=source.data.line_of(index),
        )
        term, meaning = entry.text("term"), entry.text("meaning")
        if term is None or meaning is None:
            continue
        item = model.GlossaryEntry(term, meaning, entry.text_list("also"), entry.origin("term"))
        if item.anchor in seen:
            entry.error(
                "term",
                f"the term '{term}' is already in the glossary (line {seen[item.anchor].origin.line})",
                "Remove one of them, or list the other spelling under 'also'.",
            )
            continue
        seen[item.anchor] = item
        entries.append(item)
    return entries


def _check_search_words(vocabularies: dict[str, dict[str, model.Term]], log: ErrorLog) -> None:
    """One meaning a word: a word under 'also' that is another term's label or 'also' word would
    send the search to two places, so the second one is refused where it is written."""
    owners: dict[str, model.Term] = {}
    for terms in vocabularies.values():
        for term in terms.values():
            owners.setdefault(term.label.casefold(), term)
    for terms in vocabularies.values():
        for term in terms.values():
            for word in term.also:
                owner = owners.setdefault(word.casefold(), term)
                if owner is not term:
                    log.add(
                        term.origin,
                        f"'{word}' under 'also' of '{term.label}' already means "
                        f"'{owner.label}' (line {owner.origin.line})",
                        "Keep the word under one term only, so the search knows where it leads.",
                    )
