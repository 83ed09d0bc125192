package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a statement chooses options of a {@code <select>}: by position ({@code .select(2)}, {@code selectOption({ index:
 * 2 })}, {@code select_option(index=2)}, {@code selectByIndex(2)}) or by what the user reads or the page submits (its
 * text, label or value). A choice by index picks whatever option happens to sit there, so it keeps passing after the
 * options change and says nothing about which one was chosen.
 */
final class OptionPicks {

    /**
     * One choice.
     *
     * @param byIndex whether it chooses by position
     * @param shown   the call as the message quotes it
     */
    record Pick(boolean byIndex, String shown) {
    }

    private static final Set<String> BY_INDEX = Set.of("selectByIndex", "select_by_index");
    private static final Set<String> BY_TEXT = Set.of("selectByVisibleText", "selectByValue", "selectByAttribute",
            "select_by_visible_text", "select_by_value", "selectByPartialVisibleText");
    private static final Set<String> PLAYWRIGHT = Set.of("selectOption", "select_option");

    private OptionPicks() {
    }

    static List<Pick> in(Statement s) {
        List<Pick> picks = new ArrayList<>();
        for (Call call : Call.all(s)) {
            String name = call.name();
            String shown = Snippet.of(s.tokens().subList(call.nameIndex() - 1 >= 0 && s.is(call.nameIndex() - 1, ".")
                    ? call.nameIndex() - 1 : call.nameIndex(), call.close() + 1));
            if (BY_INDEX.contains(name)) {
                picks.add(new Pick(true, shown));
            } else if (BY_TEXT.contains(name)) {
                picks.add(new Pick(false, shown));
            } else if (PLAYWRIGHT.contains(name) && !call.args().isEmpty()) {
                picks.add(new Pick(names(call, "index"), shown));
            } else if (name.equals("select") && cypress(call) && !call.args().isEmpty()) {
                picks.add(new Pick(numeric(call.args().get(0)), shown));
            }
        }
        return picks;
    }

    /** Cypress's {@code cy.get(...).select(...)}: the chain starts at {@code cy}. */
    private static boolean cypress(Call call) {
        List<String> head = call.head();
        return !head.isEmpty() && head.get(0).equals("cy") || call.receiver().startsWith("cy");
    }

    /** Cypress chooses by index when given a number or an array of numbers. */
    private static boolean numeric(Call.Arg arg) {
        boolean number = false;
        for (int i = arg.from(); i < arg.to(); i++) {
            Token t = arg.src().get(i);
            if (t.kind() == Token.Kind.NUMBER) {
                number = true;
            } else if (!t.is("[") && !t.is("]") && !t.is(",")) {
                return false;
            }
        }
        return number;
    }

    /** An {@code index} key or keyword anywhere in the call's arguments: {@code { index: 2 }}, {@code index=2}. */
    private static boolean names(Call call, String key) {
        for (int i = call.open() + 1; i + 1 < call.close(); i++) {
            if (call.src().get(i).is(key) && (call.src().is(i + 1, ":") || call.src().is(i + 1, "="))) {
                return true;
            }
        }
        return false;
    }
}
