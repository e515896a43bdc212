package no.nb.bibliotekkortet.patron.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import no.nb.bibliotekkortet.common.client.DownstreamException;
import no.nb.bibliotekkortet.common.client.RemoteCall;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * notification-service as patron-service calls it synchronously (docs/architecture.md, "A call to another
 * service"): the erasure check (R20, R21). Any failure, a timeout or an open circuit → {@link DownstreamException}
 * (503 {@code downstream-unavailable} with {@code Retry-After}). Timeout and circuit breaker are set in
 * application.properties ({@code no.nb.bibliotekkortet.patron.client.NotificationClient/...}).
 */
@ApplicationScoped
@Timeout
@CircuitBreaker
public class NotificationClient {

    static final String SERVICE = "notification-service";

    private final NotificationRestClient api;

    public NotificationClient(@RestClient NotificationRestClient api) {
        this.api = api;
    }

    /**
     * How many items notification-service still holds about these people (by patron id, identity hash, e-mail, phone).
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
}
