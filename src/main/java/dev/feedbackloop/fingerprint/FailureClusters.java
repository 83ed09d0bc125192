package dev.feedbackloop.fingerprint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Groups near-identical failures, seen in different tests, into clusters with stable ids: what lets the loop say
 * "one systemic problem, seen in 14 tests". Not thread-safe: one instance per batch or per worker.
 *
 * <p>Two failures join one cluster when their fingerprints are equal, or when their message heads (type and
 * message lines, without stack frames, which name the test) have (1) the same quoted literals - selectors,
 * expected values, route aliases, so a different selector is a different cluster however similar the rest - and
 * (2) a token-set Jaccard similarity of at least {@link #MIN_SIMILARITY}. Before the exact similarity a cheap upper
 * bound, {@code min(|A|,|B|) / max(|A|,|B|)}, skips clusters whose token counts alone rule them out, and at most
 * {@link #MAX_COMPARISONS} exact comparisons are made per failure.
 *
 * <p>A cluster's id is the fingerprint of its first member's head and never changes as members join; clusters
 * kept from earlier runs can be seeded with {@link #seed} so their ids carry over.
 */
public final class FailureClusters {

    /**
     * Least token-set Jaccard similarity of a head to a cluster's founding head. The same failure in another test or
     * run has an identical head once normalised (similarity 1). On the development corpus, heads of one failure
     * written differently score 0.74-0.90 (mocha's timeout message truncated by a reporter, or with the spec file
     * appended), while heads of different root causes that share their quoted literals score at most 0.73
     * (Playwright's "Target page, context or browser has been closed" after different actions) and otherwise 0.57
     * or less. 0.75 keeps the variants with their founder and the different causes apart.
     */
    public static final double MIN_SIMILARITY = 0.75;
    /**
     * Exact comparisons per failure. A run rarely has more than a few dozen clusters with the same literals; the
     * budget bounds the worst case (thousands of distinct failures) to linear time per failure.
     */
    public static final int MAX_COMPARISONS = 64;
    /**
     * Tokens read per head, first ones first. Corpus heads have 16 distinct tokens at the median and 52 at most;
     * 96 leaves room and bounds the work on pathological text.
     */
    public static final int MAX_TOKENS = 96;

    private final Map<Fingerprint, Integer> byFingerprint = new HashMap<>();
    private final Map<Set<String>, List<Integer>> byLiterals = new HashMap<>();
    private final List<Member> representatives = new ArrayList<>();
    private final List<Builder> clusters = new ArrayList<>();

    /**
     * Adds one failure of {@code test} and returns the id of the cluster it joined or founded.
     *
     * @param failure the normalised failure
     * @param test    the test it failed in (any stable key: a {@code TestId} value, a name)
     */
    public Fingerprint add(NormalizedFailure failure, String test) {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(test, "test");
        Integer index = byFingerprint.get(failure.fingerprint());
        if (index == null) {
            Member member = Member.of(failure.head());
            index = closest(member);
            if (index < 0) {
                index = found(member, failure.head());
            }
            byFingerprint.put(failure.fingerprint(), index);
        }
        clusters.get(index).add(test);
        return clusters.get(index).id;
    }

    /**
     * Seeds a cluster kept from an earlier run, so failures like its representative join it under its old id.
     *
     * @param id             the cluster's id
     * @param representative the normalised head of the failure that founded it ({@link NormalizedFailure#head()})
     */
    public void seed(Fingerprint id, String representative) {
        Objects.requireNonNull(id, "id");
        Member member = Member.of(Objects.requireNonNull(representative, "representative"));
        int index = clusters.size();
        clusters.add(new Builder(id, representative));
        representatives.add(member);
        byLiterals.computeIfAbsent(member.literals(), k -> new ArrayList<>()).add(index);
    }

    /** The clusters that have members, most tests first, then most occurrences. */
    public List<Cluster> clusters() {
        return clusters.stream()
                .filter(b -> b.occurrences > 0)
                .map(b -> new Cluster(b.id, b.representative, b.occurrences, b.tests))
                .sorted(Comparator.comparingInt((Cluster c) -> c.tests().size()).reversed()
                        .thenComparing(Comparator.comparingInt(Cluster::occurrences).reversed()))
                .toList();
    }

    private int closest(Member member) {
        List<Integer> candidates = byLiterals.get(member.literals());
        if (candidates == null) {
            return -1;
        }
        int best = -1;
        double bestSimilarity = MIN_SIMILARITY;
        int compared = 0;
        for (int i = candidates.size() - 1; i >= 0 && compared < MAX_COMPARISONS; i--) {
            Member other = representatives.get(candidates.get(i));
            if (Similarity.upperBound(member.tokens(), other.tokens()) < bestSimilarity) {
                continue;
            }
            compared++;
            double similarity = Similarity.jaccard(member.tokens(), other.tokens());
            if (similarity >= bestSimilarity) {
                best = candidates.get(i);
                bestSimilarity = similarity;
            }
        }
        return best;
    }

    private int found(Member member, String head) {
        int index = clusters.size();
        clusters.add(new Builder(Fingerprints.of("cluster", head), head));
        representatives.add(member);
        byLiterals.computeIfAbsent(member.literals(), k -> new ArrayList<>()).add(index);
        return index;
    }

    /** A cluster's founding head as tokens (sorted ids) and its quoted literals. */
    private record Member(int[] tokens, Set<String> literals) {
        static Member of(String head) {
            return new Member(Similarity.tokenIds(head, MAX_TOKENS), Similarity.literals(head));
        }
    }

    private static final class Builder {
        final Fingerprint id;
        final String representative;
        final Set<String> tests = new LinkedHashSet<>();
        int occurrences;

        Builder(Fingerprint id, String representative) {
            this.id = id;
            this.representative = representative;
        }

        void add(String test) {
            occurrences++;
            tests.add(test);
        }
    }
}
