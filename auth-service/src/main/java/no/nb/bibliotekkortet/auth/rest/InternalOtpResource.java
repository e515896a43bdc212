package no.nb.bibliotekkortet.auth.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import no.nb.bibliotekkortet.auth.service.OneTimeCodeService;
import no.nb.bibliotekkortet.auth.domain.OtpReason;
import no.nb.bibliotekkortet.auth.domain.Purpose;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Roles;

/** Internal contract {@code POST /internal/v1/otp/consume} (ARCHITECTURE.md) for the services that own a change. */
@Path("/internal/v1/otp")
@RolesAllowed(Roles.SERVICE_INTERNAL)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalOtpResource {

    @Inject
    OneTimeCodeService codes;

    /**
     * Consumes a one-time code: single use, bound to patron and purpose, 10 minutes, at most 5 wrong tries.
     *
     * @return 200 {@code {"valid": true}} when consumed (a second call answers USED); 200 {@code {"valid": false,
     *         "reason": INVALID|EXPIRED|USED|WRONG_PURPOSE|TOO_MANY_TRIES}} otherwise; 400 a field missing or
     *         {@code purpose} unknown / {@code patronId} malformed
     */
    @POST
    @Path("/consume")
    public Dtos.OtpConsumeAnswer consume(Dtos.OtpConsumeRequest body) {
        Dtos.OtpConsumeRequest b = Inputs.body(body);
        for (String[] f : new String[][] {{"otpId", b.otpId()}, {"code", b.code()}, {"purpose", b.purpose()}}) {
            if (f[1] == null || f[1].isEmpty()) {
                throw ProblemException.badRequest(f[0], "required", f[0] + " is required");
            }
        }
        Inputs.patronId(b.patronId(), "patronId");
        Purpose purpose = Purpose.ofCode(b.purpose()).orElseThrow(() -> ProblemException.badRequest("purpose",
                "login|change-personal-data|change-pin|change-password", "Unknown purpose"));
        Optional<OtpReason> refused = codes.consume(b.otpId(), b.code(), purpose, b.patronId());
        return new Dtos.OtpConsumeAnswer(refused.isEmpty(), refused.map(Enum::name).orElse(null));
    }
}
