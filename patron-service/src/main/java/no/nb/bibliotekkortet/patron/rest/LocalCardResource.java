package no.nb.bibliotekkortet.patron.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.patron.service.AccountLinkService;
import no.nb.bibliotekkortet.patron.service.PatronSnapshot;
import no.nb.bibliotekkortet.patron.service.Views;

/** {@code GET /api/v1/local-cards/{localCardNumber}} (R13): lookup by the caller library's own local number. */
@Path("/api/v1/local-cards")
@Produces(MediaType.APPLICATION_JSON)
public class LocalCardResource {

    @Inject
    AccountLinkService links;

    @Inject
    LibraryAccess access;

    /**
     * The national account linked to (Library-Number, local number); scope {@code patrons.read}. Scoped to the
     * library: the same local number at another library is not found.
     *
     * @return 200 full view (member) or limited view; 400 malformed; 404 {@code local-card-not-linked}
     */
    @GET
    @Path("{localCardNumber}")
    @RolesAllowed(Roles.LIBRARY_PATRONS_READ)
    public Object byLocalCard(@HeaderParam(LibraryAccess.HEADER) String libraryNumber,
                              @PathParam("localCardNumber") String localCardNumber) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        PatronSnapshot s = links.byLocalCard(libraryNumber, localCardNumber);
        return s.isMemberOf(libraryNumber) ? Views.FullView.of(s) : Views.LimitedView.of(s);
    }
}
