"""German words around the questions (keys as in ui.UI_EN)."""

UI_DE: dict[str, str] = {
    "loading": "Die Auswertung wird vorbereitet … Sie können schon mit dem Beantworten beginnen.",
    "engine": "Das Auswertungsmodul wird geladen …",
    "ready": "Das Auswertungsmodul ist bereit. Ihre Antworten werden in diesem Browser "
    "ausgewertet und verlassen ihn nie.",
    "error": "Das Auswertungsmodul konnte nicht geladen werden oder arbeitet nicht mehr "
    "({error}). Ihre Antworten bleiben "
    "in diesem Browser erhalten; versuchen Sie es erneut oder laden Sie die Seite später neu.",
    "restored": "Ihre früheren Antworten wurden aus diesem Browser wiederhergestellt.",
    "discarded": "In diesem Browser gespeicherte Antworten konnten nicht gelesen werden und "
    "wurden beiseitegelegt; das Formular beginnt leer.",
    "partial": "Einige in diesem Browser gespeicherte Antworten konnten nicht gelesen werden "
    "und wurden ausgelassen; die übrigen wurden wiederhergestellt.",
    "failed": "Die Auswertung ist fehlgeschlagen: {error}",
    "unsaved": "Dieser Browser speichert Ihre Antworten nicht (Speicher voll oder deaktiviert): "
    "Sie bleiben nur erhalten, bis Sie diese Seite verlassen.",
    "role_legend": "Wer antwortet?",
    "progress": "{answered} von {total} beantwortet",
    "incomplete": "{answered} von {total} Fragen beantwortet: Die Werte unten beziehen sich nur "
    "auf die beantworteten Fragen. Beantworten Sie die übrigen, um Ihre Ergebnisstufe zu sehen.",
    "insufficient": "Alle Fragen wurden mit \u201eWeiß nicht\u201c beantwortet, daher lässt sich "
    "kein Ergebnis ermitteln. Finden Sie heraus, was Sie können, und kommen Sie dann wieder.",
    "clear": "Meine Antworten löschen",
    "retry": "Auswertungsmodul erneut laden",
    "result_heading": "Ihr Ergebnis",
    "overall": "Gesamtwert:",
    "dimensions_caption": "Werte je Dimension (0–100)",
    "dimension": "Dimension",
    "score": "Wert",
    "answered": "Beantwortet",
    "recommendations_heading": "Ihre nächsten Schritte",
    "no_recommendations": "Keine Dimension liegt unter ihrem Schwellenwert: Machen Sie weiter "
    "mit dem, was funktioniert.",
    "about_heading": "Über diese Bewertung",
    "about_text": "Ihre Antworten werden nur in diesem Browser gespeichert und hier vom "
    "Auswertungsmodul des Kits ausgewertet; nichts, was Sie eingeben, wird irgendwohin gesendet.",
    "source_label": "Grundlage",
    "other_language": "Diese Bewertung auf {language}",
    "index_title": "Bewertungen",
    "index_intro": "Jede Bewertung dauert nur wenige Minuten. Ihre Antworten werden laufend in "
    "Ihrem Browser gespeichert und dort vom Auswertungsmodul des Kits ausgewertet: Nichts, was "
    "Sie eingeben, verlässt Ihren Computer.",
    "index_assessment": "Bewertung",
    "index_what": "Worum es geht",
    "index_questions": "Fragen",
    "index_framework": "Grundlage",
    # Keeping, sharing and reopening results
    "chart_caption": "Werte je Dimension",
    "delta": "Veränderung seit Ihrem Ergebnis vom {date}: insgesamt {overall} Punkte.",
    "benchmark_heading": "Im Vergleich mit Ihrer Organisation",
    "benchmark_pending": "Beantworten Sie alle Fragen, um Ihre Werte neben den Medianwerten "
    "Ihrer Organisation zu sehen.",
    "benchmark_everyone": "Medianwerte aus {n} vollständigen Ergebnissen aller Antwortenden: "
    "{label} ({collected}).",
    "benchmark_role": "Medianwerte aus {n} vollständigen Ergebnissen der Antwortenden in der "
    "Rolle „{role}“: {label} ({collected}).",
    "benchmark_caption": "Ihre Werte und die Medianwerte Ihrer Organisation (0–100)",
    "benchmark_you": "Sie",
    "benchmark_median": "Median der Organisation",
    "benchmark_difference": "Differenz",
    "benchmark_overall": "Gesamt",
    "benchmark_note": "Der Median ist der mittlere Wert: Die Hälfte der Ergebnisse liegt "
    "darüber, die Hälfte darunter. Diese Website enthält nur diese Medianwerte, nie die "
    "Antworten Einzelner, und Ihre Antworten hier fließen nicht in sie ein.",
    "keep_heading": "Ergebnis aufbewahren oder teilen",
    "keep_text": "Datei und Code enthalten Ihre Antworten und Werte, eine zufällige "
    "Antwortnummer und das Datum: nichts, was Sie identifiziert. Wer sie öffnet, sieht dieses "
    "Ergebnis; wer die Auswertung moderiert, kann sie in die Teamansicht aufnehmen.",
    "download_json": "JSON herunterladen",
    "download_csv": "CSV herunterladen",
    "print": "Maßnahmenblatt drucken",
    "code_label": "Ergebniscode",
    "copy_code": "Code kopieren",
    "copy_link": "Link kopieren",
    "copied": "Kopiert.",
    "copy_failed": "Der Browser hat das Kopieren verweigert: Markieren Sie den Code und kopieren "
    "Sie ihn von Hand.",
    "open_heading": "Gespeichertes Ergebnis öffnen",
    "open_text": "Öffnen Sie eine heruntergeladene Ergebnisdatei (JSON) oder fügen Sie einen "
    "Ergebniscode ein. Das ersetzt die Antworten im Formular; mit \u201eRückgängig\u201c "
    "bekommen Sie Ihre eigenen zurück.",
    "open_file_label": "Ergebnisdatei (JSON)",
    "open_code_label": "Ergebniscode",
    "open_button": "Öffnen",
    # {name} is a file name or code_name / link_name: worded to need no article.
    "opened": "Das Ergebnis wurde geöffnet (Quelle: {name}).",
    "undo": "Rückgängig",
    "undone": "Ihre vorherigen Antworten sind wiederhergestellt.",
    "bad_json": "Die Datei {name} konnte nicht geöffnet werden: Sie ist keine JSON-Datei.",
    "too_big": "Die Datei {name} konnte nicht geöffnet werden: Sie ist größer als 5 MB.",
    "open_failed": "Öffnen nicht möglich ({name}): {error}",
    "nothing_to_open": "Wählen Sie zuerst eine Datei aus oder fügen Sie einen Code ein.",
    "code_name": "eingefügter Code",
    "link_name": "Ergebnislink",
    "history_heading": "Ihre Ergebnisse in diesem Browser",
    "history_text": "Abgeschlossene Ergebnisse werden mit ihrem Datum nur in diesem Browser "
    "aufbewahrt. Löschen Sie einzelne davon oder alles, was das Kit hier gespeichert hat.",
    "history_empty": "Noch keine abgeschlossenen Ergebnisse gespeichert.",
    "history_date": "Datum",
    "history_role": "Rolle",
    "history_overall": "Gesamt",
    "history_result": "Ergebnis",
    "history_delete": "Löschen",
    "history_unreadable": "Ein unlesbarer Eintrag: {error}",
    "delete_all": "Alles löschen, was das Kit in diesem Browser gespeichert hat",
    "deleted_all": "Alles, was das Kit in diesem Browser gespeichert hatte, wurde gelöscht.",
    # Team view
    "print_plain": "Drucken",
    "team_questionnaire": "Bewertung",
    "team_files": "Ergebnisdateien (JSON, JSON Lines) oder Textdateien mit Codes",
    "team_drop": "Sie können Dateien auch auf dieses Feld ziehen. Jede Datei darf bis zu 5 MB "
    "groß sein.",
    "team_codes": "Ergebniscodes, einer pro Zeile",
    "team_compare": "Vergleichen",
    "team_csv": "Zusammenfassung als CSV herunterladen",
    "team_reading": "{count} Eingabe(n) werden gelesen …",
    "team_nothing": "Wählen Sie zuerst Dateien aus oder fügen Sie Codes ein.",
    "team_done": "{results} Ergebnis(se) verglichen; {rejected} Eingabe(n) konnten nicht "
    "verwendet werden.",
    "team_failed": "Der Vergleich ist fehlgeschlagen: {error}",
    "team_too_big": "größer als 5 MB",
    "team_result_heading": "Wie die Gruppen es sehen",
    "team_summary": "{results} Ergebnis(se) für \u201e{title}\u201c.",
    "team_roles_caption": "Antwortende je Gruppe",
    "team_group": "Gruppe",
    "team_respondents": "Antwortende",
    "team_incomplete": "Davon unvollständig",
    "team_chart_caption": "Mittelwerte je Dimension für jede Gruppe",
    "team_dimensions_caption": "Mittelwert je Dimension (0–100) und Differenz zwischen den Gruppen",
    "team_gap": "Differenz",
    "team_overall": "Gesamt",
    "team_items_heading": "Größte Differenzen zuerst",
    "team_items_caption": "Mittelwert je Frage (0–100), größte Differenz zuerst",
    "team_item": "Frage",
    "team_read_more": "Mehr dazu",
    "team_guide_link": "Im Leitfaden",
    "team_rejected_heading": "Nicht verwendbare Eingaben",
    "team_how_heading": "So funktioniert der Vergleich",
    "team_how_text": "Jedes Ergebnis wird vom Auswertungsmodul des Kits anhand seiner Antworten "
    "neu berechnet; ein in einer Datei nachträglich geänderter Wert ändert also nichts. Eine "
    "Gruppe wird nur angezeigt, wenn sie mindestens die für diese Website festgelegte "
    "Mindestzahl an Antwortenden hat, damit sich niemandes Antworten herausfiltern lassen; die "
    "Differenz ist der Mittelwert der ersten Gruppe minus dem der zweiten. Unvollständige "
    "Ergebnisse zählen für die Fragen, die sie beantworten, aber nicht für die Mittelwerte je "
    "Dimension oder insgesamt. Eine Datei, die kein Ergebnis dieser Bewertung ist, ein "
    "beschädigter Code oder eine zweite Kopie desselben Ergebnisses wird mit Begründung "
    "aufgeführt und nicht berücksichtigt.",
    # issue 19 (helper nps): the NPS call list's new words (see ui.py).
    "nps_format_help": "Der CSV-Export eines Umfragewerkzeugs mit Kopfzeile und einer "
    "Spalte mit Werten von 0 bis 10. Wert, Kunde, Kommentar, Kundenbetreuer und "
    "Kontaktspalten (E-Mail, Telefon, Ansprechpartner) werden an ihren Überschriften oder "
    "ihrem Inhalt erkannt; nach dem Erstellen können Sie die Auswahl ändern. Komma, "
    "Semikolon oder Tabulator als Trennzeichen funktionieren.",
    "nps_leaders_help": "Zum Beispiel: Dana Lee, Sam Ortiz, Kim Park. Leer lassen, dann rufen "
    "die Personen aus der Spalte für den Kundenbetreuer an (ohne eine solche Spalte bleiben "
    "die Anrufe unverteilt).",
    "nps_passives_label": "Anteil der Passiven, die angerufen werden",
    "nps_passives_help": "Ein Prozentsatz wie 10 %: Dieser Anteil der Passiven (7–8), die "
    "niedrigsten Werte zuerst, kommt nach den Promotoren auf die Liste. Leer lassen für den "
    "kleinen Standardanteil; 0 % für keine.",
    "nps_columns_legend": "Verwendete Spalten",
    "nps_columns_help": "Was das Werkzeug aus Ihrer Datei genommen hat. Ändern Sie eine "
    "Auswahl, wird die Liste neu erstellt.",
    "nps_how_header": "an der Überschrift erkannt",
    "nps_how_content": "am Inhalt erkannt",
    "nps_how_chosen": "Ihre Auswahl",
    "nps_none": "(keine)",
    "nps_col_score": "Wert (0–10)",
    "nps_col_customer": "Kunde",
    "nps_col_comment": "Kommentar (Grund für den Wert)",
    "nps_col_owner": "Kundenbetreuer",
    "nps_contacts_legend": "Kontaktspalten, die auf die Liste übernommen werden",
    "nps_passives_line": "Passive auf der Liste: {called} von {of} ({share} %, niedrigste "
    "Werte zuerst).",
    "nps_owner_note": "Es wurden keine Führungskräfte genannt, daher rufen die Personen aus "
    "der Spalte \u201e{column}\u201c an: jede zuerst ihre eigenen Kunden.",
    "nps_passive": "Passiv",
    "nps_passives_col": "Passive",
    "nps_contact": "Kunde und Kontakt",
    "nps_no_calls": "Unter den gültigen Antworten sind keine Kritiker, Promotoren oder "
    "ausgewählten Passiven: Niemand kommt auf die Liste.",
    "nps_calls_caption": "Anrufe in Reihenfolge: Kritiker ab dem niedrigsten Wert, dann "
    "Promotoren ab 10 abwärts, dann die ausgewählten Passiven",
    "nps_sheet_title": "Anrufbogen: {leader}",
    "nps_sheet_unassigned": "Noch nicht verteilte Anrufe",
    "nps_sheet_count": "{calls} Anrufe, erstellt am {date}",
    "nps_sheet_said": "Sagte:",
    "nps_sheet_outcome": "Was aus dem Anruf wurde",
    "nps_sheet_called": "Angerufen am",
    "nps_sheet_follow_up": "Rückmeldung bis",
    "nps_sheet_partial": "Dieser Bogen enthält die ersten {shown} von {total} Anrufen: Mit "
    "\u201eAnrufbögen drucken\u201c drucken Sie alle.",
    "nps_print_sheets": "Anrufbögen drucken",
    "nps_sheets_help": "Die Anrufbögen drucken jede Führungskraft auf eine eigene Seite, jeden "
    "Anruf mit Kontaktdaten, dem, was der Kunde gesagt hat, und Platz für das Ergebnis. Der "
    "Export enthält dieselben Anrufe mit einer leeren Spalte outcome.",
    "nps_sample_link": "Beispiel-Umfrageexport",
    # Issue 16: was das Ergebnis entschieden hat, die Zählung einer Checkliste, Texte je Rolle
    "decided_dimension": "Entschieden durch: {title}, {score} / 100",
    "decided_items": "Entschieden durch: {questions}",
    "decided_overall": "Entschieden durch: den Gesamtwert, {score} / 100",
    "tally": "{yes} von {total} Anzeichen sind ein klares Ja",
    "tally_one": "{yes} von {total} Anzeichen ist ein klares Ja",
    "tally_unknown": "{count} noch nicht bestätigt",
    "tally_value": "{label}: {count}",
    "tally_unanswered": "{count} noch nicht beantwortet",
    "cannot_confirm": "noch nicht bestätigt",
    "cannot_confirm_heading": "Anzeichen, die sich noch nicht bestätigen lassen",
    "team_checklist": "{group}: {result}. {tally}",
    "team_checklist_heading": "Urteil des Teams (ein Anzeichen ist nur dann ein Ja des Teams, "
    "wenn alle Ja sagen)",
    # issue 16: a credit without a year ("ohne Jahr")
    "source_no_year": "o. J.",
}
