package no.nb.bibliotekkortet.auth.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The raw calls with timeouts and circuit breakers (MicroProfile Fault Tolerance; override per method
 * with {@code <class>/<method>/Timeout/value}). A 404 is an answer (empty), not a failure; any other
 * non-2xx answer throws {@link DependencyFailure} and counts toward opening the circuit.
 */
@ApplicationScoped
public class RemoteCalls {

    /** A dependency answered with an unexpected status. */
    public static class DependencyFailure extends RuntimeException {
        public DependencyFailure(String message) {
            super(message, null, false, false);
        }
    }

    @RestClient
    PatronServiceClient patrons;

    @RestClient
    MembershipServiceClient memberships;

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    Optional<JsonNode> resolve(String cardNumber) {
        return call("patron-service", () -> patrons.resolve(Map.of("cardNumber", cardNumber)));
    }

    /** Resolve by identity number (POST body only; the number is never logged or put in a URL). */
    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    Optional<JsonNode> resolveIdentity(String identityNumber) {
        return call("patron-service", () -> patrons.resolve(Map.of("identityNumber", identityNumber)));
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    Optional<JsonNode> contact(String patronId) {
        return call("patron-service", () -> patrons.contact(patronId));
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    Optional<JsonNode> memberships(String patronId) {
        return call("membership-service", () -> memberships.memberships(patronId));
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    Optional<JsonNode> library(String libraryNumber) {
        return call("membership-service", () -> memberships.library(libraryNumber));
    }

    /**
     * Makes one call: the body of a 2xx answer; empty for 404; otherwise {@link DependencyFailure} (whether the
     * REST client answered with a response or threw for it).
     */
    private static Optional<JsonNode> call(String service, Supplier<Response> call) {
        try (Response r = call.get()) {
            return body(r, service);
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw new DependencyFailure(service + " answered " + (e.getResponse() == null ? "?" : e.getResponse().getStatus()));
        }
    }

    private static Optional<JsonNode> body(Response r, String service) {
        if (r.getStatus() == 404) {
            return Optional.empty();
        }
        if (r.getStatus() / 100 != 2) {
            throw new DependencyFailure(service + " answered " + r.getStatus());
        }
        return Optional.of(r.readEntity(JsonNode.class));
    }
}
