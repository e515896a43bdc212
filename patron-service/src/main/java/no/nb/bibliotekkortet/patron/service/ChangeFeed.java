package no.nb.bibliotekkortet.patron.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.patron.repository.ChangeRecordReader;
import no.nb.bibliotekkortet.patron.repository.Patron;

/**
 * The change feed for library systems (R15, R19): change records of the patrons who were members of the
 * caller's library when each record was written, after an opaque cursor. Order and cursor are
 * (transaction id, record id); only records whose transaction id is below the oldest running transaction
 * ({@code pg_snapshot_xmin(pg_current_snapshot())}) are served, so a record of a transaction still running
 * (which may commit after later ids) is served later, never skipped.
 */
@ApplicationScoped
public class ChangeFeed {

    /** Largest page. */
    public static final int MAX_LIMIT = 1000;

    private final ChangeRecordReader records;
    private final PatronService patronService;
    private final ObjectMapper json;

    public ChangeFeed(ChangeRecordReader records, PatronService patronService, ObjectMapper json) {
        this.records = records;
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
    public Page page(String libraryNumber, String after, int limit, boolean withRecords) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "1.." + MAX_LIMIT, "limit is between 1 and " + MAX_LIMIT);
        }
        Cursor cursor = Cursor.decode(after);
        List<ChangeRecordReader.StoredChange> rows = records.after(libraryNumber, cursor.xactId(), cursor.id(), limit + 1);
        boolean more = rows.size() > limit;
        if (more) {
            rows = rows.subList(0, limit);
        }
        Map<UUID, Views.FullView> visible = withRecords ? visibleRecords(rows, libraryNumber) : Map.of();
        List<Change> changes = new ArrayList<>(rows.size());
        Cursor last = cursor;
        for (ChangeRecordReader.StoredChange r : rows) {
            changes.add(change(r, visible));
            last = new Cursor(r.xactId(), r.id());
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
    public java.util.Optional<Change> one(String libraryNumber, long changeId) {
        return records.one(libraryNumber, changeId).map(r -> change(r, visibleRecords(List.of(r), libraryNumber)));
    }

    /**
     * The current full records {@code libraryNumber} may see for the patrons of these rows, read in three queries
     * (not three per patron): those of ACTIVE patrons with an ACTIVE membership there (R19); DELETED rows have none.
     */
    private Map<UUID, Views.FullView> visibleRecords(List<ChangeRecordReader.StoredChange> rows, String libraryNumber) {
        java.util.Set<UUID> ids = new java.util.HashSet<>();
        for (ChangeRecordReader.StoredChange r : rows) {
            if (!"DELETED".equals(r.kind())) {
                ids.add(r.patronId());
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
    private Change change(ChangeRecordReader.StoredChange r, Map<UUID, Views.FullView> records) {
        String kind = r.kind();
        UUID patronId = r.patronId();
        return new Change(r.id(), kind, patronId, r.fields(), tree(r.cardChange()), tree(r.membershipChange()),
                "DELETED".equals(kind) ? r.cardNumbers() : null, r.changedBy(), r.changedAt(),
                "DELETED".equals(kind) ? null : records.get(patronId));
    }

    private JsonNode tree(String value) {
        try {
            return value == null ? null : json.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
