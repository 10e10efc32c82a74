"""Command line: ``python -m dashboard extract|ingest|keywords|report …``. It only parses and prints; the work
is done by the same functions the app uses."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from dashboard import settings
from dashboard.pipeline.cache import ExtractionCache
from dashboard.pipeline.corpus import extract_paths
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.pipeline.tables import Extraction
from dashboard.present import exports
from dashboard.present.glossary import note, reason, t, why_not_read
from dashboard.present.report import render_report
from dashboard.present.scores import evaluation_text
from dashboard.query import filters as url_filters
from dashboard.query.evaluation import (
    GoldError,
    article_for,
    evaluate,
    genres,
    gold_files,
    load_gold,
)
from dashboard.query.keywords import DEFAULT_RANKING, GROUPINGS, RANKINGS, term_frequencies, without_names
from dashboard.store import corrections

EXIT_BAD_INPUT = 2
TABLES = ("documents", "projects", "initiatives", "organizations", "places", "keywords")


def _extraction(args: argparse.Namespace, *, bar: bool = False) -> Extraction:
    cache = None if args.no_cache else ExtractionCache()
    meter = tqdm(unit="doc", file=sys.stderr) if bar else None

    def progress(done: int, total: int, document: str) -> None:
        if meter is not None:
            meter.total = total
            meter.update(done - meter.n)
        elif args.progress:
            print(f"[{done}/{total}] {document}", file=sys.stderr, flush=True)

    extraction = extract_paths(
        args.paths,
        max_bytes=args.max_bytes,
        cache=cache,
        workers=getattr(args, "workers", 1),
        progress=progress,
    )
    if meter is not None:
        meter.close()
    if getattr(args, "no_corrections", False):
        return extraction
    return corrections.apply_corrections(extraction, _corrections(args.paths))


def _corrections(paths: list[str]) -> list[dict]:
    """The corrections kept beside the articles read: those of each folder given, or of the folder
    of each file given."""
    folders = dict.fromkeys(Path(p) if Path(p).is_dir() else Path(p).parent for p in paths)
    return [r for folder in folders for r in corrections.load(folder)]


def _say(args: argparse.Namespace, key: str, **values: object) -> str:
    """A message in the language ``--lang`` names; English without it."""
    return t(key, args.lang or "en", **values)


def _report_errors(args: argparse.Namespace, extraction: Extraction) -> int:
    for error in extraction.errors:  # "error: <path>: " stays as it is, for scripts to read
        print(f"error: {error.path}: {why_not_read(error, args.lang or 'en')}", file=sys.stderr)
    return EXIT_BAD_INPUT if extraction.errors else 0


def _tables(extraction: Extraction, lang: str) -> dict[str, pd.DataFrame]:
    documents = extraction.documents.drop(columns=["path"])
    return {  # reading notes in words, in the language of the messages
        "documents": documents.assign(
            warnings=documents["warnings"].map(lambda ns: [note(n, lang) for n in ns])
        ),
        "projects": extraction.projects,
        "initiatives": extraction.initiatives.drop(columns=["start", "end"]),
        "organizations": extraction.organizations,
        "places": extraction.places,
        "keywords": term_frequencies(extraction.terms, by="document"),
    }


def cmd_extract(args: argparse.Namespace) -> int:
    extraction = _extraction(args)
    tables = _tables(extraction, args.lang or "en")
    if args.csv:
        folder = Path(args.csv)
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in tables.items():
            (folder / f"{name}.csv").write_bytes(exports.to_csv_bytes(table))
        print(_say(args, "cli_wrote_tables", n=len(tables), folder=folder), file=sys.stderr)
    else:
        sys.stdout.write(exports.to_json(tables) + "\n")
    return _report_errors(args, extraction)


def cmd_ingest(args: argparse.Namespace) -> int:
    extraction = _extraction(args, bar=True)
    cache = extraction.cache
    projects = extraction.projects
    counts = {"documents": len(extraction.documents), "failures": len(extraction.errors)}
    print(
        _say(
            args,
            "cli_ingest_summary",
            **counts,
            named=int(projects["named"].sum()),
            projects=len(projects),
            initiatives=len(extraction.initiatives),
            hits=cache.hits,
            misses=cache.misses,
        )
        if cache
        else _say(args, "cli_ingest_counts", **counts),
        file=sys.stderr,
    )
    return _report_errors(args, extraction)


def cmd_keywords(args: argparse.Namespace) -> int:
    extraction = _extraction(args)
    weigh = RANKINGS[args.weight]
    terms = extraction.terms
    if args.without_names:
        terms = without_names(terms, extraction, load_lexicon())
    table = weigh(terms, by=args.by, top=args.top)
    if table.empty:
        print(_say(args, "cli_no_keywords"), file=sys.stderr)
    else:
        columns = [c for c in (args.by, "term", "count", *RANKINGS) if c and c in table.columns]
        columns = list(dict.fromkeys(columns))
        with pd.option_context("display.unicode.east_asian_width", True, "display.max_rows", None):
            print(table[columns].to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    return _report_errors(args, extraction)


def cmd_report(args: argparse.Namespace) -> int:
    extraction = _extraction(args)
    known = set(extraction.documents["document"])
    unknown = [d for d in (args.doc or "").split(",") if d.strip() and d.strip() not in known]
    if unknown:
        print(f"error: {', '.join(unknown)}: {_say(args, 'cli_unknown_documents')}", file=sys.stderr)
        return EXIT_BAD_INPUT
    labels = args.lang or "zh"  # the report's own language is Chinese unless --lang says otherwise
    params = {"pillar": args.pillar, "doc": args.doc, "q": args.q, "term": args.term, "lang": labels}
    params["sector"] = [s for group in args.sector or [] for s in group]
    filters = url_filters.parse({key: value for key, value in params.items() if value})
    try:
        Path(args.output).write_text(
            render_report(extraction, filters, generic=args.generic), encoding="utf-8"
        )
    except OSError as error:
        print(f"error: {args.output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(_say(args, "cli_wrote", file=args.output), file=sys.stderr)
    return _report_errors(args, extraction)


def cmd_evaluate(args: argparse.Namespace) -> int:
    if args.from_corrections:
        return _evaluate_corrections(args)
    try:
        files = gold_files(Path(args.gold))
        kinds = genres(Path(args.gold))
        golds = [(path, load_gold(path, genre=kinds.get(path.stem, ""))) for path in files]
    except GoldError as error:
        print(
            f"error: {error.path}: {reason(error.reason, args.lang or 'en', **error.details)}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    articles, measured, status = [], [], 0
    for path, gold in golds:
        article = article_for(path, gold.document, args.articles or ())
        if article is None:
            print(f"error: {path}: {_say(args, 'cli_no_article', document=gold.document)}", file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        articles.append(article)
        measured.append(gold)
    if not measured:
        print(f"error: {args.gold}: {_say(args, 'cli_no_gold')}", file=sys.stderr)
        return EXIT_BAD_INPUT
    extraction = extract_paths(articles, cache=None if args.no_cache else ExtractionCache())
    result = evaluate(extraction.projects, measured)
    if args.json:
        sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=1) + "\n")
    else:
        print(evaluation_text(result, args.lang or "en"))
    return max(status, _report_errors(args, extraction))


def _evaluate_corrections(args: argparse.Namespace) -> int:
    """The extraction of a corpus folder measured against its editors' corrections: each corrected
    article's projects, as they stand corrected, are its gold."""
    folder = Path(args.gold)
    found = corrections.load(folder) if folder.is_dir() else []
    raw = extract_paths([folder], cache=None if args.no_cache else ExtractionCache()) if found else None
    golds = (
        corrections.gold_from_corrections(corrections.apply_corrections(raw, found), found) if found else []
    )
    if not golds:
        print(f"error: {args.gold}: {_say(args, 'cli_no_gold')}", file=sys.stderr)
        return EXIT_BAD_INPUT
    result = evaluate(raw.projects, golds)
    if args.json:
        sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=1) + "\n")
    else:
        print(evaluation_text(result, args.lang or "en"))
    return _report_errors(args, raw)


def _sectors(text: str) -> tuple[str, ...]:
    """Comma-separated sector slugs, each one known."""
    slugs = tuple(s.strip() for s in text.split(",") if s.strip())
    unknown = [s for s in slugs if s not in url_filters.SECTOR_CHOICES]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown sector {unknown[0]!r} (choose from {', '.join(url_filters.SECTOR_CHOICES)})"
        )
    return slugs


def _size(text: str) -> int:
    """A size such as 5000000, 5MB or 500KB."""
    units = {"kb": 1_000, "mb": 1_000_000, "gb": 1_000_000_000}
    lowered = text.strip().lower()
    for unit, factor in units.items():
        if lowered.endswith(unit):
            return int(float(lowered[: -len(unit)]) * factor)
    return int(lowered)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="数字经济看板: extract projects, initiatives and keywords from Chinese digital-economy articles.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_inputs(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="article files (.md .txt .html) or folders of them",
        )
        sub.add_argument(
            "--max-bytes",
            type=_size,
            default=settings.max_bytes(),
            help=f"refuse files larger than this (default {settings.DEFAULT_MAX_BYTES // 1_000_000}MB, or DASHBOARD_MAX_BYTES)",
        )
        sub.add_argument("--progress", action="store_true", help="print one line per document on stderr")
        sub.add_argument("--no-cache", action="store_true", help="extract again even what the cache holds")
        sub.add_argument(
            "--no-corrections",
            action="store_true",
            help="the extraction as it is, without the editors' corrections kept beside the articles",
        )
        with_language(sub)

    def with_language(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--lang",
            choices=url_filters.LANGS,
            help="language of the messages (default English) and of a report's labels (default zh)",
        )

    extract = commands.add_parser(
        "extract",
        help="extract all tables as JSON (stdout) or CSV files",
        description="Extract documents, projects, initiatives, organizations, places and keywords. "
        "Prints one JSON object, or writes one CSV per table (UTF-8 with BOM) with --csv DIR.",
    )
    with_inputs(extract)
    output = extract.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object (the default)")
    output.add_argument("--csv", metavar="DIR", help="write documents.csv, projects.csv, … into DIR")
    extract.set_defaults(handler=cmd_extract)

    ingest = commands.add_parser(
        "ingest",
        help="extract a folder of articles into the cache, with a progress bar and a summary",
        description="Extract every article into the on-disk cache (so the dashboard opens it with a "
        "read) using a process pool; prints a summary and one error line per refused file.",
    )
    with_inputs(ingest)
    ingest.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes to extract with (default: all cores)",
    )
    ingest.set_defaults(handler=cmd_ingest)

    keywords = commands.add_parser(
        "keywords",
        help="print the top keywords as a table",
        description="Print the most frequent (or highest-weighted) terms, stopwords removed.",
    )
    with_inputs(keywords)
    keywords.add_argument("--by", choices=GROUPINGS, help="one list per document, sector or pillar")
    keywords.add_argument("--top", type=int, default=20, help="terms per list (default 20)")
    keywords.add_argument(
        "--weight",
        choices=list(RANKINGS),
        default=DEFAULT_RANKING,
        help="how to rank terms: distinct (default: count weighed by how rare the term is in texts of "
        "the genre, so that words every such text uses do not lead), count, tfidf (jieba's "
        "general-Chinese IDF) or textrank",
    )
    keywords.add_argument(
        "--without-names",
        action="store_true",
        help="leave out the places and organizations found, and their short forms (without 市, 集团…)",
    )
    keywords.set_defaults(handler=cmd_keywords)

    report = commands.add_parser(
        "report",
        help="write an HTML snapshot of a view: figures, charts, projects with evidence, sources",
        description="Write one self-contained HTML file (plotly.js embedded: it opens with no network "
        "and no server) of the view the filters describe, as the dashboard's 导出报告 does.",
    )
    with_inputs(report)
    report.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML file to write")
    report.add_argument(
        "--sector",
        type=_sectors,
        action="append",
        metavar="SLUG[,SLUG]",
        help=f"only these sectors ({', '.join(url_filters.SECTOR_CHOICES)}); may be repeated",
    )
    report.add_argument("--pillar", choices=url_filters.PILLAR_CHOICES, help="only this pillar")
    report.add_argument("--doc", metavar="ID", help="only this document (its file name without extension)")
    report.add_argument("--q", default="", metavar="TEXT", help="only rows whose name or evidence holds TEXT")
    report.add_argument("--term", default="", metavar="WORD", help="show this keyword in its contexts")
    report.add_argument("--generic", action="store_true", help="list generic phrases (智能工厂) too")
    report.set_defaults(handler=cmd_report)

    evaluation = commands.add_parser(
        "evaluate",
        help="measure the extraction against gold files written by reading the articles",
        description="Extract the articles that gold files describe and print, per document and over "
        "all (micro-averaged, and per genre where a manifest.csv gives genres): recall of the gold "
        "projects, sector accuracy, strict precision (a listed entry that is neither a gold project "
        "nor a neutral phrase is wrong) and the agreement of the named flag, with the missed and "
        "the wrong names. The gold format is in the README.",
    )
    evaluation.add_argument(
        "gold",
        metavar="GOLD",
        help="a gold file (.yaml) or a folder of them; a corpus folder with --from-corrections",
    )
    evaluation.add_argument(
        "--from-corrections",
        action="store_true",
        help="GOLD is a corpus folder: measure its extraction against its editors' corrections "
        "(each corrected article's projects as they stand corrected)",
    )
    evaluation.add_argument(
        "--articles",
        action="append",
        metavar="DIR",
        help="a folder with the articles, when they are not beside their gold files (may be repeated)",
    )
    evaluation.add_argument("--json", action="store_true", help="print one JSON object")
    evaluation.add_argument("--no-cache", action="store_true", help="extract again even what the cache holds")
    with_language(evaluation)
    evaluation.set_defaults(handler=cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
