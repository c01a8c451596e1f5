"""Sample texts shared by the leveling tests."""

EASY = ("My name is Tom. I have a dog. His name is Max. He is big and brown. "
        "Every day we go to the park. We play with a ball. I like my dog very much. "
        "In the evening we eat dinner. Then I go to bed.")

HARD = ("Notwithstanding the ostensibly unequivocal jurisprudential precedent, the tribunal's "
        "protracted deliberations remained inconclusive, which exacerbated the litigants' "
        "apprehension considerably. Commentators, invoking constitutional doctrine, contended that "
        "the adjudication's ramifications would reverberate throughout subsequent legislative "
        "deliberations; consequently, the government's ostensible impartiality was scrutinised "
        "intensively. Proponents of comprehensive reform maintained that institutional "
        "accountability necessitated unprecedented transparency, whereas sceptics emphasised the "
        "inherent precariousness of circumventing established procedural safeguards.")

# Names, numbers and negations that an adaptation must keep.
MEANING = ("Barack Obama visited Kenya in 2015, and he met 40 local entrepreneurs who had "
           "received substantial funding. The wealthy investors did not attend the ceremony, "
           "which disappointed the organisers considerably. Nobody expected the government to "
           "allocate $240bn (about 3% of the budget) to infrastructure; it never happened before. "
           "Angela Merkel said the proposal was not feasible without unprecedented cooperation.")


# An advanced news-style article written for these tests (paragraphs separated by blank lines).
ARTICLE = """Municipal authorities in Rotterdam have unveiled an ambitious scheme to transform \
abandoned harbour warehouses into affordable housing, a proposal that has provoked considerable \
controversy among residents and developers alike. The council estimates that the conversion \
could accommodate approximately 4,500 tenants by 2030, although critics contend that the \
projected expenditure of €310m is unrealistic.

Supporters of the initiative, including the deputy mayor, Marieke de Vries, maintain that the \
city cannot afford to neglect derelict industrial sites while thousands of families remain on \
waiting lists. "We are not prepared to tolerate vacant buildings in the middle of a housing \
emergency," she declared at a crowded public meeting on Tuesday. Her administration intends to \
prioritise key workers, such as nurses and teachers, who have increasingly been priced out of \
the metropolitan area.

Opponents, however, have raised substantial concerns about contaminated soil, inadequate \
transport connections and the preservation of architecturally significant facades. A coalition \
of local businesses, which depends heavily on the remaining shipping activity, warned that \
residential development would inevitably generate complaints about noise and congestion; several \
companies have threatened to relocate. Environmental campaigners acknowledged the urgent need for \
accommodation, but they insisted that any renovation must comply with rigorous sustainability \
standards.

The controversy reflects a broader dilemma confronting European cities, where the demand for \
inexpensive dwellings has substantially outpaced construction. Economists at Erasmus University \
calculated that rents in the region have risen by 38% over the past decade, whereas average \
salaries have increased by merely 14%. Nevertheless, the council has never previously attempted \
a redevelopment of comparable magnitude, and its officials concede that the timetable is \
exceptionally demanding."""
