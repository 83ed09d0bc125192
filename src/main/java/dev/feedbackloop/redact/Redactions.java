package dev.feedbackloop.redact;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The values of one report redacted, and counted: text as text, a value whose key names a secret whole, and a
 * base64 body (a Playwright attachment, a stdout buffer) decoded, redacted as text or JSON and encoded again when it
 * is text. Not thread-safe: one per report.
 */
final class Redactions {

    /** Shorter base64 strings hold no secret worth decoding for (and are more often words than bodies). */
    private static final int MIN_BASE64 = 24;
    /**
     * Base64 strings this long that decode to binary are taken for bodies (images, archives); shorter ones may be
     * a generated credential (an AWS secret access key is 40 characters of the base64 alphabet).
     */
    private static final int MIN_BINARY = 128;

    private final Redactor redactor;
    private final boolean decodeBase64;
    private long count;

    /**
     * @param decodeBase64 whether base64 bodies are decoded (not within a body already decoded: one level)
     */
    Redactions(Redactor redactor, boolean decodeBase64) {
        this.redactor = redactor;
        this.decodeBase64 = decodeBase64;
    }

    /** Secrets replaced so far. */
    long count() {
        return count;
    }

    Redactor redactor() {
        return redactor;
    }

    /** {@code text} redacted as text. */
    String text(String text) {
        return text(text, true);
    }

    private String text(String text, boolean randomTokens) {
        List<Redactor.Span> spans = redactor.find(text, randomTokens);
        if (spans.isEmpty()) {
            return text;
        }
        count += spans.size();
        StringBuilder out = new StringBuilder(text.length());
        Redactor.render(text, spans, 0, text.length(), out);
        return out.toString();
    }

    /**
     * A value of unknown meaning: a base64 body when it decodes to text; a base64 body of binary data (a screenshot)
     * redacted for named secrets only, since every run of its characters reads as generated; else text.
     */
    String value(String value) {
        if (decodeBase64 && value.length() >= MIN_BASE64) {
            Optional<String> body = base64Body(value);
            if (body.isPresent()) {
                return body.get();
            }
            if (value.length() >= MIN_BINARY && Base64Form.of(value).isPresent()) {
                return text(value, false);
            }
        }
        return text(value);
    }

    /** The value of the field or pair named {@code name}: whole when the name is a secret's, else {@link #value}. */
    String valueOf(String name, String value) {
        if (isSecretName(name)) {
            if (KeyValueSecrets.isSecretValue(value)) {
                count++;
                return Redactor.marker(KeyValueSecrets.kindOf(name));
            }
            return value;
        }
        return value(value);
    }

    /** Whether the value of a field named {@code name} is a secret whatever it looks like. */
    static boolean isSecretName(String name) {
        return KeyValueSecrets.isSecretName(name);
    }

    /** The marker that replaces a whole value named {@code name}. */
    static String markerFor(String name) {
        return Redactor.marker(KeyValueSecrets.kindOf(name));
    }

    /** Counts the spans that start in {@code [from, to)}: those a window of long text replaced. */
    void countSpans(List<Redactor.Span> spans, int from, int to) {
        for (Redactor.Span span : spans) {
            if (span.start() >= from && span.start() < to) {
                count++;
            }
        }
    }

    /** Counts a secret replaced whole by the caller. */
    void countOne() {
        count++;
    }

    /**
     * {@code value} redacted as the base64 body it is: empty when it is not base64 of UTF-8 text; else the body
     * redacted as text (or JSON) and encoded again in the same alphabet when it held a secret. Either way the encoded
     * form is then redacted for named secrets (not generated-looking runs), so that redacting the result again changes nothing.
     */
    private Optional<String> base64Body(String value) {
        Optional<Base64Form> form = Base64Form.of(value);
        if (form.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = form.get().decoder().decode(value);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        Optional<String> text = utf8Text(bytes);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Redactions inner = new Redactions(redactor, false);
        String redacted = inner.body(text.get());
        if (inner.count == 0) {
            // the encoded form is text too: what it says outright (a named token) is still redacted; but not its
            // generated-looking runs, which every base64 body is made of
            return Optional.of(text(value, false));
        }
        count += inner.count;
        return Optional.of(text(form.get().encoder().encodeToString(redacted.getBytes(StandardCharsets.UTF_8)),
                false));
    }

    /** A decoded body: JSON redacted as JSON (a storage state's cookies are name/value pairs), else as text. */
    private String body(String text) {
        String start = text.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            Optional<String> json = JsonRedaction.redactDocument(text, this);
            if (json.isPresent()) {
                return json.get();
            }
        }
        return text(text);
    }

    /** {@code bytes} as text: valid UTF-8 without control characters other than tab, line breaks and escape. */
    private static Optional<String> utf8Text(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException binary) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) {
                return Optional.empty();
            }
        }
        return Optional.of(text);
    }

    /** Which base64 a string is written in: standard with padding, or URL-safe; none for anything else. */
    private enum Base64Form {
        STANDARD, URL_SAFE, URL_SAFE_UNPADDED;

        static Optional<Base64Form> of(String value) {
            boolean standard = false;
            boolean urlSafe = false;
            int end = value.length();
            int padding = 0;
            while (end > 0 && value.charAt(end - 1) == '=' && padding < 2) {
                end--;
                padding++;
            }
            for (int i = 0; i < end; i++) {
                char c = value.charAt(i);
                if (c == '+' || c == '/') {
                    standard = true;
                } else if (c == '-' || c == '_') {
                    urlSafe = true;
                } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                    return Optional.empty();
                }
            }
            if (standard && urlSafe) {
                return Optional.empty();
            }
            if (value.length() % 4 == 0) {
                return Optional.of(urlSafe ? URL_SAFE : STANDARD);
            }
            return urlSafe && padding == 0 && value.length() % 4 != 1 ? Optional.of(URL_SAFE_UNPADDED)
                    : Optional.empty();
        }

        Base64.Decoder decoder() {
            return this == STANDARD ? Base64.getDecoder() : Base64.getUrlDecoder();
        }

        Base64.Encoder encoder() {
            return switch (this) {
                case STANDARD -> Base64.getEncoder();
                case URL_SAFE -> Base64.getUrlEncoder();
                case URL_SAFE_UNPADDED -> Base64.getUrlEncoder().withoutPadding();
            };
        }
    }
}
