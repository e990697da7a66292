"""Finding an entity by what a person would type: a label, an alias or an id."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from rdflib import Dataset, URIRef

from irkg.errors import Ambiguous, NotFound
from irkg.graph.foreign import (
    NAME_PROPERTIES,
    ForeignTerms,
    is_vocabulary_iri,
    key_of,
    local_name,
    vocabulary_terms,
)
from irkg.iris import ID_PATTERN, entity_iri, is_entity_iri
from irkg.ontology.namespaces import RDF, RDFS, SKOS

__all__ = ["EntityIndex", "Match", "normalise"]

_DASHES = re.compile(r"[\u2010-\u2015\u2212_]")
_NOISE = re.compile(r"[^\w\s/-]")
_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|^`\\]+$")


def normalise(name: str) -> str:
    """Fold case, accents, dashes and punctuation so that names compare as people mean them.

    Example:
        >>> normalise("  Chennai\u2013Vladivostok  Corridor ")
        'chennai-vladivostok corridor'
        >>> normalise("Ré-union, U.N.")
        're-union un'
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _NOISE.sub("", _DASHES.sub("-", text))
    return " ".join(text.split())


@dataclass(frozen=True)
class Match:
    """An entity and the label it is known by."""

    iri: URIRef
    label: str

    @property
    def id(self) -> str:
        """The curated id, such as ``country/india``; the IRI of an entity irkg did not mint."""
        return key_of(self.iri)


class EntityIndex:
    """Every entity's label, aliases and id, folded for lookup.

    Example:
        >>> from irkg.loaders import load_data_dir
        >>> index = EntityIndex(load_data_dir("data"))
        >>> index.resolve("eaeu").id, index.resolve("Jaishankr").id
        ('bloc/eaeu', 'person/s-jaishankar')
    """

    def __init__(self, dataset: Dataset) -> None:
        self.labels: dict[URIRef, str] = {}
        self.names: dict[str, set[URIRef]] = {}
        #: Names that are an entity's own label or id: they win over another's alias.
        self.primary: dict[str, set[URIRef]] = {}
        for s, _, text in dataset.triples((None, RDFS.label, None)):
            if isinstance(s, URIRef) and is_entity_iri(s):
                self.labels[s] = str(text)
        self._add_foreign(dataset)
        for iri, label in self.labels.items():
            for own in (label, key_of(iri)):
                self._add(own, iri)
                self.primary.setdefault(normalise(own), set()).add(iri)
            self._add(local_name(key_of(iri)).replace("-", " "), iri)
        for s, _, alias in dataset.triples((None, SKOS.altLabel, None)):
            if isinstance(s, URIRef) and s in self.labels:
                self._add(str(alias), s)

    def _add_foreign(self, dataset: Dataset) -> None:
        """Index the named things of other vocabularies (see :mod:`irkg.graph.foreign`)."""

        def foreign(s: object) -> bool:
            return isinstance(s, URIRef) and not is_entity_iri(s) and not is_vocabulary_iri(s)

        named = [
            (s, p, o)
            for p in NAME_PROPERTIES
            for s, _, o in dataset.triples((None, p, None))
            if foreign(s)
        ]
        names = ForeignTerms.of(named).names
        typed = {s for s in dataset.subjects(RDF.type, None) if foreign(s)}
        if names or typed:
            vocabulary = vocabulary_terms(dataset.triples((None, None, None)))
            for s in typed | set(names):
                if s not in vocabulary:
                    self.labels[s] = names.get(s) or local_name(str(s))  # type: ignore[index]
            for s, _, other in named:  # every other name is an alias
                if s in self.labels:
                    self._add(str(other), s)  # type: ignore[arg-type]

    def _add(self, name: str, iri: URIRef) -> None:
        key = normalise(name)
        if key:
            self.names.setdefault(key, set()).add(iri)

    def match(self, iri: URIRef) -> Match:
        """The :class:`Match` of a known IRI."""
        return Match(iri, self.labels.get(iri, key_of(iri)))

    def resolve(self, name: str) -> Match:
        """Return the one entity ``name`` stands for.

        Tries the exact id, then labels, aliases and ids folded for case, accents
        and dashes, then a close spelling.

        Raises:
            QueryError: if no entity matches (naming the nearest), or several do
                (listing them).
        """
        if ID_PATTERN.fullmatch(name.strip()) and entity_iri(name.strip()) in self.labels:
            return self.match(entity_iri(name.strip()))
        if _IRI.match(name.strip()) and URIRef(name.strip()) in self.labels:
            return self.match(URIRef(name.strip()))
        key = normalise(name)
        found = self.names.get(key)
        if found and len(found) > 1 and len(self.primary.get(key, ())) == 1:
            found = self.primary[key]
        if not found:
            close = difflib.get_close_matches(key, list(self.names), n=5, cutoff=0.8)
            found = {iri for c in close[:1] for iri in self.names[c]}
            if close and len({iri for c in close for iri in self.names[c]}) > 1:
                # Several names are about equally close: only a clear winner is taken.
                ratio = [difflib.SequenceMatcher(None, key, c).ratio() for c in close]
                if len(ratio) > 1 and ratio[0] - ratio[1] < 0.05:
                    found = {iri for c in close for iri in self.names[c]}
        if not found:
            nearest = difflib.get_close_matches(key, list(self.names), n=3, cutoff=0.5)
            hint = ""
            if nearest:
                near = sorted({self._describe(i) for n in nearest for i in self.names[n]})
                hint = "; nearest: " + ", ".join(near)
            raise NotFound(f"no entity is called {_shown(name)}{hint}")
        if len(found) > 1:
            options = ", ".join(sorted(self._describe(i) for i in found))
            raise Ambiguous(f"{_shown(name)} is ambiguous; it may mean: {options}")
        return self.match(next(iter(found)))

    def _describe(self, iri: URIRef) -> str:
        return f"{self.labels.get(iri, '')} ({key_of(iri)})"


def _shown(name: str) -> str:
    """A name as an error quotes it: in full, but for a long one's first 80 characters."""
    return repr(name) if len(name) <= 80 else repr(name[:80]) + f" (and {len(name) - 80:,} more)"
