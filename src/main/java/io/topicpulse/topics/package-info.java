/**
 * Topic matching: lexicons, tokens, mentions and term counts, in plain Java (no Spark).
 *
 * <h2>The rules</h2>
 * <ul>
 *   <li><b>Tokens</b> ({@link io.topicpulse.topics.Tokenizer}): after removing soft hyphens and zero-width chars and
 *   NFKC normalisation, a token is a maximal run of Unicode letters, marks and numbers; anything else separates.
 *   Tokens are folded to lower case with {@code Locale.ROOT}. Accents are kept ("cote" is not "côte"). Scripts
 *   written without spaces are not segmented.</li>
 *   <li><b>Phrases</b>: the words of a term match consecutive tokens separated only by spaces on one line, hyphens
 *   of any kind or apostrophes. "multi-polar" therefore matches "multi-polar", "multi polar", "multi–polar" and
 *   "multi’polar", but not "multi. Polar", "multi,polar" or "multi" and "polar" on two lines. The closed form
 *   "multipolar" is a different word: list it as a term or variant when wanted (the default lexicon does). Words
 *   in a hyphenated compound are words: "anti-sanctions" counts "sanctions", "NATO's" counts "NATO".</li>
 *   <li><b>Case</b>: case-insensitive unless the term says {@code case_sensitive: true}; then the token must be
 *   written exactly so (after NFKC).</li>
 *   <li><b>Stemming</b>: a term with {@code stem: true} matches every token whose Snowball stem (Lucene's stemmer
 *   for the term's {@code language}) equals the stem of the term's word, word by word for phrases.</li>
 *   <li><b>Language</b>: a term's {@code language} (or its topic's, or the file's) only selects the stemmer. A term
 *   is searched in every article whatever the article's detected language: detection is unreliable on short texts
 *   and a Cyrillic term cannot match English text anyway.</li>
 *   <li><b>Exclude</b>: an occurrence lying wholly inside an occurrence of one of its topic's or its own
 *   {@code exclude} phrases is not counted ("axis" in "x-axis", "axis of rotation"). Exclude phrases match
 *   case-insensitively without stemming.</li>
 *   <li><b>Overlaps</b>: within a topic, leftmost-longest: "oil price" counts once for "oil price", not also for
 *   "oil" and "price". Topics are independent: the same words can count for two topics.</li>
 *   <li><b>Where</b>: title, lead (the text up to its first blank line) or body, by the occurrence's first word.</li>
 * </ul>
 */
package io.topicpulse.topics;
