package no.nb.bibliotekkortet.notification.client;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import no.nb.bibliotekkortet.notification.config.NotificationConfig;

/**
 * Sends one plain-text e-mail over SMTP (quarkus-mailer; host, port, TLS and credentials are
 * {@code quarkus.mailer.*}). The {@code Message-ID} is derived from the notification id, so that a
 * receiving system can recognise the rare duplicate after a crash between sending and recording.
 */
@ApplicationScoped
public class MailSender {

    private final ReactiveMailer mailer;
    private final NotificationConfig config;

    public MailSender(ReactiveMailer mailer, NotificationConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    /**
     * @param notificationId id of the notification (goes into Message-ID)
     * @param to             recipient address
     * @param subject        subject line
     * @param body           plain-text body
     * @throws RuntimeException when the SMTP server does not accept the message within the send timeout
     */
    public void send(UUID notificationId, String to, String subject, String body) {
        Mail mail = Mail.withText(to, subject, body)
                .setFrom(config.mail().from())
                .addHeader("Message-ID", "<" + notificationId + "@notification.bibliotekkortet.no>");
        mailer.send(mail).await().atMost(config.delivery().sendTimeout());
    }
}
