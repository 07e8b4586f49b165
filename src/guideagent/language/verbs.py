"""Common verbs, for telling a verb from a noun where the critic and drafting must.

One list for the critic (is "<word>" in "… and <word> …" a second activity? is "<word>"
after "you" a verb it can put in the past?) and for the drafting topic reader (which word
of an objective is its verb). Inflection does not need it: that is lemminflect's job.

Words that are more often nouns in an objective ("ingredient labels", "the price", "a
file") are left out: read as verbs, they turn a topic into a gerund ("labeling").
"""

from __future__ import annotations

VERBS = frozenset(
    """
    abandon access adjust administer admit adopt advertise affect analyse analyze answer
    apply approve argue arrange ask assess assign attend audit back backup bake bathe be
    block book borrow break browse budget build buy calculate call cancel care carry
    categorise categorize cater cause celebrate change chart chase chat check choose
    claim clean close collaborate collect come communicate commute compare complete
    configure confuse contact cook coordinate cope cover create deal decide decorate
    delegate deliver depend deploy describe diagnose discharge discover discuss dislike
    distrust do donate download drink drive earn eat edit email enjoy enrol enroll
    ensure escalate estimate evaluate exercise expect experience explain export fail
    feed feel fill find finish fix follow forget frustrate furnish get give go grade
    greet grow hand handle happen hate have hear help hire hold ignore import influence
    inspect install insure interact interview invest invite invoice join keep know land
    learn leave lend let like listen log look lose love maintain make manage measure
    meet mend message migrate miss monitor move navigate need negotiate notice notify
    offboard onboard open order organise organize owe pack park pass pause pay perceive
    phone pick plan play practice practise prefer prepare prescribe prioritise
    prioritize procure promote protect publish purchase put queue quote raise read
    receive recommend reconcile record recruit refer refund register rely remember
    remind renew rent repair replace reply report request require research reserve
    resolve respond return review revise ride run save schedule search see sell send
    serve set shape share ship shop sign sleep solve sort sow speak spend split start
    stop store stream struggle study submit subscribe support swim switch sync take talk
    teach test think tidy touch track train transfer travel treat triage troubleshoot
    trust try understand unload unsubscribe update upgrade upload use value verify view
    visit volunteer wait walk want warn wash watch welcome work worry write
    """.split()  # noqa: SIM905
)
