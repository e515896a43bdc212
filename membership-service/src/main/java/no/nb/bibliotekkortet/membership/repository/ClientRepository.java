package no.nb.bibliotekkortet.membership.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The client registry table. */
@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<ClientRow, String> {
}
