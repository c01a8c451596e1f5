"""Errors a user can fix are one family; anything else is a bug, logged with its traceback."""

from __future__ import annotations

import logging

import pytest

from toolkit import cli
from toolkit import log as logs
from toolkit.errors import UserInputError
from toolkit.exercises.export import ExportError
from toolkit.language.data import DataMissingError
from toolkit.language.encoder import EncoderMissingError
from toolkit.language.parser import ParserMissingError
from toolkit.language.text import TextInputError
from toolkit.language.wordcard import WordLookupError
from toolkit.model.pack import LessonPackError


@pytest.mark.parametrize("error", [TextInputError, LessonPackError, WordLookupError, ExportError,
                                   DataMissingError, EncoderMissingError, ParserMissingError,
                                   cli.UserError])
def test_every_fixable_error_is_a_user_input_error(error: type) -> None:
    assert issubclass(error, UserInputError)


def test_a_bad_level_or_class_code_is_a_user_input_error() -> None:
    from toolkit.cefr import level_index
    from toolkit.learning.identity import clean_class_code

    with pytest.raises(UserInputError, match="choose one of"):
        level_index("Z9")
    with pytest.raises(UserInputError, match="ask your teacher"):
        clean_class_code("not a code!")


@pytest.fixture()
def log_path(tmp_path, monkeypatch):
    path = tmp_path / "toolkit.log"
    monkeypatch.setenv("VOCABSPHERE_LOG", str(path))
    yield path
    logger = logging.getLogger(logs.ROOT)
    for h in [h for h in logger.handlers if isinstance(h, logging.FileHandler)]:
        logger.removeHandler(h)
        h.close()


def test_a_bug_in_a_command_is_an_internal_error_with_the_traceback_in_the_log(
        monkeypatch, capsys, log_path) -> None:
    def broken(_args: object) -> int:
        raise KeyError("a bug")

    monkeypatch.setattr(cli, "cmd_level", broken)
    assert cli.main(["level", "-"]) == 1
    err = capsys.readouterr().err
    assert "internal error" in err and str(log_path) in err and "Traceback" not in err
    logged = log_path.read_text("utf-8")
    assert "Traceback" in logged and "KeyError: 'a bug'" in logged


def test_a_fixable_error_is_one_line_and_not_logged(monkeypatch, capsys, log_path) -> None:
    def bad_input(_args: object) -> int:
        raise TextInputError("the article is empty: paste some text")

    monkeypatch.setattr(cli, "cmd_level", bad_input)
    assert cli.main(["level", "-"]) == cli.EXIT_INPUT
    assert capsys.readouterr().err.strip() == "error: the article is empty: paste some text"
    assert not log_path.exists()
