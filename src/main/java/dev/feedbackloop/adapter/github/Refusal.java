package dev.feedbackloop.adapter.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** What a refusal from GitHub means, said for a person: the status, the repository, GitHub's message, what to check. */
final class Refusal {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGE_LIMIT = 300;

    private Refusal() {
    }

    static String message(GitHubHttp.Response response, String method, URI uri, GitHubRepository repository) {
        String request = method + " " + uri.getPath();
        String said = said(response);
        return switch (response.status()) {
            case 401 -> "GitHub refused the token for " + repository + " (401 on " + request + said
                    + "): check that the token is set, valid and not expired";
            case 403 -> "GitHub forbids " + request + " for " + repository + " (403" + said
                    + "): the token needs read and write access to the repository's issues";
            case 404 -> "GitHub has no repository " + repository + ", or the token cannot see it (404 on " + request
                    + said + ")";
            case 410 -> "issues are disabled for " + repository + " (410 on " + request + said + ")";
            case 422 -> "GitHub refused " + request + " for " + repository + " as invalid (422" + said + ")";
            default -> "GitHub answered " + response.status() + " to " + request + " for " + repository + said;
        };
    }

    /** GitHub's {@code message} and {@code errors}, when the body has them, bounded. */
    private static String said(GitHubHttp.Response response) {
        List<String> parts = new ArrayList<>();
        try {
            JsonNode body = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (body.hasNonNull("message")) {
                parts.add(body.get("message").asText());
            }
            body.path("errors").forEach(e -> parts.add(e.isTextual() ? e.asText() : e.path("message").asText(
                    e.path("field").asText("") + " " + e.path("code").asText("")).strip()));
        } catch (IOException e) {
            return "";
        }
        String text = String.join("; ", parts).replaceAll("[\\p{Cntrl}]+", " ").strip();
        if (text.length() > MESSAGE_LIMIT) {
            text = text.substring(0, MESSAGE_LIMIT - 1) + "…";
        }
        return text.isEmpty() ? "" : ": " + text;
    }
}
