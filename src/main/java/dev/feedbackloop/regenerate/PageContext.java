package dev.feedbackloop.regenerate;

import dev.feedbackloop.redact.Redactor;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page at a failure, from Playwright's {@code error-context} attachment ({@code error-context.md}, written beside
 * a failed test's results since Playwright 1.51). The file is Markdown: an {@code # Instructions} block addressed to
 * whoever reads it (an instruction to a model from a file is exactly what a prompt must not carry), then sections
 * such as {@code # Test info}, {@code # Error details}, {@code # Page snapshot} with a fenced YAML ARIA snapshot,
 * and {@code # Test source}. Only the page snapshot is taken (the rest arrives from the report and the source), or,
 * in a file without sections (older versions wrote the bare snapshot), the whole text; it is redacted and capped.
 */
public final class PageContext {

    /** Most characters of page snapshot given to a model: 12,000 (about 3,000 tokens). */
    public static final int MAX_CHARS = 12_000;

    private static final Pattern SNAPSHOT_SECTION = Pattern.compile(
            "(?ms)^#\\s*Page snapshot\\s*$\\s*```[a-z]*\\s*\\n(.*?)^\\s*```"); // # Page snapshot\n```yaml\n- button ..\n```
    private static final Pattern HEADING = Pattern.compile("(?m)^#\\s+\\S"); // # Instructions

    private PageContext() {
    }

    /**
     * The page snapshot in an {@code error-context.md}, redacted and cut to {@link #MAX_CHARS}.
     *
     * @return empty when the file has sections but no page snapshot, or nothing but blanks
     */
    public static Optional<String> fromErrorContext(String markdown, Redactor redactor) {
        if (markdown == null || markdown.isBlank()) {
            return Optional.empty();
        }
        Matcher section = SNAPSHOT_SECTION.matcher(markdown);
        String snapshot;
        if (section.find()) {
            snapshot = section.group(1);
        } else if (HEADING.matcher(markdown).find()) {
            return Optional.empty();
        } else {
            snapshot = markdown;
        }
        snapshot = snapshot.strip();
        return snapshot.isEmpty() ? Optional.empty()
                : Optional.of(Bounded.middle(redactor.redact(snapshot), MAX_CHARS));
    }
}
