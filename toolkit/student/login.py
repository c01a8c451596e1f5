"""Who is reading: the JupyterHub user, or a name and class code typed by the student.

Typed names are trust-based classroom mode (see `toolkit.learning.identity`); the box
says so on the page, so nobody mistakes it for a login.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

import ipywidgets as w

from toolkit.learning.identity import Identity, from_query_string, identify


class LoginBox(w.VBox):
    """Calls `on_identity(identity)` once the student is known.

    Under JupyterHub (or with `?name=` in the page URL) that happens at once; otherwise
    after the student types a name and presses Start.
    """

    def __init__(self, on_identity: Callable[[Identity], None], class_code: str | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        self.on_identity = on_identity
        self.env = env
        self.identity: Identity | None = None
        query_name, query_class = from_query_string(env)
        self.name = w.Text(description="Your name", value=query_name or "")
        self.name.add_class("vs-login-name")
        self.class_code = w.Text(description="Class code", value=class_code or query_class or "")
        self.class_code.add_class("vs-login-class")
        self.start = w.Button(description="Start")
        self.start.add_class("vs-login-start")
        self.start.on_click(lambda _b: self.submit())
        self.message = w.HTML("<small>No password: names are taken on trust in this class.</small>")
        self.message.add_class("vs-login-message")
        super().__init__([self.name, self.class_code, self.start, self.message])
        self.add_class("vs-login")
        try:  # JupyterHub user, or a name in the query string: no typing needed
            who = identify(None, class_code, env=env)
        except ValueError:
            return
        self._done(who)

    def submit(self) -> None:
        try:
            who = identify(self.name.value, self.class_code.value or None, env=self.env)
        except ValueError as exc:
            self.message.value = f"<span class='vs-error'>{escape(str(exc))}</span>"
            return
        self._done(who)

    def _done(self, who: Identity) -> None:
        self.identity = who
        for field in (self.name, self.class_code, self.start):
            field.layout.display = "none"
        how = "signed in through JupyterHub" if who.trusted else "trust-based classroom mode"
        self.message.value = (f"<p class='vs-login-who'>Hello <b>{escape(who.name)}</b> "
                              f"(class {escape(who.class_code)}, {how}).</p>")
        self.on_identity(who)
