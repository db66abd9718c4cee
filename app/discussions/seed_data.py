# ruff: noqa: E501  (prose data: one sentence a line reads better than wrapped fragments)
"""Demo discussion content: what health communicators really ask each other.

``THREADS`` are (category slug, title, opening post, flags); flags may hold "pinned" or a lock
reason under "locked". ``REPLIES`` are answers by category; ``GENERIC_REPLIES`` fit anywhere.
"""

from __future__ import annotations

THREADS: list[tuple[str, str, str, dict[str, str]]] = [
    # --- Getting started ---------------------------------------------------------------
    (
        "getting-started",
        "Welcome! Introduce yourself and your organisation",
        "Tell us who you are, where you work and which channels you look after. "
        "New members often find their first useful contact right here.\n\n"
        "A few house rules: no patient information, ever; be generous with what worked; credit your sources.",
        {"pinned": "1"},
    ),
    (
        "getting-started",
        "How to use the network: library, discussions and notifications",
        "A short tour. **The library** holds guides, templates and case studies shared by members. "
        "**Discussions** are for questions like the ones below. Follow a thread or a whole category to get "
        "notified; choose immediate e-mail, a daily digest or none in your settings.",
        {"pinned": "1", "locked": "A guide thread: ask questions in a new thread so they get answers."},
    ),
    (
        "getting-started",
        "First week as a one-person social team at a rural hospital: where do I start?",
        "I inherited a Facebook page with 4,000 followers, an Instagram nobody posted to since 2021 and no "
        'written policy. Leadership wants "more engagement". What would you do first?',
        {},
    ),
    (
        "getting-started",
        "Which tools do you use for scheduling and approvals?",
        "We are a team of three and approvals happen over e-mail, which is slow. What do you use for "
        "scheduling, approvals and an audit trail that compliance is happy with?",
        {},
    ),
    (
        "getting-started",
        "Building a content calendar around health observances",
        "Every month has a dozen awareness days. How do you choose which ones to cover so the calendar "
        "does not turn into a wall of ribbons?",
        {},
    ),
    (
        "getting-started",
        "Getting clinicians to contribute content without burning them out",
        "Our physicians like the idea of short videos but never have time. Has anyone found a rhythm that works, "
        "for example batch filming once a quarter?",
        {},
    ),
    (
        "getting-started",
        "Accessibility basics for social posts",
        "Alt text, captions, camel-case hashtags, contrast in graphics... Is there a checklist you give to "
        "everyone who posts for your organisation?",
        {},
    ),
    (
        "getting-started",
        "Do you write a separate voice and tone guide for social?",
        "Our brand guide is 60 pages and says nothing about how to sound in a comment reply. Did you write a "
        "short voice guide just for social? What is in it?",
        {},
    ),
    (
        "getting-started",
        "Convincing leadership to fund a second social media position",
        "I have numbers on reach and response times, but the business case keeps stalling. What arguments "
        "worked for you?",
        {},
    ),
    (
        "getting-started",
        "Stock photos vs. real staff and patients",
        "We use stock imagery for most posts because consent forms are a hassle. Is it worth the effort to "
        "photograph real staff? Any numbers?",
        {},
    ),
    (
        "getting-started",
        "Templates for responding to common comments",
        "Where is parking? Why did my bill say X? Are you hiring? I would love a shared set of reply templates "
        "that we can adapt.",
        {},
    ),
    (
        "getting-started",
        "Setting up a social media advisory group with clinicians and patients",
        "We want a small group that reviews campaigns before launch. How many people, how often, and how do "
        "you keep it from becoming a bottleneck?",
        {},
    ),
    (
        "getting-started",
        "Good newsletters and podcasts for health social media people",
        "Which ones do you actually read or listen to? Looking for practical ones, not vendor marketing.",
        {},
    ),
    (
        "getting-started",
        "Handling the hospital page during a merger",
        "We are merging with another system next year. Two Facebook pages, two Instagram accounts, different "
        "audiences. Merge, keep both, or sunset one?",
        {},
    ),
    # --- Patient privacy & policy --------------------------------------------------------
    (
        "patient-privacy-policy",
        "Read first: never post patient information, even in questions here",
        "When you ask for advice about a real situation, describe it generically. No names, dates, room "
        "numbers, photos or anything that could identify a patient. The privacy guard will stop posts that "
        "look risky and send them to a moderator.",
        {"pinned": "1", "locked": "Rules thread: start a new thread with your question."},
    ),
    (
        "patient-privacy-policy",
        "A patient tagged us in a photo from their hospital bed: can we share it?",
        "A grateful patient posted a photo from our oncology unit and tagged us. It is lovely. Can we "
        "reshare it, or do we need a signed authorisation even though they posted it publicly?",
        {},
    ),
    (
        "patient-privacy-policy",
        "Replying to reviews without confirming someone was a patient",
        'Our legal team says we cannot even say "we\'re sorry about your stay" because it confirms they were '
        "a patient. How do you answer negative reviews under HIPAA without sounding like a robot?",
        {},
    ),
    (
        "patient-privacy-policy",
        "Staff social media policy: what do you allow employees to post?",
        "We are rewriting our employee social policy. Nurses posting from the break room, TikTok dances in "
        "scrubs, commenting on the hospital's posts... Where did you draw the lines?",
        {},
    ),
    (
        "patient-privacy-policy",
        "Consent forms for patient stories: one-time or per channel?",
        'Our consent form covers "social media" broadly. Do you ask for consent per channel and per use? '
        "How long is consent valid before you ask again?",
        {},
    ),
    (
        "patient-privacy-policy",
        "Comment moderation policy: what do you hide and what do you leave?",
        "We hide profanity and spam. What about medical misinformation, complaints about billing, or people "
        "sharing their own diagnoses in comments? Do you post your moderation policy publicly?",
        {},
    ),
    (
        "patient-privacy-policy",
        "Tracking pixels on our website after the OCR guidance",
        "Marketing removed the Meta pixel from patient portal pages, but what about appointment pages and "
        "symptom checkers? How did your organisations handle the tracking technology guidance?",
        {},
    ),
    (
        "patient-privacy-policy",
        "Direct messages asking for medical advice",
        "People message our Facebook page describing symptoms and asking what to do. Our canned reply points "
        "them to the nurse line. Anyone doing more than that, safely?",
        {},
    ),
    (
        "patient-privacy-policy",
        "Filming in the hospital: policy for influencers and visitors",
        "A visitor filmed a TikTok in our emergency department waiting room with other patients in the "
        "background. What does your filming policy say and how do you enforce it?",
        {},
    ),
    (
        "patient-privacy-policy",
        "Archiving social media for records retention",
        "Compliance asked how long we keep deleted comments and DMs. Do you archive social accounts, and "
        "with which tool?",
        {},
    ),
    (
        "patient-privacy-policy",
        "Employees identifying patients by accident in selfies",
        "A nurse posted a celebratory selfie and a whiteboard with patient initials was visible behind her. "
        "How do you train staff to check backgrounds before posting?",
        {},
    ),
    (
        "patient-privacy-policy",
        "Using AI tools to draft replies: privacy concerns",
        "Our team wants to use an AI assistant to draft responses to comments. What guardrails do you have so "
        "nobody pastes message content from patients into it?",
        {},
    ),
    (
        "patient-privacy-policy",
        "Posting about VIP patients and local celebrities",
        "A well-known athlete was treated here and posted about it. Media is calling. What do you say on "
        "social, if anything?",
        {"locked": "Answered; see the replies and the privacy guide in the library."},
    ),
    # --- Crisis communication ------------------------------------------------------------
    (
        "crisis-communication",
        "Measles cases in our county: what worked in the first 48 hours",
        "We had three confirmed cases last week. Sharing what we posted, in what order, and what we would "
        "change. Would love to hear from anyone who has been through an outbreak recently.",
        {},
    ),
    (
        "crisis-communication",
        "Holding statements for a ransomware attack",
        "Our IT team ran a tabletop exercise and the communications part was thin. Does anyone have a "
        "holding statement template for a cyberattack that takes systems offline?",
        {},
    ),
    (
        "crisis-communication",
        "A viral post claims our ER turned someone away",
        "A post with 40k shares says we refused care. It is not true, but we cannot discuss the patient. "
        "How do you respond when you cannot share the facts?",
        {},
    ),
    (
        "crisis-communication",
        "Severe weather: coordinating posts with county emergency management",
        "Hurricane season is coming. How do you coordinate messages with the county EOC so you do not "
        "contradict each other about shelters and closures?",
        {},
    ),
    (
        "crisis-communication",
        "Active threat on campus: the first social post",
        "We are revising our active-threat plan. Who approves the first post, how fast, and what does it say? "
        "Our current plan needs three sign-offs, which is too slow.",
        {},
    ),
    (
        "crisis-communication",
        "Responding to a wave of vaccine misinformation in our comments",
        "After a news story, our posts got hundreds of anti-vaccine comments in a day. Hide, reply, turn off "
        "comments? What did you do and how did your followers react?",
        {},
    ),
    (
        "crisis-communication",
        "Dark site ready to go: what is on yours?",
        "We are building a dark site for emergencies. What pages and information do you keep ready?",
        {},
    ),
    (
        "crisis-communication",
        "Communicating a data breach notification on social",
        "Legal is sending letters; leadership wants a social post the same day. What did yours look like and "
        "how did you handle the comments?",
        {},
    ),
    (
        "crisis-communication",
        "Staff strike: talking to the community while negotiations continue",
        "Nurses may strike next month. We need to reassure patients care continues without taking sides in "
        "public. Experiences?",
        {},
    ),
    (
        "crisis-communication",
        "After-action review template for communications",
        "Does anyone have a template for a communications after-action review? Ours is a blank page every time.",
        {},
    ),
    (
        "crisis-communication",
        "Heat emergencies: messages that actually reach older adults",
        "Social alone does not reach our older residents. How do you combine social with radio, text alerts "
        "and community partners during heat waves?",
        {},
    ),
    (
        "crisis-communication",
        "When a staff member's post goes viral for the wrong reasons",
        "An employee's personal video criticising patients went viral and people are tagging us. What did "
        "you post, and when?",
        {},
    ),
    (
        "crisis-communication",
        "Drug shortage messaging without causing panic",
        "We are short on a common medication. How do you inform patients without triggering hoarding or "
        "panic calls?",
        {},
    ),
    (
        "crisis-communication",
        "Mass casualty drill: include social media in the exercise",
        "Our next drill will include a simulated social media surge. How have you run this kind of exercise?",
        {},
    ),
    (
        "crisis-communication",
        "Crisis monitoring overnight with a small team",
        "Who watches the channels at 2 a.m.? We have no 24/7 team. Shared on-call, agency, alerts only?",
        {},
    ),
    # --- Platforms ----------------------------------------------------------------------
    (
        "platforms",
        "TikTok's medical misinformation policy: has anyone had videos removed?",
        'Two of our educational videos about medication abortion pills were removed as "misinformation" and '
        "then restored on appeal. Anyone else? How long did appeals take?",
        {},
    ),
    (
        "platforms",
        "Is anyone still investing in X (Twitter)?",
        "Our engagement there fell by two thirds in a year. We still post emergency updates. Are you keeping "
        "a presence, and why?",
        {},
    ),
    (
        "platforms",
        "Physician influencers: partnering with doctors who have big followings",
        "A cardiologist on staff has 300k followers on Instagram. Marketing wants to partner with her. How do "
        "you handle disclosure, conflicts of interest and review of her content?",
        {},
    ),
    (
        "platforms",
        "LinkedIn for recruitment: what content actually brings applicants?",
        "Recruitment asks for more LinkedIn posts. Day-in-the-life videos, employee spotlights, job posts? "
        "Which ones turn into applications for you?",
        {},
    ),
    (
        "platforms",
        "YouTube Shorts vs. Instagram Reels for patient education",
        "We have a library of 60-second explainers. Which platform gets them to the people who need them?",
        {},
    ),
    (
        "platforms",
        "Threads and Bluesky: worth a health system's time yet?",
        "Small audiences, but many journalists and researchers moved. Are you posting there?",
        {},
    ),
    (
        "platforms",
        "Meta's health and wellness ad restrictions",
        "Our ads for a diabetes program were rejected under the health policy. How are you targeting now that "
        "detailed targeting options were removed?",
        {},
    ),
    (
        "platforms",
        "Nextdoor for local health updates",
        "Nextdoor offers public agency accounts. Has anyone used it for clinic openings or flu shot events?",
        {},
    ),
    (
        "platforms",
        "WhatsApp channels for community health messages",
        "We serve a large Spanish-speaking community that lives on WhatsApp. Anyone using channels or "
        "broadcast lists for health information?",
        {},
    ),
    (
        "platforms",
        "Verification badges for hospital accounts",
        "Paid verification, organisation verification, government labels... What did you get, where, and did "
        "it help with impersonators?",
        {},
    ),
    (
        "platforms",
        "Impersonation accounts asking patients for payment",
        "Fake pages copying our logo are messaging people about unpaid bills. How do you get them taken down "
        "quickly?",
        {},
    ),
    (
        "platforms",
        "Going live from the operating room: has anyone done it recently?",
        "Surgeons want to livestream a procedure for education. Consent, privacy, platform rules... "
        "Please share experiences.",
        {},
    ),
    (
        "platforms",
        "Pinterest for patient education: surprisingly good?",
        "Our nutrition infographics get more saves on Pinterest than anything on Instagram. Anyone else?",
        {},
    ),
    (
        "platforms",
        "Instagram broadcast channels for employees",
        "We are considering an Instagram broadcast channel for staff news. Internal comms says no. Thoughts?",
        {},
    ),
    (
        "platforms",
        "Reddit AMAs with clinicians",
        "Has any health system hosted an AMA with a clinician? How did moderation and legal review work?",
        {},
    ),
    # --- Measurement --------------------------------------------------------------------
    (
        "measurement",
        "Which metrics do you report to leadership every month?",
        "Followers and impressions are not impressing anyone. What goes into your monthly report, and what "
        "did leadership actually start caring about?",
        {"pinned": "1"},
    ),
    (
        "measurement",
        "Connecting social campaigns to appointment bookings",
        "We want to show that a mammography campaign led to bookings. UTM links, call tracking, promo codes? "
        "Without tracking pixels on portal pages, what is left?",
        {},
    ),
    (
        "measurement",
        "Benchmarks for engagement rate in health care",
        "Is 1% engagement rate on Facebook good for a hospital? Does anyone share benchmarks across members?",
        {},
    ),
    (
        "measurement",
        "Measuring the effect of a misinformation response",
        "We answered a rumour with a video and a FAQ. How would you measure whether it worked?",
        {},
    ),
    (
        "measurement",
        "Sentiment analysis tools: worth the money?",
        "Our listening tool's sentiment score says 70% neutral for everything. Do you trust automated "
        "sentiment for health topics?",
        {},
    ),
    (
        "measurement",
        "Dashboards: what tool do you build yours in?",
        "Looker Studio, Power BI, the social tool's own reports? Looking for something leadership opens.",
        {},
    ),
    (
        "measurement",
        "Response time as a KPI for patient messages",
        "We aim to answer messages within 2 business hours. What are your targets, and how do you measure "
        "them across channels?",
        {},
    ),
    (
        "measurement",
        "Surveying followers: did anyone get useful answers?",
        "We are thinking of a short survey of our followers about what content helps them. Low response is "
        "my worry. Experiences?",
        {},
    ),
    (
        "measurement",
        "Attribution for donations to the hospital foundation",
        "The foundation wants to know which posts bring donations. Anyone doing this well?",
        {},
    ),
    (
        "measurement",
        "Reporting on employee advocacy programmes",
        "We launched an employee advocacy tool. What do you report besides number of shares?",
        {},
    ),
    (
        "measurement",
        "Reach dropped 40% after an algorithm change: how do you explain it?",
        "Leadership thinks we are doing something wrong. How do you explain platform changes without "
        "sounding like you are making excuses?",
        {},
    ),
    (
        "measurement",
        "Share of voice against competitors in our market",
        "Marketing wants share of voice against two nearby systems. Worth tracking for health systems?",
        {},
    ),
    (
        "measurement",
        "A/B testing captions on Facebook",
        "Has anyone run structured caption tests? What made a real difference for you?",
        {},
    ),
    (
        "measurement",
        "Measuring reach among Spanish-speaking audiences",
        "We post in English and Spanish. How do you measure whether Spanish posts reach the people they are for?",
        {},
    ),
    # --- Events & training --------------------------------------------------------------
    (
        "events-training",
        "Annual member meetup: topics you want on the agenda",
        "We are planning the next member meetup. Suggest sessions and speakers here.",
        {"pinned": "1"},
    ),
    (
        "events-training",
        "Crisis communication tabletop: recording and slides",
        "Thanks to everyone who joined last week's tabletop. The recording and slides are in the library. "
        "Questions welcome here.",
        {},
    ),
    (
        "events-training",
        "Training nurses to be brand ambassadors",
        "We are building a short course for nurses who want to post about their work. What modules would "
        "you include?",
        {},
    ),
    (
        "events-training",
        "Best conferences for health care social media in the coming year",
        "Which conferences are worth the travel budget? Looking for practical sessions over keynotes.",
        {},
    ),
    (
        "events-training",
        "Media training for physicians who go on TikTok",
        "Our physicians want to start on TikTok. Who does your media training and does it cover short video?",
        {},
    ),
    (
        "events-training",
        "Webinar: measuring social ROI — questions for the panel",
        "Post your questions for next month's webinar on measuring the return on social media.",
        {},
    ),
    (
        "events-training",
        "Mentoring programme for new social media managers",
        "Would people be interested in pairing newer members with experienced ones for a few months?",
        {},
    ),
    (
        "events-training",
        "Writing for health literacy: training resources",
        "Looking for good training on plain language for people writing health content at a 6th grade level.",
        {},
    ),
    (
        "events-training",
        "Onboarding checklist for a new social media coordinator",
        "We are hiring. What goes into the first 30 days for someone new on your team?",
        {},
    ),
    (
        "events-training",
        "Certification programmes: are they worth it?",
        "Several certificates for health care social media exist. Did one help your career or your team?",
        {},
    ),
    (
        "events-training",
        "Photo and video skills workshop for communicators",
        "Would anyone join a hands-on workshop on filming on a phone: light, sound, framing?",
        {},
    ),
    (
        "events-training",
        "Recording of the misinformation response session",
        "The recording is up. Great discussion on prebunking and when to stay silent.",
        {"locked": "Recording thread closed; continue in Crisis communication."},
    ),
    # --- Off-topic ---------------------------------------------------------------------
    (
        "getting-started",
        "How often should a hospital post?",
        "Daily on every channel feels impossible for us. Is three times a week enough if the posts are good?",
        {},
    ),
    (
        "patient-privacy-policy",
        "Can we like or reply to posts where people mention their own diagnosis?",
        "Someone posted about finishing chemo and tagged us. Is even a like a problem, since it confirms a relationship?",
        {},
    ),
    (
        "crisis-communication",
        "Water main break closed our clinic: lessons from a small incident",
        "Small incidents teach a lot. Ours: update the Google Business profile first, people checked it before social.",
        {},
    ),
    (
        "platforms",
        "Google Business profiles for every clinic location",
        "We have 40 locations. Who keeps hours, photos and Q&A current, and how do you answer reviews at scale?",
        {},
    ),
    (
        "platforms",
        "Snapchat for teen health campaigns",
        "Our adolescent medicine team wants to reach teens about vaping. Is Snapchat still the place, or TikTok?",
        {},
    ),
    (
        "measurement",
        "Tracking podcast listens alongside social metrics",
        "We started a podcast. How do you report downloads next to social numbers without mixing apples and oranges?",
        {},
    ),
    ("off-topic", "What is on your desk right now?", "Coffee, two phones and a ring light here. You?", {}),
    (
        "off-topic",
        "Favourite social media fail you can laugh about now",
        "Mine: scheduling a celebratory post for the wrong day, during a snowstorm closure.",
        {},
    ),
    (
        "off-topic",
        "Books that made you better at your job",
        "Not necessarily about social media. What changed how you communicate?",
        {},
    ),
    (
        "off-topic",
        "How do you switch off after a crisis week?",
        "After the storm response I could not stop checking notifications for days. Tips welcome.",
        {},
    ),
    (
        "off-topic",
        "Share your best hospital pet therapy photo (with permission!)",
        "Therapy dogs are undefeated on every platform. Show us yours; no patients in frame, please.",
        {},
    ),
    (
        "off-topic",
        "Remote or on site: where does your team work?",
        "We went hybrid. The crisis days are easier on site. How does your team do it?",
        {},
    ),
    (
        "off-topic",
        "Podcasts for the commute that have nothing to do with work",
        "Need a break from health news. Recommendations?",
        {},
    ),
]

REPLIES: dict[str, list[str]] = {
    "getting-started": [
        "Start with a one-page policy and a response guide; everything else can wait a month.",
        "Audit the channels first: who has passwords, what has been posted, what people ask in comments.",
        "Pick two channels you can do well. It is fine to pause the others with a pinned note.",
        "We use a shared calendar and a simple approval column; compliance signs off weekly, not per post.",
        "Batch filming once a quarter saved our physicians. Two hours, ten short videos.",
        "Real staff photos beat stock for us by a wide margin: roughly double the engagement.",
        "Our voice guide is two pages: three adjectives, five do's and don'ts, and sample replies.",
        "Ask leadership which problem they want solved: recruitment, reputation, or patient access. Then measure that.",
        "We keep a reply library in a shared document, reviewed by legal once a year.",
        "Alt text and captions are in our posting checklist; nothing goes out without them.",
        "Welcome! Glad to have you here.",
        "For mergers we kept both pages for six months with the same content, then merged with a clear announcement.",
    ],
    "patient-privacy-policy": [
        "Our rule: never reshare a patient's post without a signed authorisation, even if it is public.",
        "We reply to reviews with a general statement and an invitation to contact patient relations offline.",
        "Our staff policy focuses on three things: no patient information, no speaking for the organisation, be kind.",
        "Consent per use and per channel, valid for two years; we re-ask for anything older.",
        "We publish our comment policy and link to it in the bio; it makes hiding comments much easier to defend.",
        "We removed third-party tracking from every page behind login and from all appointment flows.",
        "For DMs about symptoms we reply with the nurse line and the emergency number, nothing else.",
        "Our filming policy is on signs in every waiting room; security asks people to stop and delete if needed.",
        "We archive all accounts with a third-party tool; seven years, like other records.",
        "The whiteboard issue happened to us too. Now the checklist says: look behind you before you post.",
        "AI drafting is allowed only with generic prompts; never paste a message from a patient into it.",
        "Check with your privacy officer first; every state adds its own rules on top of HIPAA.",
    ],
    "crisis-communication": [
        "Post early, even if all you can say is that you know and will update at a set time.",
        "Coordinate with public health before every post in an outbreak; one message from both is stronger.",
        "Our holding statement says what we know, what we are doing, and when we will update next.",
        "We pre-approve templates with legal so the first post needs one sign-off, not three.",
        "Turning off comments made things worse for us; people moved to other posts. We reply to the top questions instead.",
        "A dark site with an FAQ page, a status page and a media contact is enough to start.",
        "Our after-action template has four headings: what happened, what worked, what did not, what we change.",
        "Text alerts and local radio reached older residents far better than social during the heat wave.",
        "We monitor with alerts on keywords overnight and an on-call rotation for real emergencies.",
        "Say what patients should do: which entrance, which number to call, which services continue.",
        "We practised with a simulated feed during the drill; it showed our approvals were too slow.",
        "Do not argue with individual commenters; post the facts once, clearly, and pin them.",
    ],
    "platforms": [
        "We appealed twice; both videos came back within a week. Adding sources in the caption seems to help.",
        "We keep X for emergency updates and journalists only; no regular content anymore.",
        "Our physician partnership has a written agreement: disclosure on every post and review of anything about our services.",
        "Employee spotlights brought the most applicants on LinkedIn; job posts alone did little.",
        "Shorts got us more views, Reels more comments and saves. We post to both.",
        "We claimed our names on Threads and Bluesky but post only occasionally.",
        "Broad targeting by location with strong creative works better than we expected since the changes.",
        "Nextdoor worked well for our flu clinics; people shared it with neighbours.",
        "WhatsApp broadcast lists were a hit with our Spanish-speaking community; keep messages short.",
        "Report impersonators through the platform's intellectual property form; it is faster than the normal report.",
        "Live surgery needs weeks of planning: consent, a backup plan and a moderator for the chat.",
        "Pinterest is underrated for infographics; our nutrition pins still bring visits years later.",
    ],
    "measurement": [
        "We report three things monthly: reach among our service area, messages answered on time, and conversions.",
        "UTM links plus a dedicated landing page for each campaign gave us clean numbers without pixels.",
        "Around 1% is typical for hospital pages in our experience; compare with your own history first.",
        "We measured the rumour response with search trends and call-centre questions before and after.",
        "Automated sentiment is weak on health topics; we hand-code a sample each month.",
        "Our dashboard lives in Looker Studio; leadership opens it because it fits on one screen.",
        "Our target is two business hours for messages, measured in the inbox tool's report.",
        "Explain algorithm changes with industry data from peers; it shows the drop is not just you.",
        "Share of voice was interesting once but not actionable for us.",
        "Caption tests showed questions outperform statements for us, but only slightly.",
        "For Spanish posts we look at reach by language setting and at comments in Spanish.",
        "Happy to share our monthly report template; I will put it in the library.",
    ],
    "events-training": [
        "I would love a session on measurement that leadership actually reads.",
        "Please include a hands-on session on short video editing.",
        "Our nurse ambassador course has four modules: privacy, storytelling, safety, and what to do if a post goes wrong.",
        "Count me in for mentoring, as a mentor.",
        "The recording was excellent, thank you for organising it.",
        "Plain language training from our health literacy team was the best two hours we spent this year.",
        "Our onboarding checklist: accounts and access, policies, tone guide, crisis plan, and a week shadowing the team.",
        "A certificate helped me argue for a pay grade change; the content itself was basic.",
        "Yes to a filming workshop; sound is where we struggle most.",
        "Could we have a session on working with physician influencers?",
    ],
    "off-topic": [
        "A plant that is somehow still alive, and far too many sticky notes.",
        "We once posted the holiday hours for the wrong year. Nobody noticed for two days.",
        "Made to Stick changed how I write every post.",
        "I turn off every notification for a weekend and go hiking.",
        "Our therapy dog has more followers than our CEO.",
        "Hybrid here; everyone comes in on Tuesdays.",
        "Seconding the recommendation; that one is great for long drives.",
    ],
}

GENERIC_REPLIES = [
    "Thanks for asking this; we are dealing with the same thing.",
    "This is really helpful, thank you for sharing the details.",
    "We tried something similar last year. Happy to talk offline if useful.",
    "Following this thread.",
    "+1 to everything above. Writing it down saved us later.",
    "Great question. Our answer depends a lot on what legal is comfortable with.",
    "Could you share the template in the library? Others would benefit.",
    "We learned this the hard way. Get the policy approved before you need it.",
    "Same experience here. Consistency mattered more than volume.",
    "Adding our case: it worked, but it took three months to see results.",
    "Interesting. Did you measure the effect?",
    "Our comms director asked the same question last week; forwarding this thread.",
    "Thank you, this is exactly what I needed for my meeting tomorrow.",
    "One more tip: keep a log of decisions so the next person knows why.",
    "Agree with the previous reply. Short and clear beats clever.",
    "We are a small hospital and this still works at our size.",
]
