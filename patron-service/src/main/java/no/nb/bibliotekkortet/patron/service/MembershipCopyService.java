package no.nb.bibliotekkortet.patron.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.patron.repository.PatronLibraryRepository;
import no.nb.bibliotekkortet.patron.service.Requests.MembershipChange;

/** Keeps the read-only copy of memberships (R8, R19) current from membership-service's outbox. */
@ApplicationScoped
public class MembershipCopyService {

    /**
     * Membership states membership-service reports: ACTIVE, PENDING_ACTIVATION, and REMOVED for a membership
     * that no longer exists (moved away in a merge; the copy's row is dropped). PENDING and ENDED are accepted
     * for older senders.
     */
    public static final Set<String> STATES = Set.of("ACTIVE", "PENDING_ACTIVATION", "REMOVED", "PENDING", "ENDED");

    /** The state that drops the copy's row. */
    public static final String REMOVED = "REMOVED";

    private final PatronLibraryRepository libraries;

    public MembershipCopyService(PatronLibraryRepository libraries) {
        this.libraries = libraries;
    }

    /**
     * Applies a batch of changes, all or nothing; a change whose version is not newer than the stored one is
     * ignored (redelivery and reordering are harmless); {@code REMOVED} drops the row when newer.
     *
     * @return how many changes were applied
     * @throws ProblemException 400 naming {@code [i].field} for a missing or malformed field
     */
    @Transactional
    public int apply(List<MembershipChange> changes) {
        for (int i = 0; i < changes.size(); i++) {
            MembershipChange c = changes.get(i);
            String p = "[" + i + "].";
            if (c == null) {
                throw ProblemException.badRequest("[" + i + "]", "an object", "A membership change is an object");
            }
            if (c.patronId() == null) {
                throw ProblemException.badRequest(p + "patronId", "required", "patronId is required");
            }
            LibraryAccess.requireWellFormed(c.libraryNumber(), p + "libraryNumber");
            if (c.state() == null || !STATES.contains(c.state())) {
                throw ProblemException.badRequest(p + "state", "one of " + STATES, "state must be one of " + STATES);
            }
            if (c.home() == null) {
                throw ProblemException.badRequest(p + "home", "required", "home is required");
            }
            if (c.version() == null || c.version() < 0) {
                throw ProblemException.badRequest(p + "version", "a non-negative integer", "version is required");
            }
        }
        int applied = 0;
        for (MembershipChange c : changes) {
            boolean done = REMOVED.equals(c.state())
                    ? libraries.remove(c.patronId(), c.libraryNumber(), c.version())
                    : libraries.apply(c.patronId(), c.libraryNumber(), c.state(), c.home(), c.version());
            if (done) {
                applied++;
            }
        }
        return applied;
    }
}
