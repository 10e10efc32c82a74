"""Every word the dashboard shows, in Chinese (default) and English, from one place.

    >>> t("projects", "en")
    'Projects'
    >>> name("agriculture", "en")
    'agriculture'

Article text is never translated; only the labels around it.
"""

from __future__ import annotations

from dashboard import taxonomy as tx

# key: (中文, English)
TERMS: dict[str, tuple[str, str]] = {
    "app_title": ("数字经济看板", "Digital Economy Dashboard"),
    # pages
    "page_overview": ("总览", "Overview"),
    "page_keywords": ("关键词", "Keywords"),
    "page_projects": ("项目", "Projects"),
    "page_reader": ("原文", "Reader"),
    "page_network": ("关系网络", "Network"),
    # filters
    "filters": ("筛选", "Filters"),
    "sector": ("领域", "Sector"),
    "pillar": ("方向", "Pillar"),
    "document": ("文章", "Document"),
    "all_documents": ("全部文章", "All documents"),
    "all_pillars": ("全部方向", "All pillars"),
    "search": ("搜索", "Search"),
    "search_help": ("在名称和原文句子中查找", "Looks in names and source sentences"),
    "language": ("语言", "Language"),
    "presenter_mode": ("演示模式", "Presenter mode"),
    "exit_presenter": ("退出演示模式", "Leave presenter mode"),
    "share": ("分享当前视图", "Share this view"),
    "share_help": (
        "复制此链接，打开即可看到相同的页面和筛选条件。",
        "Copy this link: it opens the same page with the same filters.",
    ),
    "no_filters": ("未筛选", "No filters"),
    "filtered_by": ("筛选条件", "Filtered by"),
    "term": ("关键词", "Keyword"),
    "reset_filters": ("清除筛选", "Clear filters"),
    # overview
    "articles": ("文章", "Articles"),
    "source": ("原文链接", "Source"),
    "date": ("日期", "Date"),
    "outlet": ("来源", "Outlet"),
    "projects": ("项目", "Projects"),
    "initiatives": ("举措", "Initiatives"),
    "organizations": ("机构", "Organizations"),
    "places": ("地点", "Places"),
    "by_sector": ("各领域数量", "By sector"),
    "structure": ("方向 → 领域 → 项目", "Pillar → sector → project"),
    "projects_per_sector": ("各领域项目数", "Projects per sector"),
    "click_sector_hint": ("点击柱形即可按该领域筛选。", "Click a bar to filter by that sector."),
    "count": ("数量", "Count"),
    "read_errors": ("以下文件未能读取", "These files could not be read"),
    # keywords
    "top_terms": ("高频关键词", "Top terms"),
    "measure": ("指标", "Measure"),
    "measure_count": ("词频", "Count"),
    "measure_tfidf": ("TF-IDF", "TF-IDF"),
    "measure_textrank": ("TextRank", "TextRank"),
    "top_n": ("显示数量", "How many"),
    "split_by_sector": ("按领域拆分", "Split by sector"),
    "word_cloud": ("词云", "Word cloud"),
    "pick_term": ("选择关键词查看上下文", "Pick a term to see it in context"),
    "click_term_hint": (
        "点击柱形或在下方选择关键词，查看它在原文中的上下文。",
        "Click a bar or pick a term below to see it in context.",
    ),
    "contexts": ("上下文", "In context"),
    "no_term": ("（未选择）", "(none)"),
    "no_contexts": ("该关键词在当前筛选范围内没有出现。", "The term does not occur in this view."),
    # projects
    "include_generic": ("包含泛称（如“智能工厂”）", "Include generic phrases (e.g. 智能工厂)"),
    "project_detail": ("项目详情", "Project detail"),
    "select_row_hint": (
        "在表格中选中一行查看详情。",
        "Select a row in the table to see its detail.",
    ),
    "evidence": ("原文句子", "Evidence"),
    "in_paragraph": ("所在段落", "In its paragraph"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download XLSX"),
    "shown_of": ("显示 {shown} / 共 {total} 项", "Showing {shown} of {total}"),
    # columns
    "col_name": ("名称", "Name"),
    "col_kind": ("类型", "Kind"),
    "col_named": ("专名", "Named"),
    "col_sector": ("领域", "Sector"),
    "col_pillar": ("方向", "Pillar"),
    "col_document": ("文章", "Document"),
    "col_paragraph": ("段落", "Paragraph"),
    "col_organizations": ("相关机构", "Organizations"),
    "col_places": ("相关地点", "Places"),
    "col_projects": ("相关项目", "Projects"),
    "col_mentions": ("提及次数", "Mentions"),
    "col_evidence": ("原文句子", "Evidence"),
    "col_action": ("动作", "Action"),
    "col_object": ("对象", "Object"),
    "col_term": ("关键词", "Term"),
    "col_left": ("上文", "Before"),
    "col_right": ("下文", "After"),
    "col_source": ("起点", "Source"),
    "col_target": ("终点", "Target"),
    "col_source_type": ("起点类型", "Source type"),
    "col_target_type": ("终点类型", "Target type"),
    "col_weight": ("共现次数", "Co-occurrences"),
    # reader
    "outline": ("目录", "Outline"),
    "legend": ("图例", "Legend"),
    "project": ("项目", "Project"),
    "organization": ("机构", "Organization"),
    "place": ("地点", "Place"),
    "keyword": ("关键词", "Keyword"),
    "reader_hint": (
        "项目按领域着色，机构加下划线，地点用虚线标出。",
        "Projects are coloured by sector; organizations underlined; places dotted.",
    ),
    # network
    "network_title": ("项目、机构、地点与关键词的共现网络", "Co-occurrence network"),
    "network_hint": (
        "两个节点在同一句中出现即相连；节点越大，被提及越多。",
        "Nodes are linked when they appear in the same sentence; larger nodes are mentioned more.",
    ),
    "colour_by": ("着色方式", "Colour by"),
    "by_type": ("按类型", "By type"),
    "by_sector_colour": ("按领域", "By sector"),
    "top_keywords": ("关键词数量", "Keywords shown"),
    "edge_list": ("边列表", "Edge list"),
    "download_edges": ("下载边列表 CSV", "Download edge list (CSV)"),
    # empty states
    "empty_title": ("没有符合条件的内容", "Nothing matches"),
    "empty_body": (
        "当前筛选条件下没有结果。可以放宽领域或方向，或修改搜索词。",
        "No results for these filters. Widen the sector or pillar, or change the search text.",
    ),
    "empty_corpus": (
        "没有可读取的文章。请把文章放入 data/articles/ 或设置 DASHBOARD_CORPUS。",
        "No readable articles. Put articles in data/articles/ or set DASHBOARD_CORPUS.",
    ),
}


def t(key: str, lang: str = "zh", **values: object) -> str:
    """The label for ``key`` in ``lang``; ``{name}`` placeholders are filled from ``values``."""
    zh, en = TERMS[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def name(slug: str, lang: str = "zh") -> str:
    """A sector or pillar slug as people say it: ``name("services") == "服务业"``."""
    return tx.label(slug, lang)


def column_label(column: str, lang: str = "zh") -> str:
    """The heading of a table column (falls back to the column's own name)."""
    key = f"col_{column}"
    return t(key, lang) if key in TERMS else column
