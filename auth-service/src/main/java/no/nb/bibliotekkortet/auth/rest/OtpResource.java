package no.nb.bibliotekkortet.auth.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.nb.bibliotekkortet.auth.service.OneTimeCodeService;
import no.nb.bibliotekkortet.auth.domain.Purpose;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Roles;

/** One-time codes requested by a logged-in patron (R16). */
@Path("/api/v1/otp")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OtpResource {

    @Inject
    PatronCaller patron;

    @Inject
    OneTimeCodeService codes;

    /**
     * {@code POST /api/v1/otp} {purpose, channel?}: a code for {@code change-personal-data}, {@code change-pin}
     * or {@code change-password}, sent to the patron's e-mail or mobile on record (for a change of e-mail or
     * phone: the current one; the request cannot name an address). Login codes come from the login flow.
     *
     * @return 202 {otpId, channel, expiresAt} — never the code; 400 purpose/channel malformed or unknown field;
     *         401 no token; 403 other logins or a patron token below the chosen level; 404 citizen not a
     *         patron; 422 {@code purpose} login, {@code channel} without an address; 429 5 codes per hour
     */
    @POST
    @RolesAllowed({Roles.CITIZEN, Roles.PATRON})
    public Response request(Dtos.OtpRequest body) {
        Dtos.OtpRequest b = Inputs.body(body);
        if (b.purpose() == null) {
            throw ProblemException.badRequest("purpose", "required", "The purpose is required");
        }
        Purpose purpose = Purpose.ofCode(b.purpose()).orElseThrow(() -> ProblemException.badRequest("purpose",
                "login|change-personal-data|change-pin|change-password", "Unknown purpose"));
        if (purpose == Purpose.LOGIN) {
            throw ProblemException.unprocessable("login-code-from-login", "Login codes come from the login",
                    "A login code is sent by POST /api/v1/patron-sessions after card + PIN", "purpose",
                    "not login");
        }
        String channel = Inputs.channel(b.channel());
        OneTimeCodeService.Issued issued = codes.issue(patron.patronId(), purpose, channel);
        return Response.accepted(new Dtos.OtpIssued(issued.otpId().toString(), issued.channel(), issued.expiresAt()))
                .build();
    }
}
