"""The privacy guard's rules, as data: the words and patterns that make text identify a patient.

Two kinds of rule live here:

- ``PATTERN_RULES``: identifiers that stand alone (record numbers, dates of birth, ages over 89,
  dates of care, Social Security numbers). Each has a ``kind``, a ``reason`` the author reads, a
  regular expression (``{name}`` in it is replaced by ``FRAGMENTS[name]``) and optionally the words
  it ``needs``: a text with none of them is not searched (most posts, quickly).
- The vocabularies the detector combines (``detector.py``, ``people.py``): care events,
  conditions, staff roles, and the context words that tell an organisation's phone line, meeting
  room or venue from a patient's.

Patterns are case-sensitive unless they say ``(?i:...)``. Every quantifier is bounded, so no text
can make a rule backtrack for long. ``tests/privacy/`` has a case for every rule and for the
guidance text it must let through; add one there with every change here.
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """Regex fragments written one after another, separated by white space (none holds a space)."""
    return tuple(text.split())


def alternatives(words: tuple[str, ...]) -> str:
    """``(?:a|b|c)`` from regex fragments, longest first so the longest wins."""
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


# --- Conditions, procedures, care -----------------------------------------------------------

DIAGNOSES = words(
    r"""
    pneumonia cancers? leuka?emia lymphoma melanoma sarcoma myeloma glioma glioblastoma carcinoma tumou?rs? HIV AIDS
    hepatitis(?:\s[ABC])? diabetes COVID(?:-19)? coronavirus influenza (?:the\s)?flu sepsis (?:a\s)?strokes?
    (?:a\s)?heart\sattack heart\sfailure heart\sdisease dementia Alzheimer'?s Parkinson'?s schizophrenia
    bipolar(?:\sdisorder)? depression anxiety PTSD (?:an?\s)?overdose (?:opioid|substance|alcohol)\suse\sdisorder
    addiction alcoholism tuberculosis TB syphilis gonorrh?o?ea chlamydia herpes an?\sSTI an?\sSTD COPD asthma
    (?:kidney|renal|liver|respiratory|organ)\sfailure cirrhosis seizures? epilepsy autism (?:a\s)?concussion
    (?:a\s)?gunshot\swounds? (?:severe\s)?burns MRSA C\.?\s?diff sickle\scell(?:\sdisease|\sanemia)?
    cystic\sfibrosis ALS lupus (?:a\s)?miscarriage (?:a\s)?stillbirth
    an?\s(?:broken|fractured)\s(?:hip|leg|arm|wrist|neck|back|pelvis|skull) (?:a\s)?fracture (?:an?\s)?infection
    anorexia bulimia an?\seating\sdisorder (?:a\s)?brain\sinjury TBI (?:a\s)?spinal\scord\sinjury paralysis
    (?:a\s)?coma multiple\ssclerosis MS muscular\sdystrophy cerebral\spalsy Down\ssyndrome spina\sbifida
    (?:a\s)?heart\sdefect (?:a\s)?congenital\s\w{3,20} preeclampsia gestational\sdiabetes
    (?:a\s)?rare\s(?:disease|disorder|condition|genetic\s\w{3,20}) (?:a\s)?(?:rare\s)?(?:form|type)\sof\s\w{3,20}
    (?:a\s)?(?:blood\s)?clots? (?:an?\s)?aneurysm (?:an?\s)?embolism measles mpox monkeypox ebola meningitis RSV
    shingles Lyme\sdisease Crohn'?s(?:\sdisease)? colitis celiac\sdisease obesity kidney\sstones?
    (?:an?\s)?(?:head|neck|back)\sinjury injuries (?:a\s)?(?:mental\shealth\s)?crisis (?:a\s)?psychotic\sepisode
    psychosis suicidal\sthoughts (?:a\s)?suicide\sattempt (?:a\s)?(?:cardiac|respiratory)\sarrest
    (?:a\s)?chest\spains? (?:a\s)?high\sfever
    (?:an?\s)?(?:collapsed|broken|fractured|torn|ruptured|punctured|perforated|dislocated|burst|blocked|shattered|crushed)\s(?:\w{3,12}\s)?(?:lung|hip|leg|arm|wrist|ankle|knee|shoulder|neck|back|pelvis|skull|ribs?|jaw|spleen|appendix|ACL|MCL|artery|arteries|bowel|kidney|liver|heart|disc|vertebrae?|femur|tibia|spine|eardrum|aorta)
    dehydration (?:a\s)?complications?(?:\s(?:of|from)\s\w{3,20})? progeria (?:a\s)?disability
    (?:an?\s)?(?:illness|disease|disorder|syndrome|condition)
    (?!diagnosis|prognosis|diploma|aroma|academia|empathy|sympathy|apathy|telepathy|osmosis|hypnosis)[a-z]{3,20}(?:itis|omas?|a?emia|osis|pathy|plegia|algia)
    (?:an?\s)?(?:[\w-]{3,12}\s)?(?:accident|crash|collision|fall|wreck) (?:on\s)?bed\srest
    stage\s(?:[0-4]|I{1,3}V?|IV)[abcABC]?(?:\s[a-z]{3,12})? end-stage\s\w{3,15} jaundice
    SIDS sudden\sinfant\sdeath(?:\ssyndrome)?
    broke\s(?:his|her|their|my|a)\s(?:\w{3,12}\s)?(?:hip|leg|arm|wrist|ankle|neck|back|pelvis|skull|ribs?|jaw|femur|collarbone|foot|hand|nose)
    (?:high\sblood\spressure|hypertension|pneumothorax|covid\spneumonia)
    """
)
# Clinical shorthand, matched in capitals only ("ALL" or "PE" in lower case are ordinary words).
CLINICAL_ABBREVIATIONS = words(
    r"""
    CHF CKD ESRD AKI STEMI NSTEMI MI DVT UTI GI\sbleed CVA TIA A-?[Ff]ib AF ARDS DKA SBO NEC RDS PDA VSD HLHS AML CLL
    CML MDS OUD T1D T2D IBD GERD CABG PCI TAVR TAVI ERCP EGD ECT LVAD VAD PICC\sline G-tube NG\stube PEG\stube
    """
)
NOT_DIAGNOSES = r"(?i:diagnosis|prognosis|diploma|aroma|academia|empathy|sympathy|apathy|telepathy|osmosis|hypnosis)"

PROCEDURES = words(
    r"""
    surgery surgeries (?:an?\s)?operation (?:an?\s)?(?:\w{3,12}\s)?transplant (?:an?\s)?amputation chemo(?:therapy)?
    radiation(?:\stherapy)? radiotherapy immunotherapy dialysis
    (?:an?\s)?(?:emergency\s)?(?:C-section|cesarean|caesarean) (?:a\s)?(?:triple\s|quadruple\s)?bypass
    (?:a\s)?biopsy (?:a\s)?stent (?:a\s)?pacemaker (?:an?\s)?(?:hip|knee|joint|valve)\sreplacement
    (?:a\s)?ventilator ECMO intubation resuscitation CPR (?:an?\s)?infusions? (?:a\s)?blood\stransfusion
    (?:a\s)?(?:bone\smarrow|stem\scell)\stransplant (?:a\s)?feeding\stube (?:a\s)?trach(?:eostomy)?
    physical\stherapy rehab(?:ilitation)? (?:a\s)?(?:heart|brain|spine|back)\s\w{0,12}\s?surgery treatment
    (?:a\s)?procedure stitches (?:a\s)?cast IV\santibiotics (?:an?\s)?MRI (?:a\s)?CT\sscan (?:a\s)?scan detox
    [a-z]{2,20}(?:ectomy|otomy|ostomy|oplasty|oscopy) [\w-]{2,15}\stherapy
    (?:(?:his|her|their|a|an|the)\s)?(?:new|donor|donated|transplanted)\s(?:heart|kidney|liver|lungs?|pancreas|cornea|hand|face)
    (?:(?:his|her|their|a|an|the)\s)?(?:kidney|lung|gallbladder|appendix|tumou?r|spleen|uterus|breast|thyroid|ovary|ovaries|colon|leg|foot|arm|toe|tonsils|adenoids|wisdom\steeth|hip|knee|valve)\s(?:removed|replaced|amputated|transplanted|repaired|reattached|out)
    (?:(?:his|her|their|a|an|the)\s)(?:[\w-]{2,15}\s)?(?:removed|replaced|amputated|transplanted|repaired|reattached|reconstructed|pinned|fused)
    (?:an?\s)?(?:[\w-]{3,15}\s)?(?:resection|ligation|ablation|catheteri[sz]ation|reconstruction|excision|debridement|repair|revision|fusion|implant|graft|shunt|embolization|cardioversion|angiogram|angioplasty)
    (?:a\s)?Whipple (?:a\s)?(?:central|PICC|arterial)\sline (?:an?\s)?(?:new\s)?prosthe(?:tic|sis)(?:\s\w{3,8})?
    physio(?:therapy)? occupational\stherapy speech\stherapy appy lap\s(?:appy|chole|band|hernia)
    (?:a\s)?wound\svac (?:a\s)?(?:cardiac\s)?cath
    """
)

# "our unit", "the ICU": where care happens.
CARE_PLACES = words(
    r"""
    ICU NICU PICU CICU CCU ER ED A&E (?:the\s)?emergency\s(?:room|department) intensive\scare(?:\sunit)?
    (?:the\s)?(?:trauma|burn|stroke|cardiac|oncology|maternity|psych(?:iatric)?|behavioral\shealth|detox|cancer|transplant|dialysis|step-down|surgical|medical)\s(?:unit|ward|floor|center|bay)
    L&D labou?r\sand\sdelivery hospice (?:the\s)?hospital (?:a\s)?nursing\shome
    (?:the\s)?operating\s(?:room|theatre|theater) (?:the\s)?OR (?:the\s)?recovery\sroom
    (?:a\s)?rehab(?:ilitation)?\s(?:center|centre|facility|unit|ward) (?:the\s)?burn\s(?:unit|center|centre)
    (?:the\s)?(?:surgical|medical|cardiac|cardiovascular|neuro|neurological|trauma|pediatric|paediatric)\s(?:ICU|intensive\scare)
    SICU MICU CVICU PACU (?:the\s)?birthing\s(?:center|centre|suite) (?:the\s)?(?:step-down|cardiac\sstep-down)
    \d{1,2}\s?(?:North|South|East|West)\b
    """
)

MODIFIERS = words(
    r"""
    a an the his her their stage\s\w{1,4} type\s[12I]{1,2} grade\s\w{1,3} early late terminal acute chronic severe
    advanced metastatic aggressive rare recurrent inoperable incurable serious life-threatening major emergency mild
    sudden massive bad complicated successful long two three breast lung colon prostate skin blood bone brain kidney
    liver heart thyroid bladder stomach throat spine spinal hip knee open-heart heart form\sof type\sof case\sof
    bout\sof bout\swith complications\s(?:of|from) [a-z]{3,14}(?:ic|al|ary|ous|ive)
    """
)

# Verbs that tie a person to care. The passive "was admitted", "was rushed to the ED".
ADMISSION_VERBS = words(
    r"""
    admitted readmitted discharged hospitali[sz]ed intubated extubated sedated ventilated airlifted life-flighted
    rushed transferred resuscitated revived stabili[sz]ed treated diagnosed operated\son induced delivered born
    pronounced\sdead put\son\s(?:a\s)?(?:ventilator|life\ssupport|oxygen|dialysis)
    placed\son\s(?:a\s)?(?:ventilator|life\ssupport|hospice)
    seen\sin\s(?:the\s)?(?:ER|ED|emergency\s(?:room|department)|clinic) checked\sin(?:to)? brought\sin
    (?:taken|moved|brought|sent|flown|wheeled)\s(?:in)?to\s(?:the\s|our\s)?(?:hospital|ER|ED|emergency|ICU|NICU|PICU|CCU|OR|hospice|surgery|intensive\scare)
    cleared\sfor\sdischarge released\sfrom\s(?:the\s)?hospital recovering recuperating resting\scomfortably
    post-?op(?:erative)?(?:\sday\s\d{1,2})? post-?partum in\s(?:stable|critical|serious|fair|good|grave)\scondition
    off\sthe\scritical\slist on\sthe\scritical\slist back\swith\sus paraly[sz]ed
    """
)
# Verbs that tie a person to a condition or procedure that follows them ("has", "underwent").
STATE_VERBS = words(
    r"""
    has had have having with battling battled fighting fought beat beating survived surviving living\swith
    lives\swith lived\swith suffering\sfrom suffers\sfrom suffered(?:\sfrom)? recovering\sfrom recovered\sfrom
    undergoing underwent received receiving needed needs awaiting got getting started finished completed completing
    finishing starting starts began begins developed contracted caught tested\spositive\sfor positive\sfor for
    diagnosed\swith treated\sfor admitted\s(?:for|with) hospitali[sz]ed\s(?:for|with) died\s(?:of|from) dying\sof
    passed\saway\s(?:of|from) lost\s(?:his|her|their)\s(?:battle|fight)\s(?:with|to|against) in\sremission\sfrom
    cured\sof free\sof survivor\sof diagnosis\sof scheduled\sfor prepping\sfor preparing\sfor back\sfrom home\sfrom
    after following since out\sof in survive to\ssurvive overcame overcome overcoming came\sin\swith came\sto\sus\swith
    """
)
# Strong ties: they make even a staff member's or a public figure's name identifying ("was diagnosed
# with", "is having surgery"), where "fighting cancer" or "with cancer patients" may be their work.
STRONG_VERBS = words(
    r"""
    diagnosed\swith admitted\s(?:for|with|to) treated\sfor underwent undergoing having is\shaving had
    recovering\sfrom recovered\sfrom died\s(?:of|from) hospitali[sz]ed\s(?:for|with)
    lost\s(?:his|her|their)\s(?:battle|fight)\s(?:with|to|against) suffering\sfrom suffered tested\spositive\sfor
    in\sremission\sfrom lives\swith living\swith survived survivor\sof
    (?:getting|receiving|being)\s(?:treatment|treated|chemo|care)\s(?:for|at|in)
    """
)
EVENTS = words(
    r"""
    died passed\saway passed\speacefully succumbed is\sdying gave\sbirth welcomed\s(?:a\s)?(?:baby|twins)
    had\s(?:a\s)?(?:baby|twins|triplets) delivered\s(?:a\s)?(?:baby|twins|healthy) went\sinto\slabou?r
    was\sstillborn miscarried coded flatlined rang\sthe\s(?:chemo\s)?bell is\sin\sremission went\sinto\sremission
    is\sterminally\sill is\spregnant is\sexpecting is\sin\shospice is\son\sdialysis is\sin\s(?:a\s)?coma
    is\son\s(?:a\s)?ventilator is\ssuicidal is\sHIV[-\s]positive lost\s(?:his|her|their)\s(?:life|baby|pregnancy)
    took\s(?:his|her|their)\sown\slife underwent undergoing underwent\ssurgery
    came\s(?:in|into\s(?:the\s|our\s)?\w{2,12})\s(?:with|after|for|by\sambulance|unable)
    (?:is|was)\sin\s(?:active\s)?labou?r starts\s(?:chemo|dialysis|radiation|treatment|rehab)
    got\s(?:his|her|their)\sdiagnosis broke\s(?:his|her|their)\s\w{3,12}
    went\sinto\s(?:AF|afib|a-fib|cardiac\sarrest|septic\sshock|shock|respiratory\sfailure|SVT|VT|VF|remission)
    (?:is|was|are|were)\s(?:\w{2,10}\s)?on\s(?:dialysis|a\sventilator|the\sventilator|oxygen|chemo|hospice|life\ssupport|CPAP|BiPAP)
    """
)
# The possessive: "Maria's chemo", "John's surgery".
POSSESSED = words(
    r"""
    diagnosis prognosis surgery chemo(?:therapy)? treatment transplant admission discharge delivery birth death
    passing funeral recovery overdose hospital\sstay ICU\sstay NICU\sstay stay\sin\sthe\s(?:ICU|NICU|hospital) scan
    biopsy test\sresults results cancer tumou?r condition illness injuries injury stroke heart\sattack seizures?
    care\steam medical\steam oncologist surgeon nurses room bed ventilator last\sdays final\sdays
    fight\s(?:with|against) battle\s(?:with|against) journey\swith
    (?:cancer|chemo|transplant|NICU|ICU|PICU|hospital|hospice|rehab|surgery|dialysis|recovery|treatment|leuka?emia|stroke|sickle\scell|diabetes|heart|kidney|liver)\s\w{3,15}
    bone\smarrow blood\swork labs
    """
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
    Princess Queen King Senator Governor Mayor Congressman Congresswoman Representative Pope Duke Duchess Sheriff
    Captain Coach Pastor Rabbi Imam Reverend Chaplain Commissioner
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
STAFF_TITLES = words(
    r"""
    Dr\.? Doctor Drs\.? Prof\.? Professor Nurse RN NP Chaplain Rev\.? Reverend Pastor Rabbi Imam Father Coach
    Senator Sen\.? Rep\.? Representative Congressman Congresswoman Governor Gov\.? President Vice\sPresident
    Secretary Commissioner Mayor Councilmember Councilwoman Councilman Surgeon\sGeneral Judge Justice Minister
    Prime\sMinister King Queen Prince Princess Pope Duke Duchess
    Sheriff Chief Captain Officer Dean CEO CFO COO CMO CNO CIO CTO CMIO CCO CXO VP SVP EVP
    """
)
# Job words: "oncologist Priya Shah", "Priya Shah, our chief of oncology".
STAFF_ROLES = words(
    r"""
    chief director manager officer president chair(?:man|woman|person)? dean head lead leader founder co-founder
    administrator executive supervisor coordinator specialist strategist analyst editor writer author columnist
    reporter journalist correspondent anchor host co-host moderator speaker keynote panelist presenter
    spokes(?:person|woman|man) communicator marketer designer photographer videographer consultant advisor adviser
    expert researcher scientist epidemiologist professor lecturer instructor educator trainer counsel attorney
    lawyer physician doctor surgeon nurse midwife pharmacist therapist dietitian nutritionist paramedic EMT
    technician technologist chaplain social\sworker navigator practitioner [a-z]{3,15}ologist [a-z]{3,12}iatrician
    [a-z]{3,12}ist MD M\.D\. DO RN BSN MSN NP PA-C PA PhD Ph\.D\. MPH MBA FACS FACP FAAP DNP PharmD LCSW CNM CRNA
    APRN MSW MHA CEO CFO COO CMO CNO VP colleague co-?worker staff(?:er)? employee clerk unit\sclerk housekeeper
    aide assistant attendant porter transporter custodian janitor cook chef guard scribe registrar tech medic
    dispatcher interpreter translator liaison advocate agent representative receptionist secretary hire retiree
    member\sof\sour\s\w{2,15}\steam team\smember volunteer intern fellow board\smember trustee ambassador 
    influencer creator blogger podcaster senator governor mayor secretary commissioner actor actress singer recruiter
    star legend icon athlete player champion rapper musician comedian activist philanthropist donors? benefactors?
    footballer cricketer golfer boxer swimmer sprinter olympian quarterback striker goalkeeper skier
      celebrity   astronaut
    """
)
# A relative's word: the name after it is a patient's or a relative's ("my mother-in-law Gloria").
KIN = words(
    r"""
    mom mum mam mama mommy mother dad daddy papa father son daughter wife husband partner fianc[eé]e? boyfriend
    girlfriend grandmother grandma granny gran nana grandfather grandpa granddad grandad gramps granddaughter grandson
    grandchild grandbaby brother sister sibling twin aunt auntie uncle niece nephew cousin stepmom stepmother stepdad
    stepfather stepson stepdaughter godson goddaughter godmother godfather bestie friend neighbou?r co-?worker colleague
    classmate roommate teammate buddy pal bff (?:mother|father|brother|sister|son|daughter)-in-law
    """
)
# Relatives' words from other languages, used without "my" ("tio carlos", "Oma Ingrid").
KIN_ABROAD = words(
    r"""
    t[ií]o t[ií]a abuel[ao] abuelit[ao] mami papi nonn[ao] oma opa babcia dziadek nani dadi bibi
    """
)
# A public figure's own health in the news ("Following the news that Senator X was treated…") is
# public; the same sentence with "our", "we" or "here" is a hospital speaking of its patient.
PUBLIC_TITLES = words(
    r"""
    King Queen Prince Princess Pope Duke Duchess Senator Sen\.? Rep\.? Representative Congressman Congresswoman
    Governor Gov\.? President Vice\sPresident Prime\sMinister Mayor
    """
)
PUBLIC_ROLES = words(
    r"""
    star legend icon athlete player champion rapper musician comedian activist actor actress singer celebrity
    footballer cricketer golfer boxer swimmer sprinter olympian quarterback striker goalkeeper skier
    astronaut influencer
    """
)
PUBLIC_NEWS = words(
    r"""
    news announced announcement revealed publicly public reported reports statement openness open\sabout spoken
    speaks\sout told\sreporters headlines press\srelease memoir interview
    """
)
# Words that say the person is a patient or a patient's relative.
PATIENT_ROLES = words(
    r"""
    patient resident survivor warrior fighter graduate NICU\sgrad(?:uate)? baby little mom mum mother dad father son
    daughter wife husband partner grandmother grandma grandfather grandpa granddaughter grandson brother sister aunt
    uncle niece nephew cousin friend neighbou?r client newborn infant toddler boy girl kiddo in\smemory\sof
    in\shonou?r\sof RIP rest\sin\speace pray(?:ing)?\s(?:hard\s|so\shard\s|extra\s)?for
    prayers\sfor get\swell(?:\ssoon)? #team #prayfor
    thinking\sof thoughts\s(?:are\s)?with sending\s(?:love|hugs|prayers|strength)\sto memory\sof update\son
    name\sis name\swas named \d{1,2}-(?:year|month|week|day)-old
    """
)

# Around a phone number, e-mail or address: the organisation's own line, or a person's.
ORG_CONTACT_CONTEXT = words(
    r"""
    media press news(?:room)? hot\s?line help\s?line line switchboard desk office main appointments? scheduling
    schedule reception front\sdesk call\scent(?:er|re) info(?:rmation)? contact\sus call\sus text\sus reach\sus
    email\sus e-mail\sus write\sto\sus our clinic department cent(?:er|re) crisis toll[-\s]free TTY TDD fax\sus
    inquiries enquiries questions register registration RSVP tickets hospital foundation headquarters HQ venue held
    located location campus building suite auditorium join\sus visit\sus event workshop conference summit meetup
    session seminar training class mail address\sfor HR human\sresources recruit\w{0,4} hiring apply careers?
    jobs? donations? gifts? checks? cheques? offices team support
    service program coordinator opens? opening moved moving relocat\w{1,6} new urgent\scare pharmacy lab store shop
    site facility parking garage entrance drop-off pickup communications marketing public\saffairs
    spokes(?:person|woman|man) Dr\.? MD gala ballroom banquet luncheon dinner reception ceremony celebration party
    picnic fair
    """
)
PERSONAL_CONTACT_CONTEXT = words(
    r"""
    her his their him she he patient's patient’s the\spatient mom'?s? dad'?s? mother'?s? father'?s? wife'?s?
    husband'?s? son'?s? daughter'?s? (?-i:family)'?s? cell mobile home personal lives living resides residence house
    apartment apt emergency\scontact next\sof\skin guardian caregiver private mum'?s? grandma'?s? granny'?s? nana'?s?
    grandpa'?s? brother'?s? sister'?s? aunt'?s? uncle'?s? cousin'?s? family\scontact reach\s(?:her|him|them)
    """
)
MEETING_CONTEXT = words(
    r"""
    workshop meeting conference training session seminar class lecture webinar lunch breakfast boardroom board\sroom
    classroom auditorium breakout venue event held join meet meetup RSVP building hall summit panel huddle
    orientation retreat hackathon presentation talk screening\sevent community\sroom conference\sroom training\sroom
    room\sbooking book\sthe meets meetings drive fair picnic party celebration ceremony group circle course classes
    renovat\w{1,6} closed closure maintenance open\shouse prep basics tour
    """
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
        r"|\d{1,2}/\d{1,2}\b|(?i:the)\s\d{1,2}(?:st|nd|rd|th)\b|(?:Christmas|New\sYear's|Thanksgiving|Easter|Halloween|Valentine's|Mother's|Father's"
        r"|Independence|Memorial|Labor)\s(?:Eve|Day|morning|night))"
    ),
    "care_verb": (
        r"(?i:admitted|readmitted|discharged|hospitali[sz]ed|diagnosed|operated\son|had\s(?:her|his|their)?\s?surgery"
        r"|underwent\s\w{3,20}|died|passed\saway|delivered|gave\sbirth|induced|intubated|transferred|miscarried"
        r"|lost\s(?:my|her|his|their|our)\s(?:baby|son|daughter|pregnancy)"
        r"|date\sof\s(?:admission|discharge|death|service|surgery|procedure|delivery)|admission\sdate|discharge\sdate"
        r"|DOD|DOA|date\sof\sdeath|time\sof\sdeath|surgery\sdate|procedure\sdate)"
    ),
    # a label's number: "00482913", "PM-8843-2291", "XYP 889 201 347"
    "identifier": (
        r"#?\s{0,2}(?=[A-Z0-9 -]{0,24}\d)[A-Z0-9][A-Z0-9-]{1,18}[0-9A-Z]\b(?:[ ][A-Z0-9]{2,6}\b(?![a-z])){0,4}"
    ),
    "insurer": (
        r"(?:Aetna|Cigna|Humana|UHC|UnitedHealthcare|United\sHealthcare|Blue\sCross|Blue\sShield|BCBS|Anthem|Kaiser"
        r"|Molina|Centene|Ambetter|Tricare|TRICARE|Medi-Cal|MassHealth|Oscar|Highmark|Wellcare|CareFirst|Bupa|AXA)"
    ),
    "age_words": (
        r"(?i:ninety(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
        r"|(?:a|one)[-\s]hundred(?:(?:[-\s]and)?[-\s](?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
        r"|\w{3,5}teen|twenty(?:[-\s]\w{3,5})?))?)"
    ),
}

PATTERN_RULES: tuple[dict[str, str], ...] = (
    {
        "kind": "record_number",
        "needs": (
            "mrn mr medical record rec med chart patient pt hospital hosp account acct billing member subscriber policy"
            " plan group insurance beneficiary medicare medicaid mbi claim encounter visit fin device implant pacemaker"
            " pump serial sn s udi license licence certificate nhs vin case admission episode id aetna cigna humana uhc"
            " unitedhealthcare bcbs anthem kaiser molina centene ambetter tricare oscar highmark wellcare carefirst"
            " bupa axa cross shield urn ur nhi chi ihi"
        ),
        "reason": "This looks like a medical record, account, health plan or device number: it identifies a patient.",
        "pattern": (
            r"(?:\b(?i:MRN|M\.R\.N\.?|MR\s?#|MBI|UDI|S/N|acct\.?|serial(?:\s{1,3}(?:number|no\.?|#))?)"
            r"|\b(?i:medical\s{1,3}record|med\.?\s{0,3}rec(?:ord)?\.?|record|chart|patient|pt\.?|hospital|hosp\.?|account"
            r"|billing|member|subscriber|policy|(?:health\s{1,3})?plan|group|insurance|(?:medicare\s{1,3})?beneficiary"
            r"|medicare|medicaid|claim|encounter|visit|case|admission|episode|device|implant|pacemaker|pump|licen[cs]e"
            r"|certificate|NHS|health\s{1,3}card)\s{0,3}(?i:(?:serial\s{1,3})?(?:identifier|id|number|no\.?|num\.?|nbr|#)|serial)"
            r"|\b(?:FIN|VIN|SN|URN|UR|NHI|CHI|IHI)(?=\s{0,3}[#:]?\s{0,3}[A-Z0-9-]{0,12}\d)"
            r"|\b(?:{insurer}|(?i:his|her|their|my|mom's|dad's))\s{1,3}(?:\w{2,12}\s{1,3})?(?i:ID|member\s{1,3}ID|number|no\.?|#))"
            r"\s{0,3}(?:#|:|=|(?i:is|was))?\s{0,3}{identifier}"
        ),
    },
    {
        "kind": "social_security_number",
        "reason": "This looks like a Social Security number.",
        "pattern": (
            r"(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])"
            r"|\b(?i:SSN|SS\s?#|social(?:\s{1,3}security)?(?:\s{1,3}(?:number|no\.?|#))?)\s{0,3}(?:#|:|(?i:is|was))?\s{0,3}\(?"
            r"\d{3}[\s.-]?\d{2}[\s.-]?\d{4}\b"
        ),
    },
    {
        "kind": "date_of_birth",
        "needs": "dob b birth birthdate birthday born",  # "D.O.B." is the words d, o and b
        "reason": "This looks like a date of birth. Only the year may ever be shared.",
        "pattern": (
            r"\b(?i:DOB|D\.O\.B\.?|date\s{1,3}of\s{1,3}birth|birth\s{0,3}date|birthday|born(?:\s{1,3}(?:on|in))?)"
            r"\s{0,3}(?:[:=–-]|(?i:is|was))?\s{0,3}(?:{date}|{month}\.?\s{1,3}\d{1,2}(?:st|nd|rd|th)?\b)"
        ),
    },
    {
        "kind": "age_over_89",
        "needs": (
            "year years yr yrs old age aged turn turns turned turning celebrates celebrated celebrating birthday"
            " centenarian ninety hundred young"
        ),
        "reason": "An age over 89 identifies a patient; say “90 or older” instead.",
        "pattern": (
            r"(?<![\d.])(?:9\d|1[0-2]\d)(?:-|\s)(?i:years?|yrs?)(?:-|\s)(?i:old)\b(?!-?s\b)"
            r"|\b(?i:aged?|turn(?:s|ed|ing)?|celebrat(?:es|ed|ing)\s{1,3}(?:her|his|their))\s{1,3}(?:9\d|1[0-2]\d)\b"
            r"(?!\s{0,3}(?:\+|(?i:and|or|years\s{1,3}and)\s{1,3}(?:older|over|above|up)|[-–]\s{0,2}\d|(?i:to)\s{1,3}\d|(?i:plus)))"
            r"|(?<![\d.])(?:9\d|1[0-2]\d)(?i:st|nd|rd|th)\s{1,3}(?i:birthday)"
            r"|\b(?i:centenarian)\b"
            r"|\b{age_words}[-\s](?i:years?|yrs?)[-\s](?i:old|young)\b(?!-?s\b)"
            r"|\b(?i:aged?|turn(?:s|ed|ing)?)\s{1,3}{age_words}\b"
            r"|\b(?i:ninety[-\s](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))\s{1,3}(?i:birthday)"
            r"|\b(?i:ninetieth|hundredth|(?:one\s)?hundred\s(?:and\s)?\w{3,8}(?:th|st|nd|rd))\s{1,3}(?i:birthday)"
        ),
    },
    {
        "kind": "care_date",
        "needs": (
            "admitted readmitted discharged hospitalized hospitalised diagnosed operated had underwent died passed"
            " delivered gave induced intubated transferred date admission discharge dod doa time surgery procedure"
            " lost miscarried"
        ),
        "reason": "A date tied to someone's care (admission, surgery, discharge, death) helps identify them.",
        "pattern": r"\b{care_verb}\b[^.!?\n]{0,30}?\b(?i:on\s{1,3}|:\s{0,3})?{day}",
    },
)
