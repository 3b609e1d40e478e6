"""Which links a map may carry: web, mail and relative links, and nothing with a line break."""

from __future__ import annotations

import pytest

from transit_maps.map_format import is_safe_url


@pytest.mark.parametrize(
    "url", ["https://example.org/a?b=1", "HTTP://x.org", "mailto:team@example.org", "../runbook/"]
)
def test_web_mail_and_relative_links_are_safe(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "https://x.org\n",  # `$` alone would match before the final newline
        "https://x.org/a b",
        "mailto:\n",
        "",
        " ",
    ],
)
def test_other_schemes_and_line_breaks_are_not(url: str) -> None:
    assert not is_safe_url(url)
