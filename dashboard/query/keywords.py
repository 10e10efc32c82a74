"""Keywords: term frequencies, distinctiveness against the genre, TF-IDF and TextRank weights, KWIC
contexts, co-occurrence."""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.pipeline.gazetteer import divisions
from dashboard.pipeline.text import jieba_folder

if TYPE_CHECKING:
    from dashboard.pipeline.lexicon import Lexicon
    from dashboard.pipeline.tables import Extraction

GROUPINGS = ("document", "sector", "pillar")
_PROPER_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nt", "nz"})


def _keys(by: str | None) -> list[str]:
    """The columns to group by: none, or one of GROUPINGS."""
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)}, not {by!r}")
    return [by] if by else []


def _top(table: pd.DataFrame, keys: list[str], score: str, top: int | None) -> pd.DataFrame:
    table = table.sort_values(keys + [score, "term"], ascending=[True] * len(keys) + [False, True])
    if top is not None:  # None: every term; 0: none (the network's slider at 0)
        table = table.groupby(keys, sort=False).head(top) if keys else table.head(top)
    return table.reset_index(drop=True)


def name_words(names: Iterable[str], endings: Iterable[str], *, keep: Iterable[str] = ()) -> set[str]:
    """Names of places and organizations, and each without the ending that makes it one (a city's
    name without 市, a company's without 集团; the longest ending that leaves two characters): the
    words a list of terms leaves out to be about topics rather than about who and where. A short
    form in ``keep`` (the genre's own words: 大数据 of a 大数据交易中心) stays a topic."""
    endings = sorted(set(endings), key=len, reverse=True)
    keep = set(keep)
    words = set()
    for name in names:
        words.add(name)
        ending = next((e for e in endings if name.endswith(e) and len(name) - len(e) >= 2), None)
        if ending and name[: -len(ending)] not in keep:
            words.add(name[: -len(ending)])
    return words


def without_names(terms: pd.DataFrame, extraction: Extraction, lexicon: Lexicon) -> pd.DataFrame:
    """The rows of a terms table whose term is neither a place or organization the extraction
    found nor a short form of one (see ``name_words``; the lexicon gives the endings and the
    genre's words)."""
    names = [*extraction.places["name"], *extraction.organizations["name"]]
    words = name_words(names, lexicon.name_endings, keep=lexicon.domain_vocabulary)
    found = set(names)  # 广西 of 广西壮族自治区: a division's short name, as the divisions' table has it
    words |= {stem for stem, (name, _) in divisions().items() if name in found}
    return terms[~terms["term"].isin(words)]


def term_frequencies(terms: pd.DataFrame, *, by: str | None = None, top: int | None = None) -> pd.DataFrame:
    """How often each term occurs, overall or per document, sector or pillar (stopwords removed).

    Columns: [by,] term, count, sentences (how many sentences contain it).
    """
    keys = _keys(by)
    if terms.empty:
        return pd.DataFrame(columns=keys + ["term", "count", "sentences"])
    table = (
        terms.groupby(keys + ["term"]).agg(count=("count", "sum"), sentences=("count", "size")).reset_index()
    )
    return _top(table, keys, "count", top)


@functools.lru_cache(maxsize=1)
def _idf_table() -> tuple[dict[str, float], float]:
    """jieba's inverse document frequencies, estimated on a large general Chinese corpus."""
    path = jieba_folder() / "analyse" / "idf.txt"
    idf: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, value = line.partition(" ")
        if value:
            idf[word] = float(value)
    return idf, float(np.median(list(idf.values())))


def tfidf(terms: pd.DataFrame, *, by: str | None = None, top: int | None = None) -> pd.DataFrame:
    """Term frequency × inverse document frequency (jieba's general-Chinese IDF; unknown words get
    the median): words that are frequent here but rare in ordinary text rank first.

    Columns: [by,] term, count, tfidf.
    """
    table = term_frequencies(terms, by=by)
    if table.empty:
        return table.assign(tfidf=pd.Series(dtype=float))[[*(([by]) if by else []), "term", "count", "tfidf"]]
    idf, median = _idf_table()
    keys = [by] if by else []
    totals = table.groupby(keys)["count"].transform("sum") if keys else table["count"].sum()
    weights = table["term"].map(lambda t: idf.get(t, median))
    table = table.assign(tfidf=table["count"] / totals * weights)
    return _top(table[keys + ["term", "count", "tfidf"]], keys, "tfidf", top)


# In how many texts of the genre each term occurs (scripts/build-keyword-background writes it).
BACKGROUND_PATH = Path(__file__).with_name("background.tsv")


def write_background(terms: pd.DataFrame, path: Path = BACKGROUND_PATH) -> int:
    """Write the background of a terms table: a first line ``documents<TAB>N``, then each term
    that occurs in two texts or more with the number of texts, most common first. Names that
    jieba's dictionary knows as places, people, organizations or brands are left out: the
    background is the genre's vocabulary, and names are what tell its texts apart. Returns the
    number of terms written."""
    from dashboard.pipeline.text import dictionary_tag

    documents = terms["document"].nunique()
    df = terms.drop_duplicates(["document", "term"]).groupby("term").size()
    df = df[df >= 2].sort_values(ascending=False, kind="stable")
    df = df[[dictionary_tag(term) not in _PROPER_NAME_TAGS for term in df.index]]
    lines = [f"documents\t{documents}", *(f"{term}\t{n}" for term, n in df.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(df)


@functools.lru_cache(maxsize=4)
def background(path: Path = BACKGROUND_PATH) -> tuple[dict[str, int], int]:
    """The genre's background: texts per term, and the number of texts."""
    counts: dict[str, int] = {}
    documents = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        term, _, value = line.partition("\t")
        if term == "documents":
            documents = int(value)
        elif value:
            counts[term] = int(value)
    return counts, documents


def genre_weight(term_series: pd.Series, path: Path = BACKGROUND_PATH) -> pd.Series:
    """How rare each term is in the genre: ``ln((N + 1) / (df + 1))`` over the background's N
    texts that ``df`` of them use, so nothing for a word of every text, little for the genre's
    common words (产业, 经济) and most for one it never saw."""
    counts, documents = background(path)
    df = term_series.map(lambda t: counts.get(t, 0))
    return np.log((documents + 1) / (df + 1))


def distinctive(terms: pd.DataFrame, *, by: str | None = None, top: int | None = None) -> pd.DataFrame:
    """Count × rarity: the terms that tell these texts apart from others of the genre.

    A term's weight is how rare it is in the genre (``genre_weight``), times how rare it is in
    ordinary Chinese (jieba's IDF over its median, at most 1): the genre's own vocabulary (产业,
    经济, 企业, 服务, 信息), which its texts all use, and the words of any news story (去年, 正在)
    weigh least; the places, products and topics of these texts lead.

    Columns: [by,] term, count, distinct.
    """
    table = term_frequencies(terms, by=by)
    keys = [by] if by else []
    if table.empty:
        return table.assign(distinct=pd.Series(dtype=float))[keys + ["term", "count", "distinct"]]
    idf, median = _idf_table()
    ordinary = table["term"].map(lambda t: min(1.0, idf.get(t, median) / median))
    table = table.assign(distinct=table["count"] * genre_weight(table["term"]) * ordinary)
    return _top(table[keys + ["term", "count", "distinct"]], keys, "distinct", top)


def _pagerank(
    edges: dict[tuple[str, str], float], damping: float = 0.85, rounds: int = 50
) -> dict[str, float]:
    nodes = sorted({n for edge in edges for n in edge})
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    matrix = np.zeros((len(nodes), len(nodes)))
    for (a, b), weight in edges.items():
        matrix[index[a], index[b]] += weight
        matrix[index[b], index[a]] += weight
    out = matrix.sum(axis=0)
    out[out == 0] = 1.0
    transition = matrix / out
    rank = np.full(len(nodes), 1.0 / len(nodes))
    for _ in range(rounds):
        rank = (1 - damping) / len(nodes) + damping * transition @ rank
    return dict(zip(nodes, rank / rank.max(), strict=True))


def textrank(
    terms: pd.DataFrame, *, by: str | None = None, top: int | None = None, max_terms: int = 400
) -> pd.DataFrame:
    """TextRank: PageRank over the graph of terms that share a sentence (the ``max_terms`` most
    frequent terms of each group take part). Weights are scaled so the top term is 1.

    Columns: [by,] term, count, textrank.
    """
    frequencies = term_frequencies(terms, by=by)
    keys = [by] if by else []
    rows = []
    groups = terms.groupby(keys) if keys else [((), terms)]
    for key, group in groups:
        key = key if isinstance(key, tuple) else (key,)
        counts = frequencies
        for k, v in zip(keys, key, strict=True):
            counts = counts[counts[k] == v]
        allowed = set(counts.nlargest(max_terms, "count")["term"])
        edges: dict[tuple[str, str], float] = defaultdict(float)
        for _, sentence in group[group["term"].isin(allowed)].groupby(["document", "paragraph", "sentence"])[
            "term"
        ]:
            for a, b in itertools.combinations(sorted(set(sentence)), 2):
                edges[(a, b)] += 1.0
        ranks = _pagerank(edges)
        count_of = dict(zip(counts["term"], counts["count"], strict=True))
        for term in allowed:
            rows.append((*key, term, int(count_of[term]), float(ranks.get(term, 0.0))))
    table = pd.DataFrame(rows, columns=keys + ["term", "count", "textrank"])
    return _top(table, keys, "textrank", top)


def kwic(paragraphs: pd.DataFrame, sentences: pd.DataFrame, term: str, *, width: int = 15) -> pd.DataFrame:
    """Key word in context: every occurrence of ``term`` with ``width`` characters either side.

    Columns: document, paragraph, sentence, left, term, right, evidence.
    """
    columns = ["document", "paragraph", "sentence", "left", "term", "right", "evidence"]
    if not term:
        return pd.DataFrame(columns=columns)
    rows = []
    for row in sentences.itertuples(index=False):
        text = row.text
        start = text.find(term)
        while start != -1:
            end = start + len(term)
            rows.append(
                (row.document, row.paragraph, row.sentence, text[max(0, start - width) : start], term,
                 text[end : end + width], text)
            )  # fmt: skip
            start = text.find(term, end)
    return pd.DataFrame(rows, columns=columns)


def cooccurrence(
    terms: pd.DataFrame, mentions: pd.DataFrame, *, top_terms: int = 30, min_weight: int = 1
) -> pd.DataFrame:
    """Pairs of names and top keywords that share a sentence, with how many sentences they share.

    Columns: source, target, source_type, target_type, weight; the source sorts before the target.
    Types are ``project``, ``organization``, ``place`` or ``keyword``; a name found as more than
    one is typed as in the last sentence that mentions it (its last mention there).
    """
    columns = ["source", "target", "source_type", "target_type", "weight"]
    top = set(term_frequencies(terms, top=top_terms)["term"]) if not terms.empty else set()
    names = pd.Series(mentions["name"].unique(), dtype="str")
    # a keyword that is part of a name (江州 in 江州市) would only duplicate that name's node
    top = {t for t in top if not names.str.contains(t, regex=False).any()}
    chosen = terms[terms["term"].isin(top)]
    keys = ["document", "paragraph", "sentence"]
    # names and terms as strings in Arrow, not one Python object each (700,000 rows at 10,000
    # articles)
    found = pd.concat(
        [
            mentions[keys + ["name", "category"]].astype({"name": "str", "category": object}),
            chosen[keys + ["term"]]
            .astype({"term": "str"})
            .set_axis(keys + ["name"], axis=1)
            .assign(category="keyword"),
        ],
        ignore_index=True,
    )
    if found.empty:
        return pd.DataFrame(columns=columns)
    # sentences numbered in order of first appearance; names numbered in sorted order, so that
    # a pair's source is its lower number
    sentence = found.groupby(keys, sort=False).ngroup().to_numpy()
    name, vocabulary = pd.factorize(found["name"], sort=True)
    vocabulary = vocabulary.to_numpy(dtype=object)
    numbered = pd.DataFrame(
        {"sentence": sentence, "name": name, "category": found["category"].to_numpy(object)}
    )
    numbered = numbered.sort_values("sentence", kind="stable")
    kinds = numbered.drop_duplicates("name", keep="last").set_index("name")["category"]
    nodes = numbered.drop_duplicates(["sentence", "name"]).sort_values(["sentence", "name"])
    sentence, name = nodes["sentence"].to_numpy(), nodes["name"].to_numpy()
    # every pair of nodes in a sentence: each node with those after it in its sentence (millions
    # of pairs in a large corpus: positions as 32-bit integers, worked on in place)
    ends = np.flatnonzero(np.r_[sentence[1:] != sentence[:-1], True]) + 1
    after = np.repeat(ends, np.diff(np.r_[0, ends])) - np.arange(len(name)) - 1
    first = np.repeat(np.arange(len(name), dtype=np.int32), after)
    second = np.arange(1, len(first) + 1, dtype=np.int32)  # the pair's place in its node's run, + 1 …
    second -= np.repeat((np.cumsum(after) - after).astype(np.int32), after)
    second += first  # … + the node's position: the other node's position
    codes = name[first].astype(np.int64, copy=False)  # a new array (an index array's), changed in place
    del first
    codes *= len(vocabulary)
    codes += name[second]
    del second
    pairs, weight = np.unique(codes, return_counts=True)
    keep = weight >= min_weight
    source, target = np.divmod(pairs[keep], len(vocabulary))
    table = pd.DataFrame(
        {
            "source": vocabulary[source],
            "target": vocabulary[target],
            "source_type": kinds.reindex(source).to_numpy(),
            "target_type": kinds.reindex(target).to_numpy(),
            "weight": weight[keep],
        },
        columns=columns,
    )
    return table.sort_values(["weight", "source", "target"], ascending=[False, True, True]).reset_index(
        drop=True
    )


def main_sectors(terms: pd.DataFrame) -> dict[str, str]:
    """The sector each term occurs in most (ties: the sector first in the table)."""
    totals = terms.groupby(["term", "sector"])["count"].sum().reset_index()
    dominant = totals.sort_values("count", ascending=False, kind="stable").drop_duplicates("term")
    return dict(zip(dominant["term"], dominant["sector"], strict=True))


# How terms can be ranked, by name (the CLI's --weight, the keywords page's measure), the default
# first.
RANKINGS = {"distinct": distinctive, "count": term_frequencies, "tfidf": tfidf, "textrank": textrank}
DEFAULT_RANKING = "distinct"
