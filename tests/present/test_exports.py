import datetime as dt

import pytest

from dashboard.present.exports import MAX_NAME_BYTES, download_name
from dashboard.query.filters import Filters

DAY = dt.date(2026, 11, 26)


def test_no_filters_gives_the_kind_and_the_date():
    assert download_name("projects", Filters(), "csv", today=DAY) == "projects-2026-11-26.csv"


def test_the_filters_that_are_set_in_the_views_language():
    f = Filters(
        sectors=("manufacturing", "agriculture"),
        pillar="industrial-digitalization",
        docs=("2022-04-22-wuzhou-digital-economy",),
        q="交易中心",
        term="数字经济",
    )
    assert download_name("projects", f, "xlsx", today=DAY) == (
        "projects-制造业-农业-产业数字化-2022-04-22-wuzhou-digital-economy-交易中心-数字经济-2026-11-26.xlsx"
    )
    english = download_name("network-edges", f.replace(lang="en", docs=()), "csv", today=DAY)
    assert english.startswith("network-edges-manufacturing-agriculture-industrial_digitalization-交易中心")


def test_the_page_controls_do_not_name_the_file():
    f = Filters(sectors=("agriculture",)).with_control("rank", "textrank")
    assert download_name("projects", f, "csv", today=DAY) == "projects-农业-2026-11-26.csv"


@pytest.mark.parametrize(
    "q",
    ["../../etc/passwd", 'a/b\\c:d*e?f"g<h>i|j', "tab\there\nnew line", "\x00\x1f\x7f", "  ..  ", "CON"],
)
def test_names_are_safe_for_any_file_system(q):
    got = download_name("projects", Filters(q=q), "csv", today=DAY)
    assert not set(got) & set('/\\:*?"<>|') and got.isprintable() and " " not in got
    assert got.startswith("projects-") and got.endswith("-2026-11-26.csv")
    assert ".." not in got


def test_a_long_view_is_cut_to_a_name_file_systems_take():
    f = Filters(q="数字经济" * 25, term="交易中心" * 25, docs=tuple(f"doc-{n}" for n in range(40)))
    got = download_name("projects", f, "xlsx", today=DAY)
    assert len(got.encode()) <= MAX_NAME_BYTES
    assert got.startswith("projects-doc-0-doc-1") and got.endswith("-2026-11-26.xlsx")


def test_today_is_the_default_date():
    assert download_name("report", Filters(), "html").endswith(f"-{dt.date.today().isoformat()}.html")
