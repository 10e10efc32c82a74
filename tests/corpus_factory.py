"""Articles of the genre made to order: a city, a date, an order of sectors, and the named projects
each sector section mentions. Used by corpus tests and benchmarks."""

from __future__ import annotations

from pathlib import Path

SECTIONS = {
    "digital-industry": (
        "推进数字产业化，壮大数字产业",
        "加快建设{city}{brand}数字经济产业园、{city}云谷数据中心等大数据平台，引进云计算和人工智能领域龙头企业，发展数据标注、软件开发等业务。",
    ),
    "manufacturing": (
        "推进制造业数字化，建设智能工厂",
        "支持{brand}集团建设{brand}集团智能工厂，推动规上工业企业实施数字化改造，依托{city}智能装备产业园发展智能制造，建设一批数字化车间。",
    ),
    "services": (
        "推进服务业数字化，培育消费新场景",
        "加快建设{city}智慧物流港，打造{city}{brand}跨境电商产业园，发展直播电商和智慧旅游，提升物流、商贸、金融服务的数字化水平。",
    ),
    "agriculture": (
        "推进农业数字化，发展智慧农业",
        "建设{city}{brand}数字茶园和{city}农产品交易中心，推广物联网监测和农产品质量追溯，发展农村电商，带动农民增收。",
    ),
}


# Paragraphs without named projects, to give generated articles the length of real ones.
FILLER = {
    "digital-industry": "{city}将持续完善新型基础设施，推进千兆光网和5G基站建设，培育软件和信息技术服务业，引导企业上云用数赋智，提升数据要素流通效率，力争数字经济核心产业增加值年均增长百分之十以上。",
    "manufacturing": "{city}将引导传统制造业开展技术改造，推广工业互联网标识解析和设备上云，支持龙头企业打造数字化车间，带动中小企业数字化转型，提高生产效率和产品质量，降低能耗和运营成本。",
    "services": "{city}将推动商贸流通、文化旅游、医疗教育等领域数字化升级，发展平台经济和共享经济，完善冷链物流和快递网络，优化政务服务，让群众办事更加便利。",
    "agriculture": "{city}将加快数字乡村建设，推广智慧农业技术，完善农村电商和物流配送体系，推动农产品生产、加工、销售全链条数字化，带动农民增收致富。",
}


def article_text(
    city: str, brand: str, date: str, sectors: list[str], *, title: str | None = None, filler: int = 0
) -> str:
    """A Markdown article with front matter and one headed section per sector, in the given order;
    ``filler`` paragraphs without named projects are added to each section."""
    body = [f"<p>{city}市坚持数字产业化和产业数字化协同发展，加快建设数字{city}。</p>"]
    for sector in sectors:
        heading, paragraph = SECTIONS[sector]
        extra = "".join(f"<p>{FILLER[sector].format(city=city)}</p>" for _ in range(filler))
        body.append(f"<p>{heading}</p><p>{paragraph.format(city=city, brand=brand)}</p>{extra}")
    return (
        f'---\ntitle: "{title or city + "数字经济发展观察"}"\ndate: {date} 08:00:00 +0800\n'
        f"categories: news\n---\n{''.join(body)}\n"
    )


def named_projects(city: str, brand: str, sector: str) -> list[str]:
    """The named projects a section of ``article_text`` mentions."""
    return {
        "digital-industry": [f"{city}{brand}数字经济产业园", f"{city}云谷数据中心"],
        "manufacturing": [f"{brand}集团智能工厂", f"{city}智能装备产业园"],
        "services": [f"{city}智慧物流港", f"{city}{brand}跨境电商产业园"],
        "agriculture": [f"{city}{brand}数字茶园", f"{city}农产品交易中心"],
    }[sector]


CITIES = [
    ("江州", "鸿途"),
    ("临川", "蓝湾"),
    ("云阳", "星衡"),
    ("泰和", "澜川"),
    ("南平", "启明"),
    ("安宁", "天承"),
]


def write_corpus(folder: Path, count: int = 6, *, year: int = 2023, filler: int = 0) -> list[Path]:
    """``count`` articles, one a month, cities and sector orders varying; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    orders = [
        ["digital-industry", "manufacturing", "services", "agriculture"],
        ["agriculture", "services", "manufacturing", "digital-industry"],
        ["services", "agriculture", "digital-industry", "manufacturing"],
    ]
    paths = []
    for n in range(count):
        city, brand = CITIES[n % len(CITIES)]  # from the seventh on, cities and projects recur
        date = f"{year + n // 12}-{n % 12 + 1:02d}-{15 - n // 400 % 14:02d}"
        path = folder / f"{date}-article-{n:04d}.md"
        path.write_text(
            article_text(city, brand, date, orders[n % len(orders)], filler=filler), encoding="utf-8"
        )
        paths.append(path)
    return paths


# Parts of made-up place and company names, combined so that a large corpus has hundreds of
# cities and brands, hence thousands of distinct projects (write_corpus's six recur from the seventh).
CITY_HEADS = "江临云泰南安清永宁长新兴龙平德丰"
CITY_TAILS = "州川阳和平宁远安城源山河"
BRAND_HEADS = "鸿蓝星澜启天华瑞恒博"
BRAND_TAILS = "途湾衡川明承信达创远"


def write_varied_corpus(folder: Path, count: int, *, filler: int = 3, seed: int = 0) -> list[Path]:
    """``count`` articles for benchmarks at scale: cities (192) and brands (100) drawn from
    made-up names, every order of two to four sectors, dates spread over ten years (2016–2025),
    ``filler`` paragraphs per section give or take one; the same ``seed`` writes the same files."""
    import datetime
    import itertools
    import random

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    cities = [h + t for h in CITY_HEADS for t in CITY_TAILS]
    brands = [h + t for h in BRAND_HEADS for t in BRAND_TAILS]
    orders = [list(p) for k in (2, 3, 4) for p in itertools.permutations(SECTIONS, k)]
    start, days = datetime.date(2016, 1, 1), 3652
    paths = []
    for n in range(count):
        city, brand = rng.choice(cities), rng.choice(brands)
        date = (start + datetime.timedelta(days=rng.randrange(days))).isoformat()
        text = article_text(city, brand, date, rng.choice(orders), filler=max(0, filler + rng.randint(-1, 1)))
        path = folder / f"{date}-article-{n:05d}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
