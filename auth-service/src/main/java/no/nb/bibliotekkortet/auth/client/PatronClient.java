package no.nb.bibliotekkortet.auth.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import no.nb.bibliotekkortet.common.client.DownstreamException;
import no.nb.bibliotekkortet.common.client.RemoteCall;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * patron-service as auth-service calls it (docs/architecture.md, "A call to another service"): who holds a card
 * number (R1, R15), who a citizen is (R16), which channels a patron can be reached on. 404 → empty; any other
 * answer, a timeout or an open circuit → {@link DownstreamException} (503 {@code downstream-unavailable} with
 * {@code Retry-After}). Timeout, retry and circuit breaker are set in application.properties
 * ({@code no.nb.bibliotekkortet.auth.client.PatronClient/...}). Identity numbers travel in POST bodies only and
 * nothing personal is logged.
 */
@ApplicationScoped
@Timeout
@Retry(abortOn = CircuitBreakerOpenException.class)
@CircuitBreaker
public class PatronClient {

    static final String SERVICE = "patron-service";

    private final PatronRestClient api;

    public PatronClient(@RestClient PatronRestClient api) {
        this.api = api;
    }

    /**
     * Resolves a card number.
     *
     * @param cardNumber {@code N} + 9 digits
     * @return the patron (with {@code cardState} ACTIVE or RETIRED), or empty for an unknown card
     * @throws DownstreamException when patron-service does not answer usefully
     */
    @Fallback(fallbackMethod = "noAnswer", applyOn = FaultToleranceException.class)
    public Optional<ResolvedPatron> resolve(String cardNumber) {
        return RemoteCall.call(SERVICE, () -> api.resolve(new PatronRestClient.ResolveRequest(cardNumber, null)))
                .map(PatronClient::patron);
    }

    /**
     * Resolves a citizen's identity number (from an ID-porten token); the number travels only in the POST body.
     *
     * @return the patron (no {@code cardState}), or empty when nobody is registered with that number
     * @throws DownstreamException when patron-service does not answer usefully
     */
    @Fallback(fallbackMethod = "noAnswer", applyOn = FaultToleranceException.class)
    public Optional<ResolvedPatron> resolveIdentity(String identityNumber) {
        return RemoteCall.call(SERVICE, () -> api.resolve(new PatronRestClient.ResolveRequest(null, identityNumber)))
                .map(r -> new ResolvedPatron(r.patronId(), r.state(), r.birthDate(), r.birthDateSource(), null))
                .map(PatronClient::checked);
    }

    /**
     * Which channels a patron can be reached on (the addresses themselves are not kept).
     *
     * @return the channels, or empty for an unknown patron
     * @throws DownstreamException when patron-service does not answer usefully
     */
    @Fallback(fallbackMethod = "noContact", applyOn = FaultToleranceException.class)
    public Optional<ContactChannels> contact(String patronId) {
        return RemoteCall.call(SERVICE, () -> api.contact(patronId)).map(c -> new ContactChannels(
                c.email() != null && !c.email().isBlank(), c.phone() != null && !c.phone().isBlank(), c.preferredChannel()));
    }

    Optional<ResolvedPatron> noAnswer(String ignored) {
        throw new DownstreamException(SERVICE, 0, null);
    }

    Optional<ContactChannels> noContact(String ignored) {
        throw new DownstreamException(SERVICE, 0, null);
    }

    private static ResolvedPatron patron(PatronRestClient.Resolved r) {
        return checked(new ResolvedPatron(r.patronId(), r.state(), r.birthDate(), r.birthDateSource(), r.cardState()));
    }

    private static ResolvedPatron checked(ResolvedPatron p) {
        if (p.patronId() == null || p.patronId().isBlank()) {
            throw new DownstreamException(SERVICE, 200, null);
        }
        return p;
    }
}
