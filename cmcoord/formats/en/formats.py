"""English: ISO 8601 dates and 24-hour times (see :mod:`cmcoord.formats`)."""

DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "m-d"
YEAR_MONTH_FORMAT = "Y-m"
FIRST_DAY_OF_WEEK = 1  # Monday, as ISO 8601 counts weeks

# What forms read: the ISO form first (a <input type="date"> always sends it), nothing a reader could take for
# another day (no 03/04/2026).
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d"]

# Numbers as they are typed into the forms (a dot before decimals: 4.25, 5.756700), in every language: Django's own
# French, Arabic and Spanish formats would show 4,25 beside a field that refuses it.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
