"""Write the small made-up collection ``healthcomms/`` in the BEIR layout (deterministic).

About 300 documents on health communication: for each of 15 subjects and 6 angles, three
write-ups worded differently (paraphrases, synonyms, varying length), plus generic distractors
that share the vocabulary of many. 30 queries: 15 ask for a subject from one angle (grade 2 for
that subject and angle, 1 for the subject from another angle), 15 for a subject in other words
(grade 2 for the subject's documents that use the query's own idea, 1 for the rest of the
subject). Judgements follow from how the documents were generated, so they are complete.

    .venv/bin/python bench/relevance_data/make_healthcomms.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "healthcomms"

SUBJECTS = {
    "flu": (["flu vaccine", "influenza shots", "seasonal flu jab"], "flu season clinics and vaccine reminders"),
    "measles": (["measles outbreak", "MMR vaccination", "measles exposure alert"], "measles cases in schools"),
    "privacy": (["patient privacy", "protected health information", "HIPAA compliance"], "photos of patients"),
    "hurricane": (["hurricane preparedness", "storm shelter updates", "evacuation notices"], "severe weather"),
    "physician": (["physician voice", "doctors on social media", "clinician influencers"], "staff advocates"),
    "mental": (["mental health awareness", "depression stigma", "suicide prevention hotline"], "wellbeing"),
    "telehealth": (["telehealth launch", "virtual visits", "video appointments"], "remote care"),
    "hygiene": (["hand hygiene", "handwashing campaign", "infection prevention"], "clean hands save lives"),
    "heart": (["heart health month", "cardiac symptoms", "blood pressure checks"], "heart attack warning signs"),
    "diabetes": (["diabetes prevention", "blood sugar screening", "prediabetes risk test"], "type 2 diabetes"),
    "mammogram": (["breast cancer screening", "mammogram reminders", "early detection"], "pink october"),
    "smoking": (["smoking cessation", "quit tobacco", "vaping risks for teens"], "nicotine addiction"),
    "opioid": (["opioid overdose", "naloxone training", "substance use recovery"], "harm reduction"),
    "heat": (["heat wave safety", "heat stroke", "cooling centers"], "extreme heat"),
    "nurses": (["nurse recruitment", "nursing careers", "hiring nurses"], "staffing shortage"),
}
ANGLES = {
    "tiktok": ["short vertical videos on TikTok", "TikTok clips and Reels", "a 30-second video series for TikTok"],
    "facebook": ["a Facebook community group", "Facebook posts and comments", "Facebook live question sessions"],
    "metrics": ["engagement metrics and reach", "analytics dashboard with click-through rates", "measuring impact"],
    "policy": ["a social media policy template", "staff posting guidelines", "an approval workflow policy"],
    "casestudy": ["a case study with results", "lessons learned from our campaign", "what worked: outcomes"],
    "misinfo": ["rebutting misinformation", "answering myths and rumours", "correcting false claims online"],
}
ORGS = [
    "Mercy General",
    "Lakeside Health",
    "Riverside Children's",
    "Northern Nurses Society",
    "Hope Patients Association",
]
FILLERS = [
    "Our communications team drafted the plan in two weeks.",
    "We coordinated with clinical leaders before publishing.",
    "Community partners shared the posts with their followers.",
    "The budget was small, so we reused assets across channels.",
    "Comments were moderated daily by two staff members.",
    "We translated key messages into Spanish and Vietnamese.",
    "Accessibility mattered: captions, alt text and plain language.",
    "Leadership approved the messaging calendar in advance.",
]
DISTRACTORS = [
    "Choosing a scheduling tool for hospital social media accounts",
    "Brand guidelines: logos, colours and tone of voice",
    "Writing alt text for images on every platform",
    "Running a staff photo contest for hospital week",
    "Answering reviews on Google and Yelp politely",
    "Planning a content calendar for the whole year",
    "Hiring a social media coordinator: job description",
    "Using hashtags without spamming your audience",
    "Live-tweeting a board meeting: a checklist",
    "Building an employee advocacy programme",
]

SUBJECT_QUERIES = {
    "flu": ("flu vaccine on tiktok", "tiktok"),
    "measles": ("measles outbreak misinformation", "misinfo"),
    "privacy": ("patient privacy social media policy", "policy"),
    "hurricane": ("hurricane facebook updates", "facebook"),
    "physician": ("doctors social media guidelines", "policy"),
    "mental": ("mental health campaign results", "casestudy"),
    "telehealth": ("telehealth launch metrics", "metrics"),
    "hygiene": ("hand hygiene video", "tiktok"),
    "heart": ("heart health facebook live", "facebook"),
    "diabetes": ("diabetes screening myths", "misinfo"),
    "mammogram": ("mammogram reminder engagement analytics", "metrics"),
    "smoking": ("vaping teens tiktok", "tiktok"),
    "opioid": ("naloxone case study", "casestudy"),
    "heat": ("heat wave posting guidelines", "policy"),
    "nurses": ("nurse recruitment campaign outcomes", "casestudy"),
}
# The subject in other words; the second item is the phrase variant the grade-2 documents use.
PARAPHRASE_QUERIES = {
    "flu": ("influenza immunization reminders", 1),
    "measles": ("MMR shots for children", 1),
    "privacy": ("HIPAA and photos of patients", 2),
    "hurricane": ("evacuation notices during storms", 2),
    "physician": ("clinicians as influencers", 2),
    "mental": ("suicide prevention hotline awareness", 2),
    "telehealth": ("video appointments for remote care", 2),
    "hygiene": ("infection prevention handwashing", 2),
    "heart": ("blood pressure checks warning signs", 2),
    "diabetes": ("prediabetes risk test", 2),
    "mammogram": ("early detection of breast cancer", 2),
    "smoking": ("help people quit tobacco", 1),
    "opioid": ("harm reduction substance use recovery", 2),
    "heat": ("cooling centers for extreme heat", 2),
    "nurses": ("hiring nurses during a staffing shortage", 2),
}


def write() -> None:
    rng = random.Random(14)
    docs: list[dict] = []
    meta: dict[str, tuple[str, str, int]] = {}
    for subject, (names, context) in SUBJECTS.items():
        for angle, angle_phrases in ANGLES.items():
            for variant in range(3):
                name = names[variant]
                phrase = angle_phrases[variant]
                org = rng.choice(ORGS)
                title = rng.choice(
                    [f"{name.capitalize()}: {phrase}", f"{phrase.capitalize()} for {name}", f"{org} on {name}"]
                )
                body = [
                    f"How {org} approached {name} using {phrase}.",
                    f"The focus was {context}.",
                    *rng.sample(FILLERS, rng.randint(2, 5)),
                ]
                if rng.random() < 0.5:
                    body.append(f"We also mentioned {names[(variant + 1) % 3]} where it helped.")
                rng.shuffle(body)
                doc_id = f"{subject}-{angle}-{variant}"
                docs.append({"_id": doc_id, "title": title, "text": " ".join(body)})
                meta[doc_id] = (subject, angle, variant)
    for n, title in enumerate(DISTRACTORS * 3):
        text = " ".join(rng.sample(FILLERS, 4))
        subject = rng.choice(list(SUBJECTS))
        text += f" A note on {rng.choice(SUBJECTS[subject][0])} and {rng.choice(ANGLES[rng.choice(list(ANGLES))])}."
        docs.append({"_id": f"general-{n}", "title": title, "text": text})
    queries: list[dict] = []
    qrels: list[tuple[str, str, int]] = []
    for n, (subject, (query, angle)) in enumerate(SUBJECT_QUERIES.items()):
        qid = f"q{n + 1}"
        queries.append({"_id": qid, "text": query})
        for doc_id, (s, a, _) in meta.items():
            if s == subject:
                qrels.append((qid, doc_id, 2 if a == angle else 1))
    for n, (subject, (query, variant)) in enumerate(PARAPHRASE_QUERIES.items()):
        qid = f"q{len(SUBJECT_QUERIES) + n + 1}"
        queries.append({"_id": qid, "text": query})
        for doc_id, (s, _, v) in meta.items():
            if s == subject:
                qrels.append((qid, doc_id, 2 if v == variant else 1))
    (OUT / "qrels").mkdir(parents=True, exist_ok=True)
    with (OUT / "corpus.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(doc, ensure_ascii=False) + "\n" for doc in docs)
    with (OUT / "queries.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(query, ensure_ascii=False) + "\n" for query in queries)
    with (OUT / "qrels" / "test.tsv").open("w", encoding="utf-8") as out:
        out.write("query-id\tcorpus-id\tscore\n")
        out.writelines(f"{q}\t{d}\t{s}\n" for q, d, s in qrels)


if __name__ == "__main__":
    write()
