package no.nb.bibliotekkortet.patron.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which webhook URLs and addresses the register will POST to (R15, push; ARCHITECTURE.md security): the
 * register must never be made to call into its own network (SSRF). Plain rules, no I/O: name resolution is done
 * by the caller, which then checks every resolved address here and connects to a checked address only (never
 * resolving the name again).
 *
 * <p>Refused always: the unspecified address (0.0.0.0/8, ::) and multicast (224.0.0.0/4, ff00::/8, broadcast).
 * Refused unless {@code allowPrivate} (only in tests): loopback (127.0.0.0/8, ::1), link-local (169.254.0.0/16,
 * fe80::/10), private (10/8, 172.16/12, 192.168/16, fc00::/7, old site-local fec0::/10), shared address space
 * (100.64.0.0/10), and IPv6 forms embedding such an IPv4 address (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::/96).
 */
public final class WebhookAddresses {

    /** Longest URL accepted (characters). */
    public static final int MAX_URL_LENGTH = 2000;

    private WebhookAddresses() {
    }

    /** A URL that passed the form rules: scheme, host (lower case), port (default 443/80) and path with query. */
    public record Target(URI uri, boolean https, String host, int port, String pathAndQuery) {
    }

    /**
     * Checks the form of a webhook URL.
     *
     * @param allowHttp whether {@code http} is accepted (config {@code register.webhooks.allow-http}, dev/test only)
     * @return the target, or a refusal reason: {@code malformed} (not an absolute URL with a host, user info,
     *         fragment, too long), {@code https-required}
     */
    public static Result<Target> parse(String url, boolean allowHttp) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            return Result.refused("malformed");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Result.refused("malformed");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Result.refused("malformed");
        }
        if (scheme.equals("http") && !allowHttp) {
            return Result.refused("https-required");
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return Result.ok(new Target(uri, https, host, port, path));
    }

    /**
     * Checks every address a host name resolved to; all must be allowed (a name resolving to one public and one
     * private address is refused, since either could be used).
     *
     * @return the first address (the one to connect to), or refusal {@code address-not-allowed} (also for none)
     */
    public static Result<InetAddress> choose(List<InetAddress> resolved, boolean allowPrivate) {
        if (resolved == null || resolved.isEmpty()) {
            return Result.refused("address-not-allowed");
        }
        for (InetAddress a : resolved) {
            if (!allowed(a, allowPrivate)) {
                return Result.refused("address-not-allowed");
            }
        }
        return Result.ok(resolved.get(0));
    }

    /** True when the register may connect to {@code a} (see the class comment). */
    public static boolean allowed(InetAddress a, boolean allowPrivate) {
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            Optional<byte[]> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return allowedIpv4(embedded.get(), allowPrivate);
            }
            if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
                return false;
            }
            if (allowPrivate) {
                return true;
            }
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;               // fc00::/7
            return !(a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || uniqueLocal);
        }
        return a instanceof Inet4Address && allowedIpv4(b, allowPrivate);
    }

    private static boolean allowedIpv4(byte[] b, boolean allowPrivate) {
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        if (o0 == 0 || o0 >= 224) {                                     // 0/8, multicast 224/4, reserved 240/4, broadcast
            return false;
        }
        if (allowPrivate) {
            return true;
        }
        return !(o0 == 127                                              // loopback
                || o0 == 10                                             // RFC 1918
                || (o0 == 172 && o1 >= 16 && o1 <= 31)
                || (o0 == 192 && o1 == 168)
                || (o0 == 169 && o1 == 254)                             // link-local (cloud metadata)
                || (o0 == 100 && o1 >= 64 && o1 <= 127));               // shared address space (RFC 6598)
    }

    /** The IPv4 address inside ::ffff:a.b.c.d, ::a.b.c.d (not :: and ::1) and 64:ff9b::a.b.c.d. */
    private static Optional<byte[]> embeddedIpv4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (mapped || compatible || nat64) {
            return Optional.of(new byte[] {b[12], b[13], b[14], b[15]});
        }
        return Optional.empty();
    }

    /** An accepted value or the reason for a refusal. */
    public record Result<T>(T value, String refusal) {
        static <T> Result<T> ok(T value) {
            return new Result<>(value, null);
        }

        static <T> Result<T> refused(String reason) {
            return new Result<>(null, reason);
        }

        /** True when accepted. */
        public boolean ok() {
            return refusal == null;
        }
    }
}
