package dev.feedbackloop.bench.history;

import dev.feedbackloop.bench.history.TestSpec.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The tests of a simulated web shop: JUnit classes named for a module, a domain object and a layer
 * ({@code com.acme.shop.cart.CartUiTest}) with four to nine test methods each, as a Maven project's surefire reports
 * list them. Late additions go into suites of a new feature (loyalty points, gift cards), as new tests usually do.
 */
final class Catalogue {

    private static final String[] MODULES = {"shop", "backoffice", "storefront", "partner"};
    private static final String[] NOUNS = {"Cart", "Checkout", "Catalog", "Search", "Account", "Order", "Payment",
        "Inventory", "Shipment", "Coupon", "Review", "Wishlist", "Notification", "Invoice", "Refund"};
    private static final String[] LATE_NOUNS = {"LoyaltyPoints", "GiftCard", "Subscription", "Referral",
        "StoreCredit", "Bundle"};
    private static final String[] UI = {"shows%sPage", "creates%sFromForm", "edits%sInline",
        "deletes%sAfterConfirmation", "filters%sList", "paginates%sList", "validates%sFormFields",
        "opens%sDetailsFromList", "keeps%sAfterReload", "sortsTableOf%sByDate"};
    private static final String[] API = {"create%sReturns201", "get%sReturns404ForUnknownId",
        "list%sReturnsPagedResults", "update%sRejectsStaleVersion", "delete%sRequiresAdminRole",
        "create%sRejectsMissingFields", "patch%sKeepsOtherFields", "search%sByQuery", "get%sHonoursIfNoneMatch",
        "export%sAsCsv"};
    private static final String[] SERVICE = {"calculates%sTotals", "rejectsInvalid%s", "maps%sEntityToDto",
        "publishes%sCreatedEvent", "retries%sSaveOnOptimisticLock", "expires%sAfterTtl",
        "rounds%sAmountsHalfEven", "merges%sDuplicates", "validates%sState(String)[1]",
        "validates%sState(String)[2]"};
    private static final int MIN_PER_SUITE = 4;
    private static final int MAX_PER_SUITE = 9;

    private Catalogue() {
    }

    /** The most tests {@link #build} can name. */
    static int capacity() {
        return MODULES.length * NOUNS.length * Layer.values().length * MAX_PER_SUITE;
    }

    /** The most late tests {@link #build} can name. */
    static int lateCapacity() {
        return LATE_NOUNS.length * Layer.values().length * MAX_PER_SUITE;
    }

    /**
     * @param regular tests present from the start (or added mid-history), in existing modules
     * @param late    tests of a feature added late, in suites of their own
     * @throws IllegalArgumentException when more tests are asked for than the vocabulary names
     */
    static List<TestSpec> build(int regular, int late, Rng rng) {
        if (regular > capacity() || late > lateCapacity()) {
            throw new IllegalArgumentException("the simulated project names at most " + capacity()
                    + " tests and " + lateCapacity()
                    + " late ones; asked for " + regular + " and " + late);
        }
        List<TestSpec> tests = new ArrayList<>(regular + late);
        fill(tests, regular, suites(MODULES, NOUNS, rng), rng);
        fill(tests, regular + late, suites(new String[] {"shop"}, LATE_NOUNS, rng), rng);
        return tests;
    }

    private record SuiteName(String module, String noun, Layer layer) {
        String className() {
            return "com.acme." + module + "." + noun.toLowerCase(Locale.ROOT) + "." + noun + layer.classSuffix;
        }
    }

    private static List<SuiteName> suites(String[] modules, String[] nouns, Rng rng) {
        List<SuiteName> suites = new ArrayList<>();
        for (String module : modules) {
            for (String noun : nouns) {
                for (Layer layer : Layer.values()) {
                    suites.add(new SuiteName(module, noun, layer));
                }
            }
        }
        rng.shuffle(suites);
        return suites;
    }

    /** Adds tests suite by suite until the list holds {@code total}; the last suite may be cut short. */
    private static void fill(List<TestSpec> tests, int total, List<SuiteName> suites, Rng rng) {
        int left = total - tests.size();
        int suitesLeft = suites.size();
        for (SuiteName suite : suites) {
            if (left <= 0) {
                return;
            }
            // Never fewer per suite than the remaining suites can still absorb at their maximum.
            int atLeast = Math.max(1, left - (suitesLeft - 1) * MAX_PER_SUITE);
            int size = Math.min(left, Math.max(atLeast, rng.between(MIN_PER_SUITE, MAX_PER_SUITE)));
            List<String> methods = new ArrayList<>(Arrays.asList(templates(suite.layer)));
            rng.shuffle(methods);
            for (String template : methods.subList(0, Math.min(size, methods.size()))) {
                tests.add(spec(tests.size(), suite, String.format(Locale.ROOT, template, suite.noun), rng));
            }
            left = total - tests.size();
            suitesLeft--;
        }
    }

    private static TestSpec spec(int index, SuiteName suite, String name, Rng rng) {
        long millis = switch (suite.layer) {
            case UI -> rng.between(1_500, 12_000);
            case API -> rng.between(80, 900);
            case SERVICE -> rng.between(3, 120);
        };
        return new TestSpec(index, suite.className(), name, suite.layer, suite.noun, rng.between(30, 330), millis);
    }

    private static String[] templates(Layer layer) {
        return switch (layer) {
            case UI -> UI;
            case API -> API;
            case SERVICE -> SERVICE;
        };
    }
}
