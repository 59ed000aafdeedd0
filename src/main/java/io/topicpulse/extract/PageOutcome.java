package io.topicpulse.extract;

import io.topicpulse.ingest.Reject;

import java.io.Serializable;

/** What became of one input record: an article, or a reject with its reason. */
public sealed interface PageOutcome extends Serializable permits PageOutcome.Extracted, PageOutcome.Rejected {

    /** The record became an article. */
    record Extracted(ArticleRecord article) implements PageOutcome { }

    /** The record was rejected. */
    record Rejected(Reject reject) implements PageOutcome { }
}
