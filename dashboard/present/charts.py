"""Plotly figures built from the extracted tables (no Streamlit here; the views draw them).

    >>> fig = sector_bar(pd.DataFrame({"sector": ["agriculture", "services", "agriculture"]}), lang="en")
    >>> dict(zip(fig.data[0].customdata, fig.data[0].y))["agriculture"]
    2

Sector colours come from ``taxonomy.SECTOR_COLORS`` so a sector looks the same in every chart.
Chinese text is drawn by the browser, so no font is needed on the server.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.pipeline import taxonomy as tx
from dashboard.present.glossary import name, t
from dashboard.present.labels import marker_px, place_labels
from dashboard.query.filters import Filters
from dashboard.query.network import X_RANGE, Y_RANGE

FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
ALL_SECTORS = (*tx.SECTORS, tx.UNCLASSIFIED)
# Passed to st.plotly_chart: no mode bar (it costs render time and officials do not need it).
CONFIG = {"displayModeBar": False, "displaylogo": False}
# Chart text: 14 px, never under 12 px at 1280×720; presenter mode and the HTML report draw it
# larger (a room reads a projector from metres away).
BASE_FONT_PX = 14
MIN_FONT_PX = 12
PRESENTER_SCALE = 1.5
REPORT_SCALE = 1.25
INK = "#1f1f1f"
CLOSING = "）》」』】〕”’，。、；：！？)"
TYPE_COLORS = {
    "project": "#3b6ea8",
    "organization": "#c0713a",
    "place": "#4f9a7b",
    "keyword": "#9a8c98",
}


class BuiltFigure(go.Figure):
    """A figure that is only read once built, as the pages read the figures they keep for every
    session: its dictionary, which plotly deep-copies and encodes afresh on every ``to_dict``
    (each time a page draws it), is made once. Not to be changed after it is made.

    >>> fig = frozen(go.Figure(go.Bar(x=["a"], y=[1])))
    >>> fig.to_dict() is fig.to_dict(), fig.to_dict() == go.Figure(go.Bar(x=["a"], y=[1])).to_dict()
    (True, True)
    """

    def to_dict(self) -> dict:
        made = self.__dict__.get("_made")
        if made is None:
            made = self._made = super().to_dict()
        return made


def frozen(fig: go.Figure) -> BuiltFigure:
    """``fig`` itself, made a ``BuiltFigure`` to be kept and drawn again and again (not copied:
    making a figure anew from another validates all of it again, a third of building a page's
    charts)."""
    fig.__class__ = BuiltFigure
    return fig


def _colour(sector: str) -> str:
    return tx.SECTOR_COLORS.get(sector, tx.SECTOR_COLORS[tx.UNCLASSIFIED])


def _tint(colour: str, amount: float = 0.45) -> str:
    """``colour`` mixed with white, so dark text on it stays legible.

    >>> _tint("#000000", 0.5)
    '#808080'
    """
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def _frame(fig: go.Figure, *, height: int, legend: bool = False, scale: float = 1.0) -> go.Figure:
    fig.update_layout(
        height=height,
        margin=dict(l=8, r=8, t=8, b=8),
        font=dict(family=FONT, size=round(BASE_FONT_PX * scale)),
        showlegend=legend,
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
        clickmode="event+select",
    )
    return fig


def scale_for(filters: Filters) -> float:
    """How much larger than on a desk the charts of a view draw their text: presenter mode is
    read from across a room.

    >>> scale_for(Filters(mode="present")), scale_for(Filters())
    (1.5, 1.0)
    """
    return PRESENTER_SCALE if filters.present else 1.0


def sector_bar(projects: pd.DataFrame, *, lang: str = "zh", scale: float = 1.0) -> go.Figure:
    """Projects per sector; each bar carries its sector slug in ``customdata`` for clicks."""
    counts = projects["sector"].value_counts()
    sectors = [s for s in ALL_SECTORS if s in tx.SECTORS or counts.get(s, 0)]
    values = [int(counts.get(s, 0)) for s in sectors]
    fig = go.Figure(
        go.Bar(
            x=[name(s, lang) for s in sectors],
            y=values,
            customdata=sectors,
            marker_color=[_colour(s) for s in sectors],
            text=values,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    fig.update_yaxes(title=t("projects", lang), rangemode="tozero", showgrid=False)
    return _frame(fig, height=round(320 * scale), scale=scale)


MAX_DRAWN_MENTIONS = 40  # the network's largest marker: 9 + 7 × √40 ≈ 53 pixels
STRUCTURE_TILES = 25  # projects of a sector drawn as tiles of their own


def wrap_label(label: str, *, width: int = 5) -> str:
    """A name broken into lines of about ``width`` characters (Chinese) or at spaces (Latin), so a
    tile can hold it at a readable size; lines are balanced rather than greedy.

    >>> wrap_label("星河农业科技数字产业园区")
    '星河农业<br>科技数字<br>产业园区'
    >>> wrap_label("Industrial digitalization", width=12)
    'Industrial<br>digitalization'
    >>> wrap_label("江州（北岸）数字经济产业园")  # a closing bracket never starts a line
    '江州（北岸）<br>数字经济<br>产业园'
    """
    words = label.split()
    if len(words) > 1:
        lines: list[str] = []
        for word in words:
            if lines and len(lines[-1]) + 1 + len(word) <= 2 * width:
                lines[-1] += " " + word
            else:
                lines.append(word)
        return "<br>".join(lines) if max(map(len, lines)) > width else label
    if len(label) <= width + 2 or label.isascii():  # a Latin word is never cut
        return label
    count = math.ceil(len(label) / width)
    size = math.ceil(len(label) / count)
    lines = [label[i : i + size] for i in range(0, len(label), size)]
    for i in range(1, len(lines)):  # closing punctuation stays at the end of the line before
        while lines[i] and lines[i][0] in CLOSING:
            lines[i - 1], lines[i] = lines[i - 1] + lines[i][0], lines[i][1:]
    return "<br>".join(line for line in lines if line)


def structure(
    projects: pd.DataFrame, *, lang: str = "zh", scale: float = 1.0, per_sector: int = STRUCTURE_TILES
) -> go.Figure:
    """Pillar → sector → project as a treemap, sized by mentions. Unclassified projects stand right
    in their own box, not in a second box of the same name.

    A sector shows its ``per_sector`` most mentioned projects; the others share one tile
    (``其他 40 个项目``), so that the chart stays as quick to build and draw for ten thousand
    articles as for one. Every label is drawn at ``MIN_FONT_PX`` × ``scale`` or larger; a name
    that does not fit its tile at that size is hidden and shown on hover (plotly's
    ``uniformtext`` with ``hide``).

    >>> table = pd.DataFrame({"name": list("甲乙丙丁"), "sector": ["services"] * 4, "mentions": [4, 3, 2, 1]})
    >>> structure(table, per_sector=2).data[0].labels[-3:]
    ('甲', '乙', '其他 2 个项目')
    """
    ids, labels, texts, parents, values, colours, inks = [], [], [], [], [], [], []
    mentions = projects.groupby(["sector", "name"], sort=False)["mentions"].sum().reset_index()
    mentions["pillar"] = mentions["sector"].map(tx.pillar_of)
    for pillar, by_pillar in mentions.groupby("pillar", sort=False):
        inks.append(INK)
        ids.append(pillar)
        labels.append(name(pillar, lang))
        texts.append(name(pillar, lang))
        parents.append("")
        values.append(int(by_pillar["mentions"].sum()))
        colours.append("#d9d4c7")
        for sector, by_sector in by_pillar.groupby("sector", sort=False):
            sector_id = f"{pillar}/{sector}"
            if sector == tx.UNCLASSIFIED:  # its own pillar: its projects stand right in it
                sector_id = pillar
            else:
                inks.append("white")
                ids.append(sector_id)
                labels.append(name(sector, lang))
                texts.append(name(sector, lang))
                parents.append(pillar)
                values.append(int(by_sector["mentions"].sum()))
                colours.append(_colour(sector))
            ranked = by_sector.sort_values("mentions", ascending=False, kind="stable")
            shown, rest = ranked.head(per_sector), ranked.iloc[per_sector:]
            tiles = list(zip(shown["name"].tolist(), shown["mentions"].tolist(), strict=True))
            if len(rest):
                tiles.append((t("other_projects", lang, n=len(rest)), rest["mentions"].sum()))
            tint = _tint(_colour(sector))
            for project, value in tiles:
                inks.append(INK)
                ids.append(f"{sector_id}/{project}")
                labels.append(project)
                texts.append(wrap_label(project))
                parents.append(sector_id)
                values.append(int(value))
                colours.append(tint)
    font = dict(family=FONT, size=round(BASE_FONT_PX * scale), color=inks)
    fig = go.Figure(
        go.Treemap(
            ids=ids,
            labels=labels,
            text=texts,
            parents=parents,
            values=values,
            branchvalues="total",
            texttemplate="%{text}",
            textfont=font,
            pathbar=dict(visible=False),
            tiling=dict(pad=2),
            marker=dict(colors=colours, line=dict(color="#fbfaf7", width=1), pad=dict(t=round(26 * scale))),
            hovertemplate="%{label}: %{value}<extra></extra>",
            maxdepth=3,
            root=dict(color="#fbfaf7"),
        )
    )
    fig.update_layout(uniformtext=dict(minsize=round(MIN_FONT_PX * scale), mode="hide"))
    return _frame(fig, height=round(480 * scale), scale=scale)


def term_bar(
    table: pd.DataFrame, measure: str, *, lang: str = "zh", by_sector: bool = False, scale: float = 1.0
) -> go.Figure:
    """Horizontal bars of terms by ``measure`` (count, tfidf or textrank), largest on top.

    With ``by_sector`` the table has a ``sector`` column and the bars are stacked by sector.
    Each bar carries its term in ``customdata`` for clicks.
    """
    fig = go.Figure()
    if by_sector:
        order = table.groupby("term")[measure].sum().sort_values(ascending=True).index.tolist()
        for sector in ALL_SECTORS:
            part = table[table["sector"] == sector]
            if part.empty:
                continue
            fig.add_bar(
                y=part["term"],
                x=part[measure],
                customdata=part["term"],
                orientation="h",
                name=name(sector, lang),
                marker_color=_colour(sector),
                hovertemplate="%{y} · " + name(sector, lang) + ": %{x:.3~f}<extra></extra>",
            )
        fig.update_layout(barmode="stack")
    else:
        table = table.sort_values(measure, ascending=True)
        order = table["term"].tolist()
        fig.add_bar(
            y=table["term"],
            x=table[measure],
            customdata=table["term"],
            orientation="h",
            marker_color=tx.SECTOR_COLORS[tx.DIGITAL_INDUSTRY],
            hovertemplate="%{y}: %{x:.3~f}<extra></extra>",
        )
    fig.update_yaxes(categoryorder="array", categoryarray=order, title=None)
    fig.update_xaxes(title=t(f"measure_{measure}", lang), showgrid=True)
    return _frame(fig, height=round(max(260, 26 * len(order) + 60) * scale), legend=by_sector, scale=scale)


# Plot-area widths in pixels the network is drawn at: its column on a desk (1280 to 2560 pixels
# wide screens, sidebar open), in presenter mode (no sidebar, a 1500-pixel page) and in the report.
DESK_WIDTHS = (820, 960, 1120, 1300, 1480, 1800, 2100)
ROOM_WIDTHS = (1040, 1160, 1290)
REPORT_WIDTHS = (900, 980, 1042)
NETWORK_HEIGHT = 640


def network(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    positions: dict[str, tuple[float, float]],
    *,
    lang: str = "zh",
    colour_by: str = "type",
    scale: float = 1.0,
    widths: tuple[float, ...] = DESK_WIDTHS,
) -> go.Figure:
    """Nodes sized by mentions, coloured by type or sector; edges as lines, wider when frequent.

    Names are written where ``labels.place_labels`` finds room for them at each of ``widths`` (the
    plot-area widths the chart may be drawn at); the others show on hover. ``scale`` enlarges
    names and markers (presenter mode, the report).
    """
    fig = go.Figure()
    # one trace per line width (1, 2, 3+ shared sentences); NaN breaks the line between edges
    width = edges["weight"].clip(upper=3)
    for w, group in edges.groupby(width):
        pairs = [
            (positions[s], positions[e])
            for s, e in zip(group["source_id"], group["target_id"], strict=True)
            if s in positions and e in positions
        ]
        xy = np.full((len(pairs) * 3, 2), np.nan)
        xy[0::3] = [a for a, _ in pairs]
        xy[1::3] = [b for _, b in pairs]
        fig.add_scatter(
            x=xy[:, 0],
            y=xy[:, 1],
            mode="lines",
            line=dict(width=(0.6 + 0.9 * float(w)) * scale, color="rgba(120,120,120,0.35)"),
            hoverinfo="skip",
            showlegend=False,
        )
    # a large corpus mentions a name thousands of times: the markers are drawn as if the most
    # mentioned node had at most MAX_DRAWN_MENTIONS mentions, the others in proportion
    peak = float(nodes["mentions"].max()) if len(nodes) else 1.0
    nodes = nodes.assign(mentions=nodes["mentions"] * min(1.0, MAX_DRAWN_MENTIONS / max(peak, 1.0)))
    height = round(NETWORK_HEIGHT * scale)
    top = round(44 * scale)  # the legend's row
    font_px = round(MIN_FONT_PX * scale)
    where = place_labels(
        nodes,
        positions,
        widths=widths,
        height=height - top - 8,
        font_px=font_px,
        scale=scale,
        x_range=X_RANGE,
        y_range=Y_RANGE,
    )
    key = "type" if colour_by == "type" else "sector"
    groups = [("project", "organization", "place", "keyword"), ALL_SECTORS][key == "sector"]
    for group_name in groups:
        part = nodes[nodes[key] == group_name]
        if part.empty:
            continue
        colour = TYPE_COLORS[group_name] if key == "type" else _colour(group_name)
        label = t(group_name, lang) if key == "type" else name(group_name, lang)
        fig.add_scatter(
            x=np.array([positions[i][0] for i in part["id"]]),
            y=np.array([positions[i][1] for i in part["id"]]),
            mode="markers+text",
            text=np.array([n if i in where else "" for i, n in zip(part["id"], part["name"], strict=True)]),
            hovertext=part["name"].to_numpy(dtype=object),
            textposition=[where.get(i, "top center") for i in part["id"]],
            textfont=dict(size=font_px, family=FONT, color=INK),
            marker=dict(
                size=[marker_px(m, scale) for m in part["mentions"]],
                color=colour,
                line=dict(width=1, color="white"),
                symbol="diamond" if group_name == "keyword" else "circle",
            ),
            name=label,
            customdata=part["id"].to_numpy(dtype=object),
            hovertemplate="%{hovertext} (" + label + ")<extra></extra>",
        )
    fig.update_xaxes(visible=False, range=list(X_RANGE))
    fig.update_yaxes(visible=False, range=list(Y_RANGE))
    fig.update_layout(plot_bgcolor="rgba(0,0,0,0)")
    _frame(fig, height=height, legend=True, scale=scale)
    fig.update_layout(margin=dict(t=top))
    return fig


def timeline(
    table: pd.DataFrame, *, measure: str = "projects", lang: str = "zh", scale: float = 1.0
) -> go.Figure:
    """Named projects (or initiatives) per period, stacked by sector; ``table`` is the one
    ``compare.timeline`` gives (period, sector, projects, initiatives)."""
    periods = sorted(table["period"].unique())
    fig = go.Figure()
    for sector in ALL_SECTORS:
        part = table[(table["sector"] == sector) & (table[measure] > 0)]
        if part.empty:
            continue
        fig.add_bar(
            x=part["period"],
            y=part[measure],
            name=name(sector, lang),
            marker_color=_colour(sector),
            hovertemplate="%{x} · " + name(sector, lang) + ": %{y}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=periods, title=None)
    fig.update_yaxes(title=t(measure, lang), rangemode="tozero")
    return _frame(fig, height=round(340 * scale), legend=True, scale=scale)


SIDE_COLORS = ("#9a8c98", "#3b6ea8")  # left, right


def sector_comparison(
    sectors: pd.DataFrame, labels: tuple[str, str], *, lang: str = "zh", scale: float = 1.0
) -> go.Figure:
    """Named projects per sector on two sides, bars side by side; ``sectors`` has the columns
    sector, left and right (``compare.compare(...)["sectors"]``)."""
    fig = go.Figure()
    for side, label, colour in zip(("left", "right"), labels, SIDE_COLORS, strict=True):
        fig.add_bar(
            x=[name(s, lang) for s in sectors["sector"]],
            y=sectors[side],
            name=label,
            marker_color=colour,
            text=sectors[side],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x} · " + label + ": %{y}<extra></extra>",
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=t("projects", lang), rangemode="tozero", showgrid=False)
    return _frame(fig, height=round(320 * scale), legend=True, scale=scale)


def keyword_change(keywords: pd.DataFrame, *, lang: str = "zh", scale: float = 1.0) -> go.Figure:
    """Terms whose share rose (right of zero) or fell (left), per thousand terms; ``keywords`` is
    ``compare.compare(...)["keywords"]``."""
    table = keywords.sort_values("change")
    fig = go.Figure(
        go.Bar(
            y=table["term"],
            x=table["change"],
            orientation="h",
            marker_color=[SIDE_COLORS[1] if c > 0 else SIDE_COLORS[0] for c in table["change"]],
            hovertemplate="%{y}: %{x:+.1f}‰<extra></extra>",
        )
    )
    fig.update_yaxes(categoryorder="array", categoryarray=table["term"].tolist(), title=None)
    fig.update_xaxes(title=t("keyword_change", lang), zeroline=True, showgrid=True)
    return _frame(fig, height=round(max(240, 24 * len(table) + 70) * scale), scale=scale)
