"""The words that mark attribution in news copy, kept as data.

Everything here is a plain tuple, frozenset or dict of strings, so that a word can be added
without touching the logic that uses it. Matching is case-insensitive unless a list says
otherwise. English and Russian are covered; a list for another language is added beside them.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as whitespace-separated words."""
    return frozenset(text.split())


# --- Reporting verbs -----------------------------------------------------------------------------

#: Verbs that introduce what someone asserts, in the forms news copy uses. Forms that are far
#: more often nouns ("a blog post", "the state") are left out.
REPORTING_VERBS: frozenset[str] = words(
    """
    say says said saying tell tells told telling add adds added adding warn warns warned warning
    insist insists insisted insisting claim claims claimed claiming deny denies denied denying
    reject rejects rejected rejecting dismiss dismisses dismissed dismissing refute refutes
    refuted dispute disputes disputed contradict contradicts contradicted counter counters
    countered estimate estimates estimated estimating suggest suggests suggested suggesting
    argue argues argued arguing note notes noted noting stress stresses stressed stressing
    explain explains explained assert asserts asserted asserting allege alleges alleged alleging
    accuse accuses accused acknowledge acknowledges acknowledged admit admits admitted confirm
    confirms confirmed confirming announce announces announced report reports reported write
    writes wrote writing believe believes believed predict predicts predicted forecast forecasts
    conclude concludes concluded reveal reveals revealed disclose discloses disclosed maintain
    maintains maintained contend contends contended respond responds responded reply replies
    replied retort retorted complain complains complained caution cautions cautioned vow vows
    vowed pledge pledges pledged promise promises promised declare declares declared stated
    recall recalls recalled observe observes observed remark remarks remarked comment comments
    commented indicate indicates indicated signal signals signalled signaled hint hints hinted
    describe describes described recount recounts recounted tweet tweets tweeted posted show
    shows showed shown find finds found agree agrees agreed understand understands understood
    emphasise emphasises emphasised emphasize emphasizes emphasized underline underlines
    underlined calculate calculates calculated expect expects think thinks thought concede
    concedes conceded called calls stating explaining declaring announcing acknowledging
    admitting accusing predicting promising vowing tweeting reiterating recalling
    charging boasting boast boasts boasted brag brags bragged bragging reiterate reiterates
    reiterated repeated repeats mentioned mentions blamed blames answered testified testifies
    charge charges charged blame quoted quotes quote
    """
)

#: Reporting verbs that assert only with the particle after them: "pointed out that", "points
#: to the figures"; not "the point", "points scored".
PARTICLE_VERBS: dict[str, frozenset[str]] = {
    "point": frozenset(["out", "to"]),
    "points": frozenset(["out", "to"]),
    "pointed": frozenset(["out", "to"]),
    "pointing": frozenset(["out", "to"]),
}

#: Phrases that carry a reporting verb in the infinitive: "went on to say", "continued to insist";
#: the subject before them speaks.
CATENATIVE_PHRASES: tuple[str, ...] = (
    "went on",
    "goes on",
    "go on",
    "continued",
    "continues",
    "continue",
    "proceeded",
    "began",
    "begins",
    "rushed",
    "hastened",
    "was quick",
    "were quick",
    "is quick",
    "are quick",
    "took to twitter",
    "takes to twitter",
    "took to facebook",
    "was prompted",
    "is continuing",
    "are continuing",
    "went out of his way",
    "went out of her way",
    "went out of their way",
    "made a point",
)

#: Participles that report speech after a main clause: "X called for a ban, saying ...".
SPEECH_PARTICIPLES: frozenset[str] = frozenset(
    w for w in REPORTING_VERBS if w.endswith("ing") and w not in ("understanding", "finding")
) | frozenset(["pointing"])


#: Reporting verbs that mean the speaker denies or rejects something said before.
DENIAL_VERBS: frozenset[str] = words(
    """
    deny denies denied denying reject rejects rejected rejecting dismiss dismisses dismissed
    dismissing refute refutes refuted dispute disputes disputed contradict contradicts
    contradicted rebut rebuts rebutted опроверг опровергла опровергли опровергло опровергает
    опровергают отверг отвергла отвергли отвергло отвергает отвергают
    """
)

#: Reporting verbs that present a figure as an estimate.
ESTIMATE_VERBS: frozenset[str] = words(
    """
    estimate estimates estimated calculate calculates calculated forecast forecasts predicted
    """
)

#: Reporting verbs that may come before their subject: "..., said Wang Lin", "», — сказал Волков".
INVERTED_VERBS: frozenset[str] = words(
    """
    said says say added adds wrote writes continued noted insisted warned explained asked
    declared argued asserted countered acknowledged admitted observed remarked stressed
    cautioned predicted complained answered announced agreed tweeted quipped
    recalled replied responded conceded stated reports notes recalls tweets explains argues
    declares insists warns
    заявил заявила заявили заявило сказал сказала сказали
    сказало сообщил сообщила сообщили сообщило отметил отметила отметили отметило подчеркнул
    подчеркнула подчеркнули добавил добавила добавили пояснил пояснила пояснили уточнил уточнила
    написал написала написали рассказал рассказала заверил заверила признал признала считает
    считают передает передаёт пишет пишут сообщает сообщают утверждает утверждают заявляет
    заявляют
    """
)

#: Verbs that say the outlet itself holds unnamed sources ("The Mail understands", "has learned").
ANONYMOUS_SOURCING_VERBS: frozenset[str] = frozenset(
    ["understands", "understood", "learned", "learnt"]
)

#: Words that may stand between a subject and its reporting verb ("has also said before").
AUXILIARIES: frozenset[str] = words(
    """
    has have had will would could can may might should must shall did does do also previously
    later again earlier repeatedly separately further already had then now once still recently
    publicly privately reportedly initially first last has've not never cannot can't won't
    didn't doesn't don't
    long since ever often always frequently just
    """
)

#: A form of "to be" before a reporting verb makes it passive ("are estimated to", "is said to").
BE_FORMS: frozenset[str] = frozenset(
    ["is", "are", "was", "were", "be", "been", "being", "'s", "'re"]
)

#: Participles that describe a source rather than act as its verb ("people briefed on the talks").
DESCRIPTIVE_PARTICIPLES: frozenset[str] = words(
    """
    briefed involved informed acquainted based linked affiliated allied tasked named authorized
    authorised assigned connected concerned appointed elected backed supported sanctioned
    published released unsealed issued leaked obtained seen reviewed filed cited quoted
    conducted commissioned funded run owned state-run state-owned polled surveyed questioned
    interviewed asked registered likely retired unnamed unidentified unsigned unaligned
    unpledged undecided uncommitted unaffiliated undisclosed unelected
    """
)

#: Reporting verbs in Russian (past tense in all genders and numbers, and the present).
RUSSIAN_REPORTING_VERBS: frozenset[str] = words(
    """
    заявил заявила заявили заявило заявляет заявляют сказал сказала сказали сказало сообщил
    сообщила сообщили сообщило сообщает сообщают отметил отметила отметили отметило подчеркнул
    подчеркнула подчеркнули подчеркнуло добавил добавила добавили пояснил пояснила пояснили
    указал указала указали считает считают признал признала признали рассказал рассказала
    рассказали написал написала написали пишет утверждает утверждают утверждал утверждала
    опроверг опровергла опровергли опровергло отверг отвергла отвергли отвергло назвал назвала
    назвали назвало предупредил предупредила предупредили передает передаёт заверил заверила
    уточнил уточнила констатировал констатировала обвинил обвинила обвинили сообщило оценил
    оценила оценили
    """
)

# --- Phrases -------------------------------------------------------------------------------------

#: Phrases that put the source after them: "according to four people familiar with the discussions".
ACCORDING_TO: tuple[str, ...] = (
    "according to",
    "as reported by",
    "по словам",
    "по данным",
    "по информации",
    "по оценкам",
    "по оценке",
    "по мнению",
    "по сведениям",
)

#: A speaker that relays others ("X reported, citing two sources", "«Вёрстка» со ссылкой на
#: источники") reports at second hand; the phrase ends the speaker's name.
CITING: tuple[str, ...] = ("citing", "со ссылкой на", "ссылаясь на")

#: Russian "как сообщили в X," / "как заявил X,": the source follows the verb.
RUSSIAN_AS_PREFIX: tuple[str, ...] = ("как",)

#: Russian phrase that attributes the previous sentence: "Об этом заявил ... Сергей Волков."
RUSSIAN_BACK_REFERENCE: tuple[str, ...] = ("об этом", "это", "такое мнение", "такую оценку")

#: Phrases that mark an issued statement rather than speech.
STATEMENT_MARKERS: tuple[str, ...] = (
    "in a statement",
    "said a statement",
    "a statement from",
    "a statement by",
    "statement said",
    "in a press release",
    "in a news release",
    "in a communique",
    "in a communiqué",
    "in a written statement",
    "in a joint statement",
    "в заявлении",
    "в своем заявлении",
    "в своём заявлении",
    "в сообщении",
    "пресс-служба",
)

#: Phrases that say the outlet itself speaks from unnamed sources, with no subject.
IMPERSONAL_ANONYMOUS: tuple[str, ...] = (
    "it is understood",
    "it was understood",
    "it is believed",
    "it is thought",
    "it is claimed",
    "it has emerged",
    "it is reported",
    "it was reported",
    "it has been reported",
    "it had been reported",
    "it is alleged",
    "it was alleged",
    "it has been alleged",
    "it was claimed",
    "it was believed",
    "известно, что",
)

#: Sentences that only say someone did not speak: never a claim.
NO_COMMENT_PHRASES: tuple[str, ...] = (
    "declined to comment",
    "declined to be interviewed",
    "did not respond to a request",
    "did not respond to requests",
    "did not immediately respond",
    "didn't respond to",
    "could not be reached",
    "couldn't be reached",
    "did not return",
    "отказался от комментариев",
    "отказалась от комментариев",
    "не ответил на запрос",
)

#: Adverbs that mark an assertion as someone else's, without naming them.
HEDGES: frozenset[str] = words(
    """
    allegedly reportedly purportedly supposedly apparently suspected alleged estimated believed
    thought expected likely unlikely probably possibly may might could appears appeared seems
    seemed предположительно якобы вероятно возможно ориентировочно примерно около
    """
)

#: Words that make an unattributed sentence an allegation worth countering.
ALLEGATION_MARKERS: frozenset[str] = words(
    """
    allegedly reportedly purportedly supposedly suspected alleged accused accusations accusation
    якобы предположительно обвиняют обвинили
    """
)

# --- Who speaks ----------------------------------------------------------------------------------

#: Head nouns of a group described without names: "four people familiar with the discussions".
DESCRIBED_SOURCE_HEADS: frozenset[str] = words(
    """
    people person persons official officials source sources insider insiders diplomat diplomats
    aide aides adviser advisers advisor advisors traders trader experts expert observers
    witnesses witness residents resident friends friend allies ally colleagues colleague figures
    figure members member lawmakers lawmaker executives executive employees employee staffers
    staff analysts analyst economists economist investors banker bankers officers officer
    someone others another insiders individuals individual participants participant negotiators
    negotiator источник источника источники источников собеседник собеседника собеседники
    собеседников эксперт эксперта эксперты экспертов аналитик аналитики аналитиков осведомленный
    researchers researcher scientists scientist strategists strategist respondents voters
    critics opponents supporters delegates attendees pollsters activists organizers organisers
    """
)

#: Phrases that describe an unnamed source: their presence makes a described group anonymous.
ANONYMITY_PHRASES: tuple[str, ...] = (
    "familiar with",
    "with knowledge of",
    "with direct knowledge",
    "briefed on",
    "close to",
    "who asked not to be identified",
    "who asked not to be named",
    "who declined to be named",
    "who declined to be identified",
    "on condition of anonymity",
    "who requested anonymity",
    "speaking on condition",
    "not authorized to",
    "not authorised to",
    "in the know",
    "со ссылкой на",
    "на условиях анонимности",
    "пожелавший остаться неизвестным",
    "знакомый с ситуацией",
    "знакомые с ситуацией",
)

#: Professions whose members speak for a named firm ("analysts at Morgan Finch").
AFFILIATED_PROFESSIONS: frozenset[str] = words(
    """
    analysts analyst economists economist strategists strategist researchers researcher
    scientists scientist experts expert
    """
)

#: Titles and words of office dropped from in front of a person's name.
TITLE_WORDS: frozenset[str] = words(
    """
    president vice prime minister deputy foreign defense defence secretary adviser advisor
    national security senator sen sen. rep rep. representative gov gov. governor general gen
    gen. lt lt. col col. colonel major admiral adm adm. chancellor ambassador spokesman
    spokeswoman spokesperson director chief chairman chairwoman chair ceo mayor king queen
    prince princess pope dr dr. mr mr. mrs mrs. ms ms. mx sir dame lord lady sheriff judge
    justice attorney commissioner inspector officer captain capt capt. sergeant sgt press
    housing health trade finance interior home economy energy culture education transport labor
    labour treasury state commerce agriculture environment executive founder head leader speaker
    premier then-president former acting interim senior junior assistant under-secretary
    undersecretary permanent special envoy counsel solicitor prosecutor minister's
    defense-minister first second county city district federal regional provincial economic
    chief-executive coach manager professor prof prof. rabbi reverend rev rev. father bishop
    archbishop cardinal sheikh emir crown заместитель замглавы министр министра глава главы
    пресс-секретарь представитель официальный официальная председатель директор посол президент
    премьер-министр спикер вице-премьер помощник советник генсек генеральный секретарь
    руководитель
    """
)

#: Courtesy titles that say the bearer is a person: "Mr Hale", "Ms Marsh".
COURTESY_TITLES: frozenset[str] = frozenset(
    ["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "dr", "dr.", "sir", "dame"]
)

#: Lower-case particles inside names: "Liesje van Dam", "Ursula von der Leyen".
NAME_PARTICLES: frozenset[str] = words(
    """
    van von der de del della di da dos das du le la bin ibn al el ter den ten
    """
)

#: Words that head the name of a government body.
GOVERNMENT_HEADS: frozenset[str] = words(
    """
    ministry ministries department government administration kremlin pentagon embassy consulate
    police army military navy forces force council parliament senate congress commission cabinet
    presidency prosecutors prosecutor's regulator regulators treasury bundestag duma white-house
    office office's agency authorities authority court courts judiciary state-department mission
    command guard coastguard guards service services directorate bureau secretariat governorate
    municipality mayor's legislature assembly junta regime state министерство министерства
    министерстве минобороны мид кремль кремля кремле госдепартамент госдепартамента
    правительство правительства ведомство ведомства пресс-служба администрация администрации
    посольство генштаб генпрокуратура прокуратура полиция армия минздрав минфин минюст мвд фсб
    следственный
    """
)

#: Names of government bodies that do not end in a head noun.
GOVERNMENT_NAMES: tuple[str, ...] = (
    "white house",
    "downing street",
    "no 10",
    "number 10",
    "whitehall",
    "kremlin",
    "pentagon",
    "state department",
    "foreign office",
    "home office",
    "elysee",
    "élysée",
    "quai d'orsay",
    "fbi",
    "cia",
    "nsa",
    "dhs",
    "doj",
    "sec",
    "ftc",
    "fda",
    "cdc",
    "nhtsa",
    "mi5",
    "mi6",
    "gchq",
    "ofcom",
    "ofgem",
    "the treasury",
    "мид",
    "кремль",
    "минобороны",
)

#: Countries and capitals that act as governments ("Russia said", "Washington warned").
COUNTRY_ALIASES: dict[str, str] = {
    "u.s.": "us",
    "us": "us",
    "u.s": "us",
    "usa": "us",
    "united states": "us",
    "america": "us",
    "american": "us",
    "americans": "us",
    "washington": "us",
    "white house": "us",
    "pentagon": "us",
    "state department": "us",
    "сша": "us",
    "вашингтон": "us",
    "вашингтона": "us",
    "госдепартамент": "us",
    "russia": "russia",
    "russian": "russia",
    "russians": "russia",
    "moscow": "russia",
    "kremlin": "russia",
    "россия": "russia",
    "россии": "russia",
    "рф": "russia",
    "москва": "russia",
    "москвы": "russia",
    "кремль": "russia",
    "кремля": "russia",
    "российский": "russia",
    "российская": "russia",
    "российское": "russia",
    "u.k.": "uk",
    "uk": "uk",
    "britain": "uk",
    "british": "uk",
    "united kingdom": "uk",
    "london": "uk",
    "downing street": "uk",
    "whitehall": "uk",
    "великобритании": "uk",
    "молдавия": "moldova",
    "молдавии": "moldova",
    "молдова": "moldova",
    "moldova": "moldova",
    "белоруссии": "belarus",
    "беларуси": "belarus",
    "казахстана": "kazakhstan",
    "казахстан": "kazakhstan",
    "грузии": "georgia",
    "армении": "armenia",
    "азербайджана": "azerbaijan",
    "турции": "turkey",
    "германии": "germany",
    "франции": "france",
    "израиля": "israel",
    "ирана": "iran",
    "японии": "japan",
    "индии": "india",
    "польши": "poland",
    "великобритания": "uk",
    "ukraine": "ukraine",
    "ukrainian": "ukraine",
    "kyiv": "ukraine",
    "kiev": "ukraine",
    "украина": "ukraine",
    "украины": "ukraine",
    "киев": "ukraine",
    "syria": "syria",
    "syrian": "syria",
    "damascus": "syria",
    "сирия": "syria",
    "сирии": "syria",
    "сирийской": "syria",
    "сирийский": "syria",
    "china": "china",
    "chinese": "china",
    "beijing": "china",
    "китай": "china",
    "китая": "china",
    "iran": "iran",
    "iranian": "iran",
    "tehran": "iran",
    "israel": "israel",
    "israeli": "israel",
    "france": "france",
    "french": "france",
    "paris": "france",
    "germany": "germany",
    "german": "germany",
    "berlin": "germany",
    "netherlands": "netherlands",
    "dutch": "netherlands",
    "the hague": "netherlands",
    "armenia": "armenia",
    "armenian": "armenia",
    "yerevan": "armenia",
    "azerbaijan": "azerbaijan",
    "azerbaijani": "azerbaijan",
    "baku": "azerbaijan",
    "venezuela": "venezuela",
    "venezuelan": "venezuela",
    "caracas": "venezuela",
    "turkey": "turkey",
    "turkish": "turkey",
    "ankara": "turkey",
    "india": "india",
    "indian": "india",
    "pakistan": "pakistan",
    "pakistani": "pakistan",
    "japan": "japan",
    "japanese": "japan",
    "tokyo": "japan",
    "korea": "korea",
    "korean": "korea",
    "seoul": "korea",
    "pyongyang": "north korea",
    "north korea": "north korea",
    "saudi": "saudi arabia",
    "riyadh": "saudi arabia",
    "qatar": "qatar",
    "egypt": "egypt",
    "egyptian": "egypt",
    "cairo": "egypt",
    "poland": "poland",
    "polish": "poland",
    "warsaw": "poland",
    "belarus": "belarus",
    "belarusian": "belarus",
    "minsk": "belarus",
    "georgia": "georgia",
    "georgian": "georgia",
    "tbilisi": "georgia",
    "eu": "eu",
    "european union": "eu",
    "brussels": "eu",
    "nato": "nato",
}

#: Heads and names that make a speaker a media outlet.
MEDIA_HEADS: frozenset[str] = words(
    """
    newspapers publication publications journalism outlets networks newsletter
    newspaper paper daily tabloid broadcaster network channel magazine website outlet radio
    television tv news agency's newswire wire times post telegraph guardian journal herald
    tribune gazette mail mirror sun express independent observer chronicle economist monitor
    kommersant izvestia vedomosti pravda interfax tass издание издания газета газеты агентство
    агентства телеканал телеканала радиостанция портал
    """
)

#: Media nouns that make a speaker an outlet even in lower case: "State television reported".
GENERIC_MEDIA_HEADS: frozenset[str] = words(
    """
    television tv radio newspaper broadcaster broadcasters media channel daily tabloid magazine
    website outlet newswire телевидение телеканал газета издание радио сми publication
    publications newspapers outlets
    """
)

MEDIA_NAMES: tuple[str, ...] = (
    "reuters",
    "associated press",
    "ap",
    "afp",
    "agence france-presse",
    "bloomberg",
    "bloomberg news",
    "tass",
    "ria novosti",
    "ria",
    "interfax",
    "bbc",
    "cnn",
    "nbc",
    "cbs",
    "abc",
    "fox news",
    "fox",
    "msnbc",
    "cnbc",
    "pbs",
    "c-span",
    "new york times",
    "washington post",
    "wall street journal",
    "usa today",
    "los angeles times",
    "sun-times",
    "huffington post",
    "huffpost",
    "buzzfeed",
    "propublica",
    "the hill",
    "the atlantic",
    "new yorker",
    "national review",
    "weekly standard",
    "breitbart",
    "drudge report",
    "daily caller",
    "the federalist",
    "free beacon",
    "washington free beacon",
    "daily beast",
    "washington examiner",
    "western journalism",
    "the blaze",
    "business insider",
    "forbes",
    "realclearpolitics",
    "fivethirtyeight",
    "gallup",
    "pew",
    "pew research",
    "pew research center",
    "quinnipiac",
    "rasmussen",
    "monmouth",
    "marist",
    "ipsos",
    "yougov",
    "morning consult",
    "public policy polling",
    "edison research",
    "cook political report",
    "vox",
    "slate",
    "npr",
    "politico",
    "axios",
    "al jazeera",
    "rt",
    "sputnik",
    "xinhua",
    "global times",
    "itv",
    "sky news",
    "the mail",
    "the sun",
    "the times",
    "the guardian",
    "the telegraph",
    "kommersant",
    "izvestia",
    "vedomosti",
    "meduza",
    "novaya gazeta",
    "тасс",
    "риа новости",
    "интерфакс",
    "коммерсантъ",
    "известия",
    "ведомости",
)

#: Documents that carry claims of their own: "according to a new book", "a report in X claimed".
DOCUMENT_HEADS: frozenset[str] = words(
    """
    book report reports study survey poll document documents memo memorandum letter filing
    filings indictment data figures statistics records emails cables transcript analysis
    assessment dossier investigation leaked paper papers review audit article articles footage
    video recording research census estimate estimates публикация публикации доклад доклада
    данные отчет отчёт исследование polls polling surveys studies memos letters analyses
    projection projections forecast forecasts index indexes model models numbers results
    statement statements release releases lawsuit suit complaint ruling order
    agreement regulations rules brief briefs affidavit testimony ad ads advertisement
    commercial tweet tweets post posts website platform findings photos pictures images
    videos filings average averages tally count counts editorial editorials column columns
    story stories biography documentary probe email e-mail cable rankings leak leaks
    """
)

#: Documents that are publications: their source is reported as an outlet.
PUBLICATION_HEADS: frozenset[str] = words(
    """
    book report study article review paper dossier investigation доклад публикация
    """
)

#: Heads of organisations that are not government bodies.
ORGANISATION_HEADS: frozenset[str] = words(
    """
    company firm group party union association organisation organization foundation institute
    bank corporation charity campaign coalition alliance federation movement network consultancy
    consortium club team university hospital church observatory trust fund league committee
    publisher manufacturer maker carmaker airline retailer operator producer lender insurer inc
    inc. corp corp. ltd ltd. llc plc ag sa nv gmbh co co. holdings motors airlines airways
    technologies systems industries energy pharmaceuticals group's partners capital brokers
    books press media labs center centre centers centres university college school academy
    laboratory компания компании партия партии фонд организация организации банк концерн
    """
)

#: Names of organisations and parties that do not end in a head noun.
ORGANISATION_NAMES: tuple[str, ...] = (
    "labour",
    "the conservatives",
    "conservatives",
    "tories",
    "the tories",
    "lib dems",
    "liberal democrats",
    "snp",
    "reform uk",
    "democrats",
    "republicans",
    "gop",
    "hamas",
    "hezbollah",
    "the taliban",
    "taliban",
    "isis",
    "amnesty international",
    "human rights watch",
    "red cross",
    "united nations",
    "un",
    "u.n.",
    "who",
    "opcw",
    "iaea",
    "imf",
    "world bank",
    "opec",
    "nato",
    "eu",
    "european union",
    "european commission",
    "единая россия",
    "оон",
    "нато",
)

#: Phrases that name a group after a description: "a group calling itself Cyber Av3ngers".
NAMING_PHRASES: tuple[str, ...] = (
    "calling itself",
    "calling themselves",
    "known as",
    "called",
    "named",
    "под названием",
)

#: Spokespeople speak for a body: what they say is an official statement.
SPOKESPERSON_WORDS: frozenset[str] = words(
    """
    spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen representative
    press-secretary пресс-секретарь представитель
    """
)

# --- Pronouns and counts -------------------------------------------------------------------------

PERSONAL_PRONOUNS: frozenset[str] = words("he she он она")
#: "It said" stands for the last body that spoke.
BODY_PRONOUNS: frozenset[str] = words("it оно")
PLURAL_PRONOUNS: frozenset[str] = words("they они")
OBJECT_PRONOUN_GROUPS: frozenset[str] = words("them those these")
#: Russian "по его словам": possessive pronouns that stand for the last speaker.
RUSSIAN_POSSESSIVES: dict[str, str] = {"его": "he", "ее": "she", "её": "she", "их": "they"}

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a dozen": 12,
    "dozen": 12,
    "both": 2,
    "один": 1,
    "одного": 1,
    "два": 2,
    "двух": 2,
    "три": 3,
    "трех": 3,
    "трёх": 3,
    "четыре": 4,
    "четырех": 4,
    "пять": 5,
    "пяти": 5,
}

#: Words that open a described group of unnamed people: "many Republicans", "most voters".
GROUP_QUANTIFIERS: frozenset[str] = words(
    """
    many most some several few other others numerous various more fewer majority minority
    half nearly almost about roughly just only some all those
    """
)

#: Quantity words that make an unattributed sentence a checkable claim.
QUANTITY_WORDS: frozenset[str] = words(
    """
    dozens hundreds thousands millions billions trillions tens percent per cent half third
    quarter majority minority most few several two three four five six seven eight nine ten
    eleven twelve twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
    billion trillion double doubled tripled halved record десятки сотни тысячи тысяч миллионы
    миллионов миллиард миллиарда миллиардов процентов процента половина треть
    """
)

# --- Counters ------------------------------------------------------------------------------------

#: Nouns that stand for a claim when a denial refers back to it: "denied the report".
CLAIM_NOUNS: dict[str, str] = {
    "report": "report",
    "reports": "report",
    "reporting": "report",
    "story": "report",
    "stories": "report",
    "article": "report",
    "book": "report",
    "passage": "report",
    "account": "claim",
    "claim": "claim",
    "claims": "claim",
    "allegation": "claim",
    "allegations": "claim",
    "accusation": "claim",
    "accusations": "claim",
    "charge": "claim",
    "charges": "claim",
    "assertion": "claim",
    "assertions": "claim",
    "suggestion": "claim",
    "suggestions": "claim",
    "idea": "claim",
    "notion": "claim",
    "statement": "claim",
    "statements": "claim",
    "version": "claim",
    "speculation": "claim",
    "study": "report",
    "findings": "report",
    "research": "report",
    "figures": "report",
    "rumours": "claim",
    "rumors": "claim",
    "сообщения": "report",
    "сообщение": "report",
    "публикацию": "report",
    "публикации": "report",
    "обвинения": "claim",
    "сведения": "report",
    "информация": "report",
    "слухи": "claim",
    "заявления": "claim",
    "утверждения": "claim",
    "информацию": "claim",
    "данные": "claim",
}

#: Phrases that contradict what was said, without a denial verb.
CONTRADICTION_PHRASES: tuple[str, ...] = (
    "no evidence",
    "not true",
    "untrue",
    "false",
    "baseless",
    "groundless",
    "unfounded",
    "fabricated",
    "fabrication",
    "fake",
    "a lie",
    "an outright lie",
    "lies",
    "nonsense",
    "staged",
    "never happened",
    "never uttered",
    "did not happen",
    "does not recognise",
    "does not recognize",
    "no such",
    "exaggerated",
    "inflated",
    "overstated",
    "inaccurate",
    "incorrect",
    "misleading",
    "distorted",
    "преувеличен",
    "преувеличены",
    "не соответствует действительности",
    "не соответствуют действительности",
    "утка",
    "фейк",
    "ложь",
    "вымысел",
    "никаких",
    "провокация",
)

#: Negations that, with the accused party speaking, make a statement a denial.
NEGATIONS: frozenset[str] = words(
    """
    not no never nothing none neither nor n't не нет никогда ни никаких
    """
)

#: Function words left out when comparing what two claims are about.
STOPWORDS: frozenset[str] = words(
    """
    a an the and or but if of to in on at by for with from as into onto over under about after
    before between through during without within against among is are was were be been being has
    have had do does did will would could can may might should must shall it its it's this that
    these those there their they them he she his her him we our us you your i me my not no never
    also than then so such very more most much many some any all each other another which who
    whom whose what when where why how said says say told tell according while including since
    until up out off down just only still even now new last first one two three four five s t mr
    ms mrs week year years month months day days today yesterday monday tuesday wednesday
    thursday friday saturday sunday и в во не на что с со по к о об от за из у же как это его ее
    её их он она они мы вы для до при был была были быть уже также ранее
    """
)
