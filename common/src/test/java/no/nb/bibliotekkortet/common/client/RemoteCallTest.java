package no.nb.bibliotekkortet.common.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemoteCallTest {

    private static WebApplicationException answered(int status, String body) {
        return new WebApplicationException(Response.status(status).entity(body).build());
    }

    @Test
    void aTwoHundredIsTheValueAndA404IsEmpty() {
        assertEquals(Optional.of("x"), RemoteCall.call("patron-service", () -> "x"));
        assertEquals(Optional.empty(), RemoteCall.call("patron-service", () -> null));
        assertEquals(Optional.empty(), RemoteCall.call("patron-service", () -> {
            throw answered(404, "{\"status\":404}");
        }));
    }

    @Test
    void anyOtherAnswerIsA503ProblemWithRetryAfterKeepingTheStatusAndBodyForTheCaller() {
        DownstreamException e = assertThrows(DownstreamException.class, () -> RemoteCall.call("numberseries-service", () -> {
            throw answered(409, "{\"type\":\"card-number-taken\"}");
        }));
        assertEquals("numberseries-service", e.service());
        assertEquals(409, e.status());
        assertEquals(503, e.problem().status());
        assertTrue(e.problem().type().endsWith("/downstream-unavailable"), e.problem().type());
        assertEquals("5", e.headers().get("Retry-After"));
    }

    @Test
    void noAnswerIsStatusZero() {
        DownstreamException e = assertThrows(DownstreamException.class, () -> RemoteCall.call("auth-service", () -> {
            throw new ProcessingException("connection refused");
        }));
        assertEquals(0, e.status());
        assertTrue(e.problem().detail().contains("did not answer"), e.problem().detail());
    }

    @Test
    void runTreatsA404AsAFailure() {
        assertEquals(404, assertThrows(DownstreamException.class, () -> RemoteCall.run("auth-service", () -> {
            throw answered(404, null);
        })).status());
    }
}
