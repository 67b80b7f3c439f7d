"""Quote selection: few, short quotes, none that might hold a name the redaction missed."""

from __future__ import annotations

from hubplan.consult.quotes import MAX_QUOTES, might_hold_a_name, select_quotes, shorten


def test_a_capitalised_word_in_mid_sentence_that_no_rule_knows_is_not_quoted() -> None:
    """ "Zorblax" (a made-up name) mid-sentence -> skipped; a sentence start, "I", NHS, a month -> fine."""
    assert might_hold_a_name("we were helped by Zorblax at the group")
    assert not might_hold_a_name("I love it. Mondays are best and the NHS staff in March were kind")
    assert not might_hold_a_name("my son [name] loves the centre in Gorleston")


def test_select_quotes_skips_risky_ones_and_keeps_at_most_the_limit() -> None:
    """Four comments: one risky, one blank, one repeated -> the two safe distinct ones, in order."""
    texts = [
        "the bus is too slow",
        "",
        "ask Zorblax about it",
        "the bus is too slow",
        "open on saturdays",
        "x",
    ]
    assert select_quotes(texts) == ["the bus is too slow", "open on saturdays"]
    assert MAX_QUOTES == 2


def test_long_comments_are_cut_at_a_sentence_end_or_a_word() -> None:
    """A 3-sentence comment of 26+26+... chars cut at 60 keeps the first two sentences (53 chars)."""
    text = "The centre is very useful. We go there every week. " + "It is the only place we can walk to " * 3
    assert shorten(text, max_chars=60) == "The centre is very useful. We go there every week."
    cut = shorten("word " * 100, max_chars=40)
    assert cut.endswith("…")
    assert len(cut) <= 40
