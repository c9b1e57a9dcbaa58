"""Helpers for the officials' page tests: one signed-in browser per official, and reading the pages."""

import re
from html.parser import HTMLParser

from django.test import Client

from motcua.directory.tests.signin import sign_in


class Browsers:
    """A signed-in test client per username (leaders pass TOTP once), made on first use."""

    def __init__(self):
        self.clients: dict[str, Client] = {}

    def __getitem__(self, username: str) -> Client:
        if username not in self.clients:
            client = Client()
            if username is not None:
                sign_in(client, username)
            self.clients[username] = client
        return self.clients[username]


def text(response) -> str:
    """The page's visible text with tags removed and spaces folded, for plain assertions."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def act(client, code: str, action: str, data=None, expect=302, follow=True):
    """POST an action form as a person would and return the page they land on."""
    r = client.post(f"/can-bo/ho-so/{code}/xu-ly/{action}/", data or {})
    assert r.status_code == expect, (r.status_code, text(r)[:1500])
    if expect == 302 and follow:
        return client.get(r["Location"])
    return r


def form_fields(html: str) -> dict:
    """The hidden inputs of the page's action form, as a browser would send them."""
    return dict(re.findall(r'<input type="hidden" name="(?!csrfmiddlewaretoken)([^"]+)" value="([^"]*)"', html))


def submit(client, url: str, data: dict):
    """GET the form (as the htmx panel loads it), then POST it with its hidden fields and `data`."""
    page = client.get(url, HTTP_HX_REQUEST="true")
    assert page.status_code == 200, text(page)[:500]
    return client.post(url, {**form_fields(page.content.decode()), **data})


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.label_for, self.controls, self.headings, self.problems = [], set(), [], [], []
        self.in_label = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if "style" in a:
            self.problems.append(f"inline style on <{tag}>")
        if tag == "script" and "src" not in a:
            self.problems.append("inline <script>")
        if any(name.startswith("on") for name in a):
            self.problems.append(f"inline event handler on <{tag}>")
        if tag == "label":
            self.in_label += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit", "button"):
            self.controls.append((a.get("id"), a.get("name"), self.in_label > 0, a.get("aria-label")))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag):
        if tag == "label":
            self.in_label -= 1


def markup_problems(html: str) -> list[str]:
    """What the house rules forbid or accessibility needs: labels, unique ids, heading order, strict CSP."""
    scan = _Markup()
    scan.feed(html)
    problems = list(scan.problems)
    problems += [f"duplicate id {i}" for i in {i for i in scan.ids if scan.ids.count(i) > 1}]
    for control_id, name, wrapped, aria in scan.controls:
        if not (wrapped or aria or (control_id and control_id in scan.label_for)):
            problems.append(f"no label for {name}")
    if scan.headings.count(1) != 1:
        problems.append(f"{scan.headings.count(1)} h1")
    for before, after in zip(scan.headings, scan.headings[1:], strict=False):
        if after > before + 1:
            problems.append(f"heading jumps from h{before} to h{after}")
    return problems
