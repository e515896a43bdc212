package no.nb.bibliotekkortet.common.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.common.json.TextHygieneModule;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemResponses;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The path and query of every request are checked before routing, like the text of request bodies
 * ({@link TextHygieneModule}): a decoded path segment or query value with a control character (e.g. {@code %00},
 * which PostgreSQL refuses), a bidirectional override or a zero-width character is answered 400 naming the parameter,
 * instead of reaching a query. A malformed percent-escape is answered 400 too.
 */
public class RequestHygieneFilter {

    @ServerRequestFilter(preMatching = true, priority = 5)
    public Response check(ContainerRequestContext request) {
        String path;
        Map<String, List<String>> query;
        try {
            path = request.getUriInfo().getPath(true);
            query = request.getUriInfo().getQueryParameters(true);
        } catch (IllegalArgumentException malformedEscape) {
            return refused("path", "well-formed percent-encoding (RFC 3986)",
                    "The request's path or query has a malformed percent-escape");
        }
        if (TextHygieneModule.firstRefused(path, false) >= 0) {
            return refused("path", TextHygieneModule.RULE, "The request's path holds a character the register refuses");
        }
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            boolean bad = TextHygieneModule.firstRefused(name, false) >= 0;
            for (String value : parameter.getValue()) {
                bad |= TextHygieneModule.firstRefused(value, false) >= 0;
            }
            if (bad) {
                String field = TextHygieneModule.firstRefused(name, false) >= 0 ? "query" : name;
                return refused(field, TextHygieneModule.RULE,
                        "The query parameter '" + field + "' holds a character the register refuses");
            }
        }
        return null;
    }

    private static Response refused(String field, String rule, String detail) {
        return ProblemResponses.of(Problem.of(400, "invalid-request", "The request is malformed", detail, field, rule));
    }
}
