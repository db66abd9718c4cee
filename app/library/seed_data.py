"""Phrase banks for the demo library: what health-care social media teams actually write about.

Every organisation, person and number is invented. No text here may look like patient
information (no names with ages, record numbers, dates of birth, phone numbers or addresses):
the privacy guard would hold it, and ``tests/library/test_seed.py`` checks that it does not.
"""

from __future__ import annotations

from typing import NamedTuple


class Subject(NamedTuple):
    slug: str  # a topic slug from library.curation.DEFAULT_TOPICS
    phrases: tuple[str, ...]  # noun phrases that fit "A guide to …"
    why: tuple[str, ...]  # paragraphs: why it matters
    checklist: tuple[str, ...]
    steps: tuple[str, ...]
    mistakes: tuple[str, ...]
    tags: tuple[str, ...]


class Platform(NamedTuple):
    slug: str
    name: str
    formats: tuple[str, ...]
    tips: tuple[str, ...]
    help_url: str
    tags: tuple[str, ...]


SUBJECTS: tuple[Subject, ...] = (
    Subject(
        "patient-privacy",
        (
            "patient privacy on social media",
            "HIPAA-safe posting",
            "consent for patient stories",
            "photos and video in clinical areas",
            "replying to patients who post about their care",
            "privacy reviews before a post goes live",
        ),
        (
            "Most privacy incidents on hospital accounts are not leaks of records: they are a photo "
            "with a whiteboard in the background, a reply that confirms someone was a patient, or a "
            "well-meant thank-you post that names a ward and a date. Each of them can be a breach.",
            "Patients and families share their own stories freely. That does not give the hospital "
            "the same freedom: the moment our account confirms a person received care, we have "
            "disclosed protected information, however kind the intention.",
            "A clear routine protects staff as much as patients. When everyone knows which posts need "
            "a second pair of eyes and where consent forms live, people stop guessing and stop "
            "posting from their own phones in the corridor.",
            "Regulators and journalists read our feeds too. A single screenshot of a careless reply "
            "travels further than a year of careful posts, so the privacy check belongs in the "
            "workflow, not in someone's memory.",
        ),
        (
            "Written consent on the current form, signed before any filming starts",
            "Backgrounds checked for screens, whiteboards, wristbands and name badges",
            "No room numbers, bed numbers or unit names that narrow down who is pictured",
            "Children photographed only with a parent or guardian's signed consent",
            "Location tags switched off for anything filmed inside a clinical area",
            "Replies never confirm or deny that someone is or was a patient",
            "Reviews and complaints moved to a private channel within one working day",
            "Consent forms stored where the team can find them for the life of the post",
            "Staff told which colleague to ask when they are unsure",
            "Old posts reviewed when a patient withdraws consent",
        ),
        (
            "Decide who may approve posts that show patients, and write their names down",
            "Use one consent form for photo, video and quotes, and say where it will be used",
            "Walk the space before filming and remove anything with a name or a number on it",
            "Film, then review every frame at full size before it leaves the device",
            "Store the signed form with the original files, not in someone's inbox",
            "Publish from the organisation's tools, never from a personal phone",
            "Log the post, the consent reference and the approver in the content calendar",
            "Set a review date and take the post down when consent expires",
        ),
        (
            "Thanking a patient by name in a reply to their public post",
            "Sharing a staff celebration photo with a patient list on the wall behind",
            "Assuming a verbal yes from a family is enough for a video",
            "Reposting a patient's story without asking, because it was already public",
            "Letting a vendor's film crew work without a staff escort",
        ),
        ("hipaa", "consent", "photo release", "privacy review"),
    ),
    Subject(
        "crisis-communication",
        (
            "crisis communication on social media",
            "the first hour of a crisis",
            "holding statements that hold",
            "social media during a weather emergency",
            "responding to a viral complaint",
            "rumour control during an outbreak",
        ),
        (
            "In a crisis the public looks to our accounts before our website, and often before the "
            "local news. Silence for an hour reads as either ignorance or concealment, and someone "
            "else will fill it.",
            "A crisis plan that lives in a binder does not survive the first phone call. What works is "
            "a short playbook that names who posts, who approves, and what we say in the first fifteen "
            "minutes when we know almost nothing.",
            "Most of our crises are ordinary: a power cut, a closed entrance, a long wait in the "
            "emergency department that someone filmed. Practising on small events makes the large "
            "ones manageable.",
            "Social media is also where we listen. The questions people ask in the comments tell us "
            "what the next update must answer, long before the press office hears them.",
        ),
        (
            "A named on-call lead for social media every day of the year",
            "Approved holding statements for the ten most likely incidents",
            "A pinned post template for closures, diversions and visiting changes",
            "Scheduled posts paused within minutes of an incident",
            "A single source of truth page that every post links to",
            "Updates at a promised interval, even when nothing has changed",
            "Comment monitoring rota for the first twenty-four hours",
            "A rule that clinicians do not post about the incident from personal accounts",
            "A debrief within a week, with changes to the playbook",
        ),
        (
            "Pause every scheduled post and campaign",
            "Confirm the facts you can share with the incident lead",
            "Publish the approved holding statement within fifteen minutes",
            "Pin the post and point to one page for updates",
            "Tell staff what has been said and where to send questions",
            "Monitor comments and collect recurring questions for the next update",
            "Post updates at the interval you promised",
            "Close the incident publicly when it is over and thank people for their patience",
        ),
        (
            "Waiting for complete information before saying anything",
            "Deleting critical comments, which becomes a second story",
            "Letting a cheerful scheduled post go out in the middle of an incident",
            "Posting different wording on each platform",
            "Arguing with individuals in public threads",
        ),
        ("crisis plan", "holding statement", "rapid response", "incident"),
    ),
    Subject(
        "physician-voice",
        (
            "a physician presence online",
            "helping clinicians post with confidence",
            "physician-led video",
            "expert commentary on social media",
            "professional boundaries for clinicians online",
        ),
        (
            "People trust their clinicians more than they trust institutions. A short video from a "
            "paediatric nurse about fevers does more than any campaign graphic, provided it is "
            "accurate and the clinician is supported.",
            "Clinicians who post in a personal capacity still carry the hospital's name in the "
            "public mind. Clear guidance lets them speak freely about their expertise while keeping "
            "away from individual patients and clinical advice.",
            "The best physician accounts answer the questions patients actually ask. The comms team "
            "can help by sharing what people search for and which posts raised follow-up questions.",
        ),
        (
            "A short guide on what clinicians may post about, and what they may not",
            "Media training that covers short video, not only press interviews",
            "A verified profile or a clear bio line stating the clinician's role",
            "No individual medical advice in replies, with a standard wording to redirect",
            "A way to flag harassment and get support quickly",
            "Credit for social media work in professional development reviews",
            "Sources linked for every claim about evidence",
        ),
        (
            "Find two or three clinicians who already want to post and start with them",
            "Agree topics with each one: their specialty, common myths, prevention",
            "Offer a one-hour session on filming with a phone and writing captions",
            "Record a batch of short answers in one afternoon",
            "Review the first few posts together, then step back",
            "Share results with the clinicians every month",
            "Add new volunteers when the first group is comfortable",
        ),
        (
            "Expecting busy clinicians to write long posts",
            "Approving every post so slowly that the moment has passed",
            "Leaving clinicians alone when a post attracts abuse",
            "Asking clinicians to promote services rather than share expertise",
        ),
        ("clinicians", "media training", "expert video", "myth busting"),
    ),
    Subject(
        "employee-advocacy",
        (
            "employee advocacy",
            "staff ambassador programmes",
            "recruitment through your own staff",
            "celebrating colleagues on social media",
            "social media guidelines for staff",
        ),
        (
            "Our staff are our most credible voices. A nurse sharing why she loves her unit reaches "
            "more potential recruits than a job advert, and readers believe her.",
            "Advocacy works when it is voluntary and easy. Ambassadors need good content to share, "
            "a clear idea of what is off limits, and thanks for their effort.",
            "Guidelines for staff should be short enough to read on a break. Most people want to do "
            "the right thing; they need examples more than rules.",
        ),
        (
            "A one-page staff social media guideline with examples",
            "An opt-in ambassador group with a monthly content pack",
            "Shareable posts that work without editing",
            "A reminder that staff never post about patients, even without names",
            "Recognition for ambassadors in staff newsletters",
            "A simple way for staff to send in good news stories",
            "Recruitment links with tracking so you can count applications",
        ),
        (
            "Ask managers to nominate people who already post about their work",
            "Hold a short welcome session and explain the guidelines with real examples",
            "Send a weekly or monthly pack of posts, images and suggested captions",
            "Track shares and applications with tagged links",
            "Thank ambassadors publicly and share results with them",
            "Refresh the group each year and invite new volunteers",
        ),
        (
            "Making advocacy compulsory for a department",
            "Sending content that reads like an advert",
            "Forgetting night shifts and weekend staff when inviting people",
            "Measuring only likes instead of applications and enquiries",
        ),
        ("ambassadors", "recruitment", "staff guidelines", "culture"),
    ),
    Subject(
        "measurement",
        (
            "measuring social media results",
            "a monthly social media report leaders read",
            "metrics that matter for hospital accounts",
            "tracking appointments and applications from social",
            "benchmarking against peer hospitals",
        ),
        (
            "Reach and likes are easy to report and rarely change a decision. Leaders want to know "
            "whether social media filled a clinic, recruited nurses, or answered questions that "
            "would otherwise reach the call centre.",
            "Good measurement starts before the post: decide what a campaign is for, pick one or two "
            "measures that show it, and tag every link so the website can tell you what happened.",
            "A report that fits on one page gets read. Put the outcome first, the trend second, and "
            "the platform detail in an appendix for the team.",
        ),
        (
            "One objective per campaign, written before the first post",
            "Tagged links on every post that leads to the website",
            "A baseline from the previous quarter for every measure",
            "Outcome measures first: bookings, applications, sign-ups, calls avoided",
            "Engagement rate rather than raw likes when comparing posts",
            "Sentiment notes from comments, not only numbers",
            "A one-page monthly summary with three recommendations",
        ),
        (
            "Agree the campaign objective with the service that asked for it",
            "Choose one outcome measure and one or two supporting measures",
            "Set up tagged links and a simple dashboard before launch",
            "Record a baseline for the same period last year",
            "Review weekly during the campaign and adjust what is not working",
            "Write a short summary with what you would repeat and what you would drop",
        ),
        (
            "Reporting follower growth as success on its own",
            "Comparing a paid post with an organic one without saying so",
            "Changing the measures halfway through a campaign",
            "Sending leaders the platform's raw export",
        ),
        ("analytics", "reporting", "kpis", "tagged links"),
    ),
    Subject(
        "policy-and-governance",
        (
            "social media governance",
            "account ownership and access",
            "approval workflows that do not slow you down",
            "a social media policy for a health system",
            "retiring old and unofficial accounts",
        ),
        (
            "Many health systems discover dozens of accounts in their name: a clinic page from 2014, "
            "a fundraising event account, a department that made its own profile. Each is a risk if "
            "nobody can log in when something goes wrong.",
            "Governance is not bureaucracy. It is knowing who owns each account, who can reach it in "
            "an emergency, and how a post gets approved when the usual approver is on leave.",
            "A policy earns respect when it is short, recent and used. Review it every year and "
            "after every incident.",
        ),
        (
            "A register of every account, its owner and its backup owner",
            "Two-factor authentication on every account, with shared recovery details held safely",
            "Access removed on the day someone leaves the team",
            "A documented approval route for sensitive posts",
            "A process for requesting a new account, with criteria",
            "An archive of posts kept for the retention period your records policy sets",
            "Annual review of the policy, signed off by communications and compliance",
        ),
        (
            "Search every platform for accounts using the organisation's name or logo",
            "Contact the people running each account and agree who will own it",
            "Move credentials into the organisation's password manager",
            "Close or merge accounts that nobody needs",
            "Write down the approval route and publish it on the intranet",
            "Schedule the annual review in the team calendar",
        ),
        (
            "Letting an agency own the login for a main account",
            "Using one shared password for everything",
            "Writing a policy nobody outside the comms team has read",
            "Keeping accounts open because closing them feels awkward",
        ),
        ("governance", "account security", "approvals", "policy"),
    ),
    Subject(
        "public-health-campaigns",
        (
            "public health campaigns on social media",
            "vaccination campaigns that reach hesitant audiences",
            "seasonal flu messaging",
            "working with community partners online",
            "plain-language health messages",
        ),
        (
            "Public health messages compete with everything else in a feed. The campaigns that work "
            "are specific, local, and delivered by people the audience already trusts.",
            "Hesitant audiences rarely change their minds because of a statistic. They respond to a "
            "neighbour, a pharmacist or a nurse they recognise answering the question they actually "
            "have.",
            "Partners multiply reach. Faith groups, schools, sports clubs and local employers will "
            "share accurate content if it is ready to use and clearly not an advert.",
        ),
        (
            "One clear action per post: book, walk in, ask your pharmacist",
            "Messages tested with a few people from the audience before launch",
            "Content translated by people, not only by machines",
            "A partner pack with images, captions and links",
            "Answers prepared for the five most common questions",
            "Sources linked for every health claim",
            "A plan for correcting misinformation in the comments",
        ),
        (
            "Define the audience as narrowly as you can",
            "Ask a few people from that audience what worries them",
            "Write the core message in plain language, then test it",
            "Recruit trusted messengers and record short videos with them",
            "Prepare a partner pack and send it two weeks before launch",
            "Launch, answer questions daily, and update the frequently asked questions",
            "Measure bookings or attendance, not only views",
        ),
        (
            "Writing for clinicians instead of the public",
            "Using the same creative for every community",
            "Leaving misinformation unanswered in your own comments",
            "Launching without an easy way to act on the message",
        ),
        ("vaccination", "flu season", "community partners", "plain language"),
    ),
    Subject(
        "patient-stories",
        (
            "patient stories",
            "telling patient stories with dignity",
            "storytelling for health systems",
            "patient and family advisers on social media",
            "video testimonials",
        ),
        (
            "A patient's own words explain a service better than any description we write. They also "
            "carry responsibility: the person must understand where the story will appear and for "
            "how long.",
            "The strongest stories are not about the hospital. They are about the person, their "
            "family and what mattered to them, with the care team in a supporting role.",
            "Stories need aftercare. Comments can be kind or cruel, and the person deserves to know "
            "we will moderate them and take the story down if they change their mind.",
        ),
        (
            "Informed consent that explains platforms, duration and comments",
            "A chance for the patient to see the final edit before publication",
            "No clinical details beyond what the patient chooses to share",
            "Comment moderation plan agreed before posting",
            "A contact person the patient can reach if they change their mind",
            "Captions and transcripts for every video",
        ),
        (
            "Find stories through patient experience teams and advisers, not only clinicians",
            "Meet the person first without a camera and explain the process",
            "Agree what will and will not be included",
            "Film in a place they choose, with a family member if they wish",
            "Share the edit and make the changes they ask for",
            "Publish, moderate comments, and check in with them a week later",
        ),
        (
            "Choosing only miracle stories",
            "Editing a story until it sounds like an advert",
            "Forgetting to tell the care team before the story goes out",
            "Keeping a story up after the person asked for it to be removed",
        ),
        ("storytelling", "patient voice", "testimonials", "consent"),
    ),
    Subject(
        "accessibility",
        (
            "accessible social media",
            "captions and alt text",
            "plain language on social media",
            "accessible graphics and colour",
            "accessible video for health information",
        ),
        (
            "Health information that cannot be read, heard or understood does not reach the people "
            "who often need it most. Accessibility is part of getting the message right.",
            "Most accessibility work is habit: alt text on every image, captions on every video, "
            "camel case in hashtags, and text that is not trapped inside a graphic.",
            "Plain language helps everyone, including people reading on a small screen in a waiting "
            "room, people reading in their second language, and people who are unwell or worried.",
        ),
        (
            "Alt text on every image, describing what matters in the picture",
            "Captions on every video, checked by a person",
            "Hashtags written in camel case",
            "Important information in the post text, not only in the image",
            "Colour contrast checked for graphics",
            "No more than two or three emoji, placed at the end",
            "Reading level checked for key messages",
        ),
        (
            "Add alt text fields to your content calendar template",
            "Switch on automatic captions and budget time to correct them",
            "Create graphic templates that pass contrast checks",
            "Test key messages with a reading-level tool",
            "Ask disability advocates to review your main campaigns",
            "Audit a month of posts every quarter and share what you find",
        ),
        (
            "Posting a poster as an image with no text version",
            "Trusting automatic captions without checking medical terms",
            "Using colour alone to show meaning in charts",
            "Writing alt text that only repeats the caption",
        ),
        ("alt text", "captions", "plain language", "inclusion"),
    ),
    Subject(
        "community-management",
        (
            "community management",
            "moderating comments on a hospital page",
            "a reply bank for common questions",
            "handling reviews and complaints online",
            "dealing with trolls and abuse",
        ),
        (
            "Every comment is read by many more people than the one who wrote it. A calm, quick and "
            "helpful reply shows the whole audience how we treat people.",
            "Most comments fall into a handful of types: parking, visiting hours, waiting times, "
            "thanks, and complaints. A reply bank for each saves time and keeps the tone consistent.",
            "Moderation needs published house rules. When we hide a comment, we should be able to "
            "point to the rule it broke.",
        ),
        (
            "House rules published on every platform",
            "A reply bank for the most common questions",
            "Response times agreed for weekdays, evenings and weekends",
            "A route to patient relations for complaints",
            "Keyword filters for abuse and spam",
            "A log of hidden and deleted comments with the reason",
            "Support for staff who are targeted by abuse",
        ),
        (
            "Read three months of comments and group them by type",
            "Write a reply for each type and have it approved",
            "Publish house rules and link to them from profile bios",
            "Set up keyword filters and check them monthly",
            "Agree a route for complaints and clinical questions",
            "Review the reply bank every quarter",
        ),
        (
            "Copying the same reply to every complaint",
            "Hiding criticism that does not break the house rules",
            "Replying with clinical advice in public",
            "Leaving weekend comments until Monday",
        ),
        ("moderation", "reply bank", "reviews", "house rules"),
    ),
)

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        "facebook",
        "Facebook",
        ("page posts", "events", "groups", "live video", "reels"),
        (
            "Facebook remains where many patients and families look for closures, visiting changes and "
            "events.",
            "Use events for screenings and classes: people can add them to their calendars and get "
            "reminders.",
            "Community groups run by local parents or patients are powerful partners; ask admins before "
            "posting.",
            "Live video works for question-and-answer sessions with clinicians; promote it a few days ahead.",
            "Check the page's messaging settings so automated replies give opening hours and urgent-care "
            "advice.",
            "Keep the page's about section current with the main number's web page and emergency advice.",
        ),
        "https://www.facebook.com/business/help",
        ("facebook page", "events"),
    ),
    Platform(
        "x",
        "X",
        ("posts", "threads", "live updates"),
        (
            "X is where journalists and local officials look first during incidents; keep posts factual and "
            "timely.",
            "Threads let you post updates under one original message, so people can follow an incident in "
            "order.",
            "Pin the latest update during an incident and unpin it when the incident closes.",
            "Keep a list of local media, emergency services and partner accounts to monitor.",
            "Short posts with a link to a full update page work better than long explanations.",
        ),
        "https://help.x.com/",
        ("x", "live updates"),
    ),
    Platform(
        "linkedin",
        "LinkedIn",
        ("company page posts", "articles", "newsletters", "employee shares"),
        (
            "LinkedIn suits recruitment, research news and leadership voices rather than service updates.",
            "Posts shared by staff reach far more people than the company page alone.",
            "Articles by clinical leaders about innovation and quality perform well with peers and partners.",
            "Use the careers features to link open roles to stories from the teams that are hiring.",
            "Tag partner organisations and researchers so the post reaches their networks.",
        ),
        "https://www.linkedin.com/help/linkedin",
        ("linkedin", "recruitment"),
    ),
    Platform(
        "youtube",
        "YouTube",
        ("long videos", "shorts", "playlists", "premieres"),
        (
            "YouTube is a search engine: title videos with the question people type, not the service name.",
            "Playlists by condition or procedure help patients prepare for an appointment.",
            "Shorts can answer one common question in under a minute and point to a longer video.",
            "Add chapters and accurate captions; both help people find the part they need.",
            "Health sources can apply for the platform's health source information panels where eligible.",
        ),
        "https://support.google.com/youtube",
        ("video", "shorts"),
    ),
    Platform(
        "instagram",
        "Instagram",
        ("feed posts", "reels", "stories", "carousels"),
        (
            "Instagram rewards people over buildings: show the teams, with their consent, not the car park.",
            "Carousels work well for step-by-step health advice; put the key message on the first slide.",
            "Stories are right for time-limited news such as a clinic closing early or a blood drive today.",
            "Reels reach beyond followers; keep them short and add captions for people watching without "
            "sound.",
            "Use the link in bio page to point to the campaign you are running this month.",
        ),
        "https://help.instagram.com/",
        ("reels", "stories"),
    ),
    Platform(
        "tiktok",
        "TikTok",
        ("short videos", "duets", "stitches", "live"),
        (
            "TikTok audiences respond to real people explaining things simply, not to polished adverts.",
            "Stitching a misleading video with a clinician's calm correction can reach the same audience.",
            "Agree in advance what clinicians may film on site: never patients, screens or paperwork.",
            "Trends are optional; useful answers to common questions age better.",
            "Check comments closely in the first hours after posting; that is when most arrive.",
        ),
        "https://support.tiktok.com/",
        ("short video", "myth busting"),
    ),
)

ORG_TYPES = (
    "a community hospital",
    "a children's hospital",
    "an academic medical centre",
    "a rural health system",
    "a regional health board",
    "a patient association",
    "a professional society",
    "a health nonprofit",
)
EVENTS = (
    "flu season",
    "heart month",
    "breast cancer awareness month",
    "nurses week",
    "mental health week",
    "a new hospital opening",
    "a hospital merger",
    "winter pressures",
    "a heatwave",
    "measles exposures",
)
AUDIENCES = (
    "parents of young children",
    "older adults",
    "teenagers",
    "new nurses",
    "carers",
    "rural families",
    "Spanish-speaking families",
    "people living with diabetes",
    "expectant parents",
)
ROLES = (
    "social media manager",
    "chief communications officer",
    "emergency physician",
    "paediatric nurse",
    "patient experience lead",
    "digital marketing manager",
    "privacy officer",
    "community health worker",
    "infection prevention nurse",
    "recruitment lead",
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Title templates by kind; {subject}: a subject phrase; {platform}: a platform name.
TITLES: dict[str, tuple[str, ...]] = {
    "guide": (
        "A practical guide to {subject}",
        "{subject_cap}: a best-practice guide for hospital teams",
        "{subject_cap} on {platform}: what works",
        "Getting started with {subject}",
        "{subject_cap} in ten steps",
        "The essentials of {subject} for small teams",
        "{platform} for health systems: {subject}",
        "How we approach {subject}",
    ),
    "toolkit": (
        "{subject_cap} toolkit",
        "Toolkit: {subject} on {platform}",
        "Social media toolkit for {event}",
        "{subject_cap}: templates, checklists and sample posts",
        "Ready-to-use posts for {event}",
    ),
    "policy_template": (
        "Policy template: {subject}",
        "Social media policy template for {org_type}",
        "Template: consent form for patient photos and video",
        "Staff social media guidelines (editable template)",
        "Approval workflow template for {subject}",
        "Template: account register and access log",
    ),
    "case_study": (
        "Case study: {subject} at {org_type}",
        "How {org_type} handled {event} on {platform}",
        "Case study: what {event} taught our team about {subject}",
        "From zero to a working routine: {subject} at {org_type}",
    ),
    "webinar": (
        "Webinar recording: {subject}",
        "Recording: {platform} for hospitals, with {a_role}",
        "Webinar: {subject} in practice",
        "Member call recording: lessons from {event}",
    ),
    "research": (
        "What {count} hospital social media teams told us about {subject}",
        "Survey results: {subject} across the network",
        "Benchmark report: {platform} for health systems",
        "Research summary: {subject} and public trust",
    ),
    "link": (
        "{platform} help centre: features for organisations",
        "External reading: {subject}",
        "Useful link: {platform} guidance for health organisations",
    ),
    "other": (
        "Glossary: social media terms for clinicians",
        "Reply bank: answers to common comments",
        "Checklist: {subject}",
        "One-page reminder: {subject}",
    ),
}

SUMMARIES: dict[str, tuple[str, ...]] = {
    "guide": (
        "Step-by-step advice on {subject}, with a checklist and the mistakes we see most often.",
        "What good practice in {subject} looks like, written for teams of one to five people.",
        "A guide to {subject} drawn from member organisations' experience, with platform notes for "
        "{platform}.",
    ),
    "toolkit": (
        "Templates, sample posts and a checklist you can adapt for your own organisation.",
        "Everything a small team needs for {event}: sample posts, image specs and a posting plan.",
    ),
    "policy_template": (
        "An editable template covering {subject}; adapt it with your legal and compliance teams.",
        "A starting point for your own policy, with notes on the choices you will need to make.",
    ),
    "case_study": (
        "How one member organisation approached {subject}, what happened, and what they would change.",
        "A member's account of {event}: the plan, the results and the lessons for other teams.",
    ),
    "webinar": (
        "Recording and notes from a member webinar on {subject}, with questions from the audience.",
        "{a_role_cap} shares how their team works on {platform}; recording, slides summary and takeaways.",
    ),
    "research": (
        "Findings from a survey of {count} member teams on {subject}, with implications for practice.",
        "Benchmarks and trends from member organisations, with notes on method and limitations.",
    ),
    "link": (
        "A useful external resource on {subject}, with our notes on how members use it.",
        "Official platform guidance, with notes on the features most useful to health organisations.",
    ),
    "other": (
        "A short reference for busy teams.",
        "A one-page reminder to print or pin in your team channel.",
    ),
}

INTROS: tuple[str, ...] = (
    "This {kind_label} grew out of questions members asked on our monthly calls. It is written for "
    "communications teams in {org_type} and similar organisations.",
    "We wrote this after comparing notes with several member organisations. Adapt it to your own "
    "policies and check anything legal with your compliance team.",
    "Small teams asked for something they could use on a Monday morning. This is our attempt: short, "
    "practical and honest about what is hard.",
    "The advice here comes from member teams who have tried it, including the things that did not work "
    "the first time.",
)

CASE_CHALLENGES: tuple[str, ...] = (
    "Our team of three was running eleven accounts, several of which nobody could log in to. During "
    "{event} we needed to post quickly and found we could not.",
    "Before {event}, we posted announcements and little else. Comments went unanswered for days and "
    "the same questions kept arriving at the switchboard.",
    "Leaders wanted to know whether social media was worth the time. We had follower counts and not "
    "much else to show them.",
    "Clinicians wanted to speak up about {subject}, but had no guidance and were worried about "
    "getting it wrong.",
)
CASE_APPROACHES: tuple[str, ...] = (
    "We started with a register of every account and closed the ones we did not need.",
    "We agreed a single approval route and named a backup approver for evenings and weekends.",
    "We wrote a reply bank for the ten most common questions and trained two colleagues to use it.",
    "We recruited a small group of clinicians and recorded short answers to common questions.",
    "We tagged every link and built a one-page monthly report for the executive team.",
    "We worked with community partners who shared our posts with their own audiences.",
    "We ran a tabletop exercise using last year's power cut as the scenario.",
)
CASE_LESSONS: tuple[str, ...] = (
    "Start smaller than you think. One platform done well beats five done badly.",
    "Write things down. The plan only worked because people could find it at two in the morning.",
    "Share results with the people who made the content. It kept them involved.",
    "Budget time for comments. Posting is the easy part.",
    "Involve compliance early; they became allies once they saw the process.",
    "Plan for the day after the campaign ends, when questions keep arriving.",
)
RESULT_MEASURES: tuple[str, ...] = (
    "Average time to first reply",
    "Engagement rate",
    "Clicks to booking page",
    "Applications from social links",
    "Questions answered in comments",
    "Calls to the switchboard about the topic",
)

RESEARCH_FINDINGS: tuple[str, ...] = (
    "{p1}% of teams have a written approval route for sensitive posts; {p2}% tested it in the last year.",
    "{p1}% say comment moderation takes more time than creating content.",
    "Only {p2}% report outcomes such as bookings or applications to leaders.",
    "{p1}% have at least one account nobody in the team can currently access.",
    "{p1}% of teams include clinicians in their content every month.",
    "{p2}% use captions on every video; {p1}% add alt text to every image.",
    "Teams with a named on-call lead posted their first crisis update a median of {minutes} minutes sooner.",
)

WEBINAR_AGENDA: tuple[str, ...] = (
    "Why {subject} matters now",
    "What our team changed this year",
    "A walk-through of our {platform} routine",
    "Measuring what happened",
    "Questions from members",
)
WEBINAR_QUESTIONS: tuple[tuple[str, str], ...] = (
    (
        "How do you get approvals out of hours?",
        "A named on-call lead and a short list of pre-approved wording.",
    ),
    ("Do you reply to every comment?", "Every question, yes. Not every emoji."),
    (
        "How do you involve clinicians without adding to their workload?",
        "We film several short answers in one session and do the editing ourselves.",
    ),
    ("What do you report to the board?", "Two outcome measures and one story, on a single page."),
    ("How long did it take to set up?", "About three months, mostly waiting for decisions."),
)

POLICY_CLAUSES: tuple[str, ...] = (
    "Only staff named in the account register may publish on behalf of the organisation.",
    "Posts that show patients, visitors or clinical areas require a signed consent form and approval "
    "by a named approver.",
    "Staff posting in a personal capacity must not share information about patients, even without names.",
    "The organisation's accounts do not give individual medical advice; questions are redirected to "
    "appropriate services.",
    "Comments are moderated according to the published house rules; hidden comments are logged with a "
    "reason.",
    "Account credentials are stored in the organisation's password manager and protected by two-factor "
    "authentication.",
    "During an incident, scheduled content is paused and only approved updates are published.",
    "This policy is reviewed every year and after any significant incident.",
)

FURTHER_READING: tuple[tuple[str, str], ...] = (
    ("HHS: HIPAA for professionals", "https://www.hhs.gov/hipaa/for-professionals/index.html"),
    ("CDC: Crisis and Emergency Risk Communication", "https://emergency.cdc.gov/cerc/"),
    ("WHO: Infodemic management", "https://www.who.int/health-topics/infodemic"),
    (
        "W3C: Web Content Accessibility Guidelines overview",
        "https://www.w3.org/WAI/standards-guidelines/wcag/",
    ),
    ("Plain Language Action and Information Network", "https://www.plainlanguage.gov/"),
    ("Network library: how to write a reply bank", "/library"),
)

EDIT_NOTES: tuple[str, ...] = (
    "Added a section on comment moderation",
    "Updated for the latest platform changes",
    "Fixed a broken link and tightened the checklist",
    "Added examples from two more member organisations",
    "Clarified the consent wording after feedback from a privacy officer",
    "Shortened the introduction",
)
EDIT_SECTIONS: tuple[str, ...] = (
    "## Update\n\nSince this was first published, several members have moved approvals into their "
    "content calendar tool. It saves a step and keeps the record in one place.",
    "## A note on comments\n\nKeep an eye on comments in the first two hours after posting. Most questions "
    "arrive then, and a quick answer prevents the same question being asked twenty times.",
    "## From a member\n\n> We printed the checklist and taped it next to the team's desk. New starters "
    "use it on their first day.",
)

RETURN_REASONS: tuple[str, ...] = (
    "Please add the sources for the statistics in the second section, then resubmit.",
    "The photo description mentions a unit and a date; please remove them before we publish.",
)

COLLECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Starter kit for a new hospital social media team",
        "Where to begin when you inherit the accounts: governance, privacy, a reply bank and a first report.",
        (
            "policy-and-governance",
            "patient-privacy",
            "community-management",
            "measurement",
            "crisis-communication",
        ),
    ),
    (
        "Crisis communication essentials",
        "Playbooks, holding statements and lessons from members who have been through it.",
        ("crisis-communication",),
    ),
    (
        "Working with clinicians online",
        "Guides and recordings on physician presence, media training and professional boundaries.",
        ("physician-voice", "employee-advocacy"),
    ),
)
