"""English is the second language: the public pages, the sign-in page and the API's messages
switch to it, Vietnamese stays the default, and every catalog under motcua/ is fully translated.

The catalog tests parse the .po files themselves (no polib), so a string wrapped for translation
and left untranslated, or left fuzzy by makemessages, fails here with its msgid named. A string
added to the code but not yet extracted is caught by running makemessages on a copy of the tree.
"""

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "motcua"
# The same folders the project's makemessages run leaves out.
IGNORED = {".venv", "var", "bench", "artifacts", "staticfiles", "media", "node_modules"}


@pytest.fixture(autouse=True)
def default_language():
    # A request in English activates it for the whole thread; other tests expect Vietnamese.
    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture
def english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


# ---------------------------------------------------------------------------------------------
# Pages and API in each language

PAGES = {
    "/thu-tuc/": {
        "en": ["Public service portal", "Find an administrative procedure", "Officials’ sign-in",
               "Track a dossier", "Skip to main content"],
        "vi": ["Cổng dịch vụ công", "Tra cứu thủ tục hành chính", "Cán bộ đăng nhập", "Tra cứu hồ sơ"],
    },
    "/tra-cuu": {
        "en": ["Track a dossier", "Dossier code (printed on the receipt of dossier and appointment for results)",
               "Look up"],
        "vi": ["Tra cứu hồ sơ", "Mã hồ sơ (in trên giấy tiếp nhận và hẹn trả kết quả)"],
    },
    "/dang-nhap/": {
        "en": ["Officials’ sign-in", "Username", "Password", "Sign in"],
        "vi": ["Cán bộ đăng nhập", "Tên đăng nhập", "Mật khẩu", "Đăng nhập"],
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_pages_switch_to_english_with_the_language_switcher(english, path):
    response = english.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    for text in PAGES[path]["en"]:
        assert text in html, f"{path}: {text!r} missing in English"
    for text in PAGES[path]["vi"]:
        assert text not in html, f"{path}: {text!r} still in Vietnamese"


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_pages_stay_vietnamese_by_default(client, path):
    html = client.get(path).content.decode()
    assert '<html lang="vi">' in html
    for text in PAGES[path]["vi"]:
        assert text in html, f"{path}: {text!r} missing in Vietnamese"


@pytest.mark.django_db
def test_the_language_menu_names_each_language_in_itself(english):
    from django.test import Client

    for page in (Client().get("/thu-tuc/"), english.get("/thu-tuc/")):
        html = page.content.decode()
        assert html == unicodedata.normalize("NFC", html)
        assert re.search(r'<option value="en" lang="en"[^>]*>English</option>', html)
        assert re.search(r'<option value="vi" lang="vi"[^>]*>Tiếng Việt</option>', html)
        assert "Tiếng Anh" not in html


@pytest.mark.django_db
def test_browser_language_english_is_honoured(client):
    html = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert "Officials’ sign-in" in html and "Cán bộ đăng nhập" not in html


@pytest.mark.django_db
def test_lookup_error_is_english(english):
    html = english.get("/tra-cuu", {"code": "KHONG-CO"}).content.decode()
    assert "No dossier found with code KHONG-CO. Please check the code on your appointment receipt." in html


@pytest.mark.django_db
def test_api_error_message_follows_the_language(client, english):
    url = "/api/v1/dossiers/UNKNOWN/status"
    body = english.get(url).json()
    assert english.get(url).status_code == 404
    assert body == {
        "code": "dossier_not_found",
        "message": "No dossier found with code UNKNOWN. Please check the code on your appointment receipt.",
    }
    by_header = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert by_header["message"].startswith("No dossier found with code UNKNOWN.")

    # Sign-in refusals too.
    assert client.get("/api/v1/dossiers", HTTP_ACCEPT_LANGUAGE="en").json()["message"] == "Sign-in required."


@pytest.mark.django_db
def test_api_error_message_is_vietnamese_by_default(client):
    response = client.get("/api/v1/dossiers/UNKNOWN/status")
    assert response.status_code == 404
    assert response.json()["message"] == (
        "Không tìm thấy hồ sơ có mã UNKNOWN. Vui lòng kiểm tra lại mã trên giấy hẹn."
    )
    assert client.get("/api/v1/dossiers").json()["message"] == "Cần đăng nhập."


def test_english_plurals():
    from django.utils.translation import ngettext

    with translation.override("en"):
        assert ngettext("còn %(n)d ngày làm việc", "còn %(n)d ngày làm việc", 1) % {"n": 1} == "1 working day left"
        assert ngettext("còn %(n)d ngày làm việc", "còn %(n)d ngày làm việc", 3) % {"n": 3} == "3 working days left"


# ---------------------------------------------------------------------------------------------
# The catalogs: complete, not fuzzy, placeholders kept, compiled


PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdfir]|%[sdi]")
KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


def parse_po(text: str) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr {form: text}, flags, obsolete, line."""
    entries, entry, field = [], None, None
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            entry = None
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        starts_entry = line.startswith("#") or line.startswith(("msgctxt ", "msgid "))
        if entry is None or (starts_entry and entry["msgstr"]):
            entry = {"line": no, "flags": set(), "obsolete": False, "msgctxt": None, "msgid": None,
                     "msgid_plural": None, "msgstr": {}}
            entries.append(entry)
        entry["obsolete"] |= obsolete
        if line.startswith("#"):
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if match := KEYWORD.match(line):
            key, form, value = match.group(1), match.group(2), ast.literal_eval(match.group(3))
            field = ("msgstr", int(form or 0)) if key.startswith("msgstr") else (key, None)
        elif line.startswith('"') and field is not None:
            value = ast.literal_eval(line)
        else:
            raise AssertionError(f"line {no}: cannot parse {raw!r}")
        if field[0] == "msgstr":
            entry["msgstr"][field[1]] = entry["msgstr"].get(field[1], "") + value
        else:
            entry[field[0]] = (entry[field[0]] or "") + value
    return [e for e in entries if e["msgid"] is not None]


def problems(path: Path, base: Path = ROOT) -> list[str]:
    """Untranslated, fuzzy or placeholder-changing entries of one catalog, each with file:line."""
    found = []
    for e in parse_po(path.read_text(encoding="utf-8")):
        if e["obsolete"]:
            continue
        where = f"{path.relative_to(base)}:{e['line']}"
        if e["msgid"] == "":
            if "fuzzy" in e["flags"]:
                found.append(f"{where}: the header is fuzzy (a new catalog never filled in)")
            continue
        forms = [e["msgstr"].get(i, "") for i in range(2 if e["msgid_plural"] else 1)]
        if "fuzzy" in e["flags"]:
            found.append(f"{where}: fuzzy: {e['msgid']!r}")
        elif not all(forms):
            found.append(f"{where}: untranslated: {e['msgid']!r}")
        else:
            want = sorted(PLACEHOLDER.findall(e["msgid"]))
            found += [f"{where}: placeholders differ: {e['msgid']!r} → {form!r}"
                      for form in forms if sorted(PLACEHOLDER.findall(form)) != want]
    return found


def po_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("locale/*/LC_MESSAGES/*.po") if not IGNORED & set(p.parts))


def test_the_project_has_english_catalogs():
    found = {p.relative_to(ROOT).as_posix() for p in po_files(PACKAGE)}
    assert "motcua/locale/en/LC_MESSAGES/django.po" in found
    assert "motcua/catalog/locale/en/LC_MESSAGES/django.po" in found


@pytest.mark.parametrize("path", po_files(PACKAGE), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_catalog_is_complete(path):
    found = problems(path)
    assert not found, "\n".join([f"{len(found)} problem(s); translate them and run compilemessages:", *found])


@pytest.mark.parametrize("path", po_files(PACKAGE), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_compiled_catalog_matches_the_po(path):
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{mo.relative_to(ROOT)} missing: run manage.py compilemessages"
    with mo.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = []
    for e in parse_po(path.read_text(encoding="utf-8")):
        if e["obsolete"] or not e["msgid"] or "fuzzy" in e["flags"]:
            continue
        key = e["msgid"] if e["msgctxt"] is None else f"{e['msgctxt']}\x04{e['msgid']}"
        if e["msgid_plural"]:
            got = [compiled.ngettext(key, e["msgid_plural"], n) for n in (1, 2)]
            want = [e["msgstr"].get(0, ""), e["msgstr"].get(1, "")]
        else:
            got, want = compiled.gettext(key), e["msgstr"].get(0, "")
        if got != want:
            stale.append(f"{e['msgid']!r}: .mo has {got!r}, .po has {want!r}")
    assert not stale, f"{mo.relative_to(ROOT)} is stale; run manage.py compilemessages:\n" + "\n".join(stale[:20])


def test_no_wrapped_string_is_missing_from_the_catalogs(tmp_path):
    """makemessages on a copy of the tree adds nothing untranslated to any catalog."""
    if shutil.which("xgettext") is None and not os.environ.get("CI"):
        pytest.skip("GNU gettext (xgettext) is not installed here; .ci/run installs it")
    copy = tmp_path / "tree"

    def skip(folder, names):
        return [n for n in names if n in IGNORED or n.startswith(".") or n == "__pycache__"
                or n.endswith((".pyc", ".mo"))]

    shutil.copytree(ROOT, copy, ignore=skip)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete",
         *[f"--ignore={d}" for d in sorted(IGNORED)]],
        cwd=copy, capture_output=True, text=True, timeout=120,
        env={**os.environ, "MOTCUA_VAR_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "motcua.settings"},
    )
    assert result.returncode == 0, result.stderr
    found = [f for p in po_files(copy / "motcua") for f in problems(p, base=copy)]
    assert not found, "\n".join([
        f"{len(found)} string(s) in the code have no English translation. Run `manage.py makemessages -l en "
        + " ".join(f"--ignore={d}" for d in sorted(IGNORED)) + "`, translate them, then compilemessages:", *found])

