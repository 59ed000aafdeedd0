package io.topicpulse.topics;

/**
 * How often one lexicon term of one topic occurs in an article, by where it stands.
 *
 * @param topic   the topic's name
 * @param term    the term as written in the lexicon (not the form found in the text)
 * @param inTitle occurrences in the title
 * @param inLead  occurrences in the first paragraph of the text
 * @param inBody  occurrences in the rest of the text
 */
public record Mention(String topic, String term, int inTitle, int inLead, int inBody) {

    /** All occurrences: title, lead and body. */
    public int count() {
        return inTitle + inLead + inBody;
    }
}
