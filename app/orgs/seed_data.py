"""The fictional organisations of the demo network (their people: ``seed_people``). Every name, domain and handle is
invented; domains end in ``.example`` (reserved, RFC 2606) and social handles end in ``demo``."""

from __future__ import annotations

from typing import NamedTuple


class DemoOrg(NamedTuple):
    name: str
    type: str
    country: str
    region: str
    city: str
    domain: str  # staff e-mail domain; the website is https://www.<domain>/
    focus: str  # a phrase used in the description


US, CA, UK, AU, IE = "United States", "Canada", "United Kingdom", "Australia", "Ireland"

MEMBER_ORGS = [
    DemoOrg(
        "Riverbend Regional Medical Center",
        "hospital",
        US,
        "Ohio",
        "Dayton",
        "riverbend-health.example",
        "a 420-bed teaching hospital",
    ),
    DemoOrg(
        "Mercy Valley Health System",
        "hospital",
        US,
        "Texas",
        "San Antonio",
        "mercyvalley.example",
        "six hospitals and 40 clinics",
    ),
    DemoOrg(
        "Cedar Hollow Children's Hospital",
        "hospital",
        US,
        "Minnesota",
        "Duluth",
        "cedarhollowkids.example",
        "a children's hospital and neonatal centre",
    ),
    DemoOrg(
        "Saltmarsh Community Hospital",
        "hospital",
        US,
        "Georgia",
        "Savannah",
        "saltmarsh-hospital.example",
        "a rural community hospital",
    ),
    DemoOrg(
        "Pine Ridge University Health",
        "hospital",
        US,
        "Colorado",
        "Boulder",
        "pineridge-uh.example",
        "an academic medical centre",
    ),
    DemoOrg(
        "Lakeshore General Hospital",
        "hospital",
        CA,
        "Ontario",
        "Kingston",
        "lakeshoregeneral.example",
        "a regional acute-care hospital",
    ),
    DemoOrg(
        "Northern Lights Health Centre",
        "hospital",
        CA,
        "Alberta",
        "Edmonton",
        "northernlights-health.example",
        "a health centre serving northern communities",
    ),
    DemoOrg(
        "Corrib Valley University Hospital",
        "hospital",
        IE,
        "Connacht",
        "Galway",
        "corribvalley.example",
        "a university hospital",
    ),
    DemoOrg(
        "Westmere NHS Foundation Trust",
        "hospital",
        UK,
        "England",
        "Leeds",
        "westmere-nhs.example",
        "three hospitals and community services",
    ),
    DemoOrg(
        "Glenrowan Health Board",
        "hospital",
        UK,
        "Scotland",
        "Inverness",
        "glenrowan-health.example",
        "hospital and community care across the Highlands",
    ),
    DemoOrg(
        "Wattle Creek Hospital",
        "hospital",
        AU,
        "Victoria",
        "Ballarat",
        "wattlecreek.example",
        "a regional public hospital",
    ),
    DemoOrg(
        "Coral Coast Health Service",
        "hospital",
        AU,
        "Queensland",
        "Townsville",
        "coralcoast-health.example",
        "hospitals and clinics along the coast",
    ),
    DemoOrg(
        "Open Heart Alliance",
        "nonprofit",
        US,
        "Massachusetts",
        "Boston",
        "openheart-alliance.example",
        "heart-health education",
    ),
    DemoOrg(
        "Clear Lungs Foundation",
        "nonprofit",
        US,
        "California",
        "Sacramento",
        "clearlungs.example",
        "lung health and clean air",
    ),
    DemoOrg(
        "Bright Minds Mental Health Trust",
        "nonprofit",
        UK,
        "England",
        "Manchester",
        "brightminds-trust.example",
        "young people's mental health",
    ),
    DemoOrg(
        "Maple Leaf Diabetes Network",
        "nonprofit",
        CA,
        "British Columbia",
        "Vancouver",
        "mapleleaf-diabetes.example",
        "diabetes prevention and support",
    ),
    DemoOrg(
        "Harbour Lights Cancer Support",
        "nonprofit",
        AU,
        "New South Wales",
        "Newcastle",
        "harbourlights.example",
        "support for people living with cancer",
    ),
    DemoOrg(
        "Liffey Stroke Foundation",
        "nonprofit",
        IE,
        "Leinster",
        "Dublin",
        "liffeystroke.example",
        "stroke awareness and recovery",
    ),
    DemoOrg(
        "Kind Words Vaccine Project",
        "nonprofit",
        US,
        "Oregon",
        "Portland",
        "kindwords-vaccines.example",
        "clear, kind vaccine information",
    ),
    DemoOrg(
        "Prairie Rural Health Collective",
        "nonprofit",
        CA,
        "Saskatchewan",
        "Regina",
        "prairiehealth.example",
        "rural and remote health",
    ),
    DemoOrg(
        "Bluegum Kids' Health Foundation",
        "nonprofit",
        AU,
        "Western Australia",
        "Perth",
        "bluegumkids.example",
        "children's health in regional towns",
    ),
    DemoOrg(
        "Society for Health Communication Professionals",
        "society",
        US,
        "Illinois",
        "Chicago",
        "shcp.example",
        "people who run hospital communications",
    ),
    DemoOrg(
        "Association of Clinical Social Media Educators",
        "society",
        US,
        "Pennsylvania",
        "Philadelphia",
        "acsme.example",
        "clinicians who teach on social media",
    ),
    DemoOrg(
        "Collegiate Society of Digital Health Practice",
        "society",
        UK,
        "England",
        "London",
        "csdhp.example",
        "digital health practitioners",
    ),
    DemoOrg(
        "Canadian Society of Nurse Communicators",
        "society",
        CA,
        "Quebec",
        "Montreal",
        "nursecommunicators.example",
        "nurses who speak to the public",
    ),
    DemoOrg(
        "Australasian Health Marketing Society",
        "society",
        AU,
        "Victoria",
        "Melbourne",
        "ahms.example",
        "health marketers in Australia and New Zealand",
    ),
    DemoOrg(
        "Irish Physician Voices Network",
        "society",
        IE,
        "Munster",
        "Cork",
        "physicianvoices.example",
        "doctors who share evidence online",
    ),
    DemoOrg(
        "Pharmacy Outreach Guild",
        "society",
        US,
        "North Carolina",
        "Raleigh",
        "pharmacyoutreach.example",
        "community pharmacists",
    ),
    DemoOrg(
        "Living Well with Lupus Association",
        "patient_association",
        US,
        "Georgia",
        "Atlanta",
        "livingwell-lupus.example",
        "people with lupus and their families",
    ),
    DemoOrg(
        "Rare Paths Patient Network",
        "patient_association",
        US,
        "Washington",
        "Seattle",
        "rarepaths.example",
        "families affected by rare diseases",
    ),
    DemoOrg(
        "Kidney Friends Canada",
        "patient_association",
        CA,
        "Nova Scotia",
        "Halifax",
        "kidneyfriends.example",
        "people on dialysis and transplant lists",
    ),
    DemoOrg(
        "Parkinson's Peer Circle",
        "patient_association",
        UK,
        "Wales",
        "Cardiff",
        "parkinsonspeers.example",
        "people living with Parkinson's",
    ),
    DemoOrg(
        "Type 1 Together",
        "patient_association",
        UK,
        "Northern Ireland",
        "Belfast",
        "type1together.example",
        "people with type 1 diabetes",
    ),
    DemoOrg(
        "Crohn's and Colitis Companions",
        "patient_association",
        AU,
        "South Australia",
        "Adelaide",
        "ibdcompanions.example",
        "people with inflammatory bowel disease",
    ),
    DemoOrg(
        "Heart Mums Ireland",
        "patient_association",
        IE,
        "Munster",
        "Limerick",
        "heartmums.example",
        "parents of children with heart conditions",
    ),
    DemoOrg(
        "Tri-County Public Health District",
        "agency",
        US,
        "Ohio",
        "Columbus",
        "tricounty-health.example",
        "public health for three counties",
    ),
    DemoOrg(
        "Cascade Valley Health Department",
        "agency",
        US,
        "Oregon",
        "Eugene",
        "cascadevalley-health.example",
        "county public health",
    ),
    DemoOrg(
        "Eastshore Regional Health Authority",
        "agency",
        CA,
        "New Brunswick",
        "Moncton",
        "eastshore-rha.example",
        "regional health services",
    ),
    DemoOrg(
        "Greater Hinterland Public Health Unit",
        "agency",
        AU,
        "New South Wales",
        "Orange",
        "hinterland-health.example",
        "public health in the central west",
    ),
    DemoOrg(
        "Clinic Stories Podcast Collective",
        "other",
        US,
        "New York",
        "Brooklyn",
        "clinicstories.example",
        "a podcast about life in the clinic",
    ),
    DemoOrg(
        "Northfield University Health Media Lab",
        "other",
        US,
        "Minnesota",
        "Northfield",
        "northfield-hml.example",
        "research on health misinformation",
    ),
]

PENDING_ORGS = [
    DemoOrg(
        "Sunnyside Family Clinic", "hospital", US, "Arizona", "Tucson", "sunnyside-clinic.example", "a family practice"
    ),
    DemoOrg(
        "Allergy Answers Network",
        "nonprofit",
        CA,
        "Manitoba",
        "Winnipeg",
        "allergyanswers.example",
        "food allergy education",
    ),
    DemoOrg("Dales Community Midwives", "other", UK, "England", "York", "dalesmidwives.example", "community midwifery"),
    DemoOrg("Tasman Sight Foundation", "nonprofit", AU, "Tasmania", "Hobart", "tasmansight.example", "eye health"),
    DemoOrg(
        "Shannon Region Health Office",
        "agency",
        IE,
        "Munster",
        "Ennis",
        "shannonhealth.example",
        "regional public health",
    ),
]

# (organisation, reason): a rejected application and a suspended member, for the admin pages.
REJECTED_ORG = (
    DemoOrg("Miracle Cure Wellness Shop", "other", US, "Nevada", "Reno", "miraclecure.example", "supplements"),
    "The application describes a shop selling supplements, not a health organisation.",
)
SUSPENDED_ORG = (
    DemoOrg(
        "Quickfix Telehealth", "other", UK, "England", "Bristol", "quickfix-telehealth.example", "online prescriptions"
    ),
    "Repeated promotional posts in the discussions; suspended until we have spoken with the organisation.",
)

DESCRIPTIONS = {
    "hospital": [
        "{name} is {focus} in {city}. Our communications team shares patient stories, service updates and "
        "public health advice, and we answer questions from the community every weekday.",
        "{name} provides care through {focus}. We use social media for appointment reminders, staff "
        "recruitment and seasonal health campaigns, and we are glad to share what has worked.",
    ],
    "nonprofit": [
        "{name} works on {focus}. We run awareness campaigns online and in person, and publish "
        "plain-language guides that anyone may reuse.",
        "A charity dedicated to {focus}, {name} brings together volunteers, clinicians and families. Our "
        "social media reaches people who rarely visit a clinic.",
    ],
    "society": [
        "{name} is the professional home of {focus}. We offer training, peer review of campaigns and an "
        "annual meeting on health communication.",
        "Members of {name} are {focus}. We publish guidance on professional conduct online and mentor new members.",
    ],
    "patient_association": [
        "{name} is run by and for {focus}. We share lived experience, moderate peer-support groups and "
        "speak up for patients in policy discussions.",
        "For {focus}: {name} offers online communities, webinars with specialists and a helpline.",
    ],
    "agency": [
        "{name} delivers {focus}. We post outbreak alerts, vaccination clinic times and data dashboards, "
        "and we coordinate messages with local hospitals.",
    ],
    "other": [
        "{name}: {focus}. We collaborate with member organisations on evidence-based content.",
    ],
}
