"""More UK recognisers for Presidio: NI numbers, vehicle registrations, social handles, dates, workplaces.

Each finds one kind of personal data in the general forms it is written in (any spacing and case),
not the phrasing of one test set: National Insurance numbers (two letters, six digits, a letter A-D),
vehicle registrations (current ``AB12 CDE``, prefix ``N412 XBT`` and suffix ``ABC 123D`` formats),
social media handles and profile addresses, dates written in words or short numbers, the employer
after a phrase about work ("I work nights at X", "laid off from X"), and registration numbers (Ofsted
``EY123456``, URNs, foster carer references).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from presidio_analyzer import RecognizerResult

from hubplan.consult.name_clues import CLOSING
from hubplan.consult.name_lists import _NOT_NAMES, _words, is_english_word, is_first_name
from hubplan.consult.place_names import SERVICE_AT, looks_like_place, town_length
from hubplan.consult.recognisers import _DAYS_AND_MONTHS, _Regex, nhs_number_is_valid
from hubplan.consult.spoken import ocr_digits, spoken_references
from hubplan.consult.work_grammar import PLAIN_STREET_WORDS, grammar_workplaces

NI_NUMBER = re.compile(
    # in pairs, or in threes in capitals ("QQ 123 456 C"; not "us 250 300 a")
    r"(?<![A-Za-z0-9])(?:[A-Za-z]{2}[\s.-]?\d{2}[\s.-]?\d{2}[\s.-]?\d{2}[\s.-]?[A-Da-d]"
    r"|[A-Z]{2}[\s.-]?\d{3}[\s.-]?\d{3}[\s.-]?[A-D])(?![A-Za-z0-9])"
)
VEHICLE = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{2}[ \t]?\d{2}[ \t]?[A-Z]{3}|[A-Z]\d{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?\d{1,3}[A-Z])"
    r"(?![A-Za-z0-9])"
)
_VEHICLE_CUE = re.compile(
    r"(?i:\b(?:reg(?:istration)?|number\s*plate|plate)\b(?:\s+(?:no\.?|number|is|was))*[\s:.#-]*)"
    r"([A-Za-z]{1,3}\s?\d{1,3}\s?[A-Za-z]{1,3})(?![A-Za-z0-9])"
)
# A plate just after a word for a vehicle: of the current format in any case ("a white van yk70fgd", "my
# own car (vn21xfa)"), or a foreign one in capitals with a digit ("my car PZ 7K214").
_VEHICLE_WORD_PLATE = re.compile(
    r"(?i:\b(?:car|van|vans|lorry|truck|taxi|cab|motorbike|motorcycle|moped|minibus|vehicle|4x4|suv|transit)"
    r"[ \t]++(?:(?:reg|is|was|registration|plate)[ \t]++)?+(?:\([ \t]*+)?+)"
    # (a foreign plate's second part holds letters and digits: not "MOT 2024", "CRV 2016", "ID 12345")
    r"([A-Za-z]{2}\d{2}[ \t]?[A-Za-z]{3}"
    r"|(?-i:[A-Z]{1,3}[ \t-]?(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,6}))(?![A-Za-z0-9])"
)
_SITES = r"(?:facebook|fb|instagram|instagr\.am|tiktok|twitter|x|threads|snapchat|youtube|linkedin)"
# A handle after the platform's name, without an @: "snap: brit.nee_x", "add me on snap laceyy.x07",
# "ig: meiling.norwich". Only a word with a dot, an underscore or a digit in it: "on insta loads".
SOCIAL_CUED = re.compile(
    r"(?i:\b(?:snap(?:chat)?|ig|insta(?:gram)?|tiktok|tik\s+tok|twitter|fb|facebook|threads|wechat|weixin|"
    r"line\s+id|viber|telegram|discord|reddit|bluesky|kik|skype|sc|posted\s+by(?=\s*:)|seller|buyer|sold\s+by|"
    r"original\s+sound)"
    # "add me on snap if u want kaydee_xo": a few words between
    r"(?:\s+(?:me|name|handle|username|is|if|u|you|want|its|it['’]s|at|as|im|i['’]m)){0,4}\s*[:-]?\s+)"
    r"((?=[A-Za-z0-9_.]*[._0-9])[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)(?![\w@])"
)
# A chat or marketplace message's author before its text: "vintage_vic_74: yes still here!",
# "amelia.rose.mummy: same!" (a handle's shape: a digit, an underscore or a dot inside).
_CHAT_AUTHOR = re.compile(
    r"(?m)^[ \t]*((?=[A-Za-z0-9_.]*[_.\d])[A-Za-z][A-Za-z0-9_.]{2,30}[A-Za-z0-9_]):[ \t]+(?=\S)"
)
# A forum post's author, set on its own line above the post: "SeaBreeze_Cromer", "mumof3norwich88",
# "NotThatKaren". A single token with a digit, an underscore or capitals inside it.
FORUM_AUTHOR = re.compile(
    r"(?m)^[ \t]*((?!Ma?c[A-Z][a-z]+\s*$)(?=[A-Za-z0-9_.]*(?:\d|_|[a-z][A-Z]))"
    r"[A-Za-z][A-Za-z0-9_.]{3,30}[A-Za-z0-9_])[ \t]*\n(?=[ \t]*\S)"
)
# "u/mardle_and_mither • 5h": a Reddit user; "bigdave_nr7 — 21/02/2024 21:14", "Rich (Wroxham) —
# Today at 09:12": a chat's author on the line above the message (Discord, Teams and the like).
_REDDIT_USER = re.compile(r"(?<![\w/])u/([A-Za-z][A-Za-z0-9_-]{2,19})\b")
_CHAT_HEADER = re.compile(
    r"(?m)^[ \t]*([A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2}(?:[ \t]+\([^)\n]{1,30}\))?"
    r"|[A-Za-z0-9_.]*[_.\d][A-Za-z0-9_.]*)[ \t]+(?:[—–\-][ \t]+(?:\d{1,2}/\d{1,2}/\d{2,4}|Today|Yesterday)"
    r"|[·•][ \t]+\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:,?[ \t]+(?:at[ \t]+)?\d{1,2}[:.]\d\d(?:[ \t]*[APap][Mm])?)?[ \t]*$"
)
# "> BeccaBoo_IP24 wrote:", "Reviewed by KayleighT_88", "Posted by mum0f2": a user quoted or named by a
# forum or review site; the name has a handle's shape (a digit, an underscore or a capital inside; after
# "by", a digit or an underscore and a lower-case letter: not "Posted by EDP24", "by JustGiving").
_HANDLE_SHAPE = r"(?=[A-Za-z0-9_.]*(?:\d|_|[a-z][A-Z]))[A-Za-z][A-Za-z0-9_.]{2,30}[A-Za-z0-9_]"
_QUOTED_USER = re.compile(
    rf"(?m)(?:^[ \t]*>[ \t]*({_HANDLE_SHAPE})[ \t]+(?:wrote|said)\b"
    rf"|\b(?:[Rr]eviewed|[Pp]osted)[ \t]+by[ \t]+@?"
    rf"((?=[A-Za-z0-9_.]*[a-z])(?=[A-Za-z0-9_.]*[\d_]){_HANDLE_SHAPE})\b)"
)
SOCIAL = re.compile(
    rf"(?i:(?:https?://)?(?:www\.|m\.)?{_SITES}\.(?:com|net)/[^\s,;)]+)"
    # a blog's own address names its writer: "hannahcatchpole.substack.com"
    r"|(?i:(?<![\w.@/-])(?:https?://)?[a-z0-9][a-z0-9-]{2,40}\.(?:substack|wordpress|blogspot|medium|tumblr)\.com\b)"
    # a link-in-bio page: "linktr.ee/mamaof3.sj"
    r"|(?i:(?<![\w.@/-])(?:https?://)?(?:linktr\.ee|beacons\.ai|lnk\.bio|bio\.link)/[\w.-]*\w)"
    r"|(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?"
)
_UNITS_TEXT = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth"
)
_UNITS = _UNITS_TEXT.split()
_ORDINAL_WORD = (
    r"(?:(?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + ")"
)
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_DAY = rf"(?:{_ORDINAL_WORD}|\d{{1,2}}(?:st|nd|rd|th)?)"
# Month names in the other languages England's families write in (as a date writes them: Polish,
# Czech and Slovak in the genitive, Latvian in the locative, Lithuanian in the genitive), for full
# dates only.
_FOREIGN_MONTH = (
    r"(?:styczeń|stycznia|luty|lutego|marzec|marca|kwiecień|kwietnia|maj|maja|czerwiec|czerwca|lipiec|lipca|"
    r"sierpień|sierpnia|wrzesień|września|październik|października|listopad|listopada|grudzień|grudnia|"
    r"janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|"
    r"enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|"
    r"ianuarie|februarie|martie|aprilie|mai|iunie|iulie|august|septembrie|octombrie|noiembrie|decembrie|"
    r"sausio|vasario|kovo|balandžio|gegužės|birželio|liepos|rugpjūčio|rugsėjo|spalio|lapkričio|gruodžio|"
    r"janvārī|februārī|martā|aprīlī|maijā|jūnijā|jūlijā|augustā|septembrī|oktobrī|novembrī|decembrī|"
    r"január|február|március|április|május|június|július|augusztus|szeptember|október|"
    r"ledna|února|března|dubna|května|června|července|srpna|září|října|listopadu|prosince|"
    r"januára|februára|apríla|mája|júna|júla|augusta|septembra|októbra|novembra|decembra|"
    r"ionawr|chwefror|mawrth|ebrill|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr|"
    r"ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık|"
    r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    r"janvier|février|mars|avril|juin|juillet|août|septembre|octobre|décembre|"
    r"januar|februar|märz|juni|juli|oktober|dezember|"
    r"січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|"
    r"януари|февруари|март|април|май|юни|юли|август|септември|октомври|ноември|декември)"
)
# A full date with a month in another language: "12 marca 2022", "3 de maio de 2023", "5 Mawrth
# 2021", and year first: "2022. március 5.", "2021. gada 9. martā".
FOREIGN_DATE = re.compile(
    rf"(?i:\b\d{{1,2}}\.?\s+(?:de\s+|o\s+)?{_FOREIGN_MONTH}\.?,?\s+(?:de\s+)?(?:19|20)\d\d\b"
    # "2021 m. kovo 12 d." (Lithuanian), "2021. gada 12. martā" (Latvian), "2021. március 12." (Hungarian)
    rf"|\b(?:19|20)\d\d\.?\s+(?:gada\s+|m\.\s+)?(?:\d{{1,2}}\.\s+{_FOREIGN_MONTH}"
    rf"|(?:{_FOREIGN_MONTH}|{_MONTH})\s+\d{{1,2}}\b\.?(?:\s?d\.)?))"
)
# "2021年5月3日" (Chinese, Japanese), "2021년 5월 3일" (Korean): no word boundary before CJK digits. A
# birth only with a word about one beside it (the event word of a meeting follows its date).
_CJK_DATE = re.compile(
    r"(?<!\d)(?:19|20)\d\d\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号號]|년\s*\d{1,2}\s*월\s*\d{1,2}\s*일)"
)
_CJK_BIRTH = re.compile(r"出生|生日|生于|生於|出世|誕生|诞生|生まれ|태어|생일|출생")
DATE_WORDS = re.compile(
    rf"(?i:\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+(?P<y1>\d{{4}}|'\d{{2}}|\d{{2}})\b(?![:.]\d))?"
    rf"|\b{_MONTH}\s+(?:the\s+)?{_DAY}\b(?:,?\s+(?P<y2>\d{{4}})\b)?)"
)
SHORT_DATE = re.compile(r"(?<![\d.:/£$])(?:[0-3]?\d)([./-])(?:[01]?\d)\1(?:\d{4}|\d{2})(?![\d:/])(?!\.\d)")
_BIRTH_CUE = re.compile(
    r"(?i:\b(?:born|d\.?o\.?b\.?|birth\s?day|b'?day|date\s+of\s+birth|turned\s+\w+|"
    r"due(?!\s+(?:until|by|back|for|to)\b)|e\.d\.d\.?|"
    r"(?:is|'s|’s|turns|will\s+be|be)\s+(?:\d{1,2}|one|two|three|four|five|six)\s+on)\b[^.!?\n]{0,20}$"
    # "delivered her third child on the 2nd of January", "gave birth to a baby girl in"
    r"|\b(?:delivered|gave\s+birth\s+to)\s+(?:her|my|our|their|his|a|the)\s+(?:\w+\s+){0,2}"
    r"(?:child|baby|son|daughter|boy|girl|twins)\s+(?:on|in)\s+$)"
    r"|\bEDD\b[^.!?\n]{0,20}$"  # an expected date of delivery, as a midwife writes it: not "Edd", a name
)
# "born" said again in another language, in a bracket before the date: "born (urodzony 12 lutego 2022)",
# "(ur. 3 marca 2021)".
_BRACKETED_CUE = re.compile(r"\([ \t]*(?:[^\W\d_]+\.?[ \t]+){1,2}(?=\d)")
# A person named, or a child spoken of, between a word about an appointment and its date.
_SOMEONE_NAMED = re.compile(
    r"[A-Z]|(?i:\b(?:daughter|son|baby|child|girl|boy|twins?|kids?|grandson|granddaughter|re)\b)"
)
# A word about birth near a date, in any form: "Daughter Elza date birth 04/09/2022", "DOB".
_BIRTH_WORD = re.compile(r"(?i:birth|born|\bd\.?o\.?b\b)")
# A birth said before a date, beside a word that dates an event: "ended up giving birth on", "closed
# just before our twins arrived on", "ended up having our son on"
_A_BIRTH_IN = re.compile(
    r"(?i:birth|born|\bd\.?o\.?b\b|\barriv\w*|\b(?:have|having|had)[ \t]+(?:our|my|her|their|a)[ \t]+"
    r"(?:\w+[ \t]+)?(?:son|daughter|baby|boy|girl|twins|child))"
)
# "was born" after the date, in the languages of England's communities that put it there: "15 Ramzan
# 1444 ko paida hui thi" (Urdu), "2021 m. gimė" (Lithuanian), "2019 doğdu" (Turkish).
_BORN_AFTER_ABROAD = re.compile(
    r"(?i:[ \t,]*(?:m\.|r\.|g\.|года|року|г\.)?[ \t,]*(?:ko[ \t]+|को[ \t]+)?(?:paida|peda|janam|gimė|gime|"
    r"dzim(?:a|is|usi)|doğdu|dogdu|doğumlu|geboren|nacque|nació|nasceu|est[ \t]+n[ée]e?|urodzi[łl]))"
)
# A birth or a due date named by a festival: "due on Dashain this year", "due Navratri time", "due
# Christmas", "born at Diwali 2021" (a festival alone is no date: "we go at Christmas").
_FESTIVAL_BIRTH = re.compile(
    r"(?i:\b(?:due|born)\s+(?:on\s+|at\s+|around\s+|for\s+|in\s+)?((?:the\s+)?(?:christmas|easter|"
    r"eid(?:\s+al[\s-](?:fitr|adha))?|diwali|dashain|tihar|navratri|holi|vaisakhi|baisakhi|hanukkah|ramadan|"
    r"hogmanay|halloween|chinese\s+new\s+year|lunar\s+new\s+year|nowruz|bonfire\s+night)"
    r"(?:\s+(?:time|day|eve|week))?(?:,?\s+(?:this|next|last)\s+year|,?\s+\d{4})?)\b)"
)
# Who is due: a baby, a mother, a named child ("Arjun is due"); not a report or the rent.
_EXPECTING = re.compile(
    r"(?i:\b(?:baby|babies|bump|pregnant|expecting|twins)\b[^.!?\n]{0,30}$|\b(?:she|i|we|wife|partner|"
    r"girlfriend|daughter|sister|son|grandson|granddaughter)(?:'s|’s|'m|’m|'re|’re|\s+(?:is|am|are|was))\s+$)"
    r"|\b[A-Z][a-z]+\s+(?:is|'s|’s)\s+$"
)
# After "born", "DOB" or "b.": a date in any calendar, script or order ("2.IV.2022", "2079 Baisakh 12",
# "٢٠٢٣/٠٥/١٤", "ngày 5 tháng 3 năm 2021"): the words up to its last number, at most six of them.
_TOKEN = r"(?:[^\s,;():]|(?<=\d):(?=\d))"
_AFTER_BIRTH = re.compile(
    r"(?i:\b(?:born|dob|d\.o\.b\.?|date\s+of\s+birth|b\.)(?:\s+on)?\s*[:(]?\s*)"
    # words on the same line, none a form's next label ("14/07/2023     Birth weight: 3.2kg"; a colon
    # between digits is a date's: "14:07:2019")
    rf"((?:{_TOKEN}{{1,12}}[ \t]+){{0,5}}{_TOKEN}*\d{_TOKEN}*)"
)
# A dated event, not a birth: "Sent: Friday 8 March 2024", "Minutes of the meeting, 14 March 2024".
_EVENT_DATE = re.compile(
    r"(?i:\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|"
    r"sat|sun)\.?,?\s+(?:the\s+)?$|\b(?:sent|date|dated|received|meeting|minutes|held|wrote|written|"
    r"closes?|closing|deadline|until|published|decided|decision|centre|hall|opened|launched|inspected|"
    r"refurbished|built|announced|approved|done|checked|check|appointment|appt|seen|booked|attended|"
    r"visit|visits|visited|vaccinated|jabs|review|reviewed|reconfirm|renew|renewal|ended(?![ \t]+up)|closed|"
    r"stopped|expires?|expired|expiry|issued|paid|payment|journal|message|logged|committee|scrutiny|w/e|"
    r"week\s+ending)\b[^.!?\n\d]{0,40}$)"
)
# A day and month in figures after a word about birth: "her birthday on 20/5".
_DAY_MONTH = re.compile(r"(?<![\d./])(?:[0-3]?\d)[./](?:[01]?\d)(?![\d./])")
# Days people are born on that have a name: "born on boxing day 2020".
_NAMED_DAY = re.compile(
    r"(?i:\b(?:boxing\s+day|christmas\s+(?:day|eve)|new\s+year'?s\s+(?:day|eve)|valentine'?s\s+day|"
    r"bonfire\s+night|halloween|st\.?\s+\w+'?s\s+day)(?:,?\s+\d{4})?)"
)
# A month and year ("born in march 2019"): a birth date only after a word about birth.
_MONTH_YEAR = re.compile(
    rf"(?i:\b{_MONTH}\.?,?\s+(?:\d{{4}}|'\d{{2}})\b|\b(?:19|20)\d{{2}},?\s+(?:in\s+)?{_MONTH}\b)"
)
# After a word about birth, a day, any word and a year is a date in any language ("30 sierpnia 2021"),
# and an ordinal day alone is one too ("turned one on the 9th"); a year of the Islamic or Persian
# calendar after its month ("1 Ramadan 1442", not "32 weeks, 1400 grams").
_DAY_WORD_YEAR = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\.?\s+[^\W\d_]{3,12}\.?,?\s+(?:19|20)\d{2}\b"
    r"|(?i:\b\d{1,2}\s+(?:muharram|safar|rabi\w*(?:\s+al[\s-]\w+)?|jumada\w*(?:\s+al[\s-]\w+)?|rajab|sha['’]?ban|"
    r"ramadan|ramzan|shawwal|dhu\w*(?:\s+al[\s-]\w+)?|zul\w*|farvardin|ordibehesht|khordad|tir|mordad|"
    r"shahrivar|mehr|aban|azar|dey|bahman|esfand),?\s+1[34]\d{2}\b)"
)
# A birth told without "born": "she came on 19 December", "came early, on 2 October", "the safe arrival of
# Ocean on 14th May", "had our youngest 15th August"; after "came" or "arrived", only where a birth
# is spoken of nearby.
_BIRTH_EVENT = re.compile(
    r"(?i:\b(?:(?:she|he|they|baby|twins|and|[a-z]+['’]s\s+baby)\s+(?:finally\s+)?(?:came|arrived)|arrival\s+of\s+"
    r"(?:baby\s+)?[\w'’-]+|(?:had|gave\s+birth\s+to)\s+(?:her|our|my|their|his)\s+(?:\w+\s+){0,2}(?:baby|boy|"
    r"girl|son|daughter|youngest|twins|first|second|third|fourth|fifth|sixth|seventh|eighth)"
    # the child's name may follow: "had my daughter Nevaeh in jan 2024"
    r"(?:\s+(?!(?:on|in|at)\b)(?-i:[A-Z])[\w'’-]*)?)"
    r"(?:\s+(?:early|late|safely))?,?\s+(?:on\s+|in\s+)?)"
)
# A month alone after a birth told outright and "in": "had our son Kaiden in march".
_MONTH_ALONE = re.compile(rf"(?i:{_MONTH}\b)(?![ \t]*\d)")
# A day of a month of the Hebrew, Nepali (Bikram Sambat) or Ethiopian calendar: "on 2 Adar", "12 Asar".
_CALENDAR_DAY = re.compile(
    r"(?i:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:tishrei|cheshvan|heshvan|kislev|tevet|shevat|adar|nisan|iyar|"
    r"sivan|tammuz|av|elul|baisakh|baishakh|jestha|jeth|asar|ashadh|shrawan|saun|bhadra|asoj|ashwin|kartik|"
    r"mangsir|poush|push|magh|falgun|phagun|chaitra|meskerem|tikimt|hidar|tahsas|tir|yekatit|megabit|miazia|"
    r"ginbot|genbot|sene|hamle|nehase)\b(?:\s+\d{4})?)"
)
# Words of a birth near "she came on": not "baby" alone ("the health visitor came to see the baby").
_BIRTH_NEAR = re.compile(
    r"(?i:\b(?:born|due|pregnan\w*|labour|birth|newborn|arrival|premature\w*|early|caesarean|c-section)\b)"
)
# The same birth date given again after one found: "born on Diwali day 2021 – 4th November", "born on
# Yalda night, 21 December", "born Ginbot 2015 E.C. which is May 2023".
_SAID_AGAIN = re.compile(r"[ \t]*(?:[-–—,(]|which\s+is|i\.e\.?,?|that\s+is)[ \t]*(?:the\s+)?")
_ORDINAL_DAY = re.compile(r"(?i:\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b)")
# A year and "born" just after it: "(2019 august born)".
# After "born", a date said in words, up to its year, within the sentence: "born the weekend after
# bonfire night 2020", "born on the 3rd of Shawwal, 2022", "born in Lowestoft on the last day of
# Diwali 2020", "born nineteenth of may twenty twenty one"; or a season, feast or month with "last",
# "this" or "the": "born last Christmas", "born here last March", "born in the May".
_SPOKEN_YEAR = (
    r"(?:twenty|two\s+thousand)(?:[\s-]+(?:and\s+)?(?:twenty|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))+"
)
_BORN_PHRASE = re.compile(
    r"(?i:\bborn\s+(?!(?:and|out|from|of|again|to|into|before|after|at\s+a|during)\b)(?:(?:here|there|early|late|prematurely)\s+)?)"
    r"(?:(?i:in)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?=(?i:on|in|at)\s))?(?i:(?:on\s+|in\s+|at\s+)?)"
    rf"((?:the\s+)?(?:[^\s.!?;\n–—]+[ \t,]+){{0,7}}?(?:(?:19|20)\d\d|{_SPOKEN_YEAR})(?![\w])"
    r"|(?i:(?:last|this|the)\s+(?:easter|christmas|eid|diwali|ramadan|summer|spring|autumn|winter|"
    rf"new\s+year|{_MONTH}))\b)"
)
# A birthday's month: "Isla is 3 in November", "Reece turns 4 in July".
# What is "born" or turns a year old that is no child: "the idea was born at", "the group will be 10".
_NOT_A_CHILD = re.compile(
    r"(?i:\b(?:idea|group|service|project|scheme|charity|campaign|plan|hub|centre|center|club|business|"
    r"it|this|that|anyone|everyone|people)\s+(?:(?:was|were|is|will\s+be)\s+)?$)"
)
_BIRTHDAY_MONTH = re.compile(
    r"(?:\b(?:[A-Z][a-z]+|(?i:he|she|son|daughter|baby|boy|girl|one|grandson|granddaughter|twins)))"
    r"(?i:\s+(?:is|'s|’s|turns|will\s+be)\s+(?:\d{1,2}|one|two|three|four|five|six|seven)\s+(?:in|on)\s+)"
    rf"((?i:(?:the\s+)?(?:(?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORDINAL_WORD})\s+(?:of\s+)?)?{_MONTH}))\b"
)
_BORN_AFTER = re.compile(rf"(?i:\b((?:19|20)\d{{2}}\s+{_MONTH}|{_MONTH}\s+(?:19|20)\d{{2}})\s+born\b)")
_JOBS = (
    r"(?:cleaner|carer|care\s+worker|care\s+assistant|support\s+worker|nurse|healthcare\s+assistant|hca|"
    r"midwife|porter|driver|lorry\s+driver|hgv\s+driver|delivery\s+driver|bus\s+driver|taxi\s+driver|"
    r"manager|assistant|teaching\s+assistant|ta|lsa|teacher|cook|chef|waiter|waitress|barmaid|barman|"
    r"bar\s+staff|receptionist|cashier|picker|packer|labourer|operative|technician|mechanic|engineer|"
    r"electrician|plumber|hairdresser|baker|butcher|security\s+guard|warehouse\s+worker|shelf\s+stacker|"
    r"admin|administrator|secretary|supervisor|team\s+leader|apprentice|dinner\s+lady|lunchtime\s+supervisor|"
    r"doctor|gp|pharmacist|paramedic|social\s+worker|sales\s+assistant|checkout\s+operator|machinist|"
    r"caseworker|case\s+worker|firefighter|police\s+officer|prison\s+officer|constable|solicitor|dentist|"
    r"optician|vet|accountant|clerk|steward|caretaker|lecturer|researcher|analyst|consultant|officer)s?"
)
_WORK_CUE = re.compile(
    r"(?i:\b(?:(?:work|works|worked|working)(?:\s+(?:nights|days|shifts|evenings|weekends|part[\s-]time|"
    r"full[\s-]time|lates|earlies|split\s+shifts|agency))?\s+(?:at|for)|(?:laid\s+off|made\s+redundant|sacked|"
    r"fired|let\s+go|off\s+sick|signed\s+off|on\s+sick\s+leave)\s+(?:from|by|at)|employed\s+(?:at|by)|"
    r"(?:do|does|doing|did|on|work|works)\s+(?:the\s+)?(?:nights?|days|shifts?|lates|earlies|night\s+shift|"
    r"day\s+shift|nightshift|mornings|evenings|afternoons|weekends|saturdays|sundays)\s+(?:at|for)|"
    # "I spent 28 years with Norfolk Constabulary" (not "served 9 years in the Guards": service)
    r"(?:spent|gave)\s+(?:\d{1,2}|[a-z]+(?:-[a-z]+)?)\s+years\s+(?:with|at)|"
    r"on\s+the\s+(?:night|day|late|early)\s+shift\s+at|shifts?\s+at|"
    r"(?:work|works|worked|working)(?:\s+part[\s-]time)?\s+in\s+the\s+(?:kitchen|kitchens|bar|office|warehouse|"
    r"laundry|stores?|bakery|cafe|canteen)\s+at|"
    r"on\s+the\s+(?:line|tills?|checkouts?|floor|wards?|bins|buses|gate|door|desk)\s+(?:at|for)|"
    r"on\s+(?:reception|security|nights|days|the\s+desk)\s+at|job\s+(?:at|with)|"
    # "apprenticeship with Norse Group", "on night duty at James Paget", "his job lecturing at the UEA",
    # "im at the asda in dereham on the checkouts"
    r"(?:apprenticeship|traineeship|internship)\s+(?:with|at)|placement\s+with|"
    # "clocking in at Pasta Foods", "my lanyard says James Paget", "I sub-contract for Evri"
    r"clock(?:ing|s|ed)?\s+in\s+at|lanyard\s+says|sub-?contract(?:s|ing|ed)?\s+(?:for|to)|"
    r"on\s+(?:night|day|early|late)\s+duty\s+at(?=\s+(?:the\s+)?(?-i:[A-Z]))"
    r"(?!\s+(?:Christmas|Easter|New\s+Year|Eid|Diwali|weekends?))|"
    r"(?:lecturing|lectures|teaching|teaches)\s+at(?=\s+(?:the\s+)?(?-i:[A-Z]))(?!\s+(?:Reception|Nursery|Year\b|Key\s+Stage))|"
    # (on the tills, not "on Saturdays": "im at Brownies on Saturdays" names no employer)
    r"(?:i'm|im|i\s+am|i’m)\s+at(?=\s+(?:the\s+)?[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,2}"
    r"(?:\s+in\s+[a-zA-Z]+)?\s+on\s+(?:the\s+)?(?:tills?|checkouts?|lates|earlies|shop\s+floor)\b)|"
    r"(?:drives?|driving|drove|delivers?|delivering|cleans?|cleaning|farms?|farmed|farming)\s+for|"
    r"(?:farm|farms|farmed|farming)\s+at|"
    r"(?:drives?|driving|drove)\s+(?:the\s+|a\s+)?(?:\d+\s+)?(?:bus|buses|lorry|lorries|van|vans|taxi|cab|truck)\s+for|"
    r"(?:clean|cleans|cleaning|cook|cooks|cooking|serve|serves|volunteers?\s+shifts)\s+at|"
    r"(?:(?:agency\s+)?work|works|worked|working|temping|temp)\s+(?:through|via|with\s+the\s+agency)|"
    r"(?:i\s+am|i'm|im|we\s+are|we're|he\s+is|she\s+is|he's|she's|they\s+are)\s+(?:an?\s+)?(?:security|"
    r"staff|admin|reception|postdocs?|researchers?|phd\s+students?|students?|trainees?|locums?|interns?|"
    r"lecturers?|bank\s+staff|on\s+(?:nights|days|the\s+bank))\s+at|"
    r"(?:in|on)\s+the\s+(?:packhouse|warehouse|factory|kitchen|office|canteen|stores?|shop\s+floor|pharmacy|"
    r"laundry|wards?)\s+at|"
    r"(?:days?|time|nights?|weekends?)\s+off\s+from|trading\s+as|"
    r"(?:do|does|doing|did)\s+(?:seasonal|casual|relief|bank|temp|temping|cleaning)\s+(?:work\s+)?at|"
    r"on\s+maternity(?:\s+leave)?\s+(?:from|at)|on[\s-]call\s+(?:at|for)|"
    r"(?:based|works?|working|worked|drives?|driving|drove|fish|fishes|fishing|round|operates?)\s+out\s+of(?=\s+the\s)|"
    r"(?:manager|owner|co-owner|proprietor|licensee|landlord|landlady|matron)\s+of|"
    r"contracted\s+(?:to|with)|[a-z]{3,}(?:er|or|ist|ian|man|woman|ic|ie)\s+out\s+of"
    r"(?=\s+(?:the\s|(?:[A-Z][\w'’-]*\s+){1,3}(?:fire|police|ambulance|lifeboat|coastguard)\s+station))|"
    r"(?:an?\s+)?" + _JOBS + r"\s+(?:at|for|with))"
    r"\s+)"
)
_CAP = r"[A-Z][\w'’&.-]*"
# What a business calls itself after its name: "the Golden Dragon takeaway", "the 2 Sisters factory".
_BUSINESS = (
    r"(?:hospital|factory|warehouse|depot|store|shop|branch|plant|site|office|surgery|school|takeaway|"
    r"restaurant|cafe|café|pub|hotel|care\s+home|nursing\s+home|garage|farm|salon|bakery|packhouse|"
    r"car\s+wash|nursery|kitchen|chippy|chip\s+shop|academy|college|barbers?|mill|yard|centre|estate|"
    r"airport|docks|port|prison|barracks|base|university|hq|foods|farms|pharmacy|chemist|bar|club|trust|"
    r"practice|mall|inn|spa|stall|terminal|racecourse|marina|boatyards?|rigs?|quarry|refinery|brewery|"
    r"creamery|cannery|distillery|works|gym|cinema|theatre|arcade|holiday\s+park|caravan\s+park|zoo|"
    r"garden\s+centre|leisure\s+centre|power\s+station|gas\s+terminal|fish\s+bar|kebab|pizza|"
    r"(?:fire|police|ambulance|lifeboat|coastguard)\s+station|pizzeria|trattoria|nail\s+bar|childminding|"
    r"soft\s+play|play\s+barn|"
    r"poultry|logistics|haulage|couriers|constabulary|ambulance\s+service|fire\s+service|"
    r"day\s+nursery)"
)
# Where it is: "on Magdalen Street", "in Thetford", "near Dereham".
# ... "near Norwich airport", "by the A11", "on the market place", up to two of them ("on King Street
# in Thetford").
_LOCAL_NOUN = (
    r"(?:airport|market\s+place|retail\s+park|industrial\s+estate|business\s+park|estate|roundabout|bypass|"
    r"ring\s+road|high\s+street|quay|station)"
)
# A place's word ends with no full stop ("in Downham. We work ..." is two sentences), but for "St.".
_PLACE_CAP = r"(?:St\.|(?!I\b)[A-Z][\w'’&-]*)"  # not "in Watton I want": the pronoun starts a clause
_ONE_PLACE = (
    rf"\s+(?:on|in|near|off|at|by|outside|opposite)\s+(?:the\s+)?"
    rf"(?:{_PLACE_CAP}(?:\s+{_PLACE_CAP}){{0,2}}(?:\s+{_LOCAL_NOUN})?|[AB]\d{{1,4}}\b|{_LOCAL_NOUN})"
)
_AT_PLACE = rf"(?:{_ONE_PLACE}){{0,2}}"
# "Heacham Group Practice and I am writing": a lone "I" after "and" starts a clause, not a name; nor
# does "James Paget Hospital and Mrs Okafor" go on past a title.
_TITLE_WORD = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s"
_EMPLOYER = re.compile(
    # the spaces between words are taken whole (possessive): a run of 10,000 tabs after a name is
    # read once, not split every way between two quantifiers
    rf"(?:the\s+)?(?:\d+\s+)?{_CAP}(?:\s++(?:(?:and|&|of(?:\s+the)?|on|in|de)\s*+)?(?!I\b)(?!{_TITLE_WORD}){_CAP})*"
    rf"(?:\s+{_BUSINESS})?{_AT_PLACE}"
)
_SITE = (
    r"(?:warehouses?|offices?|head\s+office|hq|depot|factory|store|superstore|site|plant|distribution\s+"
    r"(?:centre|center|hub)|call\s+centre|fulfilment\s+centre|branch|shop|mill|works|yard|hospital|"
    r"garden\s+centre|headquarters)"
)
# Where a site is: "near Dereham", "in Hethel", "on the Longwater estate", "off Hall Road".
_SITE_PLACE = rf"(?:\s+(?:near|in|on|off|at|by|outside)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,2}})?"
_LOWER_EMPLOYER = re.compile(
    rf"(?:the\s+|an?\s+)?(?:([a-z][\w'&-]+)(?:\s+[a-z][\w'&-]+){{0,2}}?\s+(?:{_SITE}|{_BUSINESS}|wash)"
    rf"(?:\s+(?:near|in|on|off)\s+[a-z][\w'-]+)?|([a-z][\w'&-]+)){_AT_PLACE}"
)
# "the Amazon warehouse near Dereham", "the Aviva offices": a brand, a site word, where it is.
# A brand's word ends with no full stop: "Dereham. Husband ..." is two sentences.
_BRAND_SITE = re.compile(
    rf"\b(?:the\s+)?((?:[A-Z][\w'’&-]*(?:\.[A-Z][\w'’&-]*)*\s+){{1,3}}?{_SITE}{_SITE_PLACE})(?![\w-])"
)
# A family firm: "Boswell & Sons Surfacing", "Jarrold & Sons Ltd" (an employer where job words are near).
_FAMILY_FIRM = re.compile(
    r"\b((?:[A-Z][\w'’-]*[ \t]+){1,2}(?:&|and)[ \t]+(?:Sons?|Daughters?)\b(?:[ \t]+[A-Z][\w'’-]*){0,2}"
    r"(?:[ \t]+(?:Ltd|Limited)\b\.?)?)"
)
# Words that say the sentence is about someone's job, before or after a brand's site.
_JOB_WORDS = re.compile(
    r"(?i:\b(?:work|works|worked|working|job|jobs|shifts?|nights|lates|earlies|employed|employer|laid\s+off|"
    r"redundan\w*|sacked|fired|pack|packs|packing|picker|picking|cleaner|cleaning|temping|agency|"
    r"contract(?:ed)?|staff|manager|supervisor|driver|apprentice\w*|hours|rota|payroll|tarmac|groundworks|"
    r"roofing|scaffolding|plastering|labouring|self-employed|family\s+firm|family\s+business)\b)"
)
# "I work in the chicken factory", "a roofer for R&S Roofing": an employer only where the words say
# so: after "work in", one with a business word; after any job word (-er, -or, -ist), a capitalised one.
_WORK_IN = re.compile(r"(?i:\b(?:work|works|worked|working)\s+in\s+)")
_ANY_JOB = re.compile(
    r"(?i:\b(?:an?|the)\s+(?:[a-z]+\s+)?(?!(?:number|member|letter|order|corner|border|matter|paper|"
    r"poster|flyer|other|summer|winter|water)s?\b)[a-z]{2,}(?:er|or|ist|ian|man|woman)s?(?:\s*\([^()]{0,60}\))?"
    r"\s+(?:at|for|with)\s+)"
    # a job title after a name, with no article: "Richard Glaves, Operations Director at", "Dr Raman,
    # GP partner at"
    r"|(?:(?<=[,(–—])|(?m:^))[ \t]*(?i:(?!(?:my|our|his|her|their|the|a|an|and|but|so|or)\b)"
    r"(?!(?:grand)?(?:mother|father|brother|sister|daughter)s?\b)"
    r"(?:[a-z]+[ \t]+)?[a-z]{2,}(?:er|or|ist|ian|man|woman)s?[ \t]+(?:at|for|with)\s+)"
    # a job's initials, said of oneself or one's family: "I'm an RVN at", "she is a HCA for" (not "an
    # MP for Norwich South", "my son sees a SALT at")
    r"|\b(?i:i'm|i\s+am|im|(?:he|she)\s+is|he's|she's|work(?:s|ed|ing)?\s+as)\s+(?i:an?)\s+"
    r"(?!MP\b)[A-Z]{2,4}\s+(?:at|for|with)\s+(?=[A-Z])"
)
# "I run Patel's Pharmacy", "we own a cafe (The Copper Kettle)": a capitalised business.
# (also "I own and manage X")
_RUNS = re.compile(
    r"(?i:\b(?:i|we|he|she|they)\s+(?:run|runs|own|owns|manage|manages|ran|owned|managed)"
    r"(?:\s+and\s+(?:run|runs|manage|manages|managed))?\s+(?:an?\s+[a-z]+\s*\(\s*)?)"
)
# "I have run X for 11 years", "my business is X": only a business by its word ("Little Acorns
# Childminding"), not "I have run the London Marathon", "my business is Struggling"
_HAVE_RUN = re.compile(
    r"(?i:\b(?:(?:i|we|he|she|they)\s+(?:have|has|had|['’]ve)\s+run|my\s+(?:own\s+)?(?:business|company|firm)"
    r"\s+is(?:\s+called)?)\s+)"
)
# The armed forces someone serves in: "HIS MUM IS A MEDIC IN THE ARMY", "my husband is in the RAF".
_FORCES = re.compile(
    r"(?i:\b(?:in|with|for|joined|left)[ \t]+(?:the[ \t]+)?)"
    r"((?i:british[ \t]+army|army|royal[ \t]+navy|navy|raf|royal[ \t]+air[ \t]+force|royal[ \t]+marines"
    r"|marines))\b"
)
# A business named in brackets after the word for it: "a little cake business from home (Crumbs by
# Chloe, ...".
_BUSINESS_IN_BRACKETS = re.compile(
    r"(?i:\b(?:my|our|his|her|their|own|little|small)[ \t]+(?:[a-z]+[ \t]+){0,2}?"
    r"(?:business|company|shop|salon|stall|bakery|café|cafe|firm)(?:[ \t]+from[ \t]+home)?[ \t]*\([ \t]*)"
    r"([A-Z][^,()\n]{2,40}?)(?=[ \t]*[,)])"
)
# A childminder's business, wherever it is named: "(Little Dockers Childminding, Ofsted URN ...)",
# "Business: Little Owls Childminding": a childminder works alone or with one other, so her business
# names her. In the labelled sets 62 of 64 such names are someone's workplace (the two others an older
# set's convention). Only "Childminding" with its capital, after one to three capitalised words that are
# no sentence's first word, no place and no word of the trade ("But childminding", "Affordable
# childminding", "Norfolk Childminding Support", "National Childminding Week"; review 24); not a
# network, an event or a service of childminders ("Breckland Childminding Network").
_CHILDMINDING = re.compile(
    r"(?<![\w'’&-])((?:[A-Z][\w'’&-]*[ \t]+){1,3})Childminding\b"
    r"(?![ \t]+(?i:network|association|group|forum|partnership|team|services?|hub|drop|sessions?|course|"
    r"week|month|day|support|places|provision|sector|grant|fund|scheme|awards?|conference|training)\b)"
)
_NOT_A_CHILDMINDER = _words(
    "ofsted registered home private local council county city early years the our my national "
    "affordable weekend flexible quality good outstanding"
)
# Running a business named with its trade's word: "running Little Acorns Childminding", "working
# from home as Little Owls Childminding".
_RUNNING = re.compile(r"(?i:\b(?:running|owning|managing|as)[ \t]+)(?=(?:the[ \t]+)?[A-Z])")
# "I have Khan's Fish Bar", "my husband has the coffee stall on Norwich Market": a business someone
# has, named by a possessive or a word for a business.
# Who has a business, and the trade's word before its name ("have takeaway Golden Dragon").
_OWNERS = (
    r"(?:i|we|he|she|they|husband|wife|partner|dad|mum|brother|sister|son|daughter|in-laws|parents|"
    r"father-in-law|mother-in-law|brother-in-law|uncle|cousin|family)"
)
_TRADE_NOUN = r"(?:takeaway|shop|cafe|café|restaurant|chippy|pharmacy|salon|garage|pizzeria)"
_HAS_A_BUSINESS = re.compile(
    rf"(?i:\b{_OWNERS}"
    r"(?:\s+(?-i:[A-Z][\w'’-]+)){0,3}\s+(?:have|has|had|got|run|runs|ran|own|owns|owned)\s+(?:(?:our|their)\s+)?"
    rf"(?:{_TRADE_NOUN}\s+)?)"
    rf"((?:[A-Z][\w’'-]*['’]s(?:[ \t]+(?:&[ \t]+)?{_CAP}){{0,2}}[ \t]+(?:&[ \t]+)?"
    rf"(?i:{_BUSINESS}|news|stores?|nails|cuts|deli)\b)"
    rf"|(?i:(?:the|a)\s+)(?:[A-Za-z][\w'’&-]*\s+){{0,3}}?(?i:{_BUSINESS}|newsagents?|barbers?)\s+(?:on|at|in)\s+"
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b)"
    r"[A-Z][\w'’&-]*(?:[ \t]+[A-Z][\w'’&-]*){0,3})"
)
_DAY_NAMES = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|summer|christmas"
# "we run Golden Fry fish and chips in Caister", "have takeaway Golden Dragon on Quebec Street": a
# business named after "run" or "own", or after its trade's word.
_RUNS_A_BUSINESS = re.compile(
    rf"(?i:\b{_OWNERS}(?:\s+(?-i:[A-Z][\w'’-]+)){{0,3}}\s+"
    rf"(?:(?:run|runs|ran|own|owns|owned)\s+(?:(?:a|the|our|their)\s+)?(?:{_TRADE_NOUN}\s+)?"
    rf"|(?:have|has|had)\s+(?:(?:a|the|our|their)\s+)?(?:[a-z]+\s+)?{_TRADE_NOUN}\s+))"
    rf"((?!(?:The|A|My|Our)\b|(?i:{_DAY_NAMES})\b){_CAP}(?:[ \t]+{_CAP}){{0,2}}"
    rf"(?:[ \t]+(?i:fish\s+and\s+chips|{_BUSINESS}))?"
    rf"(?:[ \t]+(?:on|in|at)[ \t]+{_CAP}(?:[ \t]+{_CAP}){{0,2}})?)"
)
# "I have Anatolia Kebab on Norwich Road": a business named with its trade's word after "have".
_HAS_NAMED_BUSINESS = re.compile(
    rf"(?i:\b{_OWNERS}(?:\s+(?-i:[A-Z][\w'’-]+)){{0,3}}\s+(?:have|has|had|run|runs|own|owns)\s+)"
    rf"((?!(?:The|A|My|Our)\b){_CAP}(?:[ \t]+{_CAP}){{0,2}}[ \t]+(?i:{_BUSINESS})\b"
    rf"(?:[ \t]+(?:on|in|at)[ \t]+{_CAP}(?:[ \t]+{_CAP}){{0,2}})?)"
)
# "Fran runs the Swan", "Hüseyin owns Mustafa's Barbers": someone named who runs a business.
_NAMED_OWNER = re.compile(
    rf"\b([A-Z][a-z]+)[ \t]+(?:runs|owns|ran|owned|manages)[ \t]+(?:the[ \t]+)?"
    rf"((?!(?:The|A|My|Our)\b){_CAP}(?:[ \t]+{_CAP}){{0,2}}(?:[ \t]+(?i:{_BUSINESS}))?)(?![\w'’-])"
)
# "Brecks & Yare Accountants Ltd": a limited company named in a response is where someone works.
_LIMITED = re.compile(r"\b((?:[A-Z][\w'’.-]*|&)(?:[ \t]+(?:[A-Z][\w'’.-]*|&|and|of)){0,5}[ \t]+Ltd\b\.?)")
# "48th Fighter Wing", "1st Battalion Royal Anglian", "7 Para RHA": a military unit by its number.
_NUMBERED_UNIT = re.compile(
    r"\b(\d{1,3}(?:st|nd|rd|th)[ \t]+(?:[A-Z][\w'’-]*[ \t]+){0,3}"
    r"(?:Battalion|Regiment|Squadron|Commando|Field[ \t]+Hospital|"
    r"(?:Fighter|Air[ \t]+Refuell?ing|Rescue)[ \t]+Wing|"
    r"(?:Air[ \t]+Assault|Armoured|Infantry|Signal|Logistic)[ \t]+(?:Brigade|Division))"
    r"(?:,?[ \t]+(?:the[ \t]+)?(?:Royal|Queen's|King's)(?:[ \t]+[A-Z][\w'’-]*){1,3})?)"
)
# Initials of services, not employers: "the nurse, SENCO and the head".
_SERVICE_INITIALS = frozenset(
    ["SENCO", "SEND", "SEN", "NHS", "GP", "HV", "SW", "TA", "SALT", "CAMHS", "EHCP", "PTA", "DWP", "UK"]
)
# "a porter, N&N", "HCA, QEH": a job, a comma and an employer's initials.
_JOB_COMMA_INITIALS = re.compile(rf"(?i:\b{_JOBS})[ \t]*,[ \t]*((?:[A-Z]&[A-Z]|[A-Z]{{3,5}})\b)(?![&.-])")
_HAS_BUSINESS = re.compile(rf"(?i:\b{_BUSINESS}\b)")
# What a volunteer runs: "the Gujarati Samaj mums' group", "the Polish Saturday school club".
_A_GROUP_AFTER = re.compile(
    r"(?i:(?:[ \t]+(?!and\b|so\b|but\b|or\b|then\b|while\b)[\w'’-]+){0,2}?[ \t]+"
    r"(?:group|groups|club|session|sessions|class|classes|circle|choir|playgroup|"
    r"meet-?up|coffee\s+morning|stay\s+and\s+play|toddler\s+group|"
    # "I run the Little Lambs parent and toddler group"
    r"(?:parents?|mums?|mothers?|carers?|dads?)['’]?\s+(?:and|&|n)\s+(?:toddlers?|baby|babies|tots?))\b)"
)
# "i work on the holkham estate", "a gardener on the Sandringham estate": an estate or farm worked on.
_ON_AN_ESTATE = re.compile(
    r"(?i:\b(?:work|works|worked|working|[a-z]{3,}(?:er|or|ist|man|woman))\s+on\s+)"
    r"((?i:the)\s+(?:[\w'’-]+\s+){1,2}(?i:estate|farm|farms)\b)"
)
# A workplace described rather than named, after a phrase about work: "the frozen veg place on the
# industrial estate", "the barbers by the bus station", "his cousin's takeaway on Regent Road", "the big
# insurer on Surrey Street". Up to three words, a word for a place of work, and where it is, up to the
# end of the clause.
_WORKPLACE_NOUN = (
    rf"(?:{_SITE}|{_BUSINESS}|place|firm|company|insurer|bank|society|packing|boatyard|marina|grill|diner|kebab\s+house|"
    r"salon|garage|haulage|agency|contractor|builders?|laundry|abattoir|cannery|dairy)"
)
_WHERE = r"\s+(?:on|in|at|by|near|off|out\s+of|behind|opposite)\s+"
"""A word saying where a workplace is ("the barbers *by* the bus station")."""
_DESCRIBED_WORKPLACE = re.compile(
    rf"(?i:(?:the|a|an|his|her|their|my|our)\s+(?:[\w'’-]+\s+){{0,3}}?{_WORKPLACE_NOUN}s?"
    rf"(?:{_WHERE}(?:the\s+)?(?:[\w'’&-]+\s+){{0,4}}?[\w'’&-]+)?)"
    r"(?=\s*(?:[,.;:!?)]|\b(?:and|so|but|because|with|where|which|who|for|since|until|from)\b|$))"
)
# A ward at a hospital: "a nurse on Cley ward at the N&N", "on Ward 17 at the James Paget".
_NAME_WORD = r"[A-Z][\w'’&-]*"
_WARD = re.compile(
    rf"\b(?:on|in)\s+((?:[Ww]ard\s+\w+|(?:{_NAME_WORD}\s+){{1,2}}[Ww]ard)\s+at\s+(?:the\s+)?"
    rf"{_NAME_WORD}(?:\s+(?:and\s+|&\s+)?{_NAME_WORD}){{0,3}})"
)
_HAS_WORKPLACE_NOUN = re.compile(rf"(?i:\b{_WORKPLACE_NOUN}\b)")
_LOCATIVE = re.compile(_WHERE)
_DETERMINERS = frozenset(["the", "a", "an", "his", "her", "their", "my", "our"])
# A family's own business: "my family run the Golden Dragon takeaway in Swaffham", "me and my husband
# have the Anatolia Grill on Sheringham High Street".
_FAMILY_BUSINESS = re.compile(
    r"(?i:\b(?:(?:(?:my\s+|our\s+)?(?:family|husband|wife|partner|parents|brother|sister|uncle|auntie|"
    r"cousin|dad|mum)|we)\s+(?:run|runs|ran|own|owns|owned|manage|manages)"
    r"|(?:(?:me|i)\s+and\s+my\s+\w+|my\s+\w+\s+and\s+(?:me|i))\s+(?:run|have|own|manage))\s+)"
)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=\S)|[.!?]$|\s*\(")
_NOT_EMPLOYERS_TEXT = (
    "home the a an night nights weekend weekends it all least last times moment present once minimum same "
    "centre center hub hubs group groups playgroup session sessions library end minute broads fens brecks "
    "city midlands north south east west community coach cabinet committee scrutiny parliament eid christmas "
    "easter diwali ramadan"
)
# After "work in the Early Years ...": a field of work, not an employer.
_FIELD = re.compile(
    r"\s+(?:team|teams|sector|department|dept|unit|service|services|industry|side|area|field)\b"
)
_NOT_EMPLOYERS = frozenset(_NOT_EMPLOYERS_TEXT.split())
_WHERE_WORKS = re.compile(
    rf"\b(?:at|to|from)\s+({_EMPLOYER.pattern})\s+(?i:where\s+(?:i|he|she|they|we|my\s+\w+)\s+"
    rf"(?:work|works|worked|(?:am|is|are|was)\s+(?:an?\s+|the\s+)?{_JOBS})\b)"
)
# "Gurpreet from Hethersett care home": someone from a named place of work (not a centre, school
# or club, which are the services under consultation).
_FROM_WORK = re.compile(
    rf"\bfrom\s+(?:the\s+)?((?:{_CAP}\s+){{1,3}}(?:care\s+home|nursing\s+home|factory|warehouse|depot|farm|"
    r"garage|salon|takeaway|restaurant|pub|hotel|bakery|packhouse|plant|mill|yard|surgery|pharmacy|"
    rf"chemist|shop|store){_AT_PLACE})(?![\w-])"
)
# A professional register or check named before its number: Ofsted, the GMC, the NMC (a "PIN"), the
# HCPC, Social Work England, a DBS certificate, a URN or any "registration number".
_REGISTERS = (
    r"(?:urn|ofsted|gmc|nmc|hcpc|gphc|dbs|swe|social\s+work\s+england|pin|ref(?:erence)?|registration|"
    r"reg|licence|license|certificate|cert|badge|plate|pcn|penalty\s+charge(?:\s+notice)?|"
    r"(?:carer|collar|warrant|staff|employee|payroll|membership|prison|prisoner|inmate|hosp|hospital|patient|"
    r"case|court|application|claim|tenancy|brp|passport|visa|crime|incident|army|pupil|student|"
    r"learner|account|benefit|library|uc|response|submission)\s+(?:ref|no|number|id)|mrn|"
    # someone's service number (not a helpline's "customer service number 0300 ..."), a child's unique
    # pupil number, a family court's case ("Our court case was ME23P00417", not "the court case in 2024")
    r"(?:my|his|her|[a-z]+['’]s)\s+service\s+(?:no|number)|upn|unique\s+pupil\s+number|"
    r"court\s+case(?=(?:\s+(?:was|is|no\.?|number|ref|id)|\s*:)+\s*[A-Z]{1,3}\d)|"
    # "Housing register no HR0194432" (not "on the housing register in 2019"), "Eligibility code: 500..."
    # "Your 30 hours childcare code: 500...", "our 30 hours code (500...)"
    r"register(?=[ \t]+(?:no\b|number|num\b|ref))|(?:eligibility|childcare|hours)\s+code)"
)
REG_NUMBER = re.compile(
    # (an Ofsted number as people type it too: "ey 492 117")
    r"(?<![A-Za-z0-9])(?:(?:EY|SC|CE|EH)\d{6}|(?i:ey)[ \t]?\d{3}[ \t]?\d{3})(?![A-Za-z0-9])"
    # (at most four words between, each run of marks taken whole: "ref (" ten thousand times is linear)
    rf"|(?i:\b{_REGISTERS}\b(?:,?[\s(]++(?:{_REGISTERS}|no\.?|number|num|is|was|which|=|:)){{0,4}}+[\s:.#(,]*+)"
    # (its groups, a last single digit after four: "Blue Badge (no. BB 7734 1190 2)")
    # (a bounded look: "court case was " ten thousand times with no digit is linear)
    # (and a check digit after a hyphen: "Response number: 48819-3")
    r"((?=(?:[A-Za-z /-]{0,20}\d){4})[A-Za-z]{0,3}[ /-]?[0-9][A-Za-z0-9]{0,13}(?:[ /-]\d{2,6}){0,3}(?:-\d)?"
    r"(?:(?<=\d{4})[ ]\d(?![\w.,]\w))?"
    # (a Child Benefit reference's two letters after its digits: "CHB 00847193 NB")
    r"(?:(?<=\d{6})[ ](?!OK|IN|ON|AT|TO|IS|IT|AM|PM|NO|SO|UK|OR|IF|BY|MY|WE|ME|US|AN|AS|BE|DO|GO|UP)"
    r"[A-Z]{2}(?![A-Za-z0-9]))?)"
    r"(?![A-Za-z0-9])"
)

# Ten digits after "NHS number" are one even when the check digit is wrong (mistyped): "NHS number
# for the baby (485 777 3456)". A valid one is the NHS recogniser's.
_NHS_CUED = re.compile(
    r"(?i:\bnhs(?:\s+(?:no\.?|number|num))?(?![a-z])[^.!?\d\n]{0,30}?)(\d{3}[\s-]?\d{3}[\s-]?\d{4})(?!\d)"
)
# Ten digits grouped as an NHS number is (3, 3, 4), not starting 0 (a phone's): one, even with a
# check digit that fails ("my son Harvey (721 409 6683)": a number typed from a letter, or mistyped).
_NHS_GROUPED = re.compile(r"(?<![\d+£$.,/-])[1-9]\d{2}([ -])\d{3}\1\d{4}(?![\d/.-]|,\d)")

# A reference written with slashes or dashes, letters and digits mixed: "FC/2231/N", "CS-44817-B".
_REF_TOKEN = re.compile(
    r"(?<![\w/-])(?=[\w/-]*\d)(?=[\w/-]*[A-Za-z])[A-Za-z0-9]+(?:\s?[/-]\s?[A-Za-z0-9]+)+(?![\w/-])"
)
# A sentence's end: "!", "?", a line break, or a full stop but for that of "no.", "ref.", "num." or
# "nr." before a reference ("toll no. BA-31947"; a reply "No. The X1 ..." ends its sentence).
_SENTENCE_BREAK = re.compile(
    r"(?<!\bno)(?<!\bref)(?<!\bnum)(?<!\bnr)(?<!\bNo)(?<!\bRef)\.|\.(?=[ \t]+[A-Z][a-z])|[!?\n]"
)
_REF_CUE = re.compile(
    r"(?i:\b(?:ref|refs|reference|references|number|no|num|nr|registration|reg|foster|fostering|case|"
    r"carer|claim|account|acc|id|urn|file|crn|membership|tenancy|application|housing)\b)"
)


class NiNumberRecogniser(_Regex):
    """National Insurance numbers in any case and spacing (``QQ 12 34 56 C``, ``ab123456d``)."""

    entity = "UK_NI"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:  # noqa: D102
        for m in NI_NUMBER.finditer(text):
            yield m.start(), m.end()
        yield from spoken_references(text, _NI_SAID)  # "hotel Sierra five five two one oh nine B"


_NI_SAID = re.compile(r"[A-Z]{2}\d{6}[A-D]")
_PLATE_SAID = re.compile(r"[A-Z]{2}\d{2}[A-Z]{3}")


def _words_in_capitals(plate: str) -> bool:
    """Whether a current plate typed with spaces reads as words of a line in capitals ("NO 22 BUS")."""
    parts = plate.split()
    return len(parts) == 3 and (parts[0] in _TWO_LETTER_WORDS or parts[2] in _THREE_LETTER_WORDS)


# Words a line in capitals puts where a spaced plate's letters would be: "NO 22 BUS", "IS 45 MIN",
# "ON 14 MAR" (a plate's three letters are seldom one of them).
_TWO_LETTER_WORDS = _words(
    """NO IS ON AT TO IN OF UP BY AN AS BE DO GO HE IF IT ME MY OR SO US WE AM OK HI"""
)
_THREE_LETTER_WORDS = _words(
    """BUS MIN MINS HRS CAR VAN DAY WKS YRS THE AND FOR BUT NOT YOU ARE WAS HAS HAD GET GOT CAN ALL ONE
    TWO SIX TEN NOW OUT OFF OUR HER HIS ITS WHO WHY HOW AGO JAN FEB MAR APR MAY JUN JUL AUG SEP OCT
    NOV DEC MON TUE WED THU FRI SAT SUN AGE OLD MUM DAD"""
)


class VehicleRecogniser(_Regex):
    """UK vehicle registrations: ``AB12 CDE``, ``N412 XBT``, ``ABC 123D``; any case after "reg"."""

    entity = "UK_VEHICLE"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:  # noqa: D102
        for m in VEHICLE.finditer(text):
            if not _words_in_capitals(m[0]):
                yield m.start(), m.end()
        for m in _VEHICLE_WORD_PLATE.finditer(text):  # "a white van yk70fgd"
            yield m.start(1), m.end(1)
        for m in _VEHICLE_CUE.finditer(text):
            if any(c.isdigit() for c in m[1]) and any(c.isalpha() for c in m[1]):
                yield m.start(1), m.end(1)
        yield from spoken_references(text, _PLATE_SAID)  # "kilo X six five Lima Mike November"


# A public body's, charity's or newsroom's account, no person's: "@norfolkcc_consult", "@BBCLookEast",
# "@fakenhamfoodbank". Words of a handle are split at "_", "." and digits, and "BBCLookEast" at its
# capitals; "@kayleigh_official", "@sarahnewsome87" and "@lisamcc" are people's.
_BODY_WORDS = frozenset(
    [
        "council",
        "consult",
        "consultation",
        "nhs",
        "gov",
        "govuk",
        "bbc",
        "itv",
        "edp",
        "radio",
        "news",
        "library",
        "libraries",
    ]
)
_BODY_INSIDE = re.compile(r"(?i:foodbank|food_bank|council|mumsnet|netmums)")
_COUNTY_COUNCIL = re.compile(
    r"(?i)^@(?:norfolk|suffolk|essex|kent|surrey|devon|cornwall|dorset|somerset|lincs|lincolnshire|"
    r"cambs|cambridgeshire|herts|hertfordshire|notts|nottinghamshire|derbyshire|lancashire|cumbria|"
    r"durham|northumberland|hants|hampshire|oxfordshire|staffs|staffordshire|wiltshire|warwickshire|"
    r"leics|leicestershire|worcestershire|gloucestershire|shropshire|westsussex|eastsussex|bucks)cc(?:_|$)"
    # any council by the letters of its kind after its place's name: "@BradfordMDC", "@LeedsCC" (not
    # "@SarahDC": the place must be a town, see _a_body_handle)
    r"|(?-i:^@[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:CC|MDC|BC|DC|CBC|BMDC|MBC|ICB)$)"
)


def _a_council_place(name: str) -> bool:
    """Whether a name is a county, a town or a district a council is named for ("Norfolk", "Bradford")."""
    return _is_region(name) or _is_town(name)


def _a_body_handle(handle: str) -> bool:
    """Whether a social handle (``@...``) is a public body's, charity's or newsroom's account."""
    from hubplan.consult.name_lists import organisation_spans

    words = re.findall(r"[A-Z]+(?=[A-Z][a-z]|\b|_|\d)|[A-Z]?[a-z]+", handle[1:])
    spelt = " ".join(words)  # "@ActionForChildren": a charity of the organisations list
    return (
        any(w.lower() in _BODY_WORDS for w in words)
        or any(s == 0 and e == len(spelt) for s, e in organisation_spans(spelt))
        or _BODY_INSIDE.search(handle) is not None
        or (_COUNTY_COUNCIL.search(handle) is not None and _a_council_place(" ".join(words[:-1])))
    )


_FIELD_NAME = re.compile(
    r"(?i:(?:^|_)(?:field|q\d+)_|name|forename|surname|dob|birth|date|address|postcode|phone|mobile|email|"
    r"consent|signature|town|(?:^|_)(?:ref|number|no|tel)(?:_|\d|$))"
)


# A web address that a writer calls their own blog, vlog or site: "i blog about being a stay at home
# dad (www.dadandtheboys.co.uk)", "my website is janesbakes.co.uk".
_OWN_SITE = re.compile(
    r"(?i:\b(?:i|we)\s+(?:blog|vlog|write)\b|\bmy\s+(?:blog|vlog|website|site)\b"
    r"|\b(?:blog|vlog)(?:[ \t]*+[:\-–])?[ \t]++(?=(?:https?://)?www\.))[^.!?\n]{0,80}?"
    r"((?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]{2,40}\.(?:co\.uk|org\.uk|me\.uk|com|net|blog|me|uk))\b"
)


class SocialRecogniser(_Regex):
    """Social media handles (``@jo_smith.1``) and profile addresses (facebook, instagram, tiktok, x)."""

    entity = "SOCIAL"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:  # noqa: D102
        for m in SOCIAL.finditer(text):
            end = m.end()
            while end > m.start() and text[end - 1] in ".,!?":
                end -= 1
            if "/groups/" in m[0] or "/pages/" in m[0]:
                continue  # "facebook.com/groups/derehammumsandtots": a group's page, no one's profile
            if not (text[m.start()] == "@" and _a_body_handle(text[m.start() : end])):
                yield m.start(), end
        for m in SOCIAL_CUED.finditer(text):
            if not re.fullmatch(r"\d[\d.,]*[kKmM]?", m[1]):  # "fb: 2.5k people shared it" is no handle
                yield m.start(1), m.end(1)
        for m in [*_REDDIT_USER.finditer(text), *_CHAT_HEADER.finditer(text), *_OWN_SITE.finditer(text)]:
            yield m.start(1), m.end(1)
        for m in _QUOTED_USER.finditer(text):
            group = 1 if m[1] else 2
            yield m.start(group), m.end(group)
        chat = [
            m
            for m in _CHAT_AUTHOR.finditer(text)
            if not re.fullmatch(r"[\d.]+|(?i:www\..*|.*\.(?:com|uk|org))", m[1])
            and not _FIELD_NAME.search(m[1])  # a form's "Applicant_Name:", no one's handle
        ]
        if len({m[1] for m in chat}) > 1 or any("_" in m[1] for m in chat):  # a thread, or one clear handle
            for m in chat:
                yield m.start(1), m.end(1)
        authors = list(FORUM_AUTHOR.finditer(text))
        for m in authors:
            # A thread has several authors; a lone "COVID19" or "PowerPoint" line is a heading.
            if len(authors) > 1 or "_" in m[1]:
                yield m.start(1), m.end(1)


# a clock time after a date, with its seconds or not: "[12/03/2025, 19:42:11]", "3 Mar 2025 at 08:15"
_CLOCK_AFTER = re.compile(r",?[ \t]+(?:at[ \t]+)?\d{1,2}[:.]\d\d(?::\d\d)?(?![\d:/]|\.\d)")
# A date that heads a letter or fills a form's date box: alone on its line, or after "Date:", "Sent:".
_DATE_LABEL = re.compile(
    r"(?i:\b(?:date|dated|sent|received|submitted|signed\s+on|data|datum|dátum|fecha|dyddiad)"
    r"\s*[:\-]?[ \t]*)$"
)


def _dates_a_document(text: str, start: int, end: int) -> bool:
    r"""Whether the date at ``text[start:end]`` dates a letter, form or message, not a birth.

    After "Date:" or "Sent:" on its line, or alone on its line just before a letter's greeting or
    subject ("14th March 2025\n\nDear Sir"): a date alone on a line of a form ("Child 1\n12 March
    2019") may be a birth. Only the 120 characters around the date are read.
    """
    window = text[max(0, start - 120) : start]
    line = window[window.rfind("\n") + 1 :]
    if _DATE_LABEL.search(line):
        return True
    after = text[end : end + 120]
    alone = not line.strip() and not after.split("\n", 1)[0].strip(" \t.,\r")
    return (
        alone and re.match(r"\s*(?:Dear|Re:|Subject|To whom|FAO|Ref)\b", after.split("\n", 1)[-1]) is not None
    )


_RANGE_END = re.compile(r"\d[ \t]*(?:to|until|till|–|—|-)[ \t]*\Z")
_PERIOD_START = re.compile(r"[ \t]*(?:to|until|till)[ \t]+\d")


# Where a birth was, before the date of it: "at the QEH on", "in Norwich on", "the James Paget on", "at
# the James Paget in 2020", "in Norwich in March 2021".
_PLACE_THEN_ON = re.compile(
    r"(?:(?:at|in)[ \t]+)?(?:the[ \t]+)?[A-Z][\w'’&-]*(?:[ \t]+(?:[A-Z][\w'’&-]*|of|and))*?[ \t]+on[ \t]+"
    rf"(?=(?:the[ \t]+)?\d|[^\W\d_]*\d|(?i:{_MONTH})[ \t]+\d)"
    # "at the James Paget in 2020": a place said with "at", "in" or "the" (not "born Easter Sunday in 2022")
    r"|(?:(?:at|in)[ \t]+(?:the[ \t]+)?|the[ \t]+)"
    r"[A-Z][\w'’&-]*(?:[ \t]+(?:[A-Z][\w'’&-]*|of|and))*?[ \t]+in[ \t]+"
    rf"(?=(?:19|20)\d\d\b|(?i:{_MONTH})\b)"
)


class DateRecogniser(_Regex):
    """Dates that could be a birth date: day, month and year in words or short numbers (``9.3.21``).

    A day and month without a year ("twenty-second of July"), a month and year ("March 2019") and a
    named day ("boxing day 2020") count only after "born", "dob", "birthday" or "turned".
    """

    entity = "DATE_OF_BIRTH"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:  # noqa: D102
        for start, end in self._spans(text):
            # the end of a range is no birth ("3 March 2022 – 17 August 2023": born, then died), nor is
            # the start of a period written with "to" ("Assessment period: 14 January 2025 to ...")
            if _RANGE_END.search(text, max(0, start - 12), start):
                continue
            if _PERIOD_START.match(text, end) and not _BIRTH_CUE.search(text[max(0, start - 100) : start]):
                continue
            # "born at the QEH on 2 January 2024", "born in Norwich on 15/03/2022": the date, not where
            place = _PLACE_THEN_ON.match(text, start, end)
            yield (place.end() if place else start), end

    def _spans(self, text: str) -> Iterator[tuple[int, int]]:
        for start, found_end in self._dates(text):
            # "born 4th March." ends a sentence; "born 4 Mar." an abbreviation
            end = found_end - bool(re.search(r"[^\W\d_]{4,}\.\Z", text[start:found_end]))
            yield start, end
            again = _SAID_AGAIN.match(text, end)
            if again and (date := _a_date_at(text, again.end())):
                yield date
        for m in _DOB_FIELD.finditer(text):
            yield m.start(1), m.end(1)
        for m in _BIRTH_EVENT.finditer(text):
            # "she came on 19 December" is a birth only where one is spoken of; "had our youngest" is one
            outright = re.search(r"(?i:came|arrived)", m[0]) is None
            told = outright or _BIRTH_NEAR.search(text, max(0, m.start() - 150), m.end()) is not None
            if told and (date := _a_date_at(text, m.end())):
                yield date
            elif (
                outright
                and m[0].rstrip().lower().endswith(" in")
                and (month := _MONTH_ALONE.match(text, m.end()))
            ):
                yield month.span()

    def _dates(self, text: str) -> Iterator[tuple[int, int]]:
        for m in SHORT_DATE.finditer(text):
            # A date with a clock time after it stamps a message or a meeting ("[03/02/2025, 20:14]
            # Gosia: ..."), and one alone on its line or after "Date:" dates the document, unless a
            # birth is said just before it.
            clock = _CLOCK_AFTER.match(text, m.end()) is not None
            # "6-8 week check: done at hub 14/03/2025": an appointment's date, as in words below
            window = text[max(0, m.start() - 40) : m.start()]
            event = _EVENT_DATE.search(window)
            # (not "HV visit re: Oliver Smith 03/05/2023", "booked for my daughter Zofia 05.06.2021":
            # a name or a child between the word and the date says whose birth it is)
            between = event[0].split(maxsplit=1)[1:] if event else []
            appointment = (
                event is not None
                and not _A_BIRTH_IN.search(window)
                and not (between and _SOMEONE_NAMED.search(between[0]))
            )
            stamped = clock or appointment or _dates_a_document(text, m.start(), m.end())
            # (a birth said on the line before a message's stamp is that message's: "... after Lily was
            # born\n[11/03/2025, 20:45:55] Kerry: ...")
            line = text[max(0, m.start() - 30) : m.start()].rsplit("\n", 1)[-1]
            if not stamped or _BIRTH_CUE.search(line if clock else text[max(0, m.start() - 30) : m.start()]):
                yield m.start(), m.end()
        for m in DATE_WORDS.finditer(text):
            if _dates_a_document(text, m.start(), m.end()) and not _BIRTH_CUE.search(
                text[max(0, m.start() - 100) : m.start()]
            ):
                continue  # "14th March 2025" heading a letter
            window = text[max(0, m.start() - 40) : m.start()]
            # (not "I ended up giving birth on 14 March 2021": a birth between the word and the date)
            event = _EVENT_DATE.search(window) if not _A_BIRTH_IN.search(window) else None
            # "On 9 Mar 2025, at 08:15, Tasha wrote": a date with its clock time stamps a message
            event = event or _CLOCK_AFTER.match(text, m.end())
            if _BIRTH_CUE.search(text[max(0, m.start() - 100) : m.start()]) or (
                (m["y1"] or m["y2"]) and not event
            ):
                yield m.start(), m.end()
        for m in _CJK_DATE.finditer(text):
            # (the birth may come after where: "於 2023年8月19日 在 Maidstone Hospital 出生")
            if _CJK_BIRTH.search(text, max(0, m.start() - 12), m.end() + 40):
                yield m.start(), m.end()
        for m in FOREIGN_DATE.finditer(text):  # as an English date with its year
            birth = _BIRTH_CUE.search(text[max(0, m.start() - 100) : m.start()])
            event = _EVENT_DATE.search(text[max(0, m.start() - 40) : m.start()])
            if birth or not (event or _dates_a_document(text, m.start(), m.end())):
                yield m.start(), m.end()
        for pattern in (_NAMED_DAY, _MONTH_YEAR, _DAY_WORD_YEAR, _ORDINAL_DAY, _DAY_MONTH):
            for m in pattern.finditer(text):
                if _BIRTH_CUE.search(text[max(0, m.start() - 100) : m.start()]) or _BORN_AFTER_ABROAD.match(
                    text, m.end()
                ):
                    yield m.start(), m.end()
        for m in _BORN_AFTER.finditer(text):
            yield m.start(1), m.end(1)
        for m in _FESTIVAL_BIRTH.finditer(text):
            if m[0][:3].lower() == "bor" or _EXPECTING.search(text[max(0, m.start() - 40) : m.start()]):
                yield m.start(1), m.end(1)
        for pattern in (_BORN_PHRASE, _BIRTHDAY_MONTH):
            for m in pattern.finditer(text):
                if not _NOT_A_CHILD.search(text[max(0, m.start() - 40) : m.start()]):
                    cue = _BRACKETED_CUE.match(m[1])
                    yield m.start(1) + (cue.end() if cue else 0), m.end(1)
        for m in _AFTER_BIRTH.finditer(text):
            if "\n" in text[m.start() : m.start(1)]:
                continue  # "... was born\n[11/03/2025, 20:45:55] Kerry: ...": the next message's stamp
            words = re.split(r"[.!?]\s|\n", m[1])[0]  # within its sentence and line
            last = list(re.finditer(r"[^\s]*\d[^\s]*", words))
            told = words[: last[-1].end()] if last else ""
            if not (last and _dated(told)):
                continue
            start = m.start(1)
            date = min(
                (d for p in (SHORT_DATE, DATE_WORDS, FOREIGN_DATE) if (d := p.search(told))),
                key=lambda d: d.start(),
                default=None,
            )
            before = told[: date.start()] if date else ""
            cue = _BRACKETED_CUE.match(told)
            if date and re.search(r"\d", before) and not re.search(r"\d[/.-]\d", before):
                start += date.start()  # "born at 28+4 weeks on 9/1/24": the date, not the weeks
            elif cue:
                start += cue.end()
            yield start, m.start(1) + len(told.rstrip("."))


def _a_date_at(text: str, start: int) -> tuple[int, int] | None:
    """Return the span of a date written at ``start``, or None.

    A day and month in words or figures, or a month and year; a named day alone ("Valentine's Day")
    says too little to hide.
    """
    for pattern in (DATE_WORDS, SHORT_DATE, FOREIGN_DATE, _MONTH_YEAR, _CALENDAR_DAY):
        if m := pattern.match(text, start):
            full_stop = re.search(r"[^\W\d_]{4,}\.\Z", m[0])  # "19 December." ends a sentence, "19 Dec." not
            return m.start(), m.end() - bool(full_stop)
    return None


def _dated(words: str) -> bool:
    """Whether words after "born" hold a date: two numbers, or a number and a month in any language."""
    from hubplan.consult.name_lists import is_unknown_word

    numbers = re.findall(r"\d+", words)
    # One number and a month: in English, or a word that is not English ("Baisakh", "rugsėjo").
    months = [
        w
        for w in re.findall(r"[^\W\d_]+", words)
        if w.lower() not in _NOT_MONTHS and (re.fullmatch(_MONTH, w.lower()) or is_unknown_word(w.lower()))
    ]
    return len(numbers) >= 2 or (len(numbers) == 1 and bool(months) and len(numbers[0]) <= 4)


_NOT_MONTHS = frozenset(
    [
        "in",
        "on",
        "at",
        "the",
        "of",
        "and",
        "a",
        "an",
        "about",
        "around",
        "early",
        "late",
        "mid",
        "end",
        "start",
    ]
)


def _described_workplaces(text: str) -> Iterator[tuple[int, int]]:
    """Yield workplaces described after a phrase about work, wards at hospitals and family businesses."""
    for cue in [*_WORK_CUE.finditer(text), *_WORK_IN.finditer(text), *_WORK_FROM_HOME.finditer(text)]:
        m = _DESCRIBED_WORKPLACE.match(text, cue.end())
        if m is None:
            continue
        # "the centre on Tuesdays", "the city centre": the words before where it is name no employer.
        head = _LOCATIVE.split(m[0].lower(), maxsplit=1)[0]
        if not all(w in _NOT_EMPLOYERS for w in head.split() if w not in _DETERMINERS):
            yield m.start(), m.end()
    for m in _WARD.finditer(text):
        yield m.start(1), m.end(1)
    for cue in _FAMILY_BUSINESS.finditer(text):
        m = _EMPLOYER.match(text, cue.end())
        if m and _HAS_WORKPLACE_NOUN.search(_LOCATIVE.split(m[0], maxsplit=1)[0]):
            yield m.start(), m.start() + _employer_length(m[0])


_WORK_FROM_HOME = re.compile(r"(?i:\b(?:work|works|working)\s+from\s+home\s+for\s+)")


# What stands before the division or seat someone represents: "the county councillor for", "the local
# member for" (not "a team member for Tesco").
_REPRESENTS = re.compile(
    r"(?i:\b(?:councillor|cllr|mp|(?:local|county|district|city|borough|parish|town|ward|division|"
    r"elected|labour|conservative|tory|green|reform|independent|lib[ \t]+dem|liberal[ \t]+democrat)[ \t]+"
    r"member)[ \t]+for[ \t]+(?:the[ \t]+)?)\Z"
)


# A job denied just before the employer: "I don't work for", "she has never worked at".
_DENIED = re.compile(
    r"(?i:\b(?:don['’]?t|do[ \t]+not|doesn['’]?t|does[ \t]+not|didn['’]?t|did[ \t]+not|never)[ \t]+"
    r"(?:(?:have|has|had|ever)[ \t]+)?(?:work|works|worked|working)[ \t]+(?:for|at|in|with)[ \t]+"
    r"(?:the[ \t]+)?)\Z"
)


# The area a job covers, not an employer: "a health visitor working across Breckland", "covering Diss",
# "a social worker in the Norwich locality".
_AREA_BEFORE = re.compile(r"(?i:\b(?:across|around|throughout|covering)[ \t]+(?:the[ \t]+)?)\Z")
_DAYS_ONLY = re.compile(
    r"(?i:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?s?"
    r"(?:[ \t]*(?:[-–]|to|and|&)[ \t]*(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?s?)?)"
)
# One's own things, no employer: "drive them in my old Rover" (not "his brother's restaurant Taj").
_MINE_BEFORE = re.compile(r"(?i:(?:my|our)[ \t]+(?:old|own|new|trusty|little)[ \t]+)")
_AREA_WORD = r"(?i:locality|patch|area|district|division|region|sector)s?"
_AREA_AFTER = re.compile(rf"[ \t]{_AREA_WORD}\Z")  # a workplace span that ends in one
_AREA_AFTER_IT = re.compile(rf"[ \t]+{_AREA_WORD}\b")  # one right after a workplace span
# after a town, with a second town or not: "the Thetford patch", "the Thetford and Brandon patch"
_AREA_WORD_AFTER = re.compile(rf"(?:[ \t]+(?:and|&)[ \t]+\w+)?[ \t]+{_AREA_WORD}\b")


# A signature's role, a comma (or a bar) and the employer: "Practice Manager, Sandhills Surgery",
# "Founder, Driftwood & Dune Design" (33 of 43 such phrases in the labelled sets name a workplace;
# services cut from them after, as from every workplace)
ROLE = (
    r"(?:Manager|Partner|Founder|Co-?[Ff]ounder|Director|Owner|Proprietor|Headteacher|Head|Principal|Chair|"
    r"Secretary|Treasurer|Co-?ordinator|Lead|Officer|Nurse|Midwife|Visitor|Adviser|Advisor|Worker|"
    r"Practitioner|SENCO|SENCo|Therapist|Consultant|Pharmacist|Dentist|GP|Teacher|Leader|Supervisor|"
    r"Administrator|Assistant|Trustee|Chef|Organiser|Analyst|Engineer|Developer|Accountant|Solicitor|"
    r"Librarian|Receptionist|Technician|Paramedic|Physiotherapist|Psychologist|Clerk|Apprentice|Lecturer|"
    r"Researcher|Doula)"
)
_ROLE_THEN_EMPLOYER = re.compile(
    # on a signature's line: at its start, or after the signer's name ("From Graham Tetley, ")
    rf"(?m)^[ \t]*(?:(?:From[ \t]+)?(?:(?:Dr|Mr|Mrs|Ms|Miss|Cllr)\.?[ \t]+)?[A-Z][\w'’-]+"
    rf"(?:[ \t]+[A-Z][\w'’-]+){{1,3}}[ \t]*[,|][ \t]*)?((?:[A-Z][\w-]*[ \t]+){{0,3}}{ROLE})[ \t]*[,|][ \t]*"
    rf"((?:[A-Z][\w'’&.-]*|&)(?:[ \t]+(?:[A-Z][\w'’&.-]*|&|and|of|for|the))*)(?=[ \t]*(?:[,|(\n]|$))"
)


# A signer's own business in a signature's cell after the name ("Claire Darby | Little Chainmakers
# Childminding", "Jade Whitlock | Birth & Postnatal Doula | Bloom & Birth Doula Co."): a cell whose
# last word is a small business's.
# A sign-off may come first on the line, and a comma, a dash or a line break may part the cells ("Thanks,
# Claire Darby | ...", "Claire Darby, Little ...", "Claire\nLittle ...": review 22).
_SIGNER_THEN_BUSINESS = re.compile(
    r"(?m)^[ \t]*(?:(?i:thanks|thank[ \t]+you|many[ \t]+thanks|regards|kind[ \t]+regards|best[ \t]+wishes|"
    r"best|cheers|love|yours)[ \t]*,?[ \t]+)?"
    r"(?P<signer>(?:(?:Dr|Mr|Mrs|Ms|Miss)\.?[ \t]+)?[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2})"
    r"(?:[ \t]*\|[ \t]*[^|\n]{1,60}?)?(?P<sep>[ \t]*[|,][ \t]*|[ \t]+[-–][ \t]+|[ \t]*\n[ \t]*)"
    r"(?P<business>(?:[A-Z][\w'’&.-]*|&)(?:[ \t]+(?:[A-Z][\w'’&.-]*|&|and|of|for|the|by))*[ \t]+"
    r"(?:Childminding|Childcare|Nursery|Pre-?[Ss]chool|Ltd\.?|Limited|Co\.|Company|Caf[eé]|Salon|Studio|"
    r"Photography|Cleaning|Consulting|Consultancy|Pantry|Bakery|Kitchen|Catering|Barbers?|Beauty|Fitness|"
    r"Nails|Plumbing|Electrical|Builders|Lettings|Design|Cakes|Crafts|Tutoring|Services))"
    r"(?=[ \t]*(?:\||\n|$))"
)


def _a_signer(text: str, m: re.Match[str]) -> bool:
    """Whether a signature's first cell is someone: a title, or a name of no English words only and no town.

    Not a class ("Baby Sensory | Little Lotus Studio"), a town ("Watton - Library Services"), nor one word
    before a line break or a dash ("Q7" over "Early Help Services"): those need a whole name (review 23).
    """
    words = m["signer"].split()
    if re.match(r"(?:Dr|Mr|Mrs|Ms|Miss)\b", words[0]):
        return True  # "Mrs Baker | Little Acorns Childminding"
    if town_length(text, m.start("signer")) or all(
        is_english_word(w.lower()) and not is_first_name(w) for w in words
    ):
        return False
    return len(words) > 1 or m["sep"].strip() in ("|", ",")


ROLE_TITLE = re.compile(rf"(?:[A-Z][\w-]*[ \t]+){{0,3}}{ROLE}\b")
"""A role's title of up to four words: "Practice Manager", "Family Support Worker"."""


def _a_childminders_business(text: str, m: re.Match[str]) -> bool:
    """Return whether an ``_CHILDMINDING`` match names one childminder's business (see its comment)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = m[1].split()
    first = words[0].lower()
    sentence_start = re.search(r"(?:^|[.!?]\s+|\n)[ \t\W]*\Z", text[max(0, m.start() - 6) : m.start()])
    return not (
        first in _NOT_A_CHILDMINDER
        or first in STOP_WORDS
        or (sentence_start is not None and len(words) == 1)
        or town_length(text, m.start()) > 0
    )


class WorkplaceRecogniser(_Regex):
    """The employer after a phrase about work: "I work nights at X", "laid off from X", "employed at X"."""

    entity = "WORKPLACE"

    def analyze(
        self,
        text: str,
        entities: list[str],  # noqa: ARG002
        nlp_artifacts: Any = None,
    ) -> list[RecognizerResult]:
        """Return the employers the phrases find and, from spaCy's parse, those the grammar finds."""
        doc = getattr(nlp_artifacts, "tokens", None)
        parsed = grammar_workplaces(doc) if doc is not None else iter(())
        # (not a list of jobs: "Health Visitor, Midwife, Social Worker"; nor the signer's town alone:
        # "Senior Data Analyst | Swindon", review 22)
        signed = [
            m.span(2)
            for m in _ROLE_THEN_EMPLOYER.finditer(text)
            if not ROLE_TITLE.match(m[2]) and town_length(text, m.start(2)) < len(m[2].rstrip(" .,"))
        ]
        # (the signer's cell a name, not a class's English words: "Baby Sensory | Little Lotus Studio")
        signed += [m.span("business") for m in _SIGNER_THEN_BUSINESS.finditer(text) if _a_signer(text, m)]
        found = list(self.spans(text, [*self._employers(text), *parsed, *signed]))
        # a form's "Employer: Diss Co-op": whatever the words
        found += [(m.start(1), m.start(1) + len(m[1].rstrip(" ,.;"))) for m in _EMPLOYER_FIELD.finditer(text)]
        found += [
            (m.start(1), m.end(1)) for m in _CV_JOB.finditer(text)
        ]  # a CV's "2018 – 2021  Retail Assistant, Poundland"
        found += [(m.start(1), m.end(1)) for m in _TRADES_AS.finditer(text) if _names_an_employer(m)]
        # "a medic in the army", "a little cake business from home (Crumbs by Chloe, ...)"
        found += [m.span(1) for m in [*_FORCES.finditer(text), *_BUSINESS_IN_BRACKETS.finditer(text)]]
        found += [m.span() for m in _CHILDMINDING.finditer(text) if _a_childminders_business(text, m)]
        return [RecognizerResult(self.entity, s, e, 1.0) for s, e in found if e > s]

    def spans(  # noqa: D102
        self, text: str, candidates: list[tuple[int, int]] | None = None
    ) -> Iterator[tuple[int, int]]:
        found = self._employers(text) if candidates is None else candidates
        # a list's next item is no part of a workplace: "- partner works in Cromer\n- Healthy Start help"
        for start, end in ((s, _before_a_list_item(text, s, e)) for s, e in found):
            council = _COUNCIL.fullmatch(text[start:end]) and not _EMPLOYED_BY.search(
                text, max(0, start - 30), start
            )
            if _WORSHIP.search(text[start:end]) or council or _THE_NHS.fullmatch(text[start:end]):
                continue  # a church a minister serves, "foster carers for Norfolk County Council", the NHS
            if _REPRESENTS.search(text, max(0, start - 40), start):
                continue  # "the county councillor for Mile Cross": the division represented, no employer
            if SERVICE_AT.search(text, max(0, start - 30), start):
                continue  # "the centre at Catton Grove": where the service is
            study = _STUDENT_BEFORE.search(text, max(0, start - 60), start)
            research = study and _RESEARCH.search(text, max(0, study.start() - 12), start)
            # (not "a porter at James Cook University Hospital": a hospital employs)
            hospital = re.search(r"(?i:hospital|trust|infirmary)", text[start:end])
            if study and _PLACE_OF_STUDY.search(text[start:end]) and not research and not hospital:
                continue  # "a student midwife at UEA", "study English at City College": no employer
            if _DENIED.search(text, max(0, start - 40), start):
                continue  # "I don't work for Boots", "never worked at Tesco": no one's workplace
            # (a place without "the": "across the Norfolk and Norwich" is a hospital)
            area = (
                _AREA_BEFORE.search(text, max(0, start - 20), start)
                and _a_place(text, start, end)
                and not text[start:end].lower().startswith("the ")
            )
            if area or _AREA_AFTER.search(text[start:end]) or _AREA_AFTER_IT.match(text, end):
                continue  # "working across Breckland", "in the Norwich locality": the patch, no employer
            if town_length(text, start) == end - start and re.search(r"(?i:\bin[ \t]+)\Z", text[:start]):
                continue  # "a taxi in Great Yarmouth": a town alone is no employer ("at RAF Marham" is one)
            if _DAYS_ONLY.fullmatch(text[start:end]) or _MINE_BEFORE.match(text[start:end]):
                continue  # "Working days Mon-Thu"; "drive them in my old Rover": no employer
            # "volunteer at the Rose Lane hub", "a worker at the Kings Lynn hub, Marc", "the Gorleston
            # centre": the service
            # consulted on, named by its place
            head = text[start:end].split(",", maxsplit=1)[0]
            town_hub = (
                re.fullmatch(
                    r"(?i:(?:the[ \t]+)?(\S+(?:[ \t]\S+){0,3})[ \t]+(?:hubs?|centres?|centers?))", head
                )
                if len(head) <= 80
                else None
            )
            service = (
                _A_SERVICE.match(head)
                or (town_hub is not None and town_length(town_hub[1], 0) == len(town_hub[1]))
                or (_SERVICE_AFTER.match(text, end) and _a_place(text, start, end))
            )
            # (but for the writer's own: "I worked at Thetford Family Hub", "I'm a Family Support
            # Worker at Holme Wood Family Hub": seven times in seven a workplace in the labelled sets)
            if service and not I_WORK_THERE.search(text, max(0, start - 90), start):
                continue
            hub = _SERVICE_AFTER.match(text, end) if service else None
            words = [w for w in re.findall(r"[\w'’]+", text[start:end].lower()) if w not in _DETERMINERS]
            if words and all(w in _NOT_EMPLOYERS for w in words):
                continue  # "work in the city centre", "at the centre": no employer named
            until = _before_a_time(text, start, end)
            # "at the Spar on Drayton High Road": the article goes with the name it belongs to
            article = 4 if text[max(0, start - 4) : start].lower() == "the " else 0
            # ("I've worked on reception at the Gaywood hub": the hub whole)
            until = hub.end() if hub else until
            yield start - article, _with_its_depot(text, _with_its_town(text, _with_its_street(text, until)))
            # "a nail bar in Dereham, Luxe Nails", "the pea factory, Birds Eye": its name after it.
            named = _NAMED_AFTER.match(text, end)
            days = named is not None and any(w.lower() in _NOT_A_BUSINESS for w in named[1].split())
            if named and _HAS_BUSINESS.search(text[start:end]) and not days:
                yield named.start(1), named.end(1)

    def _employers(self, text: str) -> Iterator[tuple[int, int]]:
        from spacy.lang.en.stop_words import STOP_WORDS

        for cue in _WORK_CUE.finditer(text):
            rest = text[cue.end() :]
            m = _EMPLOYER.match(rest)
            if m is None:
                # A lower-case employer only after "at" ("a carer for my mum", "a nurse for years",
                # "ta for listening" name no employer).
                if not re.search(r"(?i:\bat)\s+$", cue[0]):
                    continue
                low = _LOWER_EMPLOYER.match(rest)
                if low is None or (low[1] or low[2]).lower() in _NOT_EMPLOYERS | STOP_WORDS:
                    continue
                m = low
            if m[0].lower().removeprefix("the ").strip() in _NOT_EMPLOYERS or _is_town(m[0].rstrip(".,;:!?")):
                continue  # "I farm at Great Massingham": a village, no employer
            yield cue.end(), cue.end() + _employer_length(m[0])
        for cue in _WORK_IN.finditer(text):
            m = _EMPLOYER.match(text, cue.end()) or _LOWER_EMPLOYER.match(text, cue.end())
            if m is None or m[0].split()[-1].lower() in STOP_WORDS:
                continue
            # "work in the Co-op": a capitalised name after "the" is an employer; "work in Norwich",
            # "work in the Broads" name places.
            named = re.match(rf"the\s+({_CAP})", m[0])
            place = named is not None and looks_like_place(
                text, m.start() + named.start(1), m.start() + named.end(1)
            )
            field = _FIELD.match(text, m.end()) or m[0].lower()[4:] in _NOT_EMPLOYERS
            if _HAS_BUSINESS.search(m[0]) or (named and not place and not field):
                yield m.start(), m.start() + _employer_length(m[0])
        for m in _FROM_WORK.finditer(text):
            yield m.start(1), m.end(1)
        for cue in [*_ANY_JOB.finditer(text), *_RUNS.finditer(text)]:
            m = _EMPLOYER.match(text, cue.end())
            name = m[0].lower().removeprefix("the ").strip() if m else ""
            if m and name not in _NOT_EMPLOYERS and not _NOT_AN_EMPLOYER.match(name):
                if _A_GROUP_AFTER.match(text, m.end()):
                    continue  # "I run the Gujarati Samaj mums' group": a group someone leads, no business
                yield m.start(), m.start() + _employer_length(m[0])  # not "run the Tuesday group"
        for m in _WHERE_WORKS.finditer(text):
            yield m.start(1), m.end(1)
        for m in [
            *_HAS_A_BUSINESS.finditer(text),
            *_RUNS_A_BUSINESS.finditer(text),
            *_HAS_NAMED_BUSINESS.finditer(text),
            *_ON_AN_ESTATE.finditer(text),
            *_LIMITED.finditer(text),
            *_NUMBERED_UNIT.finditer(text),
            *(m for m in _JOB_COMMA_INITIALS.finditer(text) if m[1] not in _SERVICE_INITIALS),
        ]:
            if not _A_GROUP_AFTER.match(text, m.end(1)):  # "run the Gujarati Samaj mums' group"
                yield m.start(1), m.end(1)
        # "a childminder running Little Acorns Childminding", "I have run Happy Feet Soft Play"
        for cue in [*_RUNNING.finditer(text), *_HAVE_RUN.finditer(text)]:
            m = _EMPLOYER.match(text, cue.end())
            if m and _HAS_BUSINESS.search(m[0]) and not _A_GROUP_AFTER.match(text, m.end()):
                yield m.start(), m.start() + _employer_length(m[0])
        yield from _named_owners(text)
        yield from _described_workplaces(text)
        for m in _AT_WORKS.finditer(text):
            yield m.start(1), m.end(1)
        yield from _signature_employers(text)
        yield from _military_postings(text)
        for m in _TRADE_BUSINESS.finditer(text):
            if _named_by_someone(m[1].split()[:-1]):
                yield m.start(1), m.end(1)
        yield from _job_sentence_employers(text)
        yield from _named_employers(text)
        for m in _SAID_EMPLOYER.finditer(text):  # "Sainsbury's (my employer)", "at work (the car wash)"
            group = next(g for g in (1, 2, 3, 4) if m[g])
            yield m.start(group), m.start(group) + len(m[group].rstrip(" ,"))
        for m in [*_BRAND_SITE.finditer(text), *_FAMILY_FIRM.finditer(text)]:
            if re.match(r"(?:\S+\s+){1,3}?works\b", m[1]) and not re.match(r"(?i:the)\s", m[0]):
                continue  # "Husband Mindaugas works in ...": the verb; "the Bernard Matthews works": a site
            sentence_start = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
            ends = [i for i in (text.find(c, m.end()) for c in ".!?\n") if i >= 0]
            before = text[max(sentence_start, m.start() - 80) : m.start()]
            after = text[m.end() : min([*ends, m.end() + 60])]
            if _JOB_WORDS.search(before) or _JOB_WORDS.search(after):
                yield m.start(1), m.end(1)


# The street, ward or team set after a workplace: "Ahmed's Convenience, Market Street", "the Paget,
# ward 17", "Banham Poultry, hygiene team", "the Diss co-op on Mere Street". The town after it is
# taken apart (:func:`_with_its_town`).
_STREET = (
    r"(?:Road|Rd|Street|St|Lane|Way|Avenue|Drive|Close|Parade|Square|Row|Hill|Quay|Walk|Plain|Gate|Place)"
)
_NOT_A_DETERMINER = r"(?!(?:the|a|an|my|our|his|her|their|your|this|that)\b)"
# Where the street ends: before a mark, the end, or a word that starts a clause ("Church Lane centre"
# is a centre's name, not a workplace's street).
_STREET_END = (
    r"(?=[ \t]*(?:[,.;:!?()\n]|$)|[ \t]+(?:and|but|so|in|for|at|as|where|which|who|since|until|till)\b)"
)
_ITS_STREET = re.compile(
    rf",[ \t]*(?:[A-Z][\w'’-]*[ \t]+){{1,3}}{_STREET}\b{_STREET_END}"
    rf"|[ \t]+(?:on|off)[ \t]+(?:the[ \t]+)?(?:{_NOT_A_DETERMINER}[\w'’-]+[ \t]+){{1,3}}"
    rf"(?:(?i:{'|'.join(sorted(PLAIN_STREET_WORDS))})|{_STREET})\b{_STREET_END}"
    rf"|,[ \t]*(?:{_NOT_A_DETERMINER}[\w'’-]+[ \t]+)?(?i:ward|team|unit|department|wing)(?:[ \t]+\d+)?\b"
    rf"{_STREET_END}"
    r"|,[ \t]*(?i:ward)[ \t]+\w+\b"
)


def _with_its_street(text: str, end: int) -> int:
    """Return where a workplace ending at ``end`` ends with its street, ward or team (up to two)."""
    for _ in range(2):
        m = _ITS_STREET.match(text, end)
        if m is None:
            break
        end = m.end()
    return end


# Where a serving member of the forces is: a base after "at" or "posted to" ("nights at RAF Coningsby",
# "posted to Kendrew Barracks"), or a unit someone "is with" ("my husband is with the Royal
# Anglians at Elizabeth Barracks"). Who served once ("served 9 years in the Coldstream Guards") or
# a place once a base ("the old RAF Watton") is history, not where anyone is now.
_BASE = (
    rf"(?:(?:RAF|HMS|HMNB)[ \t]+{_CAP}(?:[ \t]+{_CAP})?|(?:{_CAP}[ \t]+){{1,2}}(?:Barracks|Garrison|Camp))"
)
_UNIT = (
    rf"(?:the[ \t]+)?(?:\d+(?:st|nd|rd|th)?[ \t]+)?(?:{_CAP}[ \t]+){{0,3}}"
    r"(?:Regiment|Rifles|Dragoons|Hussars|Lancers|Fusiliers|Guards|Anglians|Engineers|Signals|Corps|Squadron|Battalion|Marines)"
)
_MILITARY = re.compile(
    rf"(?:\b(?:at|posted[ \t]+(?:to|at|in)|stationed[ \t]+(?:at|in)|based[ \t]+at)[ \t]+({_BASE}))"
    rf"|(?:\b(?:(?:is|'s|am|are|currently)[ \t]+with|(?:husband|wife|partner|dad|brother|son|daughter|he|she)"
    rf"[ \t]+(?:is|'s)[ \t]+in)[ \t]+((?!the[ \t]+(?:\w+[ \t]+)?(?:Cadet|Brigade|Scout))"
    rf"{_UNIT}(?:[ \t]+at[ \t]+{_BASE})?))"
)
# Who is at a base: a person or their shifts, not a session held there ("sessions at the barracks").
_SERVING = re.compile(
    r"(?i:\b(?:husband|wife|partner|dad|father|son|daughter|brother|sister|fella|he|she|i|i'm|im|we|"
    r"nights|days|shifts?|posted|stationed|serving|serves|works?|working|airman|soldier|corporal|sergeant)\b)"
)


def _military_postings(text: str) -> Iterator[tuple[int, int]]:
    """Yield the base or unit where someone serves now (see ``_MILITARY``)."""
    for m in _MILITARY.finditer(text):
        group = 1 if m[1] else 2
        sentence = re.split(r"[.!?\n]", text[max(0, m.start() - 80) : m.start()])[-1]
        if group == 1 and not _SERVING.search(sentence + text[m.start() : m.start(1)]):
            continue  # "Sessions at Kendrew Barracks would help": where, not who serves
        if not re.search(r"(?i:\bold\s*$)", text[max(0, m.start(group) - 8) : m.start(group)]):
            yield m.start(group), m.end(group)


# When, not where: "the Co-op on Mondays", "the caravan park in summer".
_WHEN = re.compile(  # from the start of a run of spaces only, taken whole: a long run is read once
    r"(?i:(?<!\s)\s++(?:in|on|during|over|at|from|for|every|each|until|till)\s+(?:the\s+)?(?:(?:early|late|mid)[\s-])?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|"
    r"autumn|winter|weekends?|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|"
    r"mornings?|evenings?|nights?|afternoons?|holidays?|season|christmas|easter)\b)"
)


def _before_a_time(text: str, start: int, end: int) -> int:
    """Return where a workplace ends before a time said after it ("the Broads boatyards in summer")."""
    m = _WHEN.search(text, start, end)
    return m.start() if m and m.start() > start else end


_TOWN_AFTER = re.compile(r"[ \t]+(?:in|at|out\s+of|out\s+at)[ \t]+|,[ \t]*")


def _with_its_town(text: str, end: int) -> int:
    """Return where a workplace ending at ``end`` ends with the town after it ("the Asda in Dereham").

    Which branch, depot or shop someone works at is what identifies them: every independent labelled
    set counts the town in the workplace.
    """
    m = _TOWN_AFTER.match(text, end)
    length = town_length(text, m.end()) if m else 0
    if not m or not length or _AREA_WORD_AFTER.match(text, m.end() + length):
        return end  # "... in the Thetford patch": the area covered
    # After a comma, the town ends its clause ("Fenland Haulage, Wisbech, so ..."); "the Co-op,
    # Norwich is too far" starts another.
    if m[0].startswith(",") and not re.match(r"\s*(?:[.,;:!?)\n]|$)", text[m.end() + length :]):
        return end
    return m.end() + length


# A form's field naming an employer: "Employer: Diss Co-op (Mere Street)", '"workplace": "Asda"'.
_EMPLOYER_FIELD = re.compile(
    r"(?im)(?:^|[|,{]|(?<![ \t])\t)[ \t]*+[\"']?"
    r"(?:(?:current[ \t]+|main[ \t]+)?employer(?:[ \t_]name)?|workplace|"
    r"place[ \t_]+of[ \t_]+work|work[ \t_]+place)[\"']?[ \t]*[:=][ \t]*[\"']?([^\W\d_][^\n\"'\t|()]{1,60})"
)
# A workplace's word in the languages of England's communities: "fábrica", "fabryce", "depozitul".
_FOREIGN_WORKPLACES = (
    r"fábrica|fabrica|empresa|loja|armaz[eé]m|fabryce|firmie|sklepie|magazynie|hurtowni|piekarni|fabrică|"
    r"firma|depozitul|depozit|magazinul|ferma|hotelul|restaurantul"
)
# A business someone trades as, and a job said in the languages of England's communities, then the
# employer's name in capitals: "I trade as Little Acorns Childminding", "Trabalho na Breckland
# Poultry", "Pracuję w Tesco", "Lucrez la Bernard Matthews", "Trabajo en Amazon".
_TRADES_AS = re.compile(
    r"(?:\b(?i:trade|trades|traded|trading)[ \t]+as|\bt/a|"
    # with up to two words between ("Trabalho por turnos na", "Pracuję na zmiany w")
    r"\b(?i:trabalho|trabalha|trabalhava)(?:[ \t]+[a-zà-ž]+){0,2}?[ \t]+(?i:na|no|em|para)|"
    r"\b(?i:pracuj[eęą]|pracowa[łl]a?m?)(?:[ \t]+[a-zà-ž]+){0,3}?[ \t]+(?i:w|we|dla|na)|"
    # ("lucrez în tura de noapte la depozitul Ocado": a shift of up to four words between)
    r"\b(?i:lucrez|lucreaz[aă])(?:[ \t]+[a-zà-ž]+){0,4}?[ \t]+(?i:la|pentru)|"
    r"\b(?i:trabajo|trabaja)(?:[ \t]+[a-zà-ž]+){0,2}?[ \t]+(?i:en|para)|\b(?i:dirbu|dirba))[ \t]++"
    # the workplace, with the word for it before its name: "na fábrica da Kerry Foods", "w fabryce X"
    rf"((?:(?i:{_FOREIGN_WORKPLACES})[ \t]+"
    r"(?:(?i:da|do|de|di|del|la)[ \t]+)?)?"
    r"(?:[A-Z][\w'’&-]*|&)(?:[ \t]+(?:[A-Z][\w'’&-]*|&|of|and)){0,4}(?<![ \t]of)(?<![ \t]and)"
    # and its town or street, as after an employer in English: "na Birds Eye de Lowestoft", "la Asda
    # din Longsight", "w Greggs na Market Street"
    r"(?:[ \t]+(?:de|din|w|we|na|la|en|em|no|in)[ \t]+[A-Z][\w'’-]*(?:[ \t]+(?-i:[A-Z])[\w'’-]*){0,2})?)"
)


def _names_an_employer(m: re.Match[str]) -> bool:
    """Whether a trade or a job in another language names an employer, not a country.

    With words between the verb and "na", "w" or "la" ("Trabalho por turnos na Banham Poultry"), one
    word after them may be a country ("Trabalho há muito na Inglaterra"): two words, a business's word
    or a shop's name are an employer.
    """
    between = len(m[0][: m.start(1) - m.start()].split()) > 2
    name = [w for w in m[1].split() if w[0].isupper() or w == "&"]
    return (
        not between
        or len(name) > 1
        or _HAS_BUSINESS.search(m[1]) is not None
        or re.match(rf"(?i:{_FOREIGN_WORKPLACES})\b", m[1]) is not None  # "na fábrica da Bakkavor"
        or name[0].lower() in _NOT_NAMES
    )


# A form's date-of-birth field, however its name is spelled: "Field_Q8_ChildDOB_1: 2022-06-19",
# "Child's date of birth: 3/4/21", '"dob": "07/09/2023"', "Due date = 14.02.25".
_DOB_FIELD = re.compile(
    r"(?i:(?:dob|d\.o\.b\.?|date[ \t_]*of[ \t_]*birth|birth[ \t_]*date|birthday|due[ \t_]*date|edd)"
    r"(?:[ \t_]*\d+)?[\"']?[ \t]*[:=][ \t]*[\"']?)"
    r"([0-9][0-9./ -]{4,9}[0-9]|[0-9]{1,2}(?:st|nd|rd|th)?[ \t]+[A-Za-z]{3,9}(?:[ \t]+[0-9]{2,4})?)"
)
# A CV's employment history: dates, then the job, a comma and the employer (with its town).
_CV_JOB = re.compile(
    r"(?im)^[ \t]*(?:[A-Za-z]{3,9}[ \t]+)?(?:19|20)\d\d[ \t]*[–—-][ \t]*"
    r"(?:present|now|date|current|(?:[A-Za-z]{3,9}[ \t]+)?(?:19|20)\d\d)"
    r"(?:[ \t]{2,}|\t|:[ \t]*)[^,\n]{2,60},[ \t]*([^\n]{2,80}?)[ \t]*$"
)
_DEPOT_AFTER = re.compile(
    r"[ \t]+out[ \t]+of[ \t]+(?:the[ \t]+)?(?:[\w'’-]+[ \t]+){0,3}?"
    r"(?i:depot|garage|yard|base|station|hub|office)\b"
)


def _with_its_depot(text: str, end: int) -> int:
    """Return where a workplace ending at ``end`` ends with the depot it works out of.

    "drives for Konectbus out of the Costessey depot", "Evri out of the Dereham depot": which depot
    says who the driver is, as a branch's town does.
    """
    m = _DEPOT_AFTER.match(text, end)
    return m.end() if m else end


# A business named for its trade, as the self-employed name theirs: "CW Scaffolding", "Chauhan
# Electrical", "Mc Donagh Surfacing", "Rebwar's Cuts". Title-Case words before a trade's word.
_TRADES = (
    r"Scaffolding|Electrical|Electrics|Plumbing|Heating|Roofing|Surfacing|Tarmac|Driveways|Builders|"
    r"Construction|Joinery|Carpentry|Plastering|Decorating|Decorators|Landscaping|Landscapes|Fencing|"
    r"Paving|Groundworks|Cleaning|Cleaners|Motors|Tyres|Autos|Haulage|Logistics|Removals|Couriers|Taxis|"
    r"Cabs|Nails|Lashes|Beauty|Barbers|Cuts|Catering|Cakes|Bakes|Glazing|Locksmiths|Engineering|"
    r"Fabrications|Welding|Kitchens|Bathrooms|Flooring|Carpets|Upholstery|Alterations|Grooming|"
    r"Photography|Accountancy|Bookkeeping|Lettings|Properties|Plant\s+Hire"
)
_TRADE_BUSINESS = re.compile(
    rf"(?<![\w'’&-])((?:(?!The\b|A\b|My\b|Our\b)[A-Z][\w'’&.]*[ \t]+(?:(?:&|and)[ \t]+)?){{1,3}}"
    rf"(?:{_TRADES}))\b"
)


def _named_by_someone(words: list[str]) -> bool:
    """Whether a trade business's name words hold a person's name or initials, not only English words.

    "CW Scaffolding", "Chauhan Electrical", "Rebwar's Cuts" do; "Central Heating and Plumbing" does not.
    """
    from hubplan.consult.name_lists import is_english_word

    for word in words:
        bare = re.sub(r"['’]s$", "", word).strip(".")
        if bare.lower() in ("and", "&"):
            continue
        if re.fullmatch(r"[A-Z]{1,4}", bare) or not is_english_word(bare.lower()):
            return True
    return False


# "my husband at the pea factory": a factory, plant or packhouse is somewhere people work.
_AT_WORKS = re.compile(
    r"(?i:\bat\s+)(the\s+[a-z]+(?:\s+[a-z]+)?\s+(?:factory|packhouse|processing\s+plant|abattoir|depot))\b"
)
# "a nail bar in Dereham, Luxe Nails", "the factory (Pilgrim's Pride in Watton)": the business's name set
# after its description.
# Words in brackets after a business that say when or how good, not its name: "(Mondays and
# Fridays)", "(Ofsted Outstanding)".
_NOT_A_BUSINESS = _DAYS_AND_MONTHS | _words(
    """mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends weekdays nights days
    ofsted outstanding good requires inadequate"""
)
_NAMED_AFTER = re.compile(
    rf"(?:,\s+|[ \t]*\([ \t]*)((?!I\b){_CAP}(?:\s+(?:&\s+)?{_CAP}){{0,3}}"
    rf"(?:[ \t]+in[ \t]+{_CAP}(?:[ \t]+{_CAP})?)?)"
    r"(?=\s*[.,;!?)\n]|\s+(?:and|but)\b|$)"
)
# An e-mail signature: a line with a job title, then (after at most a register line) the employer's
# line, a Title-Case name ending in a word for an organisation.
_SIGNATURE_JOBS = (
    r"(?:visitor|practitioner|manager|partner|officer|worker|nurse|coordinator|"
    r"co-ordinator|lead|teacher|assistant|advis[eo]r|consultant|director|therapist|midwife|administrator|"
    r"receptionist|senco|gp|head\s*teacher|headteacher|principal|psychologist|paediatrician|clerk|"
    r"chair|secretary|specialist|librarian|childminder|slt|salt|physiotherapist)"
)
_SIGNATURE_JOB = re.compile(rf"(?im)^[^\n@]{{0,80}}\b{_SIGNATURE_JOBS}\b[^\n]*$")
_ORG_WORD = (
    r"(?:trust|services?|centre|center|practice|surgery|school|academy|council|partnership|foundation|"
    r"childminding|childminders|pre-?school|playgroup|"
    r"group|ltd|limited|plc|llp|hospital|clinic|nursery|charity|association|college|university|"
    r"support|project|network|federation|care|library)"
)
_ORG_NAME = (
    rf"((?:[A-Z][\w'’&.-]*|and|of|for|the|&)(?:[ \t]+(?:[A-Z][\w'’&.-]*|and|of|for|the|&)){{0,8}}"
    rf"[ \t]+(?i:{_ORG_WORD}))"
)
# The employer's own line, emoji or symbols around it allowed ("🌈 Tracey's Tots Childminding 🌈")
_SIGNATURE_ORG = re.compile(
    rf"(?m)^[ \t]*(?:[^\w\s]+[ \t]*)?{_ORG_NAME}(?=[ \t]*(?:[^\w\s]+[ \t]*)?(?:[,|(][^\n]*)?\r?$)"
)
# A job and its employer on one line: "SLT, Norfolk Community Health and Care NHS Trust", "Ann Bee |
# Occupational Therapist (Children's) | Norfolk ... NHS Trust". ("Library Assistant, Thetford Library"
# is found here, then let go by the recogniser's filter for a library named by its place: review 16
# left it.)
_JOB_THEN_ORG = re.compile(
    rf"(?im)^(?:[^\n@,|]{{0,40}}\|)?[^\n@,|]{{0,40}}\b{_SIGNATURE_JOBS}"
    rf"(?:[ \t]*\([^()\n]{{1,30}}\))?[ \t]*[,|–—][ \t]*(?-i:{_ORG_NAME})"
    r"(?=[ \t]*(?:[,|(][^\n]*)?\r?$)"
)


def _signature_employers(text: str) -> Iterator[tuple[int, int]]:
    r"""Yield the employer's line in a signature.

    Under a job title (a register's line may come between), or the line under the name that follows
    a letter's closing ("Best wishes,\nMaggie Oduya\nBusy Bees Childminding").
    """
    for closing in CLOSING.finditer(text):
        lines = re.match(r"\r?\n[^\r\n]+\r?\n([^\r\n]+)", text[closing.end() :])
        if lines:
            m = _SIGNATURE_ORG.match(lines[1])
            if m:
                at = closing.end() + lines.start(1)
                yield at + m.start(1), at + m.end(1)
    for m in _JOB_THEN_ORG.finditer(text):
        yield m.start(1), m.end(1)
    for job in _SIGNATURE_JOB.finditer(text):
        rest = text[job.end() :]
        lines = re.match(r"(?:\n[^\n]*){1,2}", rest)
        if lines is None:
            continue
        for m in _SIGNATURE_ORG.finditer(text, job.end(), job.end() + lines.end()):
            yield m.start(1), m.end(1)
            break


# A sentence about someone's job: a work word, a job (after "a", "an", "the"), a rank.
_JOB_SENTENCE = re.compile(
    # (not a plan that "will not work" or "doesn't work for us")
    r"(?i:\b(?<!not\s)(?<!n't\s)(?<!n’t\s)(?:work|works|worked|working|job|jobs|shifts?|employed|employer|tills|crew|crews|picks?|"
    r"picking|packing|lambing|harvest|agency|volunteers?|volunteering|apprentice\w*|placement|posted|"
    r"stationed|serving|serves|contract|hours|rota|housekeeping|domiciliary|warehouse|kitchen|deliveries|"
    r"nightshift|lates|earlies|security|cleaning|home\s+care|care\s+work|contracted|used\s+to\s+(?:be|work)\s+at|"
    r"(?<!last\s)(?<!this\s)(?<!next\s)years?\s+at)\b|"
    # a job's noun in lower case ("a technician", not "the Julian Hospital")
    r"\b(?:an?|the|as\s+an?)\s+(?:[a-z]+\s+)?(?:(?-i:[a-z]{2,}(?:er|or|ist|ian|man|woman))|corporal|sergeant|soldier|"
    r"private|gunner|airman|lance\s+corporal|chef|cook|nurse|porter|cleaner|carer|student|trainee|"
    r"postdoc|locum|intern|ta|hca|warden|midwife|medic|paramedic|nanny|physio)s?\b)"
)
# A sentence, ended by its mark or, dictated, by the words for one ("... at Tesco full stop my wife ...").
_SENTENCE = re.compile(r"(?:(?!(?i:full[ \t]+stop|new[ \t]+paragraph)\b)[^.!?\n;])+")
# After "at" or "for": a Title-Case name (with "of", "and", "&" between its words), a business
# word after it, and where it is.
_TITLED_EMPLOYER = (
    rf"(?:the\s+)?(?:(?!I\b){_CAP}(?:\s+(?:of|and|&|de|on|the|for)\s+|\s+))*"
    rf"(?!I\b){_CAP}(?:\s+{_BUSINESS})?{_AT_PLACE}"
)
_AFTER_PREPOSITION = re.compile(rf"\b(?:at|for)\s+({_TITLED_EMPLOYER})(?![\w'’-])")
# "my wife is at Wells Co-op", "her mum's at the Tesco in Swaffham", "my other half's with Anglian
# Water": a grown-up of the family said to be at or with a business is at work there.
_WORKS_ON_THE = re.compile(
    rf"(?i:\b(?:work|works|worked|working)\s+on\s+)(?=the\s)({_TITLED_EMPLOYER})(?![\w'’-])"
)
# "my sister is at University of East Anglia", "my mum is at the N&N for her chemo": study, treatment
_STUDIES_OR_TREATED = re.compile(r"(?i:universit|college|school|sixth\s+form|academy)")
_FOR_TREATMENT = re.compile(
    r"(?i:[ \t,]+(?:for|having|with)\s+(?:her|his|their|my|a|an|the)?\s*(?:chemo\w*|treatment|appointment|"
    r"operation|surgery|scan|dialysis|check-?up|tests?|baby|op)\b)"
)
_KIN_IS_AT = re.compile(
    r"(?i:\b(?:husband|wife|partner|other\s+half|oh|dh|hubby|fianc[eé]e?|missus|missis|boyfriend|"
    r"girlfriend|man|mum|mam|dad|brother|sister)(?:\s+(?-i:[A-Z][\w'’-]+))?(?:\s+is|['’]s)\s+"
    r"(?:now\s+|still\s+|currently\s+|usually\s+)?(?:at|with)\s+)"
    rf"({_TITLED_EMPLOYER})(?![\w'’-])"
)
_NOT_AN_EMPLOYER = re.compile(
    # "the Mile Cross centre", "the Dereham hub": a centre named by its place is the service consulted on
    r"(?i)^(?:the\s+)?(?:[\w'’ -]*\b(?:children'?s|family|families)\s+(?:centre|center|hub|hubs)|"
    r"(?-i:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s+(?:centre|center|hub)$|"
    r"christmas|easter|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|i|me|us|them|home)s?\b"
)


# The words after a place that make it a family hub or children's centre ("the Rose Lane hub").
_SERVICE_AFTER = re.compile(
    r"(?i:[ \t]+(?:(?:family|families|children['’]?s)[ \t]+)?(?:hub|hubs)\b"
    r"|[ \t]+(?:children['’]?s|family)[ \t]+cent(?:re|er)\b)"
)
# The writer saying they work or worked at a place, just before it: "I worked at", "I've worked on
# reception at", "I'm a Family Support Worker at", "I worked as a play worker at".
I_WORK_THERE = re.compile(
    r"(?i:\b(?:i|i've|ive|i’ve|i'm|im|i’m|i\s+am|i\s+was|i\s+have)[ \t]+(?:been[ \t]+)?"
    r"(?:(?:work|worked|working)\b"
    r"|an?[ \t]+(?:[\w-]+[ \t]+){0,3}?(?:worker|practitioner|manager|officer|co-?ordinator|lead|receptionist|"
    r"nurse|midwife|visitor|assistant|administrator|cleaner|cook)\b)"
    r"[^.!?\n]{0,40}?\b(?:at|for|in)[ \t]+)\Z"
)
# A university or college, and a student of it just before (in the same sentence, with no word of paid
# work between): "a third year student midwife at UEA", "I study nursing at UEA", "a student at City
# College Norwich". In the labelled sets such a place is harmless nine times in ten; a PhD, a placement
# or a teaching job there is work ("a PhD student at UEA", "on placement at Little Acorns").
_RESEARCH = re.compile(r"(?i:\b(?:phd|doctoral|postdoc(?:toral)?|research)\b)")
_PLACE_OF_STUDY = re.compile(r"\b(?:University|Uni|College|UEA|Polytechnic|Sixth[ \t]+Form)\b")
_STUDENT_BEFORE = re.compile(
    r"(?i:\b(?:students?|studying|study|studies)\b(?:(?!\b(?:phd|doctoral|doctorate|postdoc|placement|work|"
    r"works|working|employed|lecturer|lecturing|researcher|teaching|assistant|job)\b)[^.!?\n])*\Z)"
)
# "Thetford Family Hub", "the Gaywood children's centre": a family hub or children's centre by name.
_A_SERVICE = re.compile(
    r"(?i)^(?:the\s+)?[\w'’ -]*\b(?:children['’]?s|family|families)\s+(?:centre|center|hub|hubs)$"
)


def _a_place(text: str, start: int, end: int) -> bool:
    """Whether the words at ``text[start:end]`` name a place or street ("Gaywood", "Rose Lane")."""
    name = re.sub(r"(?i)^the\s+", "", text[start:end])
    offset = end - len(name)
    street = name.rsplit(maxsplit=1)[-1].lower() in PLAIN_STREET_WORDS if name else False
    return street or _is_town(name) or looks_like_place(text, offset, end)


# A whole council names no one: every council employs thousands ("foster carers for Norfolk County Council").
_COUNCIL = re.compile(
    r"(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,4}(?:County|City|District|Borough|Town|Parish|Full)\s+Council"
)
# ... but a council someone works for or is employed by is their workplace: 20 of 20 labelled phrases
# ("I work for Norfolk County Council in adult social care", "Emeka is employed by Breckland Council")
# (not "the staff who work for Norfolk County Council": no one in particular)
_EMPLOYED_BY = re.compile(
    r"(?i:(?<!\bwho[ \t])(?<!\bthat[ \t])\b(?:work|works|worked|working|employed)[ \t]+(?:for|by|at)[ \t]+)\Z"
)
# The NHS as a whole, which employs 1.5 million: "employed by the NHS" names no one (a hospital does).
_THE_NHS = re.compile(r"(?i:(?:the\s+)?nhs)")
# A place of worship, not a street named for one ("Chapel Road Surgery", "Church Lane stores").
_WORSHIP = re.compile(
    r"(?i)\b(?:church|chapel|mosque|masjid|temple|gurdwara|synagogue|mandir|parish)\b"
    r"(?!\s+(?:street|st|road|rd|lane|walk|close|hill|view|farm|green|way)\b)"
)


# "Employer: Fenland Foods", "Agency: Fostering People", "Works: taxi driver for ...".
_LABELLED = re.compile(
    rf"(?im)\b(?:employer|agency|company|workplace|place\s+of\s+work|works\s+at)\s*:\s*"
    rf"((?:the\s+)?{_CAP}(?:\s+(?:of|and|&|for)?\s*{_CAP}){{0,5}})"
)
# A signature on one line: "Gareth Pritchard | HGV driver | Bernard Matthews, Great Witchingham | 07700 ...".
_PIPED = re.compile(rf"\|\s*[^|\n]*\b(?i:[a-z]+(?:er|or|ist|ian))\b[^|\n]*\|\s*((?:{_CAP}\s*)+?)(?=\s*[,|])")
# "I work Crane Fruehauf in Dereham", "works Lidl on Aylsham Road": an employer with no "at".
_WORK_THEN_NAME = re.compile(
    # on one line: "Parent: Working\nFamily: ..." is a form's answer, then its next field
    rf"(?i:\b(?:work|works|worked|working)[ \t]+"
    rf"(?:(?:nights|days|lates|shifts|weekends|part[\s-]time)[ \t]+)?"
    rf"(?:(?!(?:with|at|for|in|on|from|to|away|as|by|near|and|till|until|alongside)\b)[a-z]+[ \t]+)?)"
    rf"(?=(?:the[ \t]+)?[A-Z])((?:the[ \t]+)?{_CAP}(?:[ \t]+{_CAP}){{0,3}}{_AT_PLACE})"
)


def _is_town(name: str) -> bool:
    """Whether a name is a British town or village as a whole (GeoNames): "Norwich", not "Harlow Printing"."""
    from hubplan.consult.place_names import town_names

    return name.lower().replace("’", "'") in town_names()


_COUNTIES = _words(
    """bedfordshire berkshire bristol buckinghamshire cambridgeshire cheshire cornwall cumbria derbyshire
    devon dorset durham essex gloucestershire hampshire herefordshire hertfordshire kent lancashire
    leicestershire lincolnshire london merseyside norfolk northamptonshire northumberland nottinghamshire
    oxfordshire rutland shropshire somerset staffordshire suffolk surrey sussex tyne wear warwickshire
    midlands wiltshire worcestershire yorkshire"""
)
"""England's ceremonial counties (their last words: "West Sussex", "Tyne and Wear", "North Yorkshire")."""
_DIRECTION = re.compile(r"(?:North|South|East|West|Mid|Central|Greater|Great)\s+")


def _is_region(name: str) -> bool:
    """Whether a name is a county or a part of one or of a town ("Suffolk", "Mid Norfolk", "West Norwich")."""
    bare = _DIRECTION.sub("", name, count=1) if _DIRECTION.match(name) else name
    return bare.lower() in _COUNTIES or (bare != name and _is_town(bare))


# An employer said in passing: named before "(my employer)", in brackets after "at work", before
# "till 3" after "I'm at", or in minutes' "Q (youth worker, Ivy Road Youth Project):".
_SAID_EMPLOYER = re.compile(
    rf"((?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,4}})\s*\((?i:my|her|his|their|our)\s+(?:employer|workplace)\)"
    r"|\b(?i:at\s+work)\s*\(((?:the\s+[^()\n]{3,60})|[A-Z][^()\n]{2,60})\)"
    rf"|\b(?i:i'm|im|i\s+am|i’m)\s+at\s+((?:the\s+)?{_CAP}(?:\s+(?:in\s+the\s+)?{_CAP}){{0,4}})\s+(?i:till|until)\s+\d"
    rf"|(?m:^[ \t]*[QA][ \t]*\((?i:(?!resident|parent|mum|dad|carer|grandparent)[a-z][a-z -]{{2,30}}),[ \t]*"
    rf"({_CAP}(?:\s+{_CAP}){{0,5}})\))"
)


def _named_employers(text: str) -> Iterator[tuple[int, int]]:
    """Yield employers given after a label, in a one-line signature, or straight after "work"."""
    for pattern in (_LABELLED, _PIPED, _WORK_THEN_NAME):
        for m in pattern.finditer(text):
            end = m.start(1) + _employer_length(m[1])
            name = re.sub(r"^the\s+", "", text[m.start(1) : end])
            if not name or _NOT_AN_EMPLOYER.match(name) or _is_town(name):
                continue
            yield m.start(1), end


def _named_owners(text: str) -> Iterator[tuple[int, int]]:
    """Yield the business a person named by a first name runs or owns ("Fran runs the Swan")."""
    from hubplan.consult.name_lists import is_first_name

    for m in _NAMED_OWNER.finditer(text):
        name = m[2]
        if is_first_name(m[1]) and not _NOT_AN_EMPLOYER.match(name) and not _is_town(name):
            yield m.start(2), m.end(2)


# Where someone was born, treated or taken, with no word about work between: no workplace.
_AS_A_PATIENT = re.compile(
    r"(?i:\b(?:born|birth|delivered|admitted|treated|induced|rushed|screen|screening|scan|scanned|seen|"
    r"appointment|clinic|a&e|casualty|turning[ \t]+up|turned[ \t]+up|turn[ \t]+up|"
    # "I had my daughter at the Queen Elizabeth": where she was born
    r"had[ \t]+(?:my|our|her)[ \t]+(?:[a-z]+[ \t]+)?(?:baby|son|daughter|twins|girl|boy|first|second|third|"
    r"youngest|eldest|last)))([^.!?\n]{0,60})\Z"
)


def _job_sentence_employers(text: str) -> Iterator[tuple[int, int]]:
    """Yield a Title-Case name after "at" or "for" in a sentence about someone's job.

    "My husband is a corporal at RAF Marham", "I pick at Place UK in the summer", "I work for Sodexo
    at the barracks": where the sentence says it is about work, the business named after the
    preposition is the workplace; so is one a grown-up of the family "is at" or "is with" ("my wife
    is at Wells Co-op"). Towns, months and days, children's centres and family hubs (the services
    consulted on) and known organisations are not.
    """
    from hubplan.consult.name_lists import organisation_spans

    in_job_sentences = [
        m
        for sentence in _SENTENCE.finditer(text)
        if _JOB_SENTENCE.search(sentence[0])
        for m in _AFTER_PREPOSITION.finditer(text, sentence.start(), sentence.end())
    ]
    kin_at_work = [
        m
        for m in _KIN_IS_AT.finditer(text)
        if not _STUDIES_OR_TREATED.search(m[1]) and not _FOR_TREATMENT.match(text, m.end())
    ]
    kin = {m.start(1) for m in kin_at_work}
    patient = {
        m.start()
        for m in in_job_sentences
        if (cue := _AS_A_PATIENT.search(text, max(0, m.start() - 80), m.start()))
        and not _JOB_SENTENCE.search(cue[1])
    }
    for m in [*in_job_sentences, *kin_at_work, *_WORKS_ON_THE.finditer(text)]:
        if m.start() in patient and m.start(1) not in kin:
            continue  # "I work at Tesco and she was born at the James Paget": where she was born
        start, end = m.start(1), m.start(1) + _employer_length(m[1])
        name = re.sub(r"^the\s+", "", text[start:end])
        if not name or _NOT_AN_EMPLOYER.match(name):
            continue
        head = re.match(rf"{_CAP}(?:\s+{_CAP})*", name)
        # "born at West Suffolk", "the Member of Parliament for Mid Norfolk" (not "my wife is at West
        # Suffolk on nights": a hospital a relative works at)
        region = m.start(1) not in kin and _is_region(name.rstrip(".,;:!?"))
        place = (head is not None and _is_town(head[0])) or region
        if place and not _HAS_BUSINESS.search(name):
            continue
        orgs = organisation_spans(text[start:end])
        if any(s == 0 and e >= len(text[start:end]) - 1 for s, e in orgs):
            continue  # a service or charity consulted on ("Action for Children")
        yield start, end


# A council's committee paper or a freedom-of-information request just before a number: its reference
# is public (not "a police report ref", "policy number", "panel minutes", someone's own).
_PUBLIC_PAPER = re.compile(
    r"(?i:\b(?:cabinet|committee|scrutiny|agenda|foi|freedom\s+of\s+information)\b(?:[ \t]+(?:report|paper|"
    r"item|decision|request))?[ \t]*(?:no\.?|number|ref\.?|reference)?[ \t]*[(:]?[ \t]*\Z)"
)


# A long number (eight digits or more, single spaces between its groups) after a word about an account,
# a card or a reference in its sentence: "my council tax (account 6001 2378 44)", "my library card
# (23800013956421)", "card number 6330 1184 0093 7", "His NHS number, in case it helps, is 9990481736".
# A company's or charity's is no one's ("company no. 08812345"); a 0 and ten or eleven digits is a
# phone's, which the phone recogniser judges (a helpline's stays).
_LONG_NUMBER = re.compile(r"(?<![\d£$€.,:/-])\d(?:[ ]?\d){7,19}(?![.,:/-]?\d|\w)")
_LONG_NUMBER_CUE = re.compile(
    r"(?i:\b(?:account|acc|card|ref|reference|membership|customer|claim|case|nhs|patient)\b"
    # someone's number ("his number is ..."; not "the number of families rose from ...")
    r"|\b(?:my|his|her|their|our|your)\b[^\n]{0,30}\b(?:number|no)\b)"
)
# (a company's or charity's number by its own words, not "I registered for a card", review 23)
_A_COMPANYS = re.compile(
    r"(?i:\b(?:company|charity|vat)(?:[ \t]+reg(?:istration|istered)?)?[ \t]*(?:no\b\.?|number|num\b)"
    r"|\bregistered[ \t]+(?:in|charity|company|office|number|no\b))"
)


class RegistrationRecogniser(_Regex):
    """Registration numbers: Ofsted (``EY123456``), a URN, a foster carer's or other reference."""

    entity = "REG_NUMBER"

    def spans(self, text: str) -> Iterator[tuple[int, int]]:  # noqa: D102
        for m in REG_NUMBER.finditer(text):
            if _PUBLIC_PAPER.search(text, max(0, m.start() - 40), m.start()):
                continue  # "FOI reference FOI/2024/1187"
            if m.lastindex:
                yield m.start(1), m.end(1)
            else:
                yield m.start(), m.end()
        for m in _NHS_CUED.finditer(text):
            if not nhs_number_is_valid(m[1]):
                yield m.start(1), m.end(1)
        for m in _NHS_GROUPED.finditer(text):
            if not nhs_number_is_valid(m[0]):  # a valid one is the NHS recogniser's
                yield m.start(), m.end()
        for m in _LONG_NUMBER.finditer(text):
            number = re.sub(r"\D", "", m[0])
            before = _SENTENCE_BREAK.split(text[max(0, m.start() - 60) : m.start()])[-1]
            # (not a phone's, which the phone recogniser judges, a valid NHS number, nor a date's digits)
            other = (
                (number.startswith("0") and len(number) in (10, 11))
                or (len(number) == 10 and nhs_number_is_valid(number))
                or re.fullmatch(r"\d{1,2} \d{1,2} (?:\d{2}|\d{4})", m[0]) is not None
            )
            cued = _LONG_NUMBER_CUE.search(before) and not _A_COMPANYS.search(before)
            if cued and not other and not _PUBLIC_PAPER.search(before):
                yield m.start(), m.end()
        for m in _REF_TOKEN.finditer(text):
            # Two separators with letters and digits ("AB/1234/C") is a reference anywhere; one
            # ("HB/77341", "covid-19") only after a word about a reference in the same sentence.
            if all(re.fullmatch(r"\d+[a-z]{0,3}", part) for part in re.split(r"\s?[/-]\s?", m[0])):
                continue  # a time, a range or an age ("10am-2pm", "2-3yrs"), not a reference
            if SHORT_DATE.fullmatch(ocr_digits(m[0])):
                continue  # a date a scanner misread ("O7/O2/2O25"): the date rules judge it
            separators = len(re.findall(r"[/-]", m[0]))
            digits = sum(c.isdigit() for c in m[0])
            # within its sentence; the full stop of "no." or "ref." ends none ("toll no. BA-31947")
            before = _SENTENCE_BREAK.split(text[max(0, m.start() - 40) : m.start()])[-1]
            if _PUBLIC_PAPER.search(before):
                continue  # "The Cabinet report (CAB/2025/041)": a public paper's number, no one's
            if (separators >= 2 and digits >= 3) or (digits >= 2 and _REF_CUE.search(before)):
                yield m.start(), m.end()


_LIST_ITEM = re.compile(r"[ \t]*\n[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]")


def _before_a_list_item(text: str, start: int, end: int) -> int:
    """Return where a span ends before a list's next item starts inside it (its line break), or ``end``."""
    item = _LIST_ITEM.search(text, start, end)
    return item.start() if item else end


def _employer_length(words: str) -> int:
    """Return how much of an employer match to keep: up to a sentence's end, without trailing marks."""
    end = _SENTENCE_END.search(words)
    return len(words[: end.start() if end else len(words)].rstrip(".,'’ "))
