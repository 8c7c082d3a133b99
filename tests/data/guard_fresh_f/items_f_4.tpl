en|reply|none|Hi Tom, sorry for the wait! Please don't share your policy number or bank details here - we've sent you a DM 💙
en|reply|none|Hi there, you'll find your policy number on the first page of your schedule. Please send it to us by DM, not in the comments
en|reply|none|Please write your plate as XX000XX in the app, with no spaces
en|reply|none|Enter your date of birth as DD/MM/YYYY, e.g. 01/01/1980. If the error persists, send us a DM
en|reply|none|Your claim reference looks like CL-YYYY-NNNNN and is in the acknowledgement email. Please DM it to us rather than posting it
en|reply|none|You can call our claims line on 02 8736 4100 (Mon-Fri 9am-6pm CET) or email sinistri@lanternaassicurazioni.it
en|reply|none|From abroad please call +39 02 8736 4100, the toll-free 800 number only works from Italian lines
en|reply|none|For data protection requests please write to privacy [at] lanternaassicurazioni [dot] it
en|reply|email|Hi Emma, your case is now with our senior handler, Giulia Moretti: giulia.moretti@lanternaassicurazioni.it
en|reply|phone|Hi Olivia, the loss adjuster, Mr Hughes, will call you from his mobile +44 7911 556 203 tomorrow morning
en|reply|phone|Hi Tom, we'll call you back on 07700 900456 within the hour as requested
en|reply|none|Hi Tom, we'll call you back on the number ending in ...0456 within the hour as requested
en|reply|email|We've sent the new schedule to dan.howe@icloud.com, please check your spam folder too
en|reply|none|We've sent the new schedule to the address we hold on file, please check your spam folder too
en|reply|policy_number|Hi Dan, policy ref PL-2291034 has been updated with the new address, the schedule is on its way
en|reply|policy_number|Thanks for waiting. Policy no. 3302918897 is fully paid, the app should refresh within 24 hours
en|reply|none|Thanks for waiting. Your policy is fully paid, the app should refresh within 24 hours
en|reply|claim_number|Hi Priya, claim no. 2024-CL-88102 has been escalated to our team leader, you'll hear from us by Friday
en|reply|claim_number|Claim #55019234 is approved - the surgery pre-authorisation was sent to the clinic this morning
en|reply|claim_number,health|We're sorry about your torn ligament, James. Claim #55019235 is approved and the surgery pre-authorisation has been sent to the clinic
en|reply|none|We've logged your complaint under ref. 55821 and will reply in writing within 45 days
en|reply|none|Order #88120934 has been refunded in full, sorry about the missing dashcam
en|reply|none|The police report ref 55/2024/MI arrived, thanks. Your adjuster will be in touch
en|reply|none|Someone claiming to be from Lanterna asked for your card details? We never ask for that by phone or DM. Please report it to us
en|reply|none|Our Critical Illness cover pays a lump sum on diagnosis of cancer, stroke, heart attack, MS and more than 30 other conditions. Full list in the policy wording
en|reply|none|Pregnancy is covered after a 10-month waiting period; complications are covered from day one
en|reply|none|Pre-existing conditions such as asthma or diabetes must be declared but are not automatically excluded
en|reply|none|Physiotherapy after an accident is reimbursed up to €1,500 a year when prescribed by a doctor
en|reply|none|Our Hospital Cash benefit pays €100 for every night spent in hospital, up to 90 nights a year
en|reply|none|Permanent disability is paid from 5% with the Accident cover, with a 3% deductible on the first claim
en|reply|none|Our app now includes a free 24/7 video GP service. You don't need to be unwell to try it 😉
en|reply|none|It's #WorldCancerDay 🧡 Our Health Plus plan includes free annual screening for all members
en|reply|none|This #MentalHealthAwarenessWeek we're reminding everyone that Health Plus includes 10 therapy sessions a year 💚
en|reply|none|We're sorry for your loss. For the life policy payout please send us a DM and we'll guide you through the documents
en|reply|health|We're so sorry to hear your father passed away from lung cancer. Please DM us and we'll stop the letters immediately
en|reply|health|Hi Mark, sorry to hear about your wife's stroke. We've set up a third-party authority so you can handle the claim for her
en|reply|health|Hi Anna, we've noted your anxiety and we'll handle everything by chat from now on, no phone calls
en|reply|none|Hi Anna, we'll handle everything by chat from now on, no phone calls. Just message us here any time
en|reply|health|Congratulations on the pregnancy, Chloe! Since you're 7 months along we'll send the adjuster to your home
en|reply|health|Sorry about the broken ankle, Jess. The X-ray report in English is fine, no translation needed for your travel claim
en|reply|none|Sorry about the trouble, Jess. Any medical report in English is fine, no translation needed for travel claims
en|reply|health|Hi Ben, the CGM sensors for your type 1 diabetes are reimbursable - the form fix goes live tonight
en|reply|health|We understand that with your 100% disability your son can't come in. A notary can visit at home at our expense
en|reply|health|For your 30% permanent disability the payout has been calculated at €24,000, details by DM
en|reply|health|Hi Grace, we're sorry the MS diagnosis claim has taken 11 months. It's now with the medical officer and we'll update you by DM
en|reply|health|Hi Ravi, your wheelchair and the home adaptations after the spinal injury are covered under the Long Term Care plan
en|reply|health|Hi Maria, the psychiatric stay for your partner's anorexia treatment is covered under your family plan. We'll DM you the forms
en|reply|none|Hi Maria, inpatient mental health stays are covered under the family plan. We'll DM you the forms
en|reply|health|Since you had the pacemaker fitted in June, we'll need a letter from your cardiologist to review the renewal
en|reply|none|A pacemaker is not automatically a pre-existing exclusion for travel cover, but it must be declared at purchase
en|reply|health|Hi Liam, the concussion and broken collarbone of the little boy are covered by our client's motor policy; the family's solicitor should contact us
en|reply|health|Wishing your mum well with her Parkinson's, Kate. Yes, with a registered power of attorney you can sign for her
en|reply|none|Wishing your mum all the best, Kate. Yes, with a registered power of attorney you can sign for her
en|reply|none|Get well soon, Sam! We've sent you a DM about the claim 💙
en|reply|none|Thankfully nobody was hurt! You can open the motor claim straight from the app
en|reply|none|Roadside assistance is available 24/7 on 800 912 234. In an emergency always call 112 first
en|reply|none|Your cat's bladder stone surgery is covered under Pet Plus since she's had the plan for over a year 🐱 DM us the vet invoice
en|reply|none|Hip dysplasia in dogs is covered if the pet was insured before 12 months of age
en|reply|none|Our app had a bit of a cold this morning 🤧 all fixed now, thanks for your patience
en|reply|none|Happy 118th birthday to us! 🎉 Lanterna was founded on 12 May 1908 in Milan
en|reply|birth_date|Hi Priya, we've corrected your date of birth to 02/09/1990 and the portal should now match
en|reply|birth_date|Thanks Tom, DOB updated to 19 April 1983 on your account
en|reply|none|Thanks Tom, your date of birth has been updated on your account
en|reply|birth_date|Hi Lisa, your son (born 14 Feb 2021) has been added to the Family Health Plan from 1 January
en|reply|none|Hi Lisa, your son has been added to the Family Health Plan from 1 January. Welcome to the family 👶
en|reply|none|Young driver discount applies from 18 to 25 years old. Happy birthday to all the December babies 🎂
en|reply|tax_code|Hi Sophie, we've checked your codice fiscale {CF}: it's valid, the error should be gone now
en|reply|none|Hi Sophie, the codice fiscale you sent ({CFX}) doesn't seem to be right, could you double check it against your card and DM us?
en|reply|iban|Your refund has been sent to {IBANDE}, it usually takes 2-3 working days from Italy
en|reply|iban|Please pay the outstanding premium to our account {IBANg}, quoting your name
en|reply|iban|Refund issued to your Belgian account {IBANBE} today
en|reply|iban|Hi Anton, the payout went to the Austrian account {IBANAT} on Friday
en|reply|none|Hi Anton, the payout went to your Austrian account ending 4412 on Friday
en|reply|iban|Refund on its way to {IBANNL}, allow up to 5 working days
en|reply|none|We will never ask you to pay into an account sent by DM or WhatsApp. If in doubt, call us on 02 8736 4100
en|reply|plate|Hi Rob, the courtesy car for {PL} is booked at the Verona branch from Monday
en|reply|none|Hi Rob, the courtesy car is booked at the Verona branch from Monday. It's a Fiat 500 X, km 123 on the clock 😄
en|reply|plate,policy_number|Hi Hannah, the vehicle {PLs} has been added to policy 7720019466, the certificate is in the app
en|reply|claim_number,plate|The repairs for {PLd} under claim ref CL-2024-77311 have been authorised, the garage has been told
en|reply|none|The repairs have been authorised and the garage has been told. Storage fees will be covered by us
en|reply|email,health|Hi Olivia, since you're deaf we'll only use email from now on: olivia.reed@gmail.com is now your contact on file
en|reply|health,phone|Hi Greg, sorry about the fractured wrist. Our adjuster will call you on 07911 123456 so you don't have to type
en|reply|claim_number,health|Hi Sue, the biopsy after your colonoscopy is covered under claim no. 2024-CL-91544, sorry for the confusion
en|reply|health|Sorry to hear Dave hurt his back lifting at work. A hernia from a sudden strain can count as an accident - we've asked the claims team to review
en|reply|none|Lifting injuries can count as accidents under the cover when they come from a sudden strain. Happy to look at any case via DM
en|reply|health|Hi Paul, as your brother is in rehab we can accept you as his temporary contact with a signed authorisation
en|reply|none|Hi Paul, we can accept you as a temporary contact with a signed authorisation. We'll DM you the form
en|reply|health|Hi Chris, we're sorry the claim is affecting your mental health. We've flagged it as urgent and a handler will DM you today
