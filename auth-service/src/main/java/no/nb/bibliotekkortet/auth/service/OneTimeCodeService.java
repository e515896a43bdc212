package no.nb.bibliotekkortet.auth.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.nb.bibliotekkortet.auth.client.ContactChannels;
import no.nb.bibliotekkortet.auth.client.PatronClient;
import no.nb.bibliotekkortet.auth.config.AuthConfig;
import no.nb.bibliotekkortet.auth.domain.OneTimeCodePolicy;
import no.nb.bibliotekkortet.auth.domain.OtpReason;
import no.nb.bibliotekkortet.auth.domain.Purpose;
import no.nb.bibliotekkortet.auth.repository.OneTimeCodeRepository;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/**
 * One-time codes (R16): issuing (hash stored, code sent through the outbox to notification-service's
 * {@code one-time-code} template) and consuming (single use, purpose- and patron-bound, expiry, wrong-try
 * limit). The code is never logged, never stored in clear and never returned by the API; it exists in
 * clear only in the outbox row until the relay has delivered it (delivered rows are deleted).
 */
@ApplicationScoped
public class OneTimeCodeService {

    /** A code that was issued: its id, the channel it goes out on and when it expires. */
    public record Issued(UUID otpId, String channel, Instant expiresAt) {
    }

    private final OneTimeCodeRepository codes;
    private final PatronClient patrons;
    private final Messages messages;
    private final Clock clock;
    private final AuthConfig.Otp config;
    private final OneTimeCodePolicy policy;
    private final AuthMetrics metrics;

    public OneTimeCodeService(OneTimeCodeRepository codes, PatronClient patrons, Messages messages, Clock clock,
                              AuthConfig config, AuthMetrics metrics) {
        this.metrics = metrics;
        this.codes = codes;
        this.patrons = patrons;
        this.messages = messages;
        this.clock = clock;
        this.config = config.otp();
        this.policy = new OneTimeCodePolicy(Base64.getDecoder().decode(config.otp().key()),
                config.otp().maxWrongTries(), new SecureRandom());
    }

    /**
     * Issues a code for a patron and queues it for sending, in one transaction.
     *
     * <p>The recipient is only the patron id: notification-service reads the patron's current contact data
     * when it sends, so a code for a change of e-mail or phone goes to the address on record (the old one),
     * never to one given in the request (R16).
     *
     * @param patronId opaque patron id
     * @param purpose  what the code is for
     * @param channel  {@code EMAIL} or {@code SMS}; null = the patron's preferred channel when it exists, else
     *                 whichever exists
     * @return the code id, channel and expiry (never the code)
     * @throws ProblemException 422 (field channel, rule no-address) when the patron has no address for the
     *                          channel; 429 with Retry-After when the patron already has the maximum number of codes
     *                          in the window (5 per hour); 503 when patron-service does not answer
     */
    public Issued issue(String patronId, Purpose purpose, String channel) {
        ContactChannels contact = patrons.contact(patronId).orElse(new ContactChannels(false, false, null));
        String chosen = channel == null ? contact.chosen() : channel;
        if (chosen == null || !contact.has(chosen)) {
            throw ProblemException.unprocessable("no-address", "No address for this channel",
                    "The patron has no " + (chosen == null ? "e-mail address or mobile phone" : chosen.equals("SMS")
                            ? "mobile phone" : "e-mail address") + " on record", "channel", "no-address");
        }
        return QuarkusTransaction.requiringNew().call(() -> store(patronId, purpose, chosen));
    }

    private Issued store(String patronId, Purpose purpose, String channel) {
        Instant now = now();
        codes.lockPatron(patronId);
        List<Instant> recent = codes.createdSince(patronId, now.minus(config.window()));
        if (recent.size() >= config.maxPerWindow()) {
            Instant freeAt = recent.get(recent.size() - config.maxPerWindow()).plus(config.window());
            throw Problems.tooMany("one-time-code-limit",
                    "At most " + config.maxPerWindow() + " one-time codes per " + config.window().toMinutes()
                            + " minutes", Duration.between(now, freeAt).toSeconds() + 1);
        }
        UUID otpId = UUID.randomUUID();
        String code = policy.newCode();
        Instant expiresAt = now.plus(config.validity());
        codes.insert(otpId, patronId, purpose, channel, policy.hash(otpId, code), now, expiresAt);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("purpose", purpose.code());
        params.put("minutesValid", (int) config.validity().toMinutes());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("idempotencyKey", "auth-service-otp-" + otpId);
        payload.put("recipient", Map.of("patronId", patronId));
        payload.put("channel", channel);
        payload.put("template", "one-time-code");
        payload.put("params", params);
        messages.notify(payload);
        metrics.codeSent();
        return new Issued(otpId, channel, expiresAt);
    }

    /**
     * Consumes a code in its own transaction (internal contract {@code POST /internal/v1/otp/consume}).
     *
     * @param otpId    the code id from the issue answer (anything else → INVALID)
     * @param code     the 6 digits the patron typed
     * @param purpose  the purpose the caller needs
     * @param patronId the patron the caller acts for
     * @return empty when consumed; otherwise the reason (INVALID, EXPIRED, USED, WRONG_PURPOSE, TOO_MANY_TRIES)
     */
    public Optional<OtpReason> consume(String otpId, String code, Purpose purpose, String patronId) {
        return QuarkusTransaction.requiringNew().call(() -> consumeInTransaction(otpId, code, purpose, patronId));
    }

    /**
     * As {@link #consume} but inside the caller's transaction, so that a change made with the code commits
     * or rolls back together with its consumption.
     */
    public Optional<OtpReason> consumeInTransaction(String otpId, String code, Purpose purpose, String patronId) {
        Optional<UUID> id = uuid(otpId);
        if (id.isEmpty()) {
            metrics.codeTried(Optional.of(OtpReason.INVALID));
            return Optional.of(OtpReason.INVALID);
        }
        OneTimeCodePolicy.Stored stored = codes.findForUpdate(id.get()).orElse(null);
        Instant now = now();
        OneTimeCodePolicy.Decision d = policy.decide(stored, patronId, purpose, code, now);
        if (d.countWrongTry()) {
            codes.addWrongTry(id.get());
        } else if (d.consumed()) {
            codes.markConsumed(id.get(), now);
        }
        metrics.codeTried(Optional.ofNullable(d.reason()));
        return Optional.ofNullable(d.reason());
    }

    /** The patron a code was issued to (no lock), or empty for an unknown or malformed id. */
    public Optional<String> patronOf(String otpId) {
        return uuid(otpId).flatMap(id -> QuarkusTransaction.requiringNew().call(() -> codes.findForUpdate(id)))
                .map(OneTimeCodePolicy.Stored::patronId);
    }

    /** Deletes codes older than the retention (they are kept that long only for the hourly limit). */
    @Scheduled(every = "${auth.otp.cleanup-interval:1h}", delayed = "${auth.otp.cleanup-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void cleanUp() {
        QuarkusTransaction.requiringNew().run(() -> codes.deleteCreatedBefore(clock.instant().minus(config.retention())));
    }

    /** The clock's instant in milliseconds: PostgreSQL rounds to microseconds, which would move the expiry. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Optional<UUID> uuid(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
