package dev.feedbackloop.cli;

import dev.feedbackloop.guard.Finding;
import dev.feedbackloop.guard.GuardRule;
import dev.feedbackloop.guard.GuardVerdict;
import dev.feedbackloop.guard.Severity;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fix guard's score on labelled fixes, against the goals of issue 13: every non-hard bad fix rejected, at
 * least 90% of all bad fixes rejected, at most 5% of genuine fixes rejected; and how many of the rules each bad fix
 * must trigger did trigger (as errors).
 */
final class GuardEvaluation {

    /** One labelled fix and the guard's verdict on it. */
    record Case(String id, GuardLines.Label label, GuardVerdict verdict) {
        boolean rejected() {
            return !verdict.accepted();
        }

        Set<GuardRule> fired() {
            return verdict.findings().stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::rule)
                    .collect(Collectors.toSet());
        }

        List<GuardRule> missingRules() {
            return label.rules().stream().filter(r -> !fired().contains(r)).toList();
        }

        boolean miss() {
            return label.reject() ? !rejected() || !missingRules().isEmpty() : rejected();
        }
    }

    private final List<Case> cases;

    GuardEvaluation(List<Case> cases) {
        this.cases = List.copyOf(cases);
    }

    void print(PrintWriter out, String source) {
        List<Case> bad = cases.stream().filter(c -> c.label().reject()).toList();
        List<Case> good = cases.stream().filter(c -> !c.label().reject()).toList();
        List<Case> badPlain = bad.stream().filter(c -> !c.label().hard()).toList();
        List<Case> goodPlain = good.stream().filter(c -> !c.label().hard()).toList();
        long required = bad.stream().mapToLong(c -> c.label().rules().size()).sum();
        long fired = bad.stream().mapToLong(c -> c.label().rules().size() - c.missingRules().size()).sum();
        out.printf(Locale.ROOT, "fix guard on %s: %d fixes (%d bad, %d good)%n", source, cases.size(), bad.size(),
                good.size());
        line(out, "bad fixes rejected", rejected(bad), bad.size(), "goal >= 0.900");
        line(out, "  not marked hard", rejected(badPlain), badPlain.size(), "goal: all");
        line(out, "good fixes rejected", rejected(good), good.size(), "goal <= 0.050");
        line(out, "  not marked hard", rejected(goodPlain), goodPlain.size(), "");
        line(out, "required rules fired", fired, required, "");
        List<Case> misses = cases.stream().filter(Case::miss).toList();
        out.printf(Locale.ROOT, "%nmisses (%d):%n", misses.size());
        for (Case c : misses) {
            out.printf(Locale.ROOT, "  %-10s %s%s%n", c.id(), explain(c), c.label().hard() ? "  (hard)" : "");
            for (Finding f : c.verdict().findings()) {
                out.printf(Locale.ROOT, "             %s %s line %s: %s%n", f.severity().id(), f.rule().id(),
                        f.line().isPresent() ? String.valueOf(f.line().getAsInt()) : "-", f.message());
            }
        }
    }

    private static String explain(Case c) {
        if (!c.label().reject()) {
            return "good fix rejected";
        }
        String needed = c.label().rules().stream().map(GuardRule::id).collect(Collectors.joining(", "));
        if (!c.rejected()) {
            return "bad fix accepted (needed " + (needed.isEmpty() ? "a rejection" : needed) + ")";
        }
        return "rejected without " + c.missingRules().stream().map(GuardRule::id).collect(Collectors.joining(", "));
    }

    private static long rejected(List<Case> cases) {
        return cases.stream().filter(Case::rejected).count();
    }

    private static void line(PrintWriter out, String what, long count, long of, String goal) {
        out.printf(Locale.ROOT, "%-22s %4d/%-4d %s  %s%n", what, count, of,
                of == 0 ? "  -  " : String.format(Locale.ROOT, "%.3f", (double) count / of), goal);
    }
}
