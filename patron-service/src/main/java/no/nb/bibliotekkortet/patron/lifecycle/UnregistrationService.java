package no.nb.bibliotekkortet.patron.lifecycle;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.patron.client.MembershipClient;
import no.nb.bibliotekkortet.patron.repository.PatronLibraryRepository.PatronLibrary;
import no.nb.bibliotekkortet.patron.service.PatronService;
import no.nb.bibliotekkortet.patron.service.PatronSnapshot;
import org.jboss.logging.Logger;

/**
 * Unregistration (R20): the patron (ID-porten) or an admin (with a recorded reason) deletes the patron's entry in
 * the national register. Every effect is queued through the outbox in the deleting transaction
 * ({@link PatronErasure}); the answer and the {@code unregistered} notice name the libraries where the person is
 * still a patron (patron-service's membership copy at that moment), because local loans, fines and claims stay there.
 */
@ApplicationScoped
public class UnregistrationService {

    /** The sentence shown with the libraries (R20). */
    public static final String LOCAL_MATTERS = "Loans, fines or claims you may have at these libraries are not "
            + "affected by the deletion: contact each library about them.";

    private static final Logger LOG = Logger.getLogger(UnregistrationService.class);

    /** A library the person was a patron of: number and directory name (the number when the directory did not answer). */
    public record Library(String libraryNumber, String name) {
    }

    /** The answer: the deleted patron id, the retired card numbers, the libraries and the sentence about local matters. */
    public record Unregistered(UUID patronId, List<String> retiredCardNumbers, List<Library> libraries, String message) {
    }

    private final PatronService patrons;
    private final PatronErasure erasure;
    private final MembershipClient membership;
    private final Clock clock;

    public UnregistrationService(PatronService patrons, PatronErasure erasure, MembershipClient membership, Clock clock) {
        this.patrons = patrons;
        this.erasure = erasure;
        this.membership = membership;
        this.clock = clock;
    }

    /**
     * The citizen deletes their own entry (R20); {@code pid} from the ID-porten token.
     *
     * @throws ProblemException 404 {@code not-registered} when no ACTIVE patron has this identity number
     */
    public Unregistered bySelf(String pid) {
        PatronSnapshot s = patrons.byOwnIdentityNumber(pid).orElseThrow(() -> ProblemException.notFound(
                "not-registered", "You are not registered in the national library card register"));
        return unregister(s, PatronErasure.Cause.SELF, "SELF", null);
    }

    /**
     * An admin deletes a patron's entry with a recorded reason (R20).
     *
     * @param clientId the admin client (recorded with the reason)
     * @throws ProblemException 400 {@code reason} missing/blank or longer than 500; 404 unknown card number
     */
    public Unregistered byAdmin(String cardNumber, String reason, String clientId) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw ProblemException.badRequest("reason", "1..500 characters", "An admin unregistration needs a reason (1-500 characters)");
        }
        if (cardNumber == null) {
            throw ProblemException.badRequest("cardNumber", "required", "The card number is required");
        }
        PatronSnapshot s = patrons.byCardNumber(cardNumber);
        return unregister(s, PatronErasure.Cause.ADMIN, clientId, reason.strip());
    }

    private Unregistered unregister(PatronSnapshot s, PatronErasure.Cause cause, String by, String reason) {
        UUID id = s.patron().id;
        Map<String, String> names = new LinkedHashMap<>();
        for (PatronLibrary l : s.libraries()) {
            names.put(l.libraryNumber(), name(l.libraryNumber()));
        }
        Instant now = Instant.now(clock);
        List<PatronErasure.Erased> done = QuarkusTransaction.requiringNew().call(() ->
                erasure.erase(erasure.lock(List.of(id)), cause, by, reason, "unregistered", names, now));
        if (done.isEmpty()) {
            throw ProblemException.notFound("not-registered", "The patron is no longer registered");
        }
        PatronErasure.Erased e = done.get(0);
        LOG.infof("patron %s unregistered (%s)", id, cause);
        return new Unregistered(id, e.cardNumbers(),
                e.libraryNumbers().stream().map(n -> new Library(n, names.getOrDefault(n, n))).toList(), LOCAL_MATTERS);
    }

    private String name(String libraryNumber) {
        try {
            return membership.library(libraryNumber).map(MembershipClient.Library::name).orElse(libraryNumber);
        } catch (RuntimeException e) {
            // The directory is only asked for display names; the deletion does not wait for it.
            return libraryNumber;
        }
    }
}
