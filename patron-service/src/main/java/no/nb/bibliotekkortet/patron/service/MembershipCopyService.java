package no.nb.bibliotekkortet.patron.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.patron.repository.ChangeFeedWriter;
import no.nb.bibliotekkortet.patron.repository.ChangeRecords;
import no.nb.bibliotekkortet.patron.repository.PatronLibraryRepository;
import no.nb.bibliotekkortet.patron.service.Requests.MembershipChange;
import no.nb.bibliotekkortet.patron.repository.PatronLibraryRepository.PatronLibrary;

/**
 * Keeps the read-only copy of memberships (R8, R19) current from membership-service's outbox, and writes the change
 * records library systems sync from (issue 16): MEMBERSHIP_ADDED, MEMBERSHIP_ACTIVATED, MEMBERSHIP_REMOVED and
 * HOME_LIBRARY_CHANGED, each visible to every library concerned (the patron's libraries afterwards, the removed
 * library, the previous home library) and so pushed by their webhooks.
 */
@ApplicationScoped
public class MembershipCopyService {

    /**
     * Membership states membership-service reports: ACTIVE, PENDING_ACTIVATION, and REMOVED for a membership
     * that no longer exists (moved away in a merge; the copy's row is dropped).
     */
    public static final Set<String> STATES = Set.of("ACTIVE", "PENDING_ACTIVATION", "REMOVED");

    /** The state that drops the copy's row. */
    public static final String REMOVED = "REMOVED";

    private final PatronLibraryRepository libraries;
    private final ChangeFeedWriter feed;
    private final java.time.Clock clock;

    public MembershipCopyService(PatronLibraryRepository libraries, ChangeFeedWriter feed, java.time.Clock clock) {
        this.libraries = libraries;
        this.feed = feed;
        this.clock = clock;
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
        // One batch per patron at a time (the outbox may deliver two at once): each judges the copy the other left,
        // so a second library's membership is ADDED once and a later home move is HOME_LIBRARY_CHANGED.
        changes.stream().map(MembershipChange::patronId).distinct().sorted()
                .forEach(libraries::lockPatron);
        java.util.Map<java.util.UUID, List<PatronLibrary>> before = libraries.of(
                changes.stream().map(MembershipChange::patronId).collect(java.util.stream.Collectors.toSet()));
        for (MembershipChange c : changes) {
            PatronLibrary old = before.getOrDefault(c.patronId(), List.of()).stream()
                    .filter(l -> l.libraryNumber().equals(c.libraryNumber())).findFirst().orElse(null);
            boolean done = REMOVED.equals(c.state())
                    ? libraries.remove(c.patronId(), c.libraryNumber(), c.version())
                    : libraries.apply(c.patronId(), c.libraryNumber(), c.state(), c.home(), c.version());
            if (done) {
                applied++;
                record(c, old, before.getOrDefault(c.patronId(), List.of()));
            }
        }
        return applied;
    }

    /**
     * The change record for one applied change, judged against the copy as it was before the batch: a new row is
     * ADDED, PENDING to ACTIVE is ACTIVATED, a dropped row REMOVED, a row becoming home HOME_LIBRARY_CHANGED (a
     * home library's row losing the flag is part of that same move and writes nothing of its own).
     */
    private void record(MembershipChange c, PatronLibrary old, List<PatronLibrary> before) {
        boolean removed = REMOVED.equals(c.state());
        String previousHome = before.stream().filter(PatronLibrary::home).map(PatronLibrary::libraryNumber)
                .findFirst().orElse(null);
        ChangeRecords.Kind kind;
        if (removed) {
            kind = ChangeRecords.Kind.MEMBERSHIP_REMOVED;
        } else if (old == null) {
            kind = ChangeRecords.Kind.MEMBERSHIP_ADDED;
        } else if (c.home() && !old.home()) {
            kind = ChangeRecords.Kind.HOME_LIBRARY_CHANGED;
        } else if ("ACTIVE".equals(c.state()) && !old.active()) {
            kind = ChangeRecords.Kind.MEMBERSHIP_ACTIVATED;
        } else {
            return;
        }
        java.util.Set<String> concerned = new java.util.TreeSet<>();
        libraries.of(c.patronId()).forEach(l -> concerned.add(l.libraryNumber()));
        concerned.add(c.libraryNumber());
        if (previousHome != null) {
            concerned.add(previousHome);
        }
        java.util.Map<String, Object> membership = new java.util.LinkedHashMap<>();
        membership.put("libraryNumber", c.libraryNumber());
        membership.put("state", c.state());
        membership.put("home", !removed && c.home());
        if (kind == ChangeRecords.Kind.HOME_LIBRARY_CHANGED && previousHome != null && !previousHome.equals(c.libraryNumber())) {
            membership.put("previousHomeLibrary", previousHome);
        }
        feed.membershipChanged(c.patronId(), kind, List.copyOf(concerned), membership, "MEMBERSHIP", clock.instant());
    }
}
