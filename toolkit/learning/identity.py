"""Who the student is: trusted from JupyterHub, or trust-based from a typed name.

Under JupyterHub every kernel inherits `JUPYTERHUB_USER`, set by the hub after login:
that identity is trusted. Without a hub (one Voila server for a classroom), a student
types a name (or the page passes one in the query string). Anyone can type anyone's
name, so this is *trust-based classroom mode*: fine among a class and its teacher, not
a security boundary. The class code groups students so one teacher sees one class.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
import warnings
from urllib.parse import parse_qs
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from toolkit.errors import UserInputError

HUB_ENV = "JUPYTERHUB_USER"
PREHEAT_ENV = "VOILA_PREHEAT"
CLASS_ENV = "VOCABSPHERE_CLASS"
DEFAULT_CLASS = "DEFAULT"
MAX_NAME = 60
_CLASS_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")


@dataclass(frozen=True)
class Identity:
    """A student in a class; `key` is what the store files their data under."""

    name: str
    class_code: str
    source: str  # "jupyterhub" (trusted) or "typed" (trust-based)

    @property
    def trusted(self) -> bool:
        return self.source == "jupyterhub"

    @property
    def key(self) -> str:
        """Stable id: class code and the case-folded name ("7B/ana lopez")."""
        return f"{self.class_code}/{self.name.casefold()}"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "key": self.key, "trusted": self.trusted}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Identity:
        return cls(name=d["name"], class_code=d["class_code"], source=d["source"])


def clean_name(name: str) -> str:
    """A display name: NFC, single spaces, no control characters, at most 60 characters."""
    text = unicodedata.normalize("NFC", str(name))
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = " ".join(text.replace("/", " ").split())
    if not text:
        raise UserInputError("please type your name (it cannot be empty)")
    if len(text) > MAX_NAME:
        raise UserInputError(f"please use a shorter name (at most {MAX_NAME} characters)")
    return text


def clean_class_code(code: str | None) -> str:
    """Class codes are short and upper-case, e.g. '7B' or 'ENG-2026'."""
    text = (code or DEFAULT_CLASS).strip().upper()
    if not _CLASS_RE.match(text):
        raise UserInputError(f"class code {code!r}: use 1-32 letters, digits, '-' or '_' "
                         "(ask your teacher for the code)")
    return text


_request_claimed = False


def wait_for_page_request(open_timeout: float = 10.0) -> bool:
    """In a preheated Voila kernel, block until a page request claims it; True if it did.

    With `VoilaConfiguration.preheat_kernel` Voila runs a lesson's notebook in a pooled
    kernel *before* any student asks for the page, so `QUERY_STRING` is not known yet.
    When a request takes the kernel, Voila sends the request's CGI-style variables
    (`QUERY_STRING`, `SCRIPT_NAME`, ...) over the websocket `/voila/query/<kernel id>`;
    they are copied into `os.environ`. This is `voila.utils.wait_for_request` without its
    imports (voila.utils pulls in jupyter_server and nbconvert: 1.6 s, 1,000 modules in a
    student's kernel); `websockets` is a dependency of voila. Waits at most once per kernel;
    outside a preheated kernel it returns False at once.
    """
    global _request_claimed
    if _request_claimed or os.environ.get(PREHEAT_ENV) != "True":
        return False
    kernel_id = os.environ.get("VOILA_KERNEL_ID")
    if not kernel_id:
        return False
    _request_claimed = True
    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    url = f"{protocol}://{host}:{port}{base}voila/query/{kernel_id}"
    try:
        from websockets.sync.client import connect

        with connect(url, open_timeout=open_timeout, max_size=2**20) as socket:
            info = json.loads(socket.recv())
    except Exception as exc:  # noqa: BLE001 - a page without ?name= still works (typed name)
        warnings.warn(f"could not get this page's request from Voila at {url}: {exc}",
                      stacklevel=2)
        return False
    os.environ.update({str(k): str(v) for k, v in info.items()})
    return True


def from_query_string(env: Mapping[str, str] | None = None) -> tuple[str | None, str | None]:
    """(name, class) from a Voila page's query string, e.g. `?name=Ana&class=7B`.

    Voila puts the page's query string in the kernel's `QUERY_STRING`; in a preheated
    kernel it arrives only when a page request takes the kernel, so reading the real
    environment waits for that first (`wait_for_page_request`). Like a typed name it is
    trust-based: anyone can edit a URL."""
    if env is None or env is os.environ:
        wait_for_page_request()
    env = os.environ if env is None else env
    params = parse_qs(env.get("QUERY_STRING", ""))
    first = {k: v[0] for k, v in params.items() if v}
    return first.get("name"), first.get("class")


def identify(typed_name: str | None = None, class_code: str | None = None,
             env: Mapping[str, str] | None = None) -> Identity:
    """The student of this kernel: `JUPYTERHUB_USER` when present, else the typed name.

    The hub user wins over a typed name, so a student under JupyterHub cannot act as
    someone else by typing their name. Without a typed name, `?name=` in the page's query
    string is used. The class code comes from the argument, then `?class=`, then
    `VOCABSPHERE_CLASS`; under the hub the hub's `VOCABSPHERE_CLASS` comes before `?class=`,
    so a student cannot file their work under another class by editing the URL.
    """
    env = os.environ if env is None else env
    query_name, query_class = from_query_string(env)
    hub_user = (env.get(HUB_ENV) or "").strip()
    if hub_user:
        code = clean_class_code(class_code or env.get(CLASS_ENV) or query_class)
        return Identity(clean_name(hub_user), code, "jupyterhub")
    code = clean_class_code(class_code or query_class or env.get(CLASS_ENV))
    typed_name = typed_name if typed_name is not None else query_name
    if typed_name is None:
        raise UserInputError("no JupyterHub user: please type your name to start")
    return Identity(clean_name(typed_name), code, "typed")
