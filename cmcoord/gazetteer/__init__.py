"""The P-code gazetteer: admin-1 and admin-2 units of each country, and the place picker every record's form uses.

Units come from OCHA's common operational datasets (CODs) through ``manage.py import_gazetteer FILE
[--country XX]`` (:mod:`.services`: columns found by HXL hashtag, every line checked first, one transaction); the
demo countries' files ship in ``demo/data/gazetteer/``. The gazetteer is reference data: every signed-in user reads
it, nobody changes it in the product (the access policy's catalogue rule). It sits on ``cmcoord.core`` alone.

A record's form adopts the picker for its four place fields (``admin1_name``, ``admin1_pcode``, ``admin2_name``,
``admin2_pcode``, as in :class:`cmcoord.core.places.PlaceFields`) with the mixin, first among its bases, and
renders the two pickers instead of the four fields::

    class IncidentForm(PlacePickerMixin, VersionedForm): ...    # from cmcoord.gazetteer.forms
    {{ form.admin1|as_crispy_field }} {{ form.admin2|as_crispy_field }}

Other field names: ``place_pickers = {"admin1": ("region", "region_pcode"), ...}``; a text field of comma-separated
admin-1 P-codes (an actor's areas): ``place_lists = ("areas",)``. Pages show codes with their names through
:func:`.selectors.attach_places` (one query for a whole list).
"""
