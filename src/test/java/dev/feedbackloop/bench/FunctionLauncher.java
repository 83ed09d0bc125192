package dev.feedbackloop.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts the packaged application as one Lambda function process, the way Lambda starts it: the native executable
 * (what {@code bootstrap} in {@code function.zip} is), or the JVM runner jar under AWS's runtime interface client
 * with Funqy's stream handler, as Lambda's Java runtime would run it.
 */
abstract class FunctionLauncher {

    /** The handler a JVM deployment of a Funqy application names. */
    static final String FUNQY_HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";
    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** The runtime interface client and what it needs besides the application's own jars. */
    private static final List<String> RIC_JARS = List.of("aws-lambda-java-runtime-interface-client-",
            "aws-lambda-java-serialization-");

    private final String mode;

    private FunctionLauncher(String mode) {
        this.mode = mode;
    }

    String mode() {
        return mode;
    }

    /** The command line, before the function-specific environment. */
    abstract List<String> command();

    /** What is deployed, for the report: path and size in bytes. */
    abstract String artifact();

    /** Starts a function process with {@code environment} added, output appended to {@code log}. */
    Process start(Map<String, String> environment, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command(), e);
        }
    }

    /** The native executable Quarkus built: {@code target/<artifact>-runner}. */
    static FunctionLauncher nativeExecutable(Path target) {
        Path runner = single(target, "-runner", "a native build: ./mvnw -B package -Dnative -DskipTests");
        return new FunctionLauncher("native") {
            @Override
            List<String> command() {
                return List.of(runner.toAbsolutePath().toString());
            }

            @Override
            String artifact() {
                return runner.getFileName() + " " + mebibytes(size(runner)) + " MiB";
            }
        };
    }

    /**
     * The legacy runner jar ({@code target/<artifact>-runner.jar} with {@code target/lib/}) under the runtime
     * interface client, whose jars come from this JVM's class path (test scope).
     */
    static FunctionLauncher jvm(Path target, Path java, List<String> jvmOptions) {
        Path jar = single(target, "-runner.jar",
                "a legacy-jar build: ./mvnw -B package -DskipTests -Dquarkus.package.jar.type=legacy-jar");
        List<String> classPath = new ArrayList<>(List.of(jar.toAbsolutePath().toString()));
        classPath.addAll(ricJars());
        return new FunctionLauncher("jvm") {
            @Override
            List<String> command() {
                List<String> command = new ArrayList<>(List.of(java.toString()));
                command.addAll(jvmOptions);
                // The runtime interface client reflects into java.lang on JDK 17+.
                command.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
                        "-cp", String.join(File.pathSeparator, classPath), RIC_MAIN, FUNQY_HANDLER));
                return command;
            }

            @Override
            String artifact() {
                return jar.getFileName() + " + lib/ " + mebibytes(size(jar) + size(target.resolve("lib")))
                        + " MiB";
            }
        };
    }

    private static List<String> ricJars() {
        List<String> jars = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> RIC_JARS.stream().anyMatch(Path.of(entry).getFileName().toString()::startsWith))
                .toList();
        if (jars.size() != RIC_JARS.size()) {
            throw new IllegalStateException("expected the jars " + RIC_JARS + " on the class path (test scope "
                    + "dependency com.amazonaws:aws-lambda-java-runtime-interface-client), found " + jars);
        }
        return jars;
    }

    private static Path single(Path target, String suffix, String howToBuild) {
        try (Stream<Path> files = Files.list(target)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix) && Files.isRegularFile(f))
                    .toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one " + target + "/*" + suffix + ", found " + found
                        + "; run " + howToBuild);
            }
            return found.get(0);
        } catch (IOException e) {
            throw new IllegalStateException("no " + target + " directory; run " + howToBuild, e);
        }
    }

    static long size(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
