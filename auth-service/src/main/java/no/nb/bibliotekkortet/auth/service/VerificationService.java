package no.nb.bibliotekkortet.auth.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.nb.bibliotekkortet.auth.client.PatronClient;
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
    public record Attempt(AuthMetrics.Caller caller, String clientId, String cardNumber, String pin, String password) {
        SecretKind kind() {
            return password != null ? SecretKind.PASSWORD : SecretKind.PIN;
        }

        String secret() {
            return password != null ? password : pin;
        }
    }

    private final SecretHasher hasher;
    private final PatronClient patrons;
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

    public VerificationService(SecretHasher hasher, PatronClient patrons, CredentialRepository credentials,
                               LockoutRepository lockouts, RateLimitRepository rateLimits, Messages messages, Clock clock,
                               AuthConfig config, jakarta.enterprise.inject.Instance<EndUser> endUser,
                               GuessingMetrics metrics, AuthMetrics authMetrics) {
        this.authMetrics = authMetrics;
        this.endUser = endUser;
        this.metrics = metrics;
        this.hasher = hasher;
        this.patrons = patrons;
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
        requireSprayBudget(attempt.clientId());
        ResolvedPatron patron = patrons.resolve(attempt.cardNumber())
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
            LockoutPolicy.State after = policy.afterFailure(state, now);
            if (after.lockCount() > state.lockCount()) {
                metrics.lockStarted(after.hardLocked());
            }
            lockouts.save(patron.patronId(), after, now);
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
        messages.activityWithCard(cardNumber, kind, at);
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
     * Refuses the attempt when any limit of the guessing budget ({@link GuessingBudget}) is used up: the client's per
     * minute, hour and day, and those of the end user it passed.
     *
     * @throws no.nb.bibliotekkortet.common.problem.ProblemException 429 {@code verification-rate-limited} (the client)
     *         or {@code end-user-rate-limited} (one end user), with {@code Retry-After} until that window ends
     */
    private void requireSprayBudget(String clientId) {
        Instant now = clock.instant();
        List<GuessingBudget.Limit> limits = budget(clientId).limits(clientId, endUserAddress());
        GuessingBudget.Limit exceeded = QuarkusTransaction.requiringNew().call(() -> {
            for (GuessingBudget.Limit limit : limits) {
                if (rateLimits.failures(limit.subject(), limit.span().code(), limit.span().windowStart(now)) >= limit.max()) {
                    return limit;
                }
            }
            return null;
        });
        if (exceeded != null) {
            boolean client = exceeded.subject().startsWith("client:");
            metrics.rateLimited(client ? "client" : "end-user", exceeded.span().name());
            throw Problems.tooMany(client ? "verification-rate-limited" : "end-user-rate-limited",
                    client ? "This client has too many failed verifications; retry later"
                            : "Too many failed verifications for this end user; retry later",
                    exceeded.span().secondsLeft(now));
        }
    }

    /** Counts one failure in every window of the guessing budget that applies (in the caller's transaction). */
    private void addClientFailure(String clientId) {
        Instant now = clock.instant();
        for (GuessingBudget.Limit limit : budget(clientId).limits(clientId, endUserAddress())) {
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
