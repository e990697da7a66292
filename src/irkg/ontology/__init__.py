"""The irkg ontology (OWL), its SHACL shapes, and its terms as checked constants."""

import typing

from irkg import lazy

if typing.TYPE_CHECKING:
    from irkg.ontology.model import (
        ONTOLOGY_PATH,
        SHAPES_PATH,
        Ontology,
        Property,
        load_ontology,
        load_shapes,
    )
    from irkg.ontology.namespaces import IRKG, ORG, SCHEMA, TIME
else:
    __getattr__, __dir__ = lazy.exports(
        __name__,
        {
            "irkg.ontology.model": [
                "ONTOLOGY_PATH",
                "SHAPES_PATH",
                "Ontology",
                "Property",
                "load_ontology",
                "load_shapes",
            ],
            "irkg.ontology.namespaces": ["IRKG", "ORG", "SCHEMA", "TIME"],
        },
    )

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
