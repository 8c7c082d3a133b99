it|post|health|mi sono slogata la caviglia scendendo dal bus e il medico mi ha dato 15 giorni di prognosi. Chiedo l'indennizzo per l'infortunio o no?
it|post|health|Buonasera, mio suocero ha la SLA ed è tracheostomizzato, avete un modo per fare le pratiche senza spostarlo?
it|post|health|la mia vicina è caduta dalle scale condominiali e si è fratturata il bacino, l'assicurazione del condominio siete voi, chi la contatta?
it|post|none|Ma l'assicurazione del condominio copre anche chi cade dalle scale? Mi riferisco in generale
it|post|health|dopo l'incidente mi hanno diagnosticato un disturbo post traumatico da stress e non riesco più a guidare, lo psicologo è rimborsato?
it|post|health|Ho fatto l'amniocentesi privatamente e la polizza dice che è esclusa. Ma ho 41 anni!! Dovrebbe essere coperta
it|post|none|l'amniocentesi è coperta dalla polizza salute dopo i 35 anni?
it|post|health|mia madre è morta di covid in RSA nel 2020 e la polizza vita ancora non è liquidata, 4 anni di attesa
it|post|health|tuo fratello Mirko com'è messo dopo l'operazione al cuore? Dice che l'agenzia non gli risponde... scusate ho sbagliato chat 🙈
it|post|health|Mio padre ha un principio di demenza e ha firmato un contratto con un vostro agente senza capire niente, voglio annullarlo
it|post|health|mia nonna non è più autosufficiente dopo l'ictus e la badante dice che serve il certificato del geriatra per la polizza LTC, ce l'abbiamo ma voi lo rifiutate
it|post|none|Aiutooo mi avete fatto venire il mal di fegato con questa pratica 😤
it|post|none|ho il fegato a pezzi solo a leggere le vostre condizioni generali 😂
it|post|health|ho fatto il vaccino e la sera avevo 39 di febbre, non sono potuta venire alla perizia, non è colpa mia
it|post|health|ho l'epatite C e il questionario della polizza vita mi esclude, è discriminazione?
it|post|none|voglio fare una domanda per un amico: se uno ha l'epatite può fare la polizza vita? 🤔
