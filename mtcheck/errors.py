"""Errors that end in one clear line on stderr (exit code 2), never a traceback."""


class InputError(Exception):
    """An input that cannot be read or checked: missing, empty, binary, undecodable, too big."""

    type = "input"

    def __init__(self, message: str, *, type: str = "input") -> None:
        super().__init__(message)
        self.type = type
