from tests.api.conftest import api_for, token_for  # noqa: F401 - the API fixtures, for the raadsgrip API tests
