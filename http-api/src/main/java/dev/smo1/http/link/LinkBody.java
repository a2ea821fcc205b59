package dev.smo1.http.link;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.smo1.link.LinkView;

/**
 * A link as the API returns it: the entity's view, less its owner (the caller), with its short URL.
 * The view's fields are written as they are, so a field added to the view reaches the API without a
 * copy here.
 */
record LinkBody(@JsonUnwrapped @JsonIgnoreProperties("owner") LinkView link, String shortUrl) {}
