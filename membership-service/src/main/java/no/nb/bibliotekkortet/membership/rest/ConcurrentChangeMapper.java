package no.nb.bibliotekkortet.membership.rest;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemResponses;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Two requests racing to create the same membership (or two home libraries) hit the PostgreSQL unique
 * constraints; the loser gets 409 {@code concurrent-change} and may retry, never a 500. Other persistence
 * errors stay a plain 500 problem without details.
 */
public class ConcurrentChangeMapper {

    private static final Logger LOG = Logger.getLogger(ConcurrentChangeMapper.class);

    @ServerExceptionMapper
    public Response persistence(PersistenceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException) {
                return ProblemResponses.of(Problem.of(409, "concurrent-change", "Concurrent change",
                        "Another request changed the same data at the same time; retry the request", null, null));
            }
        }
        LOG.errorf("Persistence error: %s", e.getClass().getName());
        return ProblemResponses.of(Problem.of(500, "internal-error", "Internal error", "The request could not be completed", null, null));
    }
}
