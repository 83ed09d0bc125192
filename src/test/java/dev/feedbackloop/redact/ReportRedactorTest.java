package dev.feedbackloop.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.testing.ParsedReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reports redacted as they stream, in their own format: the secrets planted here (made up for these tests) are gone
 * from every place a report can hold them, the ordinary text beside them stays, the output parses to the same tests,
 * and redacting it again changes no byte.
 */
class ReportRedactorTest {

    private static final ReportRedactor REDACTOR = ReportRedactor.standard();

    // Made-up secrets, one per place; none is a real credential.
    private static final String NAME_PASSWORD = "Orchard-Kettle-41";
    private static final String PROPERTY_VALUE = "tulip-granite-9913-velvet";
    private static final String CDATA_TOKEN_HEAD = "ghp_Q7rTw2Lp9Xz4Kd8";
    private static final String CDATA_TOKEN_TAIL = "Mv3Nb6Hc1Jf5Gs0Ya2EeU4";
    private static final String COMMENT_PASSWORD = "lantern77harbor";
    private static final String PI_SECRET = "quill-saffron-cobalt-2291";
    private static final String ATTRIBUTE_SECRET = "xoxb-5550001112-walrusPaddleNine";
    private static final String ELEMENT_SECRET = "marmalade-orbit-3310";
    private static final String PEM_BODY = "MIIEowIBAAKCAQEAs9pretendkeymaterialonlyforthistest";

    private static final String JUNIT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- nightly against https://deploy:%s@ci.example.test/hook -->
            <testsuites>
              <testsuite name="LoginIT" tests="2" failures="1">
                <properties>
                  <property name="db.password" value="%s"/>
                  <property name="git.commit.id" value="9c1f0e7a5b3d2c4e6f8a0b1c2d3e4f5a6b7c8d9e"/>
                </properties>
                <testcase name="logs in with password=%s" classname="com.example.LoginIT" time="0.5">
                  <failure message="expected 200" type="AssertionError"><![CDATA[token %s]]><![CDATA[%s rejected]]></failure>
                  <system-out>waiting for locator('input[name=password]')
            <?audit secret=%s?>
            -----BEGIN RSA PRIVATE KEY-----
            %s
            -----END RSA PRIVATE KEY-----
            the line after the key stays</system-out>
                </testcase>
                <testcase name="shows the cart" classname="com.example.CartIT" chat="%s">
                  <apiKey>%s</apiKey>
                </testcase>
              </testsuite>
            </testsuites>
            """.formatted(COMMENT_PASSWORD, PROPERTY_VALUE, NAME_PASSWORD, CDATA_TOKEN_HEAD, CDATA_TOKEN_TAIL,
            PI_SECRET, PEM_BODY, ATTRIBUTE_SECRET, ELEMENT_SECRET);

    private static final List<String> JUNIT_SECRETS = List.of(NAME_PASSWORD, PROPERTY_VALUE, CDATA_TOKEN_TAIL,
            COMMENT_PASSWORD, PI_SECRET, ATTRIBUTE_SECRET, ELEMENT_SECRET, PEM_BODY);

    @Test
    void junitXml_losesEverySecret_keepsWhatIsNotOne_andParsesToTheSameTests() {
        String redacted = redact(JUNIT);

        assertThat(redacted).doesNotContain(JUNIT_SECRETS);
        assertThat(redacted).contains("9c1f0e7a5b3d2c4e6f8a0b1c2d3e4f5a6b7c8d9e", "input[name=password]",
                "the line after the key stays", "shows the cart", "[REDACTED:password]", "[REDACTED:private-key]");
        assertThat(ParsedReport.of(redacted).outline()).containsExactly(
                "com.example.LoginIT|logs in with password=[REDACTED:password]|FAILED|FAILED",
                "com.example.CartIT|shows the cart|PASSED|PASSED");
    }

    @Test
    void aTokenSplitAcrossTwoCdataSectionsIsSeenWhole() {
        String redacted = redact(JUNIT);

        assertThat(redacted).doesNotContain(CDATA_TOKEN_HEAD).contains("token [REDACTED:github-token] rejected");
    }

    @Test
    void characterReferencesAreReadBeforeRedaction() {
        String xml = "<testsuite><testcase name=\"t\"><system-out>api_key=&#x73;ecretive-llama-42 ok"
                + "</system-out></testcase></testsuite>";

        assertThat(redact(xml)).doesNotContain("ecretive-llama-42").contains("api_key=[REDACTED:api-key] ok");
    }

    @Test
    void attributeLineBreaksSurviveAsCharacterReferences() {
        String xml = "<testsuite><testcase name=\"t\"><failure message=\"line one&#10;line two\"/></testcase>"
                + "</testsuite>";

        String redacted = redact(xml);

        assertThat(redacted).contains("line one&#10;line two");
        assertThat(ParsedReport.of(redacted).single().lastFailure().orElseThrow().message())
                .isEqualTo("line one\nline two");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE"})
    void utf16Xml_isWrittenAsUtf8WithATrueDeclaration(String encoding) {
        Charset charset = Charset.forName(encoding);
        String xml = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<testsuite name=\"Ünïcode\">"
                + "<testcase name=\"signs in\"><system-out>password=" + NAME_PASSWORD + "</system-out></testcase>"
                + "</testsuite>";

        String redacted = new String(REDACTOR.redact(xml.getBytes(charset)), StandardCharsets.UTF_8);

        assertThat(redacted).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").contains("Ünïcode")
                .doesNotContain(NAME_PASSWORD);
        assertThat(ParsedReport.of(redacted).single().attempts().get(0).stdout())
                .isEqualTo("password=[REDACTED:password]");
    }

    @Test
    void anInvalidByteBecomesAReplacementCharacter_ratherThanKeepingTheReportUnredacted() {
        byte[] report = concat("<testsuite><testcase name=\"t\"><system-out>bad ".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3},
                " token=hazel-meadow-771</system-out></testcase></testsuite>".getBytes(StandardCharsets.UTF_8));

        String redacted = new String(REDACTOR.redact(report), StandardCharsets.UTF_8);

        assertThat(redacted).contains("bad \uFFFD token=[REDACTED:token]");
    }

    private static final String CTRF = """
            {"reportFormat": "CTRF", "specVersion": "1.0.0", "results": {
              "tool": {"name": "newman"},
              "summary": {"tests": 1, "passed": 0, "failed": 1, "skipped": 0, "pending": 0, "other": 0,
                          "start": 1700000000000, "stop": 1700000001000},
              "tests": [{"name": "creates an order", "status": "failed", "duration": 12,
                         "message": "POST /orders with Authorization: Bearer %s failed",
                         "extra": {"client_secret": "%s", "ratio": 1.50,
                                   "headers": [{"name": "Authorization", "value": "Basic %s"},
                                               {"value": "%s", "key": "X-Session-Token"},
                                               {"name": "Accept", "value": "application/json"}]}}],
              "environment": {"extra": {"DEPLOY_TOKEN": %d, "buildName": "nightly"}}}}
            """;
    private static final String BEARER = "Hx7Lq2Wm9Pz4Rt6Yv1Bn3";
    private static final String CLIENT_SECRET = "pebble-crimson-lighthouse";
    private static final String BASIC = "cm9ib3Q6d2FsbnV0LXRyYXk=";
    private static final String SESSION = "dune-ember-4417";

    @Test
    void ctrfJson_losesSecretsInTextFieldsAndPairs_keepsNumbersAndOtherValues() {
        String json = CTRF.formatted(BEARER, CLIENT_SECRET, BASIC, SESSION, 987654321);

        String redacted = redact(json);

        assertThat(redacted).doesNotContain(BEARER, CLIENT_SECRET, BASIC, SESSION, "987654321");
        assertThat(redacted).contains("\"duration\":12", "\"ratio\":1.50", "\"value\":\"application/json\"",
                "\"buildName\":\"nightly\"");
        assertThat(ParsedReport.of(redacted).outline()).containsExactly("|creates an order|FAILED|FAILED");
    }

    @Test
    void base64BodiesOfText_areDecodedRedactedAndEncodedAgain_binaryOnesAreLeftAlone() {
        String state = "{\"cookies\":[{\"name\":\"session\",\"value\":\"" + SESSION + "\",\"domain\":\"shop.test\"}],"
                + "\"origins\":[{\"localStorage\":[{\"name\":\"jwt\",\"value\":\"" + BEARER + "\"}]}]}";
        String body = Base64.getEncoder().encodeToString(state.getBytes(StandardCharsets.UTF_8));
        String png = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10,
            0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0});
        String json = "{\"attachments\":[{\"name\":\"storageState\",\"contentType\":\"application/json\","
                + "\"body\":\"" + body + "\"},{\"name\":\"shot\",\"body\":\"" + png + "\"}]}";

        String redacted = redact(json);

        String newBody = redacted.replaceAll("(?s).*\"storageState\",\"contentType\":\"application/json\","
                + "\"body\":\"([^\"]+)\".*", "$1");
        String decoded = new String(Base64.getDecoder().decode(newBody), StandardCharsets.UTF_8);
        assertThat(decoded).doesNotContain(SESSION, BEARER).contains("shop.test", "\"name\":\"session\"");
        assertThat(redacted).contains(png);
    }

    @Test
    void jsonLines_stayOneValuePerLine() {
        String lines = """
                {"Action":"run","Package":"example/auth","Test":"TestLogin"}
                {"Action":"output","Package":"example/auth","Test":"TestLogin","Output":"DSN postgres://app:%s@db/x\\n"}
                {"Action":"fail","Package":"example/auth","Test":"TestLogin","Elapsed":0.01}
                """.formatted(CLIENT_SECRET);

        String redacted = redact(lines);

        assertThat(redacted.lines()).hasSize(3);
        assertThat(redacted).doesNotContain(CLIENT_SECRET).contains("\"Elapsed\":0.01",
                "postgres://app:[REDACTED:password]@db/x");
    }

    @Test
    void gzipInGzipOut() throws IOException {
        byte[] redacted = REDACTOR.redact(gzip(JUNIT.getBytes(StandardCharsets.UTF_8)));

        String text = new String(new GZIPInputStream(new ByteArrayInputStream(redacted)).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(JUNIT_SECRETS).contains("shows the cart");
    }

    @Test
    void redactingTwiceChangesNoByte() {
        for (byte[] report : List.of(JUNIT.getBytes(StandardCharsets.UTF_8),
                CTRF.formatted(BEARER, CLIENT_SECRET, BASIC, SESSION, 1).getBytes(StandardCharsets.UTF_8),
                gzip(JUNIT.getBytes(StandardCharsets.UTF_8)))) {
            byte[] once = REDACTOR.redact(report);
            assertThat(REDACTOR.redact(once)).isEqualTo(once);
        }
    }

    @Test
    void aLongTextNodeIsRedactedWindowByWindow_asIfWhole() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; out.length() < 3 * XmlRedaction.WINDOW; i++) {
            out.append("line ").append(i).append(" Cookie: sid=oat-").append(i).append("; ok\n");
            if (i % 5000 == 2500) { // a key block within a window, and one longer than a window
                out.append("-----BEGIN EC PRIVATE KEY-----\n").append("QmxvY2tib2R5".repeat(i < 5000 ? 3000 : 25000))
                        .append("\n-----END EC PRIVATE KEY-----\n");
            }
        }
        String output = out.toString();
        String xml = "<testsuite><testcase name=\"t\"><system-out>" + output + "</system-out></testcase></testsuite>";

        String redacted = redact(xml);

        String expected = Redactor.standard().redact(output);
        assertThat(redacted).doesNotContain("oat-", "QmxvY2tib2R5")
                .isEqualTo("<testsuite><testcase name=\"t\"><system-out>" + expected
                        + "</system-out></testcase></testsuite>\n");
    }

    @Test
    void refusesWhatIsNeitherXmlNorJson() {
        assertThatThrownBy(() -> REDACTOR.redact("name,status\nlogin,failed\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnredactableReportException.class).hasMessageContaining("not an XML or JSON report");
    }

    @Test
    void refusesMalformedInput_namingWhere() {
        assertThatThrownBy(() -> REDACTOR.redact("<testsuite>\n<testcase name=\"a\">\n</testsuite>"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnredactableReportException.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> REDACTOR.redact("{\"tests\": [1, 2,\n}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnredactableReportException.class).hasMessageContaining("line 2");
    }

    @Test
    void refusesADoctype() {
        assertThatThrownBy(() -> REDACTOR.redact(("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM "
                + "\"file:///etc/passwd\">]><x>&e;</x>").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnredactableReportException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void countsWhatItReplaced() throws IOException {
        ReportRedactor.Result result = REDACTOR.redact(new ByteArrayInputStream(
                "{\"password\":\"a1\",\"note\":\"token=b2 and token=c3\"}".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream());

        assertThat(result).isEqualTo(new ReportRedactor.Result(ReportRedactor.Format.JSON, false, 3));
    }

    static String redact(String report) {
        return new String(REDACTOR.redact(report.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
