package no.nb.bibliotekkortet.selfservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The pages of bibliotekkortet.no (docs/selfservice-web.md). Every page is plain HTML that works without
 * JavaScript; every form is a POST with the CSRF token (quarkus-rest-csrf) and answers with a redirect
 * (post/redirect/get) or with the same form and an error summary linked to the fields. Identity numbers
 * travel only in form bodies and are never echoed back, put in a URL, a title or a log line.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class Pages {

    static final String LANG_COOKIE = "lang";

    @Inject
    Api api;

    @Inject
    ObjectMapper json;

    @Inject
    SecurityIdentity identity;

    @Inject
    OidcSession oidcSession;

    @CookieParam(LANG_COOKIE)
    String langCookie;

    @Inject
    @Location("index.html")
    Template index;
    @Inject
    @Location("register.html")
    Template register;
    @Inject
    @Location("card.html")
    Template card;
    @Inject
    @Location("libraries.html")
    Template libraries;
    @Inject
    @Location("activate.html")
    Template activate;
    @Inject
    @Location("details.html")
    Template details;
    @Inject
    @Location("confirm-code.html")
    Template confirmCode;
    @Inject
    @Location("children.html")
    Template children;
    @Inject
    @Location("unregister.html")
    Template unregister;
    @Inject
    @Location("unregistered.html")
    Template unregistered;
    @Inject
    @Location("error.html")
    Template error;

    // --- Public --------------------------------------------------------------------------------------------

    /** The front page: what the site is, log in with ID-porten at the chosen level. */
    @GET
    public TemplateInstance front(@QueryParam("loggedOut") boolean loggedOut) {
        return page(index, "front").data("loggedOut", loggedOut).data("loggedIn", !identity.isAnonymous());
    }

    /** Where ID-porten's logout returns: the front page saying the citizen is logged out. */
    @GET
    @Path("logged-out")
    public TemplateInstance loggedOut() {
        return page(index, "front").data("loggedOut", true).data("loggedIn", false);
    }

    /** Language choice, remembered in a cookie; back to the page the citizen came from (a local path only). */
    @GET
    @Path("language/{lang}")
    public Response language(@PathParam("lang") String lang, @QueryParam("back") String back) {
        String chosen = Texts.language(lang);
        String target = back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") ? back : "/";
        return Response.seeOther(URI.create(target))
                .cookie(new NewCookie.Builder(LANG_COOKIE).value(chosen).path("/").maxAge(365 * 24 * 3600)
                        .secure(true).httpOnly(true).sameSite(NewCookie.SameSite.LAX).build())
                .build();
    }

    // --- After login ----------------------------------------------------------------------------------------

    /** Where ID-porten's login lands: the card when registered, else the registration form. */
    @GET
    @Path("login")
    public Response login() {
        return Response.seeOther(URI.create("/start")).build();
    }

    @GET
    @Path("start")
    public Response start() {
        try {
            api.get("/api/v1/me");
            return Response.seeOther(URI.create("/card")).build();
        } catch (Api.ApiException e) {
            if (e.status == 404) {
                return Response.seeOther(URI.create("/register")).build();
            }
            throw e;
        }
    }

    // --- Registration (R8) ----------------------------------------------------------------------------------

    @GET
    @Path("register")
    public TemplateInstance registerForm(@QueryParam("q") String query) {
        return registerPage(query, Map.of(), new Errors(lang()));
    }

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object register(@RestForm String givenNames, @RestForm String surname, @RestForm String email,
                           @RestForm String mobile, @RestForm String pin, @RestForm String homeLibrary,
                           @RestForm String language, @RestForm String terms, @RestForm String q) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("givenNames", trim(givenNames));
        values.put("surname", trim(surname));
        values.put("email", trim(email));
        values.put("mobile", trim(mobile));
        values.put("homeLibrary", trim(homeLibrary));
        values.put("language", Texts.language(language));
        Errors errors = new Errors(lang());
        errors.require("givenNames", values.get("givenNames"));
        errors.require("surname", values.get("surname"));
        errors.require("homeLibrary", values.get("homeLibrary"));
        errors.require("email", values.get("email"));
        if (pin == null || !pin.matches("\\d{4}")) {
            errors.add("pin", "error.pin");
        }
        if (terms == null) {
            errors.add("terms", "error.terms");
        }
        if (errors.any()) {
            return registerPage(q, values, errors);
        }
        ObjectNode body = json.createObjectNode().put("givenNames", values.get("givenNames"))
                .put("surname", values.get("surname")).put("homeLibrary", values.get("homeLibrary"))
                .put("language", values.get("language")).put("pin", pin);
        if (!values.get("email").isEmpty()) {
            body.put("email", values.get("email"));
        }
        if (!values.get("mobile").isEmpty()) {
            body.putObject("phones").put("mobile", values.get("mobile"));
        }
        try {
            api.post("/api/v1/me", body);
        } catch (Api.ApiException e) {
            if (e.status == 409) {
                return Response.seeOther(URI.create("/card")).build();
            }
            errors.problem(e, values.keySet());
            return registerPage(q, values, errors);
        }
        return Response.seeOther(URI.create("/card?welcome=true")).build();
    }

    private TemplateInstance registerPage(String query, Map<String, String> values, Errors errors) {
        return page(register, "register").data("values", values).data("errors", errors)
                .data("q", query == null ? "" : query).data("libraries", searchLibraries(query));
    }

    // --- My card ---------------------------------------------------------------------------------------------

    @GET
    @Path("card")
    public TemplateInstance card(@QueryParam("welcome") boolean welcome) {
        JsonNode view = api.get("/api/v1/me/card");
        String welcomeKey = null;
        String homeName = view.path("homeLibrary").path("name").asText("");
        if (welcome) {
            boolean homeActive = false;
            for (JsonNode m : api.get("/api/v1/me/memberships")) {
                if (m.path("home").asBoolean() && "ACTIVE".equals(m.path("state").asText())) {
                    homeActive = true;
                }
            }
            welcomeKey = homeActive ? "card.welcome.active" : "card.welcome.pending";
        }
        String welcomeText = welcomeKey == null ? null : Texts.get(lang(), welcomeKey).replace("{library}", homeName);
        return page(card, "card").data("card", plain(view)).data("welcome", welcomeText)
                .data("welcomeActive", "card.welcome.active".equals(welcomeKey));
    }

    /** The barcode as a PNG (CODE 128, from the API); {@code download=true} asks the browser to save it. */
    @GET
    @Path("card/barcode.png")
    @Produces("image/png")
    public Response barcode(@QueryParam("download") boolean download) {
        Response.ResponseBuilder answer = Response.ok(api.cardPng(), "image/png").header("Cache-Control", "no-store");
        if (download) {
            answer.header("Content-Disposition", "attachment; filename=\"bibliotekkortet.png\"");
        }
        return answer.build();
    }

    // --- My libraries (R8, R9, R10) -------------------------------------------------------------------------

    @GET
    @Path("libraries")
    public TemplateInstance libraries(@QueryParam("q") String query, @QueryParam("done") String done) {
        return librariesPage(query, new Errors(lang())).data("done", doneText("libraries.done.", done));
    }

    private TemplateInstance librariesPage(String query, Errors errors) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode m : api.get("/api/v1/me/memberships")) {
            Map<String, Object> row = new LinkedHashMap<>();
            String number = m.path("libraryNumber").asText();
            row.put("libraryNumber", number);
            row.put("name", m.path("libraryName").asText(number));
            row.put("state", m.path("state").asText());
            row.put("stateText", Texts.get(lang(), "state." + m.path("state").asText()));
            row.put("home", m.path("home").asBoolean());
            boolean pending = "PENDING_ACTIVATION".equals(m.path("state").asText());
            row.put("pending", pending);
            row.put("digital", pending && "DIGITAL".equals(library(number).path("activationMode").asText()));
            row.put("canBeHome", !m.path("home").asBoolean() && "ACTIVE".equals(m.path("state").asText()));
            rows.add(row);
        }
        return page(libraries, "libraries").data("memberships", rows).data("errors", errors)
                .data("q", query == null ? "" : query).data("libraries", searchLibraries(query)).data("done", null);
    }

    @POST
    @Path("libraries/add")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object addLibrary(@RestForm String libraryNumber) {
        Errors errors = new Errors(lang());
        if (errors.require("libraryNumber", trim(libraryNumber))) {
            return librariesPage(null, errors);
        }
        try {
            api.post("/api/v1/me/memberships", json.createObjectNode().put("libraryNumber", libraryNumber.trim()));
        } catch (Api.ApiException e) {
            errors.problem(e, List.of("libraryNumber"));
            return librariesPage(null, errors);
        }
        return Response.seeOther(URI.create("/libraries?done=added")).build();
    }

    /** The library's loan rules to read before activating digitally. */
    @GET
    @Path("libraries/{libraryNumber}/activate")
    public TemplateInstance activateForm(@PathParam("libraryNumber") String libraryNumber) {
        return activatePage(libraryNumber, new Errors(lang()));
    }

    private TemplateInstance activatePage(String libraryNumber, Errors errors) {
        JsonNode lib = library(digits(libraryNumber));
        JsonNode rules = lib.path("loanRules");
        return page(activate, "activate").data("libraryName", lib.path("name").asText())
                .data("libraryNumber", lib.path("libraryNumber").asText())
                .data("rulesText", rules.path("text").asText("")).data("rulesLink", rules.path("link").asText(""))
                .data("rulesVersion", rules.path("version").asText("1")).data("errors", errors);
    }

    @POST
    @Path("libraries/{libraryNumber}/activate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object activate(@PathParam("libraryNumber") String libraryNumber, @RestForm String rulesVersion,
                           @RestForm String accept) {
        String number = digits(libraryNumber);
        Errors errors = new Errors(lang());
        if (accept == null) {
            errors.add("accept", "error.accept");
            return activatePage(number, errors);
        }
        try {
            api.post("/api/v1/me/memberships/" + number + "/activation",
                    json.createObjectNode().put("rulesVersion", Integer.parseInt(digits(rulesVersion))));
        } catch (Api.ApiException e) {
            errors.problem(e, List.of("accept"));
            return activatePage(number, errors);
        }
        return Response.seeOther(URI.create("/libraries?done=activated")).build();
    }

    @POST
    @Path("libraries/home")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object home(@RestForm String libraryNumber) {
        Errors errors = new Errors(lang());
        try {
            api.put("/api/v1/me/home-library", json.createObjectNode().put("libraryNumber", digits(libraryNumber)));
        } catch (Api.ApiException e) {
            errors.problem(e, List.of());
            return librariesPage(null, errors);
        }
        return Response.seeOther(URI.create("/libraries?done=home")).build();
    }

    // --- My details (R16) -------------------------------------------------------------------------------------

    @GET
    @Path("details")
    public TemplateInstance details(@QueryParam("done") String done) {
        return detailsPage(new Errors(lang()), Map.of()).data("done", doneText("details.done.", done));
    }

    private TemplateInstance detailsPage(Errors errors, Map<String, String> values) {
        JsonNode me = api.get("/api/v1/me");
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("name", (me.path("name").path("givenNames").asText("") + " " + me.path("name").path("surname").asText("")).trim());
        shown.put("birthDate", me.path("birthDate").asText("–"));
        JsonNode address = me.path("permanentAddress");
        String addressText = "–";
        if (me.path("addressProtected").asBoolean()) {
            addressText = Texts.get(lang(), "details.addressProtected");
        } else if (address.isObject()) {
            List<String> parts = new ArrayList<>();
            address.path("streetLines").forEach(l -> parts.add(l.asText()));
            parts.add((address.path("postcode").asText("") + " " + address.path("place").asText("")).trim());
            addressText = String.join(", ", parts);
        }
        shown.put("address", addressText);
        shown.put("email", me.path("email").asText("–"));
        shown.put("mobile", me.path("phones").path("mobile").asText("–"));
        return page(details, "details").data("me", shown).data("errors", errors).data("values", values).data("done", null);
    }

    /** Step 1 of a contact change: a one-time code to the chosen channel (the current phone or e-mail). */
    @POST
    @Path("details/contact")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object contact(@RestForm String kind, @RestForm String value, @RestForm String channel) {
        String what = "email".equals(kind) ? "email" : "mobile";
        String newValue = trim(value);
        Errors errors = new Errors(lang());
        if (errors.require("value", newValue)) {
            return detailsPage(errors, Map.of("kind", what));
        }
        String via = "EMAIL".equals(channel) ? "EMAIL" : "SMS";
        JsonNode otp;
        try {
            otp = api.post("/api/v1/otp", json.createObjectNode().put("purpose", "change-personal-data").put("channel", via));
        } catch (Api.ApiException e) {
            errors.problem(e, List.of());
            return detailsPage(errors, Map.of("kind", what, "value", newValue));
        }
        return page(confirmCode, "confirm").data("kind", what).data("value", newValue)
                .data("otpId", otp.path("otpId").asText()).data("channel", otp.path("channel").asText(via))
                .data("errors", errors);
    }

    /** Step 2: the code from the message confirms the change. */
    @POST
    @Path("details/contact/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object confirmContact(@RestForm String kind, @RestForm String value, @RestForm String otpId,
                                 @RestForm String channel, @RestForm String code) {
        String what = "email".equals(kind) ? "email" : "mobile";
        Errors errors = new Errors(lang());
        if (errors.require("code", trim(code))) {
            return page(confirmCode, "confirm").data("kind", what).data("value", value).data("otpId", otpId)
                    .data("channel", channel).data("errors", errors);
        }
        ObjectNode body = json.createObjectNode().put("otpId", otpId).put("code", code.trim());
        if (what.equals("email")) {
            body.put("email", trim(value));
        } else {
            body.putObject("phones").put("mobile", trim(value));
        }
        try {
            api.patch("/api/v1/me", body);
        } catch (Api.ApiException e) {
            errors.problem(e, List.of("code"));
            return page(confirmCode, "confirm").data("kind", what).data("value", value).data("otpId", otpId)
                    .data("channel", channel).data("errors", errors);
        }
        return Response.seeOther(URI.create("/details?done=" + what)).build();
    }

    /** A new PIN: after ID-porten no code is needed (the login itself is the proof). */
    @POST
    @Path("details/pin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object pin(@RestForm String pin) {
        Errors errors = new Errors(lang());
        if (pin == null || !pin.matches("\\d{4}")) {
            errors.add("pin", "error.pin");
            return detailsPage(errors, Map.of());
        }
        try {
            api.put("/api/v1/me/credentials/pin", json.createObjectNode().put("pin", pin));
        } catch (Api.ApiException e) {
            errors.problem(e, List.of("pin"));
            return detailsPage(errors, Map.of());
        }
        return Response.seeOther(URI.create("/details?done=pin")).build();
    }

    // --- My children (R22) --------------------------------------------------------------------------------------

    @GET
    @Path("children")
    public TemplateInstance children(@QueryParam("done") boolean done, @QueryParam("q") String query) {
        return childrenPage(new Errors(lang()), Map.of(), query).data("done", done);
    }

    private TemplateInstance childrenPage(Errors errors, Map<String, String> values, String query) {
        return page(children, "children").data("children", plain(api.get("/api/v1/me/children"))).data("errors", errors)
                .data("values", values).data("libraries", searchLibraries(query)).data("q", query == null ? "" : query)
                .data("done", false);
    }

    @POST
    @Path("children")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object registerChild(@RestForm String identityNumber, @RestForm String givenNames, @RestForm String surname,
                                @RestForm String homeLibrary, @RestForm String email) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("givenNames", trim(givenNames));
        values.put("surname", trim(surname));
        values.put("homeLibrary", trim(homeLibrary));
        values.put("email", trim(email));
        Errors errors = new Errors(lang());
        String id = trim(identityNumber).replace(" ", "");
        if (!id.matches("\\d{11}")) {
            errors.add("identityNumber", "error.identityNumber");
        }
        errors.require("givenNames", values.get("givenNames"));
        errors.require("surname", values.get("surname"));
        errors.require("homeLibrary", values.get("homeLibrary"));
        if (errors.any()) {
            return childrenPage(errors, values, null);
        }
        ObjectNode body = json.createObjectNode().put("identityNumber", id).put("givenNames", values.get("givenNames"))
                .put("surname", values.get("surname")).put("homeLibrary", values.get("homeLibrary")).put("language", lang());
        if (!values.get("email").isEmpty()) {
            body.putObject("guardianContact").put("email", values.get("email"));
        }
        try {
            api.post("/api/v1/me/children", body);
        } catch (Api.ApiException e) {
            List<String> fields = new ArrayList<>(values.keySet());
            fields.add("identityNumber");
            errors.problem(e, fields);
            return childrenPage(errors, values, null);
        }
        return Response.seeOther(URI.create("/children?done=true")).build();
    }

    // --- Unregister (R20) -----------------------------------------------------------------------------------------

    @GET
    @Path("unregister")
    public TemplateInstance unregisterForm() {
        return unregisterPage(new Errors(lang()));
    }

    private TemplateInstance unregisterPage(Errors errors) {
        return page(unregister, "unregister").data("memberships", plain(api.get("/api/v1/me/memberships"))).data("errors", errors);
    }

    /** Deletes the citizen's entry, shows where loans or fines may remain, and ends the session. */
    @POST
    @Path("unregister")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object unregister(@RestForm String confirm) {
        Errors errors = new Errors(lang());
        if (confirm == null) {
            errors.add("confirm", "error.confirm");
            return unregisterPage(errors);
        }
        JsonNode result;
        try {
            result = api.post("/api/v1/me/unregistration", null);
        } catch (Api.ApiException e) {
            errors.problem(e, List.of());
            return unregisterPage(errors);
        }
        oidcSession.logout().await().indefinitely();
        return page(unregistered, "unregistered").data("libraries", plain(result.path("libraries"))).data("loggedIn", false);
    }

    // --- Helpers ------------------------------------------------------------------------------------------

    /** Libraries whose name starts with the query (all when empty), for the searchable lists. */
    private Object searchLibraries(String query) {
        String q = query == null ? "" : query.trim();
        String path = q.isEmpty() ? "/api/v1/libraries"
                : "/api/v1/libraries?name=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8);
        return plain(api.get(path));
    }

    private JsonNode library(String number) {
        return api.get("/api/v1/libraries/" + number);
    }

    /** An API answer as plain maps and lists (what templates read: {@code l.name}). */
    private Object plain(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : json.convertValue(node, Object.class);
    }

    /** The confirmation text for a finished action named in the redirect ({@code ?done=added}), or null. */
    private String doneText(String prefix, String done) {
        return done != null && done.matches("[a-z]{1,20}") && Texts.has(prefix + done) ? Texts.get(lang(), prefix + done) : null;
    }

    String lang() {
        return Texts.language(langCookie);
    }

    /** A page with the shared data: texts, language, the page's name (for its title and the menu). */
    TemplateInstance page(Template template, String name) {
        String lang = lang();
        return template.data("t", Texts.of(lang)).data("lang", lang).data("pageName", name)
                .data("loggedIn", !identity.isAnonymous()).data("back", backPath(name));
    }

    /** Where the language links lead back to: the page's own address (a GET page; never with personal data). */
    private static String backPath(String pageName) {
        return switch (pageName) {
            case "front", "error", "unregistered" -> "/";
            case "confirm" -> "/details";
            case "activate" -> "/libraries";
            default -> "/" + pageName;
        };
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static String digits(String s) {
        String d = s == null ? "" : s.trim();
        if (!d.matches("\\d{1,9}")) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return d;
    }
}
