"""RDF that irkg did not write: schema.org and FOAF entities, a vocabulary of its own.

``write_foreign_graph`` makes 2,000 entities: 900 schema.org and 300 FOAF people, 300
organisations (one of them, Globex Holdings, the parent of all others), 200 cities named
by ``skos:prefLabel``, 200 widgets of a class the file declares and labels ("gadget") but
that have no name, and 100 untyped things that have only a label. The vocabulary terms
it declares (classes, properties, the ontology) are not entities.
"""

from __future__ import annotations

import random
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
EX = Namespace("http://example.org/")

HUB = EX["org/globex-holdings"]
COUNTS = {"Person": 1200, "Organization": 300, "City": 200, "Widget": 200, "Entity": 100}


def write_foreign_graph(path: Path, seed: int = 3) -> Path:
    """Write the graph described above as Turtle to ``path`` (the same seed, the same file)."""
    rng = random.Random(seed)
    g = Graph()
    g.bind("schema", SCHEMA)
    g.bind("foaf", FOAF)
    g.bind("ex", EX)
    g.add((EX[""], RDF.type, OWL.Ontology))
    g.add((EX[""], RDFS.label, Literal("Example vocabulary")))
    g.add((SCHEMA.Person, RDF.type, RDFS.Class))
    g.add((SCHEMA.Person, RDFS.label, Literal("Person")))
    g.add((SCHEMA.worksFor, RDF.type, RDF.Property))
    g.add((SCHEMA.worksFor, RDFS.label, Literal("works for")))
    g.add((EX.Widget, RDF.type, RDFS.Class))
    g.add((EX.Widget, RDFS.label, Literal("Gerät", lang="de")))
    g.add((EX.Widget, RDFS.label, Literal("gadget", lang="en")))
    g.add((EX.madeBy, RDF.type, OWL.ObjectProperty))
    g.add((EX.madeBy, RDFS.label, Literal("made by")))

    orgs = [HUB] + [EX[f"org/o{i}"] for i in range(1, 300)]
    g.add((HUB, RDF.type, SCHEMA.Organization))
    g.add((HUB, RDFS.label, Literal("Globex Holdings")))
    cities = [EX[f"city/c{i}"] for i in range(200)]
    for i, city in enumerate(cities):
        g.add((city, RDF.type, SCHEMA.City))
        g.add((city, SKOS.prefLabel, Literal(f"City {i}")))
    for i, org in enumerate(orgs[1:], start=1):
        g.add((org, RDF.type, SCHEMA.Organization))
        g.add((org, RDFS.label, Literal(f"Organisation {i}")))
        g.add((org, SCHEMA.parentOrganization, HUB))
        g.add((org, SCHEMA.location, rng.choice(cities)))
    people: list[URIRef] = []
    for i in range(900):
        person = EX[f"person/p{i}"]
        g.add((person, RDF.type, SCHEMA.Person))
        g.add((person, SCHEMA.name, Literal(f"Person {i}")))
        g.add((person, SCHEMA.birthDate, Literal(f"19{50 + i % 50}-01-0{1 + i % 9}")))
        g.add((person, SCHEMA.worksFor, rng.choice(orgs)))
        people.append(person)
    for i in range(300):
        friend = EX[f"friend/f{i}"]
        g.add((friend, RDF.type, FOAF.Person))
        g.add((friend, FOAF.name, Literal(f"Friend {i}")))
        g.add((friend, FOAF.knows, rng.choice(people)))
        people.append(friend)
    # One person named in two languages: the English name is the one shown.
    g.add((EX["friend/f0"], RDFS.label, Literal("Freund Null", lang="de")))
    g.add((EX["friend/f0"], RDFS.label, Literal("Friend Zero", lang="en")))
    for i in range(200):
        widget = EX[f"widget/w{i}"]
        g.add((widget, RDF.type, EX.Widget))
        g.add((widget, EX.madeBy, rng.choice(orgs)))
    for i in range(100):
        thing = EX[f"thing/t{i}"]
        g.add((thing, RDFS.label, Literal(f"Thing {i}")))
        g.add((thing, EX.near, EX[f"widget/w{i}"]))
    g.serialize(path, format="turtle")
    return path
