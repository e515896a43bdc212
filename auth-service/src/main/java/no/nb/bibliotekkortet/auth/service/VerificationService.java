package no.nb.bibliotekkortet.auth.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nb.bibliotekkortet.auth.client.Directory;
import no.nb.bibliotekkortet.auth.client.ResolvedPatron;
import no.nb.bibliotekkortet.auth.config.AuthConfig;
import no.nb.bibliotekkortet.auth.repository.CredentialRepository;
import no.nb.bibliotekkortet.auth.repository.LockoutRepository;
import no.nb.bibliotekkortet.auth.repository.RateLimitRepository;
import no.nb.bibliotekkortet.common.outbox.Outbox;

/**
 * Verifies card number + PIN or password (R17, R18, R2) with the lockout rule, the per-client spray limit
 * and timing that does not tell unknown cards from known ones.
 *
 * <p>Steps: (1) refuse with 429 when the client has used up its failures for the current window;
 * (2) resolve the card through patron-service; (3) run exactly one Argon2id hash — against the stored hash,
 * or a dummy for unknown cards, patrons in another state, or a missing hash; (4) when the secret matched,
 * run the caller's further checks (level, entitlement, membership, age); (5) in one transaction with the
 * patron's lockout row locked: refuse while a lock holds (even a correct secret; such attempts do not
 * count), count a failure (possibly locking), or reset the counters, rehash when the parameters were raised,
 * and — when every check passed — report activity through the outbox (R21).
 */
@ApplicationScoped
public class VerificationService {

    /** What the caller wants checked after the secret matched, and recorded with a success. */
    public interface Checks {
        /** Further checks (remote calls allowed); empty when they pass. */
        Optional<Refusal> afterMatch(ResolvedPatron patron, SecretKind kind);

        /** Extra writes in the success transaction (e.g. the pairwise subject); default none. */
        default void onSuccess(ResolvedPatron patron, String cardNumber, Instant now) {
        }
    }

    /** A card number with the secret as given: exactly one of pin / password is used (pin when both are null). */
    public record Attempt(String clientId, String cardNumber, String pin, String password) {
        SecretKind kind() {
            return password != null ? SecretKind.PASSWORD : SecretKind.PIN;
        }

        String secret() {
            return password != null ? password : pin;
        }
    }

    private final SecretHasher hasher;
    private final Directory directory;
    private final CredentialRepository credentials;
    private final LockoutRepository lockouts;
    private final RateLimitRepository rateLimits;
    private final Outbox outbox;
    private final Clock clock;
    private final AuthConfig config;
    private final LockoutPolicy policy;

    public VerificationService(SecretHasher hasher, Directory directory, CredentialRepository credentials,
                               LockoutRepository lockouts, RateLimitRepository rateLimits, Outbox outbox, Clock clock,
                               AuthConfig config) {
        this.hasher = hasher;
        this.directory = directory;
        this.credentials = credentials;
        this.lockouts = lockouts;
        this.rateLimits = rateLimits;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        AuthConfig.Lockout l = config.lockout();
        this.policy = new LockoutPolicy(l.maxConsecutiveFailures(), l.firstLockDuration(), l.timedLocksBeforeHardLock());
    }

    /**
     * Verifies an attempt.
     *
     * @param attempt      client id (for the spray limit), card number ({@code N} + 9 digits, already
     *                     well-formed), PIN or password as given (null/empty = failure)
     * @param checks       the caller's checks after a match
     * @param activityKind activity kind reported on success ({@code LOGIN}, {@code FILM}, {@code EBOOK}); null =
     *                     none (the first step of a two-step login, which reports LOGIN when it completes)
     * @return the outcome; INVALID for unknown cards, retired card numbers (R1) and wrong secrets alike
     * @throws no.nb.bibliotekkortet.common.problem.ProblemException 429 when the client's failure budget for
     *         the window is used up; 503 when hashing is saturated or a dependency does not answer
     */
    public Verification verify(Attempt attempt, Checks checks, String activityKind) {
        requireSprayBudget(attempt.clientId());
        ResolvedPatron patron = directory.resolve(attempt.cardNumber())
                .filter(p -> p.patronId() != null && config.verification().activePatronStates().contains(p.state()))
                // R1: a retired number (swap, lost card, merge) still resolves to its account but never verifies
                .filter(ResolvedPatron::cardActive)
                .orElse(null);
        PepperedArgon2.Hash stored = patron == null ? null
                : QuarkusTransaction.requiringNew().call(() -> credentials.hashes(patron.patronId())).get(attempt.kind());
        boolean matched = hasher.matches(attempt.secret(), stored);
        if (patron == null) {
            QuarkusTransaction.requiringNew().run(() -> addClientFailure(attempt.clientId()));
            return Verification.refused(Reason.INVALID);
        }
        PepperedArgon2.Hash rehashed = matched && hasher.needsRehash(stored) ? hasher.hash(attempt.secret()) : null;
        Optional<Refusal> refusal = Optional.empty();
        if (matched && !lockouts(patron.patronId()).lockedAt(clock.instant())) {
            refusal = checks.afterMatch(patron, attempt.kind());
        }
        Optional<Refusal> finalRefusal = refusal;
        return QuarkusTransaction.requiringNew().call(() ->
                record(attempt, patron, matched, rehashed, finalRefusal, checks, activityKind));
    }

    /** The patron's lock state right now (no row lock). */
    public LockoutPolicy.State lockouts(String patronId) {
        return QuarkusTransaction.requiringNew().call(() -> lockouts.find(patronId));
    }

    private Verification record(Attempt attempt, ResolvedPatron patron, boolean matched, PepperedArgon2.Hash rehashed,
                                Optional<Refusal> refusal, Checks checks, String activityKind) {
        Instant now = clock.instant();
        LockoutPolicy.State state = lockouts.lockForUpdate(patron.patronId(), now);
        if (state.lockedAt(now)) {
            return Verification.refused(Reason.LOCKED);
        }
        if (!matched) {
            lockouts.save(patron.patronId(), policy.afterFailure(state, now), now);
            addClientFailure(attempt.clientId());
            return Verification.refused(Reason.INVALID);
        }
        lockouts.save(patron.patronId(), policy.afterSuccess(), now);
        if (rehashed != null) {
            credentials.putHash(patron.patronId(), attempt.kind(), rehashed, now);
        }
        SecurityLevel achieved = LevelPolicy.achieved(attempt.kind());
        if (refusal.isPresent()) {
            return new Verification(refusal.get().reason(), null, achieved, refusal.get().requiredLevel(), null);
        }
        checks.onSuccess(patron, attempt.cardNumber(), now);
        if (activityKind != null) {
            reportActivity(attempt.cardNumber(), activityKind, now);
        }
        return new Verification(null, patron, achieved, null, null);
    }

    /**
     * Queues an activity record for patron-service (R21) in the current transaction.
     *
     * @param cardNumber the card used
     * @param kind       LOGIN, FILM or EBOOK
     */
    public void reportActivity(String cardNumber, String kind, Instant at) {
        outbox.enqueue("patron-service", "/internal/v1/activity",
                List.of(Map.of("cardNumber", cardNumber, "kind", kind, "at", at.toString())));
    }

    /**
     * Queues an activity record by patron id for patron-service (R21) in the current transaction.
     *
     * @param patronId opaque patron id
     * @param kind     LOGIN
     */
    public void reportActivityOf(String patronId, String kind, Instant at) {
        outbox.enqueue("patron-service", "/internal/v1/activity",
                List.of(Map.of("patronId", patronId, "kind", kind, "at", at.toString())));
    }

    private void requireSprayBudget(String clientId) {
        Instant now = clock.instant();
        Instant window = windowStart(now);
        int failures = QuarkusTransaction.requiringNew().call(() -> rateLimits.clientFailures(clientId, window));
        if (failures >= config.spray().limitFor(clientId)) {
            long seconds = Duration.between(now, window.plus(config.spray().window())).toSeconds() + 1;
            throw Problems.tooMany("verification-rate-limited",
                    "This client has too many failed verifications; retry later", seconds);
        }
    }

    private void addClientFailure(String clientId) {
        Instant window = windowStart(clock.instant());
        rateLimits.addClientFailure(clientId, window, window.minus(config.spray().window()));
    }

    private Instant windowStart(Instant now) {
        long size = config.spray().window().toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
    }

    /** Convenience: a {@link Checks} from a function, with no extra success writes. */
    public static Checks checks(java.util.function.BiFunction<ResolvedPatron, SecretKind, Optional<Refusal>> f) {
        return f::apply;
    }

}
