package no.nb.bibliotekkortet.auth.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
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
        try (Response r = patrons.resolve(Map.of("cardNumber", cardNumber))) {
            return body(r, "patron-service");
        } catch (WebApplicationException e) {
            return notFound(e, "patron-service");
        }
    }

    /** Resolve by identity number (POST body only; the number is never logged or put in a URL). */
    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    Optional<JsonNode> resolveIdentity(String identityNumber) {
        try (Response r = patrons.resolve(Map.of("identityNumber", identityNumber))) {
            return body(r, "patron-service");
        } catch (WebApplicationException e) {
            return notFound(e, "patron-service");
        }
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    Optional<JsonNode> contact(String patronId) {
        try (Response r = patrons.contact(patronId)) {
            return body(r, "patron-service");
        } catch (WebApplicationException e) {
            return notFound(e, "patron-service");
        }
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    Optional<JsonNode> memberships(String patronId) {
        try (Response r = memberships.memberships(patronId)) {
            return body(r, "membership-service");
        } catch (WebApplicationException e) {
            return notFound(e, "membership-service");
        }
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    Optional<JsonNode> library(String libraryNumber) {
        try (Response r = memberships.library(libraryNumber)) {
            return body(r, "membership-service");
        } catch (WebApplicationException e) {
            return notFound(e, "membership-service");
        }
    }

    private static Optional<JsonNode> notFound(WebApplicationException e, String service) {
        if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
            return Optional.empty();
        }
        throw new DependencyFailure(service + " answered " + (e.getResponse() == null ? "?" : e.getResponse().getStatus()));
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
