"""The irkg ontology terms as checked constants, and the vocabularies irkg aligns with.

Misspelling a term raises ``AttributeError`` instead of minting a new IRI
(``_fail = True``); a test checks :class:`IRKG` against ``irkg.ttl`` both ways.
"""

from __future__ import annotations

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["DCTERMS", "IRKG", "ORG", "OWL", "PROV", "RDF", "RDFS", "SCHEMA", "SKOS", "TIME", "XSD"]

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")


class IRKG(DefinedNamespace):
    """The irkg ontology, ``https://w3id.org/irkg/ontology#``."""

    _fail = True
    _NS = Namespace("https://w3id.org/irkg/ontology#")

    # classes
    Agent: URIRef  # Something that acts: a person, an organisation or a country.
    Agreement: URIRef  # An arrangement between parties, signed, under negotiation or proposed.
    AssertionGraph: URIRef  # A named graph that holds the facts one paragraph of a source ...
    BilateralMeeting: URIRef  # A meeting between officials of two countries.
    Bloc: URIRef  # A grouping of some states around shared interests, such as BRICS, the SCO, ...
    BusinessForum: URIRef  # A gathering of business people and officials about trade and ...
    CalendarYear: URIRef  # A year from 1 January to 31 December.
    Change: URIRef  # A stated change between two observations, such as a five-fold rise; the ...
    City: URIRef  # A city or port.
    Claim: URIRef  # One thing a paragraph of a source says, in irkg's own words, with the facts ...
    Commodity: URIRef  # A traded good, such as crude oil.
    CommodityFlow: URIRef  # A commodity moving from an exporter to an importer, such as Russian ...
    Concept: URIRef  # A term of one of irkg's concept schemes.
    Country: URIRef  # A sovereign state, taken both as a place and as an actor.
    Entity: URIRef  # Anything the graph describes by a curated id: every other irkg class is ...
    Event: URIRef  # Something that happens at a place and time.
    Film: URIRef  # A motion picture.
    FiscalYear: URIRef  # India's fiscal year, from 1 April to 31 March of the next year (FY25 ...
    Flow: URIRef  # Which way a trade figure counts, from the reporter's side: total, exports, ...
    GovernmentBody: URIRef  # A ministry, office or other organ of a state.
    IndustryBody: URIRef  # A chamber of commerce or business lobby, such as FICCI.
    Initiative: URIRef  # Something one or more agents pledge, work on or look into, such as ...
    Measure: URIRef  # What an observation measures, such as trade value or GDP.
    Mechanism: URIRef  # A standing arrangement, such as regular regulator meetings or a payment ...
    MediaOutlet: URIRef  # A newspaper, broadcaster or news site.
    Mention: URIRef  # A span of a paragraph's text that names an entity the graph knows, found ...
    MultilateralOrganization: URIRef  # An organisation or forum whose members are states, such ...
    NewsArticle: URIRef  # A news report, the usual source of irkg's facts.
    Observation: URIRef  # A figure a source states: a typed value with its unit and what it ...
    Organization: URIRef  # A body of people with a shared purpose.
    Penalty: URIRef  # A punitive measure imposed for some conduct.
    Period: URIRef  # An interval of time; its start and end dates are given where known.
    Person: URIRef  # A human being, such as a minister or an analyst.
    Place: URIRef  # A location on Earth.
    PolicyMeasure: URIRef  # An action of a government aimed at another country's trade or conduct.
    Post: URIRef  # An office that a person holds, such as India's Minister of External Affairs.
    Record: URIRef  # A fact with several parts, kept as a node of its own: an observation, a ...
    Region: URIRef  # A geographic region larger or other than a city, such as the Arctic or the ...
    Route: URIRef  # A transport route or corridor that carries goods between places.
    Sanction: URIRef  # A restriction imposed on a country, firm or trade.
    Sector: URIRef  # A branch of the economy, such as pharmaceuticals or textiles.
    SourceDocument: URIRef  # A document that facts are taken from; the curated background is ...
    StateVisit: URIRef  # A head of state's official visit to another country.
    Statement: URIRef  # Something an agent said: a summary in irkg's words and, where the ...
    Summit: URIRef  # A high-level gathering of leaders or ministers.
    Target: URIRef  # A goal for a figure by a period, such as 100 billion dollars of trade by 2030.
    Tariff: URIRef  # A duty charged on imported goods.
    TermsOfReference: URIRef  # A document that sets the scope of a negotiation.
    ThinkTank: URIRef  # A research organisation that studies policy, such as GTRI.
    Topic: URIRef  # A subject of discussion, such as the conflict in Ukraine or payment mechanisms.
    TradeAgreement: URIRef  # An agreement on trade between parties, such as a free trade agreement.
    TradeObservation: URIRef  # A trade figure between a reporter and a partner for a period and ...
    Unit: URIRef  # A unit of measure, such as billions of US dollars or per cent.

    # properties
    about: URIRef  # Something the statement speaks of.
    advocates: URIRef  # The agent argues for the idea or policy, such as a multipolar world order.
    anchorOf: URIRef  # The mention's exact wording in the paragraph ('Russia's', 'U.S.').
    basedIn: URIRef  # The country the organisation belongs to or works from.
    beginIndex: (
        URIRef  # Where the mention begins in its paragraph's text: the index of its first ...
    )
    beneficiary: URIRef  # The agent the arrangement is meant to help.
    carriedBy: URIRef  # A fact that carries the claim: a record or entity the paragraph ...
    causedBy: URIRef  # The subject followed from, or was driven by, the object, as the source ...
    cites: URIRef  # The document relies on, or reports, the other document.
    claimNumber: URIRef  # The claim's place in its paragraph's list, counting from 1.
    commodity: URIRef  # The good that flows.
    comparator: URIRef  # How the true figure relates to the value when the source gives a ...
    concerns: URIRef  # The subject is about, or bears on, the object.
    connects: URIRef  # The route links this place (an end point or a country it joins).
    counters: URIRef  # The subject is meant to offset the effect of the measure.
    countryOfOrigin: URIRef  # A country that produced the film.
    currency: URIRef  # ISO 4217 code of the unit's currency, if it is money.
    date: URIRef  # The day something happened or was published.
    dateNote: URIRef  # What the source says about when, if it gives no full date ('on ...
    dateline: URIRef  # The place the report is filed from.
    deadline: URIRef  # The period by which the target is to be met ('by 2030'): a deadline, not ...
    discussed: URIRef  # The subject was on the agenda of the event.
    endDate: URIRef  # The last day of the period.
    endIndex: URIRef  # Where the mention ends in its paragraph's text: the index just after its ...
    expectedEffect: URIRef  # What the source expects the subject to bring about, such as lower ...
    exporter: URIRef  # The side that sells the commodity.
    flow: URIRef  # Which trade flow the figure counts, from the reporter's side.
    foundedBy: URIRef  # The organisation was founded or co-founded by the person.
    founderOf: URIRef  # The person founded or co-founded the organisation.
    frequency: URIRef  # How often a mechanism meets or acts ('quarterly').
    fromObservation: URIRef  # The earlier figure of a change.
    hasConcern: URIRef  # The agent regards the matter as a worry or a priority.
    hasFocus: URIRef  # Something the initiative centres on.
    hasMember: URIRef  # The organisation or bloc counts the object among its members.
    hasPart: URIRef  # The event included the smaller event.
    hasParticipant: URIRef  # The event had the agent among its participants.
    hasParty: URIRef  # The agent is a party to the agreement, signed or under negotiation.
    heldBy: URIRef  # The office is held by the person.
    heldIn: URIRef  # The event took place in the place.
    holdsPost: URIRef  # The person holds the office.
    importer: URIRef  # The side that buys the commodity.
    imposedBy: URIRef  # The agent that imposed the measure.
    inSurplusWith: URIRef  # The subject sells the object more than it buys from it: trade ...
    inTensionWith: URIRef  # Relations between the two agents are described as strained.
    largelyCausedBy: URIRef  # The subject was driven mostly, though not only, by the object ...
    launchesNegotiationsFor: URIRef  # Signing the terms of reference opens negotiations for the ...
    locatedIn: URIRef  # The subject lies within the place; transitive, so a city in a region in ...
    measure: URIRef  # What the observation or target measures.
    memberOf: URIRef  # The subject is a member of the organisation or bloc.
    mentionOf: URIRef  # The entity a mention names.
    multiplier: URIRef  # The factor that turns a value in this unit into the base unit (1e9 for ...
    offeredBy: URIRef  # The agent that offered or promised the arrangement.
    organisedBy: URIRef  # The agent organised the event.
    namedYear: URIRef  # The year a period is named by when the source leaves its exact dates ...
    paragraph: URIRef  # The paragraph of the source document that states the graph's facts, ...
    paragraphText: (
        URIRef  # The text of a paragraph of an ingested article, as read; its mentions ...
    )
    partOf: URIRef  # The event took place as part of, or during, the larger event.
    participatedIn: URIRef  # The agent took part in the event.
    partner: URIRef  # The other side of the trade the figure counts.
    partyTo: URIRef  # The agent is a party to the agreement.
    passesThrough: URIRef  # The route runs through this place on its way.
    period: URIRef  # The time the figure covers.
    platform: URIRef  # A multilateral organisation or forum the initiative is to be carried out in.
    popularIn: URIRef  # The work was widely loved by audiences in the place.
    postIn: URIRef  # The office belongs to this government, body or country.
    precision: URIRef  # How exactly the source fixes the period: 'year', 'fiscal year', ...
    publisher: URIRef  # The outlet that published the document.
    publisherName: URIRef  # The outlet that published the document, by name, as the page or the ...
    pursuedBy: URIRef  # An agent that pledges, works on or looks into the initiative.
    qualifier: URIRef  # How the source characterises the figure, such as 'all-time high' or ...
    quote: URIRef  # A short quotation, verbatim as the source attributes it to the speaker.
    refersTo: URIRef  # The thing a figure describes, when it is not a trade flow (the GDP of an ...
    releasePeriod: URIRef  # When the film is or was to be released, as precisely as the source ...
    reportedIn: URIRef  # A document that reports on the subject.
    reporter: URIRef  # The country from whose side a trade figure is counted (its exports, its ...
    seedFile: URIRef  # The file name of the source text the curators read.
    setBy: URIRef  # An agent that fixed the target.
    speaker: URIRef  # Who made the statement.
    startDate: URIRef  # The first day of the period.
    statedAt: URIRef  # The event at which the statement was made.
    statedBy: URIRef  # The agent the source credits with the figure or claim.
    statedCount: URIRef  # How many items the source says there are, which may be more than it ...
    statedMultiple: URIRef  # The factor the source gives for a change (5 for five-fold); its ...
    status: URIRef  # Where an agreement, mechanism or initiative stands, as the source gives ...
    strategicPartnerOf: URIRef  # The two countries describe their relationship as a strategic ...
    summary: URIRef  # What the statement or paragraph says, in irkg's own words.
    targets: URIRef  # The agent the measure is aimed at.
    text: URIRef  # The claim, in one short sentence of irkg's own words.
    toObservation: URIRef  # The later figure of a change.
    trend: URIRef  # Which way the source says something is moving ('rising', 'falling').
    unit: URIRef  # The unit of the value.
    unmodelledBecause: URIRef  # Why no fact carries the claim: what the graph leaves out, and why.
    url: URIRef  # The address the document was published at, as recorded; irkg never opens it.
    value: URIRef  # The number, in the record's unit.
    visitor: URIRef  # The head of state or government who made the visit.
    wording: URIRef  # The source's own words for a figure or change, such as 'trade imbalance' ...
