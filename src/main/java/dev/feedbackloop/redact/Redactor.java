package dev.feedbackloop.redact;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.text.KeywordIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Removes secrets from failure text before anything else sees it: classification evidence, fingerprints, storage
 * and LLM prompts. Each secret is replaced by a marker naming its kind, {@code [REDACTED:jwt]}, so a reader still
 * sees that a token was there and which kind.
 *
 * <p>What is recognised: bearer and JWT tokens, AWS access key ids, GitHub, Slack, Stripe, Google, npm, GitLab and
 * OpenAI-style keys, {@code Authorization}/{@code Cookie}/{@code Set-Cookie} header values, the password of
 * credentials in URLs ({@code https://user:pass@host}, also database connection URLs), private key blocks, and
 * the value of any {@code key=value}, {@code "key": "value"} or {@code key: value} pair whose key names a secret
 * ({@code password}, {@code pwd}, {@code client_secret}, {@code api_key}, {@code X-Amz-Signature}, ...), which
 * covers {@code Password=...;} in connection strings. Ordinary text (hex ids, UUIDs, commit hashes, selectors such
 * as {@code input[name=password]}) is left alone.
 *
 * <p>Cost: linear in the text, whatever it holds. One keyword pass; the shapes run only where a keyword occurs,
 * anchored there, and each stops at the first character that cannot belong to it. A keyword inside a secret its rule
 * already found is skipped (the span found first wins anyway), and what a shape or a key/value pair read and found
 * barren is remembered for the rest of the pass ({@link TokenRule.Memo}, {@link KeyValueSecrets.Pass}), so that a
 * line of one keyword repeated a hundred thousand times is read once, not once per keyword.
 * Immutable and thread-safe.
 */
public final class Redactor {

    private static final Redactor STANDARD = new Redactor();

    /** Per keyword id: the token rule it starts, or null for a word that may end a secret key. */
    private final List<TokenRule> ruleOfKeyword = new ArrayList<>();
    /** Per keyword id: the position of its rule in {@link TokenRule#BUILT_IN}, or -1. */
    private final int[] ruleNumber;
    private final KeywordIndex keywords;

    private Redactor() {
        List<String> words = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int r = 0; r < TokenRule.BUILT_IN.size(); r++) {
            for (String keyword : TokenRule.BUILT_IN.get(r).keywords()) {
                words.add(keyword);
                ruleOfKeyword.add(TokenRule.BUILT_IN.get(r));
                numbers.add(r);
            }
        }
        for (String word : KeyValueSecrets.TRIGGERS) {
            words.add(word);
            ruleOfKeyword.add(null);
            numbers.add(-1);
        }
        keywords = KeywordIndex.of(words);
        ruleNumber = numbers.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The built-in redactor. */
    public static Redactor standard() {
        return STANDARD;
    }

    /**
     * {@code text} with every recognised secret replaced by {@code [REDACTED:<kind>]}; the same instance when there
     * is nothing to redact.
     *
     * @throws NullPointerException if {@code text} is null
     */
    public String redact(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            return text;
        }
        List<Span> spans = new ArrayList<>(0);
        Pass pass = new Pass();
        keywords.forEachMatch(text, (id, start, end) -> {
            TokenRule rule = ruleOfKeyword.get(id);
            if (rule == null) {
                KeyValueSecrets.findAfter(text, end, pass.pairs, spans);
                return;
            }
            int r = ruleNumber[id];
            Span last = pass.lastSpan[r];
            if (last != null && start >= last.start() && start < last.end()) {
                return; // inside a secret this rule found: that span wins, and reading on from here costs twice
            }
            Span found = rule.find(text, start, pass.memo(r), spans);
            if (found != null) {
                pass.lastSpan[r] = found;
            }
        });
        return spans.isEmpty() ? text : apply(text, spans);
    }

    /** {@code failure} with its message, type and stack trace redacted. */
    public Failure redact(Failure failure) {
        Objects.requireNonNull(failure, "failure");
        String message = redact(failure.message());
        var type = failure.type().map(this::redact);
        var stack = failure.stackTrace().map(this::redact);
        if (message == failure.message() && type.equals(failure.type()) && stack.equals(failure.stackTrace())) {
            return failure;
        }
        return new Failure(message, type, stack);
    }

    /**
     * {@code result} with the failure, stdout and stderr of every attempt redacted: the form a result is stored,
     * shown and classified in. The same instance when there is nothing to redact.
     */
    public TestResult redact(TestResult result) {
        Objects.requireNonNull(result, "result");
        List<Attempt> attempts = new ArrayList<>(result.attempts().size());
        boolean changed = false;
        for (Attempt a : result.attempts()) {
            Attempt redacted = new Attempt(a.index(), a.status(), a.durationMillis(), a.failure().map(this::redact),
                    redact(a.stdout()), redact(a.stderr()));
            changed |= !redacted.equals(a);
            attempts.add(redacted);
        }
        return changed ? new TestResult(result.test(), result.status(), attempts) : result;
    }

    /** Replaces the spans, earliest first; a span overlapping one already replaced is dropped (it is covered). */
    private static String apply(String text, List<Span> spans) {
        spans.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed()));
        StringBuilder out = new StringBuilder(text.length());
        int done = 0;
        for (Span span : spans) {
            if (span.start() < done) {
                continue;
            }
            out.append(text, done, span.start()).append(marker(span.kind()));
            done = span.end();
        }
        return out.append(text, done, text.length()).toString();
    }

    static String marker(String kind) {
        return "[REDACTED:" + kind + "]";
    }

    /** What one call of {@link #redact(String)} remembers as it goes. */
    private static final class Pass {
        final Span[] lastSpan = new Span[TokenRule.BUILT_IN.size()];
        private final TokenRule.Memo[] memo = new TokenRule.Memo[TokenRule.BUILT_IN.size()];
        final KeyValueSecrets.Pass pairs = new KeyValueSecrets.Pass();

        TokenRule.Memo memo(int rule) {
            if (memo[rule] == null) {
                memo[rule] = new TokenRule.Memo();
            }
            return memo[rule];
        }
    }

    /** A stretch of text to replace by the marker of {@code kind}. */
    record Span(int start, int end, String kind) {
    }

    static boolean isWordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }
}
