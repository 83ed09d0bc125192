package dev.feedbackloop.adapter.local;

import dev.feedbackloop.publish.DigestRoute;
import dev.feedbackloop.publish.DigestRoutes;
import dev.feedbackloop.publish.OwnersFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The digest routes of a local store: {@code DIR/digest.json} ({@link DigestRoutes}'s document, the same as the
 * Secrets Manager secret on AWS), and for a project not in it, the webhook in {@value #WEBHOOK_VARIABLE} (no
 * owners). Read when the nightly job starts, so a change counts from the next night.
 */
public final class LocalDigestRoutes {

    public static final String FILE = "digest.json";
    public static final String WEBHOOK_VARIABLE = "FEEDBACK_SLACK_WEBHOOK";

    private LocalDigestRoutes() {
    }

    /**
     * The routes of the store in {@code dataDirectory}.
     *
     * @throws IllegalArgumentException when the file or the variable is malformed (naming which, never the value)
     */
    public static DigestRoutes of(Path dataDirectory, Map<String, String> environment) {
        Path file = dataDirectory.resolve(FILE);
        DigestRoutes configured = DigestRoutes.none();
        if (Files.exists(file)) {
            try {
                configured = DigestRoutes.parse(Files.readString(file), file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        Optional<DigestRoute> fallback = Optional.ofNullable(environment.get(WEBHOOK_VARIABLE))
                .filter(w -> !w.isBlank()).map(LocalDigestRoutes::route);
        DigestRoutes fromFile = configured;
        return project -> fromFile.of(project).or(() -> fallback);
    }

    private static DigestRoute route(String webhook) {
        try {
            return new DigestRoute(URI.create(webhook.strip()), OwnersFile.none());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("$" + WEBHOOK_VARIABLE + " must be an http(s) URL (value not shown: it"
                    + " is a secret)");
        }
    }
}
