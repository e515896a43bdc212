package no.nb.bibliotekkortet.systemtests;

import static no.nb.bibliotekkortet.systemtests.support.Suite.gateway;
import static no.nb.bibliotekkortet.systemtests.support.Suite.idporten;
import static no.nb.bibliotekkortet.systemtests.support.Suite.maskinporten;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 end to end through the gateway (R9, R14): a self-registered patron (digital card) gets a printed card
 * from 2030000's series at 2030000; the digital number is then RETIRED at numberseries; the card endpoint returns
 * a PNG barcode that decodes (ZXing) to the printed number; 2030000's change feed shows the card change.
 * Needs patron, membership, numberseries and auth running (dev profile: synthetic identities). The barcode is
 * decoded with ZXing.
 */
@RunningSuite
class PrintedCardSliceTest {

    private static final String LIBRARY = "2030000";

    @Test
    void aSelfRegisteredPatronGetsAPrintedCardAndTheFeedShowsIt() throws Exception {
        String citizen = idporten(SyntheticIdentityNumbers.next(), "idporten-loa-substantial");
        String digital = gateway(citizen).body("""
                {"givenNames": "Ola", "surname": "Kortmann", "homeLibrary": "2030000", "email": "ola@example.no",
                 "phones": {"mobile": "41234567"}, "language": "nb", "pin": "4831"}""")
                .post("/api/v1/me").then().statusCode(201).extract().path("cards[0].cardNumber");

        // Staff at 2030000 activate the pending membership if the library is IN_PERSON (the swap needs an ACTIVE member library).
        // (200 activated or already ACTIVE; the membership copy in patron-service follows through membership's outbox)
        gateway(maskinporten("library-system-2030000", "memberships")).header("Library-Number", LIBRARY)
                .body("{\"cardNumber\": \"" + digital + "\"}")
                .post("/api/v1/libraries/" + LIBRARY + "/memberships/activation").then().statusCode(200);
        waitForActiveCopy(citizen);

        String printed = gateway(maskinporten("library-system-2030000", "series")).header("Library-Number", LIBRARY)
                .body("{\"count\": 1}").post("/api/v1/number-series").then().statusCode(201).extract().path("first");
        gateway(maskinporten("library-system-2030000", "patrons.write")).header("Library-Number", LIBRARY)
                .body("{\"cardNumber\": \"" + printed + "\"}").post("/api/v1/patrons/" + digital + "/printed-card")
                .then().statusCode(200).body("issuedCardNumber", equalTo(printed)).body("retiredCardNumber", equalTo(digital));

        gateway(maskinporten("library-system-2030000", "series")).header("Library-Number", LIBRARY)
                .get("/api/v1/card-numbers/" + digital).then().statusCode(200).body("state", equalTo("RETIRED"));

        String png = gateway(citizen).get("/api/v1/me/card").then().statusCode(200)
                .body("cardNumber", equalTo(printed)).extract().path("barcode.png");
        assertEquals(printed, decode(Base64.getDecoder().decode(png)));

        String cursor = "";
        boolean found = false;
        for (int pages = 0; pages < 10_000 && !found; pages++) {
            Response r = gateway(maskinporten("library-system-2030000", "patrons.read")).header("Library-Number", LIBRARY)
                    .get("/api/v1/changes?records=false&limit=1000&after=" + cursor);
            r.then().statusCode(200);
            List<Map<String, Object>> changes = r.path("changes");
            found = changes.stream().anyMatch(c -> "CARD_CHANGED".equals(c.get("kind"))
                    && String.valueOf(c.get("cardChange")).contains(printed));
            if (!Boolean.TRUE.equals(r.path("more"))) {
                break;
            }
            cursor = r.path("next");
        }
        assertTrue(found, "2030000's feed shows the card change");
    }

    private static void waitForActiveCopy(String citizen) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String state = gateway(citizen).get("/api/v1/me").then().statusCode(200).extract()
                    .path("libraries.find { it.libraryNumber == '2030000' }.state");
            if ("ACTIVE".equals(state)) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** Decodes a barcode image with ZXing (MultiFormatReader over a HybridBinarizer). */
    private static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new MultiFormatReader().decode(bitmap).getText();
    }
}
