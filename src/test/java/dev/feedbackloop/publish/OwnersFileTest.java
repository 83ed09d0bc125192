package dev.feedbackloop.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OwnersFileTest {

    @Test
    void theLastMatchingLineWins_asInCodeowners() {
        OwnersFile owners = OwnersFile.parse("""
                # everything, unless a later line says otherwise
                *                       #qa
                tests/cart/             <@U024BE7LH>
                *.legacy.ts
                /tests/pay/**/smoke/    <!subteam^S0614TZR7> <#C024BE91L>
                """, "OWNERS");

        assertThat(owners.ownersOf("tests/home.spec.ts")).containsExactly("#qa");
        assertThat(owners.ownersOf("tests/cart/add.spec.ts")).containsExactly("<@U024BE7LH>");
        assertThat(owners.ownersOf("tests/cart/deep/more/add.spec.ts")).containsExactly("<@U024BE7LH>");
        assertThat(owners.ownersOf("tests/cart/old.legacy.ts")).as("a later line without owners unowns").isEmpty();
        assertThat(owners.ownersOf("tests/pay/eu/smoke/card.spec.ts"))
                .containsExactly("<!subteam^S0614TZR7>", "<#C024BE91L>");
        assertThat(owners.ownersOf("tests/pay/smoke/card.spec.ts")).as("** matches no folder too")
                .containsExactly("<!subteam^S0614TZR7>", "<#C024BE91L>");
        assertThat(owners.ownersOf("other/tests/pay/smoke/x.ts")).as("a leading / anchors").containsExactly("#qa");
    }

    @Test
    void patternsFollowCodeownersRules() {
        OwnersFile owners = OwnersFile.parse("""
                *.js        @js-owner
                docs/*      @docs
                apps/       @apps
                /build/logs/ @logs
                """, "OWNERS");

        assertThat(owners.ownersOf("src/deep/app.js")).as("no slash: any depth").containsExactly("@js-owner");
        assertThat(owners.ownersOf("docs/getting-started.md")).containsExactly("@docs");
        assertThat(owners.ownersOf("docs/build-app/troubleshooting.md")).as("dir/* is not recursive").isEmpty();
        assertThat(owners.ownersOf("web/apps/checkout/a.ts")).as("a folder name matches at any depth")
                .containsExactly("@apps");
        assertThat(owners.ownersOf("build/logs/today.log")).containsExactly("@logs");
        assertThat(owners.ownersOf("x/build/logs/today.log")).isEmpty();
        assertThat(owners.ownersOf("e2e.cart.CheckoutTest")).as("a suite with no file is matched as a path")
                .isEmpty();
        assertThat(OwnersFile.none().ownersOf("anything")).isEmpty();
    }

    @Test
    void aTypoIsRefusedWithItsLine_notSilentlyRoutingNothing() {
        assertThatThrownBy(() -> OwnersFile.parse("*  #qa\ntests/  alice\n", "shop OWNERS"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shop OWNERS line 2: 'alice' is not an owner; write <@U…>, <!subteam^S…>, <#C…>, @name or"
                        + " #channel");
        assertThatThrownBy(() -> OwnersFile.parse("!tests/ @a\n", "OWNERS")).hasMessageContaining("line 1")
                .hasMessageContaining("no negation");
        assertThatThrownBy(() -> OwnersFile.parse("* <!channel>\n", "OWNERS")).as("no @channel blasts")
                .hasMessageContaining("'<!channel>' is not an owner");
    }
}
