"""Spreadsheet imports: XLSX and CSV as offices save them, checked row by row through the record's own form and
shown as a preview, written through the apps' services in one transaction, kept as a batch that can be undone.

A record type declares its import in its app's ``imports.py`` (a subclass of
:class:`cmcoord.imports.registry.Importer`, registered with ``register``), imported by its ``AppConfig.ready``.
"""
