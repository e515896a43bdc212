package no.nb.bibliotekkortet.common.security;

import java.util.Optional;
import java.util.function.Supplier;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/**
 * The one "citizen pid → patron" step of the services that act for a logged-in person but do not own the
 * register (auth-service, membership-service): the opaque patron id of the current caller, from an auth-service
 * patron token's {@code sub}, or from a citizen's ID-porten {@code pid} resolved through patron-service (R16). The
 * identity number goes only to the service's {@link Directory} (a POST body to patron-service), never to a log,
 * URL or error. Resolved once per request: each service holds one instance in a {@code @RequestScoped} bean
 * (auth-service's {@code PatronCaller}, membership-service's {@code Callers}).
 *
 * <p>Each service keeps the problems it answers ({@link Refusals}); auth-service adds a {@link LevelCheck} on
 * patron tokens (R17: a token below the patron's chosen level is refused).
 */
public final class ActingPatron {

    /** patron-service's answer to "who is this citizen": the patron id, or empty when nobody is registered. */
    @FunctionalInterface
    public interface Directory {
        Optional<String> patronIdOf(String identityNumber);
    }

    /** A check of a patron token's login level ({@code acr}, may be empty); throws the service's problem when too low. */
    @FunctionalInterface
    public interface LevelCheck {
        /** No check: every accepted patron token may act. */
        LevelCheck NONE = (patronId, acr) -> {
        };

        void check(String patronId, Optional<String> acr);
    }

    /**
     * The problems a service answers when the caller is not an acting patron.
     *
     * @param noSubject     a patron token without {@code sub}
     * @param noIdentity    an ID-porten token without {@code pid}
     * @param otherLogin    any other token (an organisation, none)
     * @param notRegistered a citizen with no entry in the register
     */
    public record Refusals(Supplier<ProblemException> noSubject, Supplier<ProblemException> noIdentity,
                           Supplier<ProblemException> otherLogin, Supplier<ProblemException> notRegistered) {
    }

    private final Caller caller;
    private final Directory directory;
    private final LevelCheck levelCheck;
    private final Refusals refusals;
    private String resolved;

    /**
     * @param caller     the current request's caller
     * @param directory  the identity-number lookup through patron-service
     * @param levelCheck the check on patron tokens ({@link LevelCheck#NONE} for none)
     * @param refusals   the service's problems
     */
    public ActingPatron(Caller caller, Directory directory, LevelCheck levelCheck, Refusals refusals) {
        this.caller = caller;
        this.directory = directory;
        this.levelCheck = levelCheck;
        this.refusals = refusals;
    }

    /**
     * The opaque patron id of the caller, resolved on the first call and kept for the request.
     *
     * @throws ProblemException one of the {@link Refusals}, or what the {@link LevelCheck} throws;
     *                          {@code DownstreamException} when patron-service does not answer
     */
    public String patronId() {
        if (resolved != null) {
            return resolved;
        }
        TokenKind kind = caller.tokenKind().orElse(null);
        if (kind == TokenKind.PATRON) {
            String id = caller.patronId().orElseThrow(refusals.noSubject());
            levelCheck.check(id, caller.acr());
            resolved = id;
        } else if (kind == TokenKind.IDPORTEN) {
            String identityNumber = caller.identityNumber().orElseThrow(refusals.noIdentity());
            resolved = directory.patronIdOf(identityNumber).orElseThrow(refusals.notRegistered());
        } else {
            throw refusals.otherLogin().get();
        }
        return resolved;
    }
}
