"""The curated data covers both articles, paragraph by paragraph, in irkg's own words."""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import ROOT
from irkg.graph import KnowledgeGraph
from irkg.graph.resolve import normalise
from irkg.iris import BACKGROUND_GRAPH, PROVENANCE_GRAPH, entity_iri, paragraph_graph
from irkg.ontology import IRKG
from irkg.ontology.namespaces import PROV, SKOS

SEED_CHECK = ROOT.parent / "shared" / "tools" / "seed-text-check"
ARTICLES = {"doc/moscow-diplomats-meeting": 8, "doc/india-russia-business-summit": 16}


@pytest.mark.parametrize(("doc", "paragraphs"), ARTICLES.items())
def test_data_every_paragraph_of_each_article_is_accounted_for(
    kg: KnowledgeGraph, doc: str, paragraphs: int
) -> None:
    meta = kg.dataset.graph(PROVENANCE_GRAPH)
    numbers = sorted(
        int(meta.value(g, IRKG.paragraph))  # type: ignore[arg-type]
        for g in meta.subjects(PROV.wasDerivedFrom, entity_iri(doc))
        if meta.value(g, IRKG.paragraph) is not None
    )
    assert numbers == list(range(1, paragraphs + 1))


def test_data_key_facts_of_both_articles_are_present(kg: KnowledgeGraph) -> None:
    asks = [
        "{ person:s-jaishankar irkg:holdsPost post:india-external-affairs-minister }",
        "{ person:piyush-goyal irkg:holdsPost post:india-commerce-minister }",
        "{ person:maxim-oreshkin irkg:holdsPost post:russia-deputy-chief-of-staff }",
        "{ person:ajay-srivastava irkg:founderOf organization:gtri }",
        "{ agreement:india-eaeu-fta-tor irkg:launchesNegotiationsFor agreement:india-eaeu-fta }",
        "{ film:zhemchug irkg:releasePeriod period:autumn-2025 ; irkg:countryOfOrigin country:india }",
        "{ film:awara irkg:popularIn country:russia }",
        "{ target:trade-100bn-2030 irkg:value 100.0 ; irkg:deadline period:2030 }",
        "{ policy:us-russian-oil-penalty irkg:imposedBy country:united-states ; irkg:targets country:india }",
        "{ mechanism:russia-special-mechanism irkg:counters policy:us-oil-sanctions }",
        "{ policy:us-oil-sanctions a irkg:Sanction . policy:us-russian-oil-penalty a irkg:Penalty }",
        "{ policy:us-additional-tariffs irkg:imposedBy country:united-states ; irkg:targets country:india }",
        "{ initiative:multilateral-cooperation irkg:platform bloc:brics, organization:un }",
        "{ initiative:deeper-strategic-partnership irkg:hasFocus topic:multipolar-world-order }",
        "{ country:russia irkg:inSurplusWith country:india }",
        "{ change:summit-trade-growth irkg:largelyCausedBy obs:summit-india-imports-fy2024-25 }",
        "{ agreement:india-eaeu-fta-tor irkg:status 'signed' }",
        "{ route:instc irkg:expectedEffect topic:lower-transport-costs }",
        "{ topic:tourism irkg:causedBy topic:indian-interest-in-russia }",
        "{ mechanism:india-eaeu-regulator-meetings irkg:reportedIn doc:mint-india-eaeu-regulators }",
        "{ mechanism:india-eaeu-regulator-meetings irkg:frequency 'quarterly' }",
        "{ event:russia-business-forum-meeting irkg:organisedBy organization:ficci }",
        "{ person:vladimir-putin irkg:participatedIn event:putin-visit-india }",
        "{ stmt:srivastava-outcomes irkg:quote 'managing dependence in a fractured world' }",
        "{ stmt:russia-unjustified-unilateral irkg:quote 'unjustified and unilateral' }",
        "{ obs:summit-india-imports-fy2024-25 irkg:value 63.84 }",
        "{ obs:summit-india-exports-fy2024-25 irkg:value 4.88 }",
        "{ obs:india-share-of-russia-imports irkg:value 2.0 ; irkg:comparator 'less than' }",
        "{ obs:fta-area-gdp irkg:value 6.5 ; irkg:unit unit:usd-trillion }",
        "{ stmt:oreshkin-six-areas irkg:statedCount 6 }",
        "{ doc:india-russia-business-summit irkg:cites doc:mint-india-eaeu-regulators }",
    ]
    missing = [ask for ask in asks if not kg.query(f"ASK {ask}").askAnswer]
    assert missing == []


@pytest.mark.skipif(
    not SEED_CHECK.exists(), reason="shared/tools/seed-text-check is not beside the project"
)
def test_data_contains_no_sentence_of_the_seed_articles() -> None:
    result = subprocess.run([str(SEED_CHECK), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_data_summaries_do_not_copy_across_line_breaks() -> None:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("the seed articles are not beside the project")

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9$.%]+", text.lower().replace("\u2019", "'"))

    shingles = set()
    for seed in seeds:
        w = words(seed.read_text(encoding="utf-8"))
        shingles |= {tuple(w[i : i + 8]) for i in range(len(w) - 7)}
    copied = []
    for path in sorted(Path(ROOT / "data").rglob("*.yaml")):
        w = words(path.read_text(encoding="utf-8"))
        copied += [
            " ".join(w[i : i + 8]) for i in range(len(w) - 7) if tuple(w[i : i + 8]) in shingles
        ]
    assert copied == []


def test_data_claims_ledger_carries_every_fact_of_every_paragraph(kg: KnowledgeGraph) -> None:
    report = kg.check_ledger()
    assert report.problems() == []
    assert report.paragraphs == sum(ARTICLES.values())
    assert report.carried == report.facts


@pytest.mark.parametrize(("doc", "paragraphs"), ARTICLES.items())
def test_data_every_paragraph_lists_claims(
    asserted_kg: KnowledgeGraph, doc: str, paragraphs: int
) -> None:
    claims = asserted_kg.claims(doc)
    assert sorted({c.paragraph for c in claims}) == list(range(1, paragraphs + 1))
    assert all(bool(c.carried_by) != bool(c.unmodelled) for c in claims)


def test_data_no_name_stands_for_two_entities(asserted_kg: KnowledgeGraph) -> None:
    names: dict[str, set[str]] = defaultdict(set)
    rows = asserted_kg.query(
        "SELECT ?e ?n WHERE { { ?e rdfs:label ?n } UNION { ?e skos:altLabel ?n } }"
    )
    for entity, name in rows:  # type: ignore[misc]
        names[normalise(str(name))].add(str(entity))
    assert {name: found for name, found in names.items() if len(found) > 1} == {}


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("Indo-Pacific", "region/asia-pacific"),  # a different framing, one Russia rejects
        ("Delhi", "city/new-delhi"),  # the territory, not its capital district
        ("smartphones", "sector/electronics"),  # an example, not the sector
        ("micro", "topic/msme"),  # a YAML list once split "micro, small and ..."
        ("trade balance", "flow/deficit"),  # exports minus imports, the other way round
        ("Russian oil", "commodity/crude-oil"),  # a flow from one country, not the commodity
    ],
)
def test_data_aliases_do_not_name_another_concept(
    asserted_kg: KnowledgeGraph, name: str, entity: str
) -> None:
    names = asserted_kg.dataset.objects(entity_iri(entity), SKOS.altLabel)
    assert name.casefold() not in {str(n).casefold() for n in names}


def test_data_quotes_are_the_speakers_words_inside_quotation_marks(
    asserted_kg: KnowledgeGraph,
) -> None:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("the seed articles are not beside the project")
    quoted = [
        span
        for seed in seeds
        for span in re.findall(r"[\"\u201c](.+?)[\"\u201d]", seed.read_text(encoding="utf-8"))
    ]
    quotes = [str(q) for q in asserted_kg.dataset.objects(None, IRKG.quote)]
    assert len(quotes) >= 5
    assert [q for q in quotes if not any(q in span for span in quoted)] == []


def test_data_statements_speak_for_their_speaker_not_the_editor(
    asserted_kg: KnowledgeGraph,
) -> None:
    rows = asserted_kg.query("SELECT ?s ?text WHERE { ?s a irkg:Statement ; irkg:summary ?text }")
    remarks = [str(s) for s, text in rows if "article" in str(text).lower()]  # type: ignore[misc]
    assert remarks == []


def test_data_memberships_are_background_not_a_paragraph_that_only_names_platforms(
    asserted_kg: KnowledgeGraph,
) -> None:
    graph = asserted_kg.dataset.graph(paragraph_graph("doc/moscow-diplomats-meeting", 6))
    assert list(graph.triples((None, IRKG.memberOf, None))) == []
    background = asserted_kg.dataset.graph(BACKGROUND_GRAPH)
    assert (entity_iri("country/india"), IRKG.memberOf, entity_iri("bloc/sco")) in background
