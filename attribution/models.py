"""Which stanza models to parse with: the bundled compact ones, stanza's official ones, or a folder.

Every choice ends in the same loading code (`stanza.Pipeline` over a model directory, no
network); only where the directory is and which files it holds differ.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
BUNDLED = "bundled"
OFFICIAL = "official"


class ModelsNotFound(RuntimeError):
    """The selected models are not on disk; the message says how to get them."""


@dataclass(frozen=True)
class ModelSet:
    """A resolved model choice.

    Attributes:
        name: "bundled", "official", or the folder given.
        directory: the stanza resources directory.
        paths: explicit model file per pipeline option (empty for the official models, which
            stanza finds through its own resources.json).
    """

    name: str
    directory: Path
    paths: tuple[tuple[str, str], ...] = ()

    @property
    def cache_key(self) -> str:
        """Identifies the exact model files and the sentence-break repair, so cached parses are never
        reused across models or across changes of those rules."""
        from .sentence_breaks import RULES_KEY

        return _content_key(self.name, self.directory, self.paths) + RULES_KEY

    def pipeline_kwargs(self) -> dict[str, Any]:
        return dict(self.paths)

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.directory.rglob("*") if p.is_file())


@lru_cache(maxsize=8)
def _content_key(name: str, directory: Path, paths: tuple[tuple[str, str], ...]) -> str:
    """A digest of the model files' bytes (a reinstall that copies them keeps the key).

    The official models are found by stanza through resources.json, so their key covers that
    file and every model file under en/.
    """
    files = [Path(p) for _, p in paths] if paths else [
        directory / "resources.json", *sorted((directory / "en").rglob("*.pt"))]
    digest = hashlib.sha256(b"official" if not paths else b"files")
    for path in files:
        try:
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            digest.update(f"missing:{path.name}".encode())
    return digest.hexdigest()[:24]


def bundled_directory() -> Path:
    return Path(str(resources.files("attribution") / "stanza_models"))


def official_directory() -> Path:
    return Path(os.environ.get("STANZA_RESOURCES_DIR", Path.home() / "stanza_resources"))


def _folder_models(name: str, directory: Path) -> ModelSet:
    en = directory / "en"
    missing = [p for p in ("tokenize", "pos", "lemma", "depparse") if not (en / p / "default.pt").exists()]
    if missing:
        raise ModelsNotFound(
            f"{directory} is not a stanza model folder: missing en/{{{','.join(missing)}}}/default.pt. "
            "Give a folder laid out like attribution/stanza_models, or use --models bundled.")
    paths = [("tokenize_model_path", en / "tokenize" / "default.pt"),
             ("lemma_model_path", en / "lemma" / "default.pt"),
             ("pos_model_path", en / "pos" / "default.pt"),
             ("depparse_model_path", en / "depparse" / "default.pt")]
    if (en / "mwt" / "default.pt").exists():
        paths.append(("mwt_model_path", en / "mwt" / "default.pt"))
    if (en / "pretrain" / "default.pt").exists():
        paths += [("pos_pretrain_path", en / "pretrain" / "default.pt"),
                  ("depparse_pretrain_path", en / "pretrain" / "default.pt")]
    return ModelSet(name, directory, tuple((k, str(v)) for k, v in paths))


def resolve(spec: str = BUNDLED) -> ModelSet:
    """Turn a --models value ("bundled", "official" or a folder) into a ModelSet.

    Raises:
        ModelsNotFound: the models are not on disk; the message says what to run.
    """
    if spec == BUNDLED:
        try:
            return _folder_models(BUNDLED, bundled_directory())
        except ModelsNotFound:
            raise ModelsNotFound(
                f"the bundled models are missing from {bundled_directory()}. Reinstall attribution "
                "(the models ship inside the package), or run `attribution models download` once and "
                "use --models official.") from None
    if spec == OFFICIAL:
        directory = official_directory()
        if not (directory / "resources.json").exists() or not (directory / "en").is_dir():
            raise ModelsNotFound(
                f"stanza's official English models are not in {directory}. "
                "Run `attribution models download` once (it needs internet), or use --models bundled.")
        return ModelSet(OFFICIAL, directory)
    directory = Path(spec).expanduser()
    if not directory.is_dir():
        raise ModelsNotFound(f"--models {spec}: no such folder. Use bundled, official, or a model folder.")
    return _folder_models(str(directory), directory)


def bundled_scores() -> dict[str, Any]:
    """The bundled models' training record (settings, data, GUM test scores), if present."""
    path = bundled_directory() / "training.json"
    if not path.exists():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
