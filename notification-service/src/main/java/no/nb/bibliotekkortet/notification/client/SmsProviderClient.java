package no.nb.bibliotekkortet.notification.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * A plain HTTP SMS provider: {@code POST <url>/messages} with a JSON body, HTTP basic authentication
 * when credentials are configured; any 2xx means accepted. URL and timeouts are
 * {@code quarkus.rest-client.sms-provider.*}. The provider splits multi-part messages itself; the body
 * tells it the encoding and the number of parts this service counted.
 */
@RegisterRestClient(configKey = "sms-provider")
@Path("/messages")
public interface SmsProviderClient {

    /**
     * One SMS: {@code from} sender name, {@code to} E.164 number, {@code text} the full text,
     * {@code encoding} {@code GSM7} or {@code UCS2}, {@code parts} the number of parts, {@code reference}
     * the notification id (lets the provider drop a duplicate).
     */
    record SmsMessage(String from, String to, String text, String encoding, int parts, String reference) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response send(@HeaderParam("Authorization") String authorization, SmsMessage message);
}
