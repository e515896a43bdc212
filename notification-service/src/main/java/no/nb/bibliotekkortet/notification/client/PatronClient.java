package no.nb.bibliotekkortet.notification.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ProcessingException;
import no.nb.bibliotekkortet.notification.service.DeliveryException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Fetches a patron's contact data at send time. Owns the call's time limit and a circuit breaker so
 * that a slow or failing patron-service makes deliveries wait for their next attempt instead of piling
 * up; the answer is never cached (contact data may change or be erased).
 */
@ApplicationScoped
public class PatronContacts {

    private final PatronContactClient client;

    public PatronContacts(@RestClient PatronContactClient client) {
        this.client = client;
    }

    /**
     * @param patronId the opaque patron id
     * @return the contact data
     * @throws DeliveryException permanent when the patron does not exist (404); temporary for any other
     *                           failure (timeout, 5xx, connection refused, open circuit)
     */
    @Timeout(value = 10_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 10_000, skipOn = PermanentContactFailure.class)
    public PatronContact contact(String patronId) {
        try {
            return client.contact(patronId);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404 || status == 410) {
                throw new PermanentContactFailure("patron-service: patron not found");
            }
            throw new DeliveryException(false, "patron-service: HTTP " + status);
        } catch (ProcessingException e) {
            throw new DeliveryException(false, "patron-service unreachable: " + e.getClass().getSimpleName());
        }
    }

    /** The patron is gone: no use retrying. */
    public static class PermanentContactFailure extends DeliveryException {
        public PermanentContactFailure(String message) {
            super(true, message);
        }
    }
}
