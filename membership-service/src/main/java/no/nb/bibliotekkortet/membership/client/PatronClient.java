package no.nb.bibliotekkortet.membership.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import no.nb.bibliotekkortet.common.client.DownstreamException;
import no.nb.bibliotekkortet.common.client.RemoteCall;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * patron-service as membership-service calls it (docs/architecture.md, "A call to another service"): finds the
 * patron id behind a card number or an identity number (R8, R10) through {@code POST /internal/v1/patrons/resolve}
 * with membership-service's service token. 404 → empty; any other answer, a timeout or an open circuit →
 * {@link DownstreamException} (503 {@code downstream-unavailable} with {@code Retry-After}). Timeout, retry and
 * circuit breaker are set in application.properties ({@code no.nb.bibliotekkortet.membership.client.PatronClient/...}).
 * The identity number travels in the POST body only and is never logged.
 */
@ApplicationScoped
@Timeout
@Retry
@CircuitBreaker
public class PatronClient {

    static final String SERVICE = "patron-service";

    private final PatronRestClient api;

    public PatronClient(@RestClient PatronRestClient api) {
        this.api = api;
    }

    /** The patron id of the patron holding {@code cardNumber}; empty when patron-service knows no such card. */
    @Fallback(fallbackMethod = "noAnswer", applyOn = FaultToleranceException.class)
    public Optional<String> byCardNumber(String cardNumber) {
        return resolve(new PatronRestClient.ResolveRequest(cardNumber, null));
    }

    /** The patron id of the person with this identity number (sent in the POST body only); empty when not registered. */
    @Fallback(fallbackMethod = "noAnswer", applyOn = FaultToleranceException.class)
    public Optional<String> byIdentityNumber(String identityNumber) {
        return resolve(new PatronRestClient.ResolveRequest(null, identityNumber));
    }

    Optional<String> noAnswer(String ignored) {
        throw new DownstreamException(SERVICE, 0, null);
    }

    private Optional<String> resolve(PatronRestClient.ResolveRequest request) {
        Optional<PatronRestClient.Resolved> found = RemoteCall.call(SERVICE, () -> api.resolve(request));
        if (found.isPresent() && (found.get().patronId() == null || found.get().patronId().isBlank())) {
            throw new DownstreamException(SERVICE, 200, null);
        }
        return found.map(PatronRestClient.Resolved::patronId);
    }
}
