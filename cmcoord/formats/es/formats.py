"""Spanish: the product's formats, as in English (see :mod:`cmcoord.formats`)."""

from cmcoord.formats.en.formats import *  # noqa: F403 - every language shows and reads the same formats
