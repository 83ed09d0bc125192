package dev.feedbackloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.adapter.local.LocalEngines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;
import java.util.zip.ZipFile;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Cold and warm starts of the packaged functions, native executable against JVM, each process polling a local
 * {@link LambdaRuntimeApi} as it would Lambda's, on the embedded DynamoDB, S3 and SQS (and a Secrets Manager
 * stand-in holding the project secrets). Per run: a new process gets the function's sample event from
 * {@code events/}; measured are the time from process start to its answer (cold), the time of a second event to the
 * same process (warm), and the process's peak RSS ({@code VmHWM}) after both. An error answer, or an answer other
 * than the event calls for, stops the benchmark.
 *
 * <pre>
 * ./mvnw -B package -Dnative -DskipTests                                   # target/*-runner (native)
 * ./mvnw -B package -DskipTests -Dquarkus.package.jar.type=legacy-jar      # target/*-runner.jar + lib/ (JVM)
 * ./bench.sh ColdStartBenchmark [--mode=native|jvm|both] [--functions=ingest,classify,regenerate,rollup]
 *     [--runs=5] [--java=PATH] [--jvm-options="-XX:+UseSerialGC ..."]
 * </pre>
 *
 * JVM mode runs the jar on {@code --java} (default: the JVM running the benchmark) with {@code --jvm-options}
 * (default: close to what Lambda's Java runtimes start with, serial GC and C1 only, and the heap sized as for a
 * 512 MB function, the stack's default). The native executable runs as {@code bootstrap} would, without options.
 * Function output goes to {@code target/cold-start/<mode>-<function>-<run>.log}.
 */
public final class ColdStartBenchmark {

    private static final String DEFAULT_JVM_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"
            + " -XX:MaxRAM=512m";
    private static final long INVOCATION_TIMEOUT_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One process: cold answer (from process start), warm answer (from hand-out), peak RSS in KiB. */
    record Sample(long coldMillis, long warmMillis, long peakRssKib) {
    }

    private final LambdaRuntimeApi api;
    private final Map<String, String> environment;
    private final Path logs;

    private ColdStartBenchmark(LambdaRuntimeApi api, Map<String, String> environment, Path logs) {
        this.api = api;
        this.environment = environment;
        this.logs = logs;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        // Read once, when the JDK's HTTP server first loads: both stand-ins must answer without Nagle's delay.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Map<String, String> options = options(args);
        List<String> modes = switch (options.getOrDefault("mode", "both")) {
            case "both" -> List.of("native", "jvm");
            case "native", "jvm" -> List.of(options.get("mode"));
            default -> throw new IllegalArgumentException("--mode must be native, jvm or both");
        };
        List<String> functions = Arrays.asList(options.getOrDefault("functions",
                String.join(",", SampleInvocations.FUNCTIONS)).split(","));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        Path target = Path.of("target");
        List<FunctionLauncher> launchers = new ArrayList<>();
        for (String mode : modes) {
            launchers.add(mode.equals("native") ? FunctionLauncher.nativeExecutable(target)
                    : FunctionLauncher.jvm(target, Path.of(options.getOrDefault("java",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString())),
                    List.of(options.getOrDefault("jvm-options", DEFAULT_JVM_OPTIONS).trim().split("\\s+"))));
        }
        byte[] secret = "web-shop-secret".getBytes(StandardCharsets.UTF_8); // events/README.md
        Path logs = Files.createDirectories(target.resolve("cold-start"));
        try (LocalEngines engines = LocalEngines.start(Optional.empty());
             SecretsManagerStandIn secrets = SecretsManagerStandIn.start(Map.of("web-shop",
                     new String(secret, StandardCharsets.UTF_8)));
             LambdaRuntimeApi api = LambdaRuntimeApi.create();
             S3Client s3 = engines.s3()) {
            System.out.printf(Locale.ROOT, "engines started (%s); Runtime API at %s%n", engines.startupTimes(),
                    api.address());
            ColdStartBenchmark benchmark = new ColdStartBenchmark(api, environment(engines, secrets), logs);
            Map<String, List<Sample>> results = new LinkedHashMap<>();
            for (String function : functions) {
                SampleInvocations invocations = SampleInvocations.of(function, s3, LocalEngines.BUCKET, secret);
                // Modes take turns, so that a change in the machine's load hits both alike.
                for (int run = 1; run <= runs; run++) {
                    for (FunctionLauncher launcher : launchers) {
                        results.computeIfAbsent(function + " " + launcher.mode(), k -> new ArrayList<>())
                                .add(benchmark.measure(launcher, invocations, run));
                    }
                }
            }
            print(results, launchers, target);
        }
    }

    private Sample measure(FunctionLauncher launcher, SampleInvocations invocations, int run) throws Exception {
        Path log = logs.resolve(launcher.mode() + "-" + invocations.function() + "-" + run + ".log");
        Files.deleteIfExists(log);
        Sample sample = once(launcher, invocations, log);
        System.out.printf(Locale.ROOT, "%-10s %-6s run %d: cold %5d ms, warm %4d ms, peak RSS %4d MiB%n",
                invocations.function(), launcher.mode(), run, sample.coldMillis(), sample.warmMillis(),
                sample.peakRssKib() / 1024);
        return sample;
    }

    private Sample once(FunctionLauncher launcher, SampleInvocations invocations, Path log) throws Exception {
        LambdaRuntimeApi.Session session = api.session();
        LambdaRuntimeApi.Invocation first = session.enqueue(invocations.nextEvent());
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("QUARKUS_FUNQY_EXPORT", invocations.function());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "feedback-" + invocations.function());
        long started = System.nanoTime();
        Process process = launcher.start(env, log);
        try {
            LambdaRuntimeApi.Outcome cold = await(first, process, log);
            String coldAnswer = checked(cold, invocations, log);
            LambdaRuntimeApi.Invocation second = session.enqueue(invocations.nextEvent());
            LambdaRuntimeApi.Outcome warm = await(second, process, log);
            checked(warm, invocations, log);
            long peakRss = peakRssKib(process.pid());
            Files.writeString(log, "\n[cold-start benchmark] answered: " + coldAnswer + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
            return new Sample(TimeUnit.NANOSECONDS.toMillis(cold.answeredNanos() - started), warm.millis(),
                    peakRss);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    static LambdaRuntimeApi.Outcome await(LambdaRuntimeApi.Invocation invocation, Process process, Path log)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(INVOCATION_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            try {
                return invocation.outcome().get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!process.isAlive()) {
                    throw failure("the function process exited with " + process.exitValue()
                            + " before answering", log);
                }
            } catch (ExecutionException e) {
                throw failure(e.getCause().getMessage(), log);
            }
        }
        throw failure("no answer within " + INVOCATION_TIMEOUT_SECONDS + " s", log);
    }

    private static String checked(LambdaRuntimeApi.Outcome outcome, SampleInvocations invocations, Path log) {
        if (!outcome.success()) {
            throw failure(invocations.function() + " answered an error: " + outcome.body(), log);
        }
        try {
            JsonNode answer = JSON.readTree(outcome.body());
            return invocations.check(answer);
        } catch (IOException e) {
            throw failure(invocations.function() + " answered something that is not JSON: " + outcome.body(), log);
        } catch (IllegalStateException e) {
            throw failure(invocations.function() + ": " + e.getMessage(), log);
        }
    }

    static IllegalStateException failure(String what, Path log) {
        String tail;
        try {
            List<String> lines = Files.readAllLines(log);
            tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            tail = "(no log: " + e.getMessage() + ")";
        }
        return new IllegalStateException(what + "\n--- last lines of " + log + " ---\n" + tail);
    }

    /** The process's peak resident set ({@code VmHWM}), in KiB. */
    static long peakRssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + pid + "/status");
    }

    /**
     * What each function process gets besides its export: Lambda's own variables, the contract's {@code FEEDBACK_*}
     * configuration, and endpoint overrides to the embedded engines. Credentials and region come from the
     * environment, as on Lambda, through the SDK's default providers.
     */
    static Map<String, String> environment(LocalEngines engines, SecretsManagerStandIn secrets) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", LocalClients.REGION.id());
        env.put("AWS_DEFAULT_REGION", LocalClients.REGION.id());
        env.put("AWS_ACCESS_KEY_ID", LocalClients.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalClients.SECRET_KEY);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/feedback-cold-start");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        env.put("DISABLE_SIGNAL_HANDLERS", "true"); // as the CDK stack sets it for the native executable
        env.put("FEEDBACK_TABLE_NAME", LocalEngines.TABLE);
        env.put("FEEDBACK_REPORTS_BUCKET", LocalEngines.BUCKET);
        env.put("FEEDBACK_REGENERATE_QUEUE_URL", engines.queueUrl());
        env.put("FEEDBACK_SECRETS_PROJECT_SECRETS_ID", SecretsManagerStandIn.SECRET_ID);
        env.put("FEEDBACK_AWS_SQS_ENDPOINT", engines.sqsEndpoint().toString());
        env.put("FEEDBACK_AWS_SECRETS_MANAGER_ENDPOINT", secrets.endpoint().toString());
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", engines.dynamoDbEndpoint().toString());
        env.put("QUARKUS_S3_ENDPOINT_OVERRIDE", engines.s3Endpoint().toString());
        env.put("QUARKUS_S3_PATH_STYLE_ACCESS", "true");
        return env;
    }

    private static void print(Map<String, List<Sample>> results, List<FunctionLauncher> launchers, Path target) {
        System.out.println();
        System.out.println("median [min-max] over " + results.values().iterator().next().size() + " processes each");
        System.out.printf(Locale.ROOT, "%-10s %-6s %-22s %-18s %-18s%n", "function", "mode", "first response ms",
                "warm ms", "peak RSS MiB");
        results.forEach((key, samples) -> {
            String[] parts = key.split(" ");
            System.out.printf(Locale.ROOT, "%-10s %-6s %-22s %-18s %-18s%n", parts[0], parts[1],
                    spread(samples, Sample::coldMillis, 1), spread(samples, Sample::warmMillis, 1),
                    spread(samples, Sample::peakRssKib, 1024));
        });
        launchers.forEach(l -> System.out.println(l.mode() + ": " + l.artifact()));
        Path zip = target.resolve("function.zip");
        if (Files.isRegularFile(zip)) {
            System.out.println("function.zip: " + FunctionLauncher.mebibytes(FunctionLauncher.size(zip)) + " MiB, "
                    + zipKind(zip));
        }
    }

    /** Which build wrote {@code function.zip} last: both the native and the JVM package write one. */
    private static String zipKind(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.getEntry("bootstrap") != null ? "native (bootstrap, provided.al2023)"
                    : "JVM (" + file.size() + " entries, java runtime)";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static String spread(List<Sample> samples, ToLongFunction<Sample> value, long divisor) {
        long[] sorted = samples.stream().mapToLong(value).map(v -> v / divisor).sorted().toArray();
        long median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return median + " [" + sorted[0] + "-" + sorted[sorted.length - 1] + "]";
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            if (pair.length != 2 || !List.of("mode", "functions", "runs", "java", "jvm-options")
                    .contains(pair[0])) {
                throw new IllegalArgumentException("unknown argument '" + arg + "': expected --mode=native|jvm|both,"
                        + " --functions=ingest,classify,regenerate,rollup, --runs=N, --java=PATH, --jvm-options=...");
            }
            options.put(pair[0], pair[1]);
        }
        return options;
    }
}
