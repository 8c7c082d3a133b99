# ===== health: customers, first person / relatives / named people (it)
it|post|health|Buongiorno, mio marito è stato ricoverato al San Raffaele per un infarto la settimana scorsa, come facciamo con la diaria? al telefono non risponde nessuno
it|post|health|ho il diabete di tipo 1 da quando avevo 12 anni e per la polizza vita mi avete messo un sovrappremio assurdo 😡
it|post|claim_number,health|sinistro n. 2024/77812 ... colpo di frusta certificato dal pronto soccorso di Careggi, sono 4 mesi che aspetto il risarcimento!!!
it|post|health|Sono incinta di 6 mesi e vorrei sapere se posso ancora aggiungere la copertura parto, in agenzia mi hanno detto di no ma non ci credo
it|post|health|mia madre ha l'alzheimer e non riesce piu a firmare, chi puo firmare per lei la disdetta??
it|post|health|Dopo l'incidente ho fatto 20 sedute di fisioterapia per la spalla e non mi avete rimborsato neanche un euro. VERGOGNA
it|post|health|mio figlio ha la 104 e il consulente ci aveva promesso uno sconto che in quietanza non vediamo proprio
it|post|health|sono invalida civile al 75% e mi dite che non posso fare la polizza infortuni? discriminazione bella e buona
it|post|health|Ho fatto la risonanza al ginocchio il 3 marzo, menisco rotto, ma il perito dice che non c'entra col sinistro. Ma come non c'entra??
it|post|health|soffro di attacchi di panico da anni e ogni volta che chiamo il vostro call center mi tengono 40 minuti in attesa, non è possibile
it|post|health|Mio padre è morto di tumore al pancreas a gennaio e la polizza vita è ancora bloccata perche manca un modulo. Abbiamo mandato tutto 3 volte
it|post|health|frattura scomposta del polso, gesso per 40 gg e voi mi offrite 600 euro? ma state scherzando
it|post|health|buonasera, mia moglie deve iniziare la chemio lunedi, la polizza salute copre anche il trasporto in ospedale?
it|post|health|Ricoverata d'urgenza per appendicite a Ferragosto, ho pagato tutto io in clinica e ancora aspetto il rimborso. #lanternaassicurazioni
it|post|health|Sono in cura da uno psichiatra per la depressione e il medico fiduciario voleva sapere che farmaci prendo davanti a tutti in sala d'attesa. Privacy zero
it|post|health|mio fratello fa la dialisi tre volte a settimana, esiste una polizza per lui o lo rifiutate come tutti?
it|post|health|Ho avuto un ictus lieve a 52 anni, ora sto bene, ma nessuno mi vuole assicurare
it|post|health|la bimba ha l'epilessia e prende il Depakin, nel questionario sanitario dove lo scrivo?
it|post|health|operato ieri di ernia inguinale, dimesso stamattina, come apro la pratica per la diaria?
it|post|health|tamponata in tangenziale, collare per 3 settimane e cervicale a pezzi, e voi mi fate aspettare il perito da 2 mesi
it|post|health|Mia suocera, 84 anni, è caduta in casa e si è rotta il femore; la polizza casa copre qualcosa o no??
it|post|health|ciao, sono Luca, sono seguito dal Sert per dipendenza da alcol da un anno, devo dichiararlo o annullate tutto?
it|post|health|Ho la sclerosi multipla e la vostra app non si usa con lo screen reader, potete sistemarla?
it|post|health|mio marito ha fatto il trapianto di rene nel 2019 e ci avete rifiutato la TCM, ma è stabile da anni
it|post|health|Sono diabetica e quasi cieca da un occhio, non riesco a leggere i caratteri minuscoli del vostro contratto 😤
it|post|health|Dopo il tamponamento mi è venuta una lombosciatalgia che non passa, l'ortopedico dice almeno 2 mesi di terapia
it|post|health|Antonio Greco, il nostro vicino, è rimasto paralizzato dopo l'incidente con la vostra assicurata e ancora nessuno lo ha contattato
it|post|health|io sto facendo la radioterapia e devo pagare la rata entro il 30, posso rateizzare?
it|post|health|la mia vicina di casa, la signora Pina, che ha 80 anni e da quando è tornata a casa dopo tre settimane di ospedale non cammina piu bene per via della protesi all'anca, mi chiede di scrivervi perche lei facebook non lo sa usare
it|post|health|Scrivo per conto di mia zia Rosa: dopo il ricovero di febbraio le hanno trovato un'insufficienza cardiaca e adesso la banca vuole la polizza per il mutuo
it|post|health|Tre settimane di stampelle. TRE. E della liquidazione ancora niente. #lanternaassicurazioni #vergogna
it|post|health|Ma come si fa a liquidare 800 euro per una clavicola rotta e due mesi senza lavorare??
it|post|health|Ieri sera a mio cognato Paolo gli hanno dato 12 punti in testa dopo la caduta con lo scooter, e l'altro ha torto marcio
it|post|health|il mio compagno è sieropositivo e in agenzia ci hanno detto che per la vita non si puo fare niente, è vero nel 2026??
it|post|health|Cara Lanterna, mio nonno ha il Parkinson e gli tremano le mani, non riesce a usare la vostra app per la firma digitale. Esiste un'alternativa?
it|post|health|ho un tumore al seno e sto facendo la terapia ormonale. la LTC che ho da 10 anni vale ancora?
it|post|health|sn stata al ps tutta la notte x una colica renale, qlc mi sa dire se il ticket me lo rimborsate?
it|post|health|Gentili, la signora Maria Esposito (mia madre) è in RSA per demenza senile e la retta non è coperta. Perché?
it|post|health|Sono celiaco e in Portogallo sono finito in ospedale per una reazione, la polizza viaggio rimborsa o no?
it|post|health|Dal 2022 sono in sedia a rotelle e l'auto adattata la guida mia moglie: la polizza vale anche se guida lei?
it|post|health|mio figlio è autistico e con la 104 avevamo diritto alla riduzione, ma il rinnovo è arrivato a prezzo pieno
it|post|health|Raga, dopo 2 anni di psicoterapia per il burnout sono tornato a lavorare, ma se mi chiedono la visita medica per la polizza cosa dico?
it|post|health|Mia mamma ha fatto la mammografia, hanno trovato un nodulo e ora deve fare la biopsia: la polizza salute di papà copre anche lei?
it|post|health|Salve, mia figlia di 16 anni soffre di anoressia ed è in day hospital da settembre, la retta della clinica la rimborsate?
it|post|health|Ho 38 di febbre da 4 giorni e devo andare in agenzia a firmare, posso delegare qualcuno?
it|post|health|la nonna ha avuto un'ischemia e adesso parla a fatica, per la polizza casa intestata a lei chi deve chiamare?
it|post|health|Lo zio Franco ci ha lasciati per un arresto cardiaco mentre guidava e ora anche il sinistro sulla macchina è un casino
it|post|health|Mi hanno riconosciuto l'invalidità all'80 per cento dopo l'incidente e la vostra offerta resta ridicola
it|post|health|mia moglie è al quinto mese e con la nausea non riesce nemmeno a venire in agenzia, possiamo fare tutto online?
it|post|health|ho l'ansia e l'insonnia da quando è successo il furto in casa, e voi ancora non avete mandato nessuno
it|post|health|Buongiorno, sono in cassa integrazione per una tendinite cronica al polso e non riesco piu a pagare, posso sospendere la polizza?
# ===== health: customers (en)
en|post|health|My wife had a stroke in March and your claims team keeps asking for the same discharge papers. Third time now.
en|post|health|Broke my ankle skiing in Val Gardena, had surgery there. The travel cover says I'm covered but nobody answers the email.
en|post|health|I suffer from severe anxiety and being put on hold for an hour is genuinely making it worse. Please just call me back.
en|post|health|my 4 year old has epilepsy, can I add him to the family plan or will he be excluded?
en|post|health|I'm 7 months pregnant and my car was hit while parked. Stress through the roof. Any update?
en|post|health|Had whiplash after the rear-end collision, physio twice a week since October, receipts all uploaded in the app
en|post|health|I'm registered 45% disabled and your site says the accident policy isn't available to me. Is that even legal?
en|post|health|Dad passed away from lung cancer in June and we're still waiting on the life payout. Please, we're exhausted.
en|post|health|Spent 3 nights in hospital after the crash, concussion and two cracked ribs. The hospital cash benefit should cover that right?
en|post|health|I've been on antidepressants since 2021, do I have to declare that on the health questionnaire? asking before I sign
en|post|health|My son has type 1 diabetes and his insulin pump got ruined in the flood. Is that contents or something else??
en|post|health|recovering alcoholic here, 3 yrs sober. your form asks about "alcohol abuse history" with zero context. feels awful tbh
en|post|health|Sarah from your Milan office was lovely while I was in hospital with pneumonia, just wanted to say thanks ❤️
en|post|health|Tore my ACL playing five-a-side, MRI done, surgery booked for the 12th. How do I start the injury claim?
en|post|health|Having chemo every 3 weeks, so I can't come to the branch in person. Can the documents be signed digitally?
en|post|health|my husband is autistic and gets very distressed by your robocalls, please remove us from the list
en|post|health|Got diagnosed with long covid last winter, still off work. Does the income protection pay or not?
en|post|health|Two weeks in a neck brace and still no call from the adjuster. Great service 👏
en|post|health|Positive pregnancy test yesterday 🥳 what do I need to do to add maternity cover before it's too late?
en|post|health|Day 40 of sick leave after the accident and I still can't grip anything with my right hand. Adjuster says "soon".
en|post|health|Post-op and still waiting on you lot. The hip replacement went fine, your claims process did not.
en|post|health|wife's been in ICU since sunday. cant deal with your paperwork right now. can someone call instead of emailing
en|post|health|I'm deaf, so phoning your claims line is literally impossible for me. Please add a chat option!
en|post|health|My mother-in-law has dementia and keeps cancelling things over the phone. Can you flag her account so nobody acts on her calls?
en|post|health|After the burglary my daughter started having nightmares and now sees a child psychologist twice a month. Is any of that covered?
en|post|health|Granddad's hearing aids went through the wash 🙈 he can't hear a thing without them, does home cover replace them?
en|post|health|They found a blood clot in my leg after the long-haul flight back, 4 days in a hospital in Lisbon. Who do I send the bill to?
en|post|health|The other driver, a guy called Ben Walsh, was taken away with a broken leg. Do I need his details for my claim?
# ===== health: agents to the addressee (it/en)
it|reply|health|Gentile Sig.ra Rinaldi, ci dispiace molto per l'intervento al ginocchio. Per la diaria da ricovero la invitiamo a scriverci in privato.
it|reply|health|Buongiorno Marco, le siamo vicini in questo momento. Per la pratica legata alla chemioterapia di sua moglie la ricontattiamo in DM.
it|reply|health|Gentile cliente, per la sua frattura al polso il medico legale la contatterà entro 10 giorni lavorativi. Le scriviamo in privato per i dettagli.
it|reply|health|Ciao Francesca, la gravidanza non pregiudica in alcun modo la tua copertura in corso. Ti scriviamo in privato per il resto.
it|reply|health|Gentile Sig. Bassi, abbiamo ricevuto il certificato che attesta la sua invalidità permanente del 30% e la pratica è in liquidazione.
it|reply|health|Ci scusiamo per l'attesa, Anna. Il rimborso delle sedute di psicoterapia di suo figlio è stato approvato ieri.
it|reply|health|Buonasera, condoglianze per la perdita di suo padre. Il certificato che indica l'infarto come causa del decesso è sufficiente, non serve altro.
it|reply|claim_number,health|Gentile Sig. Ferraro, per il sinistro n. 24/118/000772 abbiamo il referto con il colpo di frusta: manca solo la fattura della fisioterapia.
it|reply|health|Giovanni, speriamo che la riabilitazione dopo l'ictus stia andando bene. La contatteremo in privato per la pratica.
it|reply|health|Gentile Sig.ra Longo, il day hospital oncologico del 12 e del 19 ottobre rientra nella diaria: provvediamo al pagamento entro fine mese.
it|reply|health|Ciao Simone, ci dispiace per la brutta caduta: con il tutore al ginocchio non serve che tu venga in agenzia, facciamo tutto online.
en|reply|health|Hi Tom, we're so sorry to hear about your broken wrist. Please DM us and we'll get the injury claim moving.
en|reply|health|Dear Mrs Hale, we've received the consultant's letter confirming your husband's heart attack and the critical illness claim is now being assessed.
en|reply|health|Hi Priya, congratulations on the pregnancy! Your maternity cover starts after the 10-month waiting period, which you completed in May.
en|reply|health|Hello Mark, for your 30% permanent disability the payout is calculated on the sum insured. Please check your inbox for the breakdown.
en|reply|health|Dear James, we understand the MRI on your back was delayed. We'll reimburse the private scan once the invoice is uploaded.
en|reply|health|Hi Elena, sorry the app kept logging you out while you were in hospital. Your hospital cash claim for the 5 nights is approved.
en|reply|health|Thank you for your patience, Mr Okafor. Our medical team has reviewed your son's asthma medication and there is no exclusion on the policy.
en|reply|health|Hi Kate, we're sorry your anxiety has made the phone line so hard. You can reach us here in DM any time, no calls needed.
# ===== health: hard negatives (no person's condition)
it|reply|none|La garanzia Infortuni copre fratture, lussazioni e ustioni gravi secondo la tabella allegata alle condizioni di polizza.
it|reply|none|Diaria da Ricovero: 100 € per ogni notte in ospedale, fino a 60 notti l'anno. Trovi tutto su lanternaassicurazioni.it/salute
it|post|none|la polizza copre la fisioterapia dopo un intervento o solo le visite specialistiche?
en|post|none|is pregnancy covered after the waiting period or do I need a separate plan?
en|post|none|Are pre-existing conditions like asthma or high blood pressure excluded on the family plan?
it|reply|none|Ottobre è il mese della prevenzione del tumore al seno 🎀 Con Lanterna Salute la mammografia è a tariffa agevolata. #Ottobrerosa
en|reply|none|Today is #WorldHeartDay ❤️ Small habits, big difference: take the stairs, check your blood pressure, look after each other.
it|post|none|mi fate venire un infarto ogni volta che apro la mail del rinnovo 😂
en|post|none|I'm sick of waiting on hold, 45 minutes today. Sort it out.
en|post|none|This app gives me a headache every single time, the login never works
it|post|none|Incidente proprio davanti all'ospedale Niguarda, per fortuna nessun ferito, solo lamiere
it|post|none|lavoro in ospedale e faccio i turni di notte, posso pagare la rata con bonifico anche il sabato?
it|post|none|mio padre è venuto a mancare a marzo, chi devo contattare per la polizza vita?
en|post|none|My mum passed away last month. What documents do you need for the life policy payout?
it|post|none|il mio gatto ha il diabete e la polizza pet non copre l'insulina, ma che senso ha?
en|post|none|Our dog had surgery on his cruciate ligament, does the pet cover reimburse the vet bill?
it|reply|none|Auguri di pronta guarigione! Se ha bisogno di aiuto con la pratica ci scriva in privato.
en|reply|none|Get well soon, Dave! Drop us a DM whenever you're ready and we'll take it from there.
it|post|none|Salute! 🥂 Brindo alla liquidazione arrivata dopo solo 3 anni
it|post|none|mi viene l'esaurimento con voi, è la quarta volta che mando lo stesso documento
it|post|none|Soccorso stradale arrivato dopo 3 ore in autostrada con due bambini piccoli in macchina, e pure il carro attrezzi sbagliato
en|reply|none|Our Critical Illness cover pays a lump sum on diagnosis of cancer, stroke or heart attack, as listed in section 4 of the policy wording.
it|reply|none|La franchigia è del 3% sull'invalidità permanente da infortunio: sotto questa soglia non è previsto indennizzo.
it|post|none|la polizza paga dal 60% di invalidità permanente o anche meno? chiedo per capire prima di firmare
en|post|none|does the accident cover pay out for 20% disability or is there a minimum?
it|post|none|la polizza fa sconti a chi ha la 104?
en|reply|none|Long Term Care pays a monthly annuity if the insured person loses self-sufficiency, e.g. can no longer carry out 4 of the 6 daily living activities.
it|reply|none|La copertura Malattie Gravi include infarto, ictus e tumore maligno, con un periodo di carenza di 90 giorni dalla decorrenza.
en|post|none|are diabetes supplies covered under the basic health plan or only premium?
en|post|none|Is a pacemaker a pre-existing condition for travel insurance? just general info
it|post|none|Il vostro call center è da ricovero, giuro 😂😂
en|post|none|you're killing me with these renewal prices lol
it|reply|none|#GiornataMondialeSaluteMentale 💚 Parlarne è il primo passo. Con Lanterna Benessere hai 5 sedute di supporto psicologico incluse.
en|reply|none|#MentalHealthAwareness week: our Wellbeing add-on includes 6 online counselling sessions a year for every insured family member.
it|post|none|Ma perché la polizza salute costa di piu a chi fuma? mica tutti i fumatori si ammalano eh
en|post|none|Nobody was hurt thankfully, but the other driver just drove off. Do I still report it via the app?
it|reply|none|Il rimborso spese mediche è previsto solo nella formula Plus; nella formula Base sono inclusi i soli accertamenti diagnostici.
it|post|none|avete convenzioni con cliniche per la risonanza magnetica a Torino? vorrei sapere in generale i prezzi
en|post|none|Which hospitals are in network for the Platinum health plan? Comparing options for next year.
it|post|none|il mio cane zoppica da una settimana, il veterinario dice displasia all'anca, la polizza animali rimborsa le lastre?
it|reply|none|Per le spese di fisioterapia serve la prescrizione medica e la fattura intestata all'assicurato: le carichi in app nella sezione Rimborsi.
en|post|none|Is therapy for mental health covered at all or is it just physical stuff?
it|post|none|quindi se uno si rompe una gamba sciando la polizza viaggio paga l'elicottero o no? ipotizzo eh
en|post|none|what happens to the premium if someone gets pregnant during the policy year? hypothetically
it|post|none|il perito mi ha fatto venire il mal di fegato, 3 sopralluoghi per una grondaia
en|reply|none|Our Hospital Cash benefit pays €80 per night for any hospital stay over 24 hours, up to 90 nights per year.
it|post|none|Sono medico di base e tanti pazienti mi chiedono della vostra polizza salute, avete materiale informativo da lasciare in studio?
it|reply|none|Con Lanterna Salute Famiglia sono inclusi check-up annuale, vaccinazioni e visite pediatriche fino ai 14 anni. Info in agenzia.
en|post|none|Your chatbot needs therapy, seriously 🙃 asked it three times about my renewal, got three different answers
it|post|none|la vostra app è malata, si blocca appena carico una foto
it|reply|none|Il questionario sanitario va compilato solo per capitali superiori a 150.000 €; sotto questa soglia basta la dichiarazione di buona salute.
en|post|none|If my partner is hospitalised abroad, can I fly out and is my hotel covered? Planning ahead before our trip.
it|post|none|Grazie a Lanterna per aver sponsorizzato la corsa per la ricerca sul cancro a Bologna, bella iniziativa 👏 #corriperlaricerca
en|reply|none|Stay safe this winter: ice on the roads means more fractures and sprains. Slow down and keep your distance ❄️
it|post|none|Tra voi e l'altra compagnia non so chi mi fa piu venire il mal di testa, ma almeno loro rispondono
# ===== tax_code positives
it|post|tax_code|ciao, vi scrivo qui perche in chat non risponde nessuno: il mio codice fiscale è {CF}, controllate voi perche l'app dice utente non trovato
it|post|tax_code|cf {CFl} nome Giada, mi serve l'attestato per la banca urgente
it|post|tax_code|Vi ho mandato la tessera sanitaria in foto ma non si legge, ve lo scrivo qui: {CFs}
it|reply|tax_code|Gentile cliente, abbiamo verificato il codice fiscale {CF} e risulta correttamente associato al suo profilo. Le scriviamo in privato.
it|post|tax_code|C.F. {CFo} (me l'hanno dato cosi perche c'era un omonimo, forse per questo l'app non lo accetta?)
en|post|tax_code|Hi, my Italian tax code is {CF}, I moved to Dublin last year and can't log into the app anymore
it|post|policy_number,tax_code|Polizza n. 7719034521 intestata a mia madre, codice fiscale {CFf}, vorrei disdirla a nome suo, come faccio?
it|post|tax_code|codice fiscale: {CFs2} — il vostro modulo online non accetta gli spazi, ma cosi c'è scritto sulla tessera!!
it|post|tax_code|Il CF di mio figlio è {CFm}, aggiungetelo alla polizza famiglia per favore, lo chiedo da settimane
it|reply|tax_code|Ciao Sara, il codice fiscale che ci hai indicato ({CFf}) non corrisponde a quello in polizza: ti scriviamo in DM per sistemarlo.
en|post|tax_code|codice fiscale {CFl} – sorry, I'm British, my partner set up the policy, how do I get access?
it|post|tax_code|x il rimborso mi chiedete il cf, eccolo {CF} e l'iban ve lo mando dopo
it|post|health,tax_code|Mi chiamo Paola, CF {CFf}, sono in chemioterapia e non posso venire in agenzia: potete mandarmi i moduli a casa?
it|post|tax_code|il codice fiscale di mia moglie è {CFf} e quello mio {CFm}, vogliamo cointestare la polizza casa
en|reply|tax_code|Hi Luca, thanks for confirming your tax code {CFo}. We've updated your profile and the app should let you in now.
it|post|tax_code|Scusate ma sul certificato avete scritto il codice fiscale sbagliato, quello giusto è {CF}, rifatelo!
it|post|tax_code|{CFl} questo è il mio cf, la carta di credito è scaduta e devo cambiare il metodo di pagamento
it|post|tax_code|Buonasera, sono l'erede di Giuseppe Conti (cod. fisc. {CFm}), mi serve sapere se aveva polizze con voi
en|post|tax_code|Your form rejects my fiscal code {CFs}. Tried with and without spaces. Useless.
it|reply|tax_code|Buongiorno Sig. Martini, il CF {CFs2} risulta già registrato con un'altra e-mail: la contattiamo in privato.
it|post|birth_date,tax_code|Nata il 14/06/1979 a Lecce, CF {CFf}, ho bisogno del duplicato del contratto
it|post|tax_code|Codice Fiscale {CFo} — ho fatto la registrazione 3 volte e mi dice sempre "dati non validi" 🤬
it|post|iban,tax_code|Per l'accredito: intestatario Roberto Bruno, CF {CFm}, IBAN {IBAN}. Grazie e scusate il disturbo
en|post|tax_code|tax code {CFl} if that helps you find my file, surname Fontana
it|post|tax_code|Vi rimetto qui sotto il codice fiscale perché al telefono non lo capivano: {CF}
it|post|phone,tax_code|Sono Fabio, cod fisc {CFm}, richiamatemi al 347 882 1039 per favore dopo le 17
it|reply|tax_code|Gentile Sig.ra Galli, come da sua richiesta abbiamo corretto il codice fiscale in {CFf} sulla quietanza.
en|reply|tax_code|Dear Mr Serra, the fiscal code on file is {CFm}; if that's wrong please let us know in private message.
# ===== tax_code negatives
it|post|none|il mio codice fiscale è {CFX}, l'app dice che non è valido ma l'ho copiato dalla tessera
it|post|none|cf {CFXl} ho provato anche in maiuscolo, niente da fare
en|post|none|My fiscal code is {CFX} and the website keeps saying "invalid". Help!
it|reply|none|Gentile cliente, il codice fiscale indicato ({CFX}) non supera il controllo: verifichi il carattere finale e ci scriva in privato.
it|post|none|mi mandate il codice fiscale del beneficiario in privato? io non me lo ricordo
it|reply|none|Per motivi di privacy non scriva qui il suo codice fiscale: ce lo mandi in messaggio privato e verifichiamo subito.
it|post|none|il CF termina con ...A662K, quello giusto è in polizza, non capisco perché mi chiedete di rimandarlo
it|reply|none|Lanterna Assicurazioni S.p.A. – Codice fiscale e Partita IVA 07412930158 – Iscritta all'Albo Imprese IVASS n. 1.00187
en|post|none|Used the promo code SPRINGPOLIZZA26 at checkout and the discount didn't apply, can you check?
it|post|none|Il codice di attivazione dell'app che mi è arrivato è XK7PL2MQ9RT4WZ8N ma dice scaduto
it|reply|none|Il codice fiscale è composto da 16 caratteri, ad esempio AAABBB00A00A000A: lo trova sulla tessera sanitaria.
en|post|none|why do you need my codice fiscale for a simple quote? seems excessive tbh
it|post|none|P.IVA 04127780961, sono una ditta individuale, posso intestare la polizza furgone all'azienda?
it|post|none|Ho sbagliato una lettera del codice fiscale nel modulo online, come lo correggo senza rifare tutto?
# ===== iban positives
it|post|iban|Vi riscrivo l'IBAN per la terza volta: {IBAN}. Il rimborso dove è finito??
it|post|iban|iban {IBANg} intestato a me, aspetto ancora i 350 euro del sinistro
it|reply|iban|Gentile cliente, per il pagamento della rata può effettuare un bonifico all'IBAN {IBANg} intestato a Lanterna Assicurazioni S.p.A.
en|post|iban|Please pay the settlement into my German account, IBAN {IBANDE}, I don't have an Italian one anymore
it|post|iban|Coordinate: {IBANp} – banca di Pescara, intestatario mio marito
en|post|iban|IBAN for the refund: {IBANGB} (Barclays, UK). Thanks!
it|post|iban|mi hanno accreditato su un conto vecchio!! quello giusto è {IBANd}
en|post|iban|Mon IBAN est {IBANFR}, sorry I write French, can you transfer the refund there?
it|post|iban|Vivo a Valencia ora, l'IBAN spagnolo è {IBANES}, si puo usare per il rimborso?
en|post|iban|Belgian account for the payout: {IBANBE} — does that work or do you need an Italian IBAN?
it|reply|iban|Ciao Federica, il rimborso è stato disposto sull'IBAN {IBAN} indicato in polizza: se non è piu attivo scrivici in privato.
it|post|iban|ecco l'iban: {IBAN} ...e ora che ve l'ho scritto pure qui non avete piu scuse
en|reply|iban|Hi Ben, we've sent the €420 refund to {IBANGBc}; it can take up to 3 working days to show.
it|post|iban,policy_number|Polizza auto nr. 2024/118893, chiedo l'accredito del rimborso sull'IBAN {IBANg}
it|reply|iban|Per saldare il premio in sospeso effettui un bonifico sul conto dell'agenzia: IBAN {IBANp}, causale nome e cognome.
en|post|iban|my IBAN {IBANDEc} — sent it by email twice, no refund yet. 6 weeks now.
it|post|iban|IBAN: {IBANd}, BIC BCITITMM. Fatemi sapere quando parte il bonifico
it|post|iban,phone|Sono Carla, l'IBAN nuovo è {IBAN}, per qualsiasi cosa il mio cell è 339 4410 287
it|post|iban|Il perito mi ha detto di scrivervi l'IBAN qui: {IBANg}. Spero vada bene
en|reply|iban|Dear Ms Hughes, please note our bank details have not changed: IBAN {IBANg}. Never pay to any other account.
it|post|health,iban|l'IBAN di mia madre è {IBAN}, la polizza è intestata a lei ma è in ospedale e non può scrivervi
it|post|iban|IBAN {IBANp} (conto cointestato con mia sorella) — va bene lo stesso per la liquidazione?
it|post|iban|rimborso su questo iban per favore {IBAN} grz
en|post|iban|Account IBAN: {IBANES}. Holder: Laura Martini. Please confirm once paid.
it|post|claim_number,iban|pratica sinistro 2024/55123: IBAN {IBANg}, intestatario il proprietario del veicolo danneggiato
en|post|iban,plate|Car reg {PL}, the garage wants paying directly, their IBAN is {IBANg}
it|post|iban|Allora, ricopio dalla app della banca: {IBANd} speriamo sia la volta buona
it|reply|iban|Gentile Sig. Testa, confermiamo la ricezione delle nuove coordinate ({IBANg}); il bonifico partirà con la prossima distinta.
# ===== iban negatives
it|post|none|ecco l'IBAN per il rimborso: {IBANX}
it|post|none|iban {IBANXg} ... la banca dice che non esiste, ma è quello che mi avete chiesto voi!
en|post|none|IBAN for the refund: {IBANXDE}, the form said invalid but I triple checked
it|post|none|Mi avete scritto che l'IBAN {IBANXb} è errato, lo rimando uguale perche è quello della mia banca
it|reply|none|L'IBAN su cui verrà accreditato il rimborso è quello che termina con 0457, come indicato nell'area riservata.
it|reply|none|Abbiamo accreditato l'importo sul conto IT** **** **** **** **** ***8 213: se non lo vede ci scriva in privato.
it|post|none|BIC UNCRITMM e codice ABI 02008 CAB 01600, vanno bene per il bonifico o vi serve altro?
it|reply|none|Per cortesia non scriva l'IBAN nei commenti pubblici: ce lo mandi in messaggio privato o lo inserisca nell'app.
en|post|none|What IBAN do I use to pay the premium? The letter doesn't say
it|reply|none|Attenzione alle truffe: Lanterna non vi chiederà mai di pagare su un IBAN comunicato via WhatsApp o SMS. Nel dubbio chiamate il numero verde 800 112 233.
it|post|none|l'iban finisce con 2290, è quello vecchio, dovete usare il nuovo che vi ho mandato via mail
en|post|none|Paid the premium with SWIFT NWBKGB2L but it bounced. Any idea why?
it|post|none|IT67 L030 6909 6061 0000 0012 3456 questo è l'iban che mi avete dato voi per pagare e la banca lo rifiuta, vi sembra normale?
# ===== phone positives
it|post|phone|Sono 3 giorni che aspetto che il perito mi richiami, il mio numero è 347 881 2034, chiamate voi che io ho finito i giga a sentire la musichetta
it|post|phone|cell 3391234560 chiamatemi x favore, in agenzia è sempre chiuso
en|post|phone|Can someone from claims call me back on +39 333 456 7890? I'm abroad until Friday
it|post|phone|Richiamatemi allo 0039 320.445.6712 dopo le 18, grazie
it|post|phone|tel. casa 06-5523418, il cellulare non prende in montagna
it|post|phone|Il mio fisso è 0521/284417, chiamate la mattina che c'è mia madre
it|post|phone|numero fisso (011) 562 33 18, chiedete di Enzo
it|post|phone|vi lascio il numero cosi non ho scuse: 3 4 7 8 8 1 2 0 3 4
it|post|phone|richiamatemi al tre tre otto, uno due quattro, cinque cinque sei, sette otto... grazie, è urgente
en|post|phone|my number is three four seven, two two one, nine zero eight six, call after 5 please
en|post|phone|My UK mobile is 07700 900456, WhatsApp me there, I don't have an Italian number anymore
en|post|phone|+44 7911 123456 is my cell, I'm back in London. Please ring rather than email.
en|post|phone|my landline 02 4471 2290, I'm home all afternoon if the adjuster wants to come by
it|post|phone|ATTENZIONE!!! mi ha chiamato il 351 770 2291 dicendo di essere di Lanterna e chiedendo il codice della carta. È una truffa vero???
en|post|phone|Got a call from +44 20 7946 0321 claiming to be your fraud team and asking for my PIN. Is this you??
it|post|phone|Il numero dell'officina non lo so, ma il mio è 328-55-41-902, chiamatemi voi
it|reply|phone|Gentile Sig. Rizzo, il nostro perito Dott. Bianchi la contatterà dal suo cellulare 335 720 1148 entro domani mattina.
it|reply|phone|Ciao Martina, per l'appuntamento puoi chiamare direttamente il tuo agente, Marco Leone, al 348 3390017.
en|reply|phone|Hi Jack, your loss adjuster Emma Price will call you from her mobile, +39 342 118 9043, tomorrow between 10 and 12.
it|reply|phone|Gentile cliente, abbiamo provato a richiamarla al 339 201 7745 senza risposta: ci indica un orario comodo in privato?
it|post|phone|Tel: 0461 982 310 (ufficio) o 3402219874 (cell). Preferisco il cell
it|post|phone|rispondete almeno su whatsapp al mio 3208814456?? 4 messaggi senza risposta
en|post|phone|Call me at 0044 7700 900 982, it's a UK number. Your agent has my old Italian one
it|post|phone|il numero di mio padre è 0832 245 117, è lui l'intestatario ed è anziano, chiamate lui direttamente per favore
it|post|phone|mob. +39 366-118-2207 (Rosa) per il sopralluogo
it|post|phone|sto aspettando da 2 ore sotto la pioggia il carro attrezzi. richiamatemi al tre quattro sei nove uno due zero quattro cinque otto
en|post|phone|Reached my agent on his personal mobile 347 662 1903 because your line was dead. Just so you know how bad it is.
it|reply|phone|Buongiorno Sig.ra Moretti, come d'accordo la richiamiamo domani alle 10 al numero 0544 301 882.
en|post|phone|WhatsApp only please: 3 3 3 9 0 8 1 2 7 4
it|post|phone|Per info sul furgone rubato chiamate mio figlio Andrea 389.221.0456
# ===== phone negatives
it|post|none|ho chiamato lo 02 8736 4100 e non risponde nessuno da stamattina
it|reply|none|Per assistenza può chiamare il nostro servizio clienti allo 02 8736 4100, dal lunedi al venerdi dalle 9 alle 18.
it|post|none|ma il numero verde 800 112 233 è attivo anche il sabato?
en|reply|none|You can reach our claims line on +39 02 8736 4100 or toll-free 800 112 233, Mon–Fri 8:30–19:00.
it|post|none|0287364100 è il vostro numero? perché squilla a vuoto
it|post|none|ho chiamato lo zero due otto sette tre sei quattro uno zero zero ma dopo 20 minuti ha chiuso la chiamata
it|reply|none|In caso di emergenza sanitaria chiami il 112; per il soccorso stradale il nostro numero verde 803 445 566 è attivo 24 ore su 24.
it|post|none|Ordine 3471182046 dello shop Lanterna Vantaggi mai arrivato, ovvero la borraccia omaggio 😅
it|post|none|mi è arrivato un sms con il codice 55120987, devo darlo a qualcuno?
it|post|none|ho ricevuto una lettera con scritto 4410023981 in alto a destra, cos'è?
en|post|none|Called the 199 number on your letter and was charged a fortune. Why a premium line??
it|reply|none|Il suo recapito risulta 347 *** **12: se non è piu attivo ci scriva in privato e lo aggiorniamo.
en|post|none|Ticket #88120934 still open after 3 weeks. Anyone home?
it|post|none|Pagati 1.250,00 € il 12/03/2024 e ancora nessuna quietanza, CAP 20139 Milano, mandatela lì
it|reply|none|Mi scriva pure il suo numero in privato, la facciamo richiamare entro le 14:30 di oggi.
en|post|none|what's your phone number for claims? the website only has a form
it|post|none|OTP 482913 non funziona, ne ho chiesti 4 e nessuno va
it|reply|none|Il numero di cellulare va inserito nel formato 3XX XXXXXXX, senza prefisso internazionale.
# ===== email positives
it|post|email|scrivetemi a mario.rossi82@gmail.com perche qui non rispondete mai
it|post|email|La mia mail è giulia punto ferri chiocciola libero punto it, mandate lì i documenti
en|post|email|email me at tom dot baker at gmail dot com, the app keeps crashing
it|post|email|indirizzo: sara . gentile @ gmail . com (con il punto tra nome e cognome)
it|post|email|mandate il preventivo a luca.colombo [at] hotmail.it grazie
en|post|email|Contact: j.harrison(at)outlook.com — please stop sending letters to my old address
it|post|email|PEC personale: avv.francesca.sala@pec.it, per la diffida usate questa
it|reply|email|Gentile cliente, la sua referente per la pratica è la Dott.ssa Giulia Moretti: può scriverle a giulia.moretti@lanternaassicurazioni.it
en|reply|email|Hi Adam, please send the photos to your adjuster directly: paolo.santoro@lanternaassicurazioni.it
it|post|email|ANNA.CARUSO71@YAHOO.IT scritto tutto maiuscolo perché il vostro form non lo accetta minuscolo 🙄
it|post|email|ho cambiato mail, ora è ste.vitale chiocciola gmail.com, aggiornate voi che dall'app non si puo
it|post|email|rispondetemi su federica_orlando@icloud.com perché messenger non mi notifica
en|post|email|My email is priya.sharma1990@gmail.com, I never got the renewal notice
it|reply|email|Ciao Davide, abbiamo inviato il certificato all'indirizzo d.palumbo@virgilio.it che ci hai indicato: controlla anche lo spam.
it|post|email|Fate scrivere il perito a mia figlia: chiara punto farina at gmail punto com
en|post|email|send the claim form to my work address please, n.cattaneo@studiolegalecattaneo.it
it|post|email|la mail di mio marito è enzo.galli65@libero.it, la polizza è a nome suo
it|post|email|Mail: marco_testa [chiocciola] alice [punto] it
en|post|email|You can reach me at lucy.ward [at] yahoo [dot] co [dot] uk
it|post|email|Il vostro agente di Bari, Nicola Lombardi, mi ha dato la sua mail n.lombardi@lanternaassicurazioni.it ma non risponde da 10 giorni
it|reply|email|Gentile Sig.ra Pellegrini, le confermiamo che il suo indirizzo rosa.pellegrini@tiscali.it è stato aggiornato in anagrafica.
en|post|email|gmail: silvia.m.barbieri@gmail.com – I'll send the invoices from there
it|post|email|scrivete a salvatore.marino chiocciola outlook punto it, non a quello vecchio
# ===== email negatives
it|reply|none|Per presentare un reclamo può scrivere a reclami@lanternaassicurazioni.it o alla nostra PEC lanterna.assicurazioni@pec.lanternaassicurazioni.it
it|post|none|ho scritto a sinistri@lanternaassicurazioni.it 3 volte, zero risposte. Complimenti
en|reply|none|For privacy requests please write to privacy@lanternaassicurazioni.it and our DPO will get back to you within 30 days.
it|post|none|assistenza chiocciola lanternaassicurazioni punto it non risponde, ma ci lavora qualcuno?
it|post|none|seguitemi su IG @giulia.ferri.88 che ho fatto le storie sul vostro servizio pessimo
en|post|none|@mario_rossi82 same thing happened to me with @LanternaAss last year, good luck mate
it|reply|none|Trova tutte le informazioni su lanternaassicurazioni.it oppure nell'app Lanterna, sezione Contatti.
it|reply|none|Abbiamo inviato la documentazione all'indirizzo m*****.r****@gmail.com registrato in polizza.
en|post|none|What email address do I send the accident report to?? Your site lists three different ones
it|reply|none|Non pubblichi qui il suo indirizzo e-mail: ci scriva in privato e la ricontattiamo.
it|post|none|Ho ricevuto una mail da "lanterna-rimborsi.com" che mi chiede di cliccare un link, è phishing? https://lanterna-rimborsi.com/login
en|reply|none|Please send the documents to assistenza@lanternaassicurazioni.it quoting your name only, not your policy details.
# ===== birth_date positives
it|post|birth_date|Sono nata il 12/03/1985, nel contratto avete messo 1958!!! correggete subito
it|post|birth_date|data di nascita 4-7-79, ma sull'app risulta 7-4-79, è un problema per il rinnovo?
en|post|birth_date|DOB 02/11/1974, surname Walsh. Can you find my account with that?
en|post|birth_date|I was born on 3rd March 1990 and your system says I'm 60, which explains the premium 🙃
it|post|birth_date|sono del 7 luglio 1995 e mi fate pagare come un neopatentato, ho la patente da 10 anni
it|post|birth_date|Mio figlio è nato il 14 febbraio, vorrei aggiungerlo come beneficiario
it|post|birth_date|il mio compleanno è il 3 maggio e ogni anno il rinnovo arriva proprio quel giorno 😂
it|post|birth_date|Nata a Bari il 22.08.1967, mi serve il duplicato della polizza per la successione di mia madre
en|post|birth_date|d.o.b. 1988-05-17, please update it, the app has the wrong year
it|reply|birth_date|Gentile Sig.ra Coppola, abbiamo corretto la data di nascita in 19/09/1962 come da documento inviato.
en|reply|birth_date|Hi Oliver, we can confirm your date of birth is now recorded as 28 June 1981 on the policy.
it|post|birth_date|mia madre, nata il 30/11/1941, non riesce ad accedere, posso farlo io per lei?
en|post|birth_date|My daughter was born 9 Jan 2024 so I want to add her to the family plan
it|post|birth_date|Buongiorno, Marco De Santis nato il 05/05/1970 a Pescara: ho ricevuto due volte lo stesso addebito
it|post|birth_date|Sono del 23/10/88 e l'algoritmo dice che sono un rischio alto, ma che ne sapete voi
en|post|birth_date|Date of birth: 14.02.1993 – that's what the form should show, not 1939
it|post|birth_date|nato il 1° aprile 1976 (non è uno scherzo 😅), mi serve la polizza intestata correttamente
it|reply|birth_date|Ciao Giulia, per sbloccare l'account usiamo la data di nascita che ci hai confermato, 11/12/1990. Ti scriviamo in DM.
en|post|birth_date|my husband was born 19/07/1968, the policy says 1986, please fix the typo
it|post|birth_date|Data nascita: 8 agosto 1959. Nome: Teresa. Vi ho scritto tutto, ora rispondete?
en|post|birth_date|Birthday's on the 2nd of December, same as the policy start date, funny coincidence
it|post|birth_date|la mia data di nascita è il 16 gennaio 1983 e non il 16 giugno come avete scritto voi
it|post|birth_date,phone|Mi chiamo Elena, nata il 2/2/1972, cell 333 910 4475, aspetto una chiamata
en|reply|birth_date|Dear Mr Patel, the DOB on file is 03/09/1955; if that's wrong please send us a copy of your ID privately.
it|post|birth_date|è nato ieri il mio nipotino, 5 dicembre 2026 🥰 si puo fare una polizza per lui?
# ===== birth_date negatives
it|reply|none|Lanterna Assicurazioni è nata il 12/03/1908 a Milano: oltre un secolo accanto alle famiglie italiane 🏮
it|reply|none|La nostra agenzia di Lecce è nata il 1° giugno 1965 e festeggia 60 anni con voi!
en|post|none|The app was born broken on 1 April and it has never worked since, honestly
it|post|none|il problema nacque il 3 marzo quando avete cambiato il sito, da allora non accedo piu
en|post|none|The issue started on 12 January with the new update. Still not fixed.
it|post|none|sono classe '80 e pago come uno del '60, spiegatemi voi
it|post|none|sono del '75, ho 51 anni e mai fatto un incidente, e il premio sale ogni anno
en|post|none|I'm 42, no claims for 20 years and you still raise my premium. Bye.
it|reply|none|Inserisca la data di nascita nel formato GG/MM/AAAA, ad esempio 01/01/1980.
en|reply|none|Enter your date of birth as DD/MM/YYYY, e.g. 01/01/1980, without spaces.
it|post|none|ho sbagliato la data di nascita nel modulo online, come si corregge?
it|post|none|L'incidente è avvenuto il 12/09/2026 alle 8:15 sulla tangenziale est, la denuncia l'ho fatta il giorno dopo
it|post|none|la polizza scade il 31/12/2026 e mi avete mandato il rinnovo il 28/12, tre giorni per decidere??
en|reply|none|Your policy renews on 15 March 2027; the bonus class reference date is 31 December.
it|post|none|auto immatricolata il 10/05/2019, serve per il preventivo?
en|post|none|what's my date of birth on the policy? I think you have it wrong but I can't see it in the app
it|post|none|Il 12 marzo è il compleanno di Lanterna! 🎂 118 anni, segnatevi la data per le offerte
# ===== policy_number positives
it|post|policy_number|polizza n. 3471182046, mi spiegate perché il premio è salito del 30%???
it|post|policy_number|pol. 660193244 — disdetta inviata con raccomandata a ottobre, e mi avete addebitato lo stesso
it|post|policy_number|n.polizza 00123987 ma nell'app non compare, è sparita
it|post|policy_number|la mia polizza casa è la 5129088340, vorrei aggiungere la garanzia fenomeni atmosferici
en|post|policy_number|my car policy is 88300219 and I still haven't got the green card for the trip
en|post|policy_number|Policy number: 4410-0239-87. Direct debit failed twice, nobody told me.
it|post|policy_number|contratto 88/441920, chiedo la restituzione del premio non goduto dopo la vendita dell'auto
it|post|policy_number|contratto nr. 5129-088-340, sono due mesi che chiedo la voltura!
en|post|policy_number|home policy #6601932440 - the renewal quote is double last year's
it|post|policy_number|polizza n°3302918899, avete ricevuto il bonifico?
it|reply|policy_number|Gentile cliente, la polizza n. 2025/0043871 risulta regolarmente in copertura fino al 31/12. Per altri dettagli le scriviamo in privato.
en|reply|policy_number|Hi Sam, we've checked policy no. LA-7730981 and the refund was issued on Tuesday.
it|post|policy_number|POLIZZA AUTO NR 2024/118893 SCADUTA PER COLPA VOSTRA CHE NON AVETE MANDATO L'AVVISO
it|post|policy_number|pol 9912034557 chi mi risponde? è la 5a volta che scrivo
it|reply|policy_number|Ciao Alessia, sulla polizza 7712.004.318 risulta già attiva la garanzia cristalli.
en|post|policy_number|policy ref 55-20391-H, still waiting for my certificate of insurance
it|post|policy_number|certificato di assicurazione n. 20260918773 ma il vigile dice che non risulta in banca dati
it|post|policy_number|il mio numero di polizza è 0088234119, l'app mi dice "polizza non trovata" 🤷‍♀️
en|post|policy_number|My policy number is LNT00458213 and your chatbot says it doesn't exist. So what am I paying for?
it|post|policy_number|pol.nr 660193211 disdetta mandata via pec il 10 ottobre, voglio la conferma scritta
it|reply|policy_number|Buongiorno Sig. Orlando, la rata della polizza vita n. 30.118.772 è stata incassata il 3 novembre.
it|post|policy_number|ciao, sono intestataria del contratto di assicurazione n. 41-0092213, posso aggiungere mio figlio come conducente?
en|post|policy_number|Pet insurance policy 7730221 renewed without asking me. I want a refund.
it|post|policy_number|Salve, polizza RC auto numero 1120458876: ho cambiato macchina, come sposto la copertura?
it|post|claim_number,policy_number|Polizza 8801234567, sinistro n. 2026/44871 del 3 ottobre: il perito non si è mai visto
en|post|claim_number,policy_number|policy #5500912 / claim no. CL-2026-77310 - can someone finally tell me what's going on?
it|reply|claim_number,policy_number|Gentile Sig. Vitale, il sinistro n. 24-0093311 collegato alla polizza n. 660193277 è stato liquidato ieri.
# ===== policy_number negatives
it|post|none|La polizza RC auto è aumentata di 80 euro senza nessun sinistro, perché?
it|post|none|polizza da 480 € per una Panda del 2009, ma siete seri?
en|post|none|policy renewal 2025 was fine, 2026 is a joke
en|post|none|Read your privacy policy and I still don't know who sees my data
en|reply|none|Under our refund policy, premiums for unused months are returned within 30 days of cancellation.
it|reply|none|Ai sensi del Regolamento IVASS n. 24/2008 e dell'art. 148 del D.Lgs. 209/2005, la sua segnalazione verrà gestita entro 45 giorni.
it|post|none|reclamo n. 55821 inviato il 2 settembre, i 45 giorni sono passati da un pezzo
it|post|none|richiesta n. 2026-118392 aperta in app, ancora "in lavorazione"
it|post|none|Preventivo n. 99812034 per la polizza casa: il prezzo online è diverso da quello dell'agenzia
en|post|none|Case #44102938 has been open for 3 weeks. Ridiculous.
it|reply|none|Il numero di polizza ha 10 cifre, tipo 0000000000, e lo trova in alto a destra sul certificato.
en|reply|none|You'll find your policy number on the first page of the welcome pack. Please don't post it here.
it|reply|none|La polizza n. ****5521 risulta attiva; per la modifica dei beneficiari le scriviamo in privato.
it|post|none|ho la polizza salute e la polizza casa con voi da 15 anni e mi trattate cosi
en|post|none|what's my policy number? lost all the paperwork when we moved
it|post|none|la polizza 2024 costava 390 €, quella 2026 costa 610 €. Spiegatemi
en|post|none|We have a strict policy on abusive messages. Ha, I wish you had one on answering them.
it|reply|none|Piano Salute Famiglia: fino a 4 componenti, massimale 50.000 € l'anno, senza questionario sanitario fino ai 55 anni.
it|post|none|tessera socio n. 558812 del circolo aziendale, vale lo sconto convenzione sulla polizza auto?
en|post|none|order #77120934 from the Lanterna rewards store never arrived, just saying
# ===== claim_number positives
it|post|claim_number|sinistro nr. 2026/118773, il perito doveva venire martedi, non si è visto nessuno
it|post|claim_number|pratica n. 445120 ferma da 3 mesi, qualcuno la guarda?
it|post|claim_number|il mio sinistro è il 24/118/000772, me lo chiudete o no?
it|post|claim_number|pratica sinistro 2024/55123 — mancano ancora i soldi della carrozzeria
it|post|claim_number|rif. sinistro 24-0093318, la carrozzeria convenzionata vuole l'autorizzazione
en|post|claim_number|claim ref. 2024-CL-88102 — it's been 60 days, what's the hold-up?
en|post|claim_number|My claim number is 2024CL55019 and the status hasn't changed since August
en|post|claim_number|Claim reference CL-2024-77318, the adjuster's report was due last week
it|post|claim_number|sin. n. 7731024, vi ho mandato 4 foto e la fattura, che altro serve
it|post|claim_number|denuncia n. 2026/9981 fatta in agenzia il 2 novembre, ancora nessuna notizia
en|post|claim_number|Rif. claim 7701-2293: the garage says you haven't authorised the repair
it|reply|claim_number|Gentile cliente, la pratica n. 2026/33810 è stata assegnata al perito, che la contatterà entro 5 giorni lavorativi.
en|reply|claim_number|Hi Mia, claim no. 88120455 has been approved and payment goes out on Friday.
it|post|claim_number|numero sinistro 0045128833 — il CID l'ho mandato il giorno stesso
it|post|claim_number|pratica 2026-004512: rimborso del furto della bici ancora in "verifica documentale" dopo 50 giorni
en|post|claim_number|claim #330981 for the burst pipe, still no loss adjuster visit and the ceiling is falling in
it|reply|claim_number|Buongiorno Sig.ra Fabbri, sul sinistro n. 2026/118799 manca solo la firma del CID da parte della controparte.
it|post|claim_number|n. sinistro 26/MI/004417 grandine del 14 luglio, ancora niente
en|post|claim_number|claim number: 2025-778-1104. Please just pay it, I've sent everything
it|post|claim_number|pratica sinistro n. 55120934, la carrozzeria minaccia di tenersi la macchina
# ===== claim_number negatives
it|post|none|il sinistro del 12/03 non è ancora stato liquidato, 8 mesi ormai
it|post|none|sinistro in via Roma 12 a Monza, l'altro non si è fermato, come procedo?
it|post|none|sinistro da 2.300 € e mi avete aumentato di 2 classi, grazie tante
it|post|none|la pratica è ferma, nessuno risponde, nessuno sa niente
en|post|none|I want to make a claim for my stolen bike, where do I start?
en|post|none|Got a text from someone claiming to be you and asking for my card number. Scam?
it|post|none|verbale dei carabinieri n. 2024/3318, ve lo serve per il sinistro?
en|post|none|police report ref 55/2024/MI attached to my email, do you need anything else?
it|reply|none|Il numero di sinistro è nel formato AA/NNN/NNNNNN e lo trova nella mail di apertura della pratica.
it|reply|none|La pratica n. ***8102 risulta in liquidazione: le scriviamo in privato per i dettagli.
en|reply|none|Please don't share your claim reference publicly: send it to us by DM and we'll chase it today.
it|post|none|come si apre un sinistro dall'app? non trovo il tasto
en|reply|none|You can open a claim 24/7 in the app: tap Claims, then New claim, and follow the three steps.
# ===== plate positives
it|post|plate|Mi hanno tamponato al semaforo, la macchina dell'altro era targata {PL} e non si è fermato
it|post|plate|targa {PLs}, vi ho mandato le foto del danno, quando viene il perito?
it|post|plate|la mia auto {PLd} risulta non assicurata in banca dati ma ho pagato!!! ho la ricevuta
en|post|plate|Hit and run in Verona, the van's plate was {PL}. Reported to police already.
it|post|plate|ho comprato una macchina nuova, targa {PLl}, come faccio a spostare la polizza?
it|reply|plate|Gentile Sig. Costa, la copertura è già attiva sul veicolo targato {PL} da oggi alle 00:00.
en|reply|plate|Hi Chris, the temporary cover for {PLs} starts tomorrow at 9am.
it|post|plate|{PL} questa è la targa, il vetro si è crepato in autostrada per un sasso
it|post|plate|macchina di mia moglie {PLl} in carrozzeria da 3 settimane aspettando il vostro ok
it|post|health,plate|L'auto che mi ha investito sulle strisce era {PLs}, ho il bacino fratturato e nessuno si fa vivo
it|post|plate|Furto della Yaris {PLd} ieri notte sotto casa, denuncia fatta. Ora?
en|post|plate|Car reg {PL} – windscreen claim, the glass company says you haven't authorised it
it|post|plate,policy_number|Polizza n. 5591023 per la {PL}, ma sul certificato c'è la targa della vecchia auto
it|reply|plate|Ciao Matteo, abbiamo registrato la sostituzione: ora la polizza copre la {PLs}. Ti mando il certificato in privato.
it|post|plate|ho fatto un graffio a una Golf parcheggiata, targa {PL}, ho lasciato un biglietto ma voglio denunciarlo io
en|post|plate|My plate is {PLl} and the app says "vehicle not found" 🙄
it|post|plate|La {PL} (la mia Panda) è ferma da 10 giorni in officina convenzionata: cosa aspettate?
it|post|phone,plate|Auto {PLs}, sono in panne sulla A14, il mio numero è 340 118 2290, il carro attrezzi non arriva
it|reply|claim_number,plate|Gentile Sig.ra Leone, per il sinistro n. 2026/44102 la controparte con targa {PL} ha confermato la dinamica.
en|post|plate|Scooter? No, car: Fiat 500 X, reg {PL}. Not sure why the quote says motorbike.
it|post|email,plate|targa {PL}, mandate il certificato a paola.monti.77@gmail.com, in agenzia non lo trovano
it|post|plate|il tizio che mi ha rigato la fiancata aveva la {PLd}, ho il video della dashcam
en|post|plate|{PLs} is my new car, old one was sold in July, please move the cover
it|post|plate|vi ho scritto 3 volte la targa {PL}, ci vuole tanto a fare una voltura?
it|reply|plate|Buonasera, abbiamo attivato l'assistenza stradale per il veicolo {PL}: il carro attrezzi arriva in 40 minuti.
# ===== plate negatives
it|post|none|incidente sulla A1 all'altezza di Barberino, coda di 8 km, e il soccorso stradale non arriva
it|post|none|SS 16 km 123 direzione Bari, bucato una gomma, l'assistenza copre?
it|post|none|sono in classe 14 dopo un sinistro non mio, assurdo
en|post|none|Fiat 500 X 2021 or Jeep Renegade, which one is cheaper to insure with you? asking before I buy
it|post|none|il codice del buono carburante è FG482KL7, non me lo accetta il distributore
it|post|none|il seriale del dispositivo satellitare è XAB123CDE, serve per lo sconto?
it|post|none|la CU 2024 per la detrazione della polizza vita dove la scarico?
it|reply|none|Scriva la targa nel formato AA000AA, senza spazi, nel campo Veicolo dell'app.
en|reply|none|Please don't post your plate here – send it via DM and we'll look up the cover.
it|post|none|il carro attrezzi era fermo al km 123 da quasi due ore, ma che servizio è
# ===== more English (and a few Italian) lines
en|post|email|Still no reply to my complaint. My address is kevin.obrien@eircom.net if anyone actually reads these
en|post|email|You can email my accountant at r.fitzgerald@fitzgeraldtax.ie, she handles the company van policy
en|post|email|it's anna-lisa.moore (at) protonmail (dot) com – please send the cancellation confirmation there
en|reply|email|Hi Ruth, we've resent the documents to ruth.ellison@btinternet.com. Let us know if they don't arrive.
it|post|email|mail del mio avvocato: avv.de.luca@studiodeluca.it, da ora in poi comunicate con lui
en|post|email|DANIEL.HUGHES@HOTMAIL.CO.UK is where the renewal should go, not my old work one
en|post|email|mail me: marcus underscore lee at yahoo dot com
en|post|plate|My Italian plate is {PL}, the car's registered in Turin but I live in Manchester now. Do you cover that?
en|post|plate|Someone reversed into my parked car and left. Their plate was {PLd}, I've got photos.
en|reply|plate|Hi Laura, the replacement car cover now applies to {PL} until your own vehicle is back from the garage.
en|post|plate|reg {PLl} - the tracker box keeps beeping, is it your device?
en|post|claim_number,plate|Claim no. 2026-55021, my car {PLs} has been at your partner garage for a month
en|post|birth_date|I'm a US citizen, born July 4th 1979, and your form won't accept the date format
en|post|birth_date|DOB: 29/02/1984. Yes, a leap day. Your system refuses it and I can't finish the sign-up.
en|post|birth_date|Our twins were born on 11 October 2025, how do we add both to the family health plan?
en|reply|birth_date|Dear Mrs Rowe, we've updated your mother's record: born 17 April 1938, as shown on the certificate you sent.
en|post|birth_date,email|My date of birth is 06/06/1966 (yes really) and my email is ian.grant66@gmail.com, please merge the two accounts
en|post|claim_number|claim ref: 2026/0044187 – the repair shop is charging me storage now. Who pays that?
en|post|claim_number|Claim #7720-1934 for the stolen laptop. Sent the police report twice.
en|reply|claim_number|Dear Mr Evans, your claim reference CL-2026-00981 has been passed to our legal team; they'll contact you privately.
en|post|claim_number,health|claim number 2026-HM-33019: my son broke his arm at school and the accident cover says pending for 6 weeks
en|post|policy_number|my travel policy is TRV-2026-118450 and I'm stuck at the airport, flight cancelled. What now?
en|reply|policy_number|Hi Grace, policy #8830-2214-05 is active and the roadside assistance is included.
en|post|phone|Ring me on 0039 347 220 1184 please, I'm the one who emailed about the broken window
en|post|phone|My number: 020 7946 0958 (home, London). Best after 6pm.
en|post|health|My father had a heart attack at the wheel and the crash wasn't his fault. Why is the claim being treated as if he was negligent?
en|post|health|I was diagnosed with ADHD last year and now your questionnaire wants my psychiatrist's notes. Is that normal?
en|post|health|She's been on dialysis since spring — my wife, I mean — and the travel cover was refused. Any options?
en|reply|health|Hi Noah, we're sorry about your concussion. There's no need to come to the branch; we can do everything by DM.
en|post|health|Hospitalised twice this year for kidney stones. Two claims, two rejections. Explain please.
en|post|health|I'm blind in one eye since birth and the car insurance quote went up when I declared it. Is that allowed?
# English hard negatives
en|post|none|How long does it usually take to get the settlement after the adjuster's visit?
en|post|none|Your app updated overnight and now I can't find my documents anywhere. Who designed this?
en|reply|none|Thanks for your patience! Our team is looking into it and will DM you shortly.
en|post|none|Just wanted to say thanks to the Verona branch, sorted my renewal in 10 minutes 👏
en|reply|none|Hi there, we're sorry for the wait. Could you send us a private message with your details so we can check?
en|post|none|Switched to you from my old insurer and the difference is night and day. Keep it up!
en|post|none|1 star. Three emails, two calls, zero answers. #lanternaassicurazioni
en|post|none|Does the home policy cover damage from a neighbour's leaking washing machine?
en|reply|none|Yes, water damage from a third party's appliance is covered under section B, subject to a €150 excess.
en|post|none|Why does the premium go up when I haven't made a single claim in 12 years?
en|reply|none|Premiums reflect a number of factors, including repair costs in your area. We'd be happy to review yours privately.
en|post|none|is there a discount if I insure two cars with you?
en|reply|none|Our offices will be closed on 25 and 26 December. The app and the toll-free line 800 112 233 stay available for claims.
en|post|none|The chatbot asked me for my policy number, then my name, then my policy number again. Come on.
en|post|none|App store review: crashes on login since version 4.2, iPhone 13, iOS 19. Please fix.
en|post|none|Great app, finally I can see all my policies in one place ⭐⭐⭐⭐⭐
en|reply|none|We've released version 4.2.1, which fixes the login crash. Thanks for reporting it!
en|post|none|Can I pay monthly instead of yearly? Couldn't find it on the website
en|reply|none|Monthly payments are available for premiums above €300, by direct debit only.
en|post|none|My friend said you cover e-scooters now. True?
en|post|none|I've been a customer since 1998 and this is how you treat me? Unbelievable.
en|post|none|Heads up everyone: fake Lanterna page on Instagram asking people for bank details. Report it!
en|reply|none|Thank you for flagging this. Our only official Instagram account is @lanternaassicurazioni, with the blue tick.
en|post|none|I'm dying to know why my renewal letter arrived in German 😂
en|post|none|Had a minor bump in a car park, no damage to anyone, should I even report it?
en|reply|none|If nobody was injured and the damage is minor, you can still fill in the joint accident report (CID) and upload it in the app within 3 days.
en|post|none|What does "franchigia" mean? My Italian isn't great and the policy is all in Italian
en|reply|none|"Franchigia" is the deductible: the part of each claim you pay yourself, €250 on your plan.
en|post|none|Do you offer cover for a house in Italy if I'm a non-resident? Looking at buying in Puglia.
en|post|none|Your hold music is burned into my brain at this point 🎶
en|reply|none|We're sorry about the waiting times this week: storm claims have tripled. We're answering in order of arrival.
en|post|none|The adjuster was really kind and thorough, best experience I've had with an insurer.
en|post|none|Can my 17-year-old learner drive my car under my policy?
en|reply|none|Learner drivers can be added as named drivers from age 18; please check the conditions in section 2 or ask your agent.
en|post|none|Is earthquake cover worth it in Umbria? Genuinely asking, not trying to start a fight
en|reply|none|Reminder: we will never ask for your PIN, passwords or one-time codes by phone, SMS or social media.
en|post|none|Tried to cancel online, the button just spins forever. Attaching a screenshot in DM.
en|post|none|I love how the app says "instant" quote and then takes 4 minutes to load 🙃
en|reply|none|Happy #WorldKindnessDay! 💛 Tell us about someone from our team who made your day better.
en|post|none|The letter says I owe €37.50 for an "adeguamento". What is that?
en|reply|none|The €37.50 is the annual index adjustment of the sum insured, as described in article 12 of your policy conditions.
en|post|none|Is there a cooling-off period if I change my mind after buying online?
en|reply|none|Yes, you can withdraw within 14 days of purchase and get a full refund of the premium.
en|post|none|Does the travel policy cover cancellations if my flight's moved by more than 5 hours?
en|post|none|Your agent in Parma is the only reason I'm still with you, honestly
en|post|none|Reported my claim on Monday, got a reply Tuesday. Impressed tbh.
en|reply|none|Glad to hear it, Luke! We'll pass your thanks on to the team.
it|post|none|Ma perche la app chiede l'aggiornamento ogni 3 giorni? ho il telefono pieno
it|reply|none|Gentile cliente, ci scusiamo per il disagio. La invitiamo a scriverci in privato per verificare la sua posizione.
# ===== extra tax_code / iban positives and Italian negatives
it|post|tax_code|Buonasera, per l'area clienti mi chiede il CF: {CFl}... lo inserisco e mi dice che esiste già un account, ma io non l'ho mai creato!
en|reply|tax_code|Hi Marta, we found two profiles under tax code {CFf}; we'll merge them and send you a private message when it's done.
it|post|health,tax_code|Mio padre ({CFm}) è ricoverato in terapia intensiva dopo l'incidente, sono io che gestisco le pratiche adesso
it|post|iban|cambio conto: vecchio chiuso, nuovo IBAN {IBANg}. Lo scrivo qui perché la mail mi torna indietro
en|post|iban|Refund to IT please, not the UK account: {IBANd}
it|reply|iban|Gentile Sig. Palumbo, il bonifico del risarcimento di 2.140 € è partito oggi verso l'IBAN {IBANp}.
it|post|none|Mi sa che la vostra app ha bisogno di un bel tagliando, si pianta ogni 5 minuti 🔧
it|reply|none|Buona Festa della Mamma 💐 a tutte le mamme che ogni giorno si prendono cura della famiglia!
it|post|none|Ottimo servizio dall'agenzia di Cremona, gentilissimi e veloci. 5 stelle ⭐
it|post|none|ma è normale che la quietanza arrivi dopo la scadenza? chiedo eh, magari sono io che non capisco
it|reply|none|#SettimanaDellaPrevenzione 🩺 Un controllo della pressione all'anno può fare la differenza: scopri gli screening gratuiti nelle nostre agenzie.
it|post|none|100% insoddisfatto, il 30% di aumento non me lo aspettavo proprio
it|post|none|Ragazzi ma la garanzia cristalli copre anche il tettuccio panoramico?
it|reply|none|Certo! La garanzia cristalli copre parabrezza, lunotto, vetri laterali e tetto panoramico, con scoperto del 10%.
it|post|none|ho sentito che con la scatola nera si risparmia il 20%, vale anche per le moto?
it|post|none|Lanterna sempre peggio, una volta eravate i migliori 😞
