"""Loaders: curated YAML and RDF files -> an rdflib Dataset with provenance."""

import typing

from irkg import lazy

if typing.TYPE_CHECKING:
    from irkg.loaders.cache import DataCache
    from irkg.loaders.files import check_regular, read_file, read_text
    from irkg.loaders.rdf_loader import RDF_FORMATS, LiteralNoise, load_rdf_files
    from irkg.loaders.yaml_loader import (
        YAML_SUFFIXES,
        DataFile,
        data_paths,
        load_data_dir,
        load_data_store,
        load_yaml_files,
        read_data_files,
        read_yaml,
    )
else:
    __getattr__, __dir__ = lazy.exports(
        __name__,
        {
            "irkg.loaders.cache": ["DataCache"],
            "irkg.loaders.files": ["check_regular", "read_file", "read_text"],
            "irkg.loaders.rdf_loader": ["RDF_FORMATS", "LiteralNoise", "load_rdf_files"],
            "irkg.loaders.yaml_loader": [
                "YAML_SUFFIXES",
                "DataFile",
                "data_paths",
                "load_data_dir",
                "load_data_store",
                "load_yaml_files",
                "read_data_files",
                "read_yaml",
            ],
        },
    )

__all__ = [
    "RDF_FORMATS",
    "YAML_SUFFIXES",
    "DataCache",
    "DataFile",
    "LiteralNoise",
    "check_regular",
    "data_paths",
    "load_data_dir",
    "load_data_store",
    "load_rdf_files",
    "load_yaml_files",
    "read_data_files",
    "read_file",
    "read_text",
    "read_yaml",
]
