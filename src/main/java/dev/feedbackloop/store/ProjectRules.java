package dev.feedbackloop.store;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.text.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One version of a project's custom classification rules, as stored: the rule file's text (already validated by
 * whoever saved it), numbered from 1 per project so that an analysis can say which rules produced it.
 *
 * @param project the project key
 * @param version 1 for the project's first rules, one more for each change
 * @param text    the rule file as given (JSON), at most {@link #MAX_BYTES} bytes of UTF-8
 * @param digest  SHA-256 of {@code text}, hex: the same rules saved again are the same version
 * @param savedAt when this version was saved
 */
public record ProjectRules(String project, int version, String text, String digest, Instant savedAt) {

    /** Well inside a DynamoDB item (400 KB) with its keys and attributes; a rule file is a few KB. */
    public static final int MAX_BYTES = 256 * 1024;

    public ProjectRules {
        RunKey.requireProjectKey(project);
        if (version < 1) {
            throw new IllegalArgumentException("rules version must be >= 1, was " + version);
        }
        Objects.requireNonNull(text, "text");
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("rules of project " + project + " are " + bytes
                    + " bytes; at most " + MAX_BYTES + " are kept");
        }
        Objects.requireNonNull(digest, "digest");
        if (!digest.equals(digestOf(text))) {
            throw new IllegalArgumentException("rules version " + version + " of project " + project
                    + ": digest " + digest + " does not match the text");
        }
        Objects.requireNonNull(savedAt, "savedAt");
    }

    /** Version {@code version} of {@code text}, with its digest. */
    public static ProjectRules of(String project, int version, String text, Instant savedAt) {
        return new ProjectRules(project, version, text, digestOf(text), savedAt);
    }

    public static String digestOf(String text) {
        return Sha256.hex(text);
    }
}
