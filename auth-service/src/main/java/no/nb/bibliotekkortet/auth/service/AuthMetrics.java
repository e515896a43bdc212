package no.nb.bibliotekkortet.auth.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import no.nb.bibliotekkortet.auth.domain.OtpReason;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/**
 * auth-service's business metrics (docs/observability.md), every series registered at start with zero so that a
 * dashboard shows 0, not "no data", while all is well. Labels are fixed enums, never a card number, patron or client.
 *
 * <ul>
 *   <li>{@code auth_verifications_total{caller, outcome}}: card + secret verifications (R17, R18, R2); caller
 *       {@code partner}, {@code library}, {@code door}, {@code patron_login}; outcome {@code VALID}, a {@link Reason},
 *       {@code RATE_LIMITED} (429, spray limit) or {@code HASHING_BUSY} (503, no hashing slot).</li>
 *   <li>Locks started and the guessing budget's 429s by limit and window: {@link GuessingMetrics}.</li>
 *   <li>{@code auth_age_checks_total{outcome}}: {@code REACHED}, {@code NOT_REACHED}, a {@link Reason} or
 *       {@code RATE_LIMITED} (daily limit per patron and partner).</li>
 *   <li>{@code auth_one_time_codes_total{event}}: {@code sent} (queued to notification-service), {@code used},
 *       {@code expired} (tried after its validity), {@code failed} (wrong code, used, wrong purpose, too many tries).</li>
 *   <li>{@code auth_hashing_seconds} (histogram): time of one Argon2id hash or verification, without the wait for a
 *       slot; {@code auth_hashing_slots_free} and {@code auth_hashing_queued} (requests waiting for a slot) (gauges,
 *       {@link SecretHasher}).</li>
 * </ul>
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class AuthMetrics {

    /** Who asked for a verification: the {@code caller} label. */
    public enum Caller {
        PARTNER, LIBRARY, DOOR, PATRON_LOGIN;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Outcome labels beyond {@link Reason}: refusals that are HTTP errors, not answers. */
    public static final String VALID = "VALID";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String HASHING_BUSY = "HASHING_BUSY";

    private final Map<Caller, Map<String, Counter>> verifications = new EnumMap<>(Caller.class);
    private final Map<String, Counter> ageChecks = new HashMap<>();
    private final Map<String, Counter> codes = new HashMap<>();
    private final Timer hashing;

    public AuthMetrics(MeterRegistry registry) {
        for (Caller caller : Caller.values()) {
            Map<String, Counter> byOutcome = new HashMap<>();
            for (String outcome : outcomes(VALID, RATE_LIMITED, HASHING_BUSY)) {
                byOutcome.put(outcome, Counter.builder("auth.verifications").description("Card + secret verifications")
                        .tag("caller", caller.label()).tag("outcome", outcome).register(registry));
            }
            verifications.put(caller, byOutcome);
        }
        for (String outcome : outcomes("REACHED", "NOT_REACHED", RATE_LIMITED)) {
            ageChecks.put(outcome, Counter.builder("auth.age.checks").description("Age checks by outcome")
                    .tag("outcome", outcome).register(registry));
        }
        for (String event : new String[] {"sent", "used", "expired", "failed"}) {
            codes.put(event, Counter.builder("auth.one.time.codes").description("One-time codes by event")
                    .tag("event", event).register(registry));
        }
        hashing = Timer.builder("auth.hashing").description("Time of one Argon2id hash or verification")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(5)).register(registry);
    }

    private static String[] outcomes(String... extra) {
        Reason[] reasons = Reason.values();
        String[] all = new String[reasons.length + extra.length];
        for (int i = 0; i < reasons.length; i++) {
            all[i] = reasons[i].name();
        }
        System.arraycopy(extra, 0, all, reasons.length, extra.length);
        return all;
    }

    /** Counts a verification answer: VALID or its reason. */
    public void verification(Caller caller, Verification v) {
        verifications.get(caller).get(v.valid() ? VALID : v.reason().name()).increment();
    }

    /** Counts a verification refused with an HTTP error: 429 as RATE_LIMITED, a hashing 503 as HASHING_BUSY. */
    public void verificationRefused(Caller caller, ProblemException e) {
        String outcome = outcomeOf(e);
        if (outcome != null) {
            verifications.get(caller).get(outcome).increment();
        }
    }

    /** Counts an age-check answer. */
    public void ageCheck(AgeCheckService.Answer answer) {
        String outcome = answer.reason() != null ? answer.reason().name()
                : Boolean.TRUE.equals(answer.reached()) ? "REACHED" : "NOT_REACHED";
        ageChecks.get(outcome).increment();
    }

    /** Counts an age check refused with 429 (daily limit or spray limit). */
    public void ageCheckRefused(ProblemException e) {
        if (e.problem().status() == 429) {
            ageChecks.get(RATE_LIMITED).increment();
        }
    }

    /** Counts a one-time code queued for sending. */
    public void codeSent() {
        codes.get("sent").increment();
    }

    /** Counts an attempt to use a one-time code: empty = used, else expired or failed. */
    public void codeTried(java.util.Optional<OtpReason> refusal) {
        codes.get(refusal.isEmpty() ? "used" : refusal.get() == OtpReason.EXPIRED ? "expired" : "failed").increment();
    }

    /** The timer for one hash (the work only). */
    public Timer hashing() {
        return hashing;
    }

    private static String outcomeOf(ProblemException e) {
        if (e.problem().status() == 429) {
            return RATE_LIMITED;
        }
        if (e.problem().status() == 503 && e.problem().type().endsWith("/hashing-busy")) {
            return HASHING_BUSY;
        }
        return null;
    }
}
