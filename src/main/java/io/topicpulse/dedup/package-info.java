/**
 * Exact and near-duplicate detection of article texts.
 *
 * <p>{@link io.topicpulse.dedup.TextFingerprint#exact} catches copies equal after normalisation.
 * {@link io.topicpulse.dedup.MinHasher} signatures (128 ints over word 5-shingles, stored with each article so later
 * nights compare against them), {@link io.topicpulse.dedup.LshBands} bucket keys (32 bands of 4) and
 * {@link io.topicpulse.dedup.NearDuplicateClusterer} (estimated Jaccard &ge; 0.5, single linkage, cluster id = the
 * earliest member) find near duplicates: re-crawls with another sidebar, wire copies with a new headline, typos.
 *
 * <p>In Spark: compute signatures per article; explode {@code LshBands.keys(signature)} into (key, id) rows for
 * tonight's articles and earlier nights' ones; self-join on key to candidate pairs (drop pairs with no new
 * article); keep those where {@code clusterer.isNearDuplicate(sigA, sigB)}; collect the pairs and the ids of the
 * documents involved (few) and call {@link io.topicpulse.dedup.NearDuplicateClusterer#clusterPairs}. For small
 * corpora, collect (id, firstSeen, signature) and call {@link io.topicpulse.dedup.NearDuplicateClusterer#cluster}.
 * Cluster ids stay stable when later copies arrive, as long as {@code firstSeen} of later nights is larger; when a
 * new article bridges two existing clusters, they merge under the earlier id.
 */
package io.topicpulse.dedup;
