en|post|health|Been waiting 6 weeks for my physio to be reimbursed after the whiplash. Six. Weeks. @LanternaInsurance do better
en|post|health|Broke my ankle on holiday in Crete and your travel cover says I need a "certified translation" of the X-ray report. Are you serious?
en|post|none|does the travel insurance cover a broken ankle abroad or do I need the extra sports add-on? asking before my ski trip
en|post|none|is pregnancy covered after the waiting period? the FAQ is super vague
en|post|health|I'm 7 months pregnant and you want me to come to the branch to sign a paper. Can't this be done online??
en|post|health|My wife had a stroke in March and I'm handling everything now. Your claims line keeps asking for her to call personally. She can't speak yet.
en|post|health|my 4 year old has epilepsy and the app won't let me upload her neurologist letter, file too big. 3rd time trying
en|post|none|are pre-existing conditions like asthma excluded or just declared? need a straight answer
en|post|none|Are diabetes supplies covered under the basic health plan?
en|post|health|Type 1 diabetic here, my CGM sensors cost a fortune and your reimbursement form crashes every single time 🙃
en|post|none|This app gives me a headache every time I open it. Fix the login pls
en|post|none|I'm sick of waiting on hold. 45 minutes today.
en|post|none|you're killing me with these renewal letters lol, 3 in one week
en|post|health|I suffer from severe anxiety and phone calls are really hard for me. Can we please do this by chat?
en|post|health|ngl the claim process is wrecking my mental health, I'm already on sertraline and this is not helping
en|post|none|#MentalHealthAwareness week and your hold music is still the same 8 seconds on loop 🙃
en|post|phone|Please call me back on 07700 900456, that's my mobile, I'm in the UK until January
en|post|phone|my number is +44 7700 900612, call after 5pm UK time
en|post|phone|You can reach me on +39 333 447 1902 anytime
en|post|phone|Got a call from 0039 351 448 2291 saying they were from Lanterna and asking for my card details. Scam? Careful everyone
en|post|phone|my landline 02 4471 2290, mobile has no signal at home
en|post|none|Called 02 8736 4100 five times, nobody picks up. What's the point of a claims line?
en|post|none|your +39 02 8736 4100 line hung up on me twice today
en|post|phone|call me on three four seven, two two one, eight eight zero, four one. I'll be home all day
en|post|none|the toll-free 800 912 233 doesn't work from abroad, any other way to reach you?
en|post|none|mobile ending in ...7712, you should have it on file already
en|post|email|email me at tom dot baker at gmail dot com, messenger keeps eating my attachments
en|post|email|pls send the docs to sara . gentile @ gmail . com
en|post|email|I already emailed you from j.murphy1981@yahoo.co.uk on Monday
en|post|none|I already emailed complaints twice via reclami@lanternaassicurazioni.it, zero answer
en|post|email|new address: LUCY.HARTMAN@OUTLOOK.COM, please update
en|post|email|contact me at emma[dot]clarke[at]protonmail[dot]com
en|post|none|follow my story at @emma_clarke_82, I'm documenting this whole claim mess
en|post|none|check https://t.co/xY7p2Lq9 for the video of your adjuster being rude
en|post|policy_number|home policy #6601932440 - the roof leak was reported 3 weeks ago, nobody came
en|post|policy_number|my car policy is 88300219 and I was charged twice in November
en|post|policy_number|Policy number: 4410-0239-87. Renewal came through at +40%. Explain.
en|post|policy_number|policy no. 3302918897 still shows as unpaid in the app although my bank says it's gone through
en|post|none|policy renewal 2025 came in at £200 more, for no reason
en|post|none|Your privacy policy says you don't share data, yet I'm getting calls from a car dealer
en|post|none|what's my policy number? I lost the paper and the app is down
en|post|none|you'll find your policy # on the first page, they said. Which first page??
en|post|none|order #88120934 for the dashcam from your partner shop never arrived
en|post|none|ticket #55120 opened on the 2nd, still "pending"
en|post|none|case #4471902 - escalate please, been 3 weeks
en|post|claim_number|claim no. 2024-CL-88102, the adjuster said 10 days, it's been 40
en|post|claim_number|claim ref: 7701-2293 - where is my money
en|post|claim_number|my claim number is 2024CL55019, can someone actually look at it
en|post|claim_number|Claim reference CL-2024-77310. The garage is charging me storage fees because you haven't authorised repairs.
en|post|none|I want to make a claim but the form keeps crashing
en|post|none|Someone called claiming to be from your fraud team. Is that real?
en|post|none|The claim from the 12th of March is still open, can someone check?
en|post|none|Police report ref 55/2024/MI was sent to you in October. What else do you need?
en|post|health,claim_number|claim #55019234: MRI done, torn ligament confirmed, surgery booked for the 14th. Please approve the pre-authorisation!
en|post|birth_date|your system has my DOB wrong - it's 11/07/1979 not 07/11/1979, American format strikes again
en|post|birth_date|I was born on 3rd May 1985 and your quote says I'm 19. Fix your form
en|post|birth_date|my son was born 14 Feb 2021, how do I add him to the family health plan?
en|post|none|Lanterna was founded on 4 May 1908 and still can't build an app that works
en|post|none|The app was born broken on 1 April and it's still broken
en|post|none|the issue started on 12 January when you migrated accounts
en|post|none|I was born ready for bad customer service but this is next level
en|post|none|it's my birthday today and the only message I got was your renewal reminder 🎂😂
en|post|none|how old do you have to be for the young driver discount? I'm 24
en|post|birth_date|date of birth 02.09.1990, name Priya Shah - the portal says no match, please check
en|post|tax_code|The Italian agent asked for my codice fiscale, it's {CF}, is that enough for the car policy?
en|post|none|The Italian agent asked for my codice fiscale, it's {CFX}, is that enough for the car policy?
en|post|tax_code|tax code {CFo} - the clerk said it's an "omocodia" one, whatever that means, and your site rejects it
en|post|none|What's a codice fiscale and where do I get one? Moving to Italy next month
en|post|iban|Please pay the refund to my German account {IBANDE}
en|post|iban|refund to FR account pls: {IBANFR}
en|post|none|refund to FR account pls: {IBANXFR}
en|post|iban|My Spanish IBAN is {IBANES}, the Italian one is closed
en|post|iban|UK account for the payout: {IBANGB}
en|post|none|UK account for the payout: {IBANXGB}
en|post|none|my IBAN ends in 0457, you have it already from last year
en|post|none|sort code and account number are on the form I sent, don't make me post them here
en|post|plate|Someone hit my parked car and drove off, their plate was {PL}, I have dashcam footage
en|post|plate|rental car {PLd} broke down on the A14, waited 3 hours for the tow truck
en|post|none|waited 3 hours for a tow truck on the A14 near km 123, never again
en|post|none|my Fiat 500 X is in the shop for 6 weeks now and you won't give me a courtesy car
en|post|health|My dad died of lung cancer in August and your life claims team keeps sending letters addressed to him. It's cruel.
en|post|none|My dad passed away in August and your team keeps sending letters addressed to him. Please stop.
en|post|health|My brother is in rehab for opioid addiction and I'm trying to sort his car insurance, who do I talk to?
en|post|health|neighbour's kid got hit by a car outside the school, concussion and a broken collarbone. Your client was driving. Any update on the claim?
en|post|none|accident right outside the hospital this morning, thankfully nobody was hurt
en|post|none|I work in a hospital, night shifts, so I can't call during your office hours. Is there a chat?
en|post|none|get well soon to the guy at the Bergamo branch, he was the only one who ever answered the phone lol
en|post|health|Sarah from your Bergamo branch told me she's off for chemo next month so who handles my file?
en|post|none|My cat needs surgery for a bladder stone and the pet plan says it's pre-existing?! She's 3!
en|post|none|Does the pet insurance cover hip dysplasia in Labradors?
en|post|health|I have ulcerative colitis and your health questionnaire only has yes/no for "digestive disease". Which box do I tick?
en|post|none|the health questionnaire has a yes/no for "digestive disease", does that include IBS or only serious stuff?
en|post|health|Diagnosed with MS last year, still waiting for the critical illness payout. 11 months.
en|post|none|Which conditions count for the critical illness payout? MS? Parkinson's? Is there a list somewhere?
en|post|health|I'm registered 45% disabled and your app isn't accessible with a screen reader. Shameful
en|post|none|does the accident cover pay out for 20% disability or is there a threshold?
en|post|health|my son has 100% disability and you still want him to come in person to sign. He's in a wheelchair.
en|post|health|wearing a hearing aid since the accident, can't do phone calls properly - please use email
en|post|health|had a pacemaker fitted in June, now the renewal doubled. Coincidence? I don't think so
en|post|none|is a pacemaker a pre-existing condition for travel insurance?
en|post|health|spent 4 days in hospital after the crash and the payout is £120?? The hospital cash benefit says £50 a night
en|post|none|the hospital cash benefit says £50 a night, is that capped?
en|post|health|My mum has Parkinson's and can't hold a pen. Can I sign the forms for her with power of attorney?
en|post|health|On warfarin since my DVT, does the travel cover need to know before I fly?
en|post|none|do I have to declare medication like blood thinners before buying travel cover?
en|post|health|My colleague Dave got a hernia lifting boxes at work and your claims team told him it's not an "accident". Explain that one
en|post|health|post-op since Tuesday (appendix) so I can't drive to the inspection, can the adjuster come to me?
en|post|health|Still on crutches after the knee replacement, your adjuster wants me at the garage at 8am. No.
en|post|none|crutches, wheelchairs and similar aids: are they covered under the home health benefit? asking for the policy comparison
en|post|health|my girlfriend's anorexia relapsed and she's in an inpatient unit, is the psychiatric stay covered by my family plan?
en|post|none|World Heart Day ❤️ take the stairs today! #WorldHeartDay
en|post|none|Is a colonoscopy covered as a preventive check after 50?
en|post|health|the doctor found a polyp during my colonoscopy and now you won't cover the biopsy because it's "diagnostic"
en|post|health,phone|adjuster please call me on 07911 123456 - I have a fractured wrist so typing is hard
en|post|email,health|I'm deaf, so no phone please, email only: olivia.reed@gmail.com
en|post|email,policy_number|policy ref PL-2291034, send the updated schedule to dan.howe@icloud.com please
en|post|claim_number,iban|claim no. 2024-CL-91207 approved two weeks ago, payment should go to {IBANg} - still nothing
en|post|iban,tax_code|For the Italian car: codice fiscale {CFl}, IBAN {IBAN}. Please don't lose them again
en|post|birth_date,email,phone|Name: Tom Baker, DOB 19/04/1983, phone +44 7700 900318, email tom.baker83@gmail.com - can someone finally call me
en|post|plate,claim_number|claim ref 88-2024-1177, the other car was {PLs}, I've sent the photos twice
en|post|none|Your app is on life support honestly. Someone pull the plug
en|post|none|The new update is a cancer on this app
en|post|none|idk what's worse, your hold music or the bill, both give me a toothache
