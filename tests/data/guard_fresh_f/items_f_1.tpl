it|post|health|Buongiorno, sono 3 settimane che aspetto il rimborso della fisioterapia per il colpo di frusta che mi sono presa a marzo, nessuno mi risponde 😡
it|post|claim_number,health|ho fatto la risonanza al ginocchio come mi avete chiesto, pratica n. 2024/55817, ora che altro volete??
it|post|none|ma la polizza salute copre anche la fisioterapia o solo le visite specialistiche? grazie
it|post|none|Mi fate venire un infarto ogni volta che apro l'app, 3 aggiornamenti in una settimana e ancora non va il login
it|post|health|mio marito ha avuto un ictus a gennaio e da allora è tutto sulle mie spalle, anche le vostre carte. Un po' di umanità per favore
it|post|health,policy_number|Salve la mia polizza casa è la 5129088340, vorrei sapere se posso sospendere il pagamento visto che sono in chemio e non lavoro
it|post|none|Mio padre è venuto a mancare il mese scorso, come si attiva la polizza vita? Non trovo nessun documento
it|post|health|mio padre è morto di infarto a 58 anni e per la polizza vita mi chiedete la cartella clinica di 10 anni fa... ma vi rendete conto
it|post|none|la vostra app è in coma da stamattina, ci vuole il defibrillatore 😂
it|post|phone|Richiamatemi per favore al 347 882 1034 dopo le 18, di giorno lavoro
it|post|phone|cell 3391234560 chiedete di Anna, grazie
it|post|none|Ho chiamato lo 02 8736 4100 tre volte e non risponde nessuno, musichetta infinita
it|post|none|Il numero verde 800 912 233 è sempre occupato, ma avete chiuso??
it|post|phone|il mio fisso è 06 5532 8841, il cellulare non prende in casa
it|post|phone|mi ha chiamato il 351 448 2290 uno che diceva di essere di Lanterna e mi chiedeva i dati della carta, è una truffa? state attenti tutti
it|post|phone|tel. 0521/284417 (ufficio), chiedere di Bertolini
it|post|email|scrivetemi a giulia punto ferri chiocciola libero punto it che su messenger non riesco ad allegare
it|post|email|vi ho scritto da mario.rossi82@gmail.com ma non mi arriva niente
it|post|none|ho scritto a reclami@lanternaassicurazioni.it il 4 novembre, ancora niente. Sono passati 30 giorni
it|post|none|seguitemi su @giulia.ferri.88 che vi racconto tutta la storia del mio sinistro 🙄
it|post|tax_code|il mio codice fiscale è {CF} ma l'app mi dice che non è valido, cosa devo fare?
it|post|none|il mio codice fiscale è {CFX} ma l'app mi dice che non è valido, cosa devo fare?
it|post|tax_code|cf {CFl} nome Luca, mi dovete rifare il certificato che è sbagliato il cognome
it|post|none|Mi mandate il modulo per cambiare il codice fiscale sul contratto? Mia moglie l'aveva scritto sbagliato
it|post|tax_code|Buonasera questo è il cod fiscale di mia madre {CFs} serve per la denuncia?
it|post|iban|per il rimborso usate questo iban {IBAN} intestato a me
it|post|iban|IBAN nuovo: {IBANg} (ho cambiato banca a settembre)
it|post|none|IBAN nuovo: {IBANXg} (ho cambiato banca a settembre)
it|post|none|il rimborso è arrivato sul conto che finisce con 0457, tutto ok grazie mille!
it|post|plate|targa {PL} tamponato in rotonda a Rho ieri sera, l'altro è scappato, che faccio?
it|post|plate|Mi hanno rigato la macchina nel parcheggio dell'Esselunga, targa {PLs}, c'è la telecamera
it|post|plate|ciao raga qualcuno ha visto una panda grigia {PLl} che ieri ha preso la mia bici in via Mazzini? l'ha fatto apposta
it|post|none|ho la Fiat 500 X da 2 anni e ancora mi aumentate il premio, classe 14 ma dai
it|post|none|incidente in A1 all'altezza di Lodi, per fortuna nessun ferito ma la macchina è da buttare
it|post|claim_number|sinistro n. 24/118/000772 aperto ad agosto e ancora il perito non si è visto, vergogna
it|post|claim_number|pratica sinistro 2024/55123: la carrozzeria mi chiede i soldi perchè voi non pagate
it|post|none|il sinistro del 12/03 in via Roma 12, sinistro da 2.300 €, e voi mi offrite 800?? ridicoli
it|post|none|La pratica è ferma da luglio. Ma che ci state a fare
it|post|policy_number|pol. 660193244 disdetta inviata con raccomandata a settembre, mi avete addebitato lo stesso il rinnovo
it|post|policy_number|n.polizza 00123987 - voglio sapere perchè è aumentata del 30%
it|post|policy_number|polizza n°3302918899 non riesco ad aggiungerla nell'app, mi dice codice errato
it|post|none|la polizza da 480 € per una Yaris del 2011? ma siete fuori
it|post|none|ho ricevuto una lettera con scritto 4410023981 in alto a destra, cos'è? non ho mai avuto polizze con voi
it|post|none|mi è arrivato un sms con il codice 55120987, devo inserirlo da qualche parte?
it|post|birth_date|Nell'area clienti c'è la data di nascita sbagliata, sono nato il 14/03/1987 non il 1978!!
it|post|birth_date|mia figlia è nata il 5 gennaio 2019, posso aggiungerla alla polizza famiglia?
it|post|none|sono del '75 e mi trattate come un neopatentato, classe di merito 14 dopo 25 anni senza incidenti
it|post|none|ho sbagliato la data di nascita nel preventivo online, come la correggo?
it|post|birth_date|sono del 7 luglio 1995, perchè nel preventivo risulto nato nel 1959??
it|post|none|ho 42 anni e per la prima volta faccio un incidente, e voi mi trattate così
it|post|health|sono incinta di 5 mesi e la ginecologa mi ha detto di fare riposo, posso rimandare la perizia?
it|post|health|Mia figlia ha la fibrosi cistica, la polizza salute famiglia le copre i farmaci o no? Ci serve una risposta chiara
it|post|none|La polizza copre la fisioterapia dopo un infortunio o bisogna fare la garanzia a parte?
it|post|none|domanda generica: con l'asma si può fare la polizza salute o è considerata preesistente?
it|post|health|ho l'asma da quando ero bambina e nel questionario l'ho dichiarato, ora non mi volete rimborsare l'inalatore
it|post|health|sono invalido civile al 75% e la vostra app non è per niente accessibile, complimenti
it|post|none|la polizza paga dal 60% di invalidità permanente o da meno? nel fascicolo non si capisce
it|post|health|mia madre ha l'invalidità all'80 per cento e con la 104 dovrebbe avere lo sconto, o sbaglio?
it|post|none|la polizza fa sconti a chi ha la 104? chiedo per informazione
it|post|health|ho la 104 per mio figlio autistico, per favore non fatemi chiamare il numero a pagamento ogni volta
it|post|health|3 giorni in ospedale dopo il tamponamento, e adesso mi dite che il referto del pronto soccorso non basta
it|post|none|incidente proprio davanti all'ospedale San Paolo, il vigile ha fatto il verbale n. 2024/3318
it|post|none|lavoro in ospedale a turni e non posso chiamare dalle 9 alle 18, non avete una chat?
it|post|health|operata al menisco martedì, quindi per la perizia sulla macchina mandate qualcuno a casa grazie
it|post|health|Soffro di attacchi di panico e al telefono con voi non riesco a parlare, per favore rispondete per iscritto
it|post|health|mio fratello è in comunità per disintossicarsi dall'alcol e io devo gestire la sua macchina, posso fare la voltura?
it|post|none|Sono stufo. Mi viene l'esaurimento con voi, davvero
it|post|none|auguri di pronta guarigione a tutti quelli del terremoto, e Lanterna dove sta?
it|post|none|il mio gatto ha il diabete e la polizza animali non copre l'insulina, ma allora a cosa serve
it|post|none|il cane ha fatto la TAC e la lastra alla zampa, 600 € dal veterinario: la polizza pet rimborsa o no?
it|post|health|mia nonna ha l'Alzheimer e non si ricorda più dove ha messo i documenti della polizza, come faccio a recuperarli?
it|post|health|il mio vicino di casa è in dialisi 3 volte a settimana e gli avete tolto la convenzione per il trasporto, bella roba
it|post|health|una mia collega ha la sclerosi multipla e mi ha detto che con voi si è trovata malissimo, ora capisco perchè
it|post|health|Giorgio Bassi, il titolare del bar sotto casa, ha fatto il bypass la settimana scorsa e il vostro perito gli ha chiesto di venire in agenzia. Ma vergognatevi
it|post|health|ho la celiachia e nella vostra polizza viaggio non c'è scritto niente sui pasti in ospedale... ma vabbè almeno ditemi se le visite all'estero sono coperte
it|post|none|Ottobre rosa 🎀 bella la vostra campagna sulla prevenzione del tumore al seno, condivido
it|post|health|io il tumore al seno l'ho avuto davvero nel 2021 e la vostra polizza malattie gravi non mi ha dato un euro, altro che ottobre rosa
it|post|none|#GiornataMondialeDelDiabete ok belle parole ma abbassate i premi
it|post|health|dopo la caduta dalle scale mi hanno messo 12 punti in testa e un tutore al polso, la pratica infortuni la apro online?
it|post|health|ho la protesi all'anca dal 2019, posso comunque fare la polizza infortuni o mi escludete tutto?
it|post|health|sono diabetico tipo 1 con microinfusore, l'app per caricare le ricevute dei sensori si blocca sempre
it|post|none|Le strisce per il diabete sono rimborsate dalla polizza salute base o solo dalla premium?
it|post|health|Mia moglie prende il litio per il disturbo bipolare e il medico di base dice che la visita psichiatrica privata va rimborsata, voi dite di no. Chi ha ragione?
it|post|health,plate|mi hanno tamponato sulla tangenziale, la targa dell'altro è {PL}, io ho il collo bloccato e domani vado dall'ortopedico
it|post|claim_number,phone|pratica n. 88120/24, sono la signora Marchi, potete richiamarmi al 333-4471902? grazie
it|post|email,policy_number|numero di polizza 7720019455 mail per i documenti: s.gentile [at] hotmail.it
it|post|iban,tax_code|vi rimando i dati perché dite di non averli: CF {CF} IBAN {IBAN}
it|post|none|vi rimando i dati perché dite di non averli: CF {CFX} IBAN {IBANX}
it|post|birth_date,tax_code|sono Marco Riva, nato a Bari il 02/11/1974, codice fiscale {CF}, cosa devo fare ancora per essere riconosciuto
it|post|none|Lanterna Assicurazioni è nata il 12/03/1998 e da allora non ha imparato a rispondere ai clienti 😂
it|post|none|il problema è nato il 3 marzo quando avete cambiato app, da allora non vedo più le polizze
it|post|none|Salute! 🥂 finalmente il rimborso è arrivato dopo 4 mesi
it|post|none|alla salute di chi mi ha risposto in 10 minuti su Instagram, mai successo 👏
it|post|none|cmq la vostra app è malata di bug 🤒 ogni aggiornamento peggio
it|post|health|mi sono rotta il polso sciando e ora non riesco nemmeno a firmare il modulo, posso firmare digitale?
it|post|health|Rotto il femore, 40 giorni di gesso e voi mi date 30 euro di diaria. Complimenti davvero
it|post|none|Diaria da ricovero: quanto paga al giorno? non lo trovo nel set informativo
it|post|health|ho avuto il covid lungo e ancora oggi ho il fiatone, la polizza copre la riabilitazione respiratoria?
it|post|none|la riabilitazione respiratoria è coperta dalla polizza salute? chiedo prima di sottoscrivere
it|post|health|mio cugino ha avuto la meningite da piccolo ed è rimasto sordo, l'apparecchio acustico nuovo è rimborsabile?
it|post|none|buongiorno, gli apparecchi acustici rientrano nelle spese mediche rimborsabili?
it|post|health|sono seguita dal CSM per la depressione e ogni volta che mi chiedete di richiamare mi viene l'ansia, non ce la faccio
it|post|health|a mio zio hanno trovato un tumore al pancreas e la polizza dice che è preesistente perchè ha fatto un'ecografia 2 anni fa. Assurdo
it|post|health|ho fatto la colonscopia privata perchè con l'ASL aspettavo 8 mesi, mi rimborsate o no? ho il morbo di Crohn
it|post|none|Quanto tempo ci vuole per avere il rimborso di una colonscopia? In media dico
it|post|health|ho l'endometriosi e ho fatto 2 interventi in un anno, la polizza me ne rimborsa uno solo?? ma è scritto dove
it|post|plate|auto parcheggiata sotto casa, qualcuno mi ha distrutto lo specchietto. Targa della mia {PLd}, il danno lo denuncio a voi?
it|post|plate|carro attrezzi arrivato dopo 3 ore in autostrada, la mia {PL} era in corsia d'emergenza con due bambini dentro
it|post|none|soccorso stradale chiamato alle 14:30, arrivato alle 17:45. Voto 2/10
it|post|none|ho una Clio targa FG482KL7 nel libretto?? mi sa che l'hanno scritta male al PRA
it|post|none|il codice attivazione dell'app è AB12CD34EF56GH78 ma non funziona
it|post|plate,policy_number|polizza auto nr. 2024/118893 targa {PLs} - disdetta per vendita, mi confermate?
it|post|policy_number|contratto 88/441920, vorrei il certificato per la banca
it|post|policy_number|Buongiorno, contratto nr. 5129-088-340: ho pagato il 1 dicembre ma in app risulta scaduto
it|post|none|contratto di assicurazione? quale contratto? io non ho firmato niente, mi arrivano le vostre mail da mesi
it|post|policy_number|certificato di assicurazione n. 7741002 non arrivato, la polizia mi ha fermato e ho rischiato la multa
it|post|none|ordine n. 3471182046 per il seggiolino con lo sconto Lanterna Club, mai arrivato
it|post|none|reclamo n. 55821 inviato a ottobre, siamo a dicembre e zero risposte, scriverò all'IVASS
it|post|none|preventivo n. 2024-99812 fatto online, il prezzo in agenzia è diverso. Perché?
it|post|none|Regolamento IVASS n. 24/2008: avete 45 giorni per rispondere al reclamo e ne sono passati 60
it|post|none|polizza n. ****5521, pagata a novembre, mi è arrivato il sollecito. vi allego lo screenshot
it|post|none|ciao ho visto che nel vostro sito il numero di polizza ha 10 cifre tipo 0000000000 ma il mio ne ha 8, è normale?
it|post|claim_number|rif. sinistro 24-0093311 - la controparte ha ammesso la colpa, perché mi date il 50%?
it|post|claim_number|sin. n. 7731024, il carrozziere aspetta ancora l'autorizzazione
it|post|claim_number|il mio sinistro è il 24/118/000772, quando arriva il perito??
it|post|claim_number|denuncia n. 88120934 fatta in agenzia il 3/10. Ancora niente
it|post|none|Il perito mi ha chiamato dal numero dell'agenzia di Monza, 039 ecc, quindi chi devo richiamare?
it|post|phone|il perito dice di chiamarlo sul suo cellulare 329 5518820 ma non risponde mai, che figura
it|post|phone|Numero di mio padre per la perizia: tre tre otto uno due quattro cinque sei sette nove, lui è sempre a casa
it|post|none|lo zero due otto sette tre sei quattro uno zero zero non risponde nemmeno a pagarlo oro
it|post|phone|ok vi lascio il numero ma scritto così che il bot me lo cancella: 3 4 0 5 5 1 2 2 8 7
it|post|email|mail del mio avvocato: avv.paolo.conti@pec.ordineavvocatimilano.it, parlate con lui
it|post|email|Indirizzo per le comunicazioni: MARCO.RIVA74@VIRGILIO.IT
it|post|none|mi avete risposto da assistenza@lanternaassicurazioni.it con un messaggio automatico, ma un essere umano c'è?
it|post|email|Vi ho scritto anche da laura.bianchi (at) outlook.it il 2 novembre, nessuna risposta
it|post|none|la mail me la mandate a quella che vi ho dato in agenzia, non la scrivo qui che mi spammano
it|post|none|m*****.r****@gmail.com è la mia mail, la vedete dall'app? io vedo solo gli asterischi
it|post|email|La mia nuova mail è ale.santoro chiocciola gmail.com, quella vecchia non la uso più
it|post|iban|IBAN per il rimborso: {IBANp} intestato a Mario Esposito
it|post|iban|iban {IBANd} qui dovete mandare i soldi, non allo studio
it|post|none|iban {IBANXd} qui dovete mandare i soldi, non allo studio
it|post|none|ABI 03069 CAB 09606, la filiale è quella di Monza, basta?
it|post|none|Il BIC della mia banca è BCITITMM, serve per il bonifico dall'estero?
it|post|iban|vivo in Germania ormai, il conto è tedesco: {IBANDE}
it|post|none|vivo in Germania ormai, il conto è tedesco: {IBANXDE}
it|post|health,iban|Mi avete rimborsato la visita dal cardiologo per la mia aritmia sul vecchio conto! Il nuovo è {IBANg}
