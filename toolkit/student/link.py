"""The students' link to this class: as text, as a QR code for a terminal, and for the index page.

Light (segno is pure Python): the lesson index runs in a student's kernel.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from html import escape

import segno

LINK_ENV = "VOCABSPHERE_STUDENT_LINK"
INDEX_PATH = "/voila/render/index.ipynb"


def student_link(host: str, port: int, path: str = INDEX_PATH) -> str:
    """The address students type or scan; `host` as the students' devices reach this machine."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{int(port)}{path}"


def _qr(link: str) -> segno.QRCode:
    return segno.make(link, error="m")


def qr_text(link: str) -> str:
    """The QR code drawn with block characters, two rows per line (fits an 80-column terminal)."""
    out = io.StringIO()
    _qr(link).terminal(out=out, compact=True, border=2)
    return out.getvalue()


def qr_svg(link: str, scale: int = 4) -> str:
    """The QR code as an inline <svg> (dark modules on white, a quiet zone of 4)."""
    return _qr(link).svg_inline(scale=scale, dark="#000", light="#fff", border=4,
                                title=f"QR code for {link}")


def link_html(env: Mapping[str, str] | None = None) -> str:
    """The index page's "join this class" box, or '' when no link was given to the server."""
    env = os.environ if env is None else env
    link = (env.get(LINK_ENV) or "").strip()
    if not link:
        return ""
    return (f"<div class='vs-room-link'><p>Join this class: scan the code or open "
            f"<a href='{escape(link, quote=True)}'><code style='overflow-wrap:anywhere'>"
            f"{escape(link)}</code></a></p>"
            f"{qr_svg(link)}</div>")


__all__ = ["INDEX_PATH", "LINK_ENV", "link_html", "qr_svg", "qr_text", "student_link"]
