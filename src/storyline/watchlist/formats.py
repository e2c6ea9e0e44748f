"""Reading watchlists into :class:`~storyline.model.WatchlistEntry` objects.

Supported now: storyline's own JSON list format (documented in
``docs/watchlists.md``)::

    {"list_name": "...", "entries": [{"id", "name", "aliases", "type",
      "nationalities", "programmes", "listed", "delisted",
      "restrictions": [{"kind", "basis", "since", "until"}]}]}
"""

from __future__ import annotations

import json
from pathlib import Path

from storyline.errors import InputError
from storyline.model import Restriction, WatchlistEntry

_KINDS = ("travel_ban", "asset_freeze", "arms_embargo")


def load_watchlist(path: str | Path) -> list[WatchlistEntry]:
    """Entries of the list in ``path``; raises :class:`InputError` naming the problem."""
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
            )
        )
    return entries
