"""The data model: every stage reads and writes these types, and nothing else.

Article text is immutable after ingest. Everything derived from it is a standoff
annotation that points into that text through a :class:`Span` (article id plus
character offsets), so every fact in a brief can be traced back to its evidence.

The objects are frozen, slotted dataclasses: cheap to create in large numbers,
hashable, and safe to share between stages. :func:`to_dict` turns any of them
into plain JSON-ready data; the wire format of the brief is described by
``docs/brief.schema.json`` (version :data:`SCHEMA_VERSION`).

Identifiers are deterministic (derived from content), so the same input always
yields the same ids and the same brief, byte for byte.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.0"

EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "OTHER"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Granularity = Literal["day", "week", "month", "season", "quarter", "year", "decade", "unknown"]
Anchor = Literal["absolute", "publication", "inferred-publication", "unknown-publication"]
Polarity = Literal["asserted", "negated", "denied"]
Modality = Literal["actual", "reported", "planned", "cancelled"]
Stance = Literal["asserts", "denies", "states"]


def text_hash(text: str) -> str:
    """Content hash of an article's text (hex SHA-256 of its UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id: ``prefix-`` and 12 hex digits of a hash of ``parts``."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


class SpanError(ValueError):
    """A span does not fit the text it claims to point into."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Characters ``[start, end)`` of the text of article ``article``: a piece of evidence."""

    article: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise SpanError(f"invalid span {self.start}..{self.end} in article {self.article!r}")

    def quote(self, text: str) -> str:
        """The evidence itself; raises :class:`SpanError` if the span lies outside ``text``."""
        if self.end > len(text):
            raise SpanError(
                f"span {self.start}..{self.end} lies outside article {self.article!r} "
                f"({len(text)} characters)"
            )
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Article:
    """One news report, exactly as it was read.

    ``published`` is an ISO date (``YYYY-MM-DD``) or ``None`` when unknown;
    ``origin`` says where it was read from (a path, ``path:line``, ``-``);
    ``collection`` groups articles that came together (a Multi-News cluster).
    """

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    origin: str | None = None
    collection: str | None = None
    hash: str = ""

    def __post_init__(self) -> None:
        if not self.hash:
            object.__setattr__(self, "hash", text_hash(self.text))

    @property
    def label(self) -> str:
        """How a reader names the article: its source and date, else its title, else its id."""
        if self.source:
            return f"{self.source}, {self.published}" if self.published else self.source
        return self.title or self.id


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that was not ingested, and why."""

    origin: str
    reason: str


@dataclass(frozen=True, slots=True)
class ArticleLink:
    """A relation between two stored articles (``near-duplicate``: the same story run twice)."""

    article: str
    other: str
    kind: Literal["near-duplicate"]
    similarity: float


@dataclass(slots=True)
class AnnotatedArticle:
    """An article with its spaCy ``Doc`` (sentences, tokens, entities, parse).

    The ``Doc`` is built over the article text unchanged, so token and entity
    character offsets are offsets into ``article.text``.
    """

    article: Article
    doc: Any


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention: the text at ``span`` names something of type ``label``."""

    id: str
    span: Span
    text: str
    label: EntityType
    sentence: int
    # "name", "acronym" (defined in the article), "description" ("the Iranian general")
    kind: str = "name"


@dataclass(frozen=True, slots=True)
class Merge:
    """Why two groups of mentions were judged to be one entity (inspectable, undoable).

    ``left_mention`` and ``right_mention`` are the mention ids the merge joined;
    an entity's merges form a tree over its mentions, so removing one
    (:func:`storyline.entities.resolve.undo_merge`) splits the entity in two.
    """

    left: str
    right: str
    rule: str
    score: float
    features: Mapping[str, float | str] = field(default_factory=dict)
    left_mention: str = ""
    right_mention: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """One person, organisation or place, with every mention of it across articles."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    merges: tuple[Merge, ...] = ()
    # context the articles give: role nouns ("general", "commander") and nationalities
    # (ISO 3166 codes, from demonyms such as "Iranian General Qasem Soleimani")
    roles: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({m.span.article for m in self.mentions}))


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A temporal expression and its calendar value (TIMEX3-style).

    ``value`` is an ISO-like TIMEX3 value (``2016-04-14``, ``2015-07``, ``2015``,
    ``P2D``, ``PRESENT_REF``) or ``None`` when it cannot be resolved; ``anchor``
    says what it was resolved against, and ``note`` states any uncertainty
    (e.g. "the Thursday before publication"). ``mod`` is the TIMEX3 modifier
    (``START`` for "early March", ``END``, ``MID``, ``APPROX``, ``LESS_THAN``,
    ``MORE_THAN``) or "".
    """

    span: Span
    text: str
    type: TimexType
    value: str | None
    granularity: Granularity
    anchor: Anchor
    note: str = ""
    mod: str = ""


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """When an article was published: from its metadata, or inferred from its text.

    ``value`` is an ISO date (or ``None``: unknown); ``confidence`` is 1.0 for
    metadata; ``basis`` says how it was found (``metadata``, ``dateline``,
    ``latest-explicit-date``, ``unknown``); ``evidence`` is the text it rests on.
    """

    article: str
    value: str | None
    confidence: float
    basis: str
    evidence: Span | None = None


RoleName = Literal[
    "agent", "patient", "recipient", "destination", "origin", "vehicle", "purpose", "place"
]


@dataclass(frozen=True, slots=True)
class Role:
    """An argument of an event mention: the text at ``span`` plays ``role``;
    ``entity`` is the resolved entity it names, when it names one."""

    role: RoleName
    span: Span
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class EventMention:
    """One clause that reports something happening.

    ``span`` is the clause (or sentence) that is the evidence, ``trigger`` the
    word that names the happening; ``participants`` are entity ids, ``roles``
    say who did what to whom, where and how. ``attribution`` is the text that
    names who says so ("multiple intelligence sources tell Fox News"), and
    ``denied_by`` the party denying it, when a denial governs the mention.
    """

    id: str
    span: Span
    trigger: Span
    lemma: str
    type: str
    participants: tuple[str, ...]
    time: TimeValue | None
    polarity: Polarity = "asserted"
    modality: Modality = "actual"
    roles: tuple[Role, ...] = ()
    attribution: Span | None = None
    denied_by: Span | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world happening, with every mention of it and every source reporting it."""

    id: str
    type: str
    label: str
    date: str | None
    granularity: Granularity
    participants: tuple[str, ...]
    mentions: tuple[EventMention, ...]
    sources: tuple[str, ...]
    date_note: str = ""


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence of the multi-document summary, taken from ``span``.

    ``citations`` holds a span in every article that supports it, its own first.
    ``parts`` is empty when ``text`` is the whole sentence at ``span``; when the
    sentence was compressed, ``text`` is exactly the concatenation of the text at
    ``parts`` (pieces of ``span``, in order).
    """

    text: str
    span: Span
    citations: tuple[Span, ...]
    parts: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimSide:
    """What one or more sources state about a disputed matter."""

    stance: Stance
    text: str
    citations: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    """A matter on which sources disagree.

    ``denial``: one side denies what another asserts; ``disagreement``: sources give
    incompatible values (dates, numbers) for the same thing.
    """

    id: str
    kind: Literal["denial", "disagreement"]
    topic: str
    sides: tuple[ClaimSide, ...]
    event: str | None = None
    attribute: str = ""


ClaimStatus = Literal["agreed", "disputed", "denied", "single-source"]


@dataclass(frozen=True, slots=True)
class Claim:
    """What the sources state about one attribute of one event, and whether they agree.

    ``attribute`` is ``occurrence`` (did it happen), ``date``, ``place``,
    ``participants``, ``count`` (a number of people or things), ``ordinal`` ("second
    trip"), ``duration`` ("a two-day visit") or ``status`` (sanctions lifted or in
    force). Each side is one value with every span stating it. ``status``: ``agreed``
    (two or more articles state it and none contradicts), ``disputed`` (incompatible
    values), ``denied`` (someone denies what others assert), ``single-source`` (one
    article alone states it).
    """

    id: str
    event: str
    attribute: str
    topic: str
    status: ClaimStatus
    sides: tuple[ClaimSide, ...]
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Restriction:
    """A measure imposed on a listed party, with its legal basis."""

    kind: Literal["travel_ban", "asset_freeze", "arms_embargo"]
    basis: str
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True, slots=True)
class WatchlistEntry:
    """A listed person or organisation, as one watchlist states it."""

    id: str
    list_name: str
    name: str
    aliases: tuple[str, ...]
    type: Literal["person", "organization"]
    nationalities: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    listed: str | None = None
    delisted: str | None = None
    restrictions: tuple[Restriction, ...] = ()
    # low-quality aliases ("Haji Qassem"): screened, but weigh less
    weak_aliases: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()
    birth_places: tuple[str, ...] = ()
    # designations, titles, positions ("Brigadier General", "Commander of Qods force")
    positions: tuple[str, ...] = ()
    source: str = ""  # the list's format and origin ("un-xml", "ofac-csv", "ftm", "json")


@dataclass(frozen=True, slots=True)
class WatchlistMatch:
    """An entity judged to be a watchlist entry, with the score and features that decided it."""

    entity: str
    entry: str
    score: float
    matched_name: str
    features: Mapping[str, float | str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Alert:
    """A reported act that breaks a restriction on a listed party."""

    id: str
    rule: str
    entity: str
    entry: str
    event: str
    restriction: Restriction
    explanation: str
    evidence: tuple[Span, ...]
    denials: tuple[Span, ...] = ()
    score: float = 0.0
    sources: tuple[str, ...] = ()  # every article reporting the event
    places: tuple[str, ...] = ()  # where the act took the party (abroad, for a travel ban)


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything storyline found in a set of articles, every fact cited."""

    schema_version: str
    pipeline_version: str
    articles: tuple[Article, ...]
    entities: tuple[Entity, ...]
    times: tuple[TimeValue, ...]
    events: tuple[Event, ...]
    summary: tuple[SummarySentence, ...]
    conflicts: tuple[Conflict, ...]
    matches: tuple[WatchlistMatch, ...]
    alerts: tuple[Alert, ...]
    links: tuple[ArticleLink, ...] = ()
    watchlist: tuple[WatchlistEntry, ...] = ()
    publication_dates: tuple[PublicationDate, ...] = ()
    claims: tuple[Claim, ...] = ()


def to_dict(obj: Any) -> Any:
    """Plain JSON-ready data (dicts, lists, str, numbers, None) for any model object."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, Mapping):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj
