from django.test import Client

from thuiswerk.api.services import token_create


def bearer_client(
    user, access: str = "write", entities=(), days: int = 30, name: str = "test"
) -> Client:
    """A client that sends a new token of `user` (its text also as `client.secret`)."""
    _token, secret = token_create(
        user=user,
        name=name,
        access=access,
        expires_days=days,
        entity_codes=[entity.code for entity in entities],
        actor="test",
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    client.secret = secret
    return client
