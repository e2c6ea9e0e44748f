"""Reading watchlists into :class:`~storyline.model.WatchlistEntry` objects.

:func:`load_watchlist` reads any supported format, detected from the file's
content (or given as ``fmt``):

* ``json``: storyline's own list format (documented in ``docs/watchlists.md``)::

    {"list_name": "...", "entries": [{"id", "name", "aliases", "type",
      "nationalities", "programmes", "listed", "delisted",
      "restrictions": [{"kind", "basis", "since", "until"}], "weak_aliases",
      "birth_dates", "birth_places", "positions"}]}

* ``un-xml``: the UN Security Council consolidated list;
* ``ofac-csv``: OFAC's ``sdn.csv`` (with ``alt.csv`` beside it, when present);
* ``ftm``: OpenSanctions FollowTheMoney entities, one JSON object per line.

The readers of the published lists are in :mod:`storyline.watchlist.sources`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from storyline.errors import InputError
from storyline.model import Restriction, WatchlistEntry

_KINDS = ("travel_ban", "asset_freeze", "arms_embargo")
WATCHLIST_FORMATS = ("auto", "json", "un-xml", "ofac-csv", "ftm")


def detect_format(path: str | Path) -> str:
    """The format of the list in ``path``, from its first bytes."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputError(str(path), f"cannot read watchlist: {exc.strerror or exc}") from exc
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        return "un-xml"
    if text.startswith("{"):
        first = text.split("\n", 1)[0]
        if '"schema"' in first and '"properties"' in first:
            return "ftm"
        return "json"
    if re.match(r"\d+,", text):
        return "ofac-csv"
    raise InputError(
        str(path),
        "unknown watchlist format: expected storyline JSON, UN XML, OFAC sdn.csv or "
        "FollowTheMoney JSON lines (or say which with --format)",
    )


def load_watchlist(
    path: str | Path, fmt: str = "auto", alt: str | Path | None = None
) -> list[WatchlistEntry]:
    """Entries of the list in ``path``; raises :class:`InputError` naming the problem.

    ``alt`` is OFAC's alias file (default: ``alt.csv`` beside ``sdn.csv``, if any).
    """
    from storyline.watchlist import sources

    fmt = detect_format(path) if fmt == "auto" else fmt
    if fmt == "un-xml":
        return sources.read_un_xml(path)
    if fmt == "ofac-csv":
        return sources.read_ofac_csv(path, alt)
    if fmt == "ftm":
        return sources.read_ftm(path)
    if fmt != "json":
        raise InputError(str(path), f"unknown watchlist format {fmt!r}")
    return _load_json(path)


def _load_json(path: str | Path) -> list[WatchlistEntry]:
    origin = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(origin, f"cannot read watchlist: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"watchlist is not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            origin, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise InputError(
            origin, "not a storyline watchlist: expected an object with an 'entries' list"
        )
    list_name = str(data.get("list_name") or Path(path).stem)
    entries = []
    for i, raw in enumerate(data["entries"]):
        where = f"{origin}: entries[{i}]"
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("name"):
            raise InputError(where, "each entry needs an 'id' and a 'name'")
        restrictions = []
        for r in raw.get("restrictions") or ():
            if not isinstance(r, dict) or r.get("kind") not in _KINDS:
                raise InputError(where, f"restriction kind must be one of {', '.join(_KINDS)}")
            restrictions.append(
                Restriction(r["kind"], str(r.get("basis") or ""), r.get("since"), r.get("until"))
            )
        etype = raw.get("type", "person")
        if etype not in ("person", "organization"):
            raise InputError(where, "type must be 'person' or 'organization'")
        entries.append(
            WatchlistEntry(
                id=str(raw["id"]),
                list_name=list_name,
                name=str(raw["name"]),
                aliases=tuple(str(a) for a in raw.get("aliases") or ()),
                type=etype,
                nationalities=tuple(raw.get("nationalities") or ()),
                programmes=tuple(raw.get("programmes") or ()),
                listed=raw.get("listed"),
                delisted=raw.get("delisted"),
                restrictions=tuple(restrictions),
                weak_aliases=tuple(str(a) for a in raw.get("weak_aliases") or ()),
                birth_dates=tuple(str(a) for a in raw.get("birth_dates") or ()),
                birth_places=tuple(str(a) for a in raw.get("birth_places") or ()),
                positions=tuple(str(a) for a in raw.get("positions") or ()),
                source="json",
            )
        )
    return entries
