package no.nb.bibliotekkortet.patron.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.patron.service.Requests.RegistrationRequest;
import no.nb.bibliotekkortet.patron.service.Requests.SearchRequest;
import no.nb.bibliotekkortet.patron.service.Requests.UpdateRequest;
import no.nb.bibliotekkortet.patron.service.PatronService;
import no.nb.bibliotekkortet.patron.service.PatronSnapshot;
import no.nb.bibliotekkortet.patron.service.RegistrationService;
import no.nb.bibliotekkortet.patron.service.Views;

/**
 * Library systems' patron API (R6, R8, R19, R5). Every call acts for the library in the {@code Library-Number}
 * header, checked against the client registry (403 otherwise).
 */
@Path("/api/v1/patrons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PatronResource {

    @Inject
    RegistrationService registration;

    @Inject
    PatronService patrons;

    @Inject
    LibraryAccess access;

    @Inject
    no.nb.bibliotekkortet.patron.service.SelfService self;

    /**
     * {@code POST /api/v1/patrons}: registration by staff (scope {@code patrons.write}).
     *
     * @return 201 with the full view and {@code Location: /api/v1/patrons/{cardNumber}}; 400/403/409/422/503 as
     *         {@link RegistrationService#register} says
     */
    @POST
    @RolesAllowed(Roles.LIBRARY_PATRONS_WRITE)
    public Response register(@HeaderParam(LibraryAccess.HEADER) String libraryNumber, RegistrationRequest request) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        PatronSnapshot s = registration.register(libraryNumber, request);
        String card = s.cards().get(0).cardNumber;
        return Response.created(URI.create("/api/v1/patrons/" + card)).entity(Views.FullView.of(s)).build();
    }

    /**
     * {@code GET /api/v1/patrons/{cardNumber}} (scope {@code patrons.read}): the full view for an ACTIVE member
     * library, the limited view otherwise (R19).
     *
     * @return 200; 400 malformed card number; 404 unknown
     */
    @GET
    @Path("{cardNumber}")
    @RolesAllowed(Roles.LIBRARY_PATRONS_READ)
    public Object byCardNumber(@HeaderParam(LibraryAccess.HEADER) String libraryNumber,
                               @PathParam("cardNumber") String cardNumber) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        return view(patrons.lookUpByCardNumber(cardNumber), libraryNumber);
    }

    /**
     * {@code POST /api/v1/patrons/search} {identityNumber} (scope {@code patrons.read}): lookup by identity number,
     * kept out of URLs and logs. Same views as by card number.
     *
     * @return 200; 400/422 for a number the register does not accept; 404 when nobody has it
     */
    @POST
    @Path("search")
    @RolesAllowed(Roles.LIBRARY_PATRONS_READ)
    public Object search(@HeaderParam(LibraryAccess.HEADER) String libraryNumber, SearchRequest request) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        return view(patrons.lookUpByIdentityNumber(request == null ? null : request.identityNumber()), libraryNumber);
    }

    /**
     * {@code PATCH /api/v1/patrons/{cardNumber}} (scope {@code patrons.write}): staff at an ACTIVE member library
     * change contact data, addresses, the secret-address flag.
     *
     * @return 200 with the full view; 403 for a non-member library; 422 address for a secret address (R5)
     */
    @PATCH
    @Path("{cardNumber}")
    @RolesAllowed(Roles.LIBRARY_PATRONS_WRITE)
    public Views.FullView update(@HeaderParam(LibraryAccess.HEADER) String libraryNumber,
                                 @PathParam("cardNumber") String cardNumber, UpdateRequest request) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        return Views.FullView.of(patrons.update(cardNumber, libraryNumber, request));
    }

    /**
     * {@code POST /api/v1/patrons/{cardNumber}/guardianship-confirmation} (scope {@code patrons.write}): staff at
     * an ACTIVE member library of the child confirm in person the relationship a guardian declared (R22).
     *
     * @return 200 the child's relationships [{declaredBy, declaredAt, confirmed, confirmedBy, confirmedAt}];
     *         403 non-member library; 404 unknown card or no guardianship
     */
    @POST
    @Path("{cardNumber}/guardianship-confirmation")
    @RolesAllowed(Roles.LIBRARY_PATRONS_WRITE)
    public java.util.List<Views.RelationshipView> confirmGuardianship(@HeaderParam(LibraryAccess.HEADER) String libraryNumber,
                                                                      @PathParam("cardNumber") String cardNumber) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        return self.confirmGuardianship(cardNumber, libraryNumber).stream().map(Views.RelationshipView::of).toList();
    }

    private static Object view(PatronSnapshot s, String libraryNumber) {
        return s.isMemberOf(libraryNumber) ? Views.FullView.of(s) : Views.LimitedView.of(s);
    }
}
