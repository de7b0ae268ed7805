"""Errors a person reads in their own language: a stable code, its parameters, an English sentence.

Core and services raise these; the desk shows ``code`` with ``params`` in the user's language
(``agent_desk/ui/errors.py`` holds one text per code), while the command line and the logs print
``str(error)``, the English sentence the raising class declares for the code in ``messages``.

Codes are dotted and stable ("customer.name_too_long"): translations are keyed on them, so a code
changes only together with its texts. A code has one English template in the whole program,
whichever class raises it, so a service may re-raise a core problem as its own error (an order
line's impossible quantity becomes an ``OrderValidationFailed``) and keep the code.

Parameters are values already written out (numbers, names, quoted data), except the few that
name a code of the program itself (``state``, ``action``, ``role``, ``field``…): each language
turns those into its own words, English through the raising class's :meth:`CodedError.english`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, ClassVar, Final

_TEMPLATES: Final[dict[str, str]] = {}


def english_templates() -> Mapping[str, str]:
    """Every code declared so far (by the modules imported so far), with its English template."""
    return MappingProxyType(_TEMPLATES)


class _KeepMissing(dict[str, str]):
    # A template naming a parameter its raise site forgot still yields a readable sentence: an
    # error raised while raising an error would hide the first one. tests/ui/test_error_texts.py
    # checks the names statically.
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Problem(str):
    """One thing wrong among several (a form's fields, a folder's files): a coded error as a value.

    It reads as its English sentence, so lists of problems print and compare as text, and carries
    ``code`` and ``params`` like the :class:`CodedError` it stands for.
    """

    code: str
    params: dict[str, object]

    def __new__(cls, english: str, code: str, params: Mapping[str, object]) -> Problem:
        problem = super().__new__(cls, english)
        problem.code = code
        problem.params = dict(params)
        return problem

    # pickle must rebuild a Problem from all three; str's own __getnewargs__ gives one item only
    def __getnewargs__(self) -> tuple[str, str, dict[str, object]]:  # type: ignore[override]
        return (str(self), self.code, self.params)


class CodedError(Exception):
    """An error whose ``code`` and ``params`` say what went wrong; ``str(err)`` says it in English."""

    #: code → English template with ``{name}`` placeholders; each class declares its own codes.
    messages: ClassVar[Mapping[str, str]] = {}

    code: str
    params: dict[str, object]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for code, template in cls.__dict__.get("messages", {}).items():
            if _TEMPLATES.setdefault(code, template) != template:
                raise TypeError(f"error code {code!r} has two English texts")

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.render(code, params))

    def __reduce__(self) -> tuple[Any, ...]:
        # The default would call __init__ with the English sentence as the code.
        return (_restore, (type(self), self.args, self.__dict__))

    @classmethod
    def render(cls, code: str, params: Mapping[str, object]) -> str:
        """The English sentence for ``code`` (the code itself when no class declared it)."""
        words = _KeepMissing({name: cls.english(name, value) for name, value in params.items()})
        return _TEMPLATES.get(code, code).format_map(words)

    @classmethod
    def english(cls, name: str, value: object) -> str:
        """One parameter in English words; subclasses word the codes their parameters hold."""
        if isinstance(value, Sequence) and not isinstance(value, str):
            return ", ".join(cls.english(name, item) for item in value)
        return str(value)

    @classmethod
    def problem(cls, code: str, /, **params: object) -> Problem:
        """The problem ``cls(code, **params)`` would raise, as a value for a list of problems."""
        return Problem(cls.render(code, params), code, params)

    def as_problem(self) -> Problem:
        return Problem(str(self), self.code, self.params)


def _restore(kind: type[CodedError], args: tuple[Any, ...], state: dict[str, Any]) -> CodedError:
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(state)
    return error
