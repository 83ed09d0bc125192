package dev.feedbackloop.fingerprint;

import java.util.Objects;
import java.util.Set;

/**
 * Near-identical failures grouped as one problem.
 *
 * @param id             stable id: the fingerprint of the founding failure's normalised head
 * @param representative the founding failure's normalised head (type and message lines)
 * @param occurrences    failures in the cluster, at least 1
 * @param tests          the distinct tests they failed in, in order of first occurrence
 */
public record Cluster(Fingerprint id, String representative, int occurrences, Set<String> tests) {

    public Cluster {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(representative, "representative");
        if (occurrences < 1) {
            throw new IllegalArgumentException("a cluster has at least one occurrence, was " + occurrences);
        }
        tests = Set.copyOf(new java.util.LinkedHashSet<>(Objects.requireNonNull(tests, "tests")));
    }
}
