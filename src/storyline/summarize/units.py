"""Text units for the plain-sentence summary: re-split, cleaned, boilerplate dropped.

Multi-News gives the articles as lower-cased, tokenised web text, and a general
sentence splitter (pysbd) keeps whole runs of sentences together wherever a
quotation closes or a sentence starts in lower case (``… at this time . " bbc's
acting bureau chief tweeted …``): one "sentence" of a hundred words that the
selection must take or leave whole. The pages also bring their furniture with
them: AP photo captions glued to the lead by ``( associated press )``, datelines
(``washington ( ap ) —``, ``( cnn )``), ``story continued below``, BBC's
``media playback is unsupported on your device``, and whole sentences of site
boilerplate (the Wayback Machine's crawl notice, Twitter's location notice,
newsletter sign-ups) that several articles of a story share — which makes them
look well supported across articles. Each word of the budget spent on these is a
word of the story not told.

:func:`prepare_documents` turns each article's sentences into the units the
summary chooses from: split again at sentence ends the splitter missed, stripped
of the furniture above, and without the sentences listed as boilerplate. The
boilerplate list is counted from data (``priors.json``, ``boilerplate``): the
sentences that recur verbatim in the articles of several Multi-News stories and
that no summary of those stories kept, each stored as a hash of its
:func:`normal_form` (the corpus's text itself is not copied).

This only suits text without offsets to keep: the brief's summary works on the
parse's sentences, whose spans are its citations, and uses :func:`is_boilerplate`
alone.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import cache

# A sentence end the splitter missed: terminal punctuation, perhaps a closing or opening
# quotation mark, then a word in lower case.
_END = re.compile(r"([.?!]) (?:(\"|''|”|’) )?(?=[a-z(\[\"“])")
# Units shorter than this are not split off (``u.s. army``, ``no. 2``, ``a. m.``).
MIN_SPLIT_WORDS = 3
# Abbreviations a full stop does not end a sentence after (``portland , ore. , on tuesday``).
_ABBREVIATIONS = (
    "ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. ky. la. md. mass. "
    "mich. minn. miss. mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c. n.d. okla. ore. pa. "
    "r.i. s.c. s.d. tenn. tex. vt. va. wash. wis. w.va. wyo. d.c. inc. corp. co. ltd. jr. "
    "sr. dr. mr. mrs. ms. st. gov. sen. rep. gen. lt. col. sgt. capt. no. vs. a.m. p.m. "
    "u.s. u.k. e!"
)
ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())
# AP pages put the photo caption before the story, ended by this credit.
_AP_CAPTION = re.compile(r"^.*\(\s*associated press\s*\)\s*", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?:[a-z][\w.,' -]{0,50}?\s)?\(\s*(?:ap|cnn|reuters|afp|upi|cnsnews\.com|cnnmoney)\s*\)"
    r"\s*(?:[-—–:]+\s*)?",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"\b(?:story continued below|text size - \+ reset|"
    r"media playback is unsupported on your device(?: media caption)?|"
    r"image copyright .{0,40}? image caption|image caption|"
    r"enlarge this image toggle caption .{0,60}?getty images(?: .{0,40}?getty images)?|"
    r"advertisement)\s*",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9]+")


def normal_form(text: str) -> str:
    """Lower-case words and numbers joined by single spaces."""
    return " ".join(_WORD.findall(text.lower()))


def boilerplate_key(text: str) -> str:
    """The key of ``text`` in a boilerplate list: a short hash of its normal form."""
    return hashlib.blake2b(normal_form(text).encode("utf-8"), digest_size=8).hexdigest()


@cache
def _boilerplate() -> frozenset[str]:
    from storyline.summarize.core import default_priors

    return frozenset(default_priors().boilerplate)


def is_boilerplate(text: str, boilerplate: Iterable[str] | None = None) -> bool:
    """Whether ``text`` is a sentence of site boilerplate; ``boilerplate`` holds
    :func:`boilerplate_key` values (the shipped list by default)."""
    table = _boilerplate() if boilerplate is None else boilerplate
    return boilerplate_key(text) in table


def resplit(sentence: str) -> list[str]:
    """``sentence`` cut at the sentence ends a splitter missed; a quotation mark goes
    with the side whose quotation it closes or opens."""
    out: list[str] = []
    start = 0
    for m in _END.finditer(sentence):
        quote = m.group(2)
        if quote:
            # an odd number of plain quotes before it: this one closes a quotation
            closing = quote != '"' or sentence[start : m.start(2)].count('"') % 2 == 1
            at = m.end(2) if closing else m.start(2)
        else:
            at = m.end(1)
        piece = sentence[start:at].strip()
        words = piece.split()
        if len(words) >= MIN_SPLIT_WORDS and words[-1].lower() not in ABBREVIATIONS:
            out.append(piece)
            start = at
    rest = sentence[start:].strip()
    if rest:
        out.append(rest)
    return [_capitalise(p) for p in out]


def clean(sentence: str) -> str:
    """``sentence`` without a leading photo caption or dateline and without page furniture."""
    s = _AP_CAPTION.sub("", sentence)
    s = _DATELINE.sub("", s)
    return _capitalise(_FURNITURE.sub("", s).strip())


def _capitalise(s: str) -> str:
    return s[:1].upper() + s[1:]


def prepare_documents(
    docs: Sequence[Sequence[str]], boilerplate: Iterable[str] | None = None
) -> list[list[str]]:
    """The summary's units for each article (articles left with none are dropped);
    ``boilerplate`` as for :func:`is_boilerplate`."""
    table = _boilerplate() if boilerplate is None else frozenset(boilerplate)
    out = []
    for doc in docs:
        units = [clean(u) for s in doc for u in resplit(s)]
        units = [u for u in units if len(u.split()) >= 2 and boilerplate_key(u) not in table]
        if units:
            out.append(units)
    return out
