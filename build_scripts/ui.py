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
    # issue 17: team rounds (assessment page)
    "round_title": "Team round: {name}",
    "round_who": "Team: {team}. You answer as: {role}. Keys held by: {holders}.",
    "round_what": "What you send: for each question the answer you chose, your scores "
    "per dimension and overall and your result band, with the team and role of this link. "
    "Not your name, email address or anything else about you.",
    "round_two_holders": "Who can read it: your browser splits your result into two parts "
    "that each look like random numbers, and seals one part for {a} and one for {b}. Only "
    "the two parts together mean anything, and the two key holders only ever add up the "
    "parts of at least {minimum} people per team and role. Neither of them, nor the web "
    "server, nor anyone who sees the sealed file on its way, can read your answers.",
    "round_one_holder": "Who can read it: {a} holds the only key of this round, so {a} could "
    "read your individual answers. The team report only shows groups of at least {minimum} "
    "people, but that is a promise of the tool, not a protection from {a}.",
    "round_via_dropbox": "Where it goes: when you press Submit sealed, the sealed file is "
    "uploaded to this site's drop box ({dropbox}). The server stores it without being able "
    "to open it and keeps no log of who sent it. If the upload fails, nothing is lost: copy "
    "or download it and send it to the person running the round.",
    "round_via_copy": "Where it goes: when you press Submit sealed, you get a sealed code and "
    "file. Send one of them to the person running the round, by email or chat: it is safe "
    "to send that way, only the key holders can open it.",
    "round_bad_link": "This round link cannot be used ({error}). Ask for a new link; you can "
    "still answer, your answers stay in this browser.",
    "round_role_locked": "Your role comes from your link.",
    "round_submit": "Submit sealed",
    "round_incomplete": "Answer every question first: only complete results can be submitted.",
    "round_sealing": "Sealing your result in this browser…",
    "round_sent": "Sent: your sealed result is in the drop box. Thank you. It is also kept "
    "in this browser's history below.",
    "round_already": "Already delivered: the drop box has this sealed result.",
    "round_put_failed": "The upload did not work ({error}). Nothing is lost: copy the sealed "
    "code or download the file below and send it to the person running the round.",
    "round_sealed_ready": "Sealed. Copy the code or download the file and send it to the "
    "person running the round.",
    "round_failed": "Could not seal your result: {error}",
    "round_earlier": "You submitted a sealed result to this round on {date}; it is below. "
    "Submitting again sends a second response.",
    "round_code_label": "Sealed code (safe to email)",
    "round_copy": "Copy sealed code",
    "round_download": "Download sealed file",
    # issue 17: team rounds (team view page)
    "rt_heading": "Team rounds: sealed, split results",
    "rt_intro": "In a team round no single person can read one respondent's answers. Each "
    "key holder makes a key on their own device; the facilitator creates the round with "
    "their public keys; respondents submit sealed results; each key holder opens their "
    "half; the two halves combine into the team report.",
    "rt_key_heading": "Make my key (key holders)",
    "rt_key_text": "Your private key file is made and downloaded in this browser; it never "
    "leaves your device unless you move it. Give only the public key to the facilitator.",
    "rt_key_name": "Your name, as respondents will see it",
    "rt_key_make": "Make my key",
    "rt_key_made": "Your key pair is made. Download your private key file {file} with the "
    "button below, keep it safe and never send it: without it your half of the round cannot "
    "be opened.",
    "rt_key_public": "Your public key (safe to share)",
    "rt_copy": "Copy",
    "rt_copied": "Copied.",
    "rt_new_heading": "New round (facilitator)",
    "rt_new_name": "Name of the round",
    "rt_new_roles": "Roles compared",
    "rt_new_teams": "Teams, one per line (each gets its own links)",
    "rt_new_minimum": "Minimum number of people per team and role (at least 3)",
    "rt_new_holder": "Key holder {n}",
    "rt_new_holder_name": "Name",
    "rt_new_holder_key": "Public key (paste it, or drop their key file on this box)",
    "rt_new_one_holder": "Only one key holder (that person could read individual answers)",
    "rt_new_dropbox": "Drop box path on this server (empty: respondents send sealed codes "
    "by email or chat)",
    "rt_new_create": "Create the round",
    "rt_new_done": "The round is made. Download the round file {file} with the button below "
    "and keep it to open the round; send each link to the people it names.",
    "rt_new_failed": "The round could not be created: {error}",
    "rt_new_private_dropped": "{name} is a private key file: only its public key was used. "
    "Give it back to its owner and do not keep a copy.",
    "rt_links_caption": "One link per team and role",
    "rt_team": "Team",
    "rt_role": "Role",
    "rt_link": "Link",
    "rt_readers_two": "Who can read what: {a} and {b} each receive one half of every result, "
    "sealed so that only they can open it; one half alone is random numbers. Together they "
    "give only sums over at least {minimum} people per team and role. No single person, "
    "neither of them nor the web server nor the mail system, can read one respondent's "
    "answers.",
    "rt_readers_one": "Who can read what: {a} holds the only key and could read each "
    "respondent's individual answers. The links say so. Add a second key holder (for "
    "example the works council or HR) to prevent that.",
    "rt_open_heading": "Open a round (each key holder)",
    "rt_open_text": "Load the round file, the sealed files or codes you received, and your "
    "private key file. They are opened in this browser; your share-sum (sums over whole "
    "groups only) is downloaded for the person who combines the round.",
    "rt_open_round": "Round file (.cxround.json)",
    "rt_open_key": "Your private key file (.cxkey.json)",
    "rt_open_files": "Sealed files, or drop them on this box",
    "rt_open_codes": "Sealed codes (CXS1.…), one per line",
    "rt_open_button": "Open my half",
    "rt_open_done": "{responses} distinct response(s) opened ({duplicates} duplicate(s) "
    "counted once). Download your share-sum file {file} with the button below.",
    "rt_open_failed": "Cannot open the round: {error}",
    "rt_withheld": "{team}, {role}: {responses} response(s), withheld: {reason}",
    "rt_refused_heading": "Sealed inputs that could not be used",
    "rt_combine_heading": "Combine",
    "rt_combine_text": "Load the round file and the share-sum files of the key holders. A "
    "manager may share their own result code with you: it is shown beside their team.",
    "rt_combine_sums": "Share-sum files (one per key holder)",
    "rt_combine_managers": "Optional: managers' own result codes, shared with their consent: "
    "one per line, the team's name, a space, then the code",
    "rt_combine_button": "Combine",
    "rt_combine_failed": "Cannot combine: {error}",
    "rt_teams_caption": "Teams side by side: mean overall score per role and the gap",
    "rt_counts_caption": "Responses per team and role",
    "rt_hidden_heading": "Hidden, and why",
    "rt_err_missing": "{what} is missing.",
    "rt_err_round_file": "{name}: not a round file (.cxround.json): {error}",
    "rt_err_key_file": "{name}: not a private key file (.cxkey.json)",
    "rt_err_not_holder": "{name}: this key is not one of this round's key holders",
    "rt_err_damaged": "damaged or cut off (not a complete sealed result)",
    "rt_err_not_sealed": "not a sealed result of a team round",
    "rt_err_other_round": "sealed for another round",
    "rt_err_no_part": "holds no part sealed for your key",
    "rt_err_open": "cannot be opened with your key: changed or cut off after sealing, or "
    "sealed for someone else",
    "rt_err_key": "not a public key (43 characters of letters, digits, - and _)",
    "rt_compare_heading": "Compare result files and codes",
    "rt_compare_text": "The older way, for results people sent you themselves: whoever loads "
    "them here can also open each one on its assessment page and read its answers. For a "
    "team, use a team round above.",
    "rt_guide_link": "Run a team round: each step explained",
    "rt_working": "Working in this browser…",
    "rt_download_again": "Download {file}",
    "round_ready": "Scoring engine ready. Your answers are scored in this browser; only the "
    "sealed result you submit leaves it.",
    "round_about": "Your answers are saved only in this browser and are scored here by the "
    "kit's own engine. In a team round, only the sealed result you submit is sent, as the "
    "box at the top of the page describes.",
    "rt_own_result": "own result {n}, shared with consent",
    "rt_count": "{team}, {role}: {responses} response(s)",
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
