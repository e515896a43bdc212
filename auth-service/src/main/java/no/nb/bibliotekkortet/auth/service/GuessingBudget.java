package no.nb.bibliotekkortet.auth.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The guessing budget (R18, R24; docs/security.md "Guessing budget"): how many failed card + PIN verifications a
 * client, and each end user a client acts for, may make before 429. Failures are counted in fixed UTC windows of a
 * minute, an hour and a day, per subject:
 * <ul>
 *   <li>{@code client:<client id>}: every failure of the client, whoever its end user; the day's limit bounds what a
 *       stolen client credential can guess (it can forge end-user addresses);</li>
 *   <li>{@code address:<client id>:<address>}: failures of one end user of a partner or the self-service site, named
 *       by the address the client passes in {@code End-User-Address} (IPv6 by its /64 prefix); one limited end user
 *       leaves the client's other users unaffected.</li>
 * </ul>
 * The per-card lockout ({@link LockoutPolicy}) is the third dimension. A pure rule: no clock, no storage.
 */
public final class GuessingBudget {

    /** A window length with its stored code. */
    public enum Span {
        MINUTE('m', Duration.ofMinutes(1)), HOUR('h', Duration.ofHours(1)), DAY('d', Duration.ofDays(1));

        private final char code;
        private final Duration length;

        Span(char code, Duration length) {
            this.code = code;
            this.length = length;
        }

        /** The code stored in {@code failure_window.span}. */
        public char code() {
            return code;
        }

        /** The start (UTC) of the window of this span that holds {@code now}. */
        public Instant windowStart(Instant now) {
            long size = length.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
        }

        /** Whole seconds (at least 1) until the window holding {@code now} ends: the {@code Retry-After}. */
        public long secondsLeft(Instant now) {
            return Math.max(1, Duration.between(now, windowStart(now).plus(length)).toSeconds() + 1);
        }
    }

    /** One limit: at most {@code max} failures of {@code subject} per window of {@code span}. */
    public record Limit(String subject, Span span, int max) {
    }

    /** Limits per minute, hour and day. */
    public record Limits(int perMinute, int perHour, int perDay) {
    }

    private final Limits client;
    private final Limits endUser;

    /**
     * @param client  the client's own limits (its per-minute limit may be set per client)
     * @param endUser the limits of one end-user address of a client
     */
    public GuessingBudget(Limits client, Limits endUser) {
        this.client = client;
        this.endUser = endUser;
    }

    /**
     * Every limit that applies to a verification.
     *
     * @param clientId the calling client's id
     * @param address  the end user's address as passed by the client (already normalised), if any
     * @return client limits, then end-user limits; a limit below 1 is left out (none)
     */
    public List<Limit> limits(String clientId, Optional<String> address) {
        List<Limit> limits = new ArrayList<>();
        add(limits, "client:" + clientId, client);
        address.ifPresent(a -> add(limits, "address:" + clientId + ":" + a, endUser));
        return limits;
    }

    private static void add(List<Limit> limits, String subject, Limits l) {
        if (l.perMinute() > 0) {
            limits.add(new Limit(subject, Span.MINUTE, l.perMinute()));
        }
        if (l.perHour() > 0) {
            limits.add(new Limit(subject, Span.HOUR, l.perHour()));
        }
        if (l.perDay() > 0) {
            limits.add(new Limit(subject, Span.DAY, l.perDay()));
        }
    }

    /**
     * The expected number of accounts a guesser compromises in {@code days} with {@code failuresPerDay} guesses a
     * day, each on a different card, against PINs of {@code digits} digits chosen uniformly (the threat model's
     * figure; a non-uniform choice is worse, which is why trivial PINs are refused at set time).
     */
    public static double expectedCompromises(int failuresPerDay, int days, int digits) {
        return (double) failuresPerDay * days / Math.pow(10, digits);
    }
}
