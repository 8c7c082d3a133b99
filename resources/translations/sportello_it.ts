<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>Calendar</name>
    <message>
        <source>The calendar&apos;s time zone is not known.</source>
        <translation>Il fuso orario del calendario non è noto.</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Lunedì</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Martedì</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Mercoledì</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Giovedì</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Venerdì</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sabato</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Domenica</translation>
    </message>
    <message>
        <source>%1: a working period must end after it starts.</source>
        <translation>%1: una fascia oraria lavorativa deve terminare dopo il suo inizio.</translation>
    </message>
    <message>
        <source>%1: working periods overlap.</source>
        <translation>%1: le fasce orarie lavorative si sovrappongono.</translation>
    </message>
    <message>
        <source>The calendar has no working hours: give at least one working period, or make it open 24/7.</source>
        <translation>Il calendario non ha orari lavorativi: indica almeno una fascia oraria lavorativa oppure imposta l&apos;apertura 24 ore su 24, 7 giorni su 7.</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Run &quot;sportello-cli --help&quot; for usage.</source>
        <translation>Esegui &quot;sportello-cli --help&quot; per le istruzioni d&apos;uso.</translation>
    </message>
    <message>
        <source>The demo data is in %1.</source>
        <translation>I dati demo sono in %1.</translation>
    </message>
    <message>
        <source>%1: the cache is sound (schema version %2).</source>
        <translation>%1: l&apos;archivio locale è integro (versione dello schema %2).</translation>
    </message>
    <message>
        <source>Commands:
  import FILE...  Import posts from JSON Lines (.jsonl) or Customer Support on Twitter CSV
                  (.csv) files. A file with an invalid record is rejected as a whole.
  demo            Load the demo data set into the cache, with its times moved to now.
  check           Check the integrity of the cache.
Run &quot;sportello-cli COMMAND --help&quot; for a command&apos;s options.
</source>
        <translation>Comandi:
  import FILE...  Importa messaggi da file JSON Lines (.jsonl) o CSV Customer Support on
                  Twitter (.csv). Un file con un record non valido viene rifiutato per intero.
  demo            Carica i dati demo nell&apos;archivio locale, con gli orari riportati ad adesso.
  check           Verifica l&apos;integrità dell&apos;archivio locale.
Esegui &quot;sportello-cli COMANDO --help&quot; per le opzioni di un comando.
</translation>
    </message>
    <message>
        <source>Sportello command-line tool: imports posts into the local cache, loads the demo data and checks the cache.</source>
        <translation>Strumento a riga di comando di Sportello: importa messaggi nell&apos;archivio locale, carica i dati demo e verifica l&apos;archivio.</translation>
    </message>
    <message>
        <source>The cache file to use (default: %1).</source>
        <translation>Il file dell&apos;archivio locale da usare (predefinito: %1).</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>PERCORSO</translation>
    </message>
    <message>
        <source>Store the valid records and list the invalid ones, instead of rejecting a file that has any.</source>
        <translation>Salva i record validi ed elenca quelli non validi, invece di rifiutare il file che ne contiene.</translation>
    </message>
    <message>
        <source>The files&apos; format: jsonl (Sportello&apos;s JSON Lines) or twcs (Customer Support on Twitter CSV). Default: from the file name and first line.</source>
        <translation>Il formato dei file: jsonl (JSON Lines di Sportello) o twcs (CSV Customer Support on Twitter). Predefinito: dedotto dal nome del file e dalla prima riga.</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>FORMATO</translation>
    </message>
    <message>
        <source>import, demo or check.</source>
        <translation>import, demo o check.</translation>
    </message>
    <message>
        <source>COMMAND</source>
        <translation>COMANDO</translation>
    </message>
    <message>
        <source>Import posts from files into the cache.</source>
        <translation>Importa messaggi da file nell&apos;archivio locale.</translation>
    </message>
    <message>
        <source>JSON Lines or Customer Support on Twitter CSV files.</source>
        <translation>File JSON Lines o CSV Customer Support on Twitter.</translation>
    </message>
    <message>
        <source>FILE...</source>
        <translation>FILE...</translation>
    </message>
    <message>
        <source>Load the demo data set into the cache.</source>
        <translation>Carica i dati demo nell&apos;archivio locale.</translation>
    </message>
    <message>
        <source>Check the integrity of the cache.</source>
        <translation>Verifica l&apos;integrità dell&apos;archivio locale.</translation>
    </message>
    <message>
        <source>No command given: use import, demo or check.</source>
        <translation>Nessun comando indicato: usa import, demo o check.</translation>
    </message>
    <message>
        <source>--database needs a file path.</source>
        <translation>--database richiede il percorso di un file.</translation>
    </message>
    <message>
        <source>import needs at least one FILE.</source>
        <translation>import richiede almeno un FILE.</translation>
    </message>
    <message>
        <source>Unknown format &quot;%1&quot;: use jsonl or twcs.</source>
        <translation>Formato &quot;%1&quot; sconosciuto: usa jsonl o twcs.</translation>
    </message>
    <message>
        <source>%1 takes no arguments (got &quot;%2&quot;).</source>
        <translation>%1 non accetta argomenti (ricevuto &quot;%2&quot;).</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;: use import, demo or check.</source>
        <translation>Comando &quot;%1&quot; sconosciuto: usa import, demo o check.</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>Cannot read the cache file %1: %2</source>
        <translation>Impossibile leggere il file dell&apos;archivio locale %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a Sportello cache (it is not an SQLite database). The file was left as it is.</source>
        <translation>%1 non è un archivio locale di Sportello (non è un database SQLite). Il file non è stato modificato.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a cache file.</source>
        <translation>%1 è una cartella, non il file di un archivio locale.</translation>
    </message>
    <message>
        <source>The cache file %1 does not exist.</source>
        <translation>Il file dell&apos;archivio locale %1 non esiste.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the cache.</source>
        <translation>Impossibile creare la cartella %1 per l&apos;archivio locale.</translation>
    </message>
    <message>
        <source>Cannot open the cache %1: %2</source>
        <translation>Impossibile aprire l&apos;archivio locale %1: %2</translation>
    </message>
    <message>
        <source>The cache %1 is damaged and cannot be opened (%2). The file was left as it is; restore it from a backup or start a new cache.</source>
        <translation>L&apos;archivio locale %1 è danneggiato e non può essere aperto (%2). Il file non è stato modificato: ripristinalo da un backup o crea un nuovo archivio locale.</translation>
    </message>
    <message>
        <source>%1 is an SQLite database but not a Sportello cache. The file was left as it is.</source>
        <translation>%1 è un database SQLite, ma non un archivio locale di Sportello. Il file non è stato modificato.</translation>
    </message>
    <message>
        <source>The cache %1 was written by a newer version of Sportello (schema %2; this version knows up to %3). Update Sportello to open it. The file was left as it is.</source>
        <translation>L&apos;archivio locale %1 è stato scritto da una versione più recente di Sportello (schema %2; questa versione gestisce fino allo schema %3). Aggiorna Sportello per aprirlo. Il file non è stato modificato.</translation>
    </message>
    <message>
        <source>no schema version</source>
        <translation>versione dello schema assente</translation>
    </message>
    <message>
        <source>Cannot configure the cache %1: %2</source>
        <translation>Impossibile configurare l&apos;archivio locale %1: %2</translation>
    </message>
    <message>
        <source>Cannot upgrade the cache %1: %2</source>
        <translation>Impossibile aggiornare l&apos;archivio locale %1: %2</translation>
    </message>
    <message>
        <source>Cannot upgrade the cache %1 to schema %2: %3</source>
        <translation>Impossibile aggiornare l&apos;archivio locale %1 allo schema %2: %3</translation>
    </message>
    <message>
        <source>The cache %1 failed its integrity check: %2</source>
        <translation>L&apos;archivio locale %1 non ha superato la verifica di integrità: %2</translation>
    </message>
    <message>
        <source>Database error: %1</source>
        <translation>Errore del database: %1</translation>
    </message>
    <message>
        <source>Could not start a transaction: %1</source>
        <translation>Impossibile avviare una transazione: %1</translation>
    </message>
    <message>
        <source>No transaction is open.</source>
        <translation>Nessuna transazione aperta.</translation>
    </message>
    <message>
        <source>Could not save the changes: %1</source>
        <translation>Impossibile salvare le modifiche: %1</translation>
    </message>
</context>
<context>
    <name>Domain</name>
    <message>
        <source>Facebook</source>
        <translation>Facebook</translation>
    </message>
    <message>
        <source>Instagram</source>
        <translation>Instagram</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>App Store</source>
        <translation>App Store</translation>
    </message>
    <message>
        <source>Google Play</source>
        <translation>Google Play</translation>
    </message>
    <message>
        <source>In-app</source>
        <translation>In-app</translation>
    </message>
    <message>
        <source>Non-negative interaction</source>
        <translation>Interazione non negativa</translation>
    </message>
    <message>
        <source>Negative feedback / complaint</source>
        <translation>Feedback negativo / reclamo</translation>
    </message>
    <message>
        <source>Assistance request</source>
        <translation>Richiesta di assistenza</translation>
    </message>
    <message>
        <source>Reply publicly</source>
        <translation>Rispondi in pubblico</translation>
    </message>
    <message>
        <source>Reply privately</source>
        <translation>Rispondi in privato</translation>
    </message>
    <message>
        <source>Forward to customer care</source>
        <translation>Inoltra all&apos;assistenza clienti</translation>
    </message>
    <message>
        <source>Close without reply</source>
        <translation>Chiudi senza risposta</translation>
    </message>
    <message>
        <source>Spam</source>
        <translation>Spam</translation>
    </message>
    <message>
        <source>No answer needed</source>
        <translation>Risposta non necessaria</translation>
    </message>
    <message>
        <source>Answered elsewhere</source>
        <translation>Risposta data altrove</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>In attesa</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Con risposta</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Inoltrata</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Chiusa</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1 s</source>
        <comment>seconds</comment>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <comment>minutes and seconds</comment>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <comment>minutes</comment>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <comment>hours and minutes</comment>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <comment>days and hours</comment>
        <translation>%1 g %2 h</translation>
    </message>
    <message>
        <source>overdue %1</source>
        <comment>time past the due time</comment>
        <translation>ritardo %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>date then time</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>1 follower</source>
        <translation>1 follower</translation>
    </message>
    <message>
        <source>%1 followers</source>
        <translation>%1 follower</translation>
    </message>
    <message>
        <source>Non-negative</source>
        <comment>short category name</comment>
        <translation>Non negativa</translation>
    </message>
    <message>
        <source>Complaint</source>
        <comment>short category name</comment>
        <translation>Reclamo</translation>
    </message>
    <message>
        <source>Assistance</source>
        <comment>short category name</comment>
        <translation>Assistenza</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>a quoted field that starts here is not closed before the end of the file</source>
        <translation>un campo tra virgolette che inizia qui non viene chiuso prima della fine del file</translation>
    </message>
    <message>
        <source>record too long (over %1 bytes; is a quote left open?); it was skipped up to the next line break</source>
        <translation>record troppo lungo (oltre %1 byte; è rimasta aperta una virgoletta?): è stato saltato fino al successivo a capo</translation>
    </message>
    <message>
        <source>unexpected text after the closing quote of field %1</source>
        <translation>testo imprevisto dopo la virgoletta di chiusura del campo %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a real date and time</source>
        <translation>&quot;%1&quot; non è una data e ora esistente</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an ISO 8601 date and time such as 2026-03-02T09:14:00Z</source>
        <translation>&quot;%1&quot; non è una data e ora ISO 8601 come 2026-03-02T09:14:00Z</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no time zone (add Z for UTC, or an offset such as +01:00)</source>
        <translation>&quot;%1&quot; non indica il fuso orario (aggiungi Z per UTC o uno scostamento come +01:00)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date like &quot;Tue Oct 31 22:10:47 +0000 2017&quot;</source>
        <translation>&quot;%1&quot; non è una data nel formato &quot;Tue Oct 31 22:10:47 +0000 2017&quot;</translation>
    </message>
    <message>
        <source>1 record</source>
        <translation>1 record</translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation>%1 record</translation>
    </message>
    <message>
        <source>1 post</source>
        <translation>1 messaggio</translation>
    </message>
    <message>
        <source>%1 posts</source>
        <translation>%1 messaggi</translation>
    </message>
    <message>
        <source>1 thread</source>
        <translation>1 conversazione</translation>
    </message>
    <message>
        <source>%1 threads</source>
        <translation>%1 conversazioni</translation>
    </message>
    <message>
        <source>1 invalid record</source>
        <translation>1 record non valido</translation>
    </message>
    <message>
        <source>%1 invalid records</source>
        <translation>%1 record non validi</translation>
    </message>
    <message>
        <source>line %1 could not be stored: %2</source>
        <translation>impossibile salvare la riga %1: %2</translation>
    </message>
    <message>
        <source>the import was cancelled</source>
        <translation>l&apos;importazione è stata annullata</translation>
    </message>
    <message>
        <source>%1 is not a text file (it holds NUL bytes). Sportello imports UTF-8 text: JSON Lines or a Customer Support on Twitter CSV.</source>
        <translation>%1 non è un file di testo (contiene byte NUL). Sportello importa testo UTF-8: JSON Lines o CSV Customer Support on Twitter.</translation>
    </message>
    <message>
        <source>The format of %1 cannot be told: it is neither JSON Lines (one JSON object per line) nor a Customer Support on Twitter CSV (a header with tweet_id, author_id, inbound, ...). Name the file .jsonl or .csv, or choose the format.</source>
        <translation>Impossibile riconoscere il formato di %1: non è né JSON Lines (un oggetto JSON per riga) né un CSV Customer Support on Twitter (un&apos;intestazione con tweet_id, author_id, inbound, ...). Rinomina il file in .jsonl o .csv, oppure scegli il formato.</translation>
    </message>
    <message>
        <source>JSON Lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <source>Customer Support on Twitter CSV</source>
        <translation>CSV Customer Support on Twitter</translation>
    </message>
    <message>
        <source>Imported %1 (%2): %3 read, %4 added, %5 already in the cache, %6 updated.</source>
        <translation>Importato %1 (%2) — letti: %3; aggiunti: %4; già presenti nell&apos;archivio locale: %5; aggiornate: %6.</translation>
    </message>
    <message>
        <source>%1 skipped.</source>
        <translation>Scartati: %1.</translation>
    </message>
    <message>
        <source>The first %1 are listed.</source>
        <translation>Sono elencati i primi %1.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 non esiste.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file.</source>
        <translation>%1 è una cartella, non un file.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>Impossibile leggere %1: %2.</translation>
    </message>
    <message>
        <source>%1 is empty: there is nothing to import.</source>
        <translation>%1 è vuoto: non c&apos;è nulla da importare.</translation>
    </message>
    <message>
        <source>%1 is UTF-16 (or UTF-32) text; Sportello reads UTF-8. Save the file as UTF-8 and import it again.</source>
        <translation>%1 è un testo UTF-16 (o UTF-32), ma Sportello legge UTF-8. Salva il file in UTF-8 e importalo di nuovo.</translation>
    </message>
    <message>
        <source>%1 was not imported: the cache cannot be written (%2).</source>
        <translation>%1 non è stato importato: impossibile scrivere nell&apos;archivio locale (%2).</translation>
    </message>
    <message>
        <source>%1 has a header but no records: there is nothing to import.</source>
        <translation>%1 ha un&apos;intestazione ma nessun record: non c&apos;è nulla da importare.</translation>
    </message>
    <message>
        <source>%1 was not imported: %2. Nothing was stored.</source>
        <translation>%1 non è stato importato: %2. Non è stato salvato nulla.</translation>
    </message>
    <message>
        <source>%1 was not imported: %2 out of %3. Nothing was stored.</source>
        <translation>%1 non è stato importato: %2 su %3. Non è stato salvato nulla.</translation>
    </message>
    <message>
        <source>%1 was not imported: all its %2 are invalid.</source>
        <translation>%1 non è stato importato: su %2, nessuno è valido.</translation>
    </message>
    <message>
        <source>missing required field &quot;%1&quot;</source>
        <translation>manca il campo obbligatorio &quot;%1&quot;</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be a string</source>
        <translation>il campo &quot;%1&quot; deve essere una stringa</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must not be empty</source>
        <translation>il campo &quot;%1&quot; non deve essere vuoto</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be a string or null</source>
        <translation>il campo &quot;%1&quot; deve essere una stringa o null</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be a whole number</source>
        <translation>il campo &quot;%1&quot; deve essere un numero intero</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must not be negative (it is %2)</source>
        <translation>il campo &quot;%1&quot; non deve essere negativo (vale %2)</translation>
    </message>
    <message>
        <source>unknown %1 &quot;%2&quot; (expected %3)</source>
        <translation>valore &quot;%2&quot; sconosciuto per %1 (valori ammessi: %3)</translation>
    </message>
    <message>
        <source>at byte %1 of the line</source>
        <translation>al byte %1 della riga</translation>
    </message>
    <message>
        <source>not a JSON object: the format wants one JSON object per line, not a JSON array</source>
        <translation>non è un oggetto JSON: il formato richiede un oggetto JSON per riga, non un array JSON</translation>
    </message>
    <message>
        <source>not valid JSON (%1 at byte %2)</source>
        <translation>JSON non valido (%1 al byte %2)</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be an object</source>
        <translation>il campo &quot;%1&quot; deve essere un oggetto</translation>
    </message>
    <message>
        <source>field &quot;%1&quot;: %2</source>
        <translation>campo &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is too long: %2 characters, at most %3</source>
        <translation>il campo &quot;%1&quot; è troppo lungo: %2 caratteri, al massimo %3</translation>
    </message>
    <message>
        <source>reading stopped at line %1: %2</source>
        <translation>lettura interrotta alla riga %1: %2</translation>
    </message>
    <message>
        <source>line too long (over %1 bytes); it was skipped unread</source>
        <translation>riga troppo lunga (oltre %1 byte): è stata saltata senza leggerla</translation>
    </message>
    <message>
        <source>not UTF-8 text: NUL byte %1 (binary data, or text in UTF-16)</source>
        <translation>non è testo UTF-8: byte NUL %1 (dati binari o testo UTF-16)</translation>
    </message>
    <message>
        <source>not UTF-8 text: byte 0x%1 %2 (if the file is in Latin-1 or Windows-1252, save it as UTF-8)</source>
        <translation>non è testo UTF-8: byte 0x%1 %2 (se il file è in Latin-1 o Windows-1252, salvalo in UTF-8)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole-number id</source>
        <translation>&quot;%1&quot; non è un ID numerico intero</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too large for an id</source>
        <translation>&quot;%1&quot; è troppo grande per un ID</translation>
    </message>
    <message>
        <source>reading stopped: %1</source>
        <translation>lettura interrotta: %1</translation>
    </message>
    <message>
        <source>the header on line %1 cannot be read: %2</source>
        <translation>impossibile leggere l&apos;intestazione alla riga %1: %2</translation>
    </message>
    <message>
        <source>in the header on line %1</source>
        <translation>nell&apos;intestazione alla riga %1</translation>
    </message>
    <message>
        <source>the header on line %1 has its fields separated by semicolons; this format separates them with commas, and needs the columns %2</source>
        <translation>l&apos;intestazione alla riga %1 ha i campi separati da punto e virgola; questo formato li separa con virgole e richiede le colonne %2</translation>
    </message>
    <message>
        <source>the header on line %1 lacks the column(s) %2 (it has: %3)</source>
        <translation>nell&apos;intestazione alla riga %1 manca: %2 (colonne presenti: %3)</translation>
    </message>
    <message>
        <source>has %1 fields; the header has %2</source>
        <translation>ha %1 campi; l&apos;intestazione ne ha %2</translation>
    </message>
    <message>
        <source>in column %1</source>
        <translation>nella colonna %1</translation>
    </message>
    <message>
        <source>column %1: %2</source>
        <translation>colonna %1: %2</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>mancante</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither True nor False</source>
        <translation>&quot;%1&quot; non è né True né False</translation>
    </message>
    <message>
        <source>too long: %1 characters, at most %2</source>
        <translation>troppo lungo: %1 caratteri, al massimo %2</translation>
    </message>
    <message>
        <source>reading stopped after line %1: %2</source>
        <translation>lettura interrotta dopo la riga %1: %2</translation>
    </message>
    <message>
        <source>the file cannot be read a second time: %1</source>
        <translation>impossibile rileggere il file: %1</translation>
    </message>
</context>
<context>
    <name>Ingest</name>
    <message>
        <source>The author %1 could not be stored.</source>
        <translation>Impossibile salvare l&apos;autore %1.</translation>
    </message>
    <message>
        <source>The thread %1 could not be stored.</source>
        <translation>Impossibile salvare la conversazione %1.</translation>
    </message>
    <message>
        <source>No import is in progress.</source>
        <translation>Nessuna importazione in corso.</translation>
    </message>
</context>
<context>
    <name>Queue</name>
    <message>
        <source>Thread %1 is not in the cache.</source>
        <translation>La conversazione %1 non è nell&apos;archivio locale.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Sportello</source>
        <translation>Sportello</translation>
    </message>
    <message>
        <source>The demo data could not be loaded.</source>
        <translation>Impossibile caricare i dati demo.</translation>
    </message>
</context>
<context>
    <name>Triage</name>
    <message>
        <source>Thread %1 is not in the cache.</source>
        <translation>La conversazione %1 non è nell&apos;archivio locale.</translation>
    </message>
    <message>
        <source>Write the reply before sending it.</source>
        <translation>Scrivi la risposta prima di inviarla.</translation>
    </message>
    <message>
        <source>Choose why the thread is closed without a reply.</source>
        <translation>Scegli il motivo per cui la conversazione viene chiusa senza risposta.</translation>
    </message>
    <message>
        <source>Set your agent name in the settings before taking decisions.</source>
        <translation>Imposta il tuo nome operatore nelle impostazioni prima di prendere decisioni.</translation>
    </message>
    <message>
        <source>This thread is no longer waiting: a decision was already taken on it.</source>
        <translation>Questa conversazione non è più in attesa: è già stata presa una decisione.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Sportello: the social customer-care console for insurance teams.</source>
        <translation>Sportello: la console di assistenza clienti sui social per i team assicurativi.</translation>
    </message>
    <message>
        <source>Use the cache at &lt;path&gt;.</source>
        <translation>Usa l&apos;archivio locale in &lt;path&gt;.</translation>
    </message>
    <message>
        <source>Open a fresh cache of demo data, discarded on exit.</source>
        <translation>Apri un nuovo archivio locale con i dati demo, eliminato all&apos;uscita.</translation>
    </message>
</context>
<context>
    <name>sportello::ui::ConversationDelegate</name>
    <message>
        <source>by %1</source>
        <translation>di %1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motivo: %1</translation>
    </message>
    <message>
        <source>Handed off to customer care</source>
        <translation>Passata all&apos;assistenza clienti</translation>
    </message>
    <message>
        <source>Queued for delivery in the outbox</source>
        <translation>In attesa di invio nella posta in uscita</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>handle · followers</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>Privato</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>Pubblico</translation>
    </message>
    <message>
        <source>Waiting: overdue by %1</source>
        <translation>In attesa: in ritardo di %1</translation>
    </message>
    <message>
        <source>Waiting: %1 left</source>
        <translation>In attesa: mancano %1</translation>
    </message>
    <message>
        <source>Answered after %1</source>
        <translation>Risposta dopo %1</translation>
    </message>
</context>
<context>
    <name>sportello::ui::ConversationPane</name>
    <message>
        <source>no category</source>
        <translation>nessuna categoria</translation>
    </message>
    <message>
        <source>Waiting since %1 (%2)</source>
        <translation>In attesa da %1 (%2)</translation>
    </message>
    <message>
        <source>overdue by %1</source>
        <translation>in ritardo di %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>mancano %1</translation>
    </message>
    <message>
        <source>Select a thread in the queue to read the conversation here.</source>
        <translation>Seleziona una conversazione nella coda per leggerla qui.</translation>
    </message>
</context>
<context>
    <name>sportello::ui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Modifica</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Vai</translation>
    </message>
    <message>
        <source>&amp;Triage</source>
        <translation>&amp;Smistamento</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <source>&amp;Import Conversations…</source>
        <translation>&amp;Importa conversazioni…</translation>
    </message>
    <message>
        <source>&amp;Open Cache…</source>
        <translation>&amp;Apri archivio locale…</translation>
    </message>
    <message>
        <source>Open &amp;Demo Data</source>
        <translation>Apri dati &amp;demo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Impostazioni…</translation>
    </message>
    <message>
        <source>&amp;Next Thread</source>
        <translation>Conversazione &amp;successiva</translation>
    </message>
    <message>
        <source>&amp;Previous Thread</source>
        <translation>Conversazione &amp;precedente</translation>
    </message>
    <message>
        <source>&amp;Search the Queue</source>
        <translation>&amp;Cerca nella coda</translation>
    </message>
    <message>
        <source>Go to the &amp;Queue</source>
        <translation>Vai alla c&amp;oda</translation>
    </message>
    <message>
        <source>Go to the &amp;Reply Editor</source>
        <translation>Vai al campo di &amp;risposta</translation>
    </message>
    <message>
        <source>Scroll the Conversation &amp;Up</source>
        <translation>Scorri la conversazione in &amp;alto</translation>
    </message>
    <message>
        <source>Scroll the Conversation &amp;Down</source>
        <translation>Scorri la conversazione in &amp;basso</translation>
    </message>
    <message>
        <source>Reply &amp;Publicly</source>
        <translation>Rispondi in &amp;pubblico</translation>
    </message>
    <message>
        <source>Reply Pri&amp;vately</source>
        <translation>Rispondi in pri&amp;vato</translation>
    </message>
    <message>
        <source>&amp;Forward to Customer Care</source>
        <translation>&amp;Inoltra all&apos;assistenza clienti</translation>
    </message>
    <message>
        <source>&amp;Close Without Reply</source>
        <translation>&amp;Chiudi senza risposta</translation>
    </message>
    <message>
        <source>C&amp;onfirm Decision</source>
        <translation>C&amp;onferma decisione</translation>
    </message>
    <message>
        <source>Cancel &amp;Decision</source>
        <translation>&amp;Annulla decisione</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Scorciatoie da tastiera</translation>
    </message>
    <message>
        <source>&amp;About Sportello</source>
        <translation>&amp;Informazioni su Sportello</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Informazioni su &amp;Qt</translation>
    </message>
    <message>
        <source>No agent name set</source>
        <translation>Nome operatore non impostato</translation>
    </message>
    <message>
        <source>Agent: %1</source>
        <translation>Operatore: %1</translation>
    </message>
    <message>
        <source>No cache open</source>
        <translation>Nessun archivio locale aperto</translation>
    </message>
    <message>
        <source>Sportello</source>
        <translation>Sportello</translation>
    </message>
    <message>
        <source>Cache: %1</source>
        <translation>Archivio: %1</translation>
    </message>
    <message>
        <source>%1 — Sportello</source>
        <translation>%1 — Sportello</translation>
    </message>
    <message>
        <source>Counts unavailable</source>
        <translation>Conteggi non disponibili</translation>
    </message>
    <message>
        <source>Waiting: %1</source>
        <translation>In attesa: %1</translation>
    </message>
    <message>
        <source>Threads waiting for a decision</source>
        <translation>Conversazioni in attesa di una decisione</translation>
    </message>
    <message>
        <source>Due soon: %1</source>
        <translation>In scadenza: %1</translation>
    </message>
    <message>
        <source>Threads due within %1</source>
        <translation>Conversazioni in scadenza entro %1</translation>
    </message>
    <message>
        <source>Overdue: %1</source>
        <translation>In ritardo: %1</translation>
    </message>
    <message>
        <source>Threads past their response target</source>
        <translation>Conversazioni che hanno superato il tempo di risposta previsto</translation>
    </message>
    <message>
        <source>Open a cache first (File &gt; Open Cache).</source>
        <translation>Apri prima un archivio locale (File &gt; Apri archivio locale).</translation>
    </message>
    <message>
        <source>Select a thread in the queue first.</source>
        <translation>Seleziona prima una conversazione nella coda.</translation>
    </message>
    <message>
        <source>Choose a decision first: Ctrl+1 replies publicly, Ctrl+2 privately, Ctrl+3 forwards to customer care, Ctrl+4 closes without a reply.</source>
        <translation>Scegli prima una decisione: Ctrl+1 risponde in pubblico, Ctrl+2 in privato, Ctrl+3 inoltra all&apos;assistenza clienti, Ctrl+4 chiude senza risposta.</translation>
    </message>
    <message>
        <source>Enter your agent name in Edit &gt; Settings before taking decisions: every decision is recorded with it.</source>
        <translation>Inserisci il tuo nome operatore in Modifica &gt; Impostazioni prima di prendere decisioni: ogni decisione viene registrata con il tuo nome.</translation>
    </message>
    <message>
        <source>Closed without reply. The decision is recorded in the audit log.</source>
        <translation>Chiusa senza risposta. La decisione è annotata nel registro delle attività.</translation>
    </message>
    <message>
        <source>%1: recorded and queued in the outbox for delivery.</source>
        <translation>%1: decisione registrata e messa in coda nella posta in uscita per l&apos;invio.</translation>
    </message>
    <message>
        <source>Decision cancelled; your text is kept.</source>
        <translation>Decisione annullata; il testo scritto è stato conservato.</translation>
    </message>
    <message>
        <source>Category set to “%1”.</source>
        <translation>Categoria impostata su “%1”.</translation>
    </message>
    <message>
        <source>The queue could not be read: %1</source>
        <translation>Impossibile leggere la coda: %1</translation>
    </message>
    <message>
        <source>Import Conversations</source>
        <translation>Importa conversazioni</translation>
    </message>
    <message>
        <source>Conversation files (*.jsonl *.ndjson *.csv);;JSON Lines (*.jsonl *.ndjson);;CSV (*.csv);;All files (*)</source>
        <translation>File di conversazioni (*.jsonl *.ndjson *.csv);;JSON Lines (*.jsonl *.ndjson);;CSV (*.csv);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importazione di %1…</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1, riga %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>…and %1 more invalid records.</source>
        <translation>…e altri %1 record non validi.</translation>
    </message>
    <message>
        <source>Nothing was imported from “%1”.</source>
        <translation>Non è stato importato nulla da “%1”.</translation>
    </message>
    <message>
        <source>You can import the valid records and leave out the invalid ones.</source>
        <translation>Puoi importare i record validi e tralasciare quelli non validi.</translation>
    </message>
    <message>
        <source>Import Valid Records Only</source>
        <translation>Importa solo i record validi</translation>
    </message>
    <message>
        <source>“%1” was imported.</source>
        <translation>“%1” è stato importato.</translation>
    </message>
    <message>
        <source>Open Cache</source>
        <translation>Apri archivio locale</translation>
    </message>
    <message>
        <source>Sportello caches (*.sqlite *.db);;All files (*)</source>
        <translation>Archivi locali di Sportello (*.sqlite *.db);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Apri</translation>
    </message>
    <message>
        <source>Cannot Open the Cache</source>
        <translation>Impossibile aprire l&apos;archivio locale</translation>
    </message>
    <message>
        <source>Sportello could not open the cache “%1”.</source>
        <translation>Sportello non è riuscito ad aprire l&apos;archivio locale “%1”.</translation>
    </message>
    <message>
        <source>You can open another cache (or type a new file name to create an empty one).</source>
        <translation>Puoi aprire un altro archivio locale (o digitare il nome di un nuovo file per crearne uno vuoto).</translation>
    </message>
    <message>
        <source>Open Another Cache…</source>
        <translation>Apri un altro archivio…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Esci</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>No temporary folder could be created for the demo: %1</source>
        <translation>Impossibile creare una cartella temporanea per la demo: %1</translation>
    </message>
    <message>
        <source>demo data (temporary, discarded on exit)</source>
        <translation>dati demo (temporanei, eliminati all&apos;uscita)</translation>
    </message>
    <message>
        <source>Demo Data</source>
        <translation>Dati demo</translation>
    </message>
    <message>
        <source>The demo data could not be loaded.</source>
        <translation>Impossibile caricare i dati demo.</translation>
    </message>
    <message>
        <source>Empty Cache</source>
        <translation>Archivio locale vuoto</translation>
    </message>
    <message>
        <source>There are no conversations in this cache yet.</source>
        <translation>Questo archivio locale non contiene ancora conversazioni.</translation>
    </message>
    <message>
        <source>You can try Sportello on the demo data: about 150 insurance threads on every channel, in a temporary cache that is discarded when you quit, so your own cache stays empty. Or import a file of conversations into this cache.</source>
        <translation>Puoi provare Sportello con i dati demo: circa 150 conversazioni assicurative su tutti i canali, in un archivio locale temporaneo che viene eliminato all&apos;uscita, così il tuo archivio resta vuoto. Oppure importa un file di conversazioni in questo archivio.</translation>
    </message>
    <message>
        <source>Open the Demo</source>
        <translation>Apri la demo</translation>
    </message>
    <message>
        <source>Import a File…</source>
        <translation>Importa un file…</translation>
    </message>
    <message>
        <source>Start Empty</source>
        <translation>Continua senza dati</translation>
    </message>
    <message>
        <source>Up, Down</source>
        <translation>Su, Giù</translation>
    </message>
    <message>
        <source>Move in the queue (when it has the focus)</source>
        <translation>Spostati nella coda (quando è attiva)</translation>
    </message>
    <message>
        <source>Enter, Down</source>
        <translation>Invio, Giù</translation>
    </message>
    <message>
        <source>In the search field: go to the results</source>
        <translation>Nel campo di ricerca: vai ai risultati</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Scorciatoie da tastiera</translation>
    </message>
    <message>
        <source>About Sportello</source>
        <translation>Informazioni su Sportello</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sportello %1&lt;/h3&gt;&lt;p&gt;A console for the people who answer an insurance company&apos;s customers on social networks and in its app: a queue of posts waiting for an answer, a response timer on each, and three decisions (reply publicly, reply privately, forward to customer care) recorded with an audit trail.&lt;/p&gt;&lt;p&gt;It works offline on a local cache; decisions wait in the outbox until they can be delivered.&lt;/p&gt;&lt;p&gt;Licensed under the Apache License, version 2.0.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Sportello %1&lt;/h3&gt;&lt;p&gt;Una console per chi risponde ai clienti di una compagnia assicurativa sui social network e nella sua app: una coda di messaggi in attesa di risposta, un timer di risposta per ciascuno e tre decisioni (rispondi in pubblico, rispondi in privato, inoltra all&apos;assistenza clienti) annotate nel registro delle attività.&lt;/p&gt;&lt;p&gt;Funziona offline su un archivio locale; le decisioni restano nella posta in uscita finché non possono essere consegnate.&lt;/p&gt;&lt;p&gt;Distribuito con licenza Apache, versione 2.0.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>sportello::ui::QueueModel</name>
    <message>
        <source>%1 (%2)</source>
        <comment>author name (handle)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1
%2
%3</source>
        <translation>%1
%2
%3</translation>
    </message>
    <message>
        <source>Private message</source>
        <translation>Messaggio privato</translation>
    </message>
    <message>
        <source>Public post</source>
        <translation>Messaggio pubblico</translation>
    </message>
    <message>
        <source>No category set</source>
        <translation>Nessuna categoria impostata</translation>
    </message>
    <message>
        <source>Waiting since %1</source>
        <translation>In attesa da %1</translation>
    </message>
    <message>
        <source>Overdue: the answer was due at %1</source>
        <translation>In ritardo: la risposta era prevista entro %1</translation>
    </message>
    <message>
        <source>Due soon: the answer is due at %1</source>
        <translation>In scadenza: la risposta è prevista entro %1</translation>
    </message>
    <message>
        <source>The answer is due at %1</source>
        <translation>La risposta è prevista entro %1</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autore</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Messaggio</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Attesa</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Tempo residuo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canale</translation>
    </message>
    <message>
        <source>Time since the waiting post arrived</source>
        <translation>Tempo trascorso dall&apos;arrivo del messaggio in attesa</translation>
    </message>
    <message>
        <source>Time left to the response target; overdue posts are marked in red</source>
        <translation>Tempo che resta per rispondere entro l&apos;obiettivo; i messaggi in ritardo sono segnati in rosso</translation>
    </message>
    <message>
        <source>The first words of the post waiting for an answer</source>
        <translation>Le prime parole del messaggio in attesa di risposta</translation>
    </message>
</context>
<context>
    <name>sportello::ui::QueuePane</name>
    <message>
        <source>No thread matches these filters.</source>
        <translation>Nessuna conversazione corrisponde a questi filtri.</translation>
    </message>
    <message>
        <source>No thread is waiting for a decision.
Import conversations with File &gt; Import (Ctrl+I).</source>
        <translation>Nessuna conversazione è in attesa di una decisione.
Importa conversazioni con File &gt; Importa conversazioni (Ctrl+I).</translation>
    </message>
    <message>
        <source>No thread has this status.</source>
        <translation>Nessuna conversazione in questo stato.</translation>
    </message>
    <message>
        <source>Search posts and authors (Ctrl+L)</source>
        <translation>Cerca messaggi e autori (Ctrl+L)</translation>
    </message>
    <message>
        <source>Finds threads whose posts or authors contain these words.</source>
        <translation>Trova le conversazioni i cui messaggi o autori contengono queste parole.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Cerca</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Tutti i canali</translation>
    </message>
    <message>
        <source>Channel filter</source>
        <translation>Filtro per canale</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Tutte le categorie</translation>
    </message>
    <message>
        <source>Category filter</source>
        <translation>Filtro per categoria</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tutti gli stati</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Filtro per stato</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Coda</translation>
    </message>
</context>
<context>
    <name>sportello::ui::SettingsDialog</name>
    <message>
        <source>Welcome to Sportello</source>
        <translation>Ti diamo il benvenuto in Sportello</translation>
    </message>
    <message>
        <source>Every decision you take is recorded with your name, so that your team can see who answered what. Please enter the name your colleagues know you by.</source>
        <translation>Ogni decisione che prendi viene registrata con il tuo nome, così il team può vedere chi ha risposto a cosa. Inserisci il nome con cui ti conoscono i colleghi.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Your name is recorded with every decision and audit entry.</source>
        <translation>Il tuo nome viene registrato con ogni decisione e ogni voce del registro delle attività.</translation>
    </message>
    <message>
        <source>Agent &amp;name:</source>
        <translation>&amp;Nome operatore:</translation>
    </message>
    <message>
        <source>For example, Marta Verdi</source>
        <translation>Per esempio, Marta Verdi</translation>
    </message>
    <message>
        <source>Agent ID:</source>
        <translation>ID operatore:</translation>
    </message>
    <message>
        <source>Generated on first run; it identifies you in the audit log even if your name changes.</source>
        <translation>Generato al primo avvio; ti identifica nel registro delle attività anche se cambi nome.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Lingua:</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predefinita di sistema</translation>
    </message>
    <message>
        <source>The console switches language as soon as you press OK.</source>
        <translation>La console cambia lingua appena premi OK.</translation>
    </message>
</context>
<context>
    <name>sportello::ui::TriagePanel</name>
    <message>
        <source>No thread selected.</source>
        <translation>Nessuna conversazione selezionata.</translation>
    </message>
    <message>
        <source>To %1 on %2</source>
        <translation>A %1 su %2</translation>
    </message>
    <message>
        <source>No decision is pending on this thread (%1).</source>
        <translation>Nessuna decisione in sospeso su questa conversazione (%1).</translation>
    </message>
    <message>
        <source>Select a thread in the queue first.</source>
        <translation>Seleziona prima una conversazione nella coda.</translation>
    </message>
    <message>
        <source>This thread is not waiting for a decision.</source>
        <translation>Questa conversazione non è in attesa di una decisione.</translation>
    </message>
    <message>
        <source>Choose a decision, then write the reply here.</source>
        <translation>Scegli una decisione, poi scrivi qui la risposta.</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Risposta</translation>
    </message>
    <message>
        <source>Public &amp;reply (everyone can read it)</source>
        <translation>&amp;Risposta pubblica (visibile a tutti)</translation>
    </message>
    <message>
        <source>Write the public reply, then press Ctrl+Enter to send it.</source>
        <translation>Scrivi la risposta pubblica, poi premi Ctrl+Invio per inviarla.</translation>
    </message>
    <message>
        <source>Private &amp;message (only the customer reads it)</source>
        <translation>Messaggio &amp;privato (solo per il cliente)</translation>
    </message>
    <message>
        <source>Write the private message, then press Ctrl+Enter to send it.</source>
        <translation>Scrivi il messaggio privato, poi premi Ctrl+Invio per inviarlo.</translation>
    </message>
    <message>
        <source>&amp;Note for customer care</source>
        <translation>&amp;Nota per l&apos;assistenza clienti</translation>
    </message>
    <message>
        <source>Optional: what customer care needs to know. Ctrl+Enter forwards the thread.</source>
        <translation>Facoltativa: cosa deve sapere l&apos;assistenza clienti. Ctrl+Invio inoltra la conversazione.</translation>
    </message>
    <message>
        <source>Internal &amp;note</source>
        <translation>&amp;Nota interna</translation>
    </message>
    <message>
        <source>Optional: a note for your team; nothing is sent. Ctrl+Enter closes the thread.</source>
        <translation>Facoltativa: una nota per il team, non viene inviato nulla. Ctrl+Invio chiude la conversazione.</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisione</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>Mo&amp;tivo:</translation>
    </message>
    <message>
        <source>Why close without a reply?</source>
        <translation>Perché senza risposta?</translation>
    </message>
    <message>
        <source>Cate&amp;gory:</source>
        <translation>Cate&amp;goria:</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Non impostata</translation>
    </message>
    <message>
        <source>Changing the category is recorded in the audit log.</source>
        <translation>Ogni cambio di categoria viene annotato nel registro delle attività.</translation>
    </message>
    <message>
        <source>Confirm  (%1)</source>
        <translation>Conferma  (%1)</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Annulla  (Esc)</translation>
    </message>
</context>
</TS>
