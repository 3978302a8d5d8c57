"""Date and time formats of the product (``FORMAT_MODULE_PATH``): one per language, read by ``|date`` and forms.

Dates are shown and entered as ISO 8601 (2026-11-21) in every language: colleagues in several countries read
the same record, and 03/04/2026 means March in one office and April in the next. A new language adds a module
here with the same formats.
"""
