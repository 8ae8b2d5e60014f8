"""Errors a user is expected to see: one line each, no traceback."""


class DatelineError(Exception):
    """Base for errors reported to the user as a single line."""


class InputError(DatelineError):
    """A document that cannot be analysed, with the reason why."""
