package no.nb.bibliotekkortet.membership.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.membership.repository.Library;
import no.nb.bibliotekkortet.membership.repository.LibraryRepository;
import no.nb.bibliotekkortet.membership.repository.Membership;
import no.nb.bibliotekkortet.membership.repository.MembershipRepository;

/**
 * Memberships (R8, R10, R19): adding by a library or by the patron, activation, home library, merge and
 * erasure. Every change is sent to patron-service through the outbox in the same transaction.
 */
@ApplicationScoped
public class MembershipService {

    /** A membership with its library's name, as the API shows it. */
    public record Listed(Membership membership, String libraryName) {
    }

    /** The result of an add or activation: the membership, and whether this request created or changed it. */
    public record Outcome(Listed listed, boolean created) {
    }

    /** How a registration's membership is created. */
    public enum RegistrationMode {
        /** Registered in person at the library: ACTIVE with IN_PERSON acceptance of the current rules. */
        IN_PERSON,
        /**
         * Self-registration with ID-porten (R9, R10) per the chosen library's activation mode: at a DIGITAL
         * library ACTIVE with DIGITAL acceptance of the current rules version (the patron accepted them while
         * registering), at an IN_PERSON library PENDING_ACTIVATION until staff activate it.
         */
        SELF_REGISTERED
    }

    private final MembershipRepository memberships;
    private final LibraryRepository libraries;
    private final LibraryDirectory directory;
    private final Messages messages;
    private final Clock clock;

    public MembershipService(MembershipRepository memberships, LibraryRepository libraries, LibraryDirectory directory,
                             Messages messages, Clock clock) {
        this.memberships = memberships;
        this.libraries = libraries;
        this.directory = directory;
        this.messages = messages;
        this.clock = clock;
    }

    /** A page of a library's memberships: the memberships and the cursor after the last one (null when no more). */
    public record LibraryPage(List<Listed> memberships, String next) {
    }

    /** Largest page of {@link #ofLibrary}. */
    public static final int MAX_PAGE = 1000;

    /**
     * The staff list of a library's members (issue 16): memberships in creation order, optionally in one state,
     * after an opaque cursor from an earlier page.
     *
     * @param state  null, {@code ACTIVE} or {@code PENDING_ACTIVATION}
     * @param after  null or a cursor this list gave out
     * @param limit  1..{@link #MAX_PAGE}
     * @throws ProblemException 400 naming {@code after} for a cursor this list did not give out; 404 unknown library
     */
    @Transactional
    public LibraryPage ofLibrary(String libraryNumber, MembershipState state, String after, int limit) {
        Library library = directory.get(libraryNumber, "libraryNumber");
        long afterId = MembershipCursor.decode(after);
        List<Membership> rows = memberships.ofLibrary(libraryNumber, state == null ? null : state.name(), afterId, limit + 1);
        boolean more = rows.size() > limit;
        List<Membership> page = more ? rows.subList(0, limit) : rows;
        return new LibraryPage(page.stream().map(m -> new Listed(m, library.name)).toList(),
                more ? MembershipCursor.encode(page.get(page.size() - 1).id) : null);
    }

    /**
     * A library adds a present patron (R19): ACTIVE, IN_PERSON acceptance of the library's current rules;
     * the patron is notified ({@code library-full-access}). Home when it is the patron's first membership.
     *
     * @return created=true (201) for a new membership, false (200) when it already was ACTIVE
     * @throws ProblemException 404 unknown library; 409 when a pending membership exists (activate it instead)
     */
    @Transactional
    public Outcome addByLibrary(String libraryNumber, String patronId) {
        Library library = directory.get(libraryNumber, "libraryNumber");
        Optional<Membership> existing = memberships.find(patronId, libraryNumber);
        if (existing.isPresent()) {
            MembershipRules.requireSameState(MembershipState.valueOf(existing.get().state), MembershipState.ACTIVE);
            return new Outcome(new Listed(existing.get(), library.name), false);
        }
        Membership m = newMembership(patronId, library, MembershipState.ACTIVE, ActivationMode.IN_PERSON);
        messages.membershipChanged(List.of(m));
        messages.libraryFullAccess(m, library.name);
        return new Outcome(new Listed(m, library.name), true);
    }

    /**
     * Staff activate a pending membership with the patron present (R10, IN_PERSON acceptance of the current
     * rules); an ACTIVE membership is returned unchanged.
     *
     * @return changed=true when it was pending
     * @throws ProblemException 404 unknown library or no membership there
     */
    @Transactional
    public Outcome activateByStaff(String libraryNumber, String patronId) {
        Library library = directory.get(libraryNumber, "libraryNumber");
        Membership m = memberships.find(patronId, libraryNumber).orElseThrow(MembershipService::noMembership);
        if (MembershipState.ACTIVE.name().equals(m.state)) {
            return new Outcome(new Listed(m, library.name), false);
        }
        activate(m, directory.currentLoanRules(libraryNumber).version, ActivationMode.IN_PERSON);
        messages.membershipChanged(List.of(m));
        messages.libraryFullAccess(m, library.name);
        return new Outcome(new Listed(m, library.name), true);
    }

    /**
     * The patron adds a library (R8): PENDING_ACTIVATION, shown in "my libraries" at once. Home when it is
     * the first membership.
     *
     * @return created=true (201) when new; false (200) when it already was pending
     * @throws ProblemException 400 malformed number; 404 unknown library; 409 when it is already ACTIVE
     */
    @Transactional
    public Outcome addByPatron(String patronId, String libraryNumber) {
        Library library = directory.get(libraryNumber, "libraryNumber");
        Optional<Membership> existing = memberships.find(patronId, libraryNumber);
        if (existing.isPresent()) {
            MembershipRules.requireSameState(MembershipState.valueOf(existing.get().state), MembershipState.PENDING_ACTIVATION);
            return new Outcome(new Listed(existing.get(), library.name), false);
        }
        Membership m = newMembership(patronId, library, MembershipState.PENDING_ACTIVATION, null);
        messages.membershipChanged(List.of(m));
        return new Outcome(new Listed(m, library.name), true);
    }

    /**
     * Activation by the patron (R10): only at DIGITAL libraries and with the current rules version. The
     * library then sees the full record, so the patron is notified (R19). Activating an ACTIVE membership
     * again returns it unchanged.
     *
     * @throws ProblemException 404 unknown library or no membership; 409 IN_PERSON library or stale version
     */
    @Transactional
    public Outcome activateByPatron(String patronId, String libraryNumber, int rulesVersion) {
        Library library = directory.get(libraryNumber, "libraryNumber");
        Membership m = memberships.find(patronId, libraryNumber).orElseThrow(MembershipService::noMembership);
        if (MembershipState.ACTIVE.name().equals(m.state)) {
            return new Outcome(new Listed(m, library.name), false);
        }
        int current = directory.currentLoanRules(libraryNumber).version;
        MembershipRules.requireDigitalActivation(ActivationMode.valueOf(library.activationMode), current, rulesVersion);
        activate(m, current, ActivationMode.DIGITAL);
        messages.membershipChanged(List.of(m));
        messages.libraryFullAccess(m, library.name);
        return new Outcome(new Listed(m, library.name), true);
    }

    /** "My libraries" (R8): the patron's memberships with library names, ordered by library number. */
    public List<Listed> ofPatron(String patronId) {
        List<Membership> list = memberships.ofPatron(patronId);
        Map<String, String> names = names(list.stream().map(m -> m.libraryNumber).toList());
        return list.stream().map(m -> new Listed(m, names.get(m.libraryNumber))).toList();
    }

    /**
     * Moves the home library (R8) to another ACTIVE membership of the patron.
     *
     * @throws ProblemException 400 malformed; 404 unknown library or no membership there; 409 pending
     */
    @Transactional
    public List<Listed> moveHome(String patronId, String libraryNumber) {
        directory.get(libraryNumber, "libraryNumber");
        Membership target = memberships.find(patronId, libraryNumber).orElseThrow(MembershipService::noMembership);
        MembershipRules.requireActiveForHome(MembershipState.valueOf(target.state));
        if (!target.home) {
            List<Membership> changed = new ArrayList<>();
            for (Membership m : memberships.ofPatron(patronId)) {
                if (m.home) {
                    m.home = false;
                    m.version = memberships.nextVersion();
                    changed.add(m);
                }
            }
            memberships.flush();
            target.home = true;
            target.version = memberships.nextVersion();
            changed.add(target);
            messages.membershipChanged(changed);
        }
        return ofPatron(patronId);
    }

    /**
     * Staff at a library where the patron is a member move the patron's home library (R8).
     *
     * @throws ProblemException 403 {@code not-a-member-library} when the patron has no membership at the
     *                          acting library; otherwise as {@link #moveHome}
     */
    @Transactional
    public List<Listed> moveHomeByStaff(String actingLibrary, String patronId, String newHome) {
        if (memberships.find(patronId, actingLibrary).isEmpty()) {
            throw ProblemException.forbidden("not-a-member-library",
                    "Only staff at one of the patron's libraries may move the home library");
        }
        return moveHome(patronId, newHome);
    }

    /**
     * The membership of a registration (internal contract): home, ACTIVE for in-person registration;
     * {@code SELF_REGISTERED} follows the library's activation mode (DIGITAL → ACTIVE with DIGITAL acceptance of the current rules,
     * IN_PERSON → PENDING_ACTIVATION; R9, R10). Idempotent: the same membership again returns it.
     *
     * <p>The same contract adds a library to an existing patron (patron-service linking a library's local card
     * to the national account, R13). The request does not say which, so a new ACTIVE membership of a patron
     * who already has memberships notifies {@code library-full-access} (R19); the first (home) membership does
     * not, as the registration's welcome covers it.
     *
     * @return created=false when it existed in the same state
     * @throws ProblemException 404 unknown library; 409 when it exists in another state
     */
    @Transactional
    public Outcome createAtRegistration(String patronId, String libraryNumber, RegistrationMode mode) {
        Library library = directory.get(libraryNumber, "libraryNumber");
        ActivationMode acceptance = switch (mode) {
            case IN_PERSON -> ActivationMode.IN_PERSON;
            case SELF_REGISTERED -> ActivationMode.DIGITAL.name().equals(library.activationMode) ? ActivationMode.DIGITAL : null;
        };
        MembershipState state = acceptance != null ? MembershipState.ACTIVE : MembershipState.PENDING_ACTIVATION;
        Optional<Membership> existing = memberships.find(patronId, libraryNumber);
        if (existing.isPresent()) {
            MembershipRules.requireSameState(MembershipState.valueOf(existing.get().state), state);
            return new Outcome(new Listed(existing.get(), library.name), false);
        }
        boolean first = memberships.ofPatron(patronId).isEmpty();
        Membership m = newMembership(patronId, library, state, acceptance);
        messages.membershipChanged(List.of(m));
        if (state == MembershipState.ACTIVE && !first) {
            // R19: e.g. a local card linked to the national account; at registration the welcome covers it.
            messages.libraryFullAccess(m, library.name);
        }
        return new Outcome(new Listed(m, library.name), true);
    }

    /**
     * Moves patron b's memberships to patron a (merge, R13). A library both belong to keeps the more
     * advanced one (ACTIVE over pending, the newer rules version); a's home library wins, b's home becomes
     * a's only when a had none. Idempotent: merging again moves nothing.
     *
     * @return a's memberships afterwards
     * @throws ProblemException 400 {@code b} when a equals b
     */
    @Transactional
    public List<Listed> merge(String a, String b) {
        if (a.equals(b)) {
            throw ProblemException.badRequest("b", "differs from a", "A patron cannot be merged into itself");
        }
        List<Membership> target = memberships.ofPatron(a);
        boolean aHasHome = target.stream().anyMatch(m -> m.home);
        Map<String, Membership> byLibrary = target.stream().collect(Collectors.toMap(m -> m.libraryNumber, Function.identity()));
        List<Membership> changed = new ArrayList<>();
        for (Membership from : memberships.ofPatron(b)) {
            Membership same = byLibrary.get(from.libraryNumber);
            boolean fromHome = from.home;
            memberships.delete(from);
            memberships.flush();
            messages.membershipRemoved(from, memberships.nextVersion());
            if (same != null) {
                if (MembershipState.PENDING_ACTIVATION.name().equals(same.state) && MembershipState.ACTIVE.name().equals(from.state)
                        || (from.rulesVersion != null && same.rulesVersion != null && from.rulesVersion > same.rulesVersion)) {
                    same.state = from.state;
                    same.rulesVersion = from.rulesVersion;
                    same.acceptance = from.acceptance;
                    same.acceptedAt = from.acceptedAt;
                }
                if (fromHome && !aHasHome) {
                    same.home = true;
                    aHasHome = true;
                }
                same.version = memberships.nextVersion();
                changed.add(same);
            } else {
                Membership moved = new Membership();
                moved.patronId = a;
                moved.libraryNumber = from.libraryNumber;
                moved.state = from.state;
                moved.rulesVersion = from.rulesVersion;
                moved.acceptance = from.acceptance;
                moved.acceptedAt = from.acceptedAt;
                moved.home = fromHome && !aHasHome;
                aHasHome |= moved.home;
                moved.createdAt = from.createdAt;
                moved.version = memberships.nextVersion();
                memberships.persist(moved);
                changed.add(moved);
            }
        }
        memberships.flush();
        messages.membershipChanged(changed);
        return ofPatron(a);
    }

    /** Erases every membership of these patrons (R20, R21); idempotent. Returns how many were removed. */
    @Transactional
    public long erase(Collection<String> patronIds) {
        return patronIds.isEmpty() ? 0 : memberships.deleteOfPatrons(patronIds);
    }

    /** Counts what is still held about these patrons (0 after erasure). */
    public long held(Collection<String> patronIds) {
        return patronIds.isEmpty() ? 0 : memberships.countOfPatrons(patronIds);
    }

    private Membership newMembership(String patronId, Library library, MembershipState state, ActivationMode acceptance) {
        Membership m = new Membership();
        m.patronId = patronId;
        m.libraryNumber = library.libraryNumber;
        m.state = state.name();
        m.createdAt = Instant.now(clock);
        m.home = memberships.ofPatron(patronId).stream().noneMatch(x -> x.home);
        if (acceptance != null) {
            m.rulesVersion = directory.currentLoanRules(library.libraryNumber).version;
            m.acceptance = acceptance.name();
            m.acceptedAt = m.createdAt;
        }
        m.version = memberships.nextVersion();
        memberships.persist(m);
        memberships.flush();
        return m;
    }

    private void activate(Membership m, int rulesVersion, ActivationMode how) {
        m.state = MembershipState.ACTIVE.name();
        m.rulesVersion = rulesVersion;
        m.acceptance = how.name();
        m.acceptedAt = Instant.now(clock);
        m.version = memberships.nextVersion();
        memberships.flush();
    }

    private Map<String, String> names(List<String> numbers) {
        if (numbers.isEmpty()) {
            return Map.of();
        }
        return libraries.list("libraryNumber in ?1", numbers).stream()
                .collect(Collectors.toMap(l -> l.libraryNumber, l -> l.name));
    }

    private static ProblemException noMembership() {
        return ProblemException.notFound("membership-not-found", "The patron has no membership at this library");
    }
}
