"""Where the network chart writes node names: beside their marker, never over another name, a
marker or the edge of the plot, at every width the chart is drawn at.

    >>> import pandas as pd
    >>> nodes = pd.DataFrame({"id": ["a", "b"], "name": ["数据中心", "平台"], "mentions": [4, 1]})
    >>> place_labels(nodes, {"a": (0.0, 0.0), "b": (1.19, 0.0)}, widths=(800,), height=600)
    {'a': 'top center', 'b': 'middle left'}

Positions are in the chart's data coordinates (``x_range`` × ``y_range``); the plot area is
``height`` pixels high and any of ``widths`` pixels wide (the chart stretches to its column, so
the placement is checked at each width given). A name that fits nowhere is left to hover.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels, top-down

# Tried in this order: above the marker reads best, then below, then beside it.
POSITIONS = ("top center", "bottom center", "middle right", "middle left")
GAP = 3.0  # pixels kept between a name and anything else (plotly's own offsets vary by a pixel or two)


def text_width(text: str, font_px: float) -> float:
    """Pixels the name takes: a CJK character (and full-width punctuation) is one em, Latin about 0.62.

    >>> text_width("数字ab", 10)
    32.4
    """
    return round(sum(font_px if ord(ch) >= 0x2E80 or ch == "·" else font_px * 0.62 for ch in text), 2)


def marker_px(mentions: float, scale: float = 1.0) -> float:
    """The diameter in pixels of a node's marker (the network chart sizes them so)."""
    return (9 + 7 * np.sqrt(float(mentions))) * scale


def _label_box(position: str, cx: float, cy: float, radius: float, width: float, height: float) -> Box:
    if position == "top center":
        return (cx - width / 2, cy - radius - height, cx + width / 2, cy - radius)
    if position == "bottom center":
        return (cx - width / 2, cy + radius, cx + width / 2, cy + radius + height)
    if position == "middle right":
        return (cx + radius, cy - height / 2, cx + radius + width, cy + height / 2)
    return (cx - radius - width, cy - height / 2, cx - radius, cy + height / 2)


def _clear(box: Box, others: list[Box], bounds: Box) -> bool:
    x0, y0, x1, y1 = box
    if x0 - GAP < bounds[0] or y0 - GAP < bounds[1] or x1 + GAP > bounds[2] or y1 + GAP > bounds[3]:
        return False
    return all(x1 + GAP <= b[0] or b[2] + GAP <= x0 or y1 + GAP <= b[1] or b[3] + GAP <= y0 for b in others)


def place_labels(
    nodes: pd.DataFrame,
    positions: dict[str, tuple[float, float]],
    *,
    widths: Sequence[float],
    height: float,
    font_px: float = 12,
    scale: float = 1.0,
    x_range: tuple[float, float] = (-1.2, 1.2),
    y_range: tuple[float, float] = (-1.2, 1.2),
) -> dict[str, str]:
    """The plotly ``textposition`` of each node whose name is written, the most mentioned first.

    ``nodes`` has the columns id, name and mentions; ``scale`` enlarges the markers as the chart
    does. A name is written where, at every width, it stays inside the plot and clear of the names
    already written and of every marker.
    """
    ranked = nodes[nodes["id"].isin(positions)].sort_values("mentions", ascending=False, kind="stable")
    line = font_px * 1.45  # the height of a line of CJK text in Noto Sans CJK
    per_width = []
    for width in widths:
        centres = {
            node: (
                (x - x_range[0]) / (x_range[1] - x_range[0]) * width,
                (y_range[1] - y) / (y_range[1] - y_range[0]) * height,
            )
            for node, (x, y) in positions.items()
        }
        radii = {
            node: marker_px(m, scale) / 2 for node, m in zip(ranked["id"], ranked["mentions"], strict=True)
        }
        markers = [(cx - radii.get(n, 0), cy - radii.get(n, 0), cx + radii.get(n, 0), cy + radii.get(n, 0))
                   for n, (cx, cy) in centres.items()]  # fmt: skip
        per_width.append((width, centres, radii, markers, []))
    placed: dict[str, str] = {}
    for node, label in zip(ranked["id"], ranked["name"], strict=True):
        size = (text_width(str(label), font_px), line)
        for position in POSITIONS:
            boxes = []
            for width, centres, radii, markers, written in per_width:
                box = _label_box(position, *centres[node], radii[node], *size)
                own = markers[list(centres).index(node)]
                if not _clear(box, [m for m in markers if m != own] + written, (0, 0, width, height)):
                    break
                boxes.append(box)
            else:
                for (*_, written), box in zip(per_width, boxes, strict=True):
                    written.append(box)
                placed[node] = position
                break
    return placed
