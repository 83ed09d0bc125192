package dev.feedbackloop.bench;

import dev.feedbackloop.adapter.local.LocalDynamoDb;
import dev.feedbackloop.adapter.local.LocalEngines;
import dev.feedbackloop.adapter.local.LocalS3;
import dev.feedbackloop.adapter.local.LocalSqs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Cold start-up time of the embedded engines, in this fresh JVM: {@code ./bench.sh LocalEnginesBenchmark WHICH}
 * with WHICH one of {@code dynamodb}, {@code s3}, {@code sqs} (each alone) or {@code all} (the three in parallel
 * with table, bucket and queue created, as the CLI starts them; default). Run once per engine: only the first start
 * in a JVM is cold.
 */
public final class LocalEnginesBenchmark {

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        String which = args.length > 0 ? args[0] : "all";
        long begin = System.nanoTime();
        switch (which) {
            case "dynamodb" -> {
                try (LocalDynamoDb engine = LocalDynamoDb.inMemory()) {
                    print("DynamoDB Local (in memory)", engine.startup().toMillis());
                }
            }
            case "s3" -> {
                try (LocalS3 engine = LocalS3.inMemory()) {
                    print("s3proxy (transient)", engine.startup().toMillis());
                }
            }
            case "sqs" -> {
                try (LocalSqs engine = LocalSqs.start()) {
                    print("ElasticMQ", engine.startup().toMillis());
                }
            }
            case "all" -> {
                Path dir = Files.createTempDirectory("feedback-engines");
                try (LocalEngines engines = LocalEngines.start(Optional.of(dir))) {
                    print("all three in parallel, persistent (" + engines.startupTimes() + ")",
                            engines.startup().toMillis());
                    print("  ... with table, bucket and queue created", (System.nanoTime() - begin) / 1_000_000);
                }
            }
            default -> throw new IllegalArgumentException("expected dynamodb, s3, sqs or all, got " + which);
        }
    }

    private static void print(String what, long millis) {
        System.out.printf(Locale.ROOT, "%s: started in %d ms%n", what, millis);
    }
}
