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
    # issue 17: team rounds (assessment page)
    "round_title": "Teamrunde: {name}",
    "round_who": "Team: {team}. Sie antworten als: {role}. Schlüssel bei: {holders}.",
    "round_what": "Was Sie senden: zu jeder Frage die gewählte Antwort, Ihre Werte je "
    "Dimension und gesamt und Ihr Ergebnisband, mit Team und Rolle dieses Links. Nicht Ihren "
    "Namen, Ihre E-Mail-Adresse oder sonst etwas über Sie.",
    "round_two_holders": "Wer es lesen kann: Ihr Browser teilt Ihr Ergebnis in zwei Teile, "
    "die jeder für sich wie Zufallszahlen aussehen, und versiegelt einen Teil für {a} und "
    "einen für {b}. Nur beide Teile zusammen ergeben etwas, und die beiden "
    "Schlüsselinhaber addieren nur Teile von mindestens {minimum} Personen je Team und "
    "Rolle. Weder einer von beiden noch der Webserver noch jemand, der die versiegelte Datei "
    "unterwegs sieht, kann Ihre Antworten lesen.",
    "round_one_holder": "Wer es lesen kann: {a} hat den einzigen Schlüssel dieser Runde und "
    "könnte daher Ihre einzelnen Antworten lesen. Der Teambericht zeigt nur Gruppen ab "
    "{minimum} Personen, aber das ist ein Versprechen des Werkzeugs, kein Schutz vor {a}.",
    "round_via_dropbox": "Wohin es geht: Mit „Versiegelt senden“ wird die versiegelte Datei "
    "in den Briefkasten dieser Website ({dropbox}) hochgeladen. Der Server speichert sie, "
    "ohne sie öffnen zu können, und protokolliert nicht, wer sie geschickt hat. Klappt das "
    "Hochladen nicht, geht nichts verloren: Kopieren oder laden Sie sie herunter und senden "
    "Sie sie der Person, die die Runde durchführt.",
    "round_via_copy": "Wohin es geht: Mit „Versiegelt senden“ erhalten Sie einen "
    "versiegelten Code und eine Datei. Senden Sie eines davon per E-Mail oder Chat an die "
    "Person, die die Runde durchführt: Das ist unbedenklich, nur die Schlüsselinhaber können "
    "es öffnen.",
    "round_bad_link": "Dieser Rundenlink ist nicht verwendbar ({error}). Bitten Sie um einen "
    "neuen Link; Sie können trotzdem antworten, Ihre Antworten bleiben in diesem Browser.",
    "round_role_locked": "Ihre Rolle ist durch Ihren Link festgelegt.",
    "round_submit": "Versiegelt senden",
    "round_incomplete": "Beantworten Sie zuerst alle Fragen: Nur vollständige Ergebnisse "
    "können gesendet werden.",
    "round_sealing": "Ihr Ergebnis wird in diesem Browser versiegelt …",
    "round_sent": "Gesendet: Ihr versiegeltes Ergebnis liegt im Briefkasten. Danke. Es "
    "bleibt auch im Verlauf dieses Browsers unten.",
    "round_already": "Bereits zugestellt: Der Briefkasten hat dieses versiegelte Ergebnis.",
    "round_put_failed": "Das Hochladen hat nicht geklappt ({error}). Nichts ist verloren: "
    "Kopieren Sie den versiegelten Code oder laden Sie die Datei unten herunter und senden "
    "Sie sie der Person, die die Runde durchführt.",
    "round_sealed_ready": "Versiegelt. Kopieren Sie den Code oder laden Sie die Datei herunter "
    "und senden Sie sie der Person, die die Runde durchführt.",
    "round_failed": "Ihr Ergebnis konnte nicht versiegelt werden: {error}",
    "round_earlier": "Sie haben am {date} ein versiegeltes Ergebnis zu dieser Runde gesendet; "
    "es steht unten. Erneutes Senden schickt eine zweite Antwort.",
    "round_code_label": "Versiegelter Code (kann per E-Mail verschickt werden)",
    "round_copy": "Versiegelten Code kopieren",
    "round_download": "Versiegelte Datei herunterladen",
    # issue 17: team rounds (team view page)
    "rt_heading": "Teamrunden: versiegelte, geteilte Ergebnisse",
    "rt_intro": "In einer Teamrunde kann niemand allein die Antworten einer Person lesen. "
    "Jeder Schlüsselinhaber erzeugt auf dem eigenen Gerät einen Schlüssel; die Moderation "
    "legt die Runde mit deren öffentlichen Schlüsseln an; die Befragten senden versiegelte "
    "Ergebnisse; jeder Schlüsselinhaber öffnet seine Hälfte; beide Hälften ergeben zusammen "
    "den Teambericht.",
    "rt_key_heading": "Meinen Schlüssel erzeugen (Schlüsselinhaber)",
    "rt_key_text": "Ihre private Schlüsseldatei wird in diesem Browser erzeugt und "
    "heruntergeladen; sie verlässt Ihr Gerät nur, wenn Sie sie verschieben. Geben Sie nur den "
    "öffentlichen Schlüssel an die Moderation.",
    "rt_key_name": "Ihr Name, wie die Befragten ihn sehen",
    "rt_key_make": "Meinen Schlüssel erzeugen",
    "rt_key_made": "Ihr Schlüsselpaar ist erzeugt. Laden Sie Ihre private Schlüsseldatei "
    "{file} mit der Schaltfläche unten herunter, bewahren Sie sie sicher auf und verschicken "
    "Sie sie nie: Ohne sie lässt sich Ihre Hälfte der Runde nicht öffnen.",
    "rt_key_public": "Ihr öffentlicher Schlüssel (darf weitergegeben werden)",
    "rt_copy": "Kopieren",
    "rt_copied": "Kopiert.",
    "rt_new_heading": "Neue Runde (Moderation)",
    "rt_new_name": "Name der Runde",
    "rt_new_roles": "Verglichene Rollen",
    "rt_new_teams": "Teams, eines je Zeile (jedes erhält eigene Links)",
    "rt_new_minimum": "Mindestzahl Personen je Team und Rolle (mindestens 3)",
    "rt_new_holder": "Schlüsselinhaber {n}",
    "rt_new_holder_name": "Name",
    "rt_new_holder_key": "Öffentlicher Schlüssel (einfügen oder dessen Schlüsseldatei auf "
    "dieses Feld ziehen)",
    "rt_new_one_holder": "Nur ein Schlüsselinhaber (diese Person könnte einzelne Antworten lesen)",
    "rt_new_dropbox": "Briefkasten-Pfad auf diesem Server (leer: Befragte senden versiegelte "
    "Codes per E-Mail oder Chat)",
    "rt_new_create": "Runde anlegen",
    "rt_new_done": "Die Runde ist angelegt. Laden Sie die Rundendatei {file} mit der "
    "Schaltfläche unten herunter und behalten Sie sie zum Öffnen der Runde; senden Sie jeden "
    "Link an die Personen, die er nennt.",
    "rt_new_failed": "Die Runde konnte nicht angelegt werden: {error}",
    "rt_new_private_dropped": "{name} ist eine private Schlüsseldatei: Nur ihr öffentlicher "
    "Schlüssel wurde verwendet. Geben Sie sie ihrem Inhaber zurück und behalten Sie keine "
    "Kopie.",
    "rt_links_caption": "Ein Link je Team und Rolle",
    "rt_team": "Team",
    "rt_role": "Rolle",
    "rt_link": "Link",
    "rt_readers_two": "Wer was lesen kann: {a} und {b} erhalten je eine Hälfte jedes "
    "Ergebnisses, so versiegelt, dass nur sie sie öffnen können; eine Hälfte allein sind "
    "Zufallszahlen. Zusammen ergeben sie nur Summen über mindestens {minimum} Personen je "
    "Team und Rolle. Niemand allein, weder einer von beiden noch der Webserver noch das "
    "Mailsystem, kann die Antworten einer Person lesen.",
    "rt_readers_one": "Wer was lesen kann: {a} hat den einzigen Schlüssel und könnte die "
    "einzelnen Antworten jeder Person lesen. Die Links sagen das. Ein zweiter "
    "Schlüsselinhaber (etwa Betriebsrat oder Personalabteilung) verhindert das.",
    "rt_open_heading": "Eine Runde öffnen (jeder Schlüsselinhaber)",
    "rt_open_text": "Laden Sie die Rundendatei, die erhaltenen versiegelten Dateien oder "
    "Codes und Ihre private Schlüsseldatei. Sie werden in diesem Browser geöffnet; Ihre "
    "Teilsumme (nur Summen über ganze Gruppen) wird für die Person heruntergeladen, die die "
    "Runde zusammenführt.",
    "rt_open_round": "Rundendatei (.cxround.json)",
    "rt_open_key": "Ihre private Schlüsseldatei (.cxkey.json)",
    "rt_open_files": "Versiegelte Dateien, oder hierher ziehen",
    "rt_open_codes": "Versiegelte Codes (CXS1.…), einer je Zeile",
    "rt_open_button": "Meine Hälfte öffnen",
    "rt_open_done": "{responses} verschiedene Antwort(en) geöffnet ({duplicates} Duplikat(e) "
    "einmal gezählt). Laden Sie Ihre Teilsummen-Datei {file} mit der Schaltfläche unten "
    "herunter.",
    "rt_open_failed": "Die Runde lässt sich nicht öffnen: {error}",
    "rt_withheld": "{team}, {role}: {responses} Antwort(en), zurückgehalten: {reason}",
    "rt_refused_heading": "Nicht verwendbare versiegelte Eingaben",
    "rt_combine_heading": "Zusammenführen",
    "rt_combine_text": "Laden Sie die Rundendatei und die Teilsummen-Dateien der "
    "Schlüsselinhaber. Eine Führungskraft kann Ihnen ihren eigenen Ergebniscode geben: Er "
    "wird neben ihrem Team gezeigt.",
    "rt_combine_sums": "Teilsummen-Dateien (eine je Schlüsselinhaber)",
    "rt_combine_managers": "Optional: eigene Ergebniscodes von Führungskräften, mit deren "
    "Einverständnis: einer je Zeile, der Name des Teams, ein Leerzeichen, dann der Code",
    "rt_combine_button": "Zusammenführen",
    "rt_combine_failed": "Zusammenführen nicht möglich: {error}",
    "rt_teams_caption": "Teams nebeneinander: mittlerer Gesamtwert je Rolle und Differenz",
    "rt_counts_caption": "Antworten je Team und Rolle",
    "rt_hidden_heading": "Ausgeblendet, und warum",
    "rt_err_missing": "{what} fehlt.",
    "rt_err_round_file": "{name}: keine Rundendatei (.cxround.json): {error}",
    "rt_err_key_file": "{name}: keine private Schlüsseldatei (.cxkey.json)",
    "rt_err_not_holder": "{name}: Dieser Schlüssel gehört keinem Schlüsselinhaber dieser Runde",
    "rt_err_damaged": "beschädigt oder abgeschnitten (kein vollständiges versiegeltes Ergebnis)",
    "rt_err_not_sealed": "kein versiegeltes Ergebnis einer Teamrunde",
    "rt_err_other_round": "für eine andere Runde versiegelt",
    "rt_err_no_part": "enthält keinen für Ihren Schlüssel versiegelten Teil",
    "rt_err_open": "lässt sich mit Ihrem Schlüssel nicht öffnen: nach dem Versiegeln "
    "geändert oder abgeschnitten, oder für jemand anderen versiegelt",
    "rt_err_key": "kein öffentlicher Schlüssel (43 Zeichen aus Buchstaben, Ziffern, - und _)",
    "rt_compare_heading": "Ergebnisdateien und -codes vergleichen",
    "rt_compare_text": "Der ältere Weg, für Ergebnisse, die Ihnen Personen selbst geschickt "
    "haben: Wer sie hier lädt, kann jedes auch auf seiner Bewertungsseite öffnen und seine "
    "Antworten lesen. Für ein Team nutzen Sie oben eine Teamrunde.",
    "rt_guide_link": "Eine Teamrunde durchführen: jeder Schritt erklärt",
    "rt_working": "Wird in diesem Browser bearbeitet …",
    "rt_download_again": "{file} herunterladen",
    "round_ready": "Auswertung bereit. Ihre Antworten werden in diesem Browser ausgewertet; nur "
    "das versiegelte Ergebnis, das Sie senden, verlässt ihn.",
    "round_about": "Ihre Antworten werden nur in diesem Browser gespeichert und hier vom "
    "Auswertungsmodul des Kits ausgewertet. In einer Teamrunde wird nur das versiegelte "
    "Ergebnis gesendet, das Sie abschicken, wie der Kasten oben auf der Seite beschreibt.",
    "rt_own_result": "eigenes Ergebnis {n}, mit Einverständnis geteilt",
    "rt_count": "{team}, {role}: {responses} Antwort(en)",
}
