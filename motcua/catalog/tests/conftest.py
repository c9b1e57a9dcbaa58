import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def default_language():
    # A request in English activates it for the whole thread; later tests expect Vietnamese.
    translation.activate("vi")
    yield
    translation.deactivate()
