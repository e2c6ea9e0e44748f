"""Readers of published sanctions lists → :class:`~storyline.model.WatchlistEntry`.

* :func:`read_un_xml`: the UN Security Council consolidated list (``CONSOLIDATED_LIST``
  XML). Names from FIRST..FOURTH_NAME; ``Good`` aliases (and ``a.k.a.``/``f.k.a.``)
  become aliases, ``Low`` ones weak aliases; measures come from the regime
  (``UN_LIST_TYPE``) through :data:`storyline.watchlist.measures.UN_MEASURES`.
* :func:`read_ofac_csv`: OFAC's legacy ``sdn.csv`` (12 columns, ``-0-`` for empty),
  with aliases from an ``alt.csv`` beside it when present (``ent_num, alt_num,
  alt_type, alt_name, remarks``; "weak" remarks make weak aliases) and from
  ``a.k.a. '…'`` remarks; DOB, POB, nationality parsed from the remarks.
* :func:`read_ftm`: OpenSanctions FollowTheMoney entities, one JSON object per line:
  Person/Organization/Company/LegalEntity targets, with Sanction entities joined
  to them for programmes, dates and provisions.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from storyline.errors import InputError
from storyline.model import Restriction, WatchlistEntry
from storyline.watchlist.measures import ofac_restrictions, provision_kinds, un_restrictions

_SPACES = re.compile(r"\s+")


def _clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _values(el: ET.Element, tag: str) -> list[str]:
    return [v for v in (_clean(x.text) for x in el.findall(f"{tag}/VALUE")) if v]


# -- UN consolidated list -------------------------------------------------------


def read_un_xml(path: str | Path, list_name: str = "UN Security Council Consolidated List"):
    """Entries of a UN consolidated list XML file."""
    origin = str(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(origin, f"invalid XML: {exc}") from exc
    except OSError as exc:
        raise InputError(origin, f"cannot read watchlist: {exc.strerror or exc}") from exc
    if root.tag != "CONSOLIDATED_LIST":
        raise InputError(origin, f"not a UN consolidated list (root element <{root.tag}>)")
    generated = (root.get("dateGenerated") or "")[:10]
    entries = []
    for kind, party in (("INDIVIDUAL", "person"), ("ENTITY", "organization")):
        for el in root.iter(kind):
            entries.append(_un_entry(el, party, list_name, generated))
    return entries


def _un_entry(el: ET.Element, party: str, list_name: str, generated: str) -> WatchlistEntry:
    parts = [_clean(el.findtext(t)) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME",
                                               "FOURTH_NAME")]  # fmt: skip
    name = " ".join(p for p in parts if p)
    aliases, weak = [], []
    for a in el.iter(f"{'INDIVIDUAL' if party == 'person' else 'ENTITY'}_ALIAS"):
        quality = _clean(a.findtext("QUALITY")).lower()
        for alias in _clean(a.findtext("ALIAS_NAME")).split(";"):
            alias = alias.strip()
            if alias and alias != name:
                (weak if quality == "low" else aliases).append(alias)
    original = _clean(el.findtext("NAME_ORIGINAL_SCRIPT"))
    if original:
        aliases.append(original)
    births = []
    for d in el.iter("INDIVIDUAL_DATE_OF_BIRTH"):
        value = _clean(d.findtext("DATE"))[:10] or _clean(d.findtext("YEAR"))
        if value:
            births.append(value)
    places = []
    for p in el.iter("INDIVIDUAL_PLACE_OF_BIRTH"):
        place = ", ".join(x for x in (_clean(p.findtext(t)) for t in ("CITY", "STATE_PROVINCE",
                                                                      "COUNTRY")) if x)  # fmt: skip
        if place:
            places.append(place)
    regime = _clean(el.findtext("UN_LIST_TYPE"))
    listed = _clean(el.findtext("LISTED_ON"))[:10] or None
    ref = _clean(el.findtext("REFERENCE_NUMBER")) or f"UN-{_clean(el.findtext('DATAID'))}"
    return WatchlistEntry(
        id=ref,
        list_name=list_name,
        name=name,
        aliases=tuple(dict.fromkeys(aliases)),
        type=party,  # type: ignore[arg-type]
        nationalities=tuple(_values(el, "NATIONALITY")),
        programmes=(f"UN {regime}",) if regime else (),
        listed=listed,
        restrictions=un_restrictions(regime, party, listed),
        weak_aliases=tuple(dict.fromkeys(weak)),
        birth_dates=tuple(dict.fromkeys(births)),
        birth_places=tuple(dict.fromkeys(places)),
        positions=tuple(_values(el, "TITLE") + _values(el, "DESIGNATION")),
        source=f"un-xml {generated}".strip(),
    )


# -- OFAC SDN CSV ------------------------------------------------------------------

_OFAC_TYPES = {"individual": "person", "-0-": "organization", "": "organization"}
_AKA = re.compile(r"\b[af]\.k\.a\.,? '([^']+)'")
_DOB = re.compile(r"\b(?:alt\. )?DOB ((?:\d{1,2} )?(?:[A-Z][a-z]{2} )?\d{4})")
_POB = re.compile(r"\b(?:alt\. )?POB ([^;]+)")
_NATIONALITY = re.compile(r"\b(?:alt\. )?nationality ([^;]+)")
_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}  # noqa: SIM905


def _ofac_date(text: str) -> str:
    parts = text.split()
    if len(parts) == 3 and parts[1] in _MONTHS:
        return f"{parts[2]}-{_MONTHS[parts[1]]:02d}-{int(parts[0]):02d}"
    if len(parts) == 2 and parts[0] in _MONTHS:
        return f"{parts[1]}-{_MONTHS[parts[0]]:02d}"
    return parts[-1]


def _field(value: str) -> str:
    value = value.strip()
    return "" if value == "-0-" else value


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for n, row in enumerate(csv.reader(fh), 1):
                if len(row) == 1 and row[0].strip() in ("", "\x1a"):  # blank / end-of-file mark
                    continue
                yield n, row
    except OSError as exc:
        raise InputError(str(path), f"cannot read watchlist: {exc.strerror or exc}") from exc


def read_ofac_csv(
    path: str | Path, alt: str | Path | None = None, list_name: str = "OFAC SDN List"
) -> list[WatchlistEntry]:
    """Entries of OFAC's ``sdn.csv``; aliases from ``alt`` (default: ``alt.csv`` beside it)."""
    path = Path(path)
    alt_path = Path(alt) if alt else path.with_name("alt.csv")
    alts: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    if alt_path.exists():
        for n, row in _csv_rows(alt_path):
            if len(row) < 4:
                raise InputError(f"{alt_path}:{n}", "an OFAC alt.csv row needs at least 4 columns")
            remarks = _field(row[4]) if len(row) > 4 else ""
            alts[row[0].strip()].append((_field(row[3]), "weak" in remarks.lower()))
    entries = []
    for n, row in _csv_rows(path):
        if len(row) != 12:
            raise InputError(f"{path}:{n}", f"an OFAC sdn.csv row has 12 columns, not {len(row)}")
        num, name, sdn_type, programs = row[0].strip(), _field(row[1]), row[2].strip(), row[3]
        if not name:
            continue
        if sdn_type in ("vessel", "aircraft"):
            continue  # screening covers people and organisations
        remarks = _field(row[11])
        programmes = tuple(p.strip() for p in _field(programs).split("] [") if p.strip())
        aliases = [a for a in _AKA.findall(remarks)]
        weak = []
        for alias, is_weak in alts.get(num, ()):
            if alias:
                (weak if is_weak else aliases).append(alias)
        entries.append(
            WatchlistEntry(
                id=f"OFAC-{num}",
                list_name=list_name,
                name=name,
                aliases=tuple(dict.fromkeys(aliases)),
                type=_OFAC_TYPES.get(sdn_type, "organization"),  # type: ignore[arg-type]
                nationalities=tuple(
                    dict.fromkeys(n.strip() for n in _NATIONALITY.findall(remarks))
                ),
                programmes=programmes,
                restrictions=ofac_restrictions(programmes),
                weak_aliases=tuple(dict.fromkeys(weak)),
                birth_dates=tuple(dict.fromkeys(_ofac_date(d) for d in _DOB.findall(remarks))),
                birth_places=tuple(dict.fromkeys(p.strip() for p in _POB.findall(remarks))),
                positions=(t,) if (t := _field(row[4])) else (),
                source="ofac-csv",
            )
        )
    return entries


# -- OpenSanctions FollowTheMoney ------------------------------------------------------

_FTM_PARTIES = {"Person": "person", "Organization": "organization", "Company": "organization",
                "LegalEntity": "organization", "PublicBody": "organization"}  # fmt: skip


def read_ftm(path: str | Path, list_name: str | None = None) -> list[WatchlistEntry]:
    """Entries of a FollowTheMoney JSON-lines file: the sanctioned parties in it."""
    path = Path(path)
    records = []
    try:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{n}", f"invalid JSON: {exc.msg}") from exc
                if not isinstance(rec, dict) or "schema" not in rec or "id" not in rec:
                    raise InputError(f"{path}:{n}", "not a FollowTheMoney entity (no id/schema)")
                records.append(rec)
    except OSError as exc:
        raise InputError(str(path), f"cannot read watchlist: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"watchlist is not UTF-8 text ({exc.reason})") from exc
    sanctions: dict[str, list[dict]] = defaultdict(list)
    for rec in records:
        if rec["schema"] == "Sanction":
            for target in rec.get("properties", {}).get("entity", []):
                sanctions[target].append(rec.get("properties", {}))
    name = list_name or f"OpenSanctions ({path.stem})"
    entries = []
    for rec in records:
        party = _FTM_PARTIES.get(rec["schema"])
        props = rec.get("properties", {})
        topics = props.get("topics", [])
        if party is None or not (sanctions.get(rec["id"]) or any(
                t.startswith("sanction") for t in topics)):  # fmt: skip
            continue
        names = props.get("name", []) or [rec.get("caption", "")]
        primary = rec.get("caption") or names[0]
        restrictions, programmes, listed, delisted = [], [], [], []
        for s in sanctions.get(rec["id"], ()):
            since = min(s.get("startDate", []) + s.get("listingDate", []), default=None)
            until = max(s.get("endDate", []), default=None)
            basis = "; ".join(s.get("program", []) or s.get("programId", []) or
                              s.get("authority", []))  # fmt: skip
            reason = "; ".join(s.get("reason", []))
            basis = f"{basis} ({reason})" if reason and basis else basis or reason
            for kind in provision_kinds(s.get("provisions", [])):
                restrictions.append(Restriction(kind, basis, since, until))  # type: ignore[arg-type]
            programmes += s.get("programId", []) or s.get("program", [])
            listed += [since] if since else []
            delisted += [until] if until else []
        entries.append(
            WatchlistEntry(
                id=rec["id"],
                list_name=name,
                name=primary,
                aliases=tuple(
                    dict.fromkeys(
                        a
                        for a in [*names, *props.get("alias", []), *props.get("previousName", [])]
                        if a != primary
                    )
                ),
                type=party,  # type: ignore[arg-type]
                nationalities=tuple(
                    dict.fromkeys(props.get("nationality", []) + props.get("citizenship", []))
                ),
                programmes=tuple(dict.fromkeys(programmes + props.get("programId", []))),
                listed=min(listed, default=None),
                delisted=max(delisted, default=None)
                if delisted and len(delisted) == len(sanctions.get(rec["id"], ()))
                else None,
                restrictions=tuple(dict.fromkeys(restrictions)),
                weak_aliases=tuple(props.get("weakAlias", [])),
                birth_dates=tuple(props.get("birthDate", [])),
                birth_places=tuple(props.get("birthPlace", [])),
                positions=tuple(props.get("position", []) + props.get("title", [])),
                source="ftm",
            )
        )
    return entries
