"""Cross-article entity resolution: named-entity mentions → entities.

Mentions are the model's named entities (after :mod:`storyline.entities.cleanup` has put
right what it misreads in news: title words, weapons, photo credits, places taken for
people; and after a person read into an organisation's name after a title, "Ambassador to
the United Nations Samantha Power", is split off), plus what the text itself defines:
the parts of a compound organisation name ("Islamic Revolutionary Guard
Corps-Qods Force" names the Qods Force, a unit of the Islamic Revolutionary
Guard Corps), acronyms defined in parentheses ("… Quds Force (IRGC-QF)") and
their later uses, and descriptions of a person ("a top Iranian general").

Mentions are joined by rules, each join recorded as a
:class:`~storyline.model.Merge` between two mentions with the rule and the
features that decided it; an entity's merges form a tree over its mentions, so
:func:`undo_merge` can split any of them off again.

Within an article: spelling variants of a name (transliteration skeleton and
vowel groups, :func:`~storyline.entities.names.same_name`); a one-word mention
(whatever its label: the tagger sometimes calls "Soleimani" a place) with the
nearest person before it whose surname it is; a defined acronym with what it
stands for. Across articles: same names; near-identical spellings (rapidfuzz);
a surname-only group with the one person of that surname, or, when several share
it, the one whose role and nationality fit; an acronym with the organisation or
place whose initials it spells; a short form with the one longer organisation
name it sits in when the extra words are adjectives or generic ("Quds Force" in
"Iranian Quds Force", "Revolutionary Guard" in "Iranian Revolutionary Guards
Corps"); names equal once known acronyms are expanded ("U.S. Treasury
Department", "United States Treasury Department"). Last, each description
joins the person of its article it fits (:mod:`storyline.entities.context`).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from storyline.entities.cleanup import (
    TITLE_WORDS,
    corrected_label,
    credits,
    settle_places,
    without_demonyms,
)
from storyline.entities.context import (
    Context,
    find_descriptions,
    person_context,
    pick_referent,
)
from storyline.entities.names import clean_name, fold, initials, is_acronym, same_name, skeleton
from storyline.model import AnnotatedArticle, Entity, Mention, Merge, Span, stable_id

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC")
_KIND = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place",
         "NORP": "group"}  # fmt: skip
FUZZY_THRESHOLD = 92.0
# words an organisation's longer name may add to a short form of it
_GENERIC = (
    "corps force forces group organization organisation party movement army front brigade "
    "brigades council committee agency ministry department office service services company "
    "inc ltd network militia news"
)
GENERIC_ORG_WORDS = frozenset(_GENERIC.split())
_ADJECTIVE = re.compile(r"(?:ic|ian|ean|ese|ish|i|an)$")
_COMPOUND = re.compile(r"(?<=[A-Za-z])-(?=[A-Z])")
_DEFINED = re.compile(r"\s*\(([A-Z][A-Za-z0-9]*(?:[-.][A-Z0-9][A-Za-z0-9]*)*)\)")


def _mention(aid: str, start: int, end: int, text: str, label: str, sentence: int,
             kind: str = "name") -> Mention:  # fmt: skip
    return Mention(stable_id("m", aid, start, end), Span(aid, start, end), text, label,  # type: ignore[arg-type]
                   sentence, kind)  # fmt: skip


def extract_mentions(item: AnnotatedArticle) -> list[Mention]:
    """The mentions of one article that can become entities (see module docstring)."""
    doc, aid, text = item.doc, item.article.id, item.article.text
    starts = [s.start_char for s in doc.sents]

    def sent(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    out: list[Mention] = []
    furniture = credits(text)
    for ent in doc.ents:
        in_credit = any(s <= ent.start_char < e for s, e in furniture)
        label = corrected_label(ent, in_credit)
        if label is None:
            continue
        if label == "NORP" and _maybe_surname(ent.text):
            pass  # the tagger calls "Soleimani" a group now and then: kept if a person's surname
        elif label not in ENTITY_LABELS:
            continue
        name = clean_name(ent.text, person=label == "PERSON")
        if not any(c.isalpha() for c in name):
            continue
        pieces = _COMPOUND.split(ent.text) if label == "ORG" else [ent.text]
        if len(pieces) == 2 and all(" " in p.strip() or is_acronym(p) for p in pieces):
            cut = ent.start_char + len(pieces[0])  # "IRGC-QF", "Guard Corps-Qods Force"
            out.append(_mention(aid, cut + 1, ent.end_char, pieces[1], "ORG", sent(cut)))
            out.append(_mention(aid, ent.start_char, cut, pieces[0], "ORG", sent(cut)))
            continue
        out.append(_mention(aid, ent.start_char, ent.end_char, ent.text, label,
                            sent(ent.start_char)))  # fmt: skip
    # acronyms defined in parentheses right after a name, and their later uses
    taken = {(m.span.start, m.span.end) for m in out}
    for m in list(out):
        if m.label == "PERSON":
            continue
        d = _DEFINED.match(text, m.span.end)
        if d is None or (d.start(1), d.end(1)) in taken:
            continue
        acronym = d.group(1)
        for use in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            if not any(s < use.end() and use.start() < e for s, e in taken):
                out.append(_mention(aid, use.start(), use.end(), acronym, m.label,
                                    sent(use.start()), "acronym"))  # fmt: skip
                taken.add((use.start(), use.end()))
    out.sort(key=lambda m: (m.span.start, m.span.end))
    return out


def _split_titled_people(mentions: list[Mention], texts: dict[str, str]) -> list[Mention]:
    """An "organisation" that is another organisation's name followed by a person's, after
    a title ("Ambassador to the United Nations Samantha Power" read as one name), is split
    in two: the organisation, and the person (two or more capitalised words after it)."""
    by_first: dict[str, list[str]] = defaultdict(list)
    for o in sorted(
        {re.sub(r"^(?:the|The)\s+", "", m.text.strip()) for m in mentions
         if m.label == "ORG" and m.kind == "name"},
        key=len, reverse=True,
    ):  # fmt: skip
        by_first[o.split()[0]].append(o)
    out: list[Mention] = []
    for m in mentions:
        lead = re.match(r"(?:the|The)\s+", m.text)
        text = m.text[lead.end() :] if lead else m.text
        if m.label != "ORG" or m.kind != "name" or len(text.split()) < 3:
            out.append(m)
            continue
        before = texts.get(m.span.article, "")[max(0, m.span.start - 40) : m.span.start]
        if not set(re.findall(r"[a-z]+", before.lower())) & TITLE_WORDS:
            out.append(m)
            continue
        first = by_first.get(text.split()[0], [])
        head = next((o for o in first if o != text and text.startswith(o + " ")), None)
        rest = text[len(head) + 1 :] if head else ""
        names = rest.split()
        if (
            head is None
            or len(names) < 2
            or not all(w[:1].isupper() and w.isalpha() and not w.isupper() for w in names)
            or any(
                w.lower().rstrip("s") in GENERIC_ORG_WORDS or w.lower() in GENERIC_ORG_WORDS
                for w in names
            )
            or rest in first
        ):
            out.append(m)
            continue
        start = m.span.start + (lead.end() if lead else 0)
        cut = start + len(head)
        out.append(_mention(m.span.article, start, cut, head, "ORG", m.sentence))
        out.append(_mention(m.span.article, m.span.end - len(rest), m.span.end, rest, "PERSON",
                            m.sentence))  # fmt: skip
    return out


def _maybe_surname(text: str) -> bool:
    from storyline.entities.context import demonym_code

    word = text.strip()
    return " " not in word and word[:1].isupper() and demonym_code(word) is None


class _Graph:
    """Union-find over mentions; every successful union is a recorded merge."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.parent = list(range(len(mentions)))
        self.merges: list[Merge] = []
        self.forms = [_form(m) for m in mentions]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, rule: str, score: float, **features: float | str) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        self.parent[max(ri, rj)] = min(ri, rj)
        mi, mj = self.mentions[i], self.mentions[j]
        self.merges.append(Merge(self.forms[i], self.forms[j], rule, round(score, 3), features,
                                 mi.id, mj.id))  # fmt: skip
        return True

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.mentions)):
            out[self.find(i)].append(i)
        return out


def _form(m: Mention) -> str:
    return clean_name(m.text, person=m.label == "PERSON")


def _kind(m: Mention, form: str) -> str:
    if m.kind == "description":
        return "person"
    return "acro" if is_acronym(form) and m.label != "PERSON" else _KIND[m.label]


def _alike(idx: list[int], forms: list[str]) -> bool:
    """Whether the names at ``idx`` are all spellings of one name (folded, singular parts,
    rapidfuzz token ratio ≥ 80: "Islamic/Iranian Revolutionary Guard(s) Corps")."""
    keys = [" ".join(_tokens(forms[i])) for i in idx]
    return all(fuzz.token_sort_ratio(keys[0], k) >= 80 for k in keys[1:])


def _tokens(name: str) -> list[str]:
    return [t[:-1] if len(t) > 4 and t.endswith("s") else t for t in fold(name).split()]


def resolve_entities(items: Sequence[AnnotatedArticle]) -> list[Entity]:
    """Resolve every mention in ``items`` to an entity, across articles."""
    mentions: list[Mention] = []
    texts = {}
    for item in items:
        mentions.extend(extract_mentions(item))
        texts[item.article.id] = item.article.text
    mentions = settle_places(without_demonyms(_split_titled_people(mentions, texts)), texts)
    g = _Graph(mentions)
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        by_article[m.span.article].append(i)
    for idx in by_article.values():
        _within_article(g, idx)
    _across_articles(g, texts)
    contexts = _contexts(g, texts)
    _descriptions(g, texts, contexts)
    return _entities(g, _contexts(g, texts))


def _within_article(g: _Graph, idx: list[int]) -> None:
    ms, forms = g.mentions, g.forms
    full = [i for i in idx if " " in forms[i] and ms[i].kind == "name"]
    for x, i in enumerate(full):  # spelling variants of a full name
        for j in full[:x]:
            if _kind(ms[i], forms[i]) == _kind(ms[j], forms[j]) and same_name(forms[i], forms[j]):
                g.join(j, i, "same-name-in-article", 1.0, skeleton=skeleton(forms[i]))
                break
    people = [i for i in full if ms[i].label == "PERSON"]
    for i in idx:  # one-word mentions: a person's surname, else the same word
        if " " in forms[i] or ms[i].kind != "name":
            continue
        owners = [j for j in people if same_name(forms[j].split(" ")[-1], forms[i])]
        if owners:
            before = [j for j in owners if ms[j].span.start < ms[i].span.start]
            j = before[-1] if before else owners[0]
            g.join(j, i, "surname-in-article", 0.95, surname=forms[i], label=ms[i].label,
                   nearest="before" if before else "after")  # fmt: skip
            continue
        for j in idx:
            if j >= i:
                break
            if (" " not in forms[j] and same_name(forms[i], forms[j])
                    and _kind(ms[i], forms[i]) == _kind(ms[j], forms[j])):  # fmt: skip
                g.join(j, i, "same-name-in-article", 1.0, skeleton=skeleton(forms[i]))
                break


def _across_articles(g: _Graph, texts: dict[str, str]) -> None:
    ms, forms = g.mentions, g.forms

    def best(members: list[int]) -> int:
        return sorted(members, key=lambda i: (-(" " in forms[i]), -len(forms[i]), i))[0]

    # acronyms defined in an article: join the mention right before the parenthesis
    for i, m in enumerate(ms):
        if m.kind != "acronym":
            continue
        text = texts[m.span.article]
        defined = []
        for j, o in enumerate(ms):
            if o.span.article == m.span.article and o.kind == "name" and o.span.end <= m.span.start:
                d = _DEFINED.match(text, o.span.end)
                if d is not None and d.group(1) == m.text:
                    defined.append(j)
        if defined:
            g.join(defined[-1], i, "acronym-defined", 1.0, acronym=m.text)
        else:
            same = [j for j, o in enumerate(ms) if o.span.article == m.span.article
                    and o.kind == "acronym" and o.text == m.text and j < i]  # fmt: skip
            if same:
                g.join(same[0], i, "same-acronym", 1.0, acronym=m.text)
    # 1. same name, same kind
    seen: dict[tuple[str, str], int] = {}
    for _, members in sorted(g.groups().items()):
        i = best(members)
        key = (_kind(ms[i], forms[i]), skeleton(forms[i]))
        if key in seen and same_name(forms[seen[key]], forms[i]):
            g.join(seen[key], i, "same-name", 1.0, skeleton=key[1])
        else:
            seen.setdefault(key, i)
    # 2. near-identical full names within blocks of a shared part skeleton
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for _, members in sorted(g.groups().items()):
        i = best(members)
        if " " in forms[i]:
            for tok in set(skeleton(forms[i]).split()):
                blocks[(_kind(ms[i], forms[i]), tok)].append(i)
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if g.find(i) != g.find(j):
                    score = fuzz.token_sort_ratio(fold(forms[i]), fold(forms[j]))
                    if score >= FUZZY_THRESHOLD:
                        g.join(i, j, "similar-name", score / 100, ratio=score)
    # 3. acronyms: the organisation or place whose initials they spell
    by_initials: dict[str, set[int]] = defaultdict(set)
    for root, members in g.groups().items():
        for i in members:
            if " " in forms[i] and ms[i].label != "PERSON" and ms[i].kind == "name":
                by_initials[initials(forms[i])].add(root)
    # spellings of one long name that spell the same initials ("Islamic/Iranian Revolutionary
    # Guard(s) Corps") are one organisation even where no article uses the acronym
    groups = g.groups()
    for key, roots in sorted(by_initials.items()):
        roots = {g.find(r) for r in roots}
        if len(key) >= 3 and len(roots) > 1:
            reps = [best([j for j in groups[r] if " " in forms[j]]) for r in sorted(roots)]
            for j in reps[1:]:
                if _alike([reps[0], j], forms):
                    g.join(reps[0], j, "same-initials", 0.85, initials=key)
    expansions: dict[str, str] = {}
    groups = g.groups()
    for _, members in sorted(groups.items()):
        for i in members:
            if _kind(ms[i], forms[i]) != "acro":
                continue
            key = re.sub(r"[.\s]", "", forms[i])
            roots = {g.find(r) for r in by_initials.get(key, ())}
            if len(roots) == 1:
                target = best([j for r in by_initials[key] for j in groups[r]
                               if " " in forms[j] and ms[j].kind == "name"])  # fmt: skip
                g.join(target, i, "acronym", 0.9, acronym=forms[i], expansion=forms[target])
                expansions[forms[i]] = forms[target]
    # 4. a short organisation name inside one longer name (extra words adjectival or generic)
    groups = g.groups()
    by_token: dict[str, list[int]] = defaultdict(list)  # longer names, by each of their words
    for i, m in enumerate(ms):
        if m.label != "PERSON" and m.kind == "name" and " " in forms[i]:
            for t in set(_tokens(forms[i])):
                by_token[t].append(i)
    for root, members in sorted(groups.items()):
        i = best(members)
        if ms[i].label == "PERSON" or _kind(ms[i], forms[i]) == "acro":
            continue
        short = _tokens(forms[i])
        hosts = set()
        for j in by_token.get(short[0], ()) if short else ():
            if g.find(j) != g.find(root):
                long_ = _tokens(forms[j])
                if len(long_) <= len(short):
                    continue
                at = next((k for k in range(len(long_) - len(short) + 1)
                           if long_[k : k + len(short)] == short), None)  # fmt: skip
                if at is None:
                    continue
                extra = long_[:at] + long_[at + len(short) :]
                if all(w in GENERIC_ORG_WORDS or f"{w}s" in GENERIC_ORG_WORDS
                       or _ADJECTIVE.search(w) for w in extra):  # fmt: skip
                    hosts.add((g.find(j), j))
        if len({h for h, _ in hosts}) == 1:
            _, j = sorted(hosts)[0]
            g.join(j, i, "short-form", 0.85, short=forms[i], long=forms[j])
    # 5. names equal once known acronyms are expanded ("U.S. Treasury Department")
    expanded: dict[str, int] = {}
    for _, members in sorted(g.groups().items()):
        for i in members:
            if ms[i].label == "PERSON" or " " not in forms[i]:
                continue
            words = [expansions.get(w, w) for w in forms[i].split(" ")]
            key = fold(" ".join(words))
            if key in expanded and g.find(expanded[key]) != g.find(i):
                g.join(expanded[key], i, "expanded-acronym", 0.9, expanded=" ".join(words))
            expanded.setdefault(key, i)
    # 6. surname-only groups: the one person with that surname (or the one that fits)
    _surnames(g, texts)


def _surnames(g: _Graph, texts: dict[str, str]) -> None:
    ms, forms = g.mentions, g.forms
    groups = g.groups()
    full_people: dict[str, set[int]] = defaultdict(set)
    for root, members in groups.items():
        for i in members:
            if ms[i].label == "PERSON" and " " in forms[i]:
                full_people[skeleton(forms[i].split(" ")[-1])].add(root)
    contexts = _contexts(g, texts)
    for root, members in sorted(groups.items()):
        if any(" " in forms[i] for i in members) or any(ms[i].kind != "name" for i in members):
            continue
        word = forms[members[0]]
        roots = {g.find(r) for r in full_people.get(skeleton(word), ())
                 if any(same_name(forms[j].split(" ")[-1], word) for j in groups[r]
                        if " " in forms[j])}  # fmt: skip
        roots.discard(g.find(root))
        if not roots:
            continue
        if len(roots) == 1:
            target = next(iter(roots))
            g.join(target, members[0], "surname", 0.9, surname=word)
            continue
        mine = contexts.get(g.find(root), Context())
        fits = []
        for r in sorted(roots):
            theirs = contexts.get(r, Context())
            fit = len(mine.roles & theirs.roles) + 2 * len(mine.nationalities
                                                          & theirs.nationalities)  # fmt: skip
            conflict = (
                mine.nationalities
                and theirs.nationalities
                and not (mine.nationalities & theirs.nationalities)
            )
            if fit and not conflict:
                fits.append((fit, r))
        fits.sort(reverse=True)
        if fits and (len(fits) == 1 or fits[0][0] > fits[1][0]):
            g.join(fits[0][1], members[0], "surname-by-context", 0.8, surname=word,
                   context_overlap=fits[0][0])  # fmt: skip


def _contexts(g: _Graph, texts: dict[str, str]) -> dict[int, Context]:
    """Roles and nationalities of each person group, from all its name mentions."""
    out: dict[int, Context] = {}
    for root, members in g.groups().items():
        ctx = Context()
        for i in members:
            m = g.mentions[i]
            text = texts.get(m.span.article)
            if (text is not None and m.kind == "name" and m.label == "PERSON") or (
                    text is not None and m.kind == "name" and " " not in g.forms[i]):  # fmt: skip
                ctx.update(person_context(text, m.span.start, m.span.end))
        out[root] = ctx
    return out


def _descriptions(g: _Graph, texts: dict[str, str], contexts: dict[int, Context]) -> None:
    """Add each description as a mention of the one person of its article it fits."""
    person_roots = {g.find(j) for j, m in enumerate(g.mentions)
                    if m.label == "PERSON" and " " in g.forms[j]}  # fmt: skip
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(g.mentions):
        by_article[m.span.article].append(i)
    for aid, text in sorted(texts.items()):
        taken = [(g.mentions[i].span.start, g.mentions[i].span.end) for i in by_article[aid]]
        people: dict[int, list[int]] = defaultdict(list)
        for i in by_article.get(aid, ()):
            if g.find(i) in person_roots and g.mentions[i].kind == "name":
                people[g.find(i)].append(i)
        for desc in find_descriptions(text, taken):
            candidates = {}
            for root, members in people.items():
                here = Context()
                for i in members:
                    m = g.mentions[i]
                    here.update(person_context(text, m.span.start, m.span.end))
                candidates[str(root)] = (here, contexts.get(root, Context()))
            picked = pick_referent(desc, candidates)
            if picked is None:
                continue
            key, feats = picked
            root = int(key)
            m = _mention(aid, desc.start, desc.end, text[desc.start : desc.end], "PERSON",
                         g.mentions[people[root][0]].sentence, "description")  # fmt: skip
            g.mentions.append(m)
            g.parent.append(len(g.parent))
            g.forms.append(text[desc.start : desc.end])
            nearest = min(people[root], key=lambda i: abs(g.mentions[i].span.start - desc.start))
            g.join(nearest, len(g.mentions) - 1, "description", float(feats.pop("score")),
                   description=text[desc.start : desc.end], **feats)  # fmt: skip


def _entities(g: _Graph, contexts: dict[int, Context]) -> list[Entity]:
    merges_by_root: dict[int, list[Merge]] = defaultdict(list)
    index = {m.id: i for i, m in enumerate(g.mentions)}
    for merge in g.merges:
        merges_by_root[g.find(index[merge.left_mention])].append(merge)
    entities = []
    used: set[str] = set()
    for root, members in sorted(g.groups().items()):
        if all(g.mentions[i].label == "NORP" for i in members):
            continue  # a one-word "group" that turned out to be no one's surname
        ctx = contexts.get(root, Context())
        ent = build_entity([g.mentions[i] for i in members], merges_by_root[root],
                           ctx.roles, ctx.nationalities, used)  # fmt: skip
        used.add(ent.id)
        entities.append(ent)
    entities.sort(key=lambda e: (-len(e.mentions), e.name, e.id))
    return entities


def build_entity(
    mentions: Sequence[Mention],
    merges: Sequence[Merge],
    roles: set[str] | tuple[str, ...] = (),
    nationalities: set[str] | tuple[str, ...] = (),
    used: set[str] | None = None,
) -> Entity:
    """An entity from its mentions and the merges that joined them."""
    forms: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    for m in mentions:
        if m.kind == "description":
            continue
        form = _form(m)
        forms[form] += 1
        labels[m.label] += 2 if " " in form else 1  # "IRGC" tagged a place, its expansion not
    person = any(m.label == "PERSON" and " " in _form(m) for m in mentions) or not labels
    etype = "PERSON" if person else sorted(labels, key=lambda t: (-labels[t], t))[0]
    if not forms:
        forms.update(m.text for m in mentions)
    name = sorted(forms, key=lambda f: (-(" " in f and not is_acronym(f)), -forms[f], -len(f),
                                        f))[0]  # fmt: skip
    ordered = sorted(mentions, key=lambda m: (m.span.article, m.span.start))
    eid = stable_id("e", etype, skeleton(name))
    if used is not None and eid in used:  # another entity of the same name, kept apart
        eid = stable_id("e", etype, skeleton(name), ordered[0].id)
    return Entity(
        id=eid,
        name=name,
        type=etype,  # type: ignore[arg-type]
        aliases=tuple(sorted(f for f in forms if f != name)),
        mentions=tuple(ordered),
        merges=tuple(merges),
        roles=tuple(sorted(roles)),
        nationalities=tuple(sorted(nationalities)),
    )


def undo_merge(entity: Entity, merge: Merge) -> tuple[Entity, Entity]:
    """Split ``entity`` where ``merge`` joined it: the two entities it had joined."""
    if merge not in entity.merges:
        raise ValueError(f"{merge.rule} merge is not one of {entity.id}'s merges")
    rest = [m for m in entity.merges if m is not merge and m != merge]
    adjacent: dict[str, set[str]] = defaultdict(set)
    for m in rest:
        adjacent[m.left_mention].add(m.right_mention)
        adjacent[m.right_mention].add(m.left_mention)
    side, todo = {merge.left_mention}, [merge.left_mention]
    while todo:
        for nxt in adjacent[todo.pop()] - side:
            side.add(nxt)
            todo.append(nxt)
    left = [m for m in entity.mentions if m.id in side]
    right = [m for m in entity.mentions if m.id not in side]
    parts = []
    for mentions in (left, right):
        ids = {m.id for m in mentions}
        parts.append(build_entity(mentions, [m for m in rest if m.left_mention in ids],
                                  entity.roles, entity.nationalities,
                                  {entity.id} if mentions is right else None))  # fmt: skip
    return parts[0], parts[1]
