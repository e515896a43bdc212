package no.nb.bibliotekkortet.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** The one "citizen pid → patron" step: which token gives which patron, and each service's own problems. */
class ActingPatronTest {

    private static final ActingPatron.Refusals REFUSALS = new ActingPatron.Refusals(
            () -> ProblemException.forbidden("no-subject", "x"), () -> ProblemException.forbidden("no-identity", "x"),
            () -> ProblemException.forbidden("other-login", "x"), () -> ProblemException.notFound("not-registered", "x"));

    /** A caller as the verified token would give it. */
    private static Caller caller(TokenKind kind, String sub, String pid, String acr) {
        return new Caller() {
            @Override
            public Optional<TokenKind> tokenKind() {
                return Optional.ofNullable(kind);
            }

            @Override
            public Optional<String> patronId() {
                return kind == TokenKind.PATRON ? Optional.ofNullable(sub) : Optional.empty();
            }

            @Override
            public Optional<String> identityNumber() {
                return kind == TokenKind.IDPORTEN ? Optional.ofNullable(pid) : Optional.empty();
            }

            @Override
            public Optional<String> acr() {
                return Optional.ofNullable(acr);
            }
        };
    }

    private static String slug(ProblemException e) {
        String type = e.problem().type();
        return type.substring(type.lastIndexOf('/') + 1);
    }

    @Test
    void aPatronTokenActsAsItsSubjectAfterTheLevelCheck() {
        List<String> checked = new ArrayList<>();
        ActingPatron acting = new ActingPatron(caller(TokenKind.PATRON, "p-1", null, "nlsso-loa-low"),
                pid -> { throw new AssertionError("no lookup for a patron token"); },
                (id, acr) -> checked.add(id + " " + acr.orElse("")), REFUSALS);
        assertEquals("p-1", acting.patronId());
        assertEquals(List.of("p-1 nlsso-loa-low"), checked);
    }

    @Test
    void aLevelCheckRefusalIsTheAnswer() {
        ActingPatron acting = new ActingPatron(caller(TokenKind.PATRON, "p-1", null, "nlsso-loa-low"), pid -> Optional.empty(),
                (id, acr) -> { throw ProblemException.forbidden("level-too-low", "x"); }, REFUSALS);
        assertEquals("level-too-low", slug(assertThrows(ProblemException.class, acting::patronId)));
    }

    @Test
    void aCitizenIsResolvedOncePerRequestByIdentityNumber() {
        List<String> asked = new ArrayList<>();
        ActingPatron acting = new ActingPatron(caller(TokenKind.IDPORTEN, null, "pid-of-citizen", "idporten-loa-high"), pid -> {
            asked.add(pid);
            return Optional.of("p-2");
        }, ActingPatron.LevelCheck.NONE, REFUSALS);
        assertEquals("p-2", acting.patronId());
        assertEquals("p-2", acting.patronId());
        assertEquals(List.of("pid-of-citizen"), asked);
    }

    @Test
    void eachServiceAnswersWithItsOwnProblems() {
        assertEquals("not-registered", slug(assertThrows(ProblemException.class, new ActingPatron(
                caller(TokenKind.IDPORTEN, null, "pid-of-citizen", "idporten-loa-high"), pid -> Optional.empty(),
                ActingPatron.LevelCheck.NONE, REFUSALS)::patronId)));
        assertEquals("no-identity", slug(assertThrows(ProblemException.class, new ActingPatron(
                caller(TokenKind.IDPORTEN, null, null, "idporten-loa-high"), pid -> Optional.empty(),
                ActingPatron.LevelCheck.NONE, REFUSALS)::patronId)));
        assertEquals("no-subject", slug(assertThrows(ProblemException.class, new ActingPatron(
                caller(TokenKind.PATRON, null, null, "nlsso-loa-low"), pid -> Optional.empty(),
                ActingPatron.LevelCheck.NONE, REFUSALS)::patronId)));
        assertEquals("other-login", slug(assertThrows(ProblemException.class, new ActingPatron(
                caller(TokenKind.MASKINPORTEN, null, null, null), pid -> Optional.empty(),
                ActingPatron.LevelCheck.NONE, REFUSALS)::patronId)));
        assertEquals("other-login", slug(assertThrows(ProblemException.class, new ActingPatron(
                caller(null, null, null, null), pid -> Optional.empty(), ActingPatron.LevelCheck.NONE, REFUSALS)::patronId)));
    }
}
