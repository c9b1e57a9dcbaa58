"""`request.open_counter()`: the counter the signed-in official works at now, or None.

The dossiers app is above ratings and must not import it, yet its walk-in page records the counter
on the dossier; this hands it over as a request attribute. Lazy: no query unless a view asks.
"""


class OpenCounterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.open_counter = _lookup(request)
        return self.get_response(request)


def _lookup(request):
    found = []

    def open_counter():
        if not found:
            from .services import open_session

            session = open_session(getattr(request, "user", None))
            found.append(session.counter if session else None)
        return found[0]

    return open_counter
