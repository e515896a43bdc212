package no.nb.bibliotekkortet.membership.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.membership.service.MembershipService;
import no.nb.bibliotekkortet.membership.service.MembershipState;

/**
 * A library's staff work on memberships with the patron present (scope {@code memberships}, acting for
 * the library in the path): list the library's members (issue 16), add (R19), activate in person (R10), move the
 * home library (R8).
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
     * {@code GET /api/v1/libraries/{L}/memberships?state=&after=&limit=}: the staff list of library L's members, for
     * L's own library system only (or the back office), in the order they joined: {@code {memberships: [{patronId,
     * libraryNumber, libraryName, state, home, rulesVersion, acceptance, acceptedAt, version}], next}}; {@code next} is
     * the opaque cursor for the following page, null on the last. Patron ids are those of the change feed.
     *
     * @param state ACTIVE or PENDING_ACTIVATION, absent for both
     * @param after a cursor from an earlier page
     * @param limit 1..1000, default 100
     * @return 200; 400 naming {@code state}, {@code after} or {@code limit}; 403 another library's; 404 unknown library
     */
    @GET
    @Path("/memberships")
    public Views.MembershipPage list(@PathParam("libraryNumber") String libraryNumber, @QueryParam("state") String state,
                                     @QueryParam("after") String after, @QueryParam("limit") @DefaultValue("100") String limit) {
        access.requireActingFor(libraryNumber, "libraryNumber");
        MembershipState wanted = null;
        if (state != null) {
            try {
                wanted = MembershipState.valueOf(state);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("state", "ACTIVE or PENDING_ACTIVATION",
                        "state is ACTIVE or PENDING_ACTIVATION (absent for both)");
            }
        }
        int size = limit.matches("[0-9]{1,4}") ? Integer.parseInt(limit) : -1;
        if (size < 1 || size > MembershipService.MAX_PAGE) {
            throw ProblemException.badRequest("limit", "1.." + MembershipService.MAX_PAGE,
                    "limit is a whole number between 1 and " + MembershipService.MAX_PAGE);
        }
        MembershipService.LibraryPage page = memberships.ofLibrary(libraryNumber, wanted, after, size);
        return new Views.MembershipPage(Views.MembershipView.of(page.memberships()), page.next());
    }

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
