"""The review file: new names ready to accept, figures and dates as commented drafts with
their sentence and the entities near them, ambiguous names listed with their span."""

from __future__ import annotations

from pathlib import Path

from irkg.ingest import Article, Gazetteer, ingest_article, ingest_files


def test_the_review_proposes_new_names_and_drafts_figures(data: Path, tmp_path: Path) -> None:
    article = tmp_path / "forum.txt"
    article.write_text(
        "Energy forum in Kazan\n\n"
        "Deputy Minister Olga Smirnova of Russia met India's envoy at the Volga Energy Forum "
        "in Kazan on 12 March 2026. Russia sold $1.2 billion of crude oil to India in "
        "FY2025-26, up 8 per cent.\n",
        encoding="utf-8",
    )
    report = ingest_files([article], data_dir=data, review_dir=tmp_path / "review")
    [review] = [p for p in report.written if p.parent.name == "review"]
    text = review.read_text()
    assert "      - id: person/olga-smirnova\n        type: Person\n" in text
    assert "      - id: event/volga-energy-forum\n        type: Event\n" in text
    assert "      - id: place/kazan\n        type: Place\n" in text
    assert "#   value: 1.2\n      #   unit: unit/usd-billion\n" in text
    assert "#   concerns: [country/russia, commodity/crude-oil, country/india]" in text
    assert "#   startDate: 2025-04-01\n      #   endDate: 2026-03-31\n" in text
    assert "#   startDate: 2026-03-12\n      #   endDate: 2026-03-12\n" in text
    assert "# A figure (percent): '8 per cent' = 8 %." in text
    assert report.candidates == 3 and report.figures == 4


def test_an_ambiguous_name_is_listed_for_review_not_linked() -> None:
    from irkg.ingest.review import review_file

    gazetteer = Gazetteer(
        [
            ("region/georgia-us", "Georgia"),
            ("country/georgia", "Georgia"),
            ("country/india", "India"),
        ]
    )
    text = "Traders from Georgia and India met."
    ingested = ingest_article(Article("a.txt", "Trade", (text,)), gazetteer)
    assert [m.entity for m in ingested.paragraphs[0].linked] == ["country/india"]
    review = review_file(ingested, "a.txt", "review/a.yaml", "data/ingested/a.yaml")
    assert (
        "    # 'Georgia' at 13-20 may be country/georgia or region/georgia-us: to link it, "
        "add [id, 13, 20] to mentions.\n"
    ) in review
