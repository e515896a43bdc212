package no.nb.bibliotekkortet.selfservice;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors as pages in the citizen's language: an API problem outside a form (its plain-language text, never the
 * problem document), an unknown page, and anything unexpected (a generic message; details only in the log).
 */
public class ErrorPages {

    @Inject
    @Location("error.html")
    Template error;

    @Inject
    HttpHeaders headers;

    @ServerExceptionMapper
    public Response api(Api.ApiException e) {
        if (e.status == 401) {
            return Response.seeOther(java.net.URI.create("/")).build();
        }
        String key = "problem." + e.slug();
        return page(e.status >= 500 ? 503 : e.status, !e.slug().isEmpty() && Texts.has(key) ? key : Errors.statusKey(e.status));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(404, "problem.page-not-found");
    }

    /** Anything unexpected: a plain message; the error (class and message, no request data) goes to the log. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException w && w.getResponse().getStatus() < 500) {
            return w.getResponse();
        }
        org.jboss.logging.Logger.getLogger(ErrorPages.class).errorf("Unexpected error: %s", e.toString());
        return page(500, "problem.unavailable");
    }

    private Response page(int status, String key) {
        var cookie = headers.getCookies().get(Pages.LANG_COOKIE);
        String lang = Texts.language(cookie == null ? null : cookie.getValue());
        String html = error.data("t", Texts.of(lang)).data("lang", lang).data("pageName", "error")
                .data("loggedIn", false).data("message", Texts.get(lang, key)).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }
}
