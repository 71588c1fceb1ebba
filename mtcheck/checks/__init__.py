"""One module per check family; importing this package registers every rule."""

from mtcheck.checks import (  # noqa: F401
    backtranslation,
    boilerplate,
    calques,
    fidelity,
    grammar,
    language,
    names,
    negation,
    numbers,
    repetition,
    spelling,
    untranslated,
)
