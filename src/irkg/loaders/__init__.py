"""Loaders: curated YAML and RDF files -> an rdflib Dataset with provenance."""

import typing

from irkg import lazy

if typing.TYPE_CHECKING:
    from irkg.loaders.files import check_regular, read_file, read_text
    from irkg.loaders.rdf_loader import RDF_FORMATS, LiteralNoise, load_rdf_files
    from irkg.loaders.yaml_loader import (
        YAML_SUFFIXES,
        DataFile,
        load_data_dir,
        load_yaml_files,
        read_yaml,
    )
else:
    __getattr__, __dir__ = lazy.exports(
        __name__,
        {
            "irkg.loaders.files": ["check_regular", "read_file", "read_text"],
            "irkg.loaders.rdf_loader": ["RDF_FORMATS", "LiteralNoise", "load_rdf_files"],
            "irkg.loaders.yaml_loader": [
                "YAML_SUFFIXES",
                "DataFile",
                "load_data_dir",
                "load_yaml_files",
                "read_yaml",
            ],
        },
    )

__all__ = [
    "RDF_FORMATS",
    "YAML_SUFFIXES",
    "DataFile",
    "LiteralNoise",
    "check_regular",
    "load_data_dir",
    "load_rdf_files",
    "load_yaml_files",
    "read_file",
    "read_text",
    "read_yaml",
]
