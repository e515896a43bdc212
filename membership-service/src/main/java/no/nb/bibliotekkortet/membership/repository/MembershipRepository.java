package no.nb.bibliotekkortet.membership.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Queries on memberships. */
@ApplicationScoped
public class MembershipRepository implements PanacheRepositoryBase<Membership, Long> {

    /** All memberships of a patron, ordered by library number. */
    public List<Membership> ofPatron(String patronId) {
        return list("patronId = ?1 order by libraryNumber", patronId);
    }

    /** The membership of a patron at a library. */
    public Optional<Membership> find(String patronId, String libraryNumber) {
        return find("patronId = ?1 and libraryNumber = ?2", patronId, libraryNumber).firstResultOptional();
    }

    /** Deletes every membership of these patrons; returns how many rows went. */
    public long deleteOfPatrons(Collection<String> patronIds) {
        return delete("patronId in ?1", patronIds);
    }

    /** Counts memberships of these patrons. */
    public long countOfPatrons(Collection<String> patronIds) {
        return count("patronId in ?1", patronIds);
    }

    /**
     * A library's memberships in creation order after membership id {@code afterId} (issue 16, the staff list).
     *
     * @param state null for every state, else {@code ACTIVE} or {@code PENDING_ACTIVATION}
     * @param max   how many rows at most
     */
    public List<Membership> ofLibrary(String libraryNumber, String state, long afterId, int max) {
        return state == null
                ? find("libraryNumber = ?1 and id > ?2 order by id", libraryNumber, afterId).page(0, max).list()
                : find("libraryNumber = ?1 and state = ?2 and id > ?3 order by id", libraryNumber, state, afterId).page(0, max).list();
    }

    /** The next change version (sequence {@code membership_change_version}). */
    public long nextVersion() {
        return ((Number) getEntityManager().createNativeQuery("select nextval('membership_change_version')")
                .getSingleResult()).longValue();
    }
}
