package io.topicpulse.report;

import java.util.List;

/**
 * One keyword-in-context line: the sentence (or title) around one or more counted matches.
 *
 * @param text    the sentence, from the tokenizer's normalised text, shortened around the matches when long
 * @param marks   the matched terms' char ranges in {@code text}, in order, not overlapping
 * @param inTitle true when the matches are in the title
 */
public record Snippet(String text, List<Mark> marks, boolean inTitle) {

    public Snippet {
        marks = List.copyOf(marks);
    }

    /** A matched term's char range {@code [start, end)} in the snippet. */
    public record Mark(int start, int end) {
    }

    /** The snippet with each match in {@code open}…{@code close}, every other char escaped for HTML. */
    public String highlighted(String open, String close) {
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (Mark m : marks) {
            sb.append(Html.escape(text.substring(at, m.start()))).append(open)
                    .append(Html.escape(text.substring(m.start(), m.end()))).append(close);
            at = m.end();
        }
        return sb.append(Html.escape(text.substring(at))).toString();
    }

    /** The snippet with each match in {@code [[ ]]}, for terminals and files. */
    public String bracketed() {
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (Mark m : marks) {
            sb.append(text, at, m.start()).append("[[").append(text, m.start(), m.end()).append("]]");
            at = m.end();
        }
        return sb.append(text.substring(at)).toString();
    }
}
