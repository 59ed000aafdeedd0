package io.topicpulse.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Reads the job's own {@code topicpulse.*} Spark configuration keys, failing with a message that names the key. */
final class JobSettings {

    private JobSettings() {
    }

    /** A whole-number setting, or {@code fallback} when it is not set. */
    static long wholeNumber(SparkSession spark, String key, long fallback) {
        return wholeNumber(key, spark.conf().get(key, String.valueOf(fallback)));
    }

    /** {@link #wholeNumber(SparkSession, String, long)} from the settings Spark is about to start with. */
    static long wholeNumber(SparkConf conf, String key, long fallback) {
        return wholeNumber(key, conf.get(key, String.valueOf(fallback)));
    }

    private static long wholeNumber(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
        }
    }

    /** A "true" or "false" setting (any case), or {@code fallback} when it is not set. */
    static boolean flag(SparkSession spark, String key, boolean fallback) {
        return flag(key, spark.conf().get(key, String.valueOf(fallback)).trim());
    }

    /** {@link #flag(SparkSession, String, boolean)} from the settings Spark is about to start with. */
    static boolean flag(SparkConf conf, String key, boolean fallback) {
        return flag(key, conf.get(key, String.valueOf(fallback)).trim());
    }

    private static boolean flag(String key, String value) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }
}
