"""One module per check family; importing this package registers every rule."""

from mtcheck.checks import boilerplate, language, names, repetition, untranslated  # noqa: F401
