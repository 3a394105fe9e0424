### Die Seiten von Darkroom, auf Deutsch.
###
### Review: draft translation, not yet reviewed by a native speaker.
###
### Translated from locales/en/pages.ftl; see docs/translating.md.

## Every page

site-tag = sicherer Briefkasten
site-demo = DEMO: Dieser Server läuft mit Demo-Schlüsseln, die auf diesem Rechner erzeugt wurden. Senden Sie nichts Echtes.
nav-label = Hauptmenü
nav-submit = Einsenden
nav-inbox = Antworten
nav-verify = Nachweis prüfen
lang-label = Sprache
site-footer = Darkroom: Dateien werden mit dem Schlüssel der Redaktion verschlüsselt; dieser Server speichert nichts, was er lesen kann.

## The landing page

landing-heading = Senden Sie { $newsroom } sicher ein Foto oder ein Dokument
landing-intro =
    Hier gesendete Dateien werden mit dem Schlüssel der Redaktion verschlüsselt, bevor sie gespeichert werden.
    Dieser Server hat keinen Schlüssel, der sie öffnen kann, speichert nicht, wer Sie sind
    (keine IP-Adressen, keine Browserdaten), und speichert nur den Tag, an dem eine Datei ankam.
    Einsendungen werden nach etwa { $days ->
        [one] { $days } Tag
       *[other] { $days } Tagen
    } automatisch gelöscht.
landing-before = Bevor Sie beginnen
landing-tor = Verwenden Sie den <strong>Tor Browser</strong>, auf einem Gerät und in einem Netz, die nicht mit Ihrer Arbeit verbunden sind.
landing-metadata = Fotos tragen versteckte Angaben (GPS-Position, Seriennummer der Kamera, Urheber). Darkroom entfernt sie, aber der Inhalt eines Fotos kann Sie oder Ihren Standort dennoch verraten.
landing-ways = Wege zum Einsenden
landing-way-page = <strong>Die <a href="/submit">Einsendeseite</a></strong>, mit eingeschaltetem JavaScript (Stufe „Standard“ oder „Sicherer“ des Tor Browsers): Ihre Dateien werden in Ihrem Browser bereinigt und verschlüsselt, und wo WebAssembly läuft („Standard“), kann ein signiertes Foto einen Nachweis tragen, dass es eine unveränderte Aufnahme ist. Dieser Server erhält nur den verschlüsselten Umschlag.
landing-way-cli = <strong>Das Kommandozeilenwerkzeug <code>darkroom</code></strong>, das dasselbe ohne Browser auf Ihrem eigenen Gerät tut und das signierte Manifest der Redaktion mit dem Schlüssel prüft, den Sie ihm geben:
landing-way-form = <strong>Das einfache Formular auf der <a href="/submit">Einsendeseite</a></strong>, das mit ausgeschaltetem JavaScript funktioniert (Stufe „Am sichersten“ des Tor Browsers). <em>Worauf dieser Weg vertraut:</em> Ihre Datei gelangt über Ihre (Tor-)Verbindung zu diesem Server, <strong>bevor</strong> sie verschlüsselt wird. Der Server bereinigt und verschlüsselt sie im Arbeitsspeicher und schreibt sie nie auf die Festplatte, aber Sie müssen darauf vertrauen, dass dieser Server den veröffentlichten Code von Darkroom ausführt und nicht manipuliert wurde. Ist Ihnen das zu viel Vertrauen, nutzen Sie einen der ersten beiden Wege.
landing-way-form-off = Das einfache Formular, bei dem dieser Server Ihre Datei verschlüsselt, ist hier abgeschaltet: Angenommen werden nur Dateien, die auf Ihrem eigenen Gerät verschlüsselt wurden.
landing-code = Der Code, den Ihr Browser ausführt
landing-code-intro = Die Einsendeseite verschlüsselt mit dem WebAssembly-Client von Darkroom oder, wo WebAssembly ausgeschaltet ist, mit demselben Client in JavaScript übersetzt; jede und jeder kann beide Byte für Byte aus dem Quellcode nachbauen (<code>scripts/build-web --check</code>). Dieser Server sendet:
landing-code-bundle = Client-Paket (SHA-256 seiner <a href="/static/client/SHA256SUMS">SHA256SUMS</a>)
landing-code-wasm = WebAssembly-Client (SHA-256)
landing-code-js = JavaScript-Client (Subresource Integrity)
landing-code-verify-js = JavaScript-Prüfer für Veröffentlichungen (Subresource Integrity)
landing-code-script = Skript der Seite (Subresource Integrity)
landing-code-compare = Vergleichen Sie sie mit der README der Darkroom-Version, die diese Redaktion nach eigener Angabe betreibt.
landing-key = Der Schlüssel der Redaktion
landing-key-intro = { $newsroom } signiert, worauf Ihr Client vertraut (die Schlüssel, mit denen er verschlüsselt, die Kameraregister, gegen die er Nachweise führt, den Code dieser Seite), mit ihrem Signaturschlüssel, den dieser Server nicht besitzt. Ihr Client prüft diese Signatur, bevor er etwas sendet. <strong>Vergleichen Sie diesen Schlüssel mit dem, den { $newsroom } anderswo veröffentlicht</strong> (Website, Druck, ein Verzeichnis): Zeigte Ihnen dieser Server einen anderen, bewiese die Prüfung nichts.
landing-key-signing = Signaturschlüssel der Redaktion
landing-key-words = Sein Fingerabdruck, in Wörtern
landing-key-cli = Beim Kommandozeilenwerkzeug geben Sie ihn einmal an:
landing-key-none = Dieser Server veröffentlicht kein signiertes Manifest der Redaktion; Ihr Client hat also nichts, woran er die Schlüssel prüfen kann.
landing-recipients = Umschläge werden für diese age-Empfänger versiegelt, { $protection }:
protection-hybrid = hybride Post-Quanten-Schlüssel (ML-KEM-768 mit X25519)
protection-classical = klassische Schlüssel (nur X25519, nicht gegen einen künftigen Quantencomputer geschützt)

## The submit page

submit-title = Einsenden
submit-heading = Dateien einsenden
submit-loading = Der Code, der Ihre Dateien auf diesem Gerät verschlüsselt, wird geladen…
submit-newsroom = Diese Seite verschlüsselt nur mit den Schlüsseln, die <strong class="newsroom-name"></strong> mit ihrem Redaktionsschlüssel <code class="newsroom-key"></code> signiert hat, in Wörtern <strong class="newsroom-fingerprint"></strong> (gültig bis <span class="newsroom-expires"></span>). <strong>Vergleichen Sie das mit dem, was <span class="newsroom-name"></span> veröffentlicht</strong> (Website, Druck): Wenn es abweicht, senden Sie nichts.
submit-sealed-to = Dateien werden für ihre <strong class="newsroom-protection"></strong> versiegelt. Dieser Tab merkt sich, dass das geprüfte Manifest am <span class="newsroom-issued"></span> ausgestellt wurde, und weist ein älteres zurück, bis Sie den Tab schließen.
submit-demo = Dies ist eine DEMO-Redaktion mit Demo-Schlüsseln: Senden Sie nichts Echtes.
submit-paste-key = Um ihn hier prüfen zu lassen, fügen Sie den Schlüssel ein, den die Redaktion veröffentlicht (optional)
submit-key-checked = Der eingefügte Schlüssel hat das Manifest dieser Redaktion signiert.
submit-here = Ihre Dateien werden von versteckten Metadaten bereinigt und <strong>hier, in Ihrem Browser</strong>, verschlüsselt, bevor irgendetwas gesendet wird. Dieser Server erhält nur Umschläge, die er nicht öffnen kann.
submit-js-note = WebAssembly ist in diesem Browser ausgeschaltet (im Tor Browser schaltet die Sicherheitsstufe „Sicherer“ es aus), daher führt diese Seite denselben Verschlüsselungscode in JavaScript übersetzt aus. Das ist langsamer, und Ihre Dateien verlassen dieses Gerät weiterhin nur verschlüsselt. Nachweise, dass ein Foto eine unveränderte Aufnahme ist, werden hier nicht erstellt.
submit-files = Dateien (höchstens { $mib } MiB je Datei; Sie können mehrere auf einmal wählen)
submit-proof-js = Ein Foto hier ist von einem Aufnahmegerät signiert und könnte daher einen Nachweis tragen, dass es unverändert ist, aber ohne WebAssembly werden keine Nachweise erstellt: Es würde viel zu lange dauern. Um einen beizufügen, senden Sie es aus dem Tor Browser mit der Sicherheitsstufe „Standard“, oder erstellen Sie den Nachweis auf Ihrem eigenen Gerät mit <code>darkroom prove</code> und senden Sie ihn mit <code>darkroom submit</code>. Auch ohne Nachweis wird das Foto hier bereinigt und verschlüsselt.
submit-proof-legend = Nachweis, dass ein Foto eine unveränderte Aufnahme ist (optional)
submit-proof-intro = Ein Foto, das eine Kamera signiert hat, der diese Redaktion vertraut, kann einen Zero-Knowledge-Nachweis tragen, dass es seit der Aufnahme nicht verändert wurde. Der Nachweis zeigt weder das Foto noch die Kamera: nur die Zeit und den Ort, die Sie hier wählen.
submit-proof-on = Den signierten Fotos einen Nachweis beifügen
submit-proof-window = Zeit, die der Nachweis zeigt
submit-window-day = der Tag der Aufnahme
submit-window-month = nur der Monat
submit-window-year = nur das Jahr
submit-window-none = nichts über die Zeit
submit-proof-region = Ort, den der Nachweis zeigt
submit-region-none = nichts über den Ort
submit-region-1 = ein Quadrat von 1° darum (etwa 100 km)
submit-region-10 = ein Quadrat von 10° darum (etwa 1.000 km)
submit-region-30 = ein Quadrat von 30° darum
submit-codename-legend = Antworten (optional)
submit-codename-on = Einen Codenamen erhalten, damit die Redaktion mir antworten kann
submit-codename-shown = Ihr Codename, nur dieses eine Mal angezeigt:
submit-codename-keep = Damit können Sie die Antworten der Redaktion auf der Seite <a href="/inbox">Antworten</a> lesen. Wer ihn hat, kann sie ebenfalls lesen, und niemand kann ihn für Sie wiederherstellen. Schreiben Sie ihn auf Papier und bewahren Sie ihn sicher auf; speichern Sie ihn nicht in diesem Browser oder auf diesem Gerät.
submit-message = Nachricht an die Redaktion (optional; sie wird mit Ihren Dateien verschlüsselt)
submit-send = Verschlüsseln und senden
submit-received = Eingegangen
submit-receipts = Jede Datei ist gespeichert, verschlüsselt mit dem Schlüssel der Redaktion. Diese Belege aufzubewahren ist freiwillig; sie könnten Sie mit Ihrer Einsendung in Verbindung bringen, wenn jemand sie findet.
submit-client = Client: <span id="client-version"></span>, SHA-256 <code>{ $sha256 }</code>.
submit-unavailable = Ihr Browser kann auf dieser Seite keine Dateien verschlüsseln.
submit-you-can = Sie können:
submit-use-cli = das <strong>Kommandozeilenwerkzeug</strong> verwenden, das auf Ihrem eigenen Gerät verschlüsselt:
submit-use-form = das <strong>Formular unten</strong> verwenden, bei dem dieser Server Ihre Datei verschlüsselt (lesen Sie, worauf das vertraut);
submit-use-standard = oder im Tor Browser die Sicherheitsstufe auf „Standard“ stellen (sie gilt für alle Websites, bis Sie sie zurückstellen).
submit-plain-newsroom = Dieser Briefkasten gehört <strong>{ $newsroom }</strong>; ihr Redaktionsschlüssel ist <code>{ $key }</code>, in Wörtern <strong>{ $words }</strong>. <strong>Vergleichen Sie das mit dem, was { $newsroom } veröffentlicht</strong> (Website, Druck): Wenn es abweicht, senden Sie nichts. Ohne JavaScript kann diese Seite die Signatur der Redaktion nicht selbst prüfen; sie zeigt, was der Server aus dem signierten Manifest der Redaktion gelesen hat.
submit-plain-keep = Um Ihre Datei auf Ihrem Gerät zu behalten, bis sie verschlüsselt ist: Wählen Sie im Tor Browser die Sicherheitsstufe <strong>„Sicherer“</strong> (diese Seite verschlüsselt dann in Ihrem Browser, mit JavaScript, aber ohne WebAssembly), oder verwenden Sie das Kommandozeilenwerkzeug, das auch die Signatur der Redaktion prüft:
submit-plain-trust = Dieses Formular funktioniert ohne JavaScript. <strong>Ihre Datei erreicht diesen Server, bevor sie verschlüsselt ist:</strong> Der Server entfernt ihre Metadaten und versiegelt sie im Arbeitsspeicher mit dem Schlüssel der Redaktion, und schreibt sie nie auf die Festplatte.
submit-plain-message = Nachricht an die Redaktion (optional)
submit-plain-file = Datei (höchstens { $mib } MiB)
submit-plain-as-is = Unverändert senden, wenn Darkroom die Metadaten nicht entfernen kann (zum Beispiel bei einem PDF, einem Video oder einem Office-Dokument): Sie erreicht die Redaktion dann mit allem, was sie verrät. Ohne diese Wahl wird eine solche Datei zurückgewiesen und nichts gesendet.
submit-plain-off = Dieser Server nimmt nur Dateien an, die auf Ihrem eigenen Gerät verschlüsselt wurden: Schalten Sie JavaScript ein (im Tor Browser genügt die Sicherheitsstufe „Sicherer“), oder verwenden Sie <code>darkroom submit FILE --server URL</code>.

## The receipt for the plain form

thanks-title = Eingegangen
thanks-stored = Ihre Einsendung ist gespeichert, verschlüsselt mit dem Schlüssel der Redaktion.
thanks-server-sealed = Dieser Server hat Ihre Datei so erhalten, wie sie war, ihre Metadaten entfernt und sie im Arbeitsspeicher verschlüsselt; unverschlüsselt hat er sie nicht auf die Festplatte geschrieben. Um eine Datei auf Ihrem Gerät zu behalten, bis sie verschlüsselt ist, verwenden Sie die Seite mit eingeschaltetem JavaScript (die Stufe „Sicherer“ des Tor Browsers genügt) oder <code>darkroom submit</code>.
receipt-reference = Referenz
receipt-day = Eingangstag
receipt-label = Kennzeichnung
receipt-sealed-to = Versiegelt für
receipt-size = Verschlüsselte Größe
receipt-size-bytes = { $size } Bytes
receipt-sha256 = SHA-256 des Umschlags
thanks-keep = Diesen Beleg aufzubewahren ist freiwillig; er könnte Sie mit dieser Einsendung in Verbindung bringen, wenn jemand ihn findet.

## A refusal

error-title = Nicht erledigt
error-refused = Nicht angenommen
error-failed = Etwas ist schiefgegangen
error-nothing-stored = Es wurde nichts gespeichert.

## Replies

inbox-title = Antworten
inbox-heading = Antworten der Redaktion
inbox-intro = Wenn Sie beim Einsenden einen Codenamen angefordert haben, kann die Redaktion Ihnen hier antworten. Geben Sie den Codenamen genau so ein, wie er Ihnen angezeigt wurde.
inbox-newsroom = Antworten werden hier mit dem Signaturschlüssel von <strong class="newsroom-name"></strong> geprüft, <code class="newsroom-key"></code> (in Wörtern <strong class="newsroom-fingerprint"></strong>): Eine Antwort, die sie nicht signiert hat, wird als gefälscht markiert. Vergleichen Sie den Schlüssel mit dem, den die Redaktion veröffentlicht. Dieser Tab merkt sich, dass das geprüfte Manifest am <span class="newsroom-issued"></span> ausgestellt wurde, und weist ein älteres zurück, bis Sie den Tab schließen.
inbox-here = Ihr Codename bleibt <strong>in diesem Browser</strong>: Hier wird er zu Schlüsseln, und hier werden Ihre Antworten entschlüsselt. Dieser Server sieht weder den Codenamen noch die Antworten.
inbox-codename = Codename
inbox-open = Meine Antworten öffnen
inbox-replies = Antworten
inbox-empty = Noch keine Antworten.
inbox-delete-account = Mein Konto und alle Antworten löschen
inbox-plain-trust = Dieses Formular funktioniert ohne JavaScript. Dann macht <strong>dieser Server</strong> aus Ihrem Codenamen Schlüssel, entschlüsselt Ihre Antworten, um sie anzuzeigen, und vergisst beides, sobald die Seite gesendet ist. Für Antworten, die nur auf Ihrem eigenen Gerät entschlüsselt werden, schalten Sie JavaScript ein (im Tor Browser genügt die Sicherheitsstufe „Sicherer“), oder verwenden Sie <code>darkroom inbox</code>.
inbox-plain-open = Meine Antworten öffnen (vom Server entschlüsselt)
inbox-plain-off = Zum Lesen der Antworten braucht diese Seite JavaScript (die Stufe „Sicherer“ des Tor Browsers genügt), weil sie auf Ihrem eigenen Gerät entschlüsselt werden, oder das Kommandozeilenwerkzeug: <code>darkroom inbox --server THIS-ADDRESS</code>.
inbox-server-decrypted = <strong>Von diesem Server entschlüsselt.</strong> Sie haben Ihr Postfach mit dem einfachen Formular geöffnet, daher hat dieser Server aus Ihrem Codenamen Schlüssel gemacht und diese Antworten entschlüsselt, um sie anzuzeigen. Er hat weder den Codenamen noch die Schlüssel gespeichert und hat beide vergessen. (Die Seite öffnet Antworten auf Ihrem eigenen Gerät, wenn JavaScript eingeschaltet ist, auch in der Stufe „Sicherer“ des Tor Browsers, oder verwenden Sie <code>darkroom inbox</code>.)
inbox-signed = Von der Redaktion signiert (von diesem Server mit dem Schlüssel aus ihrem Manifest geprüft).
inbox-forged-unsigned = GEFÄLSCHT: Diese Antwort trägt keine Signatur der Redaktion; die Redaktion hat sie nicht geschrieben, handeln Sie also nicht danach
inbox-forged-signature = GEFÄLSCHT: Ihre Signatur ist nicht die der Redaktion; die Redaktion hat sie nicht geschrieben, handeln Sie also nicht danach
inbox-forged-other-source = GEFÄLSCHT: Die Redaktion hat dies für jemand anderen geschrieben, und es wurde an Sie weitergegeben; handeln Sie nicht danach
inbox-unreadable = Diese Antwort lässt sich nicht öffnen, also sagt nichts, wer sie geschrieben hat.
inbox-reply-heading = Antwort { $seq }, von der Redaktion auf den { $day } datiert
inbox-delete-reply = Diese Antwort löschen
inbox-back = Zurück zum Postfach
inbox-form-expired = Das Formular ist abgelaufen oder ihm fehlt sein Sicherheitstoken; versuchen Sie es erneut.
inbox-session-ended = Ihre Sitzung ist beendet; geben Sie Ihren Codenamen erneut ein.
inbox-deleted-account = Ihr Konto und alle Antworten darauf sind gelöscht. Ihr Codename öffnet nichts mehr; die Redaktion behält, was Sie gesendet haben, ohne Verbindung zu einem Codenamen.
inbox-deleted-reply = Die Antwort ist gelöscht. Um die anderen zu lesen, geben Sie Ihren Codenamen erneut ein: Dieser Server hat den Schlüssel, mit dem er sie geöffnet hat, nicht behalten.

## Verifying

verify-title = Nachweis prüfen
verify-heading = Einen Herkunftsnachweis prüfen
verify-save = <a href="/verify/offline.html" download="darkroom-verify.html">Diesen Prüfer als eine Datei speichern</a>: Er funktioniert offline, mit dem signierten Manifest und den Schlüsseln dieser Redaktion darin.
verify-bundle-heading = Ein Nachweispaket prüfen
verify-valid = GÜLTIG
verify-invalid = NICHT GÜLTIG
verify-intro = Ein Nachweispaket (<code>.proof.json</code> oder binär) zeigt, dass ein Foto von einem Gerät aus einem Register in einem Zeitraum und einer Region aufgenommen wurde, ohne das Foto oder das Gerät preiszugeben. Diese Seite kommt zum selben Urteil wie <code>darkroom verify</code>. Fügen Sie auf Wunsch das Foto und seine Öffnung hinzu, um zu prüfen, dass sich der Nachweis auf dieses Foto bezieht: Das Foto wird im Arbeitsspeicher geprüft und nicht gespeichert, erreicht aber diesen Server; um es auf Ihrem eigenen Rechner zu behalten, verwenden Sie <code>darkroom verify --image</code>.
verify-bundle = Nachweispaket
verify-photo = Foto (optional)
verify-opening = Öffnung, <code>0x…</code> oder der Text der Öffnungsdatei (optional, mit dem Foto)
verify-submit = Prüfen
verify-registries = Diese Redaktion vertraut diesen Geräteregistern:
verify-no-key = Auf diesem Server ist kein Prüfschlüssel für Herkunftsnachweise eingerichtet. Verwenden Sie <code>darkroom verify</code>.
verify-published-heading = Ein veröffentlichtes Foto prüfen
verify-published-intro = Eine Redaktion, die einen Teil eines signierten Fotos veröffentlicht (zugeschnitten, mit verdeckten Bereichen), legt ein Veröffentlichungspaket bei. Diese Prüfung läuft in Ihrem Browser: Das Foto wird auf diesem Computer gelesen und nirgendwohin gesendet. Sie zeigt, ob das Bild ein unberührter Teil einer Aufnahme eines vertrauenswürdigen Geräts ist, und umrandet, was die Herausgeber verdeckt haben.
verify-published-key = Der Schlüssel der Redaktion (<code>RW…</code>): Vergleichen Sie ihn mit dem, den die Redaktion auf ihrer eigenen Website veröffentlicht
verify-published-bundle = Veröffentlichungspaket
verify-published-photo = Veröffentlichtes Foto
verify-published-check = Prüfen
verify-offline-intro = Diese Datei prüft Fotos, die { $newsroom } mit einem Darkroom-Veröffentlichungspaket veröffentlicht. Sie baut keine Netzwerkverbindung auf (ihre Sicherheitsrichtlinie verbietet jede); sie enthält das signierte Manifest der Redaktion, gespeichert am { $saved }, und ihren Prüfschlüssel für Nachweise. Vertrauen Sie ihr nur, wenn der Schlüssel unten derjenige ist, den die Redaktion auf ihrer eigenen Website veröffentlicht.

## Refusals: one sentence, what was wrong and what to do

refuse-not-found = unter dieser Adresse gibt es keine Seite
refuse-storage = der Server konnte das nicht speichern; nichts wurde behalten; versuchen Sie es später erneut
refuse-stalled = das Hochladen stockte und wurde abgebrochen; nichts wurde gespeichert; versuchen Sie es erneut
refuse-too-slow = das Hochladen ist zu langsam und wurde abgebrochen; nichts wurde gespeichert; versuchen Sie es erneut
refuse-cut-short = das Hochladen wurde unterbrochen oder ist kein gültiges Formular; nichts wurde gespeichert; versuchen Sie es erneut
refuse-too-large = das Hochgeladene ist größer, als dieser Server annimmt ({ $mib } MiB); nichts wurde gespeichert
refuse-disk = dem Briefkasten fehlt Speicherplatz; nichts wurde gespeichert; versuchen Sie es später erneut
refuse-busy = der Server ist mit anderen Uploads beschäftigt; nichts wurde gespeichert; versuchen Sie es in ein paar Minuten erneut
refuse-took-too-long = das Hochladen dauerte zu lange; nichts wurde gespeichert; versuchen Sie es mit einer schnelleren Verbindung
refuse-no-server-sealing = dieser Server versiegelt keine Dateien selbst; versiegeln Sie die Datei auf Ihrem eigenen Gerät mit <code>darkroom submit</code>
refuse-not-upload = senden Sie das Formular als Datei-Upload
refuse-not-text = die Nachricht ist kein Text
refuse-form-order = die Nachricht und die Wahl, unverändert zu senden, müssen im Formular vor der Datei stehen
refuse-plain-field = unerwartetes Formularfeld; senden Sie <code>message</code>, <code>send_as_is</code> und <code>file</code>
refuse-choose-file = wählen Sie eine Datei zum Senden
refuse-empty-file = die Datei ist leer
refuse-no-verifier = dieser Server hat keinen Prüfschlüssel; verwenden Sie <code>darkroom verify</code>
refuse-verify-field = unerwartetes Formularfeld
refuse-choose-bundle = wählen Sie ein Nachweispaket
refuse-publication-photo = ein Veröffentlichungspaket wird am veröffentlichten Foto geprüft: fügen Sie es hinzu
refuse-opening = die Öffnung muss 0x und 64 Hexadezimalziffern sein, oder die Öffnungsdatei, die newsroom open geschrieben hat
refuse-photo-and-opening = um ein Foto zu prüfen, geben Sie das Foto und seine Öffnung an
refuse-check-failed = die Prüfung konnte nicht abgeschlossen werden; nichts wurde behalten; versuchen Sie es später erneut
refuse-no-account = zu diesem Codenamen gibt es kein Konto; prüfen Sie jedes Wort (es kann auch gelöscht worden oder mit allem, was es gesendet hat, abgelaufen sein)
refuse-no-codenames = dieser Briefkasten bietet keine Codenamen an
refuse-inbox-on-device = dieser Briefkasten liest Antworten nur auf Ihrem eigenen Gerät: Schalten Sie JavaScript und WebAssembly für die Antwortseite ein, oder verwenden Sie <code>darkroom inbox</code>
refuse-inbox-token = diesem Formular fehlt sein Sicherheitstoken, oder es ist abgelaufen; gehen Sie zurück zum Postfach und versuchen Sie es erneut
refuse-no-reply = diese Antwort gibt es nicht
refuse-journalist-token = diesem Formular fehlt sein Sicherheitstoken, oder es ist abgelaufen; laden Sie die Seite neu und versuchen Sie es erneut
refuse-no-submission = diese Einsendung gibt es nicht
refuse-no-proof = diese Einsendung hat keinen Nachweis
refuse-select-export = wählen Sie mindestens eine Einsendung zum Exportieren
refuse-no-source = diese Quelle gibt es nicht (sie hat ihr Konto vielleicht gelöscht)
refuse-reply-field = unerwartetes Formularfeld; senden Sie <code>csrf</code> und <code>sealed</code>
refuse-choose-reply = wählen Sie die Datei der versiegelten Antwort

## Labels, as the receipt and the journalist's list say them

label-proof-attached = Nachweis beigefügt
label-proof-attached-journalist = Nachweis beigefügt; ob er zum Inhalt passt, zeigt erst das Öffnen offline
label-no-proof = kein Nachweis
label-sealed-by-server = vom Server versiegelt
sealed-by-server = von diesem Server, aus dem Formular
sealed-on-device = auf dem Gerät der Quelle

## The journalist's pages

journalist-login-title = Anmeldung für Journalistinnen und Journalisten
journalist-name = Name
journalist-password = Passwort
journalist-code = Code aus Ihrer Authentifizierungs-App
journalist-log-in = Anmelden
journalist-login-expired = Das Anmeldeformular ist abgelaufen oder ihm fehlt sein Sicherheitstoken; versuchen Sie es erneut.
journalist-login-busy = Zu viele Anmeldeversuche warten; versuchen Sie es in ein paar Minuten erneut.
journalist-login-wrong = Name, Passwort oder Code falsch.
journalist-submissions = Einsendungen
journalist-log-out = Abmelden
journalist-none = Keine Einsendungen.
journalist-designation = Bezeichnung
journalist-source = Quelle
journalist-arrived = Eingang
journalist-size = Größe
journalist-sealed = Versiegelt
journalist-provenance = Herkunft
journalist-select-one = { $designation } auswählen
journalist-envelope = Umschlag
journalist-proof = Nachweis
journalist-delete = Löschen
journalist-export-selected = Auswahl exportieren
journalist-export-all = Alles exportieren
journalist-exports = Exporte sind tar-Archive für den Offline-Rechner der Redaktion: Dort entschlüsselt <code>darkroom newsroom open</code> die Umschläge, und <code>sha256sum -c SHA256SUMS</code> prüft, was kopiert wurde.
journalist-source-heading = Quelle <code>{ $designation }</code>
journalist-all-submissions = Alle Einsendungen
journalist-source-sent = Was diese Quelle gesendet hat
journalist-nothing-kept = Nichts aufbewahrt.
journalist-replies = Antworten
journalist-reply-row = { $day }: versiegelt, { $size }
journalist-replies-sealed = Antworten werden für den Codenamen-Schlüssel dieser Quelle und für die Schlüssel der Redaktion versiegelt. Dieser Server kann sie nicht lesen; die Quelle kann es, und der Offline-Rechner der Redaktion auch.
journalist-reply = Antworten
journalist-reply-offline = Antworten werden auf dem Offline-Rechner der Redaktion mit deren Signaturschlüssel geschrieben und signiert, damit die Quelle sie von allem unterscheiden kann, was dieser Server erfinden könnte. Schreiben Sie die Antwort dort in eine Datei und führen Sie dann aus:
journalist-reply-check = Vergleichen Sie den Empfänger mit dem im Umschlag der Quelle versiegelten (<code>darkroom newsroom open</code> zeigt ihn, und <code>newsroom reply --report report.json --source { $designation }</code> übernimmt ihn von dort), und laden Sie dann die versiegelte Antwort hier hoch:
journalist-sealed-reply = Versiegelte Antwort
journalist-upload-reply = Versiegelte Antwort hochladen
journalist-reply-stored = Die versiegelte Antwort ist gespeichert; die Quelle sieht sie in ihrem Postfach.
