package no.nb.bibliotekkortet.patron.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The calls a registration makes to numberseries, membership and auth. Owns error mapping (409/422 from
 * numberseries are passed on as problem+json naming {@code cardNumber}; anything else becomes a
 * {@link DownstreamException}); timeouts are the REST clients' ({@code quarkus.rest-client.*.read-timeout});
 * a circuit breaker per call keeps a failing service from tying up registrations. Logs carry no personal data.
 */
@ApplicationScoped
public class Downstream {

    private static final Logger LOG = Logger.getLogger(Downstream.class);

    private final NumberSeriesApi numberSeries;
    private final MembershipApi membership;
    private final AuthApi auth;

    public Downstream(@RestClient NumberSeriesApi numberSeries, @RestClient MembershipApi membership,
                      @RestClient AuthApi auth) {
        this.numberSeries = numberSeries;
        this.membership = membership;
        this.auth = auth;
    }

    /**
     * Issues a printed card number from the library's series (R12).
     *
     * @throws ProblemException 422 when outside the library's series; 409 when the number is taken
     * @throws DownstreamException on any other failure
     */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = ProblemException.class)
    public void issue(String cardNumber, String libraryNumber, String requestId) {
        try {
            numberSeries.issue(cardNumber, new NumberSeriesApi.IssueBody(libraryNumber, requestId));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 422) {
                throw new ProblemException(Problem.of(422, "card-number-outside-series",
                        "Card number outside the library's series",
                        "The card number is not in any series reserved by library " + libraryNumber + " (R12)",
                        "cardNumber", "R12"));
            }
            if (status == 409) {
                throw new ProblemException(Problem.of(409, "card-number-taken", "Card number already issued",
                        "The card number has already been issued or retired", "cardNumber", "unique card number"));
            }
            throw failure("numberseries-service", status, e);
        } catch (ProcessingException e) {
            throw failure("numberseries-service", 0, e);
        }
    }

    /**
     * Allocates a number from the national digital series (R9).
     *
     * @return the card number, {@code N} + 9 digits
     * @throws DownstreamException on failure
     */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = ProblemException.class)
    public String allocateDigital(String requestId) {
        try {
            JsonNode answer = numberSeries.allocateDigital(new NumberSeriesApi.RequestIdBody(requestId));
            String number = answer == null ? null : answer.path("cardNumber").asText(null);
            if (number == null || !number.matches("N\\d{9}")) {
                throw new DownstreamException("numberseries-service", "no card number in answer", null);
            }
            return number;
        } catch (WebApplicationException e) {
            throw failure("numberseries-service", e.getResponse().getStatus(), e);
        } catch (ProcessingException e) {
            throw failure("numberseries-service", 0, e);
        }
    }

    /**
     * Undoes an issue whose registration failed (same request id).
     *
     * @throws DownstreamException when numberseries does not confirm it
     */
    public void release(String cardNumber, String requestId) {
        try {
            numberSeries.release(cardNumber, new NumberSeriesApi.RequestIdBody(requestId));
        } catch (WebApplicationException e) {
            throw failure("numberseries-service", e.getResponse().getStatus(), e);
        } catch (ProcessingException e) {
            throw failure("numberseries-service", 0, e);
        }
    }

    /**
     * Creates the registration's IN_PERSON home membership at the library (R8).
     *
     * @return the membership version membership-service reports (0 when it reports none)
     * @throws DownstreamException on failure
     */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = ProblemException.class)
    public long createHomeMembership(UUID patronId, String libraryNumber, String requestId) {
        try {
            JsonNode answer = membership.create(
                    new MembershipApi.CreateMembership(patronId, libraryNumber, true, "IN_PERSON", requestId));
            return answer == null ? 0 : answer.path("version").asLong(0);
        } catch (WebApplicationException e) {
            throw failure("membership-service", e.getResponse().getStatus(), e);
        } catch (ProcessingException e) {
            throw failure("membership-service", 0, e);
        }
    }

    /**
     * Sets the initial PIN at auth-service.
     *
     * @throws ProblemException 422 (field {@code pin}) when auth-service refuses the PIN
     * @throws DownstreamException on other failures
     */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = ProblemException.class)
    public void setInitialPin(UUID patronId, String pin) {
        try {
            auth.setCredentials(patronId, new AuthApi.Credentials(pin)).close();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 400 || status == 422) {
                throw ProblemException.unprocessable("pin-refused", "PIN refused",
                        "auth-service refused the initial PIN", "pin", "PIN rules of auth-service");
            }
            throw failure("auth-service", status, e);
        } catch (ProcessingException e) {
            throw failure("auth-service", 0, e);
        }
    }

    private static DownstreamException failure(String service, int status, Exception cause) {
        String detail = status == 0 ? "unreachable or timed out" : "answered HTTP " + status;
        LOG.warnf("Registration call to %s failed: %s", service, detail);
        return new DownstreamException(service, detail, null);
    }
}
