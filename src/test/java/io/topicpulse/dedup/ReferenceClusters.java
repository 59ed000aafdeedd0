package io.topicpulse.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The near-duplicate clusters of a small corpus found in memory with union-find: the reference the Spark clustering
 * ({@code io.topicpulse.jobs.NearDuplicates}) is checked against, and what the evaluation of the rule clusters with.
 * Single linkage under a {@link NearDuplicateRule}; each cluster is named after its earliest member.
 */
public final class ReferenceClusters {

    /**
     * A document to cluster.
     *
     * @param id        unique document id; becomes the cluster id when this is the earliest member
     * @param firstSeen orders members to pick the cluster id (e.g. the run sequence or epoch day the doc first
     *                  appeared); ties broken by {@code id}
     * @param signature its {@link MinHasher} signature
     */
    public record Doc(String id, long firstSeen, int[] signature) {
        public Doc {
            if (id == null) {
                throw new IllegalArgumentException("id must not be null");
            }
        }
    }

    private static final Comparator<Doc> EARLIEST = Comparator.comparingLong(Doc::firstSeen).thenComparing(Doc::id);

    private ReferenceClusters() {
    }

    /**
     * Clusters in memory: bands every signature, checks each pair sharing a bucket and unites the near duplicates.
     *
     * @return document id to cluster id, for every document (singletons are their own cluster)
     */
    public static Map<String, String> cluster(NearDuplicateRule rule, Collection<Doc> docs) {
        Map<String, Doc> byId = index(docs);
        UnionFind groups = new UnionFind(byId);
        // Identical signatures (exact copies, often thousands of "access denied" pages) are united at once, so
        // only one of them enters the buckets and a bucket never holds the same text twice.
        Map<SignatureKey, Doc> distinct = new HashMap<>();
        for (Doc doc : byId.values()) {
            if (doc.signature() == null) {
                throw new IllegalArgumentException("doc " + doc.id() + " has no signature");
            }
            if (MinHasher.isEmpty(doc.signature())) {
                continue; // texts without words are duplicates of nothing
            }
            Doc first = distinct.putIfAbsent(new SignatureKey(doc.signature()), doc);
            if (first != null) {
                groups.union(first.id(), doc.id());
            }
        }
        Map<Long, List<Doc>> buckets = new HashMap<>();
        for (Doc doc : distinct.values()) {
            for (long key : rule.bands().keys(doc.signature())) {
                buckets.computeIfAbsent(key, k -> new ArrayList<>(2)).add(doc);
            }
        }
        for (List<Doc> bucket : buckets.values()) {
            for (int i = 0; i < bucket.size(); i++) {
                for (int j = i + 1; j < bucket.size(); j++) {
                    Doc a = bucket.get(i);
                    Doc b = bucket.get(j);
                    if (!groups.same(a.id(), b.id()) && rule.isNearDuplicate(a.signature(), b.signature())) {
                        groups.union(a.id(), b.id());
                    }
                }
            }
        }
        return groups.clusterIds();
    }

    private static Map<String, Doc> index(Collection<Doc> docs) {
        if (docs == null) {
            throw new IllegalArgumentException("docs must not be null");
        }
        Map<String, Doc> byId = new LinkedHashMap<>();
        for (Doc doc : docs) {
            if (byId.putIfAbsent(doc.id(), doc) != null) {
                throw new IllegalArgumentException("docs contain id " + doc.id() + " twice");
            }
        }
        return byId;
    }

    /** A signature as a map key, compared by content. */
    private record SignatureKey(int[] signature) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SignatureKey other && Arrays.equals(signature, other.signature);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(signature);
        }
    }

    /** Union-find whose root is always the earliest member, so the root is the cluster id. */
    private static final class UnionFind {
        private final Map<String, Doc> byId;
        private final Map<String, String> parent = new HashMap<>();

        UnionFind(Map<String, Doc> byId) {
            this.byId = byId;
            byId.keySet().forEach(id -> parent.put(id, id));
        }

        String find(String id) {
            String root = id;
            while (!parent.get(root).equals(root)) {
                root = parent.get(root);
            }
            while (!parent.get(id).equals(root)) { // path compression
                String next = parent.get(id);
                parent.put(id, root);
                id = next;
            }
            return root;
        }

        boolean same(String a, String b) {
            return find(a).equals(find(b));
        }

        void union(String a, String b) {
            String ra = find(a);
            String rb = find(b);
            if (ra.equals(rb)) {
                return;
            }
            if (EARLIEST.compare(byId.get(ra), byId.get(rb)) <= 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }

        Map<String, String> clusterIds() {
            Map<String, String> ids = new LinkedHashMap<>();
            for (String id : byId.keySet()) {
                ids.put(id, find(id));
            }
            return ids;
        }
    }
}
