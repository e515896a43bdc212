package no.nb.bibliotekkortet.patron.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.patron.domain.WebhookAddresses;
import no.nb.bibliotekkortet.patron.domain.WebhookSignatures;
import no.nb.bibliotekkortet.patron.repository.WebhookRepository;
import no.nb.bibliotekkortet.patron.service.IdentityVault;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registration of one webhook per library (R15, push): URL rules (https unless
 * {@code register.webhooks.allow-http}; the host must resolve to allowed addresses only, {@link WebhookAddresses}),
 * the HMAC secret (generated, or the client's own) stored sealed with the identity vault's AES-GCM key.
 */
@ApplicationScoped
public class WebhookService {

    /** A registered webhook; {@code secret} only in the answer to a registration that generated it. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Registered(String libraryNumber, String url, String secret, Instant createdAt, Instant updatedAt,
                             Long pendingDeliveries, Instant oldestPendingSince, String lastError,
                             Instant suspendedAt, String suspendedReason) {
    }

    /** Outcome of a registration: whether it was new. */
    public record Registration(boolean created, Registered webhook) {
    }

    private final WebhookRepository repository;
    private final IdentityVault vault;
    private final Clock clock;
    private final boolean allowHttp;
    private final boolean allowPrivate;

    public WebhookService(WebhookRepository repository, IdentityVault vault, Clock clock,
                          @ConfigProperty(name = "register.webhooks.allow-http", defaultValue = "false") boolean allowHttp,
                          @ConfigProperty(name = "register.webhooks.allow-private-addresses", defaultValue = "false")
                          boolean allowPrivate) {
        this.repository = repository;
        this.vault = vault;
        this.clock = clock;
        this.allowHttp = allowHttp;
        this.allowPrivate = allowPrivate;
    }

    /**
     * Registers or replaces the webhook of {@code libraryNumber}. Pending deliveries stay queued and go to the
     * new URL. Registering a suspended webhook again resumes it (changes from now on are queued again; what
     * happened while it was suspended is in the feed).
     *
     * @param url    absolute https URL (http only where allowed), at most 2 000 characters
     * @param secret the client's own secret (32..128 printable ASCII characters), or null to have one generated
     * @return the webhook; {@code secret} is the generated one (shown only here), absent when the client chose it
     * @throws ProblemException 400 field {@code url} (malformed) or {@code secret}; 422 field {@code url} rule
     *                          {@code https-required}, {@code address-not-allowed} (loopback, private, link-local,
     *                          multicast…) or {@code host-not-resolvable}
     */
    @Transactional
    public Registration register(String libraryNumber, String clientId, String url, String secret) {
        if (url == null) {
            throw ProblemException.badRequest("url", "required", "url is required");
        }
        WebhookAddresses.Result<WebhookAddresses.Target> target = WebhookAddresses.parse(url, allowHttp);
        if (!target.ok()) {
            if ("https-required".equals(target.refusal())) {
                throw ProblemException.unprocessable("webhook-url-refused", "Webhook URL refused",
                        "The webhook URL must use https", "url", "https-required");
            }
            throw ProblemException.badRequest("url", "an absolute http(s) URL with a host, no user info or fragment",
                    "Not an acceptable webhook URL");
        }
        if (secret != null && !WebhookSignatures.acceptableSecret(secret)) {
            throw ProblemException.badRequest("secret", "32..128 printable ASCII characters without spaces",
                    "The secret must be 32 to 128 printable ASCII characters without spaces");
        }
        checkAddresses(target.value().host());
        String used = secret != null ? secret : WebhookSignatures.newSecret();
        IdentityVault.Sealed sealed = vault.seal(used);
        String stored = sealed.keyId() + ":" + Base64.getEncoder().encodeToString(sealed.ciphertext());
        Instant now = Instant.now(clock);
        boolean created = repository.register(libraryNumber, clientId, url, stored, now);
        Registered r = find(libraryNumber).orElseThrow();
        return new Registration(created, new Registered(r.libraryNumber(), r.url(), secret == null ? used : null,
                r.createdAt(), r.updatedAt(), r.pendingDeliveries(), r.oldestPendingSince(), r.lastError(), null, null));
    }

    /**
     * The library's webhook with its delivery backlog (never the secret), if registered; {@code suspendedAt} and
     * {@code suspendedReason} (the last delivery error) while it is suspended.
     */
    @Transactional
    public Optional<Registered> find(String libraryNumber) {
        return repository.find(libraryNumber).map(r -> new Registered(libraryNumber, r.url(), null, r.createdAt(),
                r.updatedAt(), r.pendingDeliveries(), r.oldestPendingSince(), r.lastError(), r.suspendedAt(),
                r.suspendedReason()));
    }

    /**
     * Removes the library's webhook and its queued deliveries (the feed still has every change).
     *
     * @return false when none was registered
     */
    @Transactional
    public boolean delete(String libraryNumber) {
        return repository.delete(libraryNumber);
    }

    /** The sealed secret as stored → the secret. */
    String openSecret(String stored) {
        String[] parts = stored.split(":", 2);
        return vault.open(new IdentityVault.Sealed(parts[0], Base64.getDecoder().decode(parts[1])));
    }

    private void checkAddresses(String host) {
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw ProblemException.unprocessable("webhook-url-refused", "Webhook URL refused",
                    "The webhook host name does not resolve", "url", "host-not-resolvable");
        }
        if (!WebhookAddresses.choose(addresses, allowPrivate).ok()) {
            throw ProblemException.unprocessable("webhook-url-refused", "Webhook URL refused",
                    "The webhook host resolves to an address the register does not call (loopback, private, "
                            + "link-local, multicast or unspecified)", "url", "address-not-allowed");
        }
    }

}
