package no.nb.bibliotekkortet.notification.client;

import jakarta.enterprise.context.ApplicationScoped;
import no.nb.bibliotekkortet.common.client.DownstreamException;
import no.nb.bibliotekkortet.common.client.RemoteCall;
import no.nb.bibliotekkortet.notification.service.DeliveryException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * patron-service as notification-service calls it (docs/architecture.md, "A call to another service"): a
 * patron's contact data at send time, never cached (contact data may change or be erased). The answer is read
 * through common's {@link RemoteCall}; what a delivery makes of it is a {@link DeliveryException}: permanent when
 * the patron does not exist (404, 410), temporary for any other failure (timeout, 5xx, connection refused, open
 * circuit), so that a slow or failing patron-service makes deliveries wait for their next attempt instead of
 * piling up. Timeout and circuit breaker are set in application.properties
 * ({@code no.nb.bibliotekkortet.notification.client.PatronClient/...}); a missing patron does not count against
 * the breaker. Nothing is retried here: the delivery is retried on its own schedule.
 */
@ApplicationScoped
@Timeout
@CircuitBreaker(skipOn = PatronClient.PermanentContactFailure.class)
public class PatronClient {

    static final String SERVICE = "patron-service";

    private final PatronRestClient api;

    public PatronClient(@RestClient PatronRestClient api) {
        this.api = api;
    }

    /**
     * @param patronId the opaque patron id
     * @return the contact data
     * @throws DeliveryException permanent ({@link PermanentContactFailure}) when the patron does not exist (404,
     *                           410); temporary for any other failure
     */
    @Fallback(fallbackMethod = "noAnswer", applyOn = FaultToleranceException.class)
    public PatronContact contact(String patronId) {
        try {
            return RemoteCall.call(SERVICE, () -> api.contact(patronId))
                    .orElseThrow(() -> new PermanentContactFailure("patron-service: patron not found"));
        } catch (DownstreamException e) {
            if (e.status() == 410) {
                throw new PermanentContactFailure("patron-service: patron not found");
            }
            throw new DeliveryException(false, e.status() == 0 ? "patron-service unreachable" : "patron-service: HTTP " + e.status());
        }
    }

    PatronContact noAnswer(String patronId) {
        throw new DeliveryException(false, "patron-service unreachable");
    }

    /** The patron is gone: no use retrying. */
    public static class PermanentContactFailure extends DeliveryException {
        public PermanentContactFailure(String message) {
            super(true, message);
        }
    }
}
