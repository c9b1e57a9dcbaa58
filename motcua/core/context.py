"""What every page's frame needs from the settings."""

from django.conf import settings


def languages(request):
    # settings.LANGUAGES as written, each language in its own name: Django's get_available_languages
    # would translate them ("English" → "Tiếng Anh"), which a reader who needs English may not know.
    return {"language_menu": settings.LANGUAGES}
