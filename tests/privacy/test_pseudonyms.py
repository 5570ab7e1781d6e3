def test_pseudonymise_leaves_the_journal_out_and_says_so() -> None:
    import secrets

    import pytest

    import sociale_kaart as sk

    G = sk.load_sample()
    assert G.graph.get("referrals") is not None
    with pytest.warns(UserWarning, match=r"referral journal \(referrals\) is left out"):
        P = sk.pseudonymise(G, key=secrets.token_hex(32))
    assert P.graph.get("referrals") is None and P.graph.get("contacts") is None
