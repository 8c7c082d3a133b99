it|post|tax_code|codice fiscale {CFl} (è quello di mia moglie, l'intestataria) — quando arriva la disdetta?
it|post|tax_code,phone|Sono il figlio della Sig.ra Martini, CF della mamma {CFs}, il mio numero è 333 981 2204
it|reply|tax_code|Buongiorno, il codice fiscale {CF} risulta già registrato: provi il recupero password dall'app
en|post|tax_code|codice fiscale: {CFs2} (copied from my tessera sanitaria, spaces and all)
it|post|tax_code,health|il cf del mio compagno è {CF}, è in rianimazione da lunedì e non può firmare, come faccio con la pratica?
it|post|tax_code|C.F. {CFo} — omocodico, lo so, ma è quello vero
en|reply|tax_code|Hi Giorgio, the tax code on your policy has been corrected to {CF}
it|post|tax_code|{CF} questo è il mio codice fiscale, ora mi sbloccate l'account??
it|post|none|{CFX} questo è il mio codice fiscale, ora mi sbloccate l'account??
it|post|tax_code,plate|auto {PL} di mio padre, defunto, codice fiscale {CFl}: come si fa il passaggio agli eredi?
it|post|plate|la mia {PLd} è ferma dal meccanico da 20 giorni per colpa vostra
en|reply|plate|Hi Nico, the windscreen replacement for {PL} is booked for Thursday at 10:00
it|reply|plate,policy_number|Ciao Rosa, sulla polizza 7720019488 ora c'è la {PLs}, il vecchio veicolo è stato tolto
it|post|plate|scusate, ma perché nella app la mia macchina risulta {PLl} quando la targa vera è un'altra??
en|post|plate,phone|whoever owns {PLs}, you dented my door in the Conad car park, call me 347 552 0198
it|post|plate,health|Tamponato fermo al semaforo da {PL}, colpo di frusta e collare per 10 giorni
it|post|birth_date|La data di nascita giusta è 17/01/1984, sul certificato c'è il 1948
it|post|birth_date,health|mia mamma, nata il 2 dicembre 1941, è allettata da un anno: l'assistenza domiciliare la copre la LTC?
en|post|birth_date|I'm born 30.11.1979 not 11.30.1979, your system is American apparently
en|reply|birth_date|Thanks Oliver, we've changed the date of birth to 4 March 1986 as requested
it|post|birth_date|nata il 25/12/1970 (sì, a Natale 🎄) e mi avete messo il 1907
it|reply|birth_date|Gentile cliente, per il piccolo Tommaso nato il 06/06/2023 la copertura decorre dalla data di nascita
it|post|iban|ecco il mio iban {IBANp}, sbrigatevi che ho la rata del mutuo
en|post|iban|Dutch account now: {IBANNLg}
it|reply|iban|Gentile cliente, il bonifico di 1.250,00 € è stato eseguito il 28/11 verso {IBAN}
en|reply|iban,policy_number|Refund for policy no. 3302918811 sent to {IBANATg}
it|post|iban|IBAN {IBANd} intestato a mio figlio, il sinistro l'ha fatto lui
it|post|none|IBAN {IBANBg} intestato a mio figlio, il sinistro l'ha fatto lui
it|post|policy_number|Polizza casa nr 00871234: l'infiltrazione dal vicino quando la pagate?
en|post|policy_number|my policy number is 4410-0239-91 and the portal says it doesn't exist
it|post|policy_number|n. polizza 2023/774401, richiedo attestato di rischio
it|post|health|ho fatto la biopsia al seno venerdì e aspetto l'esito, intanto mi chiedete i documenti per la casa... non ho testa adesso
it|post|health|mio figlio di 16 anni soffre di anoressia ed è ricoverato a Bologna, posso sospendere la sua polizza scooter?
it|post|health|sono cieco e uso lo screen reader, il pulsante "invia" nella vostra app non ha etichetta
it|post|health|a mio padre hanno amputato la gamba per il diabete, l'invalidità ce l'ha al 100% ma la polizza infortuni dice che è malattia
it|post|health|Mi sono tagliato la mano con la smerigliatrice, 8 punti al pronto soccorso, vale per la garanzia infortuni?
en|post|health|I had a panic attack on the phone with your agent yesterday and he just hung up
en|post|health|my husband has early-onset Alzheimer's at 54 and you want HIM to call
en|post|health|my colleague Jen had IVF and the clinic invoices were rejected, she's too upset to post so I'm doing it
en|post|health|recovering from a hysterectomy, can't lift anything, so the "bring your car to the garage" plan isn't happening
en|reply|health|Hi Rachel, we're sorry about your husband's Alzheimer's diagnosis. You can be added as authorised contact so he doesn't need to call
it|reply|health|Gentile Sig.ra Bruno, ci dispiace per la biopsia: sospendiamo ogni richiesta di documenti sulla pratica casa fino a quando ce lo dirà lei
it|reply|health|Ciao Giorgio, l'amputazione di suo padre dovuta al diabete purtroppo rientra nella garanzia malattia e non infortuni: ti spieghiamo tutto in privato
