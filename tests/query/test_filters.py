import pytest

from dashboard.query import filters as url_filters
from dashboard.query.filters import Filters, parse, query_string, to_query, with_query


class TestParse:
    def test_defaults(self):
        assert parse({}) == Filters()
        assert parse({}).lang == "zh"
        assert not parse({}).present

    @pytest.mark.parametrize(
        "raw, sectors",
        [
            ("agriculture", ("agriculture",)),
            ("services,agriculture", ("services", "agriculture")),
            (["agriculture", "services"], ("services", "agriculture")),  # repeated parameter
            ("agriculture,agriculture", ("agriculture",)),
            (" agriculture , ", ("agriculture",)),
            ("unclassified", ("unclassified",)),
            ("mining,<script>", ()),
            ("", ()),
        ],
    )
    def test_sectors_known_deduplicated_in_taxonomy_order(self, raw, sectors):
        assert parse({"sector": raw}).sectors == sectors

    @pytest.mark.parametrize(
        "key, raw, field, expected",
        [
            ("pillar", "digital-industrialization", "pillar", "digital-industrialization"),
            ("pillar", "bogus", "pillar", None),
            ("lang", "en", "lang", "en"),
            ("lang", "fr", "lang", "zh"),
            ("mode", "present", "mode", "present"),
            ("mode", "edit", "mode", None),
            ("q", "  交易   中心 ", "q", "交易 中心"),
            ("term", "数字经济", "term", "数字经济"),
        ],
    )
    def test_single_values(self, key, raw, field, expected):
        assert getattr(parse({key: raw}), field) == expected

    def test_unknown_keys_are_ignored(self):
        assert parse({"utm_source": "x", "embed": "true"}) == Filters()

    def test_unknown_document_dropped_when_documents_known(self):
        assert parse({"doc": "a"}, documents=["a", "b"]).docs == ("a",)
        assert parse({"doc": "z"}, documents=["a", "b"]).docs == ()
        assert parse({"doc": "z"}).docs == ("z",)

    @pytest.mark.parametrize(
        "raw, docs",
        [
            ("b,a", ("b", "a")),  # the order chosen is kept
            ("a,z,a", ("a",)),
            (["a", "b"], ("a", "b")),  # repeated parameter
            (" , ", ()),
        ],
    )
    def test_several_documents(self, raw, docs):
        assert parse({"doc": raw}, documents=["a", "b"]).docs == docs

    def test_long_text_is_cut_not_rejected(self):
        assert len(parse({"q": "数" * 1000}).q) == url_filters.MAX_TEXT

    def test_last_of_repeated_single_values_wins(self):
        assert parse({"lang": ["zh", "en"]}).lang == "en"


class TestSerialise:
    def test_defaults_leave_no_parameters(self):
        assert to_query(Filters()) == {}
        assert query_string(Filters()) == ""

    def test_round_trip(self):
        f = Filters(
            sectors=("manufacturing", "agriculture"),
            pillar="industrial-digitalization",
            docs=("2022-04-22-wuzhou-digital-economy", "2024-06-02-huzhou-digital-economy"),
            q="交易 中心",
            term="数字经济",
            lang="en",
            mode="present",
        )
        assert parse(to_query(f)) == f
        qs = query_string(f)
        assert qs.startswith("sector=manufacturing,agriculture&pillar=")
        from urllib.parse import parse_qs

        assert parse({k: v for k, v in parse_qs(qs).items()}) == f

    def test_with_query_replaces_an_old_query(self):
        f = Filters(sectors=("agriculture",), lang="en")
        assert with_query("http://h:1/projects?x=1", f) == ("http://h:1/projects?sector=agriculture&lang=en")
        assert with_query("http://h:1/", Filters()) == "http://h:1/"

    def test_replace(self):
        assert Filters().replace(term="园区").term == "园区"


class TestControls:
    def test_defaults_are_left_out(self):
        assert parse({"rank": "distinct", "top": "20", "generic": "0", "tab": "articles"}).controls == ()
        assert to_query(Filters().with_control("top", 20)) == {}

    @pytest.mark.parametrize(
        "key, raw, value",
        [
            ("rank", "textrank", "textrank"),
            ("rank", "count", "count"),
            ("top", "35", 35),
            ("split", "1", True),
            ("no_names", "1", True),
            ("generic", "1", True),
            ("rows", "250", 250),
            ("colour", "sector", "sector"),
            ("keywords", "0", 0),
            ("tab", "across", "across"),
            ("period", "Q", "Q"),
            ("measure", "initiatives", "initiatives"),
            ("compare", "periods", "periods"),
            ("a", "2024-03-08-anning", "2024-03-08-anning"),
        ],
    )
    def test_each_control_round_trips(self, key, raw, value):
        f = parse({key: raw})
        assert f.control(key) == value
        assert parse(to_query(f)) == f
        assert to_query(f, page=url_filters.CONTROLS[key].page) == {key: raw}

    @pytest.mark.parametrize(
        "key, raw",
        [("rank", "bogus"), ("top", "7"), ("top", "500"), ("top", "x"), ("split", "yes"), ("rows", "99")],
    )
    def test_values_a_control_does_not_take_are_dropped(self, key, raw):
        assert parse({key: raw}).controls == ()

    def test_a_page_link_holds_only_that_pages_controls(self):
        f = Filters(sectors=("agriculture",)).with_control("split", True).with_control("generic", True)
        assert to_query(f, page="keywords") == {"sector": "agriculture", "split": "1"}
        assert to_query(f, page="projects") == {"sector": "agriculture", "generic": "1"}
        assert to_query(f, page=None) == {"sector": "agriculture"}
        assert (
            with_query("http://h/keywords", f, page="keywords")
            == "http://h/keywords?sector=agriculture&split=1"
        )

    def test_setting_a_control_back_to_its_default_removes_it(self):
        f = Filters().with_control("rows", 25)
        assert f.controls == (("rows", "25"),)
        assert f.with_control("rows", 100).controls == ()

    def test_page_of(self):
        assert url_filters.page_of("") == "overview"
        assert url_filters.page_of("keywords") == "keywords"
        assert url_filters.page_of("/corpus") == "corpus"
