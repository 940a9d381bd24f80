"""The words the generated pages and the browser show around the questions."""

UI_EN = {
    "loading": "Preparing the scoring engine… You can start answering now.",
    "engine": "Loading the scoring engine…",
    "ready": "Scoring engine ready. Your answers are scored in this browser and never leave it.",
    "error": "The scoring engine could not be loaded ({error}). Your answers are kept in this "
    "browser; try again, or reload the page later.",
    "restored": "Your earlier answers were restored from this browser.",
    "discarded": "Saved answers in this browser could not be read and were set aside; "
    "the form starts empty.",
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
}
