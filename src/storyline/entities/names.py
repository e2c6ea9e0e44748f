"""Name normalisation shared by entity resolution and watchlist screening.

* :func:`clean_name` strips what is not part of a name: titles and ranks
  ("Maj. Gen.", "President"), a leading article, possessive endings.
* :func:`fold` gives a comparable form: case-folded, accents removed,
  punctuation dropped.
* :func:`skeleton` gives a transliteration-tolerant key per token: a consonant
  skeleton with the letter pairs that Persian, Arabic and Russian names are
  romanised with collapsed (q/k/kh/gh/c → k, zh/dj/j → j, w/v → v, z/s → s,
  doubled letters once, vowels dropped after the first letter). "Qassem", "Qasem",
  "Ghasem" and "Kasim" all
  become ``ksm``; "Soleimani", "Suleimani" and "Sulaimani" become ``slmn``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "lord",
        "lady",
        "gen",
        "general",
        "lt",
        "col",
        "colonel",
        "maj",
        "major",
        "brig",
        "brigadier",
        "adm",
        "admiral",
        "capt",
        "captain",
        "cmdr",
        "commander",
        "sgt",
        "sergeant",
        "marshal",
        "field",
        "president",
        "vice",
        "prime",
        "minister",
        "foreign",
        "defence",
        "defense",
        "secretary",
        "state",
        "chairman",
        "sen",
        "senator",
        "rep",
        "representative",
        "gov",
        "governor",
        "ambassador",
        "amb",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "shaikh",
        "ayatollah",
        "imam",
        "rev",
        "pope",
        "chief",
        "supreme",
        "leader",
        "deputy",
        "acting",
        "former",
        "late",
        "the",
        "iranian",
        "russian",
        "american",
    }
)
_POSSESSIVE = re.compile(r"(?:['’`]s|['’`])$", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w\s-]+", re.UNICODE)
_SPACES = re.compile(r"[\s\u00a0]+")
# The skeleton's letter rules, one pass each and the same as applying them in turn:
# digraphs (a leading "gh" and "kh" → k, "ghh" → k; "zh", "dzh", "dj" → j; "ph" → f),
# single letters (q/c → k, w → v, z → s), then doubled letters once.
_DIGRAPHS = re.compile(r"^ghh?|kh|dzh|zh|dj|ph")
_DIGRAPH_AS = {"ghh": "k", "gh": "k", "kh": "k", "dzh": "j", "zh": "j", "dj": "j", "ph": "f"}
_LETTERS = str.maketrans({"q": "k", "c": "k", "w": "v", "z": "s"})
_NO_VOWELS = str.maketrans("", "", "aeiouy")
_DOUBLES = re.compile(r"(.)\1+")


def _once(m: re.Match[str]) -> str:
    return m[1]


def _digraph_as(m: re.Match[str]) -> str:
    return _DIGRAPH_AS[m[0]]


def fold(text: str) -> str:
    """Lower-case, accents removed, punctuation dropped, spaces collapsed."""
    if text.isascii():  # nothing to decompose
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = _NON_WORD.sub(" ", plain.replace("-", " "))
    return _SPACES.sub(" ", plain).strip()


def clean_name(text: str, person: bool = True) -> str:
    """The name without possessive ending and leading article, and for a person
    without titles and ranks ("Gen. X’s" → "X")."""
    text = _SPACES.sub(" ", text).strip()
    text = _POSSESSIVE.sub("", text)
    tokens = text.split(" ")
    strip = TITLES if person else frozenset({"the"})
    while len(tokens) > 1 and (fold(tokens[0]) in strip or _POSSESSIVE.search(tokens[0])):
        tokens = tokens[1:]
    return " ".join(tokens).strip(" ,;:-")


@lru_cache(maxsize=131_072)
def skeleton_token(token: str) -> str:
    """Consonant skeleton of one folded token ("qassem" → "ksm")."""
    if not token:
        return ""
    if "h" in token or "dj" in token:  # every digraph has one of them
        token = _DIGRAPHS.sub(_digraph_as, token)
    key = token.translate(_LETTERS)
    key = _DOUBLES.sub(_once, key)
    head, rest = key[0], key[1:].translate(_NO_VOWELS)
    if head in "aeiouy":
        head = "a"
    return _DOUBLES.sub(_once, head + rest)


def skeleton(name: str) -> str:
    """Transliteration-tolerant key of a whole name ("Qasem Soleimani" → "ksm slmn")."""
    return " ".join(skeleton_token(t) for t in fold(name).split())


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def syllables(name: str) -> tuple[int, ...]:
    """Vowel groups per token: romanisations change vowels, rarely their number
    ("Soleimani", "Sulaymani": 4; "Salman": 2)."""
    return tuple(len(_VOWEL_GROUPS.findall(t)) for t in fold(name).split())


def same_name(a: str, b: str) -> bool:
    """Whether two names are spelling variants of one another.

    A skeleton drops vowels, so unrelated names can share one ("Soleimani",
    "Salman"): variants must also have as many vowel groups in each token.
    """
    return skeleton(a) == skeleton(b) and syllables(a) == syllables(b)


def initials(name: str) -> str:
    """Initials of the capitalised words of a name.

    "Islamic Revolutionary Guard Corps" → "IRGC".
    """
    words = re.findall(r"[A-Za-z][\w]*", name)
    return "".join(w[0].upper() for w in words if w[0].isupper())


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def without_name_parts(names: list[str]) -> list[str]:
    """``names`` without a one-word name that ends another of them ("Sallowmere" beside
    "Port Sallowmere"), in their order: for a list shown to a reader."""
    ends = {n.split()[-1] for n in names if " " in n.strip()}
    return [n for n in names if " " in n.strip() or n not in ends]
