package io.topicpulse.extract.meta;

import io.topicpulse.eval.Evaluator;
import io.topicpulse.eval.SpeedTrial;
import io.topicpulse.extract.content.ContentExtractor;
import io.topicpulse.extract.content.MainContent;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How often {@link LanguageGuesser} gives the same language from the first N chars of the article text as from the
 * whole text, on data set folders ({@code html/ID.html.gz} + {@code truth.jsonl}), for several N, and how fast
 * each N is against the sample the guesser takes, timed interleaved ({@link SpeedTrial}).
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:target/topicpulse-0.1.0.jar:$(cat target/classpath.txt)
 * io.topicpulse.extract.meta.LanguageSampleTrial ../shared/data/extraction/news-dates-2020
 * ../shared/data/extraction/wcxb-dev-articles}
 */
public final class LanguageSampleTrial {

    private static final int[] SAMPLES = {250, LanguageGuesser.MAX_TEXT, 1000, 2000, 4000, Integer.MAX_VALUE};

    private LanguageSampleTrial() {
    }

    /** What the guess needs of one page. */
    private record Input(String text, String declared) {
    }

    public static void main(String[] args) throws Exception {
        ContentExtractor content = new ContentExtractor();
        for (String dir : args) {
            List<Input> inputs = new ArrayList<>();
            for (Evaluator.Page page : Evaluator.load(Path.of(dir), 0)) {
                String url = page.truth().url() == null ? "" : page.truth().url();
                Document doc = Jsoup.parse(page.html(), url);
                MainContent main = content.extract(doc);
                inputs.add(new Input(main.text(), MetadataExtractor.declaredLanguage(doc, new MetaTags(doc))));
            }
            List<String> whole = inputs.stream()
                    .map(in -> LanguageGuesser.guess(in.text(), in.declared(), Integer.MAX_VALUE)).toList();
            for (int size : SAMPLES) {
                int same = 0;
                StringBuilder differences = new StringBuilder();
                for (int i = 0; i < inputs.size(); i++) {
                    String guess = LanguageGuesser.guess(inputs.get(i).text(), inputs.get(i).declared(), size);
                    if (Objects.equals(guess, whole.get(i))) {
                        same++;
                    } else {
                        differences.append(' ').append(i).append(':').append(guess).append('/')
                                .append(whole.get(i)).append("/declared ").append(inputs.get(i).declared());
                    }
                }
                SpeedTrial speed = SpeedTrial.run(inputs, in -> LanguageGuesser.guess(in.text(), in.declared(), size),
                        in -> LanguageGuesser.guess(in.text(), in.declared()), 5);
                System.out.printf(Locale.ROOT, "%s: sample %s chars: same language as the whole text on %d of %d"
                                + " pages (%.1f %%); speed %.2f x that of the %d-char sample%n",
                        Path.of(dir).getFileName(), size == Integer.MAX_VALUE ? "all" : size, same, inputs.size(),
                        100.0 * same / inputs.size(), speed.ratio(), LanguageGuesser.MAX_TEXT);
                if (!differences.isEmpty()) {
                    System.out.println("  page:sample/whole guesses that differ:" + differences);
                }
            }
        }
    }
}
