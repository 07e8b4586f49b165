"""Word lists the rules critic reads. Kept apart so a reviewer can judge them at a glance.

The lists are deliberately modest: each entry is a word class (auxiliaries, polite
request verbs, feeling adjectives…) rather than a sentence from any dataset, so the
rules generalise to questions nobody has written yet.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as running text, so a reviewer reads it at a glance."""
    return frozenset(text.split())


AUX = words(
    """
    do does did is are was were am have has had can could will would should shall may
    might must don't doesn't didn't isn't aren't wasn't weren't haven't hasn't hadn't
    can't couldn't won't wouldn't shouldn't ain't
    """
)
NEG_AUX = frozenset(a for a in AUX if a.endswith("n't"))

WH = words(
    """
    what what's whats how how's why when where who who's whom whose which
    """
)

# Words that may open a sentence without changing what kind of question follows.
DISCOURSE = words(
    """
    so and but ok okay now then first firstly lastly finally also right well great
    alright cool thanks sure next sorry yeah yes um
    """
)

# Verbs that turn "Could you … / Would you … / Can you …" into a polite open request.
OPEN_VERBS = (
    r"(?:tell|telling)\s+(?:me|us)|(?:walk|walking|run|running|take|taking|talk|talking|guide|guiding)\s+(?:me|us)\b"
    r"|(?:walk|walking|run|running|talk|talking|go|going)\s+(?:through|over)|(?:talk|talking)\s+(?:about|a\s+bit|more)"
    r"|(?:show|showing)\s+(?:me|us)|describe|describing|explain|explaining|recount|recounting"
    r"|expand|expanding|elaborate|elaborating|unpack|unpacking|(?:give|giving)\s+(?:me|us)"
    r"|(?:paint|painting)\s+(?:me\s+|us\s+)?a\s+picture|help\s+me\s+understand"
    r"|(?:share|sharing)\s+(?:with|a|an|some|more|how|what|why|when|your\s+(?:screen|experience|thoughts|story|view|perspective|process))\b"
    r"|(?:say|saying)\s+(?:a\s+bit|a\s+little|more|something|what|how|why)"
    r"|(?:recall|remember|think\s+of|think\s+about)\s+(?:a|an|one|the\s+last|the\s+first|the\s+most|a\s+time|when|what\s+happened)\b"
    r"|think\s+back|go\s+back\s+(?:to|over)"
)

# "would" + these is habitual, not a prediction.
HABITUAL = words(
    """
    usually typically normally generally tend tends often always ordinarily typical
    usual
    """
)
# "would you + these" describes or judges, it does not predict.
NON_PREDICTIVE = words(
    """
    say describe call define explain characterise characterize sum summarise summarize
    rate
    """
)
# "you'd like to + these" is the wrap-up invitation, not a wish.
COMMUNICATION = words(
    """
    share add say tell mention talk discuss ask know cover raise
    """
)

# Adjectives that presume a feeling or judgement when asked about by degree ("How X is…").
EMOTIVE = words(
    """
    frustrating frustrated annoying annoyed stressful stressed confusing confused
    difficult hard easy simple painful tedious irritating irritated helpful useful
    valuable great good bad awful terrible amazing exciting excited fun enjoyable
    motivating motivated rewarding intimidating intimidated scary scared worried
    relieved happy satisfied pleased disappointed disappointing delighted upset angry
    overwhelming overwhelmed convenient inconvenient intuitive clunky slow reliable
    unreliable important essential smooth seamless unfair embarrassing embarrassed
    nervous anxious thrilled grateful excellent wonderful brilliant fantastic awkward
    boring tiring exhausting exhausted handy pleasant enjoyable impressive impressed
    reassuring reassured lovely nice horrible dreadful challenging complicated daunting
    worrying upsetting disruptive inspiring inspired proud glad user-friendly
    straightforward effortless painless hassle-free stress-free fiddly faffy gutted
    chuffed stoked devastated heartbroken knackered shattered buzzing livid furious
    miffed frazzled overjoyed ecstatic elated ashamed guilty lonely isolated terrified
    petrified panicky traumatic traumatised traumatized hectic frantic demanding draining
    gruelling grueling tough nerve-wracking nerve-racking harrowing emotional fulfilling
    satisfying magical welcome refreshing dull tedious irritated
    """
)
# Base adjectives whose comparative ("calmer", "healthier") in "How much calmer…" presumes
# the change, like "How much better…".
STATES = words(
    """
    calm happy healthy fit safe easy simple smooth clear nice tidy quick fast cheap
    confident organised organized relaxed productive secure comfortable
    """
)
COMPARATIVE = words(
    """
    easier better faster simpler quicker harder worse slower cheaper smoother clearer
    safer happier more less
    """
)
# Evaluative words that load a question whatever its form (not degree words on their own).
LOADED = words(
    """
    amazing awesome fantastic brilliant wonderful terrible awful horrible shambolic
    useless clunky pointless ridiculous outdated old-fashioned broken beautiful
    intuitive seamless revolutionary game-changing innovative delightful slick sleek
    dreadful rubbish lousy bloated notoriously unfair hopeless chaotic messy cumbersome
    overpriced frustrating annoying confusing tedious irritating infuriating stupid
    silly dumb shocking appalling dire disgraceful pathetic abysmal atrocious woeful
    superb stunning incredible fabulous gorgeous sluggish buggy glitchy laggy janky
    nightmarish hellish unusable life-changing world-class best-in-class award-winning
    cutting-edge state-of-the-art so-called painfully ridiculously frustratingly
    annoyingly hopelessly woefully horribly unbearably impossibly embarrassingly lovely
    excellent outstanding exceptional first-class top-notch
    """
)
LOADED_NOUNS = (
    "a waste",
    "a pain",
    "a nightmare",
    "a hassle",
    "a joke",
    "a disaster",
    "a mess",
    "such a",
    "a faff",
    "a chore",
    "a headache",
    "a drag",
    "a godsend",
    "a lifesaver",
    "a game changer",
    "a game-changer",
    "a rip-off",
)
# Nouns that, as a given ("the hassle of…", "your struggles with…"), presume the feeling.
FEELING_NOUNS = (
    "hassle|stress|pain|frustrations?|headaches?|nightmare|struggles?|chaos|drudgery|annoyance|"
    "inconvenience|burden|misery|ordeal|agony|faff|joy|pleasure|delight|convenience|ease|"
    "benefits?|improvements?"
)
PRESUMING = (
    "surely",
    "obviously",
    "clearly",
    "of course",
    "naturally",
    "presumably",
    "undoubtedly",
    "no doubt",
    "everyone knows",
    "as we all know",
    "notoriously",
    "it's no secret",
    "needless to say",
    "i'm sure",
    "i bet",
    "i assume",
    "i imagine",
    "i'd imagine",
    "i suppose",
    "i guess you",
    "i take it",
    "must have been",
    "must be so",
    "i'm guessing",
    "i'm assuming",
    "i'd guess",
    "i reckon",
    "let me guess",
    "i'm betting",
    "as you know",
    "we all know",
    "you probably",
    "i expect",
    "i'd expect",
    "on earth",
    "put up with",
)
FEELING_VERBS = "love|loved|loving|enjoy|enjoyed|hate|hated|adore|adored|appreciate|appreciated"
# Verbs of a strong feeling: asking whether or how someone feels it ("Do you love…?",
# "How did you enjoy…?") takes the feeling as given. "like" is not here: "Do you like the
# app?" is a plain closed question (DESIGN.md).
STRONG_FEELING_VERBS = (
    "love|loved|loving|enjoy|enjoyed|enjoying|hate|hated|hating|adore|adored|adoring|loathe|loathed|"
    "detest|detested|dread|dreaded|dreading|appreciate|appreciated|appreciating"
)
# "How much do you struggle with…", "How much do you miss…": degree of a presumed feeling.
DEGREE_VERBS = "struggle|struggled|suffer|suffered|miss|missed|dread|dreaded|worry|worried"
# "What impressed you…": the feeling is the question's premise.
IMPRESS_VERBS = r"impressed|impresses|delighted|delights|excited|excites|wowed|amazed|amazes|pleased|pleases|won\s+you\s+over"
NEGATIVE_FEELING_VERBS = "frustrates|frustrated|annoys|annoyed|irritates|irritated|bothers|bothered|bugs|bugged|upsets|upset|worries|worried"
EFFECT_VERBS = (
    "improve|improves|improved|help|helps|helped|simplify|simplifies|simplified|transform|"
    "transforms|transformed|boost|boosts|boosted|save|saves|saved|streamline|streamlined|empower|empowered|"
    "cut|cuts|reduce|reduces|reduced|lower|lowers|lowered|shorten|shortens|shortened|ease|eases|eased|"
    "enhance|enhances|enhanced|benefit|benefits|benefited|benefitted|revolutionised|revolutionized|"
    r"sped\s+up|speed\s+up|speeds\s+up|freed\s+up|free\s+up|frees\s+up"
)

# Plural nouns for people a social-proof premise talks about. Any other plural noun counts
# only with a verb of saying ("Most brides tell us…"), never with "feel" or "find".
SPEECH_VERBS = (
    r"say|says|said|tell\s+us|told\s+us|tell\s+me|told\s+me|report|reported|mention|mentioned|"
    "complain|complained|rave|raved|swear|swore"
)
PEOPLE = (
    r"customers|users|people|shoppers|parents|teachers|clients|members|players|patients|"
    r"students|drivers|folks|owners|buyers|guests|fans|listeners|readers|viewers|travellers|"
    r"travelers|developers|engineers|managers|nurses|doctors|farmers|volunteers|donors|"
    r"families|businesses|teams|companies|respondents|participants|others|colleagues|experts|"
    r"staff|children|men|women|folk|brides|couples|regulars|neighbours|neighbors|residents|tenants|"
    r"landlords|visitors|clients|patrons|subscribers|callers|riders|passengers|commuters|pupils|"
    r"learners|athletes|runners|divers|artists|photographers|vets|dentists|carers|staff\s+members"
)

# Verbs that make a whole story without an object: "the last time you cooked".
INTRANSITIVE = words(
    """
    order cook shop travel commute run swim move renew volunteer donate exercise eat drive
    fly vote garden bake work study train walk cycle upgrade switch tip invest save cancel
    farm queue wait complain apply retire relocate downsize subscribe unsubscribe reorder
    reply phone call ring text log sign register enrol enroll recycle compost knit sew
    fish hike camp ski surf dive sail paint draw sing dance play read write revise
    """
)

# Qualities a yes/no question can ask about two at a time ("Was the instructor patient and
# well prepared?"): each is its own judgement.
QUALITIES = words(
    """
    patient friendly helpful polite rude kind clean dirty tidy quick fast slow cheap
    expensive affordable safe reliable clear easy simple accurate knowledgeable
    professional punctual prepared organised organized comfortable quiet noisy warm cold
    spacious modern convenient fair honest secure responsive accessible welcoming
    informative useful relevant flexible consistent thorough efficient competent
    """
)

# Verbs that chain with "and" without making two activities ("go and buy", "try and fix").
SERIAL = frozenset(["go", "come", "try", "wait", "sit", "stop"])

# Binomials that are one thing, not two topics.
BINOMIALS = (
    "friends and family",
    "family and friends",
    "pros and cons",
    "ups and downs",
    "back and forth",
    "terms and conditions",
    "trial and error",
    "ins and outs",
    "now and then",
    "here and there",
    "more and more",
    "over and over",
    "bits and pieces",
    "odds and ends",
    "bread and butter",
    "health and safety",
    "black and white",
    "rules and regulations",
    "time and money",
    "wear and tear",
    "research and development",
    "fish and chips",
    "bed and breakfast",
    "salt and pepper",
    "arts and crafts",
    "rock and roll",
    "start and finish",
    "beginning and end",
    "clean and tidy",
    "safe and sound",
    "nice and easy",
    "short and sweet",
    "fair and square",
    "peace and quiet",
    "give and take",
    "hustle and bustle",
    "meet and greet",
    "food and drink",
    "food and water",
    "and so on",
    "and so forth",
)

# Acronyms nearly everyone knows, or that the people who meet them at all use themselves
# (developer basics, file formats, everyday medicine and public services).
COMMON_ACRONYMS = words(
    """
    TV OK ID US USA UK EU PIN ATM GPS FAQ URL AI USB SMS MMS PC DVD CD DIY NHS GP A&E
    DMV IRS HMRC VAT ASAP BBQ CEO CFO CTO COO CV HR IT PS VPN MOT NYC LA BBC CNN UPS DHL
    TSA ER ICU MRI CT ECG EKG DNA HIV IVF PCR COVID ADHD API SDK CLI CI CD IDE SQL CSV
    JSON HTML CSS HTTP HTTPS PR QA QR NFC WIFI WI-FI 4G 5G LTE SIM ISP HD 4K LED LCD GPU
    CPU RAM SSD OS IOS MP3 MP4 JPEG JPG PNG GIF RAW ZIP EV SUV MPG MPH KM AM PM FM UN
    NGO PTA GCSE SAT ACT MBA PHD BA BSC MSC CPR ISA IRA APR DOB PO VIP RSVP FYI NASA FBI
    NATO IKEA NFL NBA FIFA ITV HBO ESPN PE DM ETA AC UV WC TBD UFO BMW VW AA RAC DVLA
    GDPR NDA LLC LTD PLC HGV MP OBGYN ENT ECT
    """
)
# Capitalised words that are emphasis or labels, not acronyms.
CAPS_WORDS = words(
    """
    NOT NEVER ALWAYS ONLY YES NO DO DONT ALL ANY VERY REALLY MUST NOTE STOP ASK PROBE
    THEN WHY HOW WHAT IF AND OR THE EVER ONE TWO OPTIONS I A YOU YOUR
    """
)
# Brands and products that are household names, so not codenames.
BRANDS = words(
    """
    google apple microsoft amazon facebook instagram whatsapp twitter youtube netflix
    spotify excel word slack zoom teams outlook gmail iphone ipad android windows mac
    uber paypal airbnb linkedin tiktok etsy ebay github gitlab javascript python
    powerpoint sharepoint onedrive dropbox icloud alexa siri chrome safari firefox venmo
    monzo revolut deliveroo ubereats doordash tesco sainsbury's walmart costco ikea lego
    xbox playstation nintendo steam discord reddit pinterest snapchat wechat telegram
    signal canva figma notion trello jira airtable salesforce shopify stripe wordpress
    squarespace
    """
)
# Product-component nouns that, after a capitalised name, mark an internal codename.
COMPONENTS = words(
    """
    runtime workers worker pipeline console dashboard view mode search sync index
    journey flow widget registry engine platform stack module rollout release migration
    framework cluster initiative squad pod integration workflow scorecard tracker
    backend pilot beta revamp refresh overhaul experiment
    """
)
# Capitalised words that are not names of anything internal.
CALENDAR = words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december christmas easter
    """
)
# Internal-speak: metrics, growth and team terms a participant rarely shares.
INTERNAL_SPEAK = (
    r"churn(?:ed|ing| rate)?|cohort (?:view|analysis|report)s?|d\d+ retention|retention (?:rate|curve|cohort)s?"
    r"|conversion (?:rate|funnel)s?|(?:onboarding|sales|conversion|acquisition|marketing) funnel"
    r"|touchpoints?|lifecycle(?: nurture| stage| marketing)?|nurture (?:flow|track|stream|campaign)s?"
    r"|(?:sales|expansion|growth|self-serve|go-to-market|gtm|plg|enterprise) motion"
    r"|self-serve|sales-assist|go-to-market|synerg(?:y|ies)|stakeholder alignment|north star metric"
    r"|upsell(?:ing)?|cross-sell(?:ing)?|monetis(?:e|ation)|monetiz(?:e|ation)|engagement metrics?"
    r"|activation (?:rate|metric)s?|time-to-value|time-to-\w+|drop-off rate|value prop(?:osition)?"
    r"|jobs[- ]to[- ]be[- ]done|user journey|customer journey|journey map|personas?"
    r"|deep link(?:ing)?|course shells?|exceptions? queue|ingestion pipeline|re-platform(?:ing)?"
    r"|metered paywall|soft-wall|hard-wall|health-score|readiness score|subrogation|provisioning"
    r"|commissioning|underwriting|adjudication|interoperability|telemetry|orchestration"
    r"|instrumentation|omnichannel|microservices?|step-up flow|leverag(?:e|ing) synergies"
    r"|run-rate|pipeline velocity|win rate|net revenue retention|blended cac|payback period"
    r"|sku|skus|kpis?|okrs?|mau|dau|wau|nps|arpu|ltv|cac|mrr|arr"
    # growth and marketing
    r"|(?:top|bottom|middle|mid)[- ]of[- ](?:the[- ])?funnel|full[- ]funnel|mid-funnel"
    r"|(?:our|sales|sign-?up|booking|purchase|checkout|signup|application|donor|hiring) funnel"
    r"|drip (?:campaign|emails?|sequences?|marketing)s?|win-?back(?: campaign| emails?| offer| flow)?s?"
    r"|re-?engagement (?:campaign|emails?|flow|push)e?s?|reactivation (?:campaign|emails?|flow|offer)s?"
    r"|(?:product|app|user|platform|customer) stickiness|stickiness of (?:our|the|your|this) (?:app|product|platform|service|site|website|feature)"
    r"|(?:engagement|growth|viral|retention) loops?|retarget(?:ing|ed)|remarketing"
    r"|lookalike audiences?|lead (?:gen|generation|scoring|magnet)s?|land[- ]and[- ]expand|product[- ]market fit"
    r"|average order value|share of wallet|wallet share|attach rate|take rate|bounce rate|click-through(?: rate)?s?"
    r"|dark patterns?|value-add|sunsett?(?:ing|ed)|hypercare|cutover|dogfood(?:ing)?"
    r"|headless (?:commerce|cms|checkout)|phygital|moments? of truth|voice of (?:the )?customer|customer lifecycle"
    r"|(?:beta|pilot|test|launch|acquisition|early[- ]access|signup|sign-up) cohorts?|aha moment"
    r"|activation (?:moment|event|step)s?|(?:ticket|support) deflection"
    r"|last[- ]mile (?:delivery|partner|carrier|logistics|courier)s?|(?:last|first|middle)-mile"
    # interface and design-team words lay people call "pop-ups", "screens" and "menus"
    r"|modal (?:window|dialog|box|pop-?up)s?|(?:the|a|an|that|this|our|upgrade|sign-?up|consent|cookie|paywall) modals?(?! (?:verbs?|auxiliar|split|shift|scales?|jazz|logic))"
    r"|(?:paywall )?interstitial(?: ad| page| screen| banner)?s?(?! (?:lung|fluid|cystitis|nephritis|tissue|space|pneumonia))"
    r"|tooltips?|toast (?:message|notification)s?|hamburger menu|hero (?:banner|image|section|unit)s?"
    r"|happy path|user flows?|information architecture|microcopy|design system|affordances?"
    r"|a/b(?:/n)? ?(?:test|tests|testing|tested|experiment|experiments|variant|variants)|split[- ]tests?|multivariate tests?"
    r"|(?:onboarding|email|nurture|welcome|marketing) drips?|geo-?fenc(?:e|ed|es|ing)"
    r"|(?:surge|demand|pricing|price) multipliers?|yield[- ]management|(?:zero|first|second|third)-party data|(?:trial|free|lead|visit|click|view|cart|sign-?up|quote|install|browse)-to-(?:paid|purchase|order|sign-?up|install|cart|checkout|close|cash|buy)"
)
# Engineering words: jargon for lay participants, the trade's own words for developers, so
# the check skips them when the question itself is about code, builds or deploys.
TECH_SPEAK = (
    r"feature (?:flag|toggle)s?|webhooks?|api endpoints?|hotfix(?:es)?|canary (?:release|deploy|build|rollout)s?"
    r"|dark launch(?:es|ed)?|tech(?:nical)? debt|design debt|code freeze|release train|backend"
    r"|data pipelines?|feature parity|rate limit(?:s|ing)?"
)
DEV_CONTEXT = (
    r"code|codebase|repo|repos|repository|deploy|deploys|deployed|deploying|deployment|developers?|engineers?"
    r"|engineering|pull requests?|commits?|branch(?:es)?|merge[ds]?|merging|api|apis|sdk|ci|builds?|endpoints?"
    r"|servers?|devops|github|gitlab|staging|production|plugin|integrations?|backlog|sprint|your team's app"
)
