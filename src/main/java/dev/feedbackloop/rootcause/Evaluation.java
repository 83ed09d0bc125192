package dev.feedbackloop.rootcause;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How well predicted categories match labelled ones: accuracy, macro-F1 and per-category precision, recall and F1.
 * Macro-F1 averages over every category that is labelled or predicted at least once, so predicting a category the
 * labels never use costs as it should.
 *
 * @param samples the labelled predictions, in input order
 */
public record Evaluation(List<Sample> samples) {

    /**
     * One labelled prediction.
     *
     * @param id        the sample's id
     * @param expected  the label
     * @param predicted what the classifier said
     * @param ambiguous whether the labeller marked the sample as ambiguous
     */
    public record Sample(String id, Category expected, Category predicted, boolean ambiguous) {
        public Sample {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(predicted, "predicted");
        }

        public boolean correct() {
            return expected == predicted;
        }
    }

    /**
     * Scores of one category.
     *
     * @param support       samples labelled with it
     * @param predicted     samples predicted as it
     * @param truePositives samples both labelled and predicted as it
     */
    public record CategoryScore(Category category, int support, int predicted, int truePositives) {
        /** Share of predictions of this category that were right; 0 when it was never predicted. */
        public double precision() {
            return predicted == 0 ? 0.0 : (double) truePositives / predicted;
        }

        /** Share of samples of this category that were found; 0 when none is labelled with it. */
        public double recall() {
            return support == 0 ? 0.0 : (double) truePositives / support;
        }

        /** Harmonic mean of precision and recall; 0 when both are 0. */
        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
        }
    }

    public Evaluation {
        samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
    }

    /**
     * This evaluation as the labels' own taxonomy scores it: a prediction of a category the labels never use and
     * that refines an older one ({@link Category#labelledBefore()}) counts as that older category. A set labelled
     * before {@code CODE_ERROR} existed calls a null dereference {@code UNKNOWN} ("no category fits"); scoring the
     * sharper answer as a miss would measure the taxonomy, not the classifier. Sets that use a newer category are
     * scored strictly for it.
     */
    public Evaluation inTaxonomyOfLabels() {
        Set<Category> labels = EnumSet.noneOf(Category.class);
        samples.forEach(s -> labels.add(s.expected()));
        return new Evaluation(samples.stream().map(s -> labels.contains(s.predicted()) ? s
                : new Sample(s.id(), s.expected(), s.predicted().labelledBefore(), s.ambiguous())).toList());
    }

    /** Samples whose prediction differs from {@code other}'s for the same position (both over the same samples). */
    public int predictionsChangedFrom(Evaluation other) {
        int changed = 0;
        for (int i = 0; i < samples.size() && i < other.samples.size(); i++) {
            changed += samples.get(i).predicted() != other.samples.get(i).predicted() ? 1 : 0;
        }
        return changed;
    }

    /** Share of samples predicted right; 0 for no samples. */
    public double accuracy() {
        return accuracy(samples);
    }

    /** Accuracy over the samples not marked ambiguous. */
    public double accuracyUnambiguous() {
        return accuracy(samples.stream().filter(s -> !s.ambiguous()).toList());
    }

    /** Mean F1 over the categories labelled or predicted at least once; 0 for no samples. */
    public double macroF1() {
        List<CategoryScore> scores = perCategory();
        return scores.isEmpty() ? 0.0 : scores.stream().mapToDouble(CategoryScore::f1).average().orElse(0.0);
    }

    /** Scores of each category labelled or predicted at least once, in {@link Category} order. */
    public List<CategoryScore> perCategory() {
        Set<Category> seen = EnumSet.noneOf(Category.class);
        samples.forEach(s -> {
            seen.add(s.expected());
            seen.add(s.predicted());
        });
        List<CategoryScore> scores = new ArrayList<>();
        for (Category category : seen) {
            int support = 0;
            int predicted = 0;
            int hits = 0;
            for (Sample s : samples) {
                support += s.expected() == category ? 1 : 0;
                predicted += s.predicted() == category ? 1 : 0;
                hits += s.expected() == category && s.predicted() == category ? 1 : 0;
            }
            scores.add(new CategoryScore(category, support, predicted, hits));
        }
        return scores;
    }

    /** The samples predicted wrong, in input order. */
    public List<Sample> misclassified() {
        return samples.stream().filter(s -> !s.correct()).toList();
    }

    private static double accuracy(List<Sample> samples) {
        return samples.isEmpty() ? 0.0 : (double) samples.stream().filter(Sample::correct).count() / samples.size();
    }
}
