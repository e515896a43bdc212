package no.nb.bibliotekkortet.auth.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.nb.bibliotekkortet.auth.service.CredentialService;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.common.security.Roles;

/** Staff resets of a present patron's PIN/password by a member library (scope patrons.write). */
@Path("/api/v1/patron-credentials")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PatronCredentialResource {

    @Inject
    LibraryAccess access;

    @Inject
    CredentialService credentials;

    /**
     * Resets the PIN (and password when given) of the patron holding {@code cardNumber} and lifts every lock.
     * Header {@code Library-Number}: the library acting; the patron must hold an ACTIVE membership there.
     * 204; 400 malformed; 403 wrong library or not a member; 404 unknown card; 422 trivial PIN / weak password.
     */
    @POST
    @Path("/resets")
    @RolesAllowed(Roles.LIBRARY_PATRONS_WRITE)
    public void reset(@HeaderParam(LibraryAccess.HEADER) String libraryNumber, Dtos.ResetRequest body) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        Dtos.ResetRequest b = Inputs.body(body);
        Inputs.cardNumber(b.cardNumber(), "cardNumber");
        credentials.reset(libraryNumber, b.cardNumber(), b.pin(), b.password());
    }
}
