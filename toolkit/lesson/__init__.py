"""Lesson packs: build (article -> pack, heavy, in `build`) and load (pack -> objects, light)."""
