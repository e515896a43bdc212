package no.nb.bibliotekkortet.patron.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.patron.service.AccountLinkService;
import no.nb.bibliotekkortet.patron.service.CardService;
import no.nb.bibliotekkortet.patron.service.DigitalCards;
import no.nb.bibliotekkortet.patron.service.PatronService;
import no.nb.bibliotekkortet.patron.service.PatronSnapshot;
import no.nb.bibliotekkortet.patron.service.Views;

/**
 * Cards by staff (R12, R14; scope {@code patrons.write}/{@code patrons.read}, acting for {@code Library-Number}):
 * printed card for a digital one (R14), replacement for a lost card, linking a local card (R13), the card view.
 */
@Path("/api/v1/patrons/{cardNumber}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CardResource {

    /** {@code {cardNumber}}: the printed number from the library's series. */
    public record PrintedCardRequest(String cardNumber) {
    }

    /** {@code {lostCardNumber, cardNumber}}. */
    public record ReplacementRequest(String lostCardNumber, String cardNumber) {
    }

    /** {@code {localCardNumber}}: the library system's own number. */
    public record LocalCardRequest(String localCardNumber) {
    }

    /** The answer of a card exchange: the new and the retired number, and the full record. */
    public record CardChange(String issuedCardNumber, String retiredCardNumber, Views.FullView patron) {
    }

    /** The answer of a link: {@code deleteLocalCard: true} tells the library system to delete its local card (R13). */
    public record LocalCardLink(String libraryNumber, String localCardNumber, boolean deleteLocalCard, Views.FullView patron) {
    }

    @Inject
    CardService cards;

    @Inject
    AccountLinkService links;

    @Inject
    PatronService patrons;

    @Inject
    DigitalCards digitalCards;

    @Inject
    LibraryAccess access;

    /**
     * {@code POST /api/v1/patrons/{cardNumber}/printed-card} {cardNumber}: R14 swap.
     *
     * @return 200 {issuedCardNumber, retiredCardNumber, patron}; 400; 403; 404; 409 no digital card / printed
     *         card exists / number taken / concurrent swap; 422 outside the library's series; 503
     */
    @POST
    @Path("printed-card")
    @RolesAllowed(Roles.LIBRARY_PATRONS_WRITE)
    public CardChange printedCard(@HeaderParam(LibraryAccess.HEADER) String libraryNumber,
                                  @PathParam("cardNumber") String cardNumber, PrintedCardRequest body) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        requireBody(body);
        CardService.Outcome o = cards.printedForDigital(cardNumber, libraryNumber, body.cardNumber());
        return new CardChange(o.issued(), o.retired(), Views.FullView.of(o.patron()));
    }

    /**
     * {@code POST /api/v1/patrons/{cardNumber}/replacement-card} {lostCardNumber, cardNumber}: the lost printed
     * card is blocked and retired, the new printed number issued.
     *
     * @return 200 {issuedCardNumber, retiredCardNumber, patron}; 400; 403; 404; 409; 422; 503
     */
    @POST
    @Path("replacement-card")
    @RolesAllowed(Roles.LIBRARY_PATRONS_WRITE)
    public CardChange replacementCard(@HeaderParam(LibraryAccess.HEADER) String libraryNumber,
                                      @PathParam("cardNumber") String cardNumber, ReplacementRequest body) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        requireBody(body);
        CardService.Outcome o = cards.replaceLost(cardNumber, libraryNumber, body.lostCardNumber(), body.cardNumber());
        return new CardChange(o.issued(), o.retired(), Views.FullView.of(o.patron()));
    }

    /**
     * {@code POST /api/v1/patrons/{cardNumber}/local-cards} {localCardNumber}: R13 link.
     *
     * @return 201 new link / 200 the same link again, with {@code deleteLocalCard: true}; 400; 404; 409 linked
     *         to another patron; 503
     */
    @POST
    @Path("local-cards")
    @RolesAllowed(Roles.LIBRARY_PATRONS_WRITE)
    public Response linkLocalCard(@HeaderParam(LibraryAccess.HEADER) String libraryNumber,
                                  @PathParam("cardNumber") String cardNumber, LocalCardRequest body) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        requireBody(body);
        AccountLinkService.Linked l = links.linkLocalCard(cardNumber, libraryNumber, body.localCardNumber());
        return Response.status(l.created() ? 201 : 200)
                .entity(new LocalCardLink(l.libraryNumber(), l.localCardNumber(), true, Views.FullView.of(l.patron()))).build();
    }

    /**
     * {@code GET /api/v1/patrons/{cardNumber}/card} (scope {@code patrons.read}): the digital card for staff at
     * an ACTIVE member library (R9).
     *
     * @return 200 {cardNumber, kind, name, homeLibrary, barcode {format, text, width, height, svg, png}};
     *         403 not a member library; 404 unknown or retired number (R1)
     */
    @GET
    @Path("card")
    @RolesAllowed(Roles.LIBRARY_PATRONS_READ)
    public DigitalCards.CardView card(@HeaderParam(LibraryAccess.HEADER) String libraryNumber,
                                      @PathParam("cardNumber") String cardNumber) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        PatronSnapshot s = patrons.byCardNumber(cardNumber);
        if (!s.isMemberOf(libraryNumber)) {
            throw ProblemException.forbidden("not-a-member-library", "Only the patron's member libraries may show the card (R19)");
        }
        return digitalCards.of(s, cardNumber);
    }

    static void requireBody(Object body) {
        if (body == null) {
            throw ProblemException.badRequest(null, "a JSON body is required", "A JSON body is required");
        }
    }
}
