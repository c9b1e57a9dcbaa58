from .base import PaymentProvider, ProviderResult, QueryResult


def get_provider(name: str = "vnpay") -> PaymentProvider:
    # One provider today; the national payment platform plugs in here under its own name.
    from .vnpay import VnpayProvider

    providers = {"vnpay": VnpayProvider}
    return providers[name]()


__all__ = ["PaymentProvider", "ProviderResult", "QueryResult", "get_provider"]
