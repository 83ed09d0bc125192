package dev.feedbackloop.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Which projects asked for a daily digest, and where it goes. Kept as one JSON object of project to settings, the
 * same document in Secrets Manager on AWS and in {@code DIR/digest.json} locally:
 * <pre>
 * {"checkout": {"webhook": "https://hooks.slack.com/services/...", "owners": "tests/pay/** &lt;@U024BE7LH&gt;\n"},
 *  "search":   "https://hooks.slack.com/services/..."}
 * </pre>
 * A project's value is its webhook URL, or an object with {@code webhook} and an optional {@code owners} file
 * ({@link OwnersFile}). A project not in it gets no digest.
 */
@FunctionalInterface
public interface DigestRoutes {

    /**
     * The route of {@code project}'s digest.
     *
     * @return empty when the project configured none
     */
    Optional<DigestRoute> of(String project);

    /** No project gets a digest. */
    static DigestRoutes none() {
        return project -> Optional.empty();
    }

    /**
     * Parses the settings document.
     *
     * @param origin names the document in messages (never its content: webhook URLs are secrets)
     * @throws IllegalArgumentException naming the project and field that are wrong
     */
    static DigestRoutes parse(String json, String origin) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + " is not JSON (content not shown: it holds secrets)");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(origin + " must be a JSON object of project to digest settings");
        }
        Map<String, DigestRoute> routes = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String where = origin + ": project '" + entry.getKey() + "'";
            JsonNode value = entry.getValue();
            JsonNode webhook = value.isObject() ? value.path("webhook") : value;
            JsonNode owners = value.path("owners");
            if (!webhook.isTextual() || (!owners.isMissingNode() && !owners.isTextual())) {
                throw new IllegalArgumentException(where + " must be a webhook URL, or {\"webhook\": URL, \"owners\":"
                        + " TEXT}");
            }
            URI uri;
            try {
                uri = URI.create(webhook.asText().strip());
            } catch (IllegalArgumentException e) { // its message holds the URL: not passed on
                throw new IllegalArgumentException(where + ": the webhook is not a URL (value not shown: it is a"
                        + " secret)");
            }
            OwnersFile file = owners.isTextual() ? OwnersFile.parse(owners.asText(), where + " owners")
                    : OwnersFile.none();
            try {
                routes.put(entry.getKey(), new DigestRoute(uri, file));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        Map<String, DigestRoute> copy = Map.copyOf(routes);
        return project -> Optional.ofNullable(copy.get(project));
    }
}
