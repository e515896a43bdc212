package no.nb.bibliotekkortet.patron.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import no.nb.bibliotekkortet.common.client.DownstreamException;
import no.nb.bibliotekkortet.common.client.RemoteCall;
import no.nb.bibliotekkortet.patron.domain.MembershipMode;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * membership-service as patron-service calls it (docs/architecture.md, "A call to another service"): the
 * library directory (R10), the home membership of a registration (R8, R9, R10), the merge of two accounts'
 * memberships (R13). 404 → empty; any other failure, a timeout or an open circuit → {@link DownstreamException}
 * (503 {@code downstream-unavailable} with {@code Retry-After}). Timeout, retry (the directory read only) and
 * circuit breaker are set in application.properties ({@code no.nb.bibliotekkortet.patron.client.MembershipClient/...}).
 */
@ApplicationScoped
@Timeout
@CircuitBreaker
public class MembershipClient {

    static final String SERVICE = "membership-service";

    /** A library's directory entry as patron-service needs it: name and activation mode (IN_PERSON/DIGITAL). */
    public record Library(String libraryNumber, String name, String activationMode) {
        /** True when the patron may accept the library's rules digitally (R10). */
        public boolean digital() {
            return "DIGITAL".equals(activationMode);
        }
    }

    /** A membership as membership-service reports it: library, state, whether it is the home membership, version. */
    public record Membership(String libraryNumber, String state, boolean home, long version) {
    }

    private final MembershipRestClient api;

    public MembershipClient(@RestClient MembershipRestClient api) {
        this.api = api;
    }

    /**
     * The library's directory entry ({@code GET /internal/v1/libraries/{n}}); a missing name reads as the number,
     * a missing activation mode as IN_PERSON.
     *
     * @return empty when membership-service does not know the library
     * @throws DownstreamException on any other failure
     */
    @Retry(abortOn = CircuitBreakerOpenException.class)
    @Fallback(fallbackMethod = "noLibrary", applyOn = FaultToleranceException.class)
    public Optional<Library> library(String libraryNumber) {
        return RemoteCall.call(SERVICE, () -> api.library(libraryNumber)).map(l -> new Library(libraryNumber,
                l.name() != null ? l.name() : libraryNumber, l.activationMode() != null ? l.activationMode() : "IN_PERSON"));
    }

    /**
     * Creates the patron's home membership (R8): {@code IN_PERSON} for staff registrations and links (ACTIVE),
     * {@code SELF_REGISTERED} for ID-porten self-registrations and children (ACTIVE with DIGITAL acceptance at
     * DIGITAL libraries, PENDING_ACTIVATION at IN_PERSON libraries; R9, R10).
     *
     * @return the membership as membership-service reports it, its state decided there (version 0 when it gives none)
     * @throws DownstreamException on any failure (a 404 included) or an answer without a state
     */
    @Fallback(fallbackMethod = "noMembership", applyOn = FaultToleranceException.class)
    public Membership createHomeMembership(UUID patronId, String libraryNumber, MembershipMode mode) {
        MembershipRestClient.Membership m = RemoteCall.call(SERVICE, () -> api.create(
                        new MembershipRestClient.CreateMembership(patronId.toString(), libraryNumber, mode.name())))
                .orElseThrow(() -> new DownstreamException(SERVICE, 404, null));
        if (m.state() == null) {
            throw new DownstreamException(SERVICE, 200, null);
        }
        return new Membership(libraryNumber, m.state(), true, m.version() != null ? m.version() : 0);
    }

    /**
     * Moves b's memberships to a (a's home wins; R13).
     *
     * @return a's memberships afterwards (a missing state reads as ACTIVE)
     * @throws DownstreamException on any failure (a 404 included)
     */
    @Fallback(fallbackMethod = "noMerge", applyOn = FaultToleranceException.class)
    public List<Membership> mergeMemberships(UUID a, UUID b) {
        return RemoteCall.call(SERVICE, () -> api.merge(a.toString(), b.toString()))
                .orElseThrow(() -> new DownstreamException(SERVICE, 404, null)).stream()
                .filter(m -> m.libraryNumber() != null)
                .map(m -> new Membership(m.libraryNumber(), m.state() != null ? m.state() : "ACTIVE",
                        Boolean.TRUE.equals(m.home()), m.version() != null ? m.version() : 0))
                .toList();
    }

    /**
     * How much membership-service still holds about these people (by patron id and identity hash; R20, R21).
     *
     * @throws DownstreamException on any failure or an answer without a count
     */
    @Fallback(fallbackMethod = "noCount", applyOn = FaultToleranceException.class)
    public long held(List<ErasureVerification.Item> items) {
        return ErasureVerification.count(SERVICE, RemoteCall.call(SERVICE, () -> api.verifyErasure(items)));
    }

    long noCount(List<ErasureVerification.Item> items) {
        throw new DownstreamException(SERVICE, 0, null);
    }

    Optional<Library> noLibrary(String libraryNumber) {
        throw new DownstreamException(SERVICE, 0, null);
    }

    Membership noMembership(UUID patronId, String libraryNumber, MembershipMode mode) {
        throw new DownstreamException(SERVICE, 0, null);
    }

    List<Membership> noMerge(UUID a, UUID b) {
        throw new DownstreamException(SERVICE, 0, null);
    }
}
