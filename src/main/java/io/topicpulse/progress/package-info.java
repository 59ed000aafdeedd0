/** Progress lines for long runs: a pure {@link io.topicpulse.progress.Progress} and the SparkListener that fills it. */
package io.topicpulse.progress;
