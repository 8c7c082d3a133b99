it|post|none|ma è normale che per cambiare l'IBAN dall'app serva lo SPID? Non posso farlo in agenzia?
it|post|none|Il vostro agente mi ha dato un biglietto con scritto 3302918899, non ho capito se è il numero della polizza o un codice cliente
it|post|none|pratica aperta, pratica chiusa, pratica riaperta... ma la pratica la sapete fare? 😂
it|post|none|codice cliente CL00488213 e ancora non mi fate entrare, che devo fare
it|post|none|ho pagato con bonifico il 03/12/2024 alle 15:02, importo 412,50 €, ricevuta CRO 0012345678901234
it|post|none|Dopo 20 anni di Lanterna me ne vado, mi spezzate il cuore 💔 ma il premio è raddoppiato
it|post|none|Siete la mia dose quotidiana di stress 😂 ogni mattina una mail nuova
it|post|none|per la campagna #MovemberItalia fate qualcosa anche voi per la prevenzione del tumore alla prostata?
it|reply|none|Buongiorno! Il numero di targa va inserito senza spazi, ad esempio AB123CD è il formato corretto ma non inserisca qui la sua 😉
it|reply|none|Lanterna Salute: visite specialistiche in 72 ore, check-up cardiologico annuale e secondo parere medico per le malattie oncologiche
it|reply|none|Il nostro numero per i sinistri dall'estero è +39 02 8736 4100, attivo 24 ore su 24
it|reply|none|Le ricordiamo che può chiamarci allo zero due, otto sette tre sei, quattro uno zero zero dal lunedì al venerdì
it|reply|none|La campagna "Guida sicura" compie 10 anni: è nata il 5 ottobre 2016 e ha coinvolto 300 scuole 🚗
it|reply|none|Grazie per la recensione! Ci dispiace per la disavventura con il carro attrezzi, abbiamo girato il feedback al partner
it|reply|none|Ci scriva in privato il numero di sinistro e la targa del veicolo, così verifichiamo subito. Non li pubblichi qui 🙏
en|post|none|wrong IBAN in your letter: it says IT60 X054 2811 1010 0000 0123 457, looks like a typo, please double check before paying anyone
en|post|none|the code on the card is 16 characters, something like ABCDEF12G34H567I, is that the tax code or the member number?
en|post|none|Ordered the dashcam through your app, order 3471182046, tracking says lost
en|post|none|Five stars for Sara at the Milan office, genuinely the best customer service I've had in years ⭐⭐⭐⭐⭐
en|post|none|lol your chatbot needs therapy, it answered "I understand your frustration" to my thank you
en|post|none|Cancelling my policy with you is the best stress relief I can think of 😂
en|reply|none|Our Income Protection cover pays up to 60% of your salary if illness or injury keeps you off work for more than 4 weeks
en|reply|none|Hi! Please don't post medical reports in the comments - send them by DM or upload them in the app under "Documents"
en|reply|none|We're celebrating 25 years of our Milan claims centre, opened on 3 March 2001 🎉 thank you to all our adjusters
en|reply|none|The toll-free line 800 912 233 is also reachable from abroad via +39 02 8736 4100
it|post|health|mio padre ha l'Alzheimer e ha fatto un incidente, ora chi paga? il medico dice che non doveva guidare
it|post|health|sono stata ricoverata 5 giorni per una polmonite e la diaria me l'avete pagata per 3. Mancano due notti
it|post|health|Al mio collega Giovanni hanno diagnosticato un linfoma, la polizza collettiva aziendale copre le cure all'estero?
it|post|health|mio figlio ha l'ADHD e prende il Ritalin, nella polizza scolastica devo dichiararlo?
it|reply|health|Ciao Marta, ci dispiace per la polmonite: le due notti mancanti della diaria ti verranno pagate entro venerdì
en|post|health|my mum's been on dialysis since October and the transport claims keep bouncing
en|post|health|I've got a herniated disc from the crash and I'm on painkillers, the adjuster wants me to drive to his office
en|post|health|I'm an alcoholic in recovery, 2 years sober, and the life quote went up 40% because I ticked the box. Is that legal?
en|reply|health|Hi Tess, we're sorry about your herniated disc. The adjuster will come to you, no driving needed
en|post|health|Lost my sense of smell after the head injury, neurologist says it's permanent. Is that covered as a permanent disability?
