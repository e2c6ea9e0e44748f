from __future__ import annotations

import pytest

from storyline.entities.names import clean_name, fold, initials, is_acronym, same_name, skeleton


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Qassem Soleimani", "Qasem Soleimani"),
        ("Qasem Soleimani", "Ghasem Suleimani"),
        ("Qasim Sulaimani", "Kasim Sulaymani"),
        ("Quds Force", "Qods Force"),
        ("Vakhtan Orzhelev", "Vaktan Orjelev"),
    ],
)
def test_transliteration_variants_share_a_skeleton(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)
    assert same_name(a, b)


@pytest.mark.parametrize(
    ("a", "b"), [("Soleimani", "Salman"), ("Vladimir Putin", "Vladimir Pozner")]
)
def test_different_names_are_not_variants(a: str, b: str) -> None:
    # "Soleimani" and "Salman" share the skeleton "slmn"; spelling keeps them apart
    assert not same_name(a, b)


def test_clean_name_strips_titles_possessives_and_articles() -> None:
    assert clean_name("Maj. Gen. Qasem Soleimani’s") == "Qasem Soleimani"
    assert clean_name("Iranian General Qasem Soleimani") == "Qasem Soleimani"
    assert clean_name("President Vladimir Putin") == "Vladimir Putin"
    # organisations keep their words; only a leading article or possessive owner goes
    assert clean_name("the Foreign Ministry", person=False) == "Foreign Ministry"
    assert (
        clean_name("Karvessa’s Crescent Guard Directorate", person=False)
        == "Crescent Guard Directorate"
    )


def test_fold_and_acronyms() -> None:
    assert fold("Bashar al-Assad") == "bashar al assad"
    assert fold("Ali Khameneí") == "ali khamenei"
    assert initials("Islamic Revolutionary Guard Corps") == "IRGC"
    assert is_acronym("IRGC") and is_acronym("U.N.") and not is_acronym("Iran")


def test_a_name_that_ends_another_is_left_out_of_a_shown_list() -> None:
    from storyline.entities.names import without_name_parts

    assert without_name_parts(["Sallowmere", "Port Sallowmere", "Lumenhold"]) == [
        "Port Sallowmere",
        "Lumenhold",
    ]
    assert without_name_parts(["Moscow", "Russia"]) == ["Moscow", "Russia"]
