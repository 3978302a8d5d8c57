"""What keeps one test from another: each starts with an empty cache, and where the cache is Redis (which the two
test workers share) emptying it leaves the other worker's keys alone."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from tests.support import clear_cache


def test_each_test_starts_with_an_empty_cache_and_emptying_it_removes_what_it_held():
    cache = caches["default"]
    assert cache.get("left-by-a-test") is None
    cache.set("left-by-a-test", 1, 60)
    clear_cache()
    assert cache.get("left-by-a-test") is None


@pytest.mark.skipif(not isinstance(caches["default"], RedisCache), reason="the cache is in this process's memory")
def test_emptying_the_cache_leaves_the_other_worker_s_keys():
    cache = caches["default"]
    client = cache._cache.get_client(write=True)
    other = f"not-{cache.key_prefix}:1:its-own"
    client.set(other, b"kept", ex=60)
    cache.set("mine", 1, 60)
    try:
        clear_cache()
        assert cache.get("mine") is None
        assert client.get(other) == b"kept"
    finally:
        client.delete(other)
