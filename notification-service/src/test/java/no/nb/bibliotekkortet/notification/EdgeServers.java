package no.nb.bibliotekkortet.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The real things at this service's edge, started before Quarkus: a GreenMail SMTP server (which tests
 * stop and start to simulate an outage), and one JDK HTTP server standing in for the SMS provider
 * ({@code POST /sms/messages}, recorded) and for patron-service's contact contract
 * ({@code GET /patrons/internal/v1/patrons/{id}/contact}, answers set per patron by the test).
 */
public class EdgeServers implements QuarkusTestResourceLifecycleManager {

    /** One request the HTTP stub received. */
    public record Recorded(String path, String authorization, String body) {
    }

    private static int smtpPort;
    private static volatile GreenMail smtp;
    private static HttpServer http;
    private static final List<Recorded> SMS = new CopyOnWriteArrayList<>();
    private static final List<Recorded> CONTACT_CALLS = new CopyOnWriteArrayList<>();
    private static final Map<String, Integer> SMS_STATUS = new ConcurrentHashMap<>();
    private static final Map<String, String> CONTACTS = new ConcurrentHashMap<>();
    private static final Map<String, Integer> CONTACT_STATUS = new ConcurrentHashMap<>();

    @Override
    public synchronized Map<String, String> start() {
        if (http == null) {
            smtpPort = freePort();
            smtpStart();
            try {
                http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            http.setExecutor(Executors.newFixedThreadPool(4));
            http.createContext("/sms/messages", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Recorded r = new Recorded(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body);
                int status = SMS_STATUS.entrySet().stream().filter(e -> body.contains(e.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(202);
                if (status < 300) {
                    SMS.add(r);
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            http.createContext("/patrons/internal/v1/patrons/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                CONTACT_CALLS.add(new Recorded(path, exchange.getRequestHeaders().getFirst("Authorization"), ""));
                String id = path.replaceAll(".*/patrons/([^/]+)/contact$", "$1");
                String json = CONTACTS.get(id);
                int status = CONTACT_STATUS.getOrDefault(id, json == null ? 404 : 200);
                byte[] bytes = status == 200 ? json.getBytes(StandardCharsets.UTF_8) : new byte[0];
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    exchange.getResponseBody().write(bytes);
                }
                exchange.close();
            });
            http.start();
        }
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(smtpPort),
                "quarkus.rest-client.sms-provider.url", base + "/sms",
                "notification.sms.username", "notification-test",
                "notification.sms.password", "test-only",
                "register.services.patron-service.url", base + "/patrons",
                "quarkus.rest-client.patron-service.url", base + "/patrons");
    }

    @Override
    public void stop() {
        // Kept for the whole test JVM: every test class uses the same edges and the same Quarkus app.
    }

    /** Starts (or restarts) the SMTP server on the same port. */
    public static synchronized void smtpStart() {
        if (smtp == null) {
            GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            smtp = server;
        }
    }

    /** Stops the SMTP server: connections are refused until {@link #smtpStart()}. */
    public static synchronized void smtpStop() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    /** Messages the SMTP server has received (since its last start) for {@code address}. */
    public static List<MimeMessage> mailsTo(String address) {
        GreenMail server = smtp;
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages()).filter(m -> {
            try {
                Address[] to = m.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** SMS the provider stub accepted whose JSON body contains {@code text} (e.g. the phone number). */
    public static List<Recorded> smsContaining(String text) {
        return SMS.stream().filter(r -> r.body().contains(text)).toList();
    }

    /** Make the SMS provider answer {@code status} for messages whose body contains {@code text}. */
    public static void smsAnswer(String text, int status) {
        SMS_STATUS.put(text, status);
    }

    /** patron-service's contact answer for {@code patronId} (JSON), 200. */
    public static void contact(String patronId, String json) {
        CONTACTS.put(patronId, json);
        CONTACT_STATUS.remove(patronId);
    }

    /** patron-service answers {@code status} for {@code patronId}. */
    public static void contactStatus(String patronId, int status) {
        CONTACT_STATUS.put(patronId, status);
    }

    /** Contact calls made for {@code patronId}. */
    public static List<Recorded> contactCalls(String patronId) {
        return CONTACT_CALLS.stream().filter(r -> r.path().contains("/" + patronId + "/")).toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
