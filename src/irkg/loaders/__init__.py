"""Loaders: curated YAML and RDF files -> an rdflib Dataset with provenance."""

from irkg.loaders.rdf_loader import RDF_FORMATS, load_rdf_files
from irkg.loaders.yaml_loader import YAML_SUFFIXES, DataFile, load_data_dir, load_yaml_files

__all__ = [
    "RDF_FORMATS",
    "YAML_SUFFIXES",
    "DataFile",
    "load_data_dir",
    "load_rdf_files",
    "load_yaml_files",
]
