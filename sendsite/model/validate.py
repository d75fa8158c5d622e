"""Validate stage: raw content files become typed, cross-referenced model objects.

Every field of every item is checked, and every mistake is logged (with its file, line and a
fix) before anything is reported, so an author sees all of their mistakes in one build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

from sendsite import model
from sendsite.errors import ErrorLog, Origin
from sendsite.model import identity, labels
from sendsite.model.local_offer_items import ITEM_IDS
from sendsite.source.fields import ID_PATTERN, Fields, did_you_mean, nearest
from sendsite.source.loader import Item, LoadedContent
from sendsite.source.sourcefile import SourceFile
from sendsite.source.yamldoc import YamlList
from sendsite.text import last_day, slugify

T = TypeVar("T")
R = TypeVar("R", model.Service, model.Organisation)

SERVICE_FIELDS = (
    "name",
    "organisation",
    "summary",
    "categories",
    "needs",
    "ages",
    "areas",
    "last_reviewed",
    "cost",
    "eligibility",
    "referral",
    "contacts",
    "website",
    "locations",
    "opening_hours",
    "languages",
    "easy_read",
    "status",
    "oruk_id",
)
SERVICE_REQUIRED = (
    "name",
    "organisation",
    "summary",
    "categories",
    "needs",
    "ages",
    "areas",
    "last_reviewed",
)
INSPECTION_FIELDS = (
    "area",
    "kind",
    "inspectorates",
    "dates",
    "published",
    "outcome",
    "wsoa_required",
    "outcome_text",
    "previous",
    "previous_elsewhere",
    "next_inspection",
    "next_monitoring_inspection",
    "next_full_inspection",
    "report_url",
    "survey_responses",
    "inspectors",
    "strengths",
    "to_improve",
    "findings",
    "quotes",
)
PLAN_FIELDS = (
    "title",
    "kind",
    "responds_to",
    "owner",
    "published",
    "period",
    "revisions",
    "actions",
)
ACTION_FIELDS = (
    "id",
    "title",
    "addresses",
    "lead",
    "accountable",
    "partners",
    "start",
    "due",
    "completed",
    "status",
    "measures",
    "updates",
)
NEWS_FIELDS = ("title", "date", "summary", "inspection", "quotes")
PAGE_FIELDS = ("title", "summary", "nav_order", "covers")
FEEDBACK_FIELDS = ("date", "topic", "you_said", "we_did", "status")
ORGANISATION_FIELDS = ("name", "description", "url", "email", "phone", "oruk_id")
SUMMARY_LIMIT = 200
MAX_AGE = 25


def build_site(
    config: model.SiteConfig, content: LoadedContent, build_date: dt.date, log: ErrorLog
) -> model.Site:
    """Turn loaded content into the model. Mistakes are logged; the result is complete only
    when the log stays empty."""
    validator = _Validator(log, content.unreadable, build_date)
    taxonomy = validator.taxonomy(content.singles.get("taxonomy"))
    glossary = validator.glossary(content.singles.get("glossary"))
    organisations = {i.id: validator.organisation(i) for i in content.items["organisations"]}
    services = [validator.service(i, organisations, taxonomy) for i in content.items["services"]]
    inspections = {i.id: validator.inspection(i) for i in content.items["inspections"]}
    validator.link_previous(inspections)
    plans = [validator.plan(i, inspections) for i in content.items["plans"]]
    news = [validator.news(i, inspections) for i in content.items["news"]]
    pages = [validator.page(i) for i in content.items["pages"]]
    feedback = [validator.feedback(i) for i in content.items["feedback"]]
    identity.refuse_duplicate_ids(
        config, list(organisations.values()), services, validator.explicit_ids, log
    )
    return model.Site(
        config=config,
        build_date=build_date,
        taxonomy=taxonomy,
        glossary=sorted(glossary, key=lambda g: g.term.lower()),
        organisations=sorted(organisations.values(), key=lambda o: (o.name.lower(), o.id)),
        services=sorted(services, key=lambda s: (s.name.lower(), s.id)),
        inspections=sorted(inspections.values(), key=lambda i: (i.dates.start, i.id), reverse=True),
        plans=sorted(plans, key=lambda p: (p.published, p.id), reverse=True),
        news=sorted(news, key=lambda n: (n.date, n.id), reverse=True),
        pages=sorted(pages, key=lambda p: p.id),
        feedback=sorted(feedback, key=lambda f: (f.date, f.id), reverse=True),
        assets=content.assets,
        commit_times=content.commit_times,
    )


def validate_service(
    item: Item,
    organisations: dict[str, model.Organisation],
    taxonomy: model.Taxonomy,
    log: ErrorLog,
    today: dt.date | None = None,
) -> model.Service:
    """Check one service file exactly as a build does: imported rows are checked with it, and the
    live preview re-checks only the file that changed."""
    return _Validator(log, {}, today).service(item, organisations, taxonomy)


_NO_DATE = dt.date(1970, 1, 1)


class _Validator:
    def __init__(
        self, log: ErrorLog, unreadable: dict[str, set[str]], today: dt.date | None = None
    ) -> None:
        self.log = log
        self.today = today  # the build date: reviews, updates and publication cannot be later
        # ids of items whose file could not be read: its own mistake is already logged
        self.unreadable = unreadable
        # inspection id -> its `previous` reference, resolved once every inspection is read
        self.previous_refs: dict[str, tuple[str | None, Origin]] = {}
        # (inspection id, corrected finding id) of findings whose id is misspelt: references
        # to the corrected id wait for the author to fix the finding, and are not reported too
        self.misspelt_findings: set[tuple[str, str]] = set()
        # id() of each service or organisation with an `oruk_id` -> where it is written
        self.explicit_ids: dict[int, Origin] = {}

    def is_unreadable(self, collection: str, item_id: str) -> bool:
        return item_id in self.unreadable.get(collection, set())

    def fields(
        self, source: SourceFile, allowed: Sequence[str], required: Sequence[str], what: str
    ) -> Fields:
        return Fields(
            source.data,
            source.path,
            self.log,
            allowed=allowed,
            required=required,
            what=what,
            today=self.today,
            body=source.body_span,
        )

    # --- taxonomy and glossary ---------------------------------------------------------------

    def taxonomy(self, source: SourceFile | None) -> model.Taxonomy:
        if source is None:
            self.log.add(
                Origin("content/taxonomy.yaml"),
                "the site has no taxonomy file",
                "Create content/taxonomy.yaml with lists of categories, needs and areas.",
            )
            return model.Taxonomy({}, {}, {})
        # An empty list is fine (a new site starts with none); a missing one is a mistake.
        fields = self.fields(source, ("categories", "needs", "areas"), (), "the taxonomy")
        for key in ("categories", "needs", "areas"):
            misspelt = any(key in nearest(k, ("categories", "needs", "areas")) for k in fields.data)
            if fields.valid and key not in fields.data and not misspelt:
                self.log.add(
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
                if not _check_id(term_id, entry.origin("id"), self.log):
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
        _check_search_words(vocabularies, self.log)
        return model.Taxonomy(
            vocabularies["categories"], vocabularies["needs"], vocabularies["areas"]
        )

    def glossary(self, source: SourceFile | None) -> list[model.GlossaryEntry]:
        if source is None:
            return []
        if not isinstance(source.data, YamlList):
            self.log.add(
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
                self.log,
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

    # --- directory ---------------------------------------------------------------------------

    def organisation(self, item: Item) -> model.Organisation:
        f = self.fields(item.source, ORGANISATION_FIELDS, ("name",), "this organisation")
        organisation = model.Organisation(
            id=item.id,
            name=f.text("name") or item.id,
            description=f.text("description"),
            url=f.url("url"),
            email=f.email("email"),
            phone=f.phone("phone"),
            origin=f.origin(),
            lines=f.field_lines(),
        )
        return self.oruk_id(f, organisation)

    def service(
        self, item: Item, organisations: dict[str, model.Organisation], taxonomy: model.Taxonomy
    ) -> model.Service:
        f = self.fields(item.source, SERVICE_FIELDS, SERVICE_REQUIRED, "this service")
        organisation = self.reference(f, "organisation", organisations, "organisation")
        summary = f.text("summary") or ""
        if len(summary) > SUMMARY_LIMIT:
            f.error(
                "summary",
                f"the summary is {len(summary)} characters long, more than {SUMMARY_LIMIT}",
                "Keep it to one plain sentence; put the detail in the text below the front matter.",
            )
        categories = self.terms(f, "categories", taxonomy.categories, allow_all=False)[0]
        needs, needs_all = self.terms(f, "needs", taxonomy.needs, allow_all=True)
        areas, areas_all = self.terms(f, "areas", taxonomy.areas, allow_all=True)
        referral_group = f.group("referral", allowed=("self_referral", "how"))
        referral = (
            model.Referral(referral_group.boolean("self_referral"), referral_group.text("how"))
            if referral_group is not None
            else None
        )
        hours, hours_text = self.opening_hours(f)
        service = model.Service(
            id=item.id,
            name=f.text("name") or item.id,
            organisation=organisation or _placeholder_organisation(),
            summary=summary,
            categories=categories,
            needs=needs,
            needs_all=needs_all,
            ages=self.ages(f),
            areas=areas,
            areas_all=areas_all,
            last_reviewed=f.date("last_reviewed", past=True) or _NO_DATE,
            cost=f.text("cost"),
            eligibility=f.text("eligibility"),
            referral=referral,
            contacts=[
                model.Contact(c.text("name"), c.text("role"), c.phone("phone"), c.email("email"))
                for c in f.group_list(
                    "contacts", allowed=("name", "role", "phone", "email"), what="a contact"
                )
            ],
            website=f.url("website"),
            locations=[
                self.location(loc)
                for loc in f.group_list(
                    "locations",
                    allowed=(
                        "name",
                        "address",
                        "postcode",
                        "latitude",
                        "longitude",
                        "accessibility",
                    ),
                    what="a location",
                )
            ],
            opening_hours=hours,
            opening_hours_text=hours_text,
            languages=f.text_list("languages"),
            easy_read=f.text("easy_read"),
            status=f.choice("status", model.SERVICE_STATUSES, default="active") or "active",
            body=item.source.body,
            origin=f.origin(),
            lines=f.field_lines(),
        )
        return self.oruk_id(f, service)

    def oruk_id(self, f: Fields, record: R) -> R:
        """`oruk_id`: the record's id in the directory it came from, which consumers hold."""
        text = f.text("oruk_id")
        if text is None:
            return record
        found = identity.parse_uuid(text)
        if found is None:
            f.error(
                "oruk_id",
                f"'{text}' is not a UUID, which Open Referral UK ids must be",
                "Copy the id exactly from the directory this came from "
                "(32 hexadecimal digits in the groups 8-4-4-4-12), or remove the line.",
            )
            return record
        record.oruk_id = found
        self.explicit_ids[id(record)] = f.origin("oruk_id")
        return record

    def terms(
        self, f: Fields, key: str, vocabulary: dict[str, model.Term], *, allow_all: bool
    ) -> tuple[list[model.Term], bool]:
        terms: list[model.Term] = []
        for term_id, origin in f.id_list(key):
            if term_id == "all" and allow_all:
                return [], True
            term = vocabulary.get(term_id)
            if term is None:
                valid = sorted(vocabulary)
                hint = did_you_mean(term_id, valid, f"{key} in content/taxonomy.yaml")
                self.log.add(
                    origin,
                    f"'{term_id}' is not one of the {key} in content/taxonomy.yaml",
                    hint or f"Add it to content/taxonomy.yaml under {key}, or use an existing id.",
                )
            elif term not in terms:
                terms.append(term)
        return terms, False

    def ages(self, f: Fields) -> model.AgeRange:
        group = f.group("ages", allowed=("min", "max"), required=("min", "max"))
        if group is None:
            return model.AgeRange(0, MAX_AGE)
        low, high = group.integer("min"), group.integer("max")
        for key, value in (("min", low), ("max", high)):
            if value is not None and not 0 <= value <= MAX_AGE:
                group.error(
                    key,
                    f"the age {value} in 'ages' is outside 0 to {MAX_AGE}",
                    f"The Local Offer covers ages 0 to {MAX_AGE}: use a whole number in that range.",
                )
        if low is not None and high is not None and low > high:
            group.error(
                "max",
                f"the youngest age ({low}) is older than the oldest age ({high})",
                "Swap min and max, so that min is the youngest age.",
            )
        return model.AgeRange(low if low is not None else 0, high if high is not None else MAX_AGE)

    def location(self, loc: Fields) -> model.Location:
        latitude, longitude = loc.number("latitude"), loc.number("longitude")
        if latitude is not None and not -90 <= latitude <= 90:
            loc.error("latitude", f"the latitude {latitude} is not between -90 and 90")
        if longitude is not None and not -180 <= longitude <= 180:
            loc.error("longitude", f"the longitude {longitude} is not between -180 and 180")
        return model.Location(
            name=loc.text("name"),
            address=loc.text("address"),
            postcode=loc.text("postcode"),
            latitude=latitude,
            longitude=longitude,
            accessibility=loc.text_list("accessibility"),
        )

    def opening_hours(self, f: Fields) -> tuple[list[model.OpeningHours], str | None]:
        value = f.data.get("opening_hours")
        if value is None or isinstance(value, str):
            return [], f.text("opening_hours")
        hours = []
        for entry in f.group_list(
            "opening_hours",
            allowed=("days", "opens", "closes"),
            required=("days", "opens", "closes"),
            what="an opening hours entry",
        ):
            days, opens, closes = entry.text("days"), entry.time("opens"), entry.time("closes")
            if days and opens and closes:
                if closes <= opens:
                    entry.error(
                        "closes", f"the closing time {closes} is not after the opening time {opens}"
                    )
                hours.append(model.OpeningHours(days, opens, closes))
        return hours, None

    def reference(self, f: Fields, key: str, known: dict[str, T], noun: str) -> T | None:
        ref = f.text(key)
        if ref is None:
            return None
        found = known.get(ref)
        if found is None and not self.is_unreadable(noun + "s", ref):
            hint = did_you_mean(ref, sorted(known), f"{noun} ids")
            self.log.add(
                f.origin(key),
                f"there is no {noun} with the id '{ref}'",
                hint or f"The id is the file name without its extension, in content/{noun}s/.",
            )
        return found

    # --- inspections and plans ---------------------------------------------------------------

    def inspection(self, item: Item) -> model.Inspection:
        f = self.fields(
            item.source,
            INSPECTION_FIELDS,
            ("area", "kind", "inspectorates", "dates", "published"),
            "this inspection",
        )
        kind = f.choice("kind", model.INSPECTION_KINDS) or "full"
        outcome = f.choice("outcome", model.OUTCOMES)
        self.refuse_outcome_fields(f, kind)
        if kind == "full" and "kind" in f.data and not f.has("outcome"):
            f.error(
                "kind",
                "a full inspection needs its 'outcome'",
                "Add 'outcome: typically-positive', 'inconsistent' or 'widespread-failings'.",
            )
        wsoa = f.boolean("wsoa_required")
        if kind == "initial" and wsoa is None and "wsoa_required" not in f.data:
            f.error(
                "kind",
                "an initial inspection needs 'wsoa_required'",
                "Add 'wsoa_required: true' if the inspectors required a written statement of action, "
                "or 'wsoa_required: false'.",
            )
        survey = f.integer("survey_responses")
        if survey is not None and survey < 0:
            f.error("survey_responses", "survey_responses cannot be negative")
        inspection = model.Inspection(
            id=item.id,
            area=f.text("area") or "",
            kind=kind,
            inspectorates=f.text_list("inspectorates"),
            dates=self.date_range(f, "dates", required=True, month=True)
            or model.DateRange(_NO_DATE, _NO_DATE),
            published=f.date("published", past=True, month=True) or _NO_DATE,
            outcome=outcome,
            wsoa_required=wsoa,
            outcome_text=f.text("outcome_text"),
            previous=None,
            next_inspection=f.text("next_inspection"),
            report_url=f.url("report_url"),
            survey_responses=survey,
            inspectors=[
                model.Inspector(i.text("name") or "", i.text("role"), i.text("inspectorate"))
                for i in f.group_list(
                    "inspectors",
                    allowed=("name", "role", "inspectorate"),
                    required=("name",),
                    what="an inspector",
                )
            ],
            strengths=f.text_list("strengths"),
            to_improve=f.text_list("to_improve"),
            findings=[],
            quotes=self.quotes(f),
            body=item.source.body,
            origin=f.origin(),
            lines=f.field_lines(),
            next_monitoring=f.text("next_monitoring_inspection"),
            next_full=f.text("next_full_inspection"),
        )
        self.previous(f, inspection)
        seen: set[str] = set()
        for entry in f.group_list(
            "findings",
            allowed=(
                "id",
                "type",
                "label",
                "text",
                "responsible",
                "progress",
                "judgement",
                "summary",
            ),
            required=("id", "type", "text"),
            what="a finding",
        ):
            finding_id = entry.text("id")
            if finding_id is None:
                continue
            if not _check_id(finding_id, entry.origin("id"), self.log):
                self.misspelt_findings.add((item.id, slugify(finding_id)))
                continue
            if finding_id in seen:
                entry.error(
                    "id",
                    f"two findings in this inspection have the id '{finding_id}'",
                    "Give each finding its own id.",
                )
                continue
            seen.add(finding_id)
            finding = model.Finding(
                id=finding_id,
                type=entry.choice("type", model.FINDING_TYPES) or "area-for-improvement",
                text=entry.text("text") or "",
                responsible=entry.text_list("responsible"),
                progress=self.judgement(entry, kind),
                summary=entry.text("summary"),
                origin=entry.origin("id"),
                lines=entry.field_lines(),
                label=entry.text("label"),
                judgement=entry.text("judgement"),
            )
            finding.inspection = inspection
            inspection.findings.append(finding)
        if inspection.dates.end < inspection.dates.start:
            f.error(
                "dates",
                "the inspection's end date is before its start date",
                "Check 'start' and 'end' under 'dates'.",
            )
        return inspection

    def refuse_outcome_fields(self, f: Fields, kind: str) -> None:
        """`outcome` belongs to a full inspection and `wsoa_required` to an initial one; on any
        other kind they would be published as a result the inspectors never gave."""
        kind_words = labels.label(kind).lower()
        if f.has("outcome") and kind != "full":
            f.error(
                "outcome",
                f"a {kind_words} has no 'outcome': only a full inspection gives one",
                (
                    "Remove 'outcome'. A monitoring inspection judges each area for priority "
                    "action: write that in each finding's 'progress' (effective-action or "
                    "not-effective-action)."
                    if kind == "monitoring"
                    else "Remove 'outcome', or set 'kind: full' if this was a full inspection."
                ),
            )
        if f.has("wsoa_required") and kind != "initial":
            f.error(
                "wsoa_required",
                f"a {kind_words} has no 'wsoa_required': only an initial inspection (2016 "
                "framework) decided whether a written statement of action was required",
                "Remove 'wsoa_required'.",
            )

    def judgement(self, entry: Fields, kind: str) -> str | None:
        """A finding's `progress`, in the words of the framework its inspection was under."""
        progress = entry.choice("progress", model.PROGRESS_JUDGEMENTS)
        if progress in model.MONITORING_JUDGEMENTS and kind == "revisit":
            entry.error(
                "progress",
                f"a revisit judges whether progress is sufficient, not '{progress}'",
                "Use 'progress: sufficient' or 'progress: not-sufficient'.",
            )
            return None
        return progress

    def previous(self, f: Fields, inspection: model.Inspection) -> None:
        """`previous`: an inspection in this site (its id), or `none` when the area had not been
        inspected before; `previous_elsewhere`: one that is not in the site."""
        group = f.group(
            "previous_elsewhere",
            allowed=("kind", "date", "report_url", "title"),
            required=("kind", "date"),
        )
        if group is not None:
            kind, date = (
                group.choice("kind", model.INSPECTION_KINDS),
                group.date("date", month=True),
            )
            if kind is not None and date is not None:
                inspection.previous_external = model.ExternalInspection(
                    kind, date, group.url("report_url"), group.text("title")
                )
            if f.has("previous"):
                f.error(
                    "previous_elsewhere",
                    "an inspection has one previous inspection, but this names one in 'previous' "
                    "and another in 'previous_elsewhere'",
                    "Keep 'previous' for an inspection in this site, or 'previous_elsewhere' for "
                    "one that is not.",
                )
        ref = f.text("previous")
        if ref is not None and ref.lower() == "none":
            inspection.first_inspection = True
            ref = None
        self.previous_refs[inspection.id] = (ref, f.origin("previous"))

    def link_previous(self, inspections: dict[str, model.Inspection]) -> None:
        """Resolve each inspection's `previous`, refusing references that go round in a circle."""
        for inspection_id, (ref, origin) in self.previous_refs.items():
            if ref is None:
                continue
            previous = inspections.get(ref)
            if previous is None and self.is_unreadable("inspections", ref):
                continue
            if previous is None:
                hint = did_you_mean(ref, sorted(inspections), "inspection ids")
                self.log.add(
                    origin,
                    f"there is no inspection with the id '{ref}'",
                    hint
                    or "The id is the file name without its extension, in content/inspections/.",
                )
                continue
            inspections[inspection_id].previous = previous
        for inspection in inspections.values():
            seen = [inspection]
            current = inspection.previous
            while current is not None:
                if current is inspection:
                    chain = " -> ".join(i.id for i in [*seen, current])
                    self.log.add(
                        self.previous_refs[inspection.id][1],
                        f"the 'previous' inspections go round in a circle ({chain})",
                        "Each inspection's 'previous' must be an earlier inspection.",
                    )
                    inspection.previous = None
                    break
                if current in seen:
                    break
                seen.append(current)
                current = current.previous

    def date_range(
        self, f: Fields, key: str, *, required: bool, month: bool = False
    ) -> model.DateRange | None:
        group = f.group(
            key, allowed=("start", "end"), required=("start", "end") if required else ()
        )
        if group is None:
            return None
        start, end = group.date("start", month=month), group.date("end", month=month)
        if start is None or end is None:
            return None
        return model.DateRange(start, end)

    def quotes(self, f: Fields) -> list[model.Quote]:
        return [
            model.Quote(q.text("text") or "", q.text("by"), q.text("role"))
            for q in f.group_list(
                "quotes", allowed=("text", "by", "role"), required=("text",), what="a quote"
            )
        ]

    def plan(self, item: Item, inspections: dict[str, model.Inspection]) -> model.Plan:
        f = self.fields(
            item.source,
            PLAN_FIELDS,
            ("title", "kind", "owner", "published", "actions"),
            "this plan",
        )
        responds_to = []
        for ref, origin in f.id_list("responds_to"):
            found = inspections.get(ref)
            if found is None and self.is_unreadable("inspections", ref):
                continue
            if found is None:
                self.log.add(
                    origin,
                    f"there is no inspection with the id '{ref}'",
                    did_you_mean(ref, sorted(inspections), "inspection ids"),
                )
            elif found not in responds_to:
                responds_to.append(found)
        period = self.date_range(f, "period", required=False, month=True)
        # A period ending in a month ("2025-03") runs to that month's last day, so one that
        # starts on 15 March 2025 and ends in March 2025 is fine.
        if period is not None and last_day(period.end) < period.start:
            f.error("period", "the plan's period ends before it starts")
        plan = model.Plan(
            id=item.id,
            title=f.text("title") or item.id,
            kind=f.choice("kind", model.PLAN_KINDS) or "improvement-plan",
            responds_to=responds_to,
            owner=f.text("owner") or "",
            published=f.date("published", past=True, month=True) or _NO_DATE,
            period=period,
            actions=[],
            body=item.source.body,
            origin=f.origin(),
            lines=f.field_lines(),
            revisions=self.revisions(f),
        )
        seen: set[str] = set()
        for entry in f.group_list(
            "actions", allowed=ACTION_FIELDS, required=("id", "title"), what="an action"
        ):
            action = self.action(entry, inspections)
            if action is None:
                continue
            if action.id in seen:
                entry.error(
                    "id",
                    f"two actions in this plan have the id '{action.id}'",
                    "Give each action its own id.",
                )
                continue
            seen.add(action.id)
            action.plan = plan
            plan.actions.append(action)
        return plan

    def revisions(self, f: Fields) -> list[model.Revision]:
        found = []
        for r in f.group_list(
            "revisions", allowed=("date", "text"), required=("date", "text"), what="a revision"
        ):
            date = r.date("date", month=True)
            if date is not None:
                found.append(model.Revision(date, r.text("text") or ""))
        return sorted(found, key=lambda r: r.date, reverse=True)

    def action(self, f: Fields, inspections: dict[str, model.Inspection]) -> model.Action | None:
        action_id = f.text("id")
        if action_id is None or not _check_id(action_id, f.origin("id"), self.log):
            return None
        addresses = []
        for ref, origin in f.id_list("addresses"):
            finding = self.finding_ref(ref, origin, inspections)
            if finding is not None and finding not in addresses:
                addresses.append(finding)
        start, due = f.date("start", month=True), f.date("due", month=True)
        if start is not None and due is not None and last_day(due) < start:
            f.error(
                "due", "the action is due before it starts", "Check the 'start' and 'due' dates."
            )
        status = f.choice("status", model.ACTION_STATUSES, default="not-started") or "not-started"
        completed = f.date("completed", month=True)
        if completed is not None and not f.has("status"):
            status = "complete"  # a completion date says so
        if completed is not None and status != "complete":
            f.error(
                "completed",
                f"the action has a 'completed' date but its status is '{status}'",
                "Set 'status: complete', or remove 'completed' if it is not finished.",
            )
        if completed is not None and start is not None and last_day(completed) < start:
            f.error(
                "completed",
                "the action was completed before it started",
                "Check the 'start' and 'completed' dates.",
            )
        measures_text, measures = self.measures(f)
        updates = []
        for u in f.group_list(
            "updates",
            allowed=("date", "status", "text"),
            required=("date", "text"),
            what="an update",
        ):
            date = u.date("date", past=True, month=True)
            if date is not None:
                updates.append(
                    model.Update(
                        date,
                        u.choice("status", model.ACTION_STATUSES),
                        u.text("text") or "",
                        u.field_lines(),
                    )
                )
        updates.sort(key=lambda u: u.date, reverse=True)
        leads = f.text_list("lead")
        return model.Action(
            id=action_id,
            title=f.text("title") or action_id,
            addresses=addresses,
            lead=_and_list(leads) or None,
            partners=f.text_list("partners"),
            start=start,
            due=due,
            leads=leads,
            accountable=f.text("accountable"),
            completed=completed if status == "complete" else None,
            status=status,
            measures_text=measures_text,
            measures=measures,
            updates=updates,
            origin=f.origin("id"),
            lines=f.field_lines(),
        )

    def finding_ref(
        self, ref: str, origin: Origin, inspections: dict[str, model.Inspection]
    ) -> model.Finding | None:
        inspection_id, hash_sign, finding_id = ref.partition("#")
        if not hash_sign:
            self.log.add(
                origin,
                f"'{ref}' does not name a finding",
                "Write findings as INSPECTION-ID#FINDING-ID, e.g. 2024-area-send-inspection#use-of-data.",
            )
            return None
        inspection = inspections.get(inspection_id)
        if inspection is None and self.is_unreadable("inspections", inspection_id):
            return None
        if inspection is None:
            self.log.add(
                origin,
                f"there is no inspection with the id '{inspection_id}'",
                did_you_mean(inspection_id, sorted(inspections), "inspection ids"),
            )
            return None
        finding = next((x for x in inspection.findings if x.id == finding_id), None)
        if finding is None and (inspection_id, finding_id) not in self.misspelt_findings:
            ids = [x.id for x in inspection.findings]
            self.log.add(
                origin,
                f"the inspection '{inspection_id}' has no finding with the id '{finding_id}'",
                did_you_mean(finding_id, ids, f"finding ids of {inspection_id}")
                or "That inspection lists no findings.",
            )
        return finding

    def measures(self, f: Fields) -> tuple[list[str], list[model.Measure]]:
        """`measures`: text, a measure with values, or a list mixing the two."""
        value = f.data.get("measures")
        if value is None or isinstance(value, str):
            text = f.text("measures")
            return ([text] if text else []), []
        if isinstance(value, dict):
            group = f.group("measures", allowed=_MEASURE_FIELDS, required=("name",))
            return [], [self.measure(group)] if group is not None else []
        if not isinstance(value, YamlList):
            text = f.text("measures")  # a number or a date, kept as the author wrote it
            return ([text] if text else []), []
        texts: list[str] = []
        measures: list[model.Measure] = []
        for index, item in enumerate(value):
            line = value.line_of(index)
            if isinstance(item, dict):
                measures.append(
                    self.measure(
                        Fields(
                            item,
                            f.path,
                            self.log,
                            allowed=_MEASURE_FIELDS,
                            required=("name",),
                            what="a measure",
                            line=line,
                        )
                    )
                )
            elif isinstance(item, str) and item.strip():
                texts.append(item.strip())
            else:
                self.log.add(
                    Origin(f.path, line),
                    "each measure should be a sentence or a group of fields (name, unit, baseline, target, values)",
                )
        return texts, measures

    def measure(self, g: Fields) -> model.Measure:
        values = []
        for v in g.group_list(
            "values", allowed=("date", "value"), required=("date", "value"), what="a value"
        ):
            date, number = v.date("date", past=True), v.number("value")
            if date is not None and number is not None:
                values.append(model.MeasureValue(date, number))
        values.sort(key=lambda v: v.date)
        return model.Measure(
            name=g.text("name") or "",
            unit=g.text("unit"),
            baseline=g.number("baseline"),
            target=g.number("target"),
            values=values,
        )

    # --- news, pages, feedback ---------------------------------------------------------------

    def news(self, item: Item, inspections: dict[str, model.Inspection]) -> model.NewsItem:
        f = self.fields(item.source, NEWS_FIELDS, ("title", "date", "summary"), "this news item")
        return model.NewsItem(
            id=item.id,
            title=f.text("title") or item.id,
            date=f.date("date", past=True) or _NO_DATE,
            summary=f.text("summary") or "",
            inspection=self.reference(f, "inspection", inspections, "inspection"),
            quotes=self.quotes(f),
            body=item.source.body,
            origin=f.origin(),
            lines=f.field_lines(),
        )

    def page(self, item: Item) -> model.Page:
        f = self.fields(item.source, PAGE_FIELDS, ("title",), "this page")
        return model.Page(
            id=item.id,
            title=f.text("title") or item.id,
            summary=f.text("summary"),
            nav_order=f.number("nav_order"),
            body=item.source.body,
            origin=f.origin(),
            lines=f.field_lines(),
            covers=_required_items(f, "covers"),
        )

    def feedback(self, item: Item) -> model.Feedback:
        f = self.fields(
            item.source, FEEDBACK_FIELDS, ("date", "topic", "you_said", "we_did"), "this feedback"
        )
        return model.Feedback(
            id=item.id,
            date=f.date("date", past=True) or _NO_DATE,
            topic=f.text("topic") or "",
            you_said=f.text("you_said") or "",
            we_did=f.text("we_did") or "",
            status=f.choice("status", model.FEEDBACK_STATUSES),
            origin=f.origin(),
            lines=f.field_lines(),
        )


_MEASURE_FIELDS = ("name", "unit", "baseline", "target", "values")


def _and_list(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return " and ".join(items) if len(items) < 3 else ", ".join(items[:-1]) + " and " + items[-1]


def _check_id(value: str, origin: Origin, log: ErrorLog) -> bool:
    if ID_PATTERN.match(value):
        return True
    log.add(
        origin,
        f"the id '{value}' can only use lowercase letters, digits and hyphens",
        f"Use '{slugify(value)}' instead.",
    )
    return False


def _placeholder_organisation() -> model.Organisation:
    # Only used while errors are being collected: a build with a missing organisation never renders.
    return model.Organisation("", "", None, None, None, None, Origin(""))


def _required_items(f: Fields, key: str) -> list[str]:
    """`covers:` ids, each one of the required items of a Local Offer."""
    found = []
    for name in f.text_list(key):
        if name in ITEM_IDS:
            found.append(name)
        else:
            f.error(
                key,
                f"'{name}' is not one of the things a Local Offer must include",
                did_you_mean(name, list(ITEM_IDS), "items"),
            )
    return found


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
