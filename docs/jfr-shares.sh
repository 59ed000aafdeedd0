#!/usr/bin/env bash
# Share of the JFR execution samples inside PageProcessor.process that also pass through each part (inclusive),
# one-time class initialisation left out. Usage: docs/jfr-shares.sh RECORDING.jfr
jfr print --events jdk.ExecutionSample --stack-depth 200 "$1" | awk '
  BEGIN { n = split("ArticleExtractor.extract Jsoup.parse MetadataExtractor.extract ContentExtractor.extract LanguageGuesser.guess HtmlDecoder.decode MinHasher.signature TextFingerprint.normalize TextFingerprint.exact Tokenizer.count ArticleIdentity", part, " ") }
  /jdk.ExecutionSample/ { flush(); next }
  { sample = sample $0 "\n" }
  function flush() {
    if (sample ~ /PageProcessor\.process/ && sample !~ /<clinit>/) {
      total++
      for (i = 1; i <= n; i++) if (index(sample, part[i])) hits[i]++
    }
    sample = ""
  }
  END { flush(); printf "%d samples in PageProcessor.process\n", total
        for (i = 1; i <= n; i++) printf "%5.1f %%  %s\n", 100 * hits[i] / total, part[i] }'
