package dev.smo1.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  @Test
  void generatedKeysHaveThePrefixAnd40Base62Characters() {
    var keys = new HashSet<String>();
    for (int i = 0; i < 1_000; i++) {
      String key = ApiKeys.generate();
      assertThat(key).matches("smo1_[0-9A-Za-z]{40}");
      keys.add(key);
    }
    assertThat(keys).hasSize(1_000);
  }

  @Test
  void hashIsTheHexSha256OfTheKey() {
    assertThat(ApiKeys.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
