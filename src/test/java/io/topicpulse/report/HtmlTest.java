package io.topicpulse.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class HtmlTest {

    @Test
    void escapesMarkupAndQuotes() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;",
                Html.escape("<script>alert('x')</script> & \"q\""));
        assertEquals("", Html.escape(null));
    }

    @Test
    void dropsControlAndBidiOverrideCharacters() {
        assertEquals("abcdef", Html.escape("abc\u202Edef"));
        assertEquals("ab", Html.escape("a\u0000\u2066b\u2069"));
        assertEquals("a b", Html.escape("a\nb"));
    }

    @Test
    void linksOnlyAbsoluteHttpAndHttpsUrls() {
        assertEquals("https://example.org/a?b=1", Html.linkable(" https://example.org/a?b=1 "));
        assertEquals("HTTP://example.org/", Html.linkable("HTTP://example.org/"));
        assertNull(Html.linkable("javascript:alert(1)"));
        assertNull(Html.linkable("JaVaScRiPt:alert(1)"));
        assertNull(Html.linkable("java\tscript:alert(1)"));
        assertNull(Html.linkable("data:text/html,<script>alert(1)</script>"));
        assertNull(Html.linkable("//example.org/x"));
        assertNull(Html.linkable("/relative"));
        assertNull(Html.linkable("https://example.org/\"onmouseover=\"x"));
        assertNull(Html.linkable(null));
    }

    @Test
    void showsTheLabelAloneWhenTheUrlIsNotLinkable() {
        assertEquals("&lt;b&gt;t", Html.link("javascript:alert(1)", "<b>t"));
        assertEquals("<a href=\"https://e.org/?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\">t</a>",
                Html.link("https://e.org/?a=1&b=2", "t"));
    }
}
