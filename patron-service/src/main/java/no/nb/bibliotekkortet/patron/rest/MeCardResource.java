package no.nb.bibliotekkortet.patron.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.patron.domain.SelfViewPolicy;
import no.nb.bibliotekkortet.patron.service.DigitalCards;
import no.nb.bibliotekkortet.patron.service.PatronSnapshot;
import no.nb.bibliotekkortet.patron.service.SelfService;

/** {@code GET /api/v1/me/card} (R9): the patron's own digital card with its barcode. */
@Path("/api/v1/me/card")
@Produces(MediaType.APPLICATION_JSON)
public class MeCardResource {

    @Inject
    Caller caller;

    @Inject
    SelfService self;

    @Inject
    DigitalCards cards;

    /**
     * The card (ID-porten at substantial/high, or an auth-service patron token at low/substantial): the active
     * printed card, else the active digital one.
     *
     * @return 200 {cardNumber, kind, name, homeLibrary {libraryNumber, name}, barcode {format CODE_128, text,
     *         width, height, svg, png (base64)}}; 401; 403 other login level; 404 not registered / no active card
     */
    @GET
    @RolesAllowed({Roles.CITIZEN, Roles.PATRON})
    public DigitalCards.CardView card() {
        SelfViewPolicy.View view = SelfViewPolicy.decide(caller.tokenKind().orElse(null), caller.acr().orElse(null));
        PatronSnapshot s = view == SelfViewPolicy.View.FULL ? self.own(caller.identityNumber().orElseThrow())
                : self.ownById(caller.patronId().orElse(null));
        if (s == null) {
            throw ProblemException.notFound("not-registered", "Not registered");
        }
        return cards.own(s);
    }
}
