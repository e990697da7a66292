"""Results as text: nothing in data drives the terminal or disguises what it shows, and
the machine-readable formats keep the data exact."""

from __future__ import annotations

import json
import sys
import unicodedata

from rdflib import Graph, Literal, URIRef

from irkg.exports import format_result, printable

#: The categories no character of which may reach a terminal raw: controls, format
#: characters (bidi, zero-width, tags), line and paragraph separators, surrogates.
UNSAFE = {"Cc", "Cf", "Zl", "Zp", "Cs"}
#: Bidi override and isolate, zero-width space and joiner, BOM, a tag character.
HIDDEN = "a\u202eb\u2066c\u200bd\u200de\ufeff\U000e0041f"


def test_printable_escapes_every_control_format_and_separator_character() -> None:
    unsafe = "".join(
        chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in UNSAFE
    )
    shown = printable(unsafe)
    assert shown.isascii() and shown.isprintable()
    assert printable(unsafe, lines=True) == shown.replace("\\x09", "\t").replace("\\x0a", "\n")


def test_printable_leaves_text_of_every_script_alone() -> None:
    text = "Москва नई दिल्ली Zhemchug «Жемчуг» 🇮🇳 café\ttab"
    assert printable(text, lines=True) == text
    assert printable(text) == text.replace("\t", "\\x09")
    assert printable(HIDDEN) == "a\\u202eb\\u2066c\\u200bd\\u200de\\ufeff\\U000e0041f"


def test_format_result_escapes_hidden_characters_losslessly_in_json_and_turtle() -> None:
    graph = Graph()
    graph.add((URIRef("urn:x"), URIRef("urn:label"), Literal(HIDDEN)))
    select = graph.query("SELECT ?l WHERE { ?s ?p ?l }")
    text = format_result(select, "json")
    assert text.isascii()
    assert json.loads(text)["results"]["bindings"][0]["l"]["value"] == HIDDEN
    turtle = format_result(graph.query("CONSTRUCT WHERE { ?s ?p ?o }"), "table")
    assert turtle.isascii()
    assert Literal(HIDDEN) in set(Graph().parse(data=turtle, format="turtle").objects())
