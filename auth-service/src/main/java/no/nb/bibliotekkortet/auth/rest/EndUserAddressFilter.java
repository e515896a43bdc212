package no.nb.bibliotekkortet.auth.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import no.nb.bibliotekkortet.auth.service.EndUser;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemResponses;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.ClientEntry;
import no.nb.bibliotekkortet.common.security.ClientKind;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reads {@value #HEADER}: a partner or the self-service site names the end user it acts for by the address its own
 * front end saw (an IPv4 or IPv6 address literal, no port, no host name), so that the guessing budget limits each
 * end user on their own (docs/security.md "Guessing budget"). IPv6 addresses count by their /64 prefix, the
 * smallest block an end user is usually given.
 *
 * <p>400 {@code invalid-request} (field {@value #HEADER}) when it is not one address literal, or when it comes from a
 * client of another kind (only {@link ClientKind#PARTNER} and {@link ClientKind#WEB_SITE} act for end users; a
 * library system or door verifies at its own desk or door). The header is never logged.
 */
public class EndUserAddressFilter {

    /** The header name (documented in docs/security.md and the OpenAPI description of the verifications). */
    public static final String HEADER = "End-User-Address";

    private static final Set<ClientKind> MAY_SET = Set.of(ClientKind.PARTNER, ClientKind.WEB_SITE);
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    @Inject
    Caller caller;

    @Inject
    EndUser endUser;

    @ServerRequestFilter
    public Response read(ContainerRequestContext request) {
        List<String> values = request.getHeaders().get(HEADER);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            return refused("exactly one address", "Send one " + HEADER + " header");
        }
        Optional<ClientEntry> client = caller.client();
        if (client.isEmpty() || !MAY_SET.contains(client.get().kind())) {
            return refused("only partners and the self-service site",
                    "Only partners and the self-service site pass their end user's address");
        }
        Optional<String> address = normalise(values.get(0).trim());
        if (address.isEmpty()) {
            return refused("an IPv4 or IPv6 address literal", HEADER + " must be one IP address");
        }
        EndUser.set(endUser, address.get());
        return null;
    }

    /**
     * @return the IPv4 address as given, or the IPv6 address's /64 prefix ({@code 2001:db8:0:1::/64}); empty for
     *         anything else (never resolved as a host name)
     */
    static Optional<String> normalise(String value) {
        if (IPV4.matcher(value).matches()) {
            return Optional.of(value);
        }
        if (!value.contains(":") || !IPV6.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = InetAddress.getByName(value).getAddress(); // a literal: no lookup
            if (bytes.length == 4) {
                return Optional.of(InetAddress.getByAddress(bytes).getHostAddress());
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return Optional.of(prefix + ":/64");
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Response refused(String rule, String detail) {
        return ProblemResponses.of(Problem.of(400, "invalid-request", "The request is malformed", detail, HEADER, rule));
    }
}
