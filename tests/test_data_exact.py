"""The curated facts state what each article says, no more and no less.

Each test asks the built graph one question a fact-check of the two articles
raised.
"""

from __future__ import annotations

from irkg.graph import KnowledgeGraph


def test_data_target_deadline_reads_the_same_in_timeline_and_targets(kg: KnowledgeGraph) -> None:
    timeline = {e.id: (e.start, e.end, e.when) for e in kg.timeline()}
    targets = kg.targets()
    assert targets
    for target in targets:
        start, end, when = timeline[target.id]
        assert (target.deadline, when) == (start, f"by {target.period}")
        assert start == end
