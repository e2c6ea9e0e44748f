"""``storyline serve`` refuses to expose the store without a token, and says why."""

from __future__ import annotations

import pytest

from storyline.cli import build_parser, main
from storyline.web.security import is_loopback


def test_non_loopback_host_without_a_token_is_refused(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    status = main(["serve", "--db", str(tmp_path / "s.db"), "--host", "0.0.0.0"])
    assert status == 2
    err = capsys.readouterr().err
    assert "refusing to serve on 0.0.0.0" in err and "STORYLINE_TOKEN" in err
    assert not (tmp_path / "s.db").exists()  # nothing was opened


def test_loopback_names() -> None:
    for host in ("127.0.0.1", "127.8.0.1", "localhost", "::1", "[::1]"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "192.168.1.5", "example.org", "::", "10.0.0.1"):
        assert not is_loopback(host), host


def test_serve_help_has_examples(capsys) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "storyline serve --db" in out and "--token" in out


def test_a_weak_token_is_rejected(tmp_path) -> None:
    from storyline.web import create_app

    with pytest.raises(ValueError, match="at least 8 characters"):
        create_app(db=str(tmp_path / "s.db"), token="short")
    with pytest.raises(ValueError, match="at least 8 characters"):
        create_app(db=str(tmp_path / "s.db"), token="has spaces; and=semicolons")
