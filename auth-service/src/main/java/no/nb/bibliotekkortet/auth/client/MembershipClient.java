package no.nb.bibliotekkortet.auth.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
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
 * membership-service as auth-service calls it (docs/architecture.md, "A call to another service"): a patron's
 * memberships (R2, R11, R15) and a library's directory entry (login levels R17, partner services R11, unstaffed
 * minimum age R2). 404 → empty; any other answer, a timeout or an open circuit → {@link DownstreamException}
 * (503 {@code downstream-unavailable} with {@code Retry-After}). Timeout, retry and circuit breaker are set in
 * application.properties ({@code no.nb.bibliotekkortet.auth.client.MembershipClient/...}).
 */
@ApplicationScoped
@Timeout
@Retry(abortOn = CircuitBreakerOpenException.class)
@CircuitBreaker
public class MembershipClient {

    static final String SERVICE = "membership-service";

    private final MembershipRestClient api;

    public MembershipClient(@RestClient MembershipRestClient api) {
        this.api = api;
    }

    /**
     * The memberships of a patron.
     *
     * @return the memberships; empty when membership-service knows none (or the patron)
     * @throws DownstreamException when membership-service does not answer usefully
     */
    @Fallback(fallbackMethod = "noMemberships", applyOn = FaultToleranceException.class)
    public List<Membership> memberships(String patronId) {
        return RemoteCall.call(SERVICE, () -> api.memberships(patronId)).orElse(List.of()).stream()
                .map(m -> new Membership(m.libraryNumber(), m.state(), Boolean.TRUE.equals(m.home())))
                .toList();
    }

    /**
     * The directory entry of a library.
     *
     * @return the entry, or empty for an unknown library
     * @throws DownstreamException when membership-service does not answer usefully
     */
    @Fallback(fallbackMethod = "noLibrary", applyOn = FaultToleranceException.class)
    public Optional<LibraryEntry> library(String libraryNumber) {
        return RemoteCall.call(SERVICE, () -> api.library(libraryNumber)).map(l -> new LibraryEntry(libraryNumber,
                l.securityLevels(), l.partnerServices(), l.unstaffedMinimumAge()));
    }

    List<Membership> noMemberships(String ignored) {
        throw new DownstreamException(SERVICE, 0, null);
    }

    Optional<LibraryEntry> noLibrary(String ignored) {
        throw new DownstreamException(SERVICE, 0, null);
    }
}
