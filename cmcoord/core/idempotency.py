"""API writes applied once per ``Idempotency-Key``: a client on a slow or dropped link sends its POST again with the
same key and gets the first answer back (``Idempotent-Replayed: true``) instead of a second record.

The key is reserved by inserting its row (:class:`~cmcoord.core.models.IdempotentRequest`) in the request's own
transaction, before the work: of two identical requests sent at once, the second waits on the unique (user, key)
until the first commits, then answers what the first stored. Only successful answers are kept; a refused request
rolls its reservation back with everything else, so that the client may correct it and send it again under the
same key. A key used for another request (another path, method or body) answers 422.
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response

from .access import Action
from .models import IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
KEY = re.compile(r"[\x20-\x7e]{1,100}")  # printable ASCII, as a header carries it
KEPT_HEADERS = ("Location", "ETag")


def key_hours() -> int:
    return getattr(settings, "IDEMPOTENCY_KEY_HOURS", 24)


def idempotent(request, respond) -> Response:
    """``respond()``'s answer to ``request``, given once per (user, ``Idempotency-Key``); without the header, simply
    ``respond()``. ``respond`` may set ``response.idempotent_object`` to the record its answer shows: a replay answers
    404 once the user may no longer read that record through the API."""
    key = request.headers.get(HEADER)
    if key is None:
        return respond()
    if not KEY.fullmatch(key):
        message = _("An Idempotency-Key is 1 to 100 printable ASCII characters.")
        return Response({"detail": message}, status=status.HTTP_400_BAD_REQUEST)
    # Read before DRF parses the body, so that the raw bytes are kept for both.
    digest = hashlib.sha256(request._request.body).hexdigest()
    user = request.user
    with transaction.atomic():
        try:
            with transaction.atomic():
                entry = IdempotentRequest.objects.create(
                    user=user, key=key, method=request.method, path=request.path[:500], body_sha256=digest
                )
        except IntegrityError:  # the key is taken: by a request that has committed by now (its answer is stored)
            stored = IdempotentRequest.objects.filter(user=user, key=key).first()
            return _answer_again(stored, request, digest)
        response = respond()
        if not status.is_success(response.status_code):
            transaction.set_rollback(True)  # nothing kept: the client may correct the request and reuse the key
            return response
        shown = getattr(response, "idempotent_object", None)
        entry.status = response.status_code
        entry.response = response.data
        entry.headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        if shown is not None:
            entry.content_type = ContentType.objects.get_for_model(shown)
            entry.object_id = shown.pk
        entry.save(update_fields=["status", "response", "headers", "content_type", "object_id"])
    return response


def _answer_again(stored, request, digest: str) -> Response:
    if stored is None or stored.status is None:
        # Not answered yet (or removed meanwhile): the client tries again in a moment.
        message = _("A request with this Idempotency-Key is still being processed. Try again in a moment.")
        return Response({"detail": message}, status=status.HTTP_409_CONFLICT)
    if (stored.method, stored.path, stored.body_sha256) != (request.method, request.path[:500], digest):
        message = _(
            "This Idempotency-Key was already used for another request. Send a new key with a new request, or the "
            "same request again."
        )
        return Response({"detail": message}, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
    if stored.content_type_id is not None:
        model = stored.content_type.model_class()
        if not model._default_manager.restrict(request.user, Action.API).filter(pk=stored.object_id).exists():
            return Response({"detail": _("Not found.")}, status=status.HTTP_404_NOT_FOUND)
    return Response(stored.response, status=stored.status, headers={**stored.headers, REPLAYED: "true"})


def remove_expired() -> int:
    """Forget the keys older than ``IDEMPOTENCY_KEY_HOURS`` (the hourly clean-up); how many went."""
    cutoff = timezone.now() - timedelta(hours=key_hours())
    deleted, _by_model = IdempotentRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted
