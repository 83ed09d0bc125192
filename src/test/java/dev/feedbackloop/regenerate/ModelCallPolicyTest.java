package dev.feedbackloop.regenerate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.regenerate.ModelCallPolicy.Facts;
import dev.feedbackloop.regenerate.ModelCallPolicy.Reason;
import dev.feedbackloop.rootcause.Category;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ModelCallPolicyTest {

    private static final ModelCallPolicy POLICY = ModelCallPolicy.DEFAULT;

    private static Facts facts(Category category, long occurrences, long runs, String branch, HealthState health) {
        return new Facts(category, occurrences, runs, Optional.ofNullable(branch), Optional.ofNullable(health));
    }

    @Test
    void aScenarioThatRecurred_isSent_whateverItsBranch() {
        var decision = POLICY.decide(facts(Category.SELECTOR_ISSUE, 2, 2, "feature/x", HealthState.BROKEN));

        assertThat(decision.asks()).isTrue();
        assertThat(decision.reason()).isEqualTo(Reason.RECURRED);
    }

    @Test
    void aScenarioSeenOnce_isSentWhenNewOnTheDefaultBranch_only() {
        assertThat(POLICY.decide(facts(Category.ASSERTION_FAIL, 1, 1, "main", null)).reason())
                .isEqualTo(Reason.NEW_ON_DEFAULT_BRANCH);
        assertThat(POLICY.decide(facts(Category.ASSERTION_FAIL, 1, 1, "refs/heads/master", null)).reason())
                .isEqualTo(Reason.NEW_ON_DEFAULT_BRANCH);
        var offBranch = POLICY.decide(facts(Category.ASSERTION_FAIL, 1, 1, "feature/x", null));
        assertThat(offBranch.asks()).isFalse();
        assertThat(offBranch.reason()).isEqualTo(Reason.NOT_RECURRED);
        assertThat(offBranch.explanation()).contains("seen 1 time(s)", "feature/x", "2 occurrences");
        assertThat(POLICY.decide(facts(Category.ASSERTION_FAIL, 1, 1, null, null)).reason())
                .isEqualTo(Reason.NOT_RECURRED);
    }

    @Test
    void aNamedDefaultBranch_replacesMainAndMaster() {
        ModelCallPolicy trunk = new ModelCallPolicy(2, true, false, Optional.of("trunk"));

        assertThat(trunk.decide(facts(Category.TIMEOUT, 1, 1, "trunk", null)).asks()).isTrue();
        assertThat(trunk.decide(facts(Category.TIMEOUT, 1, 1, "main", null)).asks()).isFalse();
    }

    @Test
    void newOnTheDefaultBranch_canBeTurnedOff_andTheRecurrenceThresholdRaised() {
        ModelCallPolicy strict = new ModelCallPolicy(3, false, false, Optional.empty());

        assertThat(strict.decide(facts(Category.TIMEOUT, 1, 1, "main", null)).asks()).isFalse();
        assertThat(strict.decide(facts(Category.TIMEOUT, 2, 2, "main", null)).asks()).isFalse();
        assertThat(strict.decide(facts(Category.TIMEOUT, 3, 2, "main", null)).asks()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Category.class, names = {"BOT_BLOCK", "AUTH_EXPIRED", "INFRA"})
    void botWalls_expiredSessions_andInfrastructure_areNeverSent_evenWhenRecurringOrFlakyAllowed(Category category) {
        ModelCallPolicy permissive = new ModelCallPolicy(1, true, true, Optional.empty());

        var decision = permissive.decide(facts(category, 50, 20, "main", HealthState.BROKEN));

        assertThat(decision.asks()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.NOT_TEST_FIXABLE);
        assertThat(decision.explanation()).contains(category.name(), category.description());
    }

    @Test
    void everyCategoryThatIsNotAutoFixable_isNeverSent_andEveryAutoFixableOneCanBe() {
        Arrays.stream(Category.values()).forEach(category -> assertThat(
                POLICY.decide(facts(category, 5, 5, "main", null)).asks()).as(category.name())
                .isEqualTo(category.autoFixable() && !ModelCallPolicy.NEVER_ASKED.contains(category)));
    }

    @Test
    void aFlakyTest_isNotSent_evenWhenItRecurred_unlessAPersonAsked() {
        var flaky = POLICY.decide(facts(Category.SELECTOR_ISSUE, 9, 9, "main", HealthState.FLAKY));

        assertThat(flaky.asks()).isFalse();
        assertThat(flaky.reason()).isEqualTo(Reason.FLAKY_TEST);
        assertThat(flaky.explanation()).contains("flaky");
        assertThat(new ModelCallPolicy(2, true, true, Optional.empty())
                .decide(facts(Category.SELECTOR_ISSUE, 9, 9, "main", HealthState.FLAKY)).asks()).isTrue();
    }

    @Test
    void brokenNewAndHealthyTests_areSentByTheOtherRules() {
        for (HealthState state : new HealthState[]{HealthState.NEW, HealthState.HEALTHY, HealthState.BROKEN,
                HealthState.FIXED}) {
            assertThat(POLICY.decide(facts(Category.URL_MISMATCH, 2, 1, "dev", state)).asks()).as(state.name())
                    .isTrue();
        }
    }

    @Test
    void badSettingsAndFacts_areRejectedNamingTheValue() {
        assertThatThrownBy(() -> new ModelCallPolicy(0, true, false, Optional.empty()))
                .hasMessageContaining("minOccurrences must be at least 1, was 0");
        assertThatThrownBy(() -> facts(Category.TIMEOUT, 0, 1, "main", null))
                .hasMessageContaining("was 0 in 1");
    }
}
