"""The words of editing, in Chinese and English: signing in, corrections, the trash and the audit
log (``glossary.TERMS`` includes them)."""

from __future__ import annotations

# key: (中文, English)
EDITING_TERMS: dict[str, tuple[str, str]] = {
    # signing in
    "sign_in": ("编辑登录", "Editors: sign in"),
    "sign_out": ("退出登录", "Sign out"),
    "signed_in_as": ("已登录：{who}", "Signed in as {who}"),
    "signed_in_editor": ("已登录：{who}（编辑）", "Signed in as {who} (editor)"),
    "signed_in_viewer": (
        "已登录：{who}。你不在编辑名单中，只能查看；上传的文章只保存在本次会话中。",
        "Signed in as {who}. You are not an editor: you can view, and uploads stay in this session.",
    ),
    "visitor_note": (
        "只能查看：编辑登录后才能修改共享的文章库、词表和更正。",
        "View only: editors sign in to change the shared corpus, lexicon and corrections.",
    ),
    "viewer_session_corpus": (
        "只有编辑可以修改共享的文章库：你上传的文章只保存在本次浏览会话中，关闭页面后即消失。",
        "Only editors change the shared corpus: your uploads live in this browser session only, "
        "and are gone when it ends.",
    ),
    "viewer_session_lexicon": (
        "只有编辑可以修改共享的词表：你的修改只在本次浏览会话中生效。",
        "Only editors change the shared lexicon: your changes apply to this browser session only.",
    ),
    # corrections
    "correct": ("更正此项目", "Correct this project"),
    "correct_help": (
        "更正单独保存，不改动抽取结果；所有页面、下载和报告都会使用更正后的结果。",
        "Corrections are kept apart from the extraction and applied to every page, download and report.",
    ),
    "correct_name": ("名称（须出现在该段落中）", "Name (as written in the paragraph)"),
    "correct_named": ("专名", "Named project"),
    "correct_save": ("保存更正", "Save correction"),
    "correct_reject": ("不是项目（剔除）", "Not a project (reject)"),
    "correct_restore": ("恢复", "Restore"),
    "correct_saved": ("已保存更正：{name}", "Correction saved: {name}"),
    "correct_refused": ("未保存更正：{reason}", "Correction not saved: {reason}"),
    "corrected_note": ("已由 {by} 于 {at} 更正", "Corrected by {by} on {at}"),
    "add_project": ("补充漏掉的项目", "Add a missed project"),
    "add_project_text": ("项目名称（照段落原文）", "Project name (as written in the paragraph)"),
    "add_project_paragraph": ("所在段落", "Paragraph"),
    "add_project_save": ("补充项目", "Add project"),
    "rejected_projects": ("已剔除的项目", "Rejected projects"),
    "problem_unknown_action": ("未知的更正", "unknown correction"),
    "problem_unknown_document": ("文章库中没有这篇文章", "no such article in the corpus"),
    "problem_unknown_project": ("没有名为“{name}”的项目", "no project named “{name}”"),
    "problem_not_in_paragraph": ("段落中没有“{name}”", "“{name}” is not in the paragraph"),
    "problem_bad_sector": ("未知的领域", "unknown sector"),
    "problem_bad_pillar": ("未知的方向", "unknown pillar"),
    "problem_bad_name": ("名称为空或过长", "the name is empty or too long"),
    "problem_nothing_changed": ("没有改动", "nothing changed"),
    "col_corrected": ("已更正", "Corrected"),
    "col_corrected_by": ("更正人", "Corrected by"),
    "col_corrected_at": ("更正时间", "Corrected at"),
    # the trash and the audit log
    "trash": ("回收站", "Trash"),
    "trash_hint": (
        "删除的文章移入回收站，可以恢复。",
        "Removed articles go to the trash and can be restored.",
    ),
    "trash_empty": ("回收站是空的。", "The trash is empty."),
    "restore_article": ("恢复文章", "Restore an article"),
    "restore": ("恢复", "Restore"),
    "restored": ("已恢复：{name}", "Restored {name}"),
    "cannot_restore": ("无法恢复：{reason}", "Could not restore it: {reason}"),
    "moved_to_trash": (
        "已删除：{name}（已移入回收站，可以恢复）",
        "Removed {name} (to the trash: it can be restored)",
    ),
    "confirm_trash": (
        "确定删除“{title}”？文件 {name} 将移入回收站，可以恢复。",
        "Remove “{title}”? Its file {name} goes to the trash, from where it can be restored.",
    ),
    "audit_log": ("修改记录", "Audit log"),
    "audit_empty": ("还没有修改记录。", "No changes recorded yet."),
    "col_at": ("时间", "When"),
    "col_who": ("修改人", "Who"),
    "col_what": ("操作", "What"),
    "col_changed": ("对象", "On"),  # what a change was made to (not an edge's target)
    "col_before": ("修改前", "Before"),
    "col_after": ("修改后", "After"),
    "col_removed_at": ("删除时间", "Removed at"),
    "col_removed_by": ("删除人", "Removed by"),
    "action_add_article": ("加入文章", "added an article"),
    "action_remove_article": ("删除文章", "removed an article"),
    "action_restore_article": ("恢复文章", "restored an article"),
    "action_save_lexicon": ("保存词表", "saved the lexicon"),
    "action_correct_project": ("更正项目", "corrected a project"),
}
