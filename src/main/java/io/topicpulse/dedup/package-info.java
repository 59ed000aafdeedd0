/**
 * Exact and near-duplicate detection of article texts.
 *
 * <p>{@link io.topicpulse.dedup.TextFingerprint#exact} catches copies equal after normalisation.
 * {@link io.topicpulse.dedup.MinHasher} signatures (128 ints over word 5-shingles, stored with each article so later
 * nights compare against them), {@link io.topicpulse.dedup.LshBands} bucket keys (32 bands of 4) and
 * {@link io.topicpulse.dedup.NearDuplicateRule} (a shared band and an estimated Jaccard &ge; 0.5) find near
 * duplicates, clustered by single linkage with the earliest member as the cluster id: re-crawls with another sidebar, wire copies with a new headline, typos.
 *
 * <p>In Spark ({@code io.topicpulse.jobs.NearDuplicates}): exact copies fold onto one representative, the
 * representatives' {@code LshBands.keys(signature)} self-join on key to candidate pairs, those where
 * {@code rule.isNearDuplicate(sigA, sigB)} are kept, and connected components are found with joins.
 * Cluster ids stay stable when later copies arrive, as long as {@code firstSeen} of later nights is larger; when a
 * new article bridges two existing clusters, they merge under the earlier id.
 */
package io.topicpulse.dedup;
