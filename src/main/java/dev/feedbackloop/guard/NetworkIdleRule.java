package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code networkidle}: a wait for network idle added ({@code waitUntil: 'networkidle'},
 * {@code waitForLoadState('networkidle')}, {@code wait_until="networkidle"}). Playwright discourages it: a page
 * that polls, streams or keeps a socket open never goes idle, and one that does says nothing about the element the
 * test needs. Removing it is fine.
 */
final class NetworkIdleRule implements Rule {

    @Override
    public void check(Comparison c, Findings findings) {
        for (AddedPatterns.Added a : AddedPatterns.in(c, NetworkIdleRule::idleWaits)) {
            findings.error(GuardRule.NETWORKIDLE, a.hit().line(), "waits for 'networkidle': pages that poll, stream"
                    + " or keep a socket open never go idle, and an idle network says nothing about the element the"
                    + " test needs; wait for that element or the response it depends on");
        }
    }

    static List<AddedPatterns.Hit> idleWaits(Statement s) {
        List<AddedPatterns.Hit> hits = new ArrayList<>();
        for (Token t : s.tokens()) {
            if (t.isText() && t.value().startsWith("networkidle")) {
                hits.add(new AddedPatterns.Hit(s, "'" + t.value() + "'"));
            }
        }
        return hits;
    }
}
