"""Colours, shapes and dash patterns of the drawings.

Every colour is from a colour-blind-safe palette (Okabe-Ito, Paul Tol), darkened where needed so that a mark
contrasts at least 3:1 with what it is drawn on (WCAG 2.2, 1.4.11): the white canvas and the map's shaded cells.
Colour is never the only cue: stances also differ by shape, confidences by dash pattern, and each mark's tooltip
and the table beside each drawing say the same in words.
"""

from .common import num

# Backgrounds the marks are drawn on (the map's two cell shades; the canvas is white).
CANVAS = "#ffffff"
MAP_CELL_SHADES = ("#f8f9fa", "#eef1f4")
TEXT_COLOUR = "#212529"
AXIS_COLOUR = "#495057"
GRID_COLOUR = "#ced4da"

FALLBACK_COLOUR = "#6c757d"
FALLBACK_SHAPE = "circle"

# Okabe-Ito vermillion and blue, Paul Tol's purple, Bootstrap's secondary grey.
STANCE_COLOURS = {
    "spoiler": "#d55e00",
    "influencer": "#aa4499",
    "neutral": "#6c757d",
    "supportive": "#0072b2",
}

# A second cue besides colour, so that the stances read in greyscale and for every kind of colour vision.
STANCE_SHAPES = {
    "spoiler": "triangle",
    "influencer": "diamond",
    "neutral": "square",
    "supportive": "circle",
}

# Paul Tol's colour-blind-safe "vibrant"/"muted" hues ("influences" darkened to ochre for contrast); the dash
# pattern (confidence) is a second cue and each edge's tooltip names its kind.
EDGE_COLOURS = {
    "part_of": "#332288",
    "allied": "#117733",
    "opposed": "#cc3311",
    "influences": "#997700",
    "supplies": "#aa4499",
    "negotiates": "#0077bb",
    "coordinates": "#009988",
}

CONFIDENCE_DASHES = {
    "confirmed": None,  # solid
    "probable": "6 3",
    "possible": "2 3",
}

# Okabe-Ito colour-blind-safe palette for the stakeholder categories.
GROUP_COLOURS = {
    "domestic_civilian": "#0072b2",
    "domestic_military": "#d55e00",
    "international_civilian": "#009e73",
    "foreign_military": "#cc79a7",
    "nsag": "#882255",
}


def shape_path(shape: str, cx: float, cy: float, size: float) -> str | None:
    """The ``d`` of a marker of about the area of a circle of radius ``size``; None for a circle (drawn as one).

    Defined once, for the points and the legend alike.
    """
    if shape == "square":
        h = size * 0.89  # same area as the circle
        return f"M{num(cx - h)},{num(cy - h)}H{num(cx + h)}V{num(cy + h)}H{num(cx - h)}Z"
    if shape == "diamond":
        h = size * 1.25
        return f"M{num(cx)},{num(cy - h)}L{num(cx + h)},{num(cy)}L{num(cx)},{num(cy + h)}L{num(cx - h)},{num(cy)}Z"
    if shape == "triangle":
        # Equilateral, pointing up, centred on its centroid; its extent stays within 1.35 times size of the centre.
        r = size * 1.35
        half = r * 0.866
        return f"M{num(cx)},{num(cy - r)}L{num(cx + half)},{num(cy + r / 2)}L{num(cx - half)},{num(cy + r / 2)}Z"
    return None


# How far each shape reaches from its centre, as a share of ``size`` (for spacing and hit-testing).
SHAPE_EXTENT = {"circle": 1.0, "square": 0.89 * 1.415, "diamond": 1.25, "triangle": 1.35}
