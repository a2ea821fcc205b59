package dev.smo1.stripe.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FormParametersTest {

  @Test
  void bracketsNestHashesAndIndexedLists() {
    var params =
        FormParameters.parse(
            "mode=subscription&line_items[0][price]=price_a&line_items[0][quantity]=2"
                + "&line_items[1][price]=price_b&metadata[workspace]=w%201"
                + "&subscription_data[metadata][plan]=pro&success_url=https%3A%2F%2Fx%2F%3Fs%3D%7BCHECKOUT_SESSION_ID%7D");

    assertThat(params.required("mode")).isEqualTo("subscription");
    var items = params.list("line_items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).required("price")).isEqualTo("price_a");
    assertThat(items.get(0).integer("quantity")).contains(2L);
    assertThat(items.get(1).required("price")).isEqualTo("price_b");
    assertThat(items.get(1).qualified("price")).isEqualTo("line_items[1][price]");
    assertThat(params.stringMap("metadata"))
        .containsExactly(java.util.Map.entry("workspace", "w 1"));
    assertThat(params.nested("subscription_data").orElseThrow().stringMap("metadata"))
        .containsEntry("plan", "pro");
    assertThat(params.required("success_url")).isEqualTo("https://x/?s={CHECKOUT_SESSION_ID}");
  }

  @Test
  void emptyBracketsAppendAndIndicesReadInOrder() {
    assertThat(FormParameters.parse("expand[]=subscription&expand[]=customer").strings("expand"))
        .containsExactly("subscription", "customer");
    assertThat(FormParameters.parse("expand[1]=customer&expand[0]=subscription").strings("expand"))
        .containsExactly("subscription", "customer");
    assertThat(FormParameters.parse("expand%5B0%5D=subscription").strings("expand"))
        .containsExactly("subscription");
  }

  @Test
  void anEmptyMetadataValueIsKeptToUnsetTheKey() {
    assertThat(FormParameters.parse("metadata[plan]=").stringMap("metadata"))
        .containsEntry("plan", "");
  }

  @Test
  void malformedNamesGapsAndRepeatsAreRefused() {
    assertThatThrownBy(() -> FormParameters.parse("a[b=1"))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("Invalid parameter name");
    assertThatThrownBy(() -> FormParameters.parse("[a]=1")).isInstanceOf(ApiError.class);
    assertThatThrownBy(() -> FormParameters.parse("a=1&a=2"))
        .hasMessageContaining("more than once");
    assertThatThrownBy(() -> FormParameters.parse("a=1&a[b]=2")).isInstanceOf(ApiError.class);
    assertThatThrownBy(() -> FormParameters.parse("items[1][price]=p").list("items"))
        .hasMessageContaining("skips index 0");
  }

  @Test
  void unknownParametersAreNamedInFull() {
    var items = FormParameters.parse("items[0][id]=si_1&items[0][plan]=x").list("items");
    assertThatThrownBy(() -> items.getFirst().allowOnly(Set.of("id", "price")))
        .isInstanceOfSatisfying(
            ApiError.class,
            error -> {
              assertThat(error.status()).isEqualTo(400);
              assertThat(error.code()).contains("parameter_unknown");
              assertThat(error.param()).contains("items[0][plan]");
            });
  }

  @Test
  void theFingerprintIgnoresOrderButNotValues() {
    assertThat(FormParameters.parse("a=1&b[c]=2").fingerprint())
        .isEqualTo(FormParameters.parse("b[c]=2&a=1").fingerprint())
        .isNotEqualTo(FormParameters.parse("a=1&b[c]=3").fingerprint());
  }
}
