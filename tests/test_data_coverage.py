"""The curated data covers both articles, paragraph by paragraph, in irkg's own words."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from irkg.graph import KnowledgeGraph
from irkg.iris import PROVENANCE_GRAPH, entity_iri
from irkg.ontology import IRKG
from irkg.ontology.namespaces import PROV

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
        "{ target:trade-100bn-2030 irkg:value 100.0 ; irkg:period period:2030 }",
        "{ policy:us-russian-oil-penalty irkg:imposedBy country:united-states ; irkg:targets country:india }",
        "{ mechanism:russia-special-mechanism irkg:counters policy:us-russian-oil-penalty }",
        "{ mechanism:india-eaeu-regulator-meetings irkg:frequency 'quarterly' }",
        "{ event:india-russia-business-summit irkg:organisedBy organization:ficci ; irkg:partOf event:putin-visit-india }",
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
