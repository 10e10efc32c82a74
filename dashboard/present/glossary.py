"""Every word the dashboard shows, in Chinese (default) and English, from one place.

    >>> t("projects", "en")
    'Projects'
    >>> name("agriculture", "en")
    'agriculture'

Article text is never translated; only the labels around it. An English text says how a count
reads with ``{n:word|words}``: ``1 word``, ``2 words``.

    >>> t("corpus_summary", "en", documents=1, projects=2)
    '1 article · 2 named projects'
"""

from __future__ import annotations

import string

from dashboard.pipeline import taxonomy as tx
from dashboard.pipeline.read import ReadError, ReadingNote, human_size
from dashboard.present.editing_terms import EDITING_TERMS

# key: (中文, English)
TERMS: dict[str, tuple[str, str]] = {
    "app_title": ("数字经济看板", "Digital Economy Dashboard"),
    # pages
    "page_overview": ("总览", "Overview"),
    "page_keywords": ("关键词", "Keywords"),
    "page_projects": ("项目", "Projects"),
    "page_reader": ("原文", "Reader"),
    "page_network": ("关系网络", "Network"),
    "page_corpus": ("文章库", "Corpus"),
    "page_lexicon": ("词表", "Lexicon"),
    # filters
    "filters": ("筛选", "Filters"),
    "sector": ("领域", "Sector"),
    "pillar": ("方向", "Pillar"),
    "document": ("文章", "Document"),
    "all_documents": ("全部文章", "All documents"),
    "all_pillars": ("全部方向", "All pillars"),
    "all_sectors": ("全部领域", "All sectors"),
    "choose": ("请选择", "Choose one"),
    "search": ("搜索", "Search"),
    "search_help": ("在名称和原文句子中查找", "Looks in names and source sentences"),
    "search_placeholder": ("例如：交易中心", "e.g. 交易中心"),
    "language": ("语言", "Language"),
    "presenter_mode": ("演示模式", "Presenter mode"),
    "exit_presenter": ("退出演示模式", "Leave presenter mode"),
    "share": ("分享当前视图", "Share this view"),
    "share_help": (
        "复制此链接，打开即可看到相同的页面和筛选条件。",
        "Copy this link: it opens the same page with the same filters.",
    ),
    "save_and_open": ("导出报告 / 保存分析 / 打开分析", "Report / save / open"),
    "export_report": ("导出报告", "Export report"),
    "export_report_help": (
        "当前视图的 HTML 文件：筛选条件、数字、图表、项目及原文句子、出处；断网也能打开。",
        "One HTML file of this view: filters, figures, charts, projects with evidence, sources; "
        "opens without a network.",
    ),
    "save_analysis": ("保存分析", "Save analysis"),
    "save_analysis_help": (
        "把筛选条件、关键词、语言和词表修改存为一个小 JSON 文件，之后可再打开。",
        "Filters, keyword, language and lexicon edits in one small JSON file, to open again later.",
    ),
    "open_analysis": ("打开分析", "Open analysis"),
    "open_analysis_hint": (
        "点击上方框内的按钮选择 JSON 文件，或把文件拖入框中。",
        "Use the button in the box above to choose a JSON file, or drop the file on it.",
    ),
    "analysis_opened": ("已打开分析：{file}", "Opened the analysis {file}"),
    "analysis_refused": ("无法打开 {file}：{reason}", "Cannot open {file}: {reason}"),
    "refused_too_large": ("文件过大（超过 {limit} KB）", "the file is too large (over {limit} KB)"),
    "refused_not_text": ("不是 UTF-8 文本", "it is not UTF-8 text"),
    "refused_not_json": (
        "不是有效的 JSON（第 {line} 行第 {column} 列）",
        "it is not valid JSON (line {line}, column {column})",
    ),
    "refused_foreign": ("不是本看板保存的分析文件", "it is not an analysis saved by this dashboard"),
    "refused_version": (
        "文件版本为 {found}，本看板只能打开版本 {supported}",
        "its version is {found}; this dashboard opens version {supported}",
    ),
    "refused_bad_filter": (
        "筛选条件 {param} 的值无法识别：{value!r}",
        "filter {param} has an unknown value: {value!r}",
    ),
    "refused_unknown_document": ("当前文章中没有 {doc}", "the corpus has no document {doc}"),
    "refused_bad_lexicon": ("词表修改格式有误：{detail}", "its lexicon edits are malformed: {detail}"),
    # report
    "report": ("报告", "Report"),
    "generated": ("生成时间", "Generated"),
    "sources": ("资料来源", "Sources"),
    "title": ("标题", "Title"),
    "no_filters": ("未筛选", "No filters"),
    "filtered_by": ("筛选条件", "Filtered by"),
    "term": ("关键词", "Keyword"),
    "reset_filters": ("清除筛选", "Clear filters"),
    # overview
    "articles": ("文章", "Articles"),
    "source": ("原文链接", "Source"),
    "date": ("日期", "Date"),
    "outlet": ("来源", "Outlet"),
    "summary_articles": ("{n} 篇文章", "{n} articles"),
    "summary_article": ("1 篇文章", "1 article"),
    "summary_span": ("{start} 至 {end}", "{start} to {end}"),
    "summary_outlets": ("来源：{outlets}", "from {outlets}"),
    "other_projects": ("其他 {n} 个项目", "{n:other project|other projects}"),
    "summary_outlets_more": ("来源：{outlets}等 {n} 家", "from {outlets} and others ({n} outlets)"),
    "projects_help": (
        "文中有名称的项目（如“某某大数据中心”），每篇每个只计一次；“智能工厂”一类泛称不计入"
        "（含泛称共 {all} 项，项目页可打开“包含泛称”）。“未分类”：文中看不出属于哪个领域。",
        "Named projects (such as “某某大数据中心”, a data centre with its name), each counted once per article; generic phrases such as "
        "智能工厂 are not ({all} with them: turn on “Include generic phrases” on the projects page). "
        "“Unclassified”: the text does not say which sector.",
    ),
    "initiatives_help": (
        "举措：文中“建设、打造、推进、扶持……”加其对象的一项行动，如“建设农产品交易中心”。",
        "Initiatives: an action the text announces (建设, 打造, 推进, 扶持…) with its object, "
        "such as 建设农产品交易中心.",
    ),
    "organizations_help": (
        "文中提到的企业、机构和部门（如“某某集团”），每篇每个只计一次。",
        "Companies, institutions and departments the text names (such as a “某某集团”), each once per article.",
    ),
    "places_help": (
        "文中提到的地名（省、市、县、园区所在地等），每篇每个只计一次。",
        "Places the text names (provinces, cities, counties…), each once per article.",
    ),
    "sector_over_time": ("各领域项目随时间变化", "Named projects by sector over time"),
    "articles_table": ("文章列表", "The articles"),
    "articles_table_hint": (
        "点击列名排序；“阅读”在原文页打开该文。",
        "Click a heading to sort; “Read” opens the article in the reader.",
    ),
    "read": ("阅读", "Read"),
    "col_reader": ("原文页", "Reader"),
    "col_source_url": ("原文链接", "Source"),
    "col_total": ("合计", "Total"),
    "projects": ("项目", "Projects"),
    "initiatives": ("举措", "Initiatives"),
    "organizations": ("机构", "Organizations"),
    "places": ("地点", "Places"),
    "by_sector": ("各领域数量", "By sector"),
    "structure": ("方向 → 领域 → 项目", "Pillar → sector → project"),
    "projects_per_sector": ("各领域项目数", "Projects per sector"),
    "click_sector_hint": ("点击柱形即可按该领域筛选。", "Click a bar to filter by that sector."),
    "count": ("数量", "Count"),
    "read_errors": (
        "以下文件未能读取，其余文章照常显示",
        "These files could not be read; the other articles are shown",
    ),
    "read_error_reasons": ("原因", "Reasons"),
    "and_more": ("……另有 {n} 篇", "… and {n} more"),
    "recurring_shown": (
        "显示出现在最多文章中的 {shown} 个，共 {total} 个。",
        "The {shown} found in most articles, of {total}.",
    ),
    "listed_shown": (
        "列出最新 {shown} 篇，共 {total} 篇。",
        "The newest {shown} of {total} articles are listed.",
    ),
    "articles_shown": (
        "显示最新 {shown} 篇，共 {total} 篇；用侧栏的文档筛选查看其他文章。",
        "The newest {shown} of {total} articles; the sidebar's document filter finds the others.",
    ),
    "rows_shown": (
        "显示前 {shown} 条，共 {total} 条；下载 Excel 可得全部。",
        "The first {shown} of {total} rows; the Excel download has them all.",
    ),
    # keywords
    "top_terms": ("高频关键词", "Top terms"),
    "measure": ("指标", "Measure"),
    "measure_distinct": ("区分度", "Distinctive"),
    "measure_help": (
        "区分度：词频乘以该词在同类文章（120 篇数字经济报道和规划）中的稀有程度，各篇都用的“产业”“经济”“企业”等词靠后；"
        "词频：出现次数；TF-IDF：按一般中文语料的稀有程度加权；TextRank：按同句共现的中心程度。",
        "Distinctive: the count weighed by how rare the term is in texts of the genre (120 digital-economy "
        "articles and plans), so words every such text uses (产业, 经济, 企业) come last; Count: occurrences; "
        "TF-IDF: weighed by rarity in general Chinese; TextRank: how central the term is among those sharing "
        "its sentences.",
    ),
    "measure_count": ("词频", "Count"),
    "measure_tfidf": ("TF-IDF", "TF-IDF"),
    "measure_textrank": ("TextRank", "TextRank"),
    "top_n": ("显示数量", "How many"),
    "split_by_sector": ("按领域拆分", "Split by sector"),
    "leave_out_names": ("不含地名和机构名", "Without names"),
    "leave_out_names_help": (
        "去掉文中识别出的地名、机构名及其简称（如去掉“市”“集团”后的名称），让词表只反映主题。",
        "Leave out the places and organizations found in the text, and their short forms (without "
        "市, 集团…), so that the list is about topics.",
    ),
    "word_cloud": ("词云", "Word cloud"),
    "no_cjk_font": (
        "本机没有 Noto Sans CJK 字体，无法排版词云（安装 fonts-noto-cjk）。",
        "No Noto Sans CJK font on this server to lay the word cloud out with (install fonts-noto-cjk).",
    ),
    "pick_term": ("选择关键词查看上下文", "Pick a term to see it in context"),
    "click_term_hint": (
        "点击柱形或在下方选择关键词，查看它在原文中的上下文。",
        "Click a bar or pick a term below to see it in context.",
    ),
    "contexts": ("上下文", "In context"),
    "no_term": ("（未选择）", "(none)"),
    "contexts_shown": ("显示前 {shown} 处，共 {total} 处。", "The first {shown} of {total} occurrences."),
    "no_contexts": ("该关键词在当前筛选范围内没有出现。", "The term does not occur in this view."),
    # projects
    "rows_to_show": ("显示行数", "Rows shown"),
    "include_generic": ("包含泛称（如“智能工厂”）", "Include generic phrases (e.g. 智能工厂)"),
    "project_detail": ("项目详情", "Project detail"),
    "select_row_hint": (
        "在表格中选中一行查看详情。",
        "Select a row in the table to see its detail.",
    ),
    "select_project_hint": (
        "在表格中选中一行，查看完整的原文句子及其所在段落、相关机构和地点。",
        "Select a row to see its whole sentence in its paragraph, and its organizations and places.",
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
    "col_title": ("标题", "Title"),
    "col_date": ("日期", "Date"),
    "col_outlet": ("来源", "Outlet"),
    "col_paragraphs": ("段落数", "Paragraphs"),
    "col_documents": ("文章数", "Articles"),
    "col_first": ("最早", "First"),
    "col_last": ("最近", "Last"),
    "col_sources": ("来源文章", "Sources"),
    "col_side": ("所在", "Where"),
    "col_change": ("变化（‰）", "Change (‰)"),
    "col_file": ("文件", "File"),
    "col_warnings": ("读取说明", "Reading notes"),
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
    "names_shown": (
        "显示关联最强的 {shown} 个名称（共 {total} 个）；筛选领域、文章或搜索可看到其他名称。",
        "The {shown} names with the strongest links, of {total}; filter by sector, article or search to see others.",
    ),
    "edges_drawn": (
        "连线较多，只画出每个节点最强的连线：{shown} 条（共 {total} 条，全部见边列表）。",
        "Many links: each node's strongest are drawn, {shown} of {total} (all in the edge list).",
    ),
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
    # corpus
    "corpus_articles": ("文章", "Articles"),
    "corpus_across": ("跨文章分析", "Across articles"),
    "corpus_summary": (
        "{documents} 篇文章 · {projects} 个专名项目",
        "{documents:article|articles} · {projects:named project|named projects}",
    ),
    "add_articles": ("添加文章", "Add articles"),
    "upload_label": (
        "选择文件（.md、.txt、.html，可多选）",
        "Choose files (.md, .txt, .html; several at once)",
    ),
    "upload_help": (
        "每个文件先读取并抽取，通过检查后才加入文章库；内容相同的文件不会重复加入。",
        "Each file is read and extracted before it joins the corpus; a file already in it is not added twice.",
    ),
    "upload_button": ("选择文件", "Upload"),  # Streamlit's file box: its button
    "upload_limit": ("每个文件不超过 {limit}", "{limit} per file"),  # and its size limit
    "upload_hint": (
        "点击上方框内的按钮选择文件，或把文件拖入框中；一篇文章不超过 {limit}。",
        "Use the button in the box above to choose files, or drop them on it; up to {limit} an article.",
    ),
    "session_only": (
        "文章库文件夹不可写入（托管部署）：上传的文章只保存在本次浏览会话中，关闭页面后即消失。",
        "The corpus folder cannot be written (a hosted deployment): uploads live in this browser session "
        "only, and are gone when it ends.",
    ),
    "added_as": ("已加入：{name}", "Added as {name}"),
    "duplicate_of": ("未加入（重复）：{reason}", "Not added (duplicate): {reason}"),
    "not_added": ("未加入：{reason}", "Refused: {reason}"),
    "no_named_projects": ("未找到专名项目", "no named projects found"),
    "in_session": ("仅本次会话", "this session only"),
    "remove_article": ("删除文章", "Remove an article"),
    "remove": ("删除", "Remove"),
    "confirm_remove": (
        "确定删除“{title}”？文件 {name} 将被删除。",
        "Remove “{title}”? Its file {name} will be deleted.",
    ),
    "confirm": ("确认删除", "Yes, remove it"),
    "cancel": ("取消", "Cancel"),
    "removed": ("已删除：{name}", "Removed {name}"),
    "cannot_remove": ("无法删除：{reason}", "Could not remove it: {reason}"),
    "timeline": ("时间线", "Timeline"),
    "timeline_hint": (
        "按文章日期统计各领域的专名项目和举措；没有日期的文章不计入。",
        "Named projects and initiatives by article date and sector; undated articles are left out.",
    ),
    "period": ("时间单位", "Period"),
    "period_M": ("月", "Month"),
    "period_Q": ("季度", "Quarter"),
    "period_Y": ("年", "Year"),
    "no_timeline": ("没有带日期的项目或举措。", "No dated projects or initiatives."),
    "recurring": ("多篇文章提及的项目", "Projects in several articles"),
    "recurring_hint": (
        "同名项目（忽略括号内的地名）合并为一项，列出每篇来源。",
        "Projects of the same name (brackets ignored) are merged, with every source.",
    ),
    "no_recurring": ("没有项目出现在两篇及以上文章中。", "No project appears in more than one article."),
    "comparison": ("比较", "Compare"),
    "compare_by": ("比较对象", "Compare"),
    "compare_documents": ("两篇文章", "Two articles"),
    "compare_periods": ("两个时期", "Two periods"),
    "side_a": ("A", "A"),
    "side_b": ("B", "B"),
    "need_two": (
        "至少需要两篇文章（或两个时期）才能比较。",
        "Comparing needs two articles (or two periods).",
    ),
    "only_in": ("仅见于 {side}", "Only in {side}"),
    "in_both": ("两者皆有", "In both"),
    "keywords_changed": ("升降最多的关键词（B 相对 A）", "Keywords that rose or fell most (B against A)"),
    "keyword_change": ("每千词出现次数之差（B − A）", "Change in occurrences per thousand terms (B − A)"),
    "none": ("无", "none"),
    # lexicon
    "lexicon_hint": (
        "领域词帮助分词，停用词不计入关键词，领域关键词决定段落属于哪个领域。修改先在段落上预览，保存后所有文章按新词表重新抽取。",
        "Domain words guide segmentation, stopwords are left out of keywords, sector keywords decide a "
        "paragraph's sector. Preview a change on a paragraph; once saved, every article is extracted again.",
    ),
    "word_list": ("修改哪个词表", "Which list"),
    "list_domain": ("领域词", "Domain words"),
    "list_stopwords": ("停用词", "Stopwords"),
    "list_sectors": ("领域关键词", "Sector keywords"),
    "words_add": ("添加（以空格、逗号或顿号分隔）", "Add (separated by spaces or commas)"),
    "words_add_placeholder": ("例如：算力枢纽、数据港", "e.g. 算力枢纽, 数据港"),
    "words_remove": ("删除", "Remove"),
    "weight": ("权重", "Weight"),
    "preview_paragraph": ("预览段落", "Paragraph to preview"),
    "own_paragraph": ("或输入一段文字", "Or type a paragraph"),
    "before": ("修改前", "Before"),
    "after": ("修改后", "After"),
    "segmentation": ("分词", "Segmentation"),
    "found_projects": ("识别出的项目", "Projects found"),
    "no_change": (
        "尚未修改：输入要添加或删除的词，即可对比修改前后的效果。",
        "No change yet: type words to add or remove to compare before and after.",
    ),
    "save_lexicon": ("保存词表", "Save the lexicon"),
    "lexicon_saved": (
        "词表已保存，文章已按新词表重新抽取。",
        "Lexicon saved; the articles are extracted again with it.",
    ),
    "lexicon_merged": (
        "保存前已有他人修改词表，其修改已一并保留：{words}",
        "Someone else saved the lexicon meanwhile; their changes were kept as well: {words}",
    ),
    "lexicon_conflict": (
        "未保存：他人已为同一词设定了不同的权重（{words}）。请刷新后重试。",
        "Not saved: someone else gave the same words another weight ({words}). Reload and try again.",
    ),
    "lexicon_session": (
        "词表文件夹不可写入（托管部署）：修改只在本次浏览会话中生效。",
        "The lexicon folder cannot be written (a hosted deployment): changes apply to this browser session only.",
    ),
    "discard_session_lexicon": ("放弃本次会话的修改", "Discard this session's changes"),
    "words_in_list": ("当前 {n} 个词", "{n:word|words} now"),
    # why a file was not read or added: a reason code of pipeline/read.py (Reason) or of
    # store/articles.py (Refusal), worded by ``reason()``
    "reason_empty": ("空文件", "empty file"),
    "reason_binary": ("二进制文件，不是文本", "binary file, not text"),
    "reason_unreadable": (
        "无法读成文本（编码无法识别或含二进制内容）",
        "not readable text (unknown encoding or binary content)",
    ),
    "reason_no_body": ("没有正文", "no body text"),
    "reason_too_large": ("文件大小为 {size}，超过上限 {limit}", "file is {size}, over the {limit} limit"),
    "reason_not_a_file": ("不是文件", "not a file"),
    "reason_no_such_file": ("文件不存在", "no such file"),
    "reason_no_such_path": ("文件或文件夹不存在", "no such file or folder"),
    "reason_permission": ("没有读取权限", "permission denied"),
    "reason_same_id": (
        "已有文件使用相同的文章编号 {document}",
        "another file has the same document id '{document}'",
    ),
    "reason_duplicate_of": ("与 {file} 内容相同", "duplicate of {file}"),
    "reason_timeout": ("抽取超过 {seconds} 秒，已停止", "extraction took longer than {seconds} s"),
    "reason_extraction_failed": ("抽取出错：{error}", "extraction failed: {error}"),
    "reason_not_article": ("不是文章文件（可接受 {kinds}）", "not an article file (accepted: {kinds})"),
    "reason_in_corpus": ("文章库中已有相同内容的文章 {file}", "already in the corpus as {file}"),
    "reason_cannot_write": (
        "文章库文件夹无法写入（{error}）",
        "the corpus folder cannot be written ({error})",
    ),
    # how an article that was read was repaired or what was left out: a note code of
    # pipeline/read.py (Note), worded by ``note()``
    "note_invalid_utf8": (
        "{count} 处无效的 UTF-8 字节已显示为 \ufffd",
        "{count:invalid UTF-8 sequence|invalid UTF-8 sequences} shown as \ufffd",
    ),
    "note_mixed_encodings": (
        "编码混杂：{lines} 行按 GB18030 读取",
        "mixed encodings: {lines:line|lines} read as GB18030",
    ),
    "note_encoding_detected": ("按检测到的编码 {encoding} 读取", "encoding detected as {encoding}"),
    "note_front_matter_not_yaml": (
        "文首元数据不是有效的 YAML，已忽略",
        "front matter is not valid YAML; ignored",
    ),
    "note_front_matter_not_yaml_at": (
        "文首元数据不是有效的 YAML（第 {line} 行），已忽略",
        "front matter is not valid YAML (line {line}); ignored",
    ),
    "note_front_matter_not_mapping": (
        "文首元数据不是 YAML 键值表，已忽略",
        "front matter is not a YAML mapping; ignored",
    ),
    "note_not_a_date": (
        "文首元数据中的日期“{value}”无法识别，已忽略",
        "front matter date {value!r} is not a date; ignored",
    ),
    "note_traditional": ("繁体中文，已转为简体字读取", "traditional Chinese, read in simplified characters"),
    "note_pinyin_glosses": (
        "字后所注拼音 {count} 处未读入",
        "{count} pinyin reading(s) after characters left out",
    ),
    "size_bytes": ("{n} 字节", "{n:byte|bytes}"),
    # the command line, in the language --lang names (English without it)
    "cli_wrote_tables": ("已写入 {n} 个表：{folder}", "wrote {n:table|tables} to {folder}"),
    "cli_wrote": ("已写入 {file}", "wrote {file}"),
    "cli_no_keywords": ("没有关键词", "no keywords"),
    "cli_unknown_documents": ("文章库中没有这些文章", "no such document in the corpus"),
    "cli_no_article": (
        "旁边和 --articles 中都没有文章 {document}.*",
        "no article {document}.* beside it or in --articles",
    ),
    "cli_no_gold": ("没有附带文章的标注文件", "no gold file with its article"),
    "reason_not_gold": ("不是标注文件（{error}）", "not a gold file ({error})"),
    # evaluate: the figures of a document, a genre or all of them, and the names it got wrong
    "eval_line": (
        "{label}：召回率 {recall:.2f}（{found}/{required}）· 领域准确率 {sector:.2f} · "
        "严格精确率 {precision:.2f}（{correct}/{listed}）· 专名判断一致率 {named:.2f}",
        "{label}: recall {recall:.2f} ({found}/{required}) · sector accuracy {sector:.2f} · "
        "strict precision {precision:.2f} ({correct}/{listed}) · named-flag agreement {named:.2f}",
    ),
    "eval_missed": ("漏掉", "missed"),
    "eval_wrong": ("误列", "wrong"),
    "eval_wrong_sector": ("领域有误", "wrong sector"),
    "eval_named_flag": ("专名判断不一致", "named flag"),
    "eval_genre": ("{genre}（{documents} 篇）", "{genre} ({documents:document|documents})"),
    "eval_all": ("全部（{documents} 篇）", "all ({documents:document|documents})"),
    "cli_ingest_summary": (
        "{documents} 篇文章，{named} 个专名项目（含泛称共 {projects} 个），{initiatives} 条举措，"
        "{failures} 个失败；缓存：复用 {hits} 篇，新抽取 {misses} 篇",
        "{documents:document|documents}, {named:named project|named projects} ({projects} with generic "
        "phrases), {initiatives:initiative|initiatives}, {failures:failure|failures}; cache: {hits} "
        "reused, {misses} extracted",
    ),
    "cli_ingest_counts": (
        "{documents} 篇文章，{failures} 个失败",
        "{documents:document|documents}, {failures:failure|failures}",
    ),
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
PAGE_KEYS = frozenset(TERMS)  # the pages' own terms, which no editing term may replace
TERMS.update(EDITING_TERMS)


class _Formatter(string.Formatter):
    """``str.format``, where a field formatted as ``{n:article|articles}`` reads ``1 article``,
    ``2 articles``."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return f"{value} {one if value == 1 else many}"
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def t(key: str, lang: str = "zh", **values: object) -> str:
    """The label for ``key`` in ``lang``; ``{name}`` placeholders are filled from ``values``."""
    zh, en = TERMS[key]
    text = en if lang == "en" else zh
    return _FORMATTER.format(text, **values) if values else text


def fields(text: str) -> set[str]:
    """The names of a text's placeholders: ``fields("{n:word|words} in {list}") == {"n", "list"}``."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def size(n: int, lang: str = "zh") -> str:
    """A file size: ``5.0 MB``; under a kilobyte, ``300 字节`` or ``300 bytes``."""
    return human_size(n) if n >= 1_000 else t("size_bytes", lang, n=n)


def reason(code: str, lang: str = "zh", **details: object) -> str:
    """Why a file was not read or added, in words: a reason code (``pipeline.read.Reason``,
    ``store.articles.Refusal``) and its details.

    >>> reason("too_large", "zh", size=6_000_000, limit=5_000_000)
    '文件大小为 6.0 MB，超过上限 5.0 MB'
    >>> reason("not_article", "en", kinds=(".md", ".txt"))
    'not an article file (accepted: .md, .txt)'
    """
    return t(f"reason_{code}", lang, **{k: _detail(k, v, lang) for k, v in details.items()})


def _detail(key: str, value: object, lang: str) -> object:
    if key in ("size", "limit") and isinstance(value, int):
        return size(value, lang)
    if isinstance(value, list | tuple):
        return ("、" if lang == "zh" else ", ").join(str(v) for v in value)
    return value


def why_not_read(error: ReadError, lang: str = "zh") -> str:
    """Why a file of the corpus could not be read, in words (a reason of no known kind is given as
    it is)."""
    return reason(error.code, lang, **error.details) if error.code else error.reason


def note(note: ReadingNote, lang: str = "zh") -> str:
    """How an article was read, in words: a reading note's code (``pipeline.read.Note``) and its
    details.

    >>> note(ReadingNote("mixed_encodings", {"lines": 1}), "en")
    'mixed encodings: 1 line read as GB18030'
    >>> note(ReadingNote("traditional"), "zh")
    '繁体中文，已转为简体字读取'
    """
    return t(f"note_{note.code}", lang, **note.details)


def notes(reading_notes, lang: str = "zh") -> str:
    """A document's reading notes (its ``warnings``) in words, one after the other ("" for none)."""
    return ("；" if lang == "zh" else "; ").join(note(n, lang) for n in reading_notes)


def read_error(error: ReadError, lang: str = "zh") -> str:
    """A file of the corpus that could not be read, and why: ``a.md：空文件``."""
    return f"{error.path}{'：' if lang == 'zh' else ': '}{why_not_read(error, lang)}"


def describe_lexicon_edits(edits: dict[str, dict[str, list[str]]], lang: str = "zh") -> str:
    """Lexicon edits (per list: words added and removed) in words.

    >>> describe_lexicon_edits({"stopwords": {"added": ["看板"], "removed": []},
    ...                         "agriculture": {"added": ["预制菜"], "removed": ["茶"]}})
    '停用词：看板；农业：预制菜、−茶'
    """
    return "；".join(
        f"{t(f'list_{k}', lang) if k in ('domain', 'stopwords') else name(k, lang)}："
        + "、".join([*v["added"], *(f"−{w}" for w in v["removed"])])
        for k, v in edits.items()
    )


def describe_filters(filters, documents: dict[str, str] | None = None) -> str:
    """A view's ``Filters`` in words, in its own language: ``领域：农业 · 搜索：“茶”``.

    ``documents`` maps document ids to titles, so that a document is named by its title.
    """
    lang, documents = filters.lang, documents or {}
    parts = []
    if filters.sectors:
        parts.append(f"{t('sector', lang)}：" + "、".join(name(s, lang) for s in filters.sectors))
    if filters.pillar:
        parts.append(f"{t('pillar', lang)}：{name(filters.pillar, lang)}")
    if filters.docs:
        parts.append(f"{t('document', lang)}：" + "、".join(documents.get(d, d) for d in filters.docs))
    if filters.q:
        parts.append(f"{t('search', lang)}：“{filters.q}”")
    if filters.term:
        parts.append(f"{t('term', lang)}：{filters.term}")
    return " · ".join(parts) or t("no_filters", lang)


def name(slug: str, lang: str = "zh") -> str:
    """A sector or pillar slug as people say it: ``name("services") == "服务业"``."""
    return tx.label(slug, lang)


# Sector names short enough for a narrow column heading; the Chinese ones are short already.
_SHORT_SECTOR_NAMES = {
    tx.DIGITAL_INDUSTRY: "Digital",
    tx.MANUFACTURING: "Manuf.",
    tx.SERVICES: "Services",
    tx.AGRICULTURE: "Agri.",
    tx.UNCLASSIFIED: "Unclass.",
}


def short_name(slug: str, lang: str = "zh") -> str:
    """A sector as a narrow column heading says it: ``short_name("agriculture", "en") == "Agri."``."""
    if lang == "en" and slug in _SHORT_SECTOR_NAMES:
        return _SHORT_SECTOR_NAMES[slug]
    return name(slug, lang)


def column_label(column: str, lang: str = "zh") -> str:
    """The heading of a table column (falls back to the column's own name)."""
    key = f"col_{column}"
    return t(key, lang) if key in TERMS else column
