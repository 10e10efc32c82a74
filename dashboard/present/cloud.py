"""The word cloud: laid out by the ``wordcloud`` library, drawn by the browser as SVG text.

    >>> import pandas as pd
    >>> svg = word_cloud_svg(pd.DataFrame({"term": ["数字", "产业"], "count": [3, 1]}), "count")
    >>> svg.startswith("<svg") and svg.count("<text") == 2
    True

``wordcloud`` packs the words (largest first, each where its drawn pixels touch no other word's)
with the glyphs of Noto Sans CJK, so the server needs that font (Debian's ``fonts-noto-cjk``);
the browser then writes the same words at the same places in the same font, sized by weight and
coloured by the sector they occur in most. The SVG is inline: the HTML report needs nothing else.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from html import escape
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image, ImageDraw, ImageFont

from dashboard import settings
from dashboard.pipeline import taxonomy as tx

# Debian/Ubuntu (fonts-noto-cjk), Fedora/Arch (google-noto-sans-cjk), macOS Homebrew casks.
FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
)
BROWSER_FACE = "Noto Sans CJK SC"
FONT_FAMILY = f"'{BROWSER_FACE}', 'Noto Sans CJK JP', 'Source Han Sans SC', sans-serif"
WIDTH, HEIGHT = 560, 380  # the cloud's own pixels; the SVG scales to its column
MIN_FONT, MAX_FONT = 16, 72


class FontMissing(RuntimeError):
    """No CJK font to lay the words out with."""


@functools.cache
def cjk_font() -> str:
    """The path of Noto Sans CJK on this machine (raises ``FontMissing`` without it)."""
    for path in FONT_FILES:
        if Path(path).is_file():
            return path
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", "Noto Sans CJK SC"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if "CJK" in found and Path(found).is_file():
            return found
    raise FontMissing("the word cloud needs Noto Sans CJK: apt-get install fonts-noto-cjk")


def layout(weights: dict[str, float], *, width: int = WIDTH, height: int = HEIGHT) -> list[tuple]:
    """``(word, font_size, left, top)`` of each word that fits, largest first; deterministic, so
    the same weights are laid out once (the view in the other language, the report): packing
    the words is half of building the keywords page."""
    return list(_layout(tuple((w, v) for w, v in weights.items() if v > 0), width, height))


@functools.lru_cache(maxsize=256)
def _layout(weights: tuple[tuple[str, float], ...], width: int, height: int) -> tuple[tuple, ...]:
    settings.keep_matplotlib_in_the_cache_folder()
    from wordcloud import WordCloud

    if not weights:
        return ()
    cloud = WordCloud(
        font_path=cjk_font(),
        width=width,
        height=height,
        prefer_horizontal=1.0,  # rotated Chinese is hard to read from a distance
        min_font_size=MIN_FONT,
        max_font_size=MAX_FONT,
        relative_scaling=0.6,
        margin=6,
        random_state=7,
        mode="RGBA",
        background_color=None,
    ).generate_from_frequencies(dict(weights))
    placed = [(word, size, left, top) for (word, _), size, (top, left), _, _ in cloud.layout_]
    return tuple(_without_overlaps(placed, width, height))


def _without_overlaps(placed: list[tuple], width: int, height: int) -> list[tuple]:
    """The words whose drawn pixels, with a pixel of room around them, come no nearer than that
    room to a word kept before them (two pixels apart at least), drawn in the browser's face.

    wordcloud reserves a word's box measured from the top of its glyphs but draws it from the
    font's ascender line, so now and then a word's lower edge runs into a word placed earlier;
    such a word is left out rather than drawn over another. The browser draws the words at its own
    scale, where hinting can make a word a pixel wider than here: one pixel of room was too little
    for two words side by side.
    """
    taken = np.zeros((height, width), dtype=bool)
    kept = []
    for word, size, left, top in placed:
        image = Image.new("L", (width, height))
        ImageDraw.Draw(image).text((left, top), word, fill=255, font=_font(size))
        ink = np.asarray(image) > 0
        grown = ink.copy()  # one pixel of room all round, for the browser's own rendering
        grown[1:] |= ink[:-1]
        grown[:-1] |= ink[1:]
        grown[:, 1:] |= ink[:, :-1]
        grown[:, :-1] |= ink[:, 1:]
        if not (grown & taken).any():
            kept.append((word, size, left, top))
            taken |= grown
    return kept


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    """The face the browser draws with (``FONT_FAMILY``'s first): a .ttc holds Japanese, Korean and
    Chinese faces whose glyphs differ, and wordcloud measures with its first, the Japanese one."""
    return ImageFont.truetype(cjk_font(), size, index=_face_index())


@functools.cache
def _face_index() -> int:
    path = cjk_font()
    for index in range(8):
        try:
            face = ImageFont.truetype(path, 12, index=index)
        except OSError:  # no more faces in the file
            break
        if face.getname()[0] == BROWSER_FACE:
            return index
    return 0


# Markdown's own characters, as entities: the page hands the SVG to st.markdown (st.html drops SVG).
_MARKDOWN = str.maketrans({c: f"&#{ord(c)};" for c in "*_`~[]\\#|"})


def _text(word: str) -> str:
    """A word as SVG text that neither HTML nor Markdown reads as markup.

    >>> _text("<a>_b_")
    '&lt;a&gt;&#95;b&#95;'
    """
    return escape(word).translate(_MARKDOWN)


def _ascent(size: int) -> int:
    return _font(size).getmetrics()[0]


def word_cloud_svg(
    table: pd.DataFrame, measure: str, *, sectors: dict[str, str] | None = None, label: str = ""
) -> str:
    """The terms of ``table`` sized by ``measure`` as an inline SVG; each word carries its weight
    as a tooltip and its term in ``data-term``. ``sectors`` maps a term to its sector (its colour)."""
    weights = dict(zip(table["term"].astype(str), table[measure].astype(float), strict=True))
    sectors = sectors or {}
    words = []
    for word, size, left, top in layout(weights):
        colour = tx.SECTOR_COLORS.get(
            sectors.get(word, tx.DIGITAL_INDUSTRY), tx.SECTOR_COLORS[tx.UNCLASSIFIED]
        )
        words.append(
            f'<text x="{left}" y="{top + _ascent(size)}" font-size="{size}" fill="{colour}" '
            f'data-term="{escape(word)}"><title>{_text(word)}: {weights[word]:.3g}</title>{_text(word)}</text>'
        )
    return (
        f'<svg class="word-cloud" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" '
        f'style="font-family: {FONT_FAMILY}; max-width: {WIDTH * 1.6:.0f}px; display: block; margin: auto">'
        + "".join(words)
        + "</svg>"
    )
