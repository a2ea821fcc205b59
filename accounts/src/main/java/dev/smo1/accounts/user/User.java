package dev.smo1.accounts.user;

import java.time.Instant;
import java.util.UUID;

/** A person with an account. The password hash never leaves the accounts module's stores. */
public record User(UUID id, String email, String name, boolean emailVerified, Instant createdAt) {}
