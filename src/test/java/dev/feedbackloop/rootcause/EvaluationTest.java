package dev.feedbackloop.rootcause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final Evaluation EVALUATION = new Evaluation(List.of(
            new Evaluation.Sample("1", Category.TIMEOUT, Category.TIMEOUT, false),
            new Evaluation.Sample("2", Category.TIMEOUT, Category.SELECTOR_ISSUE, true),
            new Evaluation.Sample("3", Category.SELECTOR_ISSUE, Category.SELECTOR_ISSUE, false),
            new Evaluation.Sample("4", Category.INFRA, Category.BOT_BLOCK, false)));

    @Test
    void accuracyCountsExactMatches() {
        assertThat(EVALUATION.accuracy()).isEqualTo(0.5);
        assertThat(EVALUATION.accuracyUnambiguous()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(EVALUATION.misclassified()).extracting(Evaluation.Sample::id).containsExactly("2", "4");
    }

    @Test
    void scoresEveryCategoryLabelledOrPredicted() {
        assertThat(EVALUATION.perCategory()).extracting(Evaluation.CategoryScore::category)
                .containsExactly(Category.SELECTOR_ISSUE, Category.TIMEOUT, Category.BOT_BLOCK, Category.INFRA);
        Evaluation.CategoryScore selector = EVALUATION.perCategory().get(0);
        assertThat(selector.precision()).isEqualTo(0.5);
        assertThat(selector.recall()).isEqualTo(1.0);
        assertThat(selector.f1()).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    void macroF1AveragesOverCategoriesIncludingOnesNeverRight() {
        // SELECTOR 2/3, TIMEOUT 2/3 (p 1, r 0.5), BOT_BLOCK 0, INFRA 0
        assertThat(EVALUATION.macroF1()).isCloseTo((2.0 / 3 + 2.0 / 3) / 4, within(1e-9));
    }

    @Test
    void noSamplesScoreZero() {
        assertThat(new Evaluation(List.of()).accuracy()).isZero();
        assertThat(new Evaluation(List.of()).macroF1()).isZero();
    }

    @Test
    void aNewerCategoryCountsAsTheOneItRefinesOnlyWhereTheLabelsNeverUseIt() {
        Evaluation oldLabels = new Evaluation(List.of(
                new Evaluation.Sample("npe", Category.UNKNOWN, Category.CODE_ERROR, false),
                new Evaluation.Sample("snap", Category.ASSERTION_FAIL, Category.SNAPSHOT_BASELINE, false),
                new Evaluation.Sample("wait", Category.TIMEOUT, Category.TIMEOUT, false)));

        Evaluation scored = oldLabels.inTaxonomyOfLabels();

        assertThat(scored.samples()).extracting(Evaluation.Sample::predicted)
                .containsExactly(Category.UNKNOWN, Category.UNKNOWN, Category.TIMEOUT);
        assertThat(scored.misclassified()).extracting(Evaluation.Sample::id).containsExactly("snap");
        assertThat(scored.predictionsChangedFrom(oldLabels)).isEqualTo(2);

        Evaluation newLabels = new Evaluation(List.of(
                new Evaluation.Sample("npe", Category.CODE_ERROR, Category.CODE_ERROR, false),
                new Evaluation.Sample("old", Category.UNKNOWN, Category.CODE_ERROR, false)));
        assertThat(newLabels.inTaxonomyOfLabels().misclassified()).as("labels that use CODE_ERROR score it strictly")
                .extracting(Evaluation.Sample::id).containsExactly("old");
    }
}
