"""Phone-first style for the student tabs (Practice, Review, Progress, My words) and the
my-words page: one constant string of ours, never student or article text.

Why these rules: ipywidgets gives a dropdown or a text box a fixed 28 px row, so a 44 px
touch-size control spills over the next row (five word-bank menus overlapped, the last one
under Check); tab bars and menus have fixed widths that run off a 360 px screen; SVG charts
are drawn at 360 px and must shrink to the space there is.
"""

PHONE_STYLE = """<style>
.vs-phone-first, .vs-student-app { max-width: 100%; box-sizing: border-box; }
.vs-phone-first .widget-dropdown, .vs-phone-first .widget-text,
.vs-student-app .widget-dropdown, .vs-student-app .widget-text {
  height: auto; min-height: 44px; align-items: center; max-width: 100%; }
.vs-phone-first .widget-dropdown > select, .vs-student-app .widget-dropdown > select,
.vs-phone-first .widget-text > input, .vs-student-app .widget-text > input {
  height: 44px; min-height: 44px; min-width: 0; flex: 1 1 auto; max-width: 100%; }
.vs-phone-first .widget-button, .vs-student-app .widget-button {
  height: auto; min-height: 44px; white-space: normal; max-width: 100%; }
.vs-phone-first .widget-hbox, .vs-student-app .widget-hbox { flex-wrap: wrap; gap: 6px 8px; }
.vs-phone-first .widget-hbox > *, .vs-student-app .widget-hbox > * { margin: 0; }
.vs-student-app .widget-tab > .lm-TabBar .lm-TabBar-content { flex-wrap: wrap; }
.vs-student-app .widget-tab > .lm-TabBar, .vs-student-app .widget-tab > .lm-TabBar .lm-TabBar-content {
  max-width: 100%; }
.vs-student-app .widget-tab > .widget-tab-contents { overflow-x: hidden; max-width: 100%;
  box-sizing: border-box; }
/* a flex item is as wide as its widest content unless told otherwise: one long option in a
   matching menu stretched the whole tab to 447 px on a 360 px phone */
.vs-student-app, .vs-student-app .widget-box, .vs-student-app .widget-tab,
.vs-student-app .widget-tab-contents, .vs-phone-first .widget-box {
  min-width: 0; max-width: 100%; }
.vs-student-app select, .vs-phone-first select { min-width: 0; max-width: 100%;
  text-overflow: ellipsis; }
.vs-quiz-match-row { gap: 2px; }
.vs-quiz-match-row .widget-dropdown { width: 100%; }
.vs-quiz-answer { width: 100%; max-width: 100%; }
.vs-quiz-answer .widget-radio-box { width: 100% !important; }
.vs-quiz-answer .widget-radio-box label { white-space: normal; overflow: visible;
  text-overflow: clip; height: auto; line-height: 1.35; gap: 8px; padding: 4px 0; }
.vs-quiz-answer .widget-radio-box label input { flex: 0 0 auto; margin: 0; }
.vs-progress svg, .vs-phone-first svg { max-width: 100%; height: auto; }
.vs-progress table, .vs-phone-first table { display: block; max-width: 100%; overflow-x: auto; }
.vs-progress caption { text-align: left; font-weight: 600; padding: 6px 0 2px; }
.vs-progress td, .vs-progress th { padding: 2px 10px 2px 0; text-align: left; }
.vs-mywords-remove-row { gap: 6px 8px; }
.vs-mywords-download { min-height: 44px; }
.vs-review .vs-grade { flex: 1 1 70px; }
@media (max-width: 600px) {
  .vs-student-app .widget-tab > .widget-tab-contents { padding: 8px 4px; }
  .vs-student-app .widget-tab > .lm-TabBar .lm-TabBar-tab { padding: 0 8px; }
}
</style>"""

__all__ = ["PHONE_STYLE"]
