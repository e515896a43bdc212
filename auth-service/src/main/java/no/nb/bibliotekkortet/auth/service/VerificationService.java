package no.nb.bibliotekkortet.auth.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.nb.bibliotekkortet.auth.client.ResolvedPatron;
import no.nb.bibliotekkortet.auth.config.AuthConfig;
import no.nb.bibliotekkortet.auth.domain.LockoutPolicy;
import no.nb.bibliotekkortet.auth.domain.PepperedArgon2;
import no.nb.bibliotekkortet.auth.domain.SecretKind;
import no.nb.bibliotekkortet.auth.repository.CredentialRepository;
import no.nb.bibliotekkortet.auth.repository.LockoutRepository;
import no.nb.bibliotekkortet.auth.repository.RateLimitRepository;

/**
 * Verifies card number + PIN or password (R17, R18, R2) with the lockout rule, the per-client spray limit
 * and timing that does not tell unknown cards from known ones.
 *
 * <p>Steps: (1) resolve the card ({@link CardResolver}: patron-service, or its answer of the last seconds);
 * (2) in one read transaction: the client's guessing budget (429 when used up), the stored hash, the lock state and
 * the chosen level; (3) outside any transaction, run exactly one Argon2id hash — against the stored hash, or a dummy
 * for unknown cards, patrons in another state, or a missing hash; (4) when the secret matched and no lock holds, run
 * the caller's further checks (level, entitlement, membership, age); (5) in one write transaction with the patron's
 * lockout row locked: refuse while a lock holds (even a correct secret; such attempts do not count), count a failure
 * (possibly locking) and the guessing budget, or reset the counters (only when not already clean), rehash when the
 * parameters were raised, and — when every check passed — record the caller's success writes and the activity
 * (R21, sent to patron-service in batches by {@link ActivityBatches}).
 */
@ApplicationScoped
public class VerificationService {

    /** What the caller wants checked after the secret matched, and recorded with a success. */
    public interface Checks {
        /** Further checks (remote calls allowed); empty when they pass. */
        Optional<Refusal> afterMatch(ResolvedPatron patron, SecretKind kind);

        /**
         * The same with the patron's chosen level (R17, default low), read with the stored hash before hashing;
         * by default the two-argument form.
         */
        default Optional<Refusal> afterMatch(ResolvedPatron patron, SecretKind kind, SecurityLevel chosenLevel) {
            return afterMatch(patron, kind);
        }

        /** Extra writes in the success transaction (e.g. the pairwise subject); default none. */
        default void onSuccess(ResolvedPatron patron, String cardNumber, Instant now) {
        }
    }

    /** A card number with the secret as given: exactly one of pin / password is used (pin when both are null). */
    public record Attempt(AuthMetrics.Caller caller, String clientId, String cardNumber, String pin, String password) {
        SecretKind kind() {
            return password != null ? SecretKind.PASSWORD : SecretKind.PIN;
        }

        String secret() {
            return password != null ? password : pin;
        }
    }

    private final SecretHasher hasher;
    private final CardResolver cards;
    private final ActivityBatches activity;
    private final CredentialRepository credentials;
    private final LockoutRepository lockouts;
    private final RateLimitRepository rateLimits;
    private final Messages messages;
    private final Clock clock;
    private final AuthConfig config;
    private final LockoutPolicy policy;
    private final jakarta.enterprise.inject.Instance<EndUser> endUser;
    private final GuessingMetrics metrics;
    private final AuthMetrics authMetrics;

    public VerificationService(SecretHasher hasher, CardResolver cards, ActivityBatches activity, CredentialRepository credentials,
                               LockoutRepository lockouts, RateLimitRepository rateLimits, Messages messages, Clock clock,
                               AuthConfig config, jakarta.enterprise.inject.Instance<EndUser> endUser,
                               GuessingMetrics metrics, AuthMetrics authMetrics) {
        this.authMetrics = authMetrics;
        this.endUser = endUser;
        this.metrics = metrics;
        this.hasher = hasher;
        this.cards = cards;
        this.activity = activity;
        this.credentials = credentials;
        this.lockouts = lockouts;
        this.rateLimits = rateLimits;
        this.messages = messages;
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
        try {
            Verification v = verifyUncounted(attempt, checks, activityKind);
            authMetrics.verification(attempt.caller(), v);
            return v;
        } catch (no.nb.bibliotekkortet.common.problem.ProblemException e) {
            authMetrics.verificationRefused(attempt.caller(), e);
            throw e;
        }
    }

    private Verification verifyUncounted(Attempt attempt, Checks checks, String activityKind) {
        Instant now = clock.instant();
        List<GuessingBudget.Limit> limits = budget(attempt.clientId()).limits(attempt.clientId(), endUserAddress());
        ResolvedPatron patron = cards.resolve(attempt.cardNumber())
                .filter(p -> p.patronId() != null && config.verification().activePatronStates().contains(p.state()))
                // R1: a retired number (swap, lost card, merge) still resolves to its account but never verifies
                .filter(ResolvedPatron::cardActive)
                .orElse(null);
        // One read transaction before the hash: the guessing budget, the stored hash, the lock and the chosen level.
        Before before = QuarkusTransaction.requiringNew().call(() -> {
            GuessingBudget.Limit exceeded = exceeded(limits, now);
            if (exceeded != null || patron == null) {
                return new Before(exceeded, null, LockoutPolicy.State.CLEAN, null);
            }
            return new Before(null, credentials.hashes(patron.patronId()).get(attempt.kind()),
                    lockouts.find(patron.patronId()), credentials.securityLevel(patron.patronId())
                    .flatMap(SecurityLevel::ofCode).orElse(SecurityLevel.LOW));
        });
        if (before.exceeded() != null) {
            throw rateLimited(before.exceeded(), now);
        }
        // The hash runs outside any transaction (no connection held while it waits for a slot or computes).
        boolean matched = hasher.matches(attempt.secret(), before.stored());
        if (patron == null) {
            QuarkusTransaction.requiringNew().run(() -> addClientFailure(limits));
            return Verification.refused(Reason.INVALID);
        }
        PepperedArgon2.Hash rehashed = matched && hasher.needsRehash(before.stored()) ? hasher.hash(attempt.secret()) : null;
        Optional<Refusal> refusal = Optional.empty();
        if (matched && !before.lock().lockedAt(clock.instant())) {
            refusal = checks.afterMatch(patron, attempt.kind(), before.chosenLevel());
        }
        Optional<Refusal> finalRefusal = refusal;
        // One write transaction after it: lock, counters, guessing budget, rehash, success writes and activity.
        return QuarkusTransaction.requiringNew().call(() ->
                record(attempt, limits, patron, matched, rehashed, finalRefusal, checks, activityKind));
    }

    /** What the read transaction before the hash found. */
    private record Before(GuessingBudget.Limit exceeded, PepperedArgon2.Hash stored, LockoutPolicy.State lock,
                          SecurityLevel chosenLevel) {
    }

    /** The patron's lock state right now (no row lock). */
    public LockoutPolicy.State lockouts(String patronId) {
        return QuarkusTransaction.requiringNew().call(() -> lockouts.find(patronId));
    }

    private Verification record(Attempt attempt, List<GuessingBudget.Limit> limits, ResolvedPatron patron,
                                boolean matched, PepperedArgon2.Hash rehashed, Optional<Refusal> refusal, Checks checks,
                                String activityKind) {
        Instant now = clock.instant();
        if (!matched) {
            LockoutPolicy.State state = lockouts.lockForUpdate(patron.patronId(), now);
            if (state.lockedAt(now)) {
                return Verification.refused(Reason.LOCKED);
            }
            LockoutPolicy.State after = policy.afterFailure(state, now);
            if (after.lockCount() > state.lockCount()) {
                metrics.lockStarted(after.hardLocked());
            }
            lockouts.save(patron.patronId(), after, now);
            addClientFailure(limits);
            return Verification.refused(Reason.INVALID);
        }
        // A success: the row is locked when it exists; without one the state is clean and nothing is written (a
        // failure committed meanwhile creates it and counts after this success, as if it came later).
        Optional<LockoutPolicy.State> state = lockouts.findForUpdate(patron.patronId());
        if (state.isPresent() && state.get().lockedAt(now)) {
            return Verification.refused(Reason.LOCKED);
        }
        if (state.isPresent() && !state.get().equals(policy.afterSuccess())) {
            lockouts.save(patron.patronId(), policy.afterSuccess(), now);
        }
        if (rehashed != null) {
            credentials.putHash(patron.patronId(), attempt.kind(), rehashed, now);
        }
        SecurityLevel achieved = LevelPolicy.achieved(attempt.kind());
        if (refusal.isPresent()) {
            return new Verification(refusal.get().reason(), null, achieved, refusal.get().requiredLevel(), null);
        }
        checks.onSuccess(patron, attempt.cardNumber(), now);
        if (activityKind != null) {
            activity.add(patron.patronId(), attempt.cardNumber(), activityKind, now);
        }
        return new Verification(null, patron, achieved, null, null);
    }

    /**
     * Queues an activity record by patron id for patron-service (R21) in the current transaction.
     *
     * @param patronId opaque patron id
     * @param kind     LOGIN
     */
    public void reportActivityOf(String patronId, String kind, Instant at) {
        messages.activityOfPatron(patronId, kind, at);
    }

    /**
     * The first limit of the guessing budget ({@link GuessingBudget}) that is used up — the client's per minute, hour
     * and day, and those of the end user it passed — or null (in the caller's transaction).
     */
    private GuessingBudget.Limit exceeded(List<GuessingBudget.Limit> limits, Instant now) {
        for (GuessingBudget.Limit limit : limits) {
            if (rateLimits.failures(limit.subject(), limit.span().code(), limit.span().windowStart(now)) >= limit.max()) {
                return limit;
            }
        }
        return null;
    }

    /**
     * The refusal for a used-up limit: 429 {@code verification-rate-limited} (the client) or
     * {@code end-user-rate-limited} (one end user), with {@code Retry-After} until that window ends.
     */
    private no.nb.bibliotekkortet.common.problem.ProblemException rateLimited(GuessingBudget.Limit exceeded, Instant now) {
        boolean client = exceeded.subject().startsWith("client:");
        metrics.rateLimited(client ? "client" : "end-user", exceeded.span().name());
        return Problems.tooMany(client ? "verification-rate-limited" : "end-user-rate-limited",
                client ? "This client has too many failed verifications; retry later"
                        : "Too many failed verifications for this end user; retry later",
                exceeded.span().secondsLeft(now));
    }

    /** Counts one failure in every window of the guessing budget that applies (in the caller's transaction). */
    private void addClientFailure(List<GuessingBudget.Limit> limits) {
        Instant now = clock.instant();
        for (GuessingBudget.Limit limit : limits) {
            rateLimits.addFailure(limit.subject(), limit.span().code(), limit.span().windowStart(now));
        }
    }

    private GuessingBudget budget(String clientId) {
        AuthConfig.Spray spray = config.spray();
        return new GuessingBudget(
                new GuessingBudget.Limits(spray.limitFor(clientId), spray.maxFailuresPerHour(), spray.maxFailuresPerDay()),
                new GuessingBudget.Limits(spray.endUser().maxFailuresPerMinute(), spray.endUser().maxFailuresPerHour(),
                        spray.endUser().maxFailuresPerDay()));
    }

    private java.util.Optional<String> endUserAddress() {
        try {
            return endUser.isResolvable() ? endUser.get().address() : java.util.Optional.empty();
        } catch (jakarta.enterprise.context.ContextNotActiveException noRequest) {
            return java.util.Optional.empty();
        }
    }

    /** Convenience: a {@link Checks} from a function, with no extra success writes. */
    public static Checks checks(java.util.function.BiFunction<ResolvedPatron, SecretKind, Optional<Refusal>> f) {
        return f::apply;
    }

}
