"""English language knowledge shared by the critic, drafting, synthesis and guide import.

One place for what used to be written several times over and drifted apart: inflection
(from lemminflect, not hand-made verb lists), stopwords, section classification
(warm-up / main / wrap-up), tokens and sentences. Pure functions over strings; no I/O.
"""
