"""Recall of the redaction per kind of personal data and name style, and harmless phrases damaged.

A hundred and five labelled sets. The labelled set (tests/consult/data/pii_labelled.jsonl) is the one the
recognisers were tuned against; the held-out set (pii_heldout.jsonl) was written with it, before the
code, and never tuned against; the "after" set (pii_after.jsonl) was written once the code worked,
to find its limits (hard cases on purpose: lower-case names, odd separators), and was not tuned
against either; the other sets (tune2 to tune9, held-out 2 to held-out 95) are described in NOTE
below.
Each set is read as one consultation, as the published quotes are: a planted item counts as
removed when every letter and digit of it lies inside a span that
:func:`hubplan.consult.redact.find_all` returns for the set (which :func:`redact_all` replaces: each
comment's own findings and a name found in another comment); a harmless phrase counts as damaged
when any of its characters does, and is counted against each recogniser whose span touches it
(``OtherComment`` for a name found elsewhere). Until session 15 the bench read each comment alone
(:func:`find_personal_data`), which left out the names found elsewhere. Prints a table and writes it to bench/results/redaction.md (or --results).

Usage: python bench/redaction.py [--show-misses] [--results PATH]
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections import Counter
from pathlib import Path

from hubplan.consult.redact import find_all, find_personal_data

DATA = Path(__file__).parent.parent / "tests" / "consult" / "data"
SETS = {
    "labelled": DATA / "pii_labelled.jsonl",
    "held-out": DATA / "pii_heldout.jsonl",
    "after": DATA / "pii_after.jsonl",
    "tune2": DATA / "pii_tune2.jsonl",
    "held-out 2": DATA / "pii_heldout2.jsonl",
    "tune3": DATA / "pii_tune3.jsonl",
    "held-out 3": DATA / "pii_heldout3.jsonl",
    "held-out 4": DATA / "pii_heldout4.jsonl",
    "held-out 5": DATA / "pii_heldout5.jsonl",
    "held-out 6": DATA / "pii_heldout6.jsonl",
    "held-out 7": DATA / "pii_heldout7.jsonl",
    "held-out 8": DATA / "pii_heldout8.jsonl",
    "held-out 9": DATA / "pii_heldout9.jsonl",
    "held-out 10": DATA / "pii_heldout10.jsonl",
    "held-out 11": DATA / "pii_heldout11.jsonl",
    "held-out 12": DATA / "pii_heldout12.jsonl",
    "held-out 13": DATA / "pii_heldout13.jsonl",
    "held-out 14": DATA / "pii_heldout14.jsonl",
    "held-out 15": DATA / "pii_heldout15.jsonl",
    "held-out 16": DATA / "pii_heldout16.jsonl",
    "held-out 17": DATA / "pii_heldout17.jsonl",
    "held-out 18": DATA / "pii_heldout18.jsonl",
    "held-out 19": DATA / "pii_heldout19.jsonl",
    "held-out 20": DATA / "pii_heldout20.jsonl",
    "held-out 21": DATA / "pii_heldout21.jsonl",
    "held-out 22": DATA / "pii_heldout22.jsonl",
    "held-out 23": DATA / "pii_heldout23.jsonl",
    "held-out 24": DATA / "pii_heldout24.jsonl",
    "held-out 25": DATA / "pii_heldout25.jsonl",
    "held-out 26": DATA / "pii_heldout26.jsonl",
    "held-out 27": DATA / "pii_heldout27.jsonl",
    "held-out 28": DATA / "pii_heldout28.jsonl",
    "held-out 29": DATA / "pii_heldout29.jsonl",
    "held-out 30": DATA / "pii_heldout30.jsonl",
    "held-out 31": DATA / "pii_heldout31.jsonl",
    "held-out 32": DATA / "pii_heldout32.jsonl",
    "held-out 33": DATA / "pii_heldout33.jsonl",
    "held-out 34": DATA / "pii_heldout34.jsonl",
    "held-out 35": DATA / "pii_heldout35.jsonl",
    "held-out 36": DATA / "pii_heldout36.jsonl",
    "held-out 37": DATA / "pii_heldout37.jsonl",
    "held-out 38": DATA / "pii_heldout38.jsonl",
    "held-out 39": DATA / "pii_heldout39.jsonl",
    "held-out 40": DATA / "pii_heldout40.jsonl",
    "held-out 41": DATA / "pii_heldout41.jsonl",
    "held-out 42": DATA / "pii_heldout42.jsonl",
    "held-out 43": DATA / "pii_heldout43.jsonl",
    "held-out 44": DATA / "pii_heldout44.jsonl",
    "held-out 45": DATA / "pii_heldout45.jsonl",
    "held-out 46": DATA / "pii_heldout46.jsonl",
    "held-out 47": DATA / "pii_heldout47.jsonl",
    "held-out 48": DATA / "pii_heldout48.jsonl",
    "held-out 49": DATA / "pii_heldout49.jsonl",
    "held-out 50": DATA / "pii_heldout50.jsonl",
    "held-out 51": DATA / "pii_heldout51.jsonl",
    "held-out 52": DATA / "pii_heldout52.jsonl",
    "held-out 53": DATA / "pii_heldout53.jsonl",
    "held-out 54": DATA / "pii_heldout54.jsonl",
    "held-out 55": DATA / "pii_heldout55.jsonl",
    "held-out 56": DATA / "pii_heldout56.jsonl",
    "held-out 57": DATA / "pii_heldout57.jsonl",
    "held-out 58": DATA / "pii_heldout58.jsonl",
    "held-out 59": DATA / "pii_heldout59.jsonl",
    "held-out 60": DATA / "pii_heldout60.jsonl",
    "held-out 61": DATA / "pii_heldout61.jsonl",
    "held-out 62": DATA / "pii_heldout62.jsonl",
    "held-out 63": DATA / "pii_heldout63.jsonl",
    "held-out 64": DATA / "pii_heldout64.jsonl",
    "held-out 65": DATA / "pii_heldout65.jsonl",
    "held-out 66": DATA / "pii_heldout66.jsonl",
    "held-out 67": DATA / "pii_heldout67.jsonl",
    "held-out 68": DATA / "pii_heldout68.jsonl",
    "held-out 69": DATA / "pii_heldout69.jsonl",
    "held-out 70": DATA / "pii_heldout70.jsonl",
    "held-out 71": DATA / "pii_heldout71.jsonl",
    "held-out 72": DATA / "pii_heldout72.jsonl",
    "held-out 73": DATA / "pii_heldout73.jsonl",
    "held-out 74": DATA / "pii_heldout74.jsonl",
    "held-out 75": DATA / "pii_heldout75.jsonl",
    "held-out 76": DATA / "pii_heldout76.jsonl",
    "held-out 77": DATA / "pii_heldout77.jsonl",
    "held-out 78": DATA / "pii_heldout78.jsonl",
    "held-out 79": DATA / "pii_heldout79.jsonl",
    "held-out 80": DATA / "pii_heldout80.jsonl",
    "held-out 81": DATA / "pii_heldout81.jsonl",
    "held-out 82": DATA / "pii_heldout82.jsonl",
    "held-out 83": DATA / "pii_heldout83.jsonl",
    "held-out 84": DATA / "pii_heldout84.jsonl",
    "held-out 85": DATA / "pii_heldout85.jsonl",
    "held-out 86": DATA / "pii_heldout86.jsonl",
    "held-out 87": DATA / "pii_heldout87.jsonl",
    "held-out 88": DATA / "pii_heldout88.jsonl",
    "held-out 89": DATA / "pii_heldout89.jsonl",
    "held-out 90": DATA / "pii_heldout90.jsonl",
    "held-out 91": DATA / "pii_heldout91.jsonl",
    "held-out 92": DATA / "pii_heldout92.jsonl",
    "held-out 93": DATA / "pii_heldout93.jsonl",
    "held-out 94": DATA / "pii_heldout94.jsonl",
    "held-out 95": DATA / "pii_heldout95.jsonl",
    "tune4": DATA / "pii_tune4.jsonl",
    "tune5": DATA / "pii_tune5.jsonl",
    "tune6": DATA / "pii_tune6.jsonl",
    "tune7": DATA / "pii_tune7.jsonl",
    "tune8": DATA / "pii_tune8.jsonl",
    "tune9": DATA / "pii_tune9.jsonl",
}
RESULTS = Path(__file__).parent / "results" / "redaction.md"
NOTE = """
The "after" set was measured once before any change made for it: 23 / 38 removed (60.5%): names
8 / 14 (lower-case names, names at the start of a sentence), postcodes 1 / 3 (letters spaced out,
a hyphen), NHS numbers 1 / 2 (dots), written-out e-mails 0 / 2 ("[dot]", no ".com"), addresses
1 / 4 ("no. 14", "Flat 3 ...", a house name), schools 3 / 4, and 1 / 17 harmless phrases damaged
("Mr Men"). The rules were then widened for those patterns, so its figures above are no longer
held-out figures; the held-out set's are, but it was written with the labelled set, before the code,
by the same hand, and is easier than what respondents will write. Not caught: a house name with no
number ("The Old Rectory, Church Lane"), a school without a school word ("the Bignold"), a name that
is also a word at the start of a sentence ("Precious from church").

Issue 26 item 7. tune2 (pii_tune2.jsonl) and held-out 2 (pii_heldout2.jsonl) were both written before
the code changed for them; held-out 2 in a different style (run-on, lower case, mixed kinds) and
never tuned against. Before the change: tune2 15 / 42 removed (35.7%; names 11 / 18, dates 3 / 5,
e-mails 0 / 1, NI 0 / 3, vehicles 0 / 3, social 1 / 5, workplaces 0 / 4, registration numbers 0 / 3),
2 / 8 harmless phrases damaged; held-out 2 16 / 51 (31.4%; names 13 / 26, dates 1 / 4, e-mails 0 / 2,
NI 0 / 3, vehicles 0 / 3, social 1 / 4, workplaces 1 / 6, registration numbers 0 / 3), 3 / 11 damaged
("Mark my words", "Spring Lane", "Rose garden"). Caveat on held-out 2's names: the names supplement
(src/hubplan/consult/first_names_extra.txt) was written by the same hand that wrote held-out 2, so
its community names are on that list; the name figure there is optimistic, and the lead's own
held-out set is the fair test. Still missed in tune2: a two-letter lower-case nickname ("tj").

Issue 26 item 7, finish (organisations, brand sites, slashed references, unknown lower-case names).
Held-out 3 (59 responses, 24 harmless phrases: text-speak, long Facebook-style posts, Welsh and
Polish English), held-out 4 (29 responses, 17 harmless: charities and services where a name or an
employer could stand, "ring Home-Start", "I work for Citizens Advice") and held-out 5 (37 responses,
15 harmless: letters to the council, numbered answers, Scottish, Irish and Nigerian English) were
each written before the code they measure; tune3 (63 responses) is the set the changes were made
against. Before (the redact branch, 58ad5ee): tune3 11 / 25 removed (names 7 / 11, workplaces 2 / 8,
references 2 / 6), 9 / 42 harmless damaged (21.4%); held-out 3 40 / 50 (80.0%; names 20 / 23,
workplaces 3 / 6, references 2 / 5, written-out e-mails 0 / 1), 0 / 24 damaged; held-out 4 4 / 13
(30.8%; names 4 / 6, workplaces 0 / 4, references 0 / 3), 7 / 17 damaged (41.2%: 4 by the
NameRecogniser, 2 by the WorkplaceRecogniser, 1 by spaCy's NER); held-out 5 19 / 25 (76.0%; names
9 / 10, workplaces 0 / 3, references 1 / 3), 2 / 15 damaged (13.3%).
First measurement after the organisation, workplace, reference and name-slot changes (commit
"brand sites ..."), before any later change: held-out 3 47 / 50 (94.0%; names 21 / 23), 0 / 24
damaged; held-out 4 13 / 13, 0 / 17 damaged; held-out 5 (written then) 24 / 25, 0 / 15 damaged.
Held-out 3's three misses then (a partner word "my fella Dale", a sign-off "love tash xxx", a
Polish e-mail domain) are kinds that the next commit covers in general (partner words, sign-offs,
country domains), so held-out 3's 50 / 50 above is no longer a held-out figure. Held-out 5's one
miss then ("tell abimbola on reception": a lower-case name after "tell", until then a cue only for
capitalised names) led to the lower-case cues taking the capitalised ones' person-directed verbs
(tell, speak to, thanks to, ring, call, text), so its 10 / 10 names above is not a held-out figure
either: its fair figure is 24 / 25 (96.0%; names 9 / 10), 0 / 15 damaged. Held-out 4 was not looked
at item by item. Known over-redaction (no leak): a misspelt word in a name slot ("my son finaly
talks") is taken for a name.

Issue 26 again (2026-12-05): two fresh sets, each written by a helper who read neither the code nor
any earlier set, each measured once before any change was made for it. tune4 (79 responses, 193
items, 50 harmless; run-on, text-speak, learners' English, Welsh, Polish, Lithuanian, Romanian, Roma,
Ghanaian, Chinese, Filipino and Syrian families): 160 / 193 removed (82.9%; names 93 / 106,
workplaces 7 / 19, registration numbers 3 / 7, birth dates 11 / 15), 4 / 50 damaged (8.0%). The
rules were widened for its kinds of miss (jobs and shifts before an employer, businesses and where
they are, registers with letters in the number, month-and-year births, names given away by what
follows, capitalised sign-offs, family titles, idioms, councillors in office). Then tune5 (89
responses, 338 items, 98 harmless; paper forms, phone transcripts, forwarded e-mails, professionals,
form answers), written after those changes: 299 / 338 removed (88.5%; names 177 / 195 = 90.8%,
workplaces 33 / 46 = 71.7%, birth dates 25 / 30, registration numbers 11 / 14), 10 / 98 damaged
(10.2%: villages read as surnames, "Healthy Child Programme", "Parent Carer Forum", "Sue the lot of
them", "Foster carers"). The rules were widened again for its kinds (work in a business, any job word
before a capitalised employer, "I run X", agencies, a British gazetteer of towns and villages
(GeoNames, 500 people or more) for places, NHS numbers mistyped after "NHS number", collar and staff
numbers, dates after "born" in any language, initials, "the Nowaks" after a word about families), so
neither set's figure above is a held-out figure any more. Judgements the sets disagreed with then
(a councillor named in office kept as public; the town after a street address redacted with it)
were both reversed later, after held-out 13: see the end of this note.

tune6 (21 responses, 94 items, 30 harmless; survey boxes, phone calls, forwarded e-mails, WhatsApp
reposts, learners' English from Portuguese, Lithuanian, Polish and Romanian parents, rural villages),
written by a third helper after the tune5 changes and measured once before any change for it:
88 / 94 removed (93.6%; names 30 / 31, workplaces 10 / 14 = 71.4%, phones 3 / 4, every other kind
whole), 2 / 30 damaged (6.7%: "Homestart" swallowed by an e-mail address ending a sentence, "Rose"
after an NI number ending in "A."). It is small (the writer ran out of time), so its figures are
rough. The rules were then widened (an e-mail's dot spaced on both sides or neither; a number after
"call"/"ring"/"mob" mistyped by a digit; "work in the Co-op"; "farm at"; "from Hethersett care home";
"n" for "and" between names; Polish and Lithuanian short names; an employer that only ends in an
organisation, "Norfolk County Council Children's Services", is a workplace: two writers said so),
so its figure above is no held-out figure any more.

tune7 (70 responses, 276 items, 106 harmless; minutes of a public meeting, long letters, e-mail
threads with signatures, fathers, young parents, foster and kinship carers, childminders, parents of
disabled children; Ukrainian, Nepali, Tamil, Albanian, Eritrean, Punjabi and Ghanaian names), written by
a fourth helper who saw neither the code nor the earlier sets, measured once before any change for it:
232 / 276 removed (84.1%; names 134 / 153 = 87.6%, workplaces 21 / 40 = 52.5%, birth dates 14 / 16,
registration numbers 13 / 15, addresses 6 / 8, every other kind whole), 10 / 106 damaged (9.4%). Of
the 19 workplaces missed, 5 were labelled with the "at"/"for" before them, which no recogniser
removes (the brief asked for the phrase from its first word); of the 10 damaged phrases, 5 are the town
after a street address, which hubplan removes with the address on purpose (see above), and 2 a town
that ends a workplace phrase ("the Boots on Norwich Road in Watton"). The rules were then widened
(signature blocks: a job title's line, then the employer's; "I am security at", "in the packhouse
at"; where a business is, "near Norwich airport", "by the A11", two places in a row; "a nail bar in
Dereham, Luxe Nails"; "at the pea factory"; an address inside a longer number run; given names before
a surname found by "here"; "parent of", "daughter-in-law", "mothers, Oksana and Iryna"; "her first name
is Precious"; a name found once in a comment found again in that comment; towns in names of halls,
and "Dereham" for GeoNames' "East Dereham"; "birthday on 20/5"; "(plate HCV 0442)"), so tune7's figure
above is no held-out figure any more. Councillors named in office (2) stay kept, as decided before.

tune8 (70 responses, 431 items, 168 harmless; group chats, survey boxes, voicemail, advocates and
interpreters, staff e-mails quoted in complaints, young carers, forces, boat and farm families; Hong
Kong, Vietnamese, Thai, Brazilian, Zimbabwean, Sudanese, Syrian, Iranian, Hungarian, Roma, Gypsy and
Traveller names), written by a fifth helper after the tune7 changes, measured once before any change
for it: 362 / 431 removed (84.0%; names 226 / 257 = 87.9%, workplaces 31 / 59 = 52.5%, birth dates
29 / 34, addresses 10 / 13, registration numbers 13 / 15, every other kind whole), 15 / 168 damaged
(8.9%: dated e-mails and meetings read as births, "the Jenny Lind" hospital, "Downham Market Town
Hall"). So the tune7 changes did not carry over to workplaces: each set names employers in new ways.
The rules were then widened again (a Title-Case name after "at"/"for" in any sentence about a job, a
rank or a job word; a dated e-mail or meeting is no birth; "the <Name>" is a place or body; a building
word ends a name), so tune8's figure above is no held-out figure any more.

tune9 (60 responses, 368 items, 95 harmless; phone-typed forms, drop-in notes, local Facebook threads,
shift workers and the self-employed, translation-app English, birth dates in other calendars and
scripts), written by a sixth helper after the tune8 changes, measured once before any change for it:
304 / 368 removed (82.6%; names 179 / 203 = 88.2%, workplaces 44 / 71 = 62.0%, birth dates 23 / 32 =
71.9%, addresses 7 / 9, registration numbers 12 / 14), 8 / 95 damaged (8.4%). The rules were then
widened (a date of any calendar or script after "born", "DOB" or "b."; "she's 1 on the 20th"; lists of
lower-case children after "kids are"; plural kin; "takes", "looks after", "grandmother of";
"Agency: X"; one-line signatures with "|"; an employer straight after "work"), so tune9's figure above
is no held-out figure any more.

Held-out 6 (60 responses, 299 items, 128 harmless; working parents naming employers every way,
birth dates every way, Traveller sites, forces and shift workers, phone notes, relatives abroad) was
written by a seventh helper who saw neither the code nor any set, after every change above, and
measured once on the code of that commit with no change made for it afterwards: 270 / 299 removed
(90.3%); names 116 / 122 (95.1%), workplaces 62 / 77 (80.5%), birth dates 29 / 35 (82.9%),
registration numbers 13 / 13, addresses 5 / 7, every other kind whole; 15 / 128 harmless phrases
damaged (11.7%: single capitalised words read as names, "Santa", "Bookstart", "Christmas Eve", "April
Fools", "Cyprus", "Gurkha", towns GeoNames does not list, "Caister"; a road after a depot, "the Town
Council"). So on unseen text recall meets issue 26's bars (90% overall, 85% names, 75% each kind but
addresses, 5 of 7) and harmless-phrase damage does not (11.7% against 5%).

Then organisations.txt gained national programmes (Bookstart, BookTrust, Start for Life, ...) and
named days, festivals and seasonal figures (Christmas Eve, Boxing Day, Diwali, Eid, Santa, Father
Christmas, ...), which no recogniser takes for a person. Written knowing held-out 6's damaged phrases,
so its damage figure since (10 / 128, 7.8%) is no longer a held-out figure; no recall changed on any
set. Held-out 7 (pii_heldout7.jsonl, 70 responses, 316 items, 205 harmless phrases) was written after
this, by a writer who saw neither the code nor the earlier sets, and was measured once, untuned (commit
after d153587): 265 / 316 removed (83.9%); names 166 / 182 (91.2%: capitalised 91.7%, lower case
12 / 14, hyphenated 6 / 6, non-ASCII 5 / 5, titled 8 / 9), phones, postcodes, e-mails, NI numbers,
vehicles and registration numbers all whole, social handles 6 / 8, workplaces 16 / 24 (66.7%),
addresses 13 / 20 (65.0%), dates of birth 0 / 18; 17 / 205 harmless phrases damaged (8.3%). The
dates of birth are a labelling difference: this writer put the lead word inside the span ("born
02.11.2020", "DOB 2020-08-23", "due in february"), which the redaction keeps; with the lead word left
out, as every earlier set labels it, 15 / 18 are removed and the whole set 280 / 316 (88.6%). Missed:
a whole comment in capitals ("MY DAUGHTER LEANNE ... THE TWINS ELLIE AND GRACIE"), nicknames in
brackets ("(Kobby)"), signatures of an initial and a surname ("Mr J. Blyth", "S Thirkettle"), a bare
date in brackets after a child's name, a month alone ("due in february"), plots, berths and house
names as addresses, a ward at a hospital and a family's own takeaway as workplaces. Damaged: place
names GeoNames-style lists lack ("Thorpe Hamlet", "Hong Kong", "Bradford"), a public figure ("Julia
Donaldson"), titles ("Hey Duggee", "Cinderella"), festivals not on the list ("Baba Marta"), a job title
("Speech and Language Therapist"). Against issue 26's bars on this set: names (85%) are met; overall
(90%), workplaces and addresses (75%) and damage (5%) are not.

The rules were then widened for held-out 7's kinds of miss, in general forms (commit fe40c03): a line
typed in capitals is read for names as a person would write it; a due date in a sentence about a
pregnancy and a full date in brackets after a child's name are dates of birth; a plot, pitch or berth
on a named site, a flat in a named building and a house known by its name are addresses. Held-out 7
went to 275 / 316 (87.0%; names 93.4%, addresses 18 / 20) and held-out 6's addresses to 7 / 7, with
no harmless phrase damaged on any set that was not before; both are tuned figures now.

Held-out 8 (pii_heldout8.jsonl, 70 responses, 326 items, 202 harmless phrases) was written by another
writer who saw neither the code nor any earlier set, asked for a style unlike what a tool expects
(first names and nicknames in passing, workplaces described loosely, more second-language writing),
with the date alone labelled as a date of birth. Measured once, untuned, at fe40c03: 276 / 326
removed (84.7%); names 147 / 167 (88.0%: capitalised 92.7%, lower case 8 / 17, hyphenated 10 / 11,
non-ASCII 6 / 6), dates of birth 26 / 31 (83.9%), addresses 18 / 21 (85.7%), phones, postcodes,
e-mails, NI numbers, vehicles and registration numbers whole, social handles 4 / 6, workplaces
19 / 39 (48.7%: "the barbers by the bus station", "the frozen veg place on the industrial estate"),
16 / 202 harmless phrases damaged (7.9%). Against issue 26's bars: names, dates and addresses are
met; overall (90%), workplaces, social handles and harmless damage (5%) are not. This is the fairest
figure hubplan has for text it has never seen: about 85% of personal items removed, so published quotes
stay few and short, and none that still holds an unknown capitalised word.

The rules were then widened for held-out 8's workplaces in general forms (commit de9420f): a workplace
described rather than named after a phrase about work ("the tyre place on the ring road"), a ward at a
hospital, a family's own business ("my family run the X takeaway"). Workplaces went to 28 / 39 on
held-out 8 and 20 / 24 on held-out 7 (both tuned now), with no harmless phrase damaged on any set
that was not before.

Held-out 9 (pii_heldout9.jsonl, 75 responses, 273 items, 158 harmless phrases, at least 40
workplaces asked for) was written by a third writer who saw neither the code nor any earlier set, and
measured once, untuned, at de9420f: 227 / 273 removed (83.2%); names 121 / 132 (91.7%: lower case
14 / 17), dates of birth 15 / 20, addresses 11 / 15, phones 14 / 15 (one spoken as words), workplaces
26 / 51 (51.0%: "the tesco on yaxham road", "dunns haulage on beacon park", "Perenco out of the
port", "RAF Marham", a Portuguese "armazém da Thermos", a workplace in capitals), every other kind
whole; 25 / 158 harmless phrases damaged (15.8%: greetings and festivals in other languages,
"Inshallah", "Labdien", "Pongal", "Hogmanay", "Simbang Gabi", "Joninės"; communities, "Irish
Traveller", "Gypsy Roma", "Bangladeshi"; places; "Hey Duggee"; a sign-off "Reg."). So the workplace
rules written for held-out 8 did not generalise to a writer who names employers in other ways, and
harmless damage on text written to collide with personal data is three times the bar: names meet
issue 26's bar on every held-out set, workplaces and damage do not.

Then, in general forms (commit 2ba6cf1): where someone works is read from spaCy's dependency parse
as well as from phrases (hubplan.consult.work_grammar: the place after a verb or job word about work,
whatever comes between: "does nights at bernard matthews", "drives a van for DPD"); and greetings,
blessings and festivals in the languages of England's communities, and community names ("Irish
Traveller", "Gypsy Roma"), are never names (organisations.txt, a list written from the calendars
and languages of the communities the census counts, not from the sets). Held-out 9 went to 234 /
273 (85.7%; workplaces 33 / 51) with 17 / 158 damaged; it is a tuned figure now.

Held-out 10 (pii_heldout10.jsonl, 73 responses, 436 items, 295 harmless phrases, 90 workplaces) was
written by a fourth writer who saw neither the code nor any earlier set, asked for group-chat
threads, minutes quoting attendees, a joint letter with signatories, professional e-mails, responses
typed by a relative, and English mixed with other languages. Measured once, untuned, at 2ba6cf1:
353 / 436 removed (81.0%); names 186 / 211 (88.2%: lower case 11 / 18, hyphenated 3 / 6),
workplaces 46 / 90 (51.1%), dates of birth 19 / 26, addresses 25 / 27, social handles 7 / 10,
vehicles 5 / 6, registration numbers 7 / 8, phones, postcodes, e-mails and NI numbers whole; 33 /
295 harmless phrases damaged (11.2%). Measured on the same set, the commit before (0066df2, without
the parse and the greetings) removed 342 (78.4%; workplaces 35 / 90) and damaged 39: the change made
for held-out 9 generalised to a writer it never saw, and still leaves issue 26's bars (90% overall,
75% each kind, 5% damage) unmet. Then, for held-out 10's misses in general forms (commit 63b3a15): a
workplace takes the street, ward or team written after it ("Ahmed's Convenience, Market Street",
"the Paget, ward 17"), shifts and tills are job words ("on earlies at", "on tills at b&m
yarmouth"), and a British place name of several words is never a name in any case ("kings lynn",
"KINGS LYNN"). Held-out 10 went to 357 / 436 (81.9%; workplaces 50 / 90) with 31 / 295 damaged,
and no other set lost an item or had a phrase damaged that was not before. Then (commits c8ad006,
429928d): pasted threads and lists (a chat sender "[03/02/2025, 20:15] Rūta K:" and a comment's
author "Sunny Dhillon · 20h" are names and their timestamps no dates of birth; "Mr T. Farrow" whole;
a child listed with an age in brackets; a handle after its platform without an @, "snap:
brit.nee_x"; a due date with its part of the month, "due end of April") and a business named for its
trade by a person ("CW Scaffolding", "Chauhan Electrical"). Held-out 10 went to 375 / 436 (86.0%),
and held-out 7, 8 and 9, which these forms were not written for, gained 1, 2 and 1 items.

Held-out 11 (pii_heldout11.jsonl, 72 responses, 319 items, 203 harmless phrases, 52 workplaces) was
written by a fifth writer who saw neither the code nor any earlier set, asked for forum posts, a
newspaper's letters page, comments on a council's map, a PTA submission, a GP practice manager's
letter, a handwritten letter typed up by staff, an interpreter's notes in the third person and a
Traveller site liaison officer's note. Measured once, untuned, at 429928d: 275 / 319 removed
(86.2%), the best first measure of any blind set; names 150 / 162 (92.6%: lower case 6 / 13),
workplaces 32 / 52 (61.5%), dates of birth 24 / 31 (77.4%), addresses 16 / 17, phones 18 / 19 (one
read out as words), social handles 5 / 7, vehicles 2 / 3, postcodes, e-mails, NI and registration
numbers whole; 18 / 203 harmless phrases damaged (8.9%). Against issue 26's bars: names (85%), dates
of birth and addresses (75%) are met; overall (90%), workplaces and social handles (75%) and damage
(5%) are not. Then (commits 0bec9a2, f6bb868): a lower-case name takes a surname no dictionary has
("my name is lee dack"), "hiya its kayden" is a name slot, children's programmes and sessions
("Mr Tumble", "Baby Shark", "Tiny Happy People") and family words in community languages ("Nani
ji") are never names; and, from a hostile review, greetings that are also people's names (Shalom,
Shukria, Bismillah, Salamat) are names again, a place name that starts with a first name ("George
Green picks my son up") is the person unless it reads as a place, and a workplace's street stops at
the clause's end. Held-out 11 went to 278 / 319 (87.1%) with 11 / 203 damaged (5.4%), held-out 10
to 376 / 436 (86.2%) with 30 / 295 damaged; both are tuned figures now.

Held-out 12 (pii_heldout12.jsonl, 70 responses, 311 items, 196 harmless phrases, 57 workplaces) was
written by a sixth writer who saw neither the code nor any earlier set, asked for survey answers
pasted together, a rambling letter from a grandfather, focus-group notes through an interpreter, a
complaint with its case header, a student social worker's log, a nursery owner's response, a
speech-to-text writer and a Polish Saturday school's committee. Measured once, untuned, at e550b03
(the redaction of f6bb868): 271 / 311 removed (87.1%), again the best first measure; names 120 / 136
(88.2%: lower case 3 / 8), workplaces 43 / 57 (75.4%: the first blind set to meet issue 26's 75%
for workplaces), addresses 18 / 20, dates of birth 12 / 18 (66.7%), social handles 7 / 8,
registration numbers 4 / 5, phones, postcodes, e-mails, NI numbers and vehicles whole; 21 / 196
harmless phrases damaged (10.7%; 7 of them the town after a street address, which this writer
labelled harmless and the first sets labelled part of the address: left as it is, since a town
names no one and the first sets' convention holds the most items). Against issue 26's bars: names,
workplaces and addresses are met; overall (90%), dates of birth (75%) and damage (5%) are not.
Then, for its dates of birth in general forms: a month or year after "born" ("born in March", "born
last June", "(born 2021)", "born on the fifth of May last year"), "expecting in late January", and
a month someone is due in ("Zeynep is due in April"; "the council tax is due in April" is not).
Held-out 12 went to 275 / 311 (88.4%; dates of birth 16 / 18), held-out 11 to 281 / 319 (88.1%),
and held-out 6, 8 and 10 gained 1, 2 and 1; one phrase was newly damaged ("Mrs Osman is expecting
in June", which tune8's writer labelled harmless).

The town after an address. Every set from held-out 3 on, each written by a writer who saw no code,
labels an address as its house and street and leaves the town after it (19 sets, 250 addresses);
only the first three sets, written in-house beside the code, put the town inside the address (38
addresses). A town names where many people live, not who: the address now ends before a British
town or village's name (GeoNames, with "Gorleston" for "Gorleston-on-Sea"), and those 38 labels
were cut to the house and street to match (the four towns GeoNames lacks too). Damage fell on
held-out 9, 10 and 12 (16 -> 15, 30 -> 24, 21 -> 16) and on tune4, tune5 and tune7; no set lost an
item.

Held-out 13 (74 responses, 461 items, 279 harmless; pii_heldout13.jsonl) was written by a seventh
writer who saw neither the code nor any earlier set, asked for a parish council's minutes, WhatsApp
exports in both phones' formats, a transcribed voicemail ("oh seven seven double oh"), a Facebook
thread, an advocacy case summary, a midwife's letter, a pasted spreadsheet row, translations with
the translator's notes, a Deaf mum's response through a BSL interpreter, Jamaican patois, Gen Z
slang, a Traveller site warden, a petition's lead signatories and a form read by OCR ("rn" for "m",
"0" for "O"), with dates of birth in other calendars and on named days. Measured once, untuned, at
7ba8e2e: 383 / 461 removed (83.1%); names 232 / 266 (87.2%: lower case 9 / 17), workplaces 48 / 76
(63.2%), addresses 14 / 20 (70%: spoken numbers, OCR, plots and moorings), dates of birth 37 / 42
(88.1%), phones 12 / 14 and postcodes 12 / 14 (spoken aloud, OCR), social handles 3 / 4; e-mails,
NI numbers, vehicles and registration numbers whole; 35 / 279 harmless phrases damaged (12.5%).
Against issue 26's bars: names and dates of birth met; overall, workplaces, addresses and damage
not.

Held-out 14 (71 responses, 323 items, 235 harmless; pii_heldout14.jsonl) was written by an eighth
writer who saw neither the code nor any earlier set, after the changes made for held-out 13 had
been written but before any was measured on it: a village-hall question-and-answer transcript, Teams
chats, sticky notes, a solicitor's and a head teacher's letter, a GP practice manager, Nextdoor, a
Mumsnet-style thread with usernames, an Instagram comments export, interpreters for Sorani and
Romanian, a care leaver, a 17-year-old dad, an adopting couple, a kinship carer, an asylum-seeking
family in a hotel, texts sent in bursts at 2am, Welsh mixed with English and a hand-written card.
Measured once, untuned, at 4e961f9: 263 / 323 removed (81.4%); names 117 / 127 (92.1%),
workplaces 55 / 69 (79.7%), addresses 18 / 24 (75.0%), phones, postcodes, e-mails, NI, vehicles and
registration numbers whole, social handles 8 / 14 (57%: forum usernames set on their own line, a
WeChat ID), dates of birth 23 / 47 (48.9%: 9 of the 24 missed are ages, "18 months", "3 years 4
months", which the brief asked the writer to label; the rest births on named days and in other
calendars, "born last Easter", "is 2 in May"); 20 / 235 harmless phrases damaged (8.5%). Against
issue 26's bars: names, workplaces and addresses met on a set no rule was written for; overall,
dates of birth, social handles and damage not.

Held-out 15 (70 responses, 327 items, 209 harmless; pii_heldout15.jsonl) was written by a ninth
writer who saw neither the code nor any earlier set, after every change of this round had been made
and before any was measured on it: a doorstep survey, a youth club's list of who attended, a
library's comment book, a parish newsletter, an advocacy charity's letter, a long post with EDITs,
transcribed voice notes, an e-mail chain quoted inline, a Traveller family through a support
worker, a retired midwife, a school governor, a special constable, a pub landlady, a B&B couple, an
agency nurse and a prison officer, in Latvian, Kurdish, Yoruba, Pashto and Cantonese English among
others; plain ages left unlabelled. Measured once, untuned, at b527a00: 294 / 327 removed (89.9%,
one item short of issue 26's 90%); names 171 / 187 (91.4%), workplaces 40 / 50 (80.0%), addresses
13 / 15, dates of birth 30 / 35 (85.7%), phones, postcodes, e-mails, social handles, registration
numbers, vehicles and NI numbers whole; 20 / 209 harmless phrases damaged (9.6%). Against issue 26's
bars: names and every kind met; overall one item short; damage (5%) not met.

The changes of this round, each in a general form with tests written apart from the sets: an
address ends before the town after it, and a workplace takes the town after it (both as the
independent sets label them); a councillor named in a response is a person ("Cllr [name]");
numbers said aloud or read by a scanner; names where only a person can stand (a letter's greeting,
"FAO", a signature after a closing, a name beside an e-mail that holds it, staff initials); births
said in words up to their year and a birthday's month; forum authors and messaging IDs; a base or
unit someone serves with now; a business someone has; dates that date a document; greetings, family
words, conditions and session names that are no names.

Held-out 16 (74 responses, 366 items, 415 harmless; pii_heldout16.jsonl) was written by a tenth
writer who saw neither the code nor any earlier set: a Teams drop-in transcript with timestamps, a
survey export pasted with tabs, a Nextdoor thread, an X thread with quote-posts, a foster carer, a
food bank referral, a health visitor's "anonymised" case example, a grandad's letter with
[illegible] marks, texts from a soldier on tour, an MP's caseworker forwarding an e-mail, petition
sheets, a parish magazine, a GP practice manager, a Pentecostal minister and a Sikh granthi, Malayali,
Sri Lankan Tamil, Zimbabwean, Brazilian, Albanian, Slovak Roma, Sudanese, Iranian, Vietnamese, Thai,
Czech, Hungarian and Goan families, Fenland and Broads workers; births in other calendars and
languages (a Persian and a Nepali date, Chinese and Hungarian formats). Measured once, untuned, at
633935d (the round's code before it arrived): 338 / 366 removed (92.3%); names 140 / 150 (93.3%),
workplaces 59 / 67 (88.1%), addresses 21 / 25 (84.0%), dates of birth 55 / 60 (91.7%), vehicles
3 / 4, every other kind whole; 59 / 415 harmless phrases damaged (14.2%). Measured once more at
93a904e, after the damage changes written from held-out 6 to 15 but before any look at this set:
recall the same, 54 / 415 damaged (13.0%). Against issue 26's bars: 90% overall, 85% of names and
every kind at least 75% met; damage (5%) not. Its harmless phrases are dense with traps (a grandad
called Mark beside "mark my words", greetings in twenty languages, newsrooms' handles, a
councillor writing in her office, which this writer labels public and our convention does not).

The changes after held-out 16 was measured, each in a general form with tests written apart from
the sets: a sign-off's place after the name; a phrase paired with a town, street or estate; a
building's word inside a phrase; a saint's name after "St"; a place after a country; a post's place
between dots; short town names ("Gorleston"); cities after "from"; organisations', newsrooms' and
councils' mailboxes and accounts; "Name MP" public; a street named for a school; a workplace phrase
ends at a dash set apart; a bus company before its route; a language school; a centre named by its
place is the service consulted on; greetings, festivals and family words in more of England's
languages, political parties and forces charities; full dates with a month in another language
("12 marca 2022", "2022. március 5."); a title in lower case ("mrs p king"); "3 The Walnuts".

Held-out 17 (70 responses, 289 items, 269 harmless; pii_heldout17.jsonl) was written by an eleventh
writer who saw neither the code nor any earlier set, asked for harmless look-alikes beside real
names (towns that are surnames, pubs and streets named after people, saints, presenters): a
council webform export, Parent Carer Forum minutes with apologies, a Facebook poll, a letter
dictated by a blind grandmother, a Microsoft Forms export with pipes, a staff Slack thread, a
Change.org comment stream, a Ring neighbourhood post, a lorry driver's voice-to-text, a Scout
leader, a lollipop lady, a churchwarden, a young carer of 15, Romanian Roma, Iraqi Kurdish,
Madeiran, Fujianese and Mirpuri families among others. Measured once, untuned, at 5bdc0a6 (after
every change above): 254 / 289 removed (87.9%); names 110 / 125 (88.0%), workplaces 40 / 54 (74.1%),
addresses 13 / 16 (81.2%), dates of birth 37 / 39 (94.9%), social handles 5 / 6, every other kind
whole; 23 / 269 harmless phrases damaged (8.6%, against 14.2% on held-out 16 before the changes).
Against issue 26's bars: names (85%) met; overall (90%), workplaces (75%, one item short) and
damage (5%) not.

After it, a hostile review of the damage rules found 21 inputs where they let a person through
(a bus company before "2 buses", "Roma" and "Amma" as organisations, "@kayleigh_official" as a
body, "info@" on a childminder's own domain, "Mirza, Shagufta" read as a name and a place, ...):
each rule was narrowed and each input is a regression test; the damage figures above rose by
one to six phrases a set for it, and privacy comes first. Then, from the misses of held-out 16 and
17 after their measurement, in general forms: the cells under a form export's "Name" column, a
name that is also a word before an age ("my youngest jack, hes 2"), hyphenated names of such words,
a business someone runs or owns, a job's initials ("an RVN at"), an estate or farm worked on.

Held-out 18 (70 responses, 304 items, 208 harmless; pii_heldout18.jsonl) was written by a twelfth
writer who saw neither the code nor any earlier set: a typed-up paper questionnaire with tick
boxes, a BBC Radio Norfolk phone-in transcript, a GP patient participation group letter, a PTA
e-mail with its committee, a breastfeeding peer supporter's notes, a Threads thread, a pasted Google
review, a housing association tenant, a care leaver, a foster dad, two dads who adopted, a deaf mum
writing in BSL-influenced English, a rig worker, a showman family, a postman, a bin man, a
childminder with her Ofsted number; thirty-odd communities. Measured once, untuned, at 2a2143b
(after every change above): 272 / 304 removed (89.5%, two items short of 90%); names 144 / 153
(94.1%), workplaces 42 / 60 (70.0%), addresses 14 / 17 (82.4%), dates of birth 20 / 21, phones 13 / 14
(a number said as words with "nine hundred"), every other kind whole; 18 / 208 harmless phrases
damaged (8.7%). Against issue 26's bars: names met; overall two items short; workplaces and damage
not. Five of its damaged phrases are councillors writing in office, which this writer (and those of
held-out 16 and 17) labels public and our convention, following eight earlier writers, does not.

After it (tuned on it, general forms): a business someone has or runs named by its trade and street
("my husband Kajan has the newsagent on Dereham Road"), "do mornings at", "work in the kitchen at",
a saint's "St" in a town's name ("Thorpe St Andrew"), a speaker's name labelling a transcript's
line in capitals ("TRUDY:"), the council's fostering service, Eid parcels and Baby Sign classes;
a number in a block of flats ("11 Tamworth House, Middlegate"); a family firm near job words.

Held-out 19 (69 responses, 286 items, 243 harmless; pii_heldout19.jsonl) was written by a
thirteenth writer who saw neither the code nor any earlier set: survey answers exported as CSV
rows with quoted cells, a Citizens' Panel write-up, Healthwatch quotes, a Mumsnet AIBU thread, a
LinkedIn post, Instagram captions, a WhatsApp group with timestamps, a food bank rota, a
10-year-old's letter, an angry dad's voicemail, a Windrush grandmother, an Indian IT worker, a
Nigerian pastor, a Pakistani taxi driver, a vicar, a GP, a firefighter, a soldier's wife at RAF
Marham, a Traveller family on a roadside; look-alikes beside real names (Stanley the town and
Stanley the child). Measured once, untuned, at 5761c14 (after every change above): 252 / 286
removed (88.1%); names 118 / 125 (94.4%), workplaces 39 / 54 (72.2%), addresses 13 / 14, dates of
birth 39 / 46 (84.8%), social handles 7 / 10, registration numbers 1 / 2 (a care home's CQC
number), phones, postcodes, e-mails, vehicles and NI numbers whole; 25 / 243 harmless phrases
damaged (10.3%). Against issue 26's bars: names met; overall, workplaces, social handles and damage
not.

After it, a second hostile review (of the changes after the first) found 10 new faults, all fixed
with regression tests: a surname in its own column or across a tab, a kin word before a name no
list has ("Daughter Poppy", "Son River"), WordNet's Latin plurals that are names ("rami", "sera"),
"living at Shirley's", a double-barrelled surname after a dash, minutes' headings as speakers,
TV characters after "mr", "an MP for", "a SALT at", "at 10 The Volunteers are". From held-out 19's
misses: a town after "West"/"RAF" ends an address, a place's word ends at a full stop, a county
after a place, a list's first village, "merging with", "in Lynn", "keep X open", "member for X",
"I farm at" a village.

Held-out 20 (76 responses, 446 items, 275 harmless; pii_heldout20.jsonl) and held-out 21 (75
responses, 679 items, 381 harmless; pii_heldout21.jsonl) were written by a fourteenth and a
fifteenth writer who saw neither the code nor any earlier set. 20: a council contact centre's ticket
notes with staff initials, OCR'd paper forms ("Narne", "J0AN"), a Reddit thread, a Discord server,
TikTok comments, a GoFundMe page, a parish magazine, a school newsletter, an FOI request, an
Ombudsman complaint, responses machine-translated from Arabic, Romanian and Hungarian, a blind
grandfather's dictation, a dyslexic dad's spelling; workplaces said loosely. 21: parish council
minutes, ward-surgery notes, sticky notes, a comment card with crossings-out, an MP's letter, a
letter to the EDP, a Teams chat, an Outlook signature and disclaimer, an e-mail chain, a form with
"Child 1:" fields, a tab-separated register, a poem; workplaces as job titles with employers. Each
was measured once, untuned, at d6962d7 (after "Workplaces said loosely", written before either
arrived): 20, 387 / 446 removed (86.8%), names 209 / 230 (90.9%), workplaces 60 / 75 (80.0%),
social handles 14 / 23 (60.9%: Reddit users and a chat's authors above their messages), dates of
birth 29 / 37 (78.4%), addresses 16 / 21 (76.2%), 15 / 275 harmless phrases damaged (5.5%); 21,
606 / 679 (89.2%), names 360 / 386 (93.3%), workplaces 65 / 88 (73.9%), addresses 36 / 49
(73.5%), dates of birth 52 / 62 (83.9%), 38 / 381 damaged (10.0%). At 7edf222, before this
session's first change, 21 gave 605 / 679 with workplaces 64 / 88. Against issue 26's bars: names
met on both; overall, workplaces, addresses, dates of birth, social handles (20) and damage (21) not.

After them (tuned on them, in general forms): first names from gender-guesser's dictionary of 54
countries ("Harper" is an English word there and counts only by context; "Oliwia", "Hemant" count
anywhere); the name an e-mail client sets before an address, "née", a call log's staff initials, a
couple introducing themselves, a name before a phone number, "the Nowak family", children listed
with their ages, a full name in brackets, "my name is" in 17 languages, "organised by", form and
register columns (Child 1:, Adult/Child); Reddit users and chat authors; owners with several
names, a named owner ("Fran runs the Swan"), limited companies, numbered military units, "a porter,
N&N", "contracted to", "works on the X", "N years at", "used to be at"; houses known by their
name then their street; birth on a named day and its year; text with combining marks. Damage:
greetings, languages, Clare's Law, a pier named by its town (prime ministers and "merger with
Gorleston" were kept too, until the review below). Tried and dropped: leaving out a workplace's town (4 fewer damaged
phrases, 17 fewer workplaces on ten sets) and no lower-case name that is an English word without
a clue (4 fewer damaged, 15 fewer names): privacy first.

Held-out 22 (71 responses, 348 items, 346 harmless; pii_heldout22.jsonl) was written by a sixteenth
writer who saw neither the code nor any earlier set: a council web-chat transcript, SMS survey
replies, a YouTube thread, a Freecycle post, a Google Form's "Other:" answers, a support worker's
questionnaire ("Client states"), a solicitor's letter, a mosque's WhatsApp broadcast, a gurdwara
newsletter, a village Facebook group, a focus group transcribed by software ("00:12:31 Speaker 2:"),
an Easy Read form, Norfolk dialect, Scots, Geordie and Jamaican grandparents, fifty-odd communities;
names in possessives, hashtags, a family tree; workplaces as "agency at", "bank shifts at", "X is where
I work", a business card. Measured once, untuned, at c023571 (after every change above, and the probe
round 8 fixes): 321 / 348 removed (92.2%); names 147 / 160 (91.9%), workplaces 49 / 58 (84.5%), dates
of birth 45 / 47, addresses 15 / 16, social handles 12 / 13, registration numbers 3 / 4 (75%), every
other kind whole; 31 / 346 harmless phrases damaged (9.0%). Against issue 26's bars: 90% overall,
85% of names and every kind at least 75% met; damage not.

After it, damage only (recall unchanged on every set): a word inside an @handle the handle
recogniser reads is the handle's (a person's handle is found whole), prayer times, festivals and
greetings kept, "the consultation at norfolk.gov.uk/..." is no e-mail: 31 -> 22. A hostile review of
this session's rules then found 8 leaks and 11 damages; every one is fixed with a regression test,
and three damage rules were withdrawn because they let people through: prime ministers' names kept
(David Cameron and Gordon Brown are also neighbours), a comment's opening word read as a greeting
("Simbarashe. We have three kids"), "merger with" naming a centre's place ("the merger with Kezia
Blackthorn's nursery"). Left: public figures outside politics, a town that is also a first name
("Brandon"), a workplace's street or town that a set labels apart.

Held-out 23 (80 responses, 502 items, 173 harmless; pii_heldout23.jsonl), a seventeenth writer who saw
neither the code nor any earlier set, asked for styles no set had used: an MP's letter, a petition's
signature list ("name, town, reason"), a Mumsnet thread with usernames and quoted replies, Nextdoor,
Instagram, a Netmums review, a voicemail transcribed by a phone (numbers and a postcode as words), a
health visitor's letter, a pre-school newsletter, church and gurdwara notices, foster and kinship
carers' statements, a food-bank referral, a cover letter, pasted spreadsheet rows, formal Indian and
Nigerian English, app translations, Welsh and Cornish; surnames with titles, family names first,
"bin"/"al-", double surnames, names that are words ("Hope", "Mason Reed"). Measured once, untuned, at
b1990d5: 453 / 502 removed (90.2%); names 256 / 271 (94.5%), workplaces 55 / 65 (84.6%), dates of
birth 53 / 62 (85.5%), addresses 23 / 28 (82.1%), social handles 4 / 11 (36.4%: forum authors
"Name · date" and "> X wrote:"), vehicles 4 / 5; 24 / 173 harmless phrases damaged (13.9%). Against
issue 26's bars: 90% overall and 85% of names met; every kind at least 75% not (social handles);
damage not.

After it (commit "Redaction, held-out 23"): forum and review authors ("X · 12/03/25 21:04", "> X
wrote:", "Reviewed by X"); numbers said with "hundred", tens and teens, and postcodes spelt in lower
case; "its um NAME calling"; a name never spans a gap of spaces or a tab (a signature, then a form's
next box) nor does an organisation; "X is the owner"; a possessive in capitals ("KEITH'S"); workplaces
after "apprenticeship with", "on night duty at", "lecturing at", "im at X on the tills"; "of the" inside
an employer's name; due and birth dates named by a festival ("due on Dashain"), "delivered her baby
on", Islamic and Persian years after a birth word; European house numbers after the street ("on
Magdalen Road 119"). Damage: counties and their parts are no employers ("for Mid Norfolk", "born at
West Suffolk"), no lower-case name after an article ("an angel", "his job"), places of worship and
sessions ("Trinity Methodist", "Tiny Talkers"), hashtags, "Save Our ..." campaigns, "Ramadan Kareem".
Held-out 23 then 476 / 502 (94.8%), damage 13 / 173 (7.5%); every other set's recall unchanged but
held-out 21's "Sat" of "Sat 01/06/24" (a name across a tab no longer covers it), and damage down on
held-out 9, 10, 21 and tune9. Left: a student's university that the writers keep and the rules hide
("a PhD at UEA"), "drives for Uber", a regiment a family served in, "Calpol" after "queueing for" in a
job sentence, the House of Commons' postcode.

Held-out 24 (74 responses, 527 items, 406 harmless; pii_heldout24.jsonl), an eighteenth writer, blind,
asked for still other styles: WhatsApp exports (one in Polish without diacritics), X threads with quote
posts, LinkedIn posts, Marketplace and Vinted messages, public-meeting minutes with initials and "Q
(resident, Mile Cross):", transcribed postcards, a headteacher's and a practice manager's letters,
interpreters' home-visit notes, Traveller liaison notes, a nan's letter typed by her grandson, children's
own writing, a "Name: ____" form, text copied from a PDF with broken hyphenation, Roman Urdu, Punjabi and
Gujarati, Somali patronymics, Yoruba, Igbo and Twi; workplaces as "clocking in at", "my lanyard says",
"I sub-contract for", "(my employer)". Measured once, untuned, at f010f93 (after the held-out 23
changes): 464 / 527 removed (88.0%); names 273 / 299 (91.3%), workplaces 30 / 49 (61.2%), dates of birth
66 / 76 (86.8%), addresses 19 / 22, social handles 14 / 19 (73.7%); 34 / 406 harmless phrases damaged
(8.4%). Against issue 26's bars: names met; 90% overall, every kind at least 75% and damage not. The
rules written for held-out 23 did not carry to 24's workplaces: each writer finds new ways to say where
they work, which is the case for a model over more rules.

After it: chat and marketplace authors ("vintage_vic_74: yes"), "snap me X", minutes' initials ("Cllr
J.B.", "A (SP):", "ACTION: SP to"), twins before ", born 7th", a hashtag's inner words, greetings in Irish,
Somali, Igbo, Yoruba and Polish, "Singh Sabha"; workplaces after "clocking in at", "my lanyard says",
"sub-contract for", before "(my employer)", in brackets after "at work", before "till 3" after "I'm at",
and in minutes' "Q (youth worker, X):". Held-out 24 then 484 / 527 (91.8%), workplaces 36 / 49 (73.5%),
damage 27 / 406 (6.7%); no other set lost an item, and held-out 12, 13, 20 and 22 gained one each.

A hostile review of the held-out 23 rules (review 12, blind to the sets) then found 8 leaks and 11
damages, each new in that commit, and no slow pattern; every one is a regression test. Withdrawn for
privacy: cutting a name at a run of spaces or a tab ("Mrs  Okafor"; a name and an organisation in a
form's boxes are now told apart by the organisation never spanning a gap, and a cut name keeps its
initial: "A. Bunting"), "Save Our ..." campaigns, Baptist and Parish as organisation words, a session's
name keeping its first word ("Fatima Tots"), no name after "her", "his", "your" ("her mohammed"; only
"a", "the", "that" and the like before an English word now), a name in a hashtag (only spaCy's guesses
and towns: "#KingsLynn"), counties after "my wife is at", "Save Our ...", and "posted by" a camel-case
name. Narrowed: spoken phone numbers must be said mostly in words, postcode letters are no "a" or "i",
house numbers after the street need a word about living there and no year or "of us" after them,
"X is the owner" needs no "'s", due dates by festival need a baby or "she is due", "on night duty at"
needs a capitalised place that is no festival, "teaching at" no class, "delivered her baby on" the
date straight after, Islamic and Persian years only after their months. After it: held-out 23 476 /
502 (94.8%), damage 15 / 173 (8.7%); held-out 24 484 / 527 (91.8%), damage 27 / 406 (6.7%); held-out 19
lost a camel-case "Posted by" handle, held-out 21 gained a date.

Held-out 25 (74 responses, 512 items, 320 harmless; pii_heldout25.jsonl), a nineteenth writer, blind,
asked for styles no set had used: Google Maps and Trustpilot reviews with owner replies, a newspaper's
letters page, a radio phone-in and a podcast transcript, a Change.org comment stream, Citizens Advice,
Home-Start, health-visitor, midwife, housing and Job Centre notes, a social worker's summary that fails
to anonymise ("Mother (S.)"), a Zoom chat log, a Ukrainian Telegram channel, an Ombudsman complaint, an
FOI request, a solicitor's letter, letters translated from Arabic, Dari, Tigrinya, Vietnamese and
Portuguese, a form answered in the wrong boxes; names that are words and places (Summer, Patience,
Mason the mason, Holt, Diss), Vietnamese, Korean, Irish and Jewish names. Measured once, untuned, at
9fbfadc: 448 / 512 removed (87.5%); names 265 / 306 (86.6%), workplaces 46 / 57 (80.7%), dates of
birth 53 / 59 (89.8%), addresses 21 / 25 (84.0%), vehicles and registrations 4 / 5 each, the rest
whole; 32 / 320 harmless phrases damaged (10.0%). Against issue 26's bars: names and every kind met,
90% overall and damage not. A first second look (bench/second_look.py, trained before this set was
read, threshold 0.7, no word-list guard) on it blind: 447 / 512, damage 29 / 320.

The second look (hubplan.consult.second_look) then shipped: a logistic regression over each finding's
words, tags, word lists and context drops findings it scores under 0.8 chance of being personal data,
but only names and workplaces, and only where every word is a common English word (never "Simbarashe",
"Marta" or "Bradford"); trained on every set including held-out 25. Measured set by set on sets it was
not trained on (bench/results/second_look.md), with held-out 26 in: recall 8,751 -> 8,745 of 9,550
items, damage 357 -> 336 of 6,058 harmless phrases (5.89% -> 5.55%). The figures above are with it (trained on these very sets, so its
effect there, 2 items and about a quarter of the damage, is an upper bound).

After held-out 25 (three rules, each for a way of writing rather than a word): a video call's saved
chat ("10:42:13 From Dawn Pike to Everyone:", a private message's recipient), a title with one initial
("Mrs P (the Patel family)", "Mr B-J"), and a surname with an apostrophe removed whole ("O'Neill",
"D'Souza"), a comment's author with a town and the time in words ("Destiny Okoro-James · Lowestoft ·
1 day ago"), a lower-case first name with an age ("kids ivy (3) and robin (14 months)"; Poppy, River,
Ocean, Honour, Archer and Cooper joined the names that are also words). Held-out 25 448 -> 457 of 512;
tune8 damaged "Mrs A (no real name)", a pseudonym.

Held-out 26 (73 responses, 269 items, 353 harmless; pii_heldout26.jsonl), a twentieth writer, blind,
asked for styles no set had used: a focus group with speaker codes, an easy-read form, a BSL
interpreter's gloss, a Relay UK call, a prisoner's letter, a refuge worker's letter, pasted
out-of-office replies, calendar invites, Eventbrite and food-bank vouchers, a baby announcement, a
parish magazine's hatches, matches and dispatches, a GoFundMe page, rotas, a nursery's staff page,
translations from Albanian, Sorani, Farsi, Pashto, Sylheti, Malayalam and Tagalog; names with
particles (bin, al-, van der, ap Rhys), Filipino nicknames, Ethiopian and Eritrean names, surnames that
are places and words (Sheringham, Moss, Storm). Measured once, untuned, at 253cbc8 (the second look
and every held-out 25 rule in): 229 / 269 removed (85.1%); names 120 / 138 (87.0%), workplaces 34 /
47 (72.3%), dates of birth 28 / 33 (84.8%), registrations 2 / 4, addresses 11 / 13; 32 / 353 harmless
phrases damaged (9.1%, 20 of them by the name rules). Without the second look: 230 / 269 and the same
damage: on this set it dropped one item found and spared no phrase. Against issue 26's bars: names
met; 90% overall, workplaces, registrations and damage not. The second look is then retrained with it.

After held-out 26, rules for ways of writing it showed, the harmless words first (its damage 29 -> 18
of 353): an address stops at the comma before a town ("27 Dragoon Close, Swanton Morley"; a second
street line stays); the neighbourhoods England's libraries are named for count as places (Hellesdon,
Earlham, Gorleston: data.places.library_localities, where the name is in the library's own address);
a word a comment glosses as a word ('"Bhabi" (sister-in-law)', '"Lala" means elder brother') is no
name anywhere in it, unless the comment gives it to someone as a name; festivals that are also names
where the words make them a day ("last Bayram", "for Hari Raya"); pets ("our dog Alfie"). Then
recall: births told without "born" ("she came on 19 December", "the safe arrival of Ocean on 14th
May", EDD), the same birth date said again, a form's name fields ("Surname: OYELARAN", JSON's
"last_name"), a file named for a person, an employer's field, the depot a driver works out of, more
job words.

Held-out 27 (70 responses, 287 items, 298 harmless; pii_heldout27.jsonl), a twenty-first writer,
blind, asked for styles no set had used: e-mail with headers, tracked changes, a flattened PDF form,
a spreadsheet row, JSON from an app, ParentMail, ClassDojo, Tapestry, a Universal Credit journal, a
housing bid, appointment texts, a neonatal discharge summary, a child arrangements order, a CV, eBay,
Vinted and Freecycle listings, a prayer list, a funeral notice, team sheets, a school report, TikTok,
BeReal and Substack, a webcast's automatic captions, surgery notes, drop-in sticky notes, a paper
survey, and translations from ten languages; names family-name first ("WONG Ka Yan (Kelly)"), kunyas
("Umm Yusuf"), family words ("nanny sue"), names that are words (Faith, Joy, Summer). Measured once,
untuned, at 9d7bcce: 251 / 287 removed (87.5%); names 131 / 145 (90.3%), workplaces 44 / 54 (81.5%),
dates of birth 21 / 25 (84.0%), registrations 3 / 5, social handles 1 / 6, vehicles 4 / 5; 28 / 298
harmless phrases damaged (9.4%). Its brief (ours) said councillors and a vicar named in their role are
harmless; every earlier set, and the redaction ("Cllr [name]"), counts them as people, so the five
names and one e-mail address were relabelled personal in pii_heldout27.jsonl, under which the blind
figures are 257 / 293 (87.7%), names 136 / 150 (90.7%), and 22 / 292 damaged (7.5%). Against issue
26's bars: names met; 90% overall, social handles, registrations and damage not. Then, rules for
what it showed: prefixed form fields and date-of-birth fields ("Field_Q8_ChildDOB_1"), year-first
dates with English months, days of Hebrew, Nepali and Ethiopian months after a birth, hospital and
court numbers, handles after "Posted by:", "Seller:", "sc:" and a blog's own address, kin named after
"of" ("daughter of Faith and Emeka Amadi"), businesses someone runs, a CV's employment history; the
second look retrained on all 37 sets (measured set by set on sets it was not trained on: recall 9,056
-> 9,049 of 9,843 items, damage 338 -> 315 of 6,350, 5.32% -> 4.96%).

Held-out 28 (75 responses, 305 items, 273 harmless; pii_heldout28.jsonl), a twenty-second writer,
blind, whose brief named no formats or phrasings: the writer chose them (a sign-in sheet pasted as
CSV, a clinic letter, a councillor's and a parish council's letters, a petition's names, a WhatsApp
chat, a Notes-app list with emoji, survey answers, a young carer, a dictated Traveller response, and
Polish, Portuguese, Lithuanian, Ukrainian, Dari, Chinese, Bengali and Arabic). Measured once, untuned,
at 485a99b: 271 / 305 removed (88.9%); names 145 / 164 (88.4%; lower-case 1 / 9, non-Latin scripts 4
/ 11), dates of birth 23 / 30 (76.7%), workplaces 12 / 16 (75.0%), vehicles 5 / 6, registrations 8 /
9, social handles 8 / 9, addresses 14 / 15, the rest whole; 22 / 273 harmless phrases damaged (8.1%:
five dates of a sign-in sheet read as births, three organisations' own mailboxes, "Section 106",
"Proposal 2", "Julia Donaldson"). Against issue 26's bars: names and every kind at least 75% met;
90% overall (88.9%) and damage (8.1%) not. What it missed most: names and dates in scripts other than
Latin (7 names, 4 dates), the cells of a pasted table. Then, for ways of writing rather than words:
a run of 12 letters or more in a script other than Latin is withheld whole (the recognisers cannot
read it; across the sets such runs hold 15 of the 35 personal items written in other scripts and 3
of their 43 harmless phrases, thank-yous standing alone are kept); a table pasted as CSV or with
semicolons is read by its header ("child", "adult", "name" columns hold names; a "date" column
dates sessions, not births); a list's field for kin ("- Daughter: Wren, age 5"); a month that is a
child's name before what she does ("my daughter April who"); a birth told outright with the
child's name and a month ("had our son Kaiden in march"); a clause or option's label ("Section 106",
"Proposal 2"); a body's own mailbox ("hello@", "clerk@" at an organisation's domain); a platform's
name before a handle is no e-mail; a penalty charge notice; a plate in lower case after "van"; a
blog its writer names; "Flat 3, 22 Colegate"; "trade as"; work said in Portuguese, Polish, Romanian,
Spanish and Lithuanian; a word spaCy reads as a name at the start of a sentence in another language;
children's authors and a Norfolk charity. After them: held-out 28 294 / 305 (96.4%), damage 7 / 273
(2.6%); every other set as before or better but held-out 21 (one Bulgarian phrase inside a
withheld sentence). Second look retrained on the 38 sets.

Held-out 29 (76 responses, 307 items, 272 harmless; pii_heldout29.jsonl), a twenty-third writer,
blind, from the same brief as 28 (no formats named; a sitting MP or mayor named in office labelled
harmless, as hubplan treats them): phone-typed messages, letters with address blocks, e-mail headers,
a WhatsApp export, Facebook comments, a CSV list of volunteers, a hub's registration card, an NHS
app screen, an HMRC letter, professionals, a foster carer, a narrowboat family, Polish, Lithuanian,
Portuguese, Arabic with a Hijri date, Romanian, Urdu, Chinese, Ukrainian. Measured once, untuned, at
a472983: 287 / 307 removed (93.5%); names 140 / 149 (94.0%; lower case 6 / 8, non-ASCII 3 / 4),
workplaces 16 / 21 (76.2%), schools 5 / 6, vehicles 6 / 7, social handles 8 / 9, registrations 13 /
15, addresses 17 / 18, the rest whole; 22 / 272 harmless phrases damaged (8.1%). Against issue 26's
bars: 90% overall, names and every kind at least 75% met, for the first time on a blind set; damage
(8.1%) not. Then, for ways of writing: a table's header row and its "Role" column name no one, nor
does a role after a name's comma ("Fiona Clegg, Trustee"); a role after a name that is also a word
makes it a name ("Carol, the Family Support Worker"); "my Early Years" is no "Earl" (a name's
pattern now ends at a word's end); "Duke of Edinburgh" and "X of Y" titles are no names; a car's
model between its colour or maker and its plate; a current plate typed "KV 63 LRA"; a family hub
named by its place is no workplace ("volunteer at the Rose Lane hub"), as "Thetford Family Hub"
was not; a job noun after "school" ("a retired primary school teacher"); a week count before a
birth date ("born at 28+4 weeks on 9/1/24": the date only); a form's next column after a date of
birth or a name ("Birth weight: 3.2kg", "Tel:"); numbers in Ofcom's non-geographic ranges (03, 080,
084, 087, 0500: helplines, never a private line); "toll no. BA-31947" (the full stop of "no." ends
no sentence); a Blue Badge number; "running Little Acorns Childminding"; Portuguese work with words
before "na"; a name repeated in its own script in brackets; a house's name on a line ending in a
postcode; a card's "Family:" and "Mother:" fields; a blog's address after "blog". Before any of
these (written before the set arrived): digits of other scripts read as digits (Bengali, Arabic,
full-width) and Chinese, Korean and Lithuanian year-first dates. After them: held-out 29 298 / 307
(97.1%), damage 9 / 272 (3.3%); all 39 sets 10,424 / 11,161 (93.4%), damage 298 / 7,148 (4.17%),
from 10,410 and 313; one more harmless phrase damaged in held-out 16 (a foodbank voucher's number
after "Voucher no.:", labelled harmless there). Second look retrained on the 39 sets (set by set
on sets it was not trained on: 9,658 -> 9,649 of 10,455 items, damage 5.22% -> 4.80%).

Held-out 30 (76 responses, 319 items, 271 harmless; pii_heldout30.jsonl), a twenty-fourth writer,
blind, from the same brief: letters and pasted e-mails, a hospital letter, a Universal Credit
letter, a red book page, a timetable, text-speak, a WhatsApp chat, Facebook and X posts, Polish,
Portuguese, Ukrainian, Lithuanian, Romanian, Chinese, Arabic, a health visitor, a midwife, a
childminder, a councillor, foster, kinship, Traveller, forces, bereaved and Deaf parents. Measured
once, untuned, at 2e40c4b (after held-out 29's rules, and public figures and opening greetings
written before 30 arrived): 301 / 319 removed (94.4%); names 168 / 174 (96.6%), workplaces 15 / 23
(65.2%: "nights for Biffa", "28 years with Norfolk Constabulary", "a medic in the army", "to work in
Banham Poultry", a business in brackets, Norfolk County Council as an employer), social handles 8 /
10, dates of birth 26 / 27, addresses 10 / 11, the rest whole; 24 / 271 harmless phrases damaged
(8.9%). Against issue 26's bars: 90% overall and names met (the second blind set running);
workplaces (65.2% < 75%) and damage not. Then a hostile review of the rules since held-out 28
(review 15: 21 findings, 5 high, each reproduced; all but one pre-existing speed case fixed, with a
test each): a role or task column or a header row names no one only where its cells are one to
three words and none a first name ("Set up with Priya Shah" and "Date,Anna,Ben" are names);
"X of Y" is a title only for title words ("Karen of Home-Start" is Karen); a warehouse's hub is a
workplace, a hub named by its place is not; a named school before "gates" is a school; an Irish
087 mobile is a private number; status words on a card ("Father: Deceased") and a month before a
role ("Since April, our ...") are no names; "NO 22 BUS" in capitals is no plate; a body's address
is no home; a reply "No." ends its sentence; a colour in capitals may be a surname; a country after
a job in Portuguese is no employer; a Chinese or Korean date is a birth only beside a word for one;
"DOB: 14:07:2019"; three patterns made linear (50,000 spaces after "blog" 49.7 s -> 1.0 s, a "Role"
header of 50,000 spaces 24.2 s -> 1.1 s, a name, 50,000 spaces and a label 7.9 s -> 1.1 s). Then
held-out 30's ways of writing: years with an employer, nights for a firm, "as <business>", the
armed forces, a business named in brackets, a handle a few words after the platform, link-in-bio
pages, a group's page, "Our MP, <name>", a group's own mailbox, a period's and a life's end dates,
an institution named after someone, an option's letter, home education. After them: held-out 30
308 / 319 (96.6%; workplaces 20 / 23), damage 14 / 271 (5.2%); held-out 29 298 / 307, 8 / 272;
all 40 sets 10,729 / 11,480 (93.5%), damage 290 / 7,419 (3.91%). Second look retrained on the 40
sets (set by set on sets it was not trained on: 9,959 -> 9,951 of 10,774 items, damage 5.00% ->
4.55%).

Held-out 31 (77 responses, 280 items, 258 harmless; pii_heldout31.jsonl), a twenty-fifth writer,
blind, from the same brief: form fields, pasted e-mails with quoted replies, chat logs, social posts,
an HTML fragment, a phone-notes list, Polish, Portuguese, Lithuanian, Ukrainian; harmless phrases
set where a tool trips ("Hope", "Will", "Mark my words", famous people, e-mail dates). Measured once,
untuned, at 3777bf0: 265 / 280 removed (94.6%); names 130 / 135 (96.3%), NHS numbers 2 / 6 (33.3%:
numbers whose check digit fails, after "NHS" alone or grouped in brackets after a child's name),
workplaces 16 / 18, schools 5 / 6, e-mails 12 / 13, addresses 15 / 16, social 11 / 12, the rest
whole; 16 / 258 harmless phrases damaged (6.2%). Against issue 26's bars: 90% overall and names met
(the third blind set running); NHS numbers (33.3%) and damage (6.2%) not. Then: ten digits after
"NHS" alone, or grouped 3-3-4 and not starting 0, whatever the check digit; a date with its clock
time stamps a message ("On 9 Mar 2025, at 08:15, ... wrote"); the NHS as a whole is no one's
employer (as a council is not); a school's name on one line; a Portuguese or Polish workplace with
the word for it ("na fábrica da Kerry Foods"); a blog's full address; "Chief Executive" after a
name. After them: held-out 31 270 / 280 (96.4%; NHS numbers 6 / 6), damage 11 / 258 (4.3%); all 41
sets 10,999 / 11,760 (93.5%), damage 301 / 7,677 (3.92%). Second look retrained on the 41 sets (set
by set on sets it was not trained on: 10,230 -> 10,219 of 11,054 items, damage 5.01% -> 4.54%).

Held-out 32 (81 responses, 299 items, 264 harmless; pii_heldout32.jsonl), a twenty-sixth writer,
blind, from the same brief: phone-typed one-liners, e-mails with headers and signatures, letters,
pasted form fields, a WhatsApp export, a Facebook post, a tab-separated spreadsheet, Polish,
Romanian, Portuguese, Lithuanian, dates of birth in Bengali and Arabic script; professionals writing
personally, parish councils and community groups, a teenage mum, a Gypsy Traveller family, a
domestic-abuse survivor, a Deaf parent, forces families, shift workers. Measured once, untuned, at
cb579cf: 276 / 299 removed (92.3%); names 138 / 149 (92.6%); every kind at least 75% (workplaces
20 / 25, 80.0%; registrations 13 / 16; schools 5 / 6; addresses 12 / 14; e-mails 10 / 11; the rest
whole); 13 / 264 harmless phrases damaged (4.9%). Against issue 26's bars: all four met, the first
blind set to meet every one. No rule was built for it; it joins the sets the second look is trained
on (retrained on the 42 sets, set by set on sets it was not trained on: 10,505 -> 10,494 of
11,353 items, damage 5.06% -> 4.53%).

Held-out 33 (75 responses, 281 items, 261 harmless; pii_heldout33.jsonl), a twenty-seventh writer,
blind, from the same brief: phone-typed, text speak, capitals, dictated, pasted e-mails with
signatures, forms, benefit and case documents, a CSV row, a table of children, WhatsApp, Facebook
and X posts, letters; Polish, Romanian, Portuguese, Lithuanian, Latvian, Arabic, Chinese, Ukrainian.
Measured once, untuned, at c098d9d: 270 / 281 removed (96.1%); names 128 / 133 (96.2%); workplaces
11 / 15 (73.3%); vehicles 7 / 8, social 9 / 10, the rest whole; 22 / 261 harmless phrases damaged
(8.4%; six of them one WhatsApp export's timestamps with seconds, "[12/03/2025, 19:42:11]", read as
births because the rule for a date's clock time knew no seconds). Against issue 26's bars: 90% and
names met; workplaces (73.3%) and damage (8.4%) not: held-out 32's pass did not hold on the next
set. Then only that rule (a clock time with seconds stamps a message): held-out 33 270 / 281, damage
12 / 261 (4.6%); all 43 sets 11,544 / 12,340 (93.5%), damage 325 / 8,202 (3.96%). Second look
retrained on the 43 sets (set by set on sets it was not trained on: 10,775 -> 10,763 of 11,634
items, damage 5.11% -> 4.54%).

Held-out 34 (74 responses, 320 items, 253 harmless; pii_heldout34.jsonl), a twenty-eighth writer,
blind, from the same brief: letters, pasted clinic and maternity notes, a WhatsApp export, forwarded
e-mails, an Instagram caption, a notes-app list, a voice dictation; forces, Traveller, foster,
kinship, Deaf, bereaved and boat families; ten languages. Measured once, untuned, at 38b0632:
290 / 320 removed (90.6%); names 162 / 179 (90.5%; most of the 17 left were sign-offs: "Fern & Olu",
"DEAN", "H x", "G. R. Haddingham (Mr)", a name in Cyrillic alone on the last line, and letters
standing for children, "I'll call them J and T"); workplaces 13 / 20 (65.0%); vehicles, schools
5 / 6, registrations 10 / 12, the rest whole but one; 20 / 253 harmless phrases damaged (7.9%).
Against issue 26's bars: 90% and names met; workplaces and damage not. Then, for the ways of
writing it showed (most with a test): the line that signs a comment off (names joined by "&", a
name in capitals, an initial, Cyrillic or Greek read as Latin letters, initials and a surname);
letters that stand for people, wherever they stand after; "my son" and "my daughter" in other
languages written in Latin letters ("meri beti", "córka", "fiul meu") and "was born" after a Hijri
date; "Will and I", "Rob can you", "Summer (mum to Rowan)"; a town that is also a first name where
only a place stands ("the bus to Lynn", "come in from Brandon"; not "near Ashley", a person, by
review); a word on the names lists before the noun it qualifies ("peer supporter"); a councillor's
division is no workplace; "free school meals"; a job and its employer on one signature line; a
business named in brackets after its trade (never dropped by the second look: 14 of 16 such
findings are someone's workplace); what is left of a workplace once a charity is cut out of it
("in Norwich"). Held-out 34 then 312 / 320, damage 11 / 253 (4.3%); the 43 earlier sets 11,552 /
12,340 (was 11,544), damage 312 / 8,202 (was 325); all 44 sets 11,864 / 12,660 (93.7%), damage
323 / 8,455 (3.82%). Second look retrained on the 44 sets (set by set on sets it was not trained on:
11,094 -> 11,080 of 11,954 items, damage 4.95% -> 4.36%).

Held-out 35 (76 responses, 288 items, 277 harmless; pii_heldout35.jsonl), a twenty-ninth writer,
blind, from the same brief: a WhatsApp export, a tweet, a Universal Credit journal, hospital and
discharge letters, an Early Help form, a CSV petition, a markdown table, a web form, HTML codes;
text speak, capitals, dictation, Norfolk dialect; an RAF family, Traveller, kinship, adoptive and
prisoners' families, small businesses; eight languages and a Deaf BSL user. Measured once, untuned,
at 468e5db: 268 / 288 removed (93.1%); names 138 / 150 (92.0%); every kind at least 75%
(registrations 12 / 16, 75.0%; workplaces 12 / 15, 80.0%; the rest at least 95%); but 27 / 277
harmless phrases damaged (9.7%): Norfolk's famous dead ("Nelson, Edith Cavell and Boudicca"),
nursery rhymes ("Jack and Jill"), "Hobson's choice", "Miss Rachel", "I am Deaf", "Keep Cromer
open!!!", "the next one is Thetford", a consultant's title after a name, a birth's place before its
date ("born at the QEH on 2 January 2024"), a centre "opened by Princess Anne on 12 March 2006", a
report "not due until October 2025", a Cabinet report's number, a charity's @handle, a work
coach. Against issue 26's bars: 90%, names and every kind met; damage not. Then rules for those
ways of writing (most with a test) and for four of its misses (a BRP number, a crime reference with
slashes, "reference, which is ...", a sign-off line with an address after the name): held-out 35
273 / 288, damage 9 / 277 (3.2%); held-out 34 312 / 320, 11 / 253; the 43 sets before them
11,555 / 12,340, damage 308 / 8,202 (3.76%; at this session's start 11,544, 325, 3.96%); all 45
sets 12,140 / 12,948 (93.8%), damage 328 / 8,732 (3.76%). Second look retrained on the 45 sets
(set by set on sets it was not trained on: 11,367 -> 11,353 of 12,242 items, damage 4.88% ->
4.32%).

Review 16 (a helper, hostile, at b6a67ac) attacked the rules for 34 and 35: 22 findings, 16 of them
regressions, all fixed with a test each but four low ones (sign-off lines in lower case or after a
dash or emoji, "Meri beti ka naam ...", a BRP number without "number", a signature's "Library
Assistant, Thetford Library" lost after the recogniser): the sign-off line's pattern was cubic on a
padded line (> 240 s; now 0.2 s) and "Rob can you" quadratic on spaces (now linear); "team member
for Tesco" and "a lift from Ashley" leaked (only a councillor's or party member's division, and only
journeys, count now); a police report's or a policy's number was kept as a public paper's (only
committee, Cabinet, agenda and FOI papers now); "Miss Rachel" and "Doctor Foster" are real staff
too (dropped from the lists); "Hai", "Hui", "Thi" and "Meri" are names too (dropped from the
not-a-name list); "labour started on" and "had closed" stand before births (dropped from the event
verbs); letters for people now take three or more, "J's" and "refer to them as", but not "Option B"
or "vitamin D"; a lone letter answering a question, "N. Walsham", "(Mondays and Fridays)" and
"Councillors, can you" are no names or businesses.

Held-out 36 (77 responses, 301 items, 272 harmless; pii_heldout36.jsonl), a thirtieth writer, blind,
from the same brief: text speak, letters, pasted e-mails, chats, forms and tables, Norfolk dialect,
nine responses in other languages or mixed (dates in other calendars). Measured once, untuned, at
b6a67ac (before review 16's fixes): 279 / 301 removed (92.7%); names 138 / 152 (90.8%); every kind
at least 75% (workplaces 16 / 20, registrations 12 / 15, social 10 / 11, the rest whole); 20 / 272
harmless phrases damaged (7.4%). Against issue 26's bars: 90%, names and every kind met; damage
not, for the third set running (34: 7.9%, 35: 9.7%, 36: 7.4%). Then review 16's fixes and four
rules for ways 36 showed (a job denied, "I don't work for Boots"; a royal's title and name after
"the", "the Queen Elizabeth", a hospital; a hospital named in lower case after a name, "James Paget
hospital"; "in Watton I want" ends the town before the pronoun): held-out 36 279 / 301, damage
15 / 272 (5.5%); the 43 sets before this session 11,553 / 12,340, damage 307 / 8,202 (3.74%; at
the session's start 11,544, 325, 3.96%); all 46 sets 12,417 / 13,249 (93.7%), damage 343 / 9,004
(3.81%). Second look retrained on the 46 sets (set by set on sets it was not trained on: 11,643 ->
11,630 of 12,543 items, damage 4.97% -> 4.35%).

Held-out 37 (88 responses, 287 items, 258 harmless; pii_heldout37.jsonl), a thirty-first writer,
blind, from the same brief, measured once at cd22ac0: 271 / 287 (94.4%); names 134 / 142 (94.4%);
every kind at least 75%; 18 / 258 harmless phrases damaged (7.0%). Held-out 38 (76 responses, 310
items, 257 harmless) and 39 (75 responses, 317 items, 257 harmless; the second writer asked to favour
under-represented voices: referral notes, group submissions, second-language writers, pasted forms,
dictated comments, one-line phone replies), each measured once at f2c2878, the last commit before they
arrived: 38 283 / 310 (91.3%), names 154 / 164 (93.9%), vehicles 5 / 7 (71.4%), damage 13 / 257 (5.1%);
39 296 / 317 (93.4%), names 156 / 165 (94.5%), vehicles 5 / 7 and workplaces 12 / 17 (70.6%), damage
14 / 257 (5.4%). With the rules built for 37's damage alone (written before 38 and 39 arrived, not yet
committed), 38's damage was 12 / 257 (4.7%) and 39's 14 / 257 (5.4%), recall the same. Then rules for
what the three showed, each said in other words in a test: a job's title before a name ("Midwife
Sandra"); the area a job covers ("working across Breckland"); benefits and more family charities on the
organisations list; a public figure named in office keeps the surname elsewhere ("Dear Ms Markwick");
an appointment's numeric date ("check done at hub 14/03/2025") is no birth; a form's label of several
words ends a name; "born" said again in a bracket; what a thing is called ("it used to be called
Grandparents Plus", "the charity Kinship"); "Julian of Norwich" (a public figure with "of" never matched:
the pattern capitalised "Of"); hospitals named for people ("the James Paget", "Addenbrooke's"); a job
noun must be in lower case ("the Julian Hospital" read "Julian" as a job, like "technician") and "last
year at" is no job; a dictated "full stop" ends a sentence; a place one was born or treated in is no
workplace; "the Swaffham hub, Kerry" is the service; "infant feeding" is no school; a group's mailbox
named for it; a plate after a vehicle word in brackets, lower case or foreign ("my car PZ 7K214");
plates, NI and NHS numbers spelt aloud ("kilo X six five Lima Mike November"); "gave name as", "known
as"; "Diss Tyre Centre" and other trade centres are workplaces; a piped signature's employer.
After them: held-out 37 271 / 287, damage 9 / 258 (3.5%); 38 285 / 310, 8 / 257 (3.1%); 39 303 / 317,
7 / 257 (2.7%) (no longer blind); the 46 sets before this session 12,419 / 13,249 (at its start 12,417),
damage 333 / 9,004 (3.70%; 343, 3.81%); all 49 sets 13,278 / 14,163 (93.75%), damage 357 / 9,776
(3.65%). Second look retrained on the 49 sets (set by set on sets it was not trained on: 12,499 ->
12,485 of 13,457 items, damage 4.75% -> 4.08%). Of 38's 13 damaged phrases at f2c2878, 5 were words in
other scripts inside text withheld whole because no recogniser reads them (unread_script.py: "Норвічі",
"نورويتش", "诺里奇"): the price of not publishing what cannot be checked.

Held-out 40 (78 responses, 321 items, 262 harmless) and 41 (75 responses, 319 items, 280 harmless; the
writer asked for the voices a tool built from typical examples would miss: older people's letters,
teenagers, dads, carers of disabled children, Gypsy, Roma and Traveller families, refugees, pasted
sheets, professional shorthand), each measured once at 3347afd, the last commit before they arrived:
40 302 / 321 (94.1%), names 160 / 169 (94.7%), every kind at least 75% (addresses 12 / 15,
workplaces 15 / 19), damage 16 / 262 (6.1%); 41 290 / 319 (90.9%), names 169 / 182 (92.9%),
addresses 7 / 12 (58.3%) and workplaces 11 / 17 (64.7%), damage 19 / 280 (6.8%). Against issue
26's bars, the five blind sets of this session (37 to 41): 90% removed on all five; names 85% on all
five; every kind at least 75% on 37 and 40; damage at most 5% on none at the commit they met (5.1%
to 7.0%), on 38 (4.7%) with the rules written before it. Rules for what 40 and 41 showed (a month or a
word that is a name after any word for kin or before an age in brackets; children named by letters in
brackets; a writer's "X here"; a Bible reference; a language after a verb of speaking; a Polish
namesake after "im."; Roma as a people; "Nelson's county"; conditions named for people (Duchenne,
Rett syndrome); an MP written "Clive Lewis (MP)"; days as no employer; a phone number never runs
across a line break; "picked up at" is no work; "the Gorleston centre" is the service), and review 17
(23 findings on the rules for 37 to 39; /work/review17: a figure's surname kept only for an MP or
mayor in office, an appointment's date a birth when a name or child comes between, "that"/"which
was called" may be a person, hospital names only as places, "across" only before a place, a group's
mailbox only without a first name or initial, "ended up at" and "been happier at" are work and no
work as before, foreign plates need letters and digits, spelt NHS numbers read digit by digit,
"known as" no cue; three patterns made linear: a vehicle word then 50,000 spaces 36.9 s -> 1.1 s,
50,000 tabs after a work cue 11.1 s -> 1.2 s, a sign-up sheet of 876 e-mail lines 78.9 s -> 2.0 s, now
rows of the long-input table below; each with a test in test_review_17). After them: 40 302 / 321,
damage 10 / 262 (3.8%); 41 291 / 319, 8 / 280 (2.9%) (no longer blind); the 46 sets before this
session 12,429 / 13,249 (at its start 12,417), damage 327 / 9,004 (3.63%; 343, 3.81%); all 51 sets
13,889 / 14,803 (93.83%), damage 369 / 10,318 (3.58%). Second look retrained on the 51 sets (set by set
on sets it was not trained on: 13,104 -> 13,084 of 14,097 items, damage 4.65% -> 4.00%).

Held-out 42 (74 responses, 317 items, 262 harmless) and 43 (77 responses, 291 items, 258 harmless;
the writer asked for harmless phrases a careless tool would damage), each measured once at 8dd535e,
the last commit before they arrived: 42 300 / 317 (94.6%), names 161 / 167 (96.4%), every kind at
least 75% (social 7 / 9, registrations 11 / 14), damage 14 / 262 (5.3%, one phrase over the bar); 43
274 / 291 (94.2%), names 146 / 152 (96.1%), every kind at least 75% (workplaces 15 / 20), damage
22 / 258 (8.5%; 8 of them places and festivals written inside Ukrainian, Chinese and Arabic text,
which is withheld whole: 14 / 258, 5.4%, without them). Seven blind sets this session (37 to 43):
90% removed and names at least 85% on all seven; every kind at least 75% on four (37, 40, 42, 43);
damage at most 5% on none at the commit each met (5.1% to 8.5%). Rules for what they showed (a month
range, "Jan-Feb", is no name; a body that meets ("at Cabinet") and a festival ("at Eid") are no
employer; a birth's hospital before "on March 3"; a chat's time stamp under a line about a birth is
no birth; a town before "patch" or "area" is no part of a workplace; "into <town>"; Delia Smith by
first name alone (seven writers wrote "Delia" for her; not "my friend Delia", "Delia at the hub");
"Muito obrigado"; WellComm; A&E and "turning up at" as a patient's words). After them: 42 300 / 317,
damage 9 / 262 (3.4%); 43 274 / 291, 14 / 258 (5.4%) (no longer blind); the 46 sets before this
session 12,429 / 13,249 (93.81%), damage 323 / 9,004 (3.59%; at its start 12,417, 343, 3.81%); all
53 sets 14,463 / 15,411 (93.85%), damage 386 / 10,838 (3.56%). Second look retrained on the 53 sets
(set by set on sets it was not trained on: 13,677 -> 13,659 of 14,705 items, damage 4.64% -> 3.96%).

Held-out 44 (78 responses, 316 items, 266 harmless) and 45 (75 responses, 307 items, 280 harmless; set
in a made-up Derbyshire consultation: other towns, services and people), each measured once at
8dd535e, the last commit before they arrived: 44 296 / 316 (93.7%), names 170 / 178 (95.5%), every
kind at least 75% (workplaces 15 / 20), damage 15 / 266 (5.6%); 45 278 / 307 (90.6%), names 158 /
175 (90.3%), schools 3 / 5 and workplaces 8 / 13, damage 22 / 280 (7.9%). With the rules built for 42
and 43 (written before 44 and 45 arrived, not yet committed), 44 met all four bars: the same recall,
damage 13 / 266 (4.9%); 45 23 / 280 (8.2%). No rule was built for 44 or 45; they are in the sets and
the second look is trained on them (44 296 / 316, damage 12 / 266; 45 278 / 307, 16 / 280 above). A
second look guard: an employer named after "I work (nights) at" or a posting ("posted to Kendrew
Barracks") is never dropped ("the Amazon hub").
Nine blind sets this session (37 to 45): 90% removed and names at least 85% on all nine; every kind at
least 75% on five (37, 40, 42, 43, 44); damage at most 5% on none at the commit each met (5.1% to
8.5%), on two with rules written before they arrived (38 4.7%, 44 4.9%). The 46 sets before this
session 12,428 / 13,249 (93.80%), damage 324 / 9,004 (3.60%; at its start 12,417, 343, 3.81%); all 55
sets 15,036 / 16,034 (93.78%), damage 415 / 11,384 (3.65%). Second look retrained on the 55 sets (set
by set on sets it was not trained on: 14,247 -> 14,229 of 15,328 items, damage 4.77% -> 4.04%).

Session 15: councils that are not Norfolk, and what the published quotes damage. Five more blind sets,
each measured once at the last commit before it arrived: held-out 46 (Norfolk) and 47 (set in
Bradford) at 527c429; 48 (Norfolk), 49 (set in Lewisham) and 50 (set in a made-up coastal council in
the North West, with made-up towns) at 027476a. Read comment by comment, as this bench did until now:
46 285 / 297 (96.0%), names 95.0%, every kind at least 75%, damage 14 / 263 (5.3%); 47 294 / 318
(92.5%), names 95.0%, workplaces 12 / 20, damage 46 / 290 (15.9%: "Bradford" read as a name ten
times, Bradford's suburbs, which GeoNames leaves out, "Jacob's Well"); 48 300 / 318 (94.3%), names
94.6%, addresses 8 / 12, damage 14 / 264 (5.3%); 49 276 / 306 (90.2%), names 89.0%, schools 2 / 5,
registrations 11 / 15, damage 24 / 271 (8.9%); 50 290 / 320 (90.6%), names 93.5%, addresses 13 / 21,
registrations 9 / 15, damage 35 / 283 (12.4%).
But the quotes hubplan publishes are redacted with redact_all, which also removes a name found in one
comment wherever it stands in another, and this bench never counted that. redact_all reads the
comments it is given together: all of a consultation's for its themes and summary, one centre's for
that centre's quotes (a smaller batch spreads less). Read as whole consultations, the same sets at the same commits damaged 9.5%, 21.0%, 7.2%, 22.1% and 27.9%
(names spread to places: "Lynn", "Holt", "Whinburn", "Clyde"); on the labelled sets at the start of
this work, 617 of 11,937 harmless phrases (5.17%) against 416 (3.48%) comment by comment. Every damage
figure this bench gave before session 15 was comment by comment, and understated what is published.
The bench now reads each set as one consultation (find_all), and the spreading no longer takes a town,
the last word of one ("Lynn"), an English word, or a name where its comment makes it a place, a body
or a saint's; a consultation's own places (in a place's slot in two comments or more: "the hub in
Whinburn"; not a first name or an English word) are read as towns in all its comments while it is
read. Review 18 (16 findings, 6 high: names that stopped spreading because the dictionary holds most
first names, a consultation's places kept in caches after it, first names made places, "Preston Jones"
read as the city, "Oscar's Social Worker" as a thing, "the group at Karen Smith's" as a place) was
fixed before the totals below. Rules built for 46 and 47 (a service "at" a place is
where it is; a big city that is also a first name reads as the city; England's districts are places;
a first name's possessive before a capitalised word names a thing; students are not employed by their
university; a council's department by its place; the second of a pair of towns; towns keep their
capitals in shouted lines; an address's next line is its locality; NI numbers in threes; blue badge,
housing register and eligibility code numbers; Slovak months; councils' handles) were committed
before 48 to 50 arrived. After they arrived: the reading of a set as a consultation (above), its own
places, and the writer's own hub as a workplace ("I worked at Thetford Family Hub": seven of seven in
the labelled sets). 48 to 50 are in the sets and the second look is trained on them.
Then three more blind sets, measured once at 28f157e (the commit with the consultation read whole),
the first measured as published: held-out 51 (set in Leicester) 299 / 318 (94.0%), names 96.6%,
workplaces 12 / 21, damage 30 / 263 (11.4%: nine phrases inside text in scripts hubplan cannot read,
famous people of Leicester, a hub named for a place that is also a surname); 52 (Norfolk) 298 / 317
(94.0%), names 93.1%, every kind at least 75%, damage 15 / 278 (5.4%: ten of them workplaces, six a
town after its employer, a convention writers split on); 53 (set in Dorset) 284 / 307 (92.5%), names
96.5%, addresses 8 / 11, social 7 / 10, workplaces 10 / 16, registrations 11 / 15, damage 22 / 290
(7.6%: villages of two words GeoNames leaves out, "Hazelbury Bryan", "Kingston Lacy", and famous
people). The 90% and names bars held on all eight blind sets of the session (46 to 53); every kind at
least 75% on 46 and 52; damage at most 5% on none (52 at 5.4% the nearest). Rules built after they
arrived: a birth's "I had my daughter at"; a list's next item ends a workplace; an address never
takes a date's year; an MP or mayor named in office with a title ("our MP, Mr ..."). 51 to 53 are in
the sets and the second look is trained on them.
Two more blind sets measured once at fb57871, as published: held-out 54 (Norfolk) 287 / 308 (93.2%),
names 93.9%, every kind at least 75%, damage 18 / 273 (6.6%: four inside text in other scripts, three
towns after their employers); 55 (set in Newcastle) 288 / 317 (90.9%), names 93.2%, workplaces 5 / 15,
damage 35 / 272 (12.9%: "Walker", an estate of Newcastle, a surname, a first name and an English
word, spread from a name to 22 phrases). After: a first name or English word is one of the
consultation's own places when three comments or more write it as a place (55: 287 / 317, damage 13 /
272, 4.8%). 54 and 55 are in the sets (session 16): 287 / 308, 17 / 273; 287 / 317, 13 / 272.
All 65 sets, as published (each read as one consultation): 17,958 / 19,160 (93.73%), damage 567 /
14,131 (4.01%); 46 to 53, no longer blind (rules built and the second look trained on them): 287 /
297, 12 / 263; 301 / 318, 12 / 290; 301 / 318, 12 / 264; 276 / 306, 15 / 271; 290 / 320, 22 / 283;
300 / 318, 21 / 263; 298 / 317, 9 / 278; 284 / 307, 21 / 290. Second look retrained on the 65 sets (set
by set on sets it was not trained on, comment by comment: 17,152 -> 17,124 of 18,454 items, damage
5.24% -> 4.50%); it never drops a titled name ("Ms Hughes") or an employer after "is a chef in".
Session 16: four more blind sets, measured once at 7752d23 as published: held-out 56 (set in
Cornwall) 299 / 318 (94.0%), names 96.5%, workplaces 16 / 23, damage 26 / 263 (9.9%); 57 (Birmingham)
298 / 315 (94.6%), names 93.9%, schools 5 / 7, damage 32 / 270 (11.9%); 58 (Norfolk, written to
favour phrases a careless tool would damage) 266 / 283 (94.0%), names 95.9%, workplaces 12 / 17,
damage 11 / 276 (4.0%: the damage bar met blind, the every-kind bar not); 59 (Kent, voices a tool
would miss) 278 / 321 (86.6%: the first blind set under 90% since session 12), names 86.3%,
workplaces 17 / 27, damage 32 / 299 (10.7%). What they showed, and the rules built after (each said
in other words in test_ways_of_writing_from_held_out_56_to_59): famous people by full name
(public_figures.txt, our list of about 450, written before the sets were read: 4 of their 1,108
harmless phrases); an MP or mayor named with the area served ("the Mayor of the West Midlands,
Richard Parker"); a name spread from another comment into someone named in office ("our MP Jess
Phillips") or a month's short form beside a number ("Tue, 10 Jun 2025"); a first name before "hub"
or "Family Hub" is a place (359 such phrases in the labelled sets, no name); a place's first words
after "in" ("in Small Heath"); a consultation's place of two words makes its last word no name;
initials that match a full name in the same comment (minutes' "MW explained"); a name with a date in
brackets ("Ruby (03/05/2018)": "Ruby" ended like Whitby); "Name (optional):"; a first name that is
also a word before a surname no dictionary has ("Hope Ashworth"); a name alone on a comment's last
line, or an initial after a dash; service numbers, UPNs and family court cases; a Chinese date with
its birth word after where. Tried and dropped: the forces as employers ("served in the Brigade of
Gurkhas"): seven labelled phrases keep them, two call them work. Not done: a town after an employer
("Aviva in Norwich": 31 labelled items hold the town inside the workplace, 46 label it apart; the
older sets 239 inside), villages and suburbs no gazetteer holds (Cornwall's Paul, Antony, Mitchell;
Birmingham's Quinton, Perry Barr), text in other scripts. After: 56 301 / 318, damage 25 / 263;
57 302 / 315, 20 / 270; 58 267 / 283, 8 / 276; 59 288 / 321, 25 / 299 (no longer blind; the second
look trained on them). All 69 sets, as published: 19,140 / 20,397 (93.84%), damage 617 / 15,239
(4.05%); at 1cf326f, with 56 to 59 read the same way: 19,099, damage 669 (4.39%). Second look
retrained on the 69 sets (set by set on sets it was not trained on, comment by comment: 18,325 ->
18,296 of 19,691 items, damage 5.34% -> 4.56%).
Four more blind sets, measured once at 4177f0a (the rules above in), as published: held-out 60
(set in Manchester) 290 / 316 (91.8%), names 95.7%, workplaces 8 / 19, damage 22 / 284 (7.7%); 61
(Cumberland, voices a tool would miss) 294 / 319 (92.2%), names 94.8%, addresses 5 / 10, damage 19
/ 264 (7.2%); 62 (Hampshire, harmless phrases a careless tool would damage) 259 / 277 (93.5%), names
95.1%, workplaces 8 / 16, damage 17 / 300 (5.7%); 63 (Norfolk) 281 / 296 (94.9%), names 92.7%, every
kind at least 75%, damage 14 / 261 (5.4%). The 90% and names bars held on all four; damage 5.4% to
7.7% (the first batch, at 7752d23: 4.0% to 11.9%). Rules built after them
(test_ways_of_writing_from_held_out_60_to_63): a named storm, a Moses basket, a law by its name and year; a councillor's surname
that is a word; a town before "hub" after a name's cue; initials after a dash; jobs in other
languages with the workplace's word and town ("lucrez la Asda din Longsight", "na fábrica da ...");
a letter's address block (a number's or a farm's line above a postcode); the writer's town library.
Review 19 (hostile, /work/review19/README.md: 7 high, 5 medium, 6 low) then found the famous-people
list leaked private people who share a famous name ("Harry Kane came with his mum": 192 of 2,000
made-up comments); fixed (test_review_19): the list keeps only names few private people share (86
common first name and surname pairs removed, "Elizabeth I" too), a comma or a role marks someone the
writer knows ("My son, ...", "..., our health visitor"), a figure's name a comment makes a private
person's spreads again; a first name before "hub" is a place only after a place's cue and not before
"support", "sessions" and the like; no job, kin or capitals start a place ("from HV Sarah"); a count
in brackets after a place stays; an option's letter is no initial; initials only in minutes, less
services' acronyms (DV, CP, OT ...); no season before a scheme ("Summer Playscheme"); a court case's
value must hold letters; a helpline's "service number" stays; "Concerned Resident" in a name field
stays; the look-ahead of a reference bounded (linear on "court case was " repeated); a name grows
over at most four capitalised words. All 73 sets, as published: 20,285 / 21,605 (93.89%), damage
686 / 16,348 (4.20%); at 4177f0a: 20,264, damage 689. Second look retrained on the 73 sets (set by
set on sets it was not trained on, comment by comment: 19,462 -> 19,427 of 20,899 items, damage 5.51%
-> 4.68%).
Eight more blind sets, measured once at a738088 (before any rule below), as published: held-out 64
(Leeds, harmless phrases) 280 / 293 (95.6%), damage 23 / 261 (8.8%); 65 (Devon) 291 / 318 (91.5%),
workplaces 17 / 26, damage 26 / 261 (10.0%); 66 (Tower Hamlets, voices missed) 284 / 320 (88.8%),
addresses 8 / 12, workplaces 15 / 23, damage 28 / 262 (10.7%); 67 (Lincolnshire, harmless phrases)
295 / 318 (92.8%), schools 4 / 6, workplaces 15 / 25, damage 17 / 261 (6.5%); 68 (Leicester) 296 / 315
(94.0%), workplaces 13 / 19, damage 14 / 268 (5.2%); 69 (Newcastle, harmless phrases) 282 / 315
(89.5%), workplaces 13 / 20, damage 32 / 287 (11.1%); 70 (Norfolk) 308 / 320 (96.2%), damage 9 / 279
(3.2%); 71 (Bradford, voices missed) 290 / 321 (90.3%), addresses 7 / 12, workplaces 13 / 20, damage
31 / 266 (11.7%). Pooled: 2,326 / 2,520 (92.3%), damage 180 / 2,145 (8.4%); names 85% or more on all
eight. Rules built after them (test_ways_of_writing_from_held_out_64_to_71,
test_workplaces_from_held_out_64_to_71): where a signer lives after "First Surname, " or a town ending
the line after the name ("Ray Fitton, Higher Blackley", "G. BARRACLOUGH ROTHWELL"); a car's model with
its plate before it; a place's last word after or ending a name ("Ben Jonson Road", "Lee Bay"); a
place after "live in" though a first name (334 labelled phrases, no name); a group's or session's
name before its word ("the Tiny Talkers groups"); a job title NER takes for a name ("Social Worker");
a pasted record's dates ("Review on", "Reconfirm by:", "w/e"); greetings of England's communities
("Shukriya"); a council someone works for (20 of 20 labelled phrases); a signature's role then its
employer ("Practice Manager, Sandhills Surgery": 33 of 43 labelled); "I own and manage", "I have run",
"my business is"; an organisation's name inside a workplace's ("Sunny Bank Care Home"). All 81 sets,
as published: 22,634 / 24,125 (93.82%), damage 831 / 18,493 (4.49%); at a738088, the same 81 sets:
22,611, damage 866 (4.68%). Second look retrained on the 81 sets (set by set on sets it was not
trained on, comment by comment: 21,799 -> 21,765 of 23,419 items, damage 5.76% -> 4.93%).
Four more blind sets, measured once at c1df089 (the rules above in), as published: held-out 72
(Sheffield, harmless phrases) 293 / 307 (95.4%), every kind at least 75%, damage 23 / 299 (7.7%); 73
(Plymouth and Somerset) 300 / 319 (94.0%), damage 19 / 287 (6.6%); 74 (Luton and Bedford, harmless
phrases) 295 / 314 (93.9%), workplaces 14 / 19, damage 19 / 259 (7.3%); 75 (Hull and the East Riding)
291 / 313 (93.0%), workplaces 11 / 16, damage 19 / 294 (6.5%). Pooled: 1,179 / 1,253 (94.1%), damage
80 / 1,139 (7.0%; the batch before, 8.4%). Famous people were the largest class of what they damaged
(10 of 80: "the next Tom Daley", "John Bunyan wrote ...", "GIDEON AMOS MP", "gave the world William
Wilberforce and Amy Johnson"): now kept by what is said of them (test_ways_of_writing_from_held_out_64_to_71).
Review 20 (hostile, /work/review20/README.md: 4 high, 4 medium, 3 low) found the rules for 64 to 71
leaked second signers and children after "First Surname, ", names before a group's word written
without "'s" ("Mrs Hughes class"), surnames that are place words ("Jo Street"), homes after "live
in" ("Karen and Dave's spare room"), "KV63 LRA, our Kayleigh", births beside "ended up"; and damaged
lists of jobs, "the staff who work for" a council, "I have run the London Marathon". All fixed
(test_review_20). All 85 sets, as published: 23,812 / 25,378 (93.83%), damage 892 / 19,632 (4.54%).
Second look retrained on the 85 sets (set by set on sets it was not trained on, comment by comment:
22,975 -> 22,937 of 24,672 items, damage 5.95% -> 5.01%).
Four more blind sets, measured once at eb076ab (review 20 fixed), as published: held-out 76
(Nottingham, harmless phrases) 264 / 282 (93.6%), workplaces 12 / 19, damage 38 / 270 (14.1%: its
suburbs are first names, Arnold, Carlton, Clifton, Sherwood); 77 (Liverpool and the Wirral) 274 / 287
(95.5%), workplaces 9 / 13, damage 19 / 291 (6.5%); 78 (Suffolk, voices missed) 292 / 316 (92.4%),
schools 4 / 6, damage 15 / 270 (5.6%); 79 (Stoke and Staffordshire, harmless phrases) 286 / 302 (94.7%),
every kind at least 75%, damage 22 / 270 (8.1%). Pooled: 1,116 / 1,187 (94.0%), damage 94 / 1,101 (8.5%).
Built after them (test_ways_of_writing_from_held_out_72_to_79,
test_a_town_named_for_a_first_name_in_two_comments_is_a_place): a town's name that is a first name is
a consultation's place once two comments use it as one ("the Arnold hub"); a house or hospice named for
someone after a place's cue ("at Claire House"). All 89 sets, as published: 24,926 / 26,565 (93.83%),
damage 975 / 20,733 (4.70%); the 85 sets of before: 23,810, damage 890. Second look retrained on the
89 sets (set by set on sets it was not trained on, comment by comment: 24,090 -> 24,045 of 25,859
items, damage 6.14% -> 5.18%).
Session 18: Britain's ward names (OS Code-Point Open's code list, built by scripts/build_wards.py) as
neighbourhoods: a ward's name of two words or more is a town unless a word of it is a first name or
its last a surname; a ward's one word only "in", "into" or "outside" it (review 21: many British
surnames and Welsh names are wards and on no list); a town on an address's lines before its postcode
is no name; hospitals and hospices named for people; a signature's employer after a bar; numbers after
a council tax account, Child Benefit, a library card, the 30 hours code; initials listed as present
in minutes; a child's class kept beside its school ("Year 2 at [school]": 18 labelled phrases in 14
blind sets keep the class; the first 3 sets took it into the school, and their 6 spans were
relabelled so). Four more blind sets, measured once at 70fafd1, as published: held-out 80
(Wolverhampton and Dudley, harmless phrases) 290 / 313 (92.7%), workplaces 11 / 18, damage 16 / 279
(5.7%); 81 (Furness and the Lancashire coast) 283 / 309 (91.6%), workplaces 16 / 27, references 9 / 13,
damage 19 / 287 (6.6%); 82 (Southwark and Croydon, voices missed) 291 / 319 (91.2%), names 89.9%,
vehicles 5 / 7, damage 23 / 258 (8.9%); 83 (Gloucestershire and Swindon, harmless phrases) 303 / 320
(94.7%), workplaces 17 / 23, damage 16 / 292 (5.5%). Pooled: 1,167 / 1,261 (92.5%), damage 74 / 1,116
(6.6%; the three batches before, 8.4%, 7.0%, 8.5%). All 93 sets, as published: 26,131 / 27,826
(93.91%), damage 1,023 / 21,849 (4.68%); the 89 sets of before: 24,946 (93.91%), damage 951 (4.59%;
at 4b20f6a 24,926 and 975). Second look retrained on the 93 sets (set by set on sets it was not
trained on, comment by comment: 25,288 -> 25,242 of 27,120 items, damage 6.12% -> 5.09%).
Four more blind sets, measured once at d14b4bb (review 21 fixed), as published: held-out 84 (Bristol
and South Gloucestershire, harmless phrases) 272 / 285 (95.4%), workplaces 8 / 12, damage 21 / 284
(7.4%); 85 (Sunderland, Gateshead and Durham) 269 / 281 (95.7%), every kind at least 75%, damage 22 / 271
(8.1%); 86 (Oldham, Rochdale and Bolton, voices missed) 289 / 307 (94.1%), every kind at least 75%,
damage 36 / 256 (14.1%: 13 of the 36 in sentences of scripts the redaction cannot read, six famous
people and MPs on no list); 87 (Essex and Southend, harmless phrases) 278 / 304 (91.4%), workplaces
9 / 13, damage 19 / 288 (6.6%). Pooled: 1,108 / 1,177 (94.1%), damage 98 / 1,099 (8.9%). No rule was
built for them. All 97 sets, as published: 27,237 / 29,003 (93.91%), damage 1,116 / 22,948 (4.86%).
Second look retrained on the 97 sets (set by set on sets it was not trained on, comment by comment:
26,388 -> 26,342 of 28,297 items, damage 6.31% -> 5.29%).
Session 19. Four more blind sets, written to a new brief (the old briefs were lost with a machine; this
one asks for more names per set) and measured once at a7cdde6, as published: held-out 88 (Sunderland and
Gateshead, harmless phrases) 297 / 334 (88.9%), names 89.8%, addresses 9 / 13, schools 4 / 7, damage 18 / 299
(6.0%); 89 (Leicester, Oadby and Wigston, voices missed) 270 / 302 (89.4%), workplaces 14 / 19, damage 12 /
300 (4.0%: the damage bar met); 90 (Plymouth and Torbay, harmless phrases) 279 / 315 (88.6%), damage 23 /
299 (7.7%); 91 (Hull and the East Riding, voices missed) 268 / 306 (87.6%), addresses 11 / 15, damage 21 /
297 (7.1%). Pooled: 1,114 / 1,257 (88.6%: the 90% bar missed on all four), damage 74 / 1,195 (6.2%).
Then, in general forms: a phone number wrapped at one line break, a long number after a word about an
account, a card or a reference, a child called by initials with an age, initials listed below "Present:",
a signer's business after a sign-off, a comma or a line break, a house's name before its village where
someone lives; reviews 22 and 23 (famous-people cues that kept a baby's or a teacher's name dropped,
hospices and hospitals, bodies in minutes, a signer's town); the second look may judge a name of places'
words that are no first name nor surname. All 101 sets, as published: 28,408 / 30,260 (93.88%), damage
1,161 / 24,143 (4.81%); the 97 sets of before: 27,268 (was 27,237), damage 1,093 (was 1,116). Held-out 88
to 91 after: 1,140 / 1,257, damage 68 / 1,195 (5.7%). Second look retrained on the 101 sets (set by set
on sets it was not trained on, comment by comment: 27,551 -> 27,507 of 29,554 items, damage 6.35% ->
5.22%).
Session 20. Four more blind sets, written to the session-19 brief (rewritten from its description, the
file having been lost with a machine) and measured once at 214c4de, as published: held-out 92 (Blackpool
and the Fylde, harmless phrases) 283 / 298 (95.0%), names 95.5%, addresses 7 / 9, damage 16 / 291 (5.5%);
93 (Tower Hamlets, voices missed) 275 / 298 (92.3%), workplaces 14 / 21, damage 11 / 295 (3.7%: the
damage bar met); 94 (west Cornwall, harmless phrases) 272 / 286 (95.1%), schools 5 / 7, damage 16 / 291
(5.5%); 95 (Luton and Dunstable, voices missed) 277 / 298 (93.0%), every kind at least 75%, damage 19 /
287 (6.6%). Pooled: 1,107 / 1,180 (93.8%), damage 62 / 1,164 (5.3%). Then, in general forms: a plot,
pitch or berth alone where its sentence says someone lives there, a childminder's business wherever it
is named, an Ofsted number as typed and a response number's check digit, a form's address field with
no street word, a business named again in its comment by its trade's word, a list's names by the names
around them, initials that act in notes with no list of those present, "Hi, Will here"; the last of a
list of letters is no initial, a group someone runs is no employer, a company's registered office is no
home; review 24 (a trade's word before "childminding", games' pitches, a form's next line, words in
capitals). All 105 sets, as published: 29,571 / 31,440 (94.06%), damage 1,215 / 25,307 (4.80%); the 101
sets of before: 28,446 (was 28,408), damage 1,162 (was 1,161). Held-out 92 to 95 after: 1,125 / 1,180,
damage 53 / 1,164 (4.6%). Second look retrained on the 105 sets (set by set on sets it was not trained
on, comment by comment: 28,708 -> 28,657 of 30,734 items, damage 6.40% -> 5.19%).
"""
KINDS = (
    "name", "phone", "postcode", "dob", "nhs", "email", "email_obf", "address", "school", "ni", "vehicle",
    "social", "work", "reg",
)  # fmt: skip


STYLES = ("name: capitalised", "name: lower case", "name: hyphenated", "name: non-ASCII", "name: titled")


def name_styles(value: str) -> list[str]:
    """Return the styles a planted name is written in (one or more of STYLES)."""
    styles = []
    if value.split(maxsplit=1)[0].rstrip(".") in ("Mr", "Mrs", "Ms", "Miss", "Dr", "Mx"):
        styles.append("name: titled")
    styles.append("name: lower case" if value == value.lower() else "name: capitalised")
    if "-" in value:
        styles.append("name: hyphenated")
    if any(ord(c) > 127 for c in value):
        styles.append("name: non-ASCII")
    return styles


Score = tuple[Counter[str], Counter[str], int, int, float, Counter[str]]


def score(path: Path, *, show_misses: bool = False) -> Score:
    """Return (planted per kind, removed per kind, harmless, damaged, seconds per row, damaged per recogniser)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    planted: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    harmless = damaged = 0
    by_source: Counter[str] = Counter()
    start = time.perf_counter()
    # The set read as one consultation, as the published quotes are (find_all: a name found in one
    # comment is found in the others too).
    found_in = find_all([row["text"] for row in rows])
    for row, found in zip(rows, found_in, strict=True):
        text = row["text"]
        covered = set()
        for f in found:
            covered.update(range(f.start, f.end))
        for span in row["spans"]:
            chars = [i for i in range(span["start"], span["end"]) if text[i].isalnum()]
            if span["kind"] == "keep":
                harmless += 1
                if any(i in covered for i in range(span["start"], span["end"])):
                    damaged += 1
                    hit = {f.source for f in found if f.start < span["end"] and span["start"] < f.end}
                    by_source.update(hit)
                    if show_misses:
                        print(f"  {path.stem} DAMAGED {span['value']!r}: {text}")
                continue
            kinds = [span["kind"], *(name_styles(span["value"]) if span["kind"] == "name" else [])]
            planted.update(kinds)
            if all(i in covered for i in chars):
                removed.update(kinds)
            elif show_misses:
                print(f"  {path.stem} MISSED {span['kind']} {span['value']!r}: {text}")
    seconds = (time.perf_counter() - start) / max(len(rows), 1)
    return planted, removed, harmless, damaged, seconds, by_source


LONG_TEXT = (
    "My son Kayden goes to the centre on Mill Lane. I work nights at the Tesco in Dereham, born 3/4/21. "
    "Dear Mark, Kind regards,\nJo Smith\nBusy Bees Childminding\n"
)


def long_comments() -> list[str]:
    """Time one long comment of 10,000, 50,000 and 100,000 characters (LONG_TEXT repeated, name-dense).

    Time should grow about linearly with length; a rule that reads the whole text before each name
    makes it quadratic (this text took 12.5 s at 50,000 characters before that was fixed).
    """
    rows = ["| comment length (characters) | seconds | ms per 1,000 characters |", "| --- | --- | --- |"]
    texts = [
        (f"{size:,}", (LONG_TEXT * (size // len(LONG_TEXT) + 1))[:size]) for size in (10_000, 50_000, 100_000)
    ]
    # A comment padded with spaces after a name (a form's box pasted whole): a pattern whose runs of
    # spaces split several ways took over 150 s on this one before 2026-12-06.
    texts.append(("10,013, of them 10,000 spaces", "I work at Abc" + " " * 10_000 + "x"))
    # A run of commas: spaCy's tokenizer took 16 s on 10,000 before 2026-12-06 (now spaced out for it).
    # A run of tabs after a cue about work took 9.6 s at 10,000 and about 220 s at 50,000 until
    # 2026-12-06 (three patterns split a run of spaces between two quantifiers every way; now
    # possessive): 0.25 s and 1.1 s.
    texts.append(("10,014, of them 10,000 commas", "I work at Abc" + "," * 10_000 + "x"))
    texts.append(("10,014, of them 10,000 tabs", "I work at Abc" + "\t" * 10_000 + "x"))
    # Review 15: "blog" then spaces (49.7 s at 50,000 before its pattern was made possessive), and a
    # table's "Role" header padded with spaces, read again for every cell under it (24.2 s, 3 rows).
    texts.append(("50,013, of them 50,000 spaces after blog", "Read my blog" + " " * 50_000 + "x"))
    role = "Name,Role" + " " * 50_000 + "\n" + "\n".join(f"Ann Lee,Chair {i}" for i in range(3))
    texts.append((f"{len(role):,}, a Role header of 50,000 spaces", role))
    # A name, 50,000 spaces, then a label: a sign-off's lookahead split the run two ways (7.9 s).
    texts.append(
        ("50,027, a name, 50,000 spaces, a label", "Abena Osei" + " " * 50_000 + "Tel: 07700 900123")
    )
    # Review 16: a sign-off line padded with spaces (over 240 s at 8,000 before its pattern was made
    # possessive), and a name then spaces before "can you" (6.6 s a pattern at 40,000).
    texts.append(("8,022, a sign-off line of 8,000 spaces", "Keep it open.\nJo" + " " * 8_000 + "Bloggs"))
    texts.append(("40,007, a name, 40,000 spaces", "Rob" + " " * 40_000 + "went"))
    # Review 17: a vehicle word then spaces (36.9 s at 50,000 before the plate's pattern was made
    # possessive), a work cue then 50,000 tabs (11.1 s: "the <town> hub" read a whole span), a sign-up
    # sheet of 876 e-mail lines (78.9 s: a group's names read again for each address).
    texts.append(("50,007, a vehicle word, 50,000 spaces", "my car" + " " * 50_000 + "x"))
    texts.append(("50,014, of them 50,000 tabs", "I work at Abc" + "\t" * 50_000 + "x"))
    sheet = "Little Stars Toddler Group sign-up sheet\n" + "\n".join(
        f"Parent {i}: stars.parent{i}@example.org" for i in range(876)
    )
    texts.append((f"{len(sheet):,}, a sign-up sheet of 876 e-mail lines", sheet))
    for label, text in texts:
        start = time.perf_counter()
        find_personal_data(text)
        seconds = time.perf_counter() - start
        rows.append(f"| {label} | {seconds:.2f} | {1000 * seconds / (len(text) / 1000):.1f} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where to write the table")
    args = parser.parse_args()
    find_personal_data("warm up Sarah")  # load the pipeline before timing
    results = {name: score(path, show_misses=args.show_misses) for name, path in SETS.items()}
    lines = [
        "# Redaction: recall per kind and harmless phrases damaged",
        "",
        f"Python {platform.python_version()} on {platform.machine()}; `python bench/redaction.py`.",
        "A planted item is removed when all its letters and digits are inside a redacted span.",
        "",
        "| kind | " + " | ".join(f"{name}: removed / planted | recall" for name in SETS) + " |",
        "| --- " * (1 + 2 * len(SETS)) + "|",
    ]
    for kind in (*KINDS, *STYLES, "all"):
        cells = []
        for name in SETS:
            planted, removed = results[name][0], results[name][1]
            p = sum(v for k, v in planted.items() if k in KINDS) if kind == "all" else planted[kind]
            r = sum(v for k, v in removed.items() if k in KINDS) if kind == "all" else removed[kind]
            cells += [f"{r} / {p}", f"{100 * r / p:.1f}%" if p else "-"]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    cells = []
    for name in SETS:
        harmless, damaged = results[name][2], results[name][3]
        cells += [f"{damaged} / {harmless} damaged", f"{100 * damaged / harmless:.1f}%" if harmless else "-"]
    lines.append("| harmless phrases | " + " | ".join(cells) + " |")
    sources = sorted({s for name in SETS for s in results[name][5]})
    for source in sources:
        cells = []
        for name in SETS:
            harmless, n = results[name][2], results[name][5][source]
            cells += [f"{n} / {harmless}", f"{100 * n / harmless:.1f}%" if harmless else "-"]
        lines.append(f"| damaged by {source} | " + " | ".join(cells) + " |")
    ms = [f"{1000 * results[name][4]:.1f} ms" for name in SETS]
    lines.append("| time per comment | " + " | ".join(f"{m} | " for m in ms) + "|")
    lines += ["", *long_comments()]
    table = "\n".join(lines) + "\n" + NOTE
    print(table)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
