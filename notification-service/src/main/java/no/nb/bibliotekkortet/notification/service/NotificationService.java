package no.nb.bibliotekkortet.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.notification.config.TimeSource;
import no.nb.bibliotekkortet.notification.repository.Notification;
import no.nb.bibliotekkortet.notification.repository.NotificationRepository;
import no.nb.bibliotekkortet.notification.template.Language;
import no.nb.bibliotekkortet.notification.template.TemplateId;
import no.nb.bibliotekkortet.notification.template.TemplateParams;
import no.nb.bibliotekkortet.notification.template.TemplateRenderer;

/** Accepting notifications (stored before the caller gets 202) and reading their status. */
@ApplicationScoped
public class NotificationService {

    /** Longest idempotency key. */
    public static final int MAX_KEY = 200;

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1," + MAX_KEY + "}");

    private final NotificationRepository repository;
    private final TemplateRenderer renderer;
    private final ObjectMapper json;
    private final TimeSource time;

    public NotificationService(NotificationRepository repository, TemplateRenderer renderer, ObjectMapper json, TimeSource time) {
        this.repository = repository;
        this.renderer = renderer;
        this.json = json;
        this.time = time;
    }

    /**
     * Validates and stores a notification for delivery; the same caller sending the same idempotency key
     * again gets the id of the first notification, and nothing new is stored or sent.
     *
     * @param command     the request
     * @param requestedBy the calling service's client id (idempotency keys are scoped per caller)
     * @return the notification id
     * @throws ProblemException 400 naming the field at fault (idempotencyKey, recipient…, channel, template,
     *                          language, params.x); nothing is stored then
     */
    @Transactional
    public UUID accept(SendCommand command, String requestedBy) {
        if (command.idempotencyKey() == null || command.idempotencyKey().isEmpty()) {
            throw ProblemException.badRequest("idempotencyKey", "required",
                    "An idempotency key is required (body field idempotencyKey or header Idempotency-Key)");
        }
        if (!KEY.matcher(command.idempotencyKey()).matches()) {
            throw ProblemException.badRequest("idempotencyKey", "1.." + MAX_KEY + " visible ASCII characters",
                    "The idempotency key must be 1.." + MAX_KEY + " visible ASCII characters");
        }
        TemplateId template = TemplateId.byId(command.template()).orElseThrow(() -> ProblemException.badRequest(
                "template", "one of " + Arrays.stream(TemplateId.values()).map(TemplateId::id).toList(),
                command.template() == null ? "The template id is required" : "Unknown template id"));
        Language language = null;
        if (command.language() != null) {
            language = Language.byCode(command.language()).filter(l -> l.code().equals(command.language()))
                    .orElseThrow(() -> ProblemException.badRequest("language", "one of nb, nn, en", "Unknown language"));
        }
        Notification.Channel channel = parseChannel(command.channel());
        checkRecipient(command, channel, template);
        TemplateParams.validate(template, command.params());
        Map<String, Object> params = command.params() == null ? Map.of() : command.params();
        // A dry run: what is accepted here must render at delivery.
        renderer.render(template, language == null ? Language.NB : language, params);

        Instant now = time.now();
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.requestedBy = requestedBy;
        n.idempotencyKey = command.idempotencyKey();
        n.template = template.id();
        n.channel = channel;
        n.language = language == null ? null : language.code();
        n.patronId = command.patronId();
        n.email = command.email();
        n.phone = command.phone();
        n.params = toJson(params);
        n.status = Notification.Status.QUEUED;
        n.nextAttemptAt = now;
        n.createdAt = now;
        return repository.insertIfAbsent(n);
    }

    /** The notification with {@code id}, or empty. */
    @Transactional
    public Optional<Notification> status(UUID id) {
        return repository.byId(id);
    }

    private static Notification.Channel parseChannel(String channel) {
        if (channel == null) {
            throw ProblemException.badRequest("channel", "one of EMAIL, SMS, PREFERRED", "The channel is required");
        }
        try {
            return Notification.Channel.valueOf(channel);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("channel", "one of EMAIL, SMS, PREFERRED", "Unknown channel");
        }
    }

    private static void checkRecipient(SendCommand c, Notification.Channel channel, TemplateId template) {
        if (c.email() == null && c.phone() == null && c.patronId() == null) {
            throw ProblemException.badRequest("recipient", "email, phone or patronId",
                    "A recipient is required: an e-mail address, an E.164 phone number or a patron id");
        }
        if (c.email() != null && !Recipients.isEmail(c.email())) {
            throw ProblemException.badRequest("recipient.email", "e-mail address", "Not a valid e-mail address");
        }
        if (c.phone() != null && !Recipients.isE164(c.phone())) {
            throw ProblemException.badRequest("recipient.phone", "E.164 phone number",
                    "Not a valid phone number in E.164 form, e.g. +4741234567");
        }
        if (c.patronId() != null && !Recipients.isPatronId(c.patronId())) {
            throw ProblemException.badRequest("recipient.patronId", "1..64 of A-Z a-z 0-9 - _", "Not a patron id");
        }
        boolean explicit = c.email() != null || c.phone() != null;
        if (explicit) {
            if (channel == Notification.Channel.EMAIL && c.email() == null) {
                throw ProblemException.badRequest("recipient.email", "required for channel EMAIL",
                        "Channel EMAIL needs an e-mail address when a recipient is given");
            }
            if (channel == Notification.Channel.SMS && c.phone() == null) {
                throw ProblemException.badRequest("recipient.phone", "required for channel SMS",
                        "Channel SMS needs a phone number when a recipient is given");
            }
        } else if (template.deletionNotice()) {
            throw ProblemException.badRequest("recipient", "deletion notices need an e-mail address or phone",
                    "A deletion notice must name its recipient: the patron's contact data is gone when it is sent");
        }
    }

    private String toJson(Map<String, Object> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Parameters could not be stored", e);
        }
    }
}
