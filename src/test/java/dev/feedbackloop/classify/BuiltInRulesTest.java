package dev.feedbackloop.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Failure;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in rules are data with examples: each example must fire its rule and, if strong, decide the category. */
class BuiltInRulesTest {

    static Stream<Arguments> examples() {
        return RuleSet.builtIn().rules().stream()
                .flatMap(rule -> rule.examples().stream().map(example -> Arguments.of(rule.id(), rule, example)));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("examples")
    void eachExampleFiresItsRule(String id, Rule rule, String example) {
        FailureText text = new FailureText(Failure.of(example), Optional.empty());

        assertThat(rule.fire(text, id)).as("rule %s on its example", id).isPresent();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("examples")
    void eachExampleOfAStrongRuleIsClassifiedAsItsCategory(String id, Rule rule, String example) {
        if (rule.weight() >= 0.8) {
            assertThat(FailureAnalyzer.standard().classify(Failure.of(example)).category())
                    .as("category of an example of %s", id).isEqualTo(rule.category());
        }
    }

    @Test
    void everyRuleHasAnExampleAndAnId() {
        assertThat(RuleSet.builtIn().rules()).hasSizeGreaterThan(60)
                .allSatisfy(rule -> assertThat(rule.examples()).as(rule.id()).isNotEmpty());
    }

    @Test
    void antiBotSessionAndInfrastructureRulesAreNeverAutoFixable() {
        assertThat(RuleSet.builtIn().rules()).filteredOn(r -> r.category() == Category.BOT_BLOCK
                        || r.category() == Category.AUTH_EXPIRED || r.category() == Category.INFRA)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.category().autoFixable()).as(r.id()).isFalse());
    }
}
