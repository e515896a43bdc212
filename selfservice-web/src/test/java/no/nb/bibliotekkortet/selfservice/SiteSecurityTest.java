package no.nb.bibliotekkortet.selfservice;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The site's guarantees without the rest of the suite (the browser journeys are system-tests'
 * SelfServiceSiteTest): security headers on every page, the login redirect to ID-porten with PKCE and the
 * chosen level, pages behind the login, CSRF refusal, the language cookie and its local-only return path,
 * and error pages in plain language.
 */
@QuarkusTest
@QuarkusTestResource(LocalIdPorten.class)
class SiteSecurityTest {

    @Test
    void theFrontPageIsPublicWithStrictSecurityHeaders() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("script-src")))
                .header("X-Frame-Options", equalTo("DENY")).header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Strict-Transport-Security", nullValue())  // production only (%prod)
                .body(containsString("<html lang=\"nb\"")).body(not(containsString("<script")));
    }

    @Test
    void designsystemetIsServedByTheSiteItself() {
        given().get("/assets/ds/index.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/assets/ds/digdir.css").then().statusCode(200);
        given().get("/assets/site.css").then().statusCode(200);
    }

    @Test
    void pagesNeedALoginAndTheLoginGoesToIdPortenWithPkceAndTheChosenLevel() {
        for (String page : new String[] {"/card", "/libraries", "/details", "/children", "/unregister", "/register"}) {
            given().redirects().follow(false).get(page).then().statusCode(302)
                    .header("Location", containsString("/idporten/authorize"));
        }
        given().redirects().follow(false).get("/login?acr_values=idporten-loa-high").then().statusCode(302)
                .header("Location", containsString("code_challenge_method=S256"))
                .header("Location", containsString("acr_values=idporten-loa-high"))
                .header("Location", containsString("resource=https%3A%2F%2Fapi.bibliotekkortet.no"))
                .header("Set-Cookie", containsStringIgnoringCase("HttpOnly")).header("Set-Cookie", containsString("Secure"))
                .header("Set-Cookie", containsString("SameSite=Lax"));
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").formParam("pin", "7316")
                .post("/details/pin").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(302)));
    }

    @Test
    void theLanguageChoiceIsRememberedAndReturnsOnlyToALocalPage() {
        var answer = given().redirects().follow(false).get("/language/nn?back=/libraries").then().statusCode(303)
                .header("Location", startsWith("http")).header("Location", containsString("/libraries")).extract();
        String lang = answer.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("lang=")).findFirst().orElseThrow();
        org.hamcrest.MatcherAssert.assertThat(lang, startsWith("lang=nn"));
        org.hamcrest.MatcherAssert.assertThat(lang, containsString("Secure"));
        org.hamcrest.MatcherAssert.assertThat(lang, containsStringIgnoringCase("HttpOnly"));
        given().redirects().follow(false).get("/language/en?back=//evil.example/x").then().statusCode(303)
                .header("Location", not(containsString("evil.example")));
        given().cookie("lang", "nn").get("/").then().statusCode(200).body(containsString("<html lang=\"nn\""))
                .body(containsString("Eitt lånekort for alle bibliotek i Noreg"));
        given().cookie("lang", "xx").get("/").then().statusCode(200).body(containsString("<html lang=\"nb\""));
    }

    @Test
    void anUnknownPageIsAPlainLanguagePageNotAProblemDocument() {
        given().cookie("lang", "en").get("/no-such-page").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("This page does not exist.")).body(not(containsString("problems/")));
    }
}
