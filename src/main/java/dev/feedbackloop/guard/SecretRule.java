package dev.feedbackloop.guard;

import dev.feedbackloop.redact.Redactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code secret-added}: a secret written into the test. Two kinds: what the project's {@link Redactor} recognises
 * in a new string literal (tokens, keys, {@code Authorization} values, passwords in URLs or key/value pairs), and a
 * new literal typed into a credential field (password, passcode, PIN, token, API key, one-time code) or put where
 * the original read a value from the environment. A secret in a test file ends up in the repository, in CI logs
 * and in every prompt built from the file.
 */
final class SecretRule implements Rule {

    private static final Pattern MARKER = Pattern.compile("\\[REDACTED:([a-z0-9-]+)]");
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)pass(word|code|wd|phrase)?\\b|\\bpwd\\b|\\bpin\\b|secret|token|api[ _-]?key|credential|\\botp\\b"
                    + "|one[ -]time");
    /** Calls that type a value into the page, in every framework's words. */
    static final Set<String> INPUT_CALLS = Set.of("fill", "type", "sendKeys", "setValue", "addValue",
            "pressSequentially", "press_sequentially", "send_keys", "type_text", "setInputValue", "fill_in");
    private static final Pattern FROM_ENVIRONMENT = Pattern.compile(
            "process \\. env|os \\. environ|getenv|Cypress \\. env|System \\. getProperty|os \\. getenv|import \\. meta \\. env");

    @Override
    public void check(Comparison c, Findings findings) {
        String original = c.fix.original();
        Map<String, Names.Value> originalNames = c.originalNames();
        for (Comparison.UnitChange u : c.units) {
            Map<Integer, List<Statement>> removedByHunk = new HashMap<>();
            for (StatementDiff.Change change : u.diff().changes()) {
                if (change.type() == StatementDiff.Type.REMOVED) {
                    removedByHunk.computeIfAbsent(change.hunk(), h -> new ArrayList<>()).add(change.original().get());
                }
            }
            for (StatementDiff.Change change : u.diff().changes()) {
                if (change.type() != StatementDiff.Type.ADDED && change.type() != StatementDiff.Type.MODIFIED) {
                    continue;
                }
                Statement s = change.proposed().get();
                List<Statement> replaced = new ArrayList<>(removedByHunk.getOrDefault(change.hunk(), List.of()));
                change.original().ifPresent(replaced::add);
                redacted(c, s, original).ifPresent(kind -> findings.error(GuardRule.SECRET_ADDED, s.line(),
                        "writes a secret (" + kind + ") into the test: it would be committed, logged and sent to the"
                                + " model; read it from the environment or the test's own fixtures"));
                typedCredential(s, u.diff().originalOf(s), c.originalLiterals(), originalNames).ifPresent(why ->
                        findings.error(GuardRule.SECRET_ADDED, s.line(), why));
                // one finding for one fallback: the template check reads the same `process.env.X || '...'` in code
                environmentReplaced(s, replaced, c.originalLiterals()).or(() -> fallbackInTemplate(c, s))
                        .ifPresent(why -> findings.error(GuardRule.SECRET_ADDED, s.line(), why));
                credentialLiteral(s, c.originalLiterals()).ifPresent(why ->
                        findings.error(GuardRule.SECRET_ADDED, s.line(), why));
                basicAuth(s, c.originalLiterals()).ifPresent(why ->
                        findings.error(GuardRule.SECRET_ADDED, s.line(), why));
                privateKeyBlock(c, s).ifPresent(why ->
                        findings.error(GuardRule.SECRET_ADDED, s.line(), why));
                headerCredential(s, c.originalLiterals()).ifPresent(why ->
                        findings.error(GuardRule.SECRET_ADDED, s.line(), why));
                SessionCookies.in(s, c.originalLiterals()).stream().findFirst().ifPresent(cookie ->
                        findings.error(GuardRule.SECRET_ADDED, s.line(), "sets the session cookie " + cookie.name()
                                + " to a literal value: the test is logged in as someone without logging in, and a"
                                + " committed session value is a credential whatever it looks like; log in through"
                                + " the app, or read the value from the environment or an earlier login's response"));
            }
        }
    }

    /** The kind of a secret the redactor finds in a new literal of the statement. */
    private static Optional<String> redacted(Comparison c, Statement s, String original) {
        StringBuilder text = new StringBuilder();
        for (int line = s.line(); line <= s.lastLine(); line++) {
            text.append(c.proposed.code.line(line)).append('\n');
        }
        String source = text.toString();
        String redacted = Redactor.standard().redact(source);
        if (redacted.equals(source)) {
            return Optional.empty();
        }
        boolean mock = MOCKS.stream().anyMatch(s::contains);
        for (Secret secret : secrets(source, redacted)) {
            if (secret.kind().equals("cookie") && SessionCookies.onlyPreferences(s)) {
                continue; // a consent or theme cookie the page itself writes is no credential
            }
            if (mock && !TOKEN_FORMATS.contains(secret.kind())) {
                continue; // a key/value in a stubbed response is test data; a real token format is not
            }
            boolean literal = s.tokens().stream().anyMatch(t -> t.isText() && t.value().contains(secret.value()));
            boolean interpolated = secret.value().contains("${") || secret.value().contains("{")
                    || FROM_ENVIRONMENT.matcher(secret.value()).find();
            if (literal && !interpolated && !original.contains(secret.value())) {
                return Optional.of(secret.kind());
            }
        }
        return Optional.empty();
    }

    private record Secret(String kind, String value) {
    }

    /** The replaced stretches of {@code source}: the text between the kept pieces around each marker. */
    private static List<Secret> secrets(String source, String redacted) {
        List<Secret> out = new ArrayList<>();
        Matcher m = MARKER.matcher(redacted);
        int redactedPos = 0;
        int sourcePos = 0;
        while (m.find()) {
            String kept = redacted.substring(redactedPos, m.start());
            sourcePos += kept.length();
            int nextKeptEnd = redacted.indexOf("[REDACTED:", m.end());
            String following = redacted.substring(m.end(), nextKeptEnd < 0 ? redacted.length() : nextKeptEnd);
            String anchor = following.isEmpty() ? "" : following.substring(0, Math.min(following.length(), 8));
            int end = anchor.isEmpty() ? source.length() : source.indexOf(anchor, sourcePos);
            if (end < sourcePos) {
                break;
            }
            out.add(new Secret(m.group(1), source.substring(sourcePos, end).strip()));
            sourcePos = end;
            redactedPos = m.end();
        }
        return out;
    }

    /** A new literal typed into a credential field, or replacing a value the original read from the environment. */
    private static Optional<String> typedCredential(Statement s, Optional<Statement> before, Set<String> literals,
                                                    Map<String, Names.Value> originalNames) {
        for (Call call : Call.all(s)) {
            if (!INPUT_CALLS.contains(call.name()) || call.args().isEmpty()) {
                continue;
            }
            Call.Arg value = call.args().get(call.args().size() - 1);
            Optional<String> literal = value.text().filter(v -> !v.isBlank() && !literals.contains(v));
            if (literal.isEmpty() || literal.get().contains("${")) {
                continue;
            }
            String target = call.receiver() + " " + (call.args().size() > 1 ? call.args().get(0).normalized() : "");
            if (CREDENTIAL.matcher(target).find()) {
                String field = call.receiverTokens().isEmpty() ? Snippet.of(call.args().get(0).src() instanceof Statement st
                        ? st.tokens().subList(call.args().get(0).from(), call.args().get(0).to()) : List.of())
                        : Snippet.of(call.receiverTokens());
                return Optional.of("types a literal credential into " + field + ": secrets belong in"
                        + " the environment or a secret store, not in the test file");
            }
            Optional<String> replaced = before.flatMap(b -> replacedEnvironmentValue(b, call.name(), originalNames));
            if (replaced.isPresent()) {
                return Optional.of("replaces " + replaced.get() + ", which the original read from the environment,"
                        + " with a literal: the value ends up in the repository and in logs");
            }
        }
        return Optional.empty();
    }

    /**
     * A credential the original read from the environment, now a literal: the read is gone from the statement (or
     * kept with a literal fallback, {@code process.env.X || 'value'}) and a new literal took its place.
     */
    private static Optional<String> environmentReplaced(Statement s, List<Statement> replaced,
                                                        Set<String> literals) {
        List<Environment.Read> now = Environment.reads(s);
        for (Environment.Read read : now) {
            Optional<String> fallback = fallbackLiteral(s, read.end()).filter(v -> !literals.contains(v));
            if (fallback.isPresent() && (read.credential() || assignsCredential(s))) {
                return Optional.of("adds a literal fallback for " + read.name() + ": when the environment lacks it,"
                        + " the committed value is used, so the secret is in the repository");
            }
        }
        List<String> remaining = new ArrayList<>(now.stream().map(Environment.Read::name).toList());
        for (Statement b : replaced.stream().filter(b -> sameStep(b, s)).toList()) {
            for (Environment.Read read : Environment.reads(b)) {
                List<String> added = new ArrayList<>(newLiterals(s, literals));
                added.removeAll(now.stream().map(Environment.Read::name).toList()); // a variable's name is no secret
                if (!remaining.remove(read.name()) && read.credential() && !added.isEmpty()
                        && !passesCredentialByName(s)) {
                    return Optional.of("replaces " + read.name() + ", which the original read from the environment,"
                            + " with a literal: the credential ends up in the repository and in logs");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code after} does what {@code before} did (the same first call, or the same name assigned), so a
     * literal in it can stand where the environment's value was; a login form's steps written where a cookie was
     * copied from the environment are other steps.
     */
    private static boolean sameStep(Statement before, Statement after) {
        List<Call> b = Call.all(before);
        List<Call> a = Call.all(after);
        if (!b.isEmpty() && !a.isEmpty() && b.get(0).name().equals(a.get(0).name())) {
            return true;
        }
        Optional<String> was = Names.assignedName(before);
        return was.isPresent() && was.equals(Names.assignedName(after));
    }

    /**
     * {@code ${process.env.API_TOKEN ?? 'wlk_live_...'}} inside a template literal, or
     * {@code f"Bearer {os.environ.get('API_TOKEN', '...')}"} inside a Python f-string: one token to the lexer.
     */
    private static final Pattern TEMPLATE_FALLBACK = Pattern.compile(
            "(?:process\\.env(?:\\.(\\w+)|\\[['\"](\\w+)['\"]])\\s*(?:\\?\\?|\\|\\|)\\s*"
                    + "|(?:environ\\.get|getenv)\\(\\s*['\"](\\w+)['\"]\\s*,\\s*)(['\"])([^'\"]{6,})\\4");

    private static final Pattern KEY_BLOCK = Pattern.compile("-----BEGIN ([A-Z]+ ){0,4}PRIVATE KEY( BLOCK)?-----");

    /**
     * A private key block written into the file, in whatever literal holds it (a multi-line template is one token
     * whose text the redactor's markers cannot be traced back into): a key in a test file is in the repository.
     */
    private static Optional<String> privateKeyBlock(Comparison c, Statement s) {
        for (int line = s.line(); line <= s.lastLine(); line++) {
            Matcher m = KEY_BLOCK.matcher(c.proposed.code.line(line));
            if (m.find() && !c.fix.original().contains(m.group())) {
                return Optional.of("writes a private key (" + m.group() + ") into the test: it would be committed,"
                        + " logged and sent to the model; sign test tokens with the project's test helper or a key"
                        + " from the environment");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fallbackInTemplate(Comparison c, Statement s) {
        StringBuilder text = new StringBuilder();
        for (int line = s.line(); line <= s.lastLine(); line++) {
            text.append(c.proposed.code.line(line)).append('\n');
        }
        Matcher m = TEMPLATE_FALLBACK.matcher(text);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = m.group(5);
            if (Environment.CREDENTIAL_NAME.matcher(name).find() && !c.fix.original().contains(value)
                    && !SessionCookies.NEGATIVE.matcher(value).find()) {
                return Optional.of("adds a literal fallback for the environment's " + name + ": when the environment lacks"
                        + " it, the committed value is used, so the secret is in the repository");
            }
        }
        return Optional.empty();
    }

    /**
     * The statement hands a credential on by a name ({@code cy.login(email, password)} with the password a seeding
     * task returned): the value comes from code, so a new literal beside it (the task's name) is not the secret.
     */
    private static boolean passesCredentialByName(Statement s) {
        for (int i = 0; i < s.size(); i++) {
            Token t = s.get(i);
            if (t.isWord() && Environment.CREDENTIAL_NAME.matcher(t.text()).find() && !s.is(i + 1, ":")
                    && !s.is(i + 1, "=") && (s.is(i - 1, "(") || s.is(i - 1, ","))) {
                return true;
            }
        }
        return false;
    }

    /** {@code || 'x'}, {@code ?? 'x'}, {@code or 'x'} after an environment read, or its default argument. */
    private static Optional<String> fallbackLiteral(Statement s, int end) {
        boolean secondArgument = s.is(end, ",") && s.at(end - 1) != null && s.get(end - 1).isText(); // .get("X", "v")
        if ((s.is(end, "||") || s.is(end, "??") || s.is(end, "or") || secondArgument) && s.at(end + 1) != null
                && s.get(end + 1).isText() && s.get(end + 1).value().length() >= 4) {
            return Optional.of(s.get(end + 1).value());
        }
        return Optional.empty();
    }

    private static boolean assignsCredential(Statement s) {
        return Names.assignedName(s).map(name -> Environment.CREDENTIAL_NAME.matcher(name).find())
                .orElse(false);
    }

    private static List<String> newLiterals(Statement s, Set<String> literals) {
        return s.tokens().stream().filter(Token::isText).map(Token::value)
                .filter(v -> v.length() >= 4 && !literals.contains(v) && !v.contains("${")).toList();
    }

    /**
     * A new literal given to a key that names a credential ({@code password: '...'}, {@code auth: { bearer: '...'
     * }}, {@code .set('x-api-key', '...')}, {@code token = "..."}) that looks like a real one: long enough and not
     * made of words a placeholder uses.
     */
    private static Optional<String> credentialLiteral(Statement s, Set<String> literals) {
        if (MOCKS.stream().anyMatch(s::contains)) {
            return Optional.empty(); // a stubbed response's token is test data, not a credential of the system
        }
        for (int i = 0; i + 2 < s.size(); i++) {
            Token key = s.get(i);
            String name = key.isWord() ? key.text() : key.isText() ? key.value() : "";
            boolean separator = s.is(i + 1, ":") || s.is(i + 1, "=") || s.is(i + 1, ",") && s.is(i - 1, "(");
            if (name.isEmpty() || !separator || !Environment.CREDENTIAL_NAME.matcher(name).find()) {
                continue;
            }
            Token value = s.get(i + 2);
            if (value.isText() && looksReal(value.value()) && !literals.contains(value.value())) {
                return Optional.of("writes a literal " + name + " into the test: credentials belong in the"
                        + " environment or a secret store, not in the repository");
            }
        }
        return Optional.empty();
    }

    /**
     * A literal value for a request header that carries a credential ({@code 'X-Maps-Key': '...'},
     * {@code .set('x-api-key', '...')}, {@code Authorization}) sent to the system under test: a key sent with every
     * request is a credential whatever words it carries ("FAKE" marks invented ones in test sets, a real leak has no
     * such word). A value naming a negative test ("invalid", "expired") or computed is not one; nor is a stubbed
     * response's header.
     */
    private static Optional<String> headerCredential(Statement s, Set<String> literals) {
        if (MOCKS.stream().anyMatch(s::contains)) {
            return Optional.empty();
        }
        for (int i = 0; i + 2 < s.size(); i++) {
            Token name = s.get(i);
            boolean pair = name.isText() && (s.is(i + 1, ":") && s.is(i - 1, "{") || s.is(i + 1, ":") && s.is(i - 1, ",")
                    || s.is(i + 1, ",") && s.is(i - 1, "(") && HEADER_CALLS.contains(s.at(i - 2) == null ? ""
                    : s.get(i - 2).text()));
            if (!pair || !HEADER_CREDENTIAL.matcher(name.value()).find() || NOT_CREDENTIAL.matcher(name.value()).find()) {
                continue;
            }
            Token value = s.get(i + 2);
            String v = value.isText() ? value.value().strip() : "";
            boolean literal = v.length() >= 8 && !v.contains("${") && !v.matches(".*\\{[^}]*}.*")
                    && !SessionCookies.NEGATIVE.matcher(v).find() && !literals.contains(value.value());
            if (literal && (s.is(i + 3, ")") || s.is(i + 3, ",") || s.is(i + 3, "}"))) {
                return Optional.of("sends a literal " + name.value() + " header with the request: a key sent to the"
                        + " system is a credential whatever it looks like, and it would be committed, logged and sent"
                        + " to the model; read it from the environment");
            }
        }
        return Optional.empty();
    }

    private static final Set<String> HEADER_CALLS = Set.of("set", "header", "setHeader", "addHeader", "add_header",
            "withHeader");
    /** Header names that carry a credential. */
    private static final Pattern HEADER_CREDENTIAL = Pattern.compile(
            "(?i)^(proxy-)?authorization$|(^|[-_])(api[-_]?key|key|token|secret|auth|access[-_]?token)$");
    /** Header names with key or token in them that identify a request, not a caller. */
    private static final Pattern NOT_CREDENTIAL = Pattern.compile("(?i)idempotency|csrf|xsrf|request|correlation|trace"
            + "|cache|cursor|page");

    /**
     * A literal {@code Basic dXNlcjpwYXNz} whose base64 decodes to {@code user:password}: a real credential in any
     * header, a stubbed route's included (the header is sent to the system, not returned by the stub).
     */
    private static Optional<String> basicAuth(Statement s, Set<String> literals) {
        for (Token t : s.tokens()) {
            Matcher m = BASIC.matcher(t.isText() ? t.value() : "");
            if (!m.matches() || literals.contains(t.value())) {
                continue;
            }
            try {
                String decoded = new String(java.util.Base64.getDecoder().decode(m.group(1)),
                        java.nio.charset.StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0 && colon < decoded.length() - 1 && decoded.chars().allMatch(ch -> ch >= 32 && ch < 127)) {
                    return Optional.of("writes HTTP basic-auth credentials (" + decoded.substring(0, colon)
                            + ":…, base64) into the test: they decode to a user and password anyone can read");
                }
            } catch (IllegalArgumentException notBase64) {
                // not a credential after all
            }
        }
        return Optional.empty();
    }

    private static final Pattern BASIC = Pattern.compile("(?i)\\s*Basic\\s+([A-Za-z0-9+/]{8,}={0,2})\\s*");

    /** Secrets recognised by their format, which are real wherever they appear. */
    private static final Set<String> TOKEN_FORMATS = Set.of("private-key", "jwt", "aws-key", "github-token",
            "slack-token", "slack-webhook", "api-key");
    /** Calls that define a stubbed response rather than talk to the system under test. */
    private static final Set<String> MOCKS = Set.of("fulfill", "intercept", "route", "nock", "reply", "respond",
            "mockResolvedValue", "mockReturnValue", "stub", "mock");
    private static final Pattern PLACEHOLDER = Pattern.compile("(?i)fake|dummy|example|mock|placeholder|changeme|"
            + "xxx|test[-_]?token|invalid|wrong|expired|redacted|\\$\\{");

    private static boolean looksReal(String v) {
        return v.length() >= 8 && !v.contains(" ") && !PLACEHOLDER.matcher(v).find()
                && (v.chars().anyMatch(Character::isDigit) || !v.chars().allMatch(Character::isLetter));
    }

    /** The name the original statement typed with the same action, if it came from the environment. */
    private static Optional<String> replacedEnvironmentValue(Statement before, String action,
                                                             Map<String, Names.Value> names) {
        for (Call call : Call.all(before)) {
            if (!call.name().equals(action) || call.args().isEmpty()) {
                continue;
            }
            String arg = call.args().get(call.args().size() - 1).normalized();
            Names.Value value = names.get(arg);
            if (FROM_ENVIRONMENT.matcher(arg).find()
                    || value != null && FROM_ENVIRONMENT.matcher(value.text()).find()) {
                return Optional.of(arg);
            }
        }
        return Optional.empty();
    }
}
