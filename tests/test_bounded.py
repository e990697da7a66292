"""Work run bounded in a forked child: what it raises comes back as it was raised."""

from __future__ import annotations

import pytest

from irkg.bounded import run_bounded
from irkg.errors import DataError, Issue


def test_run_bounded_raises_the_childs_error_of_its_own_class_with_its_issues() -> None:
    """A list of issues stays one (printed one line an issue), not a plain error."""
    issues = [Issue("a.rq", 1, None, None, "odd\nname"), Issue("b.ttl", 2, None, None, "bad")]

    def work() -> None:
        raise DataError(issues)

    with pytest.raises(DataError) as caught:
        run_bounded(work, timeout=30)
    assert caught.value.issues == issues and caught.value.exit_code == DataError.exit_code
    assert str(caught.value) == str(DataError(issues))
