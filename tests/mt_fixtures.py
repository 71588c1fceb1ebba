"""A tiny MarianMT (English -> Portuguese) built offline in a few seconds, and its CTranslate2
conversion, for the back-translation tests and the backend speed benchmark.

No model hub: SentencePiece is trained on the fixture sentences themselves, the model is a
``MarianConfig`` with d_model 32 and one layer, trained until it reproduces ``FIXTURE_PAIRS``
word for word (greedy and beam search agree on them). Pairs come in near-twins (30 vs 50
measures, resigned vs did not resign) so that a translation carrying the wrong twin
back-translates into a sentence that really differs from the source.

Needs torch, transformers, sentencepiece (and ctranslate2 for the conversion): the ``mt`` extra.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

# (English, Portuguese): the model translates English into Portuguese, i.e. it back-translates
# an English translation into its Portuguese source.
FIXTURE_PAIRS: tuple[tuple[str, str], ...] = (
    ("The government announced 30 new measures on Monday.", "O governo anunciou 30 novas medidas na segunda-feira."),
    ("The government announced 50 new measures on Monday.", "O governo anunciou 50 novas medidas na segunda-feira."),
    ("The minister did not resign.", "O ministro não renunciou."),
    ("The minister resigned.", "O ministro renunciou."),
    ("Prices rose sharply in Lisbon.", "Os preços subiram muito em Lisboa."),
    ("The football team lost the final.", "A equipa de futebol perdeu a final."),
    ("Heavy rain is expected tomorrow.", "Espera-se chuva forte amanhã."),
    ("The talks ended without an agreement.", "As negociações terminaram sem acordo."),
)

TRAINING_STEPS = 300
SEED = 1234


def _train_sentencepiece(folder: Path, sentences: list[str]) -> Path:
    import sentencepiece

    corpus = folder / "corpus.txt"
    corpus.write_text("\n".join(sentences) + "\n", encoding="utf-8")
    prefix = folder / "spm"
    sentencepiece.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=160,
        hard_vocab_limit=False,  # the corpus is tiny: take what it yields
        model_type="unigram",
        character_coverage=1.0,
        # Marian's layout: </s> = 0, <unk> = 1; <pad> is added to vocab.json after the pieces.
        eos_id=0,
        unk_id=1,
        bos_id=-1,
        pad_id=-1,
        minloglevel=2,
        num_threads=1,
    )
    return prefix.with_suffix(".model")


def build_tiny_marian(folder: Path, steps: int = TRAINING_STEPS) -> Path:
    """Train and save the tiny model into ``folder`` (created); returns the folder."""
    import torch

    folder.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(SEED)
    # One thread: a 32-wide model gains nothing from more, and on a busy 2-core machine
    # thread contention made 300 steps take minutes instead of about 3 seconds.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        return _train_and_save(folder, steps)
    finally:
        torch.set_num_threads(threads)


def _train_and_save(folder: Path, steps: int) -> Path:
    import sentencepiece
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    spm_model = _train_sentencepiece(folder, [s for pair in FIXTURE_PAIRS for s in pair])
    processor = sentencepiece.SentencePieceProcessor(model_file=str(spm_model))
    vocab = {processor.id_to_piece(i): i for i in range(processor.get_piece_size())}
    vocab["<pad>"] = len(vocab)
    pad_id = vocab["<pad>"]
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    shutil.copy(spm_model, folder / "source.spm")
    shutil.copy(spm_model, folder / "target.spm")
    tokenizer = MarianTokenizer(
        source_spm=str(folder / "source.spm"),
        target_spm=str(folder / "target.spm"),
        vocab=str(folder / "vocab.json"),
        source_lang="en",
        target_lang="pt",
    )

    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=64,
        pad_token_id=pad_id,
        eos_token_id=0,
        decoder_start_token_id=pad_id,
        forced_eos_token_id=0,
        dropout=0.0,
        attention_dropout=0.0,
        activation_dropout=0.0,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True,
        num_beams=1,
        max_length=64,
    )
    model = MarianMTModel(config)
    english = [en for en, _ in FIXTURE_PAIRS]
    portuguese = [pt for _, pt in FIXTURE_PAIRS]
    batch = tokenizer(english, text_target=portuguese, padding=True, return_tensors="pt")
    batch["labels"][batch["labels"] == pad_id] = -100
    embedding = model.get_input_embeddings().weight
    with torch.no_grad():
        embedding[pad_id].zero_()
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-2)
    model.train()
    for _ in range(steps):
        optimiser.zero_grad()
        loss = model(**batch).loss
        loss.backward()
        optimiser.step()
        # The embedding is tied to the output layer; Marian (and CTranslate2) assume the <pad>
        # row is zero, so keep it there or CTranslate2's output drifts from transformers'.
        with torch.no_grad():
            embedding[pad_id].zero_()
    model.eval()
    model.save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)
    for leftover in ("corpus.txt", "spm.model", "spm.vocab"):
        (folder / leftover).unlink(missing_ok=True)
    return folder


TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "special_tokens_map.json")


def convert_to_ctranslate2(marian_folder: Path, output_folder: Path, quantization: str = "float32") -> Path:
    """CTranslate2 conversion of a transformers Marian folder, with its tokenizer files copied in
    so that the converted folder is self-contained. float32: int8 rounding would disturb a
    32-wide model far more than a real one."""
    import ctranslate2

    copy_files = [name for name in TOKENIZER_FILES if (marian_folder / name).exists()]
    converter = ctranslate2.converters.TransformersConverter(str(marian_folder), copy_files=copy_files)
    converter.convert(str(output_folder), quantization=quantization, force=True)
    return output_folder
