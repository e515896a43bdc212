package no.nb.bibliotekkortet.patron.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.patron.domain.SelfViewPolicy;
import no.nb.bibliotekkortet.patron.domain.SelfViewPolicy.View;
import no.nb.bibliotekkortet.patron.service.Requests.ChildRegistrationRequest;
import no.nb.bibliotekkortet.patron.service.Requests.SelfChangeRequest;
import no.nb.bibliotekkortet.patron.service.Requests.SelfRegistrationRequest;
import no.nb.bibliotekkortet.patron.service.NewPatron;
import no.nb.bibliotekkortet.patron.service.PatronSnapshot;
import no.nb.bibliotekkortet.patron.service.RegistrationService;
import no.nb.bibliotekkortet.patron.service.SelfService;
import no.nb.bibliotekkortet.patron.service.Views;

/**
 * The citizen's and patron's own API (R9, R16, R22): self-registration, one's own record (full with ID-porten,
 * limited with an auth-service login, decided by {@link SelfViewPolicy}), changes with a one-time code, and a
 * guardian's children. The identity number always comes from the ID-porten token ({@code pid}), never from a URL.
 */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    Caller caller;

    @Inject
    RegistrationService registration;

    @Inject
    SelfService self;

    @Inject
    no.nb.bibliotekkortet.patron.lifecycle.UnregistrationService unregistration;

    /**
     * {@code POST /api/v1/me}: self-registration with ID-porten (substantial/high).
     *
     * @return 201 with the full record and {@code Location: /api/v1/me}; 403 under 15 ({@code guardian-required})
     *         or another login; 409 already registered (card numbers in the detail); 400/422/503 as
     *         {@link RegistrationService#registerSelf} says
     */
    @POST
    @RolesAllowed(Roles.CITIZEN)
    public Response register(SelfRegistrationRequest request) {
        String pid = citizen();
        PatronSnapshot s = registration.registerSelf(pid, request);
        return Response.created(URI.create("/api/v1/me")).entity(Views.FullView.of(s)).build();
    }

    /**
     * {@code GET /api/v1/me}: with ID-porten the full record incl. the children the caller is guardian of; with
     * an auth-service patron token the limited view (name, card numbers, libraries, masked e-mail and phone).
     *
     * @return 200; 403 for other logins; 404 {@code not-registered}
     */
    @GET
    @RolesAllowed({Roles.CITIZEN, Roles.PATRON})
    public Object me() {
        View view = SelfViewPolicy.decide(caller.tokenKind().orElse(null), caller.acr().orElse(null));
        if (view == View.FULL) {
            String pid = caller.identityNumber().orElseThrow();
            return Views.FullView.of(self.own(pid)).withChildren(self.children(pid));
        }
        return Views.OwnLimitedView.of(self.ownById(caller.patronId().orElse(null)));
    }

    /**
     * {@code PATCH /api/v1/me} {otpId, code, email?, phones?, preferredChannel?, temporaryAddress?, language?}:
     * the patron's own change, confirmed by a one-time code for {@code change-personal-data} (R16).
     *
     * @return 200 with the caller's view of the changed record; 403 without/with a refused code (nothing changed)
     */
    @PATCH
    @RolesAllowed({Roles.CITIZEN, Roles.PATRON})
    public Object change(SelfChangeRequest request) {
        View view = SelfViewPolicy.decide(caller.tokenKind().orElse(null), caller.acr().orElse(null));
        PatronSnapshot current = view == View.FULL ? self.own(caller.identityNumber().orElseThrow())
                : self.ownById(caller.patronId().orElse(null));
        PatronSnapshot changed = self.change(current, NewPatron.SELF, request);
        return view == View.FULL ? Views.FullView.of(changed) : Views.OwnLimitedView.of(changed);
    }

    /**
     * {@code DELETE /api/v1/me} (also {@code POST /api/v1/me/unregistration}): the citizen deletes their entry in
     * the national register (R20, ID-porten only); every effect goes through the outbox.
     *
     * @return 200 {patronId, retiredCardNumbers, libraries [{libraryNumber, name}], message}; 403 other logins;
     *         404 {@code not-registered}
     */
    @jakarta.ws.rs.DELETE
    @RolesAllowed(Roles.CITIZEN)
    public no.nb.bibliotekkortet.patron.lifecycle.UnregistrationService.Unregistered unregister() {
        return unregistration.bySelf(citizen());
    }

    /** {@code POST /api/v1/me/unregistration}: as {@link #unregister()}, for clients that cannot send DELETE. */
    @POST
    @Path("unregistration")
    @RolesAllowed(Roles.CITIZEN)
    public no.nb.bibliotekkortet.patron.lifecycle.UnregistrationService.Unregistered unregistration() {
        return unregistration.bySelf(citizen());
    }

    /** {@code GET /api/v1/me/children}: the guardian's children under 15 (ID-porten). */
    @GET
    @Path("children")
    @RolesAllowed(Roles.CITIZEN)
    public List<Views.ChildView> children() {
        return self.children(citizen());
    }

    /**
     * {@code POST /api/v1/me/children}: a guardian registers a child under 15 (R22).
     *
     * @return 201 with the child view, {@code Location: /api/v1/me/children/{cardNumber}}; 409 identity number
     *         already registered; 422 child 15 or older; as {@link RegistrationService#registerChild}
     */
    @POST
    @Path("children")
    @RolesAllowed(Roles.CITIZEN)
    public Response registerChild(ChildRegistrationRequest request) {
        String pid = citizen();
        PatronSnapshot s = registration.registerChild(pid, request);
        String card = s.cards().get(0).cardNumber;
        return Response.created(URI.create("/api/v1/me/children/" + card)).entity(self.childView(pid, card)).build();
    }

    /**
     * {@code GET /api/v1/me/children/{cardNumber}}: the child's full record, until the day before the 15th birthday.
     *
     * @return 200; 403 {@code not-guardian} or {@code guardian-access-ended}; 404 unknown card
     */
    @GET
    @Path("children/{cardNumber}")
    @RolesAllowed(Roles.CITIZEN)
    public Views.FullView child(@PathParam("cardNumber") String cardNumber) {
        return Views.FullView.of(self.child(citizen(), cardNumber));
    }

    /**
     * {@code PATCH /api/v1/me/children/{cardNumber}}: the guardian changes the child's temporary address, language
     * or contact data with a one-time code issued for the child (R16, R22).
     *
     * @return 200 full record; 403 as for {@link #child} and for a missing/refused code
     */
    @PATCH
    @Path("children/{cardNumber}")
    @RolesAllowed(Roles.CITIZEN)
    public Views.FullView changeChild(@PathParam("cardNumber") String cardNumber, SelfChangeRequest request) {
        PatronSnapshot child = self.child(citizen(), cardNumber);
        return Views.FullView.of(self.change(child, NewPatron.GUARDIAN, request));
    }

    /** The ID-porten caller's {@code pid}, after checking the login level (403 otherwise). */
    private String citizen() {
        View view = SelfViewPolicy.decide(caller.tokenKind().orElse(null), caller.acr().orElse(null));
        if (view != View.FULL) {
            throw no.nb.bibliotekkortet.common.problem.ProblemException.forbidden("id-porten-required",
                    "This needs a login with ID-porten");
        }
        return caller.identityNumber().orElseThrow(() -> no.nb.bibliotekkortet.common.problem.ProblemException
                .forbidden("id-porten-required", "This needs a login with ID-porten"));
    }
}
