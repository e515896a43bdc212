package no.nb.bibliotekkortet.notification.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.notification.repository.Notification;
import no.nb.bibliotekkortet.notification.service.NotificationService;
import no.nb.bibliotekkortet.notification.service.SendCommand;

/**
 * Internal send and status API ({@code /internal/v1/notifications}, role {@code internal}, internal
 * audience). Every other service sends its e-mail and SMS through it, usually from its outbox relay.
 */
@Path("/internal/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    /** Header carrying the idempotency key (sent by the outbox relay as {@code <service>-outbox-<id>}). */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    /**
     * Body of a send: {@code idempotencyKey} (or the header), {@code recipient}, {@code channel}
     * ({@code EMAIL}/{@code SMS}/{@code PREFERRED}), {@code template} id, {@code language}
     * ({@code nb}/{@code nn}/{@code en}; default the patron's language or {@code nb}) and {@code params}.
     */
    public record SendRequest(String idempotencyKey, RecipientRequest recipient, String channel, String template,
                              String language, Map<String, Object> params) {
    }

    /** Who receives it: an e-mail address and/or an E.164 phone, or a patron id (contact fetched at send time). */
    public record RecipientRequest(String email, String phone, String patronId) {
    }

    /** Answer to a send: the notification id and its current status. */
    public record Accepted(UUID id, String status) {
    }

    /**
     * Status of a notification, without any personal data or message text. {@code channel} is the
     * requested channel, {@code deliveredChannel} the one used; times are UTC.
     */
    public record StatusView(UUID id, String template, String channel, String deliveredChannel, String status,
                             int attempts, String lastError, Instant createdAt, Instant nextAttemptAt,
                             Instant sentAt, Instant finalAt, boolean personalDataErased) {
        static StatusView of(Notification n) {
            return new StatusView(n.id, n.template, n.channel.name(),
                    n.deliveredChannel == null ? null : n.deliveredChannel.name(), n.status.apiName(), n.attempts,
                    n.lastError, n.createdAt, n.status.isFinal() ? null : n.nextAttemptAt, n.sentAt, n.finalAt,
                    n.erasedAt != null);
        }
    }

    @Inject
    NotificationService service;

    @Inject
    Caller caller;

    /**
     * Stores a notification for delivery (R16, R19–R23).
     *
     * @return 202 with id and status and a {@code Location}; the same key again from the same caller → 202
     *         with the first notification's id, nothing new sent. 400 problem+json naming the field for bad
     *         input (nothing stored); 401 without a valid internal token; 403 without scope internal
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SERVICE_INTERNAL)
    public Response send(@HeaderParam(IDEMPOTENCY_HEADER) String headerKey,
                         @NotNull(message = "a JSON body is required") SendRequest request) {
        // The body key is the sender's business key (e.g. one per library and escalation step) and wins;
        // the header is the transport's key (the outbox relay's row id) and is used when the body has none.
        String key = request.idempotencyKey() != null ? request.idempotencyKey() : headerKey;
        RecipientRequest r = request.recipient() == null ? new RecipientRequest(null, null, null) : request.recipient();
        SendCommand command = new SendCommand(key, r.email(), r.phone(), r.patronId(), request.channel(),
                request.template(), request.language(), request.params());
        UUID id = service.accept(command, caller.clientId().orElse("unknown"));
        String status = service.status(id).map(n -> n.status.apiName()).orElse("queued");
        return Response.accepted(new Accepted(id, status))
                .location(URI.create("/internal/v1/notifications/" + id)).build();
    }

    /**
     * @return 200 with the status of notification {@code id}; 404 when unknown
     */
    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.SERVICE_INTERNAL)
    public StatusView status(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("notification-not-found", "No notification with this id");
        }
        return service.status(uuid).map(StatusView::of)
                .orElseThrow(() -> ProblemException.notFound("notification-not-found", "No notification with this id"));
    }
}
