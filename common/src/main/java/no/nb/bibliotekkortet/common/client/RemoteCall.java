package no.nb.bibliotekkortet.common.client;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one way a typed REST client's answer is read (docs/architecture.md, "A call to another service"): the value
 * of a 2xx answer; {@code Optional.empty()} for 404 (the thing is not there); any other answer, and no answer
 * (timeout, connection refused, open circuit), a {@link DownstreamException}. Logs name the service and the
 * status only, never a request or answer body.
 */
public final class RemoteCall {

    private static final Logger LOG = Logger.getLogger(RemoteCall.class);
    /** How much of a failed answer's body is kept on the exception (characters). */
    private static final int BODY_LIMIT = 2000;

    private RemoteCall() {
    }

    /**
     * Makes one call.
     *
     * @param service the service called, for the exception and the log
     * @param call    the REST client method call; a null result reads as empty
     * @throws DownstreamException for an answer other than 2xx or 404, or none
     */
    public static <T> Optional<T> call(String service, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (WebApplicationException e) {
            Response response = e.getResponse();
            int status = response == null ? 0 : response.getStatus();
            if (status == 404) {
                return Optional.empty();
            }
            LOG.warnf("Call to %s failed: HTTP %d", service, status);
            throw new DownstreamException(service, status, body(response));
        } catch (DownstreamException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("Call to %s failed: %s", service, e.getClass().getSimpleName());
            throw new DownstreamException(service, 0, null);
        }
    }

    /** As {@link #call}, for a call whose answer has no body of interest (a 404 is a failure here too). */
    public static void run(String service, Runnable call) {
        if (call(service, () -> {
            call.run();
            return Boolean.TRUE;
        }).isEmpty()) {
            throw new DownstreamException(service, 404, null);
        }
    }

    private static String body(Response response) {
        if (response == null || !response.hasEntity()) {
            return null;
        }
        try {
            String body = response.readEntity(String.class);
            return body == null || body.length() <= BODY_LIMIT ? body : body.substring(0, BODY_LIMIT);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
