package io.topicpulse.ingest;

/** What a reader yields per input record: a page to extract, or a reject that says why not. */
public sealed interface ReadResult permits ReadResult.Page, ReadResult.Rejected {

    /** A readable candidate page. */
    record Page(RawPage page) implements ReadResult { }

    /** A record that failed before extraction. */
    record Rejected(Reject reject) implements ReadResult { }
}
