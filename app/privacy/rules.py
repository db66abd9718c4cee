"""The privacy guard's rules, as data: the words and patterns that make text identify a patient.

Two kinds of rule live here:

- ``PATTERN_RULES``: identifiers that stand alone (record numbers, dates of birth, ages over 89,
  dates of care, Social Security numbers). Each has a ``kind``, a ``reason`` the author reads and
  a regular expression; ``{name}`` in a pattern is replaced by ``FRAGMENTS[name]``.
- The vocabularies the detector combines (``detector.py``, ``people.py``): care events,
  conditions, staff roles, and the context words that tell an organisation's phone line, meeting
  room or venue from a patient's.

Patterns are case-sensitive unless they say ``(?i:...)``. Every quantifier is bounded, so no text
can make a rule backtrack for long. ``tests/privacy/`` has a case for every rule and for the
guidance text it must let through; add one there with every change here.
"""

from __future__ import annotations


def alternatives(words: tuple[str, ...]) -> str:
    """``(?:a|b|c)`` from regex fragments, longest first so the longest wins."""
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


# --- Conditions, procedures, care -----------------------------------------------------------

DIAGNOSES = (
    r"pneumonia", r"cancers?", r"leuka?emia", r"lymphoma", r"melanoma", r"sarcoma", r"myeloma", r"glioma",
    r"glioblastoma", r"carcinoma", r"tumou?rs?", r"HIV", r"AIDS", r"hepatitis(?:\s[ABC])?", r"diabetes",
    r"COVID(?:-19)?", r"coronavirus", r"influenza", r"(?:the\s)?flu", r"sepsis", r"(?:a\s)?strokes?",
    r"(?:a\s)?heart\sattack", r"heart\sfailure", r"heart\sdisease", r"dementia", r"Alzheimer'?s", r"Parkinson'?s",
    r"schizophrenia", r"bipolar(?:\sdisorder)?", r"depression", r"anxiety", r"PTSD", r"(?:an?\s)?overdose",
    r"(?:opioid|substance|alcohol)\suse\sdisorder", r"addiction", r"alcoholism", r"tuberculosis", r"TB",
    r"syphilis", r"gonorrh?o?ea", r"chlamydia", r"herpes", r"an?\sSTI", r"an?\sSTD", r"COPD", r"asthma",
    r"(?:kidney|renal|liver|respiratory|organ)\sfailure", r"cirrhosis", r"seizures?", r"epilepsy", r"autism",
    r"(?:a\s)?concussion", r"(?:a\s)?gunshot\swounds?", r"(?:severe\s)?burns", r"MRSA", r"C\.?\s?diff",
    r"sickle\scell(?:\sdisease|\sanemia)?", r"cystic\sfibrosis", r"ALS", r"lupus", r"(?:a\s)?miscarriage",
    r"(?:a\s)?stillbirth", r"an?\s(?:broken|fractured)\s(?:hip|leg|arm|wrist|neck|back|pelvis|skull)",
    r"(?:a\s)?fracture", r"(?:an?\s)?infection", r"anorexia", r"bulimia", r"an?\seating\sdisorder",
    r"(?:a\s)?brain\sinjury", r"TBI", r"(?:a\s)?spinal\scord\sinjury", r"paralysis", r"(?:a\s)?coma",
    r"multiple\ssclerosis", r"MS", r"muscular\sdystrophy", r"cerebral\spalsy", r"Down\ssyndrome",
    r"spina\sbifida", r"(?:a\s)?heart\sdefect", r"(?:a\s)?congenital\s\w{3,20}", r"preeclampsia",
    r"gestational\sdiabetes", r"(?:a\s)?rare\s(?:disease|disorder|condition|genetic\s\w{3,20})",
    r"(?:a\s)?(?:rare\s)?(?:form|type)\sof\s\w{3,20}", r"(?:a\s)?(?:blood\s)?clots?", r"(?:an?\s)?aneurysm",
    r"(?:an?\s)?embolism", r"measles", r"mpox", r"monkeypox", r"ebola", r"meningitis", r"RSV", r"shingles",
    r"Lyme\sdisease", r"Crohn'?s(?:\sdisease)?", r"colitis", r"celiac\sdisease", r"obesity", r"kidney\sstones?",
    r"(?:an?\s)?(?:head|neck|back)\sinjury", r"injuries", r"(?:a\s)?(?:mental\shealth\s)?crisis",
    r"(?:a\s)?psychotic\sepisode", r"psychosis", r"suicidal\sthoughts", r"(?:a\s)?suicide\sattempt",
    r"(?:a\s)?(?:cardiac|respiratory)\sarrest", r"(?:a\s)?chest\spains?", r"(?:a\s)?high\sfever",
    r"(?:an?\s)?(?:collapsed|broken|fractured|torn|ruptured|punctured|perforated|dislocated|burst|blocked|shattered|crushed)"
    r"\s(?:\w{3,12}\s)?(?:lung|hip|leg|arm|wrist|ankle|knee|shoulder|neck|back|pelvis|skull|ribs?|jaw|spleen|appendix|ACL|MCL"
    r"|artery|arteries|bowel|kidney|liver|heart|disc|vertebrae?|femur|tibia|spine|eardrum|aorta)",
    r"dehydration", r"(?:a\s)?complications?(?:\s(?:of|from)\s\w{3,20})?", r"progeria", r"(?:a\s)?disability",
    r"(?:an?\s)?(?:illness|disease|disorder|syndrome|condition)",
    # Medical word endings: "-itis", "-oma", "-emia", "-osis", "-pathy"
    r"[a-z]{3,20}(?:itis|omas?|a?emia|osis|pathy|plegia|algia)",
)
NOT_DIAGNOSES = r"(?i:diagnosis|prognosis|diploma|aroma|academia|empathy|sympathy|apathy|telepathy|osmosis|hypnosis)"

PROCEDURES = (
    r"surgery", r"surgeries", r"(?:an?\s)?operation", r"(?:an?\s)?(?:\w{3,12}\s)?transplant", r"(?:an?\s)?amputation",
    r"chemo(?:therapy)?", r"radiation(?:\stherapy)?", r"radiotherapy", r"immunotherapy", r"dialysis",
    r"(?:an?\s)?(?:emergency\s)?(?:C-section|cesarean|caesarean)", r"(?:a\s)?(?:triple\s|quadruple\s)?bypass",
    r"(?:a\s)?biopsy", r"(?:a\s)?stent", r"(?:a\s)?pacemaker", r"(?:an?\s)?(?:hip|knee|joint|valve)\sreplacement",
    r"(?:a\s)?ventilator", r"ECMO", r"intubation", r"resuscitation", r"CPR", r"(?:an?\s)?infusions?",
    r"(?:a\s)?blood\stransfusion", r"(?:a\s)?(?:bone\smarrow|stem\scell)\stransplant", r"(?:a\s)?feeding\stube",
    r"(?:a\s)?trach(?:eostomy)?", r"physical\stherapy", r"rehab(?:ilitation)?", r"(?:a\s)?(?:heart|brain|spine|back)\s\w{0,12}\s?surgery",
    r"treatment", r"(?:a\s)?procedure", r"stitches", r"(?:a\s)?cast", r"IV\santibiotics", r"(?:an?\s)?MRI",
    r"(?:a\s)?CT\sscan", r"(?:a\s)?scan", r"detox",
    r"[a-z]{2,20}(?:ectomy|otomy|ostomy|oplasty|oscopy)", r"[\w-]{2,15}\stherapy",
    r"(?:(?:his|her|their|a|an|the)\s)?(?:new|donor|donated|transplanted)\s(?:heart|kidney|liver|lungs?|pancreas|cornea|hand|face)",
    r"(?:(?:his|her|their|a|an|the)\s)?(?:kidney|lung|gallbladder|appendix|tumou?r|spleen|uterus|breast|thyroid|ovary|ovaries|colon"
    r"|leg|foot|arm|toe|tonsils|hip|knee|valve)\s(?:removed|replaced|amputated|transplanted|repaired|reattached)",
)

# "our unit", "the ICU": where care happens.
CARE_PLACES = (
    r"ICU", r"NICU", r"PICU", r"CICU", r"CCU", r"ER", r"ED", r"A&E", r"(?:the\s)?emergency\s(?:room|department)",
    r"intensive\scare(?:\sunit)?", r"(?:the\s)?(?:trauma|burn|stroke|cardiac|oncology|maternity|psych(?:iatric)?|"
    r"behavioral\shealth|detox|cancer|transplant|dialysis|step-down|surgical|medical)\s(?:unit|ward|floor|center|bay)",
    r"L&D", r"labou?r\sand\sdelivery", r"hospice", r"(?:the\s)?hospital", r"(?:a\s)?nursing\shome",
    r"(?:the\s)?operating\s(?:room|theatre|theater)", r"(?:the\s)?OR", r"(?:the\s)?recovery\sroom",
    r"(?:a\s)?rehab(?:ilitation)?\s(?:center|centre|facility|unit)", r"(?:the\s)?burn\sunit",
)

MODIFIERS = (
    r"a", r"an", r"the", r"his", r"her", r"their", r"stage\s\w{1,4}", r"type\s[12I]{1,2}", r"grade\s\w{1,3}",
    r"early", r"late", r"terminal", r"acute", r"chronic", r"severe", r"advanced", r"metastatic", r"aggressive",
    r"rare", r"recurrent", r"inoperable", r"incurable", r"serious", r"life-threatening", r"major", r"emergency",
    r"mild", r"sudden", r"massive", r"bad", r"complicated", r"successful", r"long", r"two", r"three",
    r"breast", r"lung", r"colon", r"prostate", r"skin", r"blood", r"bone", r"brain", r"kidney", r"liver", r"heart",
    r"thyroid", r"bladder", r"stomach", r"throat", r"spine", r"spinal", r"hip", r"knee", r"open-heart", r"heart",
    r"form\sof", r"type\sof", r"case\sof", r"bout\sof", r"bout\swith", r"complications\s(?:of|from)",
    r"[a-z]{3,14}(?:ic|al|ary|ous|ive)",
)

# Verbs that tie a person to care. The passive "was admitted", "was rushed to the ED".
ADMISSION_VERBS = (
    r"admitted", r"readmitted", r"discharged", r"hospitali[sz]ed", r"intubated", r"extubated", r"sedated",
    r"ventilated", r"airlifted", r"life-flighted", r"rushed", r"transferred", r"resuscitated", r"revived",
    r"stabili[sz]ed", r"treated", r"diagnosed", r"operated\son", r"induced", r"delivered", r"born", r"pronounced\sdead",
    r"put\son\s(?:a\s)?(?:ventilator|life\ssupport|oxygen|dialysis)", r"placed\son\s(?:a\s)?(?:ventilator|life\ssupport|hospice)",
    r"seen\sin\s(?:the\s)?(?:ER|ED|emergency\s(?:room|department)|clinic)", r"checked\sin(?:to)?", r"brought\sin",
    r"(?:taken|moved|brought|sent|flown|wheeled)\s(?:in)?to\s(?:the\s|our\s)?(?:hospital|ER|ED|emergency|ICU|NICU|PICU|CCU|OR|hospice|surgery|intensive\scare)", r"cleared\sfor\sdischarge", r"released\sfrom\s(?:the\s)?hospital",
)
# Verbs that tie a person to a condition or procedure that follows them ("has", "underwent").
STATE_VERBS = (
    r"has", r"had", r"have", r"having", r"with", r"battling", r"battled", r"fighting", r"fought", r"beat",
    r"beating", r"survived", r"surviving", r"living\swith", r"lives\swith", r"lived\swith", r"suffering\sfrom",
    r"suffers\sfrom", r"suffered(?:\sfrom)?", r"recovering\sfrom", r"recovered\sfrom", r"undergoing", r"underwent",
    r"received", r"receiving", r"needed", r"needs", r"awaiting", r"got", r"getting", r"started", r"finished",
    r"completed", r"completing", r"finishing", r"starting", r"starts", r"began", r"begins", r"developed", r"contracted", r"caught", r"tested\spositive\sfor", r"positive\sfor", r"for",
    r"diagnosed\swith", r"treated\sfor", r"admitted\s(?:for|with)", r"hospitali[sz]ed\s(?:for|with)",
    r"died\s(?:of|from)", r"dying\sof", r"passed\saway\s(?:of|from)", r"lost\s(?:his|her|their)\s(?:battle|fight)\s(?:with|to|against)",
    r"in\sremission\sfrom", r"cured\sof", r"free\sof", r"survivor\sof", r"diagnosis\sof", r"scheduled\sfor",
    r"prepping\sfor", r"preparing\sfor", r"back\sfrom", r"home\sfrom", r"after", r"following", r"out\sof", r"in",
    r"survive", r"to\ssurvive", r"overcame", r"overcome", r"overcoming", r"came\sin\swith", r"came\sto\sus\swith",
)
# Strong ties: they make even a staff member's or a public figure's name identifying ("was diagnosed
# with", "is having surgery"), where "fighting cancer" or "with cancer patients" may be their work.
STRONG_VERBS = (
    r"diagnosed\swith", r"admitted\s(?:for|with|to)", r"treated\sfor", r"underwent", r"undergoing", r"having",
    r"is\shaving", r"had", r"recovering\sfrom", r"recovered\sfrom", r"died\s(?:of|from)", r"hospitali[sz]ed\s(?:for|with)",
    r"lost\s(?:his|her|their)\s(?:battle|fight)\s(?:with|to|against)", r"suffering\sfrom", r"suffered", r"tested\spositive\sfor",
    r"in\sremission\sfrom", r"lives\swith", r"living\swith", r"survived", r"survivor\sof",
)
EVENTS = (
    r"died", r"passed\saway", r"passed\speacefully", r"succumbed", r"is\sdying", r"gave\sbirth", r"welcomed\s(?:a\s)?(?:baby|twins)",
    r"had\s(?:a\s)?(?:baby|twins|triplets)", r"delivered\s(?:a\s)?(?:baby|twins|healthy)", r"went\sinto\slabou?r",
    r"was\sstillborn", r"miscarried", r"coded", r"flatlined", r"rang\sthe\s(?:chemo\s)?bell", r"is\sin\sremission",
    r"went\sinto\sremission", r"is\sterminally\sill", r"is\spregnant", r"is\sexpecting", r"is\sin\shospice",
    r"is\son\sdialysis", r"is\sin\s(?:a\s)?coma", r"is\son\s(?:a\s)?ventilator", r"is\ssuicidal", r"is\sHIV[- ]positive",
    r"lost\s(?:his|her|their)\s(?:life|baby|pregnancy)", r"took\s(?:his|her|their)\sown\slife",
)
# The possessive: "Maria's chemo", "John's surgery".
POSSESSED = (
    r"diagnosis", r"prognosis", r"surgery", r"chemo(?:therapy)?", r"treatment", r"transplant", r"admission",
    r"discharge", r"delivery", r"birth", r"death", r"passing", r"funeral", r"recovery", r"overdose", r"hospital\sstay",
    r"ICU\sstay", r"NICU\sstay", r"stay\sin\sthe\s(?:ICU|NICU|hospital)", r"scan", r"biopsy", r"test\sresults", r"results",
    r"cancer", r"tumou?r", r"condition", r"illness", r"injuries", r"injury", r"stroke", r"heart\sattack", r"seizures?",
    r"care\steam", r"medical\steam", r"oncologist", r"surgeon", r"nurses", r"room", r"bed", r"ventilator",
    r"last\sdays", r"final\sdays", r"fight\s(?:with|against)", r"battle\s(?:with|against)", r"journey\swith",
    r"(?:cancer|chemo|transplant|NICU|ICU|PICU|hospital|hospice|rehab|surgery|dialysis|recovery|treatment|leuka?emia"
    r"|stroke|sickle\scell|diabetes|heart|kidney|liver)\s\w{3,15}",
    r"bone\smarrow", r"blood\swork", r"labs",
)
ROOM_WORDS = r"(?i:room|rm\.?|bed|bay|cubicle|ward|pod|crib|isolette|incubator)"

# Where a name is an organisation's, a place's or an event's, not a person's.
NOT_NAME_WORDS = frozenset(
    """
    A About After Again All Also Always Am An And Another Any Are As Ask At Back Be Because Been Before Being Best
    Both But By Can Check Come Congratulations Could Dear Did Do Does Don't Download During Each Even Ever Every
    Few First For From Get Give Go Good Great Had Happy Has Have Having He Hello Help Her Here Hers Hi His How
    However I If In Is It Its Join Just Keep Kudos Last Learn Let Like Look Make Many May Meet More Most Much My
    Never New Next No Not Note Now Of Off Often On Once One Only Or Other Our Out Over Please Post Read Remember
    See Send Share She Should Since So Some Still Such Take Tell Than Thank Thanks That The Their Them Then There
    These They This Those Through To Today Tomorrow Tonight Too Under Until Up Update Upon Us Use Very Via
    Was Watch We Welcome Well Were What When Where Which While Who Why Will With Would Yes Yesterday Yet You Your
    Big Huge Special Shoutout Shout Congrats Breaking Live Video Photo Story Stories Tip Tips Step Steps Why
    Mon Monday Tue Tuesday Wed Wednesday Thu Thursday Fri Friday Sat Saturday Sun Sunday
    January February March April June July August September October November December Jan Feb Mar Apr Jun Jul Aug
    Sep Sept Oct Nov Dec Spring Summer Fall Autumn Winter Christmas Easter Thanksgiving Halloween Hanukkah Ramadan
    Health Healthcare Hospital Hospitals Medical Medicine Center Centre Centers Clinic Clinics Care Network System
    Systems University College School Foundation Society Association Institute Group Partners Memorial General
    Regional Community County City State National American International Children Children's Women's Women Men
    Cancer Heart Lung Brain Kidney Breast Awareness Month Week Day Days Street St Avenue Ave Road Rd Hall Room
    Building Wing Tower Campus Unit Units Department Office Team Teams Program Programs Services Service Media
    Social Facebook Instagram LinkedIn TikTok YouTube Twitter Threads Bluesky Mastodon Pinterest Snapchat Reddit
    Google Microsoft Apple Amazon Zoom Teams Slack Canva Hootsuite Sprout Buffer Later HIPAA GDPR CDC WHO FDA NIH
    Guide Toolkit Policy Template Checklist Playbook Webinar Workshop Conference Summit Forum Panel Podcast Series
    Award Awards Grant Fund Trust Alliance Coalition Council Board Committee Commission Agency Ministry Department
    North South East West Northern Southern Eastern Western Central Upper Lower Greater Little Saint San Santa
    Mount Mt Lake River Valley Park Hill Hills Beach Bay Springs Falls Creek Ridge Harbor Harbour Island Point
    Emergency Intensive Surgery Surgical Oncology Cardiology Pediatrics Paediatrics Maternity Nursing Nurse Nurses
    Patient Patients Family Families Name Names First Last Full Firstname Lastname Surname Person Someone Anyone
    Doctor Doctors Dr Mr Mrs Ms Miss Mx Prof Professor Chief Director Officer Manager President Vice Senior Junior
    Digital Marketing Communications Comms Public Relations Press News Newsroom Blog Website Web Online Internet
    Mental Behavioral Behavioural Physical Primary Urgent Family Rural Urban Global Local Annual Quarterly Daily
    Research Study Studies Trial Trials Journal Review Report Data Quality Safety Privacy Security Compliance
    Black White Asian Hispanic Latino Latina Native Indigenous Pride Juneteenth Veterans Veteran Memorial Labor
    Medicaid Medicare Affordable Act Law Rule Rules Plan Plans Insurance Blue Cross Shield Kaiser Permanente
    Mayo Cleveland Johns Hopkins Mercy Providence Ascension Trinity Baptist Methodist Presbyterian Adventist
    Lutheran Catholic Christian Jewish Sinai Cedars Good Samaritan Shepherd Sacred Holy Saint Sisters Sister
    English Spanish French Chinese Vietnamese Korean Arabic Tagalog Somali Russian Portuguese Haitian Creole
    Stroke Diabetes Alzheimer's Parkinson's Autism Epilepsy Asthma COVID Flu Influenza Vaccine Vaccines Measles
    Q A Q&A FAQ FAQs AI ChatGPT Dear Hope Faith Grace Joy Love Peace Will Mark Bill Pat Art Rose Iris Dawn Eve
    Former Late Current Acting Retired Interim Deputy Assistant Associate Honorable Hon Sir Dame Lady Lord Prince
    Princess Queen King
    """.split()
)
# A capitalised run ending in one of these names a place or an organisation, never a person.
PLACE_ORG_ENDINGS = frozenset(
    """
    Health Healthcare Hospital Hospitals Medical Medicine Center Centre Centers Clinic Clinics Care Network System
    Systems University College School Foundation Society Association Institute Group Partners Memorial General
    Regional Community County City State National Awareness Month Week Day Days Street St Avenue Ave Road Rd Hall
    Room Building Wing Tower Campus Unit Units Department Office Team Program Services Service Media Township Parish
    Village Valley Heights Springs Falls Creek Lane Drive Boulevard Plaza Square Library Church Cathedral Council
    Board Committee Commission Agency Ministry Coalition Alliance Trust Fund Award Awards Conference Summit Forum
    Webinar Workshop Guide Toolkit Policy Template Checklist Playbook Cancer Heart Stroke Diabetes Disease Syndrome
    """.split()
)

# A name right after these is a clinician's, a staff member's or a public figure's.
STAFF_TITLES = (
    r"Dr\.?", r"Doctor", r"Drs\.?", r"Prof\.?", r"Professor", r"Nurse", r"RN", r"NP", r"Chaplain", r"Rev\.?",
    r"Reverend", r"Pastor", r"Rabbi", r"Imam", r"Father", r"Coach", r"Senator", r"Sen\.?", r"Rep\.?",
    r"Representative", r"Congressman", r"Congresswoman", r"Governor", r"Gov\.?", r"President", r"Vice\sPresident",
    r"Secretary", r"Commissioner", r"Mayor", r"Councilmember", r"Councilwoman", r"Councilman", r"Surgeon\sGeneral",
    r"Judge", r"Justice", r"Minister", r"Prime\sMinister", r"Sheriff", r"Chief", r"Captain", r"Officer", r"Dean",
    r"CEO", r"CFO", r"COO", r"CMO", r"CNO", r"CIO", r"CTO", r"CMIO", r"CCO", r"CXO", r"VP", r"SVP", r"EVP",
)
# Job words: "oncologist Priya Shah", "Priya Shah, our chief of oncology".
STAFF_ROLES = (
    r"chief", r"director", r"manager", r"officer", r"president", r"chair(?:man|woman|person)?", r"dean", r"head",
    r"lead", r"leader", r"founder", r"co-founder", r"administrator", r"executive", r"supervisor", r"coordinator",
    r"specialist", r"strategist", r"analyst", r"editor", r"writer", r"author", r"columnist", r"reporter", r"journalist",
    r"correspondent", r"anchor", r"host", r"co-host", r"moderator", r"speaker", r"keynote", r"panelist", r"presenter",
    r"spokes(?:person|woman|man)", r"communicator", r"marketer", r"designer", r"photographer", r"videographer",
    r"consultant", r"advisor", r"adviser", r"expert", r"researcher", r"scientist", r"epidemiologist", r"professor",
    r"lecturer", r"instructor", r"educator", r"trainer", r"counsel", r"attorney", r"lawyer", r"physician", r"doctor",
    r"surgeon", r"nurse", r"midwife", r"pharmacist", r"therapist", r"dietitian", r"nutritionist", r"paramedic",
    r"EMT", r"technician", r"technologist", r"chaplain", r"social\sworker", r"navigator", r"practitioner",
    r"[a-z]{3,15}ologist", r"[a-z]{3,12}iatrician", r"[a-z]{3,12}ist", r"MD", r"M\.D\.", r"DO", r"RN", r"BSN", r"MSN",
    r"NP", r"PA-C", r"PA", r"PhD", r"Ph\.D\.", r"MPH", r"MBA", r"FACS", r"FACP", r"FAAP", r"DNP", r"PharmD", r"LCSW",
    r"CNM", r"CRNA", r"APRN", r"MSW", r"MHA", r"CEO", r"CFO", r"COO", r"CMO", r"CNO", r"VP", r"colleague",
    r"co-?worker", r"staff(?:er)?", r"employee", r"clerk", r"unit\sclerk", r"housekeeper", r"aide", r"assistant", r"attendant",
    r"porter", r"transporter", r"custodian", r"janitor", r"cook", r"chef", r"guard", r"scribe", r"registrar", r"tech",
    r"medic", r"dispatcher", r"interpreter", r"translator", r"liaison", r"advocate", r"agent", r"representative",
    r"receptionist", r"secretary", r"hire", r"retiree", r"member\sof\sour\s\w{2,15}\steam", r"team\smember", r"volunteer", r"intern", r"fellow", r"board\smember", r"trustee",
    r"ambassador", r"champion", r"influencer", r"creator", r"blogger", r"podcaster", r"senator", r"governor",
    r"mayor", r"secretary", r"commissioner", r"actor", r"actress", r"singer", r"athlete", r"player", r"star",
    r"celebrity", r"champion", r"olympian", r"astronaut",
)
# Words that say the person is a patient or a patient's relative.
PATIENT_ROLES = (
    r"patient", r"resident", r"survivor", r"warrior", r"fighter", r"graduate", r"NICU\sgrad(?:uate)?", r"baby",
    r"little", r"mom", r"mum", r"mother", r"dad", r"father", r"son", r"daughter", r"wife", r"husband", r"partner",
    r"grandmother", r"grandma", r"grandfather", r"grandpa", r"granddaughter", r"grandson", r"brother", r"sister",
    r"aunt", r"uncle", r"niece", r"nephew", r"cousin", r"friend", r"neighbou?r", r"client", r"newborn", r"infant",
    r"toddler", r"boy", r"girl", r"kiddo", r"in\smemory\sof", r"in\shonou?r\sof", r"RIP", r"rest\sin\speace",
    r"pray(?:ing)?\sfor", r"prayers\sfor", r"get\swell(?:\ssoon)?", r"#team", r"#prayfor",
)

# Around a phone number, e-mail or address: the organisation's own line, or a person's.
ORG_CONTACT_CONTEXT = (
    r"media", r"press", r"news(?:room)?", r"hot\s?line", r"help\s?line", r"line", r"switchboard", r"desk",
    r"office", r"main", r"appointments?", r"scheduling", r"schedule", r"reception", r"front\sdesk", r"call\scent(?:er|re)",
    r"info(?:rmation)?", r"contact\sus", r"call\sus", r"text\sus", r"reach\sus", r"email\sus", r"e-mail\sus",
    r"write\sto\sus", r"our", r"clinic", r"department", r"cent(?:er|re)", r"crisis", r"toll[- ]free", r"TTY", r"TDD",
    r"fax\sus", r"inquiries", r"enquiries", r"questions", r"register", r"registration", r"RSVP", r"tickets",
    r"hospital", r"foundation", r"headquarters", r"HQ", r"venue", r"held", r"located", r"location", r"campus",
    r"building", r"suite", r"auditorium", r"join\sus", r"visit\sus", r"event", r"workshop", r"conference", r"summit",
    r"meetup", r"session", r"seminar", r"training", r"class", r"mail", r"send", r"address\sfor", r"donations?",
    r"gifts?", r"checks?", r"cheques?", r"offices", r"team", r"support", r"service", r"program", r"coordinator",
    r"opens?", r"opening", r"moved", r"moving", r"relocat\w{1,6}", r"new", r"urgent\scare", r"pharmacy", r"lab",
    r"store", r"shop", r"site", r"facility", r"parking", r"garage", r"entrance", r"drop-off", r"pickup",
    r"communications", r"marketing", r"public\saffairs", r"spokes(?:person|woman|man)", r"Dr\.?", r"MD",
)
PERSONAL_CONTACT_CONTEXT = (
    r"her", r"his", r"their", r"him", r"she", r"he", r"patient's", r"patient’s", r"the\spatient", r"mom'?s?", r"dad'?s?", r"mother'?s?",
    r"father'?s?", r"wife'?s?", r"husband'?s?", r"son'?s?", r"daughter'?s?", r"family'?s?", r"cell", r"mobile",
    r"home", r"personal", r"lives", r"living", r"resides", r"residence", r"house", r"apartment", r"apt",
    r"emergency\scontact", r"next\sof\skin", r"guardian", r"caregiver", r"private",
)
MEETING_CONTEXT = (
    r"workshop", r"meeting", r"conference", r"training", r"session", r"seminar", r"class", r"lecture", r"webinar",
    r"lunch", r"breakfast", r"boardroom", r"board\sroom", r"classroom", r"auditorium", r"breakout", r"venue",
    r"event", r"held", r"join", r"meet", r"meetup", r"RSVP", r"building", r"hall", r"summit", r"panel",
    r"huddle", r"orientation", r"retreat", r"hackathon", r"presentation", r"talk", r"screening\sevent",
    r"community\sroom", r"conference\sroom", r"training\sroom", r"room\sbooking", r"book\sthe",
)

FRAGMENTS = {
    "month": (
        r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
        r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
    ),
    "date": (
        r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b"
        r"|\d{4}-\d{1,2}-\d{1,2}\b"
        r"|{month}\.?\s{1,3}(?:\d{1,2}(?:st|nd|rd|th)?,?\s{1,3})?\d{4}\b"
        r"|\d{1,2}(?:st|nd|rd|th)?\s{1,3}(?:of\s{1,3})?{month}\.?,?\s{1,3}\d{4}\b)"
    ),
    # A day without a year is enough when it dates an admission or a death ("admitted on March 3").
    "day": (
        r"(?:{date}|{month}\.?\s{1,3}\d{1,2}(?:st|nd|rd|th)?\b|\d{1,2}(?:st|nd|rd|th)?\s{1,3}(?:of\s{1,3})?{month}\b"
        r"|\d{1,2}/\d{1,2}\b|(?:Christmas|New\sYear's|Thanksgiving|Easter|Halloween|Valentine's|Mother's|Father's"
        r"|Independence|Memorial|Labor)\s(?:Eve|Day|morning|night))"
    ),
    "care_verb": (
        r"(?i:admitted|readmitted|discharged|hospitali[sz]ed|diagnosed|operated\son|had\s(?:her|his|their)?\s?surgery"
        r"|underwent\s\w{3,20}|died|passed\saway|delivered|gave\sbirth|induced|intubated|transferred"
        r"|date\sof\s(?:admission|discharge|death|service|surgery|procedure|delivery)|admission\sdate|discharge\sdate"
        r"|DOD|DOA|date\sof\sdeath|time\sof\sdeath|surgery\sdate|procedure\sdate)"
    ),
    "identifier": r"#?\s{0,2}(?=[A-Z0-9-]{0,20}\d)[A-Z0-9][A-Z0-9-]{2,18}[0-9A-Z]\b",
}

PATTERN_RULES: tuple[dict[str, str], ...] = (
    {
        "kind": "record_number",
        "reason": "This looks like a medical record, account, health plan or device number, which identifies a patient.",
        "pattern": (
            r"\b(?i:MRN|MR\s?#|medical\s{1,3}record(?:\s{1,3}(?:number|no\.?|num\.?))?|med\.?\s{0,3}rec\.?"
            r"|chart\s{1,3}(?:number|no\.?|#)|patient\s{1,3}(?:id|number|no\.?|identifier|account)|hospital\s{1,3}number"
            r"|account\s{1,3}(?:number|no\.?|num\.?|#)|acct\.?\s{0,3}(?:number|no\.?|#)?|billing\s{1,3}(?:number|id)"
            r"|member\s{1,3}(?:id|number|no\.?)|subscriber\s{1,3}(?:id|number)|policy\s{1,3}(?:number|no\.?|#)"
            r"|(?:health\s{1,3})?plan\s{1,3}(?:id|number|no\.?)|group\s{1,3}(?:number|no\.?)|insurance\s{1,3}(?:id|number|no\.?)"
            r"|beneficiary\s{1,3}(?:id|number)|medicare\s{1,3}(?:id|number|no\.?|#|card)|medicaid\s{1,3}(?:id|number|no\.?|#)"
            r"|MBI|claim\s{1,3}(?:number|no\.?|#|id)|encounter\s{1,3}(?:id|number)|visit\s{1,3}(?:id|number)|FIN"
            r"|(?:device|implant|pacemaker|pump)\s{1,3}(?:id|serial(?:\s{1,3}(?:number|no\.?|#))?)|serial\s{1,3}(?:number|no\.?|#)"
            r"|UDI|licen[cs]e\s{1,3}(?:number|no\.?|#)|certificate\s{1,3}(?:number|no\.?|#)|NHS\s{1,3}number|VIN)"
            r"\s{0,3}(?:#|:|=|(?i:is|was))?\s{0,3}{identifier}"
        ),
    },
    {
        "kind": "social_security_number",
        "reason": "This looks like a Social Security number.",
        "pattern": r"(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])",
    },
    {
        "kind": "date_of_birth",
        "reason": "This looks like a date of birth. Only the year may ever be shared.",
        "pattern": (
            r"\b(?i:DOB|D\.O\.B\.?|date\s{1,3}of\s{1,3}birth|birth\s{0,3}date|birthday|born(?:\s{1,3}(?:on|in))?)"
            r"\s{0,3}(?:[:=–-]|(?i:is|was))?\s{0,3}(?:{date}|{month}\.?\s{1,3}\d{1,2}(?:st|nd|rd|th)?\b)"
        ),
    },
    {
        "kind": "age_over_89",
        "reason": "An age over 89 identifies a patient; say “90 or older” instead.",
        "pattern": (
            r"(?<![\d.])(?:9\d|1[0-2]\d)(?:-|\s)(?i:years?|yrs?)(?:-|\s)(?i:old)\b(?!-?s\b)"
            r"|\b(?i:aged?|turn(?:s|ed|ing)?|celebrat(?:es|ed|ing)\s{1,3}(?:her|his|their))\s{1,3}(?:9\d|1[0-2]\d)\b"
            r"(?!\s{0,3}(?:\+|(?i:and|or|years\s{1,3}and)\s{1,3}(?:older|over|above|up)|[-–]\s{0,2}\d|(?i:to)\s{1,3}\d|(?i:plus)))"
            r"|(?<![\d.])(?:9\d|1[0-2]\d)(?i:st|nd|rd|th)\s{1,3}(?i:birthday)"
            r"|\b(?i:centenarian)\b"
        ),
    },
    {
        "kind": "care_date",
        "reason": "A date tied to someone's care (admission, surgery, discharge, death) helps identify them.",
        "pattern": r"\b{care_verb}\b[^.!?\n]{0,30}?\b(?i:on\s{1,3}|:\s{0,3})?{day}",
    },
)
