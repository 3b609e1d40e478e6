"""CSS colours: hex notation and the named colours of CSS Color Module Level 4."""

from __future__ import annotations

import re

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")

# The 148 named colours of CSS Color Level 4 (including rebeccapurple). `transparent` and
# `currentcolor` are keywords, not colours a line can be drawn in, so they are left out.
_NAMES = """
    aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
    blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk
    crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki
    darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
    darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue
    dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite
    gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki
    lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
    lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen
    lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen
    magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen
    mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream
    mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
    palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum
    powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown
    seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen
    steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen
"""
NAMED_COLORS = frozenset(_NAMES.split())


def is_css_color(text: str) -> bool:
    """Whether `text` is `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa` or a CSS colour name.

    Names are matched in any ASCII case (`Teal`, `TEAL`), as CSS does; only ASCII, so the Kelvin
    sign in `blac\u212a` (which `str.lower` turns into `k`) is not `black`. The JSON Schema
    (schema.py) spells out the same rule; tests/loader/test_schema.py holds them together.
    """
    return bool(_HEX.fullmatch(text)) or (text.isascii() and text.lower() in NAMED_COLORS)


# Named colours whose contrast with white is below PALE_CONTRAST (WCAG relative luminance).
_PALE = """
    aliceblue antiquewhite aqua aquamarine azure beige bisque blanchedalmond chartreuse cornsilk
    cyan floralwhite gainsboro ghostwhite gold greenyellow honeydew ivory khaki lavender
    lavenderblush lawngreen lemonchiffon lightblue lightcyan lightgoldenrodyellow lightgray
    lightgreen lightgrey lightyellow lime linen mediumspringgreen mintcream mistyrose moccasin
    navajowhite oldlace palegoldenrod palegreen paleturquoise papayawhip peachpuff pink
    powderblue seashell snow springgreen wheat white whitesmoke yellow
"""
_PALE_NAMES = frozenset(_PALE.split())
# Below this contrast ratio with white (WCAG 2: 1 to 21), a line is hard to see on white paper.
PALE_CONTRAST = 1.6


def is_pale(color: str) -> bool:
    """Whether a line drawn in `color` is hard to see on white (yellow, lime, light grey ...).

    Hex colours are measured (WCAG contrast ratio with white below PALE_CONTRAST); names come
    from the same measure on the CSS named colours; anything else (rgb(), hsl()) counts as not
    pale.
    """
    text = color.strip().lower()
    if text in _PALE_NAMES:
        return True
    if not _HEX.fullmatch(text):
        return False
    digits = text[1:]
    if len(digits) in (3, 4):
        digits = "".join(c * 2 for c in digits)
    rgb = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05) < PALE_CONTRAST
