<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>Accounts</name>
    <message>
        <source>The base URL %1 uses &quot;%2&quot;: only https (or http to this computer) is allowed.</source>
        <translation>L&apos;URL di base %1 usa &quot;%2&quot;: è ammesso solo https (o http verso questo computer).</translation>
    </message>
    <message>
        <source>The base URL %1 has no host.</source>
        <translation>L&apos;URL di base %1 non indica un host.</translation>
    </message>
    <message>
        <source>The base URL %1 uses plain http to %2: tokens would travel unencrypted. Use https; plain http is accepted only for this computer (127.0.0.1, ::1, localhost).</source>
        <translation>L&apos;URL di base %1 usa http non cifrato verso %2: i token viaggerebbero in chiaro. Usare https; http semplice è accettato solo verso questo computer (127.0.0.1, ::1, localhost).</translation>
    </message>
    <message>
        <source>The channel %1 has no accounts to sync: use facebook, instagram or x.</source>
        <translation>Il canale %1 non ha account da sincronizzare: usare facebook, instagram o x.</translation>
    </message>
    <message>
        <source>The account id is empty.</source>
        <translation>L&apos;id dell&apos;account è vuoto.</translation>
    </message>
    <message>
        <source>The %1 account %2 is already configured.</source>
        <translation>L&apos;account %1 %2 è già configurato.</translation>
    </message>
    <message>
        <source>There is no %1 account %2.</source>
        <translation>Non esiste l&apos;account %1 %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Graph API version (for example v19.0).</source>
        <translation>&quot;%1&quot; non è una versione della Graph API (per esempio v19.0).</translation>
    </message>
    <message>
        <source>No token is stored for %1.</source>
        <translation>Nessun token memorizzato per %1.</translation>
    </message>
    <message>
        <source>The environment variable %1, which should hold the access token, is not set or empty.</source>
        <translation>La variabile d&apos;ambiente %1, che dovrebbe contenere il token di accesso, non è impostata o è vuota.</translation>
    </message>
    <message>
        <source>A token cannot be stored in the environment variable %1: set it outside Sportello.</source>
        <translation>Un token non può essere memorizzato nella variabile d&apos;ambiente %1: impostarla fuori da Sportello.</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>nessuna risposta entro %1 s</translation>
    </message>
    <message>
        <source>no keychain service found</source>
        <translation>nessun servizio di portachiavi trovato</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1)</source>
        <translation>Il portachiavi di sistema non è disponibile (%1)</translation>
    </message>
    <message>
        <source>Access to the system keychain was denied for %1 (%2)</source>
        <translation>L&apos;accesso al portachiavi di sistema è stato negato per %1 (%2)</translation>
    </message>
    <message>
        <source>The system keychain holds no token for %1: add the account again to store one.</source>
        <translation>Il portachiavi di sistema non contiene un token per %1: aggiungere di nuovo l&apos;account per memorizzarlo.</translation>
    </message>
    <message>
        <source>The token&apos;s environment variable needs a name: letters, digits and underscores, at most %1 characters, not the token itself.</source>
        <translation>La variabile d&apos;ambiente del token richiede un nome: lettere, cifre e trattini bassi, al massimo %1 caratteri, non il token stesso.</translation>
    </message>
    <message>
        <source>The look-back window must be between 1 and 365 days, not %1.</source>
        <translation>La finestra di ricerca all&apos;indietro deve essere tra 1 e 365 giorni, non %1.</translation>
    </message>
    <message>
        <source>The base URL is not a valid address: give a full address such as https://graph.facebook.com.</source>
        <translation>L&apos;URL di base non è un indirizzo valido: indicare un indirizzo completo come https://graph.facebook.com.</translation>
    </message>
    <message>
        <source>The base URL %1 carries a user name, password, &quot;;&quot; parameter, query or fragment: give only scheme, host, port and path. Tokens belong in the system keychain or an environment variable, never in a URL.</source>
        <translation>L&apos;URL di base %1 contiene un nome utente, una password, un parametro &quot;;&quot;, una query o un frammento: indicare solo schema, host, porta e percorso. I token vanno nel portachiavi di sistema o in una variabile d&apos;ambiente, mai in un URL.</translation>
    </message>
    <message>
        <source>The account id looks like an access token: give the page&apos;s or the user&apos;s id, and the token in the keychain or an environment variable.</source>
        <translation>L&apos;id dell&apos;account sembra un token di accesso: indica l&apos;id della pagina o dell&apos;utente, e il token nel portachiavi o in una variabile d&apos;ambiente.</translation>
    </message>
    <message>
        <source>The Facebook sign-in of this account has expired, so Meta no longer accepts its token.</source>
        <translation>L&apos;accesso a Facebook di questo account è scaduto, quindi Meta non accetta più il suo token.</translation>
    </message>
    <message>
        <source>The Facebook password of the person who signed in changed (or Facebook reset the session for security reasons), so Meta cancelled the token.</source>
        <translation>La password Facebook della persona che ha effettuato l&apos;accesso è cambiata (oppure Facebook ha reimpostato la sessione per motivi di sicurezza), quindi Meta ha annullato il token.</translation>
    </message>
    <message>
        <source>The person who signed in logged out of Facebook, which cancelled the token.</source>
        <translation>La persona che ha effettuato l&apos;accesso è uscita da Facebook, e questo ha annullato il token.</translation>
    </message>
    <message>
        <source>The person who signed in removed the app from their Facebook settings, or never authorised it, so Meta no longer accepts the token.</source>
        <translation>La persona che ha effettuato l&apos;accesso ha rimosso l&apos;app dalle sue impostazioni di Facebook, o non l&apos;ha mai autorizzata, quindi Meta non accetta più il token.</translation>
    </message>
    <message>
        <source>When Facebook asks for the new token, allow the app.</source>
        <translation>Quando Facebook lo chiede per il nuovo token, autorizza l&apos;app.</translation>
    </message>
    <message>
        <source>Facebook has locked the account of the person who signed in until they complete a security check, so its token cannot be used.</source>
        <translation>Facebook ha bloccato l&apos;account della persona che ha effettuato l&apos;accesso finché non completa un controllo di sicurezza, quindi il suo token non può essere usato.</translation>
    </message>
    <message>
        <source>That person should first log in at www.facebook.com and follow the steps shown there.</source>
        <translation>Quella persona deve prima accedere a www.facebook.com e seguire i passaggi indicati.</translation>
    </message>
    <message>
        <source>The Facebook account of the person who signed in has not been confirmed, so Meta does not accept its token.</source>
        <translation>L&apos;account Facebook della persona che ha effettuato l&apos;accesso non è stato confermato, quindi Meta non accetta il suo token.</translation>
    </message>
    <message>
        <source>That person should first log in at www.facebook.com and confirm the account.</source>
        <translation>Quella persona deve prima accedere a www.facebook.com e confermare l&apos;account.</translation>
    </message>
    <message>
        <source>The token was cancelled on purpose through Meta&apos;s API (for example by an administrator or a security tool).</source>
        <translation>Il token è stato annullato di proposito tramite l&apos;API di Meta (per esempio da un amministratore o da uno strumento di sicurezza).</translation>
    </message>
    <message>
        <source>The person who signed in no longer has a suitable role on the Page, so Meta no longer accepts the token.</source>
        <translation>La persona che ha effettuato l&apos;accesso non ha più un ruolo adatto sulla Pagina, quindi Meta non accetta più il token.</translation>
    </message>
    <message>
        <source>The new token must come from someone with a full role on the Page, such as an administrator.</source>
        <translation>Il nuovo token deve venire da qualcuno con un ruolo completo sulla Pagina, per esempio un amministratore.</translation>
    </message>
    <message>
        <source>Meta could not read the stored token: it is damaged, incomplete or not a Facebook token.</source>
        <translation>Meta non è riuscita a leggere il token salvato: è danneggiato, incompleto o non è un token di Facebook.</translation>
    </message>
    <message>
        <source>Copy the whole token when you paste it.</source>
        <translation>Quando lo incolli, copia il token per intero.</translation>
    </message>
    <message>
        <source>Meta refused the token because a permission the Page needs was not granted when the token was created.</source>
        <translation>Meta ha rifiutato il token perché, quando è stato creato, non è stata concessa un&apos;autorizzazione necessaria alla Pagina.</translation>
    </message>
    <message>
        <source>When creating the new token, grant every permission asked for the Page.</source>
        <translation>Quando crei il nuovo token, concedi tutte le autorizzazioni richieste per la Pagina.</translation>
    </message>
    <message>
        <source>Meta no longer accepts the token of this account: it has expired, was revoked or is otherwise invalid.</source>
        <translation>Meta non accetta più il token di questo account: è scaduto, è stato revocato o non è più valido.</translation>
    </message>
    <message>
        <source>X no longer accepts the token of this account: it has expired or was revoked (for example, the app&apos;s access was removed in the X account&apos;s settings).</source>
        <translation>X non accetta più il token di questo account: è scaduto o è stato revocato (per esempio, l&apos;accesso dell&apos;app è stato rimosso nelle impostazioni dell&apos;account X).</translation>
    </message>
    <message>
        <source>X refused the token because the X developer app it belongs to is not attached to a Project with access to the X API v2.</source>
        <translation>X ha rifiutato il token perché l&apos;app per sviluppatori X a cui appartiene non è collegata a un Project con accesso all&apos;API X v2.</translation>
    </message>
    <message>
        <source>Whoever manages the app should first attach it to a Project in the X developer portal (developer.x.com).</source>
        <translation>Chi gestisce l&apos;app deve prima collegarla a un Project nel portale per sviluppatori di X (developer.x.com).</translation>
    </message>
    <message>
        <source>X refused the token because it is the wrong kind for this request (for example an app-only token where the X account itself must be signed in).</source>
        <translation>X ha rifiutato il token perché non è del tipo giusto per questa richiesta (per esempio un token della sola app dove serve l&apos;accesso dell&apos;account X stesso).</translation>
    </message>
    <message>
        <source>The new token must be a user access token of the X account (OAuth 2.0 user context).</source>
        <translation>Il nuovo token deve essere un token di accesso utente dell&apos;account X (OAuth 2.0 user context).</translation>
    </message>
    <message>
        <source>X refused the token because the X app did not have the permission this needs (for example write access) when the token was created.</source>
        <translation>X ha rifiutato il token perché, quando il token è stato creato, l&apos;app X non aveva l&apos;autorizzazione necessaria (per esempio l&apos;accesso in scrittura).</translation>
    </message>
    <message>
        <source>Whoever manages the app should first check its permissions in the X developer portal.</source>
        <translation>Chi gestisce l&apos;app deve prima controllarne le autorizzazioni nel portale per sviluppatori di X.</translation>
    </message>
    <message>
        <source>X refused the token of this account.</source>
        <translation>X ha rifiutato il token di questo account.</translation>
    </message>
    <message>
        <source>Meta error %1, subcode %2</source>
        <translation>Errore Meta %1, sottocodice %2</translation>
    </message>
    <message>
        <source>Meta error %1</source>
        <translation>Errore Meta %1</translation>
    </message>
    <message>
        <source>%1: HTTP %2</source>
        <translation>%1: HTTP %2</translation>
    </message>
    <message>
        <source>The keychain entry of this account is damaged: sign in again to replace it.</source>
        <translation>La voce del portachiavi di questo account è danneggiata: accedi di nuovo per sostituirla.</translation>
    </message>
    <message>
        <source>The app&apos;s client id is not valid: copy it from the platform&apos;s developer portal.</source>
        <translation>Il client id dell&apos;app non è valido: copialo dal portale per sviluppatori della piattaforma.</translation>
    </message>
    <message>
        <source>The redirect port must be between 1 and 65535, or 0 for any free port.</source>
        <translation>La porta di reindirizzamento deve essere tra 1 e 65535, oppure 0 per una porta libera qualsiasi.</translation>
    </message>
    <message>
        <source>Sportello cannot read mentions and replies.</source>
        <translation>Sportello non può leggere menzioni e risposte.</translation>
    </message>
    <message>
        <source>Sportello cannot tell who signed in or who wrote a post.</source>
        <translation>Sportello non può sapere chi ha effettuato l&apos;accesso né chi ha scritto un post.</translation>
    </message>
    <message>
        <source>Public replies cannot be sent.</source>
        <translation>Non è possibile inviare risposte pubbliche.</translation>
    </message>
    <message>
        <source>Direct messages cannot be read.</source>
        <translation>Non è possibile leggere i messaggi diretti.</translation>
    </message>
    <message>
        <source>Private replies (direct messages) cannot be sent.</source>
        <translation>Non è possibile inviare risposte private (messaggi diretti).</translation>
    </message>
    <message>
        <source>The sign-in cannot be renewed: it stops working after two hours and must be repeated.</source>
        <translation>L&apos;accesso non può essere rinnovato: smette di funzionare dopo due ore e va ripetuto.</translation>
    </message>
    <message>
        <source>Sportello cannot list the Pages you manage.</source>
        <translation>Sportello non può elencare le Pagine che gestisci.</translation>
    </message>
    <message>
        <source>Sportello cannot read the Page&apos;s posts and comments.</source>
        <translation>Sportello non può leggere i post e i commenti della Pagina.</translation>
    </message>
    <message>
        <source>Comments and posts by customers on the Page cannot be read.</source>
        <translation>Non è possibile leggere i commenti e i post dei clienti sulla Pagina.</translation>
    </message>
    <message>
        <source>Public replies to comments cannot be sent.</source>
        <translation>Non è possibile inviare risposte pubbliche ai commenti.</translation>
    </message>
    <message>
        <source>Private replies (Messenger) cannot be sent.</source>
        <translation>Non è possibile inviare risposte private (Messenger).</translation>
    </message>
    <message>
        <source>The Instagram business account linked to the Page cannot be found.</source>
        <translation>Non è possibile trovare l&apos;account Instagram business collegato alla Pagina.</translation>
    </message>
    <message>
        <source>Instagram comments cannot be read or answered.</source>
        <translation>Non è possibile leggere i commenti di Instagram né rispondere.</translation>
    </message>
    <message>
        <source>Instagram direct messages cannot be answered.</source>
        <translation>Non è possibile rispondere ai messaggi diretti di Instagram.</translation>
    </message>
    <message>
        <source>%1 did not answer (%2).</source>
        <translation>%1 non ha risposto (%2).</translation>
    </message>
    <message>
        <source>%1 answered without an access token.</source>
        <translation>%1 ha risposto senza un token di accesso.</translation>
    </message>
    <message>
        <source>%1 could not answer now (HTTP %2); try again later.</source>
        <translation>%1 non può rispondere ora (HTTP %2); riprova più tardi.</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 with something that is not a token endpoint&apos;s answer.</source>
        <translation>%1 ha risposto HTTP %2 con qualcosa che non è la risposta di un endpoint dei token.</translation>
    </message>
    <message>
        <source>The sign-in of the %1 account %2 is being renewed by another Sportello process; try again shortly.</source>
        <translation>L&apos;accesso dell&apos;account %1 %2 è in rinnovo da parte di un altro processo di Sportello; riprova tra poco.</translation>
    </message>
    <message>
        <source>The sign-in of the %1 account %2 could not be renewed: %3</source>
        <translation>Non è stato possibile rinnovare l&apos;accesso dell&apos;account %1 %2: %3</translation>
    </message>
    <message>
        <source>%1 refused to renew the sign-in of the account %2 (%3): sign in again from Settings &gt; Accounts, or with sportello-cli account sign-in.</source>
        <translation>%1 ha rifiutato di rinnovare l&apos;accesso dell&apos;account %2 (%3): accedi di nuovo da Impostazioni &gt; Account, oppure con sportello-cli account sign-in.</translation>
    </message>
    <message>
        <source>%1 did not answer.</source>
        <translation>%1 non ha risposto.</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 %3</source>
        <translation>%1 ha risposto HTTP %2 %3</translation>
    </message>
    <message>
        <source>The sign-in to %1 was not completed within %2 minutes: start it again when you are ready.</source>
        <translation>L&apos;accesso a %1 non è stato completato entro %2 minuti: ricomincia quando sei pronto.</translation>
    </message>
    <message>
        <source>A sign-in is already under way.</source>
        <translation>È già in corso un accesso.</translation>
    </message>
    <message>
        <source>No X app is configured: enter your company&apos;s OAuth 2.0 client id in Settings &gt; Accounts (or sportello-cli account app --channel x --client-id ID). See docs/accounts.md.</source>
        <translation>Nessuna app X configurata: inserisci il client id OAuth 2.0 della tua azienda in Impostazioni &gt; Account (oppure sportello-cli account app --channel x --client-id ID). Vedi docs/accounts.md.</translation>
    </message>
    <message>
        <source>No Meta app is configured: enter your company&apos;s app id in Settings &gt; Accounts (or sportello-cli account app --channel facebook --client-id ID). See docs/accounts.md.</source>
        <translation>Nessuna app Meta configurata: inserisci l&apos;id dell&apos;app della tua azienda in Impostazioni &gt; Account (oppure sportello-cli account app --channel facebook --client-id ID). Vedi docs/accounts.md.</translation>
    </message>
    <message>
        <source>Sportello cannot receive the sign-in&apos;s answer: port %1 on 127.0.0.1 is in use. Close what uses it, or set another redirect port.</source>
        <translation>Sportello non può ricevere la risposta dell&apos;accesso: la porta %1 su 127.0.0.1 è occupata. Chiudi il programma che la usa, oppure imposta un&apos;altra porta di reindirizzamento.</translation>
    </message>
    <message>
        <source>Signed in. You can close this page and go back to Sportello.</source>
        <translation>Accesso effettuato. Puoi chiudere questa pagina e tornare a Sportello.</translation>
    </message>
    <message>
        <source>%1 did not complete the sign-in: %2</source>
        <translation>%1 non ha completato l&apos;accesso: %2</translation>
    </message>
    <message>
        <source>Waiting for you to sign in to %1 in the browser.</source>
        <translation>In attesa che tu acceda a %1 nel browser.</translation>
    </message>
    <message>
        <source>No sign-in is waiting for an answer.</source>
        <translation>Nessun accesso è in attesa di una risposta.</translation>
    </message>
    <message>
        <source>That is not the address the browser ended on after the sign-in: it should start with %1 and carry a code.</source>
        <translation>Questo non è l&apos;indirizzo su cui è arrivato il browser dopo l&apos;accesso: dovrebbe iniziare con %1 e contenere un codice.</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>L&apos;accesso è stato annullato.</translation>
    </message>
    <message>
        <source>The answer that reached Sportello does not belong to the sign-in it started (its state does not match), so it was refused. Start the sign-in again.</source>
        <translation>La risposta arrivata a Sportello non appartiene all&apos;accesso che ha avviato (il suo state non corrisponde), quindi è stata rifiutata. Ricomincia l&apos;accesso.</translation>
    </message>
    <message>
        <source>The sign-in to %1 was declined in the browser: nothing was added.</source>
        <translation>L&apos;accesso a %1 è stato rifiutato nel browser: non è stato aggiunto nulla.</translation>
    </message>
    <message>
        <source>%1 refused the sign-in: %2 %3</source>
        <translation>%1 ha rifiutato l&apos;accesso: %2 %3</translation>
    </message>
    <message>
        <source>Signed in; completing with %1.</source>
        <translation>Accesso effettuato; completamento con %1.</translation>
    </message>
    <message>
        <source>Signed in, but X did not say who you are: %1</source>
        <translation>Accesso effettuato, ma X non ha detto chi sei: %1</translation>
    </message>
    <message>
        <source>No token exchange endpoint is configured, so the Page tokens last only about an hour, like the sign-in. Ask your IT to set one up (docs/accounts.md) for tokens that do not expire.</source>
        <translation>Non è configurato alcun endpoint di scambio dei token, quindi i token delle Pagine durano solo un&apos;ora circa, come l&apos;accesso. Chiedi al tuo reparto IT di configurarne uno (docs/accounts.md) per avere token che non scadono.</translation>
    </message>
    <message>
        <source>Getting a long-lived token.</source>
        <translation>Richiesta di un token di lunga durata.</translation>
    </message>
    <message>
        <source>The company&apos;s token exchange did not answer as expected (%1), so the Page tokens last only about an hour.</source>
        <translation>Lo scambio dei token dell&apos;azienda non ha risposto come previsto (%1), quindi i token delle Pagine durano solo un&apos;ora circa.</translation>
    </message>
    <message>
        <source>Signed in, but Facebook did not say who you are: %1</source>
        <translation>Accesso effettuato, ma Facebook non ha detto chi sei: %1</translation>
    </message>
    <message>
        <source>Signed in, but Facebook did not list the permissions granted: %1</source>
        <translation>Accesso effettuato, ma Facebook non ha elencato le autorizzazioni concesse: %1</translation>
    </message>
    <message>
        <source>Reading the Pages you manage.</source>
        <translation>Lettura delle Pagine che gestisci.</translation>
    </message>
    <message>
        <source>Signed in, but Facebook did not list your Pages: %1</source>
        <translation>Accesso effettuato, ma Facebook non ha elencato le tue Pagine: %1</translation>
    </message>
    <message>
        <source>The X account was saved but cannot be read back.</source>
        <translation>L&apos;account X è stato salvato ma non è possibile rileggerlo.</translation>
    </message>
    <message>
        <source>Sign in again: in the console, Edit &gt; Settings &gt; Accounts, select the account and press Sign In Again (or &quot;Sign in with %1&quot;); with sportello-cli, &quot;account sign-in --channel %2&quot;.</source>
        <translation>Accedi di nuovo: nella console, Modifica &gt; Impostazioni &gt; Account, seleziona l&apos;account e premi Accedi di nuovo (oppure &quot;Accedi con %1&quot;); con sportello-cli, &quot;account sign-in --channel %2&quot;.</translation>
    </message>
    <message>
        <source>%1: HTTP %2, %3</source>
        <translation>%1: HTTP %2, %3</translation>
    </message>
    <message>
        <source>The App Store Connect key cannot be used: %1</source>
        <translation>La chiave di App Store Connect non è utilizzabile: %1</translation>
    </message>
    <message>
        <source>the key file is empty.</source>
        <translation>il file della chiave è vuoto.</translation>
    </message>
    <message>
        <source>it is not a PEM private key (the .p8 file from App Store Connect, starting with &quot;-----BEGIN PRIVATE KEY-----&quot;), or it is damaged.</source>
        <translation>non è una chiave privata PEM (il file .p8 di App Store Connect, che inizia con &quot;-----BEGIN PRIVATE KEY-----&quot;), oppure è danneggiata.</translation>
    </message>
    <message>
        <source>it is not an elliptic-curve key; ES256 needs a P-256 key such as App Store Connect issues.</source>
        <translation>non è una chiave a curva ellittica; ES256 richiede una chiave P-256 come quelle emesse da App Store Connect.</translation>
    </message>
    <message>
        <source>its curve is %1, not P-256, which ES256 needs.</source>
        <translation>la sua curva è %1, non P-256 come richiede ES256.</translation>
    </message>
    <message>
        <source>The keychain entry of this App Store Connect account is not an API key (issuer id, key id and .p8 key): add the account again with its key file.</source>
        <translation>La voce del portachiavi di questo account App Store Connect non è una chiave API (issuer id, key id e chiave .p8): aggiungi di nuovo l&apos;account con il suo file di chiave.</translation>
    </message>
    <message>
        <source>An App Store Connect token lives 1 to %1 seconds.</source>
        <translation>Un token di App Store Connect dura da 1 a %1 secondi.</translation>
    </message>
    <message>
        <source>OpenSSL could not sign with it.</source>
        <translation>OpenSSL non riesce a firmare con questa chiave.</translation>
    </message>
    <message>
        <source>OpenSSL gave a signature that cannot be read.</source>
        <translation>OpenSSL ha prodotto una firma illeggibile.</translation>
    </message>
    <message>
        <source>The token is not a signed JWT.</source>
        <translation>Il token non è un JWT firmato.</translation>
    </message>
    <message>
        <source>The token&apos;s signature does not match the key.</source>
        <translation>La firma del token non corrisponde alla chiave.</translation>
    </message>
</context>
<context>
    <name>AppStore</name>
    <message>
        <source>An App Store Connect account needs the issuer id, the key id and the .p8 key file of an API key.</source>
        <translation>Un account App Store Connect richiede l&apos;ID emittente, l&apos;ID chiave e il file .p8 di una chiave API.</translation>
    </message>
    <message>
        <source>The key file %1 is too large to be a .p8 key.</source>
        <translation>Il file di chiave %1 è troppo grande per essere una chiave .p8.</translation>
    </message>
    <message>
        <source>The key file %1 cannot be read (%2).</source>
        <translation>Il file della chiave %1 non si può leggere (%2).</translation>
    </message>
</context>
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
        <source>Give the hub&apos;s login with --login (added with &quot;sportello-cli team agent add --role hub&quot;).</source>
        <translation>Indicare il login dell&apos;hub con --login (aggiunto con &quot;sportello-cli team agent add --role hub&quot;).</translation>
    </message>
    <message>
        <source>%1 hub round: %2 accounts served here, %3 by another hub; %4 new posts fetched, %5 posts sent to the team database (%6 new there).</source>
        <translation>%1 giro dell&apos;hub: %2 account serviti qui, %3 da un altro hub; %4 nuovi post scaricati, %5 post inviati al database del team (%6 nuovi lì).</translation>
    </message>
    <message>
        <source>%1 %2: %3. %4</source>
        <translation>%1 %2: %3. %4</translation>
    </message>
    <message>
        <source>hub takes no arguments.</source>
        <translation>hub non accetta argomenti.</translation>
    </message>
    <message>
        <source>--interval needs a number of seconds, 1 or more.</source>
        <translation>--interval vuole un numero di secondi, 1 o più.</translation>
    </message>
    <message>
        <source>Stopping once the current page or delivery is done.</source>
        <translation>Arresto appena terminati la pagina o l&apos;invio in corso.</translation>
    </message>
    <message>
        <source>Hub %1 serving the team database %2 as %3.</source>
        <translation>Hub %1 al servizio del database del team %2 come %3.</translation>
    </message>
    <message>
        <source>Serve a team: sync the accounts this hub holds, upload their posts to the team database and deliver the team&apos;s outbox. Runs until stopped (SIGTERM or Ctrl+C), or one round with --once.</source>
        <translation>Servire un team: sincronizza gli account che questo hub detiene, carica i loro post nel database del team e consegna la posta in uscita del team. Resta attivo finché viene fermato (SIGTERM o Ctrl+C), oppure un solo giro con --once.</translation>
    </message>
    <message>
        <source>One round, then exit; non-zero if it failed.</source>
        <translation>Un solo giro, poi esce; codice diverso da zero se non è riuscito.</translation>
    </message>
    <message>
        <source>Seconds between rounds (default 60).</source>
        <translation>Secondi tra un giro e l&apos;altro (predefinito 60).</translation>
    </message>
    <message>
        <source>The team database, as postgresql://HOST:PORT/DATABASE?sslmode=verify-full.</source>
        <translation>Il database del team, come postgresql://HOST:PORTA/DATABASE?sslmode=verify-full.</translation>
    </message>
    <message>
        <source>The hub&apos;s login in the team database.</source>
        <translation>Il login dell&apos;hub nel database del team.</translation>
    </message>
    <message>
        <source>LOGIN</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <source>The environment variable holding the login&apos;s password (default: the keychain).</source>
        <translation>La variabile d&apos;ambiente con la password del login (predefinito: il portachiavi).</translation>
    </message>
    <message>
        <source>VAR</source>
        <translation>VAR</translation>
    </message>
    <message numerus="yes">
        <source>%Ln outbox entries left in flight by a stopped hub are read back before any resend.</source>
        <translation>
            <numerusform>%Ln voce della posta in uscita lasciata in volo da un hub fermato viene ricontrollata prima di ogni nuovo invio.</numerusform>
            <numerusform>%Ln voci della posta in uscita lasciate in volo da un hub fermato vengono ricontrollate prima di ogni nuovo invio.</numerusform>
        </translation>
    </message>
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
        <source>COMMAND</source>
        <translation>COMANDO</translation>
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
        <source>Check the integrity of the cache.</source>
        <translation>Verifica l&apos;integrità dell&apos;archivio locale.</translation>
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
        <source>English</source>
        <translation>Inglese</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italiano</translation>
    </message>
    <message>
        <source>%1 (guessed)</source>
        <translation>%1 (ipotizzata)</translation>
    </message>
    <message>
        <source>%1, likely spam</source>
        <translation>%1, probabile spam</translation>
    </message>
    <message>
        <source>no cues</source>
        <translation>nessun indizio</translation>
    </message>
    <message>
        <source>cues: %1</source>
        <translation>indizi: %1</translation>
    </message>
    <message>
        <source>classify reads the posts on standard input and takes no arguments (got &quot;%1&quot;).</source>
        <translation>classify legge i messaggi dallo standard input e non accetta argomenti (ricevuto &quot;%1&quot;).</translation>
    </message>
    <message>
        <source>Cannot read standard input: %1</source>
        <translation>Impossibile leggere lo standard input: %1</translation>
    </message>
    <message>
        <source>Suggest a category, the language and the cues for each post read on standard input, one post a line (UTF-8). Blank lines are skipped.</source>
        <translation>Suggerisce una categoria, la lingua e gli indizi per ogni messaggio letto dallo standard input, un messaggio per riga (UTF-8). Le righe vuote vengono saltate.</translation>
    </message>
    <message>
        <source>One JSON object per post, with the keys category, language, confidence, cues and spam.</source>
        <translation>Un oggetto JSON per messaggio, con le chiavi category, language, confidence, cues e spam.</translation>
    </message>
    <message>
        <source>... and %1 more invalid records.</source>
        <translation>... e altri %1 record non validi.</translation>
    </message>
    <message>
        <source>Import posts from JSON Lines (.jsonl) or Customer Support on Twitter CSV (.csv) files. A file with an invalid record is rejected as a whole.</source>
        <translation>Importa messaggi da file JSON Lines (.jsonl) o CSV Customer Support on Twitter (.csv). Un file con un record non valido viene rifiutato per intero.</translation>
    </message>
    <message>
        <source>Load the demo data set into the cache, with its times moved to now.</source>
        <translation>Carica i dati dimostrativi nell&apos;archivio locale, con gli orari spostati ad adesso.</translation>
    </message>
    <message>
        <source>timers takes no arguments (got &quot;%1&quot;).</source>
        <translation>timers non accetta argomenti (ricevuto &quot;%1&quot;).</translation>
    </message>
    <message>
        <source>--at needs an ISO 8601 time with Z or an offset, for example 2026-03-06T17:40:00Z.</source>
        <translation>--at richiede un orario ISO 8601 con Z o con lo scostamento, per esempio 2026-03-06T17:40:00Z.</translation>
    </message>
    <message>
        <source>The policy &quot;%1&quot; is active; the due times of the waiting posts were recomputed.</source>
        <translation>La politica &quot;%1&quot; è attiva; le scadenze dei messaggi in attesa sono state ricalcolate.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossibile leggere %1: %2</translation>
    </message>
    <message>
        <source>Imported the policy &quot;%1&quot; from %2 and made it active; the due times of the waiting posts were recomputed.</source>
        <translation>Politica &quot;%1&quot; importata da %2 e resa attiva; le scadenze dei messaggi in attesa sono state ricalcolate.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossibile scrivere %1: %2</translation>
    </message>
    <message>
        <source>Wrote the policy &quot;%1&quot; to %2.</source>
        <translation>Politica &quot;%1&quot; scritta in %2.</translation>
    </message>
    <message>
        <source>policy needs an action: show, list, use NAME, import FILE or export FILE.</source>
        <translation>policy richiede un&apos;azione: show, list, use NOME, import FILE o export FILE.</translation>
    </message>
    <message>
        <source>Wrong arguments for &quot;policy %1&quot;.</source>
        <translation>Argomenti errati per &quot;policy %1&quot;.</translation>
    </message>
    <message>
        <source>thread %1 (%2, @%3): received %4, deadline %5, %6 days left</source>
        <translation>conversazione %1 (%2, @%3): ricevuto %4, scadenza %5, %6 giorni rimasti</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a thread number.</source>
        <translation>&quot;%1&quot; non è il numero di una conversazione.</translation>
    </message>
    <message>
        <source>complaints resolve needs --agent NAME: every change is audited.</source>
        <translation>complaints resolve richiede --agent NOME: ogni modifica viene annotata nel registro delle attività.</translation>
    </message>
    <message>
        <source>The complaint on thread %1 is marked as answered.</source>
        <translation>Il reclamo della conversazione %1 è segnato come evaso.</translation>
    </message>
    <message>
        <source>complaints takes: list, or resolve THREAD --agent NAME [--note TEXT].</source>
        <translation>complaints accetta: list, oppure resolve CONVERSAZIONE --agent NOME [--note TESTO].</translation>
    </message>
    <message>
        <source>Print one JSON object per line for each waiting inbound post: its timer, due time and state.</source>
        <translation>Stampa un oggetto JSON per riga per ogni messaggio in arrivo in attesa: il suo timer, la scadenza e lo stato.</translation>
    </message>
    <message>
        <source>Compute the states at this time instead of now.</source>
        <translation>Calcola gli stati a questo orario invece che adesso.</translation>
    </message>
    <message>
        <source>TIME</source>
        <translation>ORARIO</translation>
    </message>
    <message>
        <source>Show, list, choose, import or export the response policy (targets and business calendar; JSON format in docs/policies.md).</source>
        <translation>Mostra, elenca, sceglie, importa o esporta la politica di risposta (obiettivi e calendario lavorativo; formato JSON in docs/policies.md).</translation>
    </message>
    <message>
        <source>show, list, use, import or export.</source>
        <translation>show, list, use, import o export.</translation>
    </message>
    <message>
        <source>ACTION [NAME|FILE]</source>
        <translation>AZIONE [NOME|FILE]</translation>
    </message>
    <message>
        <source>List the complaints forwarded to customer care whose 45-day regulatory deadline is open, or mark one as answered.</source>
        <translation>Elenca i reclami inoltrati all&apos;assistenza clienti con la scadenza regolamentare di 45 giorni ancora aperta, o ne segna uno come evaso.</translation>
    </message>
    <message>
        <source>One JSON object per line.</source>
        <translation>Un oggetto JSON per riga.</translation>
    </message>
    <message>
        <source>Who records the change.</source>
        <translation>Chi registra la modifica.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOME</translation>
    </message>
    <message>
        <source>A note kept in the audit log.</source>
        <translation>Una nota conservata nel registro delle attività.</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TESTO</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Comandi:</translation>
    </message>
    <message>
        <source>Run &quot;sportello-cli COMMAND --help&quot; for a command&apos;s options.</source>
        <translation>Esegui &quot;sportello-cli COMANDO --help&quot; per le opzioni di un comando.</translation>
    </message>
    <message>
        <source>Sportello command-line tool: headless commands over the local cache.</source>
        <translation>Strumento a riga di comando di Sportello: comandi senza interfaccia grafica sull&apos;archivio locale.</translation>
    </message>
    <message>
        <source>The command to run.</source>
        <translation>Il comando da eseguire.</translation>
    </message>
    <message>
        <source>No command given: use one of %1.</source>
        <translation>Nessun comando indicato: usa uno tra %1.</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;: use one of %2.</source>
        <translation>Comando sconosciuto &quot;%1&quot;: usa uno tra %2.</translation>
    </message>
    <message>
        <source>The %1 account %2 is already configured; remove it first to change it.</source>
        <translation>L&apos;account %1 %2 è già configurato; per modificarlo, rimuoverlo prima.</translation>
    </message>
    <message>
        <source>Access token for the %1 account %2 (not shown): </source>
        <translation>Token di accesso per l&apos;account %1 %2 (non visualizzato): </translation>
    </message>
    <message>
        <source>No access token on standard input: give it on one line, or use --token-env NAME.</source>
        <translation>Nessun token di accesso sullo standard input: fornirlo su una riga, oppure usare --token-env NOME.</translation>
    </message>
    <message>
        <source>%1; the token was not stored. Use --token-env NAME to take it from an environment variable instead.</source>
        <translation>%1; il token non è stato memorizzato. Usare --token-env NOME per leggerlo invece da una variabile d&apos;ambiente.</translation>
    </message>
    <message>
        <source>Added the %1 account %2 (%3); its token is in the system keychain.</source>
        <translation>Aggiunto l&apos;account %1 %2 (%3); il suo token è nel portachiavi di sistema.</translation>
    </message>
    <message>
        <source>Added the %1 account %2 (%3); its token will be read from the environment variable %4.</source>
        <translation>Aggiunto l&apos;account %1 %2 (%3); il suo token sarà letto dalla variabile d&apos;ambiente %4.</translation>
    </message>
    <message>
        <source>system keychain</source>
        <translation>portachiavi di sistema</translation>
    </message>
    <message>
        <source>environment variable %1</source>
        <translation>variabile d&apos;ambiente %1</translation>
    </message>
    <message>
        <source>  (needs sign-in)</source>
        <translation>  (accesso da rinnovare)</translation>
    </message>
    <message>
        <source>There is no %1 account %2.</source>
        <translation>Non esiste l&apos;account %1 %2.</translation>
    </message>
    <message>
        <source>Removed the %1 account %2, but its token could not be deleted from the system keychain: %3. Delete the entry &quot;%4&quot; of the service &quot;%5&quot; with the system&apos;s keychain tool.</source>
        <translation>Rimosso l&apos;account %1 %2, ma non è stato possibile eliminare il suo token dal portachiavi di sistema: %3. Eliminare la voce &quot;%4&quot; del servizio &quot;%5&quot; con lo strumento del portachiavi di sistema.</translation>
    </message>
    <message>
        <source>Removed the %1 account %2.</source>
        <translation>Rimosso l&apos;account %1 %2.</translation>
    </message>
    <message>
        <source>ACTION</source>
        <translation>AZIONE</translation>
    </message>
    <message>
        <source>CHANNEL</source>
        <translation>CANALE</translation>
    </message>
    <message>
        <source>ACCOUNT_ID</source>
        <translation>ID_ACCOUNT</translation>
    </message>
    <message>
        <source>The API&apos;s base URL (default: the real endpoint); https, or http to this computer only.</source>
        <translation>L&apos;URL di base dell&apos;API (predefinito: l&apos;endpoint reale); https, oppure http solo verso questo computer.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Take the token from this environment variable at sync time instead of the system keychain.</source>
        <translation>Legge il token da questa variabile d&apos;ambiente al momento della sincronizzazione invece che dal portachiavi di sistema.</translation>
    </message>
    <message>
        <source>guard reads the texts on standard input and takes no arguments (got &quot;%1&quot;).</source>
        <translation>guard legge i testi dallo standard input e non accetta argomenti (ricevuto &quot;%1&quot;).</translation>
    </message>
    <message>
        <source>The guard configuration from %1 is stored in %2: %3 company patterns, built-in patterns %4.</source>
        <translation>La configurazione del controllo dati personali di %1 è stata salvata in %2: %3 schemi aziendali, schemi predefiniti %4.</translation>
    </message>
    <message>
        <source>on</source>
        <translation>attivi</translation>
    </message>
    <message>
        <source>off</source>
        <translation>disattivati</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nessuno</translation>
    </message>
    <message>
        <source>Check texts read on standard input, one a line, for personal and policy data (tax codes, IBANs, policy and claim numbers, plates, phones, e-mail, dates of birth, health words); print the findings of each line or &quot;none&quot;.</source>
        <translation>Controlla i testi letti dallo standard input, uno per riga, alla ricerca di dati personali e assicurativi (codici fiscali, IBAN, numeri di polizza e di sinistro, targhe, telefoni, e-mail, date di nascita, termini sanitari); stampa i rilevamenti di ogni riga o &quot;nessuno&quot;.</translation>
    </message>
    <message>
        <source>One JSON object per line: {&quot;line&quot;:N,&quot;findings&quot;:[{&quot;kind&quot;,&quot;start&quot;,&quot;end&quot;,&quot;text&quot;}]}.</source>
        <translation>Un oggetto JSON per riga: {&quot;line&quot;:N,&quot;findings&quot;:[{&quot;kind&quot;,&quot;start&quot;,&quot;end&quot;,&quot;text&quot;}]}.</translation>
    </message>
    <message>
        <source>Use the guard configuration in FILE (JSON) instead of the one stored in the cache.</source>
        <translation>Usa la configurazione del controllo dati personali in FILE (JSON) invece di quella salvata nell&apos;archivio locale.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Print the configuration in effect (JSON) and exit.</source>
        <translation>Stampa la configurazione in vigore (JSON) ed esce.</translation>
    </message>
    <message>
        <source>Check FILE and store it in the cache as the team&apos;s guard configuration.</source>
        <translation>Controlla FILE e lo salva nell&apos;archivio locale come configurazione del controllo dati personali del team.</translation>
    </message>
    <message>
        <source>report takes no arguments (got &quot;%1&quot;).</source>
        <translation>report non accetta argomenti (ricevuto &quot;%1&quot;).</translation>
    </message>
    <message>
        <source>report needs --from DATE, --to DATE and --out FILE.</source>
        <translation>report richiede --from DATA, --to DATA e --out FILE.</translation>
    </message>
    <message>
        <source>Unknown channel &quot;%1&quot;: use one of %2.</source>
        <translation>Canale &quot;%1&quot; sconosciuto: usare uno tra %2.</translation>
    </message>
    <message>
        <source>--table and --group-by cannot be used together.</source>
        <translation>--table e --group-by non possono essere usati insieme.</translation>
    </message>
    <message>
        <source>Unknown locale &quot;%1&quot;: use it or en.</source>
        <translation>Impostazione locale &quot;%1&quot; sconosciuta: usare it o en.</translation>
    </message>
    <message>
        <source>Unknown delimiter &quot;%1&quot;: use &apos;;&apos;, &apos;,&apos; or tab.</source>
        <translation>Delimitatore &quot;%1&quot; sconosciuto: usare &apos;;&apos;, &apos;,&apos; o tab.</translation>
    </message>
    <message>
        <source>A &apos;,&apos; delimiter cannot go with the Italian decimal comma: use --delimiter &apos;;&apos; or tab, or --locale en.</source>
        <translation>Il delimitatore &apos;,&apos; non è compatibile con la virgola decimale italiana: usare --delimiter &apos;;&apos; o tab, oppure --locale en.</translation>
    </message>
    <message>
        <source>--out needs a file path.</source>
        <translation>--out richiede il percorso di un file.</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln post(s) to %1.</source>
        <translation>
            <numerusform>%Ln messaggio scritto in %1.</numerusform>
            <numerusform>%Ln messaggi scritti in %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln row(s) to %1.</source>
        <translation>
            <numerusform>%Ln riga scritta in %1.</numerusform>
            <numerusform>%Ln righe scritte in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>DATE</source>
        <translation>DATA</translation>
    </message>
    <message>
        <source>First day (YYYY-MM-DD, in the business calendar&apos;s time zone).</source>
        <translation>Primo giorno (AAAA-MM-GG, nel fuso orario del calendario lavorativo).</translation>
    </message>
    <message>
        <source>Last day, included.</source>
        <translation>Ultimo giorno, incluso.</translation>
    </message>
    <message>
        <source>FIELDS</source>
        <translation>CAMPI</translation>
    </message>
    <message>
        <source>Only posts of this channel.</source>
        <translation>Solo i messaggi di questo canale.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Only posts of this category (or none).</source>
        <translation>Solo i messaggi di questa categoria (o none per quelli senza categoria).</translation>
    </message>
    <message>
        <source>Only posts this agent decided.</source>
        <translation>Solo i messaggi su cui ha deciso questo operatore.</translation>
    </message>
    <message>
        <source>it: &apos;;&apos; and decimal comma; en: &apos;,&apos; and decimal point (default: the system&apos;s language).</source>
        <translation>it: &apos;;&apos; e virgola decimale; en: &apos;,&apos; e punto decimale (predefinito: la lingua del sistema).</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>LINGUA</translation>
    </message>
    <message>
        <source>Field delimiter: &apos;;&apos;, &apos;,&apos; or tab.</source>
        <translation>Delimitatore dei campi: &apos;;&apos;, &apos;,&apos; o tab.</translation>
    </message>
    <message>
        <source>CHAR</source>
        <translation>CARATTERE</translation>
    </message>
    <message>
        <source>Leave out the UTF-8 byte-order mark.</source>
        <translation>Omette il BOM (byte order mark) UTF-8.</translation>
    </message>
    <message>
        <source>The CSV file to write.</source>
        <translation>Il file CSV da scrivere.</translation>
    </message>
    <message>
        <source>The sync could not start: %1</source>
        <translation>Impossibile avviare la sincronizzazione: %1</translation>
    </message>
    <message>
        <source>No accounts are configured: add one with &quot;sportello-cli account add&quot;.</source>
        <translation>Nessun account configurato: aggiungerne uno con &quot;sportello-cli account add&quot;.</translation>
    </message>
    <message>
        <source>%1: %2 new posts, %3 already in the cache (pages read: %4).</source>
        <translation>%1: %2 messaggi nuovi, %3 già presenti nell&apos;archivio locale (pagine lette: %4).</translation>
    </message>
    <message>
        <source>%1: %2 new posts stored before the sync stopped (pages read: %3).</source>
        <translation>%1: %2 messaggi nuovi salvati prima dell&apos;interruzione della sincronizzazione (pagine lette: %3).</translation>
    </message>
    <message>
        <source>%1: %2. %3</source>
        <translation>%1: %2. %3</translation>
    </message>
    <message>
        <source>%1: the platform reported: %2</source>
        <translation>%1: la piattaforma ha segnalato: %2</translation>
    </message>
    <message>
        <source>Outbox: %1</source>
        <translation>Posta in uscita: %1</translation>
    </message>
    <message>
        <source>Sync finished in %1 s: %2 new posts; %3 of %4 accounts synced.</source>
        <translation>Sincronizzazione completata in %1 s: %2 messaggi nuovi; %3 account su %4 sincronizzati.</translation>
    </message>
    <message>
        <source>sync takes no arguments.</source>
        <translation>sync non accetta argomenti.</translation>
    </message>
    <message>
        <source>--interval needs a number of seconds, 10 or more.</source>
        <translation>--interval richiede un numero di secondi, pari o superiore a 10.</translation>
    </message>
    <message>
        <source>--timeout needs a number of seconds, 1 or more.</source>
        <translation>--timeout richiede un numero di secondi, pari o superiore a 1.</translation>
    </message>
    <message>
        <source>Next sync at %1.</source>
        <translation>Prossima sincronizzazione: %1.</translation>
    </message>
    <message>
        <source>decide needs exactly one of --public, --private, --forward or --close REASON.</source>
        <translation>decide richiede esattamente una tra --public, --private, --forward o --close MOTIVO.</translation>
    </message>
    <message>
        <source>Unknown reason &quot;%1&quot; for --close: use spam, no_answer_needed or answered_elsewhere.</source>
        <translation>Motivo &quot;%1&quot; sconosciuto per --close: usare spam, no_answer_needed o answered_elsewhere.</translation>
    </message>
    <message>
        <source>Unknown category &quot;%1&quot;: use non_negative, complaint or assistance.</source>
        <translation>Categoria &quot;%1&quot; sconosciuta: usare non_negative, complaint o assistance.</translation>
    </message>
    <message>
        <source>Unknown channel &quot;%1&quot; (expected %2).</source>
        <translation>Canale &quot;%1&quot; sconosciuto (valori ammessi: %2).</translation>
    </message>
    <message>
        <source>decide needs --agent NAME: every decision is recorded with its agent.</source>
        <translation>decide richiede --agent NOME: ogni decisione viene registrata con il nome dell&apos;operatore.</translation>
    </message>
    <message>
        <source>No thread in the cache has the number or post id &quot;%1&quot;.</source>
        <translation>Nessuna conversazione nell&apos;archivio locale ha il numero o l&apos;id messaggio &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Thread %1: %2</source>
        <translation>Conversazione %1: %2</translation>
    </message>
    <message>
        <source>Thread %1: %2 (%3). Decision %4.</source>
        <translation>Conversazione %1: %2 (%3). Decisione %4.</translation>
    </message>
    <message>
        <source>Thread %1: %2. Decision %3, queued in the outbox as %4; &quot;sportello-cli sync&quot; delivers it.</source>
        <translation>Conversazione %1: %2. Decisione %3, messa in coda nella posta in uscita come %4; la consegna avviene con &quot;sportello-cli sync&quot;.</translation>
    </message>
    <message>
        <source>Fetch every account&apos;s new posts into the cache and deliver the outbox. Exits non-zero if anything failed. Without --once it repeats until interrupted.</source>
        <translation>Scarica nell&apos;archivio locale i nuovi messaggi di ogni account e consegna la posta in uscita. Esce con un codice diverso da zero se qualcosa non è riuscito. Senza --once si ripete fino all&apos;interruzione.</translation>
    </message>
    <message>
        <source>One pass, then exit.</source>
        <translation>Un solo passaggio, poi esce.</translation>
    </message>
    <message>
        <source>Seconds between passes when repeating (default 300).</source>
        <translation>Secondi tra un passaggio e l&apos;altro nella ripetizione (predefinito: 300).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDI</translation>
    </message>
    <message>
        <source>Seconds to wait for each answer (default 30).</source>
        <translation>Secondi di attesa per ogni risposta (predefinito: 30).</translation>
    </message>
    <message>
        <source>Take a triage decision on a thread, as the console does: reply publicly or privately, forward to customer care, or close without reply.</source>
        <translation>Prende una decisione di smistamento su una conversazione, come fa la console: risposta in pubblico o in privato, inoltro all&apos;assistenza clienti o chiusura senza risposta.</translation>
    </message>
    <message>
        <source>THREAD</source>
        <translation>CONVERSAZIONE</translation>
    </message>
    <message>
        <source>Reply publicly (needs --text).</source>
        <translation>Risponde in pubblico (richiede --text).</translation>
    </message>
    <message>
        <source>Reply privately (needs --text).</source>
        <translation>Risponde in privato (richiede --text).</translation>
    </message>
    <message>
        <source>Forward to customer care (--text is the note).</source>
        <translation>Inoltra all&apos;assistenza clienti (--text è la nota).</translation>
    </message>
    <message>
        <source>Close without reply: spam, no_answer_needed or answered_elsewhere.</source>
        <translation>Chiude senza risposta: spam, no_answer_needed o answered_elsewhere.</translation>
    </message>
    <message>
        <source>REASON</source>
        <translation>MOTIVO</translation>
    </message>
    <message>
        <source>The reply, or the note.</source>
        <translation>La risposta o la nota.</translation>
    </message>
    <message>
        <source>Set the category: non_negative, complaint or assistance.</source>
        <translation>Imposta la categoria: non_negative, complaint o assistance.</translation>
    </message>
    <message>
        <source>C</source>
        <translation>CATEGORIA</translation>
    </message>
    <message>
        <source>Who takes the decision (default: the system user name).</source>
        <translation>Chi prende la decisione (predefinito: il nome utente di sistema).</translation>
    </message>
    <message>
        <source>--token-env needs the name of an environment variable (letters, digits and underscores, at most %1 characters), not the token itself.</source>
        <translation>--token-env richiede il nome di una variabile d&apos;ambiente (lettere, cifre e trattini bassi, al massimo %1 caratteri), non il token stesso.</translation>
    </message>
    <message>
        <source>(invalid name)</source>
        <translation>(nome non valido)</translation>
    </message>
    <message>
        <source>guard --save-config needs --agent NAME: the change is recorded with it.</source>
        <translation>guard --save-config richiede --agent NOME: la modifica viene registrata con quel nome.</translation>
    </message>
    <message>
        <source>With --save-config: who makes the change, for the audit (default: the system user).</source>
        <translation>Con --save-config: chi effettua la modifica, per il registro delle attività (predefinito: l&apos;utente di sistema).</translation>
    </message>
    <message>
        <source>The pass was interrupted: what was fetched is stored, the rest waits for the next sync.</source>
        <translation>Il passaggio è stato interrotto: quanto già scaricato è salvato, il resto attende la prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>Interrupted: stopping once the current page is stored.</source>
        <translation>Interrotto: arresto appena la pagina corrente è salvata.</translation>
    </message>
    <message>
        <source>decide needs one THREAD: the thread&apos;s number (#42 names only the thread numbered 42) or the channel id of one of its posts.</source>
        <translation>decide richiede una CONVERSAZIONE: il numero della conversazione (#42 indica solo la conversazione numero 42) o l&apos;id sul canale di uno dei suoi messaggi.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names %2 threads; give the thread&apos;s number as #NUMBER (or --channel) to choose one:</source>
        <translation>&quot;%1&quot; indica %2 conversazioni; per sceglierne una indicare il numero della conversazione come #NUMERO (oppure --channel):</translation>
    </message>
    <message>
        <source>  thread #%1 (%2, @%3, %4): %5</source>
        <translation>  conversazione #%1 (%2, @%3, %4): %5</translation>
    </message>
    <message>
        <source>The thread&apos;s number (#42: only the thread numbered 42), or the channel id of any of its posts.</source>
        <translation>Il numero della conversazione (#42: solo la conversazione numero 42) o l&apos;id sul canale di uno qualsiasi dei suoi messaggi.</translation>
    </message>
    <message>
        <source>Look the thread or post up on this channel only.</source>
        <translation>Cercare la conversazione o il messaggio solo su questo canale.</translation>
    </message>
    <message>
        <source>... and %1 more posts already in another thread.</source>
        <translation>... e altri %1 messaggi già presenti in un&apos;altra conversazione.</translation>
    </message>
    <message>
        <source>a guard configuration file</source>
        <translation>un file di configurazione della protezione</translation>
    </message>
    <message>
        <source>run the same command with --private instead of --public (on a channel that has private replies)</source>
        <translation>esegui lo stesso comando con --private al posto di --public (su un canale che ha le risposte private)</translation>
    </message>
    <message>
        <source>a policy file</source>
        <translation>un file di policy</translation>
    </message>
    <message>
        <source>%1 is too large for a policy file: %2 bytes; the limit is %3 bytes (1 MiB).</source>
        <translation>%1 è troppo grande per un file di policy: %2 byte; il limite è %3 byte (1 MiB).</translation>
    </message>
    <message>
        <source>To save what can still be read into a new cache: sportello-cli --database %1 salvage --to NEW.sqlite</source>
        <translation>Per salvare ciò che si può ancora leggere in un nuovo archivio locale: sportello-cli --database %1 salvage --to NUOVO.sqlite</translation>
    </message>
    <message>
        <source>The new cache to write (must not exist).</source>
        <translation>Il nuovo archivio locale da scrivere (non deve esistere).</translation>
    </message>
    <message>
        <source>salvage takes no arguments (got &quot;%1&quot;).</source>
        <translation>salvage non accetta argomenti (ricevuto &quot;%1&quot;).</translation>
    </message>
    <message>
        <source>salvage needs --to FILE, the new cache to write.</source>
        <translation>salvage richiede --to FILE, il nuovo archivio locale da scrivere.</translation>
    </message>
    <message>
        <source>%1 is damaged (%2); it was read without being changed.</source>
        <translation>%1 è danneggiato (%2); è stato letto senza modificarlo.</translation>
    </message>
    <message>
        <source>%1: %2 rows saved</source>
        <translation>%1: %2 righe salvate</translation>
    </message>
    <message>
        <source>, %1 rows not kept</source>
        <translation>, %1 righe non tenute</translation>
    </message>
    <message>
        <source>; the rest could not be read: %1</source>
        <translation>; il resto non si è potuto leggere: %1</translation>
    </message>
    <message>
        <source>Everything that was read is in %1.</source>
        <translation>Tutto ciò che è stato letto è in %1.</translation>
    </message>
    <message>
        <source>What could be read is in %1; the lines above say what was lost.</source>
        <translation>Ciò che si è potuto leggere è in %1; le righe qui sopra dicono che cosa è andato perso.</translation>
    </message>
    <message>
        <source>Copy what can be read of a damaged cache into a new cache, table by table; the damaged file is not changed.</source>
        <translation>Copia ciò che si può leggere di un archivio locale danneggiato in un nuovo archivio locale, tabella per tabella; il file danneggiato non viene modificato.</translation>
    </message>
    <message>
        <source>  signed in as %1</source>
        <translation>  accesso come %1</translation>
    </message>
    <message>
        <source>, renews itself</source>
        <translation>, si rinnova da solo</translation>
    </message>
    <message>
        <source>, expires %1</source>
        <translation>, scade il %1</translation>
    </message>
    <message>
        <source>%1 %2  %3  token: %4%5%6</source>
        <translation>%1 %2  %3  token: %4%5%6</translation>
    </message>
    <message>
        <source>account needs one action: sign-in, add, list, remove or app.</source>
        <translation>account richiede un&apos;azione: sign-in, add, list, remove o app.</translation>
    </message>
    <message>
        <source>Sign in to X or Facebook, or add, list or remove the channel accounts to sync. sign-in opens the platform&apos;s sign-in page in the browser (or prints its address) and stores the tokens in the system keychain; app sets the company&apos;s app it signs in through. add reads an access token from standard input into the system keychain, or with --token-env keeps only the name of the environment variable that holds it.</source>
        <translation>Accedi a X o Facebook, oppure aggiungi, elenca o rimuovi gli account dei canali da sincronizzare. sign-in apre nel browser la pagina di accesso della piattaforma (o ne stampa l&apos;indirizzo) e salva i token nel portachiavi di sistema; app imposta l&apos;app aziendale attraverso cui si accede. add legge un token di accesso dallo standard input nel portachiavi di sistema, oppure con --token-env conserva solo il nome della variabile d&apos;ambiente che lo contiene.</translation>
    </message>
    <message>
        <source>sign-in, app, add, list or remove.</source>
        <translation>sign-in, app, add, list o remove.</translation>
    </message>
    <message>
        <source>sign-in: print the sign-in address instead of opening the browser.</source>
        <translation>sign-in: stampa l&apos;indirizzo di accesso invece di aprire il browser.</translation>
    </message>
    <message>
        <source>sign-in --channel facebook: the Pages and Instagram accounts to add, &quot;all&quot; or their ids separated by commas (default: asked on standard input).</source>
        <translation>sign-in --channel facebook: le Pagine e gli account Instagram da aggiungere, &quot;all&quot; o i loro id separati da virgole (predefinito: chiesti sullo standard input).</translation>
    </message>
    <message>
        <source>IDS</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>sign-in: how long to wait for the browser&apos;s answer (default 600 seconds).</source>
        <translation>sign-in: quanto attendere la risposta del browser (predefinito 600 secondi).</translation>
    </message>
    <message>
        <source>app: the company&apos;s OAuth 2.0 client id (X) or app id (Meta).</source>
        <translation>app: il client id OAuth 2.0 (X) o l&apos;app id (Meta) dell&apos;azienda.</translation>
    </message>
    <message>
        <source>app --channel facebook: the company&apos;s endpoint that swaps a short-lived user token for a long-lived one (it holds the app secret); empty to remove.</source>
        <translation>app --channel facebook: il servizio aziendale che scambia un token utente di breve durata con uno di lunga durata (custodisce l&apos;app secret); vuoto per rimuoverlo.</translation>
    </message>
    <message>
        <source>app: the consent page (default: the platform&apos;s).</source>
        <translation>app: la pagina di consenso (predefinita: quella della piattaforma).</translation>
    </message>
    <message>
        <source>app: the token endpoint (default: the platform&apos;s).</source>
        <translation>app: il servizio dei token (predefinito: quello della piattaforma).</translation>
    </message>
    <message>
        <source>app: the API the sign-in asks who signed in (default: the platform&apos;s).</source>
        <translation>app: l&apos;API a cui l&apos;accesso chiede chi ha effettuato l&apos;accesso (predefinita: quella della piattaforma).</translation>
    </message>
    <message>
        <source>app: a fixed port for the sign-in&apos;s redirect to 127.0.0.1, when the app&apos;s registration needs one (0: any free port).</source>
        <translation>app: una porta fissa per il reindirizzamento dell&apos;accesso a 127.0.0.1, quando la registrazione dell&apos;app la richiede (0: una porta libera qualsiasi).</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>PORTA</translation>
    </message>
    <message>
        <source>Permissions granted: %1</source>
        <translation>Autorizzazioni concesse: %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nessuna)</translation>
    </message>
    <message>
        <source>Not granted: %1. %2</source>
        <translation>Non concessa: %1. %2</translation>
    </message>
    <message>
        <source>it renews itself</source>
        <translation>si rinnova da solo</translation>
    </message>
    <message>
        <source>it does not expire</source>
        <translation>non scade</translation>
    </message>
    <message>
        <source>it expires on %1</source>
        <translation>scade il %1</translation>
    </message>
    <message>
        <source>account sign-in needs --channel x or --channel facebook (Instagram accounts come with their Facebook Page).</source>
        <translation>account sign-in richiede --channel x o --channel facebook (gli account Instagram arrivano con la loro Pagina Facebook).</translation>
    </message>
    <message>
        <source>--wait needs a number of seconds, 1 or more.</source>
        <translation>--wait richiede un numero di secondi, 1 o più.</translation>
    </message>
    <message>
        <source>Your browser shows %1&apos;s sign-in page. If it did not open, open this address:</source>
        <translation>Il browser mostra la pagina di accesso di %1. Se non si è aperto, apri questo indirizzo:</translation>
    </message>
    <message>
        <source>Open this address in a browser to sign in to %1:</source>
        <translation>Apri questo indirizzo in un browser per accedere a %1:</translation>
    </message>
    <message>
        <source>Waiting for the answer on %1. If the browser runs on another machine, paste here the address it ended on (it starts with %1).</source>
        <translation>In attesa della risposta su %1. Se il browser è su un&apos;altra macchina, incolla qui l&apos;indirizzo a cui è arrivato (inizia con %1).</translation>
    </message>
    <message>
        <source>Signed in to X as %1. The x account %2 is ready; its token is in the system keychain and %3.</source>
        <translation>Accesso a X come %1. L&apos;account x %2 è pronto; il suo token è nel portachiavi di sistema e %3.</translation>
    </message>
    <message>
        <source>Signed in to Facebook as %1.</source>
        <translation>Accesso a Facebook come %1.</translation>
    </message>
    <message>
        <source>You manage no Facebook Page that Sportello could use: nothing was added.</source>
        <translation>Non gestisci alcuna Pagina Facebook che Sportello possa usare: non è stato aggiunto nulla.</translation>
    </message>
    <message>
        <source>; Instagram @%1 (%2)</source>
        <translation>; Instagram @%1 (%2)</translation>
    </message>
    <message>
        <source>Which to add? Numbers or ids separated by commas, &quot;all&quot;, or an empty line for none:</source>
        <translation>Quali aggiungere? Numeri o id separati da virgole, &quot;all&quot;, oppure una riga vuota per nessuno:</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a number of the list nor the id of one of your Pages or Instagram accounts.</source>
        <translation>&quot;%1&quot; non è né un numero dell&apos;elenco né l&apos;id di una delle tue Pagine o dei tuoi account Instagram.</translation>
    </message>
    <message>
        <source>Nothing added.</source>
        <translation>Non è stato aggiunto nulla.</translation>
    </message>
    <message>
        <source>Added the %1 account %2 (%3); its token is in the system keychain and %4.</source>
        <translation>Aggiunto l&apos;account %1 %2 (%3); il suo token è nel portachiavi di sistema e %4.</translation>
    </message>
    <message>
        <source>account app needs --channel x or --channel facebook.</source>
        <translation>account app richiede --channel x o --channel facebook.</translation>
    </message>
    <message>
        <source>--redirect-port needs a port number, or 0 for any free port.</source>
        <translation>--redirect-port richiede un numero di porta, oppure 0 per una porta libera qualsiasi.</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(non impostato)</translation>
    </message>
    <message>
        <source>client id: %1</source>
        <translation>client id: %1</translation>
    </message>
    <message>
        <source>consent page: %1</source>
        <translation>pagina di consenso: %1</translation>
    </message>
    <message>
        <source>token endpoint: %1</source>
        <translation>servizio dei token: %1</translation>
    </message>
    <message>
        <source>API: %1</source>
        <translation>API: %1</translation>
    </message>
    <message>
        <source>token exchange: %1</source>
        <translation>scambio dei token: %1</translation>
    </message>
    <message>
        <source>redirect: http://127.0.0.1:%1/</source>
        <translation>reindirizzamento: http://127.0.0.1:%1/</translation>
    </message>
    <message>
        <source>(any free port)</source>
        <translation>(una porta libera qualsiasi)</translation>
    </message>
    <message>
        <source>Team: %1 decisions went up (%2 held: a colleague decided first), %3 changes pulled in %4 pages; the cache holds the team&apos;s changes up to %5.</source>
        <translation>Team: %1 decisioni inviate al team (%2 trattenute: un collega ha deciso prima), %3 modifiche ricevute in %4 pagine; la cache contiene le modifiche del team fino alla %5.</translation>
    </message>
    <message>
        <source>%1 changes wait for what they belong to and are tried again at the next sync.</source>
        <translation>%1 modifiche attendono ciò a cui si riferiscono e vengono riprovate alla prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>The team sync failed: %1</source>
        <translation>La sincronizzazione con il team non è riuscita: %1</translation>
    </message>
    <message>
        <source>--%1 needs the name of an environment variable, not the password itself.</source>
        <translation>--%1 vuole il nome di una variabile d&apos;ambiente, non la password.</translation>
    </message>
    <message>
        <source>The environment variable %1 named by --%2 is empty or not set.</source>
        <translation>La variabile d&apos;ambiente %1 indicata da --%2 è vuota o non impostata.</translation>
    </message>
    <message>
        <source>Give the team database with --url postgresql://LOGIN@HOST:PORT/DATABASE.</source>
        <translation>Indica il database del team con --url postgresql://LOGIN@HOST:PORTA/DATABASE.</translation>
    </message>
    <message>
        <source>The team database %1 is up to date (schema %2).</source>
        <translation>Il database del team %1 è aggiornato (schema %2).</translation>
    </message>
    <message>
        <source>Created the team database %1 (schema %2). Add the team&apos;s agents with `sportello-cli team agent add`.</source>
        <translation>Creato il database del team %1 (schema %2). Aggiungi gli operatori del team con `sportello-cli team agent add`.</translation>
    </message>
    <message>
        <source>Upgraded the team database %1 from schema %2 to %3.</source>
        <translation>Aggiornato il database del team %1 dallo schema %2 al %3.</translation>
    </message>
    <message>
        <source>Password for %1 (not shown): </source>
        <translation>Password di %1 (non visualizzata): </translation>
    </message>
    <message>
        <source>No password on standard input: give it on one line, or use --password-env NAME.</source>
        <translation>Nessuna password sullo standard input: scrivila su una riga, oppure usa --password-env NOME.</translation>
    </message>
    <message>
        <source>Added %1 (%2) as %3. They join from their desktop with `sportello-cli team join --url URL --login %1` or in Settings &gt; Team.</source>
        <translation>Aggiunto %1 (%2) come %3. Entra nel team dal suo computer con `sportello-cli team join --url URL --login %1` o da Impostazioni &gt; Team.</translation>
    </message>
    <message>
        <source>  (cannot log in)</source>
        <translation>  (non può accedere)</translation>
    </message>
    <message>
        <source>  (valid until %1)</source>
        <translation>  (valido fino al %1)</translation>
    </message>
    <message>
        <source>team agent remove needs --login LOGIN.</source>
        <translation>team agent remove vuole --login LOGIN.</translation>
    </message>
    <message>
        <source>Removed %1 from the team; their decisions and audit entries stay.</source>
        <translation>%1 rimosso dal team; le sue decisioni e le voci del registro restano.</translation>
    </message>
    <message>
        <source>team join needs --url postgresql://HOST:PORT/DATABASE and --login LOGIN.</source>
        <translation>team join vuole --url postgresql://HOST:PORTA/DATABASE e --login LOGIN.</translation>
    </message>
    <message>
        <source>Team password for %1 (not shown): </source>
        <translation>Password del team per %1 (non visualizzata): </translation>
    </message>
    <message>
        <source>Could not keep the team password in the system keychain (%1): the cache did not join. Use --password-env NAME to give it through an environment variable instead.</source>
        <translation>Impossibile conservare la password del team nel portachiavi di sistema (%1): la cache non è entrata nel team. Usa --password-env NOME per darla con una variabile d&apos;ambiente.</translation>
    </message>
    <message>
        <source>Joined the team at %1 as %2.</source>
        <translation>Entrato nel team su %1 come %2.</translation>
    </message>
    <message>
        <source>Joined, but the first pull failed (`sportello-cli sync --once` tries again): %1</source>
        <translation>Entrato nel team, ma la prima ricezione non è riuscita (`sportello-cli sync --once` riprova): %1</translation>
    </message>
    <message>
        <source>The cache now holds the team&apos;s changes up to %1 (%2 pulled).</source>
        <translation>La cache contiene ora le modifiche del team fino alla %1 (%2 ricevute).</translation>
    </message>
    <message numerus="yes">
        <source>Warning: %Ln decision(s) taken here had not gone up to the team and never will; they stay in this cache.</source>
        <translation>
            <numerusform>Attenzione: %Ln decisione presa qui non era stata inviata al team e non lo sarà più; resta in questa cache.</numerusform>
            <numerusform>Attenzione: %Ln decisioni prese qui non erano state inviate al team e non lo saranno più; restano in questa cache.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left the team. The cache stays readable; syncs call the platforms again for the accounts it holds.</source>
        <translation>Uscito dal team. La cache resta leggibile; le sincronizzazioni tornano a chiamare le piattaforme per gli account che contiene.</translation>
    </message>
    <message>
        <source>Team: %1 as %2</source>
        <translation>Team: %1 come %2</translation>
    </message>
    <message>
        <source>Connection: online; the team&apos;s last change is %1.</source>
        <translation>Connessione: in linea; l&apos;ultima modifica del team è la %1.</translation>
    </message>
    <message>
        <source>Connection: offline (%1). Figures below are this cache&apos;s own.</source>
        <translation>Connessione: non in linea (%1). I dati seguenti sono quelli di questa cache.</translation>
    </message>
    <message>
        <source>Last change held: %1</source>
        <translation>Ultima modifica ricevuta: %1</translation>
    </message>
    <message>
        <source>Decisions waiting to go up: %1</source>
        <translation>Decisioni in attesa di invio al team: %1</translation>
    </message>
    <message>
        <source>Held decisions (a colleague decided first): %1</source>
        <translation>Decisioni trattenute (un collega ha deciso prima): %1</translation>
    </message>
    <message>
        <source>Changes waiting for what they belong to: %1</source>
        <translation>Modifiche in attesa di ciò a cui si riferiscono: %1</translation>
    </message>
    <message>
        <source>Lag: %1 changes behind, the oldest %2 s old.</source>
        <translation>Ritardo: %1 modifiche indietro, la più vecchia di %2 s.</translation>
    </message>
    <message>
        <source>The team database as a libpq URI: postgresql://LOGIN@HOST:PORT/DATABASE?sslmode=verify-full (TLS is required unless the server is on this machine).</source>
        <translation>Il database del team come URI libpq: postgresql://LOGIN@HOST:PORTA/DATABASE?sslmode=verify-full (TLS è obbligatorio se il server non è su questo computer).</translation>
    </message>
    <message>
        <source>agent, join: the agent&apos;s database login.</source>
        <translation>agent, join: il login dell&apos;operatore sul database.</translation>
    </message>
    <message>
        <source>agent add: the name colleagues see.</source>
        <translation>agent add: il nome che vedono i colleghi.</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>RUOLO</translation>
    </message>
    <message>
        <source>init: the environment variable holding the password of the URL&apos;s login; agent add: the one holding the new agent&apos;s password (default: read from standard input); join: the one holding the agent&apos;s password at every sync (default: read from standard input once and kept in the system keychain).</source>
        <translation>init: la variabile d&apos;ambiente con la password del login dell&apos;URL; agent add: quella con la password del nuovo operatore (predefinito: letta dallo standard input); join: quella con la password dell&apos;operatore a ogni sincronizzazione (predefinito: letta una volta dallo standard input e conservata nel portachiavi di sistema).</translation>
    </message>
    <message>
        <source>agent: the environment variable holding the password of the URL&apos;s login (default: PGPASSWORD or ~/.pgpass, as libpq reads them).</source>
        <translation>agent: la variabile d&apos;ambiente con la password del login dell&apos;URL (predefinito: PGPASSWORD o ~/.pgpass, come li legge libpq).</translation>
    </message>
    <message>
        <source>The team password could not be removed from the system keychain: %1</source>
        <translation>Impossibile togliere la password del team dal portachiavi di sistema: %1</translation>
    </message>
    <message>
        <source>--team needs a cache joined to a team (the hub&apos;s): run &quot;sportello-cli --database FILE team join --url URL --login HUB_LOGIN&quot; first.</source>
        <translation>--team richiede una cache unita a un team (quella dell&apos;hub): esegui prima &quot;sportello-cli --database FILE team join --url URL --login LOGIN_HUB&quot;.</translation>
    </message>
    <message>
        <source>The account was not added: %1</source>
        <translation>L&apos;account non è stato aggiunto: %1</translation>
    </message>
    <message>
        <source>The team serves it from this hub: every desktop of the team lists it.</source>
        <translation>Il team lo serve da questo hub: ogni postazione del team lo elenca.</translation>
    </message>
    <message>
        <source>add, remove: on the hub&apos;s cache joined to a team, also add the account to the team (every desktop lists it; the token stays here), or remove it.</source>
        <translation>add, remove: sulla cache dell&apos;hub unita a un team, aggiunge l&apos;account anche al team (ogni postazione lo elenca; il token resta qui), o lo rimuove.</translation>
    </message>
    <message>
        <source>This cache is not joined to a team: join it with &quot;sportello-cli --database FILE team join --url URL --login HUB_LOGIN&quot;, or give --team-url URL and --login here.</source>
        <translation>Questa cache non è unita a un team: uniscila con &quot;sportello-cli --database FILE team join --url URL --login LOGIN_HUB&quot;, oppure indica qui --team-url URL e --login.</translation>
    </message>
    <message>
        <source>team agent set needs the agent&apos;s login: team agent set LOGIN --url URL [profile options].</source>
        <translation>team agent set vuole il login dell&apos;operatore: team agent set LOGIN --url URL [opzioni del profilo].</translation>
    </message>
    <message>
        <source>team agent set needs at least one of --department, --skills-categories, --skills-channels, --skills-languages, --capacity, --scope-accounts, --scope-channels, --scope-categories.</source>
        <translation>team agent set vuole almeno una tra --department, --skills-categories, --skills-channels, --skills-languages, --capacity, --scope-accounts, --scope-channels, --scope-categories.</translation>
    </message>
    <message>
        <source>%1 is not an agent of this team.</source>
        <translation>%1 non è un operatore di questo team.</translation>
    </message>
    <message>
        <source>%1 now has: %2</source>
        <translation>%1 ora ha: %2</translation>
    </message>
    <message>
        <source>team needs an action: init, join, leave, status, agent add|list|set|remove, next, claim, release, assign, note, approvals, approve, reject, resubmit, routing show|use, approval show|set, or board.</source>
        <translation>team vuole un&apos;azione: init, join, leave, status, agent add|list|set|remove, next, claim, release, assign, note, approvals, approve, reject, resubmit, routing show|use, approval show|set, oppure board.</translation>
    </message>
    <message>
        <source>Team mode on PostgreSQL: init creates or upgrades the team database; agent add, list, set and remove manage the team&apos;s logins (each agent is a database login with the grants of its role) and their department, skills, capacity and scope; join makes this cache a replica of the team (sync then pushes decisions and pulls the team&apos;s changes), status shows where it stands, leave forgets the team. As the login this cache joined with: next claims the next thread routing gives you (exit 3 when none waits for you, 5 when you hold as many as your capacity), claim, release (exit 3 when there was no claim) and assign hold threads, note adds an internal note, approvals lists the replies awaiting approval and approve, reject and resubmit decide on them, routing and approval show or change the team&apos;s rules, board shows the supervisor&apos;s board.</source>
        <translation>Modalità team su PostgreSQL: init crea o aggiorna il database del team; agent add, list, set e remove gestiscono gli accessi del team (ogni operatore è un login del database con i permessi del suo ruolo) e il loro reparto, competenze, capacità e ambito; join rende questa cache una replica del team (sync invia allora le decisioni e riceve le modifiche del team), status mostra a che punto è, leave dimentica il team. Con il login con cui questa cache è entrata nel team: next prende in carico la prossima conversazione che l&apos;instradamento ti assegna (esce con 3 se non ne aspetta nessuna per te, con 5 se ne hai già quante la tua capacità), claim, release (esce con 3 se non c&apos;era nessuna presa in carico) e assign gestiscono le prese in carico, note aggiunge una nota interna, approvals elenca le risposte in attesa di approvazione e approve, reject e resubmit decidono su di esse, routing e approval mostrano o cambiano le regole del team, board mostra il quadro del supervisore.</translation>
    </message>
    <message>
        <source>init, join, leave, status, agent add|list|set|remove, next, claim, release, assign, note, approvals, approve, reject, resubmit, routing show|use, approval show|set, or board.</source>
        <translation>init, join, leave, status, agent add|list|set|remove, next, claim, release, assign, note, approvals, approve, reject, resubmit, routing show|use, approval show|set, oppure board.</translation>
    </message>
    <message>
        <source>agent list, status, next, claim, approvals, routing show and use, approval show and set, board: JSON objects, one per line.</source>
        <translation>agent list, status, next, claim, approvals, routing show e use, approval show e set, board: oggetti JSON, uno per riga.</translation>
    </message>
    <message>
        <source>no category</source>
        <translation>nessuna categoria</translation>
    </message>
    <message>
        <source>team %1 works as the login this cache joined the team with, and it has not joined one: run &quot;sportello-cli --database FILE team join --url URL --login LOGIN&quot; first.</source>
        <translation>team %1 lavora con il login con cui questa cache è entrata in un team, e non è entrata in nessuno: esegui prima &quot;sportello-cli --database FILE team join --url URL --login LOGIN&quot;.</translation>
    </message>
    <message>
        <source>The team database at %1 belongs to another team than the one this cache joined: refused.</source>
        <translation>Il database del team su %1 appartiene a un team diverso da quello in cui è entrata questa cache: rifiutato.</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator changes %1 (%2).</source>
        <translation>Solo un supervisore o un amministratore cambia %1 (%2).</translation>
    </message>
    <message>
        <source>team next takes no arguments.</source>
        <translation>team next non accetta argomenti.</translation>
    </message>
    <message>
        <source>Claimed %1: %2, language %3, waiting since %4, due at %5; yours until %6.</source>
        <translation>Presa in carico %1: %2, lingua %3, in attesa dal %4, scadenza %5; tua fino al %6.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>sconosciuta</translation>
    </message>
    <message>
        <source>No thread is waiting for you: routing gives you none that a colleague does not hold.</source>
        <translation>Nessuna conversazione ti aspetta: l&apos;instradamento non te ne assegna nessuna che non sia già in carico a un collega.</translation>
    </message>
    <message>
        <source>You already hold as many threads as your capacity allows: finish one, or let one go with `team release THREAD`.</source>
        <translation>Hai già in carico tutte le conversazioni che la tua capacità consente: concludine una, o lasciane una con `team release CONVERSAZIONE`.</translation>
    </message>
    <message>
        <source>team claim needs the thread: team claim CHANNEL:ID.</source>
        <translation>team claim vuole la conversazione: team claim CANALE:ID.</translation>
    </message>
    <message>
        <source>%1 is held by %2 (%3) since %4, until %5: ask them, or take it over with --take-over (the team&apos;s audit log records it).</source>
        <translation>%1 è in carico a %2 (%3) dal %4, fino al %5: chiedi a quel collega, oppure subentra con --take-over (il registro delle attività del team lo annota).</translation>
    </message>
    <message>
        <source>%1 is yours until %2.</source>
        <translation>%1 è in carico a te fino al %2.</translation>
    </message>
    <message>
        <source>team release needs the thread: team release CHANNEL:ID [--reason TEXT].</source>
        <translation>team release vuole la conversazione: team release CANALE:ID [--reason TESTO].</translation>
    </message>
    <message>
        <source>Nobody held %1: nothing to release.</source>
        <translation>Nessuno aveva in carico %1: niente da rilasciare.</translation>
    </message>
    <message>
        <source>Released %1.</source>
        <translation>Rilasciata %1.</translation>
    </message>
    <message>
        <source>team assign needs the thread and the agent: team assign CHANNEL:ID LOGIN.</source>
        <translation>team assign vuole la conversazione e l&apos;operatore: team assign CANALE:ID LOGIN.</translation>
    </message>
    <message>
        <source>Assigned %1 to %2.</source>
        <translation>%1 assegnata a %2.</translation>
    </message>
    <message>
        <source>team note needs the thread and the text: team note CHANNEL:ID TEXT.</source>
        <translation>team note vuole la conversazione e il testo: team note CANALE:ID TESTO.</translation>
    </message>
    <message>
        <source>A note needs some text.</source>
        <translation>Una nota ha bisogno di un testo.</translation>
    </message>
    <message>
        <source>Added a note to %1 (%2).</source>
        <translation>Aggiunta una nota a %1 (%2).</translation>
    </message>
    <message>
        <source>It mentions nobody.</source>
        <translation>Non menziona nessuno.</translation>
    </message>
    <message>
        <source>It mentions: %1</source>
        <translation>Menziona: %1</translation>
    </message>
    <message>
        <source>team %1 needs the outbox entry (as team approvals lists it): team %1 ENTRY.</source>
        <translation>team %1 vuole la voce della posta in uscita (come la elenca team approvals): team %1 VOCE.</translation>
    </message>
    <message>
        <source>team reject needs --comment TEXT: say why the reply goes back to its author.</source>
        <translation>team reject vuole --comment TESTO: spiega perché la risposta torna al suo autore.</translation>
    </message>
    <message>
        <source>team resubmit needs --text TEXT: the reply as edited.</source>
        <translation>team resubmit vuole --text TESTO: la risposta come modificata.</translation>
    </message>
    <message>
        <source>--text cannot be empty: a reply needs some text.</source>
        <translation>--text non può essere vuoto: una risposta ha bisogno di un testo.</translation>
    </message>
    <message>
        <source>Approved %1: the hub delivers it (state %2).</source>
        <translation>Approvata %1: la consegna l&apos;hub (stato %2).</translation>
    </message>
    <message>
        <source>Sent %1 back to its author (state %2).</source>
        <translation>%1 rimandata al suo autore (stato %2).</translation>
    </message>
    <message>
        <source>Resubmitted %1: it waits for a supervisor again (state %2).</source>
        <translation>%1 ripresentata: attende di nuovo un supervisore (stato %2).</translation>
    </message>
    <message>
        <source>team approvals takes no arguments.</source>
        <translation>team approvals non accetta argomenti.</translation>
    </message>
    <message>
        <source>  [sent back by %1: %2]</source>
        <translation>  [rimandata da %1: %2]</translation>
    </message>
    <message>
        <source>No reply was sent back.</source>
        <translation>Nessuna risposta è stata rimandata.</translation>
    </message>
    <message>
        <source>No reply awaits approval.</source>
        <translation>Nessuna risposta attende l&apos;approvazione.</translation>
    </message>
    <message>
        <source>Routing: %1</source>
        <translation>Instradamento: %1</translation>
    </message>
    <message>
        <source>Order: %1</source>
        <translation>Ordine: %1</translation>
    </message>
    <message numerus="yes">
        <source>Outside staff&apos;s head start: %Ln minute(s)</source>
        <translation>
            <numerusform>Vantaggio del personale esterno: %Ln minuto</numerusform>
            <numerusform>Vantaggio del personale esterno: %Ln minuti</numerusform>
        </translation>
    </message>
    <message>
        <source>Departments: none</source>
        <translation>Reparti: nessuno</translation>
    </message>
    <message>
        <source>Departments:</source>
        <translation>Reparti:</translation>
    </message>
    <message>
        <source>team routing needs show, or use skills|dedicated|mixed [--order most-urgent|longest-waiting] [--external-first-minutes N].</source>
        <translation>team routing vuole show, oppure use skills|dedicated|mixed [--order most-urgent|longest-waiting] [--external-first-minutes N].</translation>
    </message>
    <message>
        <source>Unknown routing &quot;%1&quot;: use skills, dedicated or mixed.</source>
        <translation>Instradamento &quot;%1&quot; sconosciuto: usa skills, dedicated o mixed.</translation>
    </message>
    <message>
        <source>Unknown order &quot;%1&quot;: use most-urgent or longest-waiting.</source>
        <translation>Ordine &quot;%1&quot; sconosciuto: usa most-urgent o longest-waiting.</translation>
    </message>
    <message>
        <source>--external-first-minutes takes a number of minutes from 0 to 1440.</source>
        <translation>--external-first-minutes vuole un numero di minuti da 0 a 1440.</translation>
    </message>
    <message>
        <source>the team&apos;s routing</source>
        <translation>l&apos;instradamento del team</translation>
    </message>
    <message>
        <source>The team&apos;s routing is now:</source>
        <translation>L&apos;instradamento del team ora è:</translation>
    </message>
    <message>
        <source>No public reply waits for a supervisor&apos;s approval.</source>
        <translation>Nessuna risposta pubblica attende l&apos;approvazione di un supervisore.</translation>
    </message>
    <message>
        <source>Public replies wait for a supervisor&apos;s approval when their author is: %1</source>
        <translation>Le risposte pubbliche attendono l&apos;approvazione di un supervisore quando il loro autore è: %1</translation>
    </message>
    <message>
        <source>In the categories: %1</source>
        <translation>Nelle categorie: %1</translation>
    </message>
    <message>
        <source>all</source>
        <translation>tutte</translation>
    </message>
    <message>
        <source>team approval needs show, or set with --roles ROLE,... and/or --categories CATEGORY,...</source>
        <translation>team approval vuole show, oppure set con --roles RUOLO,... e/o --categories CATEGORIA,...</translation>
    </message>
    <message>
        <source>which replies wait for approval</source>
        <translation>quali risposte attendono l&apos;approvazione</translation>
    </message>
    <message>
        <source>  nothing waiting</source>
        <translation>  niente in attesa</translation>
    </message>
    <message>
        <source>  %1: %2 waiting, %3 unclaimed, %4 overdue</source>
        <translation>  %1: %2 in attesa, %3 non in carico, %4 scadute</translation>
    </message>
    <message>
        <source>, the oldest since %1</source>
        <translation>, la più vecchia dal %1</translation>
    </message>
    <message>
        <source>team board takes no arguments.</source>
        <translation>team board non accetta argomenti.</translation>
    </message>
    <message>
        <source>The team&apos;s board at %1</source>
        <translation>Il quadro del team al %1</translation>
    </message>
    <message>
        <source>Agents:</source>
        <translation>Operatori:</translation>
    </message>
    <message>
        <source>%1 since %2, typing</source>
        <translation>%1 dal %2, sta scrivendo</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>%1 dal %2</translation>
    </message>
    <message>
        <source>online</source>
        <translation>in linea</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>non in linea</translation>
    </message>
    <message>
        <source>holds %1 of %2</source>
        <translation>ne ha in carico %1 su %2</translation>
    </message>
    <message>
        <source>Waiting by category:</source>
        <translation>In attesa per categoria:</translation>
    </message>
    <message>
        <source>Waiting by department:</source>
        <translation>In attesa per reparto:</translation>
    </message>
    <message>
        <source>Replies awaiting approval: %1; sent back to their authors: %2</source>
        <translation>Risposte in attesa di approvazione: %1; rimandate ai loro autori: %2</translation>
    </message>
    <message>
        <source>LIST</source>
        <translation>ELENCO</translation>
    </message>
    <message>
        <source>claim: take the thread over from the colleague who holds it (recorded in the team&apos;s audit log).</source>
        <translation>claim: subentra nella conversazione al collega che la ha in carico (annotato nel registro delle attività del team).</translation>
    </message>
    <message>
        <source>release: why (recorded when a supervisor releases a colleague&apos;s claim).</source>
        <translation>release: il motivo (annotato quando un supervisore rilascia la presa in carico di un collega).</translation>
    </message>
    <message>
        <source>approve: the reply as edited by the supervisor; resubmit: the reply as edited by its author.</source>
        <translation>approve: la risposta come modificata dal supervisore; resubmit: la risposta come modificata dal suo autore.</translation>
    </message>
    <message>
        <source>reject: why the reply goes back to its author; approve: a remark for the author.</source>
        <translation>reject: perché la risposta torna al suo autore; approve: un&apos;osservazione per l&apos;autore.</translation>
    </message>
    <message>
        <source>approvals: list the replies sent back to their authors instead, with the supervisor&apos;s comment.</source>
        <translation>approvals: elenca invece le risposte rimandate ai loro autori, con il commento del supervisore.</translation>
    </message>
    <message>
        <source>routing use: most-urgent (the nearest due time first, the default) or longest-waiting.</source>
        <translation>routing use: most-urgent (prima la scadenza più vicina, il predefinito) o longest-waiting (prima l&apos;attesa più lunga).</translation>
    </message>
    <message>
        <source>ORDER</source>
        <translation>ORDINE</translation>
    </message>
    <message>
        <source>routing use: how long outside staff have the threads of their scope to themselves under mixed (0 to 1440, default 30).</source>
        <translation>routing use: per quanti minuti, con mixed, il personale esterno ha solo per sé le conversazioni del suo ambito (da 0 a 1440, predefinito 30).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>approval set: the authors&apos; roles whose public replies wait for approval (agent, external, supervisor; empty: none).</source>
        <translation>approval set: i ruoli degli autori le cui risposte pubbliche attendono l&apos;approvazione (agent, external, supervisor; vuoto: nessuno).</translation>
    </message>
    <message>
        <source>approval set: only in these categories (complaint, assistance, non_negative; empty: all).</source>
        <translation>approval set: solo in queste categorie (complaint, assistance, non_negative; vuoto: tutte).</translation>
    </message>
    <message>
        <source>agent add, set: the agent&apos;s department (routing skills uses its categories for agents without skills).</source>
        <translation>agent add, set: il reparto dell&apos;operatore (l&apos;instradamento skills ne usa le categorie per gli operatori senza competenze proprie).</translation>
    </message>
    <message>
        <source>agent add, set: the categories the agent answers (comma-separated; empty: any).</source>
        <translation>agent add, set: le categorie a cui risponde l&apos;operatore (separate da virgole; vuoto: tutte).</translation>
    </message>
    <message>
        <source>agent add, set: the channels the agent answers (comma-separated; empty: any).</source>
        <translation>agent add, set: i canali su cui risponde l&apos;operatore (separati da virgole; vuoto: tutti).</translation>
    </message>
    <message>
        <source>agent add, set: the languages the agent answers, as codes such as it,en (empty: any).</source>
        <translation>agent add, set: le lingue in cui risponde l&apos;operatore, come codici quali it,en (vuoto: tutte).</translation>
    </message>
    <message>
        <source>agent add, set: how many threads the agent may hold at once (1 to 1000, default 5).</source>
        <translation>agent add, set: quante conversazioni l&apos;operatore può avere in carico insieme (da 1 a 1000, predefinito 5).</translation>
    </message>
    <message>
        <source>agent add, set (external only): the accounts, by id, whose threads the login sees.</source>
        <translation>agent add, set (solo external): gli account, per id, di cui il login vede le conversazioni.</translation>
    </message>
    <message>
        <source>agent add, set (external only): the channels whose threads the login sees.</source>
        <translation>agent add, set (solo external): i canali di cui il login vede le conversazioni.</translation>
    </message>
    <message>
        <source>agent add, set (external only): the categories whose threads the login sees.</source>
        <translation>agent add, set (solo external): le categorie di cui il login vede le conversazioni.</translation>
    </message>
    <message>
        <source>--capacity takes a number of threads from 1 to 1000, not &quot;%1&quot;.</source>
        <translation>--capacity vuole un numero di conversazioni da 1 a 1000, non &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>department %1</source>
        <translation>reparto %1</translation>
    </message>
    <message>
        <source>categories %1</source>
        <translation>categorie %1</translation>
    </message>
    <message>
        <source>channels %1</source>
        <translation>canali %1</translation>
    </message>
    <message>
        <source>languages %1</source>
        <translation>lingue %1</translation>
    </message>
    <message>
        <source>skills: %1</source>
        <translation>competenze: %1</translation>
    </message>
    <message>
        <source>any</source>
        <translation>tutte</translation>
    </message>
    <message>
        <source>capacity %1</source>
        <translation>capacità %1</translation>
    </message>
    <message>
        <source>accounts %1</source>
        <translation>account %1</translation>
    </message>
    <message>
        <source>scope: %1</source>
        <translation>ambito: %1</translation>
    </message>
    <message>
        <source>nothing (sees no thread)</source>
        <translation>nessuno (non vede alcuna conversazione)</translation>
    </message>
    <message>
        <source>%1  %2  thread #%3 (%4)  %5  reason: %6</source>
        <translation>%1  %2  conversazione n. %3 (%4)  %5  motivo: %6</translation>
    </message>
    <message numerus="yes">
        <source>%Ln override(s) of the guard.</source>
        <translation>
            <numerusform>%Ln eccezione al controllo dati personali.</numerusform>
            <numerusform>%Ln eccezioni al controllo dati personali.</numerusform>
        </translation>
    </message>
    <message>
        <source>With overrides: only those made from this day on (YYYY-MM-DD, local time).</source>
        <translation>Con overrides: solo quelle fatte da questo giorno in poi (AAAA-MM-GG, ora locale).</translation>
    </message>
    <message>
        <source>--override-guard goes with --public only.</source>
        <translation>--override-guard si usa solo con --public.</translation>
    </message>
    <message>
        <source>Unknown kind &quot;%1&quot; for --override-guard (expected %2).</source>
        <translation>Tipo &quot;%1&quot; sconosciuto per --override-guard (previsti: %2).</translation>
    </message>
    <message>
        <source>--override-guard needs --override-reason TEXT: say why the data is not personal data.</source>
        <translation>--override-guard richiede --override-reason TESTO: spiega perché il dato non è un dato personale.</translation>
    </message>
    <message>
        <source>--override-reason goes with --override-guard.</source>
        <translation>--override-reason si usa con --override-guard.</translation>
    </message>
    <message>
        <source>Thread %1: the guard finds no %2 in the reply: nothing to override.</source>
        <translation>Conversazione %1: il controllo dati personali non trova alcun %2 nella risposta: nessuna eccezione da fare.</translation>
    </message>
    <message>
        <source>With --public: the guard is wrong about these kinds (comma-separated, e.g. phone,plate); every finding of them is marked as not personal data, audited. Not tax_code nor iban.</source>
        <translation>Con --public: il controllo dati personali sbaglia su questi tipi (separati da virgole, per esempio phone,plate); ogni dato trovato di questi tipi è segnato come non personale, nel registro delle attività. Non per tax_code né iban.</translation>
    </message>
    <message>
        <source>KINDS</source>
        <translation>TIPI</translation>
    </message>
    <message>
        <source>Why the marked data is not personal data (required with --override-guard).</source>
        <translation>Perché il dato segnato non è un dato personale (obbligatorio con --override-guard).</translation>
    </message>
    <message>
        <source>Guard overrides (latest first): %1</source>
        <translation>Eccezioni al controllo dati personali (prima le più recenti): %1</translation>
    </message>
    <message>
        <source>  %1 %2 on %3/%4: %5 (reason: %6)</source>
        <translation>  %1 %2 su %3/%4: %5 (motivo: %6)</translation>
    </message>
    <message>
        <source>moderate needs hide or unhide, then the comment&apos;s id on the platform.</source>
        <translation>moderate richiede hide o unhide, poi l&apos;id del commento sulla piattaforma.</translation>
    </message>
    <message>
        <source>Unknown moderation &quot;%1&quot; (expected hide or unhide).</source>
        <translation>Moderazione &quot;%1&quot; sconosciuta (atteso hide o unhide).</translation>
    </message>
    <message>
        <source>moderate needs --reason (%1): the audit trail records why.</source>
        <translation>moderate richiede --reason (%1): il registro di audit ne conserva il motivo.</translation>
    </message>
    <message>
        <source>Unknown reason &quot;%1&quot; (expected %2).</source>
        <translation>Motivo &quot;%1&quot; sconosciuto (atteso %2).</translation>
    </message>
    <message>
        <source>--channel must be facebook or instagram.</source>
        <translation>--channel deve essere facebook o instagram.</translation>
    </message>
    <message>
        <source>moderate needs --agent NAME: every moderation is recorded with its agent.</source>
        <translation>moderate richiede --agent NOME: ogni moderazione è registrata con il suo operatore.</translation>
    </message>
    <message>
        <source>No Facebook or Instagram post in the cache has the id &quot;%1&quot;.</source>
        <translation>Nessun post Facebook o Instagram nella cache ha l&apos;id &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names %2 posts; give --channel to choose one:</source>
        <translation>&quot;%1&quot; indica %2 post; usa --channel per sceglierne uno:</translation>
    </message>
    <message>
        <source>  %1, thread #%2, @%3</source>
        <translation>  %1, conversazione n. %2, @%3</translation>
    </message>
    <message>
        <source>Comment %1: %2</source>
        <translation>Commento %1: %2</translation>
    </message>
    <message>
        <source>Comment %1 is hidden on %2 (thread #%3).</source>
        <translation>Il commento %1 è nascosto su %2 (conversazione n. %3).</translation>
    </message>
    <message>
        <source>Comment %1 is visible again on %2 (thread #%3).</source>
        <translation>Il commento %1 è di nuovo visibile su %2 (conversazione n. %3).</translation>
    </message>
    <message>
        <source>Hide a customer&apos;s comment on Facebook or Instagram, or show it again, with the reason in the audit trail.</source>
        <translation>Nasconde il commento di un cliente su Facebook o Instagram, o lo mostra di nuovo, con il motivo nel registro di audit.</translation>
    </message>
    <message>
        <source>The comment&apos;s id on the platform.</source>
        <translation>L&apos;id del commento sulla piattaforma.</translation>
    </message>
    <message>
        <source>COMMENT_ID</source>
        <translation>ID_COMMENTO</translation>
    </message>
    <message>
        <source>Why: personal_data, offensive, spam or other.</source>
        <translation>Perché: personal_data, offensive, spam o other.</translation>
    </message>
    <message>
        <source>R</source>
        <translation>M</translation>
    </message>
    <message>
        <source>The agent&apos;s note for the audit trail (required with --reason other; at most 200 characters).</source>
        <translation>La nota dell&apos;operatore per il registro di audit (obbligatoria con --reason other; al massimo 200 caratteri).</translation>
    </message>
    <message>
        <source>Look the comment up on this channel only.</source>
        <translation>Cerca il commento solo su questo canale.</translation>
    </message>
    <message>
        <source>Who moderates (default: the system user name).</source>
        <translation>Chi modera (predefinito: il nome utente di sistema).</translation>
    </message>
    <message>
        <source>inapp replies takes webhook URL, folder FOLDER or clear (nothing: show where replies go).</source>
        <translation>inapp replies accetta webhook URL, folder CARTELLA o clear (senza argomenti: mostra dove vanno le risposte).</translation>
    </message>
    <message>
        <source>Replies go to the webhook %1.</source>
        <translation>Le risposte vanno al webhook %1.</translation>
    </message>
    <message>
        <source>Replies are written into %1.</source>
        <translation>Le risposte vengono scritte in %1.</translation>
    </message>
    <message>
        <source>Replies to in-app messages have nowhere to go yet.</source>
        <translation>Le risposte ai messaggi in-app non hanno ancora una destinazione.</translation>
    </message>
    <message>
        <source>inapp folder takes at most one FOLDER.</source>
        <translation>inapp folder accetta al massimo una CARTELLA.</translation>
    </message>
    <message>
        <source>No in-app inbox is set.</source>
        <translation>Nessuna casella in-app impostata.</translation>
    </message>
    <message>
        <source>inapp needs scan, folder [FOLDER] or replies [...].</source>
        <translation>inapp richiede scan, folder [CARTELLA] o replies [...].</translation>
    </message>
    <message>
        <source>No in-app inbox is set: give --folder, or set one with &quot;inapp folder FOLDER&quot;.</source>
        <translation>Nessuna casella in-app impostata: usa --folder, oppure impostane una con &quot;inapp folder CARTELLA&quot;.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln new message(s).</source>
        <translation>
            <numerusform>%1: %Ln nuovo messaggio.</numerusform>
            <numerusform>%1: %Ln nuovi messaggi.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: left for the next scan: %2</source>
        <translation>%1: lasciato per la prossima lettura: %2</translation>
    </message>
    <message>
        <source>%1: rejected (moved to %2): %3</source>
        <translation>%1: rifiutato (spostato in %2): %3</translation>
    </message>
    <message>
        <source>The in-app inbox holds no file.</source>
        <translation>La casella in-app non contiene file.</translation>
    </message>
    <message>
        <source>Read the mobile app&apos;s support messages from the in-app inbox folder, set that folder, or set where replies go (a webhook or a folder).</source>
        <translation>Legge i messaggi di assistenza dell&apos;app dalla cartella della casella in-app, imposta quella cartella, o imposta dove vanno le risposte (un webhook o una cartella).</translation>
    </message>
    <message>
        <source>scan, folder or replies.</source>
        <translation>scan, folder o replies.</translation>
    </message>
    <message>
        <source>Scan this folder instead of the one set.</source>
        <translation>Legge questa cartella invece di quella impostata.</translation>
    </message>
    <message>
        <source>FOLDER</source>
        <translation>CARTELLA</translation>
    </message>
    <message>
        <source>With folder: no in-app inbox any more.</source>
        <translation>Con folder: nessuna casella in-app.</translation>
    </message>
    <message>
        <source>An app_store account needs --issuer-id ID, --key-id ID and --key-file FILE.p8 (the API key from App Store Connect).</source>
        <translation>Un account app_store richiede --issuer-id ID, --key-id ID e --key-file FILE.p8 (la chiave API di App Store Connect).</translation>
    </message>
    <message>
        <source>account %1 needs --channel facebook|instagram|x|google_play|app_store and --id ACCOUNT_ID.</source>
        <translation>account %1 richiede --channel facebook|instagram|x|google_play|app_store e --id ACCOUNT_ID.</translation>
    </message>
    <message>
        <source>Unknown channel &quot;%1&quot;: use facebook, instagram, x, google_play or app_store.</source>
        <translation>Canale sconosciuto &quot;%1&quot;: usa facebook, instagram, x, google_play o app_store.</translation>
    </message>
    <message>
        <source>%1; the API key was not stored.</source>
        <translation>%1; la chiave API non è stata salvata.</translation>
    </message>
    <message>
        <source>Added the %1 account %2 (%3); its API key is in the system keychain (the .p8 file is no longer needed here).</source>
        <translation>Aggiunto l&apos;account %1 %2 (%3); la sua chiave API è nel portachiavi di sistema (il file .p8 non serve più su questo computer).</translation>
    </message>
    <message>
        <source>facebook, instagram, x, google_play or app_store.</source>
        <translation>facebook, instagram, x, google_play o app_store.</translation>
    </message>
    <message>
        <source>The page, Instagram account or X user id; the app&apos;s package name on Google Play; the app id (a number) on App Store Connect.</source>
        <translation>L&apos;id della pagina, dell&apos;account Instagram o dell&apos;utente X; il nome del pacchetto dell&apos;app su Google Play; l&apos;id dell&apos;app (un numero) su App Store Connect.</translation>
    </message>
    <message>
        <source>app_store: the issuer id of the team&apos;s API keys (App Store Connect, Users and Access, Integrations).</source>
        <translation>app_store: l&apos;issuer id delle chiavi API del team (App Store Connect, Utenti e accessi, Integrazioni).</translation>
    </message>
    <message>
        <source>app_store: the id of the API key.</source>
        <translation>app_store: l&apos;id della chiave API.</translation>
    </message>
    <message>
        <source>app_store: the API key&apos;s .p8 file; it is copied into the system keychain.</source>
        <translation>app_store: il file .p8 della chiave API; viene copiato nel portachiavi di sistema.</translation>
    </message>
    <message>
        <source>customer takes: show THREAD, suggest THREAD, link THREAD CHANNEL:AUTHOR_ID, unlink CHANNEL:AUTHOR_ID, note THREAD TEXT, set-ref THREAD REFERENCE, clear-ref THREAD, crm-template [URL], crm-url THREAD.</source>
        <translation>customer accetta: show THREAD, suggest THREAD, link THREAD CANALE:ID_AUTORE, unlink CANALE:ID_AUTORE, note THREAD TESTO, set-ref THREAD RIFERIMENTO, clear-ref THREAD, crm-template [URL], crm-url THREAD.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not CHANNEL:AUTHOR_ID (for example x:1551234567).</source>
        <translation>&quot;%1&quot; non è CANALE:ID_AUTORE (per esempio x:1551234567).</translation>
    </message>
    <message>
        <source>No author %1 in this cache.</source>
        <translation>Nessun autore %1 in questa cache.</translation>
    </message>
    <message>
        <source>customer %1 needs --agent NAME: every change is audited.</source>
        <translation>customer %1 richiede --agent NOME: ogni modifica è registrata.</translation>
    </message>
    <message>
        <source>The CRM address template is set.</source>
        <translation>Il modello dell&apos;indirizzo del CRM è impostato.</translation>
    </message>
    <message>
        <source>The CRM address template is removed.</source>
        <translation>Il modello dell&apos;indirizzo del CRM è rimosso.</translation>
    </message>
    <message>
        <source>Thread %1 has no customer&apos;s post in this cache.</source>
        <translation>La conversazione %1 non ha post del cliente in questa cache.</translation>
    </message>
    <message>
        <source>No CRM address template is set (customer crm-template URL).</source>
        <translation>Nessun modello di indirizzo del CRM impostato (customer crm-template URL).</translation>
    </message>
    <message>
        <source>Linked %1 to the customer of thread %2.</source>
        <translation>%1 collegato al cliente della conversazione %2.</translation>
    </message>
    <message>
        <source>Unlinked %1.</source>
        <translation>%1 scollegato.</translation>
    </message>
    <message>
        <source>Note added to the customer of thread %1.</source>
        <translation>Nota aggiunta al cliente della conversazione %1.</translation>
    </message>
    <message>
        <source>Policyholder reference stored, verified in thread %1.</source>
        <translation>Riferimento del contraente registrato, verificato nella conversazione %1.</translation>
    </message>
    <message>
        <source>Policyholder reference cleared.</source>
        <translation>Riferimento del contraente cancellato.</translation>
    </message>
    <message>
        <source>The customer behind a thread: show the card, suggest, link and unlink identities, notes, the policyholder reference, the CRM address.</source>
        <translation>Il cliente dietro una conversazione: mostra la scheda, suggerisce, collega e scollega identità, note, il riferimento del contraente, l&apos;indirizzo del CRM.</translation>
    </message>
    <message>
        <source>One JSON object on one line.</source>
        <translation>Un oggetto JSON su una riga.</translation>
    </message>
    <message>
        <source>Remove the CRM address template.</source>
        <translation>Rimuove il modello dell&apos;indirizzo del CRM.</translation>
    </message>
    <message>
        <source>handoff update needs one CASE_REFERENCE.</source>
        <translation>handoff update richiede un CASE_REFERENCE.</translation>
    </message>
    <message>
        <source>handoff update needs --status received, in_progress or resolved.</source>
        <translation>handoff update richiede --status received, in_progress o resolved.</translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;: use received, in_progress or resolved.</source>
        <translation>Stato &quot;%1&quot; sconosciuto: usare received, in_progress o resolved.</translation>
    </message>
    <message>
        <source>--answer goes with --status resolved: it becomes the reply the agent sends to the customer.</source>
        <translation>--answer va con --status resolved: diventa la risposta che l&apos;operatore invia al cliente.</translation>
    </message>
    <message>
        <source>%1 is already %2: nothing to record.</source>
        <translation>%1 è già %2: niente da registrare.</translation>
    </message>
    <message>
        <source>%1: %2 -&gt; %3.</source>
        <translation>%1: %2 -&gt; %3.</translation>
    </message>
    <message>
        <source>The complaint&apos;s 45-day clock on thread %1 is stopped.</source>
        <translation>Il termine di 45 giorni del reclamo sulla conversazione %1 è fermato.</translation>
    </message>
    <message>
        <source>The complaint&apos;s 45-day clock on thread %1 runs again.</source>
        <translation>Il termine di 45 giorni del reclamo sulla conversazione %1 riprende a decorrere.</translation>
    </message>
    <message>
        <source>The answer is now the draft reply on thread %1.</source>
        <translation>La risposta è ora la bozza sulla conversazione %1.</translation>
    </message>
    <message>
        <source>The answer was added below the agent&apos;s draft on thread %1.</source>
        <translation>La risposta è stata aggiunta sotto la bozza dell&apos;operatore sulla conversazione %1.</translation>
    </message>
    <message>
        <source>handoff show needs one CASE_REFERENCE.</source>
        <translation>handoff show richiede un CASE_REFERENCE.</translation>
    </message>
    <message>
        <source>No delivered hand-off has the case reference %1.</source>
        <translation>Nessun inoltro consegnato ha il riferimento pratica %1.</translation>
    </message>
    <message>
        <source>%1 (thread %2): %3 since %4</source>
        <translation>%1 (conversazione %2): %3 dal %4</translation>
    </message>
    <message>
        <source>  %1  %2  (%3%4)</source>
        <translation>  %1  %2  (%3%4)</translation>
    </message>
    <message>
        <source>handoff scan takes no arguments.</source>
        <translation>handoff scan non accetta argomenti.</translation>
    </message>
    <message>
        <source>No hand-off folder is configured.</source>
        <translation>Nessuna cartella per gli inoltri è configurata.</translation>
    </message>
    <message>
        <source>Status files: %1 recorded, %2 already known, %3 refused.</source>
        <translation>File di stato: %1 registrati, %2 già noti, %3 rifiutati.</translation>
    </message>
    <message>
        <source>handoff takes: update CASE_REFERENCE --status STATUS, show CASE_REFERENCE, or scan.</source>
        <translation>handoff accetta: update CASE_REFERENCE --status STATO, show CASE_REFERENCE oppure scan.</translation>
    </message>
    <message>
        <source>Record customer care&apos;s answer to a hand-off (received, in progress, resolved), show a hand-off&apos;s state and history, or read the status files in the hand-off folder.</source>
        <translation>Registra la risposta del servizio clienti a un inoltro (ricevuto, in lavorazione, risolto), mostra stato e cronologia di un inoltro, o legge i file di stato nella cartella degli inoltri.</translation>
    </message>
    <message>
        <source>received, in_progress or resolved.</source>
        <translation>received, in_progress o resolved.</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>STATO</translation>
    </message>
    <message>
        <source>With resolved: customer care&apos;s answer, which becomes the agent&apos;s draft reply.</source>
        <translation>Con resolved: la risposta del servizio clienti, che diventa la bozza di risposta dell&apos;operatore.</translation>
    </message>
    <message>
        <source>Who at customer care reports it.</source>
        <translation>Chi la comunica per il servizio clienti.</translation>
    </message>
    <message>
        <source>When the state changed (ISO 8601 with Z or an offset); default: now.</source>
        <translation>Quando è cambiato lo stato (ISO 8601 con Z o una differenza dal fuso); predefinito: adesso.</translation>
    </message>
    <message>
        <source>show: one JSON object.</source>
        <translation>show: un oggetto JSON.</translation>
    </message>
    <message>
        <source>Unknown table &quot;%1&quot;: use cetif, purpose, histogram or handoffs.</source>
        <translation>Tabella &quot;%1&quot; sconosciuta: usare cetif, purpose, histogram o handoffs.</translation>
    </message>
    <message>
        <source>Export the cetif, purpose, histogram or handoffs table.</source>
        <translation>Esporta la tabella cetif, purpose, histogram o handoffs.</translation>
    </message>
    <message>
        <source>Export a CSV report: the post-level log, or figures grouped by category, decision, channel, star rating, agent, day, week, department or skill, or the Cetif, purpose, histogram or hand-offs table (columns in docs/reports.md). Refused to outside staff (the team&apos;s policy).</source>
        <translation>Esporta un report CSV: il registro per messaggio, o i dati raggruppati per categoria, decisione, canale, valutazione in stelle, operatore, giorno, settimana, reparto o competenza, o la tabella Cetif, finalità, istogramma o inoltri (colonne in docs/reports.md). Negato al personale esterno (regola del team).</translation>
    </message>
    <message>
        <source>Aggregate by these fields, comma-separated: category, decision, channel, rating, agent, day, week, department, skill.</source>
        <translation>Raggruppa per questi campi, separati da virgole: category, decision, channel, rating, agent, day, week, department, skill.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln reports of customer care on hand-offs sent to the team database.</source>
        <translation>
            <numerusform>%Ln segnalazione del servizio clienti su un inoltro inviata al database del team.</numerusform>
            <numerusform>%Ln segnalazioni del servizio clienti sugli inoltri inviate al database del team.</numerusform>
        </translation>
    </message>
    <message>
        <source>The intake&apos;s options need --intake-listen HOST:PORT.</source>
        <translation>Le opzioni dell&apos;intake richiedono --intake-listen HOST:PORTA.</translation>
    </message>
    <message>
        <source>--intake-listen needs an IP address and a port, like 0.0.0.0:8443 or [::1]:8080: %1</source>
        <translation>--intake-listen richiede un indirizzo IP e una porta, come 0.0.0.0:8443 o [::1]:8080: %1</translation>
    </message>
    <message>
        <source>--intake-cert and --intake-key go together.</source>
        <translation>--intake-cert e --intake-key vanno indicati insieme.</translation>
    </message>
    <message>
        <source>The intake listens on %1 only with TLS: give --intake-cert and --intake-key (plain HTTP is served on a loopback address only).</source>
        <translation>L&apos;intake ascolta su %1 solo con TLS: indica --intake-cert e --intake-key (l&apos;HTTP in chiaro è servito solo su un indirizzo di loopback).</translation>
    </message>
    <message>
        <source>--intake-app needs APP=VAR: the app&apos;s name (letters, digits, dots, dashes, underscores) and the environment variable holding its secret: %1</source>
        <translation>--intake-app richiede APP=VAR: il nome dell&apos;app (lettere, cifre, punti, trattini, trattini bassi) e la variabile d&apos;ambiente che ne contiene il segreto: %1</translation>
    </message>
    <message>
        <source>The app %1 is given twice.</source>
        <translation>L&apos;app %1 è indicata due volte.</translation>
    </message>
    <message>
        <source>The intake serves nobody: give --intake-app APP=VAR and/or --care-secret-env VAR.</source>
        <translation>L&apos;intake non serve nessuno: indica --intake-app APP=VAR e/o --care-secret-env VAR.</translation>
    </message>
    <message>
        <source>Intake listening on %1://%2:%3 for the apps %4; care&apos;s status callback %5.</source>
        <translation>Intake in ascolto su %1://%2:%3 per le app %4; callback di stato del servizio clienti %5.</translation>
    </message>
    <message>
        <source>Accept in-app messages and care&apos;s status callbacks over HTTPS on this address and port (docs/hub.md, &quot;Intake&quot;).</source>
        <translation>Accetta i messaggi in-app e le callback di stato del servizio clienti via HTTPS su questo indirizzo e porta (docs/hub.md, &quot;Intake&quot;).</translation>
    </message>
    <message>
        <source>HOST:PORT</source>
        <translation>HOST:PORTA</translation>
    </message>
    <message>
        <source>The intake&apos;s TLS certificate (PEM, with its chain); required unless it listens on a loopback address.</source>
        <translation>Il certificato TLS dell&apos;intake (PEM, con la sua catena); obbligatorio salvo che ascolti su un indirizzo di loopback.</translation>
    </message>
    <message>
        <source>The certificate&apos;s private key (PEM, unencrypted).</source>
        <translation>La chiave privata del certificato (PEM, non cifrata).</translation>
    </message>
    <message>
        <source>An app whose backend may post messages, and the environment variable holding its secret (repeat for each app).</source>
        <translation>Un&apos;app il cui backend può inviare messaggi, e la variabile d&apos;ambiente che ne contiene il segreto (ripeti per ogni app).</translation>
    </message>
    <message>
        <source>APP=VAR</source>
        <translation>APP=VAR</translation>
    </message>
    <message>
        <source>The environment variable holding customer care&apos;s secret for the status callback.</source>
        <translation>La variabile d&apos;ambiente che contiene il segreto del servizio clienti per la callback di stato.</translation>
    </message>
    <message>
        <source>%1 customer changes (identity links, notes, policyholder references) were refused by the team database (this login may not share customers, or a value is not one the team takes). They stay on this desktop.</source>
        <translation>%1 modifiche ai clienti (collegamenti di identità, note, riferimenti di polizza) sono state rifiutate dal database del team (questo login non può condividere i clienti, o un valore non è accettato dal team). Restano su questo computer.</translation>
    </message>
    <message>
        <source>%1 reports of customer care were refused by the team database (a thread outside this login&apos;s scope, or a forward the team does not hold). They stay on this desktop.</source>
        <translation>%1 segnalazioni del servizio clienti sono state rifiutate dal database del team (una conversazione fuori dall&apos;ambito di questo login, o un inoltro che il team non ha). Restano su questo computer.</translation>
    </message>
    <message>
        <source>%1  %2 %3 comment %4 (%5): %6</source>
        <translation>%1  %2 %3 commento %4 (%5): %6</translation>
    </message>
    <message>
        <source>No moderation request for the hub.</source>
        <translation>Nessuna richiesta di moderazione per l&apos;hub.</translation>
    </message>
    <message>
        <source>Comment %1: the request for the hub is recorded and goes up with the next sync (the team database cannot be reached: %2).</source>
        <translation>Commento %1: la richiesta per l&apos;hub è registrata e sarà inviata con la prossima sincronizzazione (il database del team non è raggiungibile: %2).</translation>
    </message>
    <message>
        <source>Comment %1: sent to the hub, which asks %2 (request %3).</source>
        <translation>Commento %1: inviato all&apos;hub, che inoltra la richiesta a %2 (richiesta %3).</translation>
    </message>
    <message>
        <source>Comment %1: no answer from the hub in %2 s (%3); `sportello-cli moderate status` shows it later.</source>
        <translation>Commento %1: nessuna risposta dall&apos;hub in %2 s (%3); `sportello-cli moderate status` la mostrerà più tardi.</translation>
    </message>
    <message>
        <source>--wait is for a cache in a team, where the hub performs the request.</source>
        <translation>--wait vale per una cache in un team, dove è l&apos;hub a eseguire la richiesta.</translation>
    </message>
    <message>
        <source>In a team: wait this long for the hub&apos;s outcome (exit 0 done, 1 refused, 4 no answer yet).</source>
        <translation>In un team: attendere fino a questo tempo l&apos;esito dell&apos;hub (uscita 0 fatto, 1 rifiutato, 4 ancora nessuna risposta).</translation>
    </message>
    <message>
        <source>With status: the whole team&apos;s requests, not only this desktop&apos;s.</source>
        <translation>Con status: le richieste di tutto il team, non solo di questa postazione.</translation>
    </message>
    <message>
        <source>--service-account-file is for google_play accounts.</source>
        <translation>--service-account-file è per gli account google_play.</translation>
    </message>
    <message>
        <source>Give either --service-account-file or --token-env, not both.</source>
        <translation>Indica --service-account-file oppure --token-env, non entrambi.</translation>
    </message>
    <message>
        <source>Added the %1 account %2 (%3); its service-account key is in the system keychain (the .json file is no longer needed here).</source>
        <translation>Aggiunto l&apos;account %1 %2 (%3); la chiave del suo account di servizio è nel portachiavi di sistema (il file .json non serve più qui).</translation>
    </message>
    <message>
        <source>google_play: sign in as a Google Cloud service account with its .json key file instead of an access token; the key is copied into the system keychain.</source>
        <translation>google_play: accedi come account di servizio Google Cloud con il suo file .json della chiave invece di un token di accesso; la chiave viene copiata nel portachiavi di sistema.</translation>
    </message>
    <message>
        <source>the webhook %1</source>
        <translation>il webhook %1</translation>
    </message>
    <message>
        <source>Replies to %1 go to the webhook %2.</source>
        <translation>Le risposte a %1 vanno al webhook %2.</translation>
    </message>
    <message>
        <source>Replies to %1 are written into %2.</source>
        <translation>Le risposte a %1 vengono scritte in %2.</translation>
    </message>
    <message>
        <source>--app takes the app&apos;s name: 1 to 64 letters, digits, dots, dashes or underscores.</source>
        <translation>--app vuole il nome dell&apos;app: da 1 a 64 lettere, cifre, punti, trattini o trattini bassi.</translation>
    </message>
    <message>
        <source>Replies to %1 go where the other apps&apos; go: %2.</source>
        <translation>Le risposte a %1 vanno dove vanno quelle delle altre app: %2.</translation>
    </message>
    <message>
        <source>Replies to %1 have nowhere to go yet.</source>
        <translation>Le risposte a %1 non hanno ancora una destinazione.</translation>
    </message>
    <message>
        <source>With replies: this app&apos;s own destination, used instead of the default for its threads.</source>
        <translation>Con replies: la destinazione propria di questa app, usata al posto di quella predefinita per le sue conversazioni.</translation>
    </message>
    <message>
        <source>APP</source>
        <translation>APP</translation>
    </message>
    <message>
        <source>moderate cancel needs the comment&apos;s id on the platform.</source>
        <translation>moderate cancel richiede l&apos;id del commento sulla piattaforma.</translation>
    </message>
    <message>
        <source>moderate cancel is for a cache in a team: alone, a moderation is performed at once.</source>
        <translation>moderate cancel vale per una cache in un team: da soli la moderazione è eseguita subito.</translation>
    </message>
    <message>
        <source>Comment %1: the request had not gone up to the team; it is cancelled.</source>
        <translation>Commento %1: la richiesta non era ancora arrivata al team; è annullata.</translation>
    </message>
    <message>
        <source>Comment %1: no request for the hub is open.</source>
        <translation>Commento %1: nessuna richiesta all&apos;hub è aperta.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has open requests on %2 channels; give --channel to choose one.</source>
        <translation>&quot;%1&quot; ha richieste aperte su %2 canali; indica --channel per sceglierne uno.</translation>
    </message>
    <message>
        <source>Comment %1: the hub is already performing the request (%2): it can no longer be cancelled.</source>
        <translation>Commento %1: l&apos;hub sta già eseguendo la richiesta (%2): non si può più annullare.</translation>
    </message>
    <message>
        <source>Comment %1: the team database cannot be reached (%2); nothing was cancelled.</source>
        <translation>Commento %1: il database del team non è raggiungibile (%2); non è stato annullato nulla.</translation>
    </message>
    <message>
        <source>Comment %1: the request was settled meanwhile (%2).</source>
        <translation>Commento %1: nel frattempo la richiesta si è conclusa (%2).</translation>
    </message>
    <message>
        <source>Comment %1: the request to the hub is cancelled.</source>
        <translation>Commento %1: la richiesta all&apos;hub è annullata.</translation>
    </message>
    <message>
        <source>hide or unhide (or, in a team, status: the requests for the hub; cancel: withdraw the comment&apos;s pending one).</source>
        <translation>hide o unhide (oppure, in un team, status: le richieste all&apos;hub; cancel: ritira quella in attesa sul commento).</translation>
    </message>
    <message>
        <source>%1 · %2 · confidence %3 · %4</source>
        <translation>%1 · %2 · affidabilità %3 · %4</translation>
    </message>
    <message>
        <source>privacy export takes no other arguments than its options.</source>
        <translation>privacy export non accetta altri argomenti oltre alle sue opzioni.</translation>
    </message>
    <message>
        <source>privacy export needs --author CHANNEL:AUTHOR_ID and --out FILE.</source>
        <translation>privacy export richiede --author CANALE:ID_AUTORE e --out FILE.</translation>
    </message>
    <message>
        <source>Unknown format &quot;%1&quot;: use html or json.</source>
        <translation>Formato &quot;%1&quot; sconosciuto: usare html o json.</translation>
    </message>
    <message numerus="yes">
        <source>Wrote the data of %1 (%Ln post(s)) to %2.</source>
        <translation>
            <numerusform>Scritti i dati di %1 (%Ln post) in %2.</numerusform>
            <numerusform>Scritti i dati di %1 (%Ln post) in %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>privacy access-log takes no other arguments than its options.</source>
        <translation>privacy access-log non accetta altri argomenti oltre alle sue opzioni.</translation>
    </message>
    <message>
        <source>The access records are read by the team&apos;s data protection officer (role dpo) alone; this cache joined the team as %1.</source>
        <translation>I registri degli accessi li legge solo il responsabile della protezione dei dati del team (ruolo dpo); questo archivio locale è entrato nel team come %1.</translation>
    </message>
    <message>
        <source>export: the person, as one of their accounts (linked accounts come too).</source>
        <translation>export: la persona, indicata con uno dei suoi account (vengono inclusi anche gli account collegati).</translation>
    </message>
    <message>
        <source>CHANNEL:ID</source>
        <translation>CANALE:ID</translation>
    </message>
    <message>
        <source>export: the file to write.</source>
        <translation>export: il file da scrivere.</translation>
    </message>
    <message>
        <source>export: html (a readable page, the default) or json (for another system).</source>
        <translation>export: html (una pagina leggibile, il predefinito) o json (per un altro sistema).</translation>
    </message>
    <message>
        <source>export: who signs the access record (alone; default: the system&apos;s user); access-log: only this agent&apos;s records (a login in a team).</source>
        <translation>export: chi firma il registro dell&apos;accesso (da soli; predefinito: l&apos;utente di sistema); access-log: solo i registri di questo operatore (un login in un team).</translation>
    </message>
    <message>
        <source>access-log: from this day (YYYY-MM-DD, local time).</source>
        <translation>access-log: da questo giorno (AAAA-MM-GG, ora locale).</translation>
    </message>
    <message>
        <source>access-log: up to this day, included.</source>
        <translation>access-log: fino a questo giorno, incluso.</translation>
    </message>
    <message>
        <source>access-log: one JSON array on one line.</source>
        <translation>access-log: un array JSON su una riga.</translation>
    </message>
    <message>
        <source>Who records the change (show: who opens the card; default the system&apos;s user).</source>
        <translation>Chi registra la modifica (show: chi apre la scheda; predefinito l&apos;utente di sistema).</translation>
    </message>
    <message>
        <source>privacy takes: %1.</source>
        <translation>privacy accetta: %1.</translation>
    </message>
    <message>
        <source>privacy erase needs --reason TEXT: why the person&apos;s data is erased (it is audited; do not name the person).</source>
        <translation>privacy erase richiede --reason TEXT: perché i dati della persona vengono cancellati (resta nel registro di audit; non nominare la persona).</translation>
    </message>
    <message>
        <source>privacy erase needs --agent NAME: the erasure is audited.</source>
        <translation>privacy erase richiede --agent NAME: la cancellazione resta nel registro di audit.</translation>
    </message>
    <message>
        <source>Erased: %1 identities, %2 posts, %3 whole threads (%4 decisions, %5 outbox entries, %6 drafts, %7 notes), %8 customer cards. The cache keeps no copy in its free space.</source>
        <translation>Cancellati: %1 identità, %2 post, %3 conversazioni intere (%4 decisioni, %5 voci della coda di invio, %6 bozze, %7 note), %8 schede cliente. L&apos;archivio locale non ne conserva copie nello spazio libero.</translation>
    </message>
    <message>
        <source>The cache was rewritten: no free page, log frame or index segment keeps erased data.</source>
        <translation>L&apos;archivio locale è stato riscritto: nessuna pagina libera, frame del registro o segmento dell&apos;indice conserva dati cancellati.</translation>
    </message>
    <message>
        <source>JSON on one line (access-log: one array).</source>
        <translation>JSON su una riga (access-log: un array).</translation>
    </message>
    <message>
        <source>The person (erase, export): one of their identities, as the channel and the platform&apos;s id; linked identities come too.</source>
        <translation>La persona (erase, export): una delle sue identità, come canale e id della piattaforma; vengono incluse anche le identità collegate.</translation>
    </message>
    <message>
        <source>CHANNEL:AUTHOR_ID</source>
        <translation>CANALE:ID_AUTORE</translation>
    </message>
    <message>
        <source>Why the data is erased (audited).</source>
        <translation>Perché i dati vengono cancellati (resta nel registro di audit).</translation>
    </message>
    <message>
        <source>The reference of the person&apos;s request (audited).</source>
        <translation>Il riferimento della richiesta della persona (resta nel registro di audit).</translation>
    </message>
    <message>
        <source>REF</source>
        <translation>RIF</translation>
    </message>
    <message>
        <source>Who erases or exports (default: the system&apos;s user); access-log: only this agent&apos;s records (a login in a team).</source>
        <translation>Chi cancella o esporta (predefinito: l&apos;utente del sistema); access-log: solo le registrazioni di questo operatore (un login, in un team).</translation>
    </message>
    <message>
        <source>Personal data: erase one person on request, the retention policy, one person&apos;s data export (a GDPR access request) and who opened or exported personal data (the access records).</source>
        <translation>Dati personali: cancellazione di una persona su richiesta, la politica di conservazione, l&apos;esportazione dei dati di una persona (una richiesta di accesso GDPR) e chi ha aperto o esportato dati personali (le registrazioni di accesso).</translation>
    </message>
    <message>
        <source>--pseudonymise and --personal-data cannot be used together.</source>
        <translation>--pseudonymise e --personal-data non si possono usare insieme.</translation>
    </message>
    <message>
        <source>--include-policyholder-ref needs --personal-data.</source>
        <translation>--include-policyholder-ref richiede --personal-data.</translation>
    </message>
    <message>
        <source>Replace author handles and names (and @mentions) with a keyed hash, stable within this export (the default).</source>
        <translation>Sostituisce handle e nomi degli autori (e le @menzioni) con un hash con chiave, stabile all&apos;interno di questa esportazione (il comportamento predefinito).</translation>
    </message>
    <message>
        <source>Keep customers&apos; handles, names and ids as they are (in a team: supervisors, admins and the data protection officer only).</source>
        <translation>Mantiene handle, nomi e id dei clienti così come sono (in un team: solo supervisori, amministratori e responsabile della protezione dei dati).</translation>
    </message>
    <message>
        <source>With --personal-data: keep customers&apos; policyholder references in the posts&apos; text (left out otherwise).</source>
        <translation>Con --personal-data: mantiene i codici contraente dei clienti nel testo dei post (altrimenti omessi).</translation>
    </message>
    <message>
        <source>privacy retention %1 needs --agent NAME: it is recorded with it.</source>
        <translation>privacy retention %1 richiede --agent NOME: viene registrato con esso.</translation>
    </message>
    <message>
        <source>Retention policy of this cache:</source>
        <translation>Politica di conservazione di questo archivio locale:</translation>
    </message>
    <message>
        <source>Retention policy of this cache (the defaults: none is stored):</source>
        <translation>Politica di conservazione di questo archivio locale (i valori predefiniti: non ne è salvata nessuna):</translation>
    </message>
    <message>
        <source>  closed threads anonymised after %1 months</source>
        <translation>  conversazioni chiuse rese anonime dopo %1 mesi</translation>
    </message>
    <message>
        <source>  complaints anonymised after %1 months</source>
        <translation>  reclami resi anonimi dopo %1 mesi</translation>
    </message>
    <message>
        <source>  audit entries deleted after %1 months</source>
        <translation>  voci del registro di audit cancellate dopo %1 mesi</translation>
    </message>
    <message>
        <source>  access records deleted after %1 months</source>
        <translation>  registrazioni di accesso cancellate dopo %1 mesi</translation>
    </message>
    <message>
        <source>A retention run now would anonymise %1 threads (%2 posts, %3 authors) and delete %4 audit entries.</source>
        <translation>Un&apos;applicazione della politica di conservazione ora renderebbe anonime %1 conversazioni (%2 messaggi, %3 autori) e cancellerebbe %4 voci del registro di audit.</translation>
    </message>
    <message>
        <source>Retention anonymised %1 threads (%2 posts, %3 authors) and deleted %4 audit entries.</source>
        <translation>La politica di conservazione ha reso anonime %1 conversazioni (%2 messaggi, %3 autori) e cancellato %4 voci del registro di audit.</translation>
    </message>
    <message>
        <source>Access records to delete: %1.</source>
        <translation>Registrazioni di accesso da cancellare: %1.</translation>
    </message>
    <message>
        <source>Access records deleted: %1.</source>
        <translation>Registrazioni di accesso cancellate: %1.</translation>
    </message>
    <message>
        <source>The freed space is scrubbed at the next run: another program has the cache open.</source>
        <translation>Lo spazio liberato sarà ripulito alla prossima applicazione: un altro programma ha l&apos;archivio locale aperto.</translation>
    </message>
    <message>
        <source>privacy retention set takes either a JSON file or one or more of --closed-threads-months, --complaint-months, --audit-months and --access-log-months.</source>
        <translation>privacy retention set accetta un file JSON oppure una o più tra --closed-threads-months, --complaint-months, --audit-months e --access-log-months.</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator of the team changes the retention policy.</source>
        <translation>Solo un supervisore o un amministratore del team modifica la politica di conservazione.</translation>
    </message>
    <message>
        <source>--%1 takes a whole number of months.</source>
        <translation>--%1 accetta un numero intero di mesi.</translation>
    </message>
    <message>
        <source>privacy retention takes show, set FILE or options, dry-run or run.</source>
        <translation>privacy retention accetta show, set FILE o opzioni, dry-run o run.</translation>
    </message>
    <message>
        <source>Who sets or runs the retention policy (audited; default: the system user).</source>
        <translation>Chi imposta o applica la politica di conservazione (registrato nell&apos;audit; predefinito: l&apos;utente di sistema).</translation>
    </message>
    <message>
        <source>With retention set: anonymise closed threads after N months.</source>
        <translation>Con retention set: rende anonime le conversazioni chiuse dopo N mesi.</translation>
    </message>
    <message>
        <source>With retention set: anonymise threads with a complaint after N months.</source>
        <translation>Con retention set: rende anonime le conversazioni con un reclamo dopo N mesi.</translation>
    </message>
    <message>
        <source>With retention set: delete audit entries after N months.</source>
        <translation>Con retention set: cancella le voci del registro di audit dopo N mesi.</translation>
    </message>
    <message>
        <source>With retention set: delete access records after N months.</source>
        <translation>Con retention set: cancella le registrazioni di accesso dopo N mesi.</translation>
    </message>
    <message>
        <source>team agent add needs --login LOGIN, --name NAME and --role agent|supervisor|admin|hub|external|dpo.</source>
        <translation>team agent add richiede --login LOGIN, --name NOME e --role agent|supervisor|admin|hub|external|dpo.</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;: use agent, supervisor, admin, hub, external or dpo.</source>
        <translation>Ruolo &quot;%1&quot; sconosciuto: usare agent, supervisor, admin, hub, external o dpo.</translation>
    </message>
    <message>
        <source>agent add: agent, supervisor, admin, hub, external (outside staff, who see only their scope) or dpo (the data protection officer, who reads the access records).</source>
        <translation>agent add: agent, supervisor, admin, hub, external (personale esterno, che vede solo il proprio ambito) o dpo (il responsabile della protezione dei dati, che legge i registri degli accessi).</translation>
    </message>
    <message>
        <source>team-retention takes no arguments.</source>
        <translation>team-retention non accetta argomenti.</translation>
    </message>
    <message>
        <source>The team has no retention policy: nothing expires in the team database.</source>
        <translation>Il team non ha una politica di conservazione: nel database del team non scade nulla.</translation>
    </message>
    <message>
        <source>The team database cannot be reached, and in a team the erasure goes through it: nothing was erased. Try again when online. (%1)</source>
        <translation>Il database del team non è raggiungibile, e in un team la cancellazione passa da lì: non è stato cancellato nulla. Riprovare quando si è in linea. (%1)</translation>
    </message>
    <message>
        <source>Erased in the team database: %1 identities, %2 posts, %3 whole threads (%4 decisions, %5 outbox entries, %6 notes), %7 customer cards. Every desktop applies it at its next sync.</source>
        <translation>Cancellati nel database del team: %1 identità, %2 post, %3 conversazioni intere (%4 decisioni, %5 voci della posta in uscita, %6 note), %7 schede cliente. Ogni postazione la applica alla prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>The erasure is recorded in the team database, but this cache could not apply it now (%1): it does at its next sync, before anything else.</source>
        <translation>La cancellazione è registrata nel database del team, ma questo archivio locale non ha potuto applicarla ora (%1): lo farà alla prossima sincronizzazione, prima di ogni altra cosa.</translation>
    </message>
    <message>
        <source>Applied here: %1 identities, %2 posts.</source>
        <translation>Applicata qui: %1 identità, %2 post.</translation>
    </message>
    <message>
        <source>Apply the team&apos;s retention policy to the team database now (the hub does it once a day), or count what it would change.</source>
        <translation>Applica ora la politica di conservazione del team al database del team (l&apos;hub lo fa una volta al giorno), o conta cosa cambierebbe.</translation>
    </message>
    <message>
        <source>Count what would change; change nothing.</source>
        <translation>Conta cosa cambierebbe; non cambia nulla.</translation>
    </message>
    <message>
        <source>Disk encryption: not checked (the company turned the check off).</source>
        <translation>Cifratura del disco: non verificata (l&apos;azienda ha disattivato il controllo).</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>cifrato</translation>
    </message>
    <message>
        <source>NOT encrypted</source>
        <translation>NON cifrato</translation>
    </message>
    <message>
        <source>in memory, not on a disk</source>
        <translation>in memoria, non su un disco</translation>
    </message>
    <message>
        <source>cannot be told</source>
        <translation>non si può sapere</translation>
    </message>
    <message>
        <source>Cache: %1</source>
        <translation>Archivio locale: %1</translation>
    </message>
    <message>
        <source>Disk encryption: %1 (%2)</source>
        <translation>Cifratura del disco: %1 (%2)</translation>
    </message>
    <message>
        <source>The company&apos;s policy: %1</source>
        <translation>La politica dell&apos;azienda: %1</translation>
    </message>
    <message>
        <source>required</source>
        <translation>obbligatoria</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>avviso</translation>
    </message>
    <message>
        <source>Would anonymise %1 threads (%2 posts) and %3 identities, and delete %4 audit entries and %5 access records, in the team database.</source>
        <translation>Renderebbe anonime %1 conversazioni (%2 post) e %3 identità, e cancellerebbe %4 voci di audit e %5 registrazioni di accesso, nel database del team.</translation>
    </message>
    <message>
        <source>Anonymised %1 threads (%2 posts) and %3 identities, and deleted %4 audit entries and %5 access records, in the team database.</source>
        <translation>Rese anonime %1 conversazioni (%2 post) e %3 identità, e cancellate %4 voci di audit e %5 registrazioni di accesso, nel database del team.</translation>
    </message>
</context>
<context>
    <name>Compose</name>
    <message>
        <source>X post</source>
        <translation>post su X</translation>
    </message>
    <message>
        <source>X direct message</source>
        <translation>messaggio diretto su X</translation>
    </message>
    <message>
        <source>Facebook comment</source>
        <translation>commento su Facebook</translation>
    </message>
    <message>
        <source>Messenger message</source>
        <translation>messaggio su Messenger</translation>
    </message>
    <message>
        <source>Instagram comment</source>
        <translation>commento su Instagram</translation>
    </message>
    <message>
        <source>Instagram message</source>
        <translation>messaggio su Instagram</translation>
    </message>
    <message>
        <source>App Store review reply</source>
        <translation>risposta a una recensione su App Store</translation>
    </message>
    <message>
        <source>Google Play review reply</source>
        <translation>risposta a una recensione su Google Play</translation>
    </message>
    <message>
        <source>in-app message</source>
        <translation>messaggio in-app</translation>
    </message>
    <message>
        <source>Too long: %1 bytes over the limit of %2 for this channel (%3).</source>
        <translation>Troppo lungo: %1 byte oltre il limite di %2 per questo canale (%3).</translation>
    </message>
    <message>
        <source>Too long: %1 characters over the limit of %2 for this channel (%3).</source>
        <translation>Troppo lungo: %1 caratteri oltre il limite di %2 per questo canale (%3).</translation>
    </message>
    <message>
        <source>A &quot;}&quot; at character %1 closes no variable (write &quot;}}&quot; for the brace itself).</source>
        <translation>La &quot;}&quot; al carattere %1 non chiude alcuna variabile (per la parentesi graffa stessa, scrivi &quot;}}&quot;).</translation>
    </message>
    <message>
        <source>The variable opened at character %1 is not closed with &quot;}&quot; (write &quot;{{&quot; for the brace itself).</source>
        <translation>La variabile aperta al carattere %1 non è chiusa con &quot;}&quot; (per la parentesi graffa stessa, scrivi &quot;{{&quot;).</translation>
    </message>
    <message>
        <source>The prompted variable at character %1 needs a name of lower-case letters, digits and _ , as in {?claim_number:Claim number}.</source>
        <translation>La variabile da compilare al carattere %1 richiede un nome composto da lettere minuscole, cifre e _ , come in {?claim_number:Numero di sinistro}.</translation>
    </message>
    <message>
        <source>Unknown variable {%1} at character %2: use one of %3, or {?name:Label} for one the agent fills in.</source>
        <translation>Variabile {%1} sconosciuta al carattere %2: usa una tra %3, oppure {?nome:Etichetta} per una variabile compilata dall&apos;operatore.</translation>
    </message>
    <message>
        <source>Fill in “%1” before inserting the reply.</source>
        <translation>Compila “%1” prima di inserire la risposta.</translation>
    </message>
    <message>
        <source>This thread has no case reference yet: fill it in before inserting the reply.</source>
        <translation>Questa conversazione non ha ancora un riferimento pratica: compilalo prima di inserire la risposta.</translation>
    </message>
    <message>
        <source>Another saved reply already has the short code ::%1 in %2.</source>
        <translation>Un&apos;altra risposta salvata ha già il codice breve ::%1 in %2.</translation>
    </message>
    <message>
        <source>English</source>
        <translation>inglese</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>italiano</translation>
    </message>
    <message>
        <source>The short code &quot;%1&quot; must be 1 to 32 lower-case letters, digits, _ or -, starting with a letter or digit (typed as ::code).</source>
        <translation>Il codice breve &quot;%1&quot; deve avere da 1 a 32 caratteri tra lettere minuscole, cifre, _ e -, e iniziare con una lettera o una cifra (si digita come ::codice).</translation>
    </message>
    <message>
        <source>Give the saved reply ::%1 a title.</source>
        <translation>Dai un titolo alla risposta salvata ::%1.</translation>
    </message>
    <message>
        <source>The language of ::%1 must be &quot;it&quot; or &quot;en&quot;.</source>
        <translation>La lingua di ::%1 deve essere &quot;it&quot; o &quot;en&quot;.</translation>
    </message>
    <message>
        <source>The saved reply ::%1 has no text.</source>
        <translation>La risposta salvata ::%1 non ha testo.</translation>
    </message>
    <message>
        <source>The text of ::%1: %2</source>
        <translation>Il testo di ::%1: %2</translation>
    </message>
    <message>
        <source>Not a saved-replies file: the JSON is not valid (%1, at byte %2).</source>
        <translation>Non è un file di risposte salvate: il JSON non è valido (%1, al byte %2).</translation>
    </message>
    <message>
        <source>Not a saved-replies file: &quot;format&quot; must be &quot;%1&quot;.</source>
        <translation>Non è un file di risposte salvate: &quot;format&quot; deve essere &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Saved-replies format version %1 is not supported (this version reads %2).</source>
        <translation>La versione %1 del formato delle risposte salvate non è supportata (questa versione legge la %2).</translation>
    </message>
    <message>
        <source>&quot;replies&quot; must be an array of saved replies.</source>
        <translation>&quot;replies&quot; deve essere un array di risposte salvate.</translation>
    </message>
    <message>
        <source>%1: a saved reply must be a JSON object.</source>
        <translation>%1: una risposta salvata deve essere un oggetto JSON.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is missing or not a text.</source>
        <translation>%1: &quot;%2&quot; manca o non è un testo.</translation>
    </message>
    <message>
        <source>%1: unknown category &quot;%2&quot; (expected %3, or null for any).</source>
        <translation>%1: categoria &quot;%2&quot; sconosciuta (valori ammessi: %3, oppure null per qualsiasi categoria).</translation>
    </message>
    <message>
        <source>%1: unknown channel &quot;%2&quot; (expected %3, or null for any).</source>
        <translation>%1: canale &quot;%2&quot; sconosciuto (valori ammessi: %3, oppure null per qualsiasi canale).</translation>
    </message>
    <message>
        <source>%1: the short code ::%2 appears twice for language &quot;%3&quot;.</source>
        <translation>%1: il codice breve ::%2 compare due volte per la lingua &quot;%3&quot;.</translation>
    </message>
</context>
<context>
    <name>ConsoleSession</name>
    <message>
        <source>The cache %1 is damaged (%2). It is open read-only: nothing can be decided, imported, synced or saved in it. Save what can still be read into a new cache (File &gt; Salvage into a New Cache…, or sportello-cli salvage).</source>
        <translation>L&apos;archivio locale %1 è danneggiato (%2). È aperto in sola lettura: non vi si può decidere, importare, sincronizzare o salvare nulla. Salva ciò che si può ancora leggere in un nuovo archivio locale (File &gt; Recupera in un nuovo archivio locale…, oppure sportello-cli salvage).</translation>
    </message>
    <message>
        <source>This cache is a replica of the team database: posts come from the team&apos;s hub. Import the file on the hub (sportello-cli --database HUB_CACHE import FILE) so the whole team sees them.</source>
        <translation>Questa cache è una replica del database del team: i post arrivano dall&apos;hub del team. Importa il file sull&apos;hub (sportello-cli --database CACHE_HUB import FILE) perché tutto il team li veda.</translation>
    </message>
</context>
<context>
    <name>Customers</name>
    <message>
        <source>The CRM address template cannot be used: %1</source>
        <translation>Il modello dell&apos;indirizzo del CRM non si può usare: %1</translation>
    </message>
    <message>
        <source>it is empty.</source>
        <translation>è vuoto.</translation>
    </message>
    <message>
        <source>{%1} is not a placeholder Sportello knows (it knows %2).</source>
        <translation>{%1} non è un segnaposto che Sportello conosce (conosce %2).</translation>
    </message>
    <message>
        <source>a brace is not closed.</source>
        <translation>una graffa non è chiusa.</translation>
    </message>
    <message>
        <source>it must be an http or https address (https://crm.example/customers?ref={policyholder_ref}).</source>
        <translation>deve essere un indirizzo http o https (https://crm.example/customers?ref={policyholder_ref}).</translation>
    </message>
    <message>
        <source>the address must name the CRM&apos;s host, without a placeholder in it.</source>
        <translation>l&apos;indirizzo deve indicare l&apos;host del CRM, senza segnaposto.</translation>
    </message>
    <message>
        <source>Nothing to look up in the CRM: the customer has none of the values its address uses.</source>
        <translation>Niente da cercare nel CRM: il cliente non ha nessuno dei valori che il suo indirizzo usa.</translation>
    </message>
    <message>
        <source>Say who you are (the agent&apos;s name) before changing a customer.</source>
        <translation>Indica chi sei (il nome dell&apos;operatore) prima di modificare un cliente.</translation>
    </message>
    <message>
        <source>There is no author %1 in this cache.</source>
        <translation>In questa cache non c&apos;è l&apos;autore %1.</translation>
    </message>
    <message>
        <source>The customer could not be created.</source>
        <translation>Non è stato possibile creare il cliente.</translation>
    </message>
    <message>
        <source>An identity cannot be linked to itself.</source>
        <translation>Un&apos;identità non può essere collegata a se stessa.</translation>
    </message>
    <message>
        <source>Author %1 is one of the company&apos;s own accounts, not a customer.</source>
        <translation>L&apos;autore %1 è uno degli account dell&apos;azienda, non un cliente.</translation>
    </message>
    <message>
        <source>These identities are already linked.</source>
        <translation>Queste identità sono già collegate.</translation>
    </message>
    <message>
        <source>Both identities belong to customers with different policyholder references: they are not the same person. Clear the wrong reference first.</source>
        <translation>Le due identità appartengono a clienti con riferimenti del contraente diversi: non sono la stessa persona. Cancella prima il riferimento sbagliato.</translation>
    </message>
    <message>
        <source>This identity is not linked to another one.</source>
        <translation>Questa identità non è collegata a un&apos;altra.</translation>
    </message>
    <message>
        <source>The policyholder reference was verified in a conversation with this identity: clear the reference before unlinking it, or it would stay with the wrong person.</source>
        <translation>Il riferimento del contraente è stato verificato in una conversazione con questa identità: cancella il riferimento prima di scollegarla, altrimenti resterebbe alla persona sbagliata.</translation>
    </message>
    <message>
        <source>A note cannot be empty.</source>
        <translation>Una nota non può essere vuota.</translation>
    </message>
    <message>
        <source>The note is %1 characters long: keep it within %2.</source>
        <translation>La nota è lunga %1 caratteri: non superare %2.</translation>
    </message>
    <message>
        <source>A policyholder reference is %1 to %2 characters: letters, digits, spaces, &apos;-&apos;, &apos;.&apos; or &apos;/&apos;.</source>
        <translation>Un riferimento del contraente ha da %1 a %2 caratteri: lettere, cifre, spazi, &apos;-&apos;, &apos;.&apos; o &apos;/&apos;.</translation>
    </message>
    <message>
        <source>There is no thread %1 in this cache.</source>
        <translation>In questa cache non c&apos;è la conversazione %1.</translation>
    </message>
    <message>
        <source>The conversation shown is public: a policyholder reference is stored only once you have verified it with the customer in a private conversation. Open the private conversation and store it there.</source>
        <translation>La conversazione mostrata è pubblica: un riferimento del contraente si registra solo dopo averlo verificato con il cliente in una conversazione privata. Apri la conversazione privata e registralo lì.</translation>
    </message>
    <message>
        <source>This private conversation is not with this customer: verify the reference in a conversation of theirs.</source>
        <translation>Questa conversazione privata non è con questo cliente: verifica il riferimento in una sua conversazione.</translation>
    </message>
    <message>
        <source>This customer has no policyholder reference.</source>
        <translation>Questo cliente non ha un riferimento del contraente.</translation>
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
        <source>Cannot upgrade the cache %1 to schema %2: the data this step installs was not supplied.</source>
        <translation>Impossibile aggiornare l&apos;archivio locale %1 allo schema %2: i dati che questo passo installa non sono stati forniti.</translation>
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
    <message>
        <source>a cache file</source>
        <translation>un file di cache</translation>
    </message>
    <message>
        <source>%1 is empty: it is not a Sportello cache. Nothing was written to it.</source>
        <translation>%1 è vuoto: non è una cache di Sportello. Non vi è stato scritto nulla.</translation>
    </message>
    <message>
        <source>Cannot open the cache %1: its folder %2 is read-only for you, and Sportello keeps the cache&apos;s journal next to it. Move the cache to a folder you can write to, or get write permission on this one. The file was left as it is.</source>
        <translation>Impossibile aprire la cache %1: la sua cartella %2 è in sola lettura per te, e Sportello tiene il journal della cache accanto a essa. Sposta la cache in una cartella in cui puoi scrivere, oppure ottieni il permesso di scrittura su questa. Il file è stato lasciato com&apos;era.</translation>
    </message>
    <message>
        <source>the file is shorter than an SQLite header</source>
        <translation>il file è più corto di un&apos;intestazione SQLite</translation>
    </message>
    <message>
        <source>invalid page size in the header</source>
        <translation>dimensione di pagina non valida nell&apos;intestazione</translation>
    </message>
    <message>
        <source>the header counts %1 pages, the file holds %2</source>
        <translation>l&apos;intestazione conta %1 pagine, il file ne contiene %2</translation>
    </message>
    <message>
        <source>invalid freelist in the header</source>
        <translation>elenco delle pagine libere non valido nell&apos;intestazione</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>danneggiato</translation>
    </message>
</context>
<context>
    <name>DiskEncryption</name>
    <message>
        <source>the devices under the disk nest too deep to follow</source>
        <translation>i dispositivi sotto il disco sono annidati troppo a fondo per seguirli</translation>
    </message>
    <message>
        <source>dm-crypt (%1) on %2</source>
        <translation>dm-crypt (%1) su %2</translation>
    </message>
    <message>
        <source>%1, through the loop device %2</source>
        <translation>%1, attraverso il dispositivo loop %2</translation>
    </message>
    <message>
        <source>%1 is not encrypted</source>
        <translation>%1 non è cifrato</translation>
    </message>
    <message>
        <source>%1 is built on %2, which cannot be read</source>
        <translation>%1 poggia su %2, che non si può leggere</translation>
    </message>
    <message>
        <source>%1, under %2</source>
        <translation>%1, sotto %2</translation>
    </message>
    <message>
        <source>%1 cannot be examined</source>
        <translation>%1 non si può esaminare</translation>
    </message>
    <message>
        <source>fscrypt on the folder</source>
        <translation>fscrypt sulla cartella</translation>
    </message>
    <message>
        <source>in memory (%1): nothing is stored on a disk</source>
        <translation>in memoria (%1): nulla è salvato su un disco</translation>
    </message>
    <message>
        <source>a %1 filesystem, whose disk cannot be told</source>
        <translation>un filesystem %1, di cui non si può sapere il disco</translation>
    </message>
    <message>
        <source>virtual</source>
        <translation>virtuale</translation>
    </message>
    <message>
        <source>fdesetup did not answer</source>
        <translation>fdesetup non ha risposto</translation>
    </message>
    <message>
        <source>FileVault is on</source>
        <translation>FileVault è attivo</translation>
    </message>
    <message>
        <source>FileVault is off</source>
        <translation>FileVault è disattivato</translation>
    </message>
    <message>
        <source>fdesetup answered &quot;%1&quot;</source>
        <translation>fdesetup ha risposto &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1 is not on a local drive</source>
        <translation>%1 non è su un&apos;unità locale</translation>
    </message>
    <message>
        <source>Windows did not say whether BitLocker protects %1</source>
        <translation>Windows non ha detto se BitLocker protegge %1</translation>
    </message>
    <message>
        <source>BitLocker protects %1</source>
        <translation>BitLocker protegge %1</translation>
    </message>
    <message>
        <source>BitLocker is suspended on %1</source>
        <translation>BitLocker è sospeso su %1</translation>
    </message>
    <message>
        <source>BitLocker is off on %1</source>
        <translation>BitLocker è disattivato su %1</translation>
    </message>
    <message>
        <source>this operating system&apos;s disk encryption cannot be checked</source>
        <translation>la cifratura del disco di questo sistema operativo non si può verificare</translation>
    </message>
    <message>
        <source>The disk under %1 is not encrypted (%2). Customers&apos; personal data would be readable from a lost or stolen computer: turn on the operating system&apos;s disk encryption (BitLocker, FileVault, LUKS).</source>
        <translation>Il disco su cui si trova %1 non è cifrato (%2). I dati personali dei clienti sarebbero leggibili da un computer perso o rubato: attiva la cifratura del disco del sistema operativo (BitLocker, FileVault, LUKS).</translation>
    </message>
    <message>
        <source>Whether the disk under %1 is encrypted cannot be told (%2). Check that the operating system&apos;s disk encryption is on.</source>
        <translation>Non si può sapere se il disco su cui si trova %1 sia cifrato (%2). Verifica che la cifratura del disco del sistema operativo sia attiva.</translation>
    </message>
    <message>
        <source>the device %1:%2 is not known to the system</source>
        <translation>il dispositivo %1:%2 non è noto al sistema</translation>
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
    <message>
        <source>The text is %1 characters long: a post or a reply can have at most %2.</source>
        <translation>Il testo è lungo %1 caratteri: un post o una risposta possono averne al massimo %2.</translation>
    </message>
    <message>
        <source>Rated %1 of 5 stars</source>
        <translation>Valutazione: %1 stelle su 5</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>a folder</source>
        <translation>una cartella</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>una pipe con nome (FIFO)</translation>
    </message>
    <message>
        <source>a device</source>
        <translation>un dispositivo</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>un socket</translation>
    </message>
    <message>
        <source>something other than a regular file</source>
        <translation>qualcosa che non è un file regolare</translation>
    </message>
    <message>
        <source>%1 cannot be reached: no permission to enter the folder %2 (or one on its way).</source>
        <translation>%1 non è raggiungibile: manca il permesso di entrare nella cartella %2 (o in una lungo il percorso).</translation>
    </message>
    <message>
        <source>%1 is %2, not %3. Nothing was opened.</source>
        <translation>%1 è %2, non %3. Non è stato aperto nulla.</translation>
    </message>
    <message>
        <source>a symbolic link to a missing file</source>
        <translation>un collegamento simbolico a un file che non esiste</translation>
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
    <message>
        <source>%1 days left</source>
        <translation>%1 giorni rimasti</translation>
    </message>
    <message>
        <source>1 day left</source>
        <translation>1 giorno rimasto</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>scade oggi</translation>
    </message>
    <message>
        <source>1 day late</source>
        <translation>1 giorno di ritardo</translation>
    </message>
    <message>
        <source>%1 days late</source>
        <translation>%1 giorni di ritardo</translation>
    </message>
</context>
<context>
    <name>GooglePlay</name>
    <message>
        <source>The Google Cloud service-account key cannot be used: %1</source>
        <translation>La chiave dell&apos;account di servizio Google Cloud non è utilizzabile: %1</translation>
    </message>
    <message>
        <source>its private_key is not a PEM private key (&quot;-----BEGIN PRIVATE KEY-----&quot;), or it is damaged.</source>
        <translation>il suo private_key non è una chiave privata PEM (&quot;-----BEGIN PRIVATE KEY-----&quot;), oppure è danneggiato.</translation>
    </message>
    <message>
        <source>its private_key is not an RSA key; RS256 needs the RSA key Google Cloud issues.</source>
        <translation>il suo private_key non è una chiave RSA; RS256 richiede la chiave RSA rilasciata da Google Cloud.</translation>
    </message>
    <message>
        <source>its RSA key has %1 bits; Google signs with at least %2.</source>
        <translation>la sua chiave RSA ha %1 bit; Google firma con almeno %2.</translation>
    </message>
    <message>
        <source>Google&apos;s token endpoint %1 did not answer (%2); the service account signs in again at the next attempt.</source>
        <translation>L&apos;endpoint dei token di Google %1 non ha risposto (%2); l&apos;account di servizio accede di nuovo al prossimo tentativo.</translation>
    </message>
    <message>
        <source>Google&apos;s token endpoint %1 failed (HTTP %2); the service account signs in again at the next attempt.</source>
        <translation>L&apos;endpoint dei token di Google %1 ha dato errore (HTTP %2); l&apos;account di servizio accede di nuovo al prossimo tentativo.</translation>
    </message>
    <message>
        <source>Google refused the service account %1 (%2). Check that its key is not deleted or disabled and that this computer&apos;s clock is right, then add the key file again.</source>
        <translation>Google ha rifiutato l&apos;account di servizio %1 (%2). Controlla che la sua chiave non sia eliminata o disattivata e che l&apos;orologio di questo computer sia giusto, poi aggiungi di nuovo il file della chiave.</translation>
    </message>
    <message>
        <source>Google&apos;s token endpoint %1 did not give an access token (%2); the service account signs in again at the next attempt.</source>
        <translation>L&apos;endpoint dei token di Google %1 non ha dato un token di accesso (%2); l&apos;account di servizio accede di nuovo al prossimo tentativo.</translation>
    </message>
    <message>
        <source>Google&apos;s token endpoint %1 answered without a usable access token (not JSON with access_token, expires_in and a Bearer token_type); the service account signs in again at the next attempt.</source>
        <translation>L&apos;endpoint dei token di Google %1 ha risposto senza un token di accesso utilizzabile (non un JSON con access_token, expires_in e token_type Bearer); l&apos;account di servizio accede di nuovo al prossimo tentativo.</translation>
    </message>
    <message>
        <source>it is not JSON (%1 at character %2); a service-account key is the .json file the Google Cloud console downloads.</source>
        <translation>non è JSON (%1 al carattere %2); la chiave di un account di servizio è il file .json scaricato dalla console di Google Cloud.</translation>
    </message>
    <message>
        <source>it is not a JSON object; a service-account key is the .json file the Google Cloud console downloads.</source>
        <translation>non è un oggetto JSON; la chiave di un account di servizio è il file .json scaricato dalla console di Google Cloud.</translation>
    </message>
    <message>
        <source>it has no &quot;type&quot;; a service-account key says &quot;type&quot;: &quot;service_account&quot;.</source>
        <translation>non ha &quot;type&quot;; la chiave di un account di servizio riporta &quot;type&quot;: &quot;service_account&quot;.</translation>
    </message>
    <message>
        <source>its type is &quot;%1&quot;, not &quot;service_account&quot; (an OAuth client or a user&apos;s credentials cannot sign in as a service account).</source>
        <translation>il suo tipo è &quot;%1&quot;, non &quot;service_account&quot; (un client OAuth o le credenziali di un utente non possono accedere come account di servizio).</translation>
    </message>
    <message>
        <source>it lacks %1.</source>
        <translation>manca di %1.</translation>
    </message>
    <message>
        <source>its client_email &quot;%1&quot; is not an address.</source>
        <translation>il suo client_email &quot;%1&quot; non è un indirizzo.</translation>
    </message>
    <message>
        <source>its token_uri &quot;%1&quot; is not an https address.</source>
        <translation>il suo token_uri &quot;%1&quot; non è un indirizzo https.</translation>
    </message>
    <message>
        <source>A Google Play account signs in with an access token or a service account&apos;s .json key file.</source>
        <translation>Un account Google Play accede con un token di accesso o con il file .json della chiave di un account di servizio.</translation>
    </message>
    <message>
        <source>The key file %1 is too large to be a service-account key.</source>
        <translation>Il file della chiave %1 è troppo grande per essere la chiave di un account di servizio.</translation>
    </message>
    <message>
        <source>The key file %1 cannot be read (%2).</source>
        <translation>Il file della chiave %1 non si può leggere (%2).</translation>
    </message>
    <message>
        <source>%1 (file %2)</source>
        <translation>%1 (file %2)</translation>
    </message>
    <message>
        <source>A service-account assertion lives 1 to %1 seconds.</source>
        <translation>Un&apos;asserzione dell&apos;account di servizio vale da 1 a %1 secondi.</translation>
    </message>
    <message>
        <source>OpenSSL could not sign with it.</source>
        <translation>OpenSSL non riesce a firmare con questa chiave.</translation>
    </message>
    <message>
        <source>The token is not an RS256-signed JWT.</source>
        <translation>Il token non è un JWT firmato RS256.</translation>
    </message>
    <message>
        <source>The token&apos;s signature does not match the key.</source>
        <translation>La firma del token non corrisponde alla chiave.</translation>
    </message>
    <message>
        <source>The keychain entry of this Google Play account is not a usable service-account key (%1); add the key file again.</source>
        <translation>La voce del portachiavi di questo account Google Play non è una chiave di account di servizio utilizzabile (%1); aggiungi di nuovo il file della chiave.</translation>
    </message>
</context>
<context>
    <name>Guard</name>
    <message>
        <source>tax code (codice fiscale)</source>
        <translation>codice fiscale</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>policy number</source>
        <translation>numero di polizza</translation>
    </message>
    <message>
        <source>claim number</source>
        <translation>numero di sinistro</translation>
    </message>
    <message>
        <source>number plate</source>
        <translation>targa</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>numero di telefono</translation>
    </message>
    <message>
        <source>e-mail address</source>
        <translation>indirizzo e-mail</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>data di nascita</translation>
    </message>
    <message>
        <source>health detail</source>
        <translation>dato sanitario</translation>
    </message>
    <message>
        <source>The guard configuration is not valid JSON: %1 (at byte %2).</source>
        <translation>La configurazione del controllo dati personali non è JSON valido: %1 (al byte %2).</translation>
    </message>
    <message>
        <source>The guard configuration must be a JSON object.</source>
        <translation>La configurazione del controllo dati personali deve essere un oggetto JSON.</translation>
    </message>
    <message>
        <source>&quot;use_default_patterns&quot; must be true or false.</source>
        <translation>&quot;use_default_patterns&quot; deve essere true o false.</translation>
    </message>
    <message>
        <source>&quot;patterns&quot; must be an array.</source>
        <translation>&quot;patterns&quot; deve essere un array.</translation>
    </message>
    <message>
        <source>patterns[%1]</source>
        <translation>patterns[%1]</translation>
    </message>
    <message>
        <source>%1: &quot;kind&quot; must be &quot;policy_number&quot; or &quot;claim_number&quot;.</source>
        <translation>%1: &quot;kind&quot; deve essere &quot;policy_number&quot; o &quot;claim_number&quot;.</translation>
    </message>
    <message>
        <source>%1: &quot;pattern&quot; is missing or empty.</source>
        <translation>%1: &quot;pattern&quot; manca o è vuoto.</translation>
    </message>
    <message>
        <source>%1: the pattern is not a valid regular expression: %2 (at offset %3).</source>
        <translation>%1: lo schema non è un&apos;espressione regolare valida: %2 (alla posizione %3).</translation>
    </message>
    <message>
        <source>%1: the pattern matches empty text.</source>
        <translation>%1: lo schema corrisponde anche a un testo vuoto.</translation>
    </message>
    <message>
        <source>The guard configuration stored in the cache is damaged: %1</source>
        <translation>La configurazione del controllo dati personali salvata nell&apos;archivio locale è danneggiata: %1</translation>
    </message>
    <message>
        <source>polizza / pol. / contratto / policy, then the number (5+ digits)</source>
        <translation>polizza / pol. / contratto / policy, poi il numero (almeno 5 cifre)</translation>
    </message>
    <message>
        <source>polizza / policy, a product name, n. / no. / #, then the number</source>
        <translation>polizza / policy, il nome di un prodotto, n. / no. / #, poi il numero</translation>
    </message>
    <message>
        <source>polizza / policy, a few words, è / is, then the number</source>
        <translation>polizza / policy, qualche parola, è / is, poi il numero</translation>
    </message>
    <message>
        <source>numero di polizza / n. contratto, then the number</source>
        <translation>numero di polizza / n. contratto, poi il numero</translation>
    </message>
    <message>
        <source>sinistro / sin. / denuncia / pratica / claim, then the number (5+ digits)</source>
        <translation>sinistro / sin. / denuncia / pratica / claim, poi il numero (almeno 5 cifre)</translation>
    </message>
    <message>
        <source>numero di sinistro / n. pratica, then the number</source>
        <translation>numero di sinistro / n. pratica, poi il numero</translation>
    </message>
    <message>
        <source>sinistro / claim / pratica, a few words, è / is, then the number</source>
        <translation>sinistro / claim / pratica, qualche parola, è / is, poi il numero</translation>
    </message>
    <message>
        <source>policyholder reference</source>
        <translation>riferimento del contraente</translation>
    </message>
</context>
<context>
    <name>Handoff</name>
    <message>
        <source>Hand-off endpoint: %1</source>
        <translation>Endpoint per il passaggio all&apos;assistenza clienti: %1</translation>
    </message>
    <message>
        <source>The hand-off folder must be an absolute path: %1</source>
        <translation>La cartella per il passaggio all&apos;assistenza clienti deve essere un percorso assoluto: %1</translation>
    </message>
    <message>
        <source>The thread of forward %1 is no longer in the cache.</source>
        <translation>La conversazione dell&apos;inoltro %1 non è più nell&apos;archivio locale.</translation>
    </message>
    <message>
        <source>The thread of forward %1 has no posts in the cache.</source>
        <translation>La conversazione dell&apos;inoltro %1 non ha messaggi nell&apos;archivio locale.</translation>
    </message>
    <message>
        <source>No hand-off folder is configured.</source>
        <translation>Nessuna cartella configurata per il passaggio all&apos;assistenza clienti.</translation>
    </message>
    <message>
        <source>The case reference &quot;%1&quot; cannot be used as a file name.</source>
        <translation>Il riferimento pratica &quot;%1&quot; non può essere usato come nome di file.</translation>
    </message>
    <message>
        <source>The hand-off folder %1 does not exist or is not a folder.</source>
        <translation>La cartella per il passaggio all&apos;assistenza clienti %1 non esiste o non è una cartella.</translation>
    </message>
    <message>
        <source>The hand-off file %1 exists but cannot be read: %2</source>
        <translation>Il file di passaggio all&apos;assistenza clienti %1 esiste ma non è leggibile: %2</translation>
    </message>
    <message>
        <source>A different file named %1 is already in the hand-off folder; it was left as it is.</source>
        <translation>Nella cartella per il passaggio all&apos;assistenza clienti c&apos;è già un file diverso chiamato %1; non è stato modificato.</translation>
    </message>
    <message>
        <source>Cannot write the hand-off file %1: %2</source>
        <translation>Impossibile scrivere il file di passaggio all&apos;assistenza clienti %1: %2</translation>
    </message>
    <message>
        <source>Cannot write the hand-off file %1 (is the disk full?): %2</source>
        <translation>Impossibile scrivere il file di passaggio all&apos;assistenza clienti %1 (il disco è pieno?): %2</translation>
    </message>
    <message>
        <source>&quot;at&quot; must be a date and time with its zone, like 2024-01-20T15:30:00Z: &quot;%1&quot;.</source>
        <translation>&quot;at&quot; deve essere una data e ora con il fuso, come 2024-01-20T15:30:00Z: &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Impossibile creare la cartella %1.</translation>
    </message>
    <message>
        <source>Cannot move %1 to %2.</source>
        <translation>Impossibile spostare %1 in %2.</translation>
    </message>
    <message>
        <source>sent, not yet acknowledged</source>
        <translation>inviato, non ancora confermato</translation>
    </message>
    <message>
        <source>received</source>
        <translation>ricevuto</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>in lavorazione</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>risolto</translation>
    </message>
    <message>
        <source>the hand-off endpoint</source>
        <translation>l&apos;endpoint degli inoltri</translation>
    </message>
    <message>
        <source>a status file</source>
        <translation>un file di stato</translation>
    </message>
    <message>
        <source>the command line</source>
        <translation>la riga di comando</translation>
    </message>
    <message>
        <source>The status report is larger than %1 KiB.</source>
        <translation>Il resoconto di stato supera %1 KiB.</translation>
    </message>
    <message>
        <source>The status report is not valid JSON (%1 at byte %2); was it still being written?</source>
        <translation>Il resoconto di stato non è JSON valido (%1 al byte %2); era ancora in scrittura?</translation>
    </message>
    <message>
        <source>The status report must be a JSON object.</source>
        <translation>Il resoconto di stato deve essere un oggetto JSON.</translation>
    </message>
    <message>
        <source>&quot;format&quot; must be &quot;sportello-handoff-status&quot;.</source>
        <translation>&quot;format&quot; deve essere &quot;sportello-handoff-status&quot;.</translation>
    </message>
    <message>
        <source>Unknown status report version %1 (this Sportello reads version %2).</source>
        <translation>Versione %1 del resoconto di stato sconosciuta (questo Sportello legge la versione %2).</translation>
    </message>
    <message>
        <source>&quot;case_reference&quot; must be a string.</source>
        <translation>&quot;case_reference&quot; deve essere una stringa.</translation>
    </message>
    <message>
        <source>The status report has no &quot;case_reference&quot;.</source>
        <translation>Il resoconto di stato non ha &quot;case_reference&quot;.</translation>
    </message>
    <message>
        <source>The status report is about %1, not %2.</source>
        <translation>Il resoconto di stato riguarda %1, non %2.</translation>
    </message>
    <message>
        <source>The status report has no &quot;status&quot; (received, in_progress or resolved).</source>
        <translation>Il resoconto di stato non ha &quot;status&quot; (received, in_progress o resolved).</translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;: use received, in_progress or resolved.</source>
        <translation>Stato &quot;%1&quot; sconosciuto: usare received, in_progress o resolved.</translation>
    </message>
    <message>
        <source>&quot;answer&quot; must be a string.</source>
        <translation>&quot;answer&quot; deve essere una stringa.</translation>
    </message>
    <message>
        <source>&quot;by&quot; must be a string.</source>
        <translation>&quot;by&quot; deve essere una stringa.</translation>
    </message>
    <message>
        <source>Customer care reports received, in_progress or resolved.</source>
        <translation>Il servizio clienti comunica received, in_progress o resolved.</translation>
    </message>
    <message>
        <source>The answer has %1 characters; at most %2 are taken.</source>
        <translation>La risposta ha %1 caratteri; se ne accettano al massimo %2.</translation>
    </message>
    <message>
        <source>&quot;by&quot; has more than %1 characters.</source>
        <translation>&quot;by&quot; ha più di %1 caratteri.</translation>
    </message>
    <message>
        <source>No hand-off has the case reference %1.</source>
        <translation>Nessun inoltro ha il riferimento pratica %1.</translation>
    </message>
    <message>
        <source>The hand-off %1 has not been delivered to customer care yet.</source>
        <translation>L&apos;inoltro %1 non è ancora stato consegnato al servizio clienti.</translation>
    </message>
    <message>
        <source>The hand-off %1 is already %2; a report that it is %3 goes backwards and was not recorded (a resolved case can only be reopened as in_progress).</source>
        <translation>L&apos;inoltro %1 è già %2; un resoconto che lo dà %3 torna indietro e non è stato registrato (una pratica risolta si può solo riaprire come in_progress).</translation>
    </message>
    <message>
        <source>Customer care</source>
        <translation>Servizio clienti</translation>
    </message>
    <message>
        <source>The file is larger than %1 KiB.</source>
        <translation>Il file supera %1 KiB.</translation>
    </message>
    <message>
        <source>Cannot read it: %1</source>
        <translation>Impossibile leggerlo: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 was recorded, but: %2</source>
        <translation>%1 è stato registrato, ma: %2</translation>
    </message>
    <message>
        <source>%1 was refused: %2</source>
        <translation>%1 è stato rifiutato: %2</translation>
    </message>
    <message>
        <source>Cannot write the reason beside %1.</source>
        <translation>Impossibile scrivere il motivo accanto a %1.</translation>
    </message>
</context>
<context>
    <name>Hub</name>
    <message>
        <source>A sync pass of this cache is already running.</source>
        <translation>Una sincronizzazione di questa cache è già in corso.</translation>
    </message>
    <message>
        <source>The hub is stopping: the entry waits for the next start.</source>
        <translation>L&apos;hub si sta fermando: la voce attende il prossimo avvio.</translation>
    </message>
    <message>
        <source>Another hub serves the %1 account %2.</source>
        <translation>Un altro hub serve l&apos;account %1 %2.</translation>
    </message>
    <message>
        <source>The team&apos;s outbox entry %1 is being sent by another hub, or is settled.</source>
        <translation>La voce %1 della posta in uscita del team è in invio da parte di un altro hub, oppure è già conclusa.</translation>
    </message>
    <message>
        <source>Another hub, or this one before a restart, stopped while this reply may have been on its way: Sportello checks the thread before sending it again.</source>
        <translation>Un altro hub, o questo prima di un riavvio, si è fermato mentre questa risposta poteva essere in viaggio: Sportello controlla la conversazione prima di inviarla di nuovo.</translation>
    </message>
    <message>
        <source>The hub stopped while asking %1, so whether the comment changed is not known; Sportello did not ask again by itself. Look at the comment on %1 and ask again if needed.</source>
        <translation>L&apos;hub si è fermato mentre inviava la richiesta a %1, quindi non si sa se il commento sia cambiato; Sportello non l&apos;ha ripetuta da solo. Controllare il commento su %1 e richiedere di nuovo se serve.</translation>
    </message>
    <message>
        <source>Moderation requests are already being performed.</source>
        <translation>Le richieste di moderazione sono già in corso.</translation>
    </message>
</context>
<context>
    <name>HubIntake</name>
    <message>
        <source>The intake needs both a certificate and its private key (PEM files).</source>
        <translation>L&apos;intake richiede sia un certificato sia la sua chiave privata (file PEM).</translation>
    </message>
    <message>
        <source>The intake listens on %1 only with TLS: give its certificate and private key. Plain HTTP is served on a loopback address only.</source>
        <translation>L&apos;intake ascolta su %1 solo con TLS: indica il suo certificato e la chiave privata. L&apos;HTTP in chiaro è servito solo su un indirizzo di loopback.</translation>
    </message>
    <message>
        <source>The app name &quot;%1&quot; must be 1 to 64 letters, digits, dots, dashes or underscores, with a secret that is not empty.</source>
        <translation>Il nome dell&apos;app &quot;%1&quot; deve essere di 1-64 lettere, cifre, punti, trattini o trattini bassi, con un segreto non vuoto.</translation>
    </message>
    <message>
        <source>No PEM certificate can be read from %1.</source>
        <translation>Da %1 non si legge alcun certificato PEM.</translation>
    </message>
    <message>
        <source>The private key %1 cannot be read: %2.</source>
        <translation>La chiave privata %1 non si può leggere: %2.</translation>
    </message>
    <message>
        <source>%1 holds no unencrypted RSA or EC private key in PEM.</source>
        <translation>%1 non contiene una chiave privata RSA o EC non cifrata in PEM.</translation>
    </message>
    <message>
        <source>The intake cannot listen on %1 port %2: %3.</source>
        <translation>L&apos;intake non può ascoltare su %1 porta %2: %3.</translation>
    </message>
    <message>
        <source>The request did not arrive in time.</source>
        <translation>La richiesta non è arrivata in tempo.</translation>
    </message>
    <message>
        <source>Too many connections; try again.</source>
        <translation>Troppe connessioni; riprova.</translation>
    </message>
    <message>
        <source>The request&apos;s head is larger than %1 KiB.</source>
        <translation>L&apos;intestazione della richiesta supera %1 KiB.</translation>
    </message>
    <message>
        <source>Lines of the request must end with CRLF.</source>
        <translation>Le righe della richiesta devono terminare con CRLF.</translation>
    </message>
    <message>
        <source>The request line is not &quot;METHOD /path HTTP/1.1&quot;.</source>
        <translation>La riga di richiesta non è &quot;METODO /percorso HTTP/1.1&quot;.</translation>
    </message>
    <message>
        <source>The intake speaks HTTP/1.1.</source>
        <translation>L&apos;intake parla HTTP/1.1.</translation>
    </message>
    <message>
        <source>A header line is malformed.</source>
        <translation>Una riga d&apos;intestazione è malformata.</translation>
    </message>
    <message>
        <source>The header %1 is repeated.</source>
        <translation>L&apos;intestazione %1 è ripetuta.</translation>
    </message>
    <message>
        <source>An HTTP/1.1 request needs a Host header.</source>
        <translation>Una richiesta HTTP/1.1 richiede l&apos;intestazione Host.</translation>
    </message>
    <message>
        <source>There is nothing at this path.</source>
        <translation>Non c&apos;è nulla a questo percorso.</translation>
    </message>
    <message>
        <source>Only POST is taken here.</source>
        <translation>Qui si accetta solo POST.</translation>
    </message>
    <message>
        <source>The secret is missing or wrong.</source>
        <translation>Il segreto manca o è errato.</translation>
    </message>
    <message>
        <source>Send the body with a Content-Length, not a Transfer-Encoding.</source>
        <translation>Invia il corpo con un Content-Length, non con un Transfer-Encoding.</translation>
    </message>
    <message>
        <source>The request needs a Content-Length.</source>
        <translation>La richiesta richiede un Content-Length.</translation>
    </message>
    <message>
        <source>The Content-Length is not a number.</source>
        <translation>Il Content-Length non è un numero.</translation>
    </message>
    <message>
        <source>The body is larger than %1 KiB.</source>
        <translation>Il corpo supera %1 KiB.</translation>
    </message>
    <message>
        <source>The body must be %1, in UTF-8.</source>
        <translation>Il corpo deve essere %1, in UTF-8.</translation>
    </message>
    <message>
        <source>Only &quot;Expect: 100-continue&quot; is understood.</source>
        <translation>Si comprende solo &quot;Expect: 100-continue&quot;.</translation>
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
    <message>
        <source>&quot;%1&quot; is outside the dates Sportello accepts, %2</source>
        <translation>&quot;%1&quot; è fuori dalle date che Sportello accetta, %2</translation>
    </message>
    <message>
        <source>post &quot;%1&quot; is already in thread &quot;%2&quot;; this record puts it in thread &quot;%3&quot;. It was left where it is.</source>
        <translation>il messaggio &quot;%1&quot; è già nella conversazione &quot;%2&quot;; questo record lo mette nella conversazione &quot;%3&quot;. È stato lasciato dov&apos;è.</translation>
    </message>
    <message>
        <source>1 post already in another thread was left where it is.</source>
        <translation>1 messaggio già presente in un&apos;altra conversazione è stato lasciato dov&apos;è.</translation>
    </message>
    <message>
        <source>%1 posts already in another thread were left where they are.</source>
        <translation>%1 messaggi già presenti in un&apos;altra conversazione sono stati lasciati dove sono.</translation>
    </message>
    <message>
        <source>a file to import</source>
        <translation>un file da importare</translation>
    </message>
    <message>
        <source>line %1: the channel is &quot;%2&quot;; the in-app inbox takes in_app messages only.</source>
        <translation>riga %1: il canale è &quot;%2&quot;; la casella in-app accetta solo messaggi in_app.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>Impossibile creare la cartella %1.</translation>
    </message>
    <message>
        <source>%1 cannot be moved to %2.</source>
        <translation>Impossibile spostare %1 in %2.</translation>
    </message>
    <message>
        <source>The in-app inbox must be an existing folder, given by its absolute path: %1</source>
        <translation>La casella in-app deve essere una cartella esistente, indicata con il percorso assoluto: %1</translation>
    </message>
    <message>
        <source>The in-app inbox %1 does not exist.</source>
        <translation>La casella in-app %1 non esiste.</translation>
    </message>
    <message>
        <source>the file is %1 MiB; the in-app inbox takes files up to %2 MiB (import larger ones with File &gt; Import).</source>
        <translation>il file è di %1 MiB; la casella in-app accetta file fino a %2 MiB (importa quelli più grandi con File &gt; Importa).</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; must be 1 to 5 (it is %2)</source>
        <translation>il campo &quot;%1&quot; deve essere da 1 a 5 (è %2)</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is for app_store and google_play reviews only</source>
        <translation>il campo &quot;%1&quot; vale solo per le recensioni app_store e google_play</translation>
    </message>
    <message>
        <source>line %1: an outbound record; the in-app inbox takes the customers&apos; messages only.</source>
        <translation>riga %1: un record in uscita (outbound); la casella dei messaggi in-app accetta solo i messaggi dei clienti.</translation>
    </message>
    <message>
        <source>line %1: the field &quot;app&quot; must be the app&apos;s name: 1 to 64 letters, digits, dots, dashes or underscores.</source>
        <translation>riga %1: il campo &quot;app&quot; deve essere il nome dell&apos;app: da 1 a 64 lettere, cifre, punti, trattini o trattini bassi.</translation>
    </message>
    <message>
        <source>line %1: the in-app inbox takes the customers&apos; in_app messages only</source>
        <translation>riga %1: la casella in-app accetta solo i messaggi in_app dei clienti</translation>
    </message>
    <message>
        <source>line %1: the record names another app than the one it was sent for</source>
        <translation>riga %1: il record indica un&apos;app diversa da quella per cui è stato inviato</translation>
    </message>
    <message>
        <source>line %1: the thread &quot;%2&quot; belongs to another app</source>
        <translation>riga %1: la conversazione &quot;%2&quot; appartiene a un&apos;altra app</translation>
    </message>
    <message>
        <source>line %1: the author &quot;%2&quot; is another app&apos;s customer</source>
        <translation>riga %1: l&apos;autore &quot;%2&quot; è un cliente di un&apos;altra app</translation>
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
    <message>
        <source>the author id</source>
        <translation>l&apos;id dell&apos;autore</translation>
    </message>
    <message>
        <source>the text</source>
        <translation>il testo</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 è vuoto</translation>
    </message>
    <message>
        <source>unpaired surrogate %1 in %2</source>
        <translation>%2 contiene il surrogato spaiato %1</translation>
    </message>
    <message>
        <source>noncharacter %1 in %2</source>
        <translation>%2 contiene il non-carattere %1</translation>
    </message>
    <message>
        <source>control character %1 in %2</source>
        <translation>%2 contiene il carattere di controllo %1</translation>
    </message>
    <message>
        <source>invisible character %1 in %2</source>
        <translation>%2 contiene il carattere invisibile %1</translation>
    </message>
    <message>
        <source>line break %1 in %2</source>
        <translation>%2 contiene l&apos;a capo %1</translation>
    </message>
    <message>
        <source>private-use character %1 in %2</source>
        <translation>%2 contiene il carattere a uso privato %1</translation>
    </message>
    <message>
        <source>%1 starts or ends with white space</source>
        <translation>%1 inizia o finisce con uno spazio</translation>
    </message>
    <message>
        <source>NUL character (U+0000) in %1</source>
        <translation>%1 contiene il carattere NUL (U+0000)</translation>
    </message>
    <message>
        <source>%1 starts with the invisible character U+FEFF (a byte order mark), which the cache cannot store</source>
        <translation>%1 inizia con il carattere invisibile U+FEFF (un byte order mark), che l&apos;archivio locale non può conservare</translation>
    </message>
    <message>
        <source>the thread id</source>
        <translation>l&apos;id della conversazione</translation>
    </message>
    <message>
        <source>the post id</source>
        <translation>l&apos;id del messaggio</translation>
    </message>
    <message>
        <source>the reply-to id</source>
        <translation>l&apos;id del messaggio a cui risponde</translation>
    </message>
    <message>
        <source>the author&apos;s handle</source>
        <translation>il nome utente dell&apos;autore</translation>
    </message>
    <message>
        <source>the author&apos;s name</source>
        <translation>il nome dell&apos;autore</translation>
    </message>
    <message>
        <source>the language</source>
        <translation>la lingua</translation>
    </message>
    <message>
        <source>%1 to %2 UTC</source>
        <translation>dal %1 al %2 UTC</translation>
    </message>
    <message>
        <source>The star rating %1 is not between 1 and 5.</source>
        <translation>La valutazione in stelle %1 non è tra 1 e 5.</translation>
    </message>
</context>
<context>
    <name>Moderation</name>
    <message>
        <source>Personal data in public</source>
        <translation>Dati personali in pubblico</translation>
    </message>
    <message>
        <source>Offensive or abusive</source>
        <translation>Offensivo o ingiurioso</translation>
    </message>
    <message>
        <source>Spam or scam</source>
        <translation>Spam o truffa</translation>
    </message>
    <message>
        <source>Other (say why)</source>
        <translation>Altro (spiega perché)</translation>
    </message>
    <message>
        <source>Post %1 is not in the cache.</source>
        <translation>Il post %1 non è nella cache.</translation>
    </message>
    <message>
        <source>%1 does not let Sportello hide comments: only Facebook and Instagram comments can be hidden.</source>
        <translation>%1 non consente a Sportello di nascondere commenti: si possono nascondere solo i commenti di Facebook e Instagram.</translation>
    </message>
    <message>
        <source>This is a private message: only public comments can be hidden.</source>
        <translation>Questo è un messaggio privato: si possono nascondere solo i commenti pubblici.</translation>
    </message>
    <message>
        <source>This is the post the comments are under, not a comment: Sportello hides comments only.</source>
        <translation>Questo è il post sotto cui stanno i commenti, non un commento: Sportello nasconde solo commenti.</translation>
    </message>
    <message>
        <source>This comment is the page&apos;s own: %1 does not let a page hide its own comments. Delete it on %1 instead.</source>
        <translation>Questo commento è della pagina stessa: %1 non consente a una pagina di nascondere i propri commenti. Eliminalo su %1.</translation>
    </message>
    <message>
        <source>%1 said at the last sync that this comment cannot be hidden (for example a comment by the page&apos;s admins or on a review). Reply privately instead.</source>
        <translation>All&apos;ultima sincronizzazione %1 ha indicato che questo commento non può essere nascosto (ad esempio un commento degli amministratori della pagina o su una recensione). Rispondi in privato.</translation>
    </message>
    <message>
        <source>This comment is already hidden.</source>
        <translation>Questo commento è già nascosto.</translation>
    </message>
    <message>
        <source>This comment is not hidden.</source>
        <translation>Questo commento non è nascosto.</translation>
    </message>
    <message>
        <source>%1 answered that the comment was not hidden. It may be of a kind that cannot be hidden; reply privately instead.</source>
        <translation>%1 ha risposto che il commento non è stato nascosto. Potrebbe essere di un tipo che non si può nascondere; rispondi in privato.</translation>
    </message>
    <message>
        <source>%1 answered that the comment was not unhidden.</source>
        <translation>%1 ha risposto che il commento non è stato reso di nuovo visibile.</translation>
    </message>
    <message>
        <source>%1 refused the account&apos;s access token: sign in to the account again (Settings &gt; Accounts), then retry. Nothing was changed.</source>
        <translation>%1 ha rifiutato il token di accesso dell&apos;account: accedi di nuovo all&apos;account (Impostazioni &gt; Account), poi riprova. Non è stato modificato nulla.</translation>
    </message>
    <message>
        <source>%1 is limiting the account&apos;s requests: try again in a few minutes. Nothing was changed.</source>
        <translation>%1 sta limitando le richieste dell&apos;account: riprova tra qualche minuto. Non è stato modificato nulla.</translation>
    </message>
    <message>
        <source>%1 could not be reached (%2). Nothing was changed here; try again when the network is back.</source>
        <translation>Impossibile raggiungere %1 (%2). Qui non è stato modificato nulla; riprova quando la rete torna disponibile.</translation>
    </message>
    <message>
        <source>The %1 account lacks the permission to moderate comments (%2, granted by someone who may moderate the page). Sign in again and grant it. %3 said: %4</source>
        <translation>All&apos;account %1 manca l&apos;autorizzazione a moderare i commenti (%2, concessa da chi può moderare la pagina). Accedi di nuovo e concedila. %3 ha risposto: %4</translation>
    </message>
    <message>
        <source>%1 cannot hide this comment: it was deleted, the account cannot see it, or it is of a kind that cannot be hidden (the page&apos;s or its admins&apos; comments, comments on a review). Reply privately instead.</source>
        <translation>%1 non può nascondere questo commento: è stato eliminato, l&apos;account non lo vede, oppure è di un tipo che non si può nascondere (commenti della pagina o dei suoi amministratori, commenti su una recensione). Rispondi in privato.</translation>
    </message>
    <message>
        <source>%1 cannot unhide this comment: it was deleted or the account cannot see it.</source>
        <translation>%1 non può rendere di nuovo visibile questo commento: è stato eliminato o l&apos;account non lo vede.</translation>
    </message>
    <message>
        <source>%1 refused to hide the comment: %2</source>
        <translation>%1 ha rifiutato di nascondere il commento: %2</translation>
    </message>
    <message>
        <source>%1 refused to unhide the comment: %2</source>
        <translation>%1 ha rifiutato di rendere di nuovo visibile il commento: %2</translation>
    </message>
    <message>
        <source>The note is %1 characters long; at most %2 are kept.</source>
        <translation>La nota è lunga %1 caratteri; se ne conservano al massimo %2.</translation>
    </message>
    <message>
        <source>Say why in a note when the reason is &quot;other&quot;.</source>
        <translation>Spiega il perché in una nota quando il motivo è &quot;altro&quot;.</translation>
    </message>
    <message>
        <source>No %1 account is set up: add the page&apos;s account (Settings &gt; Accounts) to hide its comments.</source>
        <translation>Nessun account %1 configurato: aggiungi l&apos;account della pagina (Impostazioni &gt; Account) per nasconderne i commenti.</translation>
    </message>
    <message>
        <source>More than one %1 account could own this comment; Sportello cannot tell which one.</source>
        <translation>Più di un account %1 potrebbe possedere questo commento; Sportello non può stabilire quale.</translation>
    </message>
    <message>
        <source>Sign in again to the %1 account %2 first (Settings &gt; Accounts).</source>
        <translation>Prima accedi di nuovo all&apos;account %1 %2 (Impostazioni &gt; Account).</translation>
    </message>
    <message>
        <source>The account&apos;s access token cannot be read: %1</source>
        <translation>Impossibile leggere il token di accesso dell&apos;account: %1</translation>
    </message>
    <message>
        <source>The console is closing: nothing was changed.</source>
        <translation>La console si sta chiudendo: non è stato modificato nulla.</translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <source>an empty body</source>
        <translation>un corpo vuoto</translation>
    </message>
    <message>
        <source>an HTML/XML page instead of JSON (%1 bytes)</source>
        <translation>una pagina HTML/XML invece di JSON (%1 byte)</translation>
    </message>
    <message>
        <source>%1 bytes that are not JSON</source>
        <translation>%1 byte che non sono JSON</translation>
    </message>
    <message>
        <source>no answer within %1 ms</source>
        <translation>nessuna risposta entro %1 ms</translation>
    </message>
    <message>
        <source>network error %1</source>
        <translation>errore di rete %1</translation>
    </message>
    <message>
        <source>%1: %2 after the request was sent; it may or may not have been delivered</source>
        <translation>%1: %2 dopo l&apos;invio della richiesta; potrebbe essere stata consegnata oppure no</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: HTTP %2 with %3</source>
        <translation>%1: HTTP %2 con %3</translation>
    </message>
    <message>
        <source>%1: HTTP %2 with malformed or truncated JSON (%3 at offset %4)</source>
        <translation>%1: HTTP %2 con JSON malformato o troncato (%3 alla posizione %4)</translation>
    </message>
    <message>
        <source>%1: rate limited, HTTP %2%3</source>
        <translation>%1: limite di richieste raggiunto, HTTP %2%3</translation>
    </message>
    <message>
        <source>%1: the platform reports a duplicate, HTTP %2%3</source>
        <translation>%1: la piattaforma segnala un duplicato, HTTP %2%3</translation>
    </message>
    <message>
        <source>%1: server error HTTP %2%3</source>
        <translation>%1: errore del server HTTP %2%3</translation>
    </message>
    <message>
        <source>%1: HTTP %2%3</source>
        <translation>%1: HTTP %2%3</translation>
    </message>
    <message>
        <source> (gave up after %1 attempts)</source>
        <translation> (abbandonato dopo %1 tentativi)</translation>
    </message>
    <message>
        <source> (asked to wait %1 s, longer than this job waits)</source>
        <translation> (richiesta un&apos;attesa di %1 s, più di quanto questa operazione attende)</translation>
    </message>
    <message>
        <source>%1 %2: the network connection was closed</source>
        <translation>%1 %2: la connessione di rete è stata chiusa</translation>
    </message>
    <message>
        <source>%1 %2: the network connection was closed before the answer%3</source>
        <translation>%1 %2: la connessione di rete è stata chiusa prima della risposta%3</translation>
    </message>
    <message>
        <source>; the request may or may not have been delivered</source>
        <translation>; la richiesta potrebbe essere stata consegnata oppure no</translation>
    </message>
    <message>
        <source>%1: the access token was refused, HTTP %2%3</source>
        <translation>%1: il token di accesso è stato rifiutato, HTTP %2%3</translation>
    </message>
    <message>
        <source>the answer was cut off (%1 of %2 bytes)</source>
        <translation>la risposta è stata troncata (%1 byte su %2)</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>%1: the answer was empty.</source>
        <translation>%1: la risposta del server è vuota.</translation>
    </message>
    <message>
        <source>%1: the answer is not a JSON object.</source>
        <translation>%1: la risposta del server non è un oggetto JSON.</translation>
    </message>
    <message>
        <source>%1; the reply may have been created, so the thread is checked before any resend</source>
        <translation>%1; la risposta potrebbe essere stata pubblicata, quindi la conversazione viene verificata prima di ogni nuovo invio</translation>
    </message>
    <message>
        <source>Sportello cannot send replies on %1.</source>
        <translation>Sportello non può inviare risposte su %1.</translation>
    </message>
    <message>
        <source>The customer&apos;s X user id is unknown: the direct message cannot be addressed.</source>
        <translation>L&apos;id utente X del cliente è sconosciuto: impossibile indirizzare il messaggio diretto.</translation>
    </message>
    <message>
        <source>A direct-message conversation cannot get a public reply; choose a private reply.</source>
        <translation>Una conversazione in messaggi diretti non può ricevere una risposta pubblica; scegli una risposta privata.</translation>
    </message>
    <message>
        <source>X accepted the reply</source>
        <translation>X ha accettato la risposta</translation>
    </message>
    <message>
        <source>%1 but its answer carries no id of the new post.</source>
        <translation>%1, ma la risposta del server non contiene l&apos;id del nuovo post.</translation>
    </message>
    <message>
        <source>Reading the X conversation back</source>
        <translation>Rilettura dei messaggi diretti su X</translation>
    </message>
    <message>
        <source>Reading the X post back</source>
        <translation>Rilettura del post su X</translation>
    </message>
    <message>
        <source>Reading the X post back: neither the post nor an error came back.</source>
        <translation>Rilettura del post su X: non sono stati restituiti né il post né un errore.</translation>
    </message>
    <message>
        <source>Reading the X thread back</source>
        <translation>Rilettura della conversazione su X</translation>
    </message>
    <message>
        <source>A Messenger conversation cannot get a public reply; choose a private reply.</source>
        <translation>Una conversazione su Messenger non può ricevere una risposta pubblica; scegli una risposta privata.</translation>
    </message>
    <message>
        <source>The customer&apos;s Messenger id is unknown: the message cannot be addressed.</source>
        <translation>L&apos;id Messenger del cliente è sconosciuto: impossibile indirizzare il messaggio.</translation>
    </message>
    <message>
        <source>%1 accepted the reply</source>
        <translation>%1 ha accettato la risposta</translation>
    </message>
    <message>
        <source>Reading the thread back</source>
        <translation>Rilettura della conversazione</translation>
    </message>
    <message>
        <source>Reading the thread back: the answer has no data list.</source>
        <translation>Rilettura della conversazione: la risposta del server non contiene un elenco data.</translation>
    </message>
    <message>
        <source>This entry is %1: it cannot be %2.</source>
        <translation>Questa voce è %1: non può essere %2.</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>In attesa</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>In invio</translation>
    </message>
    <message>
        <source>Checking delivery</source>
        <translation>In verifica di consegna</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Consegnata</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>In errore</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>In attesa di conferma</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annullata</translation>
    </message>
    <message>
        <source>There is no outbox entry %1.</source>
        <translation>Non esiste la voce %1 nella posta in uscita.</translation>
    </message>
    <message>
        <source>Set your agent name in the settings before changing the outbox.</source>
        <translation>Imposta il tuo nome operatore nelle impostazioni prima di modificare la posta in uscita.</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>modificata</translation>
    </message>
    <message>
        <source>A reply cannot be empty.</source>
        <translation>Una risposta non può essere vuota.</translation>
    </message>
    <message>
        <source>retried</source>
        <translation>reinviata</translation>
    </message>
    <message>
        <source>This entry is being sent right now; cancel it when the attempt has finished.</source>
        <translation>Questa voce è in fase di invio; annullala quando il tentativo sarà terminato.</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annullata</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>confermata</translation>
    </message>
    <message>
        <source>Sportello stopped while this was being sent; the thread is checked before anything is sent again.</source>
        <translation>Sportello si è chiuso durante l&apos;invio; la conversazione viene verificata prima di inviare di nuovo qualsiasi cosa.</translation>
    </message>
    <message>
        <source>A closed thread has nothing to deliver.</source>
        <translation>Una conversazione chiusa non ha nulla da consegnare.</translation>
    </message>
    <message>
        <source>No %1 account is set up to send this reply; add the account, then retry.</source>
        <translation>Nessun account %1 configurato per inviare questa risposta; aggiungi l&apos;account, poi riprova.</translation>
    </message>
    <message>
        <source>More than one %1 account could send this reply; Sportello cannot tell which one the thread belongs to.</source>
        <translation>Più account %1 potrebbero inviare questa risposta; Sportello non può stabilire a quale appartenga la conversazione.</translation>
    </message>
    <message>
        <source>Waiting: sign in again to the %1 account %2.</source>
        <translation>In attesa: accedi di nuovo all&apos;account %1 %2.</translation>
    </message>
    <message>
        <source>The access token of the %1 account %2 cannot be read: %3</source>
        <translation>Impossibile leggere il token di accesso dell&apos;account %1 %2: %3</translation>
    </message>
    <message>
        <source>The thread has no customer post to reply to.</source>
        <translation>La conversazione non contiene un messaggio del cliente a cui rispondere.</translation>
    </message>
    <message>
        <source>The reply is empty; write it, then retry.</source>
        <translation>La risposta è vuota; scrivila, poi riprova.</translation>
    </message>
    <message>
        <source>%1 refused the reply as a duplicate, and this kind of reply cannot be checked on the platform.</source>
        <translation>%1 ha rifiutato la risposta come duplicato, e questo tipo di risposta non può essere verificato sulla piattaforma.</translation>
    </message>
    <message>
        <source>Sportello cannot check on %1 whether this private reply arrived. Look at the conversation, then confirm to send it again or cancel it.</source>
        <translation>Sportello non può verificare su %1 se questa risposta privata è arrivata. Controlla la conversazione, poi conferma per inviarla di nuovo oppure annullala.</translation>
    </message>
    <message>
        <source>Decided offline: Sportello cannot check on %1 whether a colleague already answered privately. Confirm to send it or cancel it.</source>
        <translation>Decisione presa offline: Sportello non può verificare su %1 se un collega ha già risposto in privato. Conferma per inviarla oppure annullala.</translation>
    </message>
    <message>
        <source>Checking the thread before sending</source>
        <translation>Verifica della conversazione prima dell&apos;invio</translation>
    </message>
    <message>
        <source>The customer&apos;s post was deleted on %1.</source>
        <translation>Il messaggio del cliente è stato eliminato su %1.</translation>
    </message>
    <message>
        <source>Confirm to send anyway or cancel.</source>
        <translation>Conferma per inviare comunque oppure annulla.</translation>
    </message>
    <message>
        <source>Decided offline, and meanwhile a colleague answered on %1 (%2): &quot;%3&quot;. Confirm to send yours too or cancel it.</source>
        <translation>Decisione presa offline e nel frattempo un collega ha risposto su %1 (%2): &quot;%3&quot;. Conferma per inviare anche la tua oppure annullala.</translation>
    </message>
    <message>
        <source>%1 refused the reply as a duplicate of an earlier post, and it is not on the thread. Edit the text, then retry.</source>
        <translation>%1 ha rifiutato la risposta come duplicato di un post precedente, che però non è nella conversazione. Modifica il testo, poi riprova.</translation>
    </message>
    <message>
        <source>Delivered, but the cache could not record it: %1</source>
        <translation>Consegnata, ma impossibile registrare la consegna nell&apos;archivio locale: %1</translation>
    </message>
    <message>
        <source>No customer-care hand-off is configured: set an endpoint or a folder in the settings, then retry.</source>
        <translation>Nessun passaggio all&apos;assistenza clienti configurato: imposta un endpoint o una cartella nelle impostazioni, poi riprova.</translation>
    </message>
    <message>
        <source>Hand-off endpoint: %1</source>
        <translation>Endpoint per il passaggio all&apos;assistenza clienti: %1</translation>
    </message>
    <message>
        <source>Customer care&apos;s endpoint</source>
        <translation>Endpoint dell&apos;assistenza clienti</translation>
    </message>
    <message>
        <source>%1: data is not a list.</source>
        <translation>%1: il campo data non è un elenco.</translation>
    </message>
    <message>
        <source>This entry changed meanwhile (it is being delivered); look at it again, then try once more.</source>
        <translation>Questa voce è cambiata nel frattempo (è in consegna); ricontrollala, poi riprova.</translation>
    </message>
    <message>
        <source>The network connection of the outbox is closed.</source>
        <translation>La connessione di rete della posta in uscita è chiusa.</translation>
    </message>
    <message>
        <source>The thread could not be checked in the cache (%1). Look at it, then confirm to send or cancel.</source>
        <translation>Impossibile verificare la conversazione nell&apos;archivio locale (%1). Controllala, poi conferma l&apos;invio oppure annulla.</translation>
    </message>
    <message>
        <source>Delivered, but %1 copies of this reply are on %2 (%3); remove the extra ones there.</source>
        <translation>Consegnata, ma su %2 ci sono %1 copie di questa risposta (%3); elimina lì quelle in più.</translation>
    </message>
    <message>
        <source>After this reply was sent, a reply from the company account appeared on %1 (%2): &quot;%3&quot;. It may be this one as the platform shows it, or a colleague&apos;s. Look at the thread, then confirm to send it again or cancel it.</source>
        <translation>Dopo l&apos;invio di questa risposta, su %1 è comparsa una risposta dell&apos;account aziendale (%2): &quot;%3&quot;. Può essere questa, come la mostra la piattaforma, oppure quella di un collega. Controlla la conversazione, poi conferma per inviarla di nuovo oppure annullala.</translation>
    </message>
    <message>
        <source>Sportello read %1 pages of the thread on %2 without reaching the time of the decision, so it cannot tell whether this reply arrived. Look at the thread, then confirm to send it again or cancel it.</source>
        <translation>Sportello ha letto %1 pagine della conversazione su %2 senza arrivare al momento della decisione, quindi non può stabilire se questa risposta è arrivata. Controlla la conversazione, poi conferma per inviarla di nuovo oppure annullala.</translation>
    </message>
    <message>
        <source>Decided offline, and the thread on %1 is too long to check whether a colleague answered meanwhile. Confirm to send it or cancel it.</source>
        <translation>Decisione presa offline, e la conversazione su %1 è troppo lunga per verificare se nel frattempo ha risposto un collega. Conferma per inviarla oppure annullala.</translation>
    </message>
    <message>
        <source>Decided offline, and the thread could not be checked in the cache (%1). Confirm to send it or cancel it.</source>
        <translation>Decisione presa offline, e non è stato possibile verificare la conversazione nell&apos;archivio locale (%1). Conferma per inviarla oppure annullala.</translation>
    </message>
    <message>
        <source>A public reply cannot carry personal data (%1): remove it, or cancel this entry and reply privately.</source>
        <translation>Una risposta pubblica non può contenere dati personali (%1): rimuovili, oppure annulla questa voce e rispondi in privato.</translation>
    </message>
    <message>
        <source>Waiting: sign in again to the %1 account %2. %3</source>
        <translation>In attesa: accedi di nuovo all&apos;account %1 %2. %3</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>In attesa di approvazione</translation>
    </message>
    <message>
        <source>Sent back</source>
        <translation>Rimandata all&apos;autore</translation>
    </message>
    <message>
        <source>In-app reply webhook: %1</source>
        <translation>Webhook delle risposte in-app: %1</translation>
    </message>
    <message>
        <source>The in-app reply folder must be an existing folder, given by its absolute path: %1</source>
        <translation>La cartella delle risposte in-app deve essere una cartella esistente, indicata con il percorso assoluto: %1</translation>
    </message>
    <message>
        <source>No way back to the mobile app is configured: set the in-app reply webhook or folder (sportello-cli inapp replies), then retry.</source>
        <translation>Nessun canale di ritorno verso l&apos;app è configurato: imposta il webhook o la cartella delle risposte in-app (sportello-cli inapp replies), poi riprova.</translation>
    </message>
    <message>
        <source>The app backend&apos;s webhook</source>
        <translation>Il webhook del backend dell&apos;app</translation>
    </message>
    <message>
        <source>Customer care&apos;s status file %1</source>
        <translation>File di stato del servizio clienti %1</translation>
    </message>
    <message>
        <source>Customer care&apos;s answer to %1 was not recorded: %2</source>
        <translation>La risposta del servizio clienti a %1 non è stata registrata: %2</translation>
    </message>
    <message>
        <source>%1 accepted the reply but its answer carries no id of it; the review is read back before any resend.</source>
        <translation>%1 ha accettato la risposta ma la sua conferma non ne riporta l&apos;id; la recensione viene riletta prima di qualsiasi nuovo invio.</translation>
    </message>
    <message>
        <source>The reply was not sent: %1 (%2 of at most %3 characters).</source>
        <translation>La risposta non è stata inviata: %1 (%2 caratteri su un massimo di %3).</translation>
    </message>
    <message>
        <source>it is too long</source>
        <translation>è troppo lunga</translation>
    </message>
    <message>
        <source>Google Play answered the review read-back with something that is not a review.</source>
        <translation>Alla rilettura della recensione Google Play ha risposto con qualcosa che non è una recensione.</translation>
    </message>
    <message>
        <source>The App Store review was deleted; there is nothing to reply to.</source>
        <translation>La recensione sull&apos;App Store è stata eliminata; non c&apos;è nulla a cui rispondere.</translation>
    </message>
    <message>
        <source>The app name &quot;%1&quot; must be 1 to 64 letters, digits, dots, dashes or underscores.</source>
        <translation>Il nome dell&apos;app &quot;%1&quot; deve essere di 1-64 lettere, cifre, punti, trattini o trattini bassi.</translation>
    </message>
    <message>
        <source>An app&apos;s replies go to a webhook or to a folder, not both.</source>
        <translation>Le risposte di un&apos;app vanno a un webhook o in una cartella, non a entrambi.</translation>
    </message>
</context>
<context>
    <name>Policy</name>
    <message>
        <source>There is no policy called &quot;%1&quot;.</source>
        <translation>Non esiste una politica chiamata &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The policy is not valid: %1</source>
        <translation>La politica non è valida: %1</translation>
    </message>
    <message>
        <source>the name &quot;%1&quot; must be 1 to 64 lower-case letters, digits, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>il nome &quot;%1&quot; deve avere da 1 a 64 caratteri tra lettere minuscole, cifre, &apos;-&apos; e &apos;_&apos;.</translation>
    </message>
    <message>
        <source>due_soon_fraction must be between 0 and 1 (for example 0.25).</source>
        <translation>due_soon_fraction deve essere compreso tra 0 e 1 (per esempio 0.25).</translation>
    </message>
    <message>
        <source>it has no targets.</source>
        <translation>non ha obiettivi.</translation>
    </message>
    <message>
        <source>target %1: minutes must be between 1 and 525600.</source>
        <translation>obiettivo %1: i minuti devono essere compresi tra 1 e 525600.</translation>
    </message>
    <message>
        <source>there is no target for the category %1 on all channels.</source>
        <translation>manca un obiettivo per la categoria %1 su tutti i canali.</translation>
    </message>
    <message>
        <source>The calendar is not valid: %1</source>
        <translation>Il calendario non è valido: %1</translation>
    </message>
    <message>
        <source>unknown time zone &quot;%1&quot;.</source>
        <translation>fuso orario sconosciuto &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>always_open must be true or false.</source>
        <translation>always_open deve essere true o false.</translation>
    </message>
    <message>
        <source>italian_holidays must be true or false.</source>
        <translation>italian_holidays deve essere true o false.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; in holidays is not a date like 2026-08-14.</source>
        <translation>&quot;%1&quot; in holidays non è una data come 2026-08-14.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a day of the week (use monday ... sunday).</source>
        <translation>&quot;%1&quot; non è un giorno della settimana (usa monday ... sunday).</translation>
    </message>
    <message>
        <source>%1 must be a list of [&quot;HH:mm&quot;, &quot;HH:mm&quot;] periods.</source>
        <translation>%1 deve essere un elenco di fasce [&quot;HH:mm&quot;, &quot;HH:mm&quot;].</translation>
    </message>
    <message>
        <source>%1 has a period that is not [&quot;HH:mm&quot;, &quot;HH:mm&quot;].</source>
        <translation>%1 contiene una fascia che non è [&quot;HH:mm&quot;, &quot;HH:mm&quot;].</translation>
    </message>
    <message>
        <source>&quot;format&quot; must be &quot;sportello-policy&quot;.</source>
        <translation>&quot;format&quot; deve essere &quot;sportello-policy&quot;.</translation>
    </message>
    <message>
        <source>this version of Sportello reads policy format version 1.</source>
        <translation>questa versione di Sportello legge le politiche nel formato versione 1.</translation>
    </message>
    <message>
        <source>due_soon_fraction must be a number.</source>
        <translation>due_soon_fraction deve essere un numero.</translation>
    </message>
    <message>
        <source>unknown category &quot;%1&quot;.</source>
        <translation>categoria sconosciuta &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>&quot;calendar&quot; is missing.</source>
        <translation>manca &quot;calendar&quot;.</translation>
    </message>
    <message>
        <source>&quot;targets&quot; must be a list.</source>
        <translation>&quot;targets&quot; deve essere un elenco.</translation>
    </message>
    <message>
        <source>unknown channel &quot;%1&quot;.</source>
        <translation>canale sconosciuto &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>every target needs whole &quot;minutes&quot;.</source>
        <translation>ogni obiettivo richiede &quot;minutes&quot; interi.</translation>
    </message>
    <message>
        <source>&quot;clock&quot; must be &quot;business&quot; or &quot;calendar&quot;.</source>
        <translation>&quot;clock&quot; deve essere &quot;business&quot; o &quot;calendar&quot;.</translation>
    </message>
    <message>
        <source>not JSON (%1 at character %2).</source>
        <translation>non è JSON (%1 al carattere %2).</translation>
    </message>
    <message>
        <source>the file must hold one JSON object.</source>
        <translation>il file deve contenere un solo oggetto JSON.</translation>
    </message>
    <message>
        <source>time_zone must name a time zone, such as Europe/Rome.</source>
        <translation>time_zone deve indicare un fuso orario, come Europe/Rome.</translation>
    </message>
    <message>
        <source>target %1: max_rating must be 1, 2, 3 or 4 stars.</source>
        <translation>obiettivo %1: max_rating deve essere 1, 2, 3 o 4 stelle.</translation>
    </message>
    <message>
        <source>target %1 repeats the category, channel and rating of target %2.</source>
        <translation>l&apos;obiettivo %1 ripete categoria, canale e valutazione dell&apos;obiettivo %2.</translation>
    </message>
</context>
<context>
    <name>Privacy</name>
    <message>
        <source>Customer card opened</source>
        <translation>Scheda cliente aperta</translation>
    </message>
    <message>
        <source>Report exported</source>
        <translation>Report esportato</translation>
    </message>
    <message>
        <source>Person&apos;s data exported</source>
        <translation>Dati della persona esportati</translation>
    </message>
    <message>
        <source>An access to personal data must name who made it.</source>
        <translation>Un accesso ai dati personali deve indicare chi l&apos;ha fatto.</translation>
    </message>
    <message>
        <source>No author %1 in this cache.</source>
        <translation>Nessun autore %1 in questo archivio locale.</translation>
    </message>
    <message>
        <source>The access records could not be counted.</source>
        <translation>Non è stato possibile contare i registri degli accessi.</translation>
    </message>
    <message>
        <source>There is no author %1 in this cache.</source>
        <translation>Nell&apos;archivio locale non c&apos;è l&apos;autore %1.</translation>
    </message>
    <message>
        <source>Another program is reading the cache, so its write-ahead log could not be emptied: close it and run the scrub again (sportello-cli privacy scrub).</source>
        <translation>Un altro programma sta leggendo l&apos;archivio locale, quindi il suo registro write-ahead non è stato svuotato: chiudilo e ripeti la pulizia (sportello-cli privacy scrub).</translation>
    </message>
    <message>
        <source>Give the reason for the erasure (for example the request it answers).</source>
        <translation>Indica il motivo della cancellazione (per esempio la richiesta a cui risponde).</translation>
    </message>
    <message>
        <source>This cache is in a team: the erasure goes through the team database, so that every desktop applies it.</source>
        <translation>Questo archivio locale fa parte di un team: la cancellazione passa dal database del team, così che ogni postazione la applichi.</translation>
    </message>
    <message>
        <source>There is no author %1:%2 in this cache.</source>
        <translation>Nell&apos;archivio locale non c&apos;è l&apos;autore %1:%2.</translation>
    </message>
    <message>
        <source>%1:%2 is the company&apos;s own account, not a person.</source>
        <translation>%1:%2 è l&apos;account dell&apos;azienda, non una persona.</translation>
    </message>
    <message>
        <source>The person&apos;s data was erased, but the free space could not be scrubbed yet: %1</source>
        <translation>I dati della persona sono stati cancellati, ma lo spazio libero non è ancora stato ripulito: %1</translation>
    </message>
    <message>
        <source>private message</source>
        <translation>messaggio privato</translation>
    </message>
    <message>
        <source>public</source>
        <translation>pubblico</translation>
    </message>
    <message>
        <source>Personal data leaves the team only through a supervisor, an admin or the data protection officer: ask one of them for this export.</source>
        <translation>I dati personali escono dal team solo tramite un supervisore, un amministratore o il responsabile della protezione dei dati: chieda a uno di loro questa esportazione.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not CHANNEL:AUTHOR_ID (for example x:1551234567).</source>
        <translation>&quot;%1&quot; non è nella forma CANALE:ID_AUTORE (per esempio x:1551234567).</translation>
    </message>
    <message>
        <source>Personal data held by customer care</source>
        <translation>Dati personali conservati dal servizio clienti</translation>
    </message>
    <message>
        <source>Prepared on %1.</source>
        <translation>Preparato il %1.</translation>
    </message>
    <message>
        <source>Identities</source>
        <translation>Identità</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canale</translation>
    </message>
    <message>
        <source>Account id</source>
        <translation>Id dell&apos;account</translation>
    </message>
    <message>
        <source>Handle</source>
        <translation>Handle</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Not linked to a customer record.</source>
        <translation>Non collegato a una scheda cliente.</translation>
    </message>
    <message>
        <source>Customer record %1.</source>
        <translation>Scheda cliente %1.</translation>
    </message>
    <message>
        <source>No policyholder reference stored.</source>
        <translation>Nessun codice contraente memorizzato.</translation>
    </message>
    <message>
        <source>Policyholder reference: %1.</source>
        <translation>Codice contraente: %1.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Visibility</source>
        <translation>Visibilità</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Testo</translation>
    </message>
    <message>
        <source>Your messages</source>
        <translation>I suoi messaggi</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Nessuno.</translation>
    </message>
    <message>
        <source>Our replies to you</source>
        <translation>Le nostre risposte a lei</translation>
    </message>
    <message>
        <source>Notes about you</source>
        <translation>Note su di lei</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>Scritta da</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Reclami</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ricevuto</translation>
    </message>
    <message>
        <source>Answer due by</source>
        <translation>Risposta dovuta entro</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Risolto</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>open</source>
        <translation>aperto</translation>
    </message>
    <message>
        <source>Cannot write %1: it is a folder.</source>
        <translation>Impossibile scrivere %1: è una cartella.</translation>
    </message>
    <message>
        <source>Cannot write %1: the folder %2 does not exist.</source>
        <translation>Impossibile scrivere %1: la cartella %2 non esiste.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossibile scrivere %1: %2</translation>
    </message>
    <message>
        <source>The retention policy is not valid JSON: %1 (at character %2).</source>
        <translation>La politica di conservazione non è un JSON valido: %1 (al carattere %2).</translation>
    </message>
    <message>
        <source>The retention policy must be a JSON object, such as {&quot;closed_threads_months&quot;: 24}.</source>
        <translation>La politica di conservazione deve essere un oggetto JSON, per esempio {&quot;closed_threads_months&quot;: 24}.</translation>
    </message>
    <message>
        <source>Unknown key &quot;%1&quot; in the retention policy: the keys are %2.</source>
        <translation>Chiave &quot;%1&quot; sconosciuta nella politica di conservazione: le chiavi sono %2.</translation>
    </message>
    <message>
        <source>%1 must be a whole number of months.</source>
        <translation>%1 deve essere un numero intero di mesi.</translation>
    </message>
    <message>
        <source>%1 must be from 1 to %2 months, not %3.</source>
        <translation>%1 deve essere da 1 a %2 mesi, non %3.</translation>
    </message>
    <message>
        <source>complaint_months (%1) must not be shorter than closed_threads_months (%2): complaints are kept at least as long as other closed threads.</source>
        <translation>complaint_months (%1) non può essere minore di closed_threads_months (%2): i reclami si conservano almeno quanto le altre conversazioni chiuse.</translation>
    </message>
    <message>
        <source>The stored retention policy is damaged: %1</source>
        <translation>La politica di conservazione salvata è danneggiata: %1</translation>
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
    <name>Report</name>
    <message>
        <source>Cannot write %1: it is a folder.</source>
        <translation>Impossibile scrivere %1: è una cartella.</translation>
    </message>
    <message>
        <source>Cannot write %1: the folder %2 does not exist.</source>
        <translation>Impossibile scrivere %1: la cartella %2 non esiste.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossibile scrivere %1: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Nothing was saved.</source>
        <translation>Impossibile scrivere %1: %2. Non è stato salvato nulla.</translation>
    </message>
    <message>
        <source>Cannot write %1: the file is not open.</source>
        <translation>Impossibile scrivere %1: il file non è aperto.</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Rispettato</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Mancato</translation>
    </message>
    <message>
        <source>Handled by policy</source>
        <translation>Gestito secondo la politica</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>In attesa</translation>
    </message>
    <message>
        <source>%1 needs a date written as YYYY-MM-DD, for example 2026-03-01 (got &quot;%2&quot;).</source>
        <translation>%1 richiede una data nel formato AAAA-MM-GG, per esempio 2026-03-01 (ricevuto &quot;%2&quot;).</translation>
    </message>
    <message>
        <source>A report needs a first and a last date.</source>
        <translation>Un report richiede una data iniziale e una finale.</translation>
    </message>
    <message>
        <source>The first date (%1) is after the last date (%2).</source>
        <translation>La data iniziale (%1) è successiva alla data finale (%2).</translation>
    </message>
    <message>
        <source>Unknown category &quot;%1&quot;: use one of %2 or none.</source>
        <translation>Categoria &quot;%1&quot; sconosciuta: usare una tra %2 oppure none.</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisione</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canale</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Giorno</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Settimana</translation>
    </message>
    <message>
        <source>--group-by needs one or more of %1, separated by commas.</source>
        <translation>--group-by richiede uno o più valori tra %1, separati da virgole.</translation>
    </message>
    <message>
        <source>Unknown group-by field &quot;%1&quot;: use %2.</source>
        <translation>Campo di raggruppamento &quot;%1&quot; sconosciuto: usare %2.</translation>
    </message>
    <message>
        <source>The group-by field &quot;%1&quot; is given twice.</source>
        <translation>Il campo di raggruppamento &quot;%1&quot; è indicato due volte.</translation>
    </message>
    <message>
        <source>Week of</source>
        <translation>Settimana del</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Messaggi</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Quota</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Con risposta</translation>
    </message>
    <message>
        <source>Mean (bus.)</source>
        <translation>Media (lav.)</translation>
    </message>
    <message>
        <source>Median (bus.)</source>
        <translation>Mediana (lav.)</translation>
    </message>
    <message>
        <source>P90 (bus.)</source>
        <translation>P90 (lav.)</translation>
    </message>
    <message>
        <source>Mean (cal.)</source>
        <translation>Media (sol.)</translation>
    </message>
    <message>
        <source>Median (cal.)</source>
        <translation>Mediana (sol.)</translation>
    </message>
    <message>
        <source>P90 (cal.)</source>
        <translation>P90 (sol.)</translation>
    </message>
    <message>
        <source>Within target</source>
        <translation>Entro obiettivo</translation>
    </message>
    <message>
        <source>Replied publicly</source>
        <translation>Con risposta in pubblico</translation>
    </message>
    <message>
        <source>Replied privately</source>
        <translation>Con risposta in privato</translation>
    </message>
    <message>
        <source>Forwarded to care</source>
        <translation>Inoltrati all&apos;assistenza clienti</translation>
    </message>
    <message>
        <source>Closed without reply</source>
        <translation>Chiusi senza risposta</translation>
    </message>
    <message>
        <source>Not yet answered</source>
        <translation>Ancora senza risposta</translation>
    </message>
    <message>
        <source>Study practice</source>
        <translation>Prassi nello studio</translation>
    </message>
    <message>
        <source>Study: from (min)</source>
        <translation>Studio: da (min)</translation>
    </message>
    <message>
        <source>Study: to (min)</source>
        <translation>Studio: a (min)</translation>
    </message>
    <message>
        <source>Mean within study range</source>
        <translation>Media entro l&apos;intervallo dello studio</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Finalità</translation>
    </message>
    <message>
        <source>Study share</source>
        <translation>Quota nello studio</translation>
    </message>
    <message>
        <source>From (business min)</source>
        <translation>Da (min lavorativi)</translation>
    </message>
    <message>
        <source>To (business min)</source>
        <translation>A (min lavorativi)</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annullato.</translation>
    </message>
    <message>
        <source>Handed off</source>
        <translation>Inoltrati</translation>
    </message>
    <message>
        <source>Selective: from (min)</source>
        <translation>Selettiva: da (min)</translation>
    </message>
    <message>
        <source>Selective: to (min)</source>
        <translation>Selettiva: a (min)</translation>
    </message>
    <message>
        <source>Within selective range</source>
        <translation>Entro l&apos;intervallo selettivo</translation>
    </message>
    <message>
        <source>Systematic: from (min)</source>
        <translation>Sistematica: da (min)</translation>
    </message>
    <message>
        <source>Systematic: to (min)</source>
        <translation>Sistematica: a (min)</translation>
    </message>
    <message>
        <source>Within systematic range</source>
        <translation>Entro l&apos;intervallo sistematico</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Reparto</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>Competenza</translation>
    </message>
    <message>
        <source>Colleague</source>
        <translation>Collega</translation>
    </message>
    <message>
        <source>The team&apos;s policy: outside staff do not export reports. The figures can be read in the report window.</source>
        <translation>Regola del team: il personale esterno non esporta i report. I dati si possono consultare nella finestra dei report.</translation>
    </message>
    <message>
        <source>Guard overrides</source>
        <translation>Eccezioni al controllo dati personali</translation>
    </message>
    <message>
        <source>Hand-off state</source>
        <translation>Stato dell&apos;inoltro</translation>
    </message>
    <message>
        <source>Hand-offs</source>
        <translation>Inoltri</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Reclami</translation>
    </message>
    <message>
        <source>Complaints resolved in time</source>
        <translation>Reclami risolti nei termini</translation>
    </message>
    <message>
        <source>Mean to resolution (cal.)</source>
        <translation>Media alla risoluzione (cal.)</translation>
    </message>
    <message>
        <source>Median to resolution (cal.)</source>
        <translation>Mediana alla risoluzione (cal.)</translation>
    </message>
    <message>
        <source>Star rating</source>
        <translation>Valutazione in stelle</translation>
    </message>
    <message>
        <source>Exports with customers&apos; names and texts are for a supervisor, an admin or the data protection officer: export it pseudonymised (the default), or ask one of them.</source>
        <translation>Le esportazioni con nomi e testi dei clienti sono riservate a supervisori, amministratori e al responsabile della protezione dei dati: esporti in forma pseudonimizzata (il predefinito) o chieda a uno di loro.</translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <source>No answered posts in this period.</source>
        <translation>Nessun messaggio con risposta in questo periodo.</translation>
    </message>
</context>
<context>
    <name>Salvage</name>
    <message>
        <source>the table cannot be read</source>
        <translation>la tabella non si può leggere</translation>
    </message>
    <message>
        <source>%1 already exists: salvage into a new file.</source>
        <translation>%1 esiste già: recupera in un nuovo file.</translation>
    </message>
    <message>
        <source>Salvage into another file than the damaged one.</source>
        <translation>Recupera in un file diverso da quello danneggiato.</translation>
    </message>
</context>
<context>
    <name>Secrets</name>
    <message>
        <source>[hidden: looks like an access token]</source>
        <translation>[nascosto: sembra un token di accesso]</translation>
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
    <message>
        <source>--demo opens a fresh cache of demo data, discarded on exit, and cannot be combined with --database %1. To load the demo data into that cache, run &quot;sportello-cli --database %1 demo&quot;.</source>
        <translation>--demo apre una nuova cache di dati dimostrativi, eliminata all&apos;uscita, e non può essere combinato con --database %1. Per caricare i dati dimostrativi in quella cache, esegui &quot;sportello-cli --database %1 demo&quot;.</translation>
    </message>
    <message>
        <source>Prefers private messages; pays the renewal by bank transfer.</source>
        <translation>Preferisce i messaggi privati; paga il rinnovo con bonifico.</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>The sync of %1 cannot start: it is not configured.</source>
        <translation>La sincronizzazione di %1 non può partire: non è configurata.</translation>
    </message>
    <message>
        <source>The account %1 needs signing in again before it can sync.</source>
        <translation>L&apos;account %1 richiede un nuovo accesso prima di poter sincronizzare.</translation>
    </message>
    <message>
        <source>The channel of %1 is not a Graph API channel.</source>
        <translation>Il canale di %1 non è un canale della Graph API.</translation>
    </message>
    <message>
        <source>The sync of %1 stopped after %2 pages (the limit for one sync).</source>
        <translation>La sincronizzazione di %1 si è fermata dopo %2 pagine (il limite per una sincronizzazione).</translation>
    </message>
    <message>
        <source>The Graph API rate limit stopped the sync of %1; it resumes from the last stored page. (%2)</source>
        <translation>Il limite di richieste della Graph API ha fermato la sincronizzazione di %1; riprenderà dall&apos;ultima pagina salvata. (%2)</translation>
    </message>
    <message>
        <source>The sync of %1 stopped; nothing from this page was stored. (%2)</source>
        <translation>La sincronizzazione di %1 si è interrotta; non è stato salvato nulla di questa pagina. (%2)</translation>
    </message>
    <message>
        <source>The sync of %1 stopped: %2 answered without a &quot;data&quot; list; nothing from this page was stored.</source>
        <translation>La sincronizzazione di %1 si è interrotta: %2 ha risposto senza un elenco &quot;data&quot;; non è stato salvato nulla di questa pagina.</translation>
    </message>
    <message>
        <source>%1 answered without a &quot;data&quot; list.</source>
        <translation>%1 ha risposto senza un elenco &quot;data&quot;.</translation>
    </message>
    <message>
        <source>%1: a comment without an id was skipped.</source>
        <translation>%1: un commento senza id è stato saltato.</translation>
    </message>
    <message>
        <source>%1: the next page points at another server (%2) and was not fetched.</source>
        <translation>%1: la pagina successiva punta a un altro server (%2) e non è stata scaricata.</translation>
    </message>
    <message>
        <source>The sync of %1 could not store a page: %2</source>
        <translation>La sincronizzazione di %1 non è riuscita a salvare una pagina: %2</translation>
    </message>
    <message>
        <source>X answered with an empty page.</source>
        <translation>X ha risposto con una pagina vuota.</translation>
    </message>
    <message>
        <source>X answered with a page that is not valid JSON (%1 at byte %2); nothing from it was stored.</source>
        <translation>X ha risposto con una pagina che non è JSON valido (%1 al byte %2); non ne è stato salvato nulla.</translation>
    </message>
    <message>
        <source>X answered with a page of an unexpected shape (not a JSON object); nothing from it was stored.</source>
        <translation>X ha risposto con una pagina di forma inattesa (non è un oggetto JSON); non ne è stato salvato nulla.</translation>
    </message>
    <message>
        <source>X answered with a page of an unexpected shape (no data, meta or errors); nothing from it was stored.</source>
        <translation>X ha risposto con una pagina di forma inattesa (senza data, meta o errors); non ne è stato salvato nulla.</translation>
    </message>
    <message>
        <source>X answered with a page of an unexpected shape (data is not a list); nothing from it was stored.</source>
        <translation>X ha risposto con una pagina di forma inattesa (data non è un elenco); non ne è stato salvato nulla.</translation>
    </message>
    <message>
        <source>X answered with a post whose date cannot be read (%1); nothing from the page was stored.</source>
        <translation>X ha risposto con un post la cui data non è leggibile (%1); non è stato salvato nulla della pagina.</translation>
    </message>
    <message>
        <source>X answered with a post without id or text; nothing from the page was stored.</source>
        <translation>X ha risposto con un post senza id o testo; non è stato salvato nulla della pagina.</translation>
    </message>
    <message>
        <source>X answered with a page of an unexpected shape (a post is not an object); nothing from it was stored.</source>
        <translation>X ha risposto con una pagina di forma inattesa (un post non è un oggetto); non ne è stato salvato nulla.</translation>
    </message>
    <message>
        <source>The X sync is not set up (network, cache or clock missing).</source>
        <translation>La sincronizzazione con X non è configurata (mancano rete, cache o orologio).</translation>
    </message>
    <message>
        <source>The X sync of account %1 stopped: %2</source>
        <translation>La sincronizzazione con X dell&apos;account %1 si è interrotta: %2</translation>
    </message>
    <message>
        <source>The X account %1 needs signing in again before it can sync.</source>
        <translation>L&apos;account X %1 deve accedere di nuovo prima di poter essere sincronizzato.</translation>
    </message>
    <message>
        <source>The system reports no network connection.</source>
        <translation>Il sistema segnala l&apos;assenza di connessione di rete.</translation>
    </message>
    <message numerus="yes">
        <source>The last %Ln requests got no answer.</source>
        <translation>
            <numerusform>L&apos;ultima richiesta non ha ricevuto risposta.</numerusform>
            <numerusform>Le ultime %Ln richieste non hanno ricevuto risposta.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The last %Ln requests got no answer (last: %1).</source>
        <translation>
            <numerusform>L&apos;ultima richiesta non ha ricevuto risposta (ultimo errore: %1).</numerusform>
            <numerusform>Le ultime %Ln richieste non hanno ricevuto risposta (ultimo errore: %1).</numerusform>
        </translation>
    </message>
    <message>
        <source>The system reports a network connection.</source>
        <translation>Il sistema segnala una connessione di rete attiva.</translation>
    </message>
    <message>
        <source>Requests are getting answers.</source>
        <translation>Le richieste ricevono risposta.</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>sincronizzato</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>sincronizzazione non riuscita</translation>
    </message>
    <message>
        <source>needs sign-in</source>
        <translation>accesso da rinnovare</translation>
    </message>
    <message>
        <source>no access token</source>
        <translation>nessun token di accesso</translation>
    </message>
    <message>
        <source>%1 delivered, %2 failed, %3 held; %4 in the outbox</source>
        <translation>%1 consegnate, %2 in errore, %3 in attesa di conferma; %4 nella posta in uscita</translation>
    </message>
    <message>
        <source>the outbox is not available</source>
        <translation>la posta in uscita non è disponibile</translation>
    </message>
    <message>
        <source>The %1 account %2 was not synced: its access token was refused before, so it needs signing in again.</source>
        <translation>L&apos;account %1 %2 non è stato sincronizzato: il suo token di accesso è già stato rifiutato in precedenza, quindi occorre accedere di nuovo.</translation>
    </message>
    <message>
        <source>The %1 account %2 was not synced: there is no access token for it (%3)</source>
        <translation>L&apos;account %1 %2 non è stato sincronizzato: non esiste un token di accesso per questo account (%3)</translation>
    </message>
    <message>
        <source>The %1 account %2 was not synced: its access token could not be read (%3)</source>
        <translation>L&apos;account %1 %2 non è stato sincronizzato: non è stato possibile leggere il suo token di accesso (%3)</translation>
    </message>
    <message>
        <source>The %1 account %2 cannot be synced: Sportello has no connector for this channel.</source>
        <translation>L&apos;account %1 %2 non può essere sincronizzato: Sportello non dispone di un connettore per questo canale.</translation>
    </message>
    <message>
        <source>Stopped on request after page %1.</source>
        <translation>Interrotto su richiesta dopo la pagina %1.</translation>
    </message>
    <message>
        <source>being synced by another process</source>
        <translation>in sincronizzazione da parte di un altro processo</translation>
    </message>
    <message>
        <source>Another process took over this account&apos;s sync.</source>
        <translation>Un altro processo ha preso in carico la sincronizzazione di questo account.</translation>
    </message>
    <message>
        <source>The %1 account %2 was skipped: another Sportello process is syncing it now.</source>
        <translation>L&apos;account %1 %2 è stato saltato: un altro processo di Sportello lo sta sincronizzando.</translation>
    </message>
    <message>
        <source>Stopped on request before the first page.</source>
        <translation>Interrotto su richiesta prima della prima pagina.</translation>
    </message>
    <message>
        <source>The sync of %1 cannot read its settings: %2</source>
        <translation>La sincronizzazione di %1 non riesce a leggere le proprie impostazioni: %2</translation>
    </message>
    <message>
        <source>%1 answered with %2; nothing from the page was stored.</source>
        <translation>%1 ha risposto con %2; nulla della pagina è stato salvato.</translation>
    </message>
    <message>
        <source>an empty page</source>
        <translation>una pagina vuota</translation>
    </message>
    <message>
        <source>a page that is not valid JSON (%1 at byte %2)</source>
        <translation>una pagina che non è JSON valido (%1 al byte %2)</translation>
    </message>
    <message>
        <source>a page that is not a JSON object</source>
        <translation>una pagina che non è un oggetto JSON</translation>
    </message>
    <message>
        <source>a page whose reviews are not a list</source>
        <translation>una pagina in cui le recensioni non sono un elenco</translation>
    </message>
    <message>
        <source>a review without id</source>
        <translation>una recensione senza id</translation>
    </message>
    <message>
        <source>review %1 without its rating or date</source>
        <translation>la recensione %1 senza valutazione o data</translation>
    </message>
    <message>
        <source>a page without its list of reviews</source>
        <translation>una pagina senza l&apos;elenco delle recensioni</translation>
    </message>
    <message>
        <source>a review without id, rating or date</source>
        <translation>una recensione senza id, valutazione o data</translation>
    </message>
    <message>
        <source>The %1 sync is not set up (network, cache or clock missing).</source>
        <translation>La sincronizzazione %1 non è configurata (mancano rete, cache o orologio).</translation>
    </message>
    <message>
        <source>This connector syncs app-store accounts only.</source>
        <translation>Questo connettore sincronizza solo account degli app store.</translation>
    </message>
    <message>
        <source>The %1 account %2 needs signing in again before it can sync.</source>
        <translation>L&apos;account %1 %2 richiede un nuovo accesso prima di potersi sincronizzare.</translation>
    </message>
    <message>
        <source>%1 says the API quota for %2 is used up (%3). The sync resumes from the last stored page later; Google Play allows about 200 review reads an hour, App Store Connect about 3600.</source>
        <translation>%1 segnala che la quota API per %2 è esaurita (%3). La sincronizzazione riprenderà più tardi dall&apos;ultima pagina salvata; Google Play consente circa 200 letture di recensioni all&apos;ora, App Store Connect circa 3600.</translation>
    </message>
    <message>
        <source>App Store Connect refused the API key of app %1 (%2). Check that the key is not revoked and the issuer and key ids are right, then add the key again.</source>
        <translation>App Store Connect ha rifiutato la chiave API dell&apos;app %1 (%2). Controlla che la chiave non sia revocata e che issuer id e key id siano giusti, poi aggiungi di nuovo la chiave.</translation>
    </message>
    <message>
        <source>%1 refused access to the reviews of %2 (%3). The account lacks the permission, or an agreement must be accepted first.</source>
        <translation>%1 ha rifiutato l&apos;accesso alle recensioni di %2 (%3). All&apos;account manca il permesso, oppure va prima accettato un accordo.</translation>
    </message>
    <message>
        <source>%1 does not know the app %2 (%3); check the account id.</source>
        <translation>%1 non conosce l&apos;app %2 (%3); controlla l&apos;id dell&apos;account.</translation>
    </message>
    <message>
        <source>The %1 sync of %2 stopped: %3</source>
        <translation>La sincronizzazione %1 di %2 si è fermata: %3</translation>
    </message>
    <message>
        <source>Google Play refused the credentials of %1 (%2). Give the service account access to the app&apos;s reviews in the Play Console, then add the account again with a new access token or service-account key file.</source>
        <translation>Google Play ha rifiutato le credenziali di %1 (%2). Dai all&apos;account di servizio l&apos;accesso alle recensioni dell&apos;app nella Play Console, poi aggiungi di nuovo l&apos;account con un nuovo token di accesso o file della chiave dell&apos;account di servizio.</translation>
    </message>
</context>
<context>
    <name>Team</name>
    <message numerus="yes">
        <source>The database %1 already holds something that is not a Sportello team database (%Ln table(s)): Sportello leaves it as it is. Create an empty database for the team.</source>
        <translation>
            <numerusform>Il database %1 contiene già qualcosa che non è un database del team di Sportello (%Ln tabella): Sportello lo lascia com&apos;è. Crea un database vuoto per il team.</numerusform>
            <numerusform>Il database %1 contiene già qualcosa che non è un database del team di Sportello (%Ln tabelle): Sportello lo lascia com&apos;è. Crea un database vuoto per il team.</numerusform>
        </translation>
    </message>
    <message>
        <source>Change %1 of the team feed (%2) cannot be applied: %3. Nothing of its page was applied; the next sync tries again.</source>
        <translation>La modifica %1 del flusso del team (%2) non si può applicare: %3. Nulla della sua pagina è stato applicato; la prossima sincronizzazione riprova.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is missing</source>
        <translation>manca &quot;%1&quot;</translation>
    </message>
    <message>
        <source>its row is not a JSON object</source>
        <translation>la sua riga non è un oggetto JSON</translation>
    </message>
    <message>
        <source>unknown operation &quot;%1&quot;</source>
        <translation>operazione &quot;%1&quot; sconosciuta</translation>
    </message>
    <message>
        <source>this version of Sportello does not know the kind &quot;%1&quot; (update Sportello)</source>
        <translation>questa versione di Sportello non conosce il tipo &quot;%1&quot; (aggiorna Sportello)</translation>
    </message>
    <message>
        <source>channel, direction, visibility or time missing</source>
        <translation>manca il canale, la direzione, la visibilità o l&apos;ora</translation>
    </message>
    <message>
        <source>unknown category &quot;%1&quot;</source>
        <translation>categoria &quot;%1&quot; sconosciuta</translation>
    </message>
    <message>
        <source>unknown state &quot;%1&quot;</source>
        <translation>stato &quot;%1&quot; sconosciuto</translation>
    </message>
    <message>
        <source>channel, thread, kind or time missing</source>
        <translation>manca il canale, la conversazione, il tipo o l&apos;ora</translation>
    </message>
    <message>
        <source>id, decision or state missing</source>
        <translation>manca l&apos;id, la decisione o lo stato</translation>
    </message>
    <message>
        <source>time or idempotency key missing</source>
        <translation>manca l&apos;ora o la chiave di idempotenza</translation>
    </message>
    <message>
        <source>id, time or action missing</source>
        <translation>manca l&apos;id, l&apos;ora o l&apos;azione</translation>
    </message>
    <message>
        <source>definition or time missing</source>
        <translation>manca la definizione o l&apos;ora</translation>
    </message>
    <message>
        <source>code, language or time missing</source>
        <translation>manca il codice, la lingua o l&apos;ora</translation>
    </message>
    <message>
        <source>channel, account or time missing</source>
        <translation>manca il canale, l&apos;account o l&apos;ora</translation>
    </message>
    <message>
        <source>name or role missing</source>
        <translation>manca il nome o il ruolo</translation>
    </message>
    <message>
        <source>The team database stored in this cache is not readable: %1 Leave the team and join it again.</source>
        <translation>Il database del team registrato in questa cache non è leggibile: %1 Esci dal team ed entra di nuovo.</translation>
    </message>
    <message>
        <source>The environment variable %1, which holds the team password of %2, is empty or not set.</source>
        <translation>La variabile d&apos;ambiente %1, che contiene la password del team di %2, è vuota o non impostata.</translation>
    </message>
    <message>
        <source>The team database did not keep decision %1.</source>
        <translation>Il database del team non ha conservato la decisione %1.</translation>
    </message>
    <message>
        <source>Held, not sent: %1 decided this post first (%2, %3).</source>
        <translation>Trattenuta, non inviata: %1 ha deciso prima su questo messaggio (%2, %3).</translation>
    </message>
    <message>
        <source>a colleague</source>
        <translation>un collega</translation>
    </message>
    <message>
        <source>Held, not sent: a colleague decided this post first.</source>
        <translation>Trattenuta, non inviata: un collega ha deciso prima su questo messaggio.</translation>
    </message>
    <message>
        <source>Decision %1 did not go up: %2</source>
        <translation>La decisione %1 non è stata inviata al team: %2</translation>
    </message>
    <message>
        <source>The decisions went up, but the cache could not record it (they go up again, harmlessly, at the next sync): %1</source>
        <translation>Le decisioni sono state inviate, ma la cache non ha potuto registrarlo (alla prossima sincronizzazione vengono reinviate, senza danni): %1</translation>
    </message>
    <message>
        <source>This cache is not joined to a team: run `sportello-cli team join --url URL --login LOGIN`.</source>
        <translation>Questa cache non fa parte di un team: esegui `sportello-cli team join --url URL --login LOGIN`.</translation>
    </message>
    <message>
        <source>%1 can log in to the team database but is not one of the team&apos;s agents: ask the team&apos;s admin to run `sportello-cli team agent add --login %1`.</source>
        <translation>%1 può accedere al database del team ma non è un operatore del team: chiedi all&apos;amministratore del team di eseguire `sportello-cli team agent add --login %1`.</translation>
    </message>
    <message>
        <source>Give the agent&apos;s login to join the team.</source>
        <translation>Indica il login dell&apos;operatore per entrare nel team.</translation>
    </message>
    <message>
        <source>This cache is joined to another team (%1): leave it first with `sportello-cli team leave`, or use another cache with --database, so that two teams&apos; data do not mix.</source>
        <translation>Questa cache fa parte di un altro team (%1): esci prima con `sportello-cli team leave`, oppure usa un&apos;altra cache con --database, perché i dati di due team non si mescolino.</translation>
    </message>
    <message>
        <source>The team database at %1 belongs to another team than the one this cache joined: refused, so that two teams&apos; data do not mix. Leave the team and join the new one with another cache.</source>
        <translation>Il database del team su %1 appartiene a un team diverso da quello di questa cache: rifiutato, perché i dati di due team non si mescolino. Esci dal team ed entra nel nuovo con un&apos;altra cache.</translation>
    </message>
    <message>
        <source>The team database did not answer.</source>
        <translation>Il database del team non ha risposto.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be a login: use lower-case letters, digits, &apos;_&apos;, &apos;.&apos; or &apos;-&apos;, starting with a letter, at most 63 characters (for example marta.verdi).</source>
        <translation>&quot;%1&quot; non può essere un login: usa lettere minuscole, cifre, &apos;_&apos;, &apos;.&apos; o &apos;-&apos;, iniziando con una lettera, al massimo 63 caratteri (per esempio marta.verdi).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is reserved: choose another login.</source>
        <translation>&quot;%1&quot; è riservato: scegli un altro login.</translation>
    </message>
    <message>
        <source>Give the agent&apos;s name as colleagues will see it (--name).</source>
        <translation>Indica il nome dell&apos;operatore come lo vedranno i colleghi (--name).</translation>
    </message>
    <message>
        <source>The password must have at least %1 characters.</source>
        <translation>La password deve avere almeno %1 caratteri.</translation>
    </message>
    <message>
        <source>Team database: no answer to a query.</source>
        <translation>Database del team: nessuna risposta a una richiesta.</translation>
    </message>
    <message>
        <source>The login %1 already exists on this database server.</source>
        <translation>Il login %1 esiste già su questo server di database.</translation>
    </message>
    <message>
        <source>%1. Adding agents needs an administrator&apos;s login (one with the right to create roles, such as the one that ran team init).</source>
        <translation>%1. Per aggiungere operatori serve il login di un amministratore (uno con il diritto di creare ruoli, come quello che ha eseguito team init).</translation>
    </message>
    <message>
        <source>%1 is not an agent of this team.</source>
        <translation>%1 non è un operatore di questo team.</translation>
    </message>
    <message>
        <source>The login you connected with is not an agent of this team: an administrator adds it with `sportello-cli team agent add`.</source>
        <translation>Il login con cui ti sei collegato non è un operatore di questo team: un amministratore lo aggiunge con `sportello-cli team agent add`.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a PostgreSQL address: write it as postgresql://LOGIN@HOST:PORT/DATABASE?sslmode=verify-full.</source>
        <translation>&quot;%1&quot; non è un indirizzo PostgreSQL: scrivilo come postgresql://LOGIN@HOST:PORTA/DATABASE?sslmode=verify-full.</translation>
    </message>
    <message>
        <source>The team database address cannot be read: %1.</source>
        <translation>L&apos;indirizzo del database del team non si può leggere: %1.</translation>
    </message>
    <message>
        <source>The team database address carries a password: take it out and give it with --password-env VARIABLE or keep it in the system keychain, so that it is never written to disk or shown.</source>
        <translation>L&apos;indirizzo del database del team contiene una password: toglila e indicala con --password-env VARIABILE o conservala nel portachiavi di sistema, così non viene mai scritta su disco né mostrata.</translation>
    </message>
    <message>
        <source>The team database address names no database: add it after the host, as in postgresql://LOGIN@HOST:5432/sportello.</source>
        <translation>L&apos;indirizzo del database del team non indica un database: aggiungilo dopo l&apos;host, come in postgresql://LOGIN@HOST:5432/sportello.</translation>
    </message>
    <message>
        <source>Unknown sslmode &quot;%1&quot;: use one of %2.</source>
        <translation>sslmode &quot;%1&quot; sconosciuto: usa uno tra %2.</translation>
    </message>
    <message>
        <source>connect_timeout must be a number of seconds, 1 or more.</source>
        <translation>connect_timeout deve essere un numero di secondi, 1 o più.</translation>
    </message>
    <message>
        <source>The team database address has a parameter Sportello does not know: &quot;%1&quot;.</source>
        <translation>L&apos;indirizzo del database del team ha un parametro che Sportello non conosce: &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The team database at %1 is not on this machine, and the address does not require TLS: add ?sslmode=verify-full (with sslrootcert=FILE for the company&apos;s certificate authority), or sslmode=require, so that the team&apos;s data and your password never travel in clear.</source>
        <translation>Il database del team su %1 non è su questo computer e l&apos;indirizzo non richiede TLS: aggiungi ?sslmode=verify-full (con sslrootcert=FILE per l&apos;autorità di certificazione dell&apos;azienda), o sslmode=require, così i dati del team e la tua password non viaggiano mai in chiaro.</translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver (QPSQL) is not installed: on Debian and Ubuntu install the package libqt6sql6-psql.</source>
        <translation>Il driver PostgreSQL di Qt (QPSQL) non è installato: su Debian e Ubuntu installa il pacchetto libqt6sql6-psql.</translation>
    </message>
    <message>
        <source>Could not connect to the team database %1 as %2: %3</source>
        <translation>Impossibile collegarsi al database del team %1 come %2: %3</translation>
    </message>
    <message>
        <source>(the system user)</source>
        <translation>(l&apos;utente di sistema)</translation>
    </message>
    <message>
        <source>the server gave no reason</source>
        <translation>il server non ha dato un motivo</translation>
    </message>
    <message>
        <source>Team database: %1</source>
        <translation>Database del team: %1</translation>
    </message>
    <message>
        <source>No transaction is open.</source>
        <translation>Nessuna transazione aperta.</translation>
    </message>
    <message>
        <source>The database %1 has a schema named sportello that Sportello did not create: it is left as it is.</source>
        <translation>Il database %1 ha uno schema di nome sportello che Sportello non ha creato: viene lasciato com&apos;è.</translation>
    </message>
    <message>
        <source>The team database %1 was upgraded by a newer Sportello (schema %2; this program knows up to %3): update Sportello on this machine. Nothing was changed.</source>
        <translation>Il database del team %1 è stato aggiornato da uno Sportello più recente (schema %2; questo programma conosce fino al %3): aggiorna Sportello su questo computer. Non è stato cambiato nulla.</translation>
    </message>
    <message>
        <source>Creating the team schema (version %1) failed, nothing of this step was kept: %2</source>
        <translation>La creazione dello schema del team (versione %1) non è riuscita, nulla di questo passo è stato conservato: %2</translation>
    </message>
    <message>
        <source>The database %1 is not a Sportello team database yet: an administrator creates it with `sportello-cli team init --url URL`.</source>
        <translation>Il database %1 non è ancora un database del team di Sportello: un amministratore lo crea con `sportello-cli team init --url URL`.</translation>
    </message>
    <message>
        <source>The team database %1 has schema %2, older than this program&apos;s %3: an administrator upgrades it with `sportello-cli team init --url URL`.</source>
        <translation>Il database del team %1 ha lo schema %2, più vecchio del %3 di questo programma: un amministratore lo aggiorna con `sportello-cli team init --url URL`.</translation>
    </message>
    <message>
        <source>The team already serves the %1 account %2 (added by another hub): remove it there first, or join this hub&apos;s cache to the team and let the feed bring it.</source>
        <translation>Il team serve già l&apos;account %1 %2 (aggiunto da un altro hub): rimuovilo prima lì, oppure unisci la cache di questo hub al team e lascia che il flusso delle modifiche lo porti.</translation>
    </message>
    <message>
        <source>%1. Accounts are added to the team from the hub&apos;s cache (a login with the hub or admin role).</source>
        <translation>%1. Gli account si aggiungono al team dalla cache dell&apos;hub (un login con ruolo hub o admin).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a %2 Sportello knows (%3).</source>
        <translation>&quot;%1&quot; non è un valore di %2 che Sportello conosce (%3).</translation>
    </message>
    <message>
        <source>category</source>
        <translation>categoria</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>canale</translation>
    </message>
    <message>
        <source>language</source>
        <translation>lingua</translation>
    </message>
    <message>
        <source>a two- or three-letter code such as it or en</source>
        <translation>un codice di due o tre lettere come it o en</translation>
    </message>
    <message>
        <source>A capacity is a number of threads from 1 to 1000, not %1.</source>
        <translation>La capacità è un numero di conversazioni da 1 a 1000, non %1.</translation>
    </message>
    <message>
        <source>Only an external login has a scope: everyone else sees the whole team&apos;s work.</source>
        <translation>Solo un login esterno ha un ambito: tutti gli altri vedono tutto il lavoro del team.</translation>
    </message>
    <message>
        <source>Not connected to the team database: claims, the next thread and approvals need it. Sportello keeps trying.</source>
        <translation>Non collegato al database del team: le prese in carico, la conversazione successiva e le approvazioni ne hanno bisogno. Sportello continua a riprovare.</translation>
    </message>
    <message>
        <source>The team&apos;s setting %1 is not valid JSON: %2</source>
        <translation>L&apos;impostazione del team %1 non è un JSON valido: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a thread: write it as CHANNEL:ID, e.g. x:1234.</source>
        <translation>&quot;%1&quot; non è una conversazione: scrivila come CANALE:ID, per esempio x:1234.</translation>
    </message>
    <message>
        <source>Team database: the claims came back unreadable.</source>
        <translation>Database del team: le prese in carico sono tornate illeggibili.</translation>
    </message>
    <message>
        <source>The team&apos;s routing names a preset or an order Sportello does not know; set it again with `team routing use`.</source>
        <translation>L&apos;instradamento del team indica un&apos;impostazione predefinita o un ordine che Sportello non conosce; impostalo di nuovo con `team routing use`.</translation>
    </message>
    <message>
        <source>Outside staff&apos;s head start is between 0 and 1440 minutes.</source>
        <translation>Il vantaggio del personale esterno è compreso tra 0 e 1440 minuti.</translation>
    </message>
    <message>
        <source>Approval applies to the roles agent, external and supervisor, not &quot;%1&quot;.</source>
        <translation>L&apos;approvazione si applica ai ruoli agent, external e supervisor, non a &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a category.</source>
        <translation>&quot;%1&quot; non è una categoria.</translation>
    </message>
    <message>
        <source>A note needs some text.</source>
        <translation>Una nota deve contenere del testo.</translation>
    </message>
    <message>
        <source>A note is at most 4000 characters.</source>
        <translation>Una nota può avere al massimo 4000 caratteri.</translation>
    </message>
    <message>
        <source>channel, thread, time or text missing</source>
        <translation>manca il canale, la conversazione, l&apos;ora o il testo</translation>
    </message>
    <message>
        <source>A note is at most %1 characters.</source>
        <translation>Una nota può avere al massimo %1 caratteri.</translation>
    </message>
    <message>
        <source>A note cannot hold a NUL character.</source>
        <translation>Una nota non può contenere il carattere NUL.</translation>
    </message>
    <message>
        <source>Thread %1 is not in this cache.</source>
        <translation>La conversazione %1 non è in questa cache.</translation>
    </message>
    <message>
        <source>Note %1 did not go up: %2</source>
        <translation>La nota %1 non è stata inviata al team: %2</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator reads the guard&apos;s overrides.</source>
        <translation>Solo un supervisore o un amministratore legge le eccezioni al controllo dati personali.</translation>
    </message>
    <message>
        <source>customer, time or text missing</source>
        <translation>cliente, ora o testo mancante</translation>
    </message>
    <message>
        <source>outbox entry, state, source or time missing</source>
        <translation>voce della posta in uscita, stato, origine o ora mancante</translation>
    </message>
    <message>
        <source>unknown state &quot;%1&quot; or source &quot;%2&quot;</source>
        <translation>stato &quot;%1&quot; o origine &quot;%2&quot; sconosciuti</translation>
    </message>
    <message>
        <source>Customer care&apos;s report %1 did not go up: %2</source>
        <translation>La segnalazione %1 del servizio clienti non è stata inviata: %2</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator changes what the team shares (response policies, the guard configuration, saved replies, the CRM address, routing and approval): your change stays on this desktop. (%1)</source>
        <translation>Solo un supervisore o un amministratore modifica ciò che il team condivide (politiche di risposta, configurazione del controllo dati personali, risposte salvate, indirizzo del CRM, smistamento e approvazione): la tua modifica resta su questo computer. (%1)</translation>
    </message>
    <message>
        <source>%1 already asked the hub to hide this comment (%2); wait for its answer.</source>
        <translation>%1 ha già chiesto all&apos;hub di nascondere questo commento (%2); attendere la sua risposta.</translation>
    </message>
    <message>
        <source>%1 already asked the hub to show this comment again (%2); wait for its answer.</source>
        <translation>%1 ha già chiesto all&apos;hub di rendere di nuovo visibile questo commento (%2); attendere la sua risposta.</translation>
    </message>
    <message>
        <source>refused by the team database: %1</source>
        <translation>rifiutata dal database del team: %1</translation>
    </message>
    <message>
        <source>waiting to go up to the team</source>
        <translation>in attesa di essere inviata al team</translation>
    </message>
    <message>
        <source>waiting for the hub</source>
        <translation>in attesa dell&apos;hub</translation>
    </message>
    <message>
        <source>the hub is asking %1</source>
        <translation>l&apos;hub sta inviando la richiesta a %1</translation>
    </message>
    <message>
        <source>hidden on %1</source>
        <translation>nascosto su %1</translation>
    </message>
    <message>
        <source>visible again on %1</source>
        <translation>di nuovo visibile su %1</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>non riuscita: %1</translation>
    </message>
    <message>
        <source>this login may not ask the hub to hide or show comments (outside staff may not). (%1)</source>
        <translation>questo accesso non può chiedere all&apos;hub di nascondere o mostrare commenti (il personale esterno non può). (%1)</translation>
    </message>
    <message>
        <source>id, channel, comment, action, state or time missing</source>
        <translation>id, canale, commento, azione, stato od ora mancante</translation>
    </message>
    <message>
        <source>a colleague asked the hub about this comment first; see the comment&apos;s state before asking again.</source>
        <translation>un collega ha già chiesto all&apos;hub di questo commento; guarda lo stato del commento prima di chiedere di nuovo.</translation>
    </message>
    <message>
        <source>channel, comment, flags or time missing</source>
        <translation>canale, commento, indicatori o ora mancanti</translation>
    </message>
    <message>
        <source>The team database gave no answer to the cancellation.</source>
        <translation>Il database del team non ha risposto all&apos;annullamento.</translation>
    </message>
    <message>
        <source>The hub is already performing this request on the platform: it can no longer be cancelled. Wait for its outcome, then ask the opposite if needed.</source>
        <translation>L&apos;hub sta già eseguendo questa richiesta sulla piattaforma: non si può più annullare. Attendi l&apos;esito, poi chiedi l&apos;operazione opposta se serve.</translation>
    </message>
    <message>
        <source>Only the agent who asked, a supervisor or an admin may cancel this request.</source>
        <translation>Solo l&apos;operatore che l&apos;ha chiesta, un supervisore o un amministratore può annullare questa richiesta.</translation>
    </message>
    <message>
        <source>The team database holds no such moderation request.</source>
        <translation>Il database del team non ha questa richiesta di moderazione.</translation>
    </message>
    <message>
        <source>The team database answered the cancellation with &quot;%1&quot;, which this version does not know.</source>
        <translation>Il database del team ha risposto all&apos;annullamento con &quot;%1&quot;, che questa versione non conosce.</translation>
    </message>
    <message>
        <source>cancelled by %1</source>
        <translation>annullata da %1</translation>
    </message>
    <message>
        <source>expired: no hub took it up within a day</source>
        <translation>scaduta: nessun hub l&apos;ha presa in carico entro un giorno</translation>
    </message>
    <message>
        <source>Say why the person&apos;s data is erased (--reason).</source>
        <translation>Indicare perché si cancellano i dati della persona (--reason).</translation>
    </message>
    <message>
        <source>Name the person whose data is erased.</source>
        <translation>Indicare la persona di cui si cancellano i dati.</translation>
    </message>
    <message>
        <source>Only the team&apos;s administrators (and its data protection officer) erase a person&apos;s data: %1</source>
        <translation>Solo gli amministratori del team (e il responsabile della protezione dei dati) cancellano i dati di una persona: %1</translation>
    </message>
</context>
<context>
    <name>TimerContext</name>
    <message>
        <source>due soon · %1</source>
        <translation>in scadenza · %1</translation>
    </message>
    <message>
        <source>paused · %1</source>
        <translation>in pausa · %1</translation>
    </message>
    <message>
        <source>overdue by %1</source>
        <translation>in ritardo di %1</translation>
    </message>
    <message>
        <source>due soon · %1 left</source>
        <translation>in scadenza · mancano %1</translation>
    </message>
    <message>
        <source>paused · %1 left</source>
        <translation>in pausa · mancano %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>mancano %1</translation>
    </message>
    <message>
        <source>Overdue by %1.</source>
        <translation>In ritardo di %1.</translation>
    </message>
    <message>
        <source>Due soon: %1 left.</source>
        <translation>In scadenza: mancano %1.</translation>
    </message>
    <message>
        <source>On track: %1 left.</source>
        <translation>Nei tempi: mancano %1.</translation>
    </message>
    <message>
        <source>Outside hours: the clock is paused with %1 left.</source>
        <translation>Fuori orario: il conteggio è in pausa, mancano %1.</translation>
    </message>
    <message>
        <source>Outside hours: the clock is paused until %1, with %2 left.</source>
        <translation>Fuori orario: il conteggio è in pausa fino a %1, mancano %2.</translation>
    </message>
    <message>
        <source>%1 (%2 time)</source>
        <comment>working, time zone</comment>
        <translation>%1 (ora di %2)</translation>
    </message>
    <message>
        <source>not categorised</source>
        <translation>senza categoria</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <comment>category on channel</comment>
        <translation>%1 su %2</translation>
    </message>
    <message>
        <source>Target: %1 (%2, “%3” policy)</source>
        <translation>Obiettivo: %1 (%2, politica “%3”)</translation>
    </message>
    <message>
        <source>Systematic</source>
        <comment>policy preset</comment>
        <translation>Sistematica</translation>
    </message>
    <message>
        <source>Selective</source>
        <comment>policy preset</comment>
        <translation>Selettiva</translation>
    </message>
    <message>
        <source>%1 business hours</source>
        <translation>%1 ore lavorative</translation>
    </message>
    <message>
        <source>%1 calendar hours</source>
        <translation>%1 ore solari</translation>
    </message>
    <message>
        <source>1 business minute</source>
        <translation>1 minuto lavorativo</translation>
    </message>
    <message>
        <source>1 calendar minute</source>
        <translation>1 minuto solare</translation>
    </message>
    <message>
        <source>%1 business minutes</source>
        <translation>%1 minuti lavorativi</translation>
    </message>
    <message>
        <source>%1 calendar minutes</source>
        <translation>%1 minuti solari</translation>
    </message>
    <message>
        <source>%1, 1 star</source>
        <comment>category, star rating</comment>
        <translation>%1, 1 stella</translation>
    </message>
    <message>
        <source>%1, 1 to %2 stars</source>
        <comment>category, star rating</comment>
        <translation>%1, da 1 a %2 stelle</translation>
    </message>
</context>
<context>
    <name>Timers</name>
    <message>
        <source>On track</source>
        <translation>Nei tempi</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>In scadenza</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>In ritardo</translation>
    </message>
    <message>
        <source>Outside hours</source>
        <translation>Fuori orario</translation>
    </message>
    <message>
        <source>arrived %1</source>
        <translation>arrivato %1</translation>
    </message>
    <message>
        <source>%1 min in calendar time</source>
        <translation>%1 min in tempo solare</translation>
    </message>
    <message>
        <source>outside hours, clock starts %1</source>
        <translation>fuori orario, il conteggio parte %1</translation>
    </message>
    <message>
        <source>%1 min counted before closing</source>
        <translation>%1 min conteggiati prima della chiusura</translation>
    </message>
    <message>
        <source>resumes %1</source>
        <translation>riprende %1</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>scadenza %1</translation>
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
    <message>
        <source>Thread %1 has no open complaint.</source>
        <translation>La conversazione %1 non ha un reclamo aperto.</translation>
    </message>
    <message>
        <source>Could not find a free case reference for the forward; try again.</source>
        <translation>Impossibile trovare un riferimento pratica libero per l&apos;inoltro; riprova.</translation>
    </message>
    <message>
        <source>The message to the customer must be a public or a private reply.</source>
        <translation>Il messaggio al cliente deve essere una risposta pubblica o privata.</translation>
    </message>
    <message>
        <source>Set your agent name before changing the guard configuration: the change is recorded with it.</source>
        <translation>Imposta il tuo nome operatore prima di modificare la configurazione del controllo dati personali: la modifica viene registrata con quel nome.</translation>
    </message>
    <message>
        <source>%1 has no private replies: a review there is answered only in public. Reply in public, forward the thread or close it.</source>
        <translation>%1 non ha risposte private: lì a una recensione si risponde solo in pubblico. Rispondi in pubblico, inoltra la conversazione o chiudila.</translation>
    </message>
    <message>
        <source>switch to a private reply with Ctrl+Shift+P</source>
        <translation>passa a una risposta privata con Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>A public reply cannot carry personal data (%1): remove it, or %2.</source>
        <translation>Una risposta pubblica non può contenere dati personali (%1): rimuovili oppure %2.</translation>
    </message>
    <message>
        <source>A reply or a note cannot carry an access token: remove it. Tokens belong in the keychain or in an environment variable (see docs/accounts.md).</source>
        <translation>Una risposta o una nota non può contenere un token di accesso: rimuovilo. I token vanno nel portachiavi o in una variabile d&apos;ambiente (vedi docs/accounts.md).</translation>
    </message>
    <message>
        <source>The agent name looks like an access token: give your name.</source>
        <translation>Il nome dell&apos;operatore sembra un token di accesso: indica il tuo nome.</translation>
    </message>
    <message>
        <source>The %1 cannot be marked as not personal data in a public reply: a tax code or IBAN is verified by its checksum. Send it privately.</source>
        <translation>Il dato %1 non può essere segnato come non personale in una risposta pubblica: un codice fiscale o un IBAN è verificato dal suo carattere di controllo. Invialo in privato.</translation>
    </message>
    <message>
        <source>Say why the marked data is not personal data: an override of the personal-data guard needs a reason.</source>
        <translation>Spiega perché il dato segnato non è un dato personale: un&apos;eccezione al controllo dati personali richiede un motivo.</translation>
    </message>
    <message>
        <source>The reason for the override is %1 characters long: keep it within %2.</source>
        <translation>Il motivo dell&apos;eccezione è lungo %1 caratteri: non superare %2.</translation>
    </message>
    <message>
        <source>The %1 marked as not personal data (characters %2 to %3) is not what the guard finds in the text: the text changed. Check the reply again.</source>
        <translation>Il dato %1 segnato come non personale (caratteri da %2 a %3) non corrisponde a ciò che il controllo dati personali trova nel testo: il testo è cambiato. Ricontrolla la risposta.</translation>
    </message>
    <message>
        <source>Only what the guard finds in a public reply can be marked as not personal data.</source>
        <translation>Solo ciò che il controllo dati personali trova in una risposta pubblica può essere segnato come non personale.</translation>
    </message>
    <message>
        <source>A customer&apos;s policyholder reference cannot be marked as not personal data in a public reply: it is stored as theirs. Send it privately.</source>
        <translation>Il riferimento del contraente di un cliente non può essere segnato come dato non personale in una risposta pubblica: è registrato come suo. Invialo in privato.</translation>
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
    <name>sportello::ConsoleSession</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>sportello::ui::AccessLogModel</name>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Cosa</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Riguarda</translation>
    </message>
</context>
<context>
    <name>sportello::ui::AccessLogWindow</name>
    <message>
        <source>The access records could not be read: %1</source>
        <translation>Non è stato possibile leggere il registro degli accessi: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s); %1 shown (more load as you scroll).</source>
        <translation>
            <numerusform>%Ln registrazioni; %1 mostrate (le altre si caricano scorrendo).</numerusform>
            <numerusform>%Ln registrazioni; %1 mostrate (le altre si caricano scorrendo).</numerusform>
        </translation>
    </message>
    <message>
        <source>Access Records</source>
        <translation>Registro degli accessi</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Dal</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Al</translation>
    </message>
    <message>
        <source>A&amp;gent</source>
        <translation>O&amp;peratore</translation>
    </message>
    <message>
        <source>Login (all when empty)</source>
        <translation>Login (tutti se vuoto)</translation>
    </message>
    <message>
        <source>Name (all when empty)</source>
        <translation>Nome (tutti se vuoto)</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Mostra</translation>
    </message>
    <message>
        <source>Who opened a customer&apos;s card and who exported a report or a person&apos;s data, on every desktop of the team. Customers are named by their record&apos;s id or a key, never by their data.</source>
        <translation>Chi ha aperto la scheda di un cliente e chi ha esportato un report o i dati di una persona, su tutti i computer del team. I clienti sono indicati dall&apos;id della scheda o da una chiave, mai dai loro dati.</translation>
    </message>
    <message>
        <source>Who opened a customer&apos;s card and who exported a report or a person&apos;s data on this desktop. Customers are named by their record&apos;s id or a key, never by their data.</source>
        <translation>Chi ha aperto la scheda di un cliente e chi ha esportato un report o i dati di una persona su questo computer. I clienti sono indicati dall&apos;id della scheda o da una chiave, mai dai loro dati.</translation>
    </message>
    <message>
        <source>Access records</source>
        <translation>Registro degli accessi</translation>
    </message>
    <message>
        <source>One row per access to personal data, newest first</source>
        <translation>Una riga per ogni accesso ai dati personali, i più recenti per primi</translation>
    </message>
    <message>
        <source>The first day shown</source>
        <translation>Il primo giorno mostrato</translation>
    </message>
    <message>
        <source>The last day shown</source>
        <translation>L&apos;ultimo giorno mostrato</translation>
    </message>
    <message>
        <source>Shows only this agent&apos;s records</source>
        <translation>Mostra solo le registrazioni di questo operatore</translation>
    </message>
</context>
<context>
    <name>sportello::ui::AccountsModel</name>
    <message>
        <source>System keychain</source>
        <translation>Portachiavi di sistema</translation>
    </message>
    <message>
        <source>Environment variable %1</source>
        <translation>Variabile d&apos;ambiente %1</translation>
    </message>
    <message>
        <source>Needs sign-in</source>
        <translation>Accesso da rinnovare</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Pronto</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canale</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>URL di base</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Environment variable (invalid name)</source>
        <translation>Variabile d&apos;ambiente (nome non valido)</translation>
    </message>
    <message>
        <source>%1; permissions: %2</source>
        <translation>%1; autorizzazioni: %2</translation>
    </message>
    <message>
        <source>Added with a token, not signed in</source>
        <translation>Aggiunto con un token, senza accesso</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>sconosciuta</translation>
    </message>
    <message>
        <source>renews itself</source>
        <translation>si rinnova da sé</translation>
    </message>
    <message>
        <source>never</source>
        <translation>mai</translation>
    </message>
    <message>
        <source>expired %1</source>
        <translation>scaduto il %1</translation>
    </message>
    <message>
        <source>Sportello does not know when a token added by hand expires</source>
        <translation>Sportello non sa quando scade un token aggiunto a mano</translation>
    </message>
    <message>
        <source>Sportello renews this sign-in by itself</source>
        <translation>Sportello rinnova da sé questo accesso</translation>
    </message>
    <message>
        <source>This token does not expire</source>
        <translation>Questo token non scade</translation>
    </message>
    <message>
        <source>The token expired on %1: sign in again</source>
        <translation>Il token è scaduto il %1: accedi di nuovo</translation>
    </message>
    <message>
        <source>The token expires within a day, on %1: sign in again soon</source>
        <translation>Il token scade entro un giorno, il %1: accedi di nuovo al più presto</translation>
    </message>
    <message>
        <source>The token expires on %1</source>
        <translation>Il token scade il %1</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>Accesso come</translation>
    </message>
    <message>
        <source>Token expires</source>
        <translation>Scadenza token</translation>
    </message>
</context>
<context>
    <name>sportello::ui::AccountsPage</name>
    <message>
        <source>Default: %1</source>
        <translation>Predefinito: %1</translation>
    </message>
    <message>
        <source>Paste the account&apos;s access token: it goes to the system keychain.</source>
        <translation>Incolla il token di accesso dell&apos;account: verrà salvato nel portachiavi di sistema.</translation>
    </message>
    <message>
        <source>The %1 account %2 is already set up: remove it first to change it.</source>
        <translation>L&apos;account %1 %2 è già configurato: per modificarlo, rimuovilo prima.</translation>
    </message>
    <message>
        <source>%1. The account was not added; choose an environment variable for the token instead.</source>
        <translation>%1. L&apos;account non è stato aggiunto; scegli invece una variabile d&apos;ambiente per il token.</translation>
    </message>
    <message>
        <source>Added the %1 account %2. It syncs with the next sync (F5).</source>
        <translation>Aggiunto l&apos;account %1 %2. Verrà sincronizzato alla prossima sincronizzazione (F5).</translation>
    </message>
    <message>
        <source>Removed the %1 account %2, but its token could not be deleted from the system keychain: %3</source>
        <translation>Rimosso l&apos;account %1 %2, ma non è stato possibile eliminare il suo token dal portachiavi di sistema: %3</translation>
    </message>
    <message>
        <source>Removed the %1 account %2.</source>
        <translation>Rimosso l&apos;account %1 %2.</translation>
    </message>
    <message>
        <source>Paste the new access token in the token field, then press Sign In Again.</source>
        <translation>Incolla il nuovo token di accesso nel campo del token, poi premi Accedi di nuovo.</translation>
    </message>
    <message>
        <source>%1. The token was not stored.</source>
        <translation>%1. Il token non è stato memorizzato.</translation>
    </message>
    <message>
        <source>The %1 account %2 is signed in again; its waiting replies go out with the next sync.</source>
        <translation>Nuovo accesso eseguito per l&apos;account %1 %2; le sue risposte in attesa partiranno con la prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>The channel accounts the console syncs. Changes here take effect at once. Tokens are kept in the system keychain (or read from an environment variable), never in the cache or the settings.</source>
        <translation>Gli account dei canali che la console sincronizza. Le modifiche fatte qui hanno effetto immediato. I token sono conservati nel portachiavi di sistema (o letti da una variabile d&apos;ambiente), mai nell&apos;archivio locale o nelle impostazioni.</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Rimuovi</translation>
    </message>
    <message>
        <source>Sign &amp;In Again</source>
        <translation>Accedi di &amp;nuovo</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>C&amp;anale:</translation>
    </message>
    <message>
        <source>Account &amp;id:</source>
        <translation>I&amp;D account:</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>URL di &amp;base:</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Token di accesso:</translation>
    </message>
    <message>
        <source>&amp;Keychain:</source>
        <translation>Por&amp;tachiavi:</translation>
    </message>
    <message>
        <source>Paste the token (not shown)</source>
        <translation>Incolla il token (non visualizzato)</translation>
    </message>
    <message>
        <source>&amp;Environment variable:</source>
        <translation>&amp;Variabile d&apos;ambiente:</translation>
    </message>
    <message>
        <source>For example SPORTELLO_X_TOKEN</source>
        <translation>Per esempio SPORTELLO_X_TOKEN</translation>
    </message>
    <message>
        <source>&amp;Add Account</source>
        <translation>A&amp;ggiungi account</translation>
    </message>
    <message>
        <source>Sync every (minutes, 0: only with F5):</source>
        <translation>Sincronizza ogni (minuti, 0: solo con F5):</translation>
    </message>
    <message>
        <source>Enter the name of the environment variable that holds the token (letters, digits and underscores, at most %1 characters), not the token itself.</source>
        <translation>Inserisci il nome della variabile d&apos;ambiente che contiene il token (lettere, cifre e trattini bassi, al massimo %1 caratteri), non il token stesso.</translation>
    </message>
    <message>
        <source>Storing the token in the system keychain…</source>
        <translation>Memorizzazione del token nel portachiavi di sistema…</translation>
    </message>
    <message>
        <source>Deleting the token from the system keychain…</source>
        <translation>Eliminazione del token dal portachiavi di sistema…</translation>
    </message>
    <message>
        <source>A sign-in is already open: finish or cancel it first.</source>
        <translation>Un accesso è già aperto: completalo o annullalo prima.</translation>
    </message>
    <message>
        <source>The sign-in apps are saved; the next sign-in uses them.</source>
        <translation>Le app di accesso sono salvate; il prossimo accesso le userà.</translation>
    </message>
    <message>
        <source>Sign in to %1 again in the browser, for new tokens and permissions</source>
        <translation>Accedi di nuovo a %1 nel browser, per avere nuovi token e autorizzazioni</translation>
    </message>
    <message>
        <source>Store the token typed under &quot;Add with a token&quot; for the selected account and clear its &quot;needs sign-in&quot; mark</source>
        <translation>Salva il token scritto in &quot;Aggiungi con un token&quot; per l&apos;account selezionato e togli il segno &quot;accesso da rinnovare&quot;</translation>
    </message>
    <message>
        <source>Add an account by signing in to it in your browser:</source>
        <translation>Aggiungi un account accedendo nel tuo browser:</translation>
    </message>
    <message>
        <source>Sign in with &amp;X</source>
        <translation>Accedi con &amp;X</translation>
    </message>
    <message>
        <source>Open X&apos;s sign-in page in the browser and add the X account you sign in with</source>
        <translation>Apre la pagina di accesso di X nel browser e aggiunge l&apos;account X con cui accedi</translation>
    </message>
    <message>
        <source>Sign in with &amp;Facebook</source>
        <translation>Accedi con &amp;Facebook</translation>
    </message>
    <message>
        <source>Open Facebook&apos;s sign-in page in the browser and add the Pages you manage and their Instagram business accounts</source>
        <translation>Apre la pagina di accesso di Facebook nel browser e aggiunge le Pagine che gestisci e i loro account Instagram business</translation>
    </message>
    <message>
        <source>A&amp;pps…</source>
        <translation>A&amp;pp…</translation>
    </message>
    <message>
        <source>Your company&apos;s X and Meta app ids, through which agents sign in (usually set by IT)</source>
        <translation>Gli id delle app X e Meta della tua azienda, tramite cui gli operatori accedono (di solito impostati dall&apos;IT)</translation>
    </message>
    <message>
        <source>Add with a &amp;token (for automation)</source>
        <translation>Aggiungi con un t&amp;oken (per l&apos;automazione)</translation>
    </message>
    <message>
        <source>Add an account with an access token pasted here or read from an environment variable, without signing in</source>
        <translation>Aggiunge un account con un token di accesso incollato qui o letto da una variabile d&apos;ambiente, senza accedere</translation>
    </message>
    <message>
        <source>App Store Connect API Key</source>
        <translation>Chiave API di App Store Connect</translation>
    </message>
    <message>
        <source>API keys (*.p8);;All files (*)</source>
        <translation>Chiavi API (*.p8);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>Enter the account&apos;s id: the Facebook page id, the Instagram account id, the X user id, the Google Play package name or the App Store app id.</source>
        <translation>Inserisci l&apos;ID dell&apos;account: l&apos;ID della pagina Facebook, l&apos;ID dell&apos;account Instagram, l&apos;ID utente X, il nome del pacchetto Google Play o l&apos;ID dell&apos;app App Store.</translation>
    </message>
    <message>
        <source>Page id, Instagram account id, X user id, Google Play package name or App Store app id</source>
        <translation>ID pagina, ID account Instagram, ID utente X, pacchetto Google Play o ID app App Store</translation>
    </message>
    <message>
        <source>Iss&amp;uer id:</source>
        <translation>ID &amp;emittente:</translation>
    </message>
    <message>
        <source>From App Store Connect, Users and Access, Integrations</source>
        <translation>Da App Store Connect, Utenti e accesso, Integrazioni</translation>
    </message>
    <message>
        <source>API ke&amp;y id:</source>
        <translation>ID &amp;chiave API:</translation>
    </message>
    <message>
        <source>API key fi&amp;le (.p8):</source>
        <translation>F&amp;ile della chiave API (.p8):</translation>
    </message>
    <message>
        <source>Cho&amp;ose…</source>
        <translation>&amp;Scegli…</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Chiave API:</translation>
    </message>
    <message>
        <source>&amp;Keychain, from the fields below</source>
        <translation>Por&amp;tachiavi, dai campi qui sotto</translation>
    </message>
    <message>
        <source>Google Cloud Service-Account Key</source>
        <translation>Chiave dell&apos;account di servizio Google Cloud</translation>
    </message>
    <message>
        <source>Service-account keys (*.json);;All files (*)</source>
        <translation>Chiavi di account di servizio (*.json);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>Ser&amp;vice-account key file (.json):</source>
        <translation>File della chiave dell&apos;account di ser&amp;vizio (.json):</translation>
    </message>
    <message>
        <source>Sign in as a Google Cloud service account that has access to the app in the Play Console; the key goes to the system keychain and access tokens are asked for as needed</source>
        <translation>Accedi come account di servizio Google Cloud con accesso all&apos;app nella Play Console; la chiave va nel portachiavi di sistema e i token di accesso vengono richiesti quando servono</translation>
    </message>
    <message>
        <source>Choo&amp;se…</source>
        <translation>S&amp;cegli…</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>The accounts the console syncs, with their sign-in state</source>
        <translation>Gli account che la console sincronizza, con il loro stato di accesso</translation>
    </message>
    <message>
        <source>Removes the selected account; its token leaves the keychain</source>
        <translation>Rimuove l&apos;account selezionato; il suo token esce dal portachiavi</translation>
    </message>
    <message>
        <source>Signs in to the selected account again in the browser</source>
        <translation>Accede di nuovo all&apos;account selezionato nel browser</translation>
    </message>
    <message>
        <source>The channel of the account to add</source>
        <translation>Il canale dell&apos;account da aggiungere</translation>
    </message>
    <message>
        <source>Only for a test server; empty: the channel&apos;s own address</source>
        <translation>Solo per un server di prova; vuoto: l&apos;indirizzo del canale</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Kept in the system keychain; not shown</source>
        <translation>Conservato nel portachiavi di sistema; non mostrato</translation>
    </message>
    <message>
        <source>Environment variable</source>
        <translation>Variabile d&apos;ambiente</translation>
    </message>
    <message>
        <source>The variable the token is read from when syncing</source>
        <translation>La variabile da cui si legge il token durante la sincronizzazione</translation>
    </message>
    <message>
        <source>Service-account key file</source>
        <translation>File della chiave dell&apos;account di servizio</translation>
    </message>
    <message>
        <source>The Google Cloud service account&apos;s JSON key</source>
        <translation>La chiave JSON dell&apos;account di servizio Google Cloud</translation>
    </message>
    <message>
        <source>The token is kept in the system keychain</source>
        <translation>Il token è conservato nel portachiavi di sistema</translation>
    </message>
    <message>
        <source>The token is read from an environment variable</source>
        <translation>Il token si legge da una variabile d&apos;ambiente</translation>
    </message>
    <message>
        <source>Chooses the service account&apos;s JSON key file</source>
        <translation>Sceglie il file della chiave JSON dell&apos;account di servizio</translation>
    </message>
    <message>
        <source>The id of the App Store Connect API key</source>
        <translation>L&apos;id della chiave API di App Store Connect</translation>
    </message>
    <message>
        <source>The App Store Connect API key file (.p8)</source>
        <translation>Il file della chiave API di App Store Connect (.p8)</translation>
    </message>
    <message>
        <source>Chooses the API key file</source>
        <translation>Sceglie il file della chiave API</translation>
    </message>
    <message>
        <source>Adds the account with the details above</source>
        <translation>Aggiunge l&apos;account con i dati qui sopra</translation>
    </message>
    <message>
        <source>How often the console syncs by itself; 0: only with F5</source>
        <translation>Ogni quanto la console sincronizza da sola; 0: solo con F5</translation>
    </message>
</context>
<context>
    <name>sportello::ui::ApprovalModel</name>
    <message>
        <source>not waiting</source>
        <translation>non in attesa</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Tempo rimasto</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>Conversazione</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>Scritta da</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Risposta</translation>
    </message>
</context>
<context>
    <name>sportello::ui::ApprovalPane</name>
    <message>
        <source>Approvals are a team&apos;s: this cache is not joined to a team (Settings &gt; Team).</source>
        <translation>Le approvazioni sono di un team: questa cache non fa parte di un team (Impostazioni &gt; Team).</translation>
    </message>
    <message>
        <source>The insurance guard finds no personal data in this reply.</source>
        <translation>Il controllo dati personali non trova dati personali in questa risposta.</translation>
    </message>
    <message>
        <source>The insurance guard finds personal data: %1. Edit the reply or send it back; a public reply must not carry it.</source>
        <translation>Il controllo dati personali trova dati personali: %1. Modifica la risposta o rimandala indietro; una risposta pubblica non deve contenerli.</translation>
    </message>
    <message>
        <source>Say why the reply goes back: its author reads the comment.</source>
        <translation>Spiega perché la risposta torna indietro: chi l&apos;ha scritta legge il commento.</translation>
    </message>
    <message>
        <source>Sent back to its author.</source>
        <translation>Rimandata a chi l&apos;ha scritta.</translation>
    </message>
    <message>
        <source>Approved: the hub sends it now.</source>
        <translation>Approvata: l&apos;hub la invia ora.</translation>
    </message>
    <message>
        <source>Approved as edited: the hub sends it now.</source>
        <translation>Approvata con le modifiche: l&apos;hub la invia ora.</translation>
    </message>
    <message numerus="yes">
        <source>Replies &amp;awaiting approval (%Ln), least time left first</source>
        <translation>
            <numerusform>Risposte in &amp;attesa di approvazione (%Ln), prima quelle con meno tempo rimasto</numerusform>
            <numerusform>Risposte in &amp;attesa di approvazione (%Ln), prima quelle con meno tempo rimasto</numerusform>
        </translation>
    </message>
    <message>
        <source>The customer wrote:</source>
        <translation>Il cliente ha scritto:</translation>
    </message>
    <message>
        <source>&amp;Reply (edit it before approving if needed):</source>
        <translation>&amp;Risposta (modificala prima di approvarla, se serve):</translation>
    </message>
    <message>
        <source>&amp;Comment for the author:</source>
        <translation>&amp;Commento per chi l&apos;ha scritta:</translation>
    </message>
    <message>
        <source>Needed to send it back</source>
        <translation>Necessario per rimandarla indietro</translation>
    </message>
    <message>
        <source>A&amp;pprove</source>
        <translation>A&amp;pprova</translation>
    </message>
    <message>
        <source>Send the reply as shown, edited or not (audited)</source>
        <translation>Invia la risposta così com&apos;è mostrata, modificata o no (annotato nel registro delle attività)</translation>
    </message>
    <message>
        <source>Send &amp;Back</source>
        <translation>Riman&amp;da indietro</translation>
    </message>
    <message>
        <source>Return the reply to its author with the comment (audited)</source>
        <translation>Restituisci la risposta a chi l&apos;ha scritta con il commento (annotato nel registro delle attività)</translation>
    </message>
    <message>
        <source>Replies awaiting approval</source>
        <translation>Risposte in attesa di approvazione</translation>
    </message>
    <message>
        <source>Sorted by the time left before the customer&apos;s post is overdue</source>
        <translation>Ordinate per il tempo che resta prima che il post del cliente sia in ritardo</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Risposta</translation>
    </message>
    <message>
        <source>Comment for the author</source>
        <translation>Commento per chi l&apos;ha scritta</translation>
    </message>
    <message>
        <source>The customer&apos;s post</source>
        <translation>Il post del cliente</translation>
    </message>
    <message>
        <source>The insurance guard&apos;s findings</source>
        <translation>Quello che trova il controllo dati personali</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approva</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>Rimanda indietro</translation>
    </message>
    <message>
        <source>The author marked as not personal data: %1 (reason: %2).</source>
        <translation>L&apos;autore ha segnato come non personali: %1 (motivo: %2).</translation>
    </message>
    <message>
        <source>The insurance guard finds no other personal data in this reply.</source>
        <translation>Il controllo dati personali non trova altri dati personali in questa risposta.</translation>
    </message>
    <message>
        <source>The reply to approve; edit it before approving if needed</source>
        <translation>La risposta da approvare; modificala prima di approvarla se serve</translation>
    </message>
    <message>
        <source>Why the reply goes back to its author; needed to send it back</source>
        <translation>Perché la risposta torna al suo autore; serve per rimandarla indietro</translation>
    </message>
    <message>
        <source>What the reply answers</source>
        <translation>Il messaggio del cliente a cui si risponde</translation>
    </message>
    <message>
        <source>Personal data the guard found in the reply</source>
        <translation>Dati personali trovati dal controllo nella risposta</translation>
    </message>
</context>
<context>
    <name>sportello::ui::BoardAgentsModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline, last seen %1 ago</source>
        <translation>Offline, visto l&apos;ultima volta %1 fa</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 su %2</translation>
    </message>
    <message>
        <source>Typing a reply</source>
        <translation>Sta scrivendo una risposta</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Reparto</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Threads held</source>
        <translation>Conversazioni in carico</translation>
    </message>
    <message>
        <source>Longest held</source>
        <translation>In carico da più tempo</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Ora</translation>
    </message>
</context>
<context>
    <name>sportello::ui::BoardOverridesModel</name>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>Conversazione</translation>
    </message>
    <message>
        <source>Marked not personal data</source>
        <translation>Segnati come non personali</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>sportello::ui::BoardQueueModel</name>
    <message>
        <source>Department: %1</source>
        <translation>Reparto: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue</source>
        <translation>
            <numerusform>%Ln in ritardo</numerusform>
            <numerusform>%Ln in ritardo</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>nessuno</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Coda</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>In attesa</translation>
    </message>
    <message>
        <source>Not taken</source>
        <translation>Non prese in carico</translation>
    </message>
    <message>
        <source>Past due</source>
        <translation>In ritardo</translation>
    </message>
    <message>
        <source>Oldest waits</source>
        <translation>La più vecchia attende da</translation>
    </message>
</context>
<context>
    <name>sportello::ui::CalendarEditor</name>
    <message>
        <source>“%1” is not a period like 09:00-13:00.</source>
        <translation>“%1” non è una fascia oraria come 09:00-13:00.</translation>
    </message>
    <message>
        <source>“%1” is not a time of day (00:00 to 24:00).</source>
        <translation>“%1” non è un orario valido (da 00:00 a 24:00).</translation>
    </message>
    <message>
        <source>“%1” ends before it starts.</source>
        <translation>“%1” finisce prima di iniziare.</translation>
    </message>
    <message>
        <source>%1 and %2 overlap.</source>
        <translation>%1 e %2 si sovrappongono.</translation>
    </message>
    <message>
        <source>Choose the calendar&apos;s time zone.</source>
        <translation>Scegli il fuso orario del calendario.</translation>
    </message>
    <message>
        <source>Working hours on %1: %2</source>
        <translation>Orario di lavoro di %1: %2</translation>
    </message>
    <message>
        <source>Always open: business time is calendar time.</source>
        <translation>Sempre aperto: il tempo lavorativo coincide con il tempo solare.</translation>
    </message>
    <message>
        <source>Open now, until %1 (%2 time).</source>
        <translation>Aperto ora, fino a %1 (ora di %2).</translation>
    </message>
    <message>
        <source>Closed now.</source>
        <translation>Chiuso ora.</translation>
    </message>
    <message>
        <source>Closed now; business clocks resume %1 (%2 time).</source>
        <translation>Chiuso ora; i conteggi in tempo lavorativo riprendono %1 (ora di %2).</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Fuso orario:</translation>
    </message>
    <message>
        <source>Open &amp;24/7</source>
        <translation>Aperto &amp;24 ore su 24, 7 giorni su 7</translation>
    </message>
    <message>
        <source>Business time is calendar time: no working hours, no holidays</source>
        <translation>Il tempo lavorativo coincide con il tempo solare: nessun orario di lavoro, nessuna festività</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>Orario di lavoro</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Chiuso</translation>
    </message>
    <message>
        <source>One or more periods a day, separated by commas, for example 09:00-13:00, 14:00-18:00. Leave a day empty when the team does not work.</source>
        <translation>Una o più fasce al giorno, separate da virgole, per esempio 09:00-13:00, 14:00-18:00. Lascia vuoto un giorno in cui il team non lavora.</translation>
    </message>
    <message>
        <source>Closed on Italy&apos;s national &amp;holidays</source>
        <translation>Chiuso nelle &amp;festività nazionali italiane</translation>
    </message>
    <message>
        <source>1 and 6 January, Easter Monday, 25 April, 1 May, 2 June, 15 August, 1 November, 8, 25 and 26 December, computed for every year</source>
        <translation>1 e 6 gennaio, lunedì dell&apos;Angelo, 25 aprile, 1º maggio, 2 giugno, 15 agosto, 1º novembre, 8, 25 e 26 dicembre, calcolate per ogni anno</translation>
    </message>
    <message>
        <source>Other holidays</source>
        <translation>Altre festività</translation>
    </message>
    <message>
        <source>&amp;Add Date</source>
        <translation>A&amp;ggiungi data</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Rimuovi</translation>
    </message>
    <message>
        <source>The time zone of the working hours</source>
        <translation>Il fuso orario dell&apos;orario di lavoro</translation>
    </message>
    <message>
        <source>Days the team does not work besides the national holidays</source>
        <translation>Giorni in cui il team non lavora oltre alle festività nazionali</translation>
    </message>
    <message>
        <source>Holiday date</source>
        <translation>Data della festività</translation>
    </message>
    <message>
        <source>The date Add Date puts in the list of holidays</source>
        <translation>La data che «Aggiungi data» inserisce nell&apos;elenco delle festività</translation>
    </message>
    <message>
        <source>Adds the date to the holidays</source>
        <translation>Aggiunge la data alle festività</translation>
    </message>
    <message>
        <source>Removes the selected holiday</source>
        <translation>Rimuove la festività selezionata</translation>
    </message>
</context>
<context>
    <name>sportello::ui::ChartPanel</name>
    <message>
        <source>Copy</source>
        <translation>Copia</translation>
    </message>
    <message>
        <source>Copy the chart to the clipboard as a picture</source>
        <translation>Copia il grafico negli appunti come immagine</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Salva come PNG…</translation>
    </message>
    <message>
        <source>Save Chart</source>
        <translation>Salva grafico</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Immagini PNG (*.png)</translation>
    </message>
    <message>
        <source>The chart could not be saved to %1.</source>
        <translation>Impossibile salvare il grafico in %1.</translation>
    </message>
    <message>
        <source>Save the chart as a PNG picture</source>
        <translation>Salva il grafico come immagine PNG</translation>
    </message>
    <message>
        <source>A chart of the report; its figures are in the table of the report</source>
        <translation>Un grafico del report; i suoi valori sono nella tabella del report</translation>
    </message>
</context>
<context>
    <name>sportello::ui::ComplaintsModel</name>
    <message>
        <source>%1 (%2)</source>
        <comment>author name (handle)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation>Ricevuto %1</translation>
    </message>
    <message>
        <source>The answer is due by %1</source>
        <translation>La risposta è dovuta entro %1</translation>
    </message>
    <message>
        <source>A complaint must be answered within %1 days of receipt (IVASS); marked from %2 days before the deadline.</source>
        <translation>Un reclamo deve ricevere risposta entro %1 giorni dalla ricezione (IVASS); segnalato da %2 giorni prima della scadenza.</translation>
    </message>
    <message>
        <source>Forwarded to customer care on %1</source>
        <translation>Inoltrato all&apos;assistenza clienti il %1</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canale</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autore</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ricevuto</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Scadenza</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Giorni rimasti</translation>
    </message>
    <message>
        <source>Forwarded by</source>
        <translation>Inoltrato da</translation>
    </message>
</context>
<context>
    <name>sportello::ui::ComplaintsPane</name>
    <message>
        <source>Mark Complaint Answered</source>
        <translation>Segna il reclamo come evaso</translation>
    </message>
    <message>
        <source>Customer care has answered this complaint. Add a note for the audit log (for example the reference of the letter or e-mail):</source>
        <translation>L&apos;assistenza clienti ha risposto a questo reclamo. Aggiungi una nota per il registro delle attività (per esempio il riferimento della lettera o dell&apos;e-mail):</translation>
    </message>
    <message>
        <source>No complaint forwarded to customer care is waiting for its formal answer.</source>
        <translation>Nessun reclamo inoltrato all&apos;assistenza clienti è in attesa della risposta formale.</translation>
    </message>
    <message>
        <source>1 complaint forwarded to customer care is waiting for its formal answer, due %1 days after receipt.</source>
        <translation>1 reclamo inoltrato all&apos;assistenza clienti è in attesa della risposta formale, dovuta entro %1 giorni dalla ricezione.</translation>
    </message>
    <message>
        <source>%1 complaints forwarded to customer care are waiting for their formal answer, due %2 days after receipt.</source>
        <translation>%1 reclami inoltrati all&apos;assistenza clienti sono in attesa della risposta formale, dovuta entro %2 giorni dalla ricezione.</translation>
    </message>
    <message>
        <source>Mark &amp;Answered…</source>
        <translation>Segna come &amp;evaso…</translation>
    </message>
    <message>
        <source>Customer care has sent the formal answer: stop the regulatory clock</source>
        <translation>L&apos;assistenza clienti ha inviato la risposta formale: ferma il conteggio regolamentare</translation>
    </message>
    <message>
        <source>Open complaints</source>
        <translation>Reclami aperti</translation>
    </message>
    <message>
        <source>Complaints forwarded to customer care, the nearest deadline first; Enter opens the thread</source>
        <translation>Reclami inoltrati all&apos;assistenza clienti, prima la scadenza più vicina; Invio apre la conversazione</translation>
    </message>
</context>
<context>
    <name>sportello::ui::ConsoleStatusBar</name>
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
        <source>Threads with a quarter or less of their response target left</source>
        <translation>Conversazioni a cui resta un quarto o meno del tempo di risposta previsto</translation>
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
        <source>Counts unavailable</source>
        <translation>Conteggi non disponibili</translation>
    </message>
    <message>
        <source>No cache open</source>
        <translation>Nessun archivio locale aperto</translation>
    </message>
    <message>
        <source>Cache: %1</source>
        <translation>Archivio: %1</translation>
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
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Everything keeps working from the cache; decisions wait in the outbox and are checked before they are sent.</source>
        <translation>Tutto continua a funzionare con l&apos;archivio locale; le decisioni restano nella posta in uscita e vengono verificate prima dell&apos;invio.</translation>
    </message>
    <message>
        <source>Outbox unavailable</source>
        <translation>Posta in uscita non disponibile</translation>
    </message>
    <message>
        <source>%1 in outbox (%2 need you)</source>
        <translation>In uscita: %1 (%2 da gestire)</translation>
    </message>
    <message>
        <source>%1 in outbox</source>
        <translation>In uscita: %1</translation>
    </message>
    <message>
        <source>Decisions waiting for delivery, or for you when they failed or were held (Go &gt; Outbox)</source>
        <translation>Decisioni in attesa di consegna, o di un tuo intervento se non sono riuscite o sono in attesa di conferma (Vai &gt; Posta in uscita)</translation>
    </message>
    <message>
        <source>Team: connected</source>
        <translation>Team: connesso</translation>
    </message>
    <message>
        <source>Team: connecting…</source>
        <translation>Team: connessione in corso…</translation>
    </message>
    <message>
        <source>Team: reconnecting…</source>
        <translation>Team: riconnessione in corso…</translation>
    </message>
    <message>
        <source>Team: offline</source>
        <translation>Team: non in linea</translation>
    </message>
    <message numerus="yes">
        <source>%Ln decision(s) to send up</source>
        <translation>
            <numerusform>%Ln decisione da inviare al team</numerusform>
            <numerusform>%Ln decisioni da inviare al team</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln held</source>
        <translation>
            <numerusform>%Ln trattenuta</numerusform>
            <numerusform>%Ln trattenute</numerusform>
        </translation>
    </message>
    <message>
        <source>Team database: %1 as %2</source>
        <translation>Database del team: %1 come %2</translation>
    </message>
    <message>
        <source>You can keep reviewing and deciding: decisions go up when the team database is reachable again, and a decision a colleague took first is held for you.</source>
        <translation>Puoi continuare a esaminare e decidere: le decisioni salgono quando il database del team torna raggiungibile, e una decisione già presa prima da un collega viene trattenuta per te.</translation>
    </message>
    <message>
        <source>Held decisions are in Go &gt; Outbox, beside the colleague&apos;s decision.</source>
        <translation>Le decisioni trattenute sono in Vai &gt; Posta in uscita, accanto a quella del collega.</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>In scadenza</translation>
    </message>
    <message>
        <source>Icon of the threads due soon</source>
        <translation>Icona delle conversazioni in scadenza</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Scadute</translation>
    </message>
    <message>
        <source>Icon of the overdue threads</source>
        <translation>Icona delle conversazioni scadute</translation>
    </message>
    <message>
        <source>The cache file the console works on</source>
        <translation>Il file di cache su cui lavora la console</translation>
    </message>
    <message>
        <source>The name your decisions are signed with (Edit &gt; Settings)</source>
        <translation>Il nome con cui sono firmate le tue decisioni (Modifica &gt; Impostazioni)</translation>
    </message>
    <message>
        <source>The last sync with the accounts (File &gt; Sync Now)</source>
        <translation>L&apos;ultima sincronizzazione con gli account (File &gt; Sincronizza ora)</translation>
    </message>
    <message>
        <source>Whether the console can reach the network</source>
        <translation>Se la console raggiunge la rete</translation>
    </message>
    <message>
        <source>Decisions waiting for delivery (Go &gt; Outbox)</source>
        <translation>Decisioni in attesa di consegna (Vai &gt; Posta in uscita)</translation>
    </message>
    <message>
        <source>The connection to the team database</source>
        <translation>Il collegamento al database del team</translation>
    </message>
    <message>
        <source>Whether the disk under the cache is encrypted</source>
        <translation>Se il disco su cui si trova l&apos;archivio locale è cifrato</translation>
    </message>
    <message>
        <source>⚠ Disk encryption unknown</source>
        <translation>⚠ Cifratura del disco sconosciuta</translation>
    </message>
    <message>
        <source>⚠ Disk not encrypted</source>
        <translation>⚠ Disco non cifrato</translation>
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
        <source>Answered after %1</source>
        <translation>Risposta dopo %1</translation>
    </message>
    <message>
        <source>Waiting: %1</source>
        <translation>In attesa: %1</translation>
    </message>
    <message>
        <source>Personal data in public: %1. Suggest a private reply.</source>
        <translation>Dati personali in pubblico: %1. Si consiglia una risposta privata.</translation>
    </message>
    <message>
        <source>Hidden: only its author, anyone tagged in it and the page&apos;s admins see it.</source>
        <translation>Nascosto: lo vedono solo l&apos;autore, chi vi è taggato e gli amministratori della pagina.</translation>
    </message>
</context>
<context>
    <name>sportello::ui::ConversationModel</name>
    <message>
        <source>Cues: %1</source>
        <translation>Indizi: %1</translation>
    </message>
    <message>
        <source>Likely spam.</source>
        <translation>Probabile spam.</translation>
    </message>
    <message>
        <source>Personal data in public: %1. Suggested: reply privately and ask the customer to continue there; hide the comment where the platform allows (Ctrl+Shift+H on Facebook and Instagram).</source>
        <translation>Dati personali in pubblico: %1. Suggerimento: rispondi in privato e chiedi al cliente di continuare lì; nascondi il commento dove la piattaforma lo consente (Ctrl+Maiusc+H su Facebook e Instagram).</translation>
    </message>
    <message>
        <source>Hidden on %1: only its author, anyone tagged in it and the page&apos;s admins see it.</source>
        <translation>Nascosto su %1: lo vedono solo l&apos;autore, chi vi è taggato e gli amministratori della pagina.</translation>
    </message>
    <message>
        <source>Waiting for the hub to hide this comment on %1.</source>
        <translation>In attesa che l&apos;hub nasconda questo commento su %1.</translation>
    </message>
    <message>
        <source>Waiting for the hub to show this comment again on %1.</source>
        <translation>In attesa che l&apos;hub renda di nuovo visibile questo commento su %1.</translation>
    </message>
    <message>
        <source>The hub could not hide this comment: %1</source>
        <translation>L&apos;hub non è riuscito a nascondere questo commento: %1</translation>
    </message>
    <message>
        <source>The hub could not show this comment again: %1</source>
        <translation>L&apos;hub non è riuscito a rendere di nuovo visibile questo commento: %1</translation>
    </message>
    <message>
        <source>No hub hid this comment within a day: the request expired.</source>
        <translation>Nessun hub ha nascosto questo commento entro un giorno: la richiesta è scaduta.</translation>
    </message>
    <message>
        <source>No hub showed this comment again within a day: the request expired.</source>
        <translation>Nessun hub ha mostrato di nuovo questo commento entro un giorno: la richiesta è scaduta.</translation>
    </message>
    <message>
        <source>Category suggested by the classifier: %1 (confidence %2)</source>
        <translation>Categoria suggerita dal classificatore: %1 (affidabilità %2)</translation>
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
        <source>Select a thread in the queue to read the conversation here.</source>
        <translation>Seleziona una conversazione nella coda per leggerla qui.</translation>
    </message>
    <message>
        <source>Complaint answered on %1 (deadline %2)</source>
        <translation>Reclamo evaso il %1 (scadenza %2)</translation>
    </message>
    <message>
        <source>Complaint: %1 to answer (deadline %2)</source>
        <translation>Reclamo: %1 per rispondere (scadenza %2)</translation>
    </message>
    <message>
        <source>Complaint: the answer is due today (deadline %1)</source>
        <translation>Reclamo: la risposta scade oggi (scadenza %1)</translation>
    </message>
    <message>
        <source>Complaint: the answer is %1 (deadline was %2)</source>
        <translation>Reclamo: la risposta ha %1 (la scadenza era il %2)</translation>
    </message>
    <message>
        <source>A complaint forwarded to customer care must be answered within %1 days of receipt (IVASS, ISVAP Regulation 24/2008). Received %2.</source>
        <translation>Un reclamo inoltrato all&apos;assistenza clienti deve ricevere risposta entro %1 giorni dalla ricezione (IVASS, Regolamento ISVAP 24/2008). Ricevuto %2.</translation>
    </message>
    <message>
        <source>Hand-off %1: sent to customer care on %2, not yet acknowledged</source>
        <translation>Inoltro %1: inviato al servizio clienti il %2, non ancora confermato</translation>
    </message>
    <message>
        <source>Hand-off %1: received by customer care on %2</source>
        <translation>Inoltro %1: ricevuto dal servizio clienti il %2</translation>
    </message>
    <message>
        <source>Hand-off %1: customer care is working on it (since %2)</source>
        <translation>Inoltro %1: il servizio clienti ci sta lavorando (dal %2)</translation>
    </message>
    <message>
        <source>Hand-off %1: resolved by customer care on %2</source>
        <translation>Inoltro %1: risolto dal servizio clienti il %2</translation>
    </message>
    <message>
        <source> · the thread is back with you</source>
        <translation> · la conversazione torna a te</translation>
    </message>
    <message>
        <source> · their answer is in your draft; the thread is back with you</source>
        <translation> · la loro risposta è nella tua bozza; la conversazione torna a te</translation>
    </message>
    <message>
        <source>Reported through %1 on %2.</source>
        <translation>Comunicato tramite %1 il %2.</translation>
    </message>
    <message>
        <source>Reported by %1 through %2 on %3.</source>
        <translation>Comunicato da %1 tramite %2 il %3.</translation>
    </message>
    <message>
        <source>Customer care&apos;s answer:</source>
        <translation>Risposta del servizio clienti:</translation>
    </message>
    <message>
        <source>The channel of the thread</source>
        <translation>Il canale della conversazione</translation>
    </message>
    <message>
        <source>The state of the thread&apos;s response timer</source>
        <translation>Lo stato del tempo di risposta della conversazione</translation>
    </message>
    <message>
        <source>The state of the complaint&apos;s deadline</source>
        <translation>Lo stato della scadenza del reclamo</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversazione</translation>
    </message>
    <message>
        <source>The thread&apos;s posts and decisions, oldest first</source>
        <translation>I messaggi e le decisioni della conversazione, dal più vecchio</translation>
    </message>
</context>
<context>
    <name>sportello::ui::CustomerCard</name>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Customer: %1</source>
        <translation>Cliente: %1</translation>
    </message>
    <message>
        <source>%1
Verified in a private conversation by %2, %3</source>
        <translation>%1
Verificato in una conversazione privata da %2, %3</translation>
    </message>
    <message>
        <source>None stored. Verify it with the customer in a private conversation first.</source>
        <translation>Nessuno registrato. Verificalo prima con il cliente in una conversazione privata.</translation>
    </message>
    <message>
        <source>Policyholder reference: %1</source>
        <translation>Riferimento del contraente: %1</translation>
    </message>
    <message>
        <source>%1 (this conversation)</source>
        <translation>%1 (questa conversazione)</translation>
    </message>
    <message>
        <source>%1, linked by %2</source>
        <translation>%1, collegata da %2</translation>
    </message>
    <message>
        <source>same handle and name</source>
        <translation>stesso handle e nome</translation>
    </message>
    <message>
        <source>same handle</source>
        <translation>stesso handle</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>stesso nome</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4</source>
        <translation>%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>private</source>
        <translation>privata</translation>
    </message>
    <message>
        <source>public</source>
        <translation>pubblica</translation>
    </message>
    <message>
        <source>Enter or double click opens this conversation.</source>
        <translation>Invio o doppio clic apre questa conversazione.</translation>
    </message>
    <message>
        <source>… and earlier threads (the latest %1 are listed)</source>
        <translation>… e conversazioni precedenti (sono elencate le %1 più recenti)</translation>
    </message>
    <message>
        <source>No other conversation.</source>
        <translation>Nessun’altra conversazione.</translation>
    </message>
    <message>
        <source>Open complaint (%1): %2, deadline %3</source>
        <translation>Reclamo aperto (%1): %2, scadenza %3</translation>
    </message>
    <message>
        <source>Hand-off %1 (%2): %3</source>
        <translation>Inoltro %1 (%2): %3</translation>
    </message>
    <message>
        <source>without reference</source>
        <translation>senza riferimento</translation>
    </message>
    <message>
        <source>, customer care: %1</source>
        <translation>, assistenza clienti: %1</translation>
    </message>
    <message>
        <source>%1 on %2, by %3, %4</source>
        <translation>%1 su %2, da %3, %4</translation>
    </message>
    <message>
        <source>No decision, complaint or hand-off yet.</source>
        <translation>Ancora nessuna decisione, reclamo o inoltro.</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>Linked: the customer&apos;s threads on that channel are listed here now.</source>
        <translation>Collegata: le conversazioni del cliente su quel canale ora sono elencate qui.</translation>
    </message>
    <message>
        <source>Unlinked.</source>
        <translation>Scollegata.</translation>
    </message>
    <message>
        <source>Reference stored. The guard now blocks it in public replies.</source>
        <translation>Riferimento registrato. Ora il controllo lo blocca nelle risposte pubbliche.</translation>
    </message>
    <message>
        <source>Reference cleared.</source>
        <translation>Riferimento cancellato.</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>Nota aggiunta.</translation>
    </message>
    <message>
        <source>Open a conversation first.</source>
        <translation>Apri prima una conversazione.</translation>
    </message>
    <message>
        <source>The browser could not be started for the CRM.</source>
        <translation>Non è stato possibile avviare il browser per il CRM.</translation>
    </message>
    <message>
        <source>Opened the customer in the CRM.</source>
        <translation>Cliente aperto nel CRM.</translation>
    </message>
    <message>
        <source>The customer behind the conversation appears here.</source>
        <translation>Qui compare il cliente dietro la conversazione.</translation>
    </message>
    <message>
        <source>Policyholder reference</source>
        <translation>Riferimento del contraente</translation>
    </message>
    <message>
        <source>Verified reference</source>
        <translation>Riferimento verificato</translation>
    </message>
    <message>
        <source>Policyholder reference to store</source>
        <translation>Riferimento del contraente da registrare</translation>
    </message>
    <message>
        <source>Store it only after verifying it with the customer in this private conversation: it is personal data, never shown in a public reply.</source>
        <translation>Registralo solo dopo averlo verificato con il cliente in questa conversazione privata: è un dato personale, mai mostrato in una risposta pubblica.</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Registra</translation>
    </message>
    <message>
        <source>Store the policyholder reference</source>
        <translation>Registra il riferimento del contraente</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Cancella</translation>
    </message>
    <message>
        <source>Clear the policyholder reference</source>
        <translation>Cancella il riferimento del contraente</translation>
    </message>
    <message>
        <source>Identities</source>
        <translation>Identità</translation>
    </message>
    <message>
        <source>The customer&apos;s linked identities</source>
        <translation>Le identità collegate del cliente</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>Scollega</translation>
    </message>
    <message>
        <source>Unlink the selected identity</source>
        <translation>Scollega l&apos;identità selezionata</translation>
    </message>
    <message>
        <source>Perhaps the same person (link only if you know it is)</source>
        <translation>Forse la stessa persona (collega solo se ne sei certo)</translation>
    </message>
    <message>
        <source>Identities with the same handle or name</source>
        <translation>Identità con lo stesso handle o nome</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Collega</translation>
    </message>
    <message>
        <source>Link the selected identity to this customer</source>
        <translation>Collega l&apos;identità selezionata a questo cliente</translation>
    </message>
    <message>
        <source>Other threads</source>
        <translation>Altre conversazioni</translation>
    </message>
    <message>
        <source>The customer&apos;s other threads on every channel</source>
        <translation>Le altre conversazioni del cliente su ogni canale</translation>
    </message>
    <message>
        <source>Complaints, hand-offs and decisions</source>
        <translation>Reclami, inoltri e decisioni</translation>
    </message>
    <message>
        <source>The customer&apos;s open complaints, hand-offs and earlier decisions</source>
        <translation>I reclami aperti, gli inoltri e le decisioni precedenti del cliente</translation>
    </message>
    <message>
        <source>Customer notes</source>
        <translation>Note sul cliente</translation>
    </message>
    <message>
        <source>Notes on the customer</source>
        <translation>Note sul cliente</translation>
    </message>
    <message>
        <source>A note on the customer</source>
        <translation>Una nota sul cliente</translation>
    </message>
    <message>
        <source>New note on the customer</source>
        <translation>Nuova nota sul cliente</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Aggiungi</translation>
    </message>
    <message>
        <source>Add the note on the customer</source>
        <translation>Aggiungi la nota sul cliente</translation>
    </message>
    <message>
        <source>Open in CRM</source>
        <translation>Apri nel CRM</translation>
    </message>
    <message>
        <source>Open this customer in the company&apos;s CRM</source>
        <translation>Apri questo cliente nel CRM dell&apos;azienda</translation>
    </message>
    <message>
        <source>Opens the CRM&apos;s page on this customer in the browser (Ctrl+Shift+M).</source>
        <translation>Apre nel browser la pagina del CRM su questo cliente (Ctrl+Maiusc+M).</translation>
    </message>
    <message>
        <source>Customer card</source>
        <translation>Scheda cliente</translation>
    </message>
    <message>
        <source>No CRM address is configured: set one in Settings (Agent and Language), or with sportello-cli customer crm-template URL.</source>
        <translation>Nessun indirizzo del CRM configurato: impostalo in Impostazioni (Operatore e lingua) o con sportello-cli customer crm-template URL.</translation>
    </message>
    <message>
        <source>Stores the reference; the guard then blocks it in public replies</source>
        <translation>Salva il riferimento; il controllo lo blocca poi nelle risposte pubbliche</translation>
    </message>
    <message>
        <source>Removes the stored reference</source>
        <translation>Cancella il riferimento salvato</translation>
    </message>
    <message>
        <source>The accounts on other channels known to be this customer</source>
        <translation>Gli account su altri canali che si sa essere di questo cliente</translation>
    </message>
    <message>
        <source>Removes the selected identity from this customer</source>
        <translation>Toglie l&apos;identità selezionata da questo cliente</translation>
    </message>
    <message>
        <source>Link one only if you know it is the same person</source>
        <translation>Collegane una solo se sai che è la stessa persona</translation>
    </message>
    <message>
        <source>Adds the selected identity to this customer</source>
        <translation>Aggiunge l&apos;identità selezionata a questo cliente</translation>
    </message>
    <message>
        <source>Enter opens the selected conversation</source>
        <translation>Invio apre la conversazione selezionata</translation>
    </message>
    <message>
        <source>Enter opens the conversation of the selected line</source>
        <translation>Invio apre la conversazione della riga selezionata</translation>
    </message>
    <message>
        <source>Notes agents wrote on this customer</source>
        <translation>Le note scritte dagli operatori su questo cliente</translation>
    </message>
    <message>
        <source>A note kept with the customer for every agent</source>
        <translation>Una nota sul cliente, visibile a tutti gli operatori</translation>
    </message>
    <message>
        <source>Adds the note to the customer</source>
        <translation>Aggiunge la nota al cliente</translation>
    </message>
    <message>
        <source>Writes everything kept about this person (their messages, our replies, notes, complaints) to a file, for a request of access to their data.</source>
        <translation>Scrive in un file tutto ciò che si conserva su questa persona (i suoi messaggi, le nostre risposte, le note, i reclami), per una richiesta di accesso ai suoi dati.</translation>
    </message>
    <message>
        <source>A person&apos;s data is exported by a supervisor, an admin or the data protection officer.</source>
        <translation>I dati di una persona li esporta un supervisore, un amministratore o il responsabile della protezione dei dati.</translation>
    </message>
    <message>
        <source>Opening this card could not be recorded: %1</source>
        <translation>Non è stato possibile registrare l&apos;apertura di questa scheda: %1</translation>
    </message>
    <message>
        <source>Saved this person&apos;s data to %1.</source>
        <translation>Dati di questa persona salvati in %1.</translation>
    </message>
    <message>
        <source>personal-data</source>
        <translation>dati-personali</translation>
    </message>
    <message>
        <source>Export this person&apos;s data</source>
        <translation>Esporta i dati di questa persona</translation>
    </message>
    <message>
        <source>Web page (*.html);;JSON (*.json)</source>
        <translation>Pagina web (*.html);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Export this person&apos;s data…</source>
        <translation>Esporta i dati di questa persona…</translation>
    </message>
    <message>
        <source>Erases this person&apos;s data on their request: their messages, identities, card and the texts of the conversations that were theirs alone. Decisions and the audit stay, without the data.</source>
        <translation>Cancella i dati di questa persona su sua richiesta: i suoi messaggi, le identità, la scheda e i testi delle conversazioni che erano solo sue. Le decisioni e il registro di audit restano, senza i dati.</translation>
    </message>
    <message>
        <source>A person&apos;s data is erased by an admin or the data protection officer.</source>
        <translation>I dati di una persona li cancella un amministratore o il responsabile della protezione dei dati.</translation>
    </message>
    <message>
        <source>Erase this person&apos;s data…</source>
        <translation>Cancella i dati di questa persona…</translation>
    </message>
    <message>
        <source>Erase this person&apos;s data</source>
        <translation>Cancella i dati di questa persona</translation>
    </message>
</context>
<context>
    <name>sportello::ui::DailyChart</name>
    <message>
        <source>Posts per day and share answered within target</source>
        <translation>Messaggi al giorno e quota con risposta entro l&apos;obiettivo</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Messaggi</translation>
    </message>
    <message>
        <source>Within target (right scale)</source>
        <translation>Entro l&apos;obiettivo (scala destra)</translation>
    </message>
    <message>
        <source>Posts per week and share answered within target</source>
        <translation>Messaggi per settimana e quota con risposta entro l&apos;obiettivo</translation>
    </message>
</context>
<context>
    <name>sportello::ui::GuardPage</name>
    <message>
        <source>Policy number</source>
        <translation>Numero di polizza</translation>
    </message>
    <message>
        <source>Claim number</source>
        <translation>Numero di sinistro</translation>
    </message>
    <message>
        <source>Kind of number</source>
        <translation>Tipo di numero</translation>
    </message>
    <message>
        <source>No regular expression.</source>
        <translation>Manca l&apos;espressione regolare.</translation>
    </message>
    <message>
        <source>Not a valid regular expression: %1 (at character %2).</source>
        <translation>Espressione regolare non valida: %1 (al carattere %2).</translation>
    </message>
    <message>
        <source>It matches empty text: it would find something everywhere.</source>
        <translation>Corrisponde al testo vuoto: troverebbe qualcosa ovunque.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Pattern %1: %2</source>
        <translation>Schema %1: %2</translation>
    </message>
    <message>
        <source>Own e-mail domains, line %1: “%2” is not a domain (for example assicuraserena.it).</source>
        <translation>Domini e-mail propri, riga %1: «%2» non è un dominio (per esempio assicuraserena.it).</translation>
    </message>
    <message>
        <source>Own phone numbers, line %1: “%2” is not a phone number (6 to 15 digits, with spaces, dots, dashes or brackets if you like).</source>
        <translation>Numeri di telefono propri, riga %1: «%2» non è un numero di telefono (da 6 a 15 cifre, con spazi, punti, trattini o parentesi a piacere).</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Type or paste a sample text to see what the guard finds in it.</source>
        <translation>Scrivi o incolla un testo di prova per vedere cosa vi trova il controllo dati personali.</translation>
    </message>
    <message>
        <source>The guard finds nothing in this text: a public reply with it could be confirmed.</source>
        <translation>Il controllo non trova nulla in questo testo: una risposta pubblica con questo testo si potrebbe confermare.</translation>
    </message>
    <message numerus="yes">
        <source>The guard finds %Ln item(s): a public reply with this text would be refused.</source>
        <translation>
            <numerusform>Il controllo trova %Ln dato: una risposta pubblica con questo testo sarebbe rifiutata.</numerusform>
            <numerusform>Il controllo trova %Ln dati: una risposta pubblica con questo testo sarebbe rifiutata.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pattern(s) with a problem are left out of the preview.</source>
        <translation>
            <numerusform>%Ln schema con un problema è escluso dall&apos;anteprima.</numerusform>
            <numerusform>%Ln schemi con un problema sono esclusi dall&apos;anteprima.</numerusform>
        </translation>
    </message>
    <message>
        <source>What the personal data guard treats as the company&apos;s own, and the numbers it looks for. This is the team&apos;s configuration: a change goes to every desktop with the next sync.</source>
        <translation>Cosa il controllo dati personali considera proprio dell&apos;azienda e quali numeri cerca. È la configurazione del team: una modifica arriva a ogni postazione con la prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>What the personal data guard treats as the company&apos;s own, and the numbers it looks for in public replies and posts.</source>
        <translation>Cosa il controllo dati personali considera proprio dell&apos;azienda e quali numeri cerca nelle risposte e nei post pubblici.</translation>
    </message>
    <message>
        <source>Use the built-&amp;in policy and claim number patterns:</source>
        <translation>Usa gli &amp;schemi predefiniti per i numeri di polizza e di sinistro:</translation>
    </message>
    <message>
        <source>The company&apos;s own patt&amp;erns (regular expressions, case-insensitive; a group named “number” is the finding):</source>
        <translation>Schemi &amp;aziendali (espressioni regolari, senza distinzione tra maiuscole e minuscole; un gruppo chiamato «number» è il dato trovato):</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>Espressione regolare</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Verifica</translation>
    </message>
    <message>
        <source>The company&apos;s own patterns</source>
        <translation>Schemi aziendali</translation>
    </message>
    <message>
        <source>Add Patter&amp;n</source>
        <translation>Aggiu&amp;ngi schema</translation>
    </message>
    <message>
        <source>Remo&amp;ve Pattern</source>
        <translation>Rimuo&amp;vi schema</translation>
    </message>
    <message>
        <source>assicuraserena.it</source>
        <translation>assicuraserena.it</translation>
    </message>
    <message>
        <source>Own e-mail domains</source>
        <translation>Domini e-mail propri</translation>
    </message>
    <message>
        <source>02 8765 4321</source>
        <translation>02 8765 4321</translation>
    </message>
    <message>
        <source>Own phone numbers</source>
        <translation>Numeri di telefono propri</translation>
    </message>
    <message>
        <source>&amp;Sample text (not stored):</source>
        <translation>Testo di p&amp;rova (non salvato):</translation>
    </message>
    <message>
        <source>Paste a reply here to see what the guard finds with the configuration above, before you save it.</source>
        <translation>Incolla qui una risposta per vedere cosa trova il controllo con la configurazione qui sopra, prima di salvarla.</translation>
    </message>
    <message>
        <source>Sample text</source>
        <translation>Testo di prova</translation>
    </message>
    <message>
        <source>&amp;What the guard finds:</source>
        <translation>Cosa tr&amp;ova il controllo:</translation>
    </message>
    <message>
        <source>What the guard finds in the sample text</source>
        <translation>Cosa trova il controllo nel testo di prova</translation>
    </message>
    <message>
        <source>The stored configuration could not be read (%1); the page shows the defaults, and OK stores what it shows.</source>
        <translation>Non è stato possibile leggere la configurazione salvata (%1); la pagina mostra quella predefinita e OK salva ciò che mostra.</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator of the team changes the guard configuration; you can try a sample text.</source>
        <translation>Solo un supervisore o un amministratore del team modifica la configurazione del controllo dati personali; puoi provare un testo di prova.</translation>
    </message>
    <message>
        <source>Own e-mail do&amp;mains (one a line, or apart by commas):</source>
        <translation>Domini &amp;e-mail propri (uno per riga, o separati da virgole):</translation>
    </message>
    <message>
        <source>Own p&amp;hone numbers (one a line, or apart by commas):</source>
        <translation>Numeri di tele&amp;fono propri (uno per riga, o separati da virgole):</translation>
    </message>
    <message>
        <source>What the pattern&apos;s matches are</source>
        <translation>Che cosa sono le corrispondenze dello schema</translation>
    </message>
    <message>
        <source>Kind, regular expression, description and check of each pattern</source>
        <translation>Tipo, espressione regolare, descrizione e verifica di ogni schema</translation>
    </message>
    <message>
        <source>Adds an empty pattern to the table</source>
        <translation>Aggiunge uno schema vuoto alla tabella</translation>
    </message>
    <message>
        <source>Removes the selected pattern</source>
        <translation>Rimuove lo schema selezionato</translation>
    </message>
    <message>
        <source>Addresses in these domains are the company&apos;s, not personal data</source>
        <translation>Gli indirizzi di questi domini sono dell&apos;azienda, non dati personali</translation>
    </message>
    <message>
        <source>These numbers are the company&apos;s, not personal data</source>
        <translation>Questi numeri sono dell&apos;azienda, non dati personali</translation>
    </message>
    <message>
        <source>Not stored: shows what the guard finds with the configuration above</source>
        <translation>Non salvato: mostra cosa trova il controllo con la configurazione qui sopra</translation>
    </message>
    <message>
        <source>Each finding&apos;s kind and text</source>
        <translation>Tipo e testo di ogni elemento trovato</translation>
    </message>
</context>
<context>
    <name>sportello::ui::HistogramChart</name>
    <message>
        <source>First response time by category (business minutes)</source>
        <translation>Tempo di prima risposta per categoria (minuti lavorativi)</translation>
    </message>
    <message>
        <source>business minutes to the first response</source>
        <translation>minuti lavorativi fino alla prima risposta</translation>
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
        <source>Sportello</source>
        <translation>Sportello</translation>
    </message>
    <message>
        <source>%1 — Sportello</source>
        <translation>%1 — Sportello</translation>
    </message>
    <message>
        <source>Open a cache first (File &gt; Open Cache).</source>
        <translation>Apri prima un archivio locale (File &gt; Apri archivio locale).</translation>
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
    <message>
        <source>The complaint is marked answered; its regulatory clock has stopped.</source>
        <translation>Il reclamo è segnato come evaso; il conteggio regolamentare si è fermato.</translation>
    </message>
    <message>
        <source>Open &amp;Complaints</source>
        <translation>&amp;Reclami aperti</translation>
    </message>
    <message>
        <source>Open Complaints</source>
        <translation>Reclami aperti</translation>
    </message>
    <message>
        <source>%1 — %2 overdue</source>
        <comment>window title, overdue count</comment>
        <translation>%1 — %2 in ritardo</translation>
    </message>
    <message>
        <source>Sportello — %1 overdue, %2 due soon</source>
        <translation>Sportello — %1 in ritardo, %2 in scadenza</translation>
    </message>
    <message>
        <source>The “%1” policy is active: the due time of every waiting post was recomputed.</source>
        <translation>La politica “%1” è attiva: la scadenza di ogni messaggio in attesa è stata ricalcolata.</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>&amp;Sincronizza ora</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>Posta in &amp;uscita</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Posta in uscita</translation>
    </message>
    <message>
        <source>&amp;Reports…</source>
        <translation>R&amp;eport…</translation>
    </message>
    <message>
        <source>Insert a &amp;Saved Reply…</source>
        <translation>Inserisci una risposta &amp;salvata…</translation>
    </message>
    <message>
        <source>Switch to a Private &amp;Reply</source>
        <translation>Passa a una &amp;risposta privata</translation>
    </message>
    <message>
        <source>The draft could not be stored: %1</source>
        <translation>Impossibile salvare la bozza: %1</translation>
    </message>
    <message>
        <source>%1: recorded while offline. It waits in the outbox and the thread is checked again before it is sent.</source>
        <translation>%1: decisione registrata offline. Resta nella posta in uscita e la conversazione viene verificata di nuovo prima dell&apos;invio.</translation>
    </message>
    <message>
        <source>Outbox: %1 failed, %2 held for you to decide (Go &gt; Outbox).</source>
        <translation>Posta in uscita: %1 in errore, %2 in attesa di una tua conferma (Vai &gt; Posta in uscita).</translation>
    </message>
    <message>
        <source>Delivering the outbox…</source>
        <translation>Consegna della posta in uscita…</translation>
    </message>
    <message>
        <source>A sync is already running; its progress is on the status bar.</source>
        <translation>È già in corso una sincronizzazione; l&apos;avanzamento è nella barra di stato.</translation>
    </message>
    <message>
        <source>The accounts could not be read: %1</source>
        <translation>Impossibile leggere gli account: %1</translation>
    </message>
    <message>
        <source>No account to sync: add one in Edit &gt; Settings &gt; Accounts.</source>
        <translation>Nessun account da sincronizzare: aggiungine uno in Modifica &gt; Impostazioni &gt; Account.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizzazione…</translation>
    </message>
    <message>
        <source>Syncing %1: page %2, %3 new posts</source>
        <translation>Sincronizzazione di %1: pagina %2, %3 messaggi nuovi</translation>
    </message>
    <message>
        <source>%1: %2 new posts</source>
        <translation>%1: %2 messaggi nuovi</translation>
    </message>
    <message>
        <source>%1: the platform reported: %2</source>
        <translation>%1: la piattaforma ha segnalato: %2</translation>
    </message>
    <message>
        <source>Outbox: %1</source>
        <translation>Posta in uscita: %1</translation>
    </message>
    <message>
        <source>Synced at %1: %2 new posts</source>
        <translation>Sincronizzato alle %1: %2 messaggi nuovi</translation>
    </message>
    <message>
        <source>Sync failed at %1</source>
        <translation>Sincronizzazione non riuscita alle %1</translation>
    </message>
    <message>
        <source>Synced at %1: %2 new posts; %3 of %4 accounts failed</source>
        <translation>Sincronizzato alle %1: %2 messaggi nuovi; non riuscita per %3 account su %4</translation>
    </message>
    <message>
        <source>Sign in again to %1: Edit &gt; Settings &gt; Accounts.</source>
        <translation>Accedi di nuovo a %1: Modifica &gt; Impostazioni &gt; Account.</translation>
    </message>
    <message>
        <source>Sync: %1</source>
        <translation>Sincronizzazione: %1</translation>
    </message>
    <message>
        <source>The access token of %1 was refused: sign in again in Edit &gt; Settings &gt; Accounts. Its replies wait in the outbox.</source>
        <translation>Il token di accesso di %1 è stato rifiutato: accedi di nuovo in Modifica &gt; Impostazioni &gt; Account. Le sue risposte restano nella posta in uscita.</translation>
    </message>
    <message>
        <source>The insurance guard&apos;s configuration changed; the new rules apply.</source>
        <translation>La configurazione del controllo dati personali è cambiata; si applicano le nuove regole.</translation>
    </message>
    <message>
        <source>%1: skipped, another Sportello process is syncing it</source>
        <translation>%1: saltato, un altro processo di Sportello lo sta sincronizzando</translation>
    </message>
    <message>
        <source>…and %1 more posts already in another thread.</source>
        <translation>…e altri %1 messaggi già presenti in un&apos;altra conversazione.</translation>
    </message>
    <message>
        <source>Sal&amp;vage into a New Cache…</source>
        <translation>Recu&amp;pera in un nuovo archivio locale…</translation>
    </message>
    <message>
        <source>Salvage into a New Cache</source>
        <translation>Recupera in un nuovo archivio locale</translation>
    </message>
    <message>
        <source>Sportello cache (*.sqlite);;All files (*)</source>
        <translation>Archivio locale di Sportello (*.sqlite);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>Salvage</source>
        <translation>Recupero</translation>
    </message>
    <message>
        <source>%1: %2 rows saved</source>
        <translation>%1: %2 righe salvate</translation>
    </message>
    <message>
        <source>, %1 rows not kept</source>
        <translation>, %1 righe non tenute</translation>
    </message>
    <message>
        <source>; the rest could not be read: %1</source>
        <translation>; il resto non si è potuto leggere: %1</translation>
    </message>
    <message>
        <source>What could be read is in %1. Open it with File &gt; Open Cache.</source>
        <translation>Ciò che si è potuto leggere è in %1. Aprilo con File &gt; Apri archivio locale.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of your decisions were held: a colleague decided the same post first (Go &gt; Outbox).</source>
        <translation>
            <numerusform>%Ln tua decisione è stata trattenuta: un collega ha deciso prima sullo stesso post (Vai &gt; Posta in uscita).</numerusform>
            <numerusform>%Ln tue decisioni sono state trattenute: un collega ha deciso prima sugli stessi post (Vai &gt; Posta in uscita).</numerusform>
        </translation>
    </message>
    <message>
        <source>Team &amp;Board</source>
        <translation>&amp;Bacheca del team</translation>
    </message>
    <message>
        <source>Who is online, what each holds, the queue by category and department</source>
        <translation>Chi è online, cosa ha in carico ciascuno, la coda per categoria e reparto</translation>
    </message>
    <message>
        <source>Team Board</source>
        <translation>Bacheca del team</translation>
    </message>
    <message>
        <source>&amp;Approvals</source>
        <translation>&amp;Approvazioni</translation>
    </message>
    <message>
        <source>Public replies waiting for a supervisor&apos;s approval</source>
        <translation>Risposte pubbliche in attesa dell&apos;approvazione di un supervisore</translation>
    </message>
    <message>
        <source>Claims the most urgent waiting thread nobody holds, as the team&apos;s routing gives it to you, and opens it</source>
        <translation>Prende in carico la conversazione in attesa più urgente che nessuno segue, come te la assegna l&apos;instradamento del team, e la apre</translation>
    </message>
    <message>
        <source>The thread could not be taken over.</source>
        <translation>Non è stato possibile subentrare nella conversazione.</translation>
    </message>
    <message>
        <source>The thread could not be taken over: %1</source>
        <translation>Non è stato possibile subentrare nella conversazione: %1</translation>
    </message>
    <message>
        <source>This thread is yours now; the team&apos;s log records the take-over.</source>
        <translation>Ora questa conversazione è tua; il registro del team annota il subentro.</translation>
    </message>
    <message>
        <source>You took this thread over from %1; the team&apos;s log records it.</source>
        <translation>Sei subentrato a %1 in questa conversazione; il registro del team lo annota.</translation>
    </message>
    <message>
        <source>%1 is typing a reply</source>
        <translation>%1 sta scrivendo una risposta</translation>
    </message>
    <message>
        <source>%1 is on this thread</source>
        <translation>%1 sta seguendo questa conversazione</translation>
    </message>
    <message>
        <source>You are on this thread</source>
        <translation>Stai seguendo questa conversazione</translation>
    </message>
    <message>
        <source>Offline: this thread is not claimed; a colleague&apos;s decision made first wins.</source>
        <translation>Non in linea: questa conversazione non è presa in carico; vale la decisione del collega che decide per primo.</translation>
    </message>
    <message>
        <source>Take Over the Thread</source>
        <translation>Subentra nella conversazione</translation>
    </message>
    <message>
        <source>Take this thread over from %1?</source>
        <translation>Subentrare a %1 in questa conversazione?</translation>
    </message>
    <message>
        <source>%1 may be writing a reply to this customer. The team&apos;s log records that you took the thread over, and from whom.</source>
        <translation>%1 potrebbe star scrivendo una risposta a questo cliente. Il registro del team annota che sei subentrato nella conversazione, e a chi.</translation>
    </message>
    <message>
        <source>&amp;Take Over</source>
        <translation>&amp;Subentra</translation>
    </message>
    <message>
        <source>Asking the team for the next thread…</source>
        <translation>Richiesta della prossima conversazione al team…</translation>
    </message>
    <message>
        <source>No thread is waiting for you: every waiting thread the team&apos;s routing gives you is answered or held by a colleague.</source>
        <translation>Nessuna conversazione ti aspetta: ogni conversazione in attesa che l&apos;instradamento del team ti assegna ha già una risposta o è seguita da un collega.</translation>
    </message>
    <message>
        <source>You hold as many threads as your capacity allows: decide or leave one before claiming the next.</source>
        <translation>Segui già tutte le conversazioni che la tua capacità consente: decidine o lasciane una prima di prendere in carico la prossima.</translation>
    </message>
    <message>
        <source>The next thread (%1) is yours but has not reached this desktop yet: it opens as soon as it arrives.</source>
        <translation>La prossima conversazione (%1) è tua ma non è ancora arrivata su questo computer: si apre appena arriva.</translation>
    </message>
    <message>
        <source>The thread is open; the queue&apos;s filters hide it from the list.</source>
        <translation>La conversazione è aperta; i filtri della coda la nascondono dall&apos;elenco.</translation>
    </message>
    <message>
        <source>Claim Ne&amp;xt Thread</source>
        <translation>Prendi in carico la pross&amp;ima conversazione</translation>
    </message>
    <message>
        <source>This thread is not claimed (%1); a colleague&apos;s decision made first wins.</source>
        <translation>Questa conversazione non è presa in carico (%1); vale la decisione del collega che decide per primo.</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>Approvazioni</translation>
    </message>
    <message>
        <source>Note added; it goes to the team with the next sync.</source>
        <translation>Nota aggiunta; arriva al team con la prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>Nota aggiunta.</translation>
    </message>
    <message>
        <source>%1 mentioned you in a note: “%2”</source>
        <translation>%1 ti ha menzionato in una nota: “%2”</translation>
    </message>
    <message numerus="yes">
        <source>%Ln notes mention you; the latest, by %1: “%2”</source>
        <translation>
            <numerusform>%Ln nota ti menziona; l&apos;ultima, di %1: “%2”</numerusform>
            <numerusform>%Ln note ti menzionano; l&apos;ultima, di %1: “%2”</numerusform>
        </translation>
    </message>
    <message>
        <source>Sportello: you were mentioned</source>
        <translation>Sportello: sei stato menzionato</translation>
    </message>
    <message>
        <source>Add Internal &amp;Note</source>
        <translation>Aggiungi &amp;nota interna</translation>
    </message>
    <message>
        <source>A note on this thread for the team, never sent to the customer</source>
        <translation>Una nota su questa conversazione per il team, mai inviata al cliente</translation>
    </message>
    <message>
        <source>Recomputing the report figures under the new policy: %1 of %2 conversations…</source>
        <translation>Ricalcolo delle cifre dei report secondo la nuova politica: %1 conversazioni su %2…</translation>
    </message>
    <message>
        <source>The report figures follow the new policy.</source>
        <translation>Le cifre dei report seguono la nuova politica.</translation>
    </message>
    <message>
        <source>The report figures could not be recomputed: %1. The report window will try again when it opens.</source>
        <translation>Non è stato possibile ricalcolare le cifre dei report: %1. La finestra dei report riproverà all&apos;apertura.</translation>
    </message>
    <message>
        <source>&amp;Hide or Unhide a Comment…</source>
        <translation>&amp;Nascondi o mostra un commento…</translation>
    </message>
    <message>
        <source>Hides a customer&apos;s comment on Facebook or Instagram (or shows it again), with the reason in the audit trail</source>
        <translation>Nasconde il commento di un cliente su Facebook o Instagram (o lo mostra di nuovo), con il motivo nel registro di audit</translation>
    </message>
    <message>
        <source>&amp;Unhide This Comment…</source>
        <translation>&amp;Mostra di nuovo questo commento…</translation>
    </message>
    <message>
        <source>&amp;Hide This Comment…</source>
        <translation>&amp;Nascondi questo commento…</translation>
    </message>
    <message>
        <source>Select a thread in the queue first.</source>
        <translation>Seleziona prima una conversazione nella coda.</translation>
    </message>
    <message>
        <source>Hide a Comment</source>
        <translation>Nascondi un commento</translation>
    </message>
    <message>
        <source>Sportello hides comments on Facebook and Instagram only; on %1, do it on the platform itself.</source>
        <translation>Sportello nasconde commenti solo su Facebook e Instagram; su %1, fallo direttamente sulla piattaforma.</translation>
    </message>
    <message>
        <source>This thread has no customer comment that can be hidden: the post the comments are under, the page&apos;s own comments and private messages cannot be.</source>
        <translation>Questa conversazione non ha commenti di clienti che si possano nascondere: il post sotto cui stanno i commenti, i commenti della pagina e i messaggi privati non si possono nascondere.</translation>
    </message>
    <message>
        <source>Hiding the comment on %1…</source>
        <translation>Occultamento del commento su %1…</translation>
    </message>
    <message>
        <source>Showing the comment again on %1…</source>
        <translation>Il commento torna visibile su %1…</translation>
    </message>
    <message>
        <source>Comment Not Hidden</source>
        <translation>Commento non nascosto</translation>
    </message>
    <message>
        <source>Comment Not Unhidden</source>
        <translation>Commento non reso visibile</translation>
    </message>
    <message>
        <source>The comment is hidden on %1.</source>
        <translation>Il commento è nascosto su %1.</translation>
    </message>
    <message>
        <source>The comment is visible again on %1.</source>
        <translation>Il commento è di nuovo visibile su %1.</translation>
    </message>
    <message numerus="yes">
        <source>In-app inbox: %Ln new message(s).</source>
        <translation>
            <numerusform>Casella in-app: %Ln nuovo messaggio.</numerusform>
            <numerusform>Casella in-app: %Ln nuovi messaggi.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In-app inbox: %Ln file(s) could not be read and were set aside in its &quot;rejected&quot; folder, with the reason beside each.</source>
        <translation>
            <numerusform>Casella in-app: %Ln file non è stato letto ed è stato messo da parte nella cartella &quot;rejected&quot;, con il motivo accanto.</numerusform>
            <numerusform>Casella in-app: %Ln file non sono stati letti e sono stati messi da parte nella cartella &quot;rejected&quot;, ciascuno con il motivo accanto.</numerusform>
        </translation>
    </message>
    <message>
        <source>Customer care resolved %1: the thread is back with you.</source>
        <translation>Il servizio clienti ha risolto %1: la conversazione torna a te.</translation>
    </message>
    <message>
        <source>Customer care answered</source>
        <translation>Risposta del servizio clienti</translation>
    </message>
    <message>
        <source>Go to the Cus&amp;tomer Card</source>
        <translation>Vai alla scheda clien&amp;te</translation>
    </message>
    <message>
        <source>Open the Customer in the CR&amp;M</source>
        <translation>Apri il cliente nel CR&amp;M</translation>
    </message>
    <message>
        <source>Opens the company&apos;s CRM on the customer shown, with the address set by sportello-cli customer crm-template</source>
        <translation>Apre il CRM dell&apos;azienda sul cliente mostrato, con l&apos;indirizzo impostato da sportello-cli customer crm-template</translation>
    </message>
    <message>
        <source>The customer behind the conversation: other threads, identities, reference, notes</source>
        <translation>Il cliente dietro la conversazione: altre conversazioni, identità, riferimento, note</translation>
    </message>
    <message>
        <source>Customer care&apos;s status files: %1</source>
        <translation>File di stato del servizio clienti: %1</translation>
    </message>
    <message>
        <source>Sent to the hub, which hides the comment on %1.</source>
        <translation>Inviato all&apos;hub, che nasconderà il commento su %1.</translation>
    </message>
    <message>
        <source>Sent to the hub, which shows the comment again on %1.</source>
        <translation>Inviato all&apos;hub, che renderà di nuovo visibile il commento su %1.</translation>
    </message>
    <message>
        <source>The hub hid the comment on %1.</source>
        <translation>L&apos;hub ha nascosto il commento su %1.</translation>
    </message>
    <message>
        <source>The hub showed the comment again on %1.</source>
        <translation>L&apos;hub ha reso di nuovo visibile il commento su %1.</translation>
    </message>
    <message>
        <source>The hub could not hide the comment on %1: %2</source>
        <translation>L&apos;hub non è riuscito a nascondere il commento su %1: %2</translation>
    </message>
    <message>
        <source>The hub could not show the comment again on %1: %2</source>
        <translation>L&apos;hub non è riuscito a rendere di nuovo visibile il commento su %1: %2</translation>
    </message>
    <message>
        <source>Cancel the Hub&apos;s &amp;Moderation Request</source>
        <translation>Annulla la richiesta di &amp;moderazione all&apos;hub</translation>
    </message>
    <message>
        <source>Team mode: withdraws a request to hide or show a comment that no hub has taken up yet</source>
        <translation>Modalità team: ritira una richiesta di nascondere o mostrare un commento che nessun hub ha ancora preso in carico</translation>
    </message>
    <message>
        <source>&amp;Cancel the Request to the Hub</source>
        <translation>&amp;Annulla la richiesta all&apos;hub</translation>
    </message>
    <message>
        <source>Requests to the hub exist in team mode only.</source>
        <translation>Le richieste all&apos;hub esistono solo in modalità team.</translation>
    </message>
    <message>
        <source>The hub is already performing the request: it can no longer be cancelled.</source>
        <translation>L&apos;hub sta già eseguendo la richiesta: non si può più annullare.</translation>
    </message>
    <message>
        <source>No request to the hub waits on this thread.</source>
        <translation>Nessuna richiesta all&apos;hub è in attesa in questa conversazione.</translation>
    </message>
    <message>
        <source>Request Not Cancelled</source>
        <translation>Richiesta non annullata</translation>
    </message>
    <message>
        <source>The request to the hub is cancelled.</source>
        <translation>La richiesta all&apos;hub è annullata.</translation>
    </message>
    <message>
        <source>The request was settled meanwhile: nothing to cancel.</source>
        <translation>Nel frattempo la richiesta si è conclusa: non c&apos;è nulla da annullare.</translation>
    </message>
    <message>
        <source>The request to the hub was cancelled by %1.</source>
        <translation>La richiesta all&apos;hub è stata annullata da %1.</translation>
    </message>
    <message>
        <source>No hub hid the comment on %1 within a day: the request expired. Ask again if it is still needed.</source>
        <translation>Nessun hub ha nascosto il commento su %1 entro un giorno: la richiesta è scaduta. Chiedi di nuovo se serve ancora.</translation>
    </message>
    <message>
        <source>No hub showed the comment again on %1 within a day: the request expired. Ask again if it is still needed.</source>
        <translation>Nessun hub ha mostrato di nuovo il commento su %1 entro un giorno: la richiesta è scaduta. Chiedi di nuovo se serve ancora.</translation>
    </message>
    <message>
        <source>Reads conversations from an exported file (JSON Lines or CSV) into the cache</source>
        <translation>Legge nella cache le conversazioni da un file esportato (JSON Lines o CSV)</translation>
    </message>
    <message>
        <source>Opens another cache file</source>
        <translation>Apre un altro file di cache</translation>
    </message>
    <message>
        <source>Opens a fresh cache of demo data, thrown away on exit</source>
        <translation>Apre una cache nuova con i dati dimostrativi, eliminata all&apos;uscita</translation>
    </message>
    <message>
        <source>Copies what can still be read from a damaged cache into a new file</source>
        <translation>Copia in un nuovo file ciò che si può ancora leggere da una cache danneggiata</translation>
    </message>
    <message>
        <source>Closes Sportello; drafts are kept</source>
        <translation>Chiude Sportello; le bozze restano salvate</translation>
    </message>
    <message>
        <source>Your name and language, the accounts, the response policy, the calendar and the team</source>
        <translation>Nome e lingua, account, politica di risposta, calendario e team</translation>
    </message>
    <message>
        <source>Opens the next thread in the queue</source>
        <translation>Apre la conversazione successiva della coda</translation>
    </message>
    <message>
        <source>Opens the previous thread in the queue</source>
        <translation>Apre la conversazione precedente della coda</translation>
    </message>
    <message>
        <source>Moves the keyboard to the queue&apos;s search field</source>
        <translation>Porta la tastiera nel campo di ricerca della coda</translation>
    </message>
    <message>
        <source>Moves the keyboard to the queue</source>
        <translation>Porta la tastiera sulla coda</translation>
    </message>
    <message>
        <source>Moves the keyboard to the reply editor</source>
        <translation>Porta la tastiera nell&apos;editor della risposta</translation>
    </message>
    <message>
        <source>Scrolls the conversation up by a page</source>
        <translation>Scorre la conversazione in su di una pagina</translation>
    </message>
    <message>
        <source>Scrolls the conversation down by a page</source>
        <translation>Scorre la conversazione in giù di una pagina</translation>
    </message>
    <message>
        <source>Shows or hides the complaints forwarded to customer care and their deadlines</source>
        <translation>Mostra o nasconde i reclami inoltrati all&apos;assistenza clienti e le loro scadenze</translation>
    </message>
    <message>
        <source>Fetches new posts from the accounts and delivers the outbox</source>
        <translation>Scarica i nuovi messaggi dagli account e consegna la posta in uscita</translation>
    </message>
    <message>
        <source>Shows or hides the replies and forwards waiting to be delivered</source>
        <translation>Mostra o nasconde le risposte e gli inoltri in attesa di consegna</translation>
    </message>
    <message>
        <source>Opens the report window: response times and volumes</source>
        <translation>Apre la finestra dei report: tempi di risposta e volumi</translation>
    </message>
    <message>
        <source>Carries out the decision armed in the triage panel</source>
        <translation>Esegue la decisione preparata nel pannello di smistamento</translation>
    </message>
    <message>
        <source>Drops the decision armed in the triage panel</source>
        <translation>Annulla la decisione preparata nel pannello di smistamento</translation>
    </message>
    <message>
        <source>Inserts a reply from the saved replies into the reply editor</source>
        <translation>Inserisce una risposta salvata nell&apos;editor della risposta</translation>
    </message>
    <message>
        <source>Turns the public reply being written into a private message</source>
        <translation>Trasforma la risposta pubblica in corso in un messaggio privato</translation>
    </message>
    <message>
        <source>Lists the keyboard shortcuts</source>
        <translation>Elenca le scorciatoie da tastiera</translation>
    </message>
    <message>
        <source>Version and licence of Sportello</source>
        <translation>Versione e licenza di Sportello</translation>
    </message>
    <message>
        <source>Version and licence of Qt</source>
        <translation>Versione e licenza di Qt</translation>
    </message>
    <message>
        <source>Answers the customer with a public reply on the channel</source>
        <translation>Risponde al cliente con una risposta pubblica sul canale</translation>
    </message>
    <message>
        <source>Answers the customer with a private message</source>
        <translation>Risponde al cliente con un messaggio privato</translation>
    </message>
    <message>
        <source>Hands the thread to customer care with a message for them</source>
        <translation>Passa la conversazione all&apos;assistenza clienti con un messaggio</translation>
    </message>
    <message>
        <source>Closes the thread without answering</source>
        <translation>Chiude la conversazione senza rispondere</translation>
    </message>
    <message>
        <source>&lt;p&gt;Version %1, commit %2, built on %3.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Versione %1, commit %2, compilata il %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The access records are read by the team&apos;s data protection officer.</source>
        <translation>Il registro degli accessi lo legge il responsabile della protezione dei dati del team.</translation>
    </message>
    <message>
        <source>This cache is not in a team.</source>
        <translation>Questo archivio locale non fa parte di un team.</translation>
    </message>
    <message>
        <source>The team database could not be reached: %1</source>
        <translation>Il database del team non è raggiungibile: %1</translation>
    </message>
    <message>
        <source>&amp;Access Records…</source>
        <translation>Registro degli &amp;accessi…</translation>
    </message>
    <message>
        <source>Who opened a customer&apos;s card and who exported a report or a person&apos;s data</source>
        <translation>Chi ha aperto la scheda di un cliente e chi ha esportato un report o i dati di una persona</translation>
    </message>
    <message>
        <source>Your company requires it: Sportello does not open a cache on this disk.</source>
        <translation>La tua azienda lo richiede: Sportello non apre un archivio locale su questo disco.</translation>
    </message>
    <message>
        <source>The retention policy could not be applied: %1</source>
        <translation>Non è stato possibile applicare la politica di conservazione: %1</translation>
    </message>
    <message>
        <source>Retention policy applied: %1 conversations anonymised, %2 audit entries and %3 access records deleted.</source>
        <translation>Politica di conservazione applicata: %1 conversazioni rese anonime, %2 voci del registro di audit e %3 registrazioni di accesso cancellate.</translation>
    </message>
    <message>
        <source>Erase This Person&apos;s Data</source>
        <translation>Cancella i dati di questa persona</translation>
    </message>
    <message>
        <source>Why is the data erased? It is audited and read by everyone who reads the audit: give the request, never the person&apos;s name (for example &quot;GDPR art. 17, request REQ-2026-0042&quot;).</source>
        <translation>Perché si cancellano i dati? Resta nel registro di audit e lo legge chiunque legga il registro: indica la richiesta, mai il nome della persona (per esempio &quot;GDPR art. 17, richiesta REQ-2026-0042&quot;).</translation>
    </message>
    <message>
        <source>An erasure needs its reason: nothing was erased.</source>
        <translation>Una cancellazione richiede il suo motivo: non è stato cancellato nulla.</translation>
    </message>
    <message>
        <source>Erase everything Sportello keeps about %1 and the identities linked to them?</source>
        <translation>Cancellare tutto ciò che Sportello conserva su %1 e sulle identità collegate?</translation>
    </message>
    <message>
        <source>Their messages, identities, customer card and the texts of the conversations that were theirs alone are erased for good; decisions, timers and the audit stay, without their data. This cannot be undone.</source>
        <translation>I suoi messaggi, le identità, la scheda cliente e i testi delle conversazioni che erano solo sue vengono cancellati per sempre; decisioni, timer e registro di audit restano, senza i suoi dati. Non si può annullare.</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Cancella</translation>
    </message>
    <message>
        <source>The team database cannot be reached, and in a team the erasure goes through it: nothing was erased. Try again when online. (%1)</source>
        <translation>Il database del team non è raggiungibile, e in un team la cancellazione passa da lì: non è stato cancellato nulla. Riprova quando sei in linea. (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Erased in the team database: %Ln posts; every desktop applies it at its next sync.</source>
        <translation>
            <numerusform>Cancellato nel database del team: %Ln post; ogni postazione lo applica alla prossima sincronizzazione.</numerusform>
            <numerusform>Cancellati nel database del team: %Ln post; ogni postazione li applica alla prossima sincronizzazione.</numerusform>
        </translation>
    </message>
    <message>
        <source>This desktop applies it at its next sync: %1</source>
        <translation>Questa postazione la applicherà alla prossima sincronizzazione: %1</translation>
    </message>
    <message numerus="yes">
        <source>Erased: %Ln posts of this person; the cache keeps no copy of them.</source>
        <translation>
            <numerusform>Cancellato: %Ln post di questa persona; l&apos;archivio locale non ne conserva copie.</numerusform>
            <numerusform>Cancellati: %Ln post di questa persona; l&apos;archivio locale non ne conserva copie.</numerusform>
        </translation>
    </message>
    <message>
        <source>The next retention run scrubs it (or sportello-cli privacy scrub with the console closed).</source>
        <translation>La prossima applicazione della conservazione lo ripulisce (oppure sportello-cli privacy scrub a console chiusa).</translation>
    </message>
</context>
<context>
    <name>sportello::ui::ModerationDialog</name>
    <message>
        <source>Hide or Unhide a Comment on %1</source>
        <translation>Nascondi o mostra un commento su %1</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commento</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>nascosto</translation>
    </message>
    <message>
        <source>personal data</source>
        <translation>dati personali</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Note for the audit trail</source>
        <translation>Nota per il registro di audit</translation>
    </message>
    <message>
        <source>Optional; required for &quot;other&quot;. Never copy the customer&apos;s data here.</source>
        <translation>Facoltativa; obbligatoria per &quot;altro&quot;. Non copiare mai qui i dati del cliente.</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Commento:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>N&amp;ota:</translation>
    </message>
    <message>
        <source>%1 said this comment cannot be hidden (for example a comment by the page&apos;s admins or on a review). Reply privately instead.</source>
        <translation>%1 ha indicato che questo commento non può essere nascosto (ad esempio un commento degli amministratori della pagina o su una recensione). Rispondi in privato.</translation>
    </message>
    <message>
        <source>The comment will be hidden on %1: its author, anyone tagged in it and the page&apos;s admins still see it, nobody else does. Nothing is deleted, and it can be shown again.</source>
        <translation>Il commento sarà nascosto su %1: lo vedranno ancora l&apos;autore, chi vi è taggato e gli amministratori della pagina, nessun altro. Non si elimina nulla e si può mostrare di nuovo.</translation>
    </message>
    <message>
        <source>The comment will be shown again to everyone on %1.</source>
        <translation>Il commento sarà di nuovo visibile a tutti su %1.</translation>
    </message>
    <message>
        <source>&amp;Hide Comment</source>
        <translation>&amp;Nascondi commento</translation>
    </message>
    <message>
        <source>&amp;Unhide Comment</source>
        <translation>&amp;Mostra commento</translation>
    </message>
    <message>
        <source>The customer&apos;s comment to hide or show again</source>
        <translation>Il commento del cliente da nascondere o mostrare di nuovo</translation>
    </message>
    <message>
        <source>Why, recorded in the audit trail</source>
        <translation>Il motivo, registrato nel registro di audit</translation>
    </message>
</context>
<context>
    <name>sportello::ui::NotesModel</name>
    <message>
        <source>You</source>
        <translation>Tu</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source> (not yet sent to the team)</source>
        <translation> (non ancora inviata al team)</translation>
    </message>
    <message>
        <source> (the team refused it: it stays on this desktop)</source>
        <translation> (il team l&apos;ha rifiutata: resta su questo computer)</translation>
    </message>
    <message>
        <source>%1
Mentions: %2</source>
        <translation>%1
Menzioni: %2</translation>
    </message>
</context>
<context>
    <name>sportello::ui::NotesPanel</name>
    <message>
        <source>Write the note first.</source>
        <translation>Scrivi prima la nota.</translation>
    </message>
    <message numerus="yes">
        <source>Internal &amp;notes (%Ln), never sent to the customer</source>
        <translation>
            <numerusform>&amp;Note interne (%Ln), mai inviate al cliente</numerusform>
            <numerusform>&amp;Note interne (%Ln), mai inviate al cliente</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a note for the team; @login mentions a colleague</source>
        <translation>Aggiungi una nota per il team; @login menziona un collega</translation>
    </message>
    <message>
        <source>Add Note</source>
        <translation>Aggiungi nota</translation>
    </message>
    <message>
        <source>Internal notes</source>
        <translation>Note interne</translation>
    </message>
    <message>
        <source>The team&apos;s notes on this thread; customers never see them</source>
        <translation>Le note del team su questa conversazione; i clienti non le vedono mai</translation>
    </message>
    <message>
        <source>New internal note</source>
        <translation>Nuova nota interna</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Aggiungi nota</translation>
    </message>
    <message>
        <source>A note for the team on this thread; @login mentions a colleague</source>
        <translation>Una nota per il team su questa conversazione; @login menziona un collega</translation>
    </message>
    <message>
        <source>Adds the note to the thread for the team</source>
        <translation>Aggiunge la nota alla conversazione per il team</translation>
    </message>
</context>
<context>
    <name>sportello::ui::OAuthAppsDialog</name>
    <message>
        <source>Any free port</source>
        <translation>Qualsiasi porta libera</translation>
    </message>
    <message>
        <source>Sign-In Apps</source>
        <translation>App di accesso</translation>
    </message>
    <message>
        <source>Agents sign in to X and Facebook through your company&apos;s own apps. Copy their ids from the platforms&apos; developer portals. No app secret goes here: Sportello never holds one.</source>
        <translation>Gli operatori accedono a X e Facebook tramite le app della tua azienda. Copia i loro id dai portali per sviluppatori delle piattaforme. Qui non va nessun segreto dell&apos;app: Sportello non ne conserva mai.</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>The OAuth 2.0 client id</source>
        <translation>Il client id OAuth 2.0</translation>
    </message>
    <message>
        <source>X accepts only the callback addresses registered for the app: enter the port of http://127.0.0.1:PORT/ as registered</source>
        <translation>X accetta solo gli indirizzi di callback registrati per l&apos;app: inserisci la porta di http://127.0.0.1:PORTA/ come registrata</translation>
    </message>
    <message>
        <source>Client &amp;id:</source>
        <translation>Client &amp;id:</translation>
    </message>
    <message>
        <source>&amp;Redirect port:</source>
        <translation>Porta di &amp;reindirizzamento:</translation>
    </message>
    <message>
        <source>Meta (Facebook and Instagram)</source>
        <translation>Meta (Facebook e Instagram)</translation>
    </message>
    <message>
        <source>The app id</source>
        <translation>L&apos;id dell&apos;app</translation>
    </message>
    <message>
        <source>https://… (optional)</source>
        <translation>https://… (facoltativo)</translation>
    </message>
    <message>
        <source>Your company&apos;s endpoint that swaps a short-lived sign-in for a long-lived one (it holds the app secret). Without it, Page tokens last about an hour.</source>
        <translation>L&apos;endpoint della tua azienda che scambia un accesso di breve durata con uno di lunga durata (conserva il segreto dell&apos;app). Senza, i token delle Pagine durano circa un&apos;ora.</translation>
    </message>
    <message>
        <source>A&amp;pp id:</source>
        <translation>Id dell&apos;a&amp;pp:</translation>
    </message>
    <message>
        <source>Token &amp;exchange endpoint:</source>
        <translation>Endpoint di &amp;scambio dei token:</translation>
    </message>
    <message>
        <source>Redirect p&amp;ort:</source>
        <translation>P&amp;orta di reindirizzamento:</translation>
    </message>
    <message>
        <source>The sign-in apps cannot be read from the cache: %1</source>
        <translation>Non è possibile leggere le app di accesso dalla cache: %1</translation>
    </message>
    <message>
        <source>The X app was not saved: %1</source>
        <translation>L&apos;app X non è stata salvata: %1</translation>
    </message>
    <message>
        <source>The Meta app was not saved: %1</source>
        <translation>L&apos;app Meta non è stata salvata: %1</translation>
    </message>
    <message>
        <source>The OAuth 2.0 client id of your company&apos;s X app</source>
        <translation>Il client id OAuth 2.0 dell&apos;app X della tua azienda</translation>
    </message>
    <message>
        <source>The id of your company&apos;s Meta app</source>
        <translation>L&apos;id dell&apos;app Meta della tua azienda</translation>
    </message>
    <message>
        <source>The port of http://127.0.0.1:PORT/ registered as the app&apos;s redirect address; 0: any free port</source>
        <translation>La porta di http://127.0.0.1:PORTA/ registrata come indirizzo di reindirizzamento dell&apos;app; 0: una porta libera qualsiasi</translation>
    </message>
</context>
<context>
    <name>sportello::ui::OutboxModel</name>
    <message>
        <source>%1 (decided offline)</source>
        <translation>%1 (decisa offline)</translation>
    </message>
    <message>
        <source>Decided by %1</source>
        <translation>Decisa da %1</translation>
    </message>
    <message>
        <source>Next attempt at %1</source>
        <translation>Prossimo tentativo: %1</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canale</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisione</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Testo</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentativi</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Data decisione</translation>
    </message>
    <message>
        <source>Waiting for a supervisor&apos;s approval before it is sent.</source>
        <translation>In attesa dell&apos;approvazione di un supervisore prima dell&apos;invio.</translation>
    </message>
    <message>
        <source>Sent back by %1: %2</source>
        <translation>Rimandata indietro da %1: %2</translation>
    </message>
</context>
<context>
    <name>sportello::ui::OutboxPane</name>
    <message>
        <source>The new text is saved and will be delivered.</source>
        <translation>Il nuovo testo è stato salvato e verrà consegnato.</translation>
    </message>
    <message>
        <source>Delivery is tried again now.</source>
        <translation>Nuovo tentativo di consegna in corso.</translation>
    </message>
    <message>
        <source>The entry is cancelled: it will not be delivered. The decision stays in the audit log.</source>
        <translation>La voce è stata annullata: non verrà consegnata. La decisione resta nel registro delle attività.</translation>
    </message>
    <message>
        <source>Confirmed: the reply is sent without the checks for offline decisions.</source>
        <translation>Confermata: la risposta viene inviata senza i controlli previsti per le decisioni prese offline.</translation>
    </message>
    <message>
        <source>Edit and Retry</source>
        <translation>Modifica e riprova</translation>
    </message>
    <message>
        <source>The text to deliver (the decision keeps what was decided):</source>
        <translation>Il testo da consegnare (la decisione resta quella presa):</translation>
    </message>
    <message>
        <source>Every decision has been delivered.</source>
        <translation>Tutte le decisioni sono state consegnate.</translation>
    </message>
    <message>
        <source>%1 decisions wait for delivery.</source>
        <translation>Decisioni in attesa di consegna: %1.</translation>
    </message>
    <message>
        <source>%1 decisions wait for delivery; %2 need you (failed or held).</source>
        <translation>Decisioni in attesa di consegna: %1; da gestire: %2 (in errore o in attesa di conferma).</translation>
    </message>
    <message>
        <source>&amp;Edit and Retry…</source>
        <translation>Mo&amp;difica e riprova…</translation>
    </message>
    <message>
        <source>Change the text of the reply, then deliver it again</source>
        <translation>Modifica il testo della risposta, poi consegnala di nuovo</translation>
    </message>
    <message>
        <source>&amp;Retry Now</source>
        <translation>Riprova &amp;ora</translation>
    </message>
    <message>
        <source>Deliver a failed or held entry again (read back first if it may have arrived)</source>
        <translation>Consegna di nuovo una voce in errore o in attesa di conferma (verificando prima sulla piattaforma se potrebbe essere già arrivata)</translation>
    </message>
    <message>
        <source>Ca&amp;ncel Entry</source>
        <translation>Ann&amp;ulla voce</translation>
    </message>
    <message>
        <source>Do not deliver this decision; it stays in the audit log</source>
        <translation>Non consegnare questa decisione; resta nel registro delle attività</translation>
    </message>
    <message>
        <source>Con&amp;firm and Send</source>
        <translation>&amp;Conferma e invia</translation>
    </message>
    <message>
        <source>Send a reply held after an offline decision (the post was deleted or a colleague answered it)</source>
        <translation>Invia una risposta in attesa di conferma dopo una decisione presa offline (il messaggio è stato eliminato o un collega ha già risposto)</translation>
    </message>
    <message>
        <source>A reply sent back by a supervisor is resubmitted through the team: this cache is not connected to one.</source>
        <translation>Una risposta rimandata indietro da un supervisore si ripropone attraverso il team: questa cache non è collegata a un team.</translation>
    </message>
    <message>
        <source>A reply cannot be empty.</source>
        <translation>Una risposta non può essere vuota.</translation>
    </message>
    <message>
        <source>Resubmitted: it waits for a supervisor&apos;s approval again.</source>
        <translation>Riproposta: attende di nuovo l&apos;approvazione di un supervisore.</translation>
    </message>
    <message>
        <source>Resubmitting for approval…</source>
        <translation>Nuova proposta per l&apos;approvazione…</translation>
    </message>
    <message>
        <source>&amp;Edit and Resubmit…</source>
        <translation>Mo&amp;difica e riproponi…</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Posta in uscita</translation>
    </message>
    <message>
        <source>Decisions waiting for delivery, and those that failed or were held</source>
        <translation>Decisioni in attesa di consegna e quelle non riuscite o trattenute</translation>
    </message>
</context>
<context>
    <name>sportello::ui::PolicyEditor</name>
    <message>
        <source>New Policy</source>
        <translation>Nuova politica</translation>
    </message>
    <message>
        <source>Name of the new policy (a copy of the one shown):</source>
        <translation>Nome della nuova politica (una copia di quella mostrata):</translation>
    </message>
    <message>
        <source>business time</source>
        <translation>tempo lavorativo</translation>
    </message>
    <message>
        <source>calendar time</source>
        <translation>tempo solare</translation>
    </message>
    <message>
        <source>The business calendar of the “%1” policy. Targets in business time count only these hours; saving recomputes the due time of every waiting post.</source>
        <translation>Il calendario lavorativo della politica “%1”. Gli obiettivi in tempo lavorativo contano solo queste ore; salvando si ricalcola la scadenza di ogni messaggio in attesa.</translation>
    </message>
    <message>
        <source>Not categorised</source>
        <translation>Senza categoria</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Tutti i canali</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Business calendar: %1</source>
        <translation>Calendario lavorativo: %1</translation>
    </message>
    <message>
        <source>Per-channel targets, row %1 repeats row %2.</source>
        <translation>Obiettivi per canale: la riga %1 ripete la riga %2.</translation>
    </message>
    <message>
        <source>Give the new policy a name with at least one letter or digit.</source>
        <translation>Dai alla nuova politica un nome con almeno una lettera o una cifra.</translation>
    </message>
    <message>
        <source>There is already a policy called “%1”.</source>
        <translation>Esiste già una politica chiamata “%1”.</translation>
    </message>
    <message>
        <source>&amp;Policy:</source>
        <translation>P&amp;olitica:</translation>
    </message>
    <message>
        <source>%1 (active)</source>
        <translation>%1 (attiva)</translation>
    </message>
    <message>
        <source>&amp;New Policy…</source>
        <translation>&amp;Nuova politica…</translation>
    </message>
    <message>
        <source>Save a copy of the policy shown under another name</source>
        <translation>Salva una copia della politica mostrata con un altro nome</translation>
    </message>
    <message>
        <source>Restore &amp;Preset</source>
        <translation>&amp;Ripristina predefinita</translation>
    </message>
    <message>
        <source>Bring back the preset&apos;s original targets and calendar</source>
        <translation>Ripristina gli obiettivi e il calendario originali della politica predefinita</translation>
    </message>
    <message>
        <source>OK makes the policy shown here the active one and saves your changes to it in this cache; the due time of every waiting post is then recomputed. Changes to a preset are saved under the preset&apos;s name: Restore Preset brings back its original figures, New Policy… keeps them apart under a new name.</source>
        <translation>OK rende attiva la politica mostrata qui e ne salva le modifiche in questo archivio locale; la scadenza di ogni messaggio in attesa viene poi ricalcolata. Le modifiche a una politica predefinita vengono salvate con il suo nome: Ripristina predefinita riporta i valori originali, Nuova politica… le conserva a parte con un nuovo nome.</translation>
    </message>
    <message>
        <source>First-response targets</source>
        <translation>Obiettivi di prima risposta</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Obiettivo</translation>
    </message>
    <message>
        <source>Counted in</source>
        <translation>Conteggiato in</translation>
    </message>
    <message>
        <source>Closed without reply counts as handled</source>
        <translation>Chiuso senza risposta vale come gestito</translation>
    </message>
    <message>
        <source>Under a selective policy a post of this category closed without a reply is handled by policy, not a missed target</source>
        <translation>Con una politica selettiva, un messaggio di questa categoria chiuso senza risposta è gestito secondo la politica, non è un obiettivo mancato</translation>
    </message>
    <message>
        <source>&amp;Due soon at:</source>
        <translation>In &amp;scadenza al:</translation>
    </message>
    <message>
        <source>of the target left, or less</source>
        <translation>dell&apos;obiettivo rimanente, o meno</translation>
    </message>
    <message>
        <source>Per-channel targets</source>
        <translation>Obiettivi per canale</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canale</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>A&amp;ggiungi</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Ri&amp;muovi</translation>
    </message>
    <message>
        <source>Any rating</source>
        <translation>Qualsiasi valutazione</translation>
    </message>
    <message>
        <source>1 star</source>
        <translation>1 stella</translation>
    </message>
    <message>
        <source>1 to %1 stars</source>
        <translation>Da 1 a %1 stelle</translation>
    </message>
    <message>
        <source>Per-channel targets, row %1: choose a channel or a star rating. The target of “%2” on every channel is set above.</source>
        <translation>Obiettivi per canale, riga %1: scegli un canale o una valutazione in stelle. L&apos;obiettivo di “%2” su tutti i canali si imposta sopra.</translation>
    </message>
    <message>
        <source>A target for one category on one channel replaces the category&apos;s target there, for example complaints on X answered within 30 minutes. A star rating makes it apply to app-store reviews with that many stars or fewer, for example one- and two-star reviews within 4 hours; it comes before a channel&apos;s target.</source>
        <translation>Un obiettivo per una categoria su un canale sostituisce lì quello della categoria, per esempio reclami su X con risposta entro 30 minuti. Una valutazione in stelle lo applica alle recensioni degli store con quelle stelle o meno, per esempio recensioni da una e due stelle entro 4 ore; viene prima dell&apos;obiettivo di un canale.</translation>
    </message>
    <message>
        <source>Star rating</source>
        <translation>Valutazione</translation>
    </message>
    <message>
        <source>Per-channel target %1</source>
        <translation>Obiettivo per canale %1</translation>
    </message>
    <message>
        <source>The first-response target for %1</source>
        <translation>L&apos;obiettivo di prima risposta per %1</translation>
    </message>
    <message>
        <source>%1: counted in</source>
        <translation>%1: conteggiato in</translation>
    </message>
    <message>
        <source>Whether the target counts business hours only or every hour</source>
        <translation>Se l&apos;obiettivo conta solo le ore lavorative o tutte le ore</translation>
    </message>
    <message>
        <source>%1: closed without reply counts as handled</source>
        <translation>%1: la chiusura senza risposta conta come gestita</translation>
    </message>
    <message>
        <source>Adds a per-channel target</source>
        <translation>Aggiunge un obiettivo per canale</translation>
    </message>
    <message>
        <source>Removes the selected per-channel target</source>
        <translation>Rimuove l&apos;obiettivo per canale selezionato</translation>
    </message>
    <message>
        <source>The policy shown below; OK makes it the active one</source>
        <translation>La politica mostrata qui sotto; OK la rende attiva</translation>
    </message>
    <message>
        <source>Targets for one category on one channel or star rating</source>
        <translation>Obiettivi per una categoria su un canale o per un numero di stelle</translation>
    </message>
</context>
<context>
    <name>sportello::ui::PrivacyPage</name>
    <message>
        <source>The dry run failed: %1</source>
        <translation>La simulazione non è riuscita: %1</translation>
    </message>
    <message>
        <source>A run now would anonymise %1 conversations (%2 posts) and %3 authors, and delete %4 audit entries.</source>
        <translation>Un&apos;applicazione ora renderebbe anonime %1 conversazioni (%2 messaggi) e %3 autori, e cancellerebbe %4 voci del registro di audit.</translation>
    </message>
    <message>
        <source>Access records to delete: %1.</source>
        <translation>Registrazioni di accesso da cancellare: %1.</translation>
    </message>
    <message>
        <source>The stored policy could not be read (%1): the defaults are shown; saving replaces it.</source>
        <translation>Non è stato possibile leggere la politica salvata (%1): sono mostrati i valori predefiniti; salvando la si sostituisce.</translation>
    </message>
    <message>
        <source>No policy is stored yet: the defaults apply.</source>
        <translation>Nessuna politica è ancora salvata: valgono i valori predefiniti.</translation>
    </message>
    <message>
        <source>The policy is the team&apos;s: your change reaches every desktop with the next sync.</source>
        <translation>La politica è del team: la modifica raggiunge ogni postazione con la prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator of the team changes the retention policy; you can try a dry run.</source>
        <translation>Solo un supervisore o un amministratore del team modifica la politica di conservazione; puoi provare una simulazione.</translation>
    </message>
    <message>
        <source>How long this cache keeps personal data. Conversations are anonymised, never deleted: their times, categories, decisions and the reports&apos; figures stay.</source>
        <translation>Per quanto tempo questo archivio locale conserva i dati personali. Le conversazioni vengono rese anonime, mai cancellate: orari, categorie, decisioni e dati dei report restano.</translation>
    </message>
    <message>
        <source>C&amp;losed conversations:</source>
        <translation>Co&amp;nversazioni chiuse:</translation>
    </message>
    <message>
        <source>Co&amp;mplaints:</source>
        <translation>&amp;Reclami:</translation>
    </message>
    <message>
        <source>Aud&amp;it entries:</source>
        <translation>Voci del re&amp;gistro di audit:</translation>
    </message>
    <message>
        <source>Acc&amp;ess records:</source>
        <translation>Regi&amp;strazioni di accesso:</translation>
    </message>
    <message>
        <source> months</source>
        <translation> mesi</translation>
    </message>
    <message>
        <source>Months after its last activity before a closed conversation is anonymised</source>
        <translation>Mesi dall&apos;ultima attività prima che una conversazione chiusa sia resa anonima</translation>
    </message>
    <message>
        <source>Months after its last activity before a conversation with a complaint is anonymised</source>
        <translation>Mesi dall&apos;ultima attività prima che una conversazione con un reclamo sia resa anonima</translation>
    </message>
    <message>
        <source>Months before an audit entry is deleted</source>
        <translation>Mesi prima che una voce del registro di audit sia cancellata</translation>
    </message>
    <message>
        <source>Months before a record of access to personal data is deleted</source>
        <translation>Mesi prima che una registrazione di accesso ai dati personali sia cancellata</translation>
    </message>
    <message>
        <source>Counted from a conversation&apos;s last activity. A conversation waiting for an answer, or with a reply still to be delivered, is kept. The console applies the policy a few minutes after it starts, then once a day.</source>
        <translation>Contati dall&apos;ultima attività della conversazione. Una conversazione in attesa di risposta, o con una risposta ancora da consegnare, viene conservata. La console applica la politica pochi minuti dopo l&apos;avvio, poi una volta al giorno.</translation>
    </message>
    <message>
        <source>Dr&amp;y Run</source>
        <translation>Simula&amp;zione</translation>
    </message>
    <message>
        <source>Count what a run would do now under these limits, without changing anything</source>
        <translation>Conta che cosa farebbe ora un&apos;applicazione con questi limiti, senza cambiare nulla</translation>
    </message>
</context>
<context>
    <name>sportello::ui::PromptDialog</name>
    <message>
        <source>Fill in “%1”</source>
        <translation>Compila “%1”</translation>
    </message>
    <message>
        <source>This saved reply needs a few details before it is inserted.</source>
        <translation>Questa risposta salvata richiede alcuni dati prima di essere inserita.</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>&amp;Inserisci</translation>
    </message>
    <message>
        <source>Written into the reply in place of {%1}</source>
        <translation>Scritto nella risposta al posto di {%1}</translation>
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
        <source>The first words of the post waiting for an answer</source>
        <translation>Le prime parole del messaggio in attesa di risposta</translation>
    </message>
    <message>
        <source>Time left to the response target, in business time when the target counts business time; due soon, overdue and paused (outside hours) are written out and marked with an icon</source>
        <translation>Tempo che resta all&apos;obiettivo di risposta, in tempo lavorativo quando l&apos;obiettivo conta il tempo lavorativo; in scadenza, in ritardo e in pausa (fuori orario) sono scritti per esteso e segnati con un&apos;icona</translation>
    </message>
    <message>
        <source>You have an unsent draft on this thread.</source>
        <translation>Hai una bozza non inviata in questa conversazione.</translation>
    </message>
    <message>
        <source>[%1 typing…]</source>
        <comment>queue marker: a colleague types a reply</comment>
        <translation>[%1 sta scrivendo…]</translation>
    </message>
    <message>
        <source>[%1]</source>
        <comment>queue marker: a colleague holds the thread</comment>
        <translation>[%1]</translation>
    </message>
    <message>
        <source>%1 is typing a reply</source>
        <translation>%1 sta scrivendo una risposta</translation>
    </message>
    <message>
        <source>%1 is on this thread</source>
        <translation>%1 sta seguendo questa conversazione</translation>
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
    <message>
        <source>All ratings</source>
        <translation>Tutte le valutazioni</translation>
    </message>
    <message>
        <source>1–2 stars</source>
        <translation>1–2 stelle</translation>
    </message>
    <message>
        <source>3 stars</source>
        <translation>3 stelle</translation>
    </message>
    <message>
        <source>4–5 stars</source>
        <translation>4–5 stelle</translation>
    </message>
    <message>
        <source>Star rating filter (app-store reviews)</source>
        <translation>Filtro per valutazione in stelle (recensioni degli app store)</translation>
    </message>
    <message>
        <source>Shows app-store reviews with this star rating only.</source>
        <translation>Mostra solo le recensioni degli app store con questa valutazione in stelle.</translation>
    </message>
    <message>
        <source>Lists the threads of this channel only</source>
        <translation>Elenca solo le conversazioni di questo canale</translation>
    </message>
    <message>
        <source>Lists the threads of this category only</source>
        <translation>Elenca solo le conversazioni di questa categoria</translation>
    </message>
    <message>
        <source>Lists the threads with this status only</source>
        <translation>Elenca solo le conversazioni con questo stato</translation>
    </message>
    <message>
        <source>The threads, the most urgent first; the selected one opens beside the queue</source>
        <translation>Le conversazioni, le più urgenti per prime; quella selezionata si apre accanto alla coda</translation>
    </message>
</context>
<context>
    <name>sportello::ui::ReplyPicker</name>
    <message>
        <source>Insert a Saved Reply</source>
        <translation>Inserisci una risposta salvata</translation>
    </message>
    <message>
        <source>Type to filter by short code, title or text</source>
        <translation>Digita per filtrare per codice breve, titolo o testo</translation>
    </message>
    <message>
        <source>The replies that fit this post&apos;s language and category come first. Enter inserts, Esc closes.</source>
        <translation>Le risposte adatte alla lingua e alla categoria di questo messaggio compaiono per prime. Invio inserisce, Esc chiude.</translation>
    </message>
    <message>
        <source>No saved reply matches.</source>
        <translation>Nessuna risposta salvata corrispondente.</translation>
    </message>
    <message>
        <source>Search saved replies</source>
        <translation>Cerca nelle risposte salvate</translation>
    </message>
    <message>
        <source>Filters the list by short code, title or text</source>
        <translation>Filtra l&apos;elenco per codice breve, titolo o testo</translation>
    </message>
    <message>
        <source>Saved replies</source>
        <translation>Risposte salvate</translation>
    </message>
    <message>
        <source>Those that fit the post&apos;s language and category first; Enter inserts</source>
        <translation>Prima quelle adatte alla lingua e alla categoria del messaggio; Invio inserisce</translation>
    </message>
</context>
<context>
    <name>sportello::ui::ReportTableModel</name>
    <message>
        <source>No category</source>
        <translation>Senza categoria</translation>
    </message>
    <message>
        <source>Not yet answered</source>
        <translation>Ancora senza risposta</translation>
    </message>
    <message>
        <source>(no agent: company post)</source>
        <translation>(nessun operatore: messaggio dell&apos;azienda)</translation>
    </message>
    <message>
        <source>Engagement</source>
        <translation>Coinvolgimento</translation>
    </message>
    <message>
        <source>Promotion (company&apos;s own posts)</source>
        <translation>Promozione (messaggi dell&apos;azienda)</translation>
    </message>
    <message>
        <source>Assistance</source>
        <translation>Assistenza</translation>
    </message>
    <message>
        <source>Not categorised</source>
        <translation>Senza categoria</translation>
    </message>
    <message>
        <source>Selective replies</source>
        <translation>Risposte selettive</translation>
    </message>
    <message>
        <source>Systematic replies</source>
        <translation>Risposte sistematiche</translation>
    </message>
    <message>
        <source>All firms</source>
        <translation>Tutte le compagnie</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sì</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>First response time in business minutes (only the calendar&apos;s working hours count).</source>
        <translation>Tempo di prima risposta in minuti lavorativi (contano solo gli orari lavorativi del calendario).</translation>
    </message>
    <message>
        <source>First response time in calendar minutes.</source>
        <translation>Tempo di prima risposta in minuti solari.</translation>
    </message>
    <message>
        <source>Met targets among the posts judged (met or missed).</source>
        <translation>Obiettivi rispettati tra i messaggi valutati (obiettivo rispettato o mancato).</translation>
    </message>
    <message>
        <source>CSV column: %1</source>
        <translation>Colonna CSV: %1</translation>
    </message>
    <message>
        <source>No department</source>
        <translation>Nessun reparto</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Qualsiasi</translation>
    </message>
    <message>
        <source>No rating</source>
        <translation>Nessuna valutazione</translation>
    </message>
</context>
<context>
    <name>sportello::ui::ReportWindow</name>
    <message>
        <source>Grouped Figures…</source>
        <translation>Dati raggruppati…</translation>
    </message>
    <message>
        <source>Cetif Comparison…</source>
        <translation>Confronto Cetif…</translation>
    </message>
    <message>
        <source>Activity by Purpose…</source>
        <translation>Attività per finalità…</translation>
    </message>
    <message>
        <source>Response-Time Histogram…</source>
        <translation>Istogramma dei tempi di risposta…</translation>
    </message>
    <message>
        <source>Post-Level Log…</source>
        <translation>Registro dei singoli messaggi…</translation>
    </message>
    <message>
        <source>Reports — Sportello</source>
        <translation>Report — Sportello</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Dal</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Al</translation>
    </message>
    <message>
        <source>C&amp;hannel</source>
        <translation>Ca&amp;nale</translation>
    </message>
    <message>
        <source>Ca&amp;tegory</source>
        <translation>Ca&amp;tegoria</translation>
    </message>
    <message>
        <source>&amp;Group by</source>
        <translation>&amp;Raggruppa per</translation>
    </message>
    <message>
        <source>Th&amp;en by</source>
        <translation>&amp;Poi per</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Tutti i canali</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Tutte le categorie</translation>
    </message>
    <message>
        <source>No category</source>
        <translation>Senza categoria</translation>
    </message>
    <message>
        <source>Everything together</source>
        <translation>Tutto insieme</translation>
    </message>
    <message>
        <source>Nothing more</source>
        <translation>Nient&apos;altro</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ggiorna</translation>
    </message>
    <message>
        <source>E&amp;xport CSV</source>
        <translation>&amp;Esporta CSV</translation>
    </message>
    <message>
        <source>&amp;Pseudonymise authors</source>
        <translation>P&amp;seudonimizza gli autori</translation>
    </message>
    <message>
        <source>Figures and Charts</source>
        <translation>Dati e grafici</translation>
    </message>
    <message>
        <source>Cetif Comparison</source>
        <translation>Confronto Cetif</translation>
    </message>
    <message>
        <source>Study: the role of insurers&apos; social presence — engagement 50%, product promotion 39%, assistance 6% full + 6% light. Here: non-negative posts count as engagement, complaints and assistance requests as assistance, and threads the company started itself as promotion.</source>
        <translation>Studio: il ruolo della presenza social delle compagnie assicurative — coinvolgimento 50%, promozione dei prodotti 39%, assistenza 6% completa + 6% leggera. Qui: i messaggi non negativi contano come coinvolgimento, i reclami e le richieste di assistenza come assistenza, e le conversazioni avviate dall&apos;azienda stessa come promozione.</translation>
    </message>
    <message>
        <source>The report could not be computed: %1</source>
        <translation>Impossibile calcolare il report: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln inbound post(s) from %1 to %2.</source>
        <translation>
            <numerusform>%Ln messaggio in arrivo dal %1 al %2.</numerusform>
            <numerusform>%Ln messaggi in arrivo dal %1 al %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Esporta CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>File CSV (*.csv)</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 salvato.</translation>
    </message>
    <message>
        <source>A&amp;gent</source>
        <translation>&amp;Operatore</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>Tutti gli operatori</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Annu&amp;lla</translation>
    </message>
    <message>
        <source>Study: mean response time observed by Cetif. Non-negative posts: 30 min to 24/48 h where firms reply to selected posts, 8 to 60 min where they reply to all; negative feedback, complaints and assistance requests: 10 to 120 min, whatever the practice. Both ranges are shown. Times are calendar minutes from arrival to the first response the customer saw (a forward: the hand-off&apos;s delivery to customer care).</source>
        <translation>Studio: tempo medio di risposta osservato da Cetif. Messaggi non negativi: da 30 min a 24/48 h dove le aziende rispondono a messaggi selezionati, da 8 a 60 min dove rispondono a tutti; feedback negativi, reclami e richieste di assistenza: da 10 a 120 min, qualunque sia la prassi. Sono mostrati entrambi gli intervalli. I tempi sono minuti di calendario dall&apos;arrivo alla prima risposta vista dal cliente (per un inoltro: la consegna del passaggio all&apos;assistenza clienti).</translation>
    </message>
    <message>
        <source>Refresh the report to export it with the filters shown.</source>
        <translation>Aggiorna il report per esportarlo con i filtri mostrati.</translation>
    </message>
    <message>
        <source>Computing the report…</source>
        <translation>Calcolo del report in corso…</translation>
    </message>
    <message>
        <source>Cancelled: the tables show the previous figures.</source>
        <translation>Annullato: le tabelle mostrano i dati precedenti.</translation>
    </message>
    <message>
        <source>The filters shown have not been applied yet: refresh the report, then export it.</source>
        <translation>I filtri mostrati non sono ancora stati applicati: aggiorna il report, poi esportalo.</translation>
    </message>
    <message>
        <source>An export of the post-level log is still running.</source>
        <translation>È ancora in corso un&apos;esportazione del registro dei singoli messaggi.</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Scrittura di %1 in corso…</translation>
    </message>
    <message numerus="yes">
        <source>Saved %Ln post(s) to %1.</source>
        <translation>
            <numerusform>Salvato %Ln messaggio in %1.</numerusform>
            <numerusform>Salvati %Ln messaggi in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Recomputing the stored figures under the current policy: %1 of %2 conversations…</source>
        <translation>Ricalcolo delle cifre memorizzate secondo la politica attuale: %1 conversazioni su %2…</translation>
    </message>
    <message>
        <source>Hand-offs</source>
        <translation>Inoltri</translation>
    </message>
    <message>
        <source>Writes a table of the report to a CSV file</source>
        <translation>Scrive una tabella del report in un file CSV</translation>
    </message>
    <message>
        <source>The first day of the report</source>
        <translation>Il primo giorno del report</translation>
    </message>
    <message>
        <source>The last day of the report</source>
        <translation>L&apos;ultimo giorno del report</translation>
    </message>
    <message>
        <source>Counts the posts of this channel only</source>
        <translation>Conta solo i messaggi di questo canale</translation>
    </message>
    <message>
        <source>Counts the posts of this category only</source>
        <translation>Conta solo i messaggi di questa categoria</translation>
    </message>
    <message>
        <source>Counts the decisions of this agent only</source>
        <translation>Conta solo le decisioni di questo operatore</translation>
    </message>
    <message>
        <source>One row of figures for each value of this field</source>
        <translation>Una riga di valori per ogni valore di questo campo</translation>
    </message>
    <message>
        <source>Splits each row again by this field</source>
        <translation>Suddivide ancora ogni riga per questo campo</translation>
    </message>
    <message>
        <source>Computes the report again with the filters shown</source>
        <translation>Ricalcola il report con i filtri mostrati</translation>
    </message>
    <message>
        <source>Stops computing the report</source>
        <translation>Interrompe il calcolo del report</translation>
    </message>
    <message>
        <source>Computing the report</source>
        <translation>Calcolo del report</translation>
    </message>
    <message>
        <source>The report is being computed</source>
        <translation>Il report è in corso di calcolo</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Valori</translation>
    </message>
    <message>
        <source>The report&apos;s figures, one row per group</source>
        <translation>I valori del report, una riga per gruppo</translation>
    </message>
    <message>
        <source>Cetif comparison</source>
        <translation>Confronto Cetif</translation>
    </message>
    <message>
        <source>Response times beside the ranges observed by Cetif</source>
        <translation>I tempi di risposta accanto agli intervalli osservati da Cetif</translation>
    </message>
    <message>
        <source>Purposes</source>
        <translation>Finalità</translation>
    </message>
    <message>
        <source>The share of engagement, promotion and assistance</source>
        <translation>La quota di coinvolgimento, promozione e assistenza</translation>
    </message>
    <message>
        <source>The forwards to customer care and what became of them</source>
        <translation>Gli inoltri all&apos;assistenza clienti e il loro esito</translation>
    </message>
    <message>
        <source>Replace customers&apos; handles and names (and @mentions) with a keyed hash, for sharing outside the care team; uncheck it only when the file must name the customers</source>
        <translation>Sostituisce handle e nomi dei clienti (e le @menzioni) con un hash con chiave, per condividere fuori dal servizio clienti; deselezionarla solo quando il file deve nominare i clienti</translation>
    </message>
    <message>
        <source>Exports are pseudonymised: exports with customers&apos; names are for a supervisor, an admin or the data protection officer</source>
        <translation>Le esportazioni sono pseudonimizzate: quelle con i nomi dei clienti sono riservate a supervisori, amministratori e al responsabile della protezione dei dati</translation>
    </message>
    <message>
        <source>Exports with customers&apos; names and texts are for a supervisor, an admin or the data protection officer.</source>
        <translation>Le esportazioni con nomi e testi dei clienti sono riservate a supervisori, amministratori e al responsabile della protezione dei dati.</translation>
    </message>
</context>
<context>
    <name>sportello::ui::RoutingPage</name>
    <message>
        <source>How the team hands out threads (Go &gt; Claim Next Thread, Ctrl+J) and which public replies wait for a supervisor&apos;s approval. These are the team&apos;s settings: a change goes to every desktop with the next sync.</source>
        <translation>Come il team distribuisce le conversazioni (Vai &gt; Prendi in carico la prossima conversazione, Ctrl+J) e quali risposte pubbliche attendono l&apos;approvazione di un supervisore. Sono impostazioni del team: una modifica arriva a ogni computer con la prossima sincronizzazione.</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Organizzazione:</translation>
    </message>
    <message>
        <source>Skills across departments</source>
        <translation>Competenze tra i reparti</translation>
    </message>
    <message>
        <source>Dedicated in-house team</source>
        <translation>Team interno dedicato</translation>
    </message>
    <message>
        <source>In-house plus outside staff</source>
        <translation>Team interno più personale esterno</translation>
    </message>
    <message>
        <source>Each thread goes to the agents whose skills match it, else to their department&apos;s: complaints to the claims office, assistance to customer care, non-negative posts to marketing.</source>
        <translation>Ogni conversazione va agli operatori con le competenze adatte, altrimenti al reparto competente: i reclami all&apos;ufficio sinistri, l&apos;assistenza al servizio clienti, i post non negativi al marketing.</translation>
    </message>
    <message>
        <source>One social care team takes every thread; outside staff are not given threads.</source>
        <translation>Un unico team social prende tutte le conversazioni; al personale esterno non vengono assegnate.</translation>
    </message>
    <message>
        <source>Outside staff take the threads of their share first; in-house agents take everything else, and theirs too once it has waited the head start.</source>
        <translation>Il personale esterno prende per primo le conversazioni della sua parte; gli operatori interni prendono tutto il resto, e anche quelle dopo che hanno atteso il vantaggio concesso.</translation>
    </message>
    <message>
        <source>Most urgent first (least time left)</source>
        <translation>Prima le più urgenti (meno tempo rimasto)</translation>
    </message>
    <message>
        <source>Longest waiting first</source>
        <translation>Prima quelle in attesa da più tempo</translation>
    </message>
    <message>
        <source>Outside staff&apos;s &amp;head start:</source>
        <translation>Vantaggio del personale &amp;esterno:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Departments&apos; categories: %1</source>
        <translation>Categorie dei reparti: %1</translation>
    </message>
    <message>
        <source>Public replies wait for a supervisor&apos;s approval when written by:</source>
        <translation>Le risposte pubbliche attendono l&apos;approvazione di un supervisore quando le scrive:</translation>
    </message>
    <message>
        <source>&amp;Agents</source>
        <translation>un o&amp;peratore</translation>
    </message>
    <message>
        <source>Only in these categories (none ticked: in every category):</source>
        <translation>Solo in queste categorie (nessuna selezionata: in tutte):</translation>
    </message>
    <message>
        <source>&amp;Complaints</source>
        <translation>&amp;Reclami</translation>
    </message>
    <message>
        <source>A&amp;ssistance</source>
        <translation>A&amp;ssistenza</translation>
    </message>
    <message>
        <source>&amp;Non-negative</source>
        <translation>&amp;Non negativi</translation>
    </message>
    <message>
        <source>This cache works alone: routing and approval are a team&apos;s (Settings &gt; Team).</source>
        <translation>Questa cache lavora da sola: smistamento e approvazione sono di un team (Impostazioni &gt; Team).</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator changes these.</source>
        <translation>Solo un supervisore o un amministratore può modificarle.</translation>
    </message>
    <message>
        <source>O&amp;rder:</source>
        <translation>Or&amp;dine:</translation>
    </message>
    <message>
        <source>Outside s&amp;taff</source>
        <translation>il personale es&amp;terno</translation>
    </message>
    <message>
        <source>Which waiting thread Claim Next Thread gives first</source>
        <translation>Quale conversazione in attesa assegna per prima «Prendi in carico la prossima conversazione»</translation>
    </message>
    <message>
        <source>How long outside staff have a thread of their share before in-house agents may take it</source>
        <translation>Per quanto tempo il personale esterno ha una conversazione della sua quota prima che possano prenderla gli operatori interni</translation>
    </message>
    <message>
        <source>Public replies by them wait for a supervisor&apos;s approval</source>
        <translation>Le loro risposte pubbliche attendono l&apos;approvazione di un supervisore</translation>
    </message>
    <message>
        <source>Approval only in this category; none ticked: in every category</source>
        <translation>Approvazione solo in questa categoria; nessuna spuntata: in tutte le categorie</translation>
    </message>
</context>
<context>
    <name>sportello::ui::SavedRepliesModel</name>
    <message>
        <source>English</source>
        <translation>Inglese</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italiano</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Qualsiasi</translation>
    </message>
    <message>
        <source>Short code</source>
        <translation>Codice breve</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canale</translation>
    </message>
</context>
<context>
    <name>sportello::ui::SavedRepliesPage</name>
    <message>
        <source>Delete Saved Reply</source>
        <translation>Elimina risposta salvata</translation>
    </message>
    <message>
        <source>Delete the saved reply ::%1?</source>
        <translation>Eliminare la risposta salvata ::%1?</translation>
    </message>
    <message>
        <source>Import Saved Replies</source>
        <translation>Importa risposte salvate</translation>
    </message>
    <message>
        <source>Saved replies (*.json)</source>
        <translation>Risposte salvate (*.json)</translation>
    </message>
    <message>
        <source>Export Saved Replies</source>
        <translation>Esporta risposte salvate</translation>
    </message>
    <message>
        <source>Saved ::%1.</source>
        <translation>::%1 salvata.</translation>
    </message>
    <message>
        <source>Deleted ::%1.</source>
        <translation>::%1 eliminata.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossibile leggere %1: %2</translation>
    </message>
    <message>
        <source>%1 was not imported: %2</source>
        <translation>%1 non è stato importato: %2</translation>
    </message>
    <message>
        <source>Imported %1: %2 new, %3 replaced.</source>
        <translation>Importato %1: %2 nuove, %3 sostituite.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossibile scrivere %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln saved reply(s) to %1.</source>
        <translation>
            <numerusform>%Ln risposta salvata esportata in %1.</numerusform>
            <numerusform>%Ln risposte salvate esportate in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved replies are shared by the team and stored in the cache at once. In the reply editor, type ::code and Space or Tab, or press Ctrl+T to pick one.</source>
        <translation>Le risposte salvate sono condivise dal team e vengono salvate subito nell&apos;archivio locale. Nel campo di risposta, digita ::codice e Spazio o Tab, oppure premi Ctrl+T per sceglierne una.</translation>
    </message>
    <message>
        <source>Short &amp;code:</source>
        <translation>Codice &amp;breve:</translation>
    </message>
    <message>
        <source>e.g. ack (typed as ::ack)</source>
        <translation>es. ack (si digita ::ack)</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titolo:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>Lin&amp;gua:</translation>
    </message>
    <message>
        <source>Fits ca&amp;tegory:</source>
        <translation>&amp;Adatta alla categoria:</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Qualsiasi</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>Ca&amp;nale:</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;sto:</translation>
    </message>
    <message>
        <source>Variables: %1. Asked when inserting: {?name:Label}, e.g. {?claim_number:Claim number}.</source>
        <translation>Variabili: %1. Richieste all&apos;inserimento: {?nome:Etichetta}, per esempio {?claim_number:Numero di sinistro}.</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>Nu&amp;ova</translation>
    </message>
    <message>
        <source>&amp;Save Reply</source>
        <translation>Sal&amp;va risposta</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Elimina</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>I&amp;mporta…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>Espo&amp;rta…</translation>
    </message>
    <message>
        <source>a file to import</source>
        <translation>un file da importare</translation>
    </message>
    <message>
        <source>Saved replies</source>
        <translation>Risposte salvate</translation>
    </message>
    <message>
        <source>The team&apos;s saved replies; the selected one is edited below</source>
        <translation>Le risposte salvate del team; quella selezionata si modifica qui sotto</translation>
    </message>
    <message>
        <source>Typed as ::code in the reply editor</source>
        <translation>Si digita come ::codice nell&apos;editor della risposta</translation>
    </message>
    <message>
        <source>Shown in the list of saved replies</source>
        <translation>Mostrato nell&apos;elenco delle risposte salvate</translation>
    </message>
    <message>
        <source>The language of the reply&apos;s text</source>
        <translation>La lingua del testo della risposta</translation>
    </message>
    <message>
        <source>The reply is offered first for posts of this category</source>
        <translation>La risposta è proposta per prima per i messaggi di questa categoria</translation>
    </message>
    <message>
        <source>The reply is offered first on this channel</source>
        <translation>La risposta è proposta per prima su questo canale</translation>
    </message>
    <message>
        <source>Starts a new saved reply</source>
        <translation>Inizia una nuova risposta salvata</translation>
    </message>
    <message>
        <source>Stores the reply for the whole team</source>
        <translation>Salva la risposta per tutto il team</translation>
    </message>
    <message>
        <source>Deletes the selected saved reply</source>
        <translation>Elimina la risposta salvata selezionata</translation>
    </message>
    <message>
        <source>Adds saved replies from a JSON file</source>
        <translation>Aggiunge risposte salvate da un file JSON</translation>
    </message>
    <message>
        <source>Writes every saved reply to a JSON file</source>
        <translation>Scrive tutte le risposte salvate in un file JSON</translation>
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
    <message>
        <source>The business calendar is not valid: %1</source>
        <translation>Il calendario lavorativo non è valido: %1</translation>
    </message>
    <message>
        <source>The policy could not be saved: %1</source>
        <translation>Impossibile salvare la politica: %1</translation>
    </message>
    <message>
        <source>&amp;Agent and Language</source>
        <translation>Operatore e &amp;lingua</translation>
    </message>
    <message>
        <source>Response &amp;Policy</source>
        <translation>&amp;Politica di risposta</translation>
    </message>
    <message>
        <source>Business &amp;Calendar</source>
        <translation>&amp;Calendario lavorativo</translation>
    </message>
    <message>
        <source>Acc&amp;ounts</source>
        <translation>Acco&amp;unt</translation>
    </message>
    <message>
        <source>Saved &amp;Replies</source>
        <translation>R&amp;isposte salvate</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>&amp;Team</translation>
    </message>
    <message>
        <source>The team&apos;s routing could not be saved: %1</source>
        <translation>Lo smistamento del team non è stato salvato: %1</translation>
    </message>
    <message>
        <source>Ro&amp;uting</source>
        <translation>Smista&amp;mento</translation>
    </message>
    <message>
        <source>The personal data guard&apos;s configuration cannot be saved: %1</source>
        <translation>Non si può salvare la configurazione del controllo dati personali: %1</translation>
    </message>
    <message>
        <source>The personal data guard&apos;s configuration could not be saved: %1</source>
        <translation>Non è stato possibile salvare la configurazione del controllo dati personali: %1</translation>
    </message>
    <message>
        <source>Personal &amp;Data Guard</source>
        <translation>Controllo &amp;dati personali</translation>
    </message>
    <message>
        <source>The CRM address cannot be saved: %1</source>
        <translation>L&apos;indirizzo del CRM non si può salvare: %1</translation>
    </message>
    <message>
        <source>The CRM address could not be saved: %1</source>
        <translation>Non è stato possibile salvare l&apos;indirizzo del CRM: %1</translation>
    </message>
    <message>
        <source>Customer Records (CRM)</source>
        <translation>Anagrafica clienti (CRM)</translation>
    </message>
    <message>
        <source>CRM &amp;web address:</source>
        <translation>Indirizzo &amp;web del CRM:</translation>
    </message>
    <message>
        <source>For example %1</source>
        <translation>Per esempio %1</translation>
    </message>
    <message>
        <source>Opened from the customer card (Ctrl+Shift+M) with the customer&apos;s values in place of %1. Empty: no CRM lookup. In a team, a supervisor&apos;s change reaches every desktop.</source>
        <translation>Si apre dalla scheda cliente (Ctrl+Maiusc+M) con i valori del cliente al posto di %1. Vuoto: nessuna ricerca nel CRM. In un team, la modifica di un supervisore arriva a ogni postazione.</translation>
    </message>
    <message>
        <source>The name your colleagues know you by, recorded with every decision</source>
        <translation>Il nome con cui ti conoscono i colleghi, registrato con ogni decisione</translation>
    </message>
    <message>
        <source>Agent ID</source>
        <translation>ID operatore</translation>
    </message>
    <message>
        <source>The retention policy cannot be saved: %1</source>
        <translation>La politica di conservazione non può essere salvata: %1</translation>
    </message>
    <message>
        <source>The retention policy could not be saved: %1</source>
        <translation>Non è stato possibile salvare la politica di conservazione: %1</translation>
    </message>
    <message>
        <source>Pri&amp;vacy</source>
        <translation>Pri&amp;vacy</translation>
    </message>
</context>
<context>
    <name>sportello::ui::SignInDialog</name>
    <message>
        <source>The address is copied: paste it into a browser&apos;s address bar.</source>
        <translation>Indirizzo copiato: incollalo nella barra degli indirizzi di un browser.</translation>
    </message>
    <message>
        <source>Instagram business account</source>
        <translation>Account Instagram business</translation>
    </message>
    <message>
        <source>Tick the Pages and Instagram accounts to add.</source>
        <translation>Spunta le Pagine e gli account Instagram da aggiungere.</translation>
    </message>
    <message>
        <source>%1. The %2 account %3 was not added.</source>
        <translation>%1. L&apos;account %2 %3 non è stato aggiunto.</translation>
    </message>
    <message>
        <source>%1 Added before the error: %2.</source>
        <translation>%1 Aggiunti prima dell&apos;errore: %2.</translation>
    </message>
    <message>
        <source>Storing the sign-in in the system keychain…</source>
        <translation>Memorizzazione dell&apos;accesso nel portachiavi di sistema…</translation>
    </message>
    <message>
        <source>Sign In to %1</source>
        <translation>Accedi a %1</translation>
    </message>
    <message>
        <source>Waiting for you to sign in to %1 in your browser…</source>
        <translation>In attesa che tu acceda a %1 nel browser…</translation>
    </message>
    <message>
        <source>Sign in on the page that opened in your browser and allow Sportello&apos;s access. This window continues by itself once you have.</source>
        <translation>Accedi nella pagina che si è aperta nel browser e consenti l&apos;accesso a Sportello. Poi questa finestra prosegue da sola.</translation>
    </message>
    <message>
        <source>If the page did not open, copy this &amp;address into a browser:</source>
        <translation>Se la pagina non si è aperta, copia questo &amp;indirizzo in un browser:</translation>
    </message>
    <message>
        <source>The browser could not be opened. Copy this &amp;address into a browser on this computer:</source>
        <translation>Non è stato possibile aprire il browser. Copia questo &amp;indirizzo in un browser su questo computer:</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copia</translation>
    </message>
    <message>
        <source>Copy the sign-in page&apos;s address to the clipboard</source>
        <translation>Copia negli appunti l&apos;indirizzo della pagina di accesso</translation>
    </message>
    <message>
        <source>If the browser ended on a page that could not be reached (its address starts with %1), &amp;paste that address here:</source>
        <translation>Se il browser è arrivato a una pagina irraggiungibile (il suo indirizzo inizia con %1), incolla &amp;qui quell&apos;indirizzo:</translation>
    </message>
    <message>
        <source>http://127.0.0.1:…/?code=…&amp;state=…</source>
        <translation>http://127.0.0.1:…/?code=…&amp;state=…</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>C&amp;ontinua</translation>
    </message>
    <message>
        <source>Complete the sign-in with the address pasted here</source>
        <translation>Completa l&apos;accesso con l&apos;indirizzo incollato qui</translation>
    </message>
    <message>
        <source>Signed in to X as %1.</source>
        <translation>Accesso a X effettuato come %1.</translation>
    </message>
    <message>
        <source>Signed in to X as %1 (%2).</source>
        <translation>Accesso a X effettuato come %1 (%2).</translation>
    </message>
    <message>
        <source>Signed in to Facebook as %1.</source>
        <translation>Accesso a Facebook effettuato come %1.</translation>
    </message>
    <message>
        <source>No permissions were granted.</source>
        <translation>Non è stata concessa alcuna autorizzazione.</translation>
    </message>
    <message>
        <source>Permissions granted: %1.</source>
        <translation>Autorizzazioni concesse: %1.</translation>
    </message>
    <message>
        <source>Not granted, so some things will not work:</source>
        <translation>Autorizzazioni non concesse, alcune funzioni non saranno disponibili:</translation>
    </message>
    <message>
        <source>To grant them, sign in again and allow them on %1&apos;s page.</source>
        <translation>Per concederle, accedi di nuovo e consentile nella pagina di %1.</translation>
    </message>
    <message>
        <source>You manage no Pages that Sportello could use with this sign-in.</source>
        <translation>Non gestisci alcuna Pagina che Sportello possa usare con questo accesso.</translation>
    </message>
    <message>
        <source>The &amp;Pages you manage and their Instagram business accounts; the ticked ones are added:</source>
        <translation>Le &amp;Pagine che gestisci e i loro account Instagram business; quelle spuntate vengono aggiunte:</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>&amp;Add Selected</source>
        <translation>&amp;Aggiungi selezionati</translation>
    </message>
    <message>
        <source>Add the ticked Pages and Instagram accounts; their tokens go to the system keychain</source>
        <translation>Aggiunge le Pagine e gli account Instagram spuntati; i loro token vanno nel portachiavi di sistema</translation>
    </message>
    <message>
        <source>The sign-in to %1 did not complete</source>
        <translation>L&apos;accesso a %1 non è stato completato</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Added %1. Its posts arrive with the next sync (F5).</source>
        <translation>Aggiunto %1. I suoi post arrivano con la prossima sincronizzazione (F5).</translation>
    </message>
    <message>
        <source>Added %1. Their posts arrive with the next sync (F5).</source>
        <translation>Aggiunti %1. I loro post arrivano con la prossima sincronizzazione (F5).</translation>
    </message>
    <message>
        <source>Open the address below in a browser, sign in and allow Sportello&apos;s access. This window continues by itself once you have.</source>
        <translation>Apri in un browser l&apos;indirizzo qui sotto, accedi e consenti l&apos;accesso a Sportello. Poi questa finestra prosegue da sola.</translation>
    </message>
    <message>
        <source>The address of the sign-in page, to open in a browser</source>
        <translation>L&apos;indirizzo della pagina di accesso, da aprire in un browser</translation>
    </message>
    <message>
        <source>The address the browser ended on, when it could not be reached</source>
        <translation>L&apos;indirizzo su cui si è fermato il browser, quando non era raggiungibile</translation>
    </message>
    <message>
        <source>Tick the Pages and Instagram accounts to add</source>
        <translation>Spunta le Pagine e gli account Instagram da aggiungere</translation>
    </message>
</context>
<context>
    <name>sportello::ui::TeamBoardPane</name>
    <message>
        <source>Supervisor</source>
        <translation>Supervisore</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Amministratore</translation>
    </message>
    <message>
        <source>External</source>
        <translation>Esterno</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Reclami</translation>
    </message>
    <message>
        <source>Assistance</source>
        <translation>Assistenza</translation>
    </message>
    <message>
        <source>Non-negative</source>
        <translation>Non negativi</translation>
    </message>
    <message>
        <source>Not yet categorised</source>
        <translation>Non ancora classificati</translation>
    </message>
    <message>
        <source>The board shows a team&apos;s work: this cache is not joined to a team (Settings &gt; Team).</source>
        <translation>La bacheca mostra il lavoro di un team: questa cache non fa parte di un team (Impostazioni &gt; Team).</translation>
    </message>
    <message>
        <source>Released %1.</source>
        <translation>%1 rilasciata.</translation>
    </message>
    <message>
        <source>%1 now holds %2.</source>
        <translation>Ora %2 è in carico a %1.</translation>
    </message>
    <message>
        <source>Release a Thread</source>
        <translation>Rilascia una conversazione</translation>
    </message>
    <message>
        <source>Why is %1 released? The reason is kept in the audit log.</source>
        <translation>Perché rilasci %1? Il motivo resta nel registro delle attività.</translation>
    </message>
    <message>
        <source>Reassign a Thread</source>
        <translation>Riassegna una conversazione</translation>
    </message>
    <message>
        <source>Give %1 to:</source>
        <translation>Assegna %1 a:</translation>
    </message>
    <message>
        <source>Reading the team&apos;s board…</source>
        <translation>Lettura della bacheca del team…</translation>
    </message>
    <message>
        <source>%1 of %2 agents online · %3 awaiting approval · %4 sent back · as of %5</source>
        <translation>%1 operatori online su %2 · %3 in attesa di approvazione · %4 rimandate indietro · alle %5</translation>
    </message>
    <message>
        <source>&amp;Agents</source>
        <translation>&amp;Operatori</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Coda</translation>
    </message>
    <message>
        <source>Re&amp;lease…</source>
        <translation>Ri&amp;lascia…</translation>
    </message>
    <message>
        <source>Release the thread the selected agent has held longest (audited)</source>
        <translation>Rilascia la conversazione che l&apos;operatore selezionato ha in carico da più tempo (annotato nel registro delle attività)</translation>
    </message>
    <message>
        <source>Rea&amp;ssign…</source>
        <translation>Ria&amp;ssegna…</translation>
    </message>
    <message>
        <source>Give the thread the selected agent has held longest to a colleague (audited)</source>
        <translation>Assegna a un collega la conversazione che l&apos;operatore selezionato ha in carico da più tempo (annotato nel registro delle attività)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ggiorna</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Operatori</translation>
    </message>
    <message>
        <source>Who is online, what each holds and for how long</source>
        <translation>Chi è online, cosa ha in carico ciascuno e da quanto</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Coda</translation>
    </message>
    <message>
        <source>Waiting threads by category and department, with those past due</source>
        <translation>Conversazioni in attesa per categoria e reparto, con quelle in ritardo</translation>
    </message>
    <message>
        <source>Guard &amp;overrides: findings agents marked as not personal data</source>
        <translation>&amp;Eccezioni al controllo dati personali: dati che gli operatori hanno segnato come non personali</translation>
    </message>
    <message>
        <source>Guard overrides</source>
        <translation>Eccezioni al controllo dati personali</translation>
    </message>
    <message>
        <source>When, who, on which thread, the kinds marked as not personal data and the reason</source>
        <translation>Quando, chi, in quale conversazione, i tipi segnati come non personali e il motivo</translation>
    </message>
    <message>
        <source>Reads the team&apos;s board again now</source>
        <translation>Rilegge ora la bacheca del team</translation>
    </message>
</context>
<context>
    <name>sportello::ui::TeamPage</name>
    <message>
        <source>The cache&apos;s team settings cannot be read: %1</source>
        <translation>Le impostazioni di team della cache non si possono leggere: %1</translation>
    </message>
    <message>
        <source>This cache works alone: it syncs the accounts of Settings &gt; Accounts itself.</source>
        <translation>Questa cache lavora da sola: sincronizza da sé gli account di Impostazioni &gt; Account.</translation>
    </message>
    <message>
        <source>This cache is a replica of the team database %1, as %2. It holds the team&apos;s changes up to number %3.</source>
        <translation>Questa cache è una replica del database del team %1, come %2. Contiene le modifiche del team fino al numero %3.</translation>
    </message>
    <message>
        <source>Joined. The console opens the cache as the team&apos;s replica when this dialog closes; the team&apos;s queue arrives in the background.</source>
        <translation>Unita al team. Alla chiusura di questa finestra la console riapre la cache come replica del team; la coda del team arriva in background.</translation>
    </message>
    <message>
        <source>Joined, but the password could not be kept in the system keychain (%1): the console will not be able to connect by itself. Set the environment variable named with sportello-cli team join --password-env instead.</source>
        <translation>Unita al team, ma la password non è stata conservata nel portachiavi di sistema (%1): la console non potrà collegarsi da sola. Imposta invece la variabile d&apos;ambiente indicata con sportello-cli team join --password-env.</translation>
    </message>
    <message>
        <source>Leave the Team</source>
        <translation>Lascia il team</translation>
    </message>
    <message>
        <source>This cache stops following the team: it stays readable, but colleagues&apos; decisions no longer arrive and decisions taken here that have not gone up yet are never sent. Leave the team?</source>
        <translation>Questa cache smette di seguire il team: resta leggibile, ma le decisioni dei colleghi non arrivano più e quelle prese qui non ancora inviate al team non partiranno mai. Lasciare il team?</translation>
    </message>
    <message numerus="yes">
        <source>Left the team. %Ln decision(s) taken here had not gone up and will not be sent.</source>
        <translation>
            <numerusform>Hai lasciato il team. %Ln decisione presa qui non era stata inviata e non partirà.</numerusform>
            <numerusform>Hai lasciato il team. %Ln decisioni prese qui non erano state inviate e non partiranno.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left the team. The cache stays as it was and works alone from now on.</source>
        <translation>Hai lasciato il team. La cache resta com&apos;era e da ora lavora da sola.</translation>
    </message>
    <message>
        <source>In a team, every desktop&apos;s cache is a replica of the team&apos;s PostgreSQL database: the hub talks to the platforms, colleagues&apos; decisions arrive live, and reviewing and deciding go on offline. Ask your administrator for the address and your login.</source>
        <translation>In un team la cache di ogni postazione è una replica del database PostgreSQL del team: l&apos;hub parla con le piattaforme, le decisioni dei colleghi arrivano in tempo reale, e si può esaminare e decidere anche offline. Chiedi all&apos;amministratore l&apos;indirizzo e il tuo login.</translation>
    </message>
    <message>
        <source>Team &amp;database:</source>
        <translation>&amp;Database del team:</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <source>&amp;Join Team</source>
        <translation>&amp;Unisciti al team</translation>
    </message>
    <message>
        <source>Lea&amp;ve Team</source>
        <translation>La&amp;scia il team</translation>
    </message>
    <message>
        <source>The address of the team&apos;s PostgreSQL database, given by your administrator</source>
        <translation>L&apos;indirizzo del database PostgreSQL del team, fornito dall&apos;amministratore</translation>
    </message>
    <message>
        <source>Your login on the team database</source>
        <translation>Il tuo login sul database del team</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in the cache</source>
        <translation>Conservata nel portachiavi di sistema, mai nella cache</translation>
    </message>
    <message>
        <source>Makes this cache a replica of the team database</source>
        <translation>Fa di questa cache una replica del database del team</translation>
    </message>
    <message>
        <source>This cache stops following the team and works alone</source>
        <translation>Questa cache smette di seguire il team e lavora da sola</translation>
    </message>
</context>
<context>
    <name>sportello::ui::TimerNotifier</name>
    <message>
        <source>No category</source>
        <translation>Senza categoria</translation>
    </message>
    <message>
        <source>Overdue: %1 on %2</source>
        <translation>In ritardo: %1 su %2</translation>
    </message>
    <message>
        <source>%1 · the answer was due at %2.</source>
        <translation>%1 · la risposta era dovuta alle %2.</translation>
    </message>
    <message>
        <source>Due soon: %1 on %2</source>
        <translation>In scadenza: %1 su %2</translation>
    </message>
    <message>
        <source>%1 · the answer is due at %2.</source>
        <translation>%1 · la risposta è dovuta alle %2.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>1 thread is now overdue</source>
        <translation>1 conversazione è ora in ritardo</translation>
    </message>
    <message>
        <source>%1 threads are now overdue</source>
        <translation>%1 conversazioni sono ora in ritardo</translation>
    </message>
    <message>
        <source>1 more is due soon.</source>
        <translation>Un&apos;altra è in scadenza.</translation>
    </message>
    <message>
        <source>%1 more are due soon.</source>
        <translation>Altre %1 sono in scadenza.</translation>
    </message>
    <message>
        <source>%1 threads are now due soon</source>
        <translation>%1 conversazioni sono ora in scadenza</translation>
    </message>
    <message>
        <source>%1 and 1 more</source>
        <translation>%1 e un&apos;altra</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 e altre %2</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
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
        <source>Choose a decision first: Ctrl+1 replies publicly, Ctrl+2 privately, Ctrl+3 forwards to customer care, Ctrl+4 closes without a reply.</source>
        <translation>Scegli prima una decisione: Ctrl+1 risponde in pubblico, Ctrl+2 in privato, Ctrl+3 inoltra all&apos;assistenza clienti, Ctrl+4 chiude senza risposta.</translation>
    </message>
    <message>
        <source>Enter your agent name in Edit &gt; Settings before taking decisions: every decision is recorded with it.</source>
        <translation>Inserisci il tuo nome operatore in Modifica &gt; Impostazioni prima di prendere decisioni: ogni decisione viene registrata con il tuo nome.</translation>
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
    <message>
        <source>cues: %1</source>
        <translation>indizi: %1</translation>
    </message>
    <message>
        <source>likely spam</source>
        <translation>probabile spam</translation>
    </message>
    <message>
        <source>Switch to &amp;private</source>
        <translation>Passa in &amp;privato</translation>
    </message>
    <message>
        <source>Send this answer as a private message instead (%1)</source>
        <translation>Invia invece questa risposta come messaggio privato (%1)</translation>
    </message>
    <message>
        <source>Type ::code and Space or Tab to insert a saved reply; %1 opens the list of saved replies.</source>
        <translation>Digita ::codice e Spazio o Tab per inserire una risposta salvata; %1 apre l&apos;elenco delle risposte salvate.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln character(s), no limit on this channel</source>
        <translation>
            <numerusform>%1: %Ln carattere, nessun limite su questo canale</numerusform>
            <numerusform>%1: %Ln caratteri, nessun limite su questo canale</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln byte(s) left</source>
        <translation>
            <numerusform>%1: %Ln byte rimanente</numerusform>
            <numerusform>%1: %Ln byte rimanenti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln character(s) left</source>
        <translation>
            <numerusform>%1: %Ln carattere rimanente</numerusform>
            <numerusform>%1: %Ln caratteri rimanenti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln byte(s) over the limit</source>
        <translation>
            <numerusform>%1: %Ln byte oltre il limite</numerusform>
            <numerusform>%1: %Ln byte oltre il limite</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln character(s) over the limit</source>
        <translation>
            <numerusform>%1: %Ln carattere oltre il limite</numerusform>
            <numerusform>%1: %Ln caratteri oltre il limite</numerusform>
        </translation>
    </message>
    <message>
        <source>Counted as X counts: every link 23, every emoji 2, Chinese, Japanese and Korean characters 2.</source>
        <translation>Conteggio secondo le regole di X: ogni link vale 23, ogni emoji 2, i caratteri cinesi, giapponesi e coreani 2.</translation>
    </message>
    <message>
        <source>Personal data in a public reply: %1. Remove it, or switch to a private reply (%2).</source>
        <translation>Dati personali in una risposta pubblica: %1. Rimuovili oppure passa a una risposta privata (%2).</translation>
    </message>
    <message>
        <source>The customer wrote personal data in public (%1). Suggested: reply privately and ask them to continue there (saved reply ::privacy).</source>
        <translation>Il cliente ha scritto dati personali in pubblico (%1). Consigliato: rispondi in privato e chiedigli di proseguire lì (risposta salvata ::privacy).</translation>
    </message>
    <message>
        <source>Switched to a private reply: only the customer will read it. Your text is kept.</source>
        <translation>Passaggio a una risposta privata: solo il cliente la leggerà. Il testo scritto è stato conservato.</translation>
    </message>
    <message>
        <source>Select a thread waiting for a decision first.</source>
        <translation>Seleziona prima una conversazione in attesa di una decisione.</translation>
    </message>
    <message>
        <source>No saved reply has the short code ::%1. %2 lists them all.</source>
        <translation>Nessuna risposta salvata ha il codice breve ::%1. %2 le elenca tutte.</translation>
    </message>
    <message>
        <source>Message to the &amp;customer (optional), sent after the forward</source>
        <translation>&amp;Messaggio al cliente (facoltativo), inviato dopo l&apos;inoltro</translation>
    </message>
    <message>
        <source>{case_reference} becomes the reference of this forward; %1 inserts a saved reply such as ::fwd.</source>
        <translation>{case_reference} diventa il riferimento pratica di questo inoltro; %1 inserisce una risposta salvata come ::fwd.</translation>
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
        <source>Send the message as a private message or as a public reply</source>
        <translation>Invia come messaggio privato o come risposta pubblica</translation>
    </message>
    <message>
        <source>For example ::fwd: {case_reference} becomes the forward&apos;s reference.</source>
        <translation>Per esempio ::fwd: {case_reference} diventa il riferimento pratica dell&apos;inoltro.</translation>
    </message>
    <message>
        <source>The message to the customer goes as a private message. Your text is kept.</source>
        <translation>Il messaggio al cliente verrà inviato come messaggio privato. Il testo scritto è conservato.</translation>
    </message>
    <message>
        <source>The thread changed while the list was open; nothing was inserted.</source>
        <translation>La conversazione è cambiata mentre l&apos;elenco era aperto; non è stato inserito nulla.</translation>
    </message>
    <message>
        <source>The thread changed while the dialog was open; nothing was inserted.</source>
        <translation>La conversazione è cambiata mentre la finestra era aperta; non è stato inserito nulla.</translation>
    </message>
    <message>
        <source>%1 is on this thread: only the agent who holds a thread decides it. Take it over to decide (the team&apos;s log records it).</source>
        <translation>%1 sta seguendo questa conversazione: decide solo l&apos;operatore che la segue. Subentra per decidere (il registro del team lo annota).</translation>
    </message>
    <message>
        <source>Ta&amp;ke over from %1…</source>
        <translation>Su&amp;bentra a %1…</translation>
    </message>
    <message>
        <source>Take this thread over from %1</source>
        <translation>Subentra a %1 in questa conversazione</translation>
    </message>
    <message>
        <source>Claims this thread for you instead of %1, after a confirmation.</source>
        <translation>Prende in carico questa conversazione per te al posto di %1, dopo una conferma.</translation>
    </message>
    <message>
        <source>Not Personal &amp;Data…</source>
        <translation>Non sono &amp;dati personali…</translation>
    </message>
    <message>
        <source>Mark the finding as not personal data</source>
        <translation>Segna il dato trovato come non personale</translation>
    </message>
    <message>
        <source>The guard is wrong: mark the finding at the cursor (or every finding that may be marked) as not personal data, with a reason. Recorded in the activity log.</source>
        <translation>Il controllo dati personali sbaglia: segna come non personale il dato sotto il cursore (o ogni dato che si può segnare), con un motivo. Resta nel registro delle attività.</translation>
    </message>
    <message>
        <source>%1: marked not personal data</source>
        <translation>%1: segnato come non personale</translation>
    </message>
    <message>
        <source>A tax code or IBAN is verified by its checksum: send it privately.</source>
        <translation>Un codice fiscale o un IBAN è verificato dal suo carattere di controllo: invialo in privato.</translation>
    </message>
    <message>
        <source>Marked not personal data: %1 (reason: %2).</source>
        <translation>Segnati come non personali: %1 (motivo: %2).</translation>
    </message>
    <message>
        <source>%1: Not Personal Data…</source>
        <translation>%1: non sono dati personali…</translation>
    </message>
    <message>
        <source>Nothing here can be marked as not personal data. A tax code or IBAN is verified by its checksum: send it privately.</source>
        <translation>Qui nulla può essere segnato come non personale. Un codice fiscale o un IBAN è verificato dal suo carattere di controllo: invialo in privato.</translation>
    </message>
    <message>
        <source>Not Personal Data</source>
        <translation>Non sono dati personali</translation>
    </message>
    <message>
        <source>The guard found: %1. Why is it not personal data? The kinds and your reason are recorded in the activity log for the supervisors; the text is not.</source>
        <translation>Il controllo dati personali ha trovato: %1. Perché non è un dato personale? I tipi e il tuo motivo restano nel registro delle attività per i supervisori; il testo no.</translation>
    </message>
    <message>
        <source>&amp;Mark</source>
        <translation>&amp;Segna</translation>
    </message>
    <message>
        <source>Reason the finding is not personal data</source>
        <translation>Motivo per cui il dato trovato non è personale</translation>
    </message>
    <message>
        <source>The thread changed while the dialog was open; nothing was marked.</source>
        <translation>La conversazione è cambiata mentre la finestra era aperta: non è stato segnato nulla.</translation>
    </message>
    <message>
        <source>Say why it is not personal data: the reason is recorded with the override.</source>
        <translation>Spiega perché non è un dato personale: il motivo viene registrato con l&apos;eccezione.</translation>
    </message>
    <message>
        <source>The reason is %1 characters long: keep it within %2.</source>
        <translation>Il motivo è lungo %1 caratteri: non superare %2.</translation>
    </message>
    <message>
        <source>The text changed: nothing was marked. Check the reply again.</source>
        <translation>Il testo è cambiato: non è stato segnato nulla. Ricontrolla la risposta.</translation>
    </message>
    <message>
        <source>Marked not personal data: %1. The override is recorded in the activity log with your reason.</source>
        <translation>Segnati come non personali: %1. L&apos;eccezione resta nel registro delle attività con il tuo motivo.</translation>
    </message>
    <message>
        <source>%1 lets you hide the reply: do it on %1 (Sportello hides comments on Facebook and Instagram).</source>
        <translation>%1 permette di nascondere la risposta: fallo su %1 (Sportello nasconde i commenti su Facebook e Instagram).</translation>
    </message>
    <message>
        <source>Hi&amp;de the Comment…  (%1)</source>
        <translation>Nascon&amp;di il commento…  (%1)</translation>
    </message>
    <message>
        <source>Hides the comment on %1: its author and the page&apos;s admins still see it, nobody else does. Sportello asks which comment and why.</source>
        <translation>Nasconde il commento su %1: lo vedono ancora l&apos;autore e gli amministratori della pagina, nessun altro. Sportello chiede quale commento e perché.</translation>
    </message>
    <message>
        <source>Why the thread is closed without a reply</source>
        <translation>Perché la conversazione viene chiusa senza risposta</translation>
    </message>
    <message>
        <source>Carries out the decision armed above</source>
        <translation>Esegue la decisione scelta qui sopra</translation>
    </message>
    <message>
        <source>Drops the decision armed above and keeps the draft</source>
        <translation>Annulla la decisione scelta qui sopra e conserva la bozza</translation>
    </message>
    <message>
        <source>Kind of message to the customer</source>
        <translation>Tipo di messaggio al cliente</translation>
    </message>
    <message>
        <source>Personal data warning</source>
        <translation>Avviso di dati personali</translation>
    </message>
    <message>
        <source>The guard found personal data in the reply</source>
        <translation>Il controllo ha trovato dati personali nella risposta</translation>
    </message>
    <message>
        <source>Suggested: %1, %2 sure</source>
        <translation>Suggerita: %1, affidabilità %2</translation>
    </message>
</context>
</TS>
