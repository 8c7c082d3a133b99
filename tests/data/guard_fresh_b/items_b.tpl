# items for guard_fresh_b.tsv -- lang|type|expected|text -- placeholders: see gen_b.py
# ---------------------------------------------------------------- tax_code, positives
it|post|tax_code|Buongiorno, per il rimborso vi lascio il mio codice fiscale {CF:u:Esposito:Anna:F} cosi fate prima, sono 3 settimane che aspetto!!!
it|post|tax_code|cf {CF:l:Ricci:Paolo:M} intestatario è mio padre, ditemi voi cosa manca per la voltura
it|post|tax_code|Mi avete chiesto il codice fiscale x la disdetta: {CF:s:Bianchi:Laura:F}. Adesso mi rispondete???
it|reply|tax_code|Gentile Sig.ra Ferri, abbiamo verificato il CF {CF:u:Ferri:Giulia:F} e risulta correttamente associato al suo profilo. Per il resto le scriviamo in privato.
en|post|tax_code|My wife is Italian, her codice fiscale is {CF:u:Conti:Elena:F}, can you please update the policyholder details? been waiting 2 weeks now
en|reply|tax_code|Hi Mark, we found your record under tax code {CF:u:Taylor:Mark:M}, please check your DMs for the next steps.
it|post|tax_code|il mio cf è un po strano perche sono omocode: {CF:o} e il vostro sito non lo accetta 😡
it|post|tax_code|CODICE FISCALE {CF:u:Gallo:Salvatore:M} VI SCRIVO QUI PERCHE AL NUMERO VERDE NON RISPONDE NESSUNO DA IERI
it|post|tax_code|@LanternaAssicura ho fatto la registrazione in app ma mi dice codice fiscale non valido... eppure e giusto {CF:l}
en|post|tax_code|app keeps rejecting my fiscal code {CF:s2} - I copied it straight from the tessera sanitaria!! 1 star
it|reply|tax_code|Ciao Luca, il codice fiscale {CF:u:Marino:Luca:M} che hai inserito è corretto, il problema era lato nostro. Ora puoi accedere 👍
it|post|tax_code|per mia mamma (codice fiscale {CF:s:Greco:Rosa:F}) la polizza casa va intestata a lei, come faccio?
en|post|tax_code|Hello, the policyholder is my father, codice fiscale {CF:u::::1944-03-11}, he's 80 and doesn't use social media so I'm writing for him
it|post|tax_code|raga ma è normale che l'app mi chieda il cf ogni volta? {CF:l} lo sapete gia 🙄
it|reply|tax_code|Buongiorno, per la pratica di rimborso ci serve la conferma che il CF del beneficiario sia {CF:u:Lombardi:Marco:M}. Può confermarcelo in privato?
en|post|tax_code|Your form says "invalid tax code" for {CF:o:Rossi:Francesca:F} which is an omocodia code, the agency said it's fine. fix your validator pls
it|post|tax_code|Salve sono la figlia del sig. Colombo, cod. fisc. {CF:u:Colombo:Giuseppe:M}, vorrei sapere se la polizza vita è ancora attiva
it|post|tax_code|C.F.: {CF:s2:Romano:Chiara:F} - Nome: Chiara - per favore richiamatemi voi
en|reply|tax_code|Thanks Sarah, we've updated the codice fiscale on file to {CF:u::Sarah:F}. You'll get a confirmation e-mail shortly.
it|post|tax_code|ho compilato tutto, cf {CF:l}, iban e documento, ma la richiesta risulta ancora "incompleta". Ma che sistema è?
it|post|birth_date,tax_code|codfisc {CF:u:Russo:Davide:M:1979-02-14} nato il 14/02/1979 a Napoli, per la denuncia cos'altro serve?
en|post|birth_date,tax_code|DOB 03/09/1988, tax code {CF:u:Moretti:Sofia:F:1988-09-03} - can someone just call me back??
it|post|iban,tax_code|Il mio codice fiscale {CF:u}. Il mio IBAN {IBAN}. Adesso il rimborso me lo fate?
it|reply|iban,tax_code|Gentile cliente, l'accredito verrà disposto sull'IBAN {IBAN:g} intestato al CF {CF:u}. La preghiamo di verificare i dati in privato.
en|post|iban,tax_code|codice fiscale: {CF:l}  IBAN: {IBAN:de} (german account, is that ok for the refund?)
it|post|birth_date,tax_code|mio figlio {CF:s:Ferrara:Matteo:M:2010-05-21} è nato il 21 maggio 2010, lo posso mettere come beneficiario della vita?
it|post|plate,tax_code|Aggiungo il cf del conducente: {CF:u}. La targa è {PLATE}.
en|post|plate,tax_code|trying to get a quote, entered codice fiscale {CF:o} and plate {PLATE:s} and it just spins forever.
it|reply|tax_code|Ciao Federica, il CF {CF:l:Rizzo:Federica:F} va scritto tutto attaccato, senza spazi e in maiuscolo. Riprova e facci sapere!
it|post|policy_number,tax_code|Codice fiscale {CF:u}, polizza n. 5120448197, chiedo il rimborso del premio non goduto come da legge.
it|post|iban,tax_code|Aggiornate l'addebito SDD: nuovo IBAN {IBAN:g}, intestataria Francesca Lodi, cf {CF:u:Lodi:Francesca:F}
# ---------------------------------------------------------------- tax_code, negatives
it|post|none|il mio codice fiscale è {CF:X:::M} e l'app dice non valido, ma vi giuro che è quello sulla tessera
en|post|none|tax code {CF:Xl} keeps getting rejected lol
it|reply|none|Buongiorno, il codice fiscale {CF:Xs} che ci ha indicato non risulta corretto: ci scriva in privato così verifichiamo insieme.
it|post|none|mi mandate il codice fiscale della compagnia per la dichiarazione dei redditi?
it|reply|none|Il codice fiscale e partita IVA di Lanterna Assicurazioni S.p.A. è 04812650962, lo trova anche in fondo a ogni pagina del sito.
it|post|none|il codice sconto LANTERNA2025XMAS non funziona in app!!! ma allora perche lo pubblicizzate
en|reply|none|Your codice fiscale has 16 characters: 6 letters, 2 digits, 1 letter, 2 digits, 1 letter, 3 digits and a final letter. Please send it only via DM.
it|post|none|il CF di mia moglie finisce con ...H501K, il resto ve lo mando in DM
it|post|none|Codice attivazione app A7K9-PL22-ZX81-MQ04 scade tra 10 minuti e ancora non mi arriva la mail di conferma
en|post|none|I put my fiscal code {CF:X} in the form exactly like on my card and it says error. Is your site broken?
it|post|none|ho sbagliato a scrivere il codice fiscale nella proposta, come lo correggo?
it|post|none|CF {CF:Xs:Rinaldi:Simona:F} nome Simona, provincia di Bari, la mia domanda è: perché mi avete aumentato il premio?
en|post|none|codice fiscale {CF:Xl} (that's mine) - do I really need it to file a claim as a tourist?
# ---------------------------------------------------------------- iban, positives
it|post|iban|Vi riscrivo l'IBAN per il rimborso visto che al telefono non lo capite: {IBAN} intestato a Lucia Moretti
it|post|iban|iban {IBAN:g} ... accredito da fare entro venerdì please
it|post|iban|IBAN: {IBAN:p} fatemi sapere quando parte il bonifico
it|post|iban|@LanternaAssicura ho cambiato banca, il nuovo iban è {IBAN:d}, aggiornate voi l'addebito?
en|post|iban|refund still not received. My IBAN is {IBAN:g}. It's been 40 days!! #badservice
en|post|iban|I'm living in Germany now, please send the money to {IBAN:de}
en|post|iban|Can you refund to my French account? IBAN {IBAN:fr}
en|post|iban|Spanish account for the payout: {IBAN:es}, thanks in advance
it|reply|iban|Gentile Sig. Neri, il bonifico è stato disposto sull'IBAN {IBAN:g} che ci ha comunicato. Riceverà l'accredito in 2-3 giorni lavorativi.
it|reply|iban|Per il pagamento del premio può effettuare un bonifico a Lanterna Assicurazioni S.p.A., IBAN {IBAN:g}, indicando in causale il numero di polizza.
en|reply|iban|You can pay the outstanding premium by bank transfer to our account {IBAN}, using your name as reference.
it|post|iban|bonifico fatto all'iban {IBAN} come mi ha detto l'agenzia, mi confermate che è vostro? non vorrei fosse una truffa
it|post|iban,phone|Ciao, uno mi ha scritto su whatsapp dal 366 120 4478 dicendo di essere di Lanterna e di pagare la rata su {IBAN:g}. È vero???
en|post|iban|got a text from someone claiming to be you asking me to pay to {IBAN:gb} ?? is this legit
it|post|health,iban|Codice IBAN {IBAN:p} intestato a mia moglie, il rimborso della fisioterapia che ha fatto dopo l'operazione alla spalla quando arriva?
en|post|iban|Policyholder passed away in March, I'm his son, bank details for the life payout: {IBAN:g}. What else do you need?
it|reply|iban|Buongiorno, per sicurezza le ricordiamo che l'unico IBAN per i pagamenti è {IBAN}. Non effettui bonifici su altri conti.
it|post|claim_number,iban|sono 2 mesi che aspetto il rimborso del sinistro 2024/77812 sull'iban {IBAN:d} !!!!!
en|post|iban,policy_number|policy #8801234567 - please switch the direct debit to {IBAN:g}, old bank closed my account
it|post|iban|Mi avete addebitato 2 volte la rata! conto {IBAN:g}, ridatemi i soldi
it|post|iban|iban x accredito: {IBAN} grz
en|reply|iban|Hi Tom, we've received your IBAN {IBAN:gb} and the payment is on its way.
it|reply|iban|Ciao Marta, l'IBAN {IBAN:p} risulta corretto: il rimborso è partito ieri.
en|post|iban|my bank gave me a German IBAN {IBAN:de} - does your app not accept non-Italian IBANs? It's SEPA ffs
it|post|iban|ma perche l'app non accetta il mio iban {IBAN:nl}? è olandese ma è SEPA
it|post|iban|Avevo scritto l'IBAN sbagliato, quello giusto è {IBAN:g}. Potete correggere?
en|post|claim_number,iban|IBAN: {IBAN:d} acc holder: J. Wilson. Claim no. CL-2024-55173
it|post|iban|Rimborso franchigia: IBAN {IBAN:d}, intestato a me. Se serve altro chiedete ma non fatemi aspettare altri 3 mesi
# ---------------------------------------------------------------- iban, negatives
it|post|none|vi ho mandato l'iban {IBAN:X} ma dite che non è valido, ricontrollate voi che io l'ho copiato dalla banca
en|post|none|your system says my IBAN {IBAN:Xg} is invalid but I copied it from the bank app!!
it|post|none|IBAN {IBAN:X347} non lo accetta il sito, dove sbaglio?
it|reply|none|Per sicurezza non pubblichi il suo IBAN qui: le basta confermarci in privato che termina con 0457.
it|post|none|il rimborso è andato sul conto che finisce per 8812, ma io quel conto l'ho chiuso a giugno!
en|post|none|the BIC is BCITITMM right? I need it for the transfer of the premium
it|post|none|nell'area clienti vedo IBAN IT** **** **** **** **** ***1 209 ma io ho cambiato banca da mesi
en|reply|none|For your security we never ask you to pay to a new IBAN by SMS or WhatsApp. If in doubt, call us on 02 8736 4100.
it|post|none|mi dite ABI e CAB della vostra banca? ho solo l'ABI 03069 e allo sportello non mi fanno il bonifico
it|post|none|ho inserito l'iban {IBAN:Xb} e mi da errore, dove sbaglio?
it|reply|none|L'IBAN deve essere di 27 caratteri e iniziare con IT, ad esempio IT00 X000 0000 0000 0000 0000 000: lo inserisca solo nell'area riservata.
en|post|none|transferred the premium 3 days ago, bank says it went to the IBAN ending 3301, why is it still unpaid?
en|post|none|IBAN {IBAN:Xg} - that's what I typed and the app says "check digits wrong". Same as on my card??
# ---------------------------------------------------------------- policy_number, positives
it|post|policy_number|pol. 660193244 scade il 31/12, il rinnovo arriva in automatico?
it|post|policy_number|ciao ho la pol 9912034557 e vorrei aggiungere mia figlia come conducente, si fa da app?
it|post|policy_number|n.polizza 00123987 - non vedo i documenti in app da una settimana
it|post|policy_number|polizza n°3302918812 la quietanza non mi è mai arrivata, ne per mail ne per posta
it|post|policy_number|la mia polizza casa è la 5129088340, la grandinata ha distrutto il lucernario, che devo fare?
it|post|policy_number|Contratto 88/441920, chiedo copia delle condizioni generali. Grazie
it|post|policy_number|contratto nr. 5129-088-340 rinnovato senza che nessuno mi avvisasse dell'aumento del 20%
it|reply|policy_number|Gentile Sig. Rota, la polizza auto nr. 2024/118893 risulta regolarmente pagata: la quietanza è nell'area riservata.
it|reply|policy_number|Ciao Anna, abbiamo verificato: il contratto di assicurazione n. LA-7710293 è attivo dal 1° marzo.
it|post|policy_number|mi avete mandato il certificato di assicurazione n. 88412077 con l'indirizzo sbagliato, rifatelo
en|post|policy_number|Policy number: 4410-0239-87 - why did my premium go up 30% with no claims???
en|post|policy_number|my car policy is 88300219 and the app shows someone else's car. GDPR anyone?
en|post|policy_number|home policy #6601932440 - roof leak, who do I call on a sunday?
en|post|policy_number|policy no. 55012-AX renewal doc never arrived
en|reply|policy_number|Hi Daniel, policy ref 7719220154 is active and your green card is in the app under Documents.
en|post|policy_number|My policy number is 3471182046, not a phone number lol, your chatbot keeps telling me to call it
it|post|policy_number|la mia polizza auto è la 7755102938 e ho cambiato macchina, come faccio il trasferimento?
it|reply|policy_number|Buongiorno, per la polizza nr 4528113009 l'attestato di rischio è disponibile in app da ieri sera.
en|post|policy_number|pol.nr 660193211 - can't log in since the update, tried reinstalling 3 times
it|post|policy_number|Polizza Casa Serena n. 2019/004471 - ho una perdita d'acqua dal vicino di sopra, è coperta?
en|post|policy_number|Policy # LNT-2023-448190 - cancelled in June and you still charged me in July
it|post|policy_number|Buongiorno, polizza vita n. 70.118.442 intestata a mio padre deceduto a marzo... come si attiva la liquidazione?
en|reply|policy_number|Sorry for the trouble, Priya. Your travel policy 88014522 covers trip cancellation; we've messaged you privately.
it|reply|policy_number|Ciao Giorgio, sulla polizza n. 660193287 risulta una rata scaduta il 15/10. Ti scriviamo in DM per i dettagli.
it|post|health,policy_number|pol n 5530019 sono ancora senza rimborso delle visite di mio figlio, ha la celiachia e facciamo controlli ogni mese
en|post|health,policy_number|policy no 7781203 - my MRI was pre-authorised and now you refuse to pay?!
it|post|health,policy_number|polizza salute nr. 2023-558102, ho fatto l'intervento al menisco il 3 ottobre, la pratica chi la segue?
it|post|plate,policy_number|Contratto n. 6671-2290, auto targata {PLATE}, il carro attrezzi non è mai arrivato. 3 ore sotto la pioggia
en|post|claim_number,policy_number|Policy 4479120036, claim no. 2024-118-552: your adjuster hasn't called in 3 weeks
it|reply|claim_number,policy_number|Gentile cliente, polizza n. 4479120036 e sinistro n. 24/118/000772 sono collegati correttamente; la perizia è fissata per lunedì.
en|post|policy_number|my policy number is LA/2022/0093187, can someone tell me why the renewal quote is £200 more
it|post|policy_number|scusate ma la polizza moto 2210-44871 la posso sospendere d'inverno o no?
# ---------------------------------------------------------------- policy_number, negatives
it|post|none|quanto costa la polizza casa per un appartamento di 80 mq a Torino?
it|post|none|la polizza 2024 costa di più di quella del 2023, perché?? nessun incidente
en|post|none|your refund policy is a joke. 30 days to get my money back
it|reply|none|Il numero di polizza ha 10 cifre, tipo 0000000000, e lo trova in alto a destra sul certificato. Non lo scriva qui nei commenti 🙂
en|reply|none|You'll find your policy # on the first page of the welcome pack. Please don't share it publicly.
it|post|none|ordine n. 3471182046 della dashcam in promo non ancora arrivato, sono passate 3 settimane
it|post|none|reclamo n. 55821 inviato il 2 settembre, dopo 45 giorni ancora niente. IVASS ci sentiamo presto
it|post|none|ho ricevuto una lettera con scritto 4410023981 in alto, cos'è? nessuna spiegazione
en|post|none|ticket #884120 opened 10 days ago, no answer. Case #55190 too. Great service
it|post|none|preventivo n. 2024-88134 fatto online, ma in agenzia mi dicono un prezzo diverso. Chi ha ragione?
it|reply|none|Come previsto dal Regolamento IVASS n. 24/2008, rispondiamo ai reclami entro 45 giorni. Il suo reclamo è stato preso in carico.
en|post|none|Is the polizza RC auto from you guys any good? comparing with 3 others
it|post|none|polizza da 480 € all'anno per una Panda del 2012, siete fuori di testa
en|reply|none|Under our privacy policy we can't discuss policy details in public comments, we've sent you a DM.
it|post|none|polizza n. ****5521, perché mi è arrivato un sollecito se ho pagato?
en|post|none|got an sms with the code 55120987, is it from you?
it|post|none|richiesta n. 77120934 di variazione indirizzo, mai lavorata. Da aprile!
it|post|none|la polizza RC auto secondo l'art. 148 del D.Lgs. 209/2005 dovreste pagarla entro 60 giorni, lo sapete?
# ---------------------------------------------------------------- claim_number, positives
it|post|claim_number|pratica sinistro 2024/61877 ferma da 60 gg, mi dite a che punto è?
it|post|claim_number|il mio sinistro è il 24/118/000772, il liquidatore non risponde né al telefono né alle mail
it|post|claim_number|rif. sinistro 24-0093311: il carrozziere aspetta l'ok da 3 settimane
it|post|claim_number|sin. n. 7731024 - la perizia dice 800 € di danni, il carrozziere 2.300 €. Chi ha ragione?
it|post|claim_number|denuncia n. 5512087 fatta online il 4/11, nessuna mail di conferma
it|post|claim_number|pratica n. 88120345, rimborso danni acqua ancora in lavorazione dopo 5 mesi
it|post|claim_number|n. sinistro: 2023SX00451 chiuso senza motivo!!
it|post|claim_number|pratica 2024/33018 del furto in casa: quali documenti mancano ancora?
en|post|claim_number|claim no. 771022934 - 6 weeks and no adjuster. Absolutely useless.
en|post|claim_number|claim ref. 2024-CL-88102 still "under review". What does that even mean
en|post|claim_number|Claim reference CL-2024-77310: the body shop has been waiting for your approval since Monday
en|post|claim_number|my claim number is 2024CL55019 and nobody can tell me anything
en|post|claim_number|Claim #5561203 hail damage, submitted photos twice via app. Still pending.
en|reply|claim_number|Hi Chris, claim 2024-88120 has been approved and the payment is scheduled for Friday.
it|reply|claim_number|Gentile Sig.ra Conte, la pratica sinistro n. 2024/71203 è stata liquidata: il bonifico risulta disposto in data odierna.
it|reply|claim_number|Ciao Marco, abbiamo sollecitato il perito per il sinistro nr. 5510932. Ti aggiorniamo in privato.
en|reply|claim_number|Thanks for your patience, Emma. Your claim reference CL-2024-66102 is now with the loss adjuster.
it|post|claim_number|Rif. claim 7701-2293, vi ho mandato le foto 3 volte
en|post|claim_number|Claim no: 88-441-2093 - the other driver's insurer admitted fault, why are you still not paying??
it|post|claim_number|SINISTRO NR 2024/00981 TAMPONAMENTO IN TANGENZIALE, LA CONTROPARTE HA TORTO MARCIO E VOI NON PAGATE
it|post|claim_number,health|pratica sinistro n. 2023/448812 - colpo di frusta, 20 sedute di fisioterapia pagate da me. Quando mi rimborsate?
en|post|claim_number,health|claim #2024-55812: whiplash after the rear-end collision, physio 2x a week. Still no payout.
it|post|claim_number,health|il sinistro n. 6612093 è quello del mio incidente in bici, mi sono rotto il polso destro e sono ancora ingessato
en|reply|claim_number,health|We're sorry about your broken wrist, Ben. Claim no. 5512093 is being fast-tracked and we'll DM you today.
it|post|claim_number,plate|Sinistro n. 2024/5571 con la mia auto {PLATE:s}, la controparte era {PLATE}, CAI firmato. Ora?
en|post|claim_number,plate|Claim number 771-220-8812, car {PLATE} still at the body shop after a month
it|post|claim_number,phone|denuncia n. 2024-0045187 furto bici elettrica, vi lascio il mio cell 347 552 0918 per essere ricontattato
en|post|claim_number,email|claim ref: 55-2024-8813 - email me at dan.hughes84@gmail.com instead of calling, I work nights
# ---------------------------------------------------------------- claim_number, negatives
it|post|none|il sinistro del 12/03 non è ancora stato chiuso, sono passati 8 mesi!!
it|post|none|sinistro in via Roma 12, davanti al bar: c'erano 3 testimoni, chi li chiama?
it|post|none|sinistro da 2.300 € e mi offrite 900 €?? ma state scherzando
en|post|none|I want to make a claim but the app crashes on step 3
en|post|none|a guy called me claiming to be from your claims team and asked for my card details. scam??
it|post|none|la pratica è ferma da mesi e nessuno risponde, neanche in agenzia
it|post|none|verbale dei carabinieri n. 2024/3318, ve lo devo mandare io o lo chiedete voi?
en|post|none|police report ref 55/2024/MI already attached to my claim, why do you keep asking for it?
it|reply|none|Il numero di sinistro è nel formato AA/NNN/NNNNNN e lo trova nella mail di apertura. Non lo pubblichi qui 🙏
it|reply|none|Buongiorno, per la pratica n. ***8102 la liquidazione è prevista entro fine mese.
en|reply|none|To open a claim, tap Claims > New claim in the app, or email sinistri@lanternaassicurazioni.it.
it|post|none|reclamo n. 2024/7781 per il sinistro di agosto: ancora nessuna risposta dopo 45 giorni
en|post|none|complaint ref 448120 about my claim - still nothing after 6 weeks.
# ---------------------------------------------------------------- plate, positives
it|post|plate|targa {PLATE}, carrozzeria convenzionata di Monza, 3 settimane che aspetto il perito
it|post|plate|mi hanno tamponato in tangenziale, la mia auto è {PLATE:s} e l'altro è scappato 😡
it|post|plate|chi ha una Golf grigia targata {PLATE:d} mi ha rigato la macchina al parcheggio dell'Esselunga... si può dichiarare in app?
it|post|plate|mi è arrivata una multa e la targa sul verbale è {PLATE} ma non è la mia auto!
it|post|plate|ho venduto la macchina ({PLATE}) ma la polizza non si è sospesa, e ora?
it|post|plate|{PLATE:l} questa è la targa, ditemi voi
it|post|plate|targa {PLATE:l} la classe di merito è sbagliata, dovrei essere in 1
en|post|plate|my car reg is {PLATE} and the app says "vehicle not found". I'm an expat, help
en|post|plate|Hit and run in Milan, the other car was {PLATE:s}, a white Fiat 500X. Do I report it to you or the police?
en|post|plate|the green card shows plate {PLATE:d} but my new car is a different one
it|reply|plate|Gentile cliente, il veicolo targato {PLATE} risulta correttamente assicurato fino al 30/06.
it|reply|plate|Ciao Paolo, abbiamo aggiornato la targa {PLATE} sul certificato, lo trovi in app.
en|reply|plate|Thanks Lisa, the claim for vehicle {PLATE} is now with our partner body shop.
it|post|plate|parcheggiata sotto casa {PLATE:s} e stamattina specchietto rotto, chi paga?
it|post|plate|targhe: io {PLATE}, lui {PLATE}. CAI firmato da entrambi. Ora?
en|post|plate|TARGA {PLATE} - my Italian friend says I need to post this to get an answer. Nope, just call me back
it|post|plate|ho cambiato auto (nuova {PLATE}, vecchia {PLATE}), devo fare qualcosa per l'RC o pensate voi?
it|post|plate|la scatola nera della {PLATE:l} non trasmette da un mese e mi arriva la mail di penale
en|post|plate|plate {PLATE:s} - telematics box disconnected, your app says I'll lose my discount
it|reply|plate|Buongiorno, la sostituzione del cristallo per l'auto targata {PLATE:d} è fissata per giovedì alle 9.
it|post|plate|auto {PLATE} ferma in officina da 40 giorni e il noleggio sostitutivo non è incluso?? assurdo
en|post|health,plate|rear-ended at a red light. My plate {PLATE}, my neck hurts since yesterday and I have a GP visit tomorrow.
it|post|health,plate|incidente con la {PLATE:s}, mia sorella che era con me è andata al pronto soccorso con una contusione al torace
it|post|phone,plate|Vi scrivo per mio padre, auto targata {PLATE}, numero di cellulare 333 7810 442, lui non usa i social
# ---------------------------------------------------------------- plate, negatives
en|reply|none|Please enter your plate as XX000XX, no spaces, in the "Vehicle" field.
it|post|none|sulla A1 coda di 20 km, mi si è fermata la macchina e il soccorso stradale ci mette 2 ore
it|post|none|ho una Fiat 500 X del 2019, quanto mi costa la kasko?
it|post|none|codice prodotto FG482KL7 sulla fattura del carrozziere, che cos'è?
en|post|none|there's a ref XAB123CD7 on my renewal letter, what is it?
it|post|none|sulla SS 16 all'altezza del km 123 un cinghiale mi ha preso in pieno, per fortuna nessun ferito
it|post|none|sono in classe 14 e mi rifiutano il preventivo, ma scherziamo?
en|post|none|CU 2024 and the 730 form - do I need a certificate from you for the tax deduction of my premium?
# ---------------------------------------------------------------- phone, positives
it|post|phone|Richiamatemi al 347 552 0918, dalle 9 alle 13, grazie
it|post|phone|cell. 3391234560 sono due giorni che aspetto una chiamata dal perito
it|post|phone|tel: 0521/284417 casa, dopo le 18
it|post|phone|il mio fisso è (011) 562 33 18, il cellulare non prende in montagna
it|post|phone|+39 328 440 1927 questo è il numero di mia moglie che è la contraente, chiamate lei
it|post|phone|scrivetemi su whatsapp al 3 4 7 8 8 1 2 0 3 4 che qui non leggo mai
it|post|phone|il mio numero è tre tre otto uno due quattro sette sette zero nove, chiamatemi voi perché al numero verde si aspetta 40 minuti
en|post|phone|call me back on 07700 900456, that's my UK mobile, I'm on holiday in Puglia and had an accident with the rental
en|post|phone|my number is +44 7911 123456, please call, nobody picks up on your line
en|post|phone|You can reach me at three four seven, two two one, eight eight zero nine. Thanks
en|post|phone|my landline 02 4471 2290 - I'm home all day, call anytime
it|post|phone|Un tale mi chiama dal 351 882 0417 dicendo di essere vostro e chiede i dati della carta. Attenzione gente!!!
en|post|phone|Warning: got a call from +39 06 9480 1123 pretending to be your claims office, asked for my PIN. Is it you??
it|reply|phone|Gentile Sig. Bassi, il perito incaricato, geom. Fabbri, la contatterà dal suo cellulare 335 710 2284 entro domani.
it|reply|phone|Ciao Sara, puoi chiamare direttamente il tuo agente, Marco, al 348.661.0093.
en|reply|phone|Hi Jake, your loss adjuster Paul Green will call you from his mobile, 0044 7700 912 334.
it|reply|phone|Buongiorno, abbiamo provato a richiamarla al 340-118-2277 ma risulta irraggiungibile. Ci scrive in privato un orario comodo?
it|post|phone|0039 333 9017 281 numero di mio figlio che è all'estero, l'auto è a nome suo
it|post|phone|cel 320 44 58 901 chiamatemi perché qui non si capisce niente
it|post|phone|fisso 06 5523 8871 (Roma), cellulare meglio di no
en|post|health,phone|text me on 3283 441 902 pls, I'm deaf and can't take calls
it|post|health,phone|sono ricoverata al Niguarda fino a venerdì, chiamate mia figlia al 339 554 1120 per il sinistro
it|post|phone|chiamate voi il mio agente al 3487720155, a me non risponde da giorni
it|post|phone|per la pratica contattate mio marito Luigi: tre quattro nove, cinque cinque due, zero uno otto otto
en|post|phone|whatsapp +39 345 990 1123, I'll send you the photos of the damage there
it|post|email,phone|Mail: chiara.fontana88@gmail.com cell 3294410087, aspetto vostra chiamata
en|post|email,phone|contact: m.oconnor@outlook.ie / +353 87 123 4567 - I'm Irish, living in Turin
it|reply|email,phone|Gentile cliente, la sua agente di riferimento è la dott.ssa Elena Sala (elena.sala@lanternaassicurazioni.it, cell. 335 620 4418).
# ---------------------------------------------------------------- phone, negatives
it|post|none|ho chiamato lo 02 8736 4100 e non risponde nessuno da stamattina
it|reply|none|Può contattare il nostro servizio clienti allo 02 8736 4100, dal lunedì al venerdì dalle 9 alle 18.
it|reply|none|Per il soccorso stradale chiami il numero verde 800 112 233, attivo 24 ore su 24.
en|post|none|been calling 800 112 233 for an hour, on hold forever. Pathetic.
it|post|none|ho chiamato lo zero due otto sette tre sei quattro uno zero zero e mi hanno messo in attesa 50 minuti
en|reply|none|Our claims line is +39 02 8736 4100, open Mon-Fri 9am-6pm.
it|post|none|0287364100 sempre occupato, ma quanti operatori avete??
it|post|none|il numero a pagamento 199 30 30 30 costa un occhio della testa, vergogna
it|post|none|cell. 347 *** **12, richiamatemi per favore
en|post|none|had a crash, called 112 and then your roadside line, still waiting for the tow truck
it|post|none|l'OTP 482913 non arriva mai in tempo, scade prima!
it|post|none|il bonifico di 1.250,00 € fatto alle 14:30 del 12/03/2024 non risulta, mi mandate un sollecito?
en|post|none|tracking number 3395012887 for the welcome kit - courier says delivered, I got nothing
it|post|none|abito in via Ripamonti 88, 20141 Milano, perché mi mandate le lettere al vecchio indirizzo?
it|reply|none|Gentile cliente, la sua agenzia di riferimento, Lanterna Bergamo Centro, risponde allo 035 221 480 dalle 9 alle 13.
en|post|none|call 1518 for traffic info they said. I called YOU for help with my car, not for traffic info
# ---------------------------------------------------------------- email, positives
it|post|email|mi scrivete a marco.rinaldi75@libero.it? in privato non mi arriva niente
it|post|email|mail: giulia punto ferri chiocciola libero punto it, rispondete li grazie
it|post|email|mario.rossi [at] gmail.com scrivetemi lì che qui su fb mi perdo i messaggi
it|post|email|la mia mail è francesca.l (at) hotmail.it, l'app dice che è già usata da un altro account?!?!
it|post|email|MAIL ANTONIO.DELUCA@TISCALI.IT NON MI ARRIVA LA PASSWORD DI RECUPERO
it|post|email|pec personale: avv.lucabruni@pec.it, vi diffido formalmente dal continuare con questi addebiti
it|post|email|scrivete a sara . gentile @ gmail . com (senza spazi) che vi mando i documenti
en|post|email|tom dot baker at gmail dot com - reach me there, I'm not giving my number on Facebook
en|post|email|email me: jenny.w1990@yahoo.co.uk, the app reset link never arrives
en|post|email|my login is p.kowalski@wp.pl and it says account locked. Locked for what??
en|post|email|Send the documents to lisa_m_harper[at]outlook[dot]com please
en|post|email|Changed my email to ahmed.karimi@protonmail.com months ago, you still send stuff to the old one
it|reply|email|Gentile Sig. Rinaldi, le abbiamo scritto all'indirizzo marco.rinaldi75@libero.it: controlli anche lo spam.
it|reply|email|Ciao Giulia, puoi inviare le foto direttamente alla tua referente, giulia.moretti@lanternaassicurazioni.it.
en|reply|email|Hi Sam, we've sent the documents to s.patel@gmail.com - let us know if you don't see them.
en|reply|email|You can contact your account manager directly at james.holloway@lanternaassicurazioni.it.
it|post|email|la mia mail: luca chiocciola studiobianchi punto com, rispondetemi lì
it|post|email|Vi ho scritto 4 mail da paolaverdi@virgilio.it e nessuno risponde. Fatevi sentire!
en|post|email|contact my daughter, she handles my insurance: emily.carter@icloud.com
it|post|email|mia moglie vi ha scritto da anna.b.82@gmail.com ieri, le avete risposto?
en|post|email|DM me or email k.nakamura AT gmail DOT com
it|reply|email|Buongiorno, abbiamo inoltrato la sua richiesta al collega Stefano Villa (stefano.villa@lanternaassicurazioni.it), che la ricontatterà.
it|post|email|email di mio papà: g.esposito1950@alice.it, lui è il contraente
en|post|email|I'm the executor of the estate, send the paperwork to r.mitchell.law@gmail.com
it|post|birth_date,email|Mi chiamo Valentina, sono nata il 12/06/1991, mail vale.costa91@gmail.com, vorrei un preventivo casa
en|post|email,health|Booked my knee surgery for next month, please email the pre-authorisation to k.obrien@gmail.com asap
it|post|email|ciao la mail giusta è roberto_galli(chiocciola)yahoo.it, quella che avete voi è vecchia
# ---------------------------------------------------------------- email, negatives
it|reply|none|Per i reclami può scrivere a reclami@lanternaassicurazioni.it oppure alla nostra PEC.
en|reply|none|For claims, please email sinistri@lanternaassicurazioni.it with your documents attached.
it|post|none|ho scritto a assistenza@lanternaassicurazioni.it tre volte, mai una risposta
it|reply|none|Può scrivere a privacy chiocciola lanternaassicurazioni punto it per esercitare i suoi diritti GDPR.
it|post|none|m*****.r****@gmail.com è la mia mail, perché è mascherata nell'app?
en|post|none|@giulia.ferri.88 is my Instagram, DM me there
it|post|none|trovate tutto su lanternaassicurazioni.it dicono... ma il sito non funziona da stamattina
en|post|none|Link in your bio https://lanternaassicurazioni.it/sinistri?id=4837261 doesn't load
it|post|none|ho cambiato la mail nell'app ma non arriva la conferma
en|reply|none|Please send us your email address in a private message, never in public comments.
it|post|none|@mario_rossi82 ti hanno risposto poi? anche io stessa situazione
it|reply|none|La nostra PEC è lanternaassicurazioni@pec.lanternaassicurazioni.it, valida per diffide e comunicazioni legali.
en|post|none|emailed reclami@lanternaassicurazioni.it on 3 Oct, still no reply. Isn't there a 45 day limit?
# ---------------------------------------------------------------- birth_date, positives
it|post|birth_date|sono nata il 3/4/1982 e nel contratto c'è scritto 4/3/1982, come si corregge??
it|post|birth_date|data di nascita 12.11.1975, l'app mi dice che non sono maggiorenne 🤣
it|post|birth_date|sono del 7 luglio 1995 e mi fate pagare come un neopatentato, ho la patente da 8 anni
it|post|birth_date|mia figlia è nata il 2 febbraio 2023, come la aggiungo alla polizza salute famiglia?
it|post|birth_date|il mio compleanno è il 3 maggio e la mail di auguri mi arriva il 5 😂
it|post|birth_date|nato a Bari il 14-09-1968, residente a Lecce, mi serve il duplicato del contratto
it|post|birth_date|ddn: 22/10/1984 - il sistema ha messo 1948! così pago come un pensionato
it|post|birth_date|Mio padre, nato il 5 marzo 1941, non riesce a usare l'app, posso gestirla io?
en|post|birth_date|DOB 14 Feb 1979 and the form keeps saying I'm under 18??
en|post|birth_date|born on 2nd March 1990, the quote says 1909, seriously lol
en|post|birth_date|My date of birth is 11/23/1986 (US format sorry) and the app won't take it
en|post|birth_date|my son was born on 30 June 2008 and he's now a named driver, why has my premium doubled
en|post|birth_date|date of birth: 1983-07-19. Please fix it, it's wrong on every document you sent
en|post|birth_date|born 02/11/1974 - apparently that makes me a "senior" on your app 🙄
it|reply|birth_date|Gentile Sig.ra Costa, abbiamo corretto la data di nascita in 12/06/1991 su tutti i documenti.
it|reply|birth_date|Ciao Marco, vediamo che la data di nascita inserita è il 29/02/1984: è corretta?
en|reply|birth_date|Hi Olivia, we've updated your date of birth to 17 August 1993. Your new documents are in the app.
en|reply|birth_date|Thanks Tim, we have your DOB as 04/05/1977 - if that's wrong please DM us.
it|post|birth_date|nata il 9 dicembre '89, e la classe di merito? boh
it|post|birth_date|ho sbagliato la data di nascita, è 18/3/1961 e non 18/3/1916 come avete messo voi
en|post|birth_date|it's my birthday on 12 March and I got a renewal with +25% as a present. Thanks guys 🎁
it|post|birth_date|mia moglie, nata a Palermo il 30 settembre 1972, è la contraente, potete parlare con me?
en|post|birth_date,health|Policyholder: my mum, DOB 23.04.1950. She has dementia so I handle everything.
it|post|birth_date,health|sono nato il 15/08/1958, ho avuto un infarto l'anno scorso e ora mi negate la polizza vita??
en|post|birth_date,email|I was born 5 Jan 1992, email me the quote at nick.frost92@gmail.com
it|post|birth_date,plate|compleanno 24 dicembre, proprio il giorno in cui mi avete tamponato la macchina 🙃 targa {PLATE:s}
# ---------------------------------------------------------------- birth_date, negatives
it|post|none|sono del '75 e pago più di mio figlio neopatentato, spiegatemi
it|post|none|ho 42 anni e 20 di guida senza incidenti, e voi mi aumentate il premio
en|reply|none|Please enter your date of birth as DD/MM/YYYY, e.g. 01/01/1980.
it|post|none|Lanterna Assicurazioni è nata il 12/03/1998 e in 27 anni non ha mai imparato a rispondere ai clienti
it|reply|none|La nostra agenzia di Verona è nata il 1° giugno 1965: da 60 anni al vostro fianco! 🎉
en|post|none|the app was born broken on 1 April and it's still broken. fitting date
it|post|none|il problema nacque il 3 marzo quando avete cambiato il sito, da allora niente funziona
en|post|none|the issue started on 12 January after the update, still can't log in
it|post|none|polizza scaduta il 31/12/2024, rinnovo il 01/01/2025 e l'addebito il 15/01?
en|post|none|born in 1980 and still paying like a teenager, explain that
it|post|none|auto immatricolata il 14/07/2019, perché sul certificato risulta del 2018?
en|post|none|I was born ready but your claims process isn't 😂
it|post|none|appuntamento col perito il 22/11 alle 10:30, nessuno si è presentato
it|post|none|compleanno di mio marito la settimana prossima, posso regalargli la polizza moto?
en|reply|none|Founded on 4 May 1908, Lanterna has protected Italian families for over a century.
it|post|none|ho sbagliato la data di nascita nel contratto, come la correggo?
it|post|none|classe di merito con decorrenza 01/03/2020, ma io sono assicurata da voi dal 2015
# ---------------------------------------------------------------- health, positives
it|post|health|ho il diabete di tipo 1 e la polizza vita mi chiede un sovrappremio del 50%, discriminazione!!
it|post|health|sono incinta di 5 mesi, la polizza salute copre il parto o no?
en|post|health|I suffer from severe anxiety and your agent shouting at me on the phone did NOT help
en|post|health|my wife had a stroke in May and we're still waiting for the hospital cash benefit
it|post|health|mio marito soffre di depressione da anni, ci avete rifiutato la polizza. Vergognatevi
en|post|health|my 4-year-old has epilepsy, can I add her to the family health plan?
en|post|health|Broke my ankle skiing in Cortina, submitted everything, 2 months no reply
it|post|health|mio padre è stato ricoverato 10 giorni per polmonite e la diaria non è mai arrivata
it|post|health|sono invalido civile al 75% e non riesco ad andare in agenzia, si può fare tutto online?
it|post|health|mio figlio ha un'invalidità del 100%, ha diritto a qualche agevolazione sulla polizza auto?
it|post|health|mia madre ha l'invalidità all'80 per cento e mi serve la delega per gestire la sua polizza
en|post|health|my son has 100% disability and your app is not accessible for screen readers
en|post|health|I'm registered 45% disabled after the accident and the payout was calculated on 30%. Explain.
en|reply|health|Dear Mr Hall, for your 30% permanent disability the payout is calculated on the table in your policy. We'll DM you the details.
it|post|health|mio figlio ha la 104, la carta dei servizi dice che avete uno sportello dedicato, dov'è?
it|post|health|sono stato in ospedale tre giorni dopo l'incidente e nessuno mi ha chiamato
it|reply|health|Ci dispiace molto per l'intervento al ginocchio, Sig.ra Gatti. Abbiamo sollecitato il rimborso, le scriviamo in privato.
en|reply|health|We're so sorry to hear about your husband's heart attack, Mrs Doyle. We'll handle the claim personally - check your DMs.
it|post|health|colpo di frusta dopo il tamponamento, il referto del pronto soccorso ve l'ho mandato 2 volte
en|post|health|had chemo all summer and your app wants me to "upload a photo of the invoice" for every single session. Inhumane
en|post|health|my MRI showed two herniated discs after the crash, still waiting for your medical examiner
it|post|health|mio papà è morto per un tumore al pancreas, la polizza vita non paga per "malattia preesistente". Ma se gliel'hanno diagnosticato dopo!!
en|post|health|my dad died of a heart attack at 58 and you want his full medical history?
it|post|health|soffro di attacchi di panico e non riesco a stare al telefono 40 minuti in attesa, rispondetemi qui
en|post|health|I'm bipolar and on lithium, is that why my life quote was refused? Be honest
it|post|health|ho avuto un aborto spontaneo a marzo e mi avete mandato la mail di auguri per la nascita... ma vi rendete conto
en|post|health|pregnant with twins, 28 weeks, is the hospital stay covered for both?
it|post|health|mia suocera ha l'Alzheimer e io sono il tutore, come cambio l'indirizzo di spedizione?
it|reply|health|Gentile Sig. Mori, ci dispiace per la frattura del femore di sua madre. La pratica è stata messa in priorità.
en|reply|health|Hi Grace, sorry to hear about your son's asthma attack. The hospital cash claim has been approved.
it|post|health|dopo l'incidente ho perso l'udito dall'orecchio destro e l'invalidità riconosciuta è del 12%. Ridicolo
en|post|health|my husband is blind and needs paper documents, not this app nonsense
en|post|health|tore my ACL playing football, surgery booked for Jan. Does the accident cover pay for the surgery or only the daily allowance?
it|post|health|ho fatto la TAC e la risonanza a mie spese perché l'ASL aveva 8 mesi di attesa, mi rimborsate?
en|post|health|Just out of hospital after appendicitis, and the first thing I see is your ad for "peace of mind" 🙃
it|post|health|mia moglie ha il cancro al seno, sta facendo la chemio e voi le chiedete di venire in agenzia a firmare??
en|reply|health|Hi Tom, we understand you're recovering from surgery - no need to come in, we'll sign digitally.
it|post|health|mia nonna ha 91 anni ed è allettata dopo l'ictus, come faccio a farle firmare la delega?
en|post|health|I have type 2 diabetes and high blood pressure, controlled. Your quote tool just says "refer to underwriter". Thanks for nothing
it|reply|health|Buongiorno Sig. Longo, abbiamo ricevuto il certificato della sua ernia al disco: la diaria da inabilità è in pagamento.
# ---------------------------------------------------------------- health, negatives
it|post|none|la polizza salute copre la fisioterapia o serve la prescrizione del medico?
en|post|none|does it cover pregnancy? asking for the future 😅
en|post|none|are pre-existing conditions like asthma excluded from the Family plan?
en|post|none|are diabetes supplies covered under the basic health plan?
it|post|none|la polizza paga dal 60% di invalidità permanente? e sotto?
en|reply|none|The Critical Illness cover pays a lump sum on diagnosis of cancer, stroke or heart attack, as listed in the policy terms.
it|reply|none|Diaria da Ricovero: 100 € per ogni notte in ospedale, fino a 60 notti l'anno. Trova tutto sul sito!
it|reply|none|La garanzia Infortuni prevede una franchigia del 3% sull'invalidità permanente da infortunio.
it|reply|none|Con la Long Term Care, in caso di perdita dell'autosufficienza, ricevi una rendita mensile vitalizia.
en|reply|none|Today is #WorldCancerDay 💜 Prevention matters: book your screening with our partner clinics.
it|reply|none|Ottobre è il mese della prevenzione del tumore al seno 🎀 Con Piano Salute Famiglia hai un check-up gratuito. #prevenzione
en|reply|none|#MentalHealthAwareness week: talk to someone. Our health plan includes 5 free psychology sessions.
it|post|none|salute! 🥂 finalmente il rimborso è arrivato dopo 4 mesi
it|post|none|mi fate venire un infarto ogni volta che apro la mail del rinnovo
it|post|none|ancora in attesa, mi viene l'esaurimento con voi
en|post|none|I'm sick of waiting on hold. This app gives me a headache every single time
it|post|none|incidente davanti all'ospedale San Raffaele, per fortuna nessun ferito, ma la macchina è da buttare
en|post|none|nobody was hurt but my car is a write-off. 3 weeks and no adjuster
it|post|none|lavoro in ospedale e faccio i turni, posso avere l'appuntamento col perito di sabato?
it|post|none|mio padre è venuto a mancare a febbraio, come faccio per la polizza vita?
en|post|none|our dog Luna had surgery on her hip, when will the pet insurance pay the vet?
it|reply|none|Auguri di pronta guarigione! Le scriviamo in privato per gestire la pratica.
en|reply|none|Get well soon, Mike! We've sent you a DM about the next steps.
it|post|none|la polizza fa sconti a chi ha la 104?
en|post|none|is physiotherapy after an injury reimbursed or do I need a specialist referral?
it|post|none|soccorso stradale arrivato dopo 3 ore, carro attrezzi senza cinghie, un disastro
en|post|none|does the accident cover pay out for 20% disability?
it|post|none|il gatto ha il diabete e la polizza pet non copre l'insulina, ma che polizza è
en|reply|none|"Temporary incapacity" is the clause that pays a daily amount while you can't work after an accident; details on page 12.
it|post|none|ma la polizza infortuni copre anche le fratture da sport o solo quelle in auto?
en|post|none|you're killing me with these renewal letters 😩
it|reply|none|Il rimborso spese mediche copre visite specialistiche, esami diagnostici e ricoveri, con massimale di 50.000 € l'anno.
it|post|none|è morto il nonno la settimana scorsa, a chi mando il certificato di morte per la vita?
# ---------------------------------------------------------------- other negatives
it|post|none|Servizio pessimo, sono 3 settimane che aspetto una risposta. Cambio compagnia a fine anno. #maipiù
it|post|none|Grazie mille a Federica dell'agenzia di Parma, gentilissima e velocissima 💐
en|post|none|1 star. The app logs me out every 5 minutes. Fix it.
en|post|none|Honestly the best claims experience I've had, paid in 10 days. Thank you @LanternaAssicura 👏
it|reply|none|Ciao Laura, grazie per il feedback! Ti abbiamo scritto in privato per capire meglio il problema.
en|reply|none|Hi Ben, sorry for the wait. Could you send us a DM with your policy number so we can look into it?
it|post|none|ma perché il rinnovo mi costa 120€ in più se non ho fatto incidenti??? spiegatemelo qualcuno
it|post|none|Mario Rossi, via Garibaldi 14, Pavia: questo è il mio indirizzo, smettetela di mandare la posta a quello vecchio
en|post|none|customer code C-0048812 - what's that for? the letter doesn't say
it|post|none|avete un'offerta per chi ha due auto in famiglia?
en|reply|none|Our offices will be closed on 25 and 26 December. Merry Christmas from all of us at Lanterna! 🎄
it|reply|none|Le ricordiamo che per motivi di privacy non possiamo parlare dei dettagli della sua posizione qui: ci scriva in DM 🙏
it|post|none|app aggiornata e adesso non vedo più le mie polizze. Complimenti!!!
en|post|none|Switched to you from another insurer and saved €200. Happy so far 😊
it|post|none|Buongiorno, con la polizza RC auto è inclusa la tutela legale o va aggiunta?
en|post|none|what's the difference between kasko and collision cover? the website is confusing af
it|post|none|#Lanterna ci avete rotto con gli sms promozionali, basta!
it|reply|none|Buongiorno Sig. Bellini, abbiamo inoltrato la sua segnalazione n. 44182 all'ufficio competente.
en|post|none|my policy renewal 2025 letter says €640, last year €510. why??
it|post|none|ho fatto la denuncia online ma non ho ricevuto nessuna conferma, è normale?
it|reply|none|La denuncia di sinistro si fa in app in 3 minuti: Sinistri > Nuova denuncia. Ti serve solo il CAI compilato.
en|post|none|Strict policy on documents my foot. You lost my papers twice.
it|post|none|Partita IVA 01234567890 per la polizza della ditta, mi fate la fattura elettronica?
en|reply|none|Hi Ana, premiums paid for some health and life policies can be partly deducted in Italy; your accountant can confirm.
it|post|none|preventivo fatto, 380 € con la scatola nera, 520 € senza. Conviene?
it|post|none|ciao sono Giovanna, la cliente di ieri, ho trovato i documenti che cercavate, ve li porto in agenzia lunedì
en|reply|none|Hi Kevin, the renewal notice is sent 30 days before expiry. You can find it in the app under Documents > Renewals.
it|post|none|ho pagato con il PIN del bancomat e l'app mi dice pagamento rifiutato, codice errore 500312 🤷
en|post|none|seriously who writes your terms? Section 4.2.1 contradicts section 7.3. Lawyers pls explain
it|reply|none|Ciao Andrea, il rimborso sarà visibile sul conto entro 5 giorni lavorativi dalla data di liquidazione.
it|post|none|dopo 12 anni con voi mi trattate come un numero. Dal 1° gennaio cambio, ciao
en|post|none|QUOTE REF Q-2024-118812 — the price changed from €410 to €530 in one day, why?
# ---------------------------------------------------------------- extra English lines (balance)
en|reply|none|Our Critical Illness plan pays out on diagnosis; pregnancy-related conditions are covered after a 10-month waiting period.
en|post|none|is a pacemaker a pre-existing condition for the travel cover? asking before I buy
en|reply|none|#WorldHeartDay ❤️ Take the stairs today! Our members get a free cardiology check-up with Piano Salute.
en|post|none|your hold music is giving me a migraine, 45 minutes and counting
en|reply|none|The hospital cash benefit pays €100 per night from the first night, up to 60 nights a year.
en|post|none|Does the accident cover include dental injuries or is that a separate add-on?
en|reply|none|Please don't post your claim number here - our team will ask for it in a private message.
en|reply|none|Your claim reference has the format CL-YYYY-NNNNN and you'll find it in the confirmation email.
en|post|none|order #88120934 from your partner shop never arrived, 3 weeks now
en|post|none|the letter has 7700981223 printed on top with no explanation. What is it?
en|post|none|verification code 771204 came 10 minutes late, expired of course
en|reply|none|You can call our customer service on 02 8736 4100 (Mon-Fri 9-18) or our free number 800 112 233.
en|post|none|called 0287364100 six times today, no answer. Is anyone working there?
en|post|none|rang your premium line 899 123 456 and it cost me €12. Disgraceful
en|reply|none|Write to privacy@lanternaassicurazioni.it to request a copy of your data under the GDPR.
en|post|none|my email shows as j****.s****@gmail.com in the app but I never typed those stars lol
en|post|none|@tom_baker77 did they ever pay you? same boat here
en|post|none|"enter your DOB as DD/MM/YYYY" they said. I did. Still "invalid date".
en|post|none|Lanterna was born in 1908 and it shows, the app feels 100 years old
en|post|none|I'm 67 and your app is impossible to use for people my age
en|post|none|the renewal date is 15/03/2025 but you charged me on 01/03. Why?
en|post|none|my car was first registered on 12/05/2017, your quote says 2015
en|post|none|My mother passed away last month. How do I cancel her home insurance?
en|post|none|our cat Milo needs surgery on his leg, does the pet plan cover it?
en|reply|none|We hope you're feeling better soon, Laura. We've sent you a private message with the next steps.
en|post|none|the tow truck took 4 hours, nobody was injured thank god but my kids were freezing
en|post|none|I work at a hospital and can only take calls after 7pm, can the adjuster call then?
en|post|none|BIC please? and the company's IBAN for paying the premium, it's not on the website
en|post|none|my bank says the IBAN IT** **** **** **** **** ***0 457 on your letter is incomplete??
en|post|none|the masked tax code on my documents ends with ...F205Z, is that right?
en|reply|none|VAT number of Lanterna Assicurazioni S.p.A.: IT04812650962.
en|post|none|got a call from a private number saying they were from Lanterna, asked for my policy number. Didn't give it.
en|post|none|refund of €1,250.00 promised by 14:30 yesterday. still nothing.
en|post|none|complaint ref 2024-REC-00812 filed 50 days ago, you're past the 45 days IVASS limit
en|reply|none|We've escalated your complaint (ref. 44812) to our Complaints Office; you'll have an answer within 45 days.
en|post|none|quote #Q55102 was €380 online, €460 at the agency. Which one is real?
en|post|none|my health insurance renewal went up 18% and I've never made a single claim
en|post|phone|my mobile is 333-448-2019, please call after 5pm
en|post|phone|Wife's number: zero zero three nine, three four six, eight one two, four four five zero
en|post|birth_date|DOB: 7th of October 1965. The system shows 1956 and now my life quote is crazy
en|post|birth_date|my daughter was born 19/02/2006 and just passed her test, how do I add her?
en|post|plate|plate {PLATE:l} - can't add it in the app, says "format not valid"
en|post|plate|someone reversed into my car ({PLATE:d}) in the Coop car park and drove off
en|post|tax_code|my partner's codice fiscale {CF:s:::F} - is that enough to add her as a second driver?
en|reply|tax_code|Hi Giorgio, we've linked tax code {CF:u::Giorgio:M} to your app account, you can log in now.
en|post|claim_number|claim no. 2024/33018 - the burglary in my flat. What documents are still missing?
en|post|policy_number|Policy no. 3910027745 is in my mum's name, she's 89 - can I manage it for her?
en|post|health|I have MS and can't always get to the phone, please answer me here
en|post|health|My son is autistic and gets distressed by phone calls, can we do everything by chat?
en|reply|health|Hi Mrs Patel, we're sorry about your fall and the fractured hip. The hospital cash claim is in priority.
en|post|policy_number|policy #4528113009 - why can't I download the risk certificate?
