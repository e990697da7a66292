"""The irkg ontology (OWL), its SHACL shapes, and its terms as checked constants."""

from irkg.ontology.model import (
    ONTOLOGY_PATH,
    SHAPES_PATH,
    Ontology,
    Property,
    load_ontology,
    load_shapes,
)
from irkg.ontology.namespaces import IRKG, ORG, SCHEMA, TIME

__all__ = [
    "IRKG",
    "ONTOLOGY_PATH",
    "ORG",
    "SCHEMA",
    "SHAPES_PATH",
    "TIME",
    "Ontology",
    "Property",
    "load_ontology",
    "load_shapes",
]
