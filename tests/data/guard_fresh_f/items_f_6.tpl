it|post|birth_date,tax_code|Dati per la voltura: Rosa Caruso, nata a Lecce il 18.06.1952, c.f. {CFs}
it|post|tax_code|codice fiscale di mio figlio {CFo} (il comune gli ha dato quello con le lettere al posto dei numeri, omocodia o come si chiama) e il vostro sito lo rifiuta
it|post|tax_code|Ecco il CF come mi avete chiesto: {CFs2} ... ma perché serve di nuovo?
it|post|none|Ecco il CF come mi avete chiesto: {CFXs} ... ma perché serve di nuovo?
it|post|tax_code,plate|ciao, targa {PL} intestata a mia madre, cf {CFl}, posso fare io la denuncia?
it|post|none|il codice fiscale della vostra società è 01234567890? mi serve per la detrazione del premio
it|post|none|P.IVA 12345678901 è quella dell'agenzia di Monza o della sede? in fattura c'è scritta un'altra
it|post|tax_code,health|per la detrazione della fisioterapia di mio padre dopo l'ictus nel 730 serve il suo codice fiscale, è {CF}, lo mettete voi in fattura?
it|reply|tax_code|Gentile Sig.ra Serra, il certificato è stato riemesso con il codice fiscale {CFs2}, lo trova nell'area riservata
it|reply|tax_code,policy_number|Buongiorno, abbiamo associato il codice fiscale {CFo} alla polizza n. 5129088341, ora l'accesso dovrebbe funzionare
it|reply|none|Buongiorno, abbiamo associato il codice fiscale alla sua polizza, ora l'accesso dovrebbe funzionare. Per sicurezza non lo pubblichi qui
it|post|tax_code,iban|rimborso a nome di Lucia Fabbri {CF} sul conto {IBANg} grazie
it|post|tax_code|ho rifatto la registrazione 4 volte col cf {CF} e mi dice utente già esistente 🤬
it|post|none|ho rifatto la registrazione 4 volte col cf {CFX} e mi dice utente già esistente 🤬
it|post|tax_code,birth_date|Buongiorno sono Davide Greco, data di nascita 03/04/1981, CF {CF}, chiedo di essere ricontattato
en|post|tax_code|My Italian tax code is {CFs} - the app keeps saying "invalid", it's literally printed on my health card
en|post|none|My Italian tax code is {CFXs} - the app keeps saying "invalid", it's literally printed on my health card
en|reply|tax_code|Hi Marco, we've updated the codice fiscale on your account to {CFl}. Please log out and in again
en|post|tax_code,birth_date|Registering my mother: born 27 October 1949, codice fiscale {CF}
en|post|tax_code,email|Italian tax ID {CF}, email for docs: k.novak@seznam.cz
it|post|iban|Vi riscrivo l'iban perché l'avete sbagliato voi: {IBANp}
it|post|none|Vi riscrivo l'iban perché l'avete sbagliato voi: {IBANB}
it|reply|iban|Gentile cliente, per il versamento del premio può usare l'IBAN della compagnia {IBANd} con causale nome e targa
it|post|iban,phone|iban {IBAN} e se serve mi chiamate al 366 102 8874
en|reply|iban|Hi Luca, the refund was paid to {IBANCH} on 2 December
en|post|iban|My Spanish bank details: {IBANESg} - please stop paying the old Italian account
en|post|none|My Spanish bank details: {IBANXESg} - please stop paying the old Italian account
it|post|iban,claim_number|liquidazione sinistro n. 2024/118/000981 da pagare su {IBAN}, lo ripeto per la terza volta
it|reply|iban,claim_number|Gentile Sig. Vitale, per la pratica n. 77320/24 il bonifico è partito oggi verso {IBANg}
en|post|iban|refund to {IBANBE} please, I moved to Brussels
it|post|plate|qualcuno ha visto chi ha urtato la mia Punto bianca targata {PLs} ieri in via Cavour? 🙏 condividete
it|post|plate|{PL} ti ho visto mentre parcheggiavi sul marciapiede e mi hai rotto il paraurti, ho già chiamato l'assicurazione
it|post|plate,claim_number|rif. sinistro 24-0093412, targa controparte {PLd}, il suo assicuratore dice che non risulta niente
it|reply|plate|Ciao Simone, la scatola nera della {PL} risulta disattivata dal 10/11, ti scriviamo in privato per riattivarla
it|post|plate|ho cambiato auto, la nuova è {PLl} ma in app vedo ancora la vecchia
it|post|plate,health|mi hanno investito sulle strisce, la macchina era {PLs}, ho la gamba ingessata e non posso andare dai carabinieri
en|post|plate|My Italian rental {PL} got keyed in Florence, do I report it to you or Hertz?
en|post|plate|the car that rear-ended me was {PLd}, driver said he's insured with you
en|reply|plate,claim_number|Hi Jo, the third party vehicle {PLs} is insured with us; your claim ref 2024-CL-90177 has been linked to it
it|reply|plate|Gentile cliente, la copertura cristalli per la {PLl} è attiva dal 1° dicembre
it|post|plate|targa {PL}, scadenza 15/12, non mi è arrivato nessun avviso di rinnovo
en|post|plate,policy_number|car {PL} is on policy no. 88300220 but the app shows my old Punto
it|post|birth_date|mio marito è nato il 30 febbraio... scherzo, è nato il 29/02/1976 e il vostro sistema non lo accetta 😅
it|post|birth_date|Il mio compleanno è il 3 maggio, non il 5 marzo come avete scritto nella polizza
it|post|birth_date,health|mio figlio nato il 12 settembre 2022 ha una cardiopatia congenita, lo posso inserire nella polizza salute?
it|reply|birth_date|Ciao Federica, abbiamo inserito la piccola Emma (nata il 21/07/2024) nella polizza famiglia dal prossimo rinnovo
it|post|birth_date|data nascita 9-11-1963 e non 11-9-1963, correggete per favore
it|reply|birth_date|Gentile Sig. Leone, nei nostri archivi risulta nato a Napoli il 15 agosto 1958: se il dato è errato ci scriva in privato
en|post|birth_date|Your form says I'm born 1 Jan 1900 lol. Actually born on 21st June 1992, please fix
en|reply|birth_date|Hi Grace, we've updated your daughter's date of birth to 08/03/2015 on the family plan
en|post|birth_date,phone|born 05/12/1988, mobile 07911 448 203 - need a call back about my quote, I'm the policyholder
en|post|birth_date|My twin sister and I were born on 14/10/1997 and your system merged our accounts 🙃
it|post|birth_date|sono nata il 1° aprile 1990, si non è uno scherzo, e il vostro modulo me lo rifiuta
it|post|claim_number|numero sinistro 7731099 perito mai arrivato, auto ferma in carrozzeria da 20 giorni
it|post|claim_number|pratica n.55912 del 2024, mi dite a che punto è?
en|post|claim_number|Rif. claim 7701-2311 - second month waiting
en|reply|claim_number|Thanks Helen, claim reference CL-2024-77402 is now with the glass repair partner
it|post|claim_number,health|rif sinistro 24-0094002 - mi hanno tolto il gesso ieri e inizio la fisioterapia, mando le ricevute a voi?
it|post|email|email personale: francesca.pozzi@tiscali.it (non quella del lavoro)
it|post|email|la PEC mia è luca.galli@pec.it, per favore usate quella per il reclamo
en|post|email|my email is ravi underscore patel at hotmail dot co dot uk
it|reply|email|Gentile cliente, la perizia è stata inviata a g.romano@libero.it come da sua richiesta
en|reply|email|Hi Kate, your adjuster is Tom Fletcher, you can reach him on tom.fletcher@lanternaassicurazioni.it
it|post|email,health|sono sorda dalla nascita, niente telefonate per favore, solo mail: marta.neri91 chiocciola gmail punto com
en|post|email,claim_number|claim no. 2024-CL-88390 - reply to me at h.walsh@btinternet.com, not the generic address
it|post|email|scrivete a mia figlia che gestisce lei: chiara.conti@hotmail.it
en|post|email|send it to priya.shah [at] gmail [dot] com thx
it|reply|email,phone|Gentile cliente, il perito incaricato è l'Ing. Barbieri: stefano.barbieri@studiobarbieri.it, cell. 345 661 0293
en|post|email|Please contact my husband instead: mark.reed1975@gmail.com
it|post|phone|il numero del mio avvocato è 02 7788 1234, parlate con lui del sinistro
it|post|phone|(011) 562 33 18 è il numero di casa di mia madre, chiamate lì per la perizia
en|post|phone|Text me on +33 6 12 34 56 78, I'm in Lyon for work
en|reply|phone|Hi Sam, we'll call you back on +49 151 2345 6789 as requested, between 3 and 4pm CET
it|post|phone|0039 340 551 2287 chiamate chi volete ma fatemi sapere qualcosa
it|post|phone,policy_number|pol.nr 660193299 - il numero per ricontattarmi è 081 764 2210
it|post|health,policy_number|polizza salute n. 4410-0239-88: ho fatto 10 sedute di radioterapia e voglio sapere quanto mi rimborsate
en|post|health,policy_number|policy #6601932441 - my daughter had her tonsils out last week and the clinic says you haven't paid
it|post|policy_number|la mia polizza auto è la 2024/118901, mi dite quando scade? In app non si vede
en|post|policy_number|POLICY 7720019477 - still waiting for the green card for my trip to Albania
it|post|health|mia sorella ha avuto un aborto spontaneo al 3° mese e la polizza non le riconosce i giorni di ricovero
it|post|health|sono in terapia con il metadone da 2 anni e il questionario mi chiede se faccio uso di sostanze, cosa scrivo?
it|post|health|mio nipote ha la sindrome di Down, può essere assicurato con la polizza infortuni della scuola?
it|post|health|mi hanno messo un bypass gastrico e ora nel questionario c'è scritto obesità, devo dichiararlo?
it|post|health|Il mio collega Fabio ha avuto un malore in ufficio, infarto, e voi come assicurazione aziendale non vi siete fatti sentire
it|post|health|soffro di emicrania cronica e prendo il topiramato, la visita dal neurologo è compresa?
en|post|health|I'm bipolar and on lithium, do I have to declare that on the life insurance form?
en|post|health|My daughter was diagnosed with leukaemia in September, the claims team wants originals of everything. We live in the hospital right now.
en|post|health|our neighbour, Mr Clarke, had a fall and broke his hip, and your home policy people said he needs to fill in the form himself
en|post|health|Got glasses after the accident because my vision is blurry since the concussion, can I claim for them?
en|post|health|had a miscarriage in July and took 3 weeks off, the income protection claim was refused
en|post|health|my dad's dementia is getting worse and he keeps renewing policies he doesn't need
en|post|health|been to A&E twice this week with chest pains, can't deal with your paperwork right now
