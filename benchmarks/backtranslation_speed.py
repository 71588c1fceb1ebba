"""Back-translation backend speed: sentences/s and peak memory of transformers and CTranslate2
on the same model and the same sentences, side by side in one run.

Models (built offline, no hub):
* ``tiny``: the trained tiny MarianMT of the tests (d_model 32, 1 layer): mostly overhead;
* ``marian-base``: an untrained Marian of opus-mt's shape (d_model 512, 6+6 layers, 8k vocab),
  random weights, every sentence decoded to a fixed 40 tokens: the speed of a real opus-mt
  model without its weights (the output is noise; only time and memory are measured).

Each backend runs in a fresh child process so that its peak RSS is its own (the CTranslate2
backend tokenises with transformers' tokenizer, which imports torch: its RSS includes torch's
~500 MB baseline). int8 on the tiny model is slow because 8-bit rounding of a 32-wide model
changes its output into long loops: use float32 for tiny models, int8 for real ones.

    .venv/bin/python benchmarks/backtranslation_speed.py [--sentences 200] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

FIXED_TOKENS = 40


def _sentences(count: int) -> list[str]:
    from mt_fixtures import FIXTURE_PAIRS

    english = [en for en, _ in FIXTURE_PAIRS]
    return [english[i % len(english)] for i in range(count)]


def build_marian_base(folder: Path, tiny: Path) -> Path:
    """opus-mt-shaped Marian with random weights, reusing the tiny model's tokenizer files
    (token ids beyond the tokenizer's vocabulary are never produced from input)."""
    import shutil

    import torch
    from transformers import MarianConfig, MarianMTModel

    folder.mkdir(parents=True, exist_ok=True)
    for name in ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json"):
        if (tiny / name).exists():
            shutil.copy(tiny / name, folder / name)
    vocab = json.loads((tiny / "vocab.json").read_text(encoding="utf-8"))
    pad_id = vocab["<pad>"]
    torch.manual_seed(0)
    config = MarianConfig(
        vocab_size=len(vocab), d_model=512, encoder_layers=6, decoder_layers=6, encoder_attention_heads=8,
        decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048, max_position_embeddings=512,
        pad_token_id=pad_id, eos_token_id=0, decoder_start_token_id=pad_id, scale_embedding=True,
        share_encoder_decoder_embeddings=True, tie_word_embeddings=True,
    )
    model = MarianMTModel(config)
    with torch.no_grad():
        model.get_input_embeddings().weight[pad_id].zero_()
        model.final_logits_bias[0, 0] = -1e4  # never emit </s>: fixed-length output, see FIXED_TOKENS
    model.save_pretrained(folder, safe_serialization=True)
    return folder


class _FixedLength:
    """A CTranslate2 translator that always decodes FIXED_TOKENS tokens (its methods are
    read-only, so it is wrapped rather than patched)."""

    def __init__(self, translator) -> None:  # noqa: ANN001 - ctranslate2.Translator
        self.translator = translator

    def translate_batch(self, tokens, **options):  # noqa: ANN001, ANN201
        options.update(max_decoding_length=FIXED_TOKENS, min_decoding_length=FIXED_TOKENS)
        return self.translator.translate_batch(tokens, **options)


def _child(backend: str, folder: str, compute_type: str, count: int, threads: int, fixed: bool) -> None:
    """Runs in a fresh process: load, translate, print one JSON line."""
    from mtcheck.mt import backends

    sentences = _sentences(count)
    started = time.perf_counter()
    if backend == "transformers":
        import torch  # only here: the CTranslate2 child's peak memory must not include torch's

        torch.set_num_threads(threads)
        translator = backends.TransformersTranslator(folder, source_lang="en", target_lang="pt", device="cpu")
        if fixed:
            translator._generate_options.update(min_new_tokens=FIXED_TOKENS, max_new_tokens=FIXED_TOKENS)
    else:
        translator = backends.CTranslate2Translator(folder, source_lang="en", target_lang="pt", compute_type=compute_type)
        translator.translator = __import__("ctranslate2").Translator(
            folder, device="cpu", compute_type=compute_type, intra_threads=threads
        )
        if fixed:
            translator.translator = _FixedLength(translator.translator)
    loaded = time.perf_counter()
    translator.translate(sentences[:8])  # warm-up
    warm = time.perf_counter()
    translator.translate(sentences)
    done = time.perf_counter()
    print(json.dumps({
        "load_s": round(loaded - started, 2),
        "sentences_per_s": round(count / (done - warm), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        backend, folder, compute_type, fixed, _ = args.child
        _child(backend, folder, compute_type, args.sentences, args.threads, fixed == "fixed")
        return

    from mt_fixtures import build_tiny_marian, convert_to_ctranslate2

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        tiny = build_tiny_marian(root / "tiny")
        base = build_marian_base(root / "marian-base", tiny)
        models = {"tiny": (tiny, "natural"), "marian-base": (base, "fixed")}
        print(f"{args.sentences} English news sentences, beam 4, batch 16, {args.threads} threads, CPU")
        print(f"{'model':<12} {'backend':<22} {'sentences/s':>12} {'load s':>7} {'peak RSS MB':>12}")
        for name, (folder, length) in models.items():
            converted = {ct: convert_to_ctranslate2(folder, root / f"{name}-ct2-{ct}", ct) for ct in ("float32", "int8")}
            runs = [("transformers", str(folder), "-"), *(("ctranslate2", str(converted[ct]), ct) for ct in ("float32", "int8"))]
            for backend, location, compute_type in runs:
                completed = subprocess.run(
                    [sys.executable, __file__, "--sentences", str(args.sentences), "--threads", str(args.threads),
                     "--child", backend, location, compute_type, length, "-"],
                    capture_output=True, text=True, check=True,
                )
                result = json.loads(completed.stdout.strip().splitlines()[-1])
                label = backend if compute_type == "-" else f"{backend} {compute_type}"
                print(f"{name:<12} {label:<22} {result['sentences_per_s']:>12} {result['load_s']:>7} {result['peak_rss_mb']:>12}")


if __name__ == "__main__":
    main()
