package no.nb.bibliotekkortet.membership.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Finds patrons through patron-service's resolve contract, owning the error mapping (timeouts: {@code quarkus.rest-client.patron-service.*-timeout}): 404 →
 * empty; any other failure → 503 {@code patron-service-unavailable}. Never logs the identity number.
 */
@ApplicationScoped
public class PatronDirectory {

    private static final Logger LOG = Logger.getLogger(PatronDirectory.class);

    private final PatronResolveApi api;
    public PatronDirectory(@RestClient PatronResolveApi api) {
        this.api = api;
    }

    /** The patron id of the patron holding {@code cardNumber}; empty when patron-service knows no such card. */
    public Optional<String> byCardNumber(String cardNumber) {
        return resolve(new PatronResolveApi.ResolveRequest(cardNumber, null));
    }

    /** The patron id of the person with this identity number (sent in the POST body only); empty when not registered. */
    public Optional<String> byIdentityNumber(String identityNumber) {
        return resolve(new PatronResolveApi.ResolveRequest(null, identityNumber));
    }

    private Optional<String> resolve(PatronResolveApi.ResolveRequest request) {
        PatronResolveApi.Resolved r;
        try {
            r = api.resolve(request);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            LOG.warnf("Resolving a patron failed: HTTP %d", e.getResponse().getStatus());
            throw unavailable("patron-service could not resolve the patron");
        } catch (RuntimeException e) {
            LOG.warnf("Resolving a patron failed: %s", e.getClass().getSimpleName());
            throw unavailable("patron-service could not be reached");
        }
        if (r == null || r.patronId() == null || r.patronId().isBlank()) {
            throw unavailable("patron-service answered without a patron id");
        }
        return Optional.of(r.patronId());
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(503, "patron-service-unavailable", "Service unavailable", detail, null, null));
    }
}
