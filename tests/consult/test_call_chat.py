"""A video call's saved chat names its sender and, in a private message, its recipient (held-out 25)."""

from __future__ import annotations

from hubplan.consult.redact import redact

CHAT = """Teams-style chat saved from the Dereham drop-in
19:02:07 From Bernadette Quinn to Everyone: welcome all, we start in two minutes
19:03:40 From Tomasz (he/him) to Everyone: is there a recording?
19:04:12 From iPad (2) to Everyone: my mic is not working
19:05:55 From Bernadette Quinn to Tomasz (Direct Message): yes, I will send it
19:06:30 From Nanna Sue to Everyone: thank you love"""


def test_senders_and_a_named_recipient_are_removed_and_no_one_else() -> None:
    out = redact(CHAT)
    for name in ("Bernadette", "Quinn", "Tomasz", "Sue"):
        assert name not in out
    assert "From [name] to Everyone: welcome all" in out
    assert "From [name] (he/him) to Everyone" in out  # the pronouns are no name
    assert "From iPad (2) to Everyone" in out  # a device is no one
    assert "From [name] to [name] (Direct Message)" in out
    assert "From Nanna [name] to Everyone" in out  # the word for kin stays
    assert out.startswith("Teams-style chat saved from the Dereham drop-in")
