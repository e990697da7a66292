"""``irkg accept``: reviewed files from ``irkg ingest`` into ``data/``, all or none.

A review file is a whole data file for its article. It is tried in place of the
article's data file (``data/ingested/<slug>.yaml``) with the rest of the data, through
the same loader, reasoning and SHACL shapes as ``irkg build``; errors name the review
file and its lines. Only when every file given passes are they written, each in one
step and sealed (:mod:`irkg.ingest.seal`); the review files stay where they are. A data
file a person has edited since irkg wrote it is never written over: the review is
refused, naming both files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from irkg.errors import DataError, Issue, ValidationError
from irkg.ingest.read import Article
from irkg.ingest.seal import is_sealed, seal, unsealed

__all__ = ["accept_reviews", "target_of"]


def target_of(review: Path, data_dir: Path) -> Path:
    r"""The data file a review file is accepted into, from the document it names.

    Raises:
        DataError: if the file cannot be read (as :func:`irkg.loaders.read_yaml` says), or
            is no review of an ingested article (its id is not the one the article's URL
            or text makes).

    Example:
        >>> import tempfile, pathlib
        >>> review = pathlib.Path(tempfile.mkdtemp()) / "r.yaml"
        >>> _ = review.write_text("document: {id: doc/article-2d8bd7d9bb5f85ba}\n"
        ...                       "paragraphs: [{paragraph: 1, text: Hello.}]")
        >>> target_of(review, pathlib.Path("data")).as_posix()
        'data/ingested/article-2d8bd7d9bb5f85ba.yaml'
    """
    from irkg.loaders import read_yaml

    # Read as every data file is (a regular file; no aliases, no deep nesting, checked
    # before anything is built), or a DataError naming the file and its lines.
    root = read_yaml(review)
    doc = root.get("document") if isinstance(root, dict) else None
    doc_id = doc.get("id") if isinstance(doc, dict) else None

    def refuse(message: str) -> DataError:
        return DataError([Issue(str(review), None, None, "document.id", message)])

    if not (isinstance(doc_id, str) and _INGESTED.fullmatch(doc_id)):
        raise refuse(
            f"expected the id irkg ingest gave the article (doc/article-...), got {doc_id!r}: "
            "irkg accept takes review files"
        )
    # The id is the article's: made from its URL, or else its text. A review that changed
    # them would put another article in place of this one's data file.
    paragraphs = root.get("paragraphs") if isinstance(root.get("paragraphs"), list) else []
    texts = tuple(
        str(p["text"]).strip()
        for p in sorted(
            (p for p in paragraphs if isinstance(p, dict) and isinstance(p.get("paragraph"), int)),
            key=lambda p: p["paragraph"],
        )
        if p.get("text")
    )
    url = str(doc.get("url") or "").strip()  # type: ignore[union-attr]
    if Article(str(review), "", texts, url=url).key != doc_id.removeprefix("doc/article-"):
        raise refuse(
            f"{doc_id} is not the article whose {'URL' if url else 'text'} this file holds: "
            "keep the id, the paragraphs' text and the URL as irkg ingest wrote them"
        )
    return data_dir / "ingested" / f"{doc_id.removeprefix('doc/')}.yaml"


#: The id irkg ingest gives an article.
_INGESTED = re.compile(r"^doc/article-[0-9a-f]{16}$")


def accept_reviews(reviews: Sequence[Path], data_dir: Path = Path("data")) -> list[Path]:
    """Check the reviewed files with the data, then write each over its data file.

    Returns:
        The data files written.

    Raises:
        DataError: a file cannot be read or has errors (all of them, with lines).
        ValidationError: the data with the reviewed files breaks a shape.
    """
    from irkg.exports.files import write_atomic
    from irkg.graph import KnowledgeGraph
    from irkg.pipeline import project_cache

    issues: list[Issue] = []
    instead: dict[Path, Path] = {}
    for review in reviews:
        try:
            target = target_of(Path(review), data_dir)
        except DataError as exc:
            issues += exc.issues
            continue
        if target in instead:
            issues.append(
                Issue(
                    str(review),
                    None,
                    None,
                    "document.id",
                    f"names the article {instead[target]} names too",
                )
            )
        instead[target] = Path(review)
    issues += [i for target, review in instead.items() if (i := _edited(target, review))]
    if issues:
        raise DataError(issues)
    # Checked as `irkg build` checks (the same loading, rules and checks), the files
    # unchanged since the last build read from its cache.
    kg = KnowledgeGraph.from_data(data_dir, cache=project_cache(data_dir), instead=instead)
    report = kg.validate()
    if not report.conforms:
        raise ValidationError(f"{report}\nNothing was written.")
    texts = {target: seal(review.read_text("utf-8")) for target, review in instead.items()}
    return [write_atomic(target, text) for target, text in texts.items()]


def _edited(target: Path, review: Path) -> Issue | None:
    """Why ``review`` may not be written over ``target``: a person changed ``target`` since
    irkg wrote it (its seal no longer matches), and ``review`` does not hold that change."""
    try:
        if not target.exists():
            return None
        if not target.is_file():
            return Issue(str(target), None, None, None, f"not a regular file: {review} goes there")
        text = target.read_text("utf-8")
        if is_sealed(text) or unsealed(text) == unsealed(review.read_text("utf-8")):
            return None
    except (OSError, UnicodeDecodeError):
        pass
    return Issue(
        str(target),
        None,
        None,
        None,
        f"changed since irkg wrote it, and accepting {review} would overwrite that change: "
        f"make the change in {review} too (or move {target} away), then accept again",
    )
