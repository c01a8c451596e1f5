"""Thin ipywidgets views over core objects.

Each view sets stable `_dom_classes` (prefix `vs-`) so browser tests can find it.
All text shown goes through `html.escape`: article text is data, never markup.
"""
