# lang|type|expected|text   (see ../guard_fresh_rules.md)
# ---------- health: positives ----------
it|post|health|Ho il diabete di tipo 1 da quando avevo 12 anni, la vostra polizza salute mi rimborsa i sensori o no?
it|post|health|Mia moglie ha avuto un ictus a marzo e da allora aspettiamo il rimborso delle spese, vergogna
it|post|health|sono invalido civile al 75% e mi avete negato la polizza infortuni, è discriminazione?
it|post|health|Mio figlio ha un'invalidità del 100% e nessuno mi sa dire se la polizza famiglia lo copre 😡
it|post|health|mia madre ha l'invalidità all'80 per cento, posso intestare a lei l'auto con le agevolazioni?
it|post|health,policy_number|Dopo l'operazione al menisco sono fermo da 40 giorni, polizza n° 5129088340, quando arriva la diaria??
it|post|health|Sono incinta di 5 mesi e il ginecologo mi ha prescritto l'amniocentesi, ma voi dite che non è coperta
it|post|health|ho fatto la risonanza al ginocchio il 3 ottobre e ancora nessuna risposta sul rimborso
it|post|health|Mio padre è morto per un infarto e per la polizza vita ci chiedete documenti da 4 mesi
it|post|health|mi hanno diagnosticato un tumore al seno a gennaio, la copertura malattie gravi quando paga?
it|post|health|Dopo il tamponamento ho avuto il colpo di frusta e 10 sedute di fisioterapia, chi me le paga?
it|post|health|Mio marito soffre di depressione da anni ed è in cura da uno psichiatra, la polizza esclude questo?
it|post|health|Ho la 104 per la sclerosi multipla, esiste uno sconto sulla RC auto?
it|reply|health|Gentile Sig.ra Bianchi, ci dispiace molto per l'ictus di suo marito. Le scriviamo in privato per la pratica.
it|reply|health|Ciao Marco, abbiamo ricevuto il referto della frattura al polso: il rimborso è in lavorazione 🙏
it|reply|health|Gentile cliente, per la sua invalidità al 67% la liquidazione segue la tabella di polizza, le scriviamo in DM.
it|reply|health|Buongiorno Anna, capiamo quanto sia difficile la chemioterapia in questo periodo: la sua richiesta di diaria è stata approvata.
it|post|health|sono stato ricoverato 6 giorni al San Raffaele per una polmonite e la diaria non è arrivata
it|post|health|la mia bimba ha l'asma e vorrei sapere se con la polizza salute posso rimborsare il ventolin
it|post|health|ho l'epilessia, posso fare la polizza vita da voi o mi rifiutate?
en|post|health|My wife had a stroke last month and you still haven't paid the hospital cash benefit. Disgraceful.
en|post|health|I have type 2 diabetes, will my travel policy cover insulin if I lose it abroad?
en|post|health|my son has 100% disability and your agent told me he can't be added to the family plan?!
en|post|health|I'm registered 45% disabled after the accident and your adjuster keeps calling me a liar
en|post|health|Broke my ankle skiing in Cortina, spent 2 nights in hospital, how do I get reimbursed?
en|post|health|My dad was diagnosed with Parkinson's, can he still renew his life cover?
en|post|health|had whiplash after the rear-end crash and 8 physio sessions, still waiting on you lot
en|post|health|I'm 7 months pregnant and my travel insurance claim for the emergency scan got rejected
en|post|health|My husband is having chemo and we can't deal with your paperwork on top of that
en|post|health|I suffer from severe anxiety and your call centre made it so much worse today
en|reply|health|Hi Sarah, we're so sorry to hear about your husband's heart attack. We've sent you a DM about the claim.
en|reply|health|Hi James, thanks for sending the MRI report for your knee, our medical team will review it within 5 days.
en|reply|health|Dear Mr Evans, for your 30% permanent disability the payout is calculated on the policy table, details in DM.
en|reply|health|Hi Tom, sorry about the broken wrist! Please DM us so we can open the hospital-cash request.
en|post|health|My mother died of lung cancer in May and the life claim is still "under review"
en|post|health|my daughter has coeliac disease, does the travel policy cover a gluten-free meal emergency? lol no seriously
# ---------- health: negatives ----------
it|reply|none|La garanzia Malattie Gravi paga un capitale alla diagnosi di cancro, ictus o infarto, secondo le condizioni di polizza.
it|reply|none|Con l'opzione Diaria da Ricovero ricevi 100 € per ogni notte in ospedale, fino a 60 notti l'anno.
it|reply|none|Sulla garanzia infortuni si applica una franchigia del 3% sull'invalidità permanente da infortunio.
it|post|none|La gravidanza è coperta dopo il periodo di carenza di 300 giorni?
it|post|none|le malattie preesistenti tipo l'asma sono escluse dalla polizza salute?
it|post|none|i presidi per il diabete sono rimborsati dal piano sanitario?
it|post|none|La fisioterapia dopo un infortunio viene rimborsata o serve la prescrizione?
it|reply|none|Oggi è il #WorldCancerDay: con Lanterna la prevenzione oncologica è inclusa nel Piano Salute 💛 #prevenzione
it|reply|none|Ottobre è il mese della prevenzione del tumore al seno 🎀 Prenota il tuo check-up gratuito con la polizza Salute Donna #LanternaRosa
it|post|none|la polizza paga dal 60% di invalidità permanente in su o anche sotto?
it|post|none|Mi fate venire un esaurimento con questi moduli, tre volte ho mandato gli stessi documenti
it|reply|none|La copertura Long Term Care interviene in caso di perdita dell'autosufficienza, le condizioni sono su lanternaassicurazioni.it
it|post|none|C'è una polizza che fa sconti a chi ha la legge 104?
it|post|none|l'incidente è successo proprio davanti all'ospedale Niguarda, per fortuna nessun ferito
it|reply|none|Auguri di pronta guarigione! Per qualsiasi cosa scriveteci in privato.
it|post|none|Il mio gatto ha fatto un intervento all'anca, la polizza pet rimborsa il 70%?
it|reply|none|La polizza Infortuni Conducente copre anche la fisioterapia prescritta dopo un incidente stradale.
en|reply|none|Our Critical Illness cover pays on diagnosis of cancer, stroke or heart attack, subject to the policy terms.
en|reply|none|The hospital-cash add-on pays €100 per night in hospital, up to 60 nights per year.
en|post|none|Is pregnancy covered after the waiting period?
en|post|none|are pre-existing conditions like asthma excluded from the health plan?
en|post|none|Are diabetes supplies covered or do I need the premium plan?
en|post|none|is physiotherapy after an injury reimbursed?
en|reply|none|Today is #WorldCancerDay 🎗️ Early screening saves lives, and our Health Plan includes a yearly check-up. #WorldCancerDay #prevention
en|reply|none|The permanent disability cover has a 5% deductible on disability from injury, see section 4 of the terms.
en|post|none|I'm sick of waiting on hold, this app gives me a headache every single time
en|post|none|does the travel policy cover COVID treatment abroad or not?
en|reply|none|Get well soon! If you need anything, just DM us.
en|reply|none|Mental Health Awareness Week 💚 Our health plan includes up to 10 therapy sessions a year. #MentalHealthAwareness
en|post|none|Nobody was hurt, thank god, but the car is a write-off
en|post|none|I work as a nurse in the hospital, is there a discount for healthcare workers?
en|post|none|does the accident cover pay out for 20% disability or is there a threshold?
# ---------- birth_date ----------
it|post|birth_date|Sono nata il 14/02/1987 e nel contratto c'è scritto 1978, come si corregge?
it|post|birth_date|data di nascita 05.11.1962, mi dite perché la tariffa è cambiata?
it|post|birth_date|mio figlio è nato il 2 aprile 2019, posso aggiungerlo alla polizza famiglia?
it|post|birth_date|Nato a Bari il 12-08-1971, cliente da 20 anni, e mi trattate così
it|reply|birth_date|Gentile Luca, abbiamo corretto la data di nascita in 23/06/1990 come ci ha chiesto.
it|reply|birth_date|Ciao Elena, per la verifica ci serve la conferma: è nata il 9 settembre 1984, giusto? Ti scriviamo in DM.
it|post|birth_date|il mio compleanno è il 3 maggio e il rinnovo mi arriva sempre quel giorno 🎂 coincidenze?
it|post|birth_date,tax_code|Mi chiamo Paola Ferri, nata il 17/01/1979, CF {CF}, perché non risulto nella vostra area clienti?
en|post|birth_date|DOB 03/07/1990, and your portal says I'm 52? fix it please
en|post|birth_date|I was born on 21 March 1979 and you keep sending me the over-65 offers
en|post|birth_date|My date of birth is 30/09/1985 but the renewal shows 1958. Typo on your side.
en|reply|birth_date|Hi Priya, we've updated your date of birth to 12 Dec 1993 on the policy.
en|post|birth_date|my daughter was born on 8 June 2022 and I want to add her to the health plan
en|reply|birth_date|Thanks Mark, to confirm: DOB 15/04/1969, correct? We'll continue by DM.
en|post|birth_date|born 02/11/1974, 30 years no claims and the premium goes up again
it|post|birth_date|Buongiorno, sono Giovanni Russo, data di nascita: 28/02/1956. Aspetto ancora la lettera di disdetta
it|reply|birth_date,policy_number|Gentile cliente, sulla polizza n. 7730192846 risulta data di nascita 11/10/1982: la correggiamo subito.
en|post|birth_date,email|My DOB is 19/05/1988 and my email is katie.m.rowe88@gmail.com, please update the record
it|post|birth_date|sono del 7 luglio 1995, neopatentato, quanto mi costa l'RC?
en|post|birth_date|Hello, my birthday is 14 August and your 'birthday discount' arrived in January 🤷
it|reply|none|Lanterna Assicurazioni è nata il 12/03/1998 a Milano e da allora protegge le famiglie italiane 💙
it|post|none|Il problema nacque il 3 marzo, quando avete cambiato l'app: da allora non vedo più i documenti
en|reply|none|Founded on 4 May 1908, Lanterna has been insuring Italian families for over a century.
en|post|none|The issue started on 12 January with the new portal and nobody has fixed it
it|post|none|sono classe '80, ho 44 anni e pago più di mio padre
it|post|none|Nel contratto hanno sbagliato la data di nascita, come faccio a correggerla?
en|post|none|I'm 42 and a first-time driver, any tips for cheaper cover?
it|reply|none|La nostra agenzia di Genova è nata il 1° giugno 1965: 60 anni di storia! 🎉 #anniversario
en|post|none|the app was born broken on 1 April and it's still a joke
it|post|none|il sinistro è del 12/03/2024 e la pratica è ancora ferma
en|reply|none|Please enter your date of birth in the format DD/MM/YYYY, e.g. 01/01/1980.
# ---------- policy_number ----------
it|post|policy_number|pol. 660193244 scaduta ieri e non mi avete mandato l'avviso
it|post|policy_number|la mia polizza casa è la 5129088340, perché mi avete addebitato due volte?
it|post|policy_number|Polizza n° 4410023981, ho pagato il 3 e l'app dice ancora "da pagare"
it|post|policy_number|contratto 88/441920 disdetto a settembre, mi arriva ancora il bollettino
it|reply|policy_number|Gentile cliente, abbiamo verificato il contratto n. 3302918847: il pagamento risulta registrato.
it|post|policy_number|n.polizza 00123987 — voglio sapere chi ha autorizzato l'aumento
it|post|policy_number|pol.nr 660193211 rinnovata senza il mio consenso!!!
it|reply|policy_number|Ciao Francesca, la polizza 7712-0934-11 è attiva dal 1° ottobre.
it|post|policy_number|numero di polizza LA2291044 e la carta verde dov'è??
it|post|policy_number|la polizza auto nr. 2024/118893 ha la scadenza sbagliata sul certificato
en|post|policy_number|policy # 77120934, why was my direct debit taken twice?
en|post|policy_number|Policy no. LA-2291044 renewal doc still missing, third time asking
en|reply|policy_number|Hi Dan, we checked policy 5530217764 and the refund was issued today.
en|post|policy_number|my policy number is 8830021945 and the app says it doesn't exist 🙄
en|post|policy_number|policy ref 44-0193-2287 - cancelled in Sept and you still charged me
en|reply|policy_number|Thanks Chris, your home policy #6601932440 has been updated with the new address.
en|post|policy_number|pol 9912034557 still not renewed, what's going on
it|post|policy_number|Certificato di assicurazione n. 0093381274: mi manca l'attestato di rischio
it|reply|none|Il numero di polizza ha 10 cifre, tipo 0000000000: lo trovi in alto a destra sul certificato.
it|reply|none|Per favore non scriva qui il numero di polizza, ci mandi un messaggio privato 🙏
en|reply|none|Your policy number has 10 digits like 0000000000 and is printed at the top of the schedule.
en|post|none|what's my policy number? I lost the email
it|post|none|la polizza casa mi costa 480 € e quest'anno è salita a 530 €, perché?
it|post|none|la polizza 2024 costa più di quella 2023 senza sinistri, assurdo
en|post|none|Your refund policy is a joke, 45 days to get my money back
en|reply|none|We take privacy seriously: please read our privacy policy at lanternaassicurazioni.it/privacy
it|reply|none|Ai sensi del Regolamento IVASS n. 24/2008 il reclamo sulla polizza riceverà risposta entro 45 giorni.
it|post|none|preventivo n. 2024-88123 scaduto, me ne fate un altro?
it|post|none|reclamo n. 55821 inviato il 2 ottobre, nessuna risposta
en|post|none|ticket #4402193 still open after 3 weeks
it|post|none|ordine n. 77120934 per la dashcam, quando arriva?
it|reply|none|La sua polizza n. ****5521 risulta regolarmente pagata.
en|reply|none|Your policy ending in 5521 is active until 31/12/2025.
it|post|none|codice cliente 55120933, nell'area riservata non vedo niente
it|post|none|ho pagato 1.250,00 € il 12/03 con bonifico e la polizza risulta sospesa
en|post|none|policy renewal 2025 arrived, 30% increase. Bye.
# ---------- claim_number ----------
en|post|claim_number|claim ref. 2024-CL-88102 - 6 weeks and not a single call back
it|post|claim_number|il mio sinistro è il 24/118/000772, chi me lo segue?
it|post|claim_number|Pratica sinistro 2024/55123: il perito non si è mai presentato
en|post|claim_number|Claim no. 883201, the adjuster promised payment by Friday
it|post|claim_number|rif. sinistro 24-0093311, carrozzeria convenzionata che non risponde
it|post|claim_number|sin. n. 7731024 aperto a giugno, ancora niente
it|post|claim_number|denuncia n. 2024/00871 fatta online, mi confermate che è arrivata?
en|post|claim_number|claim #5521908 rejected with no explanation
it|reply|claim_number|Buongiorno Sig. Conti, la pratica 118842 è stata passata al liquidatore.
it|reply|claim_number|Ciao Roberta, il sinistro n. 24/118/000913 è stato liquidato ieri 👍
en|reply|claim_number|Hi Mike, claim reference CL-2024-77310 has been approved, payment in 3-5 working days.
en|post|claim_number|my claim number is 2024CL55019 and nobody has called
it|post|claim_number|numero sinistro 770193 — la Vostra app dice "pratica inesistente"
en|reply|claim_number|Hi Laura, we've escalated claim no 66120943 to the claims manager.
it|post|claim_number,policy_number|Polizza 4410023982, sinistro nr. 24/551/00012: il perito dice che non è coperto
en|post|claim_number,policy_number|policy no. 8830021946, claim # 2024-55102. Still waiting.
it|post|claim_number|pratica n° 2023/4471 del furto, mi dite a che punto è?
en|post|claim_number|Rif. claim 7701-2293 - water damage, 2 months.
it|reply|none|Il numero di sinistro è nel formato AA/NNN/NNNNNN e lo trovi nella mail di apertura.
it|post|none|la pratica è ferma da due mesi, nessuno risponde
en|post|none|I want to make a claim for my stolen bike, how do I start?
en|post|none|someone called me claiming to be from Lanterna and asked for my bank details
it|post|none|il sinistro del 12/03 in via Roma 12 è ancora aperto
it|post|none|sinistro da 2.300 € e mi offrite 900, ridicolo
en|reply|none|Please don't post your claim number here, send us a DM instead 🔒
it|reply|none|La sua pratica n. ***8102 è in lavorazione.
en|post|none|claim submitted on 14/10, reference was sent by email but I can't find it
# ---------- email ----------
it|post|email|scrivetemi a mario.rossi78@gmail.com che qui non voglio parlare
it|post|email|la mia mail è giulia punto ferri chiocciola libero punto it, rispondetemi lì
en|post|email|email me at anna.conti [at] outlook [dot] com please
it|post|email|paolo.bassi (at) yahoo.it — aspetto ancora la quietanza
en|post|email|contact me on l.marino @ tiscali.it thanks
it|post|email|mandatemi il preventivo a sara . gentile @ gmail . com
en|reply|email|Hi Ben, we've sent the documents to ben.hollis1990@hotmail.co.uk as requested.
it|reply|email|Ciao Marta, abbiamo inviato la quietanza a marta.deluca@alice.it 📩
en|post|email|my email is tom dot baker at gmail dot com, send the green card there
it|post|email|Non ricevo niente, la mia PEC è franco.sala@pec.it
en|reply|email|Hi Olivia, your adjuster Giulia Moretti will contact you from giulia.moretti@lanternaassicurazioni.it
it|reply|email|Gentile cliente, può scrivere direttamente al suo agente Luca Ferrante: luca.ferrante@lanternaassicurazioni.it
it|post|email|Mi scrivete a roberto_galli chiocciola hotmail punto it?
en|post|email|reach me at jmorrison(at)proton.me
it|post|email|la mail è CARLA.VITALI@TIN.IT tutta maiuscola perché ho il blocco maiusc 😅
en|post|email,phone|call me on 347 112 2345 or write to d.price@yahoo.com
it|post|email,policy_number|pol. 660193277, mandatemi il certificato a f.esposito84@gmail.com
en|post|email|email: k.walsh [at] gmail.com, please send the renewal there
it|post|email|ecco la mia mail: andrea.neri at libero.it
en|post|email|I gave you my address (sam.patel at outlook dot com) three times already
it|reply|none|Può inviare il reclamo a reclami@lanternaassicurazioni.it, risponderemo entro 45 giorni.
it|reply|none|Per i sinistri scriva a sinistri@lanternaassicurazioni.it indicando i dati in privato.
en|reply|none|You can email our privacy team at privacy@lanternaassicurazioni.it
it|reply|none|La nostra PEC è lanternaassicurazioni@pec.lanternaassicurazioni.it
it|post|none|ho scritto a assistenza@lanternaassicurazioni.it e nessuno risponde
en|post|none|emailed reclami chiocciola lanternaassicurazioni punto it last week, nothing
en|post|none|@mario_rossi82 same thing happened to me with @LanternaAssicura
it|post|none|Guardate qui https://www.lanternaassicurazioni.it/sinistri?id=4837261 non funziona niente
en|reply|none|Please send us your email address in a private message, not here 🙏
it|post|none|seguite @giulia.ferri.88 che ha fatto un video sul vostro servizio pessimo
it|reply|none|Trovi tutto su lanternaassicurazioni.it/area-clienti
en|reply|none|Hi! Email us at assistenza@lanternaassicurazioni.it or call 02 8736 4100 (Mon–Fri 9–18).
it|reply|none|La mail registrata è m*****.r****@gmail.com: se non è più valida ci scriva in privato.
# ---------- phone ----------
it|post|phone|chiamatemi al 338 124 5678 che qui non rispondete
it|post|phone|il mio cell è tre tre otto uno due quattro cinque sei sette otto, richiamatemi
en|post|phone|call me on three four seven, two two one, nine eight seven six please
it|post|phone|cell. 347.112.2346 dalle 18 in poi
it|post|phone|+39 349-881-2034, aspetto la chiamata del perito
en|post|phone|My number is +39 333 4455667, the adjuster never calls
it|post|phone|tel. 06 5512 3398 (casa), richiamatemi domani
it|reply|phone|Ciao Lucia, ti richiamiamo al 340 998 1122 entro oggi 📞
en|reply|phone|Hi Peter, our adjuster will call you on 0044 7700 900123 tomorrow morning.
it|reply|phone|Il suo perito, Sig. Mancini, è raggiungibile al 335 602 1188.
it|post|phone|attenti, mi ha chiamato il 351 220 4419 dicendo di essere Lanterna e chiedendo l'IBAN!! truffa
en|post|phone|Scam alert: +39 328 550 1290 called pretending to be your claims team
it|post|phone|il mio fisso è 0521/284417, il cell non prende
it|post|phone|numero: 3 4 7 8 8 1 2 0 3 4, scrivetemi su whatsapp
en|post|phone|ring me on 07700 900456 - I'm in the UK this month
it|post|phone|tre quattro nove, sei sei uno, zero due otto nove: questo è il mio numero, non la mail!
en|post|phone|text me: three three eight one two four five six seven nine
it|post|phone|Chiamate mia moglie al 3391234560, io sono in ospedale per lavoro
it|reply|phone|Gentile cliente, la sua agente Dott.ssa Rinaldi la contatterà dal suo cellulare 331 445 6677.
en|post|phone|my landline 02 4471 2290 shows 5 missed calls from you and no voicemail, who is calling?
it|post|phone|ho un numero nuovo: (011) 562 33 18, aggiornatelo
it|reply|none|Può chiamare il nostro servizio clienti allo 02 8736 4100, dal lunedì al venerdì 9-18.
it|post|none|ho chiamato lo 02 8736 4100 e non risponde nessuno da un'ora
en|reply|none|Call us on +39 02 8736 4100 or on our free number 800 123 456.
it|reply|none|Numero verde 800 90 90 90, attivo 24 ore su 24 per il soccorso stradale.
it|post|none|in caso di emergenza chiamate il 112, non certo voi 😂
it|post|none|ho chiamato il vostro numero zero due otto sette tre sei quattro uno zero zero e mi hanno messo in attesa 40 minuti
en|reply|none|Please don't share your phone number here: send it by DM and we'll call you back.
it|post|none|cell. 347 *** **12, richiamatemi in mattinata
it|post|none|Ho pagato 350,00 € alle 14:30 del 12/03 e la polizza è ancora sospesa
it|post|none|CAP 20121 Milano, via Dante 14, mandate lì la carta verde
en|reply|none|Our office is open 9:00–18:00, Monday to Friday; calls to 0287364100 are charged at local rate.
it|post|none|ordine 3471182046 sul vostro shop di gadget mai arrivato
# ---------- iban ----------
it|post|iban|Rimborsatemi su {IBANg} e facciamola finita
it|post|iban|IBAN {IBAN}, intestato a mia moglie, va bene lo stesso?
it|post|iban|il mio iban è {IBANp} non quello vecchio
en|post|iban|please refund to {IBANg}, I've changed bank
en|post|iban|Refund to my German account {IBANde} please, I moved to Munich
it|reply|iban|Per il pagamento della rata può fare un bonifico su {IBAN} intestato a Lanterna Assicurazioni S.p.A.
en|reply|iban|You can pay the premium by bank transfer to {IBANg} (Lanterna Assicurazioni).
it|reply|iban|Ciao Stefano, abbiamo registrato il nuovo IBAN {IBANd} per il rimborso.
it|post|iban|iban {IBANd} — ve l'ho già scritto 3 volte
en|post|iban|My new IBAN is {IBAN}. Please stop sending money to the closed account.
it|post|iban,policy_number|polizza n. 5530217765, rimborso su {IBANg} grazie
en|post|claim_number,iban|claim no. 883244 - pay to {IBAN} asap
it|post|iban|{IBANg} questo è l'iban, il bonifico quando parte?
en|reply|iban|Hi Grace, the refund was sent to {IBANg} on Monday.
it|post|iban|L'iban corretto è {IBANp}, l'altro era di mia madre
en|post|iban|iban {IBANde}, I live in Germany now
it|reply|iban|Gentile cliente, confermiamo l'accredito sul conto {IBAN}.
en|post|iban|refund to {IBANd} thx
it|post|iban|mi accreditate la liquidazione su {IBAN}? è un conto cointestato
en|post|iban|Sort this out: {IBANg}. That's my IBAN. 30 days waiting.
it|post|iban,tax_code|IBAN {IBAN} e codice fiscale {CF}, adesso pagate
it|post|none|IBAN {IBANX} ho ricontrollato tre volte
en|post|none|refund to {IBANXg} please
it|reply|none|Ci risulta l'IBAN {IBANXb}: può ricontrollarlo in privato? Sembra errato.
it|post|none|il mio iban è {IBANXg}
en|post|none|my IBAN: {IBANXb} (copied from the app)
it|reply|none|Il suo IBAN IT** **** **** **** **** ***0 457 è stato registrato.
it|post|none|l'iban finisce con 0457, è quello giusto?
en|post|none|BIC BCITITMM, is that the one you need for the refund?
it|post|none|ABI 03069 CAB 09606: è la banca giusta per il rimborso?
en|reply|none|Please never post your IBAN publicly. Send it to us by DM 🔒
it|post|none|iban {IBANX}, rimborso dove??
en|post|none|Here is my IBAN {IBANX} - refund please
# ---------- tax_code ----------
it|post|tax_code|codice fiscale {CF}, controllate voi che io non ho più voglia
it|post|tax_code|il mio cf è {CFl} non mi fa accedere all'app
it|post|tax_code|CF: {CFs} (copiato dalla tessera sanitaria)
it|post|tax_code|Mi avete intestato la polizza con il codice fiscale sbagliato, quello giusto è {CF}
it|reply|tax_code|Ciao Davide, il codice fiscale {CF} risulta ora collegato al tuo profilo.
it|post|tax_code|{CFo} è il mio codice fiscale (omocodico), il sistema non lo accetta
en|post|tax_code|My Italian tax code is {CF}, your website keeps rejecting it
en|post|tax_code|codice fiscale {CFl} - why can't I log in?
en|reply|tax_code|Hi Luca, we've corrected your tax code to {CF} on the policy.
it|post|tax_code|cod. fisc. {CFs}
it|post|tax_code|{CF} ecco, adesso mi dite se ho la polizza attiva
it|post|tax_code|mio figlio ha il cf {CFo}, va inserito come beneficiario
en|post|tax_code|tax code {CFs}. Please fix the contract.
it|reply|tax_code,policy_number|Gentile cliente, polizza n. 9912034558 intestata a CF {CF}: la variazione è registrata.
it|post|tax_code|cf {CFl} e non mi arriva l'OTP
en|post|tax_code|codice fiscale: {CFo} (the one with letters instead of numbers)
it|post|plate,tax_code|Targa GH412KM, intestatario CF {CF}, attestato di rischio sbagliato
it|post|none|codice fiscale {CFX}, il sistema dice non valido ma è il mio!
it|post|none|il mio cf è {CFXl}
en|post|none|My tax code {CFX} is rejected by your site
it|reply|none|Il codice fiscale {CFX} non risulta valido, può verificarlo e mandarcelo in privato?
it|post|none|CF {CFX} e non mi fa registrare
it|reply|none|La partita IVA di Lanterna Assicurazioni è 01234560157.
it|post|none|codice sconto AB12CD34EF56GH78 non funziona sull'app
it|reply|none|Il CF termina con ...H501K? Ci scriva in privato per la verifica.
en|post|none|what's your VAT number? I need it for my expenses: company P.IVA
it|post|none|mi mandate il codice fiscale della compagnia? 11 cifre, per la fattura
en|post|none|tax code {CFXl} - login fails
# ---------- plate ----------
it|post|plate|Targa GH 412 KM, la carta verde non è mai arrivata
it|post|plate|mi hanno tamponato, la loro targa è fb551zx e non vogliono fare il CID
en|post|plate|The other car's plate was EX-228-TR and they drove off
it|post|plate|AB123CD è la mia macchina e risulta scoperta dal 1° del mese!!
it|reply|plate|Ciao Andrea, il veicolo targato FZ 908 LP risulta assicurato fino al 31/12.
en|reply|plate|Hi Rob, we've added the new car, plate GK 771 BX, to your policy.
it|post|plate|ho cambiato auto, la nuova è targata GL-019-RS, come la aggiorno?
en|post|plate|My plate is DY 334 ZN and the app still shows my old car
it|post|plate|la moto no ma la macchina sì: ER 562 TT. Assicurata o no?
it|post|plate|tamponamento in tangenziale, targa controparte CX 120 AA, che faccio?
en|post|plate|plate: fm218kt, can you check if it's covered?
it|reply|plate|Gentile cliente, per l'auto EF 774 GH il rinnovo è stato registrato.
it|post|plate|Targa HA 501 DS: bollettino arrivato con l'importo sbagliato
en|post|plate|the taxi that hit me was BT 662 RZ, is my cover ok?
it|post|plate|Mi è arrivata una multa per la GA812MN ma l'auto era dal carrozziere vostro
it|reply|none|Scriva la targa nel formato XX000XX, senza spazi, nel modulo online.
en|reply|none|Write your plate as XX000XX with no spaces in the form.
it|post|none|incidente sulla A1 vicino a Fiorenzuola, uscita chiusa
it|post|none|la mia Fiat 500 X ha la classe 14, perché pago così tanto?
en|post|none|stuck on the SS 16 waiting for roadside assistance for 2 hours
it|post|none|il codice FG482KL7 dell'app non funziona
en|reply|none|Our roadside assistance covers every km: call 800 123 456.
it|post|none|km 123 da Bologna, il carro attrezzi non arriva
it|post|none|la targa è ** *** ZX, non la scrivo tutta qui
# ---------- mixed, long ----------
it|post|claim_number,health,plate|Buongiorno, il 14 settembre sono stato tamponato sulla tangenziale est da un'auto targata GD 334 HK, il conducente ha fatto il CID e poi sparito. Ho avuto un trauma cranico lieve e tre settimane di collare, pratica sinistro 2024/77120, e ad oggi nessuno del vostro ufficio liquidazione mi ha chiamato. Sto valutando un avvocato.
en|post|email,health,policy_number|I've been a customer for 15 years and this is the worst experience ever. My husband had a heart attack in Sharm, was in intensive care for 4 days, and your assistance line made us pay everything upfront. Policy number 4471029384. Send everything to h.clarke71@gmail.com because I'm done with Messenger.
it|reply|claim_number,phone|Gentile Sig. Moretti, ci scusiamo per l'attesa. Il sinistro n. 24/118/001207 è stato assegnato al perito Ing. Fabbri, che la chiamerà al 347 220 1893 entro venerdì per fissare il sopralluogo.
en|reply|iban,policy_number|Hi Mr Russo, we've processed the cancellation of policy #6601932477 and refunded the unused premium of €212.40 to {IBANg}. It should arrive within 5 working days.
it|post|birth_date,phone,tax_code|Sono Marisa Gallo, nata il 22/10/1958, CF {CFs}, telefono 0382 451 227. Ho 65 anni e da due mesi cerco di cambiare l'indirizzo sulla polizza vita, ma il vostro modulo online mi dà sempre errore. Aiutatemi per favore.
it|post|none|Sono cliente da 22 anni, ho tre polizze con voi (auto, casa e vita), mai un sinistro, e quest'anno il premio della casa è aumentato del 18% senza una spiegazione. Ho chiamato il numero verde, ho scritto alla mail dei reclami, ho compilato il modulo sul sito: niente. Se entro fine mese non ricevo risposta disdico tutto e passo alla concorrenza. #LanternaAssicurazioni #servizioclienti
en|reply|none|Thanks for your patience, and sorry for the wait. Our Travel Plus policy covers emergency medical expenses abroad up to €1m, repatriation, and a hospital-cash benefit of €80 per night. Pre-existing conditions are covered if declared at purchase. You can find the full terms at lanternaassicurazioni.it/viaggi or call us on 02 8736 4100.
it|reply|none|Ciao Federica! Ecco come funziona il rinnovo: 30 giorni prima della scadenza ricevi l'avviso via mail e in app; puoi pagare con carta, PayPal o bonifico. Se hai cambiato auto, aggiorna la targa dall'area clienti prima del rinnovo, nel formato XX000XX. Per qualsiasi dubbio, scrivici in privato 💬
en|post|health,phone|Hello, my name is George Webb, I'm on holiday in Sicily and my daughter broke her arm at the beach. We've been at the A&E in Taormina for 6 hours. Your assistance line won't pick up. Please call me back on +44 7700 900781 urgently.
it|post|birth_date,health|Mia madre è nata il 4 febbraio 1941, ha l'Alzheimer ed è in RSA da un anno: la polizza LTC che ha sottoscritto nel 2010 dovrebbe pagare la retta ma ci chiedete ogni mese un nuovo certificato medico. Non è umano.
# ---------- more mixed and negatives, short ----------
it|post|policy_number,tax_code|polizza 4410023999 cf {CFl}
en|post|email,tax_code|Tax code {CF}, email luca.bianchi.90@gmail.com — sort out my account please
it|reply|email,policy_number|Ciao Simone, il certificato della polizza n. 3302918812 è stato inviato a simone.greco@virgilio.it
en|post|phone,plate|Plate FB 227 CL, hit in a car park, call me 3498812091
it|post|phone,policy_number|Polizza nr 5129088311, numero 320 445 9912, chiamatemi voi
en|post|claim_number,email|claim ref 2024-CL-90211, updates to r.shah[at]icloud.com please
it|post|email,phone|cell 3389912034 o mail v.ricci@gmail.com, basta che qualcuno mi risponda
en|reply|claim_number,plate|Hi Anna, claim no. 771203 for the car FK 882 SD is now closed and paid.
it|post|health,tax_code|ho la sclerosi multipla, cf {CF}, la polizza mi è stata rifiutata
en|post|birth_date,plate|DOB 11/11/1991, plate EZ 391 MP, quote please
it|post|iban,phone|iban {IBANp} e cellulare 331 902 4455, pagate
en|post|health,policy_number|policy no. 6601932499 - I was in hospital with appendicitis for 4 days, claim form attached
it|post|birth_date,policy_number|pol. 660193288, data di nascita 01/01/1970 sbagliata sul certificato
en|post|claim_number,health|my claim #2024-55199 is for my son's broken leg, 5 weeks now
it|post|email,iban|IBAN {IBAN}, ricevuta a carla punto bruni chiocciola gmail punto com
en|post|phone,tax_code|codice fiscale {CFo}, phone 347 881 0023
it|post|none|Rinnovo fatto, grazie a Chiara della vostra agenzia di Parma, gentilissima! ⭐⭐⭐⭐⭐
en|post|none|Best insurance ever, claim paid in 4 days 👏 #happycustomer
it|post|none|Quanto costa aggiungere la garanzia cristalli alla polizza auto?
en|post|none|Does the home policy cover flood damage in the basement?
it|reply|none|Ciao! La garanzia eventi atmosferici copre i danni da grandine fino a 5.000 € con franchigia di 250 €.
en|reply|none|Hi! Yes, you can pay the premium in monthly instalments with no extra cost.
it|post|none|ma perché l'app si chiude ogni volta che carico le foto del sinistro?
en|post|none|Renewal price went up 25% for no reason. Switching next month.
it|reply|none|Gentile cliente, ci dispiace per l'attesa. Le abbiamo scritto in privato per verificare la sua posizione.
en|reply|none|Sorry for the delay! We've sent you a private message to look into your account.
it|post|none|Il perito è venuto il 3/10 alle 15:00, da allora silenzio totale
en|post|none|I paid €612.30 on 02/09 and still no confirmation
it|post|none|la carta verde del 2025 dove la scarico?
en|post|none|Lanterna customer service is a joke #fail #insurance @LanternaAssicura
it|reply|none|Ti aspettiamo allo stand Lanterna al Salone dell'Auto di Torino, padiglione 3, dal 12 al 15 settembre 🚗
en|reply|none|Quick tip 💡 Keep a copy of your policy schedule in the app so you have it at the roadside.
it|post|none|Voglio disdire la polizza casa, a chi devo scrivere? Via Garibaldi 22, Torino, questo è il mio indirizzo nuovo
en|post|none|Your OTP code 482913 never arrives, I've tried 5 times
it|post|none|il verbale dei carabinieri n. 2024/3318 ve l'ho mandato, cos'altro serve?
en|post|none|police report ref 55/2024/MI sent last week, what else do you want?
it|reply|none|La classe di merito CU 2024 è calcolata sull'attestato di rischio al 31/10.
it|post|none|ho 3 figli e 2 auto, mi conviene la polizza famiglia?
en|post|none|Lost my job, can I suspend the car policy for 6 months?
it|post|none|La rata di 118,50 € scade il 15/11, posso pagarla il 20?
en|reply|none|Black Friday 🖤 -20% on the first year of your new home policy with code BF2025 until 30/11.
it|post|none|stamattina il vostro sito lanternaassicurazioni.it era giù, non riuscivo a scaricare nulla
en|post|none|I was born ready for this renewal increase 🙄 not.
it|post|none|Dopo 45 giorni ancora nessuna risposta al mio reclamo. IVASS arriviamo.
en|reply|none|Under the IVASS rules we answer written complaints within 45 days.
it|post|none|Mio padre è venuto a mancare a luglio, come si attiva la polizza vita?
en|post|none|My grandfather passed away in June, what documents do you need for the life claim?
it|reply|none|Le nostre più sentite condoglianze. Le scriviamo in privato per i documenti della polizza vita.
# ---------- additions: wordings, near misses ----------
it|post|policy_number|Polizza n°3302918899 – il bollettino riporta un importo diverso
it|post|policy_number|la mia polizza auto è la 4410023977 e nell'app non compare
en|post|policy_number|my car policy is 88300219 and the renewal letter has someone else's name on it
it|post|policy_number|contratto nr. 5129-088-340, chiedo la disdetta per vendita dell'auto
it|post|claim_number|il mio sinistro è il 24/118/000844 e aspetto da 90 giorni
it|post|claim_number|Rif. sinistro: 2024/118/55012 — la carrozzeria vuole essere pagata da voi
it|reply|claim_number|Ciao Giorgio, la pratica sinistro n. 2024/77391 è passata in liquidazione.
en|post|claim_number|claim ref: 2024-CL-88777, house flooded in October, nobody came
en|post|email|send it to nora.quinn @ gmail.com, not the old address
it|post|email|mandate tutto a luca . sartori @ libero . it per favore
en|reply|none|You'll find your policy # on the first page of the schedule, top right.
it|post|none|ho ricevuto una lettera con scritto 4410023981 in alto, cos'è?
it|post|none|mi è arrivato un sms con il codice 55120987, è una truffa?
it|post|iban|rimborso sul conto {IBANph}, grazie
it|post|none|iban {IBANXph} (rimborso sinistro auto)
en|post|none|refund to {IBANXph} please, that's the account
# ---------- additions: English balance ----------
en|reply|policy_number|Hi Sophie, policy no. 7730192855 has been renewed and the new documents are in the app.
en|reply|claim_number|Hi Ahmed, your claim ref. 2024-CL-91020 is with the loss adjuster, we'll update you by Friday.
en|reply|email|Hi Laura, we've resent the certificate to laura.bennett@outlook.com, please check your spam folder.
en|reply|phone|Hi Jack, our engineer will call you on +39 348 771 2045 to book the inspection.
en|reply|birth_date|Hi Emma, thanks: we've changed your date of birth to 07/03/1992 on the account.
en|reply|tax_code|Hi Marco, the tax code on your policy is now {CF}.
en|reply|plate|Hi Ryan, the courtesy car for FT 219 KD is booked for Monday.
en|reply|health|Hi Helen, we're sorry to hear about your mum's hip fracture. The hospital-cash claim has been opened, we've sent you a DM.
en|reply|health|Dear Ms Patel, for your daughter's 60% disability the benefit is paid under section 7, we'll explain by DM.
en|reply|iban|Hi Carlo, the payout for claim no. 771244 will go to {IBANg} tomorrow.
en|reply|none|Hi! Our Critical Illness cover pays a lump sum on diagnosis of a serious illness; the list of covered illnesses is in the terms.
en|reply|none|Hi Jess, please don't share your tax code or IBAN here. Send them by DM and we'll take it from there 🔒
en|reply|none|Happy #WorldHeartDay ❤️ Did you know our Health Plan includes a free cardiology check-up every 2 years?
en|reply|none|Our contact centre is on 02 8736 4100, claims by email at sinistri@lanternaassicurazioni.it.
en|reply|none|Lanterna was founded on 12 March 1998 in Milan. Thanks for being with us! 💙
en|post|phone|my mobile is 3 3 8 5 5 1 2 0 9 4, call after 5pm
en|post|phone|Ring me on 0039 347 220 1188, I'm abroad
en|post|email|email: marco.f.ricci at yahoo dot it
en|post|email|write to emily(at)hey.com, I don't use Facebook messages
en|post|health|I've had chronic back pain since the crash and my GP signed me off for 3 months
en|post|health|my father is 70% disabled after his stroke, can he still be the policyholder?
en|post|health|My 4-year-old has epilepsy, will the travel policy cover a seizure abroad?
en|post|birth_date|born on 3rd Feb 1980, why does your form say I'm 24?!
en|post|plate|someone reversed into my car at Esselunga, their plate was GB 410 XT
en|post|tax_code|tax code {CFs}, the portal says 'not found'
en|post|iban|IBAN {IBANp}, still no refund
en|post|claim_number|claim number 2024/55231, they lost my photos twice
en|post|policy_number|Policy number: 4410-0239-87. Cancel it. Now.
en|post|none|Is a pacemaker a pre-existing condition for the travel policy?
en|post|none|Do you cover IVF treatments under the health plan?
en|post|none|what's the waiting period for dental on the family plan?
en|post|none|Can I add my partner to my car policy if she's under 25?
en|post|none|My order #88120934 from your shop never arrived
en|post|none|your policy number format is silly, 10 digits starting with 00?
en|post|none|Is my tax code needed to get a quote? Seems a lot of data
en|post|none|@LanternaCare 3 weeks since I sent my IBAN by DM. Anyone there?
en|post|none|tax code {CFX} - your form rejects it, but it's on my card
en|post|none|that IBAN {IBANXb} is what your agent gave me, is it right?
