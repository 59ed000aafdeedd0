package io.topicpulse.jobs;

import org.apache.spark.sql.SparkSession;

/** Reads the job's own {@code topicpulse.*} Spark configuration keys, failing with a message that names the key. */
final class JobSettings {

    private JobSettings() {
    }

    /** A whole-number setting, or {@code fallback} when it is not set. */
    static long wholeNumber(SparkSession spark, String key, long fallback) {
        String value = spark.conf().get(key, String.valueOf(fallback));
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
        }
    }

    /** A "true" or "false" setting (any case), or {@code fallback} when it is not set. */
    static boolean flag(SparkSession spark, String key, boolean fallback) {
        String value = spark.conf().get(key, String.valueOf(fallback)).trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }
}
