package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code test-skipped}: the failing test made not to run or not to count: skipped ({@code test.skip},
 * {@code it.skip}, {@code xit}, {@code this.skip()}, {@code @Disabled}, {@code @Ignore}, {@code pytest.mark.skip},
 * {@code pytest.skip()}, an assumption), marked to be fixed or to fail ({@code test.fixme}, {@code test.fail},
 * {@code xfail}), other tests focused away ({@code .only}, {@code fit}), a {@code return} before the test's steps,
 * the test deleted, or its retries raised.
 */
final class SkipRule implements Rule {

    private static final Set<String> TEST_HEADS = Set.of("test", "it", "describe", "context", "specify", "suite");
    private static final Set<String> SKIP_WORDS = Set.of("skip", "fixme", "only", "fail", "todo", "skipIf",
            "runIf", "failing");
    private static final Set<String> X_FUNCTIONS = Set.of("xit", "xdescribe", "xtest", "xcontext", "xspecify",
            "fit", "fdescribe");
    private static final Set<String> SKIP_CALLS = Set.of("skipTest", "assumeTrue", "assumeFalse", "assumeThat",
            "assumingThat", "abort", "pending", "xfail");
    /**
     * What skip calls are called on: nothing (a static import), JUnit's {@code Assumptions}/{@code Assume}, pytest,
     * unittest's {@code self}, Mocha's {@code this}. Not {@code route.abort()} or an {@code AbortController}: those
     * stop a request, not the test.
     */
    private static final Set<String> SKIP_HOLDERS = Set.of("", "Assumptions", "Assume", "pytest", "self", "this",
            "TestAbortedException", "SkipException", "unittest");
    private static final Set<String> ANNOTATIONS = Set.of("Disabled", "DisabledIf", "DisabledOnOs", "DisabledOnJre",
            "DisabledIfEnvironmentVariable", "DisabledIfSystemProperty", "DisabledInNativeImage", "Ignore",
            "EnabledIf", "EnabledOnOs", "EnabledOnJre", "EnabledIfEnvironmentVariable", "EnabledIfSystemProperty");
    private static final Set<String> PYTEST_MARKS = Set.of("skip", "skipif", "xfail");

    @Override
    public void check(Comparison c, Findings findings) {
        for (AddedPatterns.Added a : AddedPatterns.in(c, SkipRule::skips)) {
            findings.error(GuardRule.TEST_SKIPPED, a.hit().line(), a.hit().what());
        }
        earlyReturn(c, findings);
        widenedConditions(c, findings);
        retries(c, findings);
        deleted(c, findings);
    }

    static List<AddedPatterns.Hit> skips(Statement s) {
        List<AddedPatterns.Hit> hits = new ArrayList<>();
        for (Call call : Call.all(s)) {
            List<String> head = call.head();
            String name = call.name();
            if (!head.isEmpty() && TEST_HEADS.contains(head.get(0)) && SKIP_WORDS.contains(name)) {
                hits.add(new AddedPatterns.Hit(s, describe(String.join(".", head))));
            } else if (X_FUNCTIONS.contains(name) && call.receiver().isEmpty()) {
                hits.add(new AddedPatterns.Hit(s, describe(name)));
            } else if (name.equals("skip") && (call.receiver().equals("this") || call.receiver().endsWith("Info")
                    || call.receiver().equals("pytest") || call.receiver().equals("ctx"))
                    || SKIP_CALLS.contains(name) && SKIP_HOLDERS.contains(lastWord(call.receiver()))) {
                hits.add(new AddedPatterns.Hit(s, "calls " + Snippet.of(call.tokens()) + ", so the test stops before checking"
                        + " anything and is reported as skipped instead of failing"));
            }
        }
        markers(s, hits);
        return hits;
    }

    /** An annotation's simple name, written plain or qualified ({@code @org.junit.jupiter.api.Disabled}). */
    private static String annotationName(Statement s, int from) {
        int i = from;
        while (s.is(i + 1, ".") && s.at(i + 2) != null && s.get(i + 2).isWord()) {
            i += 2;
        }
        return s.get(i).text();
    }

    /** Annotations and decorators: {@code @Disabled}, {@code @pytest.mark.skip}, TestNG's {@code enabled = false}. */
    private static void markers(Statement s, List<AddedPatterns.Hit> hits) {
        for (int i = 0; i + 1 < s.size(); i++) {
            if (s.get(i).is("@") && ANNOTATIONS.contains(annotationName(s, i + 1))) {
                hits.add(new AddedPatterns.Hit(s, "adds @" + annotationName(s, i + 1) + ": the test no longer runs, so"
                        + " its failure disappears without being fixed"));
            }
            if (s.get(i).is("mark") && s.is(i - 1, ".") && s.get(i + 1).is(".") && i + 2 < s.size()
                    && PYTEST_MARKS.contains(s.get(i + 2).text())) {
                hits.add(new AddedPatterns.Hit(s, "adds pytest.mark." + s.get(i + 2).text() + ": the test no longer"
                        + " runs or no longer counts when it fails"));
            }
            if (s.get(i).is("enabled") && s.get(i + 1).is("=") && s.is(i + 2, "false")) {
                hits.add(new AddedPatterns.Hit(s, "sets enabled = false: the test no longer runs"));
            }
            if (s.get(i).is("new") && s.get(i + 1).is("SkipException")) {
                hits.add(new AddedPatterns.Hit(s, "throws SkipException: the test is reported as skipped"));
            }
        }
    }

    private static String describe(String head) {
        if (head.endsWith("only") || head.startsWith("f")) {
            return "uses " + head + ": only the focused tests run, so every other test stops running";
        }
        if (head.endsWith("fail") || head.endsWith("failing")) {
            return "uses " + head + ": the test is expected to fail, so its failure now counts as a pass";
        }
        return "uses " + head + ": the test no longer runs, so its failure disappears without being fixed";
    }

    /** A {@code return} in the failing test's body with steps after it, which then never run. */
    private static void earlyReturn(Comparison c, Findings findings) {
        c.failingTest().flatMap(Comparison.UnitChange::proposed).ifPresent(test -> {
            List<Statement> body = test.body();
            for (int i = 0; i < body.size() - 1; i++) {
                Statement s = body.get(i);
                // a return in a callback only leaves the callback; one in a for or while loop leaves the test
                boolean nested = s.inContext(Block.Kind.FUNCTION);
                boolean isNew = c.failingTest().get().diff().newStatements().contains(s);
                if (s.startsWith("return") && !nested && isNew) {
                    String how = s.context().stream().anyMatch(Block::conditional) ? "a conditional return" : "a return";
                    findings.error(GuardRule.TEST_SKIPPED, s.line(), "adds " + how + " before the test's remaining"
                            + " steps: they never run and the test passes without checking anything");
                    return;
                }
            }
        });
    }

    /** An existing conditional skip made to skip in more cases: {@code if (isMobile)} to {@code if (isMobile || CI)}. */
    private static void widenedConditions(Comparison c, Findings findings) {
        for (Comparison.UnitChange u : c.units) {
            List<Statement> body = u.proposed().map(Unit::statements).orElse(List.of());
            for (StatementDiff.Change change : u.diff().changes()) {
                if (change.type() != StatementDiff.Type.MODIFIED) {
                    continue;
                }
                Statement s = change.proposed().get();
                SkipConditions.widened(change.original().get(), s, body).ifPresent(w -> findings.error(
                        GuardRule.TEST_SKIPPED, s.line(), "widens the condition under which the test skips itself"
                                + " from `" + w.before() + "` to `" + w.after() + "` (" + w.how() + "): the test"
                                + " stops running where it failed, so the failure disappears without being fixed"));
            }
        }
    }

    /** Retries added or raised: {@code retries: 5}, {@code this.retries(3)}, {@code jest.retryTimes(3)}, reruns. */
    private static void retries(Comparison c, Findings findings) {
        for (Comparison.UnitChange u : c.units) {
            for (Statement s : u.diff().newStatements()) {
                long now = Retries.max(s);
                long before = u.diff().originalOf(s).map(Retries::max).orElse(0L);
                if (now > before && now > Retries.inFile(c.original)) {
                    findings.error(GuardRule.TEST_SKIPPED, s.line(), "raises retries to " + now + ": a failure is"
                            + " run again until it passes, which hides the failure instead of fixing it");
                }
            }
        }
    }

    private static void deleted(Comparison c, Findings findings) {
        c.failingTest().filter(u -> u.proposed().isEmpty()).ifPresent(u -> findings.error(GuardRule.TEST_SKIPPED,
                u.diff().changes().isEmpty() ? 1 : u.diff().changes().get(0).proposedLine(),
                "the failing test '" + u.original().get().title() + "' is gone from the proposal: a deleted test"
                        + " cannot fail"));
    }

    /** The last name of a receiver chain: {@code Assumptions} for {@code org.junit.jupiter.api.Assumptions}. */
    private static String lastWord(String receiver) {
        String r = receiver.strip();
        int dot = r.lastIndexOf('.');
        return (dot < 0 ? r : r.substring(dot + 1)).strip();
    }
}
