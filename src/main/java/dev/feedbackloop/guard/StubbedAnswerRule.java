package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stubs and mocks that stand in for the application itself. Three checks:
 * <ul>
 *   <li>{@code assertion-weakened}: an own endpoint stubbed with the value the test asserts (below);</li>
 *   <li>{@code assertion-weakened}: an own endpoint stubbed with a success where the failure shows it refusing
 *       ({@link #refusalsStubbed});</li>
 *   <li>{@code scope-escape}: a module of the application mocked with one of its checks switched off
 *       ({@link #disabledChecks}).</li>
 * </ul>
 *
 * <p>The first: the fix stubs one of the application's own endpoints ({@code page.route('**&#47;api/
 * basket/quote', r => r.fulfill(...))}, {@code cy.intercept('POST', '/api/tally', {...})}) with the very value the
 * test then checks, although the failure never names that endpoint. The test would read back its own canned answer:
 * whatever the system computes there (a discount, a tally, a verdict) is no longer tested.
 *
 * <p>Stubbing is often the genuine fix, so the rule is narrow on purpose: a third-party host (an absolute URL) is
 * never flagged, nor an endpoint the failure names (a moved or unavailable feed the fix points the stub at), nor a
 * stub the original already had, nor one whose answer holds no value the test asserts.
 */
final class StubbedAnswerRule implements Rule {

    /** Calls that register a stub for a URL: Playwright's {@code route}, Cypress's {@code intercept}. */
    private static final Set<String> STUBS = Set.of("route", "intercept");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** Words in a call that show it answers the request itself rather than watching or aborting it. */
    private static final Set<String> ANSWERS = Set.of("fulfill", "reply", "body", "fixture", "json");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{2,}");
    private static final Set<String> VERSION_OR_API = Set.of("api", "rest", "graphql");

    @Override
    public void check(Comparison c, Findings findings) {
        Optional<Comparison.UnitChange> failing = c.failingTest();
        if (failing.isEmpty() || failing.get().proposed().isEmpty()) {
            return;
        }
        disabledChecks(c, findings);
        List<AddedStub> stubs = addedStubs(c);
        refusalsStubbed(c, stubs, findings);
        List<Assertion> checks = failing.get().proposed().get().statements().stream()
                .flatMap(s -> Assertions.in(s, c.language()).stream()).toList();
        List<String> asserted = assertedTexts(checks);
        List<Assertion> counted = assertedNumbers(checks);
        if (asserted.isEmpty() && counted.isEmpty()) {
            return;
        }
        String failure = c.fix.failure().toLowerCase(Locale.ROOT);
        for (AddedStub stub : stubs) {
            if (stub.endpoint().filter(w -> !failure.contains("/" + w)).isPresent()) {
                answered(stub.statement(), asserted).or(() -> answeredNumber(stub.statement(), counted))
                        .ifPresent(value -> findings.error(GuardRule.ASSERTION_WEAKENED,
                        stub.statement().line(), "stubs the application's own endpoint '" + stub.url()
                                + "' with the value the test then checks ('" + value + "'), and the failure"
                                + " never names that endpoint: the test would read back its own canned"
                                + " answer instead of what the system computes"));
            }
        }
    }

    /**
     * A same-origin stub the proposal added and the original did not have.
     *
     * @param statement where it is
     * @param url       the URL pattern it answers
     * @param endpoint  the last meaningful segment of that URL ({@link #endpointWord})
     */
    private record AddedStub(Statement statement, String url, Optional<String> endpoint) {
    }

    private static List<AddedStub> addedStubs(Comparison c) {
        List<AddedStub> out = new ArrayList<>();
        for (Comparison.UnitChange u : c.units) {
            for (Statement s : u.diff().newStatements()) {
                stub(s).filter(url -> !c.fix.original().contains(url))
                        .ifPresent(url -> out.add(new AddedStub(s, url, endpointWord(url))));
            }
        }
        return out;
    }

    /** A refusal status (not "not found", "timeout" or "too many requests", which a stub may stand in for). */
    private static final Pattern REFUSED = Pattern.compile("\\b(400|401|403|409|410|412|422)\\b");

    /**
     * The application's own endpoint stubbed with a success where the failure shows that very endpoint refusing
     * ({@code POST /api/consignments → 422 {"error":"agreement_missing"}}): the product's answer, which the test
     * caught, is replaced by the one the test wanted.
     */
    private static void refusalsStubbed(Comparison c, List<AddedStub> stubs, Findings findings) {
        String[] lines = c.fix.failure().split("\\R");
        for (AddedStub stub : stubs) {
            if (stub.endpoint().isEmpty() || STUB_FAILURE_STATUS.matcher(stub.statement().text()).find()) {
                continue;
            }
            for (String line : lines) {
                // the status outside the URL: "ibuprofen-400" in a query is no refusal
                if (line.toLowerCase(Locale.ROOT).contains("/" + stub.endpoint().get())
                        && REFUSED.matcher(line.replaceAll("\\S*/\\S*", " ")).find()) {
                    findings.error(GuardRule.ASSERTION_WEAKENED, stub.statement().line(), "stubs the application's own"
                            + " endpoint '" + stub.url() + "' with a success, where the failure shows it refusing ("
                            + Snippet.clip(line.strip(), 100) + "): the test would check its canned answer instead of"
                            + " the refusal it caught");
                    return;
                }
            }
        }
    }

    /** A stub that answers with an error status itself (a stub of the refusal is not a success). */
    private static final Pattern STUB_FAILURE_STATUS = Pattern.compile("status(Code)? [:=] [45]\\d\\d");

    /** A module mock: {@code jest.mock('../../src/services/rounds', () => ...)}, Vitest's {@code vi.mock}. */
    private static final Set<String> MODULE_MOCKS = Set.of("mock", "doMock");
    /** Names of functions that check a rule of the application (and throw or refuse when it does not hold). */
    private static final Pattern CHECK_NAME = Pattern.compile("^(assert|check|validate|verify|ensure|require|guard"
            + "|authori[sz]e|enforce|reject)[A-Z_]\\w*");

    /**
     * {@code scope-escape}: a module of the application itself mocked for the whole file with one of its checks
     * replaced by a function that does nothing ({@code assertRoundStarted: jest.fn()}): the rule the test exercises
     * is switched off for every test in the file. Replacing infrastructure (a cache, a client) is not flagged.
     */
    private static void disabledChecks(Comparison c, Findings findings) {
        for (Comparison.UnitChange u : c.units) {
            for (Statement s : u.diff().newStatements()) {
                for (Call call : Call.all(s)) {
                    boolean moduleMock = MODULE_MOCKS.contains(call.name())
                            && (call.receiver().equals("jest") || call.receiver().equals("vi"));
                    Optional<String> module = moduleMock ? call.arg(0).flatMap(Call.Arg::text) : Optional.empty();
                    if (module.isEmpty() || !module.get().startsWith(".")) {
                        continue; // a package (axios, a vendor SDK) is not the application
                    }
                    noOpCheck(call).ifPresent(name -> findings.error(GuardRule.SCOPE_ESCAPE, s.line(), "mocks the"
                            + " application's own module '" + module.get() + "' with its check " + name + " replaced"
                            + " by a function that does nothing: the rule the test exercises is switched off for"
                            + " every test in the file"));
                }
            }
        }
    }

    /** A property {@code assertX: jest.fn()} (or {@code vi.fn()}) with no implementation, inside the call. */
    private static Optional<String> noOpCheck(Call call) {
        Tokens src = call.src();
        for (int i = call.open() + 1; i + 6 < call.close(); i++) {
            Token name = src.get(i);
            if (name.isWord() && CHECK_NAME.matcher(name.text()).matches() && src.is(i + 1, ":")
                    && (src.get(i + 2).is("jest") || src.get(i + 2).is("vi")) && src.is(i + 3, ".")
                    && src.get(i + 4).is("fn") && src.is(i + 5, "(") && src.is(i + 6, ")")) {
                return Optional.of(name.text());
            }
        }
        return Optional.empty();
    }

    /** The same-origin URL a statement stubs with an answer of its own, if it does. */
    private static Optional<String> stub(Statement s) {
        for (Call call : Call.all(s)) {
            if (!STUBS.contains(call.name()) || call.args().size() < 2) {
                continue;
            }
            List<Call.Arg> args = call.args();
            int at = args.get(0).text().filter(m -> METHODS.contains(m.toUpperCase(Locale.ROOT))).isPresent() ? 1 : 0;
            Optional<String> url = args.get(at).text();
            if (url.isEmpty() || url.get().matches("(?i)^[a-z]+://.*") || url.get().startsWith("//")) {
                continue; // a third-party host, or no literal URL to judge
            }
            boolean answers = call.tokens().stream().anyMatch(t -> t.isWord() && ANSWERS.contains(t.text()));
            if (answers) {
                return url;
            }
        }
        return Optional.empty();
    }

    /** The last meaningful path segment of a URL pattern: {@code tally} for {@code **&#47;api/surveys/*&#47;tally}. */
    static Optional<String> endpointWord(String url) {
        String path = url.replaceFirst("[?#].*$", "");
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            String part = parts[i].replace("*", "");
            if (SEGMENT.matcher(part).matches() && !VERSION_OR_API.contains(part.toLowerCase(Locale.ROOT))
                    && !part.matches("(?i)v\\d+")) {
                return Optional.of(part.toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /** The texts the failing test's assertions compare with. */
    private static List<String> assertedTexts(List<Assertion> checks) {
        List<String> texts = new ArrayList<>();
        for (Assertion a : checks) {
            Expected e = a.expected();
            boolean literal = e.kind() == Expected.Kind.TEXT || e.kind() == Expected.Kind.SUBSTRING
                    || e.kind() == Expected.Kind.REGEX;
            String text = e.text().strip();
            if (literal && !a.negated() && text.length() >= 3 && text.chars().anyMatch(Character::isLetterOrDigit)) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** The failing test's checks of a small number ({@code should('have.text', '3')}, {@code toHaveText('2')}). */
    private static List<Assertion> assertedNumbers(List<Assertion> checks) {
        return checks.stream().filter(a -> !a.negated() && a.expected().text().strip().matches("\\d{1,6}")).toList();
    }

    private static final Pattern WORD = Pattern.compile("[a-z]{3,}");

    /**
     * A number the test checks, answered by the stub under a key the check's subject names ({@code { count: 3 }}
     * for {@code [data-cy=hold-count]} having the text 3): a short number alone is too common to count as the
     * asserted value, so the key has to tie it to what is checked.
     */
    private static Optional<String> answeredNumber(Statement stub, List<Assertion> counted) {
        for (int i = 2; i < stub.size(); i++) {
            Token t = stub.get(i);
            if (t.kind() != Token.Kind.NUMBER || !stub.is(i - 1, ":")) {
                continue;
            }
            Token key = stub.get(i - 2);
            String keyText = (key.isText() ? key.value() : key.text()).replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(Locale.ROOT);
            for (Assertion a : counted) {
                if (!Numbers.canonical(t.text()).equals(a.expected().text().strip())) {
                    continue;
                }
                Set<String> subjectWords = new java.util.HashSet<>(List.of(a.subject()
                        .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).split("[^a-z]+")));
                java.util.regex.Matcher m = WORD.matcher(keyText);
                while (m.find()) {
                    if (subjectWords.contains(m.group())) {
                        return Optional.of(a.expected().text().strip());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** An asserted text the stub's own literals carry. */
    private static Optional<String> answered(Statement stub, List<String> asserted) {
        for (Token t : stub.tokens()) {
            if (!t.isText()) {
                continue;
            }
            for (String value : asserted) {
                if (t.value().contains(value)) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }
}
