"""The SKOS vocabularies of ``ontology/vocab/``: instruments, bodies, crime categories, Member
States and places, read once and shared by the extractor (matchers, citation grammar) and the
graph. No list of names lives in Python: every name, alias and code comes from these files.

Files and what they hold (each a ``skos:ConceptScheme``):

* ``instruments.ttl``       conventions, protocols, declarations, rules, strategies (mention type ``instrument``)
* ``bodies.ttl``            organs, subsidiary bodies, offices, conferences (``body``)
* ``crime-categories.ttl``  crime categories arranged as ICCS arranges them (``crime_category``)
* ``member-states.ttl``     Member and observer States, historical names as altLabels (``member_state``)
* ``places.ttl``            cities and regions (``place``)

Surface forms matched in text are a concept's ``skos:prefLabel``, ``skos:altLabel``,
``skos:hiddenLabel`` and ``unkg:shortLabel``. ``skos:notation`` (plain literal) is the concept's
id in records (the ids of ``shared/gold/VOCAB.md`` where it lists the concept).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ONTOLOGY = Path(os.environ.get("UNKG_ONTOLOGY", Path(__file__).resolve().parent.parent / "ontology"))
VOCAB_DIR = ONTOLOGY / "vocab"

UNKG = "https://w3id.org/unkg/ontology#"
ID_BASE = "https://w3id.org/unkg/id/"

#: vocabulary file -> mention type of its concepts
SCHEMES = {
    "instruments.ttl": "instrument",
    "bodies.ttl": "body",
    "crime-categories.ttl": "crime_category",
    "member-states.ttl": "member_state",
    "places.ttl": "place",
}


@dataclass(frozen=True)
class Concept:
    """One concept of a vocabulary, with everything the extractor and the graph need of it."""

    iri: str
    type: str  # mention type: instrument | body | crime_category | member_state | place
    notation: str  # plain skos:notation: the record's id
    pref_label: str
    labels: tuple[str, ...] = ()  # every surface form: pref, alt, hidden and short labels
    short_label: str | None = None  # for display: "UNTOC", "UNODC"
    classes: tuple[str, ...] = ()  # rdf:type IRIs (unkg:Convention, unkg:Body, ...)
    broader: tuple[str, ...] = ()  # IRIs of skos:broader concepts
    anaphors: tuple[str, ...] = ()  # "the Convention", "the Office" (concept or class level)
    citation_key: str | None = None  # "CCPCJ", "COP-UNTOC": prefix of targets without a symbol
    resolution_type: str | None = None  # "CCPCJ resolution": target type of its resolutions
    symbol_prefix: str | None = None  # "A/RES/": symbol prefix of its resolutions
    codes: dict[str, str] = field(default_factory=dict, compare=False, hash=False)  # property local name -> value
    codes_all: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)  # every value
    conference_of: tuple[str, ...] = ()  # IRIs of the treaties whose parties a conference gathers
    hidden_labels: tuple[str, ...] = ()  # the subset of ``labels`` that are skos:hiddenLabel


@dataclass
class Vocabulary:
    concepts: list[Concept]

    def __post_init__(self) -> None:
        self.by_iri = {c.iri: c for c in self.concepts}
        self._by_notation = {(c.type, c.notation): c for c in self.concepts}

    def of_type(self, type_: str) -> list[Concept]:
        return [c for c in self.concepts if c.type == type_]

    def get(self, type_: str, notation: str) -> Concept | None:
        return self._by_notation.get((type_, notation))

    def by_label(self, type_: str, label: str) -> list[Concept]:
        """Concepts of ``type_`` that carry ``label`` (any surface form, case ignored)."""
        key = label.casefold()
        return [c for c in self.of_type(type_) if any(lab.casefold() == key for lab in c.labels)]

    def unts_instruments(self, registration: str, volume: str | None = None) -> list[Concept]:
        """Instruments registered in the Treaty Series under ``registration``, narrowed to the
        one printed in ``volume`` where a volume is given and one matches (UNTS 2237/39574 is
        the Trafficking in Persons Protocol; UNTS 2225/39574 the Convention itself)."""
        found = [c for c in self.of_type("instrument")
                 if registration in c.codes_all.get("untsRegistration", ())]
        if volume is not None:
            exact = [c for c in found if volume in c.codes_all.get("untsVolume", ())]
            if exact:
                return exact
        return found

    def citing_bodies(self) -> list[Concept]:
        """Bodies whose resolutions can be cited (they carry a resolution type)."""
        return [c for c in self.concepts if c.resolution_type]


def vocab_files(directory: Path | None = None) -> list[Path]:
    d = directory or VOCAB_DIR
    return [d / name for name in SCHEMES if (d / name).exists()]


@lru_cache(maxsize=4)
def load(directory: str | None = None) -> Vocabulary:
    """Read every vocabulary file of ``directory`` (default ``ontology/vocab``) once."""
    import rdflib
    from rdflib.namespace import RDF, SKOS

    d = Path(directory) if directory else VOCAB_DIR
    unkg = rdflib.Namespace(UNKG)
    ontology = rdflib.Graph()
    if (d.parent / "unkg.ttl").exists():
        ontology.parse(d.parent / "unkg.ttl", format="turtle")
    concepts: list[Concept] = []
    for name, type_ in SCHEMES.items():
        path = d / name
        if not path.exists():
            continue
        g = rdflib.Graph()
        g.parse(path, format="turtle")
        graph = g + ontology  # class-level anaphors live on classes, in either file

        def lits(s, p, graph=graph):
            return sorted({str(o) for o in graph.objects(s, p) if isinstance(o, rdflib.Literal)})

        for s in sorted(set(g.subjects(RDF.type, SKOS.Concept))):
            notations = [str(o) for o in g.objects(s, SKOS.notation)
                         if isinstance(o, rdflib.Literal) and o.datatype is None]
            pref = lits(s, SKOS.prefLabel)
            if not notations or not pref:
                raise ValueError(f"{path}: concept {s} needs a plain skos:notation and a skos:prefLabel")
            classes = tuple(sorted(str(o) for o in g.objects(s, RDF.type) if o != SKOS.Concept))
            anaphors = set(lits(s, unkg.anaphor))
            for cls in classes:
                anaphors.update(lits(rdflib.URIRef(cls), unkg.anaphor))
            short = lits(s, unkg.shortLabel)
            hidden = lits(s, SKOS.hiddenLabel)
            labels = {*pref, *lits(s, SKOS.altLabel), *hidden, *short}
            codes: dict[str, str] = {}
            codes_all: dict[str, list[str]] = {}
            for p, o in sorted(g.predicate_objects(s)):
                if str(p).startswith(UNKG) and isinstance(o, rdflib.Literal):
                    codes.setdefault(str(p).removeprefix(UNKG), str(o))
                    codes_all.setdefault(str(p).removeprefix(UNKG), []).append(str(o))
            concepts.append(Concept(
                iri=str(s), type=type_, notation=notations[0], pref_label=pref[0],
                labels=tuple(sorted(labels)), short_label=short[0] if short else None,
                classes=classes,
                broader=tuple(sorted(str(o) for o in g.objects(s, SKOS.broader))),
                anaphors=tuple(sorted(anaphors)),
                citation_key=codes.get("citationKey"), resolution_type=codes.get("resolutionType"),
                symbol_prefix=codes.get("symbolPrefix"), codes=codes,
                codes_all={k: tuple(v) for k, v in codes_all.items()},
                conference_of=tuple(sorted(str(o) for o in g.objects(s, unkg.conferenceOf))),
                hidden_labels=tuple(hidden),
            ))
    return Vocabulary(concepts)


@lru_cache(maxsize=1)
def state_labels() -> set[str]:
    """Every name of a Member State, lower-cased (used to split sponsor lists)."""
    return {label.lower() for c in load().of_type("member_state") for label in c.labels}
