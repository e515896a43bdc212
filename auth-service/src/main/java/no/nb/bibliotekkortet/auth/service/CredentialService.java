package no.nb.bibliotekkortet.auth.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import no.nb.bibliotekkortet.auth.client.MembershipClient;
import no.nb.bibliotekkortet.auth.client.PatronClient;
import no.nb.bibliotekkortet.auth.client.ResolvedPatron;
import no.nb.bibliotekkortet.auth.domain.PepperedArgon2;
import no.nb.bibliotekkortet.auth.domain.SecretKind;
import no.nb.bibliotekkortet.auth.repository.CredentialRepository;
import no.nb.bibliotekkortet.auth.repository.ErasureRepository;
import no.nb.bibliotekkortet.auth.repository.LockoutRepository;
import no.nb.bibliotekkortet.auth.repository.OneTimeCodeRepository;
import no.nb.bibliotekkortet.auth.repository.PairwiseRepository;
import no.nb.bibliotekkortet.auth.repository.RateLimitRepository;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/**
 * Setting and resetting patron secrets (R17), and erasure (R20, R21). Secrets are validated by
 * {@link SecretRules}, hashed outside the transaction (bounded by {@link SecretHasher}), then stored
 * with the lock cleared in one transaction.
 */
@ApplicationScoped
public class CredentialService {

    private final SecretHasher hasher;
    private final CredentialRepository credentials;
    private final LockoutRepository lockouts;
    private final PairwiseRepository pairwise;
    private final RateLimitRepository rateLimits;
    private final ErasureRepository erasures;
    private final PatronClient patrons;
    private final MembershipClient memberships;
    private final Clock clock;
    private final OneTimeCodeRepository codes;

    private final CardResolver cards;
    private final no.nb.bibliotekkortet.auth.repository.ActivityRepository activity;

    public CredentialService(SecretHasher hasher, CredentialRepository credentials, LockoutRepository lockouts,
                             PairwiseRepository pairwise, RateLimitRepository rateLimits, ErasureRepository erasures,
                             PatronClient patrons, MembershipClient memberships, Clock clock, OneTimeCodeRepository codes,
                             CardResolver cards, no.nb.bibliotekkortet.auth.repository.ActivityRepository activity) {
        this.cards = cards;
        this.activity = activity;
        this.codes = codes;
        this.hasher = hasher;
        this.credentials = credentials;
        this.lockouts = lockouts;
        this.pairwise = pairwise;
        this.rateLimits = rateLimits;
        this.erasures = erasures;
        this.patrons = patrons;
        this.memberships = memberships;
        this.clock = clock;
    }

    /**
     * Sets a patron's credentials at registration (internal contract; idempotent): the PIN, and the password
     * when given (a missing password removes an earlier one). Clears any lock.
     *
     * @param patronId opaque patron id
     * @throws ProblemException 400 (field pin, rule "4-6 digits"); 422 (field pin: trivial; field password:
     *                          length or common); 503 when hashing is saturated
     */
    public void set(String patronId, String pin, String password) {
        validate(pin, password);
        PepperedArgon2.Hash pinHash = hasher.hash(pin);
        PepperedArgon2.Hash passwordHash = password == null ? null : hasher.hash(password);
        QuarkusTransaction.requiringNew().run(() -> store(patronId, pinHash, passwordHash, true));
    }

    /**
     * Staff at a member library reset a present patron's PIN (and optionally password), clearing locks.
     *
     * @param libraryNumber the library the caller acts for
     * @param cardNumber    the patron's card
     * @throws ProblemException 404 unknown card; 403 when the patron has no ACTIVE membership at the library;
     *                          400/422 for secrets as in {@link #set}
     */
    public void reset(String libraryNumber, String cardNumber, String pin, String password) {
        validate(pin, password);
        ResolvedPatron patron = patrons.resolve(cardNumber).orElseThrow(() ->
                ProblemException.notFound("card-not-found", "No patron has this card number"));
        boolean member = memberships.memberships(patron.patronId()).stream()
                .anyMatch(m -> m.active() && libraryNumber.equals(m.libraryNumber()));
        if (!member) {
            throw ProblemException.forbidden("patron-not-member",
                    "The patron has no active membership at this library");
        }
        PepperedArgon2.Hash pinHash = hasher.hash(pin);
        PepperedArgon2.Hash passwordHash = password == null ? null : hasher.hash(password);
        QuarkusTransaction.requiringNew().run(() -> store(patron.patronId(), pinHash, passwordHash, false));
    }

    /** Erases everything auth-service holds about these patrons (batch, idempotent). */
    public void erase(List<String> patronIds) {
        QuarkusTransaction.requiringNew().run(() -> {
            credentials.delete(patronIds);
            lockouts.delete(patronIds);
            pairwise.delete(patronIds);
            rateLimits.deleteAgeChecks(patronIds);
            codes.delete(patronIds);
            activity.delete(patronIds);
        });
        cards.evictPatrons(patronIds);
    }

    /** Rows still held about these patrons (0 after erasure). */
    public long held(List<String> patronIds) {
        return QuarkusTransaction.requiringNew().call(() -> erasures.count(patronIds));
    }

    /**
     * Validates and hashes a new secret of one kind (outside any transaction; bounded hashing).
     *
     * @throws ProblemException 400 (pin: 4-6 digits, or a missing password: field password, rule required);
     *                          422 trivial PIN, short or common password; 503 when hashing is saturated
     */
    public PepperedArgon2.Hash validateAndHash(SecretKind kind, String secret) {
        if (kind == SecretKind.PIN) {
            validatePin(secret);
        } else {
            if (secret == null) {
                throw ProblemException.badRequest("password", "required", "The new password is required");
            }
            validatePassword(secret);
        }
        return hasher.hash(secret);
    }

    /**
     * Replaces one secret of a patron inside the caller's transaction; with {@code liftLocks} every lock and
     * failure count is cleared too (forgotten PIN after ID-porten).
     */
    public void replaceInTransaction(String patronId, SecretKind kind, PepperedArgon2.Hash hash, boolean liftLocks) {
        Instant now = clock.instant();
        credentials.ensure(patronId, now);
        credentials.putHash(patronId, kind, hash, now);
        if (liftLocks) {
            lockouts.delete(List.of(patronId));
        }
    }

    private void store(String patronId, PepperedArgon2.Hash pin, PepperedArgon2.Hash password, boolean replacePassword) {
        Instant now = clock.instant();
        credentials.ensure(patronId, now);
        credentials.putHash(patronId, SecretKind.PIN, pin, now);
        if (password != null) {
            credentials.putHash(patronId, SecretKind.PASSWORD, password, now);
        } else if (replacePassword) {
            credentials.removeHash(patronId, SecretKind.PASSWORD);
        }
        lockouts.delete(List.of(patronId));
    }

    private static void validate(String pin, String password) {
        validatePin(pin);
        if (password != null) {
            validatePassword(password);
        }
    }

    private static void validatePin(String pin) {
        SecretRules.pinViolation(pin).ifPresent(rule -> {
            if (rule.equals(SecretRules.PIN_FORMAT)) {
                throw ProblemException.badRequest("pin", rule, "A PIN is 4 to 6 digits");
            }
            throw ProblemException.unprocessable("trivial-pin", "PIN too easy to guess",
                    "This PIN is on the list of trivial PINs", "pin", rule);
        });
    }

    private static void validatePassword(String password) {
        SecretRules.passwordViolation(password).ifPresent(rule -> {
            throw ProblemException.unprocessable("weak-password", "Password not accepted",
                    rule.equals(SecretRules.PASSWORD_COMMON) ? "This password is too common"
                            : "A password has 10 to 256 characters", "password", rule);
        });
    }
}
