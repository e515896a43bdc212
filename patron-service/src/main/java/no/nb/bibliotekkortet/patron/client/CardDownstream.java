package no.nb.bibliotekkortet.patron.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Calls made by card operations: retiring numbers at numberseries (R1, R14) and merging memberships
 * at membership-service (R13). Timeouts are the REST clients' ({@code quarkus.rest-client.numberseries/membership.*});
 * any failure becomes a {@link DownstreamException} (the caller rolls back and answers 503).
 */
@ApplicationScoped
public class CardDownstream {

    private static final Logger LOG = Logger.getLogger(CardDownstream.class);

    private final CardNumbersApi.Retirements retirements;
    private final CardNumbersApi.Merges merges;

    public CardDownstream(@RestClient CardNumbersApi.Retirements retirements, @RestClient CardNumbersApi.Merges merges) {
        this.retirements = retirements;
        this.merges = merges;
    }

    /**
     * Retires card numbers for good (never issued again), idempotent at numberseries.
     *
     * @param cardNumbers 1..1000 numbers, {@code N} + 9 digits
     * @throws DownstreamException on any failure (4xx included: the numbers are ours, so a refusal is a fault)
     */
    public void retire(List<String> cardNumbers) {
        if (cardNumbers.isEmpty()) {
            return;
        }
        try {
            retirements.retire(new ArrayList<>(cardNumbers));
        } catch (WebApplicationException e) {
            throw failure("numberseries-service", e.getResponse().getStatus());
        } catch (ProcessingException e) {
            throw failure("numberseries-service", 0);
        }
    }

    /**
     * Moves b's memberships to a (a's home wins).
     *
     * @return a's memberships afterwards as membership-service lists them
     * @throws DownstreamException on any failure
     */
    public JsonNode mergeMemberships(UUID a, UUID b) {
        try {
            return merges.merge(a.toString(), b.toString());
        } catch (WebApplicationException e) {
            throw failure("membership-service", e.getResponse().getStatus());
        } catch (ProcessingException e) {
            throw failure("membership-service", 0);
        }
    }

    private static DownstreamException failure(String service, int status) {
        String detail = status == 0 ? "unreachable or timed out" : "answered HTTP " + status;
        LOG.warnf("Card operation call to %s failed: %s", service, detail);
        return new DownstreamException(service, detail, null);
    }
}
