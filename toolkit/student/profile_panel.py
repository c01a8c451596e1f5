"""A text's level at a glance: level badge, lexical coverage table and hardest words."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from toolkit.cefr import LEVELS
from toolkit.model.profile import TextProfile

_BAR = ("<div style='background:#e8eef7;width:220px;display:inline-block'>"
        "<div style='background:#3a6fb0;height:12px;width:{pct:.1f}%'></div></div>")


def coverage_html(profile: TextProfile) -> str:
    rows = "".join(
        f"<tr><td>{lv}</td><td>{profile.cefr_distribution[lv]:.1%}</td>"
        f"<td>{_BAR.format(pct=100 * profile.coverage[lv])} {profile.coverage[lv]:.1%}</td></tr>"
        for lv in LEVELS
    )
    return ("<table class='vs-coverage-table'><tr><th>Level</th><th>Words at level</th>"
            f"<th>A learner at this level knows</th></tr>{rows}</table>")


def hard_words_html(profile: TextProfile, above: str, limit: int = 20) -> str:
    words = profile.words_above(above)[:limit]
    if not words:
        return f"<p>No words above {escape(above)}.</p>"
    items = "".join(
        f"<li><b>{escape(x.lemma)}</b> <i>{escape(x.pos.lower())}</i> {escape(x.level)}"
        f"{' (estimated from frequency)' if x.source == 'frequency' else ''}</li>"
        for x in words
    )
    return f"<ul>{items}</ul>"


def profile_panel(profile: TextProfile, above: str | None = None,
                  estimated: str | None = None) -> w.VBox:
    """Level badge, coverage table and hardest words, as one widget.

    `estimated` is the calibrated estimator's level (vocabulary, sentences, readability);
    without it the badge shows the 95%-coverage level.
    """
    above = above or profile.level
    how = ("estimated from its words, sentences and readability; a learner knows 95% of "
           f"the running words at {escape(profile.level)}" if estimated else
           "the lowest level at which a learner knows 95% of the running words")
    level = w.HTML(
        f"<h3>Level: <span class='vs-level-value'>{escape(estimated or profile.level)}</span></h3>"
        f"<p>{profile.word_count} words, {profile.sentence_count} sentences, "
        f"{profile.mean_sentence_length} words per sentence; Flesch-Kincaid grade "
        f"{profile.readability.get('flesch_kincaid_grade', 0)}.</p>"
        f"<p>The level is {how} (names count as known).</p>"
    )
    level.add_class("vs-level")
    coverage = w.HTML("<h4>Lexical coverage</h4>" + coverage_html(profile))
    coverage.add_class("vs-coverage")
    hard = w.HTML(f"<h4>Hardest words (above {escape(above)})</h4>"
                  + hard_words_html(profile, above))
    hard.add_class("vs-hard-words")
    box = w.VBox([level, coverage, hard])
    box.add_class("vs-profile")
    return box


__all__ = ["coverage_html", "hard_words_html", "profile_panel"]
