"""A Redis cache that degrades instead of failing: while Redis is unavailable (a restart, a full memory, a network
fault), every read is a miss and every write is dropped, after a short timeout, and pages are drawn without the
cache. The product keeps nothing in the cache that it cannot compute again (network layouts), and nothing that
guards access (sessions and sign-in limits live in the database)."""

from __future__ import annotations

import logging

import redis
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# Seconds to wait for Redis before treating the cache as absent; a page pays this at most once per cache call.
TIMEOUT = 0.5


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", TIMEOUT)
        options.setdefault("socket_timeout", TIMEOUT)
        super().__init__(server, params)


def _degrading(name, fallback):
    method = getattr(RedisCache, name)

    def degrading(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except redis.RedisError as error:
            logger.warning("cache unavailable (%s): %s", name, error)
            return fallback(args, kwargs) if callable(fallback) else fallback

    degrading.__name__ = name
    degrading.__doc__ = method.__doc__
    return degrading


for _name, _fallback in {
    "get": lambda args, kwargs: kwargs.get("default", args[1] if len(args) > 1 else None),
    "get_many": {},
    "has_key": False,
    "set": None,
    "add": False,
    "touch": False,
    "delete": False,
    "set_many": lambda args, kwargs: list(args[0]) if args else [],
    "delete_many": None,
    "clear": False,
}.items():
    setattr(ResilientRedisCache, _name, _degrading(_name, _fallback))
