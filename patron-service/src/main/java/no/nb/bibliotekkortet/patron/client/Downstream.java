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
 * The calls patron-service makes to numberseries, membership and auth (registrations, one-time codes). Owns error mapping (409/422 from
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
     * @throws ProblemException 422 when outside the library's series or refused as input (400/404/422 from
     *                          numberseries); 409 when the number is taken
     * @throws DownstreamException on any other failure
     */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = ProblemException.class)
    public void issue(String cardNumber, String libraryNumber, String requestId) {
        try {
            numberSeries.issue(cardNumber, new NumberSeriesApi.IssueBody(libraryNumber, requestId));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            // A number numberseries refuses (outside the library's series or the number space, or not a number it
            // can read) can never be issued: the client's 422, never a retryable 503.
            if (status == 422 || status == 400 || status == 404) {
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

    /** A library's directory entry as a registration needs it: name and activation mode (IN_PERSON/DIGITAL). */
    public record LibraryInfo(String libraryNumber, String name, String activationMode) {
        /** True when the patron may accept the library's rules digitally (R10). */
        public boolean digital() {
            return "DIGITAL".equals(activationMode);
        }
    }

    /** The membership a registration created: its state (ACTIVE or PENDING_ACTIVATION) and version. */
    public record CreatedMembership(String state, long version) {
    }

    /**
     * The library's directory entry ({@code GET /internal/v1/libraries/{n}}).
     *
     * @param field the request field that named the library, for the 422
     * @throws ProblemException 422 {@code unknown-library} naming {@code field} when membership-service does not know it
     * @throws DownstreamException on any other failure
     */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = ProblemException.class)
    public LibraryInfo library(String libraryNumber, String field) {
        try {
            JsonNode answer = membership.library(libraryNumber);
            String name = answer == null ? null : answer.path("name").asText(null);
            String mode = answer == null ? null : answer.path("activationMode").asText(null);
            return new LibraryInfo(libraryNumber, name != null ? name : libraryNumber, mode != null ? mode : "IN_PERSON");
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404) {
                throw ProblemException.unprocessable("unknown-library", "Unknown library",
                        "No library with number " + libraryNumber + " is in the directory", field, "existing library");
            }
            throw failure("membership-service", status, e);
        } catch (ProcessingException e) {
            throw failure("membership-service", 0, e);
        }
    }

    /**
     * Creates the registration's home membership (R8): {@code IN_PERSON} for staff registrations (ACTIVE),
     * {@code SELF_REGISTERED} for ID-porten self-registrations and children (ACTIVE with DIGITAL acceptance at
     * DIGITAL libraries, PENDING_ACTIVATION at IN_PERSON libraries; R9, R10).
     *
     * @param expectedState the state to assume when membership-service's answer carries none
     * @return state and version as membership-service reports them
     * @throws DownstreamException on failure
     */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = ProblemException.class)
    public CreatedMembership createHomeMembership(UUID patronId, String libraryNumber, String mode, String expectedState) {
        try {
            JsonNode answer = membership.create(new MembershipApi.CreateMembership(patronId.toString(), libraryNumber, mode));
            String state = answer == null ? null : answer.path("state").asText(null);
            return new CreatedMembership(state != null ? state : expectedState,
                    answer == null ? 0 : answer.path("version").asLong(0));
        } catch (WebApplicationException e) {
            throw failure("membership-service", e.getResponse().getStatus(), e);
        } catch (ProcessingException e) {
            throw failure("membership-service", 0, e);
        }
    }

    /**
     * Sets the initial PIN and optional password at auth-service ({@code PUT /internal/v1/patrons/{id}/credentials}).
     *
     * @throws ProblemException 422 (field {@code pin}, or {@code password} when one was sent) when auth-service
     *                          refuses them (trivial PIN, short or common password)
     * @throws DownstreamException on other failures
     */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = ProblemException.class)
    public void setCredentials(UUID patronId, String pin, String password) {
        try {
            auth.setCredentials(patronId, new AuthApi.Credentials(pin, password)).close();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 400 || status == 422) {
                String field = password != null && problemField(e).filter("password"::equals).isPresent() ? "password" : "pin";
                throw ProblemException.unprocessable(field + "-refused", field.equals("pin") ? "PIN refused" : "Password refused",
                        "auth-service refused the initial " + (field.equals("pin") ? "PIN" : "password"), field,
                        "credential rules of auth-service");
            }
            throw failure("auth-service", status, e);
        } catch (ProcessingException e) {
            throw failure("auth-service", 0, e);
        }
    }

    /**
     * Has auth-service consume a one-time code (single use, purpose-bound, R16).
     *
     * @return empty when consumed ({@code 200 {valid: true}}); otherwise the refusal reason auth-service gave
     *         (e.g. {@code INVALID}, {@code EXPIRED}, {@code USED}, {@code WRONG_PURPOSE}; {@code refused} when it gave none)
     * @throws DownstreamException when auth-service fails (5xx, timeout)
     */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = ProblemException.class)
    public java.util.Optional<String> consumeOneTimeCode(String otpId, String code, String purpose, UUID patronId) {
        try {
            JsonNode answer = auth.consume(new AuthApi.Consume(otpId, code, purpose, patronId.toString()));
            if (answer != null && answer.path("valid").asBoolean(false)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(reason(answer));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                throw failure("auth-service", status, e);
            }
            JsonNode body = null;
            try {
                body = e.getResponse().readEntity(JsonNode.class);
            } catch (RuntimeException ignored) {
                // no JSON body: the reason stays generic
            }
            return java.util.Optional.of(reason(body));
        } catch (ProcessingException e) {
            throw failure("auth-service", 0, e);
        }
    }

    private static String reason(JsonNode body) {
        if (body == null) {
            return "refused";
        }
        for (String field : new String[] {"reason", "rule", "type"}) {
            String value = body.path(field).asText(null);
            if (value != null && !value.isBlank()) {
                String v = value.substring(value.lastIndexOf('/') + 1);
                return v.length() > 60 ? v.substring(0, 60) : v;
            }
        }
        return "refused";
    }

    private static java.util.Optional<String> problemField(WebApplicationException e) {
        try {
            JsonNode body = e.getResponse().readEntity(JsonNode.class);
            return java.util.Optional.ofNullable(body == null ? null : body.path("field").asText(null));
        } catch (RuntimeException ex) {
            return java.util.Optional.empty();
        }
    }

    private static DownstreamException failure(String service, int status, Exception cause) {
        String detail = status == 0 ? "unreachable or timed out" : "answered HTTP " + status;
        LOG.warnf("Registration call to %s failed: %s", service, detail);
        return new DownstreamException(service, detail, null);
    }
}
