package no.nb.bibliotekkortet.common.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemResponses;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request acts for one library: more than one {@code Library-Number} header (or one with several
 * comma-separated values) is refused with 400 naming the header, instead of silently acting for the first.
 */
public class LibraryHeaderFilter {

    @ServerRequestFilter(preMatching = true, priority = 20)
    public Response oneLibrary(ContainerRequestContext request) {
        List<String> values = request.getHeaders().get(LibraryAccess.HEADER);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1 || values.get(0).contains(",")) {
            return ProblemResponses.of(Problem.of(400, "invalid-request", "The request is malformed",
                    "A request acts for exactly one library: send one " + LibraryAccess.HEADER + " header",
                    LibraryAccess.HEADER, "exactly one library number"));
        }
        return null;
    }
}
