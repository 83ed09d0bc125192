package dev.feedbackloop.view;

import java.util.Locale;
import java.util.Objects;

/**
 * A read that cannot be answered, as an RFC 9457 problem: the HTTP status, a short title that names the kind of
 * problem, and a detail that says what was wrong with this request.
 */
public final class ReadProblem extends RuntimeException {

    private final int status;
    private final String title;

    public ReadProblem(int status, String title, String detail) {
        super(Objects.requireNonNull(detail, "detail"));
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status must be 4xx or 5xx, was " + status);
        }
        this.status = status;
        this.title = Objects.requireNonNull(title, "title");
    }

    public static ReadProblem badRequest(String detail) {
        return new ReadProblem(400, "Bad request", detail);
    }

    public static ReadProblem unauthorised(String detail) {
        return new ReadProblem(401, "Not authenticated", detail);
    }

    public static ReadProblem forbidden(String detail) {
        return new ReadProblem(403, "Not allowed", detail);
    }

    public static ReadProblem notFound(String detail) {
        return new ReadProblem(404, "Not found", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** A stable identifier of the kind of problem, for clients that branch on it: {@code urn:feedbackloop:problem:not-found}. */
    public String type() {
        return "urn:feedbackloop:problem:" + title.toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
