import pytest

from docgen.rules.outline import heading_number, letter, roman


@pytest.mark.parametrize("n, expected", [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL")])
def test_roman(n, expected):
    assert roman(n) == expected


def test_letters_follow_the_vietnamese_alphabet():
    assert [letter(i) for i in range(1, 8)] == ["a", "b", "c", "d", "đ", "e", "g"]
    assert letter(24) == "aa"


def test_heading_forms_from_the_profile():
    assert heading_number("{la_ma}.", (3,)) == "III."
    assert heading_number("{la_ma}-", (3,)) == "III-"
    assert heading_number("{so}.", (2, 4)) == "4."
    assert heading_number("{chu})", (2, 4, 5)) == "đ)"
    assert heading_number("{so_cha}.{so}.", (2, 4, 1)) == "4.1."


def test_numbers_start_at_one():
    with pytest.raises(ValueError):
        roman(0)
    with pytest.raises(ValueError):
        letter(0)
