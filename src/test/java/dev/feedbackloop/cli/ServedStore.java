package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code feedback serve} over a store on a free port, in this process, until closed: what {@code --url} reads in
 * tests. The URL and the read tokens are taken from what the command prints at start.
 *
 * @param url    the server's base URL
 * @param printed what serve printed at start (each --project's token)
 */
record ServedStore(ServeCommand serve, CompletableFuture<Integer> exit, String url, String printed)
        implements AutoCloseable {

    private static final Pattern TOKEN = Pattern.compile("read token flr_\\S+\\s+dashboard \\S+\\n");
    private static final Pattern SERVING = Pattern.compile("Serving [^\\n]+? on (http://127\\.0\\.0\\.1:\\d+/)");

    /**
     * @param environment where serve reads --secret-env variables
     * @param args        more arguments: --project P, --secret-env P=VAR
     */
    static ServedStore start(Path data, Map<String, String> environment, String... args) throws Exception {
        ServeCommand serve = new ServeCommand();
        serve.environment = environment;
        CompletableFuture<String> url = new CompletableFuture<>();
        StringBuilder printed = new StringBuilder();
        long projects = List.of(args).stream().filter("--project"::equals).count();
        Writer watcher = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                synchronized (printed) {
                    printed.append(buffer, offset, length);
                    Matcher m = SERVING.matcher(printed);
                    // complete once every --project's token is printed too
                    if (m.find() && TOKEN.matcher(printed).results().count() == projects) {
                        url.complete(m.group(1));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        CommandLine commandLine = new CommandLine(serve);
        commandLine.setOut(new PrintWriter(watcher, true));
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--data", data.toString(), "--port", "0"));
        all.addAll(List.of(args));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute(
                all.toArray(String[]::new)));
        String base = CompletableFuture.anyOf(url, exit).thenApply(done -> url.getNow(null)).get(120,
                TimeUnit.SECONDS);
        assertThat(base).as("serve stopped: " + err).isNotNull();
        synchronized (printed) {
            return new ServedStore(serve, exit, base, printed.toString());
        }
    }

    /** The read token serve printed for {@code project}. */
    String token(String project) {
        Matcher m = Pattern.compile("  " + project + ": read token (flr_\\S+)").matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        return m.group(1);
    }

    @Override
    public void close() throws Exception {
        serve.stop.countDown();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    }
}
