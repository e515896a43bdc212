package no.nb.bibliotekkortet.auth.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import no.nb.bibliotekkortet.auth.domain.OtpReason;
import no.nb.bibliotekkortet.auth.domain.PepperedArgon2;
import no.nb.bibliotekkortet.auth.domain.Purpose;
import no.nb.bibliotekkortet.auth.domain.SecretKind;
import no.nb.bibliotekkortet.auth.repository.CredentialRepository;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/**
 * A logged-in patron's own credentials (R16, R17): the chosen security level (after an
 * ID-porten login), a new PIN or password with a consumed one-time code of purpose {@code change-pin} /
 * {@code change-password}, and a new PIN without a code after an ID-porten login at
 * {@code idporten-loa-substantial} or higher (forgotten PIN; lifts every lock, also a hard lock).
 */
@ApplicationScoped
public class SelfCredentialService {

    /** What a patron may see of their own credentials: chosen level and which secrets exist (never a hash). */
    public record Overview(SecurityLevel securityLevel, boolean pin, boolean password) {
    }

    private final CredentialRepository credentials;
    private final CredentialService credentialService;
    private final OneTimeCodeService codes;
    private final PartnerService partners;
    private final Clock clock;

    public SelfCredentialService(CredentialRepository credentials, CredentialService credentialService,
                                 OneTimeCodeService codes, PartnerService partners, Clock clock) {
        this.credentials = credentials;
        this.credentialService = credentialService;
        this.codes = codes;
        this.partners = partners;
        this.clock = clock;
    }

    /** The patron's chosen level (default low) and whether a PIN and a password are set. */
    public Overview overview(String patronId) {
        Map<SecretKind, PepperedArgon2.Hash> hashes = QuarkusTransaction.requiringNew()
                .call(() -> credentials.hashes(patronId));
        return new Overview(partners.chosenLevel(patronId), hashes.containsKey(SecretKind.PIN),
                hashes.containsKey(SecretKind.PASSWORD));
    }

    /**
     * Stores the patron's chosen level (R17); from now on every login and verification below it is refused
     * with LEVEL_TOO_LOW (door access excepted). The caller must have logged in with ID-porten.
     */
    public void chooseLevel(String patronId, SecurityLevel level) {
        QuarkusTransaction.requiringNew().run(() -> {
            credentials.ensure(patronId, clock.instant());
            credentials.setSecurityLevel(patronId, level.code(), clock.instant());
        });
    }

    /**
     * Replaces the PIN or password.
     *
     * @param kind           PIN or PASSWORD
     * @param secret         the new secret (validated as at registration)
     * @param otpId          id of a code of purpose change-pin / change-password (null only for a forgotten PIN)
     * @param code           the code
     * @param forgottenPin   true when the caller logged in with ID-porten at substantial or higher and gives no
     *                       code for a new PIN: no code needed, and every lock is lifted
     * @throws ProblemException 400/422 for the secret (checked before the code is touched); 403
     *                          {@code one-time-code-required} without a code, 403 {@code one-time-code-refused}
     *                          (rule = INVALID, EXPIRED, USED, WRONG_PURPOSE or TOO_MANY_TRIES) — nothing changed
     */
    public void change(String patronId, SecretKind kind, String secret, String otpId, String code, boolean forgottenPin) {
        boolean withoutCode = forgottenPin && kind == SecretKind.PIN && otpId == null && code == null;
        if (!withoutCode && (otpId == null || otpId.isBlank() || code == null || code.isBlank())) {
            throw ProblemException.forbidden("one-time-code-required", "Changing the "
                    + (kind == SecretKind.PIN ? "PIN" : "password") + " needs a one-time code (otpId and code) for "
                    + "purpose " + purpose(kind).code());
        }
        PepperedArgon2.Hash hash = credentialService.validateAndHash(kind, secret);
        Optional<OtpReason> refused = QuarkusTransaction.requiringNew().call(() -> {
            if (!withoutCode) {
                Optional<OtpReason> r = codes.consumeInTransaction(otpId, code, purpose(kind), patronId);
                if (r.isPresent()) {
                    return r;
                }
            }
            credentialService.replaceInTransaction(patronId, kind, hash, withoutCode);
            return Optional.<OtpReason>empty();
        });
        refused.ifPresent(r -> {
            throw new ProblemException(no.nb.bibliotekkortet.common.problem.Problem.of(403, "one-time-code-refused",
                    "One-time code refused", "The one-time code was not accepted: " + r.name(), "code", r.name()),
                    Map.of());
        });
    }

    private static Purpose purpose(SecretKind kind) {
        return kind == SecretKind.PIN ? Purpose.CHANGE_PIN : Purpose.CHANGE_PASSWORD;
    }
}
