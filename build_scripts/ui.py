"""The words the generated pages and the browser show around the questions."""

UI_EN = {
    "loading": "Preparing the scoring engine… You can start answering now.",
    "engine": "Loading the scoring engine…",
    "ready": "Scoring engine ready. Your answers are scored in this browser and never leave it.",
    "error": "The scoring engine could not be loaded or stopped working ({error}). Your "
    "answers are kept in this "
    "browser; try again, or reload the page later.",
    "restored": "Your earlier answers were restored from this browser.",
    "discarded": "Saved answers in this browser could not be read and were set aside; "
    "the form starts empty.",
    "partial": "Some saved answers in this browser could not be read and were left out; "
    "the others were restored.",
    "failed": "Scoring failed: {error}",
    "unsaved": "This browser would not store your answers (storage full or disabled): "
    "they are kept only until you leave this page.",
    "role_legend": "Who is answering?",
    "progress": "{answered} of {total} answered",
    "incomplete": "{answered} of {total} questions answered: the scores below cover the "
    "answered questions only. Answer the rest to see your result band.",
    "insufficient": "Every question was answered \u201cdon't know\u201d, so there is nothing to "
    "place a result on. Find out what you can and come back.",
    "clear": "Clear my answers",
    "retry": "Retry loading the engine",
    "result_heading": "Your result",
    "overall": "Overall score:",
    "dimensions_caption": "Scores per dimension (0-100)",
    "dimension": "Dimension",
    "score": "Score",
    "answered": "Answered",
    "recommendations_heading": "What to do next",
    "no_recommendations": "No dimension falls below its threshold: keep doing what works.",
    "about_heading": "About this assessment",
    "about_text": "Your answers are saved only in this browser and are scored here by the kit's "
    "own engine; nothing you enter is sent anywhere.",
    "source_label": "Framework",
    "other_language": "This assessment in {language}",
    "index_title": "Assessments",
    "index_intro": "Each assessment takes a few minutes. Answers are saved in your browser as "
    "you go and scored there by the kit's own engine: nothing you enter leaves your computer.",
    "index_assessment": "Assessment",
    "index_what": "What it looks at",
    "index_questions": "Questions",
    "index_framework": "Framework",
    # Keeping, sharing and reopening results
    "chart_caption": "Scores per dimension",
    "delta": "Change since your result of {date}: {overall} points overall.",
    "benchmark_heading": "Beside your organisation",
    "benchmark_pending": "Answer every question to see your scores beside your "
    "organisation's medians.",
    "benchmark_everyone": "Medians of {n} complete results from everyone who answered: "
    "{label} ({collected}).",
    "benchmark_role": "Medians of {n} complete results from people who answered as "
    "“{role}”: {label} ({collected}).",
    "benchmark_caption": "Your scores and your organisation's medians (0-100)",
    "benchmark_you": "You",
    "benchmark_median": "Organisation median",
    "benchmark_difference": "Difference",
    "benchmark_overall": "Overall",
    "benchmark_note": "A median is the middle score: half of the results are above it and "
    "half below. This site holds only these medians, never anyone's answers, and what you "
    "answer here is not added to them.",
    "keep_heading": "Keep or share this result",
    "keep_text": "The file and the code hold your answers and scores, a random response "
    "number and the date: nothing that identifies you. Whoever opens them sees "
    "this result; a facilitator can add them to the team view.",
    "download_json": "Download JSON",
    "download_csv": "Download CSV",
    "print": "Print action sheet",
    "code_label": "Result code",
    "copy_code": "Copy code",
    "copy_link": "Copy link",
    "copied": "Copied.",
    "copy_failed": "Copying was refused by the browser: select the code and copy it by hand.",
    "open_heading": "Open a saved result",
    "open_text": "Open a result file (JSON) you downloaded, or paste a result code. It "
    "replaces the answers in the form; Undo brings yours back.",
    "open_file_label": "Result file (JSON)",
    "open_code_label": "Result code",
    "open_button": "Open",
    "opened": "Opened the result from {name}.",
    "undo": "Undo",
    "undone": "Your previous answers are back.",
    "bad_json": "{name} could not be opened: it is not a JSON file.",
    "too_big": "{name} could not be opened: it is larger than 5 MB.",
    "open_failed": "{name} could not be opened: {error}",
    "nothing_to_open": "Choose a file or paste a code first.",
    "code_name": "the code",
    "link_name": "the link",
    "history_heading": "Your results in this browser",
    "history_text": "Completed results are kept in this browser only, with their dates. "
    "Delete any of them, or everything the kit has stored here.",
    "history_empty": "No completed results kept yet.",
    "history_date": "Date",
    "history_role": "Role",
    "history_overall": "Overall",
    "history_result": "Result",
    "history_delete": "Delete",
    "history_unreadable": "An unreadable entry: {error}",
    "delete_all": "Delete everything the kit stored in this browser",
    "deleted_all": "Everything the kit stored in this browser has been deleted.",
    # Team view
    "print_plain": "Print",
    "team_questionnaire": "Assessment",
    "team_files": "Result files (JSON, JSON lines) or text files of codes",
    "team_drop": "You can also drop files on this box. Each file may be up to 5 MB.",
    "team_codes": "Result codes, one per line",
    "team_compare": "Compare",
    "team_csv": "Download CSV summary",
    "team_reading": "Reading {count} input(s)…",
    "team_nothing": "Choose files or paste codes first.",
    "team_done": "Compared {results} result(s); {rejected} input(s) could not be used.",
    "team_failed": "The comparison failed: {error}",
    "team_too_big": "larger than 5 MB",
    "team_result_heading": "How the groups see it",
    "team_summary": "{results} result(s) for {title}.",
    "team_roles_caption": "Respondents per group",
    "team_group": "Group",
    "team_respondents": "Respondents",
    "team_incomplete": "Of which incomplete",
    "team_chart_caption": "Mean scores per dimension for each group",
    "team_dimensions_caption": "Mean score per dimension (0-100) and the gap between the groups",
    "team_gap": "Gap",
    "team_overall": "Overall",
    "team_items_heading": "Largest gaps first",
    "team_items_caption": "Mean score per question (0-100), largest gap first",
    "team_item": "Question",
    "team_read_more": "Read more",
    "team_guide_link": "In the guide",
    "team_rejected_heading": "Inputs that could not be used",
    "team_how_heading": "How the comparison works",
    "team_how_text": "Each result is scored again by the kit's engine from its answers, so an "
    "edited score in a file changes nothing. A group is shown only with at least the minimum "
    "number of respondents set for this site, so that no one's answers can be singled out; "
    "the gap is the first group's mean minus the second's. Results that are not complete count "
    "for the questions they answer, not for dimension or overall means. A file that is not a "
    "result of this assessment, a damaged code or a second copy of the same result is listed "
    "with its reason and left out.",
    # issue 19 (helper nps): the NPS call list's new words. The tool page
    # (docs/tools/nps-call-list.md) is English-only hand-written Markdown today;
    # these keys are for its German page once tool pages are generated per language.
    "nps_format_help": "A survey tool's CSV export with a header line and a 0-10 score column. "
    "The score, the customer, the comment, the account owner and contact columns (email, "
    "phone, contact name) are found by their headers or their content; you can change the "
    "choice after building. Commas, semicolons or tabs between columns all work.",
    "nps_leaders_help": "For example: Dana Lee, Sam Ortiz, Kim Park. Leave it empty to let the "
    "people in the file's account owner column make the calls (without such a column the "
    "calls stay unassigned).",
    "nps_passives_label": "Share of passives to call",
    "nps_passives_help": "A percentage such as 10%: that share of the passives (7-8), lowest "
    "scores first, joins the list after the promoters. Leave it empty for the default small "
    "share; 0% for none.",
    "nps_columns_legend": "Columns used",
    "nps_columns_help": "What the tool took from your file. Change a choice and the list is "
    "built again.",
    "nps_how_header": "found by its header",
    "nps_how_content": "found by its content",
    "nps_how_chosen": "your choice",
    "nps_none": "(none)",
    "nps_col_score": "Score (0-10)",
    "nps_col_customer": "Customer",
    "nps_col_comment": "Comment (the reason for the score)",
    "nps_col_owner": "Account owner",
    "nps_contacts_legend": "Contact columns to carry onto the list",
    "nps_passives_line": "Passives on the list: {called} of {of} ({share}%, lowest scores first).",
    "nps_owner_note": "No leaders were named, so the people in the column \u201c{column}\u201d "
    "make the calls: each gets their own customers first.",
    "nps_passive": "Passive",
    "nps_passives_col": "Passives",
    "nps_contact": "Customer and contact",
    "nps_no_calls": "No detractors, promoters or sampled passives among the valid responses: "
    "there is nobody to put on the list.",
    "nps_calls_caption": "Calls in order: detractors from the lowest score, then promoters from "
    "10 down, then the sampled passives",
    "nps_sheet_title": "Call sheet: {leader}",
    "nps_sheet_unassigned": "Calls not yet assigned",
    "nps_sheet_count": "{calls} calls, built on {date}",
    "nps_sheet_said": "Said:",
    "nps_sheet_outcome": "What came of the call",
    "nps_sheet_called": "Called on",
    "nps_sheet_follow_up": "Follow-up by",
    "nps_sheet_partial": "This sheet has the first {shown} of {total} calls: use \u201cPrint "
    "call sheets\u201d to print all of them.",
    "nps_print_sheets": "Print call sheets",
    "nps_sheets_help": "The call sheets print one leader to a page, each call with its contact "
    "details, what the customer said and room to note what came of it. The export has the "
    "same calls with an empty outcome column.",
    "nps_sample_link": "sample survey export",
    # Issue 16: what decided a verdict, a checklist's count, per-role texts
    "decided_dimension": "Decided by: {title}, {score} / 100",
    "decided_items": "Decided by: {questions}",
    "decided_overall": "Decided by: the overall score, {score} / 100",
    "tally": "{yes} of {total} signs are a clear yes",
    "tally_one": "{yes} of {total} signs is a clear yes",
    "tally_unknown": "{count} cannot be confirmed",
    "tally_value": "{label}: {count}",
    "tally_unanswered": "{count} not answered yet",
    "cannot_confirm": "cannot be confirmed yet",
    "cannot_confirm_heading": "Signs that cannot be confirmed yet",
    "team_checklist": "{group}: {result}. {tally}",
    "team_checklist_heading": "Team verdict (a sign is a team yes only when everyone says yes)",
    # issue 16: a credit without a year
    "source_no_year": "n.d.",
}


# Language names in their own language, for the language links.
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}


def ui_for(lang: str) -> tuple[dict[str, str], list[str]]:
    """The page words for a language, English where a word is missing (listed)."""
    if lang == "en":
        return dict(UI_EN), []
    from .ui_de import UI_DE

    table = {"de": UI_DE}[lang]
    missing = [k for k in UI_EN if k not in table]
    return {**UI_EN, **{k: v for k, v in table.items() if k in UI_EN}}, missing
