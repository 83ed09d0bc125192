package dev.feedbackloop.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.http.SlackWebhook;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.adapter.local.LocalLoop;
import dev.feedbackloop.adapter.s3.S3PublishedReports;
import dev.feedbackloop.testing.SlackWebhookServer;
import dev.feedbackloop.testing.SlackWebhookServer.Answer;
import dev.feedbackloop.testing.TestEngines;
import dev.feedbackloop.view.ProjectReads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The nightly report and digest on real parts: a store filled through the local loop (ingest redacts), the report in
 * S3 (s3proxy) read back through its pre-signed link, and the digest posted to a local server that answers as
 * Slack's incoming webhooks do.
 */
class NightlyPublishingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final LocalDate DAY = LocalDate.parse("2026-03-01");
    private static final String SECRET = "AKIAIOSFODNN7EXAMPLE";
    private static final String OWNERS = """
            # owners of the shop's tests; the last match wins
            *                 #qa
            tests/cart/       <@U024BE7LH>
            tests/cart/*.legacy.xml
            """;

    private static LocalLoop loop;
    private static S3Client s3;
    private static S3Presigner presigner;
    private static String bucket;

    @TempDir
    static Path dir;

    private final List<Long> waits = new ArrayList<>();
    private final SlackWebhookServer slack = new SlackWebhookServer();

    @BeforeAll
    static void fill() throws Exception {
        loop = LocalLoop.start(Optional.empty(), Clock.systemUTC());
        s3 = LocalClients.s3(TestEngines.s3().endpoint());
        presigner = LocalClients.s3Presigner(TestEngines.s3().endpoint());
        bucket = TestEngines.uniqueName("published");
        s3.createBucket(b -> b.bucket(bucket));
        for (String project : List.of("shop", "bank", "docs", "blog")) {
            Path report = dir.resolve(project + ".xml");
            Files.writeString(report, """
                    <testsuite name="s" timestamp="2026-03-01T09:00:00" tests="3">
                      <testcase classname="cart" name="adds items" file="tests/cart/add.spec.ts">
                        <failure message="login failed with key %s">expected 200</failure></testcase>
                      <testcase classname="home" name="renders" file="tests/home.spec.ts">
                        <failure message="Timeout 5000ms exceeded">waiting</failure></testcase>
                      <testcase classname="about" name="shows" file="tests/about.spec.ts"/>
                    </testsuite>
                    """.formatted(SECRET));
            assertThat(loop.deliver(report, Map.of("project", project, "run", "r1")).accepted()).isTrue();
        }
    }

    @AfterAll
    static void stop() {
        presigner.close();
        s3.close();
        loop.close();
    }

    private NightlyPublishing publishing(DigestRoutes routes) {
        SlackWebhook webhook = new SlackWebhook(3, 1000, waits::add);
        return new NightlyPublishing(new ProjectReads(loop.wiring().runs(), loop.wiring().scenarios(),
                Optional.of(loop.wiring().metrics()), Optional.of(loop.wiring().recommendations()), Clock.systemUTC()),
                new S3PublishedReports(s3, presigner, bucket, S3PublishedReports.DEFAULT_PREFIX, Duration.ofHours(12)),
                routes, webhook::post, loop.wiring().deliveries(), Clock.systemUTC());
    }

    private DigestRoutes routes(String project) {
        return p -> p.equals(project) ? Optional.of(new DigestRoute(slack.webhook(), OwnersFile.parse(OWNERS,
                "OWNERS"))) : Optional.empty();
    }

    @Test
    void theReportGoesToItsKeyInS3_opensThroughItsPresignedLink_redacted_andARerunReplacesIt() throws Exception {
        NightlyPublishing.Published first = publishing(DigestRoutes.none()).publish("blog", DAY);
        NightlyPublishing.Published again = publishing(DigestRoutes.none()).publish("blog", DAY);

        assertThat(first.report().location()).isEqualTo("s3://" + bucket + "/dashboards/blog/2026-03-01.html");
        assertThat(first.digest()).isEqualTo(NightlyPublishing.DigestOutcome.NOT_CONFIGURED);
        assertThat(first.report().expiresAt()).hasValueSatisfying(expiry -> assertThat(expiry)
                .isBetween(Instant.now().plus(Duration.ofHours(11)), Instant.now().plus(Duration.ofHours(13))));
        HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(URI.create(again.report().link())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/html"));
        assertThat(opened.body()).startsWith("<!DOCTYPE html>").contains("adds items").doesNotContain(SECRET);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("dashboards/blog/")).keyCount()).isEqualTo(1);
        assertThat(slack.received()).isEmpty();
    }

    @Test
    void theDigestIsSentOncePerProjectAndDay_withTheReportLinkAndTheFailuresUnderTheirOwners() throws Exception {
        NightlyPublishing.Published sent = publishing(routes("shop")).publish("shop", DAY);
        NightlyPublishing.Published rerun = publishing(routes("shop")).publish("shop", DAY);
        NightlyPublishing.Published nextDay = publishing(routes("shop")).publish("shop", DAY.plusDays(1));

        assertThat(sent.digest()).isEqualTo(NightlyPublishing.DigestOutcome.SENT);
        assertThat(rerun.digest()).isEqualTo(NightlyPublishing.DigestOutcome.ALREADY_SENT);
        assertThat(nextDay.digest()).isEqualTo(NightlyPublishing.DigestOutcome.SENT);
        assertThat(slack.received()).hasSize(2);
        JsonNode message = JSON.readTree(slack.received().get(0));
        String text = message.toString();
        assertThat(text).contains("<@U024BE7LH>: `adds items`", "#qa: `renders`")
                .contains("|Open the day's report>").doesNotContain(SECRET);
        String link = sent.report().link().replace("&", "&amp;");
        assertThat(text).contains(JSON.writeValueAsString(link).replace("\"", ""));
    }

    @Test
    void slackAnswers_rateLimitIsWaitedOut_invalidPayloadAndNoServiceFailUnretried_andTheNextRunSends() {
        slack.answer(Answer.rateLimited(2), Answer.OK);
        NightlyPublishing.Published limited = publishing(routes("bank")).publish("bank", DAY);

        slack.answer(Answer.NO_SERVICE);
        NightlyPublishing.Published revoked = publishing(routes("docs")).publish("docs", DAY);
        slack.answer(Answer.INVALID_PAYLOAD);
        NightlyPublishing.Published refused = publishing(routes("docs")).publish("docs", DAY);
        NightlyPublishing.Published retried = publishing(routes("docs")).publish("docs", DAY);

        assertThat(limited.digest()).isEqualTo(NightlyPublishing.DigestOutcome.SENT);
        assertThat(waits).as("Retry-After honoured, no backoff guess").containsExactly(2000L);
        assertThat(revoked.digest()).isEqualTo(NightlyPublishing.DigestOutcome.FAILED);
        assertThat(revoked.problem()).hasValueSatisfying(p -> assertThat(p).contains("404", "no_service")
                .doesNotContain(slack.webhook().getPath()));
        assertThat(refused.digest()).isEqualTo(NightlyPublishing.DigestOutcome.FAILED);
        assertThat(refused.problem()).hasValueSatisfying(p -> assertThat(p).contains("400", "invalid_payload"));
        assertThat(retried.digest()).as("a failed digest is released for the next run")
                .isEqualTo(NightlyPublishing.DigestOutcome.SENT);
        assertThat(slack.received()).as("429 + ok, 404, 400, ok: neither 4xx retried").hasSize(5);
    }
}
