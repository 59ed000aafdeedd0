package io.topicpulse.extract.meta;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.NgramFrequencyData;
import com.optimaize.langdetect.cybozu.util.Util;
import com.optimaize.langdetect.ngram.NgramExtractor;
import com.optimaize.langdetect.profiles.LanguageProfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * optimaize's language detection with its default settings, answering exactly as its {@link LanguageDetector} does,
 * minus the logger checks its long-text loop makes every few n-grams: behind a logging binding such as Spark's
 * log4j those checks cost as much as the detection itself.
 *
 * <p>The long-text algorithm (texts over {@value #SHORT_TEXT} characters) is the library's, step for step: the same
 * seeded random draws of n-grams, the same products and normalisations in the same order, so the probabilities
 * are bit for bit the library's. Shorter texts go to the library's own detector.
 */
final class LongTextDetector {

    // The library's constants and builder defaults (LanguageDetectorImpl, LanguageDetectorBuilder 0.6).
    private static final double ALPHA = 0.5;
    private static final double ALPHA_WIDTH = 0.05;
    private static final int ITERATION_LIMIT = 1000;
    private static final double CONV_THRESHOLD = 0.99999;
    private static final int BASE_FREQ = 10000;
    private static final int N_TRIAL = 7;
    private static final long DEFAULT_SEED = 41L;
    private static final int SHORT_TEXT = 50;
    private static final double PROBABILITY_THRESHOLD = 0.1;

    private final NgramExtractor ngrams;
    private final NgramFrequencyData frequencies;
    private final LanguageDetector library;

    /**
     * @param ngrams   the n-gram extractor the library detector would use
     * @param profiles the language profiles, in the order they would be given to the library's builder
     */
    LongTextDetector(NgramExtractor ngrams, List<LanguageProfile> profiles) {
        if (ngrams == null || profiles == null || profiles.isEmpty()) {
            throw new IllegalArgumentException("ngrams and profiles must be given, profiles must not be empty");
        }
        this.ngrams = ngrams;
        this.library = LanguageDetectorBuilder.create(ngrams).withProfiles(profiles).build();
        // The builder keeps its profiles in a HashSet filled one by one; the languages' order, which the sums of
        // the normalisation follow, is that set's iteration order.
        Set<LanguageProfile> asTheBuilderHoldsThem = new HashSet<>();
        for (LanguageProfile p : profiles) {
            asTheBuilderHoldsThem.add(p);
        }
        this.frequencies = NgramFrequencyData.create(asTheBuilderHoldsThem, ngrams.getGramLengths());
    }

    /** What {@link LanguageDetector#getProbabilities} answers: languages of probability ≥ 0.1, most likely first. */
    List<DetectedLanguage> getProbabilities(CharSequence text) {
        if (text.length() <= SHORT_TEXT) {
            return library.getProbabilities(text);
        }
        List<String> grams = ngrams.extractGrams(text);
        if (grams.isEmpty()) {
            return List.of();
        }
        return sorted(detect(grams));
    }

    private double[] detect(List<String> grams) {
        int languages = frequencies.getLanguageList().size();
        double[] langprob = new double[languages];
        Random rand = new Random(DEFAULT_SEED);
        for (int t = 0; t < N_TRIAL; ++t) {
            double[] prob = new double[languages];
            for (int i = 0; i < languages; ++i) {
                prob[i] = 1.0 / languages;
            }
            double alpha = ALPHA + (rand.nextGaussian() * ALPHA_WIDTH);
            for (int i = 0; i < ITERATION_LIMIT; i++) {
                int r = rand.nextInt(grams.size());
                update(prob, grams.get(r), alpha);
                if (i % 5 == 0 && Util.normalizeProb(prob) > CONV_THRESHOLD) {
                    break;
                }
            }
            for (int j = 0; j < languages; ++j) {
                langprob[j] += prob[j] / N_TRIAL;
            }
        }
        return langprob;
    }

    private void update(double[] prob, String gram, double alpha) {
        double[] gramProbabilities = frequencies.getProbabilities(gram);
        if (gramProbabilities == null) {
            return;
        }
        // Prefix and suffix factors are 1 by default: the library leaves the weight as it is.
        double weight = alpha / BASE_FREQ;
        for (int i = 0; i < prob.length; ++i) {
            prob[i] *= (weight + gramProbabilities[i]);
        }
    }

    private List<DetectedLanguage> sorted(double[] prob) {
        List<DetectedLanguage> list = new ArrayList<>();
        for (int j = 0; j < prob.length; ++j) {
            if (prob[j] >= PROBABILITY_THRESHOLD) {
                list.add(new DetectedLanguage(frequencies.getLanguage(j), prob[j]));
            }
        }
        // A stable sort, as the library's: equal probabilities keep the languages' order.
        list.sort(Comparator.comparingDouble(DetectedLanguage::getProbability).reversed());
        return list;
    }
}
