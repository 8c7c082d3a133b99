# ---- tax_code positives
it|post|tax_code|ciao nn riesco a registrarmi sull app, mi dice codice fiscale non valido ma è giusto!! {CF} 😡😡
it|post|tax_code|Buongiorno, vi scrivo il codice fiscale di mia madre così controllate voi: {CFs}. Grazie mille
it|post|tax_code|cod fisc {CFl} , la polizza nn mi arriva via mail da 2 settimane, sveglia!
it|reply|tax_code|Gentile cliente, abbiamo verificato il codice fiscale {CF} e risulta correttamente associato al suo profilo. Buona serata!
en|post|tax_code|I'm an expat living in Milan, my codice fiscale is {CF} and your website keeps rejecting it. Any idea why?
it|post|tax_code|Sul contratto hanno scritto male il mio cognome ma il CF è quello giusto {CFo}, come faccio a farlo correggere?
it|post|tax_code|x il rimborso mi chiedono il cf del beneficiario: {CFs} (è mio figlio)
it|post|tax_code|Ho un codice fiscale omocodico e il vostro sistema non lo accetta: {CFo}. Ma vi sembra normale nel 2026???
en|post|tax_code|tax code {CFl} — why does the app say "invalid fiscal code"?? I copied it from my health card
it|reply|tax_code|Ciao Giulia, il codice fiscale che ci hai indicato ({CF}) non corrisponde all'intestatario della polizza, puoi ricontrollare?
it|post|tax_code|CF: {CF} nome Alessandra cognome Pini, attendo vostra chiamata da stamattina
en|post|tax_code|My wife's fiscal code is {CFs}, she's the policyholder. Can you add me as a named driver please?
it|post|tax_code|Ve lo riscrivo per la terza volta: {CF}. Nel preventivo online esce sempre errore 500
it|post|tax_code|salve il mio cf è {CFl} e nell area riservata risulta un altra persona!!! privacy zero
en|reply|tax_code|Hi Marco, thanks. The tax code you sent, {CF}, is now linked to your account. For your safety please don't post it in comments next time 🙏
it|post|tax_code|Mio padre (codice fiscale {CFs}) non riesce ad accedere perché non ha lo SPID, come fa?
it|post|tax_code|codice fiscale {CFo} ... ve l'avevo già mandato in DM ma nessuno risponde
en|post|tax_code|Hey @LanternaAssic, reviewing my renewal: the tax ID on it is {CF} but mine ends differently. Which one is right?
it|reply|tax_code|Buongiorno sig.ra Conti, abbiamo aggiornato l'anagrafica con il codice fiscale {CF}. La nuova quietanza le arriverà via mail.
it|post|tax_code|Salve, per la voltura della polizza vi servono i dati del nuovo proprietario? codice fiscale {CF}, si chiama Davide Marras
it|post|tax_code|ma perché l'app mi chiede di nuovo il codice fiscale?? {CFl} eccolo, contenti? ⭐
en|post|tax_code|Filed the form twice. codice fiscale: {CFs}. Still nothing in the portal. 1 star.
it|post|tax_code|Sono il figlio dell'intestataria, lei è anziana e non usa il telefono. Suo CF {CF}, me lo cambiate l'indirizzo?
it|reply|tax_code|Ciao Luca! Dal codice fiscale {CFo} risultano due posizioni: ti scriviamo in privato per unirle.
en|post|tax_code|Can someone explain why the Italian tax code {CF} shows as "not matching" when I try to pay online?
it|post|tax_code|Nella recensione lo dico chiaro: app inutilizzabile, inserisco {CF} e crasha. Una stella è pure troppo
it|post|tax_code|aiuto!!! mia suocera ha cambiato banca, cod. fiscale {CFs} , dove mando il nuovo mandato?
en|reply|tax_code|Dear Ms Bianchi, the beneficiary's tax code {CF} has been added to the life policy. Kind regards, Customer Care
it|post|tax_code|C.F. {CF} - P.S. il vostro operatore mi ha attaccato il telefono in faccia
it|post|tax_code|Sto aspettando il rimborso da marzo. Intestato a me, {CFl}. Vi do tempo fino a venerdì poi vado dal giudice di pace
en|post|tax_code|fiscal code {CFo} (the weird one with letters, I know, it's omocodia) pls fix my profile
it|post|tax_code|Buonasera, devo inserire mio figlio come beneficiario, CF {CF}, basta scriverlo qui?
it|reply|tax_code|Gentile Sig. Ferraro, confermiamo che il codice fiscale {CFs} è stato registrato correttamente.
# ---- tax_code negatives
it|post|none|il mio codice fiscale è {CFX} e l'app mi dice che non è valido, perché??
en|post|none|My tax code is {CFX}, your portal says it's wrong but that's what's on my card!
it|post|none|cf {CFXl} non me lo prende, l'ho scritto 10 volte
it|reply|none|Gentile cliente, il codice fiscale indicato ({CFX}) non risulta valido: probabilmente c'è un errore di battitura. La contattiamo in privato.
it|post|none|codice fiscale {CFXs} scritto pari pari dalla tessera sanitaria... e mi dice errore
it|post|none|la vostra partita IVA è 08812340156? devo metterla in fattura per il carrozziere
en|reply|none|Our company tax number (partita IVA) is 08812340156, as shown at the bottom of every invoice.
it|post|none|Mi hanno mandato il codice sconto FEBBRAIO2026XZ14 ma al checkout non funziona
it|post|none|il codice di attivazione dell'app è 7KQ2-PLX9-M4TR-88ZA, è normale che scada in 10 minuti?
it|post|none|il CF termina con ...A662K, è quello che avete in archivio? non lo scrivo tutto qui ovviamente
it|reply|none|Per verificare ci servirebbe il codice fiscale dell'intestatario: ce lo invii in messaggio privato, per favore non nei commenti.
en|post|none|What do you need, my codice fiscale? I'll DM it, not posting it here lol
it|post|none|ho sbagliato una lettera del codice fiscale nel modulo, posso correggerlo da app o devo chiamare?
it|reply|none|Il codice fiscale è composto da 16 caratteri, ad esempio XXXXXX00X00X000X: lo trova sulla tessera sanitaria.
en|post|none|the order ID on my confirmation email is ORD2026LAN04471B, is that my policy?
# ---- iban positives
it|post|iban|Buongiorno, per il rimborso del sinistro vi lascio l'IBAN: {IBAN} intestato a Sara Colombo. Grazie
it|post|iban|iban {IBANg} ... ve l'ho mandato 3 volte via mail, ora lo scrivo qui così lo vedono tutti 😤
it|post|iban|ho cambiato conto, il nuovo iban è {IBANp}. aggiornate voi l'addebito della rata?
it|reply|iban|Gentile cliente, il rimborso di 320,00 € è stato disposto sull'IBAN {IBANg} in data odierna.
en|post|iban|Please refund to my German account, IBAN {IBAN_DE}. I moved to Munich last year.
en|reply|iban|Hi Anna, we've received your bank details ({IBANg_FR}) and the payment will be released within 5 working days.
it|reply|iban|Per il pagamento della franchigia può effettuare un bonifico a Lanterna Assicurazioni S.p.A., IBAN {IBANg}, causale: nome e cognome.
en|reply|iban|You can settle the outstanding premium by bank transfer to our account {IBAN}, reference your surname.
it|post|iban|IBAN: {IBANd} (conto cointestato con mia moglie) - quando arrivano i soldi??
it|post|iban|Vi avevo dato l'IBAN sbagliato, quello giusto è {IBAN}. Scusate il casino
en|post|iban|My Spanish IBAN is {IBANg_ES}, does that work or do you only pay to Italian banks?
en|post|iban|UK account for the refund: {IBANg_GB}. Cheers
it|post|iban|Salve sono belga ma vivo a Torino, conto {IBAN_BE} va bene per l'accredito?
it|post|iban|accredito su {IBANg_AT} (banca austriaca, lavoro a Innsbruck), me lo confermate?
en|post|iban|Dutch bank: {IBANg_NL}. Your form doesn't accept it, only IT ones?? Ridiculous
it|post|iban|IBAN {IBANp} Poste, intestato a mia figlia perché io non ho il conto. Si può?
it|reply|iban|Ciao Roberto, abbiamo aggiornato l'addebito SDD sul nuovo conto {IBAN}. Dalla prossima rata sei a posto 👍
it|post|iban|ragazzi il mio iban è {IBAN} , il perito ha chiuso la pratica ad aprile e ancora niente. vergogna
en|post|iban|iban {IBANg} - the money was promised "within 30 days". It's been 74.
it|post|iban|Ecco l'IBAN per la liquidazione: {IBANd}. Intestatario: Paolo Esposito
it|post|iban|mi rimborsate sul conto nuovo? {IBAN} grazie mille
it|reply|iban|Buongiorno sig. Greco, ci conferma che l'IBAN corretto è {IBANg}? Sul modulo ne risulta un altro.
en|post|iban|French account {IBAN_FR}, I'm an Erasmus student in Bologna, thanks in advance
it|post|iban|Nell'app non c'è dove mettere l'iban, allora ve lo scrivo qui: {IBANg}
it|post|iban|IBAN della carrozzeria per il pagamento diretto: {IBAN} (Carrozzeria F.lli Neri)
en|reply|iban|Dear Mr Clarke, the settlement of €1,480 will be paid to IBAN {IBANg_GB} as you requested.
it|post|iban|bonifico fatto a voi su {IBANg}, ma mi risulta ancora insoluto!! ho la contabile
it|post|iban|vi riscrivo i dati: IBAN {IBANp} banca Intesa filiale di Lecce
en|post|iban|Account for refund → {IBAN}. Sorry for posting it publicly, your DMs don't work
it|reply|iban|Salve Francesca, per ricevere l'indennizzo sul conto {IBANd} le chiediamo solo di firmare la quietanza.
en|post|iban|Belgian IBAN {IBANg_BE}. I pay premiums from this account, please use it for the refund too
it|post|iban|Mamma ha il conto alle poste {IBANg}, potete accreditare lì il risarcimento?
# ---- iban negatives
it|post|none|il mio IBAN è {IBANX} ma l'app dice "iban non valido", ci riprovo domani
en|post|none|IBAN {IBANXg} keeps coming back as invalid on your form. What am I doing wrong?
it|post|none|ho scritto l'iban {IBANB} e il sistema lo rifiuta, forse ho sbagliato una cifra
it|reply|none|Gentile cliente, l'IBAN indicato ({IBANX}) non supera il controllo formale: può verificarlo e inviarcelo in privato?
it|post|none|iban IT** **** **** **** **** ***0457, è quello su cui mi avete addebitato due volte la rata
en|post|none|The refund went to the account ending in 8812, which is my old one!!
it|reply|none|Per motivi di sicurezza non chieda mai l'IBAN nei commenti: ce lo invii solo tramite l'area riservata.
it|post|none|il BIC della mia banca è BCITITMM, vi serve anche quello per il bonifico estero?
it|post|none|ABI 03069 CAB 09606, basta o vi serve tutto l'iban?
en|post|none|Do you pay claims to foreign IBANs or only Italian ones?
it|post|none|IBAN {IBANXg} copiato dalla banca online, come fa a essere sbagliato??
it|reply|none|L'IBAN italiano ha 27 caratteri e inizia con IT, per esempio IT00 X000 0000 0000 0000 0000 000.
# ---- policy_number positives
it|post|policy_number|Buongiorno, polizza n. 660193244, la rata di giugno risulta non pagata ma l'ho pagata in agenzia!
it|post|policy_number|pol. 9912034557 ... mi spiegate perché è aumentata del 30%??
it|post|policy_number|ho la polizza auto nr. 2024/118893 e non trovo il certificato nell app
it|post|policy_number|la mia polizza casa è la 5129088340, copre anche la grandinata sul terrazzo?
en|post|policy_number|My car policy is 88300219 and I was charged twice this month. Fix it please.
en|post|policy_number|Policy number: 4410-0239-87. Renewal notice says a different vehicle 🤔
it|reply|policy_number|Gentile cliente, abbiamo verificato la polizza n° 3302918899: il pagamento risulta registrato in data 03/05.
it|post|policy_number|contratto 88/441920 disdetto a gennaio con raccomandata e mi state ancora addebitando, ma scherziamo?
it|post|policy_number|n.polizza 00123987 mi serve la copia del contratto firmato
en|reply|policy_number|Hi Tom, your home policy #6601932440 was renewed on 1 March, you'll find the documents in the app.
it|post|policy_number|Polizza 7734512098 intestata a mio padre, lui non c'è più e devo disdirla: come faccio?
it|post|policy_number|contratto nr. 5129-088-340, mi avete mandato il rinnovo con la classe sbagliata
en|post|policy_number|policy no. LA-2291045 — agent promised a call back on Monday, it's Thursday.
it|reply|policy_number|Ciao Marta, sulla polizza RC auto n. 1022784456 abbiamo applicato lo sconto scatola nera 🚗
it|post|policy_number|POLIZZA N.4420019983 DA TRE SETTIMANE ASPETTO LA CARTA VERDE!!!
en|post|policy_number|my policy number is 55091822 and the app says "no policies found". great job guys
it|post|policy_number|pol nr 660193211 ve lo scrivo qua visto che al telefono nessuno risponde
it|post|policy_number|certificato di assicurazione n. 2025AU0041882, il vigile mi ha detto che non è leggibile
en|reply|policy_number|Dear Mrs Walsh, policy ref 77120459 has been cancelled as requested and the refund is being processed.
it|post|policy_number|Salve, ho stipulato il contratto di assicurazione n. 3390011245 ieri ma non ho ricevuto nulla
en|post|policy_number|travel policy 9001-4432-17 — does it cover my ski trip to Austria?
it|post|policy_number|la mia polizza vita è la 00478812, vorrei sapere il valore di riscatto
it|reply|policy_number|Buongiorno sig. Ruggiero, per la polizza numero 4471920366 la scadenza è il 30/09: il rinnovo è automatico.
en|post|policy_number|Pet policy #P-5520134 — Luna's vet bill still not reimbursed after 2 months
it|post|policy_number|numero polizza: 8812.0043.77 ... avete sbagliato la targa sul contratto
en|post|policy_number|Hey, policy 30019987 here. Can I add my son as a driver for the summer?
it|post|policy_number|ma la polizza n° 7710032 è ancora attiva o me l'avete annullata senza dirmelo?
it|reply|policy_number|Ciao Alessio, la tua polizza infortuni nr. 6620019834 è attiva dal 15 gennaio, tutto ok 😊
en|post|policy_number|I'm the policyholder of policy no 90021833 and I never authorised this change of address
it|post|policy_number|polizza 2023/RCA/004417 — disdetta inviata via PEC, conferma??
it|post|policy_number|la mia polizza moto è la n. 1100234567 e mi è arrivato il bollettino di quella vecchia
en|post|policy_number|Policy # 7734-12098, I've been on hold for 40 minutes
it|post|policy_number|pol.nr 44120095 rinnovo 2026 +85 euro senza sinistri. spiegatemelo voi
it|reply|policy_number|Gentile cliente, le confermiamo la disdetta del contratto n. 88/441977 a partire dalla prossima scadenza.
en|reply|policy_number|Thanks for waiting, Priya. Policy number 5520198876 is active and fully paid until December.
# ---- policy_number negatives
it|post|none|la polizza salute copre anche il dentista o no? sul sito non si capisce
en|post|none|How much is the home policy for a 90 sqm flat in Turin? Asking for a friend
it|post|none|polizza da 480 € l'anno per una Panda del 2012, siete fuori di testa
it|post|none|la polizza 2024 mi costava meno, quest'anno +60€ e zero sinistri
en|post|none|Your privacy policy is 14 pages long, nobody reads that
en|reply|none|Our refund policy is simple: if you cancel within 14 days you get the full premium back.
it|post|none|ordine n. 3471182046 del gadget della raccolta punti mai arrivato
it|post|none|ticket #88120934 aperto 12 giorni fa, nessuna risposta
it|reply|none|Abbiamo registrato la sua segnalazione n. 55821, verrà ricontattato entro 48 ore.
it|post|none|preventivo n. 20260412 per la polizza casa: il prezzo online è diverso da quello dell'agenzia
it|post|none|reclamo n. 4471/2026 inviato il 3 marzo, ancora nessuna risposta dopo 45 giorni
it|reply|none|La polizza è conforme al Regolamento IVASS n. 40/2018 e all'art. 148 del D.Lgs. 209/2005.
it|post|none|polizza n. ****5521 (non la scrivo tutta), mi dite quando scade?
en|reply|none|You'll find your policy number on the first page of the contract, top right, under the logo.
it|reply|none|Il numero di polizza ha 10 cifre, tipo 0000000000: lo trova anche nell'app alla voce "Le mie polizze".
it|post|none|ho ricevuto una lettera con scritto 4410023981 in alto, cos'è? non c'è scritto altro
en|post|none|Just got an SMS with the code 55120987, is that you or is it a scam?
it|post|none|qual è il mio numero di polizza? non trovo più il contratto
en|post|none|What's the difference between the Basic and the Plus car policy? The website doesn't say
it|reply|none|Con la polizza Piano Casa Sereno la copertura per fenomeno elettrico arriva fino a 2.500 €.
en|post|none|case #00477812 has been "in progress" since February
# ---- claim_number positives
it|post|claim_number|sinistro n. 2024/118/000772 aperto a febbraio, il perito non si è ancora fatto vivo
it|post|claim_number|pratica 55019832 ferma da 3 mesi!!! ma che servizio è
en|post|claim_number|claim #CL-2025-00417 - still waiting for the adjuster. Four weeks now.
it|post|claim_number|il mio sinistro è il 24/118/000913, mi dite a che punto siamo?
en|post|claim_number|my claim number is 2024CL55019, you closed it without paying a cent
it|reply|claim_number|Gentile cliente, la pratica sinistro 2024/55123 è in fase di liquidazione: riceverà il bonifico entro 10 giorni.
it|post|claim_number|rif. sinistro 24-0093311, la carrozzeria dice che non avete ancora autorizzato la riparazione
en|reply|claim_number|Hi Sam, claim ref. 2024-CL-88102 has been assigned to a new handler, who will call you tomorrow.
it|post|claim_number|sin. n. 7731024 ... mi avete chiesto 4 volte gli stessi documenti
it|post|claim_number|Denuncia n. 44012876 fatta online il 2 maggio, nessuno mi ha contattato
en|post|claim_number|Claim reference CL-2024-77310. The body shop has had my car for 5 weeks because you haven't approved it
it|post|claim_number|numero sinistro 20250011872 - tamponamento in tangenziale, ragione al 100% e ancora niente
it|reply|claim_number|Ciao Stefano, abbiamo sollecitato il perito per il sinistro nr. 2025/0044312. Ti aggiorniamo appena possibile.
en|post|claim_number|Rif. claim 7701-2293, can someone actually read my emails?
it|post|claim_number|n. sinistro 99120043, il vostro liquidatore mi ha offerto la metà del preventivo
it|post|claim_number|pratica sinistro n. 2026-000731 - l'altra assicurazione dice che aspettano voi, voi dite che aspettate loro 🙄
en|post|claim_number|claim no. 55190023 — hail damage on the roof, nobody came to inspect
it|reply|claim_number|Buongiorno, la pratica n. 88123409 risulta chiusa il 14/02 con liquidazione di 1.250,00 €.
it|post|claim_number|Grandinata del 12 luglio, sinistro numero 3300918 ... il perito dice che la grandine non c'è 😂
en|reply|claim_number|Dear Mr Hughes, we have reopened claim number 2023-HM-004512 following your new documents.
it|post|claim_number|la denuncia nr 77120045 l'ho fatta io, non il mio vicino, ma la lettera è intestata a lui
en|post|claim_number|claim 4400-18823 closed as "no damage" but I have photos of the dent
it|post|claim_number|PRATICA SINISTRO 2025/88301 APERTA 90 GIORNI FA. VERGOGNATEVI
it|reply|claim_number|Salve Chiara, il sinistro n° 2025/AU/0039871 è stato liquidato ieri, l'accredito arriverà in 2-3 giorni lavorativi.
en|post|claim_number|Water leak claim, ref number CL55108923? Dunno if that's the right one, it's on the email
it|post|claim_number|Rif. sinistro 0044128/2025: pagato il carrozziere ma a me il fermo tecnico no
en|post|claim_number|burst pipe in January, claim # 20250119-4471, insurer still "reviewing"
it|post|claim_number|ho la pratica n° 66012893 per il furto della bici elettrica, serve la denuncia originale?
it|reply|claim_number|Gentile sig.ra Mancini, per la pratica sinistro 2024/0091244 attendiamo ancora il verbale dei Carabinieri.
en|post|claim_number|claim number 8812003 - the "fast track" took four months
it|post|claim_number|sinistro nr.2025011234 chi devo chiamare per sapere qualcosa??? 
# ---- policy + claim
it|post|claim_number,policy_number|polizza n. 5510098234, sinistro n. 2025/004471: il perito ha valutato 800 € un danno da 3000
en|post|claim_number,policy_number|Policy no. 88213405 / claim no. CL-2025-11045. Please just call me back.
it|reply|claim_number,policy_number|Ciao Elena, sulla polizza 3310029981 risulta aperto il sinistro nr. 2025/77120: lo segue il collega Giorgio.
it|post|claim_number,policy_number|pol. 660193299 pratica 55019877, non so più a chi scrivere
# ---- claim negatives
it|post|none|il sinistro del 12/03 non è ancora stato liquidato, sono passati due mesi
it|post|none|sinistro in via Roma 12 a Pescara, chi mi dà informazioni?
en|post|none|Had a claim of 2,300 € last year and now my premium doubled. Thanks a lot
it|post|none|la pratica è ferma da settimane, nessuno sa dirmi niente
en|post|none|I want to make a claim for my broken windscreen, how do I start?
en|reply|none|Please ignore any caller claiming to be from our claims team and asking for your PIN.
it|post|none|verbale dei carabinieri n. 2024/3318 allegato alla denuncia, va bene lo stesso?
en|post|none|police report ref 55/2024/MI is attached, do you need the original too?
it|reply|none|Il numero di sinistro è nel formato AA/NNN/NNNNNN e lo trova nella mail di apertura pratica.
it|post|none|pratica n. ***8102, non metto tutto il numero qui per privacy. aggiornamenti?
it|reply|none|Per aprire un sinistro può usare l'app, sezione "Denuncia un sinistro", oppure chiamare il numero verde 800 112 233.
en|post|none|How long does a claim usually take to be paid after the adjuster's visit?
it|post|none|ho fatto un sinistro da 1.800 € e mi è scattato il malus di due classi, ma è legale?
# ---- plate positives
it|post|plate|mi hanno tamponato ieri sera, targa della mia auto {PL}, come faccio la denuncia dall app?
it|post|plate|La macchina {PLs} risulta ancora assicurata con voi ma l'ho venduta a marzo!!
en|post|plate|Someone hit my parked car and drove off, their plate was {PL}. Do I report it to you or the police?
it|reply|plate|Ciao Davide, abbiamo aggiornato la polizza con la nuova targa {PL}. Il certificato è già nell'app.
it|post|plate|ho cambiato macchina, nuova targa {PLd}, devo fare una nuova polizza o basta la sostituzione?
it|post|plate|targa {PLl} , attestato di rischio mai arrivato
en|post|plate|Just bought a used Golf, plate {PLs}. Can I transfer my bonus class to it?
it|post|plate|quel genio con la Punto grigia {PL} mi ha preso in pieno al semaforo e ora dice che è colpa mia
it|reply|plate|Gentile cliente, per il veicolo targato {PLs} la copertura furto e incendio risulta attiva fino al 31/12.
it|post|plate|nell'app la mia auto compare come {PL} ma la targa vera è {PL} 🤦‍♂️
en|post|plate|your app still shows my old car {PLl}, I sold it ages ago
it|post|plate|Scatola nera montata sulla {PL}, ma l'app dice nessun dispositivo collegato
it|post|plate|Buonasera, la controparte (targa {PLd}) non risponde più al telefono, posso procedere con la CID?
en|reply|plate|Hi Luke, the vehicle {PL} has been removed from your policy and the pro-rata refund is on its way.
it|post|plate|auto di mia figlia {PLs} neopatentata, la posso assicurare con la bersani?
it|post|plate|Mi hanno rubato la macchina stanotte a Bari 😭 targa {PL}, denuncia già fatta
en|post|plate|Plate {PL} — got a letter from you saying it's uninsured, which is nonsense
it|post|plate|{PL} è la targa, la carta verde dove la trovo?
it|reply|plate|Salve Ilaria, sulla vettura {PLd} abbiamo registrato il sinistro: il perito la contatterà per l'appuntamento.
it|post|plate|ma è possibile che l'app di lanterna non riconosce la targa {PLl}??? ogni volta errore
en|post|plate|The other driver's plate is {PLs}, a white Fiat van. He admitted fault in front of witnesses.
it|post|plate|vendo la moto e tengo l'auto {PL}, posso sospendere solo una delle due polizze?
it|post|plate|Targa: {PL}. Classe di merito: 1. Preventivo: 690 euro. Ma siete seri?
en|reply|plate|Dear Mr Rossi, the green card for {PL} is now available in the app under Documents.
it|post|plate|incidente con un'auto targata {PLs} in via Nazionale, lui senza assicurazione 😡
it|post|plate|raga qualcuno sa se per {PLl} la revisione risulta fatta? mi arrivato un avviso strano
en|post|plate|Parked in Milan, came back and found a scratch. Camera shows car {PL} reversing into me.
it|reply|plate|Gentile sig.ra Villa, la sostituzione del veicolo da {PL} a {PL} è stata registrata oggi.
# ---- plate + other
it|post|plate,policy_number|polizza n. 4410029912 sulla macchina {PL}, mi è arrivata la disdetta ma io non l'ho mai chiesta
en|post|claim_number,plate|Claim #CL-2025-30981 for car {PLs}, the repair shop is still waiting for your OK
it|post|claim_number,plate|sinistro n. 2025/119023 con la {PL} - il perito ha detto che passa lunedì, siamo a venerdì
it|reply|plate,policy_number|Ciao Fabio, la polizza n° 2210039877 è stata aggiornata con la targa {PL} ✅
# ---- plate negatives
it|post|none|Incidente sulla A1 all'altezza di Arezzo, coda di 8 km, il carro attrezzi quando arriva?
it|post|none|Tamponamento sulla SS 16 vicino Barletta, nessun ferito per fortuna
en|post|none|Quote for a Fiat 500 X 2019 is 40% higher than last year, why?
it|reply|none|Inserisca la targa nel formato XX000XX, senza spazi, e il sistema recupererà i dati del veicolo.
it|post|none|il codice del mio buono è FG482KL7, non funziona
it|post|none|seriale della scatola nera XAB123CD99, devo darvelo?
it|post|none|mi ha fatto fare 3 ore di coda al km 123 da Roma per un incidente, il vostro soccorso non arrivava mai
it|post|none|la mia targa? ve la mando in privato, non la scrivo qui
en|post|none|I've got a classic car with old Milan plates, do you insure vintage cars?
it|post|none|Ho fatto il tagliando al km 45000, la scatola nera va ricalibrata?
# ---- phone positives
it|post|phone|chiamatemi voi che al numero verde non risponde nessuno: 347 881 2034, dopo le 18
it|post|phone|cell. 3391234560 richiamatemi per favore, è urgente
en|post|phone|Can someone call me back on +39 333 456 7891? Been waiting all week
it|post|phone|il mio numero è 0039 320 1122334, sono all'estero fino a lunedì
it|post|phone|Tel: 0521/284417 (ufficio) - cerco la signora che mi ha seguito per la polizza casa
it|post|phone|sono a casa tutto il giorno, fisso (011) 562 33 18, chiedete di Angela
en|post|phone|My UK mobile is 07700 900456, please call me there, I'm in London until June
en|post|phone|Please use my number +44 7700 900812, my Italian SIM doesn't work abroad
it|post|phone|vi lascio il mio numero tre quattro sette, otto otto uno, due zero tre quattro. chiamatemi!!
it|post|phone|il mio cell è 3 4 8 5 5 2 1 9 0 7, mi hanno detto di scriverlo così per non farlo bloccare
en|post|phone|call me: three four seven, two two one, eight zero nine six. Thanks!
it|post|phone|ATTENZIONE mi ha chiamato il 351 998 2210 dicendo di essere della Lanterna e chiedeva l'IBAN!! è una truffa?
en|post|phone|Got a call from +39 02 3344 7781 pretending to be your claims office, asked for my card PIN. Scam alert!
it|reply|phone|Ciao Paolo, il perito incaricato, sig. Bertolini, ti contatterà dal suo cellulare 335 602 1187 entro domani.
en|reply|phone|Hi Jess, your local agent Marco Fabbri will call you from his mobile +39 340 778 1290 this afternoon.
it|post|phone|il mio fisso è 02 4471 2290, chiamatemi lì la mattina
it|post|phone|Numero di mia madre 06 4412 8890, è lei l'intestataria e non usa whatsapp
it|post|phone|mi richiamate al 328-66-41-902? grazie
it|post|phone|349.221.0087 sono io, la signora della Panda rossa di ieri 😅
en|post|health,phone|mob. 366 004 1275 — I'm deaf in one ear so text me rather than call
it|reply|phone|Buongiorno sig. Amato, il nostro agente la richiamerà al numero che ci ha lasciato, 0823 456 112, entro le 17.
it|post|phone|081-552-3310 è il numero della carrozzeria dove sta la mia auto, potete chiamarli voi?
en|post|phone|Text me on 3204411987, I can't talk at work
it|post|phone|whatsapp 3921120876 mandatemi lì i documenti che le mail non arrivano
it|post|phone|richiamatemi allo zero sei, quattro quattro uno due, otto otto nove uno
it|post|phone|chiamatemi al +393472219034 prima di mezzogiorno
en|post|phone|landline 0471 20 33 18, I'm in Bolzano, mornings only
it|post|phone|a chi interessa: il carrozziere convenzionato di Lecce ha fatto un lavoro pessimo, il titolare (Gino, 340 118 7765) non risponde
it|post|phone|mi ha chiamato ancora il 0331 882 194 a nome vostro, ma siete voi o no?
en|reply|phone|Dear Ms Kaur, as requested our adjuster will ring you on 0044 7911 123456 at 10 am UK time.
it|post|phone|cel 333/2210987 chiedere di Tonino
# ---- phone + other
it|post|phone,policy_number|polizza n. 3300112987, chiamatemi al 347 220 1198 perché l'app non mi fa pagare
en|post|claim_number,phone|claim no. 2025-HM-00812, my number is +39 339 887 4410. Nobody has called in three weeks.
it|post|email,phone|potete contattarmi a laura.bianchi77@gmail.com o al 338 9912 045, grazie mille
# ---- phone negatives
it|post|none|ho chiamato lo 02 8736 4100 e non risponde nessuno, 40 minuti di musichetta
en|post|none|Called 0287364100 three times today and got cut off every time.
it|reply|none|Può contattarci al numero verde 800 112 233, attivo dal lunedì al venerdì dalle 9 alle 18.
it|reply|none|Il nostro servizio clienti risponde allo 02 8736 4100, opzione 2 per i sinistri.
it|post|none|il vostro numero zero due otto sette tre sei quattro uno zero zero squilla a vuoto da giorni
en|reply|none|For roadside assistance call 803 116 from Italy, 24/7.
it|post|none|il numero 199 a pagamento per i sinistri è una vergogna, 1 euro al minuto
it|post|none|dopo l'incidente abbiamo chiamato il 112 e sono arrivati in 10 minuti
it|post|none|mi ha chiamato un numero che finisce per 887, mi hanno detto di essere voi
it|post|none|cell. 347 *** **12, ho messo solo le ultime cifre, mi richiamate?
en|post|none|My OTP 482913 didn't work and now the app says wait 24 hours
it|post|none|ordine 3471182046 del kit scatola nera mai consegnato
it|reply|none|Ci lasci pure il suo numero di telefono in privato e la richiameremo entro oggi.
en|reply|none|Our claims line is +39 02 8736 4100, or you can use the chat in the app.
it|post|none|alle 14:30 avevo appuntamento con il perito, alle 16 non era ancora arrivato
it|post|none|CAP 20121 Milano, ma il preventivo mi esce con la provincia sbagliata
# ---- email positives
it|post|email|scrivetemi a mario.rossi82@gmail.com che in app non riesco a caricare le foto
en|post|email|Please send the renewal to my new address: tom.baker1990@outlook.com
it|post|email|la mia mail è giulia punto ferri chiocciola libero punto it, mandatemi lì la quietanza
it|post|email|mail: sara . gentile @ gmail . com (scritto così sennò facebook lo nasconde)
en|post|email|email me at tom dot baker at gmail dot com, I never got the documents
it|post|email|mandate tutto a f.lombardi(at)tiscali.it grazie
it|post|email|indirizzo email cambiato, ora è antonio.russo[at]yahoo.it, aggiornate voi?
it|post|email|la mia PEC personale è paolo.deluca@pec.it, inviatemi lì la risposta al reclamo
it|reply|email|Ciao Sara, ti abbiamo inviato il modulo all'indirizzo sara.gentile91@gmail.com: controlla anche lo spam!
en|reply|email|Hi Ben, the certificate has been sent to ben.harris@yahoo.co.uk a few minutes ago.
it|reply|email|Gentile cliente, per la sua pratica può scrivere direttamente alla collega giulia.moretti@lanternaassicurazioni.it
en|reply|email|You can reach your account manager directly at luca.ferrante@lanternaassicurazioni.it
it|post|email|Ho scritto a marco.villa@lanternaassicurazioni.it (il mio agente) tre volte senza risposta
it|post|email|mia moglie non riceve le mail, il suo indirizzo è elena_conti@hotmail.it, controllate?
en|post|email|contact: JAMES.OCONNOR@GMAIL.COM — yes all caps, that's how I type
it|post|email|ma io la mail la do: fabio chiocciola studiobassi punto it. Ma rispondete?
en|post|email|Send the claim forms to my husband, d.walsh84 at icloud dot com, he deals with it
it|post|email|email roberta.galli@virgilio.it, vi ho anche allegato le foto del danno
it|post|email|x favore mandatemi il certificato a pippo.baudo.fan@libero.it grazie 🙏
en|reply|email|Dear Mr Patel, we've updated your contact email to r.patel@btinternet.com as requested.
it|post|email|la mail del mio commercialista è studio.ferrari@gmail.com, potete mandare a lui le quietanze?
en|post|email|got a phishing email from claims.lanterna@gmail.com asking me to pay a "release fee"
it|reply|email|Ciao Martina, il tuo referente è Andrea Colli, andrea.colli@lanternaassicurazioni.it, ti risponderà entro oggi.
it|post|email|scrivete a nonna, ha la mail: rosa.esposito1948 at libero dot it
en|post|email|Email: k.novak@seznam.cz (Czech, I live in Trieste) — pls send docs in English
it|post|email|Recensione: app pessima. Se qualcuno dell'assistenza legge, scrivetemi a dav.marino@fastwebnet.it
it|reply|email|Buongiorno sig. Lodi, abbiamo inviato la documentazione a enzo.lodi@pec.it come da sua richiesta.
en|post|email|My email is sophie(dot)martin(at)gmail(dot)com, spelled like that because of bots
it|post|email|gianni.rota@alice.it per favore aggiornate, quella vecchia non esiste più
it|post|email|anna_b_1985@yahoo.it è la mia mail, manca solo il contratto firmato
it|post|email,tax_code|mail: carla.neri@gmail.com codice fiscale {CF} - vi basta per il rimborso?
en|post|email,policy_number|policy number 7720019934, send the new certificate to o.grant@protonmail.com please
# ---- email negatives
it|reply|none|Può inviare la documentazione a sinistri@lanternaassicurazioni.it indicando nell'oggetto il numero di pratica.
it|reply|none|Per un reclamo formale scriva a reclami@lanternaassicurazioni.it: risponderemo entro 45 giorni.
en|reply|none|For privacy requests please email privacy@lanternaassicurazioni.it.
it|post|none|ho scritto ad assistenza@lanternaassicurazioni.it due settimane fa, nessuna risposta
it|post|none|scrivete a reclami chiocciola lanternaassicurazioni punto it, tanto non rispondono 😂
it|post|none|seguitemi su IG @giulia.ferri.88 ho fatto un video dell'incidente
en|post|none|@mario_rossi82 same thing happened to me with their app lol
it|post|none|il modulo è su https://www.lanternaassicurazioni.it/sinistri?id=4837261 ma non si apre
it|post|none|la mail m*****.r****@gmail.com è quella giusta? non scrivo tutto per privacy
en|reply|none|Please send us your email address in a private message and we'll resend the documents.
it|post|none|scrivete su lanternaassicurazioni.it nella sezione contatti, io ho fatto così
it|reply|none|La nostra PEC è lanternaassicurazioni@pec.lanternaassicurazioni.it, per comunicazioni ufficiali.
# ---- birth_date positives
it|post|birth_date|nel contratto c'è scritto che sono nato il 3/4/1951 ma io sono del 1957, correggete!
it|post|birth_date|data di nascita 12.09.1979, nel preventivo esce 1997, mi fate pagare come un neopatentato
en|post|birth_date|DOB 02/11/1974 — your system says I'm 19, I wish
en|post|birth_date|I was born on 5th March 1990, why does my profile say 1909?
it|post|birth_date|salve sono del 7 luglio 1995 e la mia prima polizza auto costa come un monolocale
it|post|birth_date|il mio compleanno è il 3 maggio e mi avevate promesso uno sconto, dov'è?
it|post|birth_date|Mio figlio è nato il 21 ottobre 2007, da quando può essere aggiunto come conducente?
it|post|birth_date|sono nata a Bari il 14 febbraio 1962, nel certificato risulto nata a Bergamo 🤷‍♀️
it|reply|birth_date|Gentile sig.ra Leone, abbiamo corretto la data di nascita in 14/02/1962 come da documento inviato.
en|reply|birth_date|Hi Chris, we've updated your date of birth to 18 August 1986. The new quote is in your inbox.
it|post|birth_date|mia madre nata il 30/12/1940 ha ricevuto una lettera di disdetta per "limiti di età", è legale?
en|post|birth_date|my daughter was born 09/06/2025, how do I add her to the family health plan?
it|post|birth_date|nata il 1° gennaio 1980, ma nell'app risulto nata il 1° gennaio 1908 😂 ottima longevità
en|post|birth_date|date of birth: 27-01-1968. What else do you need to process the change?
it|post|birth_date|data nascita 05/05/88 nome Franco Riva, richiedo copia del contratto
it|post|birth_date|sono Teresa, classe 1955, nata il 12 novembre, avete ancora polizze per noi anziani?
en|post|birth_date|Born 11 Nov 1999, first car, €2,100 quote. Is this a joke?
it|reply|birth_date|Ciao Matteo! Ti auguriamo buon compleanno in anticipo: sappiamo che il 22 aprile è il tuo giorno 🎉
it|post|birth_date|Mio marito Giorgio, nato a Napoli il 2/9/1966, è il contraente: può parlare con voi anche mia figlia?
en|post|birth_date|Birthday is 14 July, and your "birthday discount" never showed up in the app
it|post|birth_date|DN 19/03/1983 - aggiornate il profilo che c'è scritto 1988
it|post|birth_date|il bimbo è nato il 28 marzo, va inserito nella polizza famiglia entro quando?
en|reply|birth_date|Dear Mrs Evans, your mother's date of birth (04/10/1938) has been corrected on the life policy.
it|post|birth_date|nata il 8-8-1992 ma il sito dice che devo avere 18 anni per fare il preventivo, ne ho 33!
it|post|birth_date|mio nonno Luigi, nato il 15 giugno 1931, ha ancora la polizza con voi dal '70, ditemi voi
en|post|birth_date|Policyholder is my dad, born 1 February 1949. He can't use the app, can I manage it for him?
it|reply|birth_date|Gentile cliente, dalla sua data di nascita (7 settembre 1993) risulta che ha diritto alla tariffa giovani.
en|post|birth_date|I'm a 25 Dec baby (born 25/12/1990) and your bot wished me happy birthday in June lol
it|post|birth_date|compleanno 17/11, mi avete mandato gli auguri il 17/12. amministrazione di alto livello
it|post|birth_date,tax_code|nata il 23/05/1977, codice fiscale {CF}: basta per attivare l'area clienti?
en|post|birth_date,email|DOB 30/06/1985, email rachel.green85@gmail.com, please resend my login
it|post|birth_date,phone|mio padre è nato il 4 aprile 1945, il suo numero è 0544 231 776, chiamate lui
# ---- birth_date negatives
it|post|none|sono del '75 e pago più di mio figlio di 20 anni, spiegatemi la logica
en|post|none|I'm 42 years old, clean licence for 20 years, and my premium went up again
it|post|none|classe '80, 20 anni senza sinistri, e mi trattate come un pirata della strada
it|reply|none|Lanterna Assicurazioni è nata il 12 maggio 1908 a Milano e da allora protegge le famiglie italiane.
it|reply|none|La nostra agenzia di Parma è nata il 1° giugno 1965: quest'anno festeggiamo 61 anni con voi!
en|post|none|The app was born broken on 1 April and nobody ever fixed it
it|post|none|il problema nacque il 3 marzo, quando avete aggiornato l'app, da allora non funziona niente
en|reply|none|Enter your date of birth as DD/MM/YYYY, e.g. 01/01/1980.
it|post|none|ho sbagliato la data di nascita nel preventivo online, come la correggo?
it|post|none|la polizza è partita il 15/01/2024 e scade il 15/01/2025, perché mi arriva già il rinnovo?
en|post|none|Accident happened on 12 March 2026, reported on 13 March, still nothing
it|post|none|per gli over 65 non fate più la polizza casa? mia zia si è vista rifiutare
en|post|none|I was born ready for this kind of bureaucracy, honestly
it|post|none|immatricolata il 04/07/2019, quindi la revisione quando la devo fare?
it|reply|none|Il compleanno dei nostri clienti ci sta a cuore: iscriviti al programma fedeltà per ricevere un regalo!
# ---- health positives (first person)
it|post|health|ho il diabete di tipo 1 da quando avevo 12 anni e la vostra polizza vita mi ha messo un sovrappremio assurdo
en|post|health|I suffer from severe anxiety and your agent kept calling me 5 times a day. Please stop.
it|post|health|sono incinta di 5 mesi e nessuno mi sa dire se il parto cesareo è rimborsato. rispondete?
en|post|health|Broke my ankle skiing in Cortina, the travel cover was supposed to pay for the helicopter. It didn't.
it|post|health|dopo il tamponamento ho un colpo di frusta, porto il collare da 3 settimane e il perito dice che è "lieve"
en|post|health|I had a heart attack in March and I'm still waiting for the critical illness payout. Three months!
it|post|health|Sono stata operata al menisco a gennaio, fisioterapia 2 volte a settimana, e il rimborso?
en|post|health|Diagnosed with Crohn's last year, now you tell me it's a pre-existing condition?? I was diagnosed AFTER signing!
it|post|health|soffro di attacchi di panico e parlare al telefono con il vostro call center per me è un incubo, fatemi scrivere
en|post|health|I'm on chemo every other week and can't come to the agency. Can we do this online?
it|post|health|sono invalido civile al 75% e non riesco a salire le scale della vostra agenzia di Foggia. bella accoglienza
en|post|health|I'm registered 45% disabled after the accident and your loss adjuster treated me like a fraudster
it|post|health|ho la 104 e mi serve l'auto adattata, la polizza copre i comandi al volante?
en|post|health|I have type 2 diabetes and take metformin, your online form won't let me continue. Discrimination?
it|post|health|ho fatto la risonanza magnetica alla schiena: ernia L5-S1. Ora chi me la paga la fisioterapia?
en|post|health|Got a concussion in the crash, spent two nights in A&E and still get headaches daily
it|post|health|sono celiaca e in ospedale mi hanno dato pasta normale, chiedo il rimborso delle spese del ricovero!!
en|post|health|I was in hospital for 11 days with pneumonia and the daily hospital benefit paid for 3. How?
it|post|health|mi hanno diagnosticato la sclerosi multipla a 34 anni e ora per la polizza mutuo mi chiedono il triplo
en|post|health|Long covid since 2022, can barely work part time. Income protection claim rejected twice.
it|post|health|ho la fibromialgia, non è una malattia "immaginaria" come ha scritto il vostro medico fiduciario
en|post|health|I'm 8 weeks pregnant and the app won't let me add the baby's cover yet, when can I?
it|post|health|ho fatto la FIVET in una clinica privata, la polizza salute rimborsa qualcosa?
en|post|health|I'm a recovering alcoholic, 4 years sober, and your life quote asked me to explain it in writing. Humiliating.
it|post|health|sono in cura al SerD da due anni e la vostra polizza mi esclude. Ma io sto meglio, sapete?
en|post|health|I wear a hearing aid and your phone menu is impossible for me. Please offer chat.
it|post|health|porto un pacemaker dal 2019, me la fate la polizza infortuni o no?
en|post|health|Dialysis three times a week, so no, I can't "just pop into the branch"
it|post|health|ho subito un trapianto di rene nel 2021, le visite di controllo sono coperte?
en|post|health|I'm blind and your app isn't screen-reader friendly. Fix accessibility please.
it|post|health|Sono in carrozzina dopo un incidente in moto e l'agenzia ha 4 gradini. Complimenti
en|post|health|Tore my ACL playing five-a-side, surgery is booked for the 14th. Do I need pre-authorisation?
it|post|health|dopo la biopsia mi hanno trovato un linfoma, la polizza malattie gravi paga subito o devo aspettare?
en|post|health|Took Xanax for the first time in my life after dealing with your claims dept. Not a joke.
it|post|health|prendo l'Eutirox da anni per la tiroide, devo dichiararlo nel questionario sanitario?
en|post|health|My blood tests came back with hepatitis C and now the mortgage insurance is on hold?
it|post|health|Ho avuto un aborto spontaneo a febbraio e ancora mi arrivano le vostre mail "benvenuto bebè". Fermatevi.
en|post|health|I've been off work with burnout since January, my doctor's note is attached to the claim
it|post|health|soffro di epilessia ma non ho crisi da 10 anni, posso fare la polizza auto normale?
en|post|health|Psoriatic arthritis here, on biologics, and your questionnaire has no box for that.
it|post|health|sono stato al pronto soccorso dopo la caduta in bici, 20 giorni di prognosi. Cosa devo mandarvi?
en|post|health|Cataract surgery on both eyes last month, can I claim for the second one too?
it|post|health|ho un tumore al seno, ho finito la radioterapia a maggio e mi avete disdetto la polizza. Senza parole
en|post|health|I'm bipolar and stable on lithium. Why does that make my travel insurance double?
it|post|health|soffro di anoressia da quando avevo 16 anni, la terapia in clinica è coperta dalla polizza?
en|post|health|I've got carpal tunnel in both wrists from typing and now need surgery. Is it covered under the accident plan?
it|post|health|Dopo l'infortunio sul lavoro ho perso due dita della mano destra, il vostro perito mi ha dato il 6%. Il 6%!!
en|post|health|PTSD after the motorway crash, I can't drive anymore. My psychologist wrote a report for you.
# ---- health positives (relatives, friends, others)
it|post|health|mio marito soffre di depressione e non riesce a gestire le pratiche, posso farlo io al suo posto?
en|post|health|my wife had a stroke in April and your team keeps asking her to call in person. She can't speak properly.
it|post|health|mia figlia di 4 anni ha l'epilessia, la polizza famiglia copre i ricoveri?
en|post|health|My 4-year-old has epilepsy and the new plan excludes "neurological conditions". Seriously?
it|post|health|mia madre ha l'Alzheimer e devo gestire io la sua polizza, che documenti servono?
en|post|health|My dad has Parkinson's and can't sign anymore, how do we handle the renewal?
it|post|health|mio figlio ha un'invalidità del 100%, la polizza prevede qualcosa per lui?
en|post|health|My son has 100% disability and needs a wheelchair-accessible taxi to the medical exam you booked
it|post|health|mia madre ha l'invalidità all'80 per cento, può restare beneficiaria della polizza vita?
en|post|health|My husband is having knee replacement surgery next week, which forms does he need?
it|post|health|mio padre è stato ricoverato al Gemelli dopo l'incidente, chi segue la pratica?
en|post|health|My neighbour's boy got a broken wrist when your insured driver hit his bike. Who pays?
it|post|health|la mia vicina si è rotta il femore cadendo sulle scale condominiali, la polizza del condominio copre?
en|post|health|A colleague of mine is on sick leave for depression and asked me to post this for him: his disability claim has been ignored
it|post|health|mio fratello ha la SLA, non può più parlare, l'assistenza telefonica per lui non esiste
en|post|health|My sister was diagnosed with lupus and now your travel cover won't touch her
it|post|health|mio suocero è morto di infarto mentre guidava e l'assicurazione vita tergiversa da 6 mesi
en|post|health|My grandmother died of covid in 2021 and the life claim is STILL open
it|post|health|mia nipote ha la fibrosi cistica, rientra nelle malattie escluse dalla polizza famiglia?
en|post|health|Our son is autistic and the hospital visit for the accident was a nightmare. Please just process the claim.
it|post|health|mio marito è diabetico e insulino-dipendente, può guidare con la vostra polizza senza problemi?
en|post|health|My mother is on oxygen at home and the power cut damaged her concentrator. Is that under home cover?
it|post|health|il mio compagno ha avuto un'overdose l'anno scorso, ora è in comunità: la polizza vita è ancora valida?
en|post|health|my brother died of an overdose and the insurer says there's an exclusion. He was 24.
it|post|health|mia figlia è dislessica e ha l'ADHD, la scuola vuole la polizza infortuni e voi chiedete un certificato medico
en|post|health|My daughter has Down syndrome, is she eligible to be insured on our family plan?
it|post|health|il mio collega Franco si è fatto male al cantiere, trauma cranico, ricoverato in neurochirurgia
en|post|health|Our nanny slipped on our wet floor and fractured her hip. Is that covered by our home liability?
it|post|health|mia moglie è al settimo mese e ha la gestosi, la diaria da ricovero parte dal primo giorno?
en|post|health|My partner had a miscarriage last month, we'd like to cancel the newborn add-on. Please be kind.
it|post|health|mia madre fa la dialisi tre volte a settimana e il trasporto in ambulanza non ve lo rimborsano?
en|post|health|my husband has early-onset dementia and signed a new policy with your agent without understanding it
it|post|health|Giulia Rinaldi, la passeggera della mia auto, ha riportato la frattura di due costole
en|post|health|John Mercer (the other driver) was taken to hospital with whiplash, according to the police
it|post|health|mio cugino ha un tumore al pancreas e la polizza malattie gravi gli ha liquidato solo metà
en|post|health|My grandpa's hearing aids were destroyed in the flood, the home cover should pay, right?
it|post|health|mio figlio si è rotto il braccio a calcio, ingessato per 40 giorni, come chiedo il rimborso?
en|post|health|Our daughter spent 9 days in NICU after she was born premature. The plan only paid 5.
it|post|health|mia sorella soffre di disturbo bipolare e le hanno rifiutato la polizza vita. È legale?
en|post|health|My flatmate had a panic attack in your agency office last week because of the way she was treated
it|post|health|mio nonno ha la protesi all'anca e dopo la caduta in casa deve rifare l'intervento
en|post|health|My colleague Anna is on maternity leave and asked me to chase her claim for the C-section
it|post|health|lo zio di mia moglie è morto per un tumore al polmone, noi siamo i beneficiari, a chi scriviamo?
en|post|health|My mum has COPD and uses an inhaler every day, can she get travel insurance with you?
# ---- health positives (subject omitted, events, shapes)
it|post|health|Ricoverato tre giorni, dimesso con un tutore al ginocchio, e la diaria ancora non arriva
en|post|health|Whiplash, two weeks off work, and now you want more paperwork. Unbelievable.
it|post|health|operata d'urgenza di appendicite in vacanza in Grecia, la polizza viaggio ha coperto zero
en|post|health|Fractured two ribs in the rear-end collision, still can't sleep on my side
it|post|health|tre punti di sutura in fronte e una settimana di collare, mi dite quanto mi spetta?
en|post|health|Hospitalised in Barcelona with kidney stones, the assistance line hung up on me twice
it|post|health|frattura scomposta del polso, placca e viti: per il perito è "danno lieve" 🙃
en|post|health|Stitches, a cast and painkillers for a month, and your app says "claim under review"
it|post|health|Dimessa ieri dopo il parto, vorrei aggiungere la bimba alla polizza famiglia
en|post|health|Three MRIs and a CT scan later, the orthopaedic surgeon says the disc is herniated. Send the form.
it|post|health|Giorni di ricovero: 7. Referto allegato. Rimborso: ancora zero. #lanterna
en|post|health|chemo round 4 done 💪 now let's see if the insurer pays the private oncologist
it|post|health|appena uscita dalla sala operatoria per il tunnel carpale e già mi chiamate per la rata
en|post|health|Sprained wrist + bruised knee after the bus braked hard. Do I claim from the bus company's insurer or you?
# ---- health positives (agent replies about the addressee)
it|reply|health|Ci dispiace molto per l'intervento al ginocchio, Luca: appena ci invia il referto procediamo con il rimborso.
en|reply|health|We're so sorry to hear about your husband's heart attack, Mrs Doyle. We'll fast-track the claim.
it|reply|health|Gentile signora, per la sua frattura al polso la fisioterapia è rimborsabile fino a 1.000 €.
en|reply|health|Hi Rob, regarding your whiplash injury, please send the A&E discharge letter so we can assess it.
it|reply|health|Buongiorno sig. Pace, per il riconoscimento della sua invalidità permanente del 30% il medico legale la visiterà il 12.
en|reply|health|For your 30% permanent disability, the accident cover pays out €27,000; we'll send the details privately.
it|reply|health|Ciao Marta, ci dispiace per la gravidanza a rischio: la diaria da ricovero ti spetta dal primo giorno.
en|reply|health|Dear Mr Ahmed, we understand your son's diabetes requires regular check-ups; these are covered under the family plan.
it|reply|health|Gentile cliente, abbiamo ricevuto il certificato che attesta la sua depressione maggiore e lo abbiamo inoltrato all'ufficio liquidazioni.
en|reply|health|Hi Grace, sorry to hear your mum was admitted to hospital again. The daily benefit will be paid for all 9 nights.
it|reply|health|Salve Giorgio, ci scusiamo: non sapevamo della sua disabilità uditiva, d'ora in poi la contatteremo solo via chat.
en|reply|health|We're sorry about your cancer diagnosis, Helen. The critical illness benefit will be paid within 15 days.
it|reply|health|Ciao Serena, per la risonanza al ginocchio che hai fatto privatamente serve solo la prescrizione del medico.
en|reply|health|Dear Ms Lopez, the dialysis sessions you're receiving are reimbursed under the chronic care clause of your policy.
it|reply|health|Gentile sig.ra Bassi, siamo vicini a lei per la scomparsa di suo marito a causa della leucemia. La pratica è già in lavorazione.
en|reply|health|Hi Kev, glad the surgery on your shoulder went well! Physio sessions are covered up to 20, just upload the invoices.
it|reply|health|Buongiorno, il medico fiduciario ha valutato il colpo di frusta di sua figlia con 2 punti di invalidità.
en|reply|health|Sorry to hear about your miscarriage, Emma. We've removed the newborn cover and refunded the premium.
it|reply|health|Gentile cliente, visto il suo ricovero per l'ictus, sospendiamo le rate per 3 mesi senza penali.
en|reply|health|Hi Dan, your knee arthroscopy is covered; please just send us the hospital's invoice and the surgeon's report.
it|reply|health|Ciao Federica, per la psicoterapia che stai seguendo dopo l'incidente il rimborso è previsto fino a 15 sedute.
en|reply|health|Dear Mr Owen, we note you're registered blind; we'll send all documents in large print and by audio from now on.
# ---- health + other kinds
it|post|claim_number,health|sinistro n. 2025/0031987: frattura del perone, 60 giorni di gesso e ancora nessuna offerta
en|post|health,policy_number|Policy no. 55120987 - I have MS and need to know if the home adaptation is covered
it|post|health,phone|ho la sclerosi multipla e non riesco a scrivere molto, chiamatemi al 340 551 2980
en|reply|claim_number,health|Hi Lisa, on claim no. CL-2025-20031 we've received the MRI report for your herniated disc.
it|post|health,tax_code|mio figlio ha l'autismo, codice fiscale {CF}, come lo aggiungo alla polizza sanitaria?
en|post|email,health|I'm partially sighted, please send everything to lena.fischer@gmx.de in large font
it|reply|health,policy_number|Gentile sig. Marini, sulla polizza n. 7734120098 abbiamo registrato il suo ricovero per l'infarto del 3 marzo.
it|post|health,iban|sono in cassa integrazione per la malattia (tumore alla tiroide), accreditate su {IBAN} per favore
en|post|health,plate|Car {PL} was written off, I've got a broken collarbone and you're asking for the log book?
it|post|birth_date,health|nato il 12/06/1958, cardiopatico, operato al cuore nel 2019: me la fate la polizza vita?
# ---- health negatives: products and covers explained by agents
en|reply|none|The Critical Illness cover pays a lump sum on diagnosis of cancer, stroke or heart attack, as listed in the policy wording.
it|reply|none|Diaria da Ricovero: 100 € per ogni notte in ospedale, fino a un massimo di 60 notti l'anno.
it|reply|none|La garanzia prevede una franchigia del 3% sull'invalidità permanente da infortunio.
it|reply|none|La copertura Long Term Care interviene in caso di perdita dell'autosufficienza, valutata con la scala ADL.
en|reply|none|Our health plan covers physiotherapy up to 20 sessions a year when prescribed by a specialist.
it|reply|none|La polizza salute rimborsa visite specialistiche, esami diagnostici e ricoveri, anche in strutture private convenzionate.
en|reply|none|Pregnancy is covered after a 300-day waiting period, including delivery and prenatal check-ups.
it|reply|none|La garanzia infortuni copre anche le fratture, con un indennizzo fisso secondo la tabella allegata alle condizioni.
en|reply|none|The accident cover pays out from 5% permanent disability, on the INAIL table.
it|reply|none|Con la copertura "Mamma e Bebè" sono inclusi ecografie, amniocentesi e corso preparto.
en|reply|none|Mental health support is included: up to 10 sessions with a psychologist via our telemedicine partner.
it|reply|none|L'inabilità temporanea è indennizzata dal 6° giorno, per un massimo di 365 giorni per sinistro.
en|reply|none|Dental cover includes two check-ups and one scaling per year, fillings at 80%.
it|reply|none|Il rimborso spese mediche in viaggio arriva a 1 milione di euro per Stati Uniti e Canada.
en|reply|none|Pre-existing conditions must be declared in the health questionnaire; undeclared ones may be excluded.
it|reply|none|La copertura malattie gravi comprende infarto, ictus, tumore, insufficienza renale e trapianto d'organo.
en|reply|none|Our Long Term Care plan pays a monthly annuity if you can no longer perform 3 of 6 activities of daily living.
it|reply|none|Il servizio di second opinion medica è gratuito per tutti gli assicurati con il Piano Salute Famiglia.
en|reply|none|Telemedicine is available 24/7 in the app: a GP can call you back within 30 minutes.
it|reply|none|La garanzia copre le cure odontoiatriche da infortunio, non quelle per carie o igiene.
en|reply|none|Hospital cash benefit: €80 per night, doubled in intensive care.
it|reply|none|Per chi sceglie il pacchetto Sport Sicuro è inclusa la visita medico-sportiva annuale.
en|reply|none|The policy excludes injuries from extreme sports such as skydiving or free climbing unless you add the Adventure extension.
it|reply|none|La polizza Over 60 non richiede visita medica fino a 50.000 € di capitale assicurato.
# ---- health negatives: FAQs, tips, generic or hypothetical questions
it|post|none|la polizza copre la fisioterapia? e se sì quante sedute?
en|post|none|does it cover pregnancy? thinking about switching from my current plan
en|post|none|Is pregnancy covered after the waiting period or do I need a separate add-on?
en|post|none|Are pre-existing conditions like asthma excluded from the family plan?
en|post|none|are diabetes supplies covered? like test strips and sensors
it|post|none|la fisioterapia dopo un infortunio viene rimborsata o solo se c'è ricovero?
en|post|none|Is a pacemaker considered a pre-existing condition for travel insurance?
it|post|none|la polizza paga dal 60% di invalidità permanente? non capisco la tabella
en|post|none|does the accident cover pay out for 20% disability or is there a minimum?
it|post|none|ma se uno ha la 104 c'è qualche sconto sulla polizza auto?
it|post|none|la polizza fa sconti a chi ha la 104?
en|post|none|What happens to the life policy if the insured person dies of a pre-existing illness?
it|post|none|domanda generica: la psicoterapia online è coperta o solo quella in studio?
en|post|none|Would the plan cover IVF, or is fertility treatment always excluded?
it|post|none|se uno si rompe una gamba sciando, la polizza viaggio copre l'elicottero?
en|post|none|Hypothetically, if someone gets injured in my shop, does the liability cover pay their medical bills?
it|post|none|Per il certificato medico serve il medico di base o va bene anche uno specialista privato?
en|reply|none|Tip: keep all medical receipts and the doctor's prescription, you'll need them to claim reimbursement.
it|reply|none|Consiglio utile: per il rimborso delle visite conservi sempre fattura e prescrizione del medico.
en|post|none|Which hospitals in Rome are in your network? Need a list before choosing the plan
it|post|none|quali esami del sangue rientrano nel check-up annuale gratuito?
en|post|none|do you cover hearing aids or glasses under the basic health plan?
it|post|none|le cure termali sono rimborsabili con la polizza salute base?
en|post|none|How does the mental health cover work? Do I need a referral?
it|reply|none|Ricordiamo che per le visite specialistiche in rete convenzionata non serve anticipare nulla.
en|reply|none|FAQ: Can I choose my own surgeon? Yes, but outside our network the reimbursement is 70%.
# ---- health negatives: campaigns and awareness
it|reply|none|Ottobre è il mese della prevenzione del tumore al seno 🎀 Prenota la tua mammografia gratuita con il Piano Salute!
en|reply|none|Today is #WorldCancerDay. Early screening saves lives 💙 #prevention
en|reply|none|It's #MentalHealthAwareness week: talking helps. Our policyholders get free sessions with a counsellor.
it|reply|none|29 settembre, #WorldHeartDay ❤️ Controlla la pressione: nelle nostre agenzie misurazione gratuita tutto il giorno.
en|reply|none|Movember is here! 🥸 Get your prostate checked, guys. #Movember #MensHealth
it|reply|none|Giornata mondiale del diabete: screening glicemico gratuito per i clienti Lanterna in 30 piazze italiane 🩸
en|reply|none|#WorldAutismAwarenessDay 💙 We're proud to support families with our inclusive Family Plan.
it|reply|none|Campagna antinfluenzale 2026: vaccino gratuito per i dipendenti delle aziende assicurate con noi 💉
en|reply|none|Blood donors are heroes. Join our #DonateBlood day at the Milan HQ on Saturday!
it|reply|none|Giornata mondiale contro l'AIDS 🎗️ Informarsi è il primo passo. #WorldAIDSDay
# ---- health negatives: idioms and metaphors
it|post|none|mi fate venire un infarto ogni volta che apro la bolletta della rata 😱
it|post|none|con questo servizio mi viene l'esaurimento, giuro
it|post|none|mi fate venire il mal di fegato, tre mesi per un parabrezza
en|post|none|I'm sick of waiting for your callback. Sick. Of. It.
en|post|none|this app gives me a headache every single time
en|post|none|you're killing me with these hold times 💀
it|post|none|prezzi da infarto quest'anno, complimenti
en|post|none|Your app is on life support. One more update and it flatlines.
it|post|none|quest'app è malata, crasha appena la apri
en|post|none|The claims process needs major surgery, not another band-aid.
it|post|none|serve una terapia d'urto al vostro servizio clienti
en|post|none|Honestly allergic to your paperwork at this point
it|post|none|Il vostro call center è un malato terminale, non rispondono più nemmeno al primo squillo
en|post|none|My patience has a fracture, not my car. Call me back.
it|post|none|sto diventando pazzo con sto modulo online
en|post|none|this renewal price is insane, I almost had a stroke lol
it|post|none|il vostro sito ha il virus della lentezza
en|post|none|Premiums are spreading like a virus across the whole market
it|post|none|roba da matti, l'app dice che la mia polizza è "in coma" 😂
en|post|none|the app is blind to my new address, updated it three times
it|post|none|la diagnosi elettronica della centralina l'ha pagata la carrozzeria, me la rimborsate?
en|post|none|Your chatbot has amnesia, asks my name every two messages
it|post|none|salute! ho finalmente ricevuto il rimborso dopo 4 mesi 🥂
it|post|none|alla salute di chi aspetta ancora il perito! 🍷
en|post|none|Cheers to the agent in Verona who fixed my renewal in 5 minutes. Legend.
# ---- health negatives: places, jobs, no injury, roadside, death fact, pets, wishes
it|post|none|incidente davanti all'ospedale Niguarda, nessuno si è fatto niente ma la macchina è da buttare
it|post|none|lavoro in ospedale come infermiera e faccio i turni di notte, posso pagare la rata online la domenica?
en|post|none|I'm a nurse at St Thomas' and need a car policy that allows commuting at night. Options?
it|post|none|per fortuna nessun ferito, solo lamiere. Il perito quando passa?
en|post|none|nobody was hurt, thank god, but the bumper is hanging off
it|post|none|il soccorso stradale è arrivato dopo 3 ore, col carro attrezzi sbagliato
en|post|none|Roadside assistance was great, the tow truck came in 25 minutes. Thanks!
it|post|none|mio padre è venuto a mancare a gennaio, come si attiva la polizza vita?
en|post|none|My mother passed away last month. What documents do you need for the life claim?
it|post|none|è deceduto il contraente, che si fa con la polizza casa?
it|post|none|il mio cane ha la displasia dell'anca, la polizza pet copre l'operazione?
en|post|none|My cat was diagnosed with diabetes, does the pet plan cover insulin?
it|post|none|la mia gatta è stata operata di un tumore, la polizza animali rimborsa il veterinario?
en|post|none|Our dog broke his leg chasing a squirrel 🐕 vet bill €1,400, claim submitted
it|post|none|il cavallo di mia figlia zoppica da settimane, la polizza equini copre la risonanza?
it|reply|none|Auguri di pronta guarigione! Ci sentiamo appena avremo novità sulla pratica.
en|reply|none|Get well soon, and thanks for your patience with us.
it|post|none|mio cugino fa il medico al Policlinico e dice che la vostra polizza è la migliore
en|post|none|I'm a physiotherapist, can I join your network of providers?
it|post|none|lavoro in una farmacia, come funziona la convenzione per i dipendenti?
en|post|none|Parked outside the hospital for an hour and came back to a smashed window
it|post|none|ho preso una multa nel parcheggio dell'ospedale di Careggi, la polizza tutela legale mi aiuta?
en|reply|none|Our new office is next to the Sant'Orsola hospital, with free parking for clients.
it|post|none|il medico legale del vostro ufficio è sempre in ferie, organizzatevi
en|post|none|The clinic in your network has a 3-month waiting list for everything
it|post|none|i medicinali da banco li rimborsate o solo quelli con ricetta?
en|post|none|Does the plan include a free annual blood test, or was that the old version?
it|post|none|l'ambulanza privata è inclusa nei servizi di assistenza?
en|reply|none|Our doctors' helpline is open 24/7 for all Health Plan customers.
it|reply|none|Lanterna Salute ha superato i 200.000 assicurati nel 2025: grazie per la fiducia!
en|post|none|Health insurance is too expensive in this country, period.
it|post|none|ma la polizza RC auto copre i danni fisici dei passeggeri o solo quelli del guidatore?
en|post|none|I'd like to read the clause on "serious illness" before signing, where's the PDF?
it|reply|none|Con la garanzia Assistenza hai un medico a domicilio in caso di necessità, anche di notte.
# ---- extra English: mixed negatives and positives
en|post|none|Three weeks and no reply to my email. Is anyone even working there?
en|post|none|5 stars, renewal took two minutes in the app. Finally!
en|post|none|App keeps logging me out every time I switch apps. iPhone 15, latest iOS.
en|post|none|why is the premium €620 when the website quoted €540 yesterday?
en|reply|none|Hi Sarah, thanks for your patience! We've sent you a private message with the next steps.
en|reply|none|We're sorry for the delay. Could you send us a DM with your details so we can look into it?
en|post|none|Your agent in Turin was super helpful, shoutout to the lady at the front desk 🙌
en|post|none|Is the black box discount still available for new customers?
en|reply|none|Good morning! Our branches are open Monday to Friday, 9:00–13:00 and 14:30–18:00.
en|post|none|Cancelled my policy in writing on 2 May. Still being charged. Do better.
en|post|none|Got a letter saying my bonus class is 14, last year it was 1. Typo or robbery?
en|post|none|does the home policy cover a burst washing machine hose? asking before I call a plumber
en|reply|none|Yes, water damage from appliances is covered under the Home Plus policy, with a €150 deductible.
en|post|none|Rated 1 star: can't upload photos of the damage, spinner forever.
en|post|none|Can I pay the premium in 12 monthly instalments without interest?
en|reply|none|Hi Mark, the instalment option is available for premiums above €300, you can enable it in the app.
en|post|none|Travel insurance for a trip to Japan in April, how much roughly for two adults?
en|reply|none|Lanterna Assicurazioni was founded in Milan in 1908 and today serves over 2 million customers.
en|post|none|Why do I need to send the original invoice by post in 2026? Scan it yourselves.
en|post|none|The adjuster was polite and quick. Credit where it's due.
en|reply|none|To protect your privacy, please never share your tax code, IBAN or policy number in public comments.
en|post|none|you guys sponsor the marathon but can't answer a simple DM 🙄
en|reply|none|We'll be closed on 25 and 26 December. The claims line for emergencies stays open.
en|post|none|Tried to use the chat, it sent me to the FAQ, the FAQ sent me to the chat.
en|post|none|My renewal letter says order 55820193 at the top, what is that?
en|post|none|Is the new "Casa Smart" sensor kit free or do I pay for it?
en|reply|none|Our Family Plan now includes cyber-risk cover for all household members at no extra cost.
en|post|none|How do I change the payment method from card to direct debit?
en|post|none|Quote reference Q-2026-00418 — price changed between the website and the agency. Why?
en|post|none|Got charged a €25 admin fee for changing my address. Seriously?
en|reply|none|Please write your plate in the app as two letters, three digits and two letters, without spaces.
en|post|none|I'm switching to another insurer next month, how do I get my risk certificate?
en|reply|none|The risk certificate (attestato di rischio) is available in the app 30 days before expiry.
en|post|none|Love the new app design, but dark mode is broken on Android.
en|post|none|Do you cover e-scooters under the family liability policy?
en|reply|none|Yes! Family liability covers damage caused to third parties while riding an e-scooter, up to €500,000.
en|post|none|My complaint ref. 88/2026 got a copy-paste answer. Not good enough.
en|post|none|Anyone else stuck on the 'verify your identity' screen since the update?
en|reply|none|Thanks for flagging it, Tom. The identity check bug is fixed in version 4.12, please update the app.
en|post|none|how long is the cooling-off period for online policies? 14 days or 30?
en|reply|none|Our switchboard number is on the website under Contacts, we're available until 8 pm.
en|post|none|Why does my policy document still show my maiden name? I sent the marriage certificate.
en|post|none|Raised this with customer care twice, now trying Twitter. Let's see if this works.
en|reply|none|Hi! You can download all your policy documents from the app: Menu > Documents > Download PDF.
en|post|none|Flood in the basement on Sunday, how do I open a claim from the app?
en|post|policy_number|My home policy is 6620031987 and the flood last week soaked the whole basement. Who comes to inspect?
en|post|phone|Call me back on 0345 221 7789 please, I'm the one with the flooded basement in Bergamo
en|post|email|My agent is not replying, please forward to my personal address emma.ricci82@gmail.com
en|post|birth_date|Updated my profile with date of birth 3 September 1979, app still says 1997
en|post|claim_number|claim ref: CL-2026-00981 was marked as 'paid' but nothing arrived in my bank
en|post|plate|Reversing camera caught car {PLs} scraping my door in the Esselunga car park
en|post|health|I have asthma and the mould from your unrepaired leak has made it way worse
en|post|health|My twins were born at 31 weeks and spent a month in neonatal intensive care
en|reply|health|Hi Omar, sorry about your broken leg! The hospital cash benefit will cover the full 6 nights.
en|post|tax_code|Italian tax code for my husband: {CFo}. He's the driver, I'm the policyholder
en|post|iban|Please pay the refund to IBAN {IBANp}, it's my Italian account
en|post|health|Neighbour fell on our icy steps and broke her wrist, she wants to claim on our home policy. How does it work?
# ---- extra health positives
it|post|health|ho l'asma allergica e la muffa in casa dopo l'infiltrazione mi sta uccidendo, il perito quando viene?
en|post|health|I'm immunosuppressed after a liver transplant, so no, I can't wait in your crowded branch
it|post|health|mia zia ha la talassemia major e fa trasfusioni ogni 3 settimane, la polizza sanitaria la copre?
en|post|health|My colleague Sunita broke her leg on the office stairs and HR says it's on your liability policy
it|post|health|sono in terapia con antidepressivi da un anno, devo dichiararlo per la polizza vita?
en|post|health|Huntington's runs in my family and I tested positive. Do I legally have to tell you?
it|post|health|mio padre è morto di cirrosi epatica e voi chiedete se beveva. Ma che domande sono?
en|post|health|I've got Ehlers-Danlos syndrome, dislocated my shoulder again in the crash. Three surgeries so far.
it|post|health|dopo l'incidente ho perso l'udito dall'orecchio sinistro, l'otorino ha scritto tutto nel referto
en|post|health|Had a colonoscopy last week, they found polyps. Is the follow-up covered?
it|post|health|la signora Lucia del terzo piano è caduta nel nostro androne bagnato, ha il polso fratturato
en|post|health|My husband has a gambling addiction and took out a loan against the life policy. Can I stop this?
it|post|health|ho l'endometriosi al quarto stadio, operata due volte, e la polizza esclude "patologie ginecologiche"
en|post|health|Holter monitor for 24h, cardiologist says arrhythmia. Do I need to update my health declaration?
it|post|health|mia madre è in RSA con demenza senile, posso disdire io la sua polizza casa?
en|post|health|Waiting for a biopsy result and your "we'll call you back" is the last thing I need right now
it|post|health|soffro di glaucoma e non vedo bene di notte, la polizza auto lo sa? devo dirvelo?
en|reply|health|Dear Mrs Romano, given your husband's Alzheimer's, we can register you as his authorised contact.
it|reply|health|Ciao Anna, abbiamo ricevuto l'ecografia e il certificato di gravidanza: la copertura maternità è attiva.
en|reply|health|Hi Jake, sorry about the torn ligament. The sports injury cover pays for the orthopaedic visit and the brace.
it|reply|health|Gentile sig. Fumagalli, per la sua ernia del disco il medico fiduciario ha riconosciuto 4 punti di invalidità.
en|reply|health|We understand your daughter's anorexia treatment is ongoing; the inpatient clinic is within our network.
it|post|health|sono epilettico, mi hanno ritirato la patente per sei mesi: posso sospendere la polizza?
en|post|health|My stepdad was diagnosed with prostate cancer, he wants to know if the second opinion service applies
it|post|health|esaurimento nervoso diagnosticato dallo psichiatra dopo il furto in casa, il danno morale lo pagate?
# ---- extra health negatives
en|post|none|Does the critical illness plan cover prostate cancer or only the big three?
it|post|none|l'ernia del disco è considerata infortunio o malattia nella vostra polizza?
en|reply|none|Our Accident cover includes a fixed benefit for fractures: €500 for a wrist, €1,500 for a femur.
it|reply|none|Con il Piano Salute Plus il check-up cardiologico con ECG ed ecocardiogramma è gratuito ogni due anni.
en|post|none|what counts as a "serious illness" in your contract? the definitions are super vague
it|post|none|per la polizza vita serve fare le analisi del sangue o basta il questionario?
en|reply|none|#WorldKidneyDay: 1 in 10 adults has chronic kidney disease without knowing it. Get checked!
it|reply|none|Oggi è la Giornata mondiale della salute mentale 💚 Chiedere aiuto è un atto di coraggio.
en|post|none|this update broke the app so badly it needs an ambulance
it|post|none|ma che ci vuole, un trapianto di cervello per capire il vostro modulo?
en|post|none|The waiting time is a disease in this company. Chronic.
it|post|none|lavoro come OSS in una casa di riposo, avete polizze RC professionale per noi?
en|post|none|Car accident right in front of the A&E entrance, luckily everyone walked away fine
it|post|none|il mio pappagallo ha una frattura all'ala, la polizza animali vale anche per gli uccelli?
en|reply|none|Wishing you a speedy recovery! We'll be in touch by private message.
it|post|none|mio zio è morto a marzo, siamo noi i beneficiari della polizza, cosa dobbiamo mandare?
en|post|none|Do you reimburse the cost of a medical certificate for the driving licence renewal?
it|reply|none|Il servizio Medico 24 ore è attivo per tutti gli assicurati, chiamando il numero verde 800 112 244.
