package io.topicpulse.ingest;

import java.util.Objects;

/** Page bytes that are not text in any charset; carries the reject reason the page should get. */
public class DecodeException extends Exception {

    private final RejectReason reason;

    public DecodeException(RejectReason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** {@link RejectReason#NOT_HTML} for recognised binary formats, {@link RejectReason#DECODE_FAILED} otherwise. */
    public RejectReason reason() {
        return reason;
    }
}
