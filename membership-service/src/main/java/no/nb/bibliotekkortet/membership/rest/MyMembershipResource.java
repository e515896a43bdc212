package no.nb.bibliotekkortet.membership.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.membership.service.MembershipService;

/**
 * The patron's own libraries (R8, R10): citizens (ID-porten, resolved through patron-service) and
 * auth-service patron tokens. A request naming another patron → 403.
 */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CITIZEN, Roles.PATRON})
public class MyMembershipResource {

    @Inject
    Callers callers;

    @Inject
    MembershipService memberships;

    /** "My libraries": library number and name, state, home flag, accepted rules version. */
    @GET
    @Path("/memberships")
    public List<Views.MembershipView> myLibraries() {
        return Views.MembershipView.of(memberships.ofPatron(callers.patronId()));
    }

    /** Adds a library: 201 PENDING_ACTIVATION; 200 when already pending; 409 when already ACTIVE; 404; 400. */
    @POST
    @Path("/memberships")
    public Response add(@NotNull @Valid Requests.AddLibrary body) {
        LibraryAccess.requireWellFormed(body.libraryNumber(), "libraryNumber");
        String patronId = callers.patronId(body.patronId());
        MembershipService.Outcome o = memberships.addByPatron(patronId, body.libraryNumber());
        return Response.status(o.created() ? 201 : 200).entity(Views.MembershipView.of(o.listed())).build();
    }

    /**
     * Activates a membership digitally (R10) accepting {@code rulesVersion}: 200; 409 at IN_PERSON libraries
     * or for a stale version (naming the current one); 404 no such membership.
     */
    @POST
    @Path("/memberships/{libraryNumber}/activation")
    public Views.MembershipView activate(@PathParam("libraryNumber") String libraryNumber, @NotNull @Valid Requests.Activation body) {
        LibraryAccess.requireWellFormed(libraryNumber, "libraryNumber");
        String patronId = callers.patronId(body.patronId());
        return Views.MembershipView.of(memberships.activateByPatron(patronId, libraryNumber, body.rulesVersion()).listed());
    }

    /** Moves the home library to an ACTIVE membership (R8): 200 with all memberships; 409 pending; 404. */
    @PUT
    @Path("/home-library")
    public List<Views.MembershipView> moveHome(@NotNull @Valid Requests.HomeLibrary body) {
        LibraryAccess.requireWellFormed(body.libraryNumber(), "libraryNumber");
        String patronId = callers.patronId(body.patronId());
        return Views.MembershipView.of(memberships.moveHome(patronId, body.libraryNumber()));
    }
}
