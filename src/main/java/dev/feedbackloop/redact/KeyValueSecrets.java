package dev.feedbackloop.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds values of key/value pairs whose key names a secret: {@code password=hunter2}, {@code ?access_token=abc},
 * {@code "clientSecret": "xyz"}, {@code Password=s3cret;} in a connection string, {@code DB_PASS: x} at the start
 * of a line. Reads the key backwards from its separator ({@code =} or {@code :}), which is
 * stricter than a pattern that has to guess where a key starts. The redactor's keyword pass finds the words that
 * can end such a key ({@link #TRIGGERS}); only there is a separator looked for.
 *
 * <p>A colon separates a key only where a key can stand: quoted ({@code "token": ...}), first on its line or
 * after {@code { , ( ; ? &}, or anywhere for a key of several words ({@code X-Vault-Token: ...},
 * {@code DD-API-KEY: ...}); so prose such as {@code Unexpected token: }} is left alone. Two more forms have no
 * separator: a command-line option ({@code --password hunter2}) and a password word followed by a quoted value
 * ({@code log in with password "hunter2"}) or by one word of letters and digits ({@code with password Rbvu9Tums}).
 */
final class KeyValueSecrets {

    /** Last word of a key that makes its value a secret (after stripping a plural s). */
    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "passphrase", "pwd", "pass",
            "secret", "token", "credential", "signature", "sig", "sessionid", "apikey", "accesskey", "privatekey",
            "secretkey", "auth", "jwt", "bearer", "pat");
    /** Words that make a key a secret's wherever they stand in it ({@code SECRET_KEY_BASE}, {@code db_password_enc}). */
    private static final Set<String> SECRET_ANYWHERE = Set.of("password", "passwd", "passphrase", "secret");
    /**
     * Last words that make such a key describe a secret rather than hold one ({@code PASSWORD_MIN_LENGTH},
     * {@code secret_name}, {@code client_secret_expires_at}).
     */
    private static final Set<String> DESCRIBING_WORDS = Set.of("length", "len", "min", "max", "policy", "rotation",
            "name", "names", "file", "path", "dir", "url", "uri", "type", "count", "enabled", "required", "expiry",
            "expires", "expiration", "at", "ttl", "hint", "field", "label", "manager", "strength", "reset", "rules",
            "prompt", "changed", "validation", "provider", "version", "ref", "arn", "format", "mode", "env", "source",
            "id", "ids", "set", "missing", "error");
    /** Words that end a password key, whose value may follow as a quoted string after a blank. */
    private static final Set<String> PASSWORD_WORDS = Set.of("password", "passwd", "passphrase", "pwd");
    /** Words before a final {@code key} that make it a secret key ({@code api_key}; not {@code cache_key}). */
    private static final Set<String> KEY_QUALIFIERS = Set.of("api", "access", "secret", "private", "signing",
            "encryption", "master", "client", "subscription", "app", "license", "account", "auth");
    /** Headers whose whole value is a credential. */
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "cookies");
    /** Values that say a secret is absent rather than being one: worth keeping for a reader. */
    private static final Set<String> NON_SECRETS = Set.of("null", "undefined", "true", "false", "none", "nil", "");
    /** Words whose occurrence may end a secret key: the redactor's keyword pass reports them. */
    static final List<String> TRIGGERS = List.of("pass", "pwd", "secret", "token", "credential", "signature", "sig",
            "session", "auth", "jwt", "key", "bearer", "pat");
    private static final int MAX_VALUE = 512;
    private static final int MAX_KEY = 64;

    private KeyValueSecrets() {
    }

    /**
     * What the pairs of one text have read so far, so that each stretch is read a bounded number of times however
     * many trigger words it holds ({@code passwordpasswordpassword...} or {@code password=password=...}).
     */
    static final class Pass {
        /** The last separator inspected; overlapping trigger words inspect it once. */
        int inspected = -1;
        /** A run of key characters read before, {@code [runFrom, runEnd)}, and where a separator was looked for. */
        int runFrom = -1;
        int runEnd = -1;
        /** The value span found last; a separator inside it is part of that value. */
        int valueStart = -1;
        int valueEnd = -1;
    }

    /**
     * Looks for a key/value separator after the word that ended at {@code wordEnd} (the end of the key it belongs
     * to, an optional closing quote, spaces) and inspects the pair there.
     */
    static void findAfter(String text, int wordEnd, Pass pass, List<Redactor.Span> spans) {
        if (wordEnd > pass.runFrom && wordEnd <= pass.runEnd) {
            return; // the same run of key characters as a word before: its separator was looked for then
        }
        int i = wordEnd;
        while (i < text.length() && isKeyChar(text.charAt(i))) {
            i++;
        }
        pass.runFrom = wordEnd;
        pass.runEnd = i;
        if (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
            i++;
        }
        int blanks = i;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i < text.length() && i > blanks && blanks == pass.runEnd && text.charAt(i) != '='
                && text.charAt(i) != ':') {
            Redactor.Span value = withoutSeparator(text, pass.runEnd, i, spans);
            if (value != null) {
                pass.valueStart = value.start();
                pass.valueEnd = value.end();
            }
            return;
        }
        if (i >= text.length() || i == pass.inspected || text.charAt(i) != '=' && text.charAt(i) != ':') {
            return;
        }
        pass.inspected = i;
        if (i > pass.valueStart && i < pass.valueEnd) {
            return; // a separator inside the value found last belongs to that value
        }
        Redactor.Span value = inspect(text, i, spans);
        if (value != null) {
            pass.valueStart = value.start();
            pass.valueEnd = value.end();
        }
    }

    /**
     * The value after a key with no separator, {@code keyEnd} being where the key ends and {@code valueStart} where
     * the value starts after blanks: a command-line option ({@code --client-secret abc}), or a password word and a
     * quoted value ({@code with password "abc"}). Null for anything else.
     */
    private static Redactor.Span withoutSeparator(String text, int keyEnd, int valueStart,
                                                  List<Redactor.Span> spans) {
        int keyStart = keyEnd;
        while (keyStart > 0 && keyEnd - keyStart < MAX_KEY && isKeyChar(text.charAt(keyStart - 1))) {
            keyStart--;
        }
        String key = text.substring(keyStart, keyEnd);
        char first = text.charAt(valueStart);
        boolean option = key.startsWith("--") && first != '-';
        boolean passwordWord = !words(key).isEmpty()
                && PASSWORD_WORDS.contains(words(key).get(words(key).size() - 1));
        boolean quotedPassword = (first == '"' || first == '\'') && passwordWord;
        boolean barePassword = passwordWord && looksLikeBarePassword(text, valueStart);
        if (!(option || quotedPassword || barePassword) || !isSecretKey(key)) {
            return null;
        }
        return addValue(text, valueStart, spans, kindOf(key));
    }

    /** Shortest unquoted word after a password word taken for the password ({@code with password Rbvu9Tums...}). */
    private static final int MIN_BARE_PASSWORD = 8;

    /**
     * Whether the word at {@code start} reads as a password written bare after a password word: at least
     * {@value #MIN_BARE_PASSWORD} characters with no blank, with a letter and a digit. Prose after the word
     * ({@code password expired}, {@code password reset}) has no digit.
     */
    private static boolean looksLikeBarePassword(String text, int start) {
        boolean letter = false;
        boolean digit = false;
        int i = start;
        while (i < text.length() && i - start < MAX_VALUE && !endsBareValue(text, i)) {
            char c = text.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
            i++;
        }
        return i - start >= MIN_BARE_PASSWORD && letter && digit;
    }

    private static Redactor.Span inspect(String text, int separator, List<Redactor.Span> spans) {
        char sep = text.charAt(separator);
        char after = separator + 1 < text.length() ? text.charAt(separator + 1) : '\n';
        if (sep == '=' && (after == '=' || after == '>')
                || sep == ':' && (after == ':' || after == '/')
                || sep == '=' && separator > 0 && "=!<>:".indexOf(text.charAt(separator - 1)) >= 0) {
            return null; // ==, =>, ::, ://, !=, <=, := are not assignments of a value to a key
        }
        int keyEnd = skipBack(text, separator - 1, " \t");
        boolean quoted = keyEnd >= 0 && (text.charAt(keyEnd) == '"' || text.charAt(keyEnd) == '\'');
        if (quoted) {
            keyEnd--;
        }
        int keyStart = keyEnd;
        while (keyStart >= 0 && keyEnd - keyStart < MAX_KEY && isKeyChar(text.charAt(keyStart))) {
            keyStart--;
        }
        keyStart++;
        if (keyStart > keyEnd || !isSecretKey(text.substring(keyStart, keyEnd + 1))) {
            return null;
        }
        if (sep == ':' && !quoted && !keyCanStandAt(text, keyStart)
                && words(text.substring(keyStart, keyEnd + 1)).size() < 2) {
            return null;
        }
        return addValue(text, separator + 1, spans, kindOf(text.substring(keyStart, keyEnd + 1)));
    }

    private static Redactor.Span addValue(String text, int from, List<Redactor.Span> spans, String kind) {
        int start = from;
        while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        if (start >= text.length()) {
            return null;
        }
        char quote = text.charAt(start);
        int end;
        if (quote == '"' || quote == '\'') {
            start++;
            end = start;
            while (end < text.length() && end - start < MAX_VALUE && text.charAt(end) != quote
                    && text.charAt(end) != '\n') {
                end++;
            }
        } else {
            end = start;
            while (end < text.length() && end - start < MAX_VALUE && !endsBareValue(text, end)) {
                end++;
            }
        }
        String value = text.substring(start, end);
        if (NON_SECRETS.contains(value.toLowerCase(Locale.ROOT)) || value.startsWith("[REDACTED")
                || value.startsWith("$") || value.startsWith("{") || value.chars().allMatch(ch -> ch == '*')) {
            return null; // absent, already redacted, a ${VARIABLE} reference, an object, or already masked
        }
        Redactor.Span span = new Redactor.Span(start, end, kind);
        spans.add(span);
        return span;
    }

    /**
     * Whether a key names a secret: its last word is a secret word, or it is {@code <qualifier> key},
     * {@code session id} or {@code secret id}, or a password or secret word stands anywhere in it and the last word
     * does not describe the secret rather than hold it.
     */
    static boolean isSecretKey(String key) {
        List<String> words = words(key);
        if (words.isEmpty()) {
            return false;
        }
        String last = words.get(words.size() - 1);
        String previous = words.size() > 1 ? words.get(words.size() - 2) : "";
        if (last.length() > 3 && last.endsWith("s") && SECRET_WORDS.contains(last.substring(0, last.length() - 1))) {
            last = last.substring(0, last.length() - 1);
        }
        return SECRET_WORDS.contains(last)
                || last.equals("key") && KEY_QUALIFIERS.contains(previous)
                || last.equals("id") && (previous.equals("session") || previous.equals("secret"))
                || !DESCRIBING_WORDS.contains(last) && words.stream().anyMatch(SECRET_ANYWHERE::contains);
    }

    /**
     * Whether the value of a field named {@code name} is a secret, whatever it looks like: a key that names one
     * ({@link #isSecretKey}), or a header that carries credentials ({@code Authorization}, {@code Cookie}).
     */
    static boolean isSecretName(String name) {
        return name.length() <= MAX_KEY * 2 && (SECRET_HEADERS.contains(name.strip().toLowerCase(Locale.ROOT))
                || isSecretKey(name.strip()));
    }

    /**
     * Whether a value under a secret name is one: not absent ({@code null}, empty, {@code false}), not a
     * {@code ${VARIABLE}} reference, not masked ({@code ****}) or already redacted.
     */
    static boolean isSecretValue(String value) {
        String stripped = value.strip();
        return !NON_SECRETS.contains(stripped.toLowerCase(Locale.ROOT)) && !stripped.startsWith("[REDACTED")
                && !stripped.startsWith("${") && !stripped.chars().allMatch(ch -> ch == '*');
    }

    /** What the marker of a value under {@code key} says: password, token, api-key, cookie, authorization, secret. */
    static String kindOf(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.contains("cookie")) {
            return "cookie";
        }
        if (lower.endsWith("authorization")) {
            return "authorization";
        }
        if (lower.contains("pass") || lower.contains("pwd")) {
            return "password";
        }
        if (lower.endsWith("token") || lower.endsWith("tokens") || lower.endsWith("jwt")) {
            return "token";
        }
        if (lower.endsWith("key")) {
            return "api-key";
        }
        return "secret";
    }

    /** Splits {@code X-Amz-Security-Token}, {@code client_secret}, {@code accessToken} into lower-case words. */
    private static List<String> words(String key) {
        List<String> words = new ArrayList<>(4);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean camelBreak = Character.isUpperCase(c) && i > 0 && Character.isLowerCase(key.charAt(i - 1));
            if (c == '_' || c == '-' || c == '.' || camelBreak) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            }
            if (c != '_' && c != '-' && c != '.') {
                word.append(Character.toLowerCase(c));
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    private static boolean keyCanStandAt(String text, int keyStart) {
        int before = keyStart - 1;
        if (before >= 0 && (text.charAt(before) == '"' || text.charAt(before) == '\'')) {
            before--;
        }
        before = skipBack(text, before, " \t");
        return before < 0 || "\n\r{,(;?&".indexOf(text.charAt(before)) >= 0;
    }

    private static int skipBack(String text, int index, String skipped) {
        while (index >= 0 && skipped.indexOf(text.charAt(index)) >= 0) {
            index--;
        }
        return index;
    }

    private static boolean isKeyChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
    }

    /**
     * Whether the character at {@code i} ends a value written without quotes: a blank, a quote, a separator of
     * pairs, or a closing bracket that closes something (followed by a blank, punctuation or the end), not one
     * inside a generated value ({@code Zx)5%Qa}).
     */
    private static boolean endsBareValue(String text, int i) {
        char c = text.charAt(i);
        if (c == ')' || c == '}' || c == ']') {
            return i + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(i + 1));
        }
        return Character.isWhitespace(c) || "\"'&,;<>".indexOf(c) >= 0;
    }
}
