package no.nb.bibliotekkortet.patron.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import no.nb.bibliotekkortet.common.client.DownstreamException;
import no.nb.bibliotekkortet.common.client.RemoteCall;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * numberseries-service as patron-service calls it (docs/architecture.md, "A call to another service"): printed
 * numbers issued (R12) and released, digital numbers allocated (R9), numbers retired for good (R1, R13, R14).
 * Every answer is read through common's {@link RemoteCall}; a failure is a {@link DownstreamException} (503
 * {@code downstream-unavailable} with {@code Retry-After}), except the refusals of an issue, which are the
 * caller's mistake (422 {@code card-number-outside-series}, 409 {@code card-number-taken}, both naming
 * {@code cardNumber}) and do not count against the circuit breaker. Timeout and circuit breaker are set in
 * application.properties ({@code no.nb.bibliotekkortet.patron.client.NumberSeriesClient/...}); nothing is
 * retried here (these are writes; the callers undo or queue them).
 */
@ApplicationScoped
@Timeout
@CircuitBreaker(failOn = {DownstreamException.class, TimeoutException.class})
public class NumberSeriesClient {

    static final String SERVICE = "numberseries-service";

    private final NumberSeriesRestClient api;

    public NumberSeriesClient(@RestClient NumberSeriesRestClient api) {
        this.api = api;
    }

    /**
     * Issues a printed card number from the library's series (R12).
     *
     * @param cardNumber    {@code N} + 9 digits
     * @param libraryNumber the library registering the card (7 digits)
     * @param requestId     the caller's request id (≤ 100 chars); repeating it is idempotent, {@link #release} undoes it
     * @throws ProblemException    422 {@code card-number-outside-series} when numberseries answers 422, 400 or 404
     *                             (the number is in none of the library's series); 409 {@code card-number-taken}
     * @throws DownstreamException on any other answer or none
     */
    @Fallback(fallbackMethod = "noIssue", applyOn = FaultToleranceException.class)
    public void issue(String cardNumber, String libraryNumber, String requestId) {
        try {
            RemoteCall.run(SERVICE, () -> api.issue(cardNumber, new NumberSeriesRestClient.IssueRequest(libraryNumber, requestId)));
        } catch (DownstreamException e) {
            throw switch (e.status()) {
                case 400, 404, 422 -> new ProblemException(Problem.of(422, "card-number-outside-series",
                        "Card number outside the library's series",
                        "The card number is not in any series reserved by library " + libraryNumber + " (R12)",
                        "cardNumber", "R12"));
                case 409 -> cardNumberTaken();
                default -> e;
            };
        }
    }

    /**
     * The refusal of a printed number that is already issued or retired (R12: no number is issued twice), whether
     * numberseries-service or the patron register knows it: 409 {@code card-number-taken}, field {@code cardNumber}.
     */
    public static ProblemException cardNumberTaken() {
        return new ProblemException(Problem.of(409, "card-number-taken", "Card number already issued",
                "The card number has already been issued or retired", "cardNumber", "unique card number"));
    }

    /**
     * Allocates a number from the national digital series (R9).
     *
     * @param requestId the caller's request id; repeating it answers the same number
     * @return the card number, {@code N} + 9 digits
     * @throws DownstreamException on failure, or an answer without a well-formed number
     */
    @Fallback(fallbackMethod = "noNumber", applyOn = FaultToleranceException.class)
    public String allocateDigital(String requestId) {
        NumberSeriesRestClient.CardNumber answer = RemoteCall.call(SERVICE,
                        () -> api.allocateDigital(new NumberSeriesRestClient.RequestId(requestId)))
                .orElseThrow(() -> new DownstreamException(SERVICE, 404, null));
        if (answer.cardNumber() == null || !answer.cardNumber().matches("N\\d{9}")) {
            throw new DownstreamException(SERVICE, 200, null);
        }
        return answer.cardNumber();
    }

    /**
     * Undoes an issue whose operation failed (same request id).
     *
     * @throws DownstreamException when numberseries does not confirm it (the caller queues it in the outbox)
     */
    @Fallback(fallbackMethod = "noRelease", applyOn = FaultToleranceException.class)
    public void release(String cardNumber, String requestId) {
        RemoteCall.run(SERVICE, () -> api.release(cardNumber, new NumberSeriesRestClient.RequestId(requestId)));
    }

    /**
     * Retires card numbers for good (never issued again); idempotent at numberseries. Does nothing for an empty list.
     *
     * @param cardNumbers 1..1000 numbers, {@code N} + 9 digits
     * @throws DownstreamException on any failure (a 4xx included: the numbers are ours, so a refusal is a fault)
     */
    @Fallback(fallbackMethod = "noRetirement", applyOn = FaultToleranceException.class)
    public void retire(List<String> cardNumbers) {
        if (!cardNumbers.isEmpty()) {
            RemoteCall.run(SERVICE, () -> api.retire(new ArrayList<>(cardNumbers)));
        }
    }

    void noIssue(String cardNumber, String libraryNumber, String requestId) {
        throw new DownstreamException(SERVICE, 0, null);
    }

    String noNumber(String requestId) {
        throw new DownstreamException(SERVICE, 0, null);
    }

    void noRelease(String cardNumber, String requestId) {
        throw new DownstreamException(SERVICE, 0, null);
    }

    void noRetirement(List<String> cardNumbers) {
        throw new DownstreamException(SERVICE, 0, null);
    }
}
