from .helpers import world  # noqa: F401  (the fixture, for every test module here)
