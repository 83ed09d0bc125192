package dev.feedbackloop.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A file a test framework attached to one attempt: Playwright's {@code results[].attachments[]} (a screenshot, a
 * trace, a video, the {@code error-context} page snapshot), a JUnit {@code [[ATTACHMENT|path]]} line (the
 * Jenkins/GitLab convention). The report only points at evidence on disk; what is read, shipped or shown to a model
 * is decided later, confined to the report's folder (see {@code dev.feedbackloop.attachment}).
 *
 * <p>Bounded so that a report with thousands of attachments stays small: at most {@link #MAX_PER_ATTEMPT} per
 * attempt (the parsers drop the rest), names and content types cut to their caps, and an inline body kept only for
 * the {@link #ERROR_CONTEXT} attachment (the only one a model is given), at most {@link #MAX_BODY} characters.
 *
 * @param name        the attachment's name as the framework gave it ({@code screenshot}, {@code trace},
 *                    {@code error-context}), at most {@link #MAX_NAME} characters
 * @param contentType its media type, lower case ({@code image/png}), {@code application/octet-stream} when unknown
 * @param path        the file as the report names it (often an absolute path on the CI machine)
 * @param body        the inline content as text, when the report carried it inline (only for
 *                    {@link #ERROR_CONTEXT})
 */
public record Attachment(String name, String contentType, Optional<String> path, Optional<String> body) {

    /** Playwright's name for the page snapshot at a failure ({@code error-context.md}). */
    public static final String ERROR_CONTEXT = "error-context";
    /** Most attachments kept per attempt: Playwright writes up to four per failure (screenshot, video, trace, page). */
    public static final int MAX_PER_ATTEMPT = 20;
    public static final int MAX_NAME = 200;
    public static final int MAX_CONTENT_TYPE = 100;
    public static final int MAX_PATH = 1_024;
    /** Longest inline body kept: 64,000 characters (a page snapshot is cut further, to 12,000, for a model). */
    public static final int MAX_BODY = 64_000;
    private static final String UNKNOWN_TYPE = "application/octet-stream";

    public Attachment {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("an attachment's name must be 1.." + MAX_NAME + " characters, was '"
                    + name + "'");
        }
        if (contentType == null || contentType.isBlank() || contentType.length() > MAX_CONTENT_TYPE) {
            throw new IllegalArgumentException("attachment " + name + ": content type must be 1.." + MAX_CONTENT_TYPE
                    + " characters, was '" + contentType + "'");
        }
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        path = path.filter(p -> !p.isBlank());
        if (path.isPresent() && (path.get().length() > MAX_PATH || path.get().indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("attachment " + name + ": path must be at most " + MAX_PATH
                    + " characters without NUL");
        }
        if (body.isPresent() && body.get().length() > MAX_BODY) {
            throw new IllegalArgumentException("attachment " + name + ": inline body has " + body.get().length()
                    + " characters, more than " + MAX_BODY);
        }
    }

    /**
     * An attachment as a parser finds it, cut to the caps: a long name or path is cut (a path cut short names no file,
     * and is dropped), a missing content type becomes {@code application/octet-stream}, and an inline body is kept only
     * for {@link #ERROR_CONTEXT}, its head up to {@link #MAX_BODY}.
     *
     * @return empty when there is no name
     */
    public static Optional<Attachment> capped(String name, String contentType, String path, String body) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String shortName = name.strip();
        shortName = shortName.substring(0, Math.min(shortName.length(), MAX_NAME));
        String type = contentType == null || contentType.isBlank() ? UNKNOWN_TYPE
                : contentType.strip().toLowerCase(Locale.ROOT);
        type = type.length() > MAX_CONTENT_TYPE ? UNKNOWN_TYPE : type;
        Optional<String> file = Optional.ofNullable(path).map(String::strip)
                .filter(p -> !p.isEmpty() && p.length() <= MAX_PATH && p.indexOf('\0') < 0);
        Optional<String> text = Optional.ofNullable(body).filter(b -> ERROR_CONTEXT.equals(name.strip()))
                .map(b -> b.substring(0, Math.min(b.length(), MAX_BODY)));
        return Optional.of(new Attachment(shortName, type, file, text));
    }

    /** Whether this is Playwright's page snapshot at a failure. */
    public boolean isErrorContext() {
        return name.equals(ERROR_CONTEXT);
    }
}
