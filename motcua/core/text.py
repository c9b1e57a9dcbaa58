"""Vietnamese text at the boundary: NFC for storage, a diacritic-free key for search."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(value: str | None) -> str:
    """Canonical composed form, trimmed, inner whitespace folded.

    Input arrives in NFD from macOS and some IMEs; two spellings of one name must compare equal.
    """
    if not value:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def search_key(value: str | None) -> str:
    """Lower-case, no diacritics, đ→d: "Cấp giấy phép XÂY DỰNG" → "cap giay phep xay dung"."""
    text = nfc(value).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", re.sub(r"[^\w]+", " ", stripped)).strip()
