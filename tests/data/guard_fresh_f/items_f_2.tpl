it|reply|none|Gentile cliente, per proteggere i suoi dati la invitiamo a scriverci in privato: non pubblichi qui numero di polizza o codice fiscale 🙏
it|reply|none|Ciao Marta, ci dispiace per l'attesa! Ti abbiamo scritto in DM, ci trovi lì 💙
it|reply|health|Gentile Sig.ra Colombo, ci dispiace molto per l'intervento al ginocchio. Abbiamo sollecitato il rimborso della fisioterapia, le scriviamo in privato
it|reply|health,policy_number|Buongiorno Sig. Ferri, abbiamo verificato la polizza n. 0012345678: la sua frattura del radio rientra nella garanzia infortuni, l'indennizzo partirà entro 15 giorni
it|reply|policy_number|Ciao Paolo, la polizza nr. 660193211 risulta regolarmente disdetta dal 30/09, il rimborso del rateo arriva entro fine mese
it|reply|claim_number|Buongiorno, la pratica sinistro n. 2024/77310 è stata assegnata al perito, sarà contattato entro 48 ore
it|reply|claim_number,plate|Gentile cliente, il sinistro n. 24/118/000773 relativo al veicolo {PL} è in fase di liquidazione
it|reply|none|Gentile cliente, il numero di sinistro è nel formato AA/NNN/NNNNNN e lo trova nella lettera di apertura. Ce lo mandi in privato, non qui 😊
it|reply|none|Per aggiungere il veicolo nell'app inserisca la targa nel formato XX000XX, senza spazi
it|reply|none|La data di nascita va inserita come GG/MM/AAAA, ad esempio 01/01/1980. Se l'errore persiste ci scriva in privato
it|reply|none|Gentile cliente, il codice fiscale va inserito in maiuscolo, 16 caratteri senza spazi. Non lo scriva nei commenti pubblici, grazie!
it|reply|none|Ci dispiace per il disagio! Può chiamare il nostro servizio clienti allo 02 8736 4100, dal lunedì al venerdì dalle 9 alle 18
it|reply|none|Può contattarci al numero verde 800 912 233 oppure scrivere a sinistri@lanternaassicurazioni.it indicando il riferimento della pratica
it|reply|none|Per i reclami: reclami@lanternaassicurazioni.it o PEC lanternaassicurazioni@pec.lanternaassicurazioni.it. Rispondiamo entro 45 giorni come previsto dal Regolamento IVASS n. 24/2008
it|reply|none|Per esercitare i diritti privacy scriva a privacy chiocciola lanternaassicurazioni punto it, la risponderà il nostro DPO
it|reply|email|Gentile cliente, può inviare la documentazione direttamente alla collega che segue la pratica: francesca.galli@lanternaassicurazioni.it
it|reply|phone|Ciao Luca, il perito Dott. Mancini ti contatterà dal suo cellulare 340 551 2287, rispondi anche se non conosci il numero 😉
it|reply|phone|Buongiorno, la sua agente di riferimento è la Sig.ra Pozzi, può chiamarla direttamente al 328.774.1290
it|reply|none|Buongiorno, l'agenzia di Monza risponde allo 039 ma le consigliamo di usare il nostro numero verde 800 912 233, attivo 24 ore su 24 per i sinistri
it|reply|phone|Gentile Sig. Galli, la richiameremo al numero che ci ha indicato, 06 5532 8841, domani mattina
it|reply|email|Abbiamo inviato la conferma all'indirizzo mario.rossi82@gmail.com, controlli anche lo spam
it|reply|none|Abbiamo inviato la conferma all'indirizzo che ci ha indicato in privato (m*****.r****@gmail.com), controlli anche lo spam
it|reply|tax_code|Gentile cliente, abbiamo corretto il codice fiscale in {CF}, ora dovrebbe poter accedere all'area riservata
it|reply|none|Gentile cliente, il codice fiscale che ci ha indicato ({CFX}) non risulta corretto, può verificarlo sulla tessera sanitaria e scriverci in DM?
it|reply|none|Il codice fiscale che ha indicato termina con ...H501K? Ci confermi in privato le ultime cifre, grazie
it|reply|iban|Gentile cliente, il rimborso è stato disposto sull'IBAN {IBANg}, lo vedrà entro 3 giorni lavorativi
it|reply|none|Gentile cliente, il rimborso è stato disposto sull'IBAN IT** **** **** **** **** **** 457, lo vedrà entro 3 giorni lavorativi
it|reply|iban|Per il pagamento del premio può fare bonifico al nostro conto {IBAN} indicando nome e targa
it|reply|none|Attenzione: Lanterna Assicurazioni non chiede MAI di fare bonifici su IBAN comunicati via social o WhatsApp. Se ricevete messaggi simili segnalateli a noi
it|reply|birth_date|Gentile Sig. Riva, abbiamo aggiornato la data di nascita nel contratto: 14/03/1987. Può scaricare il nuovo certificato dall'app
it|reply|none|Gentile Sig. Riva, abbiamo aggiornato la data di nascita nel contratto come richiesto. Può scaricare il nuovo certificato dall'app
it|reply|birth_date|Ciao Elena, per aggiungere la piccola Sofia, nata il 5 gennaio 2019, basta un'appendice alla polizza famiglia: te la mandiamo in privato
it|reply|none|Lanterna Assicurazioni è nata il 12 maggio 1908 a Milano: oggi festeggiamo 118 anni insieme a voi 🎉
it|reply|none|La nostra agenzia di Bergamo è nata il 1° giugno 1965 e oggi compie 61 anni! Grazie a tutti i clienti che ci hanno dato fiducia
it|reply|none|Auguri di buon compleanno anche a te, Giada! 🎂 Ci fa piacere che la polizza ti sia stata utile
it|reply|none|La garanzia Infortuni copre fratture, ustioni e lesioni da incidente con una franchigia del 3% sull'invalidità permanente
it|reply|none|Diaria da Ricovero: 100 € per ogni notte in ospedale, fino a 90 notti all'anno. Trovi tutti i dettagli nel set informativo
it|reply|none|La copertura Malattie Gravi paga un capitale alla diagnosi di tumore, ictus, infarto, sclerosi multipla o insufficienza renale. Periodo di carenza: 90 giorni
it|reply|none|La gravidanza è coperta dopo 300 giorni dalla sottoscrizione, il parto cesareo è in garanzia al 100% nelle strutture convenzionate
it|reply|none|Le condizioni preesistenti come diabete o ipertensione vanno dichiarate nel questionario sanitario, non sono escluse automaticamente
it|reply|none|Con la polizza Long Term Care, in caso di perdita dell'autosufficienza, ricevi una rendita mensile. Ne parliamo in privato?
it|reply|none|Ottobre è il mese della prevenzione 🎀 Con la Polizza Salute Donna la mammografia annuale è gratuita nei centri convenzionati #LanternaPerLeDonne
it|reply|none|Oggi è la #GiornataMondialeSaluteMentale 💚 Ricordiamo che la nostra polizza Salute Plus include 10 sedute di psicoterapia all'anno
it|reply|none|Buongiorno, la fisioterapia è rimborsata solo se prescritta dal medico e collegata a un infortunio coperto. Per il suo caso ci scriva in privato
it|reply|health|Buongiorno Sig. Neri, la fisioterapia per la sua ernia del disco è rimborsata, ci mandi le fatture in privato e procediamo
it|reply|health|Gentile Sig.ra Marchi, ci dispiace molto per la diagnosi di suo marito. Per la copertura Malattie Gravi la contattiamo in privato
it|reply|health|Ciao Giulia, auguri per la gravidanza! 🤰 La polizza copre le ecografie già dal terzo mese, ti scriviamo in DM per i dettagli
it|reply|none|Ciao Giulia, auguri di pronta guarigione! Ti scriviamo in DM per i dettagli
it|reply|health|Gentile cliente, per la sua invalidità del 30% riconosciuta dal medico legale l'indennizzo è stato calcolato sulla tabella INAIL
it|reply|health|Ci dispiace per il ricovero di sua madre. La diaria verrà pagata dopo la dimissione, basta la copia della cartella clinica
it|reply|health|Gentile Sig. Bassi, capiamo che dopo il bypass non possa recarsi in agenzia: il perito verrà a domicilio
it|reply|health|Buongiorno, abbiamo ricevuto il referto della TAC di suo figlio e lo abbiamo inoltrato al medico fiduciario
it|reply|health|Ciao Marco, tranquillo: con il gesso al braccio puoi firmare anche con lo SPID, non serve venire in agenzia
it|reply|none|Ciao Marco, tranquillo: puoi firmare anche con lo SPID, non serve venire in agenzia
it|reply|none|Siamo vicini alla famiglia per la scomparsa del Sig. Rinaldi. Per la liquidazione della polizza vita vi contatteremo in privato
it|reply|health|Siamo vicini alla famiglia per la scomparsa del Sig. Rinaldi a causa della SLA. Per la liquidazione della polizza vita vi contatteremo in privato
it|reply|health|Gentile cliente, la terapia con insulina di sua figlia rientra nelle spese rimborsabili della polizza Salute Famiglia
it|reply|none|Le spese per insulina e sensori glicemici rientrano nella polizza Salute Famiglia, nei limiti del massimale annuo
it|reply|none|Il rimborso spese mediche copre visite specialistiche, esami diagnostici e ricoveri. Per il dettaglio veda le condizioni art. 12
it|reply|none|Il nostro servizio di telemedicina è attivo 24/7: un medico risponde in pochi minuti dall'app. Non serve essere malati per provarlo 😉
it|reply|none|Per la polizza animali: le visite veterinarie e gli interventi chirurgici del tuo cane sono coperti fino a 2.000 € all'anno 🐶
it|reply|none|Ci dispiace che il tuo gatto sia stato operato, la polizza Pet rimborsa l'80% delle spese veterinarie: mandaci le fatture in DM 🐱
it|reply|none|Per fortuna nessuno si è fatto male! Per il danno al veicolo può aprire la denuncia direttamente dall'app
it|reply|none|Il soccorso stradale è attivo h24 al numero verde 800 912 234. In caso di feriti chiami subito il 112
it|reply|none|Ci scusiamo per la lentezza dell'app, i nostri tecnici stanno curando il malato 😅 entro stasera tutto tornerà normale
it|reply|policy_number|Gentile cliente, la polizza auto nr. 2024/118894 è stata sospesa come richiesto. La riattivazione si fa dall'app
it|reply|policy_number|Ciao Chiara, il contratto n. 77/230018 è attivo e il pagamento risulta registrato, la ricevuta è nella sezione documenti
it|reply|none|Ciao Chiara, il contratto è attivo e il pagamento risulta registrato, la ricevuta è nella sezione documenti
it|reply|none|Il numero di polizza lo trovi in alto a destra nella prima pagina del contratto, ma non scriverlo qui! Mandacelo in DM 🙏
it|reply|none|La polizza 2025 costa di più per l'aumento generale dei premi RC auto, non per il suo profilo: la classe di merito resta 1
it|reply|none|Gentile cliente, il preventivo n. 2024-99812 è valido 30 giorni. Il prezzo in agenzia può variare per le garanzie accessorie
it|reply|none|Abbiamo registrato il suo reclamo con il n. 55821, riceverà risposta scritta entro 45 giorni
it|reply|none|La segnalazione n. 4410023 è stata inoltrata all'ufficio tecnico, ci scusiamo per il disagio
it|reply|claim_number|Buongiorno, la denuncia n. 88120934 è stata registrata il 03/10 e il perito ha già fissato il sopralluogo
it|reply|none|Buongiorno, la denuncia è stata registrata il 03/10 e il perito ha già fissato il sopralluogo per il 12/12 alle 10:30
it|reply|none|Il verbale dei carabinieri n. 2024/3318 non è necessario per aprire il sinistro, basta il CAI firmato da entrambi
it|reply|claim_number|Gentile cliente, la pratica 55123/24 è stata chiusa con un pagamento di 1.250,00 € il 28/11
it|reply|none|Gentile cliente, la pratica n. ***8102 è stata chiusa con un pagamento di 1.250,00 € il 28/11
it|reply|claim_number,health|Ci dispiace per il colpo di frusta, Sig.ra Longo. Per la pratica n. 2024/55817 serve ancora il referto del pronto soccorso, ce lo mandi in privato
it|reply|plate|Ciao Davide, abbiamo aggiunto il veicolo targato {PLl} alla tua polizza, il nuovo certificato è in app
it|reply|none|Ciao Davide, abbiamo aggiunto il nuovo veicolo alla tua polizza, il nuovo certificato è in app. Ricorda che la Fiat 500 X ha diritto allo sconto scatola nera
it|reply|plate,policy_number|Gentile cliente, la sostituzione del veicolo {PLs} sulla pol. 9912034557 è stata registrata
it|reply|birth_date,tax_code|Ciao Andrea, per completare la registrazione abbiamo usato questi dati: nato il 22/09/1968, CF {CFs2}. Se qualcosa non torna scrivici in DM
it|reply|iban,policy_number|Gentile Sig. Esposito, il rimborso della polizza n. 3302918898 sarà accreditato sull'IBAN {IBANp}
it|reply|none|Gentile Sig. Esposito, il rimborso sarà accreditato sull'IBAN che ci ha comunicato in privato, quello che termina con 0457
it|reply|email,phone|Ciao Sara, il tuo agente Matteo Villa ti aspetta in agenzia: puoi scrivergli a matteo.villa@lanternaassicurazioni.it o chiamarlo al 347 220 9911
it|reply|none|Ciao Sara, il tuo agente ti aspetta in agenzia di via Dante 14, Bergamo (CAP 24121), dal lunedì al sabato dalle 9 alle 13
it|reply|none|Gentile cliente, OTP 482913 non è un codice che le chiederemo mai via social. Se qualcuno glielo chiede, è una truffa
it|reply|health|Gentile Sig.ra Conti, siamo spiacenti per la sua depressione post partum: il rimborso delle sedute di psicoterapia è stato approvato
it|reply|health|Caro Luigi, dopo il tuo infarto capiamo benissimo la fretta: la pratica della polizza Salute è già in lavorazione, ti aggiorniamo in DM
it|reply|none|Caro Luigi, capiamo benissimo la fretta: la pratica è già in lavorazione, ti aggiorniamo in DM ❤️
it|reply|health|Gentile cliente, per la sua patologia oncologica la carenza non si applica perché la polizza era già attiva: procediamo con il rimborso della chemioterapia
it|reply|none|Con la polizza Salute Plus chemioterapia e radioterapia sono rimborsate al 100% nei centri convenzionati, senza anticipare nulla
it|reply|health|Ci dispiace per l'incidente di tuo fratello e per i giorni in terapia intensiva. Per tutto ciò che riguarda il sinistro ti scriviamo in privato
it|reply|health|Gentile Sig. Romano, abbiamo preso nota che usa la sedia a rotelle: il perito verrà a casa sua, al piano terra
it|reply|none|Gentile Sig. Romano, il perito verrà a casa sua, così non dovrà spostarsi. Ci faccia sapere l'orario preferito
it|reply|health|Ciao Federica, la sindrome di Ehlers-Danlos della tua bambina non è esclusa dalla polizza: le visite genetiche sono rimborsabili
it|reply|none|Le malattie rare non sono escluse dalla polizza Salute Famiglia. Le visite genetiche sono rimborsabili con prescrizione
it|reply|health|Gentile Sig. Moretti, il certificato del SerD che attesta la conclusione del percorso di disintossicazione ci basta per riattivare la polizza
