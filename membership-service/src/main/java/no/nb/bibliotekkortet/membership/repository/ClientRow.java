package no.nb.bibliotekkortet.membership.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import no.nb.bibliotekkortet.common.security.ClientEntry;
import no.nb.bibliotekkortet.common.security.ClientKind;

/** One row of the client registry (table {@code client}); library numbers stored comma separated. */
@Entity
@Table(name = "client")
public class ClientRow {

    @Id
    @Column(name = "client_id")
    public String clientId;

    public String kind;

    public String name;

    @Column(name = "library_numbers")
    public String libraryNumberList;

    @Column(name = "partner_id")
    public String partnerId;

    public boolean active;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The row as the shared registry entry type. */
    public ClientEntry toEntry() {
        Set<String> libraries = libraryNumberList == null || libraryNumberList.isBlank() ? Set.of()
                : new TreeSet<>(Arrays.asList(libraryNumberList.split(",")));
        return new ClientEntry(clientId, ClientKind.valueOf(kind), name, libraries, partnerId, active);
    }

    /** Copies an entry's values into this row (not the client id). */
    public void copyFrom(ClientEntry entry) {
        kind = entry.kind().name();
        name = entry.name();
        libraryNumberList = String.join(",", new TreeSet<>(entry.libraryNumbers()));
        partnerId = entry.partnerId();
        active = entry.active();
    }
}
