"""Attachments: files (minutes, signed notes, photos) attached to an operation's records.

A lower layer, like ``cmcoord.exports``: it imports ``cmcoord.core`` and ``cmcoord.operations`` only, and any
record app may use it. An attachment is read and deleted exactly when its record may be viewed and changed
(``ScopeRule.ATTACHED`` in :mod:`cmcoord.core.access`: no second policy). Files are checked on their content
(:mod:`.validators`) and size (``ATTACHMENT_MAX_MB``), stored in ``storages["attachments"]`` (private: no public
address), served only by ``attachments:download`` and never put in an export or a digest.

Attaching files to a record type
--------------------------------

The record must be an ``OperationRecord`` with an integer key and a ``get_absolute_url``. Three lines::

    attachments = GenericRelation("attachments.Attachment")  # on the model: opts in, deletes them with it

    {% include "attachments/_panel.html" with record=object %}  {# on its page: list, upload, delete #}

    from cmcoord.attachments.links import upload_url  # addresses for code: upload_url(record), a.get_absolute_url()

The panel costs a fixed number of queries however many files there are. Declaring the relation needs no
migration; deleting a record deletes its attachments and, once that commits, their files.
"""
