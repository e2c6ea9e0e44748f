"""List readers: UN XML, OFAC CSV (+ alt.csv), FollowTheMoney, storyline JSON; detection.

The small fixtures are written for these tests (fictional parties); the real lists in
../shared/corpora/sanctions are read when present.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.watchlist import load_watchlist
from storyline.watchlist.formats import detect_format
from tests.conftest import CORPORA, need_corpus

UN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2020-01-02T10:00:00">
 <INDIVIDUALS>
  <INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>VAKHTAN</FIRST_NAME><SECOND_NAME>ORZHELYEV</SECOND_NAME>
   <UN_LIST_TYPE>Iran</UN_LIST_TYPE><REFERENCE_NUMBER>IRi.900</REFERENCE_NUMBER>
   <LISTED_ON>2008-03-03</LISTED_ON><DESIGNATION><VALUE>Brigadier General</VALUE></DESIGNATION>
   <NATIONALITY><VALUE>Iran (Islamic Republic of)</VALUE></NATIONALITY>
   <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Vaktan Orjelev; Vakhtan
      Orzhelev</ALIAS_NAME></INDIVIDUAL_ALIAS>
   <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Haji Vakhtan</ALIAS_NAME></INDIVIDUAL_ALIAS>
   <INDIVIDUAL_DATE_OF_BIRTH><DATE>1961-05-04</DATE></INDIVIDUAL_DATE_OF_BIRTH>
   <INDIVIDUAL_PLACE_OF_BIRTH><CITY>Qom</CITY><COUNTRY>Iran</COUNTRY></INDIVIDUAL_PLACE_OF_BIRTH>
  </INDIVIDUAL>
 </INDIVIDUALS>
 <ENTITIES>
  <ENTITY><DATAID>2</DATAID><FIRST_NAME>CRESCENT GUARD DIRECTORATE</FIRST_NAME>
   <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDe.900</REFERENCE_NUMBER>
   <LISTED_ON>2012-01-01</LISTED_ON>
   <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>CGD</ALIAS_NAME></ENTITY_ALIAS>
  </ENTITY>
 </ENTITIES>
</CONSOLIDATED_LIST>
"""
SDN = (
    '901,"ORZHELYEV, Vakhtan","individual","SDGT] [IRGC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    "\"DOB 04 May 1961; POB Qom, Iran; nationality Iran; a.k.a. 'ORJELEV, Vaktan'.\"\n"
    '902,"CRESCENT TRADING LLC",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
    '903,"SEA STAR",vessel,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
    "\x1a\n"
)
ALT = '901,1,"aka","ORZHELEV, Vakhtan",-0-\n902,2,"aka","CRESCENT TRADE",weak aka\n'
FTM = [
    {"id": "p1", "schema": "Person", "caption": "Vakhtan Orzhelyev",
     "properties": {"name": ["Vakhtan Orzhelyev", "Вахтан Оржельев"], "nationality": ["ir"],
                    "birthDate": ["1961-05-04"], "topics": ["sanction"]}},
    {"id": "s1", "schema": "Sanction", "properties": {
        "entity": ["p1"], "program": ["Iran human rights"], "startDate": ["2019-01-01"],
        "provisions": ["Asset freeze", "Travel Ban"]}},
    {"id": "c1", "schema": "Company", "caption": "Unlisted Ltd",
     "properties": {"name": ["Unlisted Ltd"]}},
]  # fmt: skip


@pytest.fixture
def lists(tmp_path: Path) -> dict[str, Path]:
    paths = {"xml": tmp_path / "consolidated.xml", "csv": tmp_path / "sdn.csv",
             "ftm": tmp_path / "entities.ftm.json"}  # fmt: skip
    paths["xml"].write_text(UN_XML, encoding="utf-8")
    paths["csv"].write_text(SDN, encoding="utf-8")
    (tmp_path / "alt.csv").write_text(ALT, encoding="utf-8")
    paths["ftm"].write_text("\n".join(json.dumps(r) for r in FTM) + "\n", encoding="utf-8")
    return paths


def test_formats_are_detected_from_content(lists: dict[str, Path]) -> None:
    assert detect_format(lists["xml"]) == "un-xml"
    assert detect_format(lists["csv"]) == "ofac-csv"
    assert detect_format(lists["ftm"]) == "ftm"
    from storyline.demo import watchlist_path

    assert detect_format(watchlist_path()) == "json"


def test_un_xml_names_aliases_and_measures_from_the_regime(lists: dict[str, Path]) -> None:
    person, org = load_watchlist(lists["xml"])
    assert person.id == "IRi.900" and person.name == "VAKHTAN ORZHELYEV"
    assert person.aliases == ("Vaktan Orjelev", "Vakhtan Orzhelev")
    assert person.weak_aliases == ("Haji Vakhtan",)
    assert person.birth_dates == ("1961-05-04",) and person.birth_places == ("Qom, Iran",)
    assert person.positions == ("Brigadier General",)
    kinds = {r.kind: r for r in person.restrictions}
    assert set(kinds) == {"travel_ban", "asset_freeze"}
    assert kinds["travel_ban"].since == "2010-06-09"  # binding from resolution 1929
    assert kinds["travel_ban"].until == "2020-10-18" and "2231" in kinds["travel_ban"].basis
    assert kinds["asset_freeze"].since == "2008-03-03"
    # an entity gets no travel ban; Al-Qaida listings carry an arms embargo
    assert {r.kind for r in org.restrictions} == {"asset_freeze", "arms_embargo"}
    assert org.type == "organization" and org.aliases == ("CGD",)


def test_ofac_csv_with_alt_file(lists: dict[str, Path]) -> None:
    person, company = load_watchlist(lists["csv"])  # the vessel is left out
    assert person.id == "OFAC-901" and person.type == "person"
    assert set(person.aliases) == {"ORJELEV, Vaktan", "ORZHELEV, Vakhtan"}
    assert person.birth_dates == ("1961-05-04",) and person.nationalities == ("Iran",)
    assert person.programmes == ("SDGT", "IRGC")
    assert [r.kind for r in person.restrictions] == ["asset_freeze"]
    assert company.type == "organization" and company.weak_aliases == ("CRESCENT TRADE",)
    without_alt = load_watchlist(lists["csv"], alt=lists["csv"].with_name("none.csv"))
    assert without_alt[0].aliases == ("ORJELEV, Vaktan",)


def test_ftm_sanctioned_parties_with_their_provisions(lists: dict[str, Path]) -> None:
    (person,) = load_watchlist(lists["ftm"])  # the unsanctioned company is left out
    assert person.name == "Vakhtan Orzhelyev" and "Вахтан Оржельев" in person.aliases
    assert {r.kind for r in person.restrictions} == {"asset_freeze", "travel_ban"}
    assert all(r.since == "2019-01-01" for r in person.restrictions)
    assert person.listed == "2019-01-01" and person.nationalities == ("ir",)


@pytest.mark.parametrize(
    ("content", "fmt", "problem"),
    [
        ("<html/>", "auto", "not a UN consolidated list"),
        ("<CONSOLIDATED_LIST>", "auto", "invalid XML"),
        ("1,2,3\n", "ofac-csv", "has 12 columns"),
        ('{"schema": "Person", "properties": {}\n', "ftm", "invalid JSON"),
        ("hello", "auto", "unknown watchlist format"),
    ],
)
def test_bad_lists_are_refused_with_the_problem(
    tmp_path: Path, content: str, fmt: str, problem: str
) -> None:
    path = tmp_path / "list.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        load_watchlist(path, fmt)


def test_real_un_list_soleimani_entry() -> None:
    path = need_corpus(CORPORA / "sanctions" / "un" / "consolidated.xml")
    entries = load_watchlist(path)
    assert len(entries) == 1093
    (sol,) = [e for e in entries if e.id == "IRi.039"]
    assert "Qasim Sulaimani" in sol.aliases and "Kasim Sulaymani" in sol.aliases
    assert "Haji Qassem" in sol.weak_aliases
    assert sol.birth_dates == ("1957-03-11",) and sol.listed == "2007-03-24"
    assert {r.kind for r in sol.restrictions} == {"travel_ban", "asset_freeze"}


def test_real_sdn_loads_and_stores_quickly(store) -> None:
    path = need_corpus(CORPORA / "sanctions" / "ofac" / "sdn.csv")
    t0 = time.perf_counter()
    entries = load_watchlist(path)
    assert len(entries) > 13_000
    assert store.add_watchlist_entries(entries) == len(entries)
    back = store.watchlist_entries()
    assert len(back) == len(entries)
    assert time.perf_counter() - t0 < 30  # ~3 s here; a per-row commit would take minutes
    (sol,) = [e for e in back if e.id == "OFAC-10481"]
    assert sol.birth_places == ("Qom, Iran",) and sol.source == "ofac-csv"
