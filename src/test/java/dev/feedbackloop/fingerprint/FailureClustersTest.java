package dev.feedbackloop.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Failure;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureClustersTest {

    private static final FailureNormalizer NORMALIZER = FailureNormalizer.standard();

    @Test
    void theSameFailureInManyTestsIsOneClusterWithEveryTest() {
        FailureClusters clusters = new FailureClusters();
        for (int test = 1; test <= 14; test++) {
            clusters.add(normalize("Error: page.goto: net::ERR_CONNECTION_REFUSED at http://localhost:" + (3000 + test)
                    + "/\n    at tests/spec" + test + ".spec.ts:" + test + ":5"), "test-" + test);
        }

        assertThat(clusters.clusters()).singleElement().satisfies(cluster -> {
            assertThat(cluster.occurrences()).isEqualTo(14);
            assertThat(cluster.tests()).hasSize(14);
            assertThat(cluster.representative()).isEqualTo("Error: page.goto: net::ERR_CONNECTION_REFUSED at "
                    + "http://localhost:<n>/");
        });
    }

    @Test
    void nearIdenticalTextsWithTheSameLiteralsJoin() {
        FailureClusters clusters = new FailureClusters();
        Fingerprint first = clusters.add(normalize("Error: Timeout of 2000ms exceeded. For async tests and hooks, "
                + "ensure \"done()\" is called; if returning a Promise, ensure it resolves."), "a");
        Fingerprint truncated = clusters.add(normalize("Error: Timeout of 2000ms exceeded. For async tests and hooks, "
                + "ensure \"done()\" is called; if returning a Promise"), "b");

        assertThat(truncated).isEqualTo(first);
    }

    @Test
    void differentSelectorsAreDifferentClustersHoweverSimilarTheRest() {
        FailureClusters clusters = new FailureClusters();
        Fingerprint save = clusters.add(normalize("Error: locator.click: Timeout 30000ms exceeded.\n"
                + "  - waiting for getByRole('button', { name: 'Save' })"), "a");
        Fingerprint submit = clusters.add(normalize("Error: locator.click: Timeout 30000ms exceeded.\n"
                + "  - waiting for getByRole('button', { name: 'Submit' })"), "b");

        assertThat(submit).isNotEqualTo(save);
        assertThat(clusters.clusters()).hasSize(2);
    }

    @Test
    void differentCausesWithNoLiteralsStayApart() {
        FailureClusters clusters = new FailureClusters();
        Fingerprint testTimeout = clusters.add(normalize("Test timeout of 30000ms exceeded."), "a");
        Fingerprint navigation = clusters.add(normalize("Navigation Timeout Exceeded: 30000ms exceeded"), "b");

        assertThat(navigation).isNotEqualTo(testTimeout);
    }

    @Test
    void aSeededClusterKeepsItsIdAcrossRuns() {
        FailureClusters earlier = new FailureClusters();
        NormalizedFailure failure = normalize("Error: route.fulfill: Route is already handled!");
        Fingerprint id = earlier.add(failure, "a");

        FailureClusters later = new FailureClusters();
        later.seed(id, earlier.clusters().get(0).representative());

        assertThat(later.add(normalize("Error: route.fulfill: Route is already handled!\n    at x.js:1:2"), "b"))
                .isEqualTo(id);
        assertThat(later.clusters()).singleElement().satisfies(c -> assertThat(c.tests()).containsExactly("b"));
    }

    @Test
    void clustersAreListedMostTestsFirst() {
        FailureClusters clusters = new FailureClusters();
        clusters.add(normalize("Test timeout of 30000ms exceeded."), "a");
        for (String test : List.of("b", "c", "d")) {
            clusters.add(normalize("Error: strict mode violation: getByText('Save') resolved to 2 elements"), test);
        }

        assertThat(clusters.clusters()).extracting(c -> c.tests().size()).containsExactly(3, 1);
    }

    @Test
    void similarityHasACheapUpperBound() {
        int[] a = Similarity.tokenIds("one two three four", 96);
        int[] b = Similarity.tokenIds("one two", 96);

        assertThat(Similarity.jaccard(a, b)).isEqualTo(0.5);
        assertThat(Similarity.upperBound(a, b)).isEqualTo(0.5).isGreaterThanOrEqualTo(Similarity.jaccard(a, b));
        assertThat(Similarity.literals("waiting for getByRole('button', { name: \"Save\" }) doesn't exist"))
                .containsExactlyInAnyOrder("button", "Save");
    }

    private static NormalizedFailure normalize(String message) {
        return NORMALIZER.normalize(Failure.of(message));
    }
}
