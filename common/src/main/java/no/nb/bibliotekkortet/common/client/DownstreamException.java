package no.nb.bibliotekkortet.common.client;

import java.util.Map;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/**
 * Another service did not give a usable answer: it answered an unexpected HTTP status, or nothing at all (timeout,
 * connection refused, open circuit breaker). Answered as 503 {@code downstream-unavailable} with
 * {@code Retry-After} (seconds) by the common problem mapper, unless the caller catches it to undo its work first
 * or to map a status it expects (e.g. 409) to a problem of its own. Carries no personal data.
 */
public class DownstreamException extends ProblemException {

    /** The {@code Retry-After} of the 503, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final String service;
    private final int status;
    private final String body;

    /**
     * @param service the service called, e.g. {@code numberseries-service}
     * @param status  the HTTP status it answered, 0 when it did not answer
     * @param body    the start of its answer's body (a problem+json of ours), or null; never shown to the caller
     */
    public DownstreamException(String service, int status, String body) {
        super(Problem.of(503, "downstream-unavailable", "A required service is unavailable",
                        service + (status == 0 ? " did not answer" : " answered HTTP " + status) + "; nothing was changed, try again",
                        null, null),
                Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
        this.service = service;
        this.status = status;
        this.body = body;
    }

    /** The service called. */
    public String service() {
        return service;
    }

    /** The HTTP status it answered; 0 when it did not answer. */
    public int status() {
        return status;
    }

    /** The start of the answer's body, or null (for reading a problem's {@code field} or {@code reason}). */
    public String body() {
        return body;
    }
}
