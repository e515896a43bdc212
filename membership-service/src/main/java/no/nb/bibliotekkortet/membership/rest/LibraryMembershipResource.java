package no.nb.bibliotekkortet.membership.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
 * A library's staff work on memberships with the patron present (scope {@code memberships}, acting for
 * the library in the path): add (R19), activate in person (R10), move the home library (R8).
 */
@Path("/api/v1/libraries/{libraryNumber}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.LIBRARY_MEMBERSHIPS, Roles.BACK_OFFICE_MEMBERSHIPS})
public class LibraryMembershipResource {

    @Inject
    LibraryAccess access;

    @Inject
    Callers callers;

    @Inject
    MembershipService memberships;

    /**
     * Adds the patron holding {@code cardNumber} as an ACTIVE member (IN_PERSON acceptance of the current
     * rules); notifies the patron (R19). 201 new, 200 already active, 409 pending (activate it instead),
     * 404 unknown library or card.
     */
    @POST
    @Path("/memberships")
    public Response add(@PathParam("libraryNumber") String libraryNumber, @NotNull @Valid Requests.CardNumber body) {
        access.requireActingFor(libraryNumber, "libraryNumber");
        String patronId = callers.patronByCard(body.cardNumber());
        MembershipService.Outcome o = memberships.addByLibrary(libraryNumber, patronId);
        return Response.status(o.created() ? 201 : 200).entity(Views.MembershipView.of(o.listed())).build();
    }

    /** Activates the patron's pending membership in person (R10). 200; 404 when the patron is not a member. */
    @POST
    @Path("/memberships/activation")
    public Views.MembershipView activate(@PathParam("libraryNumber") String libraryNumber, @NotNull @Valid Requests.CardNumber body) {
        access.requireActingFor(libraryNumber, "libraryNumber");
        String patronId = callers.patronByCard(body.cardNumber());
        return Views.MembershipView.of(memberships.activateByStaff(libraryNumber, patronId).listed());
    }

    /**
     * Moves the patron's home library to another ACTIVE membership (R8); the acting library must be one of
     * the patron's. 200 with the patron's memberships; 403 not a member library; 404; 409 pending.
     */
    @PUT
    @Path("/home-library")
    public List<Views.MembershipView> moveHome(@PathParam("libraryNumber") String libraryNumber,
                                               @NotNull @Valid Requests.StaffHomeLibrary body) {
        access.requireActingFor(libraryNumber, "libraryNumber");
        LibraryAccess.requireWellFormed(body.libraryNumber(), "libraryNumber");
        String patronId = callers.patronByCard(body.cardNumber());
        return Views.MembershipView.of(memberships.moveHomeByStaff(libraryNumber, patronId, body.libraryNumber()));
    }
}
