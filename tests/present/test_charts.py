import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard import cooccurrence, term_frequencies, tfidf
from dashboard.pipeline import taxonomy as tx
from dashboard.present import charts, labels
from dashboard.present.labels import place_labels
from dashboard.query.network import INNER_RADIUS, MIN_GAP, build_network, drawn_edges, spring_layout


def test_no_module_below_the_views_loads_streamlit():
    """Imported for real, every module of the floors below the views (tests/test_architecture.py
    reads their import statements; this catches an import made at run time too)."""
    code = (
        "import importlib, pathlib, sys\n"
        "for path in sorted(pathlib.Path('dashboard').rglob('*.py')):\n"
        "    if 'views' not in path.parts and path.name != '__main__.py':\n"
        "        importlib.import_module('.'.join(path.with_suffix('').parts).removesuffix('.__init__'))\n"
        "assert 'streamlit' not in sys.modules, 'streamlit was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


class TestSectorBar:
    def test_one_bar_per_sector_with_slug_and_colour(self, extraction):
        fig = charts.sector_bar(extraction.named_projects)
        bar = fig.data[0]
        present = set(extraction.named_projects["sector"])
        shown = [s for s in [*tx.SECTORS, tx.UNCLASSIFIED] if s in present]  # in this order, none empty
        assert set(tx.SECTORS) <= present  # the bundled article has named projects of each sector
        assert list(bar.customdata) == shown
        chinese = {
            "digital-industry": "数字产业",
            "manufacturing": "制造业",
            "services": "服务业",
            "agriculture": "农业",
        }
        assert list(bar.x) == [chinese.get(s, "未分类") for s in shown]
        assert list(bar.marker.color) == [tx.SECTOR_COLORS[s] for s in shown]
        assert sum(bar.y) == len(extraction.named_projects)

    def test_english(self, extraction):
        fig = charts.sector_bar(extraction.named_projects, lang="en")
        assert "agriculture" in fig.data[0].x

    def test_unclassified_only_when_present(self):
        table = pd.DataFrame({"sector": ["unclassified", "services"]})
        assert "unclassified" in charts.sector_bar(table).data[0].customdata

    def test_empty(self):
        fig = charts.sector_bar(pd.DataFrame({"sector": []}))
        assert sum(fig.data[0].y) == 0


class TestStructure:
    def test_tree_is_consistent(self, extraction):
        fig = charts.structure(extraction.projects)
        trace = fig.data[0]
        ids = list(trace.ids)
        assert len(ids) == len(set(ids))
        assert all(parent in ("", *ids) for parent in trace.parents)
        roots = [i for i, p in zip(ids, trace.parents, strict=True) if p == ""]
        assert set(roots) <= {*tx.PILLARS, tx.UNCLASSIFIED}
        # with branchvalues="total" a parent's value is the sum of its children
        value = dict(zip(ids, trace.values, strict=True))
        for root in roots:
            children = [i for i, p in zip(ids, trace.parents, strict=True) if p == root]
            assert value[root] == sum(value[c] for c in children)
        assert set(extraction.projects["name"]) <= set(trace.labels)

    def test_unclassified_projects_stand_right_in_their_box(self):
        table = pd.DataFrame(
            {"name": ["甲平台", "乙新区"], "sector": ["services", tx.UNCLASSIFIED], "mentions": [3, 1]}
        )
        trace = charts.structure(table).data[0]
        parents = dict(zip(trace.labels, trace.parents, strict=True))
        assert parents["乙新区"] == tx.UNCLASSIFIED
        assert parents["甲平台"] == f"{tx.pillar_of('services')}/services"
        assert list(trace.labels).count(tx.label(tx.UNCLASSIFIED)) == 1

    def test_same_name_in_two_sectors(self):
        table = pd.DataFrame(
            {"name": ["平台", "平台"], "sector": ["services", "agriculture"], "mentions": [1, 2]}
        )
        ids = charts.structure(table).data[0].ids
        assert len(ids) == len(set(ids))

    @pytest.mark.parametrize("scale", [1.0, charts.PRESENTER_SCALE, charts.REPORT_SCALE])
    def test_labels_never_shrink_below_the_minimum_they_are_hidden_instead(self, extraction, scale):
        fig = charts.structure(extraction.projects, scale=scale)
        assert fig.data[0].type == "treemap"
        assert fig.layout.uniformtext.mode == "hide"
        assert fig.layout.uniformtext.minsize == round(charts.MIN_FONT_PX * scale) >= charts.MIN_FONT_PX
        assert fig.data[0].textfont.size == round(charts.BASE_FONT_PX * scale)
        assert "%{label}" in fig.data[0].hovertemplate  # a hidden name is shown on hover

    def test_presenter_mode_draws_larger(self, extraction):
        desk = charts.structure(extraction.projects)
        room = charts.structure(extraction.projects, scale=charts.PRESENTER_SCALE)
        assert room.data[0].textfont.size > desk.data[0].textfont.size
        assert room.layout.font.size > desk.layout.font.size and room.layout.height > desk.layout.height

    def test_long_names_are_written_on_several_lines_and_sector_colours_kept(self, extraction):
        trace = charts.structure(extraction.projects).data[0]
        texts = dict(zip(trace.labels, trace.text, strict=True))
        assert texts["中农联·梧州国际农产品交易中心"].count("<br>") >= 2
        colours = dict(zip(trace.ids, trace.marker.colors, strict=True))
        assert colours["industrial-digitalization/agriculture"] == tx.SECTOR_COLORS["agriculture"]


@pytest.mark.parametrize(
    ("label", "width", "lines"),
    [("梧州综保区", 5, ["梧州综保区"]), ("粤桂云数据中心平台", 5, ["粤桂云数据", "中心平台"]),
     ("Digital industry", 5, ["Digital", "industry"]), ("services", 5, ["services"])],
)  # fmt: skip
def test_wrap_label(label, width, lines):
    assert charts.wrap_label(label, width=width).split("<br>") == lines


class TestTermBar:
    def test_largest_on_top(self, extraction):
        table = term_frequencies(extraction.terms, top=10)
        fig = charts.term_bar(table, "count")
        order = list(fig.layout.yaxis.categoryarray)
        assert order[-1] == table.iloc[0]["term"]  # plotly draws the last category on top
        assert list(fig.data[0].customdata) == list(fig.data[0].y)

    def test_split_by_sector_stacks_coloured_traces(self, extraction):
        table = tfidf(extraction.terms, by="sector", top=5)
        fig = charts.term_bar(table, "tfidf", by_sector=True, lang="en")
        assert fig.layout.barmode == "stack"
        assert {t.name for t in fig.data} <= {tx.label(s, "en") for s in charts.ALL_SECTORS}
        assert fig.layout.xaxis.title.text == "TF-IDF"


@pytest.fixture(scope="module")
def graph(extraction):
    edges = cooccurrence(extraction.terms, extraction.mentions, top_terms=10)
    return build_network(edges, extraction.mentions, extraction.terms)


def closest_pair(points: np.ndarray) -> float:
    """The smallest distance between two of ``points`` (rows of x, y)."""
    distances = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=-1)
    return float(distances[np.triu_indices(len(points), 1)].min())


class TestNetwork:
    def test_nodes_cover_edges(self, graph):
        nodes, edges = graph
        assert set(edges["source_id"]) | set(edges["target_id"]) == set(nodes["id"])
        assert set(nodes["type"]) <= {"project", "organization", "place", "keyword"}
        assert (nodes["mentions"] >= 1).all()
        hub = nodes.set_index("name").loc["梧州市"]
        assert hub["type"] == "place" and hub["mentions"] >= 10

    def test_layout_is_deterministic_and_on_screen(self, graph):
        nodes, edges = graph
        a = spring_layout(nodes["id"], edges)
        assert a == spring_layout(nodes["id"], edges)
        assert set(a) == set(nodes["id"])
        assert all(-1.1 <= x <= 1.1 and -1.1 <= y <= 1.1 for x, y in a.values())
        assert closest_pair(np.array(list(a.values()))) >= MIN_GAP - 1e-9

    def test_keywords_stand_apart_on_a_ring_with_the_names_inside(self, extraction):
        # the page's default: 20 keywords
        cooccurring = cooccurrence(extraction.terms, extraction.mentions, top_terms=20)
        nodes, edges = build_network(cooccurring, extraction.mentions, extraction.terms)
        keywords = nodes.loc[nodes["type"] == "keyword", "id"].tolist()
        assert len(keywords) >= 3
        where = spring_layout(nodes["id"], edges, ring=keywords)
        ring = np.array([where[k] for k in keywords])
        assert np.allclose(np.hypot(ring[:, 0], ring[:, 1]), 1.0)
        apart = closest_pair(ring)
        assert apart >= 2 * np.sin(np.pi / len(ring)) - 1e-9  # evenly spaced: no keyword on another
        names = np.array([where[n] for n in nodes["id"] if n not in set(keywords)])
        assert (np.hypot(names[:, 0], names[:, 1]) <= INNER_RADIUS + 1e-9).all()
        # no name is drawn on another or on a keyword (the springs alone leave several on one point)
        assert closest_pair(np.array(list(where.values()))) >= MIN_GAP - 1e-9
        # without the ring, springs alone draw keywords that share most names together
        free = spring_layout(nodes["id"], edges)
        assert closest_pair(np.array([free[k] for k in keywords])) < apart

    @pytest.mark.parametrize("keywords", [20, 40, 60])
    def test_a_crowded_ring_keeps_its_names_apart(self, keywords):
        """80 names linked in pairs and to no keyword drift beyond the ring; drawn back inside it,
        they spread over the edge's band instead of piling on the edge (which holds 72 at most)."""
        names, ring = [f"n{i}" for i in range(80)], [f"k{i}" for i in range(keywords)]
        edges = pd.DataFrame({"source_id": names[0::2], "target_id": names[1::2], "weight": 1})
        where = spring_layout(names + ring, edges, ring=ring)
        inner = np.array([where[n] for n in names])
        assert (np.hypot(inner[:, 0], inner[:, 1]) <= INNER_RADIUS + 1e-9).all()
        assert closest_pair(np.array(list(where.values()))) >= MIN_GAP / 2

    def test_names_on_one_point_are_spread(self):
        ids = [f"n{i}" for i in range(100)]  # a long chain of heavy links folds onto itself
        edges = pd.DataFrame({"source_id": ids[:-1], "target_id": ids[1:], "weight": 50})
        assert closest_pair(np.array(list(spring_layout(ids, edges).values()))) >= MIN_GAP - 1e-9

    def test_no_keywords_when_none_are_asked_for(self, extraction):
        pairs = cooccurrence(extraction.terms, extraction.mentions, top_terms=0)
        assert not pairs.empty and "keyword" not in set(pairs["source_type"]) | set(pairs["target_type"])

    @pytest.mark.parametrize("ids", [[], ["a"]])
    def test_tiny_layouts(self, ids):
        empty = pd.DataFrame({"source_id": [], "target_id": [], "weight": []})
        assert len(spring_layout(ids, empty)) == len(ids)

    @pytest.mark.parametrize("colour_by", ["type", "sector"])
    def test_figure(self, graph, colour_by):
        nodes, edges = graph
        fig = charts.network(nodes, edges, spring_layout(nodes["id"], edges), colour_by=colour_by)
        node_traces = [t for t in fig.data if t.mode == "markers+text"]
        assert sum(len(t.x) for t in node_traces) == len(nodes)
        json.loads(fig.to_json())  # serialisable for the browser

    def test_every_name_shows_on_hover_and_the_busiest_are_written(self, graph):
        nodes, edges = graph
        positions = spring_layout(nodes["id"], edges)
        fig = charts.network(nodes, edges, positions)
        node_traces = [t for t in fig.data if t.mode == "markers+text"]
        written = {x for t in node_traces for x in t.text if x}
        assert sorted(h for t in node_traces for h in t.hovertext) == sorted(nodes["name"])
        assert "梧州市" in written and 0 < len(written) <= len(nodes)
        where = place_labels(
            nodes, positions, widths=charts.DESK_WIDTHS, height=charts.NETWORK_HEIGHT - 44 - 8
        )
        assert written == set(nodes.set_index("id").loc[sorted(where), "name"])
        placed = {p for t in node_traces for p, x in zip(t.textposition, t.text, strict=True) if x}
        assert placed <= set(labels.POSITIONS)

    def test_presenter_mode_enlarges_names_and_markers(self, graph):
        nodes, edges = graph
        positions = spring_layout(nodes["id"], edges)
        desk = charts.network(nodes, edges, positions)
        room = charts.network(
            nodes, edges, positions, scale=charts.PRESENTER_SCALE, widths=charts.ROOM_WIDTHS
        )
        pairs = [(d, r) for d, r in zip(desk.data, room.data, strict=True) if d.mode == "markers+text"]
        for d, r in pairs:
            assert r.textfont.size > d.textfont.size >= charts.MIN_FONT_PX
            assert all(b > a for a, b in zip(d.marker.size, r.marker.size, strict=True))
        assert room.layout.height > desk.layout.height

    def test_empty_cooccurrence(self):
        empty = pd.DataFrame(columns=["source", "target", "source_type", "target_type", "weight"])
        nodes, edges = build_network(empty, pd.DataFrame(), pd.DataFrame())
        assert nodes.empty and edges.empty


def _boxes(where, nodes, positions, width, height, font_px=12, scale=1.0):
    """The label boxes place_labels reserved, recomputed at one width."""
    mentions = nodes.set_index("id")["mentions"]
    names = nodes.set_index("id")["name"]
    out = {}
    for node, position in where.items():
        x, y = positions[node]
        cx, cy = (x + 1.2) / 2.4 * width, (1.2 - y) / 2.4 * height
        size = (labels.text_width(names[node], font_px), font_px * 1.45)
        out[node] = labels._label_box(position, cx, cy, labels.marker_px(mentions[node], scale) / 2, *size)
    return out


class TestPlaceLabels:
    def test_a_name_that_would_overlap_a_more_mentioned_one_moves_or_is_left_to_hover(self):
        nodes = pd.DataFrame(
            {
                "id": ["a", "b", "c"],
                "name": ["星河数字经济产业园", "数据中心", "远处平台"],
                "mentions": [1, 5, 1],
            }
        )
        positions = {"a": (0.0, 0.0), "b": (0.02, 0.01), "c": (0.9, -0.9)}
        where = place_labels(nodes, positions, widths=(800,), height=600)
        assert where["b"] == "top center" and where["c"] == "top center"
        assert where.get("a") != "top center"  # below its marker, or not written at all
        positions["a"] = (-0.9, 0.9)
        assert set(place_labels(nodes, positions, widths=(800,), height=600)) == {"a", "b", "c"}

    def test_a_name_at_the_edge_is_turned_inwards(self):
        nodes = pd.DataFrame(
            {"id": ["r", "l"], "name": ["梧州国际农产品交易中心", "数据中心"], "mentions": [2, 2]}
        )
        where = place_labels(nodes, {"r": (1.15, 0.0), "l": (-1.15, 0.5)}, widths=(800,), height=600)
        assert where == {"r": "middle left", "l": "middle right"}

    def test_a_name_longer_than_the_plot_is_left_to_hover(self):
        nodes = pd.DataFrame({"id": ["a"], "name": ["数" * 80], "mentions": [1]})
        assert place_labels(nodes, {"a": (0.0, 0.0)}, widths=(800,), height=600) == {}

    @pytest.mark.parametrize(("scale", "widths"), [(1.0, charts.DESK_WIDTHS), (1.5, charts.ROOM_WIDTHS)])
    def test_no_name_overlaps_another_a_marker_or_the_edge_at_any_width(self, graph, scale, widths):
        nodes, edges = graph
        positions = spring_layout(nodes["id"], edges)
        font_px, height = 12 * scale, 560 * scale
        where = place_labels(nodes, positions, widths=widths, height=height, font_px=font_px, scale=scale)
        assert len(where) >= len(nodes) // 3
        for width in widths:
            boxes = list(_boxes(where, nodes, positions, width, height, font_px, scale).values())
            for i, (x0, y0, x1, y1) in enumerate(boxes):
                assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height
                for b in boxes[i + 1 :]:
                    assert x1 <= b[0] or b[2] <= x0 or y1 <= b[1] or b[3] <= y0


def test_presenter_mode_enlarges_the_text_of_every_chart(extraction):
    terms = term_frequencies(extraction.terms, top=10)
    periods = pd.DataFrame({"period": ["2022"], "sector": ["services"], "projects": [2], "initiatives": [1]})
    sides = pd.DataFrame({"sector": list(tx.SECTORS), "left": [1, 2, 3, 4], "right": [4, 3, 2, 1]})
    change = pd.DataFrame({"term": ["数据", "茶"], "change": [1.5, -2.0]})
    builders = [
        lambda scale: charts.sector_bar(extraction.projects, scale=scale),
        lambda scale: charts.structure(extraction.projects, scale=scale),
        lambda scale: charts.term_bar(terms, "count", scale=scale),
        lambda scale: charts.timeline(periods, scale=scale),
        lambda scale: charts.sector_comparison(sides, ("A", "B"), scale=scale),
        lambda scale: charts.keyword_change(change, scale=scale),
    ]
    for build in builders:
        desk, room = build(1.0), build(charts.PRESENTER_SCALE)
        assert desk.layout.font.size == charts.BASE_FONT_PX
        assert room.layout.font.size == round(charts.BASE_FONT_PX * charts.PRESENTER_SCALE)


def test_network_markers_of_a_large_corpus_stay_within_the_largest_size_in_proportion():
    nodes = pd.DataFrame(
        {"id": ["project:甲", "keyword:乙"], "name": ["甲", "乙"], "type": ["project", "keyword"],
         "sector": ["services", "services"], "mentions": [16000, 4000]}
    )  # fmt: skip
    edges = pd.DataFrame({"source_id": ["project:甲"], "target_id": ["keyword:乙"], "weight": [3]})
    positions = {"project:甲": (-0.5, 0.0), "keyword:乙": (0.5, 0.0)}
    fig = charts.network(nodes, edges, positions)
    sizes = [trace.marker.size[0] for trace in fig.data if trace.mode == "markers+text"]
    assert max(sizes) == pytest.approx(labels.marker_px(charts.MAX_DRAWN_MENTIONS))
    assert min(sizes) == pytest.approx(labels.marker_px(charts.MAX_DRAWN_MENTIONS / 4))


class TestDrawnEdges:
    """A network of many links draws each node's strongest, within a bound."""

    @staticmethod
    def many_links(names: int, keywords: int) -> pd.DataFrame:
        pairs = [(f"n{i}", f"k{j}", 1 + (i * 7 + j * 3) % 5) for i in range(names) for j in range(keywords)]
        return pd.DataFrame(pairs, columns=["source_id", "target_id", "weight"])

    def test_a_few_links_are_all_drawn(self):
        edges = self.many_links(10, 5)
        assert drawn_edges(edges, limit=300).equals(edges)

    def test_many_links_keep_every_nodes_strongest_within_the_bound(self):
        edges = self.many_links(80, 20)  # 1,600 links
        drawn = drawn_edges(edges, limit=300)
        assert len(drawn) <= 300
        for node in set(edges["source_id"]) | set(edges["target_id"]):
            own = edges[(edges["source_id"] == node) | (edges["target_id"] == node)]
            kept = drawn[(drawn["source_id"] == node) | (drawn["target_id"] == node)]
            assert len(kept) and kept["weight"].max() == own["weight"].max()

    def test_at_least_the_strongest_link_of_each_node_beyond_the_bound(self):
        edges = self.many_links(80, 20)
        drawn = drawn_edges(edges, limit=10)  # fewer than the nodes: one each still
        assert set(drawn["source_id"]) == set(edges["source_id"])
        assert set(drawn["target_id"]) == set(edges["target_id"])

    def test_edges_of_a_frame_joined_from_parts_are_drawn_once(self):
        edges = pd.concat(
            [
                self.many_links(40, 10),
                self.many_links(40, 10).assign(source_id=lambda e: "m" + e["source_id"]),
            ]
        )
        drawn = drawn_edges(edges, limit=100)  # an index that repeats 0…399
        assert not drawn.duplicated().any() and len(drawn) <= 100
