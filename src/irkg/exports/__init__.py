"""Exports: RDF serialisations, networks (GraphML, GEXF, CSV) and the HTML explorer."""

import typing

from irkg import lazy

if typing.TYPE_CHECKING:
    from irkg.exports.bundle import EXPORT_FILES, render_exports, write_exports
    from irkg.exports.chart import CHART_FORMATS, to_trade_chart, write_trade_chart
    from irkg.exports.explorer import KIND_COLOURS, MAX_NODES, to_explorer_html, write_explorer_html
    from irkg.exports.files import write_atomic, write_folder_atomic
    from irkg.exports.network import to_csv_edges, to_csv_nodes, to_gexf, to_graphml
    from irkg.exports.rdf import (
        FORMATS,
        JSONLD_CONTEXT,
        to_jsonld,
        to_nquads,
        to_ntriples,
        to_trig,
        to_turtle,
        write_rdf,
    )
    from irkg.exports.results import (
        RESULT_FORMATS,
        format_records,
        format_result,
        printable,
        short,
    )
else:
    __getattr__, __dir__ = lazy.exports(
        __name__,
        {
            "irkg.exports.bundle": ["EXPORT_FILES", "render_exports", "write_exports"],
            "irkg.exports.chart": ["CHART_FORMATS", "to_trade_chart", "write_trade_chart"],
            "irkg.exports.explorer": [
                "KIND_COLOURS",
                "MAX_NODES",
                "to_explorer_html",
                "write_explorer_html",
            ],
            "irkg.exports.files": ["write_atomic", "write_folder_atomic"],
            "irkg.exports.network": ["to_csv_edges", "to_csv_nodes", "to_gexf", "to_graphml"],
            "irkg.exports.rdf": [
                "FORMATS",
                "JSONLD_CONTEXT",
                "to_jsonld",
                "to_nquads",
                "to_ntriples",
                "to_trig",
                "to_turtle",
                "write_rdf",
            ],
            "irkg.exports.results": [
                "RESULT_FORMATS",
                "format_records",
                "format_result",
                "printable",
                "short",
            ],
        },
    )

__all__ = [
    "CHART_FORMATS",
    "EXPORT_FILES",
    "FORMATS",
    "JSONLD_CONTEXT",
    "KIND_COLOURS",
    "MAX_NODES",
    "RESULT_FORMATS",
    "format_records",
    "format_result",
    "printable",
    "render_exports",
    "short",
    "to_csv_edges",
    "to_csv_nodes",
    "to_explorer_html",
    "to_gexf",
    "to_graphml",
    "to_jsonld",
    "to_nquads",
    "to_ntriples",
    "to_trade_chart",
    "to_trig",
    "to_turtle",
    "write_atomic",
    "write_explorer_html",
    "write_exports",
    "write_folder_atomic",
    "write_rdf",
    "write_trade_chart",
]
