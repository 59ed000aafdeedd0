package io.topicpulse.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Groups a day's mentioning articles by near-duplicate cluster, so a wire story shows once with its copy count. */
public final class KwicClusters {

    private KwicClusters() {
    }

    /** An article that mentions the topic that day, with its mentions. */
    public record Mentioning(String docId, String clusterId, String host, long mentions) {
    }

    /**
     * A cluster as the report shows it: one article standing for its copies.
     *
     * @param docId     the article shown: the one with the most mentions, ties to the smallest doc_id
     * @param mentions  mentions in the cluster's articles together
     * @param copies    the other articles of the cluster
     * @param copyHosts their hosts, distinct, sorted, the shown article's host left out
     */
    public record Cluster(String docId, long mentions, int copies, List<String> copyHosts) {
    }

    /** The clusters, most mentions first (ties: the shown doc_id). */
    public static List<Cluster> of(List<Mentioning> articles) {
        Map<String, List<Mentioning>> byCluster = new LinkedHashMap<>();
        for (Mentioning m : articles) {
            byCluster.computeIfAbsent(m.clusterId() == null ? m.docId() : m.clusterId(), k -> new ArrayList<>()).add(m);
        }
        List<Cluster> out = new ArrayList<>();
        for (List<Mentioning> members : byCluster.values()) {
            members.sort(Comparator.comparingLong(Mentioning::mentions).reversed()
                    .thenComparing(Mentioning::docId));
            Mentioning shown = members.get(0);
            TreeSet<String> hosts = new TreeSet<>();
            long mentions = 0;
            for (Mentioning m : members) {
                mentions += m.mentions();
                if (m != shown && m.host() != null && !m.host().equals(shown.host())) {
                    hosts.add(m.host());
                }
            }
            out.add(new Cluster(shown.docId(), mentions, members.size() - 1, List.copyOf(hosts)));
        }
        out.sort(Comparator.comparingLong(Cluster::mentions).reversed().thenComparing(Cluster::docId));
        return out;
    }
}
