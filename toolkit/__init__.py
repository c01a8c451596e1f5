"""VocabSphere Classroom: turn any English article into a lesson.

Importing the package is cheap on purpose: heavy language tools load inside
`toolkit.language` only when an analysis runs, so a student's kernel stays light.
"""

__version__ = "0.1.0"
