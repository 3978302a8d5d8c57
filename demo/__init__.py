"""The demo deployment: invented operations, people and records, kept as data in ``data/*.yaml``.

``manage.py seed_demo`` loads them through :mod:`.loader`; nothing here is imported when the site starts.
"""
