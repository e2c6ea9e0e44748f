"""What an article says about the people it names, and who its descriptions refer to.

* :func:`person_context`: role nouns and nationalities given to a person mention —
  by its own title words ("Iranian General Qasem Soleimani"), by the words right
  before it ("Iranian Quds Force commander Qassem Soleimani", "Russian President
  Vladimir Putin") and by an apposition after it ("Qassem Soleimani, the commander
  of Iran’s …").
* :func:`find_descriptions`: noun phrases that describe a person without naming
  them ("a top Iranian general", "the Russian president").
* :func:`pick_referent`: the one person of an article a description fits, with the
  features that decided it (role and nationality agreement, evidence from the same
  article counting more than evidence from others); ``None`` when no person fits
  clearly.

Nationalities are ISO 3166 codes resolved from demonyms and country names by
rigour's territory data ("Iranian" → ``ir``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

_ROLE_WORDS = {
    "military": "general commander colonel major brigadier admiral officer lieutenant captain "
    "marshal sergeant",
    "head": "president premier chancellor king queen prince emir monarch dictator leader",
    "government": "minister secretary ambassador envoy diplomat spokesman spokeswoman official",
    "politician": "senator governor mayor lawmaker congressman",
    "cleric": "ayatollah cleric imam",
    "other": "chairman director chief head researcher analyst",
}
ROLE_CLASSES: dict[str, str] = {w: cls for cls, words in _ROLE_WORDS.items() for w in words.split()}
ABBREVIATIONS = {"gen": "general", "maj": "major", "col": "colonel", "lt": "lieutenant",
                 "adm": "admiral", "capt": "captain", "sgt": "sergeant", "sen": "senator",
                 "gov": "governor", "brig": "brigadier", "amb": "ambassador"}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z.]*")
# "a top Iranian general": a determiner, up to three modifiers, a role noun not followed
# by a name (then it is a title) nor by "of" (a relation: "the head of the Qods Force")
_DESCRIPTION = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)\s+((?:[A-Za-z-]+\s+){0,3}?)"
    r"((?i:" + "|".join(sorted(ROLE_CLASSES, key=len, reverse=True)) + r"))\b"
    r"(?!\s+(?:[A-Z]|of\b))"
)
_APPOSITION = re.compile(
    r"^\s*,\s*(?:the|a|an)\s+((?:[\w-]+\s+){0,3}?)(" + "|".join(ROLE_CLASSES) + r")\b"
    r"(?:\s+of\s+([A-Z][\w]+)(?:['’]s)?)?"
)


def role_noun(word: str) -> str | None:
    w = word.lower().rstrip(".")
    w = ABBREVIATIONS.get(w, w)
    return w if w in ROLE_CLASSES else None


@lru_cache(maxsize=8192)
def demonym_code(word: str) -> str | None:
    """ISO code for a capitalised demonym or country name ("Iranian", "Iran’s" → ``ir``)."""
    word = re.sub(r"['’]s$", "", word.strip())
    if len(word) < 4 or not word[0].isupper() or word.isupper():
        return None
    from storyline.watchlist.screen import country_code

    return country_code(word)


@dataclass
class Context:
    roles: set[str] = field(default_factory=set)
    nationalities: set[str] = field(default_factory=set)

    def update(self, other: Context) -> None:
        self.roles |= other.roles
        self.nationalities |= other.nationalities


def person_context(text: str, start: int, end: int) -> Context:
    """Roles and nationalities the article gives the person named at ``text[start:end]``."""
    ctx = Context()
    for w in _WORD.findall(text[start:end]):  # title words inside the mention
        if (r := role_noun(w)) is not None:
            ctx.roles.add(r)
        elif (c := demonym_code(w)) is not None:
            ctx.nationalities.add(c)
    # within the mention's own line: a headline's last word ("…travels back to Moscow")
    # is not a title of the name that opens the next paragraph
    before = text[max(0, start - 80) : start].rsplit("\n", 1)[-1].split()
    for w in reversed(before[-5:]):  # "Iranian Quds Force commander", "Russian President"
        if w[-1] in ',;:.!?”")':  # another clause
            break
        if (r := role_noun(w)) is not None:
            ctx.roles.add(r)
        elif (c := demonym_code(w)) is not None:
            ctx.nationalities.add(c)
        elif not w[:1].isupper():
            break
    m = _APPOSITION.match(text[end : end + 160])
    if m:
        ctx.roles.add(m.group(2).lower())
        for w in m.group(1).split():
            if (c := demonym_code(w)) is not None:
                ctx.nationalities.add(c)
        if m.group(3) and (c := demonym_code(m.group(3))) is not None:
            ctx.nationalities.add(c)
    return ctx


@dataclass(frozen=True)
class Description:
    start: int
    end: int
    role: str
    nationalities: frozenset[str]


def find_descriptions(text: str, taken: Iterable[tuple[int, int]]) -> list[Description]:
    """Descriptions of a person ("a top Iranian general") outside the spans ``taken``."""
    taken = sorted(taken)
    out = []
    for m in _DESCRIPTION.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        codes = frozenset(c for w in m.group(1).split() if (c := demonym_code(w)) is not None)
        out.append(Description(m.start(), m.end(), m.group(2).lower(), codes))
    return out


def pick_referent(
    desc: Description,
    candidates: dict[str, tuple[Context, Context]],
) -> tuple[str, dict[str, float | str]] | None:
    """The candidate (entity id → (context in this article, context elsewhere)) that the
    description fits best, if it fits clearly: score ≥ 2 (≥ 1.5 when no one else fits at
    all) and 1 ahead of the next."""
    scored = []
    for key, (here, elsewhere) in sorted(candidates.items()):
        nat_here, nat_all = here.nationalities, here.nationalities | elsewhere.nationalities
        if desc.nationalities and nat_all and not desc.nationalities & nat_all:
            continue  # a different nationality
        score, feats = 0.0, {}
        if desc.nationalities & nat_here:
            score, feats["nationality"] = score + 2.0, "same article"
        elif desc.nationalities & nat_all:
            score, feats["nationality"] = score + 1.0, "other article"
        cls = ROLE_CLASSES[desc.role]
        for weight, roles, where in ((1.0, here.roles, "same article"),
                                     (0.5, elsewhere.roles, "other article")):  # fmt: skip
            if desc.role in roles:
                score += 1.5 * weight
                feats.setdefault("role", f"{desc.role} ({where})")
            elif any(ROLE_CLASSES.get(r) == cls for r in roles):
                score += 1.0 * weight
                feats.setdefault("role_class", f"{cls} ({where})")
        scored.append((score, key, feats))
    scored.sort(key=lambda s: (-s[0], s[1]))
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if not scored or scored[0][0] < (2.0 if runner_up > 0 else 1.5):
        return None
    if scored[0][0] - runner_up < 1.0:
        return None
    best, key, feats = scored[0]
    return key, {**feats, "score": best, "runner_up": runner_up}
