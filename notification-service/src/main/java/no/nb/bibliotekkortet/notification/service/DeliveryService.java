package no.nb.bibliotekkortet.notification.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.notification.client.MailSender;
import no.nb.bibliotekkortet.notification.client.PatronContact;
import no.nb.bibliotekkortet.notification.client.PatronClient;
import no.nb.bibliotekkortet.notification.client.SmsSender;
import no.nb.bibliotekkortet.notification.repository.Notification;
import no.nb.bibliotekkortet.notification.repository.Notification.Status;
import no.nb.bibliotekkortet.notification.template.Language;
import no.nb.bibliotekkortet.notification.template.TemplateId;
import no.nb.bibliotekkortet.notification.template.TemplateRenderer;
import org.jboss.logging.Logger;

/**
 * Delivers due notifications: claim, resolve the recipient (fetching a patron's contact data at send
 * time), render in the language, send by e-mail or SMS, record the outcome. Logs carry notification
 * ids and templates only, never addresses or texts.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);
    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    private final DeliveryStore store;
    private final PatronClient contacts;
    private final TemplateRenderer renderer;
    private final MailSender mail;
    private final SmsSender sms;
    private final NotificationMetrics metrics;
    private final ObjectMapper json;

    public DeliveryService(DeliveryStore store, PatronClient contacts, TemplateRenderer renderer, MailSender mail,
                           SmsSender sms, NotificationMetrics metrics, ObjectMapper json) {
        this.store = store;
        this.contacts = contacts;
        this.renderer = renderer;
        this.mail = mail;
        this.sms = sms;
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * Claims one batch of due notifications and attempts each once.
     *
     * @return how many were claimed (the worker polls again at once while batches are full)
     */
    public int deliverDue() {
        List<DeliveryStore.Claimed> claimed = store.claimDue();
        for (DeliveryStore.Claimed c : claimed) {
            deliver(c);
        }
        return claimed.size();
    }

    private void deliver(DeliveryStore.Claimed c) {
        TemplateId template = TemplateId.byId(c.template()).orElseThrow();
        if (c.email() == null && c.phone() == null && c.patronId() == null) {
            store.markCancelled(c.id(), "cancelled: personal data erased before delivery");
            return;
        }
        try {
            ChannelChoice.Target target;
            Language language = c.language() == null ? null : Language.byCode(c.language()).orElse(null);
            if (c.email() != null || c.phone() != null) {
                target = ChannelChoice.fromRecipient(c.channel(), c.email(), c.phone());
            } else {
                PatronContact contact = contacts.contact(c.patronId());
                target = ChannelChoice.fromContact(c.channel(), contact);
                if (language == null && contact.language() != null) {
                    language = Language.byCode(contact.language()).orElse(null);
                }
            }
            Map<String, Object> params = json.readValue(c.params(), PARAMS);
            TemplateRenderer.Rendered rendered = renderer.render(template, language == null ? Language.NB : language, params);
            if (target.channel() == Notification.Channel.EMAIL) {
                mail.send(c.id(), target.address(), rendered.subject(), rendered.body());
            } else {
                sms.send(c.id(), target.address(), rendered.sms());
            }
            store.markSent(c.id(), target.channel());
            metrics.sent(target.channel(), template);
            LOG.debugf("Notification %s (%s) sent by %s on attempt %d", c.id(), template.id(), target.channel(), c.attempt());
        } catch (Exception e) {
            boolean permanent = e instanceof DeliveryException d && d.permanent();
            String error = ErrorText.of(e);
            DeliveryStore.Outcome outcome = store.markFailed(c.id(), error, permanent);
            metrics.failed(c.channel(), template);
            if (outcome.status() == Status.DEAD) {
                metrics.dead(c.channel(), template);
                LOG.warnf("Notification %s (%s) is dead after attempt %d: %s", c.id(), template.id(), c.attempt(), error);
            } else {
                LOG.infof("Notification %s (%s) attempt %d failed, will retry: %s", c.id(), template.id(), c.attempt(), error);
            }
        }
    }
}
