"""Refusals that carry a machine code and a message a person can read (in Vietnamese)."""


class DomainError(Exception):
    """A business rule said no. `status` is the HTTP status the API answers with."""

    def __init__(self, code: str, message: str, status: int = 400, **extra):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.extra = extra
