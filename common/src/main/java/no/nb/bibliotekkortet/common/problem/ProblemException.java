package no.nb.bibliotekkortet.common.problem;

import java.util.Map;

/**
 * Thrown by domain and resource code to end a request with a problem response. Mapped to
 * {@code application/problem+json} by {@link ProblemExceptionMapper}; the message is the problem's
 * {@code detail} and must never contain personal data (identity numbers, names, addresses).
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = headers;
    }

    public Problem problem() {
        return problem;
    }

    /** Extra response headers (e.g. {@code Retry-After}). */
    public Map<String, String> headers() {
        return headers;
    }

    /** 400: the request is malformed; {@code field} broke {@code rule} (a format or type rule). */
    public static ProblemException badRequest(String field, String rule, String detail) {
        return new ProblemException(Problem.of(400, "invalid-request", "The request is malformed", detail, field, rule));
    }

    /** 403: the caller may not do this; {@code detail} says why. */
    public static ProblemException forbidden(String slug, String detail) {
        return new ProblemException(Problem.of(403, slug, "Forbidden", detail, null, null));
    }

    /** 404: the named resource does not exist. */
    public static ProblemException notFound(String slug, String detail) {
        return new ProblemException(Problem.of(404, slug, "Not found", detail, null, null));
    }

    /** 409: the request conflicts with the current state. */
    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(Problem.of(409, slug, title, detail, null, null));
    }

    /** 422: well-formed, but {@code field} breaks a domain rule. */
    public static ProblemException unprocessable(String slug, String title, String detail, String field, String rule) {
        return new ProblemException(Problem.of(422, slug, title, detail, field, rule));
    }
}
