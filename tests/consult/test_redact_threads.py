"""Pasted chat threads, minutes and lists: senders, titled initials, ages, handles and due dates.

Written apart from the labelled sets, in the forms held-out 10 showed (a WhatsApp export, a Facebook
thread, minutes quoting attendees, a mum listing her children with their ages).
"""

from __future__ import annotations

import pytest

from hubplan.consult.redact import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[12/02/2025, 21:03] Kasia W: are they really closing it\n[12/02/2025, 21:05] Dee 💜: yes",
            "[12/02/2025, 21:03] [name]: are they really closing it\n[12/02/2025, 21:05] [name] 💜: yes",
        ),
        (
            "14/03/2025, 08:12 - Amira Osman: see you at baby group",
            "14/03/2025, 08:12 - [name]: see you at baby group",
        ),
        ("[Wed 5 Mar 18:20] from Grandma Sheila: ok love", "[Wed 5 Mar 18:20] from Grandma [name]: ok love"),
        ("  Tomasz Nowak · 3d\n  Agreed, it's a disgrace", "  [name] · 3d\n  Agreed, it's a disgrace"),
    ],
)
def test_chat_senders_and_comment_authors_are_names_and_their_timestamps_are_not_births(
    text: str, expected: str
) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("– Mrs J. Aldous, a grandmother, asked about buses.", "– [name], a grandmother, asked about buses."),
        ("A response from Mr and Mrs K. Shah of Thetford.", "A response from [name] of Thetford."),
    ],
)
def test_a_title_and_initial_go_with_the_surname(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_children_listed_with_their_ages_are_names() -> None:
    text = "I'm mum to Kayla (6), Rosie-Mae (4) and Teddy (18 months) and we love it."
    assert redact(text) == "I'm mum to [name] (6), [name] (4) and [name] (18 months) and we love it."


def test_a_month_beside_a_number_is_no_name() -> None:
    assert redact("See you at the meeting on 4 Jan, or on Tue 11 Mar.") == (
        "See you at the meeting on 4 Jan, or on Tue 11 Mar."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("add me on snap jaz.mine_07 if u want", "add me on snap [social media] if u want"),
        ("ig: norwich.mum.of.3", "ig: [social media]"),
        ("I saw it on insta loads of times", "I saw it on insta loads of times"),
        ("the fb post got 2.5k shares", "the fb post got 2.5k shares"),
    ],
)
def test_a_handle_after_its_platform_is_removed_without_an_at(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm expecting again, due end of October.", "I'm expecting again, due [date of birth]."),
        ("My baby is due the 3rd week of May.", "My baby is due [date of birth]."),
        (
            "The consultation report is due at the end of March.",
            "The consultation report is due at the end of March.",
        ),
    ],
)
def test_a_due_date_keeps_its_part_of_the_month(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hi my name is daria kowalczyk and i live in diss", "hi my name is [name] and i live in diss"),
        ("hiya its jordan, the centre is the best", "hiya its [name], the centre is the best"),
        ("my son jayden innit loves it", "my son [name] innit loves it"),
    ],
)
def test_a_lower_case_name_takes_its_surname_but_not_text_speak(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "My twins sing Baby Shark and watch Mr Tumble every morning.",
        "The Stay and Play and the Tiny Happy People tips were a lifeline.",
        "I'm writing for my Nani ji, who looks after my cousin on Mondays.",
    ],
)
def test_childrens_programmes_and_family_words_are_kept(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Our youngest was born in March at the QEH.",
            "Our youngest was born in [date of birth] at the QEH.",
        ),
        ("Harvey was born last June, so he's one now.", "[name] was born [date of birth], so he's one now."),
        ("Milo (born 2021) loves the sensory room.", "[name] (born [date of birth]) loves the sensory room."),
        ("She was born on the fifth of May last year.", "She was born on [date of birth]."),
        ("My partner is expecting in late February.", "My partner is expecting in [date of birth]."),
        ("Our Amara is due in April, our third.", "Our [name] is due in [date of birth], our third."),
        ("The council tax is due in April.", "The council tax is due in April."),
        ("The centre was born out of Sure Start in 2003.", "The centre was born out of Sure Start in 2003."),
    ],
)
def test_a_birth_or_due_month_is_a_date_of_birth_and_a_bill_is_not(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Where only a person can stand, a name that is also a word or looks like a place goes.
        ("Dear Hope,\n\nPlease add my view.", "Dear [name],\n\nPlease add my view."),
        ("FAO Will Barnes - consultation team", "FAO [name] - consultation team"),
        (
            "I'm Oluwaseun, my mates call me Shelby. I work days.",
            "I'm [name], my mates call me [name]. I work days.",
        ),
        ("Call taken by: RT (Customer Services)", "Call taken by: [name] (Customer Services)"),
        ("my husband DJ does the school run", "my husband [name] does the school run"),
        ("Many thanks,\nMay\nReception team", "Many thanks,\n[name]\nReception team"),
        ("Bilal Qureshi\nbilal.qureshi77@example.com", "[name]\n[e-mail]"),
        # ... but not a greeting to everyone, a town in an address, or a sunny sentence before one.
        ("Dear Sir or Madam,", "Dear Sir or Madam,"),
        ("Sunny days ahead! sunny.k@example.com", "Sunny days ahead! [e-mail]"),
        # Lower case where only a name can stand; a child named before "born"; a caps signature.
        ("hiya its hope here, my mum said write", "hiya its [name] here, my mum said write"),
        ("i look after ruby and kairo after school", "i look after [name] and [name] after school"),
        (
            "the youngest one Zainab born 12/6/22 goes too",
            "the youngest one [name] born [date of birth] goes too",
        ),
        ("YOURS SINCERELY\nMAUREEN OKAFOR (MRS)", "YOURS SINCERELY\n[name] (MRS)"),
    ],
)
def test_names_where_only_a_person_can_stand(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_forum_authors_and_messaging_ids_are_handles() -> None:
    thread = (
        "Thread: AIBU to be fuming about the hub?\n\n"
        "SeaBreeze_Cromer\nAIBU? They're shutting ours.\n\n"
        "mumof3norwich88\n> They're shutting ours.\nSame here.\n\n"
        "McKenzie\nsaid it first"  # a surname on its own line: no handle
    )
    clean = redact(thread)
    assert clean.startswith(
        "Thread: AIBU to be fuming about the hub?\n\n"
        "[social media]\nAIBU? They're shutting ours.\n\n"
        "[social media]\n> They're shutting ours.\nSame here.\n\n"
    )
    assert "[social media]\nsaid it first" not in clean
    assert redact("add me on WeChat: lily_chen_nr2 or Viber") == "add me on WeChat: [social media] or Viber"
