package no.nb.bibliotekkortet.patron.service;

import no.nb.bibliotekkortet.patron.repository.SqlValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.rest.Views;

/**
 * The change feed for library systems (issue 10): change records of the patrons who were members of the
 * caller's library when each record was written, after an opaque cursor. Order and cursor are
 * (transaction id, record id); only records whose transaction id is below the oldest running transaction
 * ({@code pg_snapshot_xmin(pg_current_snapshot())}) are served, so a record of a transaction still running
 * (which may commit after later ids) is served later, never skipped.
 */
@ApplicationScoped
public class ChangeFeed {

    /** Largest page. */
    public static final int MAX_LIMIT = 1000;

    private final EntityManager em;
    private final PatronService patronService;
    private final ObjectMapper json;

    public ChangeFeed(EntityManager em, PatronService patronService, ObjectMapper json) {
        this.em = em;
        this.patronService = patronService;
        this.json = json;
    }

    /** A position in the feed: after this (transaction id, record id). */
    public record Cursor(BigInteger xactId, long id) {
        public static final Cursor START = new Cursor(BigInteger.ZERO, 0);

        /** The opaque form: base64url of "xact:id". */
        public String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((xactId + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        /**
         * Parses the opaque form; null or empty → the start.
         *
         * @throws ProblemException 400 field {@code after} when not a cursor this feed gave out
         */
        public static Cursor decode(String value) {
            if (value == null || value.isEmpty()) {
                return START;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII).split(":");
                if (parts.length != 2 || !parts[0].matches("\\d{1,20}") || !parts[1].matches("\\d{1,19}")) {
                    throw new IllegalArgumentException();
                }
                return new Cursor(new BigInteger(parts[0]), Long.parseLong(parts[1]));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("after", "a cursor from this feed", "Not a cursor given out by this feed");
            }
        }
    }

    /**
     * One change. {@code kind} CREATED, UPDATED (with {@code fields}), CARD_CHANGED (with {@code cardChange}
     * {added, retired, reason}), DELETED (a tombstone: {@code cardNumbers} only), or one of MEMBERSHIP_ADDED,
     * MEMBERSHIP_ACTIVATED, MEMBERSHIP_REMOVED, HOME_LIBRARY_CHANGED (with {@code membership} {libraryNumber, state,
     * home, previousHomeLibrary}; issue 16). {@code patron} is the
     * patron's current full record when the caller's library is an ACTIVE member library now (never a secret
     * address, R5), else absent.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Change(long changeId, String kind, UUID patronId, List<String> fields, JsonNode cardChange,
                         JsonNode membership, List<String> cardNumbers, String changedBy, Instant changedAt, Object patron) {
    }

    /** A page: the changes and the cursor to continue after (the same cursor when nothing new). */
    public record Page(List<Change> changes, String next, boolean more) {
    }

    /**
     * Changes for {@code libraryNumber} after {@code after}.
     *
     * @param limit 1..{@link #MAX_LIMIT}
     * @param withRecords include the current full record of each patron (members only)
     * @throws ProblemException 400 field {@code after} (bad cursor) or {@code limit}
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public Page page(String libraryNumber, String after, int limit, boolean withRecords) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "1.." + MAX_LIMIT, "limit is between 1 and " + MAX_LIMIT);
        }
        Cursor cursor = Cursor.decode(after);
        List<Object[]> rows = em.createNativeQuery("""
                        select c.id, c.kind, c.patron_id, c.fields, c.card_change::text, c.card_numbers, c.changed_by,
                               c.changed_at, c.xact_id::text, c.membership_change::text
                        from change_record_library l
                        join change_record c on c.id = l.change_id
                        where l.library_number = ?1
                          and (l.xact_id, l.change_id) > (cast(?2 as text)::xid8, ?3)
                          and l.xact_id < pg_snapshot_xmin(pg_current_snapshot())
                        order by l.xact_id, l.change_id
                        limit ?4""")
                .setParameter(1, libraryNumber).setParameter(2, cursor.xactId().toString()).setParameter(3, cursor.id())
                .setParameter(4, limit + 1).getResultList();
        boolean more = rows.size() > limit;
        if (more) {
            rows = rows.subList(0, limit);
        }
        Map<UUID, Views.FullView> records = withRecords ? visibleRecords(rows, libraryNumber) : Map.of();
        List<Change> changes = new ArrayList<>(rows.size());
        Cursor last = cursor;
        for (Object[] r : rows) {
            changes.add(change(r, records));
            last = new Cursor(new BigInteger((String) r[8]), ((Number) r[0]).longValue());
        }
        return new Page(changes, last.encode(), more);
    }

    /**
     * One change record exactly as the feed serves it to {@code libraryNumber} (with the current full record for
     * a member library), for webhook deliveries. Must run in a transaction.
     *
     * @return empty when the record does not exist or was not written for that library
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public java.util.Optional<Change> one(String libraryNumber, long changeId) {
        List<Object[]> rows = em.createNativeQuery("""
                        select id, kind, patron_id, fields, card_change::text, card_numbers, changed_by, changed_at,
                               xact_id::text, membership_change::text
                        from change_record
                        where id = ?1 and library_numbers @> array[cast(?2 as varchar(7))]""")
                .setParameter(1, changeId).setParameter(2, libraryNumber).getResultList();
        return rows.stream().findFirst().map(r -> change(r, visibleRecords(rows, libraryNumber)));
    }

    /**
     * The current full records {@code libraryNumber} may see for the patrons of these rows, read in three queries
     * (not three per patron): those of ACTIVE patrons with an ACTIVE membership there (R19); DELETED rows have none.
     */
    private Map<UUID, Views.FullView> visibleRecords(List<Object[]> rows, String libraryNumber) {
        java.util.Set<UUID> ids = new java.util.HashSet<>();
        for (Object[] r : rows) {
            if (!"DELETED".equals(r[1])) {
                ids.add((UUID) r[2]);
            }
        }
        Map<UUID, Views.FullView> visible = new HashMap<>();
        patronService.snapshots(ids).forEach((id, s) -> {
            if (s.patron().state == Patron.State.ACTIVE && s.isMemberOf(libraryNumber)) {
                visible.put(id, Views.FullView.of(s));
            }
        });
        return visible;
    }

    /** One row as the feed serves it; {@code patron} from {@code records} (absent: not visible or not asked). */
    private Change change(Object[] r, Map<UUID, Views.FullView> records) {
        String kind = (String) r[1];
        UUID patronId = (UUID) r[2];
        return new Change(((Number) r[0]).longValue(), kind, patronId, list(r[3]), tree((String) r[4]), tree((String) r[9]),
                "DELETED".equals(kind) ? list(r[5]) : null, (String) r[6], SqlValues.instant(r[7]),
                "DELETED".equals(kind) ? null : records.get(patronId));
    }

    private JsonNode tree(String value) {
        try {
            return value == null ? null : json.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(Object array) {
        if (array == null) {
            return null;
        }
        if (array instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (array instanceof Object[] a) {
            return Arrays.stream(a).map(String::valueOf).toList();
        }
        try {
            return Arrays.stream((Object[]) ((java.sql.Array) array).getArray()).map(String::valueOf).toList();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
