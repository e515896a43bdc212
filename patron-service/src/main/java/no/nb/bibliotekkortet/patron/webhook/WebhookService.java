package no.nb.bibliotekkortet.patron.webhook;

import no.nb.bibliotekkortet.patron.repository.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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
import no.nb.bibliotekkortet.patron.service.IdentityVault;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registration of one webhook per library (issue 10, push): URL rules (https unless
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

    private final EntityManager em;
    private final IdentityVault vault;
    private final Clock clock;
    private final boolean allowHttp;
    private final boolean allowPrivate;

    public WebhookService(EntityManager em, IdentityVault vault, Clock clock,
                          @ConfigProperty(name = "register.webhooks.allow-http", defaultValue = "false") boolean allowHttp,
                          @ConfigProperty(name = "register.webhooks.allow-private-addresses", defaultValue = "false")
                          boolean allowPrivate) {
        this.em = em;
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
        int existing = em.createNativeQuery("update webhook set url = ?1, secret = ?2, client_id = ?3, updated_at = ?4, "
                        + "suspended_at = null, suspended_reason = null where library_number = ?5")
                .setParameter(1, url).setParameter(2, stored).setParameter(3, clientId).setParameter(4, now)
                .setParameter(5, libraryNumber).executeUpdate();
        if (existing == 0) {
            em.createNativeQuery("insert into webhook (library_number, client_id, url, secret, created_at) "
                            + "values (?1, ?2, ?3, ?4, ?5) on conflict (library_number) do update set url = excluded.url, "
                            + "secret = excluded.secret, client_id = excluded.client_id, updated_at = excluded.created_at, "
                            + "suspended_at = null, suspended_reason = null")
                    .setParameter(1, libraryNumber).setParameter(2, clientId).setParameter(3, url)
                    .setParameter(4, stored).setParameter(5, now).executeUpdate();
        }
        Registered r = find(libraryNumber).orElseThrow();
        return new Registration(existing == 0, new Registered(r.libraryNumber(), r.url(), secret == null ? used : null,
                r.createdAt(), r.updatedAt(), r.pendingDeliveries(), r.oldestPendingSince(), r.lastError(), null, null));
    }

    /**
     * The library's webhook with its delivery backlog (never the secret), if registered; {@code suspendedAt} and
     * {@code suspendedReason} (the last delivery error) while it is suspended.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<Registered> find(String libraryNumber) {
        List<Object[]> rows = em.createNativeQuery("""
                        select w.url, w.created_at, w.updated_at,
                               (select count(*) from webhook_delivery d where d.library_number = w.library_number),
                               (select min(d.created_at) from webhook_delivery d where d.library_number = w.library_number),
                               (select d.last_error from webhook_delivery d where d.library_number = w.library_number
                                  and d.last_error is not null order by d.xact_id, d.change_id limit 1),
                               w.suspended_at, w.suspended_reason
                        from webhook w where w.library_number = ?1""")
                .setParameter(1, libraryNumber).getResultList();
        return rows.stream().findFirst().map(r -> new Registered(libraryNumber, (String) r[0], null, SqlValues.instant(r[1]),
                SqlValues.instant(r[2]), ((Number) r[3]).longValue(), SqlValues.instant(r[4]), (String) r[5], SqlValues.instant(r[6]), (String) r[7]));
    }

    /**
     * Removes the library's webhook and its queued deliveries (the feed still has every change).
     *
     * @return false when none was registered
     */
    @Transactional
    public boolean delete(String libraryNumber) {
        return em.createNativeQuery("delete from webhook where library_number = ?1").setParameter(1, libraryNumber)
                .executeUpdate() > 0;
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
