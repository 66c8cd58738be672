"""Checks of the SKOS vocabularies in ontology/vocab/ (data, read by kg.vocab)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
import rdflib
from rdflib.namespace import RDF, SKOS

from kg import vocab
from kg.evaluate import vocab_ids

UNKG = rdflib.Namespace(vocab.UNKG)
CLASSES = {
    "instrument": {UNKG.Convention, UNKG.Protocol, UNKG.Declaration, UNKG.RulesAndStandards, UNKG.Strategy},
    "body": {UNKG.Body},
    "crime_category": {UNKG.CrimeCategory},
    "member_state": {UNKG.MemberState},
    "place": {UNKG.Place},
}


@pytest.fixture(scope="module")
def voc() -> vocab.Vocabulary:
    return vocab.load()


@pytest.mark.parametrize("name,type_", sorted(vocab.SCHEMES.items()))
def test_every_concept_has_label_notation_scheme_and_class(name, type_):
    path = vocab.VOCAB_DIR / name
    assert path.exists(), f"{path} is missing"
    g = rdflib.Graph().parse(path, format="turtle")
    schemes = set(g.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 1, f"{name} should define one skos:ConceptScheme, has {len(schemes)}"
    problems = []
    for s in sorted(set(g.subjects(RDF.type, SKOS.Concept))):
        if not list(g.objects(s, SKOS.prefLabel)):
            problems.append(f"{s}: no skos:prefLabel")
        if not [o for o in g.objects(s, SKOS.notation) if o.datatype is None]:
            problems.append(f"{s}: no plain skos:notation")
        if set(g.objects(s, SKOS.inScheme)) != schemes:
            problems.append(f"{s}: not in the file's scheme")
        if not set(g.objects(s, RDF.type)) & CLASSES[type_]:
            problems.append(f"{s}: none of the classes {sorted(CLASSES[type_])}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("type_", sorted(CLASSES))
def test_notations_are_unique_within_a_type(voc, type_):
    seen = defaultdict(list)
    for c in voc.of_type(type_):
        seen[c.notation].append(c.iri)
    assert not {n: iris for n, iris in seen.items() if len(iris) > 1}


@pytest.mark.parametrize("type_", sorted(CLASSES))
def test_no_label_names_two_concepts_of_one_type(voc, type_):
    # short forms shared on purpose ("the Convention") are unkg:anaphor, not labels
    seen = defaultdict(set)
    for c in voc.of_type(type_):
        for label in c.labels:
            seen[label.casefold()].add(c.notation)
    shared = {label: sorted(n) for label, n in seen.items() if len(n) > 1}
    assert not shared, f"labels naming two {type_} concepts: {shared}"


def test_no_label_names_concepts_of_two_types(voc):
    seen = defaultdict(set)
    for c in voc.concepts:
        for label in c.labels:
            seen[label.casefold()].add(f"{c.type}:{c.notation}")
    assert not {label: n for label, n in seen.items() if len(n) > 1}


def test_every_vocab_md_id_is_a_concept(voc, gold_dir):
    wanted = vocab_ids(gold_dir)
    types = {"instruments": "instrument", "bodies": "body", "crime_categories": "crime_category"}
    missing = [f"{types[section]} {i}" for section, ids in wanted.items() for i in sorted(ids)
               if voc.get(types[section], i) is None]
    assert not missing, f"VOCAB.md ids without a concept: {missing}"


def test_the_nine_citing_bodies_keep_their_citation_keys(voc):
    keys = {c.notation: (c.resolution_type, c.symbol_prefix or c.citation_key) for c in voc.citing_bodies()}
    assert keys == {
        "GA": ("GA resolution", "A/RES/"), "ECOSOC": ("ECOSOC resolution", "E/RES/"),
        "SC": ("SC resolution", "S/RES/"), "CCPCJ": ("CCPCJ resolution", "CCPCJ"),
        "CND": ("CND resolution", "CND"), "CSW": ("CSW resolution", "CSW"),
        "HRC": ("HRC resolution", "HRC"), "COP-UNTOC": ("COP-UNTOC resolution", "COP-UNTOC"),
        "COSP-UNCAC": ("COSP-UNCAC resolution", "COSP-UNCAC"),
    }


# -- Member States ----------------------------------------------------------------------------

def test_all_member_states_and_the_two_observer_states(voc):
    states = voc.of_type("member_state")
    assert len(states) == 195, f"{len(states)} States: expected 193 Member States and 2 observer States"
    for c in states:
        assert c.notation == c.codes.get("iso3166Alpha3"), f"{c.pref_label}: notation is not its alpha-3 code"
        assert len(c.codes.get("iso3166Alpha2", "")) == 2, f"{c.pref_label}: no ISO 3166 alpha-2 code"


STATE_NAMES = [
    ("Bolivia (Plurinational State of)", "BOL"), ("Türkiye", "TUR"), ("Turkey", "TUR"),
    ("Côte d'Ivoire", "CIV"), ("Côte d’Ivoire", "CIV"), ("Swaziland", "SWZ"), ("Eswatini", "SWZ"),
    ("the former Yugoslav Republic of Macedonia", "MKD"), ("North Macedonia", "MKD"),
    ("Czech Republic", "CZE"), ("Czechia", "CZE"), ("Holy See", "VAT"), ("State of Palestine", "PSE"),
    ("Viet Nam", "VNM"), ("Micronesia (Federated States of)", "FSM"), ("Trinidad and Tobago", "TTO"),
    ("United Kingdom of Great Britain and Northern Ireland", "GBR"), ("Cabo Verde", "CPV"),
    ("Cape Verde", "CPV"), ("Democratic People's Republic of Korea", "PRK"),
    ("Netherlands", "NLD"), ("Venezuela (Bolivarian Republic of)", "VEN"),
]


@pytest.mark.parametrize("name,alpha3", STATE_NAMES)
def test_current_and_historical_state_names_resolve_to_one_state(voc, name, alpha3):
    found = voc.by_label("member_state", name)
    assert [c.notation for c in found] == [alpha3], f"{name!r} names {[c.notation for c in found]}"


def test_sponsor_splitter_sees_state_names():
    labels = vocab.state_labels()
    assert "trinidad and tobago" in labels and "the former yugoslav republic of macedonia" in labels


# -- instruments ------------------------------------------------------------------------------

UNTS = [("UNTOC", "39574"), ("TIP-PROTOCOL", "39574"), ("SOM-PROTOCOL", "39574"),
        ("FIREARMS-PROTOCOL", "39574"), ("UNCAC", "42146"), ("SINGLE-CONVENTION-1961", "14152"),
        ("PSYCHOTROPIC-1971", "14956"), ("TRAFFIC-1988", "27627"), ("CRC", "27531"), ("ATT", "52373")]


@pytest.mark.parametrize("notation,registration", UNTS)
def test_treaties_carry_their_treaty_series_registration(voc, notation, registration):
    c = voc.get("instrument", notation)
    assert c is not None and registration in c.codes_all.get("untsRegistration", ()), \
        f"{notation} should carry UNTS registration {registration}"


@pytest.mark.parametrize("volume,notation", [("2225", "UNTOC"), ("2237", "TIP-PROTOCOL"),
                                             ("2241", "SOM-PROTOCOL"), ("2326", "FIREARMS-PROTOCOL"),
                                             ("976", "SINGLE-CONVENTION-1961")])
def test_treaty_series_volume_tells_the_instrument(voc, volume, notation):
    registration = voc.get("instrument", notation).codes_all["untsRegistration"][0]
    assert [c.notation for c in voc.unts_instruments(registration, volume)] == [notation]


@pytest.mark.parametrize("protocol", ["TIP-PROTOCOL", "SOM-PROTOCOL", "FIREARMS-PROTOCOL"])
def test_the_three_protocols_supplement_the_organized_crime_convention(voc, protocol):
    assert voc.get("instrument", protocol).broader == (voc.get("instrument", "UNTOC").iri,)


def test_conferences_of_the_parties_name_their_treaty(voc):
    assert voc.get("body", "COP-UNTOC").conference_of == (voc.get("instrument", "UNTOC").iri,)
    assert voc.get("body", "COSP-UNCAC").conference_of == (voc.get("instrument", "UNCAC").iri,)


@pytest.mark.parametrize("notation", ["ATT", "CYBERCRIME-CONVENTION", "KYOTO-DECLARATION",
                                      "NELSON-MANDELA-RULES", "BANGKOK-RULES", "BEIJING-RULES",
                                      "TOKYO-RULES", "RIYADH-GUIDELINES", "UNCAC-REVIEW-MECHANISM",
                                      "STATELESSNESS-CONVENTION", "ILO-29-PROTOCOL"])
def test_instruments_beyond_the_seeds(voc, notation):
    assert voc.get("instrument", notation) is not None


@pytest.mark.parametrize("notation", ["UNOCT", "INCB", "INTERPOL", "UNICRI", "CONGRESS-12",
                                      "CONGRESS-13", "CONGRESS-14", "CONGRESS-15", "CEDAW-COMMITTEE",
                                      "CERD-COMMITTEE", "CESCR", "CMW-COMMITTEE", "CRPD-COMMITTEE"])
def test_bodies_beyond_the_seeds(voc, notation):
    assert voc.get("body", notation) is not None


# -- crime categories -------------------------------------------------------------------------

def test_crime_codes_nest_as_the_iccs_nests_them(voc):
    by_iri = voc.by_iri
    problems = []
    for c in voc.of_type("crime_category"):
        code = c.codes.get("iccsCode")
        parent = by_iri.get(c.broader[0]) if c.broader else None
        while parent is not None and "iccsCode" not in parent.codes:
            parent = by_iri.get(parent.broader[0]) if parent.broader else None
        if code and parent is not None and not code.startswith(parent.codes["iccsCode"]):
            problems.append(f"{c.notation} ({code}) is under {parent.notation} ({parent.codes['iccsCode']})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("notation,section", [("trafficking in persons", "ICCS-02"),
                                              ("money-laundering", "ICCS-07"), ("bribery", "ICCS-07"),
                                              ("financing of terrorism", "ICCS-09"),
                                              ("smuggling of migrants", "ICCS-08"), ("wildlife crime", "ICCS-10"),
                                              ("piracy", "ICCS-11"), ("drug trafficking", "ICCS-06")])
def test_crime_categories_sit_in_their_iccs_section(voc, notation, section):
    c = voc.get("crime_category", notation)
    chain = []
    while c is not None:
        chain.append(c.notation)
        c = voc.by_iri.get(c.broader[0]) if c.broader else None
    assert chain[-1] == section, f"{notation}: broader chain {chain}"


@pytest.mark.parametrize("label,notation", [("money laundering", "money-laundering"),
                                            ("money-laundering", "money-laundering"),
                                            ("human trafficking", "trafficking in persons"),
                                            ("organized crime", "transnational organized crime"),
                                            ("identity theft", "identity-related crime"),
                                            ("anti-trafficking", "trafficking in persons"),
                                            ("victims of trafficking", "trafficking in persons"),
                                            ("trafficking victims", "trafficking in persons"),
                                            ("corrupt acts", "corruption"),
                                            ("child abuse materials", "child sexual exploitation"),
                                            ("domestic violence", "violence against women and girls")])
def test_crime_variants_are_labels_of_one_category(voc, label, notation):
    assert [c.notation for c in voc.by_label("crime_category", label)] == [notation]


# -- short forms ------------------------------------------------------------------------------

@pytest.mark.parametrize("type_,notation,anaphor", [
    ("instrument", "UNTOC", "the Convention"), ("instrument", "TIP-PROTOCOL", "the Protocols thereto"),
    ("body", "UNODC", "the Office"), ("body", "CCPCJ", "the Commission"),
    ("body", "COP-UNTOC", "the Conference"), ("body", "CONGRESS-13", "the Congress"),
])
def test_short_forms_are_anaphors(voc, type_, notation, anaphor):
    assert anaphor in voc.get(type_, notation).anaphors


def test_no_short_form_is_a_name_with_an_article(voc):
    # "the Organized Crime Convention" as a short form would hide the name inside it
    labels = {label.casefold() for c in voc.concepts for label in c.labels}
    bad = [f"{c.notation}: {a!r}" for c in voc.concepts for a in c.anaphors
           if a.split(" ", 1)[0] in ("the", "its") and a.split(" ", 1)[-1].casefold() in labels]
    assert not bad, f"short forms that are names: {bad}"


def test_crime_labels_are_printed_in_lower_case(voc):
    # the extractor reads a crime term printed in title case as part of a name ("World Wildlife
    # Crime Report"); a label with a capitalised word would hide itself from that rule
    allowed = {"Internet"}  # a proper noun inside a running-text label
    bad = [f"{c.notation}: {label!r}" for c in voc.of_type("crime_category") if not c.notation.startswith("ICCS-")
           for label in c.labels
           if any(w[0].isupper() and w not in allowed for w in re.findall(r"[^\W\d_]+", label))]
    assert not bad, f"crime labels with capitalised words: {bad}"


def test_heads_of_crime_labels_carry_their_objects(voc):
    # coordinated crime terms ("violence and discrimination against women", "the financing of
    # other crimes and terrorism") are read through labels "<head> <preposition> <object>"
    from kg.entities import pipeline

    pipe = pipeline()
    for head, obj, notation in [("violence", "women", "violence against women and girls"),
                                ("violence", "children", "violence against children"),
                                ("financing", "terrorism", "financing of terrorism"),
                                ("trafficking", "persons", "trafficking in persons")]:
        prep = "against" if head == "violence" else ("of" if head == "financing" else "in")
        concept = pipe.crime_objects.get(obj, {}).get((head, prep))
        assert concept is not None and concept.notation == notation, \
            f"no label '{head} {prep} {obj}' of {notation}"
