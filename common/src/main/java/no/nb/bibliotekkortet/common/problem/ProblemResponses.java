package no.nb.bibliotekkortet.common.problem;

import jakarta.ws.rs.core.Response;

/** Builds JAX-RS responses carrying a {@link Problem} as {@code application/problem+json}. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
