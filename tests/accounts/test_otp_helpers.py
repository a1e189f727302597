"""The pure two-factor helpers: no database."""

from saferplan.accounts.otp import base32_key, group_key, qr_svg


def test_it_writes_the_key_in_base32_without_padding():
    assert base32_key(b"Hello!\xde\xad\xbe\xef") == "JBSWY3DPEHPK3PXP"
    assert "=" not in base32_key(b"12345")


def test_it_groups_the_key_in_fours():
    assert group_key("JBSWY3DPEHPK3PXP") == "JBSW Y3DP EHPK 3PXP"
    assert group_key("jbsw y3dp ehp") == "JBSW Y3DP EHP"
    assert group_key("") == ""


def test_it_draws_an_inline_svg_with_an_escaped_title():
    svg = qr_svg("otpauth://totp/SaferPlan:alice?secret=JBSWY3DPEHPK3PXP", title="Scan <me> & go")

    assert svg.startswith('<svg role="img" ')
    assert "<?xml" not in svg
    assert "<title>Scan &lt;me&gt; &amp; go</title>" in svg
    assert "secret" not in svg  # the data is drawn, not written as text
    assert svg.rstrip().endswith("</svg>")
