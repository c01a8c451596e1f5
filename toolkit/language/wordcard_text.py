"""A word card as plain text, for the terminal (`python -m toolkit lookup`)."""

from __future__ import annotations

from toolkit.model.wordcard import LANGUAGES
from toolkit.model.wordcard import WordCard


def card_text(card: WordCard, senses: int = 3) -> str:
    """Readable lines: headword, sound, meaning in context, other senses, words, translations."""
    level = f"{card.cefr}, " if card.cefr else ""
    lines = [f"{card.headword}  ({card.pos}; {level}{card.frequency_band})"]
    if card.pronunciation:
        p = card.pronunciation
        lines.append(f"  /{p.ipa}/  {p.syllable_count} syllable{'s' if p.syllable_count != 1 else ''}: "
                     + " · ".join(p.syllables))
    if card.definition:
        basis = {"context": "  (the sense that fits the sentence)",
                 "frequency": "  (most common sense; the sentence does not decide)"
                 }.get(card.sense_basis, "")
        lines.append(f"  meaning: {card.definition}{basis}")
    for s in card.senses[1:senses]:
        lines.append(f"    also: {s.short}")
    if card.synonyms:
        lines.append("  synonyms: " + ", ".join(card.synonyms))
    if card.antonyms:
        lines.append("  opposite: " + ", ".join(card.antonyms))
    if card.family:
        lines.append("  family: " + ", ".join(f"{f.word} ({f.pos})" for f in card.family))
    if card.inflections:
        lines.append("  forms: " + ", ".join(f"{k} {v}" for k, v in card.inflections.items()))
    for e in card.examples:
        lines.append(f"  e.g. {e}")
    for lang, t in card.translations.items():
        name = LANGUAGES.get(lang, lang)
        if t.available:
            lines.append(f"  {name}: {t.text}  ({t.note})")
        else:
            lines.append(f"  {name}: not available ({t.note})")
    for n in card.notes:
        lines.append(f"  note: {n}")
    return "\n".join(lines)
