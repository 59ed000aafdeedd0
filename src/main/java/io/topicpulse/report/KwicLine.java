package io.topicpulse.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.List;

/**
 * One keyword-in-context line for the terminal: where it comes from and the sentence with its matches.
 *
 * @param copies other articles of its near-duplicate cluster in the same selection, not printed
 */
public record KwicLine(LocalDate date, String host, String url, String title, Snippet snippet, int copies) {

    /** The output formats of {@code kwic}. */
    public enum Format { TABLE, CSV, JSONL }

    /** The lines in {@code format}: matches in [[ ]] in table and CSV, as offsets in JSON Lines. */
    public static String format(List<KwicLine> lines, Format format) {
        StringBuilder sb = new StringBuilder();
        switch (format) {
            case TABLE -> {
                for (KwicLine l : lines) {
                    sb.append(l.date()).append("  ").append(plain(l.host())).append("  ").append(plain(l.url()))
                            .append(l.copies() > 0 ? "  (+" + l.copies() + " copies)" : "").append('\n')
                            .append("    ").append(plain(l.snippet().bracketed())).append('\n');
                }
            }
            case CSV -> {
                sb.append("date,host,url,title,in_title,context,copies\n");
                for (KwicLine l : lines) {
                    sb.append(l.date()).append(',').append(csv(l.host())).append(',').append(csv(l.url()))
                            .append(',').append(csv(l.title())).append(',').append(l.snippet().inTitle())
                            .append(',').append(csv(l.snippet().bracketed())).append(',').append(l.copies())
                            .append('\n');
                }
            }
            case JSONL -> {
                ObjectMapper json = new ObjectMapper();
                for (KwicLine l : lines) {
                    ObjectNode o = json.createObjectNode();
                    o.put("date", l.date().toString()).put("host", l.host()).put("url", l.url())
                            .put("title", l.title()).put("in_title", l.snippet().inTitle())
                            .put("context", l.snippet().text());
                    var marks = o.putArray("matches");
                    for (Snippet.Mark m : l.snippet().marks()) {
                        marks.addArray().add(m.start()).add(m.end());
                    }
                    o.put("copies", l.copies());
                    sb.append(o).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** Control chars (an escape sequence in a title could rewrite the terminal) and bidi overrides dropped. */
    static String plain(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Html.isInvisibleControl(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String csv(String s) {
        String v = plain(s);
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
