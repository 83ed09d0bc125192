package dev.feedbackloop.regenerate;

import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.rootcause.Category;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which failures get a model call (issue 13, "Which failures get a model call"). A model costs money and its fixes
 * are only worth a person's review where a rewrite of the test can help and the failure is not a one-off: so a
 * scenario is sent once it recurred ({@link #minOccurrences} occurrences, 2 by default) or when it is new on the
 * default branch (a break there blocks everyone at once). Never sent: a root cause no rewrite of a test fixes
 * ({@code BOT_BLOCK}, {@code AUTH_EXPIRED}, {@code INFRA}, and every other category that is not auto-fixable), and a
 * test judged flaky, whose fix is about a race that a selector rewrite would hide (unless {@link #askFlaky}).
 *
 * @param minOccurrences            occurrences ((run, test) pairs) at which a scenario has recurred; at least 1
 * @param askWhenNewOnDefaultBranch whether a scenario first seen in a run of the default branch is sent at once
 * @param askFlaky                  whether a test judged flaky is sent all the same (a person asked for it)
 * @param defaultBranch             the project's default branch; empty: {@code main} or {@code master}
 */
public record ModelCallPolicy(int minOccurrences, boolean askWhenNewOnDefaultBranch, boolean askFlaky,
                              Optional<String> defaultBranch) {

    /** Categories never sent whatever the settings: no rewrite of a test fixes a bot wall, a session or infra. */
    public static final Set<Category> NEVER_ASKED = EnumSet.of(Category.BOT_BLOCK, Category.AUTH_EXPIRED,
            Category.INFRA);

    /** Recurred at two occurrences, new on the default branch sent, flaky tests not, default branch main/master. */
    public static final ModelCallPolicy DEFAULT = new ModelCallPolicy(2, true, false, Optional.empty());

    public ModelCallPolicy {
        if (minOccurrences < 1) {
            throw new IllegalArgumentException("minOccurrences must be at least 1, was " + minOccurrences);
        }
        Objects.requireNonNull(defaultBranch, "defaultBranch");
    }

    /**
     * What is known of a failure when its regeneration request is worked on.
     *
     * @param category     the scenario's root cause
     * @param occurrences  (run, test) pairs that failed with the scenario so far; at least 1
     * @param runsAffected runs that saw the scenario so far; at least 1
     * @param branch       the branch of the run that raised the request, when the report said
     * @param health       the failing test's judged health ({@link dev.feedbackloop.health.TestHealth#verdict()},
     *                     quarantine aside), when the test has one
     */
    public record Facts(Category category, long occurrences, long runsAffected, Optional<String> branch,
                        Optional<HealthState> health) {
        public Facts {
            Objects.requireNonNull(category, "category");
            if (occurrences < 1 || runsAffected < 1) {
                throw new IllegalArgumentException("a scenario has at least one occurrence in one run, was "
                        + occurrences + " in " + runsAffected);
            }
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(health, "health");
        }
    }

    /** Why a failure was, or was not, sent to a model. */
    public enum Reason {
        /** Sent: the scenario recurred. */
        RECURRED(true),
        /** Sent: the scenario is new on the default branch. */
        NEW_ON_DEFAULT_BRANCH(true),
        /** Not sent: the root cause is one no rewrite of a test fixes. */
        NOT_TEST_FIXABLE(false),
        /** Not sent: the test is judged flaky. */
        FLAKY_TEST(false),
        /** Not sent: seen once, off the default branch (or with no branch known); sent if it recurs. */
        NOT_RECURRED(false);

        private final boolean asks;

        Reason(boolean asks) {
            this.asks = asks;
        }

        /** Whether a model is asked for this reason. */
        public boolean asks() {
            return asks;
        }
    }

    /**
     * The decision on one failure.
     *
     * @param reason      why
     * @param explanation the reason in a sentence for the recommendation's reader
     */
    public record Decision(Reason reason, String explanation) {
        public Decision {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(explanation, "explanation");
        }

        /** Whether a model is asked. */
        public boolean asks() {
            return reason.asks();
        }
    }

    /** Decides whether {@code facts}' failure gets a model call. */
    public Decision decide(Facts facts) {
        Category category = facts.category();
        if (NEVER_ASKED.contains(category) || !category.autoFixable()) {
            return new Decision(Reason.NOT_TEST_FIXABLE, "No model was asked: " + category.name() + " ("
                    + category.description() + ") is not something a rewrite of the test fixes.");
        }
        if (!askFlaky && facts.health().filter(h -> h == HealthState.FLAKY).isPresent()) {
            return new Decision(Reason.FLAKY_TEST, "No model was asked: the test is judged flaky, and its fix is about"
                    + " a race that a rewritten locator or assertion would hide; see ./feedback flaky.");
        }
        if (facts.occurrences() >= minOccurrences) {
            return new Decision(Reason.RECURRED, "Asked: the scenario recurred (" + facts.occurrences()
                    + " occurrences).");
        }
        if (askWhenNewOnDefaultBranch && facts.runsAffected() == 1 && facts.branch().filter(this::isDefault)
                .isPresent()) {
            return new Decision(Reason.NEW_ON_DEFAULT_BRANCH, "Asked: the scenario is new on the default branch ("
                    + facts.branch().get() + ").");
        }
        return new Decision(Reason.NOT_RECURRED, "No model was asked yet: the scenario was seen " + facts.occurrences()
                + " time(s), " + facts.branch().map(b -> "on branch " + b).orElse("on no known branch")
                + ", not the default branch; a model is asked once it recurs (" + minOccurrences + " occurrences).");
    }

    private boolean isDefault(String branch) {
        String name = branch.startsWith("refs/heads/") ? branch.substring("refs/heads/".length()) : branch;
        return defaultBranch.map(name::equals).orElse(name.equals("main") || name.equals("master"));
    }
}
