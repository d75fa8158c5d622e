"""Which words make a sentence hard for a family to read, and what to say instead.

Two lists, both written for this project (in the spirit of the plain-English word lists
councils already use). `PLAIN_ALTERNATIVES` names formal words that have an everyday
equivalent, whatever their length ("obtain": "get"). `EVERYDAY_LONG_WORDS` names long words
that families reading a Local Offer meet every day ("education", "assessment", "disability"),
which reading-age formulas count as hard only because they have many syllables. Any other
word of four or more syllables counts as hard; numbers, ages and names never do.
"""

from __future__ import annotations

PLAIN_ALTERNATIVES: dict[str, str] = {
    "accordingly": "so",
    "accompany": "go with",
    "accompanies": "goes with",
    "acquire": "get",
    "additional": "extra",
    "additionally": "also",
    "adjacent": "next to",
    "advantageous": "helpful",
    "aforementioned": "this",
    "alleviate": "ease",
    "allocate": "give",
    "allocated": "given",
    "approximately": "about",
    "ascertain": "find out",
    "assistance": "help",
    "beneficial": "helpful",
    "commence": "start",
    "commencement": "start",
    "commenced": "started",
    "commissioned": "paid for",
    "component": "part",
    "comprehensive": "full",
    "consequently": "so",
    "considerable": "large",
    "consistently": "always",
    "constitute": "make up",
    "demonstrate": "show",
    "demonstrated": "showed",
    "determine": "decide",
    "discontinue": "stop",
    "disseminate": "share",
    "documentation": "papers",
    "endeavour": "try",
    "ensure": "make sure",
    "equivalent": "the same",
    "expedite": "speed up",
    "facilitate": "help",
    "facilitating": "helping",
    "formulate": "make",
    "frequently": "often",
    "furthermore": "also",
    "henceforth": "from now on",
    "implement": "carry out",
    "implemented": "carried out",
    "implementation": "carrying out",
    "inadequate": "not good enough",
    "individualised": "made for each child",
    "initiate": "start",
    "initially": "at first",
    "locality": "area",
    "majority": "most",
    "identify": "find",
    "identified": "found",
    "generally": "usually",
    "effectively": "well",
    "eligible": "able to get",
    "significant": "large, important",
    "significantly": "much",
    "localities": "areas",
    "mechanism": "way",
    "methodology": "method",
    "modification": "change",
    "multiagency": "several services",
    "multi-agency": "several services",
    "multidisciplinary": "from several professions",
    "nevertheless": "but",
    "notwithstanding": "despite",
    "numerous": "many",
    "obtain": "get",
    "operationalise": "put into practice",
    "optimum": "best",
    "participate": "take part",
    "participation": "taking part",
    "practitioner": "worker",
    "practitioners": "workers",
    "predominantly": "mostly",
    "prioritise": "put first",
    "procure": "buy",
    "provision": "support",
    "purchase": "buy",
    "regarding": "about",
    "remuneration": "pay",
    "require": "need",
    "requirement": "need",
    "requirements": "needs",
    "residence": "home",
    "retain": "keep",
    "subsequently": "later",
    "substantial": "large",
    "sufficient": "enough",
    "systematically": "step by step",
    "terminate": "end",
    "typically": "usually",
    "utilise": "use",
    "utilisation": "use",
}
"""Formal words and an everyday word for each (only some of each word's meanings fit)."""

_EVERYDAY = """
    accessible accessibility activities activity additionally adulthood anybody anything
    application applications appointment appointments assessment assessments autism
    autistic available behaviour carefully celebrated certificate communication community
    conversation conversations co-ordinator coordinator counselling counsellor counsellors
    dedicated development developmental diagnosis diagnosed difficulties difficulty disability
    disabilities disabled education educational eligibility emergency emotional environment
    especially everybody everything experience experiences family families february
    independence independent independently individual individually information introduction
    january libraries library medical medication necessary occupational opportunities
    opportunity organisation organisations paediatrician paediatricians paediatrics
    particularly personally physical physically physiotherapy physiotherapist
    physiotherapists psychiatrist psychologist psychologists registered regularly
    relationship relationships responsibility secondary september specialist specialists
    television temporary therapist therapists therapy university usually vocabulary
    wheelchair wheelchairs inspection inspections inspector inspectors improvement
    improvements partnership partnerships questionnaire technology directory mobility
    authority authorities voluntary anxiety dyslexia dyspraxia epilepsy category categories
    photography everyone everywhere ordinary interesting celebration celebrations
    cerebral palsy ordinator revisit revisited impossible situation situations delivering
    informally comfortable unfortunately everyday immediately particular mediation mediator
"""
EVERYDAY_LONG_WORDS = frozenset(_EVERYDAY.split())
"""Long words a family reading a Local Offer knows: never counted as hard."""


def plain_alternative(word: str) -> str | None:
    return PLAIN_ALTERNATIVES.get(word.lower())
