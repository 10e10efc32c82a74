"""The HTML snapshot: one self-contained file of a view (its browser test is in test_browser.py)."""

import datetime as dt
import re

import pytest
from conftest import SEED
from plotly.offline import get_plotlyjs

from dashboard import extract_paths
from dashboard.cli import main
from dashboard.present.report import render_report
from dashboard.query.filters import Filters

WHEN = dt.datetime(2024, 5, 1, 9, 30)
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def report(extraction) -> str:
    return render_report(extraction, Filters(), generated=WHEN)


def test_nothing_is_fetched_from_elsewhere(report):
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", report, flags=re.IGNORECASE)
    assert tags and all("src=" not in tag and "href=" not in tag for tag in tags), tags
    assert not re.search(r"""@import|url\(\s*['"]?(?:https?:)?//""", report)
    assert not re.search(r"""<(?:script|link)[^>]+https?://""", report, flags=re.IGNORECASE)


def test_plotly_js_is_embedded_once_and_every_chart_drawn_with_it(report):
    assert report.count(get_plotlyjs()[:200]) == 1
    for chart in ("structure", "sectors", "terms", "cloud", "network"):
        assert f'id="chart-{chart}"' in report
    assert report.count("Plotly.newPlot(") == 4  # the word cloud is an SVG of its own
    assert report.count('<svg class="word-cloud"') == 1


def test_the_report_has_filters_figures_projects_with_evidence_and_sources(extraction, report):
    assert "筛选条件：未筛选" in report and "生成时间：2024-05-01 09:30" in report
    assert f"项目<b>{len(extraction.named_projects)}</b>" in report
    park = extraction.projects.set_index("name").loc["苍海数字经济产业园"]
    assert "<td>苍海数字经济产业园</td>" in report and park["evidence"] in report
    doc = extraction.documents.iloc[0]
    assert f"<cite>{doc.title}</cite>" in report.replace("&quot;", '"').replace("&#x27;", "'")
    assert "梧州日报 · 2022-04-22" in report
    assert f'<a href="{doc.source_url}"' in report


def test_the_report_shows_only_the_view(extraction):
    report = render_report(extraction, Filters(sectors=("agriculture",), term="物联网", lang="en"))
    assert "Filtered by：Sector：agriculture · Keyword：物联网" in report
    assert "<td>中农联·梧州国际农产品交易中心</td>" in report
    assert "粤桂云数据中心" not in report
    assert "In context：物联网" in report and "<mark>物联网</mark>" in report
    assert '<html lang="en">' in report


def test_an_empty_view_says_so(extraction):
    report = render_report(extraction, Filters(q="没有这样的词"))
    assert "当前筛选条件下没有结果" in report and "Plotly.newPlot(" not in report


def test_article_text_is_escaped(tmp_path):
    (tmp_path / "2024-01-01-hostile.md").write_text(
        f"---\ntitle: '{HOSTILE}数字经济'\ndate: 2024-01-01\n---\n"
        f"<p>推进数字产业化</p><p>加快建设{HOSTILE}数字经济产业园，打造农产品交易中心。</p>\n",
        encoding="utf-8",
    )
    (tmp_path / "2024-01-02-hostile.txt").write_text(
        f"恶意标题{HOSTILE}\n\n加快建设{HOSTILE}数字经济产业园，打造交易中心。\n", encoding="utf-8"
    )
    report = render_report(extract_paths([tmp_path]), Filters(q="alert"))
    assert "<script>alert" not in report and "<img src=x" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report


def test_the_cli_writes_the_report(tmp_path, capsys):
    output = tmp_path / "report.html"
    assert (
        main(["report", str(SEED), "--sector", "agriculture,services", "--lang", "en", "-o", str(output)])
        == 0
    )
    report = output.read_text(encoding="utf-8")
    assert "Sector：services、agriculture" in report and "<td>粤桂云数据中心</td>" not in report
    assert f"wrote {output}" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--doc", "another-city"], "error: another-city: no such document in the corpus"),
        (["-o", "/nonexistent-folder/report.html"], "error: /nonexistent-folder/report.html: "),
    ],
)
def test_the_cli_refuses_what_it_cannot_do_with_one_line(tmp_path, capsys, args, message):
    argv = ["report", str(SEED), "-o", str(tmp_path / "r.html"), *args]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_an_unknown_sector_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", str(SEED), "--sector", "mining", "-o", "r.html"])
    assert exit_.value.code == 2 and "unknown sector 'mining'" in capsys.readouterr().err
