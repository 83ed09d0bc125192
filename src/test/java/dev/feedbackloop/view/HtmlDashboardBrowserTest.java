package dev.feedbackloop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.testing.HeadlessChromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard page of a stored history, rendered in headless Chromium. */
class HtmlDashboardBrowserTest {

    @Test
    void theDashboardRendersItsScenariosChartsTimelinesAndHostileNamesAsText() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        String html;
        int changes;
        try (ViewHistory history = new ViewHistory()) {
            html = HtmlDashboard.render(history.allReads().dashboard("web", 20, 20));
            changes = Math.min(ProjectReads.TIMELINE_CHANGES,
                    history.loop.health().timeline("web", ViewHistory.FLAKY_TEST).size());
        }
        Path dir = Path.of("target", "dashboard-test");
        Files.createDirectories(dir);
        Path page = dir.resolve("web.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);

        HeadlessChromium.Rendered rendered = chromium.render(page);
        Path screenshot = dir.resolve("web.png");
        chromium.screenshot(page, screenshot);
        System.out.println("dashboard screenshot: " + screenshot.toAbsolutePath());

        String dom = rendered.dom();
        assertThat(rendered.console()).as("console messages").isEmpty();
        assertThat(count(dom, "<tr class=\"scenario\"")).as("scenario rows").isEqualTo(2);
        assertThat(dom).contains("id=\"scenario-" + ViewHistory.LOCATOR.value() + "\"")
                .contains("locator('#pay') not found");
        assertThat(count(dom, "<rect class=\"bar\"")).as("bars drawn: 2 runs, 2 root causes").isEqualTo(4);
        assertThat(dom).contains("SELECTOR_ISSUE").contains("TIMEOUT");
        assertThat(dom).contains("id=\"flaky-table\"").contains("login");
        // The flaky test's recent results drew as lettered boxes, its state changes as a list under its row.
        assertThat(count(dom, "<span class=\"results\" role=\"img\" aria-label=\"Last 12 runs, oldest first:"))
                .as("result strips").isOne();
        assertThat(count(dom, "<i class=\"o-")).as("result boxes").isEqualTo(12);
        assertThat(count(dom, "<i class=\"o-R\" title=\"h")).as("passes on retry").isEqualTo(4);
        assertThat(count(dom, "<tr class=\"timeline-row\"><td colspan=\"6\"><ol class=\"timeline\""))
                .as("timelines").isOne();
        assertThat(count(dom, "<li><time datetime=")).as("state changes listed").isEqualTo(changes).isPositive();
        assertThat(dom).contains("→ <span class=\"state\">quarantined</span> by ana");
        // The hostile name is text: no element was made of it, and its bidi override is shown, not obeyed.
        assertThat(count(dom, "<script")).isZero();
        assertThat(dom).contains("&lt;script&gt;alert(1)&lt;/script&gt; pays \\u202Eevil\\u202C")
                .doesNotContain("\u202E");
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    @Test
    void anEmptyProjectRendersAndSaysSo() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Path page;
        try (ViewHistory history = new ViewHistory()) {
            page = Files.createTempFile("empty-dashboard", ".html");
            Files.writeString(page, HtmlDashboard.render(history.reads().dashboard("nothing-here", 20, 20)));
        }
        HeadlessChromium.Rendered rendered = chromium.render(page);

        assertThat(rendered.console()).isEmpty();
        assertThat(rendered.dom()).contains("No runs stored for this project yet.")
                .contains("No failure scenarios stored.");
    }

    private static long count(String text, String needle) {
        return Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
    }
}
