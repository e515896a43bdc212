package no.nb.bibliotekkortet.auth.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import no.nb.bibliotekkortet.auth.domain.OtpReason;
import no.nb.bibliotekkortet.auth.domain.Purpose;

/**
 * Patron login for the register's first-party clients (R17): card + PIN (level low) or card +
 * password (substantial) in one step; or card + PIN, a {@code login} code sent to the patron, then the
 * code (substantial) in two steps. Issue 6's verification (lockout, spray limit, equal timing) applies;
 * the patron's chosen level must be met or the login is refused with LEVEL_TOO_LOW naming it. A
 * completed login is reported as activity {@code LOGIN} through the outbox and answered with a signed
 * patron token.
 */
@ApplicationScoped
public class PatronSessionService {

    /** The outcome of a login step. */
    public sealed interface Outcome permits LoggedIn, CodeSent, Refused {
    }

    /** Logged in: the token and the level it carries. */
    public record LoggedIn(PatronTokenService.IssuedToken token, SecurityLevel level) implements Outcome {
    }

    /** First of two steps done: a {@code login} code went out on {@code channel}. */
    public record CodeSent(OneTimeCodeService.Issued code) implements Outcome {
    }

    /**
     * Refused: {@code reason} is a verification reason (INVALID, LOCKED, LEVEL_TOO_LOW) or a one-time-code
     * reason (INVALID, EXPIRED, USED, WRONG_PURPOSE, TOO_MANY_TRIES); {@code requiredLevel} for LEVEL_TOO_LOW.
     */
    public record Refused(String reason, SecurityLevel requiredLevel) implements Outcome {
    }

    private final VerificationService verifications;
    private final PartnerService partners;
    private final OneTimeCodeService codes;
    private final PatronTokenService tokens;
    private final Clock clock;

    public PatronSessionService(VerificationService verifications, PartnerService partners, OneTimeCodeService codes,
                                PatronTokenService tokens, Clock clock) {
        this.verifications = verifications;
        this.partners = partners;
        this.codes = codes;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * One-step login: card + PIN achieves {@code nlsso-loa-low}, card + password {@code nlsso-loa-substantial}.
     *
     * @return LoggedIn, or Refused with INVALID / LOCKED / LEVEL_TOO_LOW (+ the chosen level)
     * @throws no.nb.bibliotekkortet.common.problem.ProblemException 429 spray limit; 503 hashing busy or
     *         patron-service down
     */
    public Outcome login(String clientId, String cardNumber, String pin, String password) {
        Verification v = verifications.verify(new VerificationService.Attempt(AuthMetrics.Caller.PATRON_LOGIN, clientId, cardNumber, pin, password),
                VerificationService.checks((patron, kind) -> shortfall(patron.patronId(), LevelPolicy.achieved(kind))),
                "LOGIN");
        if (!v.valid()) {
            return new Refused(v.reason().name(), v.requiredLevel());
        }
        return new LoggedIn(tokens.issue(v.patron().patronId(), v.achieved(), clientId), v.achieved());
    }

    /**
     * First step of the two-step login: card + PIN; on success a {@code login} code goes to the patron.
     * Refused up front with LEVEL_TOO_LOW when the patron chose {@code nlsso-loa-high}. A correct PIN
     * counts as a success for the lockout; LOGIN is reported only when the second step completes.
     *
     * @param channel EMAIL, SMS or null (preferred channel)
     * @return CodeSent, or Refused
     * @throws no.nb.bibliotekkortet.common.problem.ProblemException 422 channel without an address; 429 spray limit
     *         or hourly code limit; 503
     */
    public Outcome startTwoStep(String clientId, String cardNumber, String pin, String channel) {
        Verification v = verifications.verify(new VerificationService.Attempt(AuthMetrics.Caller.PATRON_LOGIN, clientId, cardNumber, pin, null),
                VerificationService.checks((patron, kind) -> shortfall(patron.patronId(), SecurityLevel.SUBSTANTIAL)),
                null);
        if (!v.valid()) {
            return new Refused(v.reason().name(), v.requiredLevel());
        }
        return new CodeSent(codes.issue(v.patron().patronId(), Purpose.LOGIN, channel));
    }

    /**
     * Second step: the {@code login} code. Consumes it (single use, at most 5 wrong tries, 10 minutes), then
     * checks that no lock holds and that the chosen level is at most substantial; reports LOGIN.
     *
     * @return LoggedIn at {@code nlsso-loa-substantial}, or Refused with a code reason, LOCKED or LEVEL_TOO_LOW
     */
    public Outcome finishTwoStep(String clientId, String otpId, String code) {
        Optional<String> patronId = codes.patronOf(otpId);
        if (patronId.isEmpty()) {
            return new Refused(OtpReason.INVALID.name(), null);
        }
        String patron = patronId.get();
        if (verifications.lockouts(patron).lockedAt(clock.instant())) {
            return new Refused(Reason.LOCKED.name(), null);
        }
        Optional<Refusal> level = shortfall(patron, SecurityLevel.SUBSTANTIAL);
        if (level.isPresent()) {
            return new Refused(Reason.LEVEL_TOO_LOW.name(), level.get().requiredLevel());
        }
        Optional<OtpReason> refused = QuarkusTransaction.requiringNew().call(() -> {
            Optional<OtpReason> r = codes.consumeInTransaction(otpId, code, Purpose.LOGIN, patron);
            if (r.isEmpty()) {
                verifications.reportActivityOf(patron, "LOGIN", clock.instant());
            }
            return r;
        });
        if (refused.isPresent()) {
            return new Refused(refused.get().name(), null);
        }
        return new LoggedIn(tokens.issue(patron, SecurityLevel.SUBSTANTIAL, clientId), SecurityLevel.SUBSTANTIAL);
    }

    private Optional<Refusal> shortfall(String patronId, SecurityLevel achieved) {
        return LevelPolicy.shortfall(achieved, partners.chosenLevel(patronId))
                .map(l -> new Refusal(Reason.LEVEL_TOO_LOW, l));
    }
}
