package no.nb.bibliotekkortet.patron.client;

/** A service called during a registration failed (5xx, timeout, connection refused); the caller undoes its work. */
public class DownstreamException extends RuntimeException {

    private final String service;

    public DownstreamException(String service, String detail, Throwable cause) {
        super(service + ": " + detail, cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
