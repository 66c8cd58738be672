"""Opening phrases of resolution clauses, read from ``ontology/vocab/clauses.ttl``.

The structure stage uses :func:`opening_phrase` to cut a paragraph's verb ("Takes note with
appreciation", "Reaffirming also"); the graph uses :func:`clause_function` to type a citation
by what its clause does (reaffirms, recalls, welcomes, ...).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

ONTOLOGY = Path(os.environ.get("UNKG_ONTOLOGY", Path(__file__).resolve().parent.parent / "ontology"))
CLAUSES_TTL = ONTOLOGY / "vocab" / "clauses.ttl"
CLAUSE_NS = "https://w3id.org/unkg/vocab/clause/"

# Words that may follow a lexicon phrase and still belong to the opening phrase
# ("Requests, furthermore," / "Notes also" / "Reaffirming once again").
_TRAILING_ADVERBS = ("also", "further", "furthermore", "moreover", "again", "once again",
                     "in this regard", "in particular", "in addition", "therefore")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_TRAILING = re.compile(r",? (?:" + "|".join(re.escape(a) for a in _TRAILING_ADVERBS) + r")(,)?(?=[\s,]|$)")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], int]:
    """Map lower-cased opening phrase -> function key; and the longest phrase in words."""
    import rdflib
    from rdflib.namespace import SKOS

    g = rdflib.Graph()
    g.parse(CLAUSES_TTL, format="turtle")
    phrases: dict[str, str] = {}
    for concept, label in g.subject_objects(SKOS.altLabel):
        key = str(concept).removeprefix(CLAUSE_NS)
        phrases[" ".join(str(label).lower().split())] = key
    for concept, label in g.subject_objects(SKOS.prefLabel):
        if str(concept) != CLAUSE_NS:
            phrases.setdefault(" ".join(str(label).lower().split()), str(concept).removeprefix(CLAUSE_NS))
    longest = max((len(p.split()) for p in phrases), default=1)
    return phrases, longest


def _words(text: str, limit: int) -> list[re.Match]:
    return list(_WORD.finditer(text, 0, min(len(text), 200)))[:limit]


def known_opening(text: str) -> str | None:
    """The longest lexicon phrase the text opens with, as printed (None if there is none)."""
    phrases, longest = _lexicon()
    words = _words(text, longest + 1)
    best = None
    for n in range(min(len(words), longest), 0, -1):
        end = words[n - 1].end()
        candidate = text[: end]
        norm = " ".join(w.group(0).lower() for w in words[:n])
        # only plain spacing between the words (no punctuation inside the phrase)
        if norm in phrases and re.fullmatch(r"[A-Za-z'’ \-]+", candidate):
            best = candidate
            break
    return best


def opening_phrase(text: str, operative: bool = False) -> str | None:
    """The opening phrase of a clause as printed: the known phrase it starts with, extended by
    a trailing adverb ("Requests, furthermore,"); failing that, a participle or verb in the third
    person with the adverbs before it ("Deeply regretting", "Also decides")."""
    text = text.lstrip()
    found = known_opening(text)
    if found is None:
        m = re.match(r"((?:[A-Z][a-z]+ly |Also |Further |Once again |Again )?"
                      r"[A-Za-z][a-z-]+(?:ing|ed|es|s))\b", text)
        if not m or (m.group(1)[0].islower()):
            return None
        word = m.group(1).split()[-1].lower()
        # a noun at the start is not a clause verb ("Member States", "Nations")
        if not (word.endswith(("ing", "ed")) or operative):
            return None
        # a capitalised word next means a name ("United Nations"), not a clause
        if re.match(r"\s+[A-Z]", text[m.end():]):
            return None
        found = m.group(1)
    m = _TRAILING.match(text, len(found))
    if m:
        found += m.group(0)
    return found


def clause_function(verb: str | None) -> str:
    """What a clause does, from its opening phrase: a function key of the clause vocabulary
    (``reaffirms``, ``recalls``, ``welcomes``, ``takes-note``, ...; ``other`` if unknown)."""
    if not verb:
        return "other"
    phrases, _ = _lexicon()
    norm = " ".join(re.sub(r"[^A-Za-z' -]", " ", verb).lower().split())
    words = norm.split()
    for n in range(len(words), 0, -1):
        key = phrases.get(" ".join(words[:n]))
        if key:
            return key
    return "other"


#: a clause adopting a text that follows it ("Adopts the following outcome document:"); what
#: follows is not the resolution's own text
ADOPTS_FOLLOWING = re.compile(
    r"^(?:Adopts|Endorses|Approves|Proclaims)\b[^:;]{0,300}\bthe\s+following\b[^;]{0,400}:\s*$")


_ADVERB = re.compile(r"^(?:[A-Z]?[a-z]+ly|Also|also|Further|further|Again|again|Once|once|Furthermore)$")


def opens_operatively(text: str, *, known_only: bool = True) -> bool:
    """Whether a paragraph opens as an operative clause does, with a verb in the third person
    ("Approves", "Takes note", "Strongly condemns", "Also decides"), not with a participle or
    adjective ("Recalling", "Deeply concerned", "Mindful", "Conscious"). With ``known_only``
    the opening must be one of the clause vocabulary (``ontology/vocab/clauses.ttl``); without,
    the form of the first words decides (for markup that already says "operative part")."""
    opening = known_opening(text)
    if opening is None:
        if known_only:
            return False
        opening = text[:60]
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", opening)[:4]
    for i, word in enumerate(words):
        if i == 0 and not word[:1].isupper():
            return False
        if _ADVERB.match(word) and i < len(words) - 1:
            continue
        w = word.lower()
        return (len(w) > 3 and w.endswith("s") and not w.endswith(("ous", "ss", "us", "is", "ics"))
                and not w.endswith("ings"))
    return False
