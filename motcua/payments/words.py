"""Amounts in Vietnamese words, as printed on payment documents ("Bảy mươi lăm nghìn đồng")."""

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = ["", "nghìn", "triệu", "tỷ"]


def _three(n: int, full: bool) -> list[str]:
    """Words for 0 < n < 1000; `full` when a higher group precedes it, so "không trăm", "linh" appear."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units:
        if units == 5 and tens:
            words.append("lăm")
        elif units == 1 and tens > 1:
            words.append("mốt")
        else:
            words.append(DIGITS[units])
    return words


def number_words(n: int) -> str:
    if n == 0:
        return DIGITS[0]
    if n < 0:
        return "âm " + number_words(-n)
    groups = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    # Above a thousand billion the scale repeats: "nghìn tỷ", "triệu tỷ".
    words: list[str] = []
    top = len(groups) - 1
    for index in range(top, -1, -1):
        group = groups[index]
        if not group:
            if index and index % 3 == 0 and any(groups[index:index + 3]) and words and words[-1] != "tỷ":
                words.append("tỷ")
            continue
        words += _three(group, full=index != top)
        scale = SCALES[index % 3] if index % 3 else ("tỷ" if index else "")
        if scale:
            words.append(scale)
    return " ".join(words)


def amount_words(n: int) -> str:
    text = number_words(n) + " đồng"
    return text[0].upper() + text[1:]
