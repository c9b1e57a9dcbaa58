"""What the payment services need from a gateway, so that another one (the national payment
platform) can be added without touching the services."""

from __future__ import annotations

import abc
import datetime
from dataclasses import dataclass, field


@dataclass
class ProviderResult:
    """A callback (return or IPN) read and checked by the provider."""

    valid_signature: bool
    txn_ref: str = ""
    amount: int | None = None  # VND, already divided back
    success: bool = False
    response_code: str = ""
    transaction_no: str = ""
    bank_code: str = ""
    paid_at: datetime.datetime | None = None
    merchant: str = ""
    raw: dict = field(default_factory=dict)


@dataclass
class QueryResult:
    """The provider's own view of a transaction: paid, failed, pending or not_found."""

    status: str
    response_code: str = ""
    transaction_no: str = ""
    amount: int | None = None
    message: str = ""


class PaymentProvider(abc.ABC):
    name: str

    @abc.abstractmethod
    def payment_url(self, attempt, *, ip_address: str) -> str:
        """Where to send the payer's browser for this attempt."""

    @abc.abstractmethod
    def parse_callback(self, params: dict) -> ProviderResult:
        """Check and read the parameters of a return or IPN request."""

    @abc.abstractmethod
    def ipn_answer(self, code: str, message: str):
        """The body the provider expects in answer to its IPN."""

    @abc.abstractmethod
    def query(self, attempt, *, ip_address: str = "127.0.0.1") -> QueryResult:
        """Ask the provider what it knows of the attempt (reconciliation)."""

    def merchant_matches(self, result: ProviderResult) -> bool:
        return True
