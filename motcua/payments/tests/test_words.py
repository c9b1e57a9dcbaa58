import pytest

from motcua.payments.words import amount_words


@pytest.mark.parametrize("amount, words", [
    (75000, "Bảy mươi lăm nghìn đồng"),
    (0, "Không đồng"),
    (15, "Mười lăm đồng"),
    (21, "Hai mươi mốt đồng"),
    (105, "Một trăm linh năm đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (1_234_567, "Một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy đồng"),
    (2_500_000_000, "Hai tỷ năm trăm triệu đồng"),
])
def test_amount_words(amount, words):
    assert amount_words(amount) == words
