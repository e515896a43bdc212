package no.nb.bibliotekkortet.notification.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import no.nb.bibliotekkortet.notification.config.NotificationConfig;
import no.nb.bibliotekkortet.notification.service.DeliveryException;
import no.nb.bibliotekkortet.notification.service.SmsEncoding;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Sends one SMS through the configured HTTP SMS provider ({@link SmsProviderClient}). */
@ApplicationScoped
public class SmsSender {

    private final SmsProviderClient client;
    private final NotificationConfig config;

    public SmsSender(@RestClient SmsProviderClient client, NotificationConfig config) {
        this.client = client;
        this.config = config;
    }

    /**
     * @param notificationId reference passed to the provider
     * @param to             E.164 number
     * @param text           the whole text; encoding and parts are counted by {@link SmsEncoding}
     * @throws DeliveryException temporary for 5xx, 429 and connection problems; permanent for other 4xx
     */
    public void send(UUID notificationId, String to, String text) {
        SmsEncoding.Measure measure = SmsEncoding.measure(text);
        var message = new SmsProviderClient.SmsMessage(config.sms().senderName(), to, text,
                measure.encoding().name(), measure.parts(), notificationId.toString());
        try (Response response = client.send(authorization(), message)) {
            check(response.getStatus());
        } catch (WebApplicationException e) {
            check(e.getResponse().getStatus());
        } catch (ProcessingException e) {
            throw new DeliveryException(false, "SMS provider unreachable: " + e.getClass().getSimpleName());
        }
    }

    private static void check(int status) {
        if (status >= 200 && status < 300) {
            return;
        }
        boolean temporary = status >= 500 || status == 429 || status == 408;
        throw new DeliveryException(!temporary, "SMS provider: HTTP " + status);
    }

    private String authorization() {
        if (config.sms().username().isEmpty()) {
            return null;
        }
        String credentials = config.sms().username().get() + ":" + config.sms().password().orElse("");
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
