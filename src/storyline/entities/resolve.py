"""Cross-article entity resolution: named-entity mentions → entities.

First, within each article: full names group by their transliteration
skeleton, and a one-word mention ("Soleimani", which the tagger sometimes
labels a place) joins the person in the same article whose surname it is.
Then across articles: groups of the same kind join when their skeletons agree
or their folded names are near-identical (rapidfuzz), surname-only groups join
the one full name that carries that surname, and an acronym joins the
organisation whose initials it spells. Every join is recorded as a
:class:`~storyline.model.Merge` with the rule and features that decided it.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from storyline.entities.names import (
    clean_name,
    fold,
    initials,
    is_acronym,
    same_name,
    skeleton,
)
from storyline.model import AnnotatedArticle, Entity, Mention, Merge, Span, stable_id

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC")
_KIND = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
FUZZY_THRESHOLD = 92.0


@dataclass
class _Group:
    key: str
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)

    @property
    def full(self) -> bool:
        return any(" " in f for f in self.forms)

    def best_form(self) -> str:
        return sorted(self.forms, key=lambda f: (-(" " in f), -self.forms[f], -len(f), f))[0]


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


def extract_mentions(item: AnnotatedArticle) -> list[Mention]:
    """The named-entity mentions of one article that can become entities."""
    doc = item.doc
    starts = [s.start_char for s in doc.sents]
    out = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        name = clean_name(ent.text, person=ent.label_ == "PERSON")
        if not any(c.isalpha() for c in name):
            continue
        span = Span(item.article.id, ent.start_char, ent.end_char)
        out.append(
            Mention(
                id=stable_id("m", item.article.id, ent.start_char, ent.end_char),
                span=span,
                text=ent.text,
                label=ent.label_,
                sentence=bisect.bisect_right(starts, ent.start_char) - 1,
            )
        )
    return out


def _article_groups(item: AnnotatedArticle, mentions: list[Mention]) -> list[_Group]:
    """Group one article's mentions: variants of a name together, and a one-word
    mention with the person in the article whose surname it is."""
    groups: list[_Group] = []

    def group_for(kind: str, name: str) -> _Group:
        for g in groups:
            if g.kind == kind and any(same_name(name, f) for f in g.forms):
                return g
        g = _Group(skeleton(name), kind)
        groups.append(g)
        return g

    singles: list[tuple[Mention, str]] = []
    for m in mentions:
        name = clean_name(m.text, person=m.label == "PERSON")
        if " " not in name:
            singles.append((m, name))
            continue
        g = group_for(_KIND[m.label], name)
        g.mentions.append(m)
        g.forms[name] += 1
    for m, name in singles:
        owner = [
            g
            for g in groups
            if g.kind == "person" and g.full
            and any(" " in f and same_name(f.split(" ")[-1], name) for f in g.forms)
        ]  # fmt: skip
        g = owner[0] if len(owner) == 1 else group_for(_KIND[m.label], name)
        g.mentions.append(m)
        g.forms[name] += 1
    return groups


def resolve_entities(items: Sequence[AnnotatedArticle]) -> list[Entity]:
    """Resolve every mention in ``items`` to an entity, across articles."""
    groups: list[_Group] = []
    for item in items:
        groups.extend(_article_groups(item, extract_mentions(item)))
    uf = _UnionFind(len(groups))
    merges: list[tuple[int, int, Merge]] = []

    def join(i: int, j: int, rule: str, score: float, **features: float | str) -> None:
        if uf.union(i, j):
            a, b = groups[i], groups[j]
            merges.append(
                (i, j, Merge(a.best_form(), b.best_form(), rule, round(score, 3), features))
            )

    # 1. same kind, same skeleton and similar spelling (transliteration variants)
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        for first in by_key[(g.kind, g.key)]:
            if same_name(groups[first].best_form(), g.best_form()):
                join(first, i, "same-skeleton", 1.0, skeleton=g.key)
                break
        else:
            by_key[(g.kind, g.key)].append(i)
    # 2. near-identical folded full names, compared within blocks of a shared token skeleton
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        if g.full:
            for tok in set(g.key.split()):
                blocks[(g.kind, tok)].append(i)
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if uf.find(i) == uf.find(j):
                    continue
                score = fuzz.token_sort_ratio(
                    fold(groups[i].best_form()), fold(groups[j].best_form())
                )
                if score >= FUZZY_THRESHOLD:
                    join(i, j, "similar-name", score / 100, ratio=score)
    # 3. surname-only groups join the unique full-name person with that surname
    by_surname: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i, g in enumerate(groups):
        if g.kind == "person" and g.full:
            surname = g.best_form().split(" ")[-1]
            by_surname[skeleton(surname)].append((i, surname))
    for i, g in enumerate(groups):
        if g.full or not g.key:
            continue
        form = g.best_form()
        roots = {uf.find(j) for j, surname in by_surname.get(g.key, ()) if same_name(surname, form)}
        if len(roots) == 1:
            target = next(iter(roots))
            join(target, i, "surname", 0.9, surname=g.key)
    # 4. acronyms join the organisation whose initials they spell
    by_initials: dict[str, set[int]] = defaultdict(set)
    for i, g in enumerate(groups):
        if g.kind == "org" and g.full:
            by_initials[initials(g.best_form())].add(uf.find(i))
    for i, g in enumerate(groups):
        form = g.best_form()
        if g.kind == "org" and is_acronym(form):
            roots = by_initials.get(form.replace(".", ""), set())
            if len(roots) == 1:
                join(next(iter(roots)), i, "acronym", 0.9, acronym=form)

    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(groups)):
        members[uf.find(i)].append(i)
    merges_by_root: dict[int, list[Merge]] = defaultdict(list)
    for i, _, m in merges:
        merges_by_root[uf.find(i)].append(m)
    entities = [
        _entity([groups[i] for i in idx], merges_by_root[root]) for root, idx in members.items()
    ]
    entities.sort(key=lambda e: (-len(e.mentions), e.name, e.id))
    return entities


def _entity(groups: list[_Group], merges: list[Merge]) -> Entity:
    forms: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    mentions: list[Mention] = []
    for g in groups:
        forms.update(g.forms)
        mentions.extend(g.mentions)
        labels.update(m.label for m in g.mentions)
    person_full = any(g.kind == "person" and g.full for g in groups)
    etype = "PERSON" if person_full else sorted(labels, key=lambda t: (-labels[t], t))[0]
    name = sorted(forms, key=lambda f: (-(" " in f), -forms[f], -len(f), f))[0]
    aliases = tuple(sorted(f for f in forms if f != name))
    mentions.sort(key=lambda m: (m.span.article, m.span.start))
    return Entity(
        id=stable_id("e", etype, skeleton(name)),
        name=name,
        type=etype,  # type: ignore[arg-type]
        aliases=aliases,
        mentions=tuple(mentions),
        merges=tuple(merges),
    )
