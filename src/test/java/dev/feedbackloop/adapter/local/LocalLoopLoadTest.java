package dev.feedbackloop.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A history loaded in one pass ({@link LocalLoop#deliverAll}: regeneration queue taken once, results written in
 * transactions) stores, item for item and object for object, what delivering its reports one by one stores; and
 * loading it again changes nothing. Real engines in memory, one fixed clock for both loads, so that every time
 * written is the same.
 */
class LocalLoopLoadTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String SECRET = "hunter2-s3cr3t-Pa55word";

    @TempDir
    Path dir;

    @Test
    void aHistoryLoadedInOnePassStoresWhatDeliveringItsReportsOneByOneStores() throws IOException {
        List<LocalLoop.Shipment> history = history();

        Stored oneByOne;
        try (LocalLoop loop = start()) {
            for (LocalLoop.Shipment shipment : history) {
                assertThat(loop.deliver(shipment.report(), shipment.metadata()).accepted()).isTrue();
            }
            oneByOne = stored(loop);
        }
        Stored onePass;
        LocalLoop.Load load;
        try (LocalLoop loop = start()) {
            load = loop.deliverAll(history, delivery -> assertThat(delivery.accepted()).isTrue());
            onePass = stored(loop);
        }

        assertThat(load.deliveries()).hasSize(history.size());
        assertThat(load.regenerationsTaken()).as("the history queues regeneration requests").isPositive();
        assertThat(onePass.items()).as("the table, item by item").containsExactlyElementsOf(oneByOne.items());
        assertThat(onePass.objects()).as("the reports bucket").isEqualTo(oneByOne.objects());
        assertThat(oneByOne.items()).as("the secret in a failure message reached no item")
                .noneMatch(item -> item.contains(SECRET));
        assertThat(oneByOne.items()).as("health, results and scenarios are all there")
                .anyMatch(item -> item.contains("checkoutPays")).hasSizeGreaterThan(history.size() * 6);
    }

    @Test
    void loadingTheSameHistoryAgainChangesNothing() throws IOException {
        List<LocalLoop.Shipment> history = history();
        try (LocalLoop loop = start()) {
            loop.deliverAll(history, delivery -> { });
            Stored once = stored(loop);

            LocalLoop.Load again = loop.deliverAll(history, delivery -> { });

            assertThat(again.deliveries()).allSatisfy(delivery -> assertThat(delivery.ingestAnswer()
                    .path("duplicate").asBoolean()).isTrue());
            assertThat(again.regenerationsTaken()).isZero();
            assertThat(stored(loop)).isEqualTo(once);
        }
    }

    private static LocalLoop start() {
        return LocalLoop.start(Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /**
     * Eight runs of six tests on main: a test that fails with a missing element from run 3 on (a regression, queued
     * for regeneration), one that fails now and then and passes on a retry attempt (flaky), an outage run where
     * everything fails, and a failure message carrying a password.
     */
    private List<LocalLoop.Shipment> history() throws IOException {
        List<LocalLoop.Shipment> history = new ArrayList<>();
        for (int run = 1; run <= 8; run++) {
            boolean outage = run == 6;
            StringBuilder cases = new StringBuilder();
            for (int test = 1; test <= 4; test++) {
                cases.append(outage ? failing("Cart", "step" + test, "Connection refused: localhost:5432")
                        : passing("Cart", "step" + test));
            }
            cases.append(outage || run >= 3 ? failing("Checkout", "checkoutPays",
                    "Timeout 5000ms exceeded waiting for locator('#pay-button')") : passing("Checkout", "checkoutPays"));
            boolean flaky = run % 3 == 0;
            cases.append(outage || flaky ? failing("Search", "findsShoes", "expected 3 results but was 0; password="
                    + SECRET) : passing("Search", "findsShoes"));
            history.add(shipment(run, 1, cases.toString()));
            if (flaky && !outage) {
                history.add(shipment(run, 2, passing("Search", "findsShoes")));
            }
        }
        return history;
    }

    private LocalLoop.Shipment shipment(int run, int attempt, String cases) throws IOException {
        Path file = dir.resolve("r" + run + "-" + attempt + ".xml");
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"shop\">\n" + cases
                + "</testsuite>\n");
        return new LocalLoop.Shipment(file, Map.of("project", "shop", "run", "r" + run, "attempt",
                Integer.toString(attempt), "commit", "c" + run, "branch", "main", "time",
                NOW.minus(20 - run, ChronoUnit.HOURS).toString()));
    }

    private static String passing(String suite, String name) {
        return "<testcase classname=\"" + suite + "\" name=\"" + name + "\" time=\"0.1\"/>\n";
    }

    private static String failing(String suite, String name, String message) {
        return "<testcase classname=\"" + suite + "\" name=\"" + name + "\" time=\"0.1\"><failure message=\""
                + message + "\" type=\"Error\">Error: " + message + "\n    at " + suite + ".spec.ts:12:5</failure>"
                + "</testcase>\n";
    }

    /** Every item of the table and every object of the bucket, each as canonical text, sorted. */
    record Stored(List<String> items, Map<String, String> objects) {
    }

    private static Stored stored(LocalLoop loop) {
        List<String> items = new ArrayList<>();
        try (DynamoDbClient dynamoDb = loop.engines().dynamoDb(List.of())) {
            dynamoDb.scanPaginator(ScanRequest.builder().tableName(LocalEngines.TABLE).build()).items()
                    .forEach(item -> items.add(canonical(AttributeValue.fromM(item))));
        }
        items.sort(String::compareTo);
        Map<String, String> objects = new TreeMap<>();
        try (S3Client s3 = loop.engines().s3()) {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(LocalEngines.BUCKET)).contents()) {
                try (InputStream content = s3.getObject(b -> b.bucket(LocalEngines.BUCKET).key(object.key()))) {
                    objects.put(object.key(), sha256(content.readAllBytes()));
                } catch (IOException e) {
                    throw new AssertionError(object.key(), e);
                }
            }
        }
        return new Stored(items, objects);
    }

    /** An attribute value as text with map keys and set members sorted (their order on the wire is not fixed). */
    private static String canonical(AttributeValue value) {
        if (value.hasM()) {
            return value.m().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> canonical(e.getValue()), (a, b) -> a, TreeMap::new)).toString();
        }
        if (value.hasL()) {
            return value.l().stream().map(LocalLoopLoadTest::canonical).toList().toString();
        }
        if (value.hasSs()) {
            return "SS" + new TreeSet<>(value.ss());
        }
        if (value.hasNs()) {
            return "NS" + new TreeSet<>(value.ns());
        }
        return value.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
