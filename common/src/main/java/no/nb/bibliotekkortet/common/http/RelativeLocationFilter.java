package no.nb.bibliotekkortet.common.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.util.Objects;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Sends every {@code Location} of the service's own resources as an absolute path ({@code /api/v1/patrons/N000106188}),
 * a relative reference RFC 9110 §10.2.2 allows. JAX-RS resolves {@code Response.created(URI)} against the request's
 * {@code Host}, which behind a gateway is not the address the client called (the local nginx passed
 * {@code localhost} without its port, so clients got {@code http://localhost/...}; in production TLS ends at the
 * gateway, so the scheme would be wrong too). A location on another host (e.g. an identity provider) is left as it is.
 */
public class RelativeLocationFilter {

    @ServerResponseFilter
    public void relative(ContainerRequestContext request, ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        URI uri = location instanceof URI u ? u : location instanceof String s ? URI.create(s) : null;
        if (uri == null || !uri.isAbsolute()) {
            return;
        }
        URI base = request.getUriInfo().getBaseUri();
        if (Objects.equals(uri.getScheme(), base.getScheme())
                && Objects.equals(uri.getRawAuthority(), base.getRawAuthority())) {
            String query = uri.getRawQuery();
            response.getHeaders().putSingle(HttpHeaders.LOCATION,
                    uri.getRawPath() + (query == null ? "" : "?" + query));
        }
    }
}
