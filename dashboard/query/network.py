"""The co-occurrence network: nodes (projects, organizations, places, keywords) and a layout.

Pure numpy, deterministic: the same tables always give the same picture::

    >>> from dashboard import extract_paths
    >>> extraction = extract_paths(["data/articles"])
    >>> terms, mentions = extraction.terms, extraction.mentions
    >>> nodes, edges = build_network(cooccurrence(terms, mentions), mentions, terms)
    >>> spring_layout(nodes["id"], edges) == spring_layout(nodes["id"], edges)
    True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.pipeline import taxonomy as tx
from dashboard.query.filtering import sentence_view
from dashboard.query.filters import Filters
from dashboard.query.keywords import cooccurrence

if TYPE_CHECKING:
    from dashboard.pipeline.tables import Extraction

NODE_TYPES = ("project", "organization", "place", "keyword")
NODE_COLUMNS = ["id", "name", "type", "sector", "mentions"]


def _node_ids(kinds: pd.Series, names: pd.Series) -> pd.Series:
    return kinds.astype("str") + ":" + names.astype("str")


def _dominant(table: pd.DataFrame, keys: list[str], *, weight: str | None = None) -> pd.Series:
    """The sector each key occurs in most (ties: the sector first in the table), by key."""
    weights = table[weight] if weight else 1
    totals = table[keys + ["sector"]].assign(w=weights).groupby(keys + ["sector"], sort=False)["w"].sum()
    best = totals.reset_index().sort_values("w", ascending=False, kind="stable").drop_duplicates(keys)
    return best.set_index(keys)["sector"]


def build_network(
    edges: pd.DataFrame, mentions: pd.DataFrame, terms: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes and edges from a ``cooccurrence`` table.

    A node's size is how often it is mentioned (keywords: how often the term occurs) and its
    sector the one it is mentioned in most.
    """
    if edges.empty:
        return pd.DataFrame(columns=NODE_COLUMNS), edges.assign(source_id=[], target_id=[])
    ends = (
        pd.concat(
            [
                edges[["source", "source_type"]].set_axis(["name", "type"], axis=1),
                edges[["target", "target_type"]].set_axis(["name", "type"], axis=1),
            ]
        )
        .drop_duplicates()
        .reset_index(drop=True)
    )
    keyword = ends["type"].eq("keyword").to_numpy()
    count = pd.Series(0.0, index=ends.index)
    sector = pd.Series(None, index=ends.index, dtype=object)
    if len(terms) and keyword.any():  # the rows of the nodes only: a corpus has millions of terms
        words = ends.loc[keyword, "name"]
        terms = terms[terms["term"].isin(words)]
        count[keyword] = terms.groupby("term")["count"].sum().reindex(words).to_numpy()
        sector[keyword] = _dominant(terms, ["term"], weight="count").reindex(words).to_numpy()
    if len(mentions) and not keyword.all():
        named = pd.MultiIndex.from_frame(ends.loc[~keyword, ["type", "name"]])
        mentions = mentions[mentions["name"].isin(named.get_level_values("name"))]
        count[~keyword] = mentions.groupby(["category", "name"]).size().reindex(named).to_numpy()
        sector[~keyword] = _dominant(mentions, ["category", "name"]).reindex(named).to_numpy()
    nodes = pd.DataFrame(
        {
            "id": _node_ids(ends["type"], ends["name"]),
            "name": ends["name"],
            "type": ends["type"],
            "sector": sector.fillna(tx.UNCLASSIFIED),
            "mentions": count.fillna(0).clip(lower=1).astype(int),
        },
        columns=NODE_COLUMNS,
    )
    nodes["order"] = nodes["type"].map({k: i for i, k in enumerate(NODE_TYPES)})
    nodes = nodes.sort_values(["order", "name"]).drop(columns="order").reset_index(drop=True)
    edges = edges.assign(
        source_id=_node_ids(edges["source_type"], edges["source"]),
        target_id=_node_ids(edges["target_type"], edges["target"]),
    )
    return nodes, edges


# Keywords are held on a ring from this many on: each links to most names of a corpus, so springs
# alone pile them up in the middle, one over the other.
RING_FROM = 3


def spring_layout(
    ids: Sequence[str], edges: pd.DataFrame, *, iterations: int = 120, ring: Sequence[str] = ()
) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold positions in [-1, 1]², started from a circle (so deterministic).

    The nodes in ``ring`` (the keywords), when there are ``RING_FROM`` or more, are held on a
    circle of radius 1 in the order given, and the others settle inside it, each nearer the
    keywords it shares sentences with.

    >>> edges = pd.DataFrame({"source_id": ["甲", "甲", "乙"], "target_id": ["k1", "k2", "k3"], "weight": 1})
    >>> where = spring_layout(["甲", "乙", "k1", "k2", "k3"], edges, ring=["k1", "k2", "k3"])
    >>> [round(float(np.hypot(*where[k])), 2) for k in ("k1", "k2", "k3")]
    [1.0, 1.0, 1.0]
    """
    ids = list(ids)
    n = len(ids)
    if n == 0:
        return {}
    if n == 1:
        return {ids[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(ids)}
    held = [index[node] for node in ring if node in index]
    held = held if len(held) >= RING_FROM else []
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pos = np.column_stack([np.cos(angle), np.sin(angle)])
    if held:
        # clockwise from just right of the top, where the legend is
        angle = np.pi / 2 - np.pi / len(held) - np.linspace(0, 2 * np.pi, len(held), endpoint=False)
        pos[held] = np.column_stack([np.cos(angle), np.sin(angle)])
        free = np.setdiff1d(np.arange(n), held)
        pos[free] *= 0.5  # the others start inside the ring
    weights = np.zeros((n, n))
    for s, t, w in zip(edges["source_id"], edges["target_id"], edges["weight"], strict=True):
        if s in index and t in index and s != t:
            weights[index[s], index[t]] += w
            weights[index[t], index[s]] += w
    weights = np.log1p(weights)  # a hub with many repeated links should not swallow the rest
    if held:  # a name's pull towards the ring is shared among its keywords: the same in total for all
        to_ring = weights[:, held]
        weights[:, held] = to_ring / np.maximum(to_ring.sum(axis=1, keepdims=True), 1.0)
    k = 2.0 / np.sqrt(n)  # ideal distance between nodes
    temperature = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 1e-3)
        repulsion = (k * k / distance**2)[:, :, None] * delta
        attraction = (weights * distance / k)[:, :, None] * delta
        displacement = (repulsion - attraction).sum(axis=1)
        # gravity keeps unconnected groups from drifting off screen
        displacement -= 0.5 * k * pos * np.linalg.norm(pos, axis=-1, keepdims=True)
        displacement[held] = 0.0
        length = np.maximum(np.linalg.norm(displacement, axis=-1), 1e-9)
        pos += displacement / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(temperature * 0.965, 0.002)
    if held:  # the ring sets the frame: the others stay inside it
        bound = _inside_ring
    else:
        pos -= pos.mean(axis=0)
        # scale by the 90th percentile, not the extreme, so one far-off pair does not squash the rest
        scale = np.quantile(np.abs(pos), 0.9, axis=0)
        pos /= np.where(scale > 0, scale, 1.0)
        bound = _inside_frame
    pos = _apart(pos, held, bound)
    return {node: (float(x), float(y)) for node, (x, y) in zip(ids, pos, strict=True)}


# The closest two nodes may stand, in the layout's units: the chart draws 2.4 of them in some 600
# pixels, so about 20 pixels, the marker of a name mentioned twice.
MIN_GAP = 0.08
INNER_RADIUS = 0.92  # names stay this far from the centre at most, inside the ring of keywords
FRAME = 1.1  # without a ring, nodes stay in [-FRAME, FRAME]²
ROUNDS = 200  # pushes apart at most; fewer where the close pairs stop getting fewer
SOFT_FROM = 0.8  # share of the frame from which nodes beyond it are drawn in, the farther still the farther


def _drawn_in(value: np.ndarray, soft_from: float, limit: float) -> np.ndarray:
    """Distances beyond ``soft_from`` drawn in below ``limit``, the farther still the farther (so
    that nodes beyond the frame keep apart instead of landing on its edge, one on another)."""
    span = limit - soft_from
    beyond = np.maximum(value - soft_from, 0.0)
    return np.where(value > soft_from, soft_from + span * (1 - np.exp(-beyond / span)), value)


def _inside_ring(pos: np.ndarray, *, reflect: bool = False) -> np.ndarray:
    """Positions inside ``INNER_RADIUS``: drawn in along their radius from ``SOFT_FROM`` of it, or
    with ``reflect`` (a small push past the edge) turned back inwards by as much as it overshot."""
    radius = np.maximum(np.linalg.norm(pos, axis=-1, keepdims=True), 1e-9)
    if reflect:
        inside = np.where(radius > INNER_RADIUS, np.maximum(2 * INNER_RADIUS - radius, 0.0), radius)
    else:
        inside = _drawn_in(radius, SOFT_FROM * INNER_RADIUS, INNER_RADIUS)
    return pos * inside / radius


def _inside_frame(pos: np.ndarray, *, reflect: bool = False) -> np.ndarray:
    """Positions inside the square frame: each coordinate drawn in from ``SOFT_FROM`` of it, or
    with ``reflect`` turned back inwards."""
    if reflect:
        return np.clip(
            np.where(pos > FRAME, 2 * FRAME - pos, np.where(pos < -FRAME, -2 * FRAME - pos, pos)),
            -FRAME,
            FRAME,
        )
    return np.sign(pos) * _drawn_in(np.abs(pos), SOFT_FROM * FRAME, FRAME)


def _apart(pos: np.ndarray, held: list[int], bound: Callable[..., np.ndarray]) -> np.ndarray:
    """``pos`` with nodes that stand closer than ``MIN_GAP`` pushed apart, the ``held`` ones left
    where they are: the springs stop with nodes that link to nothing on screen, or that the frame
    drew in, on top of one another (six names on one point of the bundled article's network,
    where only one could be read). Pairs of held nodes are left as they are. The pushes stop after
    ``ROUNDS``, or once 25 of them have not made the close pairs fewer: a crowded frame may keep
    a few pairs closer than the gap (half of it at least, in the tests' most crowded layout)."""
    n = len(pos)
    movable = np.ones(n, dtype=bool)
    movable[held] = False
    either = movable[:, None] | movable[None, :]
    pos = np.where(movable[:, None], bound(pos), pos)
    # a fixed direction for each pair that stands on one point, so the layout stays deterministic
    order = np.arange(n)
    angle = (order[:, None] + order[None, :]) * 2.399963  # the golden angle: ties spread all round
    tie = np.sign(order[:, None] - order[None, :])[:, :, None] * np.stack([np.cos(angle), np.sin(angle)], -1)
    fewest, since = n * n, 0
    for _ in range(ROUNDS):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.linalg.norm(delta, axis=-1)
        np.fill_diagonal(distance, np.inf)
        close = (distance < MIN_GAP) & either
        count = int(close.sum())
        if not count:
            break
        fewest, since = (count, 0) if count < fewest else (fewest, since + 1)
        if since >= 25:
            break
        direction = np.where(
            (distance > 1e-9)[:, :, None], delta / np.maximum(distance, 1e-9)[:, :, None], tie
        )
        # a close pair is pushed a fifth past the gap, half by each (a held node does not move)
        overlap = np.where(close, (1.2 * MIN_GAP - np.where(close, distance, 0.0)) / 2, 0.0)
        push = (direction * overlap[:, :, None]).sum(axis=1)
        pos[movable] = bound(pos + push, reflect=True)[movable]
    return pos


# Names (projects, organizations, places) drawn at most: the layout's cost grows with the square
# of the nodes, and a picture of thousands of names says nothing. Keywords are bounded apart.
MAX_NAMES = 80


def strongest(
    nodes: pd.DataFrame, edges: pd.DataFrame, *, limit: int = MAX_NAMES
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``limit`` names with the heaviest links (then the most mentioned), every keyword,
    and the edges between them; nodes left without an edge are dropped.

    >>> nodes = pd.DataFrame({"id": ["project:甲", "project:乙", "keyword:丙"], "name": ["甲", "乙", "丙"],
    ...                       "type": ["project", "project", "keyword"], "mentions": [1, 1, 1]})
    >>> edges = pd.DataFrame({"source_id": ["project:甲", "project:乙"], "target_id": ["keyword:丙"] * 2,
    ...                       "weight": [3, 1]})
    >>> kept, links = strongest(nodes, edges, limit=1)
    >>> kept["id"].tolist(), len(links)
    (['project:甲', 'keyword:丙'], 1)
    """
    names = nodes[nodes["type"] != "keyword"]
    if len(names) <= limit:
        return nodes, edges
    degree = (
        pd.concat([edges.groupby("source_id")["weight"].sum(), edges.groupby("target_id")["weight"].sum()])
        .groupby(level=0)
        .sum()
    )
    ranked = names.assign(degree=names["id"].map(degree).fillna(0)).sort_values(
        ["degree", "mentions", "name"], ascending=[False, False, True], kind="stable"
    )
    kept = set(ranked["id"].head(limit)) | set(nodes.loc[nodes["type"] == "keyword", "id"])
    edges = edges[edges["source_id"].isin(kept) & edges["target_id"].isin(kept)]
    linked = set(edges["source_id"]) | set(edges["target_id"])
    return nodes[nodes["id"].isin(linked)].reset_index(drop=True), edges.reset_index(drop=True)


# Links drawn at most: beyond some hundreds the picture is a tangle that says nothing, and the
# browser takes a quarter of a second more to draw each new view of 1,600 links (10,000 articles).
# 200 rather than 300: a new view of 1,000 articles drew 1.27 times as slow as of one article
# (166 links), and 1.15 times with 200 (benchmarks/corpus_pages.py, medians of 7).
MAX_EDGES_DRAWN = 200


def drawn_edges(edges: pd.DataFrame, *, limit: int = MAX_EDGES_DRAWN) -> pd.DataFrame:
    """The edges to draw: all of them up to ``limit``; beyond it each node's strongest, as many
    per node as stay within ``limit`` and at least one, so that no node is drawn without a link
    (more than ``limit`` only where there are more nodes than that: the page draws 140 at most).

    >>> edges = pd.DataFrame({"source_id": ["a", "a", "a", "b"], "target_id": ["b", "c", "d", "c"],
    ...                       "weight": [5, 4, 1, 1]})
    >>> drawn_edges(edges, limit=3)[["source_id", "target_id"]].values.tolist()
    [['a', 'b'], ['a', 'c'], ['a', 'd']]
    >>> len(drawn_edges(edges, limit=2))  # a's, b's, c's and d's strongest
    3
    """
    if len(edges) <= limit:
        return edges
    ranked = edges.reset_index(drop=True).sort_values(
        ["weight", "source_id", "target_id"], ascending=[False, True, True], kind="stable"
    )
    # an edge's place among the edges of each of its ends, the strongest first; its lower place (0:
    # the strongest edge of one of its ends)
    ends = pd.Series(np.column_stack([ranked["source_id"], ranked["target_id"]]).ravel())  # edge by edge
    place = ends.groupby(ends.to_numpy(), sort=False).cumcount().to_numpy().reshape(-1, 2).min(axis=1)
    # the most per node that stays within the limit
    counts = np.cumsum(np.bincount(place))
    per_node = max(1, int(np.searchsorted(counts, limit, side="right")))
    return edges.iloc[np.sort(ranked.index[place < per_node])]


# The axis ranges charts.network shows (a margin around the layout's [-1.1, 1.1]², for the markers).
X_RANGE, Y_RANGE = (-1.2, 1.2), (-1.2, 1.2)


def network_view(
    extraction: Extraction, filters: Filters, *, top_terms: int = 20
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, tuple[float, float]], int]:
    """Nodes, edges and positions of the network inside ``filters`` (the ``MAX_NAMES`` names
    with the heaviest links), and how many names share a sentence with another; edges are empty
    when nothing in the view shares a sentence."""
    terms = sentence_view(extraction.terms, extraction.sentences, filters)
    mentions = sentence_view(extraction.mentions, extraction.sentences, filters)
    nodes, edges = build_network(cooccurrence(terms, mentions, top_terms=top_terms), mentions, terms)
    names = int((nodes["type"] != "keyword").sum())
    nodes, edges = strongest(nodes, edges, limit=MAX_NAMES)
    keywords = nodes.loc[nodes["type"] == "keyword"].sort_values("mentions", ascending=False, kind="stable")
    positions = spring_layout(nodes["id"], edges, ring=keywords["id"].tolist()) if not edges.empty else {}
    return nodes, edges, positions, names
