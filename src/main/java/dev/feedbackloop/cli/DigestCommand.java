package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.http.SlackWebhook;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.view.Dashboard;
import dev.feedbackloop.view.SlackDigest;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code feedback digest}: a project's Slack digest, posted to an incoming webhook or printed. */
@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {"Builds a project's digest as a Slack Block Kit message (latest run, new failures, top"
                + " scenarios, flaky tests) and posts it to the incoming webhook in $FEEDBACK_SLACK_WEBHOOK (retrying"
                + " 429 and 5xx answers), or prints the JSON when that variable is not set.",
                "The webhook URL is a secret, so it is read from the environment and never from the command line."})
public final class DigestCommand implements Callable<Integer> {

    static final String WEBHOOK_VARIABLE = "FEEDBACK_SLACK_WEBHOOK";

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    /** The environment, replaceable by tests. */
    java.util.function.Function<String, String> environment = System::getenv;

    @Override
    public Integer call() {
        store.requireProject(spec.commandLine());
        Optional<URI> webhook = Optional.ofNullable(environment.apply(WEBHOOK_VARIABLE)).filter(w -> !w.isBlank())
                .map(DigestCommand::webhook);
        Dashboard dashboard;
        try (LocalStore local = ScenariosCommand.open(store)) {
            dashboard = local.projectReads(Clock.systemUTC()).dashboard(store.project, 10, 10);
        }
        String payload = SlackDigest.payload(dashboard);
        PrintWriter out = spec.commandLine().getOut();
        if (webhook.isEmpty()) {
            out.println(payload);
        } else {
            int tries = SlackWebhook.withDefaults().post(webhook.get(), payload);
            out.printf("Posted the digest of %s to Slack (%d %s).%n", store.project, tries, tries == 1 ? "try"
                    : "tries");
        }
        out.flush();
        return 0;
    }

    private static URI webhook(String value) {
        try {
            URI uri = URI.create(value.strip());
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException("scheme");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("$" + WEBHOOK_VARIABLE + " must be an http(s) URL (value not shown:"
                    + " it is a secret)");
        }
    }
}
