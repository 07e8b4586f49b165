"""Stopwords: words that carry no topic, shared by synthesis key phrases and the critic.

`STOPWORDS` is English function words plus what people say without meaning much in a
conversation ("yeah", "basically", "kind of"), so a theme is never labelled "really".
`QUESTION_FRAME` is what frames an interview question or research objective rather than
naming its topic ("walk me through", "understand", "users"): the critic drops both when
it asks whether a question serves an objective.
"""

from __future__ import annotations

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because
    been before being below between both but by can can't cannot could couldn't did didn't do
    does doesn't doing don't down during each even ever every few for from further get gets
    getting got had hadn't has hasn't have haven't having he her here hers herself him himself
    his how i i'd i'll i'm i've if in into is isn't it it's its itself just kind know let like
    lot lots me might more most much must my myself no nor not now of off often on once only
    or other ought our ours ourselves out over own pretty quite rather really right said same
    say says see she should so some something sort still such sure than that that's the their
    theirs them themselves then there there's these they they'd they're they've thing things
    think this those though through thus to too under until up us use used using very want
    was wasn't way we we'd we're we've well were weren't what what's when where which while who
    whom why will with won't would wouldn't yeah yes yet you you'd you'll you're you've your
    yours yourself um uh okay ok maybe actually basically probably definitely mean go going
    goes went come comes came make makes made take takes took one two three first time times
    back bit stuff yeah guess feel felt look looks looking tell told try tried day days
    left gone open opened opening put puts keep keeps kept give gives gave need needs needed
    wanted wants says saying said thought thinking start started end ended seems seemed
    sometimes always never usually basically literally anyway either else enough every
    everything anything nothing someone somebody everyone people person part whole kinda
    gonna wanna gotta lot little big bad good great new old last next same different
    another around away yes oh hey hi ah ahh hmm mm laughs laugh sure whatever able""".split()  # noqa: SIM905
)

QUESTION_FRAME = frozenset(
    """describe talk walk typically ways many may
    understand learn find out explore discover identify know see check validate test
    assess evaluate measure improve gather insight insights need needs people person
    user users participant participants customer customers current currently experience
    experiences product feature features use using used whether
    """.split()  # noqa: SIM905
)
