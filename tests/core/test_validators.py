"""Phone numbers as people write them in the field are accepted; anything that cannot be dialled is refused."""

import pytest
from django.core.exceptions import ValidationError

from cmcoord.core.validators import validate_phone_number

GOOD = ["+236 75 12 34 56", "+211-912-345-678", "+223 70.00.00.01", "(021) 555 0101", "0021175123456", "+870776123456"]
BAD = [
    "call me", "+236 75 12 34 5x", "75 12 34 56 ext. 12", "12345", "+1234567890123456", "+236 75+12 34 56",
    "+\uff12\uff13\uff16 75 12 34 56", "+236\u00a075 12 34 56", "+236/75/12/34/56", "<script>", "++236 75 12 34 56",
]  # fmt: skip


@pytest.mark.parametrize("number", GOOD)
def test_international_and_local_formats_are_accepted(number):
    validate_phone_number(number)


@pytest.mark.parametrize("number", BAD)
def test_letters_symbols_and_impossible_lengths_are_refused(number):
    with pytest.raises(ValidationError) as caught:
        validate_phone_number(number)
    assert caught.value.code == "invalid_phone"
