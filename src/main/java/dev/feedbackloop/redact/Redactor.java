package dev.feedbackloop.redact;

import dev.feedbackloop.model.Attachment;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.text.KeywordIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * covers {@code Password=...;} in connection strings, and runs of letters and digits that read as generated rather
 * than written ({@link RandomTokens}), and payment card numbers ({@link CardNumbers}: an issuer's range, a card's
 * length or grouping, and the Luhn check; not epoch milliseconds or ids). Ordinary text (hex ids, UUIDs, commit hashes, identifiers, selectors such
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
     * is nothing to redact. Redacting redacted text changes nothing.
     *
     * @throws NullPointerException if {@code text} is null
     */
    public String redact(String text) {
        Objects.requireNonNull(text, "text");
        List<Span> spans = find(text);
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        render(text, spans, 0, text.length(), out);
        return out.toString();
    }

    /** The stretches {@link #redact(String)} replaces, by start, none overlapping (the first found wins). */
    List<Span> find(String text) {
        return find(text, true);
    }

    /**
     * As {@link #find(String)}; without {@code randomTokens}, runs that only look generated and runs of digits that
     * read as card numbers are left (a base64 body of binary data is nothing but such runs, and its digits are data).
     */
    List<Span> find(String text, boolean randomTokens) {
        if (text.isEmpty()) {
            return List.of();
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
        if (randomTokens) {
            RandomTokens.find(text, spans);
            CardNumbers.find(text, spans);
        }
        return spans.isEmpty() ? spans : disjoint(spans);
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
     * {@code result} with everything a report said about it redacted: the test's suite, name, file, tags and properties
     * (a property whose key names a secret loses its whole value), and the failure, stdout and stderr of every attempt,
     * and its attachments' names, paths and inline bodies. The form a result is stored, shown and classified in, and
     * the one place that knows every field: its test id is derived from the redacted test, so re-analysing a report
     * redacted at rest gives the same ids. The same instance when there is nothing to redact.
     */
    public TestResult redact(TestResult result) {
        Objects.requireNonNull(result, "result");
        TestCase test = redact(result.test());
        List<Attempt> attempts = new ArrayList<>(result.attempts().size());
        boolean changed = test != result.test();
        for (Attempt a : result.attempts()) {
            Attempt redacted = new Attempt(a.index(), a.status(), a.durationMillis(), a.failure().map(this::redact),
                    redact(a.stdout()), redact(a.stderr()), a.attachments().stream().map(this::redact).toList());
            changed |= !redacted.equals(a);
            attempts.add(redacted);
        }
        return changed ? new TestResult(test, result.status(), attempts) : result;
    }

    /**
     * {@code attachment} with its name, path and inline body redacted (the content type is a media type, nothing
     * secret); the same instance when clean. A file it points at is redacted when it is read, if it is text.
     */
    public Attachment redact(Attachment attachment) {
        Objects.requireNonNull(attachment, "attachment");
        String name = redact(attachment.name());
        Optional<String> path = attachment.path().map(this::redact);
        Optional<String> body = attachment.body().map(this::redact);
        if (name == attachment.name() && path.equals(attachment.path()) && body.equals(attachment.body())) {
            return attachment;
        }
        // cut to the caps again: a redaction marker may be longer than what it replaced
        return Attachment.capped(name, attachment.contentType(), path.orElse(null), body.orElse(null))
                .orElse(attachment);
    }

    /** {@code test} with its suite, name, file, tags and properties redacted; the same instance when clean. */
    public TestCase redact(TestCase test) {
        Objects.requireNonNull(test, "test");
        String suite = redact(test.suite());
        String name = redact(test.name());
        Optional<String> file = test.file().map(this::redact);
        List<String> tags = test.tags().stream().map(this::redact).toList();
        Map<String, String> properties = redact(test.properties());
        if (suite == test.suite() && name == test.name() && file.equals(test.file()) && tags.equals(test.tags())
                && properties == test.properties()) {
            return test;
        }
        return new TestCase(suite, name, file, test.line(), tags, properties);
    }

    /**
     * Free-form key/value metadata (test properties, a run's environment) redacted: keys as text, and the value
     * of a key that names a secret ({@code stripe.apiKey}, {@code DB_PASSWORD}, {@code Authorization}) replaced
     * whole, since nothing in the value itself says it is one. Order kept; the same instance when clean.
     */
    public Map<String, String> redact(Map<String, String> properties) {
        Objects.requireNonNull(properties, "properties");
        Map<String, String> redacted = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<String, String> property : properties.entrySet()) {
            String key = redact(property.getKey());
            String value = redactValueOf(property.getKey(), property.getValue());
            changed |= key != property.getKey() || value != property.getValue();
            redacted.putIfAbsent(key, value);
        }
        return changed ? java.util.Collections.unmodifiableMap(redacted) : properties;
    }

    /**
     * The value of a pair whose key is {@code key}: replaced whole when the key names a secret and the value is
     * one (not empty, {@code null}, a {@code ${VARIABLE}} or a mask), else redacted as text. Redacting the result
     * again changes nothing.
     */
    String redactValueOf(String key, String value) {
        if (value == null) {
            return null;
        }
        if (KeyValueSecrets.isSecretName(key) && KeyValueSecrets.isSecretValue(value)) {
            return marker(KeyValueSecrets.kindOf(key));
        }
        return redact(value);
    }

    /** Sorts the spans by start (the longer first at one start) and drops each one overlapping an earlier one. */
    private static List<Span> disjoint(List<Span> spans) {
        spans.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed()));
        List<Span> kept = new ArrayList<>(spans.size());
        int done = 0;
        for (Span span : spans) {
            if (span.start() >= done) {
                kept.add(span);
                done = span.end();
            }
        }
        return kept;
    }

    /**
     * Appends {@code text[from, to)} to {@code out} with the {@code spans} (disjoint, by start) that start in it
     * replaced by their markers; a span running past {@code to} is replaced whole.
     *
     * @return where the text after what was appended starts: {@code to}, or the end of a span running past it
     */
    static int render(String text, List<Span> spans, int from, int to, StringBuilder out) {
        int done = from;
        for (Span span : spans) {
            if (span.start() < from) {
                continue;
            }
            if (span.start() >= to) {
                break;
            }
            out.append(text, done, span.start()).append(marker(span.kind()));
            done = span.end();
        }
        if (done < to) {
            out.append(text, done, to);
            done = to;
        }
        return done;
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

}
