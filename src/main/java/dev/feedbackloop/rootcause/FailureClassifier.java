package dev.feedbackloop.rootcause;

import dev.feedbackloop.fingerprint.FailureNormalizer;
import dev.feedbackloop.fingerprint.NormalizedFailure;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one call that turns a failure into its root cause: fingerprints its text and classifies it with the custom
 * rules first and the built-in rules after. It reads the failure as given: callers redact it first
 * ({@link dev.feedbackloop.redact.Redactor}), once, and store or show that same redacted failure.
 *
 * <p>Among the built-in rules that fire, the one with the highest weight decides the category (earlier rules win
 * ties); the first custom rule that fires decides outright, as categories do in Allure. Rules are tried strongest
 * first, and rules weaker by more than {@link #RIVAL_MARGIN} than the strongest one that fired are not tried: they
 * could neither change the category nor contest it. The confidence is the combined weight of the rules that agree
 * ({@code 1 - Π(1 - w)}), lowered when a rule for another category fired within {@link #RIVAL_MARGIN} of the
 * winner's weight; a custom rule's confidence is its weight; {@code UNKNOWN} with confidence 0 when no rule fires.
 * A failure is auto-fixable when its category is and no rule for a cause that no rewrite fixes (bot wall, expired
 * session, infrastructure) fired beside the winner.
 *
 * <p>Immutable and thread-safe.
 */
public final class FailureClassifier {

    /** A rival rule this close to the winner's weight makes the call less certain, by how far it reaches in. */
    static final double RIVAL_MARGIN = 0.2;
    /**
     * Causes outside the test that a rewrite could hide (a bot wall, an expired session, the infrastructure). A code
     * error or a missing snapshot beside an assertion does not count: the assertion still names what to fix.
     */
    private static final Set<Category> NOT_THE_TEST = EnumSet.of(Category.BOT_BLOCK, Category.AUTH_EXPIRED,
            Category.INFRA);
    /** Evidence entries kept: the deciding rules first, then the strongest rivals. */
    static final int MAX_EVIDENCE = 5;
    private static final double MAX_CONFIDENCE = 0.99;
    private static final FailureClassifier STANDARD = new FailureClassifier(RuleSet.empty());

    private final RuleSet custom;
    private final RuleSet builtIn = RuleSet.builtIn();
    private final FailureNormalizer normalizer = FailureNormalizer.standard();

    private FailureClassifier(RuleSet custom) {
        this.custom = custom;
    }

    /** A classifier with the built-in rules only. */
    public static FailureClassifier standard() {
        return STANDARD;
    }

    /** A classifier whose {@code custom} rules take precedence over the built-in ones. */
    public static FailureClassifier withCustomRules(RuleSet custom) {
        Objects.requireNonNull(custom, "custom");
        return custom.isEmpty() ? STANDARD : new FailureClassifier(custom);
    }

    /**
     * The root cause of {@code failure}, with its normalised text and fingerprint.
     *
     * @param failure the failure, already redacted ({@link dev.feedbackloop.redact.Redactor}): evidence quotes it
     * @throws NullPointerException if {@code failure} is null
     */
    public ClassifiedFailure classify(Failure failure) {
        return classify(failure, Optional.empty());
    }

    /**
     * As {@link #classify(Failure)}, for a failure whose Allure status ({@code failed} for assertion failures,
     * {@code broken} for errors) is known: custom rules with {@code matchedStatuses} use it.
     */
    public ClassifiedFailure classify(Failure failure, Optional<String> status) {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(status, "status");
        NormalizedFailure normalized = normalizer.normalize(failure);
        RuleInput input = new RuleInput(failure, status);
        RuleSet.Candidates candidates = builtIn.candidates(input.text());
        input.useScans(candidates.methodScan, candidates.valueScan);
        return new ClassifiedFailure(failure, normalized, decide(input, candidates, normalized));
    }

    /**
     * The root cause of what {@code result} last failed with ({@link TestResult#lastFailingAttempt()}), classified
     * with that attempt's status; empty when no attempt failed with a failure. Redact the result first.
     */
    public Optional<ClassifiedFailure> classifyLastFailure(TestResult result) {
        Objects.requireNonNull(result, "result");
        return result.lastFailingAttempt().map(attempt -> classify(attempt.failure().orElseThrow(),
                Optional.of(allureStatus(attempt.status()))));
    }

    private Classification decide(RuleInput text, RuleSet.Candidates candidates, NormalizedFailure normalized) {
        Optional<Fired> customWinner = firstCustom(text);
        List<Fired> fired = new ArrayList<>(4);
        double best = 0.0;
        if (customWinner.isPresent()) {
            fired.add(customWinner.get());
            best = customWinner.get().rule().weight();
        }
        for (int r : builtIn.byWeight()) {
            Rule rule = builtIn.rules().get(r);
            if (rule.weight() < best - RIVAL_MARGIN) {
                break; // neither this rule nor any weaker one can change the category or contest it
            }
            if (candidates.contains(r)) {
                Optional<Evidence> evidence = rule.fire(text, rule.id(), candidates.hits(r));
                if (evidence.isPresent()) {
                    fired.add(new Fired(rule, evidence.get()));
                    best = Math.max(best, rule.weight());
                }
            }
        }
        Optional<String> method = text.assertionMethod();
        if (fired.isEmpty()) {
            return Classification.of(Category.UNKNOWN, 0.0, List.of(), method, normalized.fingerprint());
        }
        Fired winner = fired.get(0); // custom first, then built-in rules strongest first
        double confidence = customWinner.isPresent() ? winner.rule().weight() : confidence(fired, winner);
        Category category = winner.rule().category();
        return new Classification(category, confidence, evidence(fired, winner), category.failureType(),
                category.severity(), category.autoFixable() && !unfixableRival(fired), method,
                normalized.fingerprint());
    }

    /**
     * Whether a rule for a cause that no rewrite of the test fixes (a bot wall, an expired session, the
     * infrastructure) fired too; every rule that fired is within {@link #RIVAL_MARGIN} of the winner. The failure
     * then keeps the winner's category, but regenerating the test on that reading could "fix" it into asserting a
     * login or block page, so it is not auto-fixable.
     */
    static boolean unfixableRival(List<Fired> fired) {
        for (Fired f : fired) {
            if (NOT_THE_TEST.contains(f.rule().category())) {
                return true;
            }
        }
        return false;
    }

    private Optional<Fired> firstCustom(RuleInput text) {
        if (custom.isEmpty()) {
            return Optional.empty();
        }
        RuleSet.Candidates candidates = custom.candidates(text.text());
        for (int r = candidates.next(0); r >= 0; r = candidates.next(r + 1)) {
            Rule rule = custom.rules().get(r);
            Optional<Evidence> evidence = rule.fire(text, "custom:" + rule.id(), candidates.hits(r));
            if (evidence.isPresent()) {
                return Optional.of(new Fired(rule, evidence.get()));
            }
        }
        return Optional.empty();
    }

    static double confidence(List<Fired> fired, Fired winner) {
        Category category = winner.rule().category();
        double doubt = 1.0;
        double rival = 0.0;
        for (Fired f : fired) {
            if (f.rule().category() == category) {
                doubt *= 1.0 - f.rule().weight();
            } else {
                rival = Math.max(rival, f.rule().weight());
            }
        }
        double support = Math.min(MAX_CONFIDENCE, 1.0 - doubt);
        double contested = Math.max(0.0, rival - (winner.rule().weight() - RIVAL_MARGIN));
        return Math.round(Math.max(0.01, support - contested) * 100.0) / 100.0;
    }

    /**
     * Up to {@link #MAX_EVIDENCE} entries: the winner, then the rules that agree with it, then the rivals, each
     * group strongest first (stable: file order among equal weights). A plain insertion sort of a handful of
     * entries: a comparator chain of lambdas costs more to set up than the sort itself.
     */
    private static List<Evidence> evidence(List<Fired> fired, Fired winner) {
        Fired[] ordered = fired.toArray(new Fired[0]);
        for (int i = 1; i < ordered.length; i++) {
            Fired f = ordered[i];
            int j = i - 1;
            while (j >= 0 && before(f, ordered[j], winner)) {
                ordered[j + 1] = ordered[j];
                j--;
            }
            ordered[j + 1] = f;
        }
        Evidence[] evidence = new Evidence[Math.min(MAX_EVIDENCE, ordered.length)];
        for (int i = 0; i < evidence.length; i++) {
            evidence[i] = ordered[i].evidence();
        }
        return List.of(evidence);
    }

    /** Whether {@code a} comes strictly before {@code b} in the evidence order. */
    private static boolean before(Fired a, Fired b, Fired winner) {
        if ((a == winner) != (b == winner)) {
            return a == winner;
        }
        Category category = winner.rule().category();
        boolean aAgrees = a.rule().category() == category;
        if (aAgrees != (b.rule().category() == category)) {
            return aAgrees;
        }
        return a.rule().weight() > b.rule().weight();
    }

    private static String allureStatus(AttemptStatus status) {
        return status == AttemptStatus.ERROR ? "broken" : "failed";
    }

    /** A rule that fired, with its evidence. */
    record Fired(Rule rule, Evidence evidence) {
    }
}
