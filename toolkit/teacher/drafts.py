"""A teacher's lesson in progress, saved on every step so a kernel restart loses nothing.

Why a file per lesson and not the kernel's memory: Jupyter kernels die (a restart, a closed
laptop, a server update), and a review of twenty items is half an hour of a teacher's work. The
draft is plain JSON beside the notebook (`notebooks/drafts/<slug>.draft.json`), written
atomically, read back with a clear error when it is broken. Standard library only.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import UserInputError
from toolkit.model.adaptation import Adaptation
from toolkit.model.items import Item

DRAFT_SCHEMA = 1
SUFFIX = ".draft.json"


class DraftError(UserInputError):
    """A draft file that cannot be reopened; the message names the file."""


@dataclass
class Draft:
    """Everything the teacher chose: enough to rebuild the console as it was."""

    slug: str
    title: str
    text: str
    class_level: str = "B1"
    levels: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    extra_targets: list[str] = field(default_factory=list)  # typed in, maybe not in the article
    items: list[Item] = field(default_factory=list)  # the reviewed items, edits kept
    card_language: str = ""
    rejected: dict[str, list[int]] = field(default_factory=dict)  # level -> change indexes
    edited: dict[str, str] = field(default_factory=dict)  # level -> the teacher's text
    saved_at: str = ""
    # level -> the adaptation as the adapter wrote it, and as reviewed (rejections and edits
    # applied): a reopened draft shows its levels at once, without adapting again
    adapter_output: dict[str, Adaptation] = field(default_factory=dict)
    adapted: dict[str, Adaptation] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": DRAFT_SCHEMA, "slug": self.slug, "title": self.title,
                "text": self.text, "class_level": self.class_level, "levels": self.levels,
                "targets": self.targets, "extra_targets": self.extra_targets,
                "items": [i.to_dict() for i in self.items],
                "card_language": self.card_language,
                "rejected": {k: list(v) for k, v in self.rejected.items()},
                "edited": dict(self.edited), "saved_at": self.saved_at,
                "adapter_output": {k: a.to_dict() for k, a in self.adapter_output.items()},
                "adapted": {k: a.to_dict() for k, a in self.adapted.items()}}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Draft:
        return cls(str(d["slug"]), str(d.get("title", "")), str(d.get("text", "")),
                   str(d.get("class_level", "B1")), list(d.get("levels", [])),
                   list(d.get("targets", [])), list(d.get("extra_targets", [])),
                   [Item.from_dict(i) for i in d.get("items", [])],
                   str(d.get("card_language", "")),
                   {k: [int(i) for i in v] for k, v in d.get("rejected", {}).items()},
                   {k: str(v) for k, v in d.get("edited", {}).items()},
                   str(d.get("saved_at", "")),
                   {k: Adaptation.from_dict(a) for k, a in d.get("adapter_output", {}).items()},
                   {k: Adaptation.from_dict(a) for k, a in d.get("adapted", {}).items()})


def draft_path(folder: str | Path, slug: str) -> Path:
    return Path(folder) / f"{slug}{SUFFIX}"


def save_draft(draft: Draft, folder: str | Path) -> Path:
    """Write atomically: a crash mid-write leaves the previous draft, never half a file."""
    path = draft_path(folder, draft.slug)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(draft.to_dict(), ensure_ascii=False, indent=1), "utf-8")
    tmp.replace(path)
    return path


def list_drafts(folder: str | Path) -> list[Path]:
    """Drafts in a folder, the most recently saved first."""
    p = Path(folder)
    if not p.is_dir():
        return []
    return sorted(p.glob(f"*{SUFFIX}"), key=lambda f: (-f.stat().st_mtime, f.name))


def load_draft(path: str | Path) -> Draft:
    p = Path(path)
    try:
        d = json.loads(p.read_text("utf-8"))
    except FileNotFoundError:
        raise DraftError(f"{p}: no such draft") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DraftError(f"{p}: not a readable draft ({exc})") from None
    if not isinstance(d, dict) or d.get("schema") != DRAFT_SCHEMA or "slug" not in d:
        raise DraftError(f"{p}: not a VocabSphere draft")
    try:
        return Draft.from_dict(d)
    except (KeyError, TypeError, ValueError, UserInputError) as exc:
        raise DraftError(f"{p}: malformed draft ({exc})") from None


def backup_lesson(pack_path: str | Path) -> Path | None:
    """Copy an existing pack to the first free `<name>.1`, `<name>.2`, ...; None if absent.

    Why numbered copies, not one `.bak`: two careless overwrites in a row must not lose the
    lesson students were using.
    """
    p = Path(pack_path)
    if not p.exists():
        return None
    n = 1
    while p.with_name(f"{p.name}.{n}").exists():
        n += 1
    target = p.with_name(f"{p.name}.{n}")
    shutil.copy2(p, target)
    return target


__all__ = ["Draft", "DraftError", "backup_lesson", "draft_path", "list_drafts", "load_draft",
           "save_draft"]
