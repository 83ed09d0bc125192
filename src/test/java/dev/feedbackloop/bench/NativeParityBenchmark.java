package dev.feedbackloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.adapter.local.LocalEngines;
import dev.feedbackloop.adapter.s3.S3RawReportStore;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.store.StoredReport;
import dev.feedbackloop.upload.SignedIngestEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The native executable must treat every report as the JVM build does. For each report file under a directory
 * (default: the shared corpus's {@code reports/}), one {@code ingest} process per mode receives it as a signed Function
 * URL call, as text and gzip-compressed, and one {@code classify} process per mode analyses it from S3; each mode
 * works under its own project. The answers are compared, the JVM's being the reference. Prints the inputs answered
 * differently (the benchmark fails then), the tally of answers, and the warm time per invocation in each mode.
 *
 * <p>{@code ./bench.sh NativeParityBenchmark [DIR]}, after both builds (see {@link ColdStartBenchmark}). Function
 * output goes to {@code target/cold-start/<mode>-<function>-parity.log}.
 */
public final class NativeParityBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EXTENSIONS = List.of(".xml", ".json", ".trx");
    private static final byte[] SECRET = "parity-secret".getBytes(StandardCharsets.UTF_8);
    /** Fields that differ between any two calls (signed URLs, their expiry) or name the mode's own run. */
    private static final List<String> VOLATILE = List.of("uploadUrl", "expiresAt", "headers", "runId", "key");

    /** One input: a report, sent as it is or gzip-compressed. */
    record Input(Path report, boolean gzip) {
    }

    /** An answer without the mode's project name (or the error type), and the invocation's time. */
    record Answer(String outcome, String status, long millis) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/corpus/reports");
        List<Path> reports;
        try (Stream<Path> files = Files.walk(dir)) {
            reports = files.filter(Files::isRegularFile)
                    .filter(f -> EXTENSIONS.stream().anyMatch(f.getFileName().toString()::endsWith))
                    .filter(f -> f.toFile().length() <= 4 * 1024 * 1024).sorted().toList();
        }
        Path target = Path.of("target");
        List<FunctionLauncher> launchers = List.of(FunctionLauncher.nativeExecutable(target),
                FunctionLauncher.jvm(target, Path.of(System.getProperty("java.home"), "bin", "java"), List.of()));
        List<Input> ingestInputs = new ArrayList<>();
        reports.forEach(r -> ingestInputs.addAll(List.of(new Input(r, false), new Input(r, true))));
        List<Input> classifyInputs = reports.stream().map(r -> new Input(r, false)).toList();
        int differ = 0;
        try (LocalEngines engines = LocalEngines.start(Optional.empty());
             SecretsManagerStandIn secrets = SecretsManagerStandIn.start(Map.of("parity-native",
                     new String(SECRET, StandardCharsets.UTF_8), "parity-jvm", new String(SECRET,
                             StandardCharsets.UTF_8)));
             LambdaRuntimeApi api = LambdaRuntimeApi.create();
             S3Client s3 = engines.s3()) {
            Map<String, String> environment = ColdStartBenchmark.environment(engines, secrets);
            environment.put("AWS_LAMBDA_RUNTIME_API", api.address());
            NativeParityBenchmark benchmark = new NativeParityBenchmark(api, environment, s3,
                    Files.createDirectories(target.resolve("cold-start")));
            for (String function : List.of("ingest", "classify")) {
                List<Input> inputs = function.equals("ingest") ? ingestInputs : classifyInputs;
                Map<String, List<Answer>> answers = new LinkedHashMap<>();
                for (FunctionLauncher launcher : launchers) {
                    answers.put(launcher.mode(), benchmark.invokeAll(launcher, function, inputs));
                }
                differ += compare(function, inputs, dir, answers.get("native"), answers.get("jvm"));
            }
        }
        if (differ > 0) {
            throw new IllegalStateException(differ + " inputs answered differently by the native executable");
        }
    }

    private final LambdaRuntimeApi api;
    private final Map<String, String> environment;
    private final S3RawReportStore store;
    private final Path logs;

    private NativeParityBenchmark(LambdaRuntimeApi api, Map<String, String> environment, S3Client s3, Path logs) {
        this.api = api;
        this.environment = environment;
        this.store = new S3RawReportStore(s3, LocalEngines.BUCKET, "reports/");
        this.logs = logs;
    }

    /** One process of {@code function} answering every input in turn. */
    private List<Answer> invokeAll(FunctionLauncher launcher, String function, List<Input> inputs) throws Exception {
        String project = "parity-" + launcher.mode();
        Path log = logs.resolve(launcher.mode() + "-" + function + "-parity.log");
        Files.deleteIfExists(log);
        LambdaRuntimeApi.Session session = api.session();
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("QUARKUS_FUNQY_EXPORT", function);
        Process process = launcher.start(env, log);
        List<Answer> answers = new ArrayList<>();
        try {
            for (Input input : inputs) {
                String run = "run-" + (answers.size() + 1);
                byte[] event = function.equals("ingest") ? ingestEvent(input, project, run)
                        : classifyEvent(input, project, run);
                answers.add(answer(ColdStartBenchmark.await(session.enqueue(event), process, log), project));
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        return answers;
    }

    private static byte[] ingestEvent(Input input, String project, String run) throws IOException {
        byte[] body = Files.readAllBytes(input.report());
        if (input.gzip()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                gzip.write(body);
            }
            body = bytes.toByteArray();
        }
        return SampleInvocations.bytes(SignedIngestEvents.functionUrlPost("/", body, Map.of("project", project, "run", run),
                SECRET, Instant.now()));
    }

    private byte[] classifyEvent(Input input, String project, String run) {
        StoredReport stored = store.put(new ReportMetadata(new RunKey(project, run, 1), Optional.empty(),
                Optional.of("main"), Optional.empty(), Optional.empty()), ReportContent.ofFile(input.report()));
        ObjectNode event = SampleInvocations.sample("classify-s3-notification.json");
        ObjectNode object = (ObjectNode) event.path("Records").get(0).path("s3").path("object");
        object.put("key", URLEncoder.encode(stored.key(), StandardCharsets.UTF_8));
        return SampleInvocations.bytes(event);
    }

    private static Answer answer(LambdaRuntimeApi.Outcome outcome, String project) throws IOException {
        JsonNode body = JSON.readTree(outcome.body());
        if (!outcome.success()) {
            String error = "ERROR " + body.path("errorType").asText();
            return new Answer(error, error, outcome.millis());
        }
        // ingest answers a Function URL response whose body is JSON text; classify one report per record
        JsonNode answer = body.has("statusCode") ? JSON.readTree(body.path("body").asText())
                : body.path("reports").path(0);
        String status = body.has("statusCode") ? body.path("statusCode").asText() + " " + answer.path("error")
                .asText(answer.path("duplicate").asBoolean() ? "duplicate" : "stored")
                : answer.path("status").asText();
        ObjectNode fields = answer.deepCopy();
        fields.remove(VOLATILE);
        return new Answer(status + " " + fields.toString().replace(project, "<project>"), status, outcome.millis());
    }

    private static int compare(String function, List<Input> inputs, Path dir, List<Answer> nativeAnswers,
                               List<Answer> jvmAnswers) {
        int differ = 0;
        Map<String, Integer> tally = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Answer nat = nativeAnswers.get(i);
            Answer jvm = jvmAnswers.get(i);
            tally.merge(jvm.status(), 1, Integer::sum);
            if (!nat.outcome().equals(jvm.outcome())) {
                differ++;
                System.out.println("DIFFERS " + function + " " + dir.relativize(inputs.get(i).report())
                        + (inputs.get(i).gzip() ? " (gzip)" : "") + "\n  native: " + nat.outcome()
                        + "\n  jvm:    " + jvm.outcome());
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d inputs, %d answered differently by the native executable; JVM"
                + " answers: %s%n", function, inputs.size(), differ, tally);
        System.out.printf(Locale.ROOT, "%s: warm time per input, median [max]: native %s ms, jvm %s ms%n", function,
                medianMax(nativeAnswers), medianMax(jvmAnswers));
        return differ;
    }

    private static String medianMax(List<Answer> answers) {
        long[] sorted = answers.stream().mapToLong(Answer::millis).sorted().toArray();
        return sorted[sorted.length / 2] + " [" + sorted[sorted.length - 1] + "]";
    }
}
