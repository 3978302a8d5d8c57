import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def forget_api_rates():
    """The API's writes are tried here by the hundred as one officer: the rates counted in the cache (600 requests
    a minute per person) are forgotten after each test, so that no later test meets a 429 it did not earn."""
    yield
    cache.clear()
