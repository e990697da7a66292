"""Loaders: curated YAML and RDF files -> an rdflib Dataset with provenance."""

from irkg.loaders.yaml_loader import DataFile, load_data_dir, load_yaml_files

__all__ = ["DataFile", "load_data_dir", "load_yaml_files"]
