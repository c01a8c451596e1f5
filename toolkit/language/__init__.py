"""Language analysis, run when a lesson is built (heavy: nltk, textstat, wordfreq).

Submodules import their heavy dependencies themselves; importing this package is cheap.
"""
