"""Which measures a listing imposes, when the list itself does not say: data.

The UN Security Council consolidated list names each party and the sanctions
regime it is listed under (``UN_LIST_TYPE``) but not the measures; those come
from the regime's resolutions. :data:`UN_MEASURES` maps each regime to its
measures, the legal basis of each, who it applies to, and any end date the
resolutions set. Sources: the resolutions cited, as summarised on the UN
Security Council sanctions committees' pages (for the Iran list, the 2231
pages "Travel ban" and "Assets freeze"); see ``docs/watchlists.md``.

A measure starts on the listing date, or on ``from`` when the regime only made
it binding later (the Iran travel ban: vigilance under 1737/1747, a binding ban
from resolution 1929 of 9 June 2010).
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model import Restriction


@dataclass(frozen=True, slots=True)
class Measure:
    kind: str  # travel_ban | asset_freeze | arms_embargo
    basis: str
    applies_to: tuple[str, ...] = ("person", "organization")
    start: str | None = None  # binding from (when later than the listing)
    until: str | None = None  # set by the resolutions (None: until delisted)


_P = ("person",)

UN_MEASURES: dict[str, tuple[Measure, ...]] = {
    "Iran": (
        Measure("travel_ban", "UNSCR 1737 (2006) para 10 and 1747 (2007) para 2 (vigilance); "
                "binding under UNSCR 1929 (2010) para 10; continued by UNSCR 2231 (2015) "
                "Annex B para 6(e) until five years after JCPOA Adoption Day", _P,
                start="2010-06-09", until="2020-10-18"),
        Measure("asset_freeze", "UNSCR 1737 (2006) para 12; continued by UNSCR 2231 (2015) "
                "Annex B para 6(c) until eight years after JCPOA Adoption Day",
                until="2023-10-18"),
    ),
    "Al-Qaida": (
        Measure("asset_freeze", "UNSCR 1267 (1999), 1989 (2011), 2253 (2015); UNSCR 2368 (2017) "
                "para 1(a)"),
        Measure("travel_ban", "UNSCR 2368 (2017) para 1(b)", _P),
        Measure("arms_embargo", "UNSCR 2368 (2017) para 1(c)"),
    ),
    "Taliban": (
        Measure("asset_freeze", "UNSCR 1988 (2011); UNSCR 2255 (2015) para 1(a)"),
        Measure("travel_ban", "UNSCR 2255 (2015) para 1(b)", _P),
        Measure("arms_embargo", "UNSCR 2255 (2015) para 1(c)"),
    ),
    "Iraq": (Measure("asset_freeze", "UNSCR 1483 (2003) para 23"),),
    "DPRK": (
        Measure("asset_freeze", "UNSCR 1718 (2006) para 8(d)"),
        Measure("travel_ban", "UNSCR 1718 (2006) para 8(e)", _P),
    ),
    "DRC": (
        Measure("travel_ban", "UNSCR 1596 (2005); UNSCR 1807 (2008)", _P),
        Measure("asset_freeze", "UNSCR 1596 (2005); UNSCR 1807 (2008)"),
    ),
    "Libya": (
        Measure("travel_ban", "UNSCR 1970 (2011) para 15", _P),
        Measure("asset_freeze", "UNSCR 1970 (2011) para 17"),
    ),
    "Somalia": (
        Measure("travel_ban", "UNSCR 1844 (2008)", _P),
        Measure("asset_freeze", "UNSCR 1844 (2008)"),
        Measure("arms_embargo", "UNSCR 1844 (2008) (targeted arms embargo)"),
    ),
    "CAR": (
        Measure("travel_ban", "UNSCR 2134 (2014)", _P),
        Measure("asset_freeze", "UNSCR 2134 (2014)"),
    ),
    "GB": (Measure("travel_ban", "UNSCR 2048 (2012) para 4", _P),),
    "SouthSudan": (
        Measure("travel_ban", "UNSCR 2206 (2015)", _P),
        Measure("asset_freeze", "UNSCR 2206 (2015)"),
    ),
    "Yemen": (
        Measure("travel_ban", "UNSCR 2140 (2014)", _P),
        Measure("asset_freeze", "UNSCR 2140 (2014)"),
        Measure("arms_embargo", "UNSCR 2216 (2015) (targeted arms embargo)"),
    ),
    "Sudan": (
        Measure("travel_ban", "UNSCR 1591 (2005) para 3(d)", _P),
        Measure("asset_freeze", "UNSCR 1591 (2005) para 3(e)"),
    ),
    "Lebanon": (
        Measure("travel_ban", "UNSCR 1636 (2005)", _P),
        Measure("asset_freeze", "UNSCR 1636 (2005)"),
    ),
    "Mali": (
        Measure("travel_ban", "UNSCR 2374 (2017)", _P),
        Measure("asset_freeze", "UNSCR 2374 (2017)"),
    ),
}  # fmt: skip


def un_restrictions(regime: str, party: str, listed: str | None) -> tuple[Restriction, ...]:
    """The restrictions on a ``party`` ("person" or "organization") listed under
    ``regime`` on ``listed``; empty for a regime the table does not know."""
    out = []
    for m in UN_MEASURES.get(regime, ()):
        if party not in m.applies_to:
            continue
        since = max(d for d in (listed, m.start) if d) if (listed or m.start) else None
        out.append(Restriction(m.kind, f"UN {regime} list: {m.basis}", since, m.until))  # type: ignore[arg-type]
    return tuple(out)


OFAC_BASIS = (
    "OFAC Specially Designated Nationals list (programmes {programmes}): property and "
    "interests in property blocked"
)


def ofac_restrictions(programmes: tuple[str, ...]) -> tuple[Restriction, ...]:
    """Every SDN listing blocks property (an asset freeze); the list states no dates."""
    basis = OFAC_BASIS.format(programmes=", ".join(programmes) or "unknown")
    return (Restriction("asset_freeze", basis, None, None),)


# FollowTheMoney Sanction.provisions are free text in many languages: keywords → kind.
FTM_PROVISION_KINDS: tuple[tuple[str, str], ...] = (
    ("travel ban", "travel_ban"),
    ("entry ban", "travel_ban"),
    ("visa ban", "travel_ban"),
    ("asset freeze", "asset_freeze"),
    ("assets freeze", "asset_freeze"),
    ("block", "asset_freeze"),
    ("targeted financial sanction", "asset_freeze"),
    ("блокування активів", "asset_freeze"),
    ("arms embargo", "arms_embargo"),
    ("arms", "arms_embargo"),
)


def provision_kinds(provisions: list[str]) -> list[str]:
    kinds: list[str] = []
    for p in provisions:
        low = p.casefold()
        for key, kind in FTM_PROVISION_KINDS:
            if key in low and kind not in kinds:
                kinds.append(kind)
    return kinds
