package dev.feedbackloop.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.ingest.IngestRequest;
import dev.feedbackloop.ingest.IngestResponse;
import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.ingest.RequestSignature;
import dev.feedbackloop.ingest.SignedRequests;
import dev.feedbackloop.recommend.IllegalTransitionException;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.recommend.TriageDecision;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.store.StoreConflictException;
import dev.feedbackloop.store.StoreException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * People's decisions through the API: the write routes beside ingest's on the ingest Function URL (and on
 * {@code feedback serve}), signed exactly as uploads are ({@link SignedRequests}: HMAC over method, path, timestamp,
 * body and the {@code X-Feedback-Project} header). The read API stays read-only; this is where a person's decision
 * comes in. Framework-free.
 *
 * <ul>
 *   <li>{@code POST /triage}, body {@code {"recommendation","decision","reason","by"}}: decision {@code accept},
 *       {@code reject}, {@code wont-fix} or {@code product-bug} ({@code reason} required for reject and
 *       product-bug); answers 200 {@code {"status":"recorded","project","recommendation","decision",
 *       "recommendationStatus","duplicate"}}.</li>
 *   <li>{@code POST /implemented}, body {@code {"recommendation","commit","by"}} ({@code commit} optional): an
 *       accepted recommendation marked implemented; answers 200 {@code {"status":"recorded","project",
 *       "recommendation","recommendationStatus","commit","duplicate"}}.</li>
 *   <li>{@code recommendation}: the id, or its first 6 or more hex digits, within the signing project: an id of
 *       another project is 404 like an id of none, so ids do not leak across projects.</li>
 *   <li>Idempotent: the same decision by the same person for the same reason (or the same commit) again changes
 *       nothing and answers {@code "duplicate": true}; a client may retry freely.</li>
 *   <li>Reason and name are redacted before they are stored.</li>
 *   <li>Errors: {@code {"error","message"}} with 400 (not JSON, a field missing, unknown or of the wrong type, an
 *       unknown decision, a reason missing or too long), 401 (signature, as ingest), 404 (no such recommendation in
 *       the project), 405, 409 (the status does not allow it, or it changed meanwhile), 413, 503.</li>
 * </ul>
 */
public final class TriageApi {

    /** The decision route. */
    public static final String TRIAGE = "/triage";
    /** The implementation mark route. */
    public static final String IMPLEMENTED = "/implemented";
    /** Largest body taken: a decision is a few hundred bytes, a reason at most 2000 characters. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private static final System.Logger LOG = System.getLogger(TriageApi.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[0-9a-f]{6,64}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,64}");
    private static final int MAX_NAME = 200;
    private static final int MAX_REASON = 2000;

    private final SignedRequests signed;
    private final RecommendationLoop loop;
    private final Redactor redactor;

    public TriageApi(SignedRequests signed, RecommendationLoop loop, Redactor redactor) {
        this.signed = Objects.requireNonNull(signed, "signed");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** Whether {@code path} is one of these routes (the others of the Function URL are ingest's). */
    public static boolean handles(String path) {
        String endpoint = RequestSignature.endpoint(path);
        return endpoint.equals(TRIAGE) || endpoint.equals(IMPLEMENTED);
    }

    /** Answers one request; never throws for bad input. */
    public IngestResponse handle(IngestRequest request) {
        try {
            if (!"POST".equalsIgnoreCase(request.method())) {
                throw new Refusal(405, "method_not_allowed", request.method() + " is not allowed on "
                        + RequestSignature.endpoint(request.path()) + "; use POST");
            }
            if (request.body().length > MAX_BODY_BYTES) {
                throw new Refusal(413, "too_large", "body is " + request.body().length + " bytes, more than the "
                        + MAX_BODY_BYTES + " a decision may take");
            }
            String project = signed.verify(request).project();
            JsonNode body = body(request.body());
            return RequestSignature.endpoint(request.path()).equals(TRIAGE) ? triage(project, body, request)
                    : implemented(project, body, request);
        } catch (SignedRequests.Refused refused) {
            return error(refused.status(), refused.code(), refused.getMessage());
        } catch (Refusal refusal) {
            return error(refusal.status, refusal.code, refusal.getMessage());
        } catch (IllegalTransitionException e) {
            return error(409, "conflict", e.getMessage());
        } catch (StoreConflictException e) {
            return error(409, "conflict", "the recommendation changed while this request was applied; read it"
                    + " again and retry");
        } catch (StoreException | ProjectSecrets.SecretsUnavailableException e) {
            LOG.log(System.Logger.Level.ERROR, "a decision could not be recorded; the client will retry", e);
            return error(503, "unavailable", "storage is unavailable right now; retry later");
        }
    }

    private IngestResponse triage(String project, JsonNode body, IngestRequest request) {
        allowOnly(body, Set.of("recommendation", "decision", "reason", "by"));
        Recommendation current = find(project, text(body, "recommendation", true).orElseThrow());
        String decisionText = text(body, "decision", true).orElseThrow();
        TriageDecision decision;
        try {
            decision = TriageDecision.parse(decisionText);
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "bad_request", "$.decision: " + e.getMessage());
        }
        String reason = redactor.redact(text(body, "reason", false).orElse(""));
        if (reason.length() > MAX_REASON) {
            throw new Refusal(400, "bad_request", "$.reason is at most " + MAX_REASON + " characters, was "
                    + reason.length());
        }
        if ((decision == TriageDecision.REJECT || decision == TriageDecision.PRODUCT_BUG) && reason.isBlank()) {
            throw new Refusal(400, "bad_request", "$.reason is required for a " + decision.wireName()
                    + " decision: say why, it goes into the next prompt for the scenario");
        }
        String by = by(body);
        RecommendationLoop.Recorded recorded = loop.decideOnce(project, current, decision, reason, by,
                request.receivedAt());
        ObjectNode answer = recorded(project, recorded);
        answer.put("decision", decision.wireName());
        LOG.log(System.Logger.Level.INFO, "{0} {1} in {2}{3}", decision.wireName(), current.id(), project,
                recorded.repeated() ? " (duplicate)" : "");
        return new IngestResponse(200, answer.toString());
    }

    private IngestResponse implemented(String project, JsonNode body, IngestRequest request) {
        allowOnly(body, Set.of("recommendation", "commit", "by"));
        Recommendation current = find(project, text(body, "recommendation", true).orElseThrow());
        Optional<String> commit = text(body, "commit", false).filter(c -> !c.isBlank());
        if (commit.isPresent() && !COMMIT.matcher(commit.get()).matches()) {
            throw new Refusal(400, "bad_request", "$.commit must be a commit id, 7-64 hex"
                    + " digits, was '" + redactor.redact(commit.get()) + "'");
        }
        String by = by(body);
        RecommendationLoop.Recorded recorded = loop.implementedOnce(project, current, commit, by,
                request.receivedAt());
        ObjectNode answer = recorded(project, recorded);
        recorded.recommendation().implementedCommit().ifPresent(c -> answer.put("commit", c));
        LOG.log(System.Logger.Level.INFO, "implemented {0} in {1}{2}", current.id(), project,
                recorded.repeated() ? " (duplicate)" : "");
        return new IngestResponse(200, answer.toString());
    }

    private static ObjectNode recorded(String project, RecommendationLoop.Recorded recorded) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("status", "recorded");
        answer.put("project", project);
        answer.put("recommendation", recorded.recommendation().id());
        answer.put("recommendationStatus", recorded.recommendation().status().wireName());
        answer.put("duplicate", recorded.repeated());
        return answer;
    }

    /** The one recommendation of {@code project} with this id or id prefix; any other answer is a 404 or a 400. */
    private Recommendation find(String project, String id) {
        if (!ID.matcher(id).matches()) {
            throw new Refusal(400, "bad_request", "$.recommendation must be a recommendation id (6-64 lower-case hex"
                    + " digits: the id or its first digits), was '" + redactor.redact(id) + "'");
        }
        List<Recommendation> matches = new ArrayList<>();
        for (Recommendation r : loop.list(project, List.of(RecommendationStatus.values()), Integer.MAX_VALUE)) {
            if (r.id().equals(id)) {
                return r;
            }
            if (r.id().startsWith(id)) {
                matches.add(r);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw matches.isEmpty()
                ? new Refusal(404, "not_found", "no recommendation " + id + " in project " + project)
                : new Refusal(400, "bad_request", "$.recommendation " + id + " names " + matches.size()
                + " recommendations; give more digits");
    }

    private String by(JsonNode body) {
        String by = redactor.redact(text(body, "by", true).orElseThrow()).strip();
        if (by.isEmpty() || by.length() > MAX_NAME) {
            throw new Refusal(400, "bad_request", "$.by must name who decided in 1-" + MAX_NAME
                    + " characters, was " + by.length());
        }
        return by;
    }

    private static JsonNode body(byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Refusal(400, "bad_request", "body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
        if (node == null || !node.isObject()) {
            throw new Refusal(400, "bad_request", "body must be a JSON object");
        }
        return node;
    }

    private static void allowOnly(JsonNode body, Set<String> fields) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new Refusal(400, "bad_request", "unknown field(s) " + unknown + "; expected "
                    + fields.stream().sorted().toList());
        }
    }

    private static Optional<String> text(JsonNode body, String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new Refusal(400, "bad_request", "$." + field + " is required");
            }
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new Refusal(400, "bad_request", "$." + field + " must be a string, was " + value.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        return Optional.of(value.asText());
    }

    private static IngestResponse error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", code);
        body.put("message", message);
        return new IngestResponse(status, body.toString());
    }

    /** A request answered with an error; thrown within this class only. */
    private static final class Refusal extends RuntimeException {
        final int status;
        final String code;

        Refusal(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
