"""More readings of a name part that romanisations disagree on (for
:func:`storyline.watchlist.match.loose_keys`), each a rule of how names are written:

- the Arabic article assimilated to a sun letter in "Abd al-X" names written with the
  article joined to "Abd": "Abdur Rahman", "Abdus Salam", "Abdun Nasir" are "Abdul …"
  ("Abdurrahman" is "Abdulrahman");
- "w" written "u" between a consonant and a vowel ("Ridwan" / "Riduan", "Marwan" /
  "Maruan");
- a final "d" devoiced to "t" (Turkish, Somali, Central Asian spellings: "Mahad" /
  "Mahat", "Ahmed" / "Ahmet", "Murad" / "Murat");
- "ts" and "tz" for a "z" or a Slavic "c" ("Mutebutsi" / "Mutebuzi", "Ryazantsev" /
  "Ryazancev");
- two alveolar stops spoken as one, written "td" or "d" ("Gatdet" / "Gadet");
- "l" and "r" as one letter: Bantu languages (Kinyarwanda, Luganda), Korean, Japanese
  and Chinese romanisations do not tell them apart ("Kakolele" / "Kakorere", "Ri" / "Li").

:func:`storyline.watchlist.match.spelled_alike` still wants as many vowel groups, and
a shared reading gives 0.85, not a match: the other parts must agree too.
"""

from __future__ import annotations

import re

from storyline.entities.names import skeleton_token

# "abd" + the article's vowel ("abdu", "abde", "abdi", "abdou") + a sun letter taking the
# article's "l" ("abdur", "abdurrahman", "abdussalam", "abdush", "abdun")
_ABD_SUN = re.compile(r"^(abd(?:ou|[aeiou]))(sh|th|dh|[rsztnd])(.*)$")
_W_BEFORE_VOWEL = re.compile(r"(?<=[b-df-hj-np-tvxz])w(?=[aeiou])")
_FINAL_D = re.compile(r"(?<=[aeiouy])d$")
_TS = re.compile(r"t[sz]")
_TD = re.compile(r"td|dt")


def article_reading(token: str) -> str | None:
    """ "abdur" → "abdul", "abdurrahman" → "abdulrahman", "abdirahman" → "abdilrahman"."""
    m = _ABD_SUN.match(token)
    if not m:
        return None
    head, sun, rest = m.groups()
    if rest.startswith(sun):  # the doubled sun letter: "abdur" "rahman"
        rest = rest[len(sun) :]
    return f"{head}l{sun}{rest}" if rest else f"{head}l"


def extra_readings(token: str) -> set[str]:
    """The part under each rule above that changes it (the part itself not included)."""
    out: set[str] = set()
    if token.startswith("abd") and (r := article_reading(token)):
        out.add(r)
    if "w" in token and len(token) > 4:  # not in short parts: "Bwi" / "Bae"
        out.add(_W_BEFORE_VOWEL.sub("u", token))
    if token.endswith("d"):
        out.add(_FINAL_D.sub("t", token))
    if "t" in token:
        out.add(_TS.sub("s", token))
        out.add(_TD.sub("d", token))
    if "l" in token and len(skeleton_token(r := token.replace("l", "r"))) == len(
        skeleton_token(token)
    ):  # "Kurella" is no "Kurerra": the reading must not lose a consonant (skeleton "kr")
        out.add(r)
    out.discard(token)
    return out
