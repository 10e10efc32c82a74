import numpy as np
import pandas as pd
import pytest
from PIL import Image, ImageDraw, ImageFont

from dashboard import term_frequencies
from dashboard.pipeline import taxonomy as tx
from dashboard.present import cloud


@pytest.fixture(scope="module")
def terms(extraction):
    return term_frequencies(extraction.terms, top=40)


def test_the_font_is_noto_sans_cjk():
    path = cloud.cjk_font()
    assert "NotoSansCJK" in path.replace(" ", "")
    assert ImageFont.truetype(path, 20).getbbox("数字")[2] >= 36  # CJK glyphs, not tofu-less boxes


def test_words_are_checked_in_the_face_the_browser_draws():
    # the font file's first face is the Japanese one, whose glyphs differ from the Chinese ones
    assert cloud.FONT_FAMILY.startswith(f"'{cloud.BROWSER_FACE}'")
    assert cloud._font(20).getname()[0] == cloud.BROWSER_FACE
    assert ImageFont.truetype(cloud.cjk_font(), 20).getname()[0] != cloud.BROWSER_FACE


class TestLayout:
    def test_no_two_words_share_a_drawn_pixel(self, terms):
        weights = dict(zip(terms["term"], terms["count"].astype(float), strict=True))
        placed = cloud.layout(weights)
        assert len(placed) >= 20
        owner = np.zeros((cloud.HEIGHT, cloud.WIDTH), dtype=int)
        for word, size, left, top in placed:
            image = Image.new("L", (cloud.WIDTH, cloud.HEIGHT))
            ImageDraw.Draw(image).text((left, top), word, fill=255, font=cloud._font(size))
            ink = np.asarray(image) > 0
            assert not (owner.astype(bool) & ink).any(), word
            owner |= ink

    def test_heavier_words_are_larger_and_all_readable(self, terms):
        weights = dict(zip(terms["term"], terms["count"].astype(float), strict=True))
        sizes = {word: size for word, size, _, _ in cloud.layout(weights)}
        heaviest = max(weights, key=weights.get)
        assert sizes[heaviest] == max(sizes.values())
        assert min(sizes.values()) >= cloud.MIN_FONT

    def test_deterministic_and_empty(self, terms):
        weights = dict(zip(terms["term"], terms["count"].astype(float), strict=True))
        assert cloud.layout(weights) == cloud.layout(weights)
        assert cloud.layout({}) == [] and cloud.layout({"零": 0.0}) == []

    def test_the_same_weights_are_laid_out_once(self, terms):
        weights = {
            f"{term}云": float(count) for term, count in zip(terms["term"], terms["count"], strict=True)
        }
        before = cloud._layout.cache_info()
        first, again = cloud.layout(weights), cloud.layout(dict(weights))
        after = cloud._layout.cache_info()
        assert first == again and after.misses == before.misses + 1 and after.hits == before.hits + 1
        first.clear()  # a caller's list is its own: the kept layout is not changed
        assert cloud.layout(weights) == again


class TestSvg:
    def test_words_in_sector_colours_with_weight_on_hover(self, terms):
        svg = cloud.word_cloud_svg(terms, "count", sectors={"农产品": "agriculture"}, label="词云")
        assert svg.startswith("<svg") and 'aria-label="词云"' in svg and "Noto Sans CJK SC" in svg
        assert f'fill="{tx.SECTOR_COLORS["agriculture"]}" data-term="农产品"' in svg
        assert f'fill="{tx.SECTOR_COLORS["digital-industry"]}"' in svg  # the rest: digital industry
        count = int(terms.set_index("term").loc["农产品", "count"])
        assert f"<title>农产品: {count}</title>" in svg

    def test_article_text_is_escaped(self):
        table = pd.DataFrame({"term": ["<script>", "数据"], "count": [3, 2]})
        svg = cloud.word_cloud_svg(table, "count")
        assert "<script>" not in svg and "&lt;script&gt;" in svg

    def test_empty(self):
        svg = cloud.word_cloud_svg(pd.DataFrame({"term": [], "count": []}), "count")
        assert svg.startswith("<svg") and "<text" not in svg


def test_without_the_font_the_report_leaves_the_cloud_out(extraction, monkeypatch):
    from dashboard.present.report import render_report
    from dashboard.query.filters import Filters

    def no_font():
        raise cloud.FontMissing("no font")

    monkeypatch.setattr(cloud, "cjk_font", no_font)
    cloud._layout.cache_clear()  # a layout kept from an earlier test would need no font
    report = render_report(extraction, Filters())
    assert 'id="chart-cloud"' not in report and 'id="chart-network"' in report
